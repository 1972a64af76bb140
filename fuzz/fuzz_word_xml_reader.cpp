// Word 2003 XML and Flat OPC.
#include "fuzz_support.hpp"
#include "read/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Document doc;
  karta::Diagnostics diagnostics;
  try {
    karta::read_word_xml(karta::fuzz::bytes(data, size), "fuzz.xml", {}, doc, diagnostics);
  } catch (const karta::ReadError&) {
  }
  return 0;
}
