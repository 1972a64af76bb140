// Cited acts: every "от <date> № <number>" in the running text, typed by the
// nearest type word before it ("распоряжениями … от … № … и от … № …" gives
// both the same type), with the issuer between them and the «title» after.
#include <re2/re2.h>

#include <set>

#include "extract/requisites.hpp"
#include "karta/normalize.hpp"

namespace karta {
namespace {

struct Found {
  std::size_t begin, end;
  std::string value;
};

std::vector<Found> all_matches(const std::string& text, const std::vector<Rule>& group) {
  std::vector<Found> out;
  for (const Rule& r : group) {
    for (const auto& re : r.patterns) {
      re2::StringPiece whole;
      for (std::size_t from = 0;
           from < text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, &whole, 1);) {
        std::size_t b = static_cast<std::size_t>(whole.data() - text.data());
        out.push_back({b, b + whole.size(), r.value});
        from = b + std::max<std::size_t>(whole.size(), 1);
      }
    }
  }
  // A match inside one of an earlier (more specific) rule is no match of its
  // own: "Федерального закона" is no bare "закон".
  std::vector<Found> kept;
  for (const Found& f : out) {
    bool inside = false;
    for (const Found& k : kept)
      if (f.begin < k.end && k.begin < f.end) inside = true;
    if (!inside) kept.push_back(f);
  }
  return kept;
}

std::string quoted_title(const std::string& text, std::size_t from) {
  std::size_t at = text.find_first_not_of(" ", from);
  if (at == std::string::npos || text.compare(at, 2, "«") != 0) return {};
  int depth = 0;
  for (std::size_t i = at; i + 1 < text.size(); ++i) {
    if (text.compare(i, 2, "«") == 0) ++depth;
    if (text.compare(i, 2, "»") == 0 && --depth == 0) return text.substr(at + 2, i - at - 2);
  }
  return {};
}

int rank(const std::string& role) { return role == "amends" ? 2 : role == "basis" ? 1 : 0; }

bool list_item(const std::string& text) {
  return text.rfind("-", 0) == 0 || text.rfind("–", 0) == 0 || text.rfind("—", 0) == 0 || text.rfind("•", 0) == 0;
}

}  // namespace

std::vector<Reference> find_references(const std::vector<TextLine>& lines, const RuleSet& rules, const ActInfo& act) {
  // Lines of one paragraph read as one text.
  std::vector<std::string> paragraphs;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i].block == lines[i - 1].block) paragraphs.back() += " " + lines[i].text;
    else paragraphs.push_back(lines[i].text);
  }
  std::vector<Reference> out;
  std::set<std::pair<std::string, std::string>> seen;
  if (act.date && act.number) seen.insert({*act.date, *act.number});
  // The title first: "О внесении изменений в приказ … от … №" is what the act amends.
  if (act.title) paragraphs.insert(paragraphs.begin(), *act.title);
  bool basis_list = false;
  for (const std::string& raw : paragraphs) {
    const std::string text = cased_match_form(raw);
    const Rule* role_here = rules.first("references.roles", text);
    const bool basis_here = role_here && role_here->value == "basis";
    if (!list_item(text)) basis_list = false;
    std::vector<Found> types = all_matches(text, rules.group("references.types"));
    std::optional<std::string> last_type;
    std::size_t last_end = 0;
    for (const Rule& cite : rules.group("references.citations")) {
      for (const auto& re : cite.patterns) {
        const int n = re->NumberOfCapturingGroups() + 1;
        std::vector<re2::StringPiece> sub(static_cast<std::size_t>(n));
        for (std::size_t from = 0; from < text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, sub.data(), n);) {
          const std::size_t begin = static_cast<std::size_t>(sub[0].data() - text.data());
          const std::size_t end = begin + sub[0].size();
          from = end;
          std::string date_text, number;
          for (const auto& [name, index] : re->NamedCapturingGroups()) {
            if (name == "date") date_text = std::string(sub[static_cast<std::size_t>(index)]);
            if (name == "number") number = std::string(sub[static_cast<std::size_t>(index)]);
          }
          Reference ref;
          ref.date = act_date(date_text, rules);
          ref.number = number;
          // The nearest type word before the citation, and the issuer after it.
          const Found* type = nullptr;
          for (const Found& t : types)
            if (t.end <= begin + 1 && t.begin >= last_end && (!type || t.begin > type->begin)) type = &t;
          if (type) {
            ref.type = type->value;
            std::string issuer = type->end < begin ? text.substr(type->end, begin - type->end) : std::string();
            while (!issuer.empty() && (issuer.front() == ' ' || issuer.front() == ',')) issuer.erase(0, 1);
            while (!issuer.empty() && (issuer.back() == ' ' || issuer.back() == ',')) issuer.pop_back();
            if (!issuer.empty() && issuer.size() < 200) ref.issuer = body_nominative(issuer, rules);
            last_type = ref.type;
          } else {
            ref.type = last_type;
          }
          last_end = end;
          std::string title = quoted_title(text, end);
          if (!title.empty()) ref.title = title;
          const Rule* role = rules.first("references.roles", text.substr(0, begin));
          if (role && role->value == "amends") {
            ref.role = "amends";
          } else if (basis_here || basis_list) {
            ref.role = "basis";
          } else {
            ref.role = "mention";
          }
          if (!ref.date && number.empty()) continue;
          if (!seen.insert({ref.date.value_or(""), number}).second) {
            // Cited again: a stronger role wins (amends over basis over mention).
            for (Reference& earlier : out)
              if (earlier.date == ref.date && earlier.number == ref.number && rank(ref.role) > rank(earlier.role))
                earlier.role = ref.role;
            continue;
          }
          out.push_back(std::move(ref));
        }
      }
    }
    if (basis_here && !text.empty() && text.back() == ':') basis_list = true;
  }
  return out;
}

}  // namespace karta
