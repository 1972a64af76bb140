// Tables whose row boundaries the export lost, cut into rows here, where the
// column vocabulary (rules/roadmap.yaml, group roadmap.columns) is known:
//   - one cell per line ending " |" with no blank line between rows (ГАРАНТ):
//     the text reader hands them over as one Table row with cell_stream set;
//   - each cell its own paragraph, no delimiters (docs.cntd.ru): a run of
//     paragraphs that starts with a header.
// The header is the leading run of cells in the column vocabulary (with a
// number column, everything up to the first row number); its length N is the
// row width. Rows are cut every N cells, re-synced on row numbers ("1.",
// "2.3") when the table has a number column, and a cell with no number of its
// own is a section row (with the N-1 empty cells a filler gives it, if any).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "karta/document.hpp"
#include "karta/rules.hpp"

namespace karta {

// The cells as a table with rows, or nothing when they do not open with a
// roadmap header (N >= 3 with a measure column) followed by a data row.
std::optional<Table> rows_from_cell_stream(const std::vector<Cell>& cells, const RuleSet& rules);

// The paragraphs from blocks[start] on as such a table; `consumed` is how
// many blocks it took. Nothing when blocks[start] does not open a header.
std::optional<Table> table_from_paragraphs(const std::vector<Block>& blocks, std::size_t start, const RuleSet& rules,
                                           std::size_t& consumed);

}  // namespace karta
