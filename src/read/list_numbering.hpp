// Automatic numbering of paragraphs (Word lists), rendered as text.
//
// In roadmap tables the "N п/п" column is often Word auto-numbering rather
// than typed text; without rendering it the column is empty. Definitions come
// from numbering.xml (OOXML) or w:lists (Word 2003); counters advance in
// document order, as Word renders them.
#pragma once

#include <array>
#include <map>
#include <string>

#include "read/xml_stream.hpp"

namespace karta {

class ListNumbering {
 public:
  // Consume the subtree of the current element (w:numbering, w:styles, w:lists).
  void read_numbering(XmlStream& xml);     // OOXML numbering part
  void read_styles(XmlStream& xml);        // OOXML styles part: numbering attached to styles
  void read_word2003_lists(XmlStream& xml);
  // ODF: every text:list-style in the current element's subtree
  // (office:styles, office:automatic-styles) becomes a list of that name.
  void read_odf_list_styles(XmlStream& xml);

  // ODF starts a list's count again at each new text:list that does not say
  // it continues the one before.
  void restart(const std::string& list);

  // Numbering a style carries, for paragraphs that name no list themselves.
  bool style_list(const std::string& style, std::string& list, int& level) const;

  // The label of the next paragraph in list `list` (numId / ilfo) at `level`;
  // "" when the list is unknown or its level has no visible number.
  std::string next_label(const std::string& list, int level);

 private:
  struct Level {
    int start = 1;
    std::string format = "decimal";   // decimal, upperRoman, lowerRoman, upperLetter, lowerLetter, bullet, none …
    std::string text;                 // "%1.%2."
  };
  struct Abstract {
    std::array<Level, 9> levels;
  };
  struct Instance {
    std::string abstract_id;
    std::map<int, int> start_overrides;
  };
  struct Counters {
    std::array<int, 9> value{};
    std::array<bool, 9> started{};
  };

  std::map<std::string, Abstract> abstracts_;
  std::map<std::string, Instance> instances_;
  std::map<std::string, Counters> counters_;                      // by abstract id
  std::map<std::string, std::pair<std::string, int>> style_lists_; // style id → (list, level)
};

}  // namespace karta
