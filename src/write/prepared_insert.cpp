#include "write/prepared_insert.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/PostgreSQL/SessionImpl.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/UUIDGenerator.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>
#include <string>
#include <vector>

#include "write/sql_dialect.hpp"

namespace karta::sqlite_tables {

class PreparedInsert::Connection {
 public:
  virtual ~Connection() = default;
  virtual void bind_null(int column) = 0;
  virtual void bind_int(int column, Poco::Int64 value) = 0;
  virtual void bind_double(int column, double value) = 0;
  // `value` outlives the next run().
  virtual void bind_text(int column, const std::string& value) = 0;
  virtual void run() = 0;
};

namespace {

class SqliteInsert final : public PreparedInsert::Connection {
 public:
  SqliteInsert(Poco::Data::Session& db, const char* sql) : db_(Poco::Data::SQLite::Utility::dbHandle(db)) {
    const int rc = sqlite3_prepare_v2(db_, sql, -1, &statement_, nullptr);
    if (rc != SQLITE_OK) Poco::Data::SQLite::Utility::throwException(db_, rc, sql);
  }
  ~SqliteInsert() override { sqlite3_finalize(statement_); }
  void bind_null(int column) override { sqlite3_bind_null(statement_, column); }
  void bind_int(int column, Poco::Int64 value) override { sqlite3_bind_int64(statement_, column, value); }
  void bind_double(int column, double value) override { sqlite3_bind_double(statement_, column, value); }
  // SQLITE_STATIC: run() clears the bindings before it returns, so no
  // pointer is kept past the string's life.
  void bind_text(int column, const std::string& value) override {
    sqlite3_bind_text(statement_, column, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }
  void run() override {
    const int rc = sqlite3_step(statement_);
    // The message first: resetting the statement may replace it.
    const std::string why = rc == SQLITE_DONE ? "" : sqlite3_sql(statement_);
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
    if (rc != SQLITE_DONE) Poco::Data::SQLite::Utility::throwException(db_, rc, why);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Values travel as text (libpq's text format), which the server casts to
// the column's type: one round trip a row.
class PostgresInsert final : public PreparedInsert::Connection {
 public:
  PostgresInsert(Poco::Data::Session& db, const char* sql)
      : connection_(static_cast<Poco::Data::PostgreSQL::SessionImpl*>(db.impl())->handle()),
        name_("karta_" + Poco::UUIDGenerator::defaultGenerator().createRandom().toString()) {
    const std::string text = sql_dialect::sql(db, sql);
    for (char c : text) columns_ += c == '$';
    values_.resize(columns_);
    set_.assign(columns_, false);
    check(PQprepare(connection_, name_.c_str(), text.c_str(), columns_, nullptr), text);
  }
  ~PostgresInsert() override {
    // A failed transaction refuses even this until its rollback; the
    // statement then goes with the connection.
    PQclear(PQexec(connection_, ("DEALLOCATE \"" + name_ + "\"").c_str()));
  }
  void bind_null(int column) override { set_[column - 1] = false; }
  void bind_int(int column, Poco::Int64 value) override { bind_text(column, std::to_string(value)); }
  void bind_double(int column, double value) override {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);   // read back to the same double
    bind_text(column, buffer);
  }
  void bind_text(int column, const std::string& value) override {
    values_[column - 1] = value;
    set_[column - 1] = true;
  }
  void run() override {
    std::vector<const char*> pointers(columns_, nullptr);
    for (int i = 0; i < columns_; ++i)
      if (set_[i]) pointers[i] = values_[i].c_str();
    check(PQexecPrepared(connection_, name_.c_str(), columns_, pointers.data(), nullptr, nullptr, 0), name_);
    set_.assign(columns_, false);
  }

 private:
  void check(PGresult* result, const std::string& what) {
    const ExecStatusType status = PQresultStatus(result);
    const std::string message = PQresultErrorMessage(result);
    PQclear(result);
    if (status != PGRES_COMMAND_OK) throw Poco::Data::DataException("PostgreSQL: " + message + " (" + what + ")");
  }

  PGconn* connection_;
  std::string name_;
  int columns_ = 0;
  std::vector<std::string> values_;
  std::vector<bool> set_;
};

}  // namespace

PreparedInsert::PreparedInsert(Poco::Data::Session& db, const char* sql) {
  if (sql_dialect::on_postgresql(db)) connection_ = std::make_unique<PostgresInsert>(db, sql);
  else connection_ = std::make_unique<SqliteInsert>(db, sql);
}

PreparedInsert::~PreparedInsert() = default;

void PreparedInsert::bind(int column, int value) { connection_->bind_int(column, value); }
void PreparedInsert::bind(int column, Poco::Int64 value) { connection_->bind_int(column, value); }
void PreparedInsert::bind(int column, double value) { connection_->bind_double(column, value); }
void PreparedInsert::bind(int column, const std::string& value) { connection_->bind_text(column, value); }
void PreparedInsert::bind(int column, const Poco::Nullable<std::string>& value) {
  if (value.isNull()) connection_->bind_null(column);
  else connection_->bind_text(column, value.value());
}
void PreparedInsert::bind(int column, const Poco::Nullable<int>& value) {
  if (value.isNull()) connection_->bind_null(column);
  else connection_->bind_int(column, value.value());
}

void PreparedInsert::run() { connection_->run(); }

}  // namespace karta::sqlite_tables
