// karta read FILE... [-o DIR|-]: the document model as JSON, for people
// debugging rules and for tests.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "karta/document_json.hpp"
#include "karta/read.hpp"

namespace karta::cli {

int read_command(const Args& args) {
  std::vector<std::string> inputs;
  std::string out_dir = "-";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) {
      out_dir = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      std::cerr << "karta read: unknown option " << args[i] << "\n";
      return 2;
    } else {
      inputs.push_back(args[i]);
    }
  }
  if (inputs.empty()) {
    std::cerr << "usage: karta read FILE... [-o DIR|-]\n";
    return 2;
  }
  int failed = 0;
  for (const std::string& path : inputs) {
    ReadResult result = read_file(path);
    if (!result.ok()) {
      std::cerr << "karta: " << result.error->what() << "\n";
      ++failed;
    }
    if (out_dir == "-") {
      write_document_json(std::cout, path, result);
      continue;
    }
    std::filesystem::create_directories(out_dir);
    auto target = std::filesystem::path(out_dir) / (std::filesystem::path(path).filename().string() + ".read.json");
    std::ofstream out(target, std::ios::binary);
    write_document_json(out, path, result);
  }
  return failed ? 1 : 0;
}

}  // namespace karta::cli
