// The document store behind `karta serve` (docs/store.md): every extraction
// in the tables of `karta export --sqlite` (docs/sqlite.md), with its source
// bytes, one SQLite database in WAL mode through Poco::Data — or one
// PostgreSQL database that several processes on several hosts share.
//
//   karta::DocumentStore store("karta.db");            // created, or migrated
//   if (auto stored = store.find(sha256)) …             // an input seen before
//   karta::StoredDocument d = store.add("приказ.docx", bytes, sha256, extraction);
//
// A source is stored once, keyed by its SHA-256: adding it again returns
// the first copy (`created` false). Each add is one transaction, so a
// process killed at any moment leaves every document whole or absent.
// Thread-safe: one connection, its calls serialised (SQLite writes one
// transaction at a time in any case, and writers of a PostgreSQL store take
// one lock); extract outside the store.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

// The database cannot be opened, is not a karta store, was made by a newer
// karta, or a statement failed: what() names the file and the reason.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct StoredDocument {
  std::int64_t id = 0;
  bool created = false;          // false: the source was stored already
  std::string extraction_json;   // byte for byte what `karta extract` writes
};

struct StoredSource {
  std::string name;    // as uploaded
  std::string sha256;
  std::string bytes;
};

struct DocumentSummary {
  std::int64_t id = 0;
  std::string name, sha256, format, kind, ingested_at;
  std::optional<std::string> region, title, date, number;
  int measures = 0;
};

// Filters are exact (region code, act kind) or inclusive bounds on the act's date (YYYY-MM-DD).
struct DocumentQuery {
  std::optional<std::string> region, kind, from, to;
  int limit = 100;
  std::int64_t offset = 0;
};

struct StoredMeasure {
  std::int64_t document_id = 0;
  std::optional<std::string> region;
  std::string measure_id, title, deadline_text;
  std::optional<std::string> deadline_start, deadline_end;
  std::vector<std::string> responsible;
};

// Measures whose deadline ends inside [due_from, due_to] (each bound
// optional, YYYY-MM-DD), of a region, with a responsible body or executor
// of an entity kind (`education_authority`, …).
// `text`: every word of it (stemmed, stop words dropped) in the measure's
// title, «стажировкам» finding «стажировок».
// `current_only`: the measures of the newest versions only, not of an act
// a later amendment replaced (what `in_force` gives without a date).
struct MeasureQuery {
  std::optional<std::string> region, entity_kind, due_from, due_to, text;
  bool current_only = true;
  int limit = 100;
  std::int64_t offset = 0;
};

// One version of an act in its amendment chain (docs/store.md).
struct ActVersion {
  std::int64_t id = 0;
  std::optional<std::string> date, number, title, region;
  std::string kind;
  int roadmaps = 0, measures = 0;
  std::vector<std::int64_t> amends, amended_by;   // document ids, linked either way
  std::optional<std::int64_t> replaced_by;        // the newest amending act with measures of its own
};

class DocumentStore {
 public:
  // Opens `path` — a SQLite file, or a postgresql:// (postgres://) URI of
  // an existing database — creating the store or running the migrations it
  // lacks; `rules` give the word index its stop words (similarity.stopwords).
  // Throws StoreError naming the store (a URI's password hidden) and why.
  DocumentStore(const std::string& path, const RuleSet& rules);
  ~DocumentStore();
  DocumentStore(const DocumentStore&) = delete;
  DocumentStore& operator=(const DocumentStore&) = delete;

  std::optional<StoredDocument> find(const std::string& sha256) const;
  StoredDocument add(const std::string& name, std::string_view source, const std::string& sha256, const Extraction& x);

  std::optional<std::string> extraction_json(std::int64_t id) const;
  std::optional<StoredSource> source(std::int64_t id) const;
  // The documents in force on `on` (YYYY-MM-DD; none: the newest version of
  // each act, whatever its date) of `regions` (region codes; every region
  // when empty), in the order they were stored. In force: dated on or before
  // `on` (or undated) and replaced by no act so dated that amends it with a
  // roadmap of its own (src/store/amendment_chain.hpp).
  std::vector<std::int64_t> in_force(const std::vector<std::string>& regions, const std::optional<std::string>& on) const;
  // Their extraction JSON; with `replaced_too`, the versions they replaced
  // (dated on or before `on`) as well, in the order stored: what a
  // comparison over the store reads, to name the earlier versions.
  std::vector<std::string> extraction_jsons(const std::vector<std::string>& regions, const std::optional<std::string>& on,
                                            bool replaced_too = false) const;
  // Every version of the act document `id` belongs to, oldest first (by
  // date, then as stored); empty when there is no document `id`.
  std::vector<ActVersion> history(std::int64_t id) const;
  std::vector<DocumentSummary> documents(const DocumentQuery& query) const;
  std::vector<StoredMeasure> measures(const MeasureQuery& query) const;
  std::int64_t count() const;
  // Every stored document's id, in the order they were stored.
  std::vector<std::int64_t> ids() const;

  // Document `id`'s rows, word index and amendment links rewritten from `x`
  // (its source, sha256 and ingestion time kept), in one transaction: what
  // `karta store reindex` does. Returns the new extraction JSON; throws
  // StoreError when there is no document `id`.
  std::string replace(std::int64_t id, const Extraction& x);

  // The schema version the store is at (migrations run up to it).
  static int schema_version();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace karta
