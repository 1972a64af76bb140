// karta compare INPUT... -o DIR [--rules DIR]: aligns regions' roadmaps to
// the federal template; writes comparison.json, comparison.md, measures.csv
// and comparison.html into DIR.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/extraction_inputs.hpp"
#include "karta/compare.hpp"
#include "karta/comparison_report.hpp"
#include "model/work_limits.hpp"
#include "write/atomic_file.hpp"

namespace karta::cli {
namespace {

struct CompareArgs {
  std::vector<std::string> inputs;
  std::string out, rules;
  double time_budget = 600;
};

int run(const CompareArgs& a) {
  // Four files make a comparison; "-" would quietly become a folder named "-".
  if (a.out == "-") throw UsageError("compare: -o names a folder (it writes four files); standard output cannot hold them");
  const RuleSet rules = load_rule_set(a.rules);
  std::vector<MeasureTemplate> templates;
  try {
    templates = load_templates(rules.dir() + "/templates");
  } catch (const RuleError& e) {
    throw UsageError(e.what());
  }
  LoadedInputs loaded = load_extractions("compare", a.inputs, rules);
  if (loaded.nothing()) return inputs_failed;
  Comparison comparison;
  try {
    ReadOptions budget;
    budget.time_budget_ms = static_cast<std::uint64_t>(a.time_budget * 1000);
    WorkLimits limits("comparison", budget);
    comparison = compare(loaded.extractions, templates, rules);
  } catch (const ReadError& e) {
    std::cerr << "karta compare: " << e.reason() << " (--time-budget; 0 for none); nothing written\n";
    return inputs_failed;
  }
  comparison.failed = loaded.failed;
  const std::filesystem::path dir(a.out);
  write_file_atomically(dir / "comparison.json", [&](std::ostream& o) { write_comparison_json(o, comparison); });
  write_file_atomically(dir / "comparison.md", [&](std::ostream& o) { write_comparison_markdown(o, comparison); });
  write_file_atomically(dir / "measures.csv", [&](std::ostream& o) { write_measures_csv(o, comparison); });
  write_file_atomically(dir / "comparison.html", [&](std::ostream& o) { write_comparison_html(o, comparison); });
  return loaded.failed.empty() ? ok : inputs_failed;
}

}  // namespace

Command add_compare_command(CLI::App& app) {
  auto a = std::make_shared<CompareArgs>();
  CLI::App* c = app.add_subcommand("compare", "Align regions' roadmaps to the federal template; write "
                                              "comparison.json, .md, .html and measures.csv");
  c->add_option("INPUT", a->inputs, "roadmap-extract/1 JSON, documents, or directories of either; - reads stdin")
      ->required();
  c->add_option("-o,--output", a->out, "the folder to write into")->required();
  c->add_option("--rules", a->rules, "rule files (default: $KARTA_RULES, else the installed or bundled rules)");
  c->add_option("--time-budget", a->time_budget, "seconds the comparison may take; 0: none")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
