#include "extract/act_extractor.hpp"

#include <re2/re2.h>

#include <unicode/unistr.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

#include "karta/normalize.hpp"
#include "model/utf8.hpp"

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

// A glossary paragraph's entries: one a line or one between semicolons.
std::vector<std::string> split_entries(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ';' || c == '\n') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  for (std::string& e : out) {
    e.erase(0, e.find_first_not_of(' '));
    while (!e.empty() && e.back() == ' ') e.pop_back();
  }
  return out;
}

// The name before "(далее – X)" is the clause since the last sentence or
// clause break. Inside it, a capitalised organisation head noun
// ("… акт Департамента образования …") starts the name; a clause that starts
// with a head noun in an oblique case ("Министерству образования …") gets it
// in the nominative. Otherwise the clause stands as written
// ("органы местного самоуправления …, осуществляющие управление …").
// Where the name starts after the list before it: the last comma outside
// «» and () whose next part is no clause going on with the name.
std::string after_list(const std::string& text, const RuleSet& rules) {
  std::vector<std::size_t> commas;
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(' || text.compare(i, 2, "«") == 0) ++depth;
    if ((text[i] == ')' || text.compare(i, 2, "»") == 0) && depth > 0) --depth;
    if (text[i] == ',' && depth == 0) commas.push_back(i);
  }
  for (auto it = commas.rbegin(); it != commas.rend(); ++it) {
    std::string rest = text.substr(*it + 1);
    rest.erase(0, rest.find_first_not_of(' '));
    if (!rules.first("definitions.clause", rest)) return rest;
  }
  return text;
}

bool inside_quotes(const std::string& text, std::size_t at) {
  int depth = 0;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text.compare(i, 2, "«") == 0) ++depth;
    if (text.compare(i, 2, "»") == 0 && depth > 0) --depth;
  }
  return depth > 0;
}

// A lower-case head noun as the short ("(далее – департамент)"): the name
// starts at that noun's last occurrence, in the nominative.
std::optional<std::string> named_by_its_head(const std::string& text, const std::string& short_name,
                                             const RuleSet& rules) {
  if (short_name.find(' ') != std::string::npos || !starts_lowercase(short_name)) return std::nullopt;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(short_name);
  std::string capital;
  icu::UnicodeString(u).toTitle(nullptr).toUTF8String(capital);
  const Rule* head = nullptr;
  for (const Rule& r : rules.group("definitions.heads"))
    if (r.search(capital)) head = &r;
  if (!head || u.length() < 5) return std::nullopt;
  std::string stem;
  u.tempSubString(0, u.length() - 1).toUTF8String(stem);
  std::string lower;
  icu::UnicodeString::fromUTF8(text).toLower().toUTF8String(lower);
  if (lower.size() != text.size()) return std::nullopt;
  const std::size_t at = lower.rfind(stem);
  if (at == std::string::npos || (at > 0 && text[at - 1] != ' ')) return std::nullopt;
  const std::size_t word_end = std::min(text.find(' ', at), text.size());
  return head->value + text.substr(word_end);
}

// Where the clause that holds the name starts: after the last sentence or
// clause mark, or after an earlier "(далее – X)" — but a bracket that is
// part of the name ("план мероприятий («дорожную карту») по …") is no break.
std::size_t clause_start(const std::string& before, const RuleSet& rules) {
  std::size_t cut = before.find_last_of(".;:!?");
  cut = cut == std::string::npos ? 0 : cut + 1;
  // Brackets from the last one back, each "(…)" whole.
  for (std::size_t close = before.rfind(')'); close != std::string::npos && close >= cut;) {
    const std::size_t open = before.rfind('(', close);
    if (open == std::string::npos) break;
    const std::string group = before.substr(open, close - open + 1);
    for (const Rule& r : rules.group("definitions.abbreviation"))
      if (r.search(group)) return close + 1;
    close = open == 0 ? std::string::npos : before.rfind(')', open - 1);
  }
  return cut;
}

// `word` with the case of `model`'s first letter.
std::string cased_like(const std::string& model, const std::string& word) {
  if (starts_lowercase(model) || word.empty()) return word;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  icu::UnicodeString first = u.tempSubString(0, 1);
  u.replace(0, 1, first.toUpper());
  std::string out;
  u.toUTF8String(out);
  return out;
}

// The word in the nominative ending of `gender`, or "" when no
// dative_endings rule of that gender takes it.
std::string nominative_ending(const std::string& word, const std::string& gender, const RuleSet& rules) {
  for (const Rule& r : rules.group("definitions.dative_endings")) {
    Match m;
    if (r.value == gender && r.search(word, &m) && !m.group("stem").empty()) return m.group("stem") + r.name;
  }
  return "";
}

