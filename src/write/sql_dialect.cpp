#include "write/sql_dialect.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SQLite/Connector.h>
#include <libpq-fe.h>

#include <memory>
#include <mutex>

namespace karta::sql_dialect {

bool is_uri(const std::string& where) {
  return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
}

bool on_postgresql(Poco::Data::Session& db) { return db.connector() == Poco::Data::PostgreSQL::Connector::KEY; }

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

namespace {

// libpq reads the URI (PQconninfoParse: the documented forms, percent
// escapes, the query options); Poco's connector wants `key=value` pairs
// split at spaces, so a value holding a space cannot pass it.
std::string key_values(const std::string& uri) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(PQconninfoParse(uri.c_str(), &error),
                                                                        &PQconninfoFree);
  if (!options) {
    const std::string why = error ? error : "not a connection URI";
    PQfreemem(error);
    throw Poco::Data::DataException(why);
  }
  std::string out;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    const std::string value = o->val;
    if (value.find_first_of(" \t") != std::string::npos)
      throw Poco::Data::DataException(std::string("the ") + o->keyword +
                                      " holds a space, which Poco's PostgreSQL connector cannot pass");
    out += (out.empty() ? "" : " ") + std::string(o->keyword) + "=" + value;
  }
  return out;
}

}  // namespace

Poco::Data::Session open(const std::string& where) {
  static std::once_flag registered;
  std::call_once(registered, [] {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Data::PostgreSQL::Connector::registerConnector();
  });
  if (!is_uri(where)) return Poco::Data::Session(Poco::Data::SQLite::Connector::KEY, where);
  const std::string options = key_values(where);
  // Tried with libpq first: Poco's connector keeps (and never frees) the
  // connection of an attempt that failed, and says less of why.
  std::unique_ptr<PGconn, decltype(&PQfinish)> probe(PQconnectdb(options.c_str()), &PQfinish);
  if (!probe || PQstatus(probe.get()) != CONNECTION_OK) {
    std::string why = probe ? PQerrorMessage(probe.get()) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw Poco::Data::ConnectionFailedException(why);
  }
  probe.reset();
  return Poco::Data::Session(Poco::Data::PostgreSQL::Connector::KEY, options);
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
