#include "rules/group_screen.hpp"

#include "karta/rules.hpp"
#include "model/stage_clock.hpp"

namespace karta {

GroupScreen::GroupScreen(const std::vector<Rule>& rules) : rules_(rules.size()) {
  for (std::size_t r = 0; r < rules.size(); ++r)
    for (const auto& re : rules[r].patterns) patterns_.push_back({re, rules[r].case_sensitive, static_cast<int>(r)});
}

// Compiled on first use, not at load: a process that converts one file
// pays only for the groups it reaches (a set costs about what its
// patterns cost one by one).
void GroupScreen::build() const {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(true);    // per pattern: (?i) where the rule folds case
  options.set_max_mem(64 << 20);       // the DFA of 90 region names over a whole act
  auto set = std::make_unique<re2::RE2::Set>(options, RE2::UNANCHORED);
  for (const Entry& e : patterns_) {
    const std::string pattern = e.case_sensitive ? e.pattern.source() : "(?i:" + e.pattern.source() + ")";
    if (set->Add(pattern, nullptr) < 0) return;
    rule_of_pattern_.push_back(e.rule);
  }
  if (!set->Compile()) return;
  set_ = std::move(set);
}

std::vector<bool> GroupScreen::may_match(const std::string& normalised) const {
  prepare();
  if (!set_) return std::vector<bool>(rules_, true);
  std::vector<int> hits;
  re2::RE2::Set::ErrorInfo error{};
  if (!set_->Match(normalised, &hits, &error) && error.kind != re2::RE2::Set::kNoError)
    return std::vector<bool>(rules_, true);
  std::vector<bool> out(rules_, false);
  for (const int p : hits) out[static_cast<std::size_t>(rule_of_pattern_[static_cast<std::size_t>(p)])] = true;
  return out;
}

}  // namespace karta
