// How one line of a plain-text export is laid out: the table layouts of
// DESIGN.md §2 (tab-separated, `a | b |` pipe rows, one cell per line ending
// in ` |`, box drawing) and the lines around them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace karta::text {

enum class LineKind {
  blank,
  separator,     // `--|---|---`, `-- \t ---`: noise between rows
  tab_row,       // cells separated by tabs
  pipe_row,      // `a | b | c |`
  cell_line,     // `Наименование мероприятия |`: one cell of a one-cell-per-line export
  box_border,    // `┌───┬───┐`, `├───┼───┤`, `└───┴───┘`
  box_content,   // `│ a │ b │`
  text,
};

LineKind classify(std::string_view line);

std::vector<std::string> split_tabs(std::string_view line);
std::vector<std::string> split_pipes(std::string_view line);
std::vector<std::string> split_box(std::string_view line);
std::string strip_cell_marker(std::string_view line);   // "text |" → "text"

// After a page break, a row whose first non-empty cell starts in lower case
// (or with closing punctuation) continues the cells of the row before it.
bool continues_previous_row(const std::vector<std::string>& cells);

std::string trim(std::string_view s);
// Typographic and box-drawing dashes (— – ─ ═) as '-', for telling rules from text.
std::string fold_dashes(std::string_view s);
int count_nonempty(const std::vector<std::string>& cells);

}  // namespace karta::text
