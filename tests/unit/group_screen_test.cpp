// The one-pass screen of a rule group against the rule-by-rule scan it
// replaced: on every example text of every rule of the repository's rule set
// (each group's texts tried against every group), no rule that matches is
// screened out, and RuleSet::first names the same rule with the same match.
#include <gtest/gtest.h>

#include "karta/normalize.hpp"
#include "karta/rules.hpp"
#include "test_support.hpp"

namespace {

using karta::Match;
using karta::Rule;

const Rule* first_by_scan(const std::vector<Rule>& rules, const std::string& text, Match* out) {
  for (const Rule& r : rules)
    if (r.search(text, out)) return &r;
  return nullptr;
}

TEST(GroupScreen, AgreesWithTheRuleByRuleScanOnEveryExample) {
  const karta::RuleSet& rules = karta::test::repository_rules();
  std::vector<std::string> texts = {"", "Министерство образования и науки", "ДО 31 ДЕКАБРЯ 2025 ГОДА"};
  for (const std::string& g : rules.group_names())
    for (const Rule& r : rules.group(g)) {
      for (const auto& e : r.match) texts.push_back(e.text);
      for (const auto& e : r.no_match) texts.push_back(e.text);
    }
  int screened_out = 0, checked = 0;
  for (const std::string& g : rules.group_names()) {
    const std::vector<Rule>& group = rules.group(g);
    for (const std::string& text : texts) {
      const std::string form = karta::cased_match_form(text);
      const std::vector<bool> maybe = rules.may_match(g, form);
      ASSERT_EQ(maybe.size(), group.size()) << g;
      for (std::size_t i = 0; i < group.size(); ++i) {
        if (!group[i].patterns.empty() && group[i].search_normalised(form))
          ASSERT_TRUE(maybe[i]) << g << " screened out " << group[i].id << ", which matches «" << text << "»";
        screened_out += !maybe[i];
      }
      Match a, b;
      const Rule* scanned = first_by_scan(group, text, &a);
      const Rule* found = rules.first(g, text, &b);
      ASSERT_EQ(scanned, found) << g << " on «" << text << "»";
      if (found) {
        EXPECT_EQ(a.begin, b.begin);
        EXPECT_EQ(a.end, b.end);
        EXPECT_EQ(a.groups, b.groups);
      }
      ++checked;
    }
  }
  // The screen does work: most rules are turned away from most texts.
  EXPECT_GT(screened_out, checked);
}

}  // namespace
