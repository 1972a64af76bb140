// karta store reindex --store DB [--dry-run]: every stored source extracted
// again with the rules at hand (karta/reindex.hpp), a transaction a
// document, and a line a document saying what changed; a summary last.
// A source that no longer reads keeps its stored extraction (exit 1).
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "karta/reindex.hpp"
#include "write/sql_dialect.hpp"
#include "karta/version.hpp"

namespace karta::cli {
namespace {

struct ReindexArgs {
  std::string store, rules;
  bool dry_run = false;
  LimitArgs limits;
};

std::string joined(const std::vector<std::string>& list, std::size_t shown = 8) {
  std::string out;
  for (std::size_t i = 0; i < list.size() && i < shown; ++i) out += (i ? ", " : "") + list[i];
  if (list.size() > shown) out += ", …";
  return out;
}

std::string described(const ExtractionChange& c) {
  std::vector<std::string> parts;
  if (!c.added.empty()) parts.push_back(std::to_string(c.added.size()) + " measures added (" + joined(c.added) + ")");
  if (!c.removed.empty()) parts.push_back(std::to_string(c.removed.size()) + " removed (" + joined(c.removed) + ")");
  if (!c.changed.empty()) {
    std::vector<std::string> each;
    for (const MeasureChange& m : c.changed) each.push_back(m.measure + " " + joined(m.fields));
    parts.push_back(std::to_string(c.changed.size()) + " changed (" + joined(each, 6) + ")");
  }
  if (!c.document_fields.empty()) parts.push_back("act: " + joined(c.document_fields));
  if (parts.empty()) return "diagnostics or versions only";
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

int run(const ReindexArgs& a) {
  const RuleSet rules = load_rule_set(a.rules);
  std::unique_ptr<DocumentStore> store;
  int changed = 0, unchanged = 0, failed = 0;
  try {
    store = std::make_unique<DocumentStore>(a.store, rules);
    const ReadOptions limits = read_options(a.limits);
    for (std::int64_t id : store->ids()) {
      const DocumentReindex r = reindex_document(*store, id, rules, limits, a.dry_run);
      std::cout << "document " << id << " " << r.name << ": ";
      if (r.error) {
        ++failed;
        std::cout << "not read again, left as stored: " << *r.error << "\n";
      } else if (!r.change.any()) {
        ++unchanged;
        std::cout << "unchanged\n";
      } else {
        ++changed;
        std::cout << (a.dry_run ? "would change: " : "") << described(r.change) << "\n";
      }
      std::cout.flush();   // a line a document as it is done: a long reindex shows where it is
    }
  } catch (const StoreError& e) {
    std::cerr << "karta store reindex: " << e.what() << "\n";
    return unwritable;
  }
  std::cout << (a.dry_run ? "dry run, nothing written: " : "reindexed with rules ") << (a.dry_run ? "" : rules.version())
            << (a.dry_run ? "" : ": ") << changed << " changed, " << unchanged << " unchanged, " << failed
            << " not read again" << std::endl;
  return failed ? inputs_failed : ok;
}

}  // namespace

Command add_store_command(CLI::App& app) {
  auto a = std::make_shared<ReindexArgs>();
  CLI::App* c = app.add_subcommand("store", "Maintain a document store (docs/store.md)");
  c->require_subcommand(1);
  CLI::App* reindex = c->add_subcommand("reindex", "Extract every stored source again with these rules, a document a "
                                                   "transaction, and say what changed");
  // A SQLite store must exist (reindex creates none); a server's database is the server's to tell.
  const CLI::Validator store_or_uri(
      [](std::string& value) { return sql_dialect::is_uri(value) ? std::string() : CLI::ExistingFile(value); },
      "FILE|URI");
  reindex->add_option("--store", a->store, "the store of karta serve / karta watch (a SQLite file or postgresql://…)")
      ->required()
      ->check(store_or_uri);
  reindex->add_flag("--dry-run", a->dry_run, "say what would change; write nothing");
  reindex->add_option("--rules", a->rules, "rule files (default: $KARTA_RULES, else the installed or bundled rules)");
  add_limit_options(reindex, a->limits);
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
