// Quantified targets in the running text: a comparator with a value and a
// unit ("не менее 30%"), and the year it is due by ("к 2024 году") when the
// same paragraph states one.
#include <re2/re2.h>

#include "extract/requisites.hpp"
#include "karta/normalize.hpp"

namespace karta {

std::vector<Indicator> find_indicators(const std::vector<TextLine>& lines, const RuleSet& rules) {
  std::vector<std::string> paragraphs;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i].block == lines[i - 1].block) paragraphs.back() += " " + lines[i].text;
    else paragraphs.push_back(lines[i].text);
  }
  std::vector<Indicator> out;
  for (const std::string& raw : paragraphs) {
    const std::string text = cased_match_form(raw);
    for (const Rule& rule : rules.group("indicators.comparators")) {
      for (const auto& re : rule.patterns) {
        const int n = re->NumberOfCapturingGroups() + 1;
        std::vector<re2::StringPiece> sub(static_cast<std::size_t>(n));
        for (std::size_t from = 0; from < text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, sub.data(), n);) {
          const std::size_t begin = static_cast<std::size_t>(sub[0].data() - text.data());
          from = begin + std::max<std::size_t>(sub[0].size(), 1);
          Indicator ind;
          ind.comparator = rule.value;
          for (const auto& [name, index] : re->NamedCapturingGroups()) {
            std::string v(sub[static_cast<std::size_t>(index)]);
            if (name == "value") {
              for (char& c : v)
                if (c == ',') c = '.';
              ind.value = std::stod(v);
            }
            if (name == "unit") {
              if (v == "%" || v.rfind("процент", 0) == 0) v = "%";
              else if (v == "чел.") v = "человек";
              ind.unit = v;
            }
          }
          Match by;
          if (rules.first("indicators.by_year", text, &by)) ind.by = by.group("year");
          // What is measured: the text before the figure, without list marks and the due year.
          std::string what = text.substr(0, begin);
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
  }
  return out;
}

}  // namespace karta
