#include "extract/mention_splitter.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <re2/re2.h>

#include <algorithm>
#include <optional>

#include "karta/normalize.hpp"
#include "model/utf8.hpp"

namespace karta {
namespace {

// A literal replacement; RE2::GlobalReplace with a string pattern compiles
// the pattern on every call.
void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string trim(std::string s) {
  const char* junk = " ,;.:";
  s.erase(0, s.find_first_not_of(junk));
  const std::size_t end = s.find_last_not_of(junk) + 1;
  // An initial keeps its dot: "Соколова Т.Г." (the last word has dots).
  const std::size_t word = s.find_last_of(' ', end == 0 ? 0 : end - 1);
  const bool initial = end < s.size() && s[end] == '.' &&
                       s.find('.', word == std::string::npos ? 0 : word + 1) < end;
  s.erase(end + (initial ? 1 : 0));
  return s;
}

// Splits at any of `separators` outside (), «», "".
std::vector<std::string> split_top_level(const std::string& s, const std::string& separators) {
  std::vector<std::string> out;
  std::string current;
  int depth = 0;
  bool quote = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == '"') quote = !quote;
    if (s.compare(i, 2, "«") == 0) ++depth;
    if (s.compare(i, 2, "»") == 0 && depth > 0) --depth;
    if (depth == 0 && !quote && separators.find(c) != std::string::npos) {
      out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  out.push_back(current);
  return out;
}

int uppercase_letters(const std::string& token) {
  int n = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(token.size());) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(token.data()), i, static_cast<int32_t>(token.size()), c);
    if (c > 0 && u_isupper(c)) ++n;
  }
  return n;
}

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::string w;
  for (char c : s) {
    if (c == ' ') {
      if (!w.empty()) out.push_back(w), w.clear();
    } else {
      w += c;
    }
  }
  if (!w.empty()) out.push_back(w);
  return out;
}

// Bracket and quote depth at each byte of `s`: 0 is top level.
std::vector<int> depths(const std::string& s) {
  std::vector<int> out(s.size(), 0);
  int depth = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(' || s.compare(i, 2, "«") == 0) ++depth;
    if ((s[i] == ')' || s.compare(i, 2, "»") == 0) && depth > 0) --depth;
    out[i] = depth;
  }
  return out;
}

// The first match of a `group` rule outside brackets and quotes, on the
// segment's match form (which keeps its byte offsets), as [begin, end).
std::optional<std::pair<std::size_t, std::size_t>> top_level_match(const RuleSet& rules, const char* group,
                                                                   const std::string& segment) {
  const std::string form = cased_match_form(segment);
  if (form.size() != segment.size()) return std::nullopt;
  const std::vector<int> depth = depths(form);
  std::optional<std::pair<std::size_t, std::size_t>> best;
  for (const Rule& r : rules.group(group))
    for (const Match& m : r.find_all_normalised(form))
      if (m.begin < depth.size() && depth[m.begin] == 0 && (!best || m.begin < best->first)) best = {{m.begin, m.end}};
  return best;
}

}  // namespace

std::string MentionSplitter::kind_of(const std::string& mention) const {
  const Rule* r = rules_.first("mentions.kinds", mention);
  return r ? r->value : "other";
}

std::string MentionSplitter::kind_nearest_the_end(const std::string& expansion) const {
  const std::string form = cased_match_form(expansion);
  const Rule* best = nullptr;
  std::size_t best_end = 0;
  for (const Rule& r : rules_.group("mentions.kinds"))
    for (const Match& m : r.find_all_normalised(form))
      if (!best || m.end > best_end) best = &r, best_end = m.end;   // ties: rule order
  return best ? best->value : "other";
}

std::vector<std::string> MentionSplitter::split_abbreviations(const std::string& segment,
                                                              const std::set<std::string>& known) const {
  std::vector<std::string> tokens = words(segment);
  if (tokens.size() < 2) return {segment};
  for (const std::string& t : tokens)
    if (uppercase_letters(t) < 2 && known.count(t) == 0) return {segment};
  auto join = [&](std::size_t from, std::size_t to) {
    std::string s = tokens[from];
    for (std::size_t k = from + 1; k < to; ++k) s += " " + tokens[k];
    return s;
  };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < tokens.size();) {
    // The document's own shorts ("(далее – ГАУ ДПО ЯО ИРО)"), longest first.
    std::size_t n = 0;
    for (std::size_t len = std::min<std::size_t>(tokens.size() - i, 6); len >= 2 && n == 0; --len)
      if (known.count(join(i, i + len))) n = len;
    if (n == 0 && i + 1 < tokens.size() && rules_.first("mentions.multiword", join(i, i + 2))) n = 2;
    if (n == 0 && rules_.first("mentions.legal_forms", tokens[i])) {
      // "ГБУ ДПО МИО": the form, its qualifiers, one name token.
      std::size_t k = i + 1;
      while (k < tokens.size() && rules_.first("mentions.name_qualifiers", tokens[k])) ++k;
      if (k < tokens.size()) ++k;
      n = k - i;
    }
    if (n == 0) n = 1;
    out.push_back(join(i, i + n));
    i += n;
  }
  return out;
}

