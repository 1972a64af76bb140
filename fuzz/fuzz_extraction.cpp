// A document's bytes all the way to roadmap-extract/1 JSON: sniffing, every
// reader, the roadmap stage (cell streams cut into rows included), the field
// extractors and the writer.
#include <sstream>

#include "fuzz_support.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::ReadOptions options;
  options.time_budget_ms = 5000;
  const karta::FileExtraction f = karta::extract_bytes("fuzz.in", karta::fuzz::bytes(data, size), karta::fuzz::rules(), options);
  if (f.ok()) {
    std::ostringstream out;
    karta::write_extraction_json(out, f.extraction);
  }
  return 0;
}
