// consumer FILE: reads FILE with karta's public API and prints
// "FORMAT MEASURES RULES-DIR", or the reader's error with exit 1.
#include <karta/extract.hpp>
#include <karta/read.hpp>
#include <karta/rules.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  karta::ReadResult read = karta::read_bytes(argv[1], bytes.str());
  if (!read.ok()) {
    std::cerr << read.error->what() << "\n";
    return 1;
  }
  const karta::RuleSet rules = karta::RuleSet::load(karta::RuleSet::default_dir());
  const karta::FileExtraction f = karta::extract_bytes(argv[1], bytes.str(), rules);
  std::size_t measures = 0;
  for (const auto& r : f.extraction.roadmaps)
    for (const auto& d : r.directions)
      for (const auto& s : d.system_measures) measures += s.measures.size();
  std::cout << karta::format_name(read.format) << " " << measures << " " << rules.dir() << "\n";
  return 0;
}
