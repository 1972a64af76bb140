// karta export INPUT... (--sqlite DB | --xlsx FILE): extractions (or
// documents, extracted here) into a SQLite database (docs/sqlite.md) and/or
// a typed spreadsheet of the measures.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/extraction_inputs.hpp"
#include "karta/export.hpp"

namespace karta::cli {
namespace {

struct ExportArgs {
  std::vector<std::string> inputs;
  std::string sqlite, xlsx, rules;
};

int run(const ExportArgs& a) {
  if (a.sqlite.empty() && a.xlsx.empty()) throw UsageError("export: give --sqlite DB, --xlsx FILE or both");
  const RuleSet rules = load_rule_set(a.rules);
  const LoadedInputs loaded = load_extractions("export", a.inputs, rules);
  if (loaded.nothing()) return inputs_failed;
  if (!a.sqlite.empty()) write_sqlite(a.sqlite, loaded.extractions);
  if (!a.xlsx.empty()) write_measures_xlsx(a.xlsx, loaded.extractions);
  return loaded.failed.empty() ? ok : inputs_failed;
}

}  // namespace

Command add_export_command(CLI::App& app) {
  auto a = std::make_shared<ExportArgs>();
  CLI::App* c = app.add_subcommand("export", "Write extractions into a SQLite database (docs/sqlite.md) and/or "
                                             "the measures into an .xlsx sheet");
  c->add_option("INPUT", a->inputs, "roadmap-extract/1 JSON, documents, or directories of either; - reads stdin")
      ->required();
  c->add_option("--sqlite", a->sqlite, "the database to write (replaced whole)");
  c->add_option("--xlsx", a->xlsx, "the spreadsheet to write (replaced whole)");
  c->add_option("--rules", a->rules, "rule files for documents (default: $KARTA_RULES, else the installed or bundled rules)");
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
