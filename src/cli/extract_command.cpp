// karta extract INPUT... -o DIR|- [--rules DIR]
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "karta/read.hpp"

namespace karta::cli {
namespace {

std::string sha256_of(const std::string& path, std::uint64_t& bytes) {
  std::ifstream in(path, std::ios::binary);
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  char buf[1 << 16];
  bytes = 0;
  while (in.read(buf, sizeof buf), in.gcount() > 0) {
    engine.update(buf, static_cast<unsigned>(in.gcount()));
    bytes += static_cast<std::uint64_t>(in.gcount());
  }
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::vector<std::string> expand(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (std::filesystem::is_directory(in)) {
      std::vector<std::string> found;
      for (const auto& e : std::filesystem::recursive_directory_iterator(in))
        if (e.is_regular_file()) found.push_back(e.path().string());
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  return files;
}

}  // namespace

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
  for (const std::string& path : expand(inputs)) {
    ReadResult read = read_file(path);
    if (!read.ok()) {
      std::cerr << "karta: " << read.error->what() << "\n";
      ++failed;
      continue;
    }
    Extraction x = extract(read.document, rules);
    x.source.path = path;
    x.source.sha256 = sha256_of(path, x.source.bytes);
    x.source.format = format_name(read.format);
    if (!read.encoding.empty()) x.source.encoding = read.encoding;
    x.diagnostics.insert(x.diagnostics.begin(), read.diagnostics.begin(), read.diagnostics.end());
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
