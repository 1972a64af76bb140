// The document model: the only thing later stages see of an input.
//
// A Document is a sequence of blocks (paragraphs and tables) in reading order.
// Readers (text, DOCX, Word XML) build it; normalisation, roadmap
// reconstruction and extraction read it. Text is UTF-8, as the document wrote
// it (no normalisation here), with '\n' for line breaks inside a paragraph and
// '\t' for tabs.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

namespace karta {

// Where a block came from. Text inputs fill the line range; XML inputs fill
// the part name and the element index (n-th body element, n-th row, n-th cell).
struct SourcePos {
  std::string part;     // "word/document.xml", "" for plain text
  int line_first = 0;   // 1-based; 0 when unknown
  int line_last = 0;
  int index = -1;       // element / row / cell index within its parent; -1 when unknown
};

struct Paragraph {
  std::string text;
  std::string label;   // rendered automatic numbering ("1.2."), "" when none
  std::string style;   // style id or name where the format has one
  std::string align;   // "left", "center", "right", "both", "" when unknown
  SourcePos pos;
};

struct Table;

struct Cell {
  std::string text;              // paragraphs of the cell joined by '\n'
  int grid_col = 0;              // first grid column the cell occupies
  int row_span = 1;              // > 1 for a vertically merged cell (DOCX vMerge)
  int col_span = 1;              // > 1 for a horizontally merged cell (gridSpan)
  bool header = false;           // part of a repeated header row
  std::vector<Table> tables;     // nested tables, in order
  SourcePos pos;
};

struct Row {
  std::vector<Cell> cells;       // cells covered by a vertical merge from above are absent
  bool header = false;
  SourcePos pos;
};

struct Table {
  int columns = 0;               // width of the grid
  // The input lost the row boundaries (one cell per line with no blank line
  // between rows): one row holds every cell in order, and the roadmap stage
  // cuts it into rows by the header's column vocabulary.
  bool cell_stream = false;
  std::vector<Row> rows;
  SourcePos pos;
};

using Block = std::variant<Paragraph, Table>;

struct Document {
  std::vector<Block> blocks;
};

// The table as a grid of texts: one string per grid column, the text of a
// spanned cell at its first column and "" at the columns and rows it covers.
// Used to compare tables across formats and by the roadmap stage.
std::vector<std::vector<std::string>> table_grid(const Table& table);

}  // namespace karta
