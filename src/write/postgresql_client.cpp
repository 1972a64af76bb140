#include "write/postgresql_client.hpp"

#include <Poco/Data/DataException.h>

#include "model/loadable_module.hpp"

namespace karta {

const PostgresqlClient& postgresql_client() {
  using Entry = const PostgresqlClient* (*)();
  try {
    static const PostgresqlClient* client = reinterpret_cast<Entry>(module_symbol(kPostgresqlModule, kPostgresqlSymbol))();
    return *client;
  } catch (const ModuleUnavailable& e) {
    throw Poco::Data::ConnectionFailedException(std::string("PostgreSQL stores cannot be opened here: ") + e.what());
  }
}

}  // namespace karta
