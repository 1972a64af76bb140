// PDF with a text layer, through Debian's poppler-cpp: each page's words
// with their boxes and font sizes (page::text_list), laid out into
// paragraphs and tables by read/pdf_layout. A PDF without any text is a
// scan and fails (OCR is not ours to do); one that needs a password fails;
// poppler's own complaints about a damaged file go to the diagnostics, not
// to stderr.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <mutex>

#include "model/work_limits.hpp"
#include "read/pdf_layout.hpp"
#include "read/pdf_rulings.hpp"
#include "read/readers.hpp"

namespace karta {
namespace {

// A scan has no text on its first pages; a page count this large of pages
// with none is not worth reading on.
constexpr int kEmptyPagesBeforeGivingUp = 200;
constexpr int kMaxPages = 20000;

thread_local int poppler_complaints = 0;

void count_complaint(const std::string&, void*) { ++poppler_complaints; }

// Borders are found at this resolution: a 0.5 pt line is one pixel (line
// mode "solid"), and a cell's padding two or three.
constexpr double kRulingDpi = 72;
// A page larger than this (a poster, or a hostile MediaBox) is not rendered:
// its tables are laid out from the words alone.
constexpr double kMaxRulingPixels = 16e6;

// The page's ruling lines, from the page drawn without antialiasing.
std::vector<PdfRuling> rulings_of(const poppler::page& page, const poppler::page_renderer& renderer,
                                  const std::vector<PdfWord>& words) {
  const poppler::image img = renderer.render_page(&page, kRulingDpi, kRulingDpi);
  if (!img.is_valid() || img.format() != poppler::image::format_gray8) return {};
  PageBitmap bitmap;
  bitmap.pixels = reinterpret_cast<const unsigned char*>(img.const_data());
  bitmap.width = img.width();
  bitmap.height = img.height();
  bitmap.stride = img.bytes_per_row();
  bitmap.points_per_pixel = 72.0 / kRulingDpi;
  return find_rulings(bitmap, words);
}

std::string utf8(const poppler::ustring& u) {
  const poppler::byte_array bytes = u.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

void read_pdf(std::string_view bytes, const std::string& file, const ReadOptions& /*options*/, Document& out,
              Diagnostics& diagnostics) {
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(count_complaint, nullptr); });
  poppler_complaints = 0;
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ReadError(ErrorKind::too_large, file, "a PDF over 2 GB");
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) throw ReadError(ErrorKind::unsupported_format, file, "not a readable PDF: poppler cannot open it (damaged cross-reference table or trailer)");
  if (doc->is_locked())
    throw ReadError(ErrorKind::encrypted_entry, file, "an encrypted PDF: it needs a password to open");
  const int pages = doc->pages();
  if (pages <= 0) throw ReadError(ErrorKind::unsupported_format, file, "a PDF without pages");
  if (pages > kMaxPages)
    throw ReadError(ErrorKind::too_large, file,
                    std::to_string(pages) + " pages, over the " + std::to_string(kMaxPages) + "-page limit");
  poppler::page_renderer renderer;
  renderer.set_render_hints(0);
  renderer.set_line_mode(poppler::page_renderer::line_solid);
  renderer.set_image_format(poppler::image::format_gray8);
  const bool can_render = poppler::page_renderer::can_render();
  std::vector<PdfPage> laid;
  std::size_t words = 0;
  for (int i = 0; i < pages; ++i) {
    check_time_budget("reading PDF pages");
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    PdfPage p;
    const poppler::rectf box = page->page_rect();
    p.width = box.width();
    p.height = box.height();
    for (const poppler::text_box& t : page->text_list(poppler::page::text_list_include_font)) {
      PdfWord w;
      w.text = utf8(t.text());
      const poppler::rectf b = t.bbox();
      w.x0 = b.left();
      w.x1 = b.right();
      w.top = b.top();
      w.bottom = b.bottom();
      w.size = t.get_font_size();
      if (w.text.empty()) continue;
      p.words.push_back(std::move(w));
    }
    const double pixels = p.width * p.height * (kRulingDpi / 72) * (kRulingDpi / 72);
    if (can_render && !p.words.empty() && pixels > 0 && pixels <= kMaxRulingPixels) p.rulings = rulings_of(*page, renderer, p.words);
    words += p.words.size();
    laid.push_back(std::move(p));
    if (words == 0 && i + 1 >= kEmptyPagesBeforeGivingUp) break;
  }
  if (words == 0)
    throw ReadError(ErrorKind::unsupported_format, file, "no text layer: the PDF is a scan; OCR is not supported");
  lay_out_pdf(laid, out);
  if (poppler_complaints > 0)
    diagnostics.push_back({Level::warning, "pdf.damaged",
                           "poppler reported " + std::to_string(poppler_complaints) +
                               " problem(s) in the file's structure; the text may be incomplete",
                           ""});
}

}  // namespace karta
