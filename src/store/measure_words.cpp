#include "store/measure_words.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <vector>

#include "write/sql_dialect.hpp"
#include "write/prepared_insert.hpp"

namespace karta::measure_words {
namespace {

using namespace Poco::Data::Keywords;

std::string stems(const std::string& title, const TokenStemmer& stemmer) {
  std::string out;
  for (const std::string& t : stemmer.tokens(title)) out += (out.empty() ? "" : " ") + t;
  return out;
}

void index_rows(Poco::Data::Session& db, const std::string& where, int id, const TokenStemmer& stemmer) {
  std::vector<Poco::Int64> ids;
  std::vector<std::string> titles;
  Poco::Data::Statement select(db);
  select << sql_dialect::sql(db, "SELECT id, title FROM measures" + where), into(ids), into(titles);
  if (!where.empty()) select, bind(id);
  select.execute();
  // PostgreSQL's 'simple' configuration lower-cases and splits at spaces:
  // the stems stay what they are, as unicode61 keeps them in FTS5.
  sqlite_tables::PreparedInsert insert(db, sql_dialect::on_postgresql(db)
                                               ? "INSERT INTO measure_words (measure_id, stems) VALUES (?, to_tsvector('simple', ?))"
                                               : "INSERT INTO measure_words (rowid, stems) VALUES (?, ?)");
  for (std::size_t i = 0; i < ids.size(); ++i) insert.row(static_cast<Poco::Int64>(ids[i]), stems(titles[i], stemmer));
  insert.flush();
}

}  // namespace

void create(Poco::Data::Session& db, const TokenStemmer& stemmer) {
  if (sql_dialect::on_postgresql(db)) {
    db << "CREATE TABLE measure_words (measure_id INTEGER PRIMARY KEY REFERENCES measures(id), stems TSVECTOR NOT NULL)",
        now;
    db << "CREATE INDEX measure_words_stems ON measure_words USING gin (stems)", now;
  } else {
    // unicode61 splits the stems at spaces and folds case; the stems are lower case already.
    db << "CREATE VIRTUAL TABLE measure_words USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0')", now;
  }
  index_rows(db, "", 0, stemmer);
}

void add_document(Poco::Data::Session& db, int id, const TokenStemmer& stemmer) {
  index_rows(db, " WHERE document_id = ?", id, stemmer);
}

void remove_document(Poco::Data::Session& db, int id) {
  db << sql_dialect::sql(db, sql_dialect::on_postgresql(db)
                              ? "DELETE FROM measure_words WHERE measure_id IN (SELECT id FROM measures WHERE document_id = ?)"
                              : "DELETE FROM measure_words WHERE rowid IN (SELECT id FROM measures WHERE document_id = ?)"),
      bind(id), now;
}

std::string match_clause(Poco::Data::Session& db) {
  return sql_dialect::on_postgresql(db)
             ? "m.id IN (SELECT measure_id FROM measure_words WHERE stems @@ CAST(? AS tsquery))"
             : "m.id IN (SELECT rowid FROM measure_words WHERE measure_words MATCH ?)";
}

std::optional<std::string> match_query(Poco::Data::Session& db, const std::string& text, const TokenStemmer& stemmer) {
  const bool postgres = sql_dialect::on_postgresql(db);
  std::string query;
  for (const std::string& t : stemmer.tokens(text)) {
    // FTS5: "stem" "stem" (a quote doubled); tsquery: 'stem' & 'stem' (a quote doubled, a backslash too).
    const char quote = postgres ? '\'' : '"';
    std::string quoted(1, quote);
    for (char c : t) {
      if (c == quote || (postgres && c == '\\')) quoted += c;
      quoted += c;
    }
    query += (query.empty() ? "" : postgres ? " & " : " ") + quoted + quote;
  }
  if (query.empty()) return std::nullopt;
  return query;
}

}  // namespace karta::measure_words
