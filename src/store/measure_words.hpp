// The store's full-text index over measure titles (`q=` of /v1/measures):
// an FTS5 table whose rowid is measures.id (on PostgreSQL, a tsvector
// column of the 'simple' configuration beside measure_id, with a GIN
// index) and whose one column holds the
// title's stems as compare makes them (Snowball Russian, the similarity
// stop words dropped), so that «стажировкам» finds «Организация стажировок».
// SQLite's own tokenizers know no Russian endings; stems in, stems asked.
#pragma once

#include <Poco/Data/Session.h>

#include <optional>
#include <string>

#include "compare/stemmed_tokens.hpp"

namespace karta::measure_words {

// Creates the index and fills it from every stored measure (migration 3).
void create(Poco::Data::Session& db, const TokenStemmer& stemmer);
// Indexes the measures of document `id` (just inserted, same transaction).
void add_document(Poco::Data::Session& db, int id, const TokenStemmer& stemmer);
// Drops the index rows of document `id`'s measures (before the measures go).
void remove_document(Poco::Data::Session& db, int id);
// The query for `text` (FTS5's on SQLite, a tsquery on PostgreSQL): each
// stem quoted, all required. None when the text holds no word that is not
// a stop word.
std::optional<std::string> match_query(Poco::Data::Session& db, const std::string& text, const TokenStemmer& stemmer);
// The measures filter that takes match_query's query as its one value.
std::string match_clause(Poco::Data::Session& db);

}  // namespace karta::measure_words
