#include "store/measure_words.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <vector>

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
  select << "SELECT id, title FROM measures" + where, into(ids), into(titles);
  if (!where.empty()) select, bind(id);
  select.execute();
  sqlite_tables::PreparedInsert insert(db, "INSERT INTO measure_words (rowid, stems) VALUES (?, ?)");
  for (std::size_t i = 0; i < ids.size(); ++i) insert.row(static_cast<Poco::Int64>(ids[i]), stems(titles[i], stemmer));
}

}  // namespace

void create(Poco::Data::Session& db, const TokenStemmer& stemmer) {
  // unicode61 splits the stems at spaces and folds case; the stems are lower case already.
  db << "CREATE VIRTUAL TABLE measure_words USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0')", now;
  index_rows(db, "", 0, stemmer);
}

void add_document(Poco::Data::Session& db, int id, const TokenStemmer& stemmer) {
  index_rows(db, " WHERE document_id = ?", id, stemmer);
}

void remove_document(Poco::Data::Session& db, int id) {
  db << "DELETE FROM measure_words WHERE rowid IN (SELECT id FROM measures WHERE document_id = ?)", bind(id), now;
}

std::optional<std::string> match_query(const std::string& text, const TokenStemmer& stemmer) {
  std::string query;
  for (const std::string& t : stemmer.tokens(text)) {
    std::string quoted = "\"";
    for (char c : t) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    query += (query.empty() ? "" : " ") + quoted + "\"";
  }
  if (query.empty()) return std::nullopt;
  return query;
}

}  // namespace karta::measure_words
