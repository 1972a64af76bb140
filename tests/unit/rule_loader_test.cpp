// A bad rule file is refused at load time, naming file:line and the reason.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

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
  std::string load_error(const std::string& yaml, const std::string& file = "roadmap.yaml") {
    std::ofstream(dir_ / file) << yaml;
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
  const std::string e = load_error("columns:\n  - id: ok\n    value: number\n    pattern: 'а'\n  - id: broken\n    pattern: '(?P<x>а'\n");
  EXPECT_NE(e.find("roadmap.yaml:6: rule broken: pattern does not compile"), std::string::npos) << e;
}

TEST_F(RuleFiles, PatternMatchingTheEmptyStringEverywhereIsRefused) {
  const std::string e = load_error("columns:\n  - id: greedy\n    pattern: '\\pL*'\n");
  EXPECT_NE(e.find("roadmap.yaml:3: rule greedy: pattern matches the empty string everywhere"), std::string::npos) << e;
}

TEST_F(RuleFiles, MalformedYamlIsReportedWithItsLine) {
  const std::string e = load_error("columns:\n  - id: x\n    pattern: [unclosed\n");
  EXPECT_NE(e.find("roadmap.yaml:"), std::string::npos) << e;
}

// The rule contract: the repository's rules with one thing changed.
class RuleContract : public RuleFiles {
 protected:
  void SetUp() override {
    RuleFiles::SetUp();
    for (const auto& f : std::filesystem::directory_iterator(std::string(KARTA_SOURCE_DIR) + "/rules"))
      if (f.path().extension() == ".yaml") std::filesystem::copy_file(f.path(), dir_ / f.path().filename());
  }
  // `file` with its first `from` replaced by `to`; the loader's complaint.
  std::string changed(const std::string& file, const std::string& from, const std::string& to) {
    std::ifstream in(dir_ / file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return load_error(text, file);
  }
};

TEST_F(RuleContract, TheRepositoryRulesMeetIt) {
  EXPECT_NO_THROW(RuleSet::load(dir_.string()));
}

TEST_F(RuleContract, AMisspeltKeyIsRefused) {
  const std::string e = changed("deadlines.yaml", "    no_match: [\"II полугодие 2024\"", "    no_macth: [\"II полугодие 2024\"");
  EXPECT_NE(e.find("deadlines.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key «no_macth»"), std::string::npos) << e;
}

TEST_F(RuleContract, ARenamedGroupIsRefusedAndTheMissingOneNamed) {
  const std::string e = changed("deadlines.yaml", "\nstructures:\n", "\nstructure:\n");
  EXPECT_NE(e.find("unknown group «structure»"), std::string::npos) << e;
  std::filesystem::remove(dir_ / "deadlines.yaml");
  std::ofstream(dir_ / "deadlines.yaml") << "months:\n  - {id: m, value: \"1\", pattern: 'январ'}\n";
  std::string missing;
  try {
    RuleSet::load(dir_.string());
  } catch (const RuleError& err) {
    missing = err.what();
  }
  EXPECT_NE(missing.find("deadlines.yaml: group «frequencies» is missing"), std::string::npos) << missing;
}

TEST_F(RuleContract, AValueNoStageKnowsIsRefused) {
  const std::string e = changed("roadmap.yaml", "value: deadline", "value: deadlines");
  EXPECT_NE(e.find("value «deadlines» is none of roadmap.columns's"), std::string::npos) << e;
}

TEST_F(RuleContract, APatternWithoutTheCaptureItsConsumerReadsIsRefused) {
  const std::string e = changed("deadlines.yaml", "(?P<plan>.*)$", "(.*)$");
  EXPECT_NE(e.find("lacks the capture (?P<plan>"), std::string::npos) << e;
}

TEST_F(RuleContract, ALabelGroupMustNameEveryValueOnce) {
  const std::string e = changed("labels.yaml", "  - {id: label.on_demand, value: on_demand, name: \"По мере необходимости\"}\n", "");
  EXPECT_NE(e.find("labels.deadline_kinds must label «on_demand» exactly once, not 0 times"), std::string::npos) << e;
}

TEST_F(RuleContract, ALabelGroupMustNotNameAValueTwice) {
  const std::string e = changed("labels.yaml", "{id: label.per_plan, value: per_plan,", "{id: label.per_plan, value: on_demand,");
  EXPECT_NE(e.find("must label «on_demand» exactly once, not 2 times"), std::string::npos) << e;
}

TEST_F(RuleContract, ALabelWithAPatternIsRefused) {
  const std::string e = changed("labels.yaml", "value: cnppm, name: \"ЦНППМ\"", "value: cnppm, name: \"ЦНППМ\", pattern: 'ЦНППМ'");
  EXPECT_NE(e.find("labels.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("a label has a value and a name, no pattern"), std::string::npos) << e;
}

TEST_F(RuleContract, NeedsThatAMatchExampleLacksAreRefused) {
  const std::string e = changed("definitions.yaml", "needs: [\"алее\"]", "needs: [\"далее\"]");
  EXPECT_NE(e.find("example «(Далее – Центр)» holds none of the rule's needs"), std::string::npos) << e;
}

TEST(RuleNeeds, APatternIsNotTriedWithoutOneOfItsNeeds) {
  const RuleSet rules = RuleSet::load(std::string(KARTA_SOURCE_DIR) + "/rules");
  const Rule& r = rules.group("definitions.abbreviation").front();
  ASSERT_FALSE(r.needs.empty());
  EXPECT_TRUE(r.search("Центр (далее – ЦНППМ)"));
  EXPECT_FALSE(r.may_match_normalised("Центр (дaлее – ЦНППМ)"));   // a Latin "a": no need is there
  EXPECT_TRUE(r.find_all_normalised("Центр (дaлее – ЦНППМ)").empty());
}

TEST(LetterClasses, NarrowedOutsideAndInsideClasses) {
  EXPECT_EQ(narrow_letter_classes("a\\pLb"), "a[\\x{0400}-\\x{04FF}a-zA-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{00FF}]b");
  EXPECT_EQ(narrow_letter_classes("[^\\pL\\d]"), "[^\\x{0400}-\\x{04FF}a-zA-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{00FF}\\d]");
  EXPECT_EQ(narrow_letter_classes("\\\\pL"), "\\\\pL");   // an escaped backslash, then "pL"
  EXPECT_EQ(narrow_letter_classes("[\\PL]"), "[\\PL]");   // a negated class inside a class stays Unicode
}

}  // namespace
}  // namespace karta
