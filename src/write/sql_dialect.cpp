#include "write/sql_dialect.hpp"

#include <Poco/Data/SQLite/Connector.h>

#include <mutex>

#include "write/postgresql_client.hpp"

namespace karta::sql_dialect {

bool is_uri(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
}

bool on_postgresql(Poco::Data::Session& db) { return db.connector() == kPostgresqlConnector; }

std::string numbered_placeholders(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) out += "$" + std::to_string(++n);
    else out += c;
  }
  return out;
}

std::string sql(Poco::Data::Session& db, const std::string& text) {
  return on_postgresql(db) ? numbered_placeholders(text) : text;
}

Poco::Data::Session open(const std::string& where) {
  static std::once_flag registered;
  std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
  if (!is_uri(where)) return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, where);
  return Poco::Data::Session(kPostgresqlConnector, postgresql_client().connection_options(where));
}

std::string shown(const std::string& where) {
  if (!is_uri(where)) return where;
  // scheme://user:password@… → scheme://user:***@…
  const std::size_t start = where.find("://") + 3;
  const std::size_t at = where.find('@', start);
  if (at == std::string::npos) return where;
  const std::size_t colon = where.find(':', start);
  if (colon == std::string::npos || colon > at) return where;
  return where.substr(0, colon + 1) + "***" + where.substr(at);
}

}  // namespace karta::sql_dialect
