// karta export --sqlite: extractions as relational tables (docs/sqlite.md),
// through Poco::Data's SQLite connector; the tables themselves are
// write/sqlite_tables.cpp's, shared with the store of `karta serve`.
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "karta/export.hpp"
#include "karta/extraction_json.hpp"
#include "karta/output_error.hpp"
#include "write/sqlite_tables.hpp"

namespace karta {

using Poco::Data::Session;
using namespace Poco::Data::Keywords;

void write_sqlite(const std::string& path, const std::vector<Extraction>& extractions) {
  const std::filesystem::path target(path);
  const std::string temp = path + ".karta-tmp-" + std::to_string(::getpid());
  std::error_code ec;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) throw OutputError(target.parent_path().string(), ec.message());
  }
  std::filesystem::remove(temp, ec);
  try {
    Poco::Data::SQLite::Connector::registerConnector();
    Session db("SQLite", temp);
    db << "PRAGMA foreign_keys = ON", now;
    db.begin();
    sqlite_tables::create_tables(db);
    sqlite_tables::RowIds ids;
    for (std::size_t i = 0; i < extractions.size(); ++i) {
      std::ostringstream json;
      write_extraction_json(json, extractions[i]);
      sqlite_tables::insert_document(db, static_cast<int>(i) + 1, extractions[i], json.str(), ids);
    }
    db.commit();
    db.close();
  } catch (const Poco::Exception& e) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, e.displayText());
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, ec.message());
  }
}

}  // namespace karta
