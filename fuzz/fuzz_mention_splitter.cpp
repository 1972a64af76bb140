// Responsible / executor cells split into mentions and typed.
#include "extract/mention_splitter.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const karta::MentionSplitter splitter(karta::fuzz::rules());
  const std::string text(karta::fuzz::bytes(data, size));
  for (const std::string& m : splitter.split(text, {"ДОН ТО", "ОО ВО"})) (void)splitter.kind_of(m);
  return 0;
}
