// A bad rule file is refused at load time, naming file:line and the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "karta/rules.hpp"
#include "rules/letter_classes.hpp"

namespace karta {
namespace {

class RuleFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("karta-rules-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string load_error(const std::string& yaml) {
    std::ofstream(dir_ / "bad.yaml") << yaml;
    try {
      RuleSet::load(dir_.string());
    } catch (const RuleError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(RuleFiles, PatternRe2RejectsIsReportedWithFileAndLine) {
  const std::string e = load_error("group:\n  - id: ok\n    pattern: 'а'\n  - id: broken\n    pattern: '(?P<x>а'\n");
  EXPECT_NE(e.find("bad.yaml:5: rule broken: pattern does not compile"), std::string::npos) << e;
}

TEST_F(RuleFiles, PatternMatchingTheEmptyStringEverywhereIsRefused) {
  const std::string e = load_error("group:\n  - id: greedy\n    pattern: '\\pL*'\n");
  EXPECT_NE(e.find("bad.yaml:3: rule greedy: pattern matches the empty string everywhere"), std::string::npos) << e;
}

TEST_F(RuleFiles, MalformedYamlIsReportedWithItsLine) {
  const std::string e = load_error("group:\n  - id: x\n    pattern: [unclosed\n");
  EXPECT_NE(e.find("bad.yaml:"), std::string::npos) << e;
}

TEST(LetterClasses, NarrowedOutsideAndInsideClasses) {
  EXPECT_EQ(narrow_letter_classes("a\\pLb"), "a[\\x{0400}-\\x{04FF}a-zA-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{00FF}]b");
  EXPECT_EQ(narrow_letter_classes("[^\\pL\\d]"), "[^\\x{0400}-\\x{04FF}a-zA-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{00FF}\\d]");
  EXPECT_EQ(narrow_letter_classes("\\\\pL"), "\\\\pL");   // an escaped backslash, then "pL"
  EXPECT_EQ(narrow_letter_classes("[\\PL]"), "[\\PL]");   // a negated class inside a class stays Unicode
}

}  // namespace
}  // namespace karta
