// PDF with a text layer, through Debian's poppler-cpp in the karta-poppler
// module (read/pdf_text_layer): each page's words with their boxes and font
// sizes, laid out into paragraphs and tables by read/pdf_layout. A PDF
// without any text is a scan and fails (OCR is not ours to do); one that
// needs a password fails; poppler's own complaints about a damaged file go
// to the diagnostics, not to stderr.
#include <climits>

#include "model/loadable_module.hpp"
#include "model/work_limits.hpp"
#include "read/pdf_layout.hpp"
#include "read/pdf_rulings.hpp"
#include "read/pdf_text_layer.hpp"
#include "read/readers.hpp"

namespace karta {
namespace {

// A scan has no text on its first pages; a page count this large of pages
// with none is not worth reading on.
constexpr int kEmptyPagesBeforeGivingUp = 200;
constexpr int kMaxPages = 20000;

// Borders are found at this resolution: a 0.5 pt line is one pixel (line
// mode "solid"), and a cell's padding two or three.
constexpr double kRulingDpi = 72;
// A page larger than this (a poster, or a hostile MediaBox) is not rendered:
// its tables are laid out from the words alone.
constexpr double kMaxRulingPixels = 16e6;

class PageBudget final : public PdfPageSink {
 public:
  void before_page() override { check_time_budget("reading PDF pages"); }
  bool wants_bitmap(const PdfPage& p) override {
    const double pixels = p.width * p.height * (kRulingDpi / 72) * (kRulingDpi / 72);
    return !p.words.empty() && pixels > 0 && pixels <= kMaxRulingPixels;
  }
  std::vector<PdfRuling> rulings(const PageBitmap& bitmap, const PdfPage& page) override {
    return find_rulings(bitmap, page.words);
  }
  bool go_on(const std::vector<PdfPage>& pages) override {
    words_ += pages.back().words.size();
    return !(words_ == 0 && static_cast<int>(pages.size()) >= kEmptyPagesBeforeGivingUp);
  }
  std::size_t words() const { return words_; }

 private:
  std::size_t words_ = 0;
};

}  // namespace

void read_pdf(std::string_view bytes, const std::string& file, const ReadOptions& /*options*/, Document& out,
              Diagnostics& diagnostics) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ReadError(ErrorKind::too_large, file, "a PDF over 2 GB");
  ReadPdfTextLayer read_layer = nullptr;
  try {
    read_layer = reinterpret_cast<ReadPdfTextLayer>(module_symbol(kPdfTextLayerModule, kPdfTextLayerSymbol));
  } catch (const ModuleUnavailable& e) {
    throw ReadError(ErrorKind::unsupported_format, file, std::string("PDF cannot be read here: ") + e.what());
  }
  PageBudget budget;
  PdfTextLayer layer;
  read_layer(bytes, kMaxPages, kRulingDpi, budget, layer);
  switch (layer.outcome) {
    case PdfTextLayer::Outcome::read: break;
    case PdfTextLayer::Outcome::unreadable:
      throw ReadError(ErrorKind::unsupported_format, file, "not a readable PDF: poppler cannot open it (damaged cross-reference table or trailer)");
    case PdfTextLayer::Outcome::locked:
      throw ReadError(ErrorKind::encrypted_entry, file, "an encrypted PDF: it needs a password to open");
    case PdfTextLayer::Outcome::no_pages: throw ReadError(ErrorKind::unsupported_format, file, "a PDF without pages");
    case PdfTextLayer::Outcome::too_many_pages:
      throw ReadError(ErrorKind::too_large, file,
                      std::to_string(layer.page_count) + " pages, over the " + std::to_string(kMaxPages) + "-page limit");
  }
  if (budget.words() == 0)
    throw ReadError(ErrorKind::unsupported_format, file, "no text layer: the PDF is a scan; OCR is not supported");
  lay_out_pdf(layer.pages, out);
  if (layer.complaints > 0)
    diagnostics.push_back({Level::warning, "pdf.damaged",
                           "poppler reported " + std::to_string(layer.complaints) +
                               " problem(s) in the file's structure; the text may be incomplete",
                           ""});
}

}  // namespace karta
