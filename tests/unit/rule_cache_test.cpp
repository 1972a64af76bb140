// The rule cache (RuleSet::load): a checked rule set is read back the same,
// without compiling its patterns; rule files that changed, a damaged entry,
// a cache that cannot be written or is turned off never change what loads —
// a bad file is refused whatever the cache holds.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <optional>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>

#include <re2/re2.h>

#include "karta/rules.hpp"

namespace karta {
namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class RuleCache : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("karta-rule-cache-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(root_);
    rules_ = root_ / "rules";
    cache_ = root_ / "cache";
    fs::create_directories(rules_);
    for (const auto& f : fs::directory_iterator(std::string(KARTA_SOURCE_DIR) + "/rules"))
      if (f.path().extension() == ".yaml") fs::copy_file(f.path(), rules_ / f.path().filename());
    const char* before = std::getenv("KARTA_CACHE_DIR");
    saved_ = before ? std::optional<std::string>(before) : std::nullopt;
    ::setenv("KARTA_CACHE_DIR", cache_.c_str(), 1);
  }
  void TearDown() override {
    if (saved_) ::setenv("KARTA_CACHE_DIR", saved_->c_str(), 1);
    else ::unsetenv("KARTA_CACHE_DIR");
    fs::remove_all(root_);
  }
  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(cache_, ec)) out.push_back(e.path());
    return out;
  }
  static std::size_t compiled(const RuleSet& set) {
    std::size_t n = 0;
    for (const std::string& g : set.group_names())
      for (const Rule& r : set.group(g))
        for (const RulePattern& p : r.patterns) n += p.is_compiled();
    return n;
  }
  static std::size_t patterns(const RuleSet& set) {
    std::size_t n = 0;
    for (const std::string& g : set.group_names())
      for (const Rule& r : set.group(g)) n += r.patterns.size();
    return n;
  }
  fs::path root_, rules_, cache_;
  std::optional<std::string> saved_;
};

void expect_same(const RuleSet& a, const RuleSet& b) {
  ASSERT_EQ(a.group_names(), b.group_names());
  EXPECT_EQ(a.version(), b.version());
  for (const std::string& g : a.group_names()) {
    const auto& x = a.group(g);
    const auto& y = b.group(g);
    ASSERT_EQ(x.size(), y.size()) << g;
    for (std::size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].id, y[i].id);
      EXPECT_EQ(x[i].value, y[i].value);
      EXPECT_EQ(x[i].name, y[i].name);
      EXPECT_EQ(x[i].file, y[i].file);
      EXPECT_EQ(x[i].group, y[i].group);
      EXPECT_EQ(x[i].line, y[i].line);
      EXPECT_EQ(x[i].case_sensitive, y[i].case_sensitive);
      EXPECT_EQ(x[i].needs, y[i].needs);
      ASSERT_EQ(x[i].match.size(), y[i].match.size()) << x[i].id;
      for (std::size_t k = 0; k < x[i].match.size(); ++k) {
        EXPECT_EQ(x[i].match[k].text, y[i].match[k].text);
        EXPECT_EQ(x[i].match[k].value, y[i].match[k].value);
        EXPECT_EQ(x[i].match[k].line, y[i].match[k].line);
      }
      ASSERT_EQ(x[i].no_match.size(), y[i].no_match.size()) << x[i].id;
      ASSERT_EQ(x[i].patterns.size(), y[i].patterns.size()) << x[i].id;
      for (std::size_t k = 0; k < x[i].patterns.size(); ++k)
        EXPECT_EQ(x[i].patterns[k].source(), y[i].patterns[k].source());
      // The same answers on the rule's own examples.
      for (const RuleExample& e : x[i].match) {
        Match m, n;
        EXPECT_EQ(x[i].search(e.text, &m), y[i].search(e.text, &n)) << x[i].id << " on " << e.text;
        EXPECT_EQ(m.groups, n.groups);
      }
    }
  }
  for (const char* stem : {"deadlines", "mentions"}) {
    ASSERT_EQ(a.examples(stem).size(), b.examples(stem).size()) << stem;
    ASSERT_FALSE(a.examples(stem).empty()) << stem;
    for (std::size_t k = 0; k < a.examples(stem).size(); ++k) {
      EXPECT_EQ(a.examples(stem)[k].line, b.examples(stem)[k].line);
      EXPECT_EQ(a.examples(stem)[k].file, b.examples(stem)[k].file);
    }
  }
}

TEST_F(RuleCache, ASecondLoadReadsTheCheckedSetWithoutCompilingIt) {
  const RuleSet first = RuleSet::load(rules_.string());
  EXPECT_EQ(compiled(first), patterns(first));   // checked at load: every pattern compiled
  ASSERT_EQ(entries().size(), 1u);
  const RuleSet second = RuleSet::load(rules_.string());
  EXPECT_EQ(compiled(second), 0u);               // from the cache: none yet
  expect_same(first, second);
  EXPECT_GT(compiled(second), 0u);               // compiled as they were used
  EXPECT_EQ(entries().size(), 1u);
}

