// The HTML reader: charset handling, libxml2's HTML parser, spans and
// nesting limits, <pre> through the text layouts.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  std::string encoding;
  try {
    karta::read_html(karta::fuzz::bytes(data, size), "fuzz.html", {}, doc, encoding, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
