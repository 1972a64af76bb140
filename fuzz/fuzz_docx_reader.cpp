// The DOCX reader: zip directory checks, inflating, relationships, the XML body.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  karta::ReadOptions options;
  options.max_part_bytes = 8u << 20;   // keep each run small; the limit itself is under test too
  try {
    karta::read_docx(karta::fuzz::bytes(data, size), "fuzz.docx", options, doc, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
