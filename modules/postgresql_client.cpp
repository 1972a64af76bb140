// The karta-postgresql module: libpq and Poco's PostgreSQL connector for
// the store (write/postgresql_client.hpp). Loaded when a postgresql:// store
// is first opened; it links those two, and nothing of karta's.
#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <libpq-fe.h>

#include <memory>
#include <mutex>

#include "write/postgresql_client.hpp"

namespace {

PGconn* handle(Poco::Data::Session& db) { return static_cast<Poco::Data::PostgreSQL::SessionImpl*>(db.impl())->handle(); }

// libpq reads the URI; Poco's connector wants `key=value` pairs split at
// spaces, so a value holding a space cannot pass it.
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

std::string connection_options(const std::string& uri) {
  static std::once_flag registered;
  std::call_once(registered, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  const std::string options = key_values(uri);
  // Tried with libpq first: Poco's connector keeps (and never frees) the
  // connection of an attempt that failed, and says less of why.
  std::unique_ptr<PGconn, decltype(&PQfinish)> probe(PQconnectdb(options.c_str()), &PQfinish);
  if (!probe || PQstatus(probe.get()) != CONNECTION_OK) {
    std::string why = probe ? PQerrorMessage(probe.get()) : "out of memory";
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw Poco::Data::ConnectionFailedException(why);
  }
  return options;
}

std::string execute(Poco::Data::Session& db, const std::string& sql, const std::vector<const char*>& values) {
  PGresult* result = PQexecParams(handle(db), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                                  nullptr, nullptr, 0);
  const ExecStatusType status = PQresultStatus(result);
  std::string message = PQresultErrorMessage(result);
  PQclear(result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return "";
  return message.empty() ? "the statement failed" : message;
}

bool in_transaction(Poco::Data::Session& db) { return PQtransactionStatus(handle(db)) != PQTRANS_IDLE; }

const karta::PostgresqlClient kClient{&connection_options, &execute, &in_transaction};

}  // namespace

extern "C" __attribute__((visibility("default"))) const karta::PostgresqlClient* karta_postgresql_client_v1() {
  static_assert(sizeof(karta::PostgresqlClient) == 3 * sizeof(void*));
  return &kClient;
}
