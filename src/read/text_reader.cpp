// Plain text → Document: paragraphs, and tables rebuilt from the layouts
// legal-database exports use. A page break inside a table shows up as a blank
// line followed by a row that continues the previous row's cells; section
// headings between rows ("Направление 2") become rows spanning the table.
#include <algorithm>
#include <optional>

#include "model/work_limits.hpp"
#include "read/readers.hpp"
#include "read/text_decoder.hpp"
#include "read/text_layout.hpp"

namespace karta {
namespace {

using text::LineKind;

struct Line {
  std::string text;
  int number = 0;
  LineKind kind = LineKind::blank;
};

struct PendingRow {
  std::vector<std::string> cells;
  int first = 0;
  int last = 0;
  bool spanning = false;   // one cell across the whole table
  std::vector<int> cell_lines;   // one-cell-per-line exports: the line that ends each cell
};

constexpr std::size_t kMaxSectionLine = 300;   // longer text between rows is prose, not a heading
constexpr std::size_t kMaxSectionLines = 3;

// Bytes of the dash-like character at s[i] (- = — – ─ ═), 0 for any other.
std::size_t dash_at(const std::string& s, std::size_t i) {
  if (s[i] == '-' || s[i] == '=') return 1;
  if (i + 2 < s.size() && text::fold_dashes(s.substr(i, 3)) == "-") return 3;
  return 0;
}

// A box table collapsed onto one line (`|——|——| | N | Мероприятие | |——|——| | 1 | …`):
// the runs of rule characters are its borders; what lies between them are
// its physical lines. Nothing when the line holds fewer than two borders.
std::vector<std::string> collapsed_box_lines(const std::string& line) {
  std::vector<std::pair<std::size_t, std::size_t>> borders;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t j = i, dashes = 0;
    while (j < line.size()) {
      if (const std::size_t n = dash_at(line, j)) {
        j += n;
        ++dashes;
      } else if (line[j] == '+' || line[j] == '|') {
        ++j;
      } else {
        break;
      }
    }
    if (dashes >= 3) borders.emplace_back(i, j);
    i = j > i ? j : i + 1;
  }
  if (borders.size() < 2) return {};
  std::vector<std::string> out;
  std::size_t width = 0;   // the header's cells: the first segment's
  // A row's physical lines run together as "… | | …": with the header's
  // width w, w·k + (k−1) cells whose junctions are empty are k lines.
  auto add_segment = [&](std::string segment) {
    segment = text::trim(segment);
    if (segment.empty()) return;
    const std::vector<std::string> cells = text::split_pipes(segment);
    if (width == 0) width = cells.size();
    const std::size_t k = (cells.size() + 1) / (width + 1);
    bool joined = width > 0 && k > 1 && cells.size() == width * k + k - 1;
    for (std::size_t j = 1; joined && j < k; ++j) joined = cells[j * (width + 1) - 1].empty();
    if (!joined) {
      out.push_back((segment.front() == '|' ? "" : "| ") + segment + (segment.back() == '|' ? "" : " |"));
      return;
    }
    for (std::size_t j = 0; j < k; ++j) {
      std::string physical = "|";
      for (std::size_t c = 0; c < width; ++c) physical += " " + cells[j * (width + 1) + c] + " |";
      out.push_back(physical);
    }
  };
  std::size_t at = 0;
  for (const auto& [from, to] : borders) {
    add_segment(line.substr(at, from - at));
    out.push_back("+---+");   // the border, as a rule line
    at = to;
  }
  add_segment(line.substr(at));
  return out;
}

std::vector<Line> split_lines(const std::string& text, const std::string& file, const ReadOptions& options) {
  // Counted before any line is made: past the limit the input fails before
  // it costs memory, and under it the vector is allocated once, not doubled.
  const std::size_t breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
                             static_cast<std::size_t>(std::count(text.begin(), text.end(), '\f'));
  if (breaks + 1 > options.max_lines)
    throw ReadError(ErrorKind::too_large, file, "more than " + std::to_string(options.max_lines) + " lines (the limit)");
  std::vector<Line> lines;
  lines.reserve(breaks + 1);
  std::size_t start = 0;
  int number = 1;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n\f", start);
    if (end == std::string::npos) end = text.size();
    if (end - start > options.max_line_bytes)
      throw ReadError(ErrorKind::too_large, file,
                      "line " + std::to_string(number) + " is longer than the " +
                          std::to_string(options.max_line_bytes) + "-byte line limit");
    if (static_cast<std::size_t>(number) > options.max_lines)
      throw ReadError(ErrorKind::too_large, file, "more than " + std::to_string(options.max_lines) + " lines (the limit)");
    Line line;
    line.text = text.substr(start, end - start);
    line.number = number++;
    line.kind = text::classify(line.text);
    const std::vector<std::string> unfolded =
        line.kind == LineKind::pipe_row ? collapsed_box_lines(line.text) : std::vector<std::string>{};
    for (const std::string& part : unfolded) lines.push_back({part, line.number, text::classify(part)});
    if (unfolded.empty()) lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
  }
  while (!lines.empty() && lines.back().kind == LineKind::blank) lines.pop_back();
  return lines;
}

