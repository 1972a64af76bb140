// One stored document extracted again: its source as uploaded (name and
// bytes) through the same path an upload takes, the old extraction read back
// from its JSON to tell what changed, its rows rewritten only when the JSON
// differs — a reindex that changes nothing writes nothing.
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "karta/reindex.hpp"
#include "pipeline/extract_file.hpp"

#include <sstream>

namespace karta {

DocumentReindex reindex_document(DocumentStore& store, std::int64_t id, const RuleSet& rules,
                                 const ReadOptions& limits, bool dry_run) {
  DocumentReindex r;
  r.id = id;
  const std::optional<StoredSource> source = store.source(id);
  const std::optional<std::string> old_json = store.extraction_json(id);
  if (!source || !old_json) throw StoreError("no document " + std::to_string(id));
  r.name = source->name;
  FileExtraction f = extract_hashed_bytes(source->name, source->bytes, source->sha256, rules, limits);
  if (!f.ok()) {
    r.error = f.error->what();
    return r;
  }
  std::ostringstream new_json;
  write_extraction_json(new_json, f.extraction);
  r.change = diff_extractions(parse_extraction_json(*old_json), f.extraction);
  r.change.json_differs = new_json.str() != *old_json;
  if (r.change.json_differs && !dry_run) {
    store.replace(id, f.extraction);
    r.rewritten = true;
  }
  return r;
}

}  // namespace karta
