// The store's SQL on PostgreSQL: its placeholders numbered, a literal's
// question mark left alone, a URI's password never shown, a URI told from
// a file name.
#include <gtest/gtest.h>

#include <Poco/Data/DataException.h>

#include "write/sql_dialect.hpp"

namespace karta::test {
namespace {

TEST(SqlDialect, PlaceholdersAreNumberedOutsideLiterals) {
  EXPECT_EQ(sql_dialect::numbered_placeholders("SELECT id FROM documents WHERE date = ? AND number = ?"),
            "SELECT id FROM documents WHERE date = $1 AND number = $2");
  EXPECT_EQ(sql_dialect::numbered_placeholders("SELECT '?' || ? FROM t WHERE a = 'it''s ?' AND b IN (?, ?)"),
            "SELECT '?' || $1 FROM t WHERE a = 'it''s ?' AND b IN ($2, $3)");
  EXPECT_EQ(sql_dialect::numbered_placeholders("SELECT 1"), "SELECT 1");
}

TEST(SqlDialect, APasswordIsNeverShown) {
  EXPECT_EQ(sql_dialect::shown("postgresql://karta:s3cret@db.example:5432/karta"),
            "postgresql://karta:***@db.example:5432/karta");
  EXPECT_EQ(sql_dialect::shown("postgres://karta@db.example/karta"), "postgres://karta@db.example/karta");
  EXPECT_EQ(sql_dialect::shown("/var/lib/karta/store.db"), "/var/lib/karta/store.db");
  EXPECT_EQ(sql_dialect::shown("karta:pass@word.db"), "karta:pass@word.db");   // a file name, however it reads
}

TEST(SqlDialect, OnlyAPostgresUriIsAServer) {
  EXPECT_TRUE(sql_dialect::is_uri("postgresql://h/db"));
  EXPECT_TRUE(sql_dialect::is_uri("postgres://h/db"));
  EXPECT_FALSE(sql_dialect::is_uri("karta.db"));
  EXPECT_FALSE(sql_dialect::is_uri("./postgresql://x"));
  EXPECT_FALSE(sql_dialect::is_uri("mysql://h/db"));
}

TEST(SqlDialect, AUriLibpqCannotReadIsRefusedWithItsReason) {
  try {
    sql_dialect::open("postgresql://karta@host:notaport:5432/db?nonsense_option=1");
    FAIL() << "a malformed URI opened";
  } catch (const Poco::Data::DataException& e) {
    EXPECT_NE(e.displayText().find("nonsense_option"), std::string::npos) << e.displayText();
  }
}

}  // namespace
}  // namespace karta::test
