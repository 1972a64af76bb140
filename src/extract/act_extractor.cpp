#include "extract/act_extractor.hpp"

#include <re2/re2.h>

#include <functional>
#include <set>

#include "karta/normalize.hpp"

namespace karta {
namespace {

void each_text(const Document& d, const std::function<void(const std::string&)>& f) {
  std::function<void(const Table&)> table = [&](const Table& t) {
    for (const Row& r : t.rows)
      for (const Cell& c : r.cells) {
        f(c.text);
        for (const Table& nested : c.tables) table(nested);
      }
  };
  for (const Block& b : d.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) f(p->text);
    else table(std::get<Table>(b));
  }
}

// The name before "(далее – X)" is the clause since the last sentence or
// clause break. Inside it, a capitalised organisation head noun
// ("… акт Департамента образования …") starts the name; a clause that starts
// with a head noun in an oblique case ("Министерству образования …") gets it
// in the nominative. Otherwise the clause stands as written
// ("органы местного самоуправления …, осуществляющие управление …").
std::string name_before(const std::string& before, const RuleSet& rules) {
  std::size_t cut = before.find_last_of(".;:!?)");
  std::string text = cut == std::string::npos ? before : before.substr(cut + 1);
  text.erase(0, text.find_first_not_of(" -–0123456789"));
  if (text.empty()) return text;
  std::size_t best = std::string::npos, head_end = 0;
  std::string head;
  for (const Rule& r : rules.group("definitions.heads")) {
    for (const auto& re : r.patterns) {
      re2::StringPiece whole;
      for (std::size_t from = 0; from < text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, &whole, 1);
           from = static_cast<std::size_t>(whole.data() - text.data()) + std::max<std::size_t>(whole.size(), 1)) {
        std::size_t at = static_cast<std::size_t>(whole.data() - text.data());
        while (at < text.size() && !((text[at] & 0xC0) == 0xC0 || isalpha(static_cast<unsigned char>(text[at])))) ++at;
        if (best == std::string::npos || at > best) {
          best = at;
          head = r.value;
          head_end = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
        }
      }
    }
  }
  if (best == std::string::npos) return text;
  std::size_t word_end = text.find(' ', best);
  if (word_end == std::string::npos || word_end > head_end) word_end = head_end;
  return head + text.substr(word_end);
}

}  // namespace

namespace {

// «термин» – определение lines: the term as written, its abbreviation if
// the line gives one, and the definition text.
std::vector<Definition> quoted_terms(const Document& document, const RuleSet& rules) {
  std::vector<Definition> out;
  for (const Block& b : document.blocks) {
    const auto* p = std::get_if<Paragraph>(&b);
    if (!p || p->text.rfind("«", 0) != 0) continue;
    std::string text = clean_text(p->text);
    for (char& c : text)
      if (c == '\n') c = ' ';
    Match m;
    if (!rules.first("definitions.terms", text, &m)) continue;
    Definition d;
    d.term = m.group("term");
    std::string short_name = m.group("short").empty() ? m.group("short2") : m.group("short");
    while (!short_name.empty() && short_name.back() == ' ') short_name.pop_back();
    if (!short_name.empty()) d.short_name = short_name;
    d.text = m.group("text");
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

std::vector<Definition> find_definitions(const Document& document, const RuleSet& rules) {
  std::vector<Definition> out = quoted_terms(document, rules);
  std::set<std::string> seen;
  for (const Definition& d : out)
    if (d.short_name) seen.insert(*d.short_name);
  const auto& group = rules.group("definitions.abbreviation");
  each_text(document, [&](const std::string& raw) {
    if (raw.find("далее") == std::string::npos) return;
    const std::string text = cased_match_form(raw);
    for (const Rule& r : group) {
      for (const Match& m : r.find_all_normalised(text)) {
        const std::string short_name = m.group("short");
        std::string before = text.substr(0, m.begin);
        while (!before.empty() && before.back() == ' ') before.pop_back();
        std::string term = name_before(before, rules);
        if (term.empty() || short_name.empty() || !seen.insert(short_name).second) continue;
        out.push_back({term, short_name, std::nullopt});
      }
    }
  });
  return out;
}

}  // namespace karta
