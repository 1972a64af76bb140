#include "write/prepared_insert.hpp"

#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <string>

namespace karta::sqlite_tables {

PreparedInsert::PreparedInsert(Poco::Data::Session& db, const char* sql)
    : db_(Poco::Data::SQLite::Utility::dbHandle(db)) {
  const int rc = sqlite3_prepare_v2(db_, sql, -1, &statement_, nullptr);
  if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(db_, rc, sql);
}

PreparedInsert::~PreparedInsert() { sqlite3_finalize(statement_); }

// Strings are bound SQLITE_STATIC: they outlive the step in row(), and run()
// clears the bindings before returning, so no pointer is kept past it.
void PreparedInsert::bind(int column, int value) { sqlite3_bind_int(statement_, column, value); }
void PreparedInsert::bind(int column, Poco::Int64 value) { sqlite3_bind_int64(statement_, column, value); }
void PreparedInsert::bind(int column, double value) { sqlite3_bind_double(statement_, column, value); }
void PreparedInsert::bind(int column, const std::string& value) {
  sqlite3_bind_text(statement_, column, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
}
void PreparedInsert::bind(int column, const Poco::Nullable<std::string>& value) {
  if (value.isNull()) sqlite3_bind_null(statement_, column);
  else bind(column, value.value());
}
void PreparedInsert::bind(int column, const Poco::Nullable<int>& value) {
  if (value.isNull()) sqlite3_bind_null(statement_, column);
  else bind(column, value.value());
}

void PreparedInsert::run() {
  const int rc = sqlite3_step(statement_);
  // The message first: resetting the statement may replace it.
  const std::string why = rc == SQLITE_DONE ? "" : sqlite3_sql(statement_);
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  if (rc != SQLITE_DONE) Poco::Data::SQLite::Utility::throwException(db_, rc, why);
}

}  // namespace karta::sqlite_tables
