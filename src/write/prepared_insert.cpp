#include "write/prepared_insert.hpp"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Utility.h>
#include <sqlite3.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "write/postgresql_client.hpp"
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
  virtual void flush() {}
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

// Rows gather and go as one multi-row INSERT (one round trip for a
// document's rows of a table, instead of one a row: a typical order has
// some 300), at flush() or when the next row would pass PostgreSQL's
// 65,535 parameters. Values travel as text (libpq's text format), which the
// server casts to the column's type.
class PostgresInsert final : public PreparedInsert::Connection {
 public:
  PostgresInsert(Poco::Data::Session& db, const char* sql, std::function<void()> when_full)
      : db_(db),
        when_full_(std::move(when_full)) {
    const std::string text = sql;
    const std::size_t values = text.find(" VALUES ");
    if (values == std::string::npos) throw Poco::Data::DataException(std::string("not an INSERT … VALUES (…): ") + sql);
    head_ = text.substr(0, values + 8);
    row_ = text.substr(values + 8);
    for (char c : row_) columns_ += c == '?';
    current_.assign(columns_, std::nullopt);
  }
  void bind_null(int column) override { current_[column - 1].reset(); }
  void bind_int(int column, Poco::Int64 value) override { current_[column - 1] = std::to_string(value); }
  void bind_double(int column, double value) override {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);   // read back to the same double
    current_[column - 1] = std::string(buffer);
  }
  void bind_text(int column, const std::string& value) override { current_[column - 1] = value; }
  void run() override {
    if ((rows_.size() + 1) * columns_ > kMaxParameters) {
      if (when_full_) when_full_();
      else flush();
    }
    rows_.push_back(std::move(current_));
    current_.assign(columns_, std::nullopt);
  }
  void flush() override {
    if (rows_.empty()) return;
    std::string text = head_;
    std::vector<const char*> values;
    values.reserve(rows_.size() * columns_);
    for (std::size_t r = 0; r < rows_.size(); ++r) {
      text += (r ? ", " : "") + row_;
      for (const auto& v : rows_[r]) values.push_back(v ? v->c_str() : nullptr);
    }
    const std::string message = postgresql_client().execute(db_, sql_dialect::numbered_placeholders(text), values);
    rows_.clear();
    if (!message.empty())
      throw Poco::Data::DataException("PostgreSQL: " + message + " (" + head_ + row_ + " × rows)");
  }

 private:
  static constexpr std::size_t kMaxParameters = 65535;

  Poco::Data::Session& db_;
  std::function<void()> when_full_;
  std::string head_, row_;   // "INSERT INTO t VALUES ", "(?, ?)"
  std::size_t columns_ = 0;
  std::vector<std::optional<std::string>> current_;
  std::vector<std::vector<std::optional<std::string>>> rows_;
};

}  // namespace

PreparedInsert::PreparedInsert(Poco::Data::Session& db, const char* sql, std::function<void()> when_full) {
  if (sql_dialect::on_postgresql(db)) connection_ = std::make_unique<PostgresInsert>(db, sql, std::move(when_full));
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
void PreparedInsert::flush() { connection_->flush(); }

}  // namespace karta::sqlite_tables