// "Государственному автономному учреждению … «…»" → "Государственное
// автономное учреждение … «…»"; "органам …, осуществляющим …" → "органы …,
// осуществляющие …". A clause not in the dative stays as it is.
std::string in_nominative(const std::string& text, const RuleSet& rules) {
  std::vector<std::string> words;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find(' ', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) words.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  const Rule* head = nullptr;
  std::size_t h = 0;
  for (; h < words.size() && h < 5 && !head; ++h)
    for (const Rule& r : rules.group("definitions.dative_heads"))
      if (r.search(words[h])) {
        head = &r;
        break;
      }
  if (!head) return text;
  --h;
  for (std::size_t i = 0; i < h; ++i) {
    std::string nominative = nominative_ending(words[i], head->value, rules);
    if (nominative.empty()) return text;   // "по вопросам учреждению" is no dative name
    words[i] = nominative;
  }
  words[h] = cased_like(words[h], head->name);
  for (std::size_t i = h + 1; i < words.size(); ++i)
    if (words[i - 1].back() == ',' && starts_lowercase(words[i]))
      if (std::string nominative = nominative_ending(words[i], head->value, rules); !nominative.empty()) words[i] = nominative;
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string name_before(const std::string& before, const std::string& short_name, const RuleSet& rules) {
  std::string text = before.substr(clause_start(before, rules));
  text = after_list(text, rules);
  Match verb;
  for (int words = 0; words < 3 && rules.first("definitions.leading_verbs", text, &verb) && verb.begin == 0 && verb.end > 0;
       ++words)
    text.erase(0, verb.end);
  text.erase(0, text.find_first_not_of(" -–0123456789"));
  if (text.empty()) return text;
  text = in_nominative(text, rules);
  if (auto named = named_by_its_head(text, short_name, rules)) return *named;
  std::size_t best = std::string::npos, head_end = 0;
  std::string head;
  for (const Rule& r : rules.group("definitions.heads")) {
    for (const auto& re : r.patterns) {
      re2::StringPiece whole;
      for (std::size_t from = 0; from < text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, &whole, 1);
           from = static_cast<std::size_t>(whole.data() - text.data()) + std::max<std::size_t>(whole.size(), 1)) {
        std::size_t at = static_cast<std::size_t>(whole.data() - text.data());
        while (at < text.size() && !((text[at] & 0xC0) == 0xC0 || isalpha(static_cast<unsigned char>(text[at])))) ++at;
        // A head noun inside «» after words of its own is part of a quoted
        // name ("учреждение … «Институт регионального развития»").
        if (inside_quotes(text, at + 1) && text.find_first_not_of(' ') < text.find("«")) continue;
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

// "Используемые сокращения:" and the lines "SHORT – expansion;" under it
// (or after its colon), to the first line that is no entry.
std::vector<Definition> glossary(const Document& document, const RuleSet& rules) {
  std::vector<Definition> out;
  bool open = false;
  for (const Block& b : document.blocks) {
    const auto* p = std::get_if<Paragraph>(&b);
    if (!p) {
      open = false;
      continue;
    }
    std::string text = clean_text(p->text);
    Match head;
    if (rules.first("definitions.glossary_heads", text, &head)) {
      open = true;
      const std::size_t colon = text.find(':', head.end > 0 ? head.end - 1 : 0);
      text = colon == std::string::npos ? std::string() : text.substr(colon + 1);
      if (text.find_first_not_of(' ') == std::string::npos) continue;
    }
    if (!open) continue;
    bool any = false;
    for (std::string entry : split_entries(text)) {
      Match m;
      if (!rules.first("definitions.glossary_entry", entry, &m)) continue;
      any = true;
      out.push_back({m.group("term"), m.group("short"), std::nullopt});
    }
    if (!any) open = false;
  }
  return out;
}

std::vector<Definition> find_definitions(const Document& document, const RuleSet& rules) {
  std::vector<Definition> out = quoted_terms(document, rules);
  for (Definition& d : glossary(document, rules)) out.push_back(std::move(d));
  std::set<std::string> seen;
  for (const Definition& d : out)
    if (d.short_name) seen.insert(*d.short_name);
  const auto& group = rules.group("definitions.abbreviation");
  each_text(document, [&](const std::string& raw) {
    const std::string text = cased_match_form(raw);
    for (const Rule& r : group) {
      for (const Match& m : r.find_all_normalised(text)) {
        const std::string short_name = m.group("short");
        std::string before = text.substr(0, m.begin);
        while (!before.empty() && before.back() == ' ') before.pop_back();
        std::string term = name_before(before, short_name, rules);
        if (term.empty() || short_name.empty() || !seen.insert(short_name).second) continue;
        out.push_back({term, short_name, std::nullopt});
      }
    }
  });
  return out;
}

}  // namespace karta
