#include <iostream>

#include "cli/commands.hpp"

namespace {

const char* kUsage =
    "usage: karta COMMAND [ARGS]\n"
    "  read FILE... [-o DIR|-]               print the document model (paragraphs, tables) as JSON\n"
    "  extract INPUT... -o OUT|- [-j N] [--resume] [--jsonl] [--shard K/N] …\n"
    "                                        roadmap-extract/1 JSON per input and OUT/manifest.jsonl\n"
    "  compare INPUT... -o DIR [--rules DIR]  align regions' roadmaps to the federal template;\n"
    "                                        writes comparison.json, .md, .html and measures.csv\n"
    "  rules test [DIR]                      run every example in the rule files\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  std::string command = argv[1];
  karta::cli::Args args(argv + 2, argv + argc);
  try {
    if (command == "read") return karta::cli::read_command(args);
    if (command == "extract") return karta::cli::extract_command(args);
    if (command == "compare") return karta::cli::compare_command(args);
    if (command == "rules") return karta::cli::rules_command(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "karta: internal error: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "karta: unknown command '" << command << "'\n" << kUsage;
  return 2;
}
