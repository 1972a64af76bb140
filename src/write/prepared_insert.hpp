// One INSERT prepared once and run for every row of its table, on the
// SQLite connection behind a Poco::Data session. Poco builds, binds and
// prepares a new statement for each `db << sql, bind(…), now`: about 30 µs
// a row, which made storing a typical order (some 300 rows) cost more than
// extracting it. The rows join whatever transaction the session holds.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace karta::sqlite_tables {

class PreparedInsert {
 public:
  // Throws Poco::Data::DataException (SQLite's message) when `sql` does not prepare.
  PreparedInsert(Poco::Data::Session& db, const char* sql);
  ~PreparedInsert();
  PreparedInsert(const PreparedInsert&) = delete;
  PreparedInsert& operator=(const PreparedInsert&) = delete;

  // Binds the values to ?1, ?2, … and inserts the row; a null Nullable is NULL.
  // Throws a Poco::Data exception when the row is refused (a constraint, a full disk).
  template <typename... Values>
  void row(const Values&... values) {
    int column = 0;
    (bind(++column, values), ...);
    run();
  }

 private:
  void bind(int column, int value);
  void bind(int column, Poco::Int64 value);
  void bind(int column, double value);
  void bind(int column, const std::string& value);
  void bind(int column, const Poco::Nullable<std::string>& value);
  void bind(int column, const Poco::Nullable<int>& value);
  void run();

  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace karta::sqlite_tables
