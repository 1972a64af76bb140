// The store's SQL on either of its two databases: one SQLite file (the
// default) or a PostgreSQL server shared by a team (`--store
// postgresql://…`). The statements are written once, with `?` for each
// value as SQLite takes them; `sql()` gives PostgreSQL its `$1, $2, …`.
// Where the two differ beyond that (the word index, transactions, the
// catalogue) the code asks `on_postgresql()`.
#pragma once

#include <Poco/Data/Session.h>

#include <string>

namespace karta::sql_dialect {

bool on_postgresql(Poco::Data::Session& db);

// `text` with its `?` placeholders (outside quoted literals) numbered
// `$1, $2, …` on PostgreSQL; as it is on SQLite.
std::string sql(Poco::Data::Session& db, const std::string& text);
// The same rewriting whatever the session: `$1, $2, …` for the `?`s.
std::string numbered_placeholders(const std::string& text);

// Opens the store's database: a PostgreSQL connection URI
// (postgresql://user:password@host:port/name?option=value, or postgres://)
// or a SQLite file path. Throws Poco::Data::DataException (the URI's
// defect, the server's refusal) naming what failed.
Poco::Data::Session open(const std::string& where);

// `where` as it may be shown: a URI's password replaced by «***».
std::string shown(const std::string& where);

bool is_uri(const std::string& where);

}  // namespace karta::sql_dialect
