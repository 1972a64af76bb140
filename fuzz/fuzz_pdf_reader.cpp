// The PDF reader: poppler on damaged files, then the layout of whatever
// words come out.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  try {
    karta::read_pdf(karta::fuzz::bytes(data, size), "fuzz.pdf", {}, doc, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
