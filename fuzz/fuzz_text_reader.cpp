// The text reader: encoding detection, table layouts, page-break continuations.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  std::string encoding;
  try {
    karta::read_text(karta::fuzz::bytes(data, size), "fuzz.txt", {}, doc, encoding, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
