// karta compare INPUT... -o DIR [--rules DIR]
// INPUT: roadmap-extract/1 JSON files, documents (extracted here), or
// directories of either. Writes comparison.json, comparison.md, measures.csv
// and comparison.html into DIR.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/input_files.hpp"
#include "karta/compare.hpp"
#include "karta/comparison_report.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "write/atomic_file.hpp"

namespace karta::cli {
namespace {

bool looks_like_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char c;
  while (in.get(c))
    if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
  return false;
}

}  // namespace

int compare_command(const Args& args) {
  std::vector<std::string> inputs;
  std::string out_dir, rules_dir = RuleSet::default_dir();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) out_dir = args[++i];
    else if (args[i] == "--rules" && i + 1 < args.size()) rules_dir = args[++i];
    else if (!args[i].empty() && args[i][0] == '-') {
      std::cerr << "karta compare: unknown option " << args[i] << "\n";
      return 2;
    } else inputs.push_back(args[i]);
  }
  if (inputs.empty() || out_dir.empty()) {
    std::cerr << "usage: karta compare INPUT... -o DIR [--rules DIR]\n";
    return 2;
  }
  RuleSet rules;
  std::vector<MeasureTemplate> templates;
  try {
    rules = RuleSet::load(rules_dir);
    templates = load_templates(rules_dir + "/templates");
  } catch (const RuleError& e) {
    std::cerr << "karta: " << e.what() << "\n";
    return 2;
  }

  std::vector<Extraction> extractions;
  std::vector<FailedInput> failed;
  for (const std::string& in : inputs) {
    const bool walked = std::filesystem::is_directory(in);
    for (const std::string& path : input_files({in})) {
      if (looks_like_json(path)) {
        std::string json;
        if (auto error = load_file(path, {}, json)) {
          failed.push_back({path, error->reason()});
          continue;
        }
        try {
          extractions.push_back(parse_extraction_json(json));
        } catch (const ExtractionJsonError& e) {
          // A directory of earlier output also holds other JSON (read models,
          // comparisons): not inputs, so noted, not failed.
          if (walked) std::cerr << "karta compare: skipped " << path << ": " << e.what() << "\n";
          else failed.push_back({path, e.what()});
        }
        continue;
      }
      FileExtraction file = extract_file(path, rules);
      if (!file.ok()) failed.push_back({path, file.error->reason()});
      else extractions.push_back(std::move(file.extraction));
    }
  }
  for (const FailedInput& f : failed) std::cerr << "karta: " << f.source << ": " << f.reason << "\n";

  Comparison comparison = compare(extractions, templates, rules);
  comparison.failed = failed;
  const std::filesystem::path dir(out_dir);
  write_file_atomically(dir / "comparison.json", [&](std::ostream& o) { write_comparison_json(o, comparison); });
  write_file_atomically(dir / "comparison.md", [&](std::ostream& o) { write_comparison_markdown(o, comparison); });
  write_file_atomically(dir / "measures.csv", [&](std::ostream& o) { write_measures_csv(o, comparison); });
  write_file_atomically(dir / "comparison.html", [&](std::ostream& o) { write_comparison_html(o, comparison); });
  return failed.empty() ? 0 : 1;
}

}  // namespace karta::cli
