#include "read/list_numbering.hpp"

#include <algorithm>
#include <cstdlib>

namespace karta {
namespace {

int to_int(const std::optional<std::string>& s, int fallback) {
  if (!s || s->empty()) return fallback;
  char* end = nullptr;
  long v = std::strtol(s->c_str(), &end, 10);
  return (end && *end == '\0' && v > -100000 && v < 100000) ? static_cast<int>(v) : fallback;
}

std::string roman(int n, bool upper) {
  if (n <= 0 || n >= 4000) return std::to_string(n);
  static const std::pair<int, const char*> parts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                      {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                      {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"},
                                                      {1, "I"}};
  std::string out;
  for (auto [value, text] : parts)
    while (n >= value) out += text, n -= value;
  if (!upper)
    for (char& c : out) c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Word repeats the letter past the alphabet: a … z, aa … zz.
std::string letters(int n, const std::vector<std::string>& alphabet) {
  if (n <= 0) return std::to_string(n);
  const int size = static_cast<int>(alphabet.size());
  std::string out;
  for (int i = 0; i < (n - 1) / size + 1; ++i) out += alphabet[(n - 1) % size];
  return out;
}

const std::vector<std::string>& latin(bool upper) {
  static const std::vector<std::string> up = [] {
    std::vector<std::string> v;
    for (char c = 'A'; c <= 'Z'; ++c) v.emplace_back(1, c);
    return v;
  }();
  static const std::vector<std::string> low = [] {
    std::vector<std::string> v;
    for (char c = 'a'; c <= 'z'; ++c) v.emplace_back(1, c);
    return v;
  }();
  return upper ? up : low;
}

// Word's Russian sequence leaves out Ё, Й, Ъ, Ы, Ь.
const std::vector<std::string>& cyrillic(bool upper) {
  static const std::vector<std::string> up = {"А", "Б", "В", "Г", "Д", "Е", "Ж", "З", "И", "К", "Л",
                                              "М", "Н", "О", "П", "Р", "С", "Т", "У", "Ф", "Х", "Ц",
                                              "Ч", "Ш", "Щ", "Э", "Ю", "Я"};
  static const std::vector<std::string> low = {"а", "б", "в", "г", "д", "е", "ж", "з", "и", "к", "л",
                                               "м", "н", "о", "п", "р", "с", "т", "у", "ф", "х", "ц",
                                               "ч", "ш", "щ", "э", "ю", "я"};
  return upper ? up : low;
}

std::string format_number(int n, const std::string& format) {
  if (format == "upperRoman") return roman(n, true);
  if (format == "lowerRoman") return roman(n, false);
  if (format == "upperLetter") return letters(n, latin(true));
  if (format == "lowerLetter") return letters(n, latin(false));
  if (format == "russianUpper") return letters(n, cyrillic(true));
  if (format == "russianLower") return letters(n, cyrillic(false));
  if (format == "decimalZero") return (n < 10 ? "0" : "") + std::to_string(n);
  if (format == "none") return "";
  return std::to_string(n);
}

// Word 2003 numbers its formats (w:nfc) instead of naming them.
std::string format_from_nfc(int nfc) {
  switch (nfc) {
    case 0: return "decimal";
    case 1: return "upperRoman";
    case 2: return "lowerRoman";
    case 3: return "upperLetter";
    case 4: return "lowerLetter";
    case 22: return "decimalZero";
    case 23: return "bullet";
    case 255: return "none";
    default: return "decimal";
  }
}

// ODF's style:num-format: "1", "a", "A", "i", "I", Cyrillic "а"/"А", "" for none.
std::string format_from_odf(const std::string& f) {
  if (f == "1") return "decimal";
  if (f == "a") return "lowerLetter";
  if (f == "A") return "upperLetter";
  if (f == "i") return "lowerRoman";
  if (f == "I") return "upperRoman";
  if (f == "\xD0\xB0" || f.rfind("\xD0\xB0,", 0) == 0) return "russianLower";   // "а", "а, б, .. (ru)"
  if (f == "\xD0\x90" || f.rfind("\xD0\x90,", 0) == 0) return "russianUpper";
  if (f.empty()) return "none";
  return "decimal";
}

// Calls `on_element` for every element start inside the current element's subtree.
template <class F>
void each_element(XmlStream& xml, F on_element) {
  if (xml.is_empty_element()) return;
  const int base = xml.depth();
  while (xml.next()) {
    if (xml.depth() == base && xml.is_end()) return;
    if (xml.is_start()) on_element();
  }
}

}  // namespace

void ListNumbering::read_numbering(XmlStream& xml) {
  Abstract* abstract = nullptr;
  Instance* instance = nullptr;
  Level* level = nullptr;
  int override_level = -1;
  each_element(xml, [&] {
    std::string_view name = xml.local();
    if (name == "abstractNum") {
      abstract = &abstracts_[xml.attr("abstractNumId").value_or("")];
      instance = nullptr;
      level = nullptr;
    } else if (name == "num") {
      instance = &instances_[xml.attr("numId").value_or("")];
      abstract = nullptr;
      level = nullptr;
    } else if (name == "lvl" && abstract) {
      int i = to_int(xml.attr("ilvl"), 0);
      level = (i >= 0 && i < 9) ? &abstract->levels[static_cast<std::size_t>(i)] : nullptr;
    } else if (name == "abstractNumId" && instance) {
      instance->abstract_id = xml.attr("val").value_or("");
    } else if (name == "lvlOverride" && instance) {
      override_level = to_int(xml.attr("ilvl"), -1);
    } else if (name == "startOverride" && instance && override_level >= 0) {
      instance->start_overrides[override_level] = to_int(xml.attr("val"), 1);
    } else if (level && name == "start") {
      level->start = to_int(xml.attr("val"), 1);
    } else if (level && name == "numFmt") {
      level->format = xml.attr("val").value_or("decimal");
    } else if (level && name == "lvlText") {
      level->text = xml.attr("val").value_or("");
    }
  });
}

void ListNumbering::read_styles(XmlStream& xml) {
  std::string style;
  each_element(xml, [&] {
    std::string_view name = xml.local();
    if (name == "style") {
      style = xml.attr("styleId").value_or("");
    } else if (name == "numId" && !style.empty()) {
      style_lists_[style].first = xml.attr("val").value_or("");
    } else if (name == "ilvl" && !style.empty()) {
      style_lists_[style].second = to_int(xml.attr("val"), 0);
    }
  });
}

void ListNumbering::read_word2003_lists(XmlStream& xml) {
  Abstract* abstract = nullptr;
  Instance* instance = nullptr;
  Level* level = nullptr;
  each_element(xml, [&] {
    std::string_view name = xml.local();
    if (name == "listDef") {
      abstract = &abstracts_["w2003:" + xml.attr("listDefId").value_or("")];
      instance = nullptr;
      level = nullptr;
    } else if (name == "list") {
      instance = &instances_[xml.attr("ilfo").value_or("")];
      abstract = nullptr;
      level = nullptr;
    } else if (name == "ilst" && instance) {
      instance->abstract_id = "w2003:" + xml.attr("val").value_or("");
    } else if (name == "lvl" && abstract) {
      int i = to_int(xml.attr("ilvl"), 0);
      level = (i >= 0 && i < 9) ? &abstract->levels[static_cast<std::size_t>(i)] : nullptr;
    } else if (level && name == "start") {
      level->start = to_int(xml.attr("val"), 1);
    } else if (level && name == "nfc") {
      level->format = format_from_nfc(to_int(xml.attr("val"), 0));
    } else if (level && name == "lvlText") {
      level->text = xml.attr("val").value_or("");
    }
  });
}

void ListNumbering::read_odf_list_styles(XmlStream& xml) {
  constexpr std::string_view kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
  constexpr std::string_view kStyle = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
  Abstract* abstract = nullptr;
  each_element(xml, [&] {
    const std::string_view name = xml.local();
    if (xml.ns() != kText) return;
    if (name == "list-style") {
      const std::string id = "odf:" + xml.attr("name", kStyle).value_or("");
      abstract = &abstracts_[id];
      abstract->levels = {};
      instances_[id.substr(4)] = Instance{id, {}};
      counters_.erase(id);
    } else if (abstract && (name == "list-level-style-number" || name == "list-level-style-bullet")) {
      const int i = to_int(xml.attr("level", kText), 1) - 1;
      if (i < 0 || i >= 9) return;
      Level& level = abstract->levels[static_cast<std::size_t>(i)];
      if (name == "list-level-style-bullet") {
        level.format = "bullet";
        return;
      }
      level.format = format_from_odf(xml.attr("num-format", kStyle).value_or(""));
      level.start = to_int(xml.attr("start-value", kText), 1);
      // "1.1." is display-levels 2 with suffix ".": the upper levels' numbers
      // joined by dots, then the level's own, between prefix and suffix.
      const int shown = std::clamp(to_int(xml.attr("display-levels", kText), 1), 1, i + 1);
      std::string text = xml.attr("num-prefix", kStyle).value_or("");
      for (int k = i + 1 - shown; k <= i; ++k) {
        if (k > i + 1 - shown) text += '.';
        text += '%';
        text += static_cast<char>('1' + k);
      }
      level.text = text + xml.attr("num-suffix", kStyle).value_or("");
    }
  });
}

void ListNumbering::restart(const std::string& list) {
  auto inst = instances_.find(list);
  if (inst != instances_.end()) counters_.erase(inst->second.abstract_id);
}

bool ListNumbering::style_list(const std::string& style, std::string& list, int& level) const {
  auto it = style_lists_.find(style);
  if (it == style_lists_.end() || it->second.first.empty()) return false;
  list = it->second.first;
  level = it->second.second;
  return true;
}

std::string ListNumbering::next_label(const std::string& list, int level) {
  if (level < 0 || level > 8) return "";
  auto inst = instances_.find(list);
  if (inst == instances_.end()) return "";
  auto abs = abstracts_.find(inst->second.abstract_id);
  if (abs == abstracts_.end()) return "";
  const auto& levels = abs->second.levels;
  Counters& c = counters_[inst->second.abstract_id];
  auto start_of = [&](int l) {
    auto o = inst->second.start_overrides.find(l);
    return o != inst->second.start_overrides.end() ? o->second : levels[static_cast<std::size_t>(l)].start;
  };
  const auto lv = static_cast<std::size_t>(level);
  if (!c.started[lv]) {
    c.value[lv] = start_of(level);
    c.started[lv] = true;
  } else {
    ++c.value[lv];
  }
  for (std::size_t deeper = lv + 1; deeper < 9; ++deeper) c.started[deeper] = false;

  const Level& def = levels[lv];
  if (def.format == "none") return "";
  if (def.format == "bullet") return "•";
  std::string out;
  const std::string& pattern = def.text;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
      const int ref = pattern[i + 1] - '1';
      const auto r = static_cast<std::size_t>(ref);
      int value = c.started[r] ? c.value[r] : start_of(ref);
      out += format_number(value, levels[r].format);
      ++i;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

}  // namespace karta
