#include "roadmap/cell_stream.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>

#include "model/numbers.hpp"
#include "model/work_limits.hpp"

namespace karta {
namespace {

constexpr std::size_t kMaxHeaderCell = 200;    // longer text is not a column heading
constexpr std::size_t kMaxParagraphCell = 4000;

std::string trimmed(const std::string& s) {
  const std::size_t a = s.find_first_not_of(" \t\n");
  if (a == std::string::npos) return "";
  return s.substr(a, s.find_last_not_of(" \t\n") - a + 1);
}

// "1", "1.", "2.3", "2.3.1.", "IV." — a row's own number, never a year or a count.
bool row_number(const std::string& cell, std::vector<int>* key = nullptr) {
  static const RE2 arabic(R"(^(\d{1,3}(?:\.\d{1,3}){0,3})\.?$)");
  static const RE2 roman(R"(^[IVXLC]{1,6}\.?$)");
  const std::string t = trimmed(cell);
  std::string digits;
  if (RE2::FullMatch(t, arabic, &digits)) {
    if (key) {
      key->clear();
      std::size_t start = 0;
      while (start <= digits.size()) {
        std::size_t dot = digits.find('.', start);
        if (dot == std::string::npos) dot = digits.size();
        key->push_back(parse_int(digits.substr(start, dot - start)).value_or(0));
        start = dot + 1;
      }
    }
    return true;
  }
  return RE2::FullMatch(t, roman);
}

const Rule* column_role(const std::string& cell, const RuleSet& rules) {
  const std::string t = trimmed(cell);
  if (t.empty() || t.size() > kMaxHeaderCell) return nullptr;
  return rules.first("roadmap.columns", t);
}

struct Header {
  std::size_t width = 0;   // N
  std::size_t end = 0;     // index of the first cell after the header (and a column-number row)
  bool numbered = false;   // the first column numbers the rows
};

std::optional<Header> find_header(const std::vector<std::string>& cells, const RuleSet& rules) {
  if (cells.empty()) return std::nullopt;
  const Rule* first = column_role(cells[0], rules);
  if (!first) return std::nullopt;
  Header h;
  h.numbered = first->value == "number";
  bool measure = false;
  std::size_t i = 0;
  if (h.numbered) {
    // Everything up to the first row number is heading (columns outside the
    // vocabulary, «Источники финансирования», included).
    for (; i < cells.size() && !row_number(cells[i]); ++i) {
      if (trimmed(cells[i]).size() > kMaxHeaderCell) return std::nullopt;
      if (const Rule* r = column_role(cells[i], rules); r && (r->value == "measure" || r->value == "system_measure"))
        measure = true;
    }
  } else {
    // A heading above the table can speak the vocabulary too («План
    // мероприятий»): a run that meets a number column, or a role twice, opens
    // later, at the cell that starts it.
    std::set<std::string> roles;
    for (; i < cells.size(); ++i) {
      const Rule* r = column_role(cells[i], rules);
      if (!r) break;
      if (r->value == "number" || !roles.insert(r->value).second) return std::nullopt;
      measure = measure || r->value == "measure" || r->value == "system_measure";
    }
  }
  h.width = i;
  if (h.width < 3 || !measure || i >= cells.size()) return std::nullopt;
  // A column-number row "1 2 3 … N" under the header.
  bool numbers = i + h.width <= cells.size();
  for (std::size_t k = 0; numbers && k < h.width; ++k) numbers = trimmed(cells[i + k]) == std::to_string(k + 1);
  h.end = numbers ? i + h.width : i;
  return h;
}

bool successor(const std::vector<int>& current, const std::vector<int>& next) {
  return !next.empty() && next != current && std::lexicographical_compare(current.begin(), current.end(), next.begin(), next.end());
}

// Cuts cells[h.end…] into rows; returns the index after the last cell used.
std::size_t cut_rows(const std::vector<Cell>& cells, const std::vector<std::string>& texts, const Header& h,
                     bool stop_at_prose, Table& table) {
  const int width = static_cast<int>(h.width);
  auto add_row = [&](std::size_t from, std::size_t to, bool spanning) {
    Row row;
    row.pos = cells[from].pos;
    row.pos.line_last = cells[to - 1].pos.line_last;
    row.pos.index = static_cast<int>(table.rows.size());
    for (std::size_t k = from; k < to; ++k) {
      Cell c = cells[k];
      c.grid_col = static_cast<int>(k - from);
      c.col_span = spanning ? width : 1;
      c.row_span = 1;
      c.pos.index = static_cast<int>(row.cells.size());
      row.cells.push_back(std::move(c));
      if (spanning) break;
    }
    table.rows.push_back(std::move(row));
    check_table_size(table.rows.size(), table.rows.back().cells.size());
  };
  std::size_t i = h.end;
  while (i < cells.size()) {
    std::vector<int> key;
    const bool numbered_row = row_number(texts[i], &key);
    if (h.numbered && !numbered_row) {
      // A section: alone (one paragraph), or with the empty fillers of its row.
      std::size_t fillers = 0;
      while (fillers + 1 < h.width && i + 1 + fillers < cells.size() && trimmed(texts[i + 1 + fillers]).empty()) ++fillers;
      const std::size_t next = i + 1 + fillers;
      if (stop_at_prose && (next >= cells.size() || !row_number(texts[next]))) break;   // the table has ended
      if (trimmed(texts[i]).empty() && fillers + 1 < h.width) {
        ++i;
        continue;
      }
      add_row(i, i + 1, true);
      i = next;
      continue;
    }
    std::size_t end = std::min(cells.size(), i + h.width);
    if (h.numbered) {
      // A row cut short (an empty cell the export left out) ends at the next row's number.
      for (std::size_t k = i + 1; k < end; ++k) {
        std::vector<int> next;
        if (row_number(texts[k], &next) && successor(key, next) && k + 1 < cells.size() && !row_number(texts[k + 1])) {
          end = k;
          break;
        }
      }
    } else if (end - i == h.width) {
      bool fillers = true;
      for (std::size_t k = i + 1; k < end; ++k) fillers = fillers && trimmed(texts[k]).empty();
      if (fillers && !trimmed(texts[i]).empty()) {
        add_row(i, i + 1, true);
        i = end;
        continue;
      }
    }
    add_row(i, end, false);
    i = end;
  }
  return i;
}

std::optional<Table> build(const std::vector<Cell>& cells, const RuleSet& rules, bool stop_at_prose, std::size_t* used) {
  std::vector<std::string> texts;
  texts.reserve(cells.size());
  for (const Cell& c : cells) texts.push_back(c.text);
  const auto header = find_header(texts, rules);
  if (!header) return std::nullopt;
  Table table;
  table.columns = static_cast<int>(header->width);
  table.pos = cells.front().pos;
  Row head;
  head.pos = cells.front().pos;
  for (std::size_t k = 0; k < header->width; ++k) {
    Cell c = cells[k];
    c.grid_col = static_cast<int>(k);
    c.col_span = c.row_span = 1;
    c.pos.index = static_cast<int>(k);
    head.cells.push_back(std::move(c));
  }
  table.rows.push_back(std::move(head));
  const std::size_t end = cut_rows(cells, texts, *header, stop_at_prose, table);
  if (table.rows.size() < 2) return std::nullopt;
  if (used) *used = end;
  return table;
}

}  // namespace

std::optional<Table> rows_from_cell_stream(const std::vector<Cell>& cells, const RuleSet& rules) {
  return build(cells, rules, /*stop_at_prose=*/false, nullptr);
}

std::optional<Table> table_from_paragraphs(const std::vector<Block>& blocks, std::size_t start, const RuleSet& rules,
                                           std::size_t& consumed) {
  const auto* first = std::get_if<Paragraph>(&blocks[start]);
  if (!first || !column_role(first->text, rules)) return std::nullopt;
  std::vector<Cell> cells;
  auto collect = [&](std::size_t limit) {
    for (std::size_t b = start + cells.size(); b < blocks.size() && cells.size() < limit; ++b) {
      const auto* p = std::get_if<Paragraph>(&blocks[b]);
      if (!p || p->text.size() > kMaxParagraphCell) return;
      Cell c;
      c.text = p->label.empty() ? p->text : p->label + " " + p->text;
      c.pos = p->pos;
      cells.push_back(std::move(c));
    }
  };
  // The header must show within the first paragraphs; only then is the run
  // read to its end (so prose that mentions «Срок» costs nothing).
  collect(40);
  std::vector<std::string> head;
  for (const Cell& c : cells) head.push_back(c.text);
  if (!find_header(head, rules)) return std::nullopt;
  collect(blocks.size());
  std::size_t used = 0;
  auto table = build(cells, rules, /*stop_at_prose=*/true, &used);
  if (!table) return std::nullopt;
  // A last row cut off by prose after the table keeps only what it had.
  consumed = used;
  return table;
}

}  // namespace karta
