// The store: docs/sqlite.md's tables plus `sources` (the bytes, keyed by
// their SHA-256) and `karta_store` (the schema version), in one SQLite
// database or in a PostgreSQL one that several servers share
// (write/sql_dialect.hpp). One connection behind a mutex: SQLite serialises
// writers anyway, writers of a PostgreSQL store take one lock, and a
// store's statements take milliseconds where an extraction takes tens of
// them, so extraction runs outside.
#include "karta/store.hpp"

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <sqlite3.h>

#include <mutex>
#include <sstream>

#include "karta/extraction_json.hpp"
#include "store/amendment_chain.hpp"
#include "store/nullable_text.hpp"
#include "store/measure_words.hpp"
#include "write/postgresql_client.hpp"
#include "write/sql_dialect.hpp"
#include "write/sqlite_tables.hpp"

namespace karta {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using sql_dialect::on_postgresql;
using sql_dialect::sql;

constexpr int kSchemaVersion = 4;

// Migration N takes a store from version N-1 to N; 1 creates it.
void migrate_to(Session& db, int version, const TokenStemmer& stemmer) {
  switch (version) {
    case 1:
      sqlite_tables::create_tables(db);
      // Deferrable on PostgreSQL: a reindexed document's rows are rewritten
      // under its id, checked at the commit (SQLite: defer_foreign_keys).
      db << (on_postgresql(db) ? "CREATE TABLE sources (document_id INTEGER PRIMARY KEY REFERENCES documents(id)"
                                 " DEFERRABLE, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, bytes BYTEA NOT NULL,"
                                 " ingested_at TEXT NOT NULL)"
                               : "CREATE TABLE sources (document_id INTEGER PRIMARY KEY REFERENCES documents(id),"
                                 " sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, bytes BLOB NOT NULL, ingested_at TEXT NOT NULL)"),
          now;
      db << "CREATE TABLE karta_store (schema_version INTEGER NOT NULL)", now;
      db << "INSERT INTO karta_store VALUES (0)", now;
      break;
    case 2:
      // The due-window and region queries: a scan of every measure was 6 ms
      // a request at 400 documents, and pages are read in index order.
      db << "CREATE INDEX measures_by_due ON measures(deadline_end)", now;
      db << "CREATE INDEX documents_by_region ON documents(region_code)", now;
      break;
    case 3:
      measure_words::create(db, stemmer);   // q= of /v1/measures; the stored measures indexed too
      break;
    case 4:
      amendment_chain::create(db);   // the links of the acts already stored made too
      break;
  }
  db << sql(db, "UPDATE karta_store SET schema_version = ?"), use(version), now;
}

// The lock every writer of a PostgreSQL store takes, whichever host it
// runs on: the key of pg_advisory_xact_lock, held to the commit.
constexpr const char* kWriterLock = "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(4718112018)) AS writer";

// BEGIN IMMEDIATE, not Poco's deferred BEGIN: a transaction that reads
// (the sha256, the last ids) before it writes fails with SQLITE_BUSY, which
// no busy timeout retries, when another process (karta watch beside karta
// serve) commits in between; taking the write lock first makes it wait.
// On PostgreSQL the same: one writer at a time, the others wait for it, so
// that the sha256 looked at and the ids chosen are still free at the commit.
void begin_writing(Session& db) {
  if (!on_postgresql(db)) {
    db << "BEGIN IMMEDIATE", now;
    return;
  }
  db << "BEGIN", now;
  int held = 0;
  db << kWriterLock, into(held), now;
}

// A read that spans statements sees one state of the store.
void begin_reading(Session& db) {
  db << (on_postgresql(db) ? "BEGIN ISOLATION LEVEL REPEATABLE READ" : "BEGIN"), now;
}

bool in_transaction(Session& db) {
  if (on_postgresql(db))
    return postgresql_client().in_transaction(db);
  return !sqlite3_get_autocommit(Poco::Data::SQLite::Utility::dbHandle(db));
}

// After a failed statement: the transaction it was in, if one is open, is
// undone (a failure of the rollback itself leaves the database's own undo).
void roll_back_open(Session& db) noexcept {
  try {
    if (in_transaction(db)) db << "ROLLBACK", now;
  } catch (const Poco::Exception&) {
  }
}

// Values bound to a statement built piece by piece (optional filters).
struct Filter {
  std::string where;
  std::vector<std::string> values;
  void add(const std::optional<std::string>& value, const std::string& clause) {
    if (!value) return;
    add(clause);
    values.push_back(*value);
  }
  void add(const std::string& clause) { where += (where.empty() ? " WHERE " : " AND ") + clause; }
};

// A page in a stable order: without ORDER BY, SQLite may return rows in any
// order, and the pages of a listing would overlap or skip.
Poco::Data::RecordSet query(Session& db, const std::string& text, Filter& filter, const std::string& order, int limit,
                            std::int64_t offset) {
  Poco::Data::Statement select(db);
  select << sql_dialect::sql(db, text + filter.where + " ORDER BY " + order + " LIMIT " + std::to_string(limit) +
                                   " OFFSET " + std::to_string(offset));
  for (std::string& v : filter.values) select, use(v);
  select.execute();
  return Poco::Data::RecordSet(select);
}

}  // namespace

