// Paragraphs and tables rebuilt from the words of a PDF's text layer, the
// way camelot does it: a table drawn with borders takes its cells from the
// ruling lines (read/pdf_rulings, "lattice" mode); one without, the way
// tabula's and camelot's "stream" mode does it:
//   - words on one baseline are a line; a line with a wide gap is a
//     candidate table line, and a run of them (with the lines between) a
//     table region;
//   - the region's columns are the whitespace gutters no word crosses;
//   - rows start where the column with the most separate text blocks (the
//     "spine": usually the measure column) starts a block; a block of
//     another column that overlaps several rows spans them; a line that
//     crosses gutters alone is a section row spanning the table;
//   - a region at the top of a page whose columns match the table ending
//     the page before continues it: its repeated header is dropped and a
//     row split by the page break is joined;
//   - other lines become paragraphs at vertical gaps, indents and short
//     (centred or ended) lines; page numbers in the margins are dropped.
#pragma once

#include <string>
#include <vector>

#include "karta/document.hpp"

namespace karta {

struct PdfWord {
  std::string text;            // UTF-8
  double x0 = 0, x1 = 0;       // points, from the page's left edge
  double top = 0, bottom = 0;  // points, from the page's top edge
  double size = 0;             // font size, or the box height when unknown
};

// A straight line drawn on the page (a table border), in points.
struct PdfRuling {
  bool horizontal = true;
  double at = 0;               // y of a horizontal line, x of a vertical one
  double from = 0, to = 0;     // its extent along the other axis
};

struct PdfPage {
  double width = 0, height = 0;
  std::vector<PdfWord> words;
  std::vector<PdfRuling> rulings = {};   // empty when the page was not rendered
};

// Appends the pages' paragraphs and tables to `out`, in reading order.
void lay_out_pdf(const std::vector<PdfPage>& pages, Document& out);

}  // namespace karta
