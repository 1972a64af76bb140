// The relational form of extractions (docs/sqlite.md): the tables created,
// and one document's rows inserted, on a Poco::Data SQLite session. Used by
// `karta export --sqlite` (a new file, ids from 1) and by the document store
// (rows added to a database that holds some: ids after the last).
#pragma once

#include <Poco/Data/Session.h>

#include <string>

#include "karta/extraction.hpp"

namespace karta::sqlite_tables {

// Every table, index and the measures_flat view; PRAGMA user_version = 1.
void create_tables(Poco::Data::Session& db);

// The last row id used in each table of a document's rows.
struct RowIds {
  int roadmap = 0, measure = 0, mention = 0, target = 0, reference = 0, definition = 0, indicator = 0, diagnostic = 0;
  static RowIds after_last(Poco::Data::Session& db);
};

// The document's rows under documents.id = `id`; `json` is its extraction
// as write_extraction_json writes it (kept byte for byte).
void insert_document(Poco::Data::Session& db, int id, const Extraction& x, const std::string& json, RowIds& ids);

// Every row of document `id` in the tables above, the documents row too
// (what references it elsewhere must be deferred or gone by the commit).
void delete_document(Poco::Data::Session& db, int id);

}  // namespace karta::sqlite_tables
