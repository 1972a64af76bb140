// A rule file as input: RuleSet::load must load it or refuse it with
// RuleError (file:line), never crash.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("karta-fuzz-rules-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  {
    std::ofstream out(dir / "fuzz.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    karta::RuleSet set = karta::RuleSet::load(dir.string());
    for (const std::string& g : set.group_names())
      for (const karta::Rule& r : set.group(g)) (void)r.search("До 05.04.23 ДОН ТО");
  } catch (const karta::RuleError&) {
  }
  return 0;
}
