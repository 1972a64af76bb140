// What the store asks of libpq and Poco's PostgreSQL connector, behind the
// karta-postgresql module (model/loadable_module): a process that never
// opens a postgresql:// store links neither (with their Kerberos, LDAP and
// TLS libraries, 6 ms of every run's start). The module holds only those
// calls; the SQL stays in the store.
#pragma once

#include <Poco/Data/Session.h>

#include <string>
#include <vector>

namespace karta {

struct PostgresqlClient {
  // Registers Poco's PostgreSQL connector, reads `uri` with libpq
  // (PQconninfoParse: percent escapes, query options) and tries a
  // connection with it; the connector's key=value options. Throws
  // Poco::Data::DataException (the URI's defect) or
  // ConnectionFailedException (the server's refusal, in libpq's words).
  std::string (*connection_options)(const std::string& uri);
  // Runs `sql` ($1, $2, … placeholders) with text values (null for NULL)
  // on the session's connection: "" when it succeeded, else the server's message.
  std::string (*execute)(Poco::Data::Session& db, const std::string& sql, const std::vector<const char*>& values);
  // Whether the session's connection is inside a transaction.
  bool (*in_transaction)(Poco::Data::Session& db);
};

// The module's client, loaded on first use. Throws
// Poco::Data::ConnectionFailedException when the module cannot be loaded.
const PostgresqlClient& postgresql_client();

inline constexpr const char* kPostgresqlConnector = "postgresql";   // Poco::Data::PostgreSQL::Connector::KEY
inline constexpr const char* kPostgresqlModule = "karta-postgresql";
inline constexpr const char* kPostgresqlSymbol = "karta_postgresql_client_v1";

}  // namespace karta
