// Ruling lines of a PDF page: the borders a table's cells are drawn with,
// found on the page rendered to a grey bitmap, the way camelot's "lattice"
// mode finds them (poppler-cpp gives text and pixels, not vector paths).
// Long straight runs of dark pixels are lines; a run inside a word's box
// is a glyph's stroke or an underscore, not a border. Cells come from the
// lines: a table is a set of lines that cross, its columns and rows are the
// distinct x of its vertical lines and y of its horizontal ones, and a
// boundary that is missing between two grid cells is a merge.
#pragma once

#include <vector>

#include "read/pdf_layout.hpp"

namespace karta {

// A grey bitmap of one page: `stride` bytes a row, 0 black, 255 white, at
// `points_per_pixel` (72 / dpi).
struct PageBitmap {
  const unsigned char* pixels = nullptr;
  int width = 0, height = 0, stride = 0;
  double points_per_pixel = 1;
};

// The page's horizontal and vertical lines, in points, thick ones (several
// pixel rows) as one line at their middle, lines inside a word's box left out.
std::vector<PdfRuling> find_rulings(const PageBitmap& page, const std::vector<PdfWord>& words);

// A table drawn with borders. Boundaries: `xs` left to right, `ys` top to
// bottom (the outer ones included even where the outer border is not
// drawn); `vertical[r][i]` says a line separates columns i-1 and i over grid
// row r (i in 1 … xs.size()-2), `horizontal[j][c]` that one separates rows
// j-1 and j over grid column c.
struct RuledGrid {
  std::vector<double> xs, ys;
  std::vector<std::vector<bool>> vertical, horizontal;
  double left() const { return xs.front(); }
  double right() const { return xs.back(); }
  double top() const { return ys.front(); }
  double bottom() const { return ys.back(); }
  std::size_t columns() const { return xs.size() - 1; }
  std::size_t rows() const { return ys.size() - 1; }
};

// The grids the lines draw: each set of crossing lines with at least two
// columns and two rows, top to bottom; none on a page of over 2,000 lines
// (a drawing, not tables).
std::vector<RuledGrid> ruled_grids(const std::vector<PdfRuling>& rulings);

}  // namespace karta
