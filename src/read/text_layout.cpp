#include "read/text_layout.hpp"

#include <algorithm>

#include "model/utf8.hpp"

namespace karta::text {
namespace {

bool starts_with_any(std::string_view s, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (s.substr(0, p.size()) == p) return true;
  return false;
}

// Box-drawing characters live in U+2500..U+257F (three UTF-8 bytes E2 94/95 xx).
bool is_box_char(std::string_view s, std::size_t at) {
  return at + 2 < s.size() && static_cast<unsigned char>(s[at]) == 0xE2 &&
         (static_cast<unsigned char>(s[at + 1]) == 0x94 || static_cast<unsigned char>(s[at + 1]) == 0x95);
}

bool only_box_chars(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == ' ' || s[i] == '\t') {
      ++i;
    } else if (is_box_char(s, i)) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

std::vector<std::string> split_on(std::string_view line, std::string_view sep) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    std::size_t at = line.find(sep, start);
    if (at == std::string_view::npos) {
      cells.push_back(trim(line.substr(start)));
      return cells;
    }
    cells.push_back(trim(line.substr(start, at - start)));
    start = at + sep.size();
  }
}

}  // namespace

std::string fold_dashes(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    // — – ‒ (E2 80 92..94) and ─ ━ ═ (E2 94 80/81, E2 95 90) drawn as rules
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (i + 2 < s.size() && b(0) == 0xE2 &&
        ((b(1) == 0x80 && b(2) >= 0x92 && b(2) <= 0x94) || (b(1) == 0x94 && b(2) <= 0x81) ||
         (b(1) == 0x95 && b(2) == 0x90))) {
      out += '-';
      i += 3;
    } else {
      out += s[i++];
    }
  }
  return out;
}

std::string trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  // NBSP (C2 A0) at either end is layout too.
  while (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
  while (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
  return std::string(s);
}

int count_nonempty(const std::vector<std::string>& cells) {
  return static_cast<int>(std::count_if(cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); }));
}

LineKind classify(std::string_view line) {
  std::string t = trim(line);
  if (t.empty()) return LineKind::blank;
  bool has_tab = line.find('\t') != std::string_view::npos;
  std::size_t pipes = static_cast<std::size_t>(std::count(t.begin(), t.end(), '|'));
  // Rules drawn with ASCII or typographic dashes: `--|---`, `+----+----+`, `|———|———|`.
  const std::string folded = fold_dashes(t);
  std::size_t dashes = static_cast<std::size_t>(std::count(folded.begin(), folded.end(), '-'));
  if ((has_tab || pipes > 0 || folded.front() == '+') && dashes >= 2 &&
      folded.find_first_not_of("-=:+| \t") == std::string::npos)
    return LineKind::separator;
  if (starts_with_any(t, {"│", "║", "┃"})) return LineKind::box_content;
  if (starts_with_any(t, {"┌", "├", "└", "╔", "╠", "╚", "╟", "┝", "┏", "┣", "┗"}) && only_box_chars(t))
    return LineKind::box_border;
  if (has_tab) return LineKind::tab_row;
  if (pipes >= 2 || (pipes == 1 && t.front() == '|' && t.size() > 1)) return LineKind::pipe_row;
  if (pipes == 1 && t.back() == '|') return LineKind::cell_line;   // a lone "|" is an empty cell
  return LineKind::text;
}

std::vector<std::string> split_tabs(std::string_view line) {
  while (!line.empty() && (line.back() == '\r')) line.remove_suffix(1);
  return split_on(line, "\t");
}

std::vector<std::string> split_pipes(std::string_view line) {
  std::string t = trim(line);
  std::string_view v = t;
  if (!v.empty() && v.front() == '|') v.remove_prefix(1);
  if (!v.empty() && v.back() == '|') v.remove_suffix(1);
  return split_on(v, "|");
}

std::vector<std::string> split_box(std::string_view line) {
  std::string t = trim(line);
  // Every vertical bar of either weight separates cells.
  std::string unified;
  for (std::size_t i = 0; i < t.size();) {
    if (t.compare(i, 3, "│") == 0 || t.compare(i, 3, "║") == 0 || t.compare(i, 3, "┃") == 0) {
      unified += '\x1F';
      i += 3;
    } else {
      unified += t[i++];
    }
  }
  std::vector<std::string> cells = split_on(unified, "\x1F");
  if (!cells.empty() && cells.front().empty()) cells.erase(cells.begin());
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

std::string strip_cell_marker(std::string_view line) {
  std::string t = trim(line);
  if (!t.empty() && t.back() == '|') t.pop_back();
  return trim(t);
}

bool continues_previous_row(const std::vector<std::string>& cells) {
  for (const std::string& cell : cells) {
    if (cell.empty()) continue;
    const char c = cell.front();
    if (c == ',' || c == ';' || c == ')' || c == ':') return true;
    if (cell.compare(0, 2, "»") == 0) return true;
    return starts_lowercase(cell);
  }
  return false;
}

}  // namespace karta::text
