// The RTF reader: the tokenizer's limits, group and destination state,
// \uN fallbacks, code pages, row definitions, merges and nested tables.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  try {
    karta::read_rtf(karta::fuzz::bytes(data, size), "fuzz.rtf", {}, doc, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