struct DocumentStore::Impl {
  std::string path;
  mutable std::mutex mutex;
  std::unique_ptr<Session> db;
  std::unique_ptr<TokenStemmer> stemmer;   // the word index's stems; used under `mutex` (it caches)

  [[noreturn]] void fail(const Poco::Exception& e) const {
    throw StoreError(sql_dialect::shown(path) + ": " + e.displayText());
  }
};

DocumentStore::DocumentStore(const std::string& path, const RuleSet& rules) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->stemmer = std::make_unique<TokenStemmer>(rules);
  const std::string shown = sql_dialect::shown(path);
  try {
    impl_->db = std::make_unique<Session>(sql_dialect::open(path));
    Session& db = *impl_->db;
    const bool postgres = on_postgresql(db);
    if (!postgres) {
      int wait_ms = 0;
      db << "PRAGMA busy_timeout = 10000", into(wait_ms), now;   // first: the pragmas below may wait too
      std::string mode;
      db << "PRAGMA journal_mode = WAL", into(mode), now;
      // FULL: a document the client was told is stored survives a power cut too.
      db << "PRAGMA synchronous = FULL", now;
      db << "PRAGMA foreign_keys = ON", now;
    }
    // Looked at under the write lock: two processes opening a new store at
    // once must not both create it.
    begin_writing(db);
    int tables = 0, ours = 0;
    const std::string catalogue = postgres ? "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
                                           : "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
    db << catalogue, into(tables), now;
    db << catalogue + (postgres ? " AND table_name = 'karta_store'" : " AND name = 'karta_store'"), into(ours), now;
    if (tables > 0 && ours == 0)
      throw StoreError(shown + (postgres ? ": holds tables but is not a karta store"
                                         : ": holds tables but is not a karta store (an export of `karta export --sqlite` "
                                           "is a snapshot, not a store)"));
    int version = 0;
    if (ours) db << "SELECT schema_version FROM karta_store", into(version), now;
    if (version > kSchemaVersion)
      throw StoreError(shown + ": store schema version " + std::to_string(version) + " is newer than this karta's (" +
                       std::to_string(kSchemaVersion) + "): upgrade karta");
    for (int v = version + 1; v <= kSchemaVersion; ++v) migrate_to(db, v, *impl_->stemmer);
    db << "COMMIT", now;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

DocumentStore::~DocumentStore() = default;

int DocumentStore::schema_version() { return kSchemaVersion; }

std::optional<StoredDocument> DocumentStore::find(const std::string& sha256) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    Session& db = *impl_->db;
    std::vector<Poco::Int64> ids;
    std::string sha = sha256;
    db << sql(db, "SELECT document_id FROM sources WHERE sha256 = ?"), into(ids), use(sha), now;
    if (ids.empty()) return std::nullopt;
    StoredDocument d;
    d.id = ids.front();
    db << sql(db, "SELECT extraction_json FROM documents WHERE id = ?"), into(d.extraction_json), use(d.id), now;
    return d;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

StoredDocument DocumentStore::add(const std::string& name, std::string_view source, const std::string& sha256,
                                  const Extraction& x) {
  std::ostringstream json;
  write_extraction_json(json, x);
  StoredDocument d;
  d.extraction_json = json.str();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Session& db = *impl_->db;
  try {
    begin_writing(db);
    std::vector<Poco::Int64> ids;
    std::string sha = sha256;
    db << sql(db, "SELECT document_id FROM sources WHERE sha256 = ?"), into(ids), use(sha), now;
    if (!ids.empty()) {
      // Stored meanwhile by another upload of the same bytes: that copy stands.
      db << "ROLLBACK", now;
      d.id = ids.front();
      db << sql(db, "SELECT extraction_json FROM documents WHERE id = ?"), into(d.extraction_json), use(d.id), now;
      return d;
    }
    int last = 0;
    db << "SELECT coalesce(max(id), 0) FROM documents", into(last), now;
    const int id = last + 1;
    sqlite_tables::RowIds rows = sqlite_tables::RowIds::after_last(db);
    sqlite_tables::insert_document(db, id, x, d.extraction_json, rows);
    measure_words::add_document(db, id, *impl_->stemmer);
    amendment_chain::link_document(db, id);
    Poco::Data::BLOB bytes(reinterpret_cast<const unsigned char*>(source.data()), source.size());
    std::string stored_name = name;
    const std::string at = Poco::DateTimeFormatter::format(Poco::Timestamp(), Poco::DateTimeFormat::ISO8601_FRAC_FORMAT);
    db << sql(db, "INSERT INTO sources VALUES (?, ?, ?, ?, ?)"), bind(id), use(sha), use(stored_name), use(bytes), bind(at),
        now;
    db << "COMMIT", now;
    d.id = id;
    d.created = true;
    return d;
  } catch (const Poco::Exception& e) {
    roll_back_open(db);
    impl_->fail(e);
  }
}

std::optional<std::string> DocumentStore::extraction_json(std::int64_t id) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    std::vector<std::string> json;
    Poco::Int64 key = id;
    *impl_->db << sql(*impl_->db, "SELECT extraction_json FROM documents WHERE id = ?"), into(json), use(key), now;
    if (json.empty()) return std::nullopt;
    return json.front();
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::optional<StoredSource> DocumentStore::source(std::int64_t id) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    std::vector<std::string> names, shas;
    std::vector<Poco::Data::BLOB> blobs;
    Poco::Int64 key = id;
    *impl_->db << sql(*impl_->db, "SELECT name, sha256, bytes FROM sources WHERE document_id = ?"), into(names), into(shas),
        into(blobs), use(key), now;
    if (names.empty()) return std::nullopt;
    StoredSource s;
    s.name = names.front();
    s.sha256 = shas.front();
    const Poco::Data::BLOB& b = blobs.front();
    if (b.size()) s.bytes.assign(reinterpret_cast<const char*>(b.rawContent()), b.size());
    return s;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::vector<std::int64_t> DocumentStore::in_force(const std::vector<std::string>& regions,
                                                  const std::optional<std::string>& on) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    return amendment_chain::in_force(*impl_->db, regions, on);
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::vector<std::string> DocumentStore::extraction_jsons(const std::vector<std::string>& regions,
                                                         const std::optional<std::string>& on, bool replaced_too) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    // One read transaction: a document stored between the two statements
    // must not change which versions are in force under the reader.
    Session& db = *impl_->db;
    begin_reading(db);
    std::vector<std::string> out;
    for (std::int64_t id : amendment_chain::in_force(db, regions, on, replaced_too)) {
      Poco::Int64 key = id;
      std::string json;
      db << sql(db, "SELECT extraction_json FROM documents WHERE id = ?"), into(json), use(key), now;
      out.push_back(std::move(json));
    }
    db << "COMMIT", now;
    return out;
  } catch (const Poco::Exception& e) {
    roll_back_open(*impl_->db);
    impl_->fail(e);
  }
}