std::vector<std::string> MentionSplitter::split(const std::string& cell, const std::set<std::string>& known) const {
  std::string text = cell;
  for (char& c : text)
    if (c == '\n' || c == ';') c = ',';
  text = clean_text(text);
  for (const Rule& drop : rules_.group("mentions.drop"))
    for (const auto& re : drop.patterns) RE2::GlobalReplace(&text, *re, "");

  std::vector<std::string> segments;
  for (const std::string& comma_part : split_top_level(text, ",")) {
    std::string part = trim(comma_part);
    if (part.empty() || rules_.first("mentions.placeholders", part)) continue;
    // A person's position after the comma ("Иванова Н.В., начальник отдела
    // образования") is part of the mention, whatever body it names.
    const bool position = !segments.empty() && starts_lowercase(part) && kind_of(segments.back()) == "official";
    // A short the document defines ("(далее – управление)") is a name of its own.
    bool continues = !segments.empty() && !known.count(part) &&
                     (position || rules_.first("mentions.continuation", part) ||
                      (starts_lowercase(part) && kind_of(part) == "other"));
    if (continues) {
      segments.back() += ", " + part;
      continue;
    }
    // "исполнитель / соисполнители", but not "и/или" (mentions.unsplit_slashes).
    for (const Rule& r : rules_.group("mentions.unsplit_slashes")) {
      const std::string form = cased_match_form(part);
      if (form.size() != part.size()) break;
      for (const Match& m : r.find_all_normalised(form))
        for (std::size_t i = m.begin; i < m.end; ++i)
          if (part[i] == '/') part[i] = '\x01';
    }
    for (std::string p : split_top_level(part, "/")) {
      replace_all(p, "\x01", "/");
      p = trim(p);
      if (!p.empty()) segments.push_back(p);
    }
  }

  std::vector<std::string> out;
  for (std::string segment : segments) {
    // "…, а также ЦНППМ": the conjunction that starts a segment joins nothing.
    if (auto at = top_level_match(rules_, "mentions.conjunctions", segment); at && at->first == 0)
      segment = trim(segment.substr(at->second));
    if (auto at = top_level_match(rules_, "mentions.conjunctions", segment)) {
      std::string left = trim(segment.substr(0, at->first)), right = trim(segment.substr(at->second));
      // A side names a body: a short the document defines ("КОИРО"), an
      // abbreviation or a name of two words or more with a known kind —
      // but not "сообщества" of "сообщества и советы ОО".
      auto names_a_body = [&](const std::string& side) {
        const std::size_t n = words(side).size();
        return known.count(side) > 0 ||
               ((n >= 2 || (n == 1 && uppercase_letters(side) >= 2)) && kind_of(side) != "other");
      };
      if (names_a_body(left) && names_a_body(right)) {
        out.push_back(left);
        out.push_back(right);
        continue;
      }
    }
    if (std::vector<std::string> people = split_persons(segment); people.size() > 1) {
      out.insert(out.end(), people.begin(), people.end());
      continue;
    }
    for (std::string m : split_abbreviations(segment, known))
      if (!(m = trim(m)).empty()) out.push_back(m);
  }
  // "-", "нет", "не требуется": no one.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const std::string& m) { return rules_.first("mentions.placeholders", m) != nullptr; }),
            out.end());
  return out;
}

std::vector<std::string> MentionSplitter::split_persons(const std::string& segment) const {
  const std::string form = cased_match_form(segment);
  if (form.size() != segment.size()) return {segment};
  std::vector<Match> found;
  for (const Rule& r : rules_.group("mentions.persons")) {
    std::vector<Match> all = r.find_all_normalised(form);
    found.insert(found.end(), all.begin(), all.end());
  }
  if (found.size() < 2) return {segment};
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) { return a.begin < b.begin; });
  // Only names with spaces between them: anything else is one name of a body.
  std::size_t at = 0;
  std::vector<std::string> out;
  for (const Match& m : found) {
    if (m.begin < at) return {segment};
    if (segment.find_first_not_of(' ', at) != m.begin) return {segment};
    out.push_back(segment.substr(m.begin, m.end - m.begin));
    at = m.end;
  }
  if (segment.find_first_not_of(' ', at) != std::string::npos) return {segment};
  return out;
}

}  // namespace karta