void merge_into(PendingRow& row, const std::vector<std::string>& cells, int line) {
  if (row.cells.size() < cells.size()) row.cells.resize(cells.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    if (cells[c].empty()) continue;
    row.cells[c] += row.cells[c].empty() ? cells[c] : " " + cells[c];
  }
  row.last = line;
}

class TextAssembler {
 public:
  TextAssembler(std::vector<Line> lines, Document& out, Diagnostics& diagnostics)
      : lines_(std::move(lines)), out_(out), diagnostics_(diagnostics) {
    std::size_t blank = 0, prose = 0;
    for (const Line& l : lines_) {
      if (l.kind == LineKind::blank) ++blank;
      if (l.kind == LineKind::text) ++prose;
    }
    blank_separated_ = blank * 4 >= prose;
  }

  void run() {
    std::size_t i = 0;
    while (i < lines_.size()) {
      const Line& line = lines_[i];
      switch (line.kind) {
        case LineKind::blank:
        case LineKind::separator:
          ++i;
          break;
        case LineKind::tab_row:
        case LineKind::pipe_row:
          i = starts_grid_table(i) ? grid_table(i) : paragraph(i);
          break;
        case LineKind::cell_line:
          i = cell_table(i);
          break;
        case LineKind::box_border:
        case LineKind::box_content:
          i = box_table(i);
          break;
        case LineKind::text: {
          const std::size_t end = bar_separated_cells(i);
          i = end > i ? end : paragraph(i);
          break;
        }
      }
    }
  }

 private:
  std::vector<std::string> cells_of(const Line& line) const {
    return line.kind == LineKind::tab_row ? text::split_tabs(line.text) : text::split_pipes(line.text);
  }

  bool starts_grid_table(std::size_t i) const { return text::count_nonempty(cells_of(lines_[i])) >= 2; }

  // A line that a paragraph may hold: prose, or a tab/pipe line too thin to start a table.
  bool paragraph_line(std::size_t i) const {
    LineKind k = lines_[i].kind;
    if (k == LineKind::text || k == LineKind::separator) return true;
    return (k == LineKind::tab_row || k == LineKind::pipe_row) && !starts_grid_table(i);
  }

  std::size_t paragraph(std::size_t i) {
    Paragraph p;
    p.pos.line_first = lines_[i].number;
    std::size_t j = i;
    do {
      std::string t = text::trim(lines_[j].text);
      if (!t.empty()) p.text += (p.text.empty() ? "" : "\n") + t;
      p.pos.line_last = lines_[j].number;
      ++j;
    } while (blank_separated_ && j < lines_.size() && paragraph_line(j));
    p.pos.index = static_cast<int>(out_.blocks.size());
    if (!p.text.empty()) {
      count_paragraph();
      out_.blocks.emplace_back(std::move(p));
    }
    return j;
  }

