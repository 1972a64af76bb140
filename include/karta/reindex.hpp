// `karta store reindex`: the stored sources extracted again with the rule
// set at hand, each document rewritten in a transaction of its own, and
// what changed told per document (docs/store.md).
//
//   for (std::int64_t id : store.ids()) {
//     karta::DocumentReindex r = karta::reindex_document(store, id, rules, {}, /*dry_run=*/false);
//     …   // r.added, r.removed, r.changed, r.error
//   }
//
// A source that no longer reads (a reader's limit lowered) keeps its stored
// extraction and says why; nothing is lost either way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "karta/extraction.hpp"
#include "karta/read.hpp"
#include "karta/rules.hpp"
#include "karta/store.hpp"

namespace karta {

// A measure of both extractions whose fields differ: the names of those
// fields (title, responsible, executors, deadline, result, place).
struct MeasureChange {
  std::string measure;   // its id; "R:id" when the act holds more than one roadmap
  std::vector<std::string> fields;
};

// Before and after, measure by measure (matched by id, in order when an id
// repeats), and the act's own fields that differ (kind, title, region, …).
struct ExtractionChange {
  std::vector<std::string> added, removed;
  std::vector<MeasureChange> changed;
  std::vector<std::string> document_fields;
  bool json_differs = false;   // anything at all, diagnostics and the versions included
  bool any() const { return json_differs; }
};

ExtractionChange diff_extractions(const Extraction& before, const Extraction& after);

struct DocumentReindex {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> error;   // the source did not read again: left as it was
  ExtractionChange change;
  bool rewritten = false;             // false for an unchanged document and in a dry run
};

// Extracts document `id`'s stored source again (as uploaded: its name, its
// bytes) and, unless `dry_run`, replaces its rows when anything changed.
// Throws StoreError when the store cannot be read or written.
DocumentReindex reindex_document(DocumentStore& store, std::int64_t id, const RuleSet& rules,
                                 const ReadOptions& limits, bool dry_run);

}  // namespace karta
