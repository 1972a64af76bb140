// What the PDF reader asks of poppler, behind the karta-poppler module
// (model/loadable_module): each page's size and words with their boxes,
// and the page drawn as a grey bitmap for its ruling lines. The module
// holds only poppler calls; the page budget, the time budget and the
// finding of lines are the reader's, through PdfPageSink, so the module
// needs none of karta's code and a process that reads no PDF never loads
// poppler.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "read/pdf_layout.hpp"
#include "read/pdf_rulings.hpp"

namespace karta {

class PdfPageSink {
 public:
  virtual ~PdfPageSink() = default;
  // Before each page: may throw (the time budget), which ends the read.
  virtual void before_page() = 0;
  // Whether the page of these words and size is worth drawing for rulings.
  virtual bool wants_bitmap(const PdfPage& page) = 0;
  // The lines of a page drawn at `dpi` (its words in `page`).
  virtual std::vector<PdfRuling> rulings(const PageBitmap& bitmap, const PdfPage& page) = 0;
  // After each page: false stops the read there (a scan, pages without words).
  virtual bool go_on(const std::vector<PdfPage>& pages_so_far) = 0;
};

struct PdfTextLayer {
  enum class Outcome { read, unreadable, locked, no_pages, too_many_pages };
  Outcome outcome = Outcome::read;
  int page_count = 0;       // the document's, read or not
  int complaints = 0;       // problems poppler reported in the file's structure
  std::vector<PdfPage> pages;
};

// The module's entry point, named kPdfTextLayerSymbol.
using ReadPdfTextLayer = void (*)(std::string_view bytes, int max_pages, double dpi, PdfPageSink& sink, PdfTextLayer& out);
inline constexpr const char* kPdfTextLayerModule = "karta-poppler";
inline constexpr const char* kPdfTextLayerSymbol = "karta_read_pdf_text_layer_v1";

}  // namespace karta