std::vector<ActVersion> DocumentStore::history(std::int64_t id) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    return amendment_chain::history(*impl_->db, id);
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::vector<DocumentSummary> DocumentStore::documents(const DocumentQuery& q) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    Filter f;
    f.add(q.region, "d.region_code = ?");
    f.add(q.kind, "d.kind = ?");
    f.add(q.from, "d.date >= ?");
    f.add(q.to, "d.date <= ?");
    Poco::Data::RecordSet rs = query(
        *impl_->db,
        "SELECT d.id, s.name, d.sha256, d.format, d.kind, s.ingested_at, d.region_code, d.title, d.date, d.number,"
        " (SELECT count(*) FROM measures m WHERE m.document_id = d.id) FROM documents d JOIN sources s ON s.document_id = d.id",
        f, "d.id", q.limit, q.offset);
    std::vector<DocumentSummary> out;
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      DocumentSummary d;
      d.id = rs.value(0, r).convert<Poco::Int64>();
      d.name = rs.value(1, r).convert<std::string>();
      d.sha256 = rs.value(2, r).convert<std::string>();
      d.format = rs.value(3, r).convert<std::string>();
      d.kind = rs.value(4, r).convert<std::string>();
      d.ingested_at = rs.value(5, r).convert<std::string>();
      d.region = nullable_text(rs.value(6, r));
      d.title = nullable_text(rs.value(7, r));
      d.date = nullable_text(rs.value(8, r));
      d.number = nullable_text(rs.value(9, r));
      d.measures = rs.value(10, r).convert<int>();
      out.push_back(std::move(d));
    }
    return out;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::vector<StoredMeasure> DocumentStore::measures(const MeasureQuery& q) const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    Filter f;
    f.add(q.region, "d.region_code = ?");
    f.add(q.due_from, "m.deadline_end >= ?");
    f.add(q.due_to, "m.deadline_end <= ?");
    if (q.current_only)
      f.add("NOT EXISTS (SELECT 1 FROM amendments a WHERE a.amends_id = d.id"
            " AND EXISTS (SELECT 1 FROM measures r WHERE r.document_id = a.document_id))");
    f.add(q.entity_kind, "EXISTS (SELECT 1 FROM mentions x WHERE x.measure_id = m.id AND x.kind = ?)");
    if (q.text) {
      const auto match = measure_words::match_query(*impl_->db, *q.text, *impl_->stemmer);
      if (!match) return {};   // only stop words: nothing is about them
      f.add(match, measure_words::match_clause(*impl_->db));
    }
    // Mention texts joined by the unit separator, which no cell text holds.
    Poco::Data::RecordSet rs = query(
        *impl_->db,
        "SELECT m.document_id, d.region_code, m.number, m.title, m.deadline_text, m.deadline_start, m.deadline_end,"
        + std::string(on_postgresql(*impl_->db)
                          ? " (SELECT string_agg(text, chr(31) ORDER BY position) FROM mentions WHERE measure_id = m.id"
                            "  AND role = 'responsible')"
                          : " (SELECT group_concat(text, char(31)) FROM (SELECT text FROM mentions WHERE measure_id = m.id"
                            "  AND role = 'responsible' ORDER BY position))") +
        " FROM measures m JOIN documents d ON d.id = m.document_id",
        f, q.due_from || q.due_to ? "m.deadline_end, m.id" : "m.id", q.limit, q.offset);
    std::vector<StoredMeasure> out;
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      StoredMeasure m;
      m.document_id = rs.value(0, r).convert<Poco::Int64>();
      m.region = nullable_text(rs.value(1, r));
      m.measure_id = rs.value(2, r).convert<std::string>();
      m.title = rs.value(3, r).convert<std::string>();
      m.deadline_text = rs.value(4, r).convert<std::string>();
      m.deadline_start = nullable_text(rs.value(5, r));
      m.deadline_end = nullable_text(rs.value(6, r));
      if (const auto joined = nullable_text(rs.value(7, r))) {
        std::size_t start = 0;
        for (std::size_t sep; (sep = joined->find('\x1f', start)) != std::string::npos; start = sep + 1)
          m.responsible.push_back(joined->substr(start, sep - start));
        m.responsible.push_back(joined->substr(start));
      }
      out.push_back(std::move(m));
    }
    return out;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::int64_t DocumentStore::count() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    Poco::Int64 n = 0;
    *impl_->db << "SELECT count(*) FROM sources", into(n), now;
    return n;
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::vector<std::int64_t> DocumentStore::ids() const {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  try {
    std::vector<Poco::Int64> ids;
    *impl_->db << "SELECT id FROM documents ORDER BY id", into(ids), now;
    return {ids.begin(), ids.end()};
  } catch (const Poco::Exception& e) {
    impl_->fail(e);
  }
}

