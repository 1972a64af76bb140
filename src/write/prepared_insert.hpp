// One INSERT prepared once and run for every row of its table, on the
// connection behind a Poco::Data session (SQLite's, or PostgreSQL's for the
// team store). Poco builds, binds and prepares a new statement for each
// `db << sql, bind(…), now`: about 30 µs a row on SQLite — which made
// storing a typical order (some 300 rows) cost more than extracting it —
// and four round trips to a PostgreSQL server, where the rows of a table
// go together instead (flush()). The rows join whatever transaction the
// session holds.
#pragma once

#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>
#include <Poco/Types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace karta::sqlite_tables {

class PreparedInsert {
 public:
  // `sql`: INSERT INTO t … VALUES (…) with `?` placeholders. Throws
  // Poco::Data::DataException (the database's message) when it does not
  // prepare (on PostgreSQL, at the first flush()).
  // `when_full`, if given, is called instead of this insert's own flush()
  // when its rows would pass what one statement takes: the inserts of
  // tables that refer to each other flush together, in their order.
  PreparedInsert(Poco::Data::Session& db, const char* sql, std::function<void()> when_full = {});
  ~PreparedInsert();
  PreparedInsert(const PreparedInsert&) = delete;
  PreparedInsert& operator=(const PreparedInsert&) = delete;

  // Binds the values to the placeholders in order and inserts the row; a
  // null Nullable is NULL. Throws a Poco::Data exception when the row is
  // refused (a constraint, a full disk).
  template <typename... Values>
  void row(const Values&... values) {
    int column = 0;
    (bind(++column, values), ...);
    run();
  }

  // Sends what row() gathered: PostgreSQL's rows go many to a statement
  // (SQLite's one at a time, at row(); nothing is left to send). Call it
  // before the rows of a table that refer to these, and before the commit;
  // rows not flushed are dropped with the object (a failed transaction's).
  void flush();

  // The database's side: a SQLite statement, or PostgreSQL's rows gathered.
  class Connection;

 private:
  void bind(int column, int value);
  void bind(int column, Poco::Int64 value);
  void bind(int column, double value);
  void bind(int column, const std::string& value);
  void bind(int column, const Poco::Nullable<std::string>& value);
  void bind(int column, const Poco::Nullable<int>& value);
  void run();

  std::unique_ptr<Connection> connection_;
};

}  // namespace karta::sqlite_tables
