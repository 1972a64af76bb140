// Deadline cells: any text, with and without a year from a year row.
#include "extract/deadline_parser.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const karta::DeadlineParser parser(karta::fuzz::rules());
  const std::string text(karta::fuzz::bytes(data, size));
  karta::Deadline d = parser.parse(text, size % 2 ? 2024 : 0);
  karta::DeadlineParser::apply_period(d, std::string("2023-01-01"), std::string("2024-12-31"));
  return 0;
}
