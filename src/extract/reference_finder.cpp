// Cited acts: every "от <date> № <number>" in the running text, typed by the
// nearest type word before it ("распоряжениями … от … № … и от … № …" gives
// both the same type), with the issuer between them and the «title» after.
#include <algorithm>
#include <functional>
#include <set>

#include "extract/requisites.hpp"
#include "karta/normalize.hpp"

namespace karta {
namespace {

struct Found {
  std::size_t begin, end;
  std::string value;
};

// Type words in the text; a match inside one of an earlier (more specific)
// rule is no match of its own: "Федерального закона" is no bare "закон".
std::vector<Found> type_words(const std::string& text, const std::vector<Rule>& group) {
  std::vector<Found> kept;
  for (const Rule& r : group) {
    for (const Match& m : r.find_all_normalised(text)) {
      bool inside = false;
      for (const Found& k : kept)
        if (m.begin < k.end && k.begin < m.end) inside = true;
      if (!inside) kept.push_back({m.begin, m.end, r.value});
    }
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

std::string trim_issuer(std::string s) {
  const char* junk = " ,";
  s.erase(0, s.find_first_not_of(junk));
  s.erase(s.find_last_not_of(junk) + 1);
  return s;
}

// Whether `at` lies inside a «…» quotation opened before it.
bool inside_quotes(const std::string& text, std::size_t at) {
  int depth = 0;
  const std::string_view open = "«", close = "»";
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text.compare(i, open.size(), open) == 0) ++depth;
    else if (text.compare(i, close.size(), close) == 0 && depth > 0) --depth;
  }
  return depth > 0;
}

}  // namespace

std::vector<Reference> find_references(const std::vector<TextLine>& lines, const RuleSet& rules, const ActInfo& act,
                                       const Document* tables) {
  std::vector<TextParagraph> paragraphs = text_paragraphs(lines);
  // The title first: "О внесении изменений в приказ … от … №" is what the act amends.
  if (act.title) paragraphs.insert(paragraphs.begin(), {*act.title, false});
  std::vector<Reference> out;
  std::set<std::pair<std::string, std::string>> seen;
  if (act.date && act.number) seen.insert({*act.date, *act.number});
  bool basis_list = false;
  auto cite = [&](const std::string& written, bool note, bool in_cell) {
    const std::string text = cased_match_form(written);
    // A cell's citations are mentions whatever its words say, and the cells
    // come after the running text: no role to look for there.
    const Rule* role_here = in_cell ? nullptr : rules.first("references.roles", text);
    const bool basis_here = role_here && role_here->value == "basis";
    if (!list_item(text)) basis_list = false;
    // The type words only once a citation is found: most texts cite nothing.
    std::optional<std::vector<Found>> found_types;
    auto types = [&]() -> const std::vector<Found>& {
      if (!found_types) found_types = type_words(text, rules.group("references.types"));
      return *found_types;
    };
    std::optional<std::string> last_type;
    std::size_t last_end = 0;
    for (const Rule& cite : rules.group("references.citations")) {
      for (const Match& m : cite.find_all_normalised(text)) {
        Reference ref;
        ref.date = act_date(m.group("date"), rules);
        ref.number = m.group("number");
        // The nearest type word before the citation, and the issuer after it.
        const Found* type = nullptr;
        for (const Found& t : types())
          if (t.end <= m.begin + 1 && t.begin >= last_end && (!type || t.begin > type->begin)) type = &t;
        if (type) {
          ref.type = type->value;
          std::string issuer = type->end < m.begin ? trim_issuer(text.substr(type->end, m.begin - type->end)) : "";
          if (!issuer.empty() && issuer.size() < 200) ref.issuer = body_nominative(issuer, rules);
          last_type = ref.type;
        } else {
          ref.type = last_type;
        }
        last_end = m.end;
        std::string title = quoted_title(text, m.end);
        if (!title.empty()) ref.title = title;
        auto amends = [&] {
          // Cited inside the quoted title of another act («О внесении
          // изменений в приказ … № 245»): the words are that act's, not
          // this one's, and it is named, not amended, here.
          if (inside_quotes(text, m.begin)) return false;
          const Rule* role = rules.first("references.roles", text.substr(0, m.begin));
          return role && role->value == "amends";
        };
        ref.role = in_cell ? "mention"
                   : note || amends() ? "amends"
                   : (basis_here || basis_list) ? "basis"
                                               : "mention";
        if (!ref.date && ref.number->empty()) continue;
        // "… № 370 «…» и № 372 «…»": more numbers of the same date, type and issuer.
        std::vector<Reference> refs = {ref};
        std::size_t after = m.end;
        if (ref.title) after = text.find("»", text.find(*ref.title, m.end) + ref.title->size()) + 2;
        Match more;
        for (const Rule& same : rules.group("references.same_date")) {
          while (after <= text.size() && same.search_normalised(text.substr(after), &more) && more.begin == 0) {
            Reference next = refs.front();
            next.number = more.group("number");
            next.title.reset();
            after += more.end;
            const std::string t = quoted_title(text, after);
            if (!t.empty()) {
              next.title = t;
              after = text.find("»", text.find(t, after) + t.size()) + 2;
            }
            refs.push_back(std::move(next));
          }
        }
        last_end = std::max(last_end, std::min(after, text.size()));
        for (Reference& r : refs) {
          if (!seen.insert({r.date.value_or(""), *r.number}).second) {
            // Cited again: a stronger role wins (amends over basis over mention).
            for (Reference& earlier : out)
              if (earlier.date == r.date && earlier.number == r.number && rank(r.role) > rank(earlier.role))
                earlier.role = r.role;
            continue;
          }
          out.push_back(std::move(r));
        }
      }
    }
    if (basis_here && !text.empty() && text.back() == ':') basis_list = true;
  };
  for (const TextParagraph& paragraph : paragraphs) cite(paragraph.text, paragraph.amendment_note, false);
  // Then each cell that holds a digit, nested tables included, in document
  // order — read where it lies: a copy of every cell would be one more copy
  // of a document that may be all table.
  std::function<void(const Table&)> cells_of = [&](const Table& t) {
    for (const Row& r : t.rows)
      for (const Cell& c : r.cells) {
        const std::string cell = clean_text(c.text);
        if (cell.find_first_of("0123456789") != std::string::npos) cite(cell, false, true);
        for (const Table& nested : c.tables) cells_of(nested);
      }
  };
  if (tables)
    for (const Block& b : tables->blocks)
      if (const auto* t = std::get_if<Table>(&b)) cells_of(*t);
  return out;
}

}  // namespace karta