  std::size_t grid_table(std::size_t i) {
    const LineKind family = lines_[i].kind;
    // The border style is the table's, read from its first row: where rows
    // do not open with "|", a row that does has an empty first cell; where
    // rows close with "|", a line that does not continues on the next line.
    const std::string first = text::trim(lines_[i].text);
    const bool opens = family == LineKind::pipe_row && first.front() == '|';
    const bool closes = family == LineKind::pipe_row && first.back() == '|';
    auto row_cells = [&](const std::string& text) {
      std::vector<std::string> cells = text::split_pipes(text);
      if (family == LineKind::pipe_row && !opens && text::trim(text).front() == '|') cells.insert(cells.begin(), "");
      return cells;
    };
    // A box table draws a rule between its rows, so a row's cells may run
    // over several lines: with two rules or more between its content lines,
    // the lines from one rule to the next are one row.
    bool boxed = false;
    {
      int rules = 0, content = 0, pending_rules = 0;
      for (std::size_t k = i; k < lines_.size(); ++k) {
        const LineKind kind = lines_[k].kind;
        if (kind == LineKind::separator) {
          if (content > 0) ++pending_rules;
        } else if (kind == family) {
          ++content;
          rules += pending_rules;
          pending_rules = 0;
        } else if (kind != LineKind::blank) {
          break;
        }
      }
      boxed = family == LineKind::pipe_row && rules >= 2;
    }
    bool row_open = false;   // boxed: a content line since the last rule
    std::vector<PendingRow> rows;
    std::vector<std::size_t> held;   // prose lines that may be section rows
    std::size_t width = 0;
    bool after_blank = false;
    std::size_t j = i;
    while (j < lines_.size()) {
      const Line& line = lines_[j];
      if (line.kind == LineKind::blank) {
        after_blank = true;
        ++j;
        continue;
      }
      if (line.kind == LineKind::separator) {
        row_open = false;
        ++j;
        continue;
      }
      // In a table whose rows close with "|", a line with a "|" inside that does
      // not close is the first line of a row broken over several.
      const bool broken_row = closes && line.kind == LineKind::text && line.text.find('|') != std::string::npos;
      if (line.kind == family || broken_row) {
        std::string text = line.text;
        std::size_t last = j;
        while (closes && text::trim(text).back() != '|' && last + 1 < lines_.size() && last - j < kMaxSectionLines * 4 &&
               (lines_[last + 1].kind == LineKind::pipe_row || lines_[last + 1].kind == LineKind::text))
          text += " " + text::trim(lines_[++last].text);
        if (text::trim(text).back() != '|') {
          text = line.text;
          last = j;
        }
        std::vector<std::string> cells = family == LineKind::pipe_row ? row_cells(text) : cells_of(line);
        if (text::count_nonempty(cells) == 0) {
          ++j;
          continue;
        }
        if (!held.empty()) {
          if (cells.size() != width) break;   // another table follows the prose
          for (std::size_t h : held)
            rows.push_back({{text::trim(lines_[h].text)}, lines_[h].number, lines_[h].number, true, {}});
          held.clear();
          rows.push_back({cells, line.number, lines_[last].number, false, {}});
        } else if (boxed && row_open && !rows.empty()) {
          merge_into(rows.back(), cells, lines_[last].number);
        } else if (after_blank && !rows.empty() && !rows.back().spanning && text::continues_previous_row(cells)) {
          merge_into(rows.back(), cells, lines_[last].number);
        } else {
          rows.push_back({cells, line.number, lines_[last].number, false, {}});
        }
        row_open = true;
        width = std::max(width, cells.size());
        after_blank = false;
        j = last + 1;
        continue;
      }
      if (line.kind == LineKind::text && held.size() < kMaxSectionLines &&
          text::trim(line.text).size() <= kMaxSectionLine) {
        held.push_back(j);
        after_blank = false;
        ++j;
        continue;
      }
      break;
    }
    if (!held.empty()) j = held.front();
    if (rows.size() < 2) return paragraph(i);
    emit_table(rows, width);
    return j;
  }

  // The cells a line of a one-cell-per-line export holds: "text |" is one,
  // "text | ||||" is the text and four empty cells (a merged section row),
  // "||||" four empty cells. Nothing for any other line.
  std::optional<std::vector<std::string>> cell_line_cells(const Line& line) const {
    if (line.kind == LineKind::cell_line) return std::vector<std::string>{text::strip_cell_marker(line.text)};
    if (line.kind != LineKind::pipe_row) return std::nullopt;
    const std::string t = text::trim(line.text);
    const std::size_t bar = t.find('|');
    if (t.back() != '|' || t.find_first_not_of("| \t", bar) != std::string::npos) return std::nullopt;
    std::vector<std::string> cells;
    if (bar > 0) cells.push_back(text::trim(t.substr(0, bar)));
    const std::size_t bars = static_cast<std::size_t>(std::count(t.begin() + static_cast<long>(bar), t.end(), '|'));
    cells.resize(cells.size() + bars - (bar > 0 ? 1 : 0));
    return cells;
  }