TEST_F(RuleCache, AChangedRuleFileIsCheckedAfreshAndABadOneRefused) {
  RuleSet::load(rules_.string());
  std::string text = read(rules_ / "roadmap.yaml");
  const std::string bad = text + "\nbogus_group:\n  - id: x\n    pattern: 'a'\n";
  std::ofstream(rules_ / "roadmap.yaml", std::ios::trunc) << bad;
  EXPECT_THROW(RuleSet::load(rules_.string()), RuleError);
  // A changed pattern that still checks loads with its own pattern, not the cached one.
  std::ofstream(rules_ / "roadmap.yaml", std::ios::trunc) << text;
  text = read(rules_ / "deadlines.yaml");
  const std::size_t at = text.find("'(?i)ежегодн");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string("'(?i)ежегодн").size(), "'(?i)каждогодн");
  std::ofstream(rules_ / "deadlines.yaml", std::ios::trunc) << text;
  // (examples are run by `karta rules test`, not at load: the rule loads.)
  const RuleSet changed = RuleSet::load(rules_.string());
  EXPECT_EQ(compiled(changed), patterns(changed));
  bool found = false;
  for (const Rule& r : changed.group("deadlines.frequencies"))
    for (const RulePattern& p : r.patterns) found = found || p.source().find("каждогодн") != std::string::npos;
  EXPECT_TRUE(found);
  EXPECT_EQ(entries().size(), 2u);
}

TEST_F(RuleCache, ADamagedEntryIsPassedByAndRewritten) {
  const RuleSet first = RuleSet::load(rules_.string());
  ASSERT_EQ(entries().size(), 1u);
  const fs::path entry = entries().front();
  std::string bytes = read(entry);
  for (const std::size_t cut : {bytes.size() / 2, bytes.size() - 1}) {
    std::string damaged = bytes;
    damaged[cut] = static_cast<char>(damaged[cut] ^ 0x20);
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << damaged;
    const RuleSet again = RuleSet::load(rules_.string());
    EXPECT_EQ(compiled(again), patterns(again)) << "a damaged entry was read (byte " << cut << ")";
    expect_same(first, again);
    EXPECT_EQ(read(entry), bytes);   // rewritten whole
  }
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 3);
  const RuleSet short_entry = RuleSet::load(rules_.string());
  EXPECT_EQ(compiled(short_entry), patterns(short_entry));
}

TEST_F(RuleCache, OffOrUnwritableMeansNoCacheAndNoError) {
  ::setenv("KARTA_CACHE_DIR", "off", 1);
  EXPECT_EQ(RuleSet::cache_dir(), "");
  const RuleSet off = RuleSet::load(rules_.string());
  EXPECT_FALSE(fs::exists(cache_));
  EXPECT_EQ(compiled(RuleSet::load(rules_.string())), patterns(off));
  std::ofstream(root_ / "a-file") << "not a directory";
  ::setenv("KARTA_CACHE_DIR", (root_ / "a-file" / "cache").c_str(), 1);
  const RuleSet unwritable = RuleSet::load(rules_.string());
  expect_same(off, unwritable);
}

TEST_F(RuleCache, TheSameFilesInAnotherDirectoryAreAnotherEntry) {
  const RuleSet here = RuleSet::load(rules_.string());
  const fs::path moved = root_ / "moved";
  fs::copy(rules_, moved);
  const RuleSet there = RuleSet::load(moved.string());
  EXPECT_EQ(entries().size(), 2u);
  EXPECT_NE(here.group("roadmap.columns").front().file, there.group("roadmap.columns").front().file);
  EXPECT_EQ(there.group("roadmap.columns").front().file.rfind(moved.string(), 0), 0u);
}

TEST_F(RuleCache, PreparationInTheBackgroundCompilesWhatTheCacheLeftAndGivesTheSameAnswers) {
  const RuleSet checked = RuleSet::load(rules_.string());
  const RuleSet cached = RuleSet::load(rules_.string());
  ASSERT_EQ(compiled(cached), 0u);
  cached.prepare_in_background();
  cached.prepare_in_background();   // a second call does nothing
  // Searched meanwhile from this thread: each part is built once, by whichever comes first.
  expect_same(checked, cached);
  for (int waited = 0; compiled(cached) < patterns(cached) && waited < 3000; waited += 10)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(compiled(cached), patterns(cached));
}

TEST_F(RuleCache, ASetDestroyedWhilePreparingStopsItsThreadAndLeavesSharedPatternsWhole) {
  RuleSet::load(rules_.string());
  for (int i = 0; i < 5; ++i) {
    std::optional<RulePattern> kept;
    {
      const RuleSet cached = RuleSet::load(rules_.string());
      cached.prepare_in_background();
      kept = cached.group("regions.subjects").back().patterns.front();
    }   // joined here (a thread left running would be a leak and a race under the sanitizers)
    EXPECT_TRUE(kept->compiled().ok());
    EXPECT_TRUE(kept->is_compiled());
  }
}

}  // namespace
}  // namespace karta
