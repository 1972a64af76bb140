// Words a PDF renderer broke with no hyphen. A word too long for its
// column (a narrow cell, "Мероприя" / "тие") is cut where the line is full
// and goes on at the start of the next; the text layer has two words. A
// line's last word is mended with the next line's first only when:
//   - the two together are a Russian word and one of them is not
//     ("Организа" / "ция", "Норматив" / "ное"; hunspell with Debian's
//     hunspell-ru, loaded once, when first needed), or
//   - both pieces are no word and the next line is one more piece that
//     fills its line ("Системоо" / "бразующ" / "ее"), or
//   - the document's own words say so: the piece is never seen whole (with
//     a word after it on its line) and, with the next letter, starts a word
//     the document has ("Минобраз" / "ование" beside "Минобразование").
// Without the dictionary only the last applies.
#pragma once

#include <string>
#include <vector>

#include "read/pdf_layout.hpp"

namespace karta {

class WordMender {
 public:
  explicit WordMender(const std::vector<PdfPage>& pages);

  // `cell` is the text so far, its last line one word that filled the line;
  // `line` the next line's text. `line_filled`: that line is one word that
  // fills it too (the break may go on).
  bool mends(const std::string& cell, const std::string& line, bool line_filled) const;

  // Whether hunspell-ru is there to consult (tests and diagnostics).
  static bool has_dictionary();

 private:
  bool document_says(const std::string& head, const std::string& tail) const;
  std::size_t count(const std::string& key) const;

  std::vector<std::string> keys_;    // every word, keyed, sorted
  std::vector<std::string> whole_;   // words seen with a word after them on their line
};

}  // namespace karta
