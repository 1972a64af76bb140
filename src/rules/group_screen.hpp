// One pass over a text that tells which rules of a group can match it: the
// group's patterns compiled together into an RE2::Set, so a text is scanned
// once instead of once per rule. A rule the screen leaves out has no
// pattern matching anywhere in the text; the ones it lets through are then
// searched as before (in rule order, needs checked, captures taken), so the
// answers are the ones the rule-by-rule scan gave.
#pragma once

#include <re2/set.h>

#include <memory>
#include <mutex>
#include <re2/re2.h>
#include <string>
#include <vector>

#include "karta/rules.hpp"

namespace karta {

class GroupScreen {
 public:
  // Keeps the rules' patterns (shared), not the rules: a copied RuleSet may
  // share the screen. The set is built from the patterns' sources, so it
  // compiles none of them one by one.
  explicit GroupScreen(const std::vector<Rule>& rules);

  // One flag per rule, true where it may match `normalised` (the rules'
  // normal form). All true when the set could not be built or ran out of
  // memory on this text: the caller then scans every rule, as without it.
  std::vector<bool> may_match(const std::string& normalised) const;

  // Builds the set now, if no thread has (RuleSet::prepare_in_background).
  void prepare() const { std::call_once(built_, [this] { build(); }); }
  std::size_t size() const { return patterns_.size(); }

 private:
  void build() const;

  struct Entry {
    RulePattern pattern;
    bool case_sensitive;
    int rule;
  };
  std::vector<Entry> patterns_;
  std::size_t rules_;
  mutable std::once_flag built_;
  mutable std::unique_ptr<re2::RE2::Set> set_;   // null when it cannot serve
  mutable std::vector<int> rule_of_pattern_;
};

}  // namespace karta
