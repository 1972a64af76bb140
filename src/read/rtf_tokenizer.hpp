// The lexical layer of RTF (Microsoft's RTF 1.9.1 specification, §"RTF
// syntax"): groups, control words with their optional signed parameter,
// control symbols, \'hh bytes, \binN data and runs of plain text. Line ends
// in the file are not text. Limits the reader relies on: a control word of
// at most 32 letters, a parameter of at most 10 digits, \binN never past the
// end of the input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace karta {

struct RtfToken {
  enum class Kind { group_open, group_close, word, symbol, hex, text, binary, end };
  Kind kind = Kind::end;
  std::string_view text;     // word: its name; text: the run; binary: the data
  int param = 0;             // word: its parameter (0 without one)
  bool has_param = false;
  char symbol = 0;           // symbol: the character after the backslash ('~', '-', '*', '\\' …)
  unsigned char byte = 0;    // hex: the byte \'hh gives
  int line = 1;              // where the token starts
};

class RtfTokenizer {
 public:
  RtfTokenizer(std::string_view bytes, const std::string& file) : bytes_(bytes), file_(file) {}
  // The next token; Kind::end at the end of the input. Throws ReadError on
  // what the grammar cannot hold (an overlong word, \bin past the end).
  RtfToken next();
  std::size_t offset() const { return at_; }

 private:
  RtfToken control();
  std::string_view bytes_;
  const std::string& file_;
  std::size_t at_ = 0;
  int line_ = 1;
};

}  // namespace karta
