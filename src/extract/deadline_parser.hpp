// Deadline cells → typed deadlines (SCHEMA.md's deadline kinds), driven by
// rules/deadlines.yaml. A cell is read by composition: a recurrence marker,
// a plan reference, a continuity marker, the month names it mentions, and
// the first structural pattern (date, "до …", quarter, range, month, year)
// whose parts are valid. Nothing unrecognised is guessed: it is `unknown`.
#pragma once

#include <string>
#include <vector>

#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

class DeadlineParser {
 public:
  explicit DeadlineParser(const RuleSet& rules) : rules_(rules) {}

  // `context_year` is the year a year row gave (0 when none).
  Deadline parse(const std::string& text, int context_year = 0) const;

  // Fills bounds that come from the roadmap period.
  static void apply_period(Deadline& d, const std::optional<std::string>& start, const std::optional<std::string>& end);

  // Month numbers named in the text, in order of appearance.
  std::vector<int> months_in(const std::string& text) const;
  // Explicit four-digit (or dd.mm.yy) years the text states.
  std::vector<int> years_in(const std::string& text) const;

 private:
  bool structural(const std::string& text, int context_year, Deadline& d) const;
  bool repeated_yearly(const std::string& text, Deadline& d) const;
  std::optional<int> month_number(const std::string& word) const;

  const RuleSet& rules_;
};

}  // namespace karta
