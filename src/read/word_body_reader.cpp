#include "read/word_body_reader.hpp"

#include "model/work_limits.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace karta {
namespace {

constexpr std::string_view kTransitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
constexpr std::string_view kWord2003 = "http://schemas.microsoft.com/office/word/2003/wordml";
constexpr std::string_view kMarkupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006";

bool truthy(const std::optional<std::string>& v) {
  return !v || (*v != "0" && *v != "false" && *v != "off");
}

int positive(const std::optional<std::string>& v, int fallback) {
  if (!v) return fallback;
  try {
    int n = std::stoi(*v);
    return n > 0 && n <= 1000 ? n : fallback;
  } catch (...) {
    return fallback;
  }
}

enum class Merge { none, restart, next };

Merge merge_of(const std::optional<std::string>& v) {
  if (v && *v == "restart") return Merge::restart;
  return Merge::next;   // no value, or "continue"
}

struct OpenParagraph {
  Paragraph paragraph;
  std::string list;
  int level = 0;
};

struct OpenCell {
  Cell cell;
  std::vector<std::string> paragraphs;
  Merge vertical = Merge::none;
  Merge horizontal = Merge::none;
};

struct OpenTable {
  Table table;
  int grid_cols = 0;
  bool in_grid = false;
  std::optional<Row> row;
  int grid_pos = 0;
  bool row_declares_grid = false;   // gridBefore/gridAfter given: a short row is meant to be short
  std::vector<bool> short_rows;     // per row: covers fewer grid columns and says nothing about it
  std::optional<OpenCell> cell;
  // Per grid column: the cell a vertical merge started in (row, cell index).
  std::unordered_map<int, std::pair<std::size_t, std::size_t>> merge_origin;
};

class BodyReader {
 public:
  BodyReader(XmlStream& xml, ListNumbering& lists, Document& out) : xml_(xml), lists_(lists), out_(out) {}

  void run() {
    if (xml_.is_empty_element()) return;
    const int base = xml_.depth();
    bool more = xml_.next();
    while (more) {
      if (xml_.is_end() && xml_.depth() == base) break;
      if (xml_.is_start()) {
        if (skipped()) {
          more = xml_.skip();
          continue;
        }
        if (is_wordprocessing_ns(xml_.ns())) {
          start(xml_.local());
          if (xml_.is_empty_element()) end(xml_.local());
        }
      } else if (xml_.is_end()) {
        if (is_wordprocessing_ns(xml_.ns())) end(xml_.local());
      } else if (xml_.is_text() && in_text_ && !paragraphs_.empty()) {
        paragraphs_.back().paragraph.text += xml_.value();
      }
      more = xml_.next();
    }
  }

 private:
  // Deleted text, field instructions, fallbacks that repeat their choice, and
  // tracked property changes are not the document's text.
  bool skipped() const {
    std::string_view name = xml_.local();
    if (xml_.ns() == kMarkupCompatibility) return name == "Fallback";
    if (!is_wordprocessing_ns(xml_.ns())) return false;
    static const std::unordered_map<std::string_view, bool> names = {
        {"del", true},     {"moveFrom", true}, {"delText", true},  {"instrText", true},
        {"sectPr", true},  {"fonts", true},    {"styles", true},   {"docPr", true},
        {"binData", true}, {"delInstrText", true}, {"footnotePr", true}, {"endnotePr", true}};
    if (names.count(name)) return true;
    return name.size() > 6 && name.substr(name.size() - 6) == "Change";
  }

  OpenParagraph* paragraph() { return paragraphs_.empty() ? nullptr : &paragraphs_.back(); }
  OpenTable* table() { return tables_.empty() ? nullptr : &tables_.back(); }
  OpenCell* cell() {
    OpenTable* t = table();
    return t && t->cell ? &*t->cell : nullptr;
  }
  void append(std::string_view s) {
    if (OpenParagraph* p = paragraph()) p->paragraph.text += s;
  }

