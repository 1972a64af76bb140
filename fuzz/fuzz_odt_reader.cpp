// OpenDocument text, packages and Flat ODT, through the sniff table:
// mimetype and zip handling, covered cells, repeat attributes.
#include "fuzz_support.hpp"
#include "karta/read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::read_bytes("fuzz.odt", karta::fuzz::bytes(data, size));   // reports bad input, never throws
  return 0;
}
