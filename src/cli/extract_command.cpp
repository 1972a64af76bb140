// karta extract INPUT... -o DIR|- [--rules DIR]
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_files.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "karta/read.hpp"

namespace karta::cli {

int extract_command(const Args& args) {
  std::vector<std::string> inputs;
  std::string out_dir, rules_dir = RuleSet::default_dir();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) out_dir = args[++i];
    else if (args[i] == "--rules" && i + 1 < args.size()) rules_dir = args[++i];
    else if (!args[i].empty() && args[i][0] == '-' && args[i] != "-") {
      std::cerr << "karta extract: unknown option " << args[i] << "\n";
      return 2;
    } else inputs.push_back(args[i]);
  }
  if (inputs.empty() || out_dir.empty()) {
    std::cerr << "usage: karta extract INPUT... -o DIR|- [--rules DIR]\n";
    return 2;
  }
  RuleSet rules;
  try {
    rules = RuleSet::load(rules_dir);
  } catch (const RuleError& e) {
    std::cerr << "karta: " << e.what() << "\n";
    return 2;
  }
  int failed = 0;
  for (const std::string& path : input_files(inputs)) {
    FileExtraction file = extract_file(path, rules);
    if (!file.ok()) {
      std::cerr << "karta: " << file.error->what() << "\n";
      ++failed;
      continue;
    }
    const Extraction& x = file.extraction;
    if (out_dir == "-") {
      write_extraction_json(std::cout, x);
      continue;
    }
    std::filesystem::create_directories(out_dir);
    const auto target = std::filesystem::path(out_dir) / (std::filesystem::path(path).filename().string() + ".json");
    const auto temp = target.string() + ".tmp";
    {
      std::ofstream out(temp, std::ios::binary);
      write_extraction_json(out, x);
    }
    std::filesystem::rename(temp, target);
  }
  return failed ? 1 : 0;
}

}  // namespace karta::cli