  void start(std::string_view name) {
    OpenParagraph* p = paragraph();
    if (name == "p") {
      OpenParagraph open;
      open.paragraph.pos.part = xml_.part();
      open.paragraph.pos.line_first = open.paragraph.pos.line_last = xml_.line();
      paragraphs_.push_back(std::move(open));
    } else if (name == "pPr") {
      ++in_paragraph_props_;
    } else if (name == "r") {
      ++in_run_;
    } else if (name == "t") {
      in_text_ = true;
    } else if (p && in_paragraph_props_ > 0 && name == "pStyle") {
      p->paragraph.style = xml_.attr("val").value_or("");
    } else if (p && in_paragraph_props_ > 0 && name == "jc") {
      p->paragraph.align = xml_.attr("val").value_or("");
    } else if (p && in_paragraph_props_ > 0 && (name == "numId" || name == "ilfo")) {
      p->list = xml_.attr("val").value_or("");
    } else if (p && in_paragraph_props_ > 0 && name == "ilvl") {
      p->level = positive(xml_.attr("val"), 0);
    } else if (name == "tab" && in_run_ > 0 && in_paragraph_props_ == 0) {
      append("\t");
    } else if ((name == "br" || name == "cr") && in_run_ > 0) {
      append("\n");
    } else if (name == "noBreakHyphen") {
      append("-");
    } else if (name == "tbl") {
      OpenTable t;
      t.table.pos.part = xml_.part();
      t.table.pos.line_first = xml_.line();
      tables_.push_back(std::move(t));
    } else if (name == "tblGrid" && table()) {
      table()->in_grid = true;
    } else if (name == "gridCol" && table() && table()->in_grid) {
      ++table()->grid_cols;
    } else if (name == "tr" && table()) {
      OpenTable* t = table();
      t->row.emplace();
      t->row->pos.part = xml_.part();
      t->row->pos.index = static_cast<int>(t->table.rows.size());
      t->row->pos.line_first = xml_.line();
      t->grid_pos = 0;
      t->row_declares_grid = false;
    } else if (name == "tblHeader" && table() && table()->row && !cell()) {
      table()->row->header = truthy(xml_.attr("val"));
    } else if (name == "gridBefore" && table() && table()->row && !cell()) {
      table()->grid_pos = positive(xml_.attr("val"), 0);
      table()->row_declares_grid = true;
    } else if (name == "gridAfter" && table() && table()->row && !cell()) {
      table()->row_declares_grid = true;
    } else if (name == "tc" && table() && table()->row) {
      OpenTable* t = table();
      t->cell.emplace();
      t->cell->cell.grid_col = t->grid_pos;
      t->cell->cell.pos.part = xml_.part();
      t->cell->cell.pos.index = static_cast<int>(t->row->cells.size());
      t->cell->cell.pos.line_first = xml_.line();
    } else if (name == "gridSpan" && cell()) {
      cell()->cell.col_span = positive(xml_.attr("val"), 1);
    } else if ((name == "vMerge" || name == "vmerge") && cell()) {
      cell()->vertical = merge_of(xml_.attr("val"));
    } else if ((name == "hMerge" || name == "hmerge") && cell()) {
      cell()->horizontal = merge_of(xml_.attr("val"));
    } else if (name == "lists") {
      lists_.read_word2003_lists(xml_);
    }
  }

  void end(std::string_view name) {
    if (name == "p") {
      close_paragraph();
    } else if (name == "pPr") {
      --in_paragraph_props_;
    } else if (name == "r") {
      --in_run_;
    } else if (name == "t") {
      in_text_ = false;
    } else if (name == "tblGrid" && table()) {
      table()->in_grid = false;
    } else if (name == "tc") {
      close_cell();
    } else if (name == "tr") {
      close_row();
    } else if (name == "tbl") {
      close_table();
    }
  }

  void close_paragraph() {
    if (paragraphs_.empty()) return;
    OpenParagraph open = std::move(paragraphs_.back());
    paragraphs_.pop_back();
    Paragraph& p = open.paragraph;
    std::string list = open.list;
    int level = open.level;
    if (list.empty() && !p.style.empty()) lists_.style_list(p.style, list, level);
    if (!list.empty() && list != "0") p.label = lists_.next_label(list, level);
    if (OpenCell* c = cell()) {
      std::string text = p.label.empty() ? p.text : (p.text.empty() ? p.label : p.label + " " + p.text);
      if (!text.empty()) c->paragraphs.push_back(std::move(text));
      return;
    }
    p.pos.index = static_cast<int>(out_.blocks.size());
    count_paragraph();
    out_.blocks.emplace_back(std::move(p));
  }

  void close_cell() {
    OpenTable* t = table();
    if (!t || !t->cell || !t->row) return;
    OpenCell open = std::move(*t->cell);
    t->cell.reset();
    Cell& c = open.cell;
    for (const std::string& para : open.paragraphs) {
      if (!c.text.empty()) c.text += '\n';
      c.text += para;
    }
    Row& row = *t->row;
    t->grid_pos = c.grid_col + c.col_span;

    if (open.horizontal == Merge::next && !row.cells.empty()) {   // Word 2003 horizontal merge
      Cell& left = row.cells.back();
      left.col_span += c.col_span;
      if (!c.text.empty()) left.text += (left.text.empty() ? "" : "\n") + c.text;
      return;
    }
    if (open.vertical == Merge::next) {
      auto origin = t->merge_origin.find(c.grid_col);
      if (origin != t->merge_origin.end()) {
        Cell& top = t->table.rows[origin->second.first].cells[origin->second.second];
        ++top.row_span;
        t->row_declares_grid = true;   // it marks its merges, so it is not short
        if (!c.text.empty()) top.text += (top.text.empty() ? "" : "\n") + c.text;
        return;
      }
    }
    const std::size_t index = row.cells.size();
    for (int col = c.grid_col; col < c.grid_col + c.col_span; ++col) t->merge_origin.erase(col);
    if (open.vertical == Merge::restart) t->merge_origin[c.grid_col] = {t->table.rows.size(), index};
    row.cells.push_back(std::move(c));
  }

