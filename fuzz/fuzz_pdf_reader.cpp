// The PDF reader: poppler on damaged files, then the layout of whatever
// words come out.
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "model/loadable_module.hpp"
#include "read/pdf_text_layer.hpp"
#include "read/readers.hpp"

// poppler sits in the karta-poppler module: without it every input would
// fail as "PDF cannot be read here" and the fuzzer would test nothing.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  try {
    karta::module_symbol(karta::kPdfTextLayerModule, karta::kPdfTextLayerSymbol);
  } catch (const karta::ModuleUnavailable& e) {
    std::fprintf(stderr, "fuzz_pdf_reader: %s\n", e.what());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  try {
    karta::read_pdf(karta::fuzz::bytes(data, size), "fuzz.pdf", {}, doc, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