  std::size_t cell_table(std::size_t i) {
    std::vector<PendingRow> rows;
    std::size_t width = 0;
    std::size_t j = i;
    while (j < lines_.size()) {
      // One blank-separated group of lines is a row when its last line ends a cell.
      std::size_t end = j;
      while (end < lines_.size() && lines_[end].kind != LineKind::blank) ++end;
      if (end == j || !cell_line_cells(lines_[end - 1])) break;
      std::vector<std::string> cells;
      std::vector<int> cell_lines;
      std::string buffer;
      for (std::size_t k = j; k < end; ++k) {
        if (auto found = cell_line_cells(lines_[k])) {
          buffer += (*found)[0];
          cells.push_back(text::trim(buffer));
          buffer.clear();
          cells.insert(cells.end(), found->begin() + 1, found->end());
          cell_lines.resize(cells.size(), lines_[k].number);
        } else {
          buffer += text::trim(lines_[k].text) + " ";   // a line with no "|" continues the next cell
        }
      }
      if (!rows.empty() && !rows.back().spanning && text::continues_previous_row(cells)) {
        merge_into(rows.back(), cells, lines_[end - 1].number);
      } else {
        rows.push_back({cells, lines_[j].number, lines_[end - 1].number, false, cell_lines});
      }
      width = std::max(width, cells.size());
      j = end;
      while (j < lines_.size() && lines_[j].kind == LineKind::blank) ++j;
    }
    if (rows.size() == 1 && rows.front().cells.size() >= 4) {
      // No blank line between rows: the row boundaries are lost here and
      // found again by the roadmap stage from the header.
      emit_cell_stream(rows.front());
      return j;
    }
    if (rows.size() < 2) return paragraph(i);
    for (PendingRow& r : rows) r.spanning = r.cells.size() == 1 && width > 1;
    emit_table(rows, width);
    return j;
  }

  static bool lone_bar(const Line& line) { return text::trim(line.text) == "|"; }

  // Cells separated by lines holding only "|", a cell's text over one or
  // more lines, blank lines (where present) between rows: handed on as a
  // stream of cells, like a one-cell-per-line export. Returns i when the
  // lines from i are not laid out so (fewer than four separators).
  std::size_t bar_separated_cells(std::size_t i) {
    std::size_t k = i;
    while (k < lines_.size() && lines_[k].kind == LineKind::text && k - i < kMaxSectionLines) ++k;
    if (k >= lines_.size() || !lone_bar(lines_[k])) return i;
    PendingRow stream{{}, lines_[i].number, lines_[i].number, false, {}};
    std::string cell;
    std::size_t j = i, end = i;
    while (j < lines_.size()) {
      const Line& line = lines_[j];
      if (lone_bar(line)) {
        stream.cells.push_back(text::trim(cell));
        stream.cell_lines.push_back(line.number);
        stream.last = line.number;
        cell.clear();
        end = ++j;
      } else if (line.kind == LineKind::blank && cell.empty()) {
        ++j;
      } else if (line.kind == LineKind::text) {
        cell += (cell.empty() ? "" : " ") + text::trim(line.text);
        ++j;
      } else {
        break;
      }
    }
    if (stream.cells.size() < 4) return i;
    emit_cell_stream(stream);
    return end;
  }

  void emit_cell_stream(const PendingRow& pending) {
    Table table;
    table.cell_stream = true;
    table.columns = 1;
    table.pos.line_first = pending.first;
    table.pos.line_last = pending.last;
    table.pos.index = static_cast<int>(out_.blocks.size());
    Row row;
    row.pos = table.pos;
    for (std::size_t k = 0; k < pending.cells.size(); ++k) {
      Cell cell;
      cell.text = pending.cells[k];
      cell.grid_col = static_cast<int>(k);
      cell.pos = row.pos;
      if (k < pending.cell_lines.size()) cell.pos.line_first = cell.pos.line_last = pending.cell_lines[k];
      cell.pos.index = static_cast<int>(k);
      row.cells.push_back(std::move(cell));
      count_cells(1);
      check_time_budget("reading a text table");
    }
    // The row and cell limits apply to the rows the roadmap stage cuts.
    table.columns = static_cast<int>(row.cells.size());
    table.rows.push_back(std::move(row));
    out_.blocks.emplace_back(std::move(table));
    ++tables_emitted_;
  }

