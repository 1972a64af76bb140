// The karta-poppler module: a PDF's text layer and page bitmaps through
// poppler-cpp (read/pdf_text_layer.hpp). Loaded by the PDF reader on its
// first PDF; it links poppler, and nothing of karta's.
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <mutex>

#include "read/pdf_text_layer.hpp"

namespace {

thread_local int poppler_complaints = 0;

void count_complaint(const std::string&, void*) { ++poppler_complaints; }

std::string utf8(const poppler::ustring& u) {
  const poppler::byte_array bytes = u.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

}  // namespace

extern "C" __attribute__((visibility("default"))) void karta_read_pdf_text_layer_v1(
    std::string_view bytes, int max_pages, double dpi, karta::PdfPageSink& sink, karta::PdfTextLayer& out) {
  using karta::PdfTextLayer;
  static std::once_flag quiet;
  std::call_once(quiet, [] { poppler::set_debug_error_function(count_complaint, nullptr); });
  poppler_complaints = 0;
  out = PdfTextLayer();
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(std::min<std::size_t>(bytes.size(), INT_MAX))));
  if (!doc) return void(out.outcome = PdfTextLayer::Outcome::unreadable);
  if (doc->is_locked()) return void(out.outcome = PdfTextLayer::Outcome::locked);
  out.page_count = doc->pages();
  if (out.page_count <= 0) return void(out.outcome = PdfTextLayer::Outcome::no_pages);
  if (out.page_count > max_pages) return void(out.outcome = PdfTextLayer::Outcome::too_many_pages);
  poppler::page_renderer renderer;
  renderer.set_render_hints(0);
  renderer.set_line_mode(poppler::page_renderer::line_solid);
  renderer.set_image_format(poppler::image::format_gray8);
  const bool can_render = poppler::page_renderer::can_render();
  for (int i = 0; i < out.page_count; ++i) {
    sink.before_page();
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) continue;
    karta::PdfPage p;
    const poppler::rectf box = page->page_rect();
    p.width = box.width();
    p.height = box.height();
    for (const poppler::text_box& t : page->text_list(poppler::page::text_list_include_font)) {
      karta::PdfWord w;
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
    if (can_render && sink.wants_bitmap(p)) {
      const poppler::image img = renderer.render_page(page.get(), dpi, dpi);
      if (img.is_valid() && img.format() == poppler::image::format_gray8) {
        karta::PageBitmap bitmap;
        bitmap.pixels = reinterpret_cast<const unsigned char*>(img.const_data());
        bitmap.width = img.width();
        bitmap.height = img.height();
        bitmap.stride = img.bytes_per_row();
        bitmap.points_per_pixel = 72.0 / dpi;
        p.rulings = sink.rulings(bitmap, p);
      }
    }
    out.pages.push_back(std::move(p));
    if (!sink.go_on(out.pages)) break;
  }
  out.complaints = poppler_complaints;
}
