// Quantified targets in the running text: a comparator with a value and a
// unit ("не менее 30%"), and the year it is due by ("к 2024 году") when the
// same paragraph states one.
#include "extract/requisites.hpp"
#include "model/numbers.hpp"
#include "karta/normalize.hpp"

namespace karta {

std::optional<Quantity> quantity_of(const Match& m, const RuleSet& rules) {
  const auto value = parse_decimal(m.group("value"));
  if (!value) return std::nullopt;
  Quantity q;
  q.value = *value;
  std::string unit = m.group("unit");
  if (const Rule* u = rules.first("indicators.units", unit); u && !unit.empty()) unit = u->value;
  if (!unit.empty()) q.unit = unit;
  return q;
}

std::vector<Indicator> find_indicators(const std::vector<TextLine>& lines, const RuleSet& rules) {
  std::vector<Indicator> out;
  for (const std::string& raw : paragraph_texts(lines)) {
    const std::string text = cased_match_form(raw);
    Match by;
    const bool due = rules.first("indicators.by_year", text, &by) != nullptr;
    for (const Rule& rule : rules.group("indicators.comparators")) {
      for (const Match& m : rule.find_all_normalised(text)) {
        Indicator ind;
        ind.comparator = rule.value;
        const auto q = quantity_of(m, rules);
        if (!q) continue;
        ind.value = q->value;
        ind.unit = q->unit;
        if (due) ind.by = by.group("year");
        // What is measured: the text before the figure, without list marks and the due year.
        std::string what = text.substr(0, m.begin);
        std::size_t paren = what.rfind('(');
        if (paren != std::string::npos && paren > 0) what = what.substr(0, paren);
        const char* junk = " -–—:,;(";
        what.erase(0, what.find_first_not_of(junk));
        what.erase(what.find_last_not_of(junk) + 1);
        ind.text = what.empty() ? text : what;
        out.push_back(std::move(ind));
      }
    }
  }
  return out;
}

}  // namespace karta