  void close_row() {
    OpenTable* t = table();
    if (!t || !t->row) return;
    if (t->cell) close_cell();
    Row row = std::move(*t->row);
    t->row.reset();
    for (Cell& c : row.cells) c.header = row.header;
    t->short_rows.push_back(!t->row_declares_grid);
    check_table_size(t->table.rows.size() + 1, row.cells.size());
    count_cells(row.cells.size());
    t->table.rows.push_back(std::move(row));
  }

  void close_table() {
    if (tables_.empty()) return;
    if (tables_.back().row) close_row();
    OpenTable open = std::move(tables_.back());
    tables_.pop_back();
    Table& t = open.table;
    t.columns = open.grid_cols;
    for (const Row& r : t.rows)
      for (const Cell& c : r.cells) t.columns = std::max(t.columns, c.grid_col + c.col_span);
    restore_dropped_merges(t, open.short_rows);
    if (OpenCell* c = cell()) {
      c->cell.tables.push_back(std::move(t));
      return;
    }
    t.pos.index = static_cast<int>(out_.blocks.size());
    out_.blocks.emplace_back(std::move(t));
  }

  // Some writers (LibreOffice's Word 2003 export) leave out the cells a
  // vertical merge covers instead of marking them: the row is short by its
  // leading columns. Such a row continues the merged cells above it.
  // One pass: per grid column, the last cell that covered it, so a merge
  // over 32,000 rows costs no walk back up the table (it was quadratic).
  static void restore_dropped_merges(Table& t, const std::vector<bool>& may_be_short) {
    struct Cover {
      std::size_t row = 0, cell = 0;
      bool any = false;
    };
    std::vector<Cover> cover;
    auto note = [&](std::size_t r) {
      for (std::size_t i = 0; i < t.rows[r].cells.size(); ++i) {
        const Cell& c = t.rows[r].cells[i];
        if (c.grid_col < 0) continue;
        const std::size_t end = static_cast<std::size_t>(c.grid_col) + static_cast<std::size_t>(std::max(c.col_span, 1));
        if (cover.size() < end) cover.resize(end);
        for (std::size_t col = static_cast<std::size_t>(c.grid_col); col < end; ++col)
          if (!cover[col].any || cover[col].row != r) cover[col] = {r, i, true};   // the first in its row, as Word reads it
      }
    };
    // The cell covering `col` in row `row`: the last one noted there, if its span reaches down to it.
    auto covering = [&](std::size_t row, int col) -> Cell* {
      if (col < 0 || static_cast<std::size_t>(col) >= cover.size() || !cover[col].any) return nullptr;
      Cell& c = t.rows[cover[col].row].cells[cover[col].cell];
      return static_cast<int>(row - cover[col].row) < c.row_span ? &c : nullptr;
    };
    if (!t.rows.empty()) note(0);
    for (std::size_t r = 1; r < t.rows.size(); ++r) {
      check_time_budget("restoring a table's merged cells");
      Row& row = t.rows[r];
      if (may_be_short[r] && !row.cells.empty() && row.cells.front().grid_col == 0) {
        int covered = 0;
        for (const Cell& c : row.cells) covered += c.col_span;
        const int missing = t.columns - covered;
        if (missing > 0 && covered > 1) {
          std::vector<Cell*> above;
          for (int col = 0; col < missing;) {
            Cell* origin = covering(r - 1, col);
            if (!origin) break;
            above.push_back(origin);
            col = origin->grid_col + origin->col_span;
          }
          if (!above.empty() && above.back()->grid_col + above.back()->col_span == missing) {
            for (Cell* origin : above) ++origin->row_span;
            for (Cell& c : row.cells) c.grid_col += missing;
          }
        }
      }
      note(r);
    }
  }

  XmlStream& xml_;
  ListNumbering& lists_;
  Document& out_;
  std::vector<OpenParagraph> paragraphs_;
  std::vector<OpenTable> tables_;
  int in_paragraph_props_ = 0;
  int in_run_ = 0;
  bool in_text_ = false;
};

}  // namespace

bool is_wordprocessing_ns(std::string_view ns) {
  return ns == kTransitional || ns == kStrict || ns == kWord2003;
}

void read_word_body(XmlStream& xml, ListNumbering& lists, Document& out) {
  BodyReader(xml, lists, out).run();
}

}  // namespace karta