  std::size_t box_table(std::size_t i) {
    std::vector<PendingRow> rows;
    std::optional<PendingRow> current;
    std::size_t width = 0;
    bool page_break = false;
    auto flush = [&] {
      if (!current) return;
      if (page_break && !rows.empty() && text::continues_previous_row(current->cells)) {
        merge_into(rows.back(), current->cells, current->last);
      } else {
        rows.push_back(std::move(*current));
      }
      page_break = false;
      current.reset();
    };
    std::size_t j = i;
    while (j < lines_.size()) {
      const Line& line = lines_[j];
      if (line.kind == LineKind::blank) {
        std::size_t k = j;
        while (k < lines_.size() && lines_[k].kind == LineKind::blank) ++k;
        if (k == lines_.size() || (lines_[k].kind != LineKind::box_border && lines_[k].kind != LineKind::box_content))
          break;
        page_break = true;
        j = k;
        continue;
      }
      if (line.kind == LineKind::box_border) {
        flush();
        ++j;
        continue;
      }
      if (line.kind != LineKind::box_content) break;
      std::vector<std::string> parts = text::split_box(line.text);
      if (!current) current = PendingRow{{}, line.number, line.number, false, {}};
      merge_into(*current, parts, line.number);
      width = std::max(width, parts.size());
      ++j;
    }
    flush();
    if (rows.empty()) return j;
    emit_table(rows, width);
    return j;
  }

  void emit_table(std::vector<PendingRow>& rows, std::size_t width) {
    Table table;
    table.columns = static_cast<int>(width);
    table.pos.line_first = rows.front().first;
    table.pos.line_last = rows.back().last;
    table.pos.index = static_cast<int>(out_.blocks.size());
    for (PendingRow& pending : rows) {
      Row row;
      row.pos.line_first = pending.first;
      row.pos.line_last = pending.last;
      row.pos.index = static_cast<int>(table.rows.size());
      // A row of several cells but fewer than the table's: its cells may
      // have shifted left, and nobody would see it after the padding.
      if (!pending.spanning && pending.cells.size() > 1 && pending.cells.size() < width)
        diagnostics_.push_back({Level::warning, "row.cell_count",
                                "the row has " + std::to_string(pending.cells.size()) + " cells, the table " +
                                    std::to_string(width) + ": cells may have shifted",
                                "table " + std::to_string(tables_emitted_ + 1) + ", row " +
                                    std::to_string(table.rows.size() + 1) + ", line " + std::to_string(pending.first)});
      if (!pending.spanning) pending.cells.resize(width);
      int col = 0;
      for (std::string& text : pending.cells) {
        Cell cell;
        cell.text = std::move(text);
        cell.grid_col = col;
        cell.col_span = pending.spanning ? static_cast<int>(width) : 1;
        cell.pos = row.pos;
        cell.pos.index = static_cast<int>(row.cells.size());
        col += cell.col_span;
        row.cells.push_back(std::move(cell));
      }
      check_table_size(table.rows.size() + 1, row.cells.size());
      count_cells(row.cells.size());
      check_time_budget("reading a text table");
      table.rows.push_back(std::move(row));
    }
    out_.blocks.emplace_back(std::move(table));
    ++tables_emitted_;
  }

  std::vector<Line> lines_;
  Document& out_;
  Diagnostics& diagnostics_;
  int tables_emitted_ = 0;
  bool blank_separated_ = true;
};

}  // namespace

void read_text(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
               std::string& encoding, Diagnostics& diagnostics) {
  DecodedText decoded = decode_text(bytes, diagnostics);
  encoding = decoded.encoding;
  TextAssembler(split_lines(decoded.utf8, file, options), out, diagnostics).run();
}

}  // namespace karta
