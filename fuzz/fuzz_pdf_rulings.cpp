// Ruling lines and grids from any bitmap (the first byte its width), and
// the cells of whatever grids they make laid out over words spread across
// the page: the lattice path without poppler in the way.
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "karta/document.hpp"
#include "read/pdf_layout.hpp"
#include "read/pdf_rulings.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const int width = data[0] + 1;
  const int height = static_cast<int>((size - 1) / static_cast<size_t>(width));
  if (height == 0) return 0;
  karta::PdfPage page;
  page.width = width;
  page.height = height;
  for (int y = 4; y + 10 < height; y += 12)
    for (int x = 2; x + 20 < width; x += 30)
      page.words.push_back({"слово", double(x), double(x + 18), double(y), double(y + 9), 8});
  const karta::PageBitmap bitmap{data + 1, width, height, width, 1.0};
  page.rulings = karta::find_rulings(bitmap, page.words);
  (void)karta::ruled_grids(page.rulings);
  karta::Document doc;
  try {
    karta::lay_out_pdf({page, page}, doc);
  } catch (const std::exception&) {
  }
  return 0;
}