std::string DocumentStore::replace(std::int64_t id, const Extraction& x) {
  std::ostringstream json;
  write_extraction_json(json, x);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Session& db = *impl_->db;
  try {
    begin_writing(db);
    int found = 0;
    Poco::Int64 key = id;
    db << sql(db, "SELECT count(*) FROM documents WHERE id = ?"), into(found), use(key), now;
    if (!found) {
      db << "ROLLBACK", now;
      throw StoreError(sql_dialect::shown(impl_->path) + ": no document " + std::to_string(id));
    }
    // sources.document_id names the row rewritten under the same id: checked at the commit.
    db << (on_postgresql(db) ? "SET CONSTRAINTS ALL DEFERRED" : "PRAGMA defer_foreign_keys = ON"), now;
    measure_words::remove_document(db, static_cast<int>(id));
    amendment_chain::unlink_document(db, id);
    sqlite_tables::delete_document(db, static_cast<int>(id));
    sqlite_tables::RowIds rows = sqlite_tables::RowIds::after_last(db);
    sqlite_tables::insert_document(db, static_cast<int>(id), x, json.str(), rows);
    measure_words::add_document(db, static_cast<int>(id), *impl_->stemmer);
    amendment_chain::link_document(db, id);
    db << "COMMIT", now;
    return json.str();
  } catch (const Poco::Exception& e) {
    roll_back_open(db);
    impl_->fail(e);
  }
}

}  // namespace karta
