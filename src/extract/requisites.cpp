// The heading block of an act: body in capitals, the kind line, date and
// number, place, a title that may run over several lines, and later the
// signature (position, then initials and surname). A bare roadmap has
// none of these; its approving block ("Приложение к приказу … от … № …")
// gives authority, date and number instead.
#include "extract/requisites.hpp"

#include <re2/re2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <set>
#include <sstream>

#include "model/calendar.hpp"
#include "model/numbers.hpp"
#include "model/utf8.hpp"
#include "karta/normalize.hpp"

namespace karta {
namespace {

constexpr std::size_t kHeadLines = 40;       // the requisites block is at the top
constexpr std::size_t kShortLine = 120;
constexpr int kTitleParts = 10;

std::string squeeze(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool starts_continuation(const std::string& s) {
  if (s.empty()) return false;
  if (s.rfind("«", 0) == 0 || s[0] == '"' || s[0] == '(') return true;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s.substr(0, 4));
  return u.length() > 0 && u_islower(u.char32At(0));
}

int quote_balance(const std::string& s) {
  int open = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if (s.compare(i, 2, "«") == 0) ++open;
    if (s.compare(i, 2, "»") == 0) --open;
  }
  return open;
}

bool has_lowercase(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length(); ++i)
    if (u_islower(u.charAt(i))) return true;
  return false;
}

// `word` is one of `names` in another case: they differ at most in their
// last two letters ("республики" in the heading, "в Республике Адыгея" in
// the text), over a stem of four letters or more.
bool another_form_of(const std::string& word, const std::set<std::string>& names) {
  const icu::UnicodeString w = icu::UnicodeString::fromUTF8(word);
  for (const std::string& name : names) {
    const icu::UnicodeString n = icu::UnicodeString::fromUTF8(name);
    int32_t common = 0;
    while (common < w.length() && common < n.length() && w[common] == n[common]) ++common;
    if (common >= 4 && common >= std::max(w.length(), n.length()) - 2) return true;
  }
  return false;
}

// The heading in capitals → the name as the act writes it elsewhere.
std::string authority_from_heading(const std::string& heading, const std::vector<TextLine>& lines,
                                   const RuleSet& rules) {
  std::size_t space = heading.find(' ');
  if (space == std::string::npos) return body_nominative(heading, rules);
  const std::string rest = heading.substr(space + 1);
  std::string pattern = "(?i)", word;
  std::istringstream words(rest);
  while (words >> word) pattern += (pattern.size() > 4 ? "\\s+" : "") + RE2::QuoteMeta(word);
  RE2 re(pattern);
  std::string as_written;
  // The name may be broken over lines ("распоряжением Министерства" /
  // "образования и спорта" / "Республики Карелия"): each line with the two after it.
  for (std::size_t i = 0; i < lines.size() && as_written.empty(); ++i) {
    std::string text = lines[i].text;
    for (std::size_t k = i + 1; k < lines.size() && k <= i + 2; ++k) text += " " + lines[k].text;
    re2::StringPiece found;
    if (re.ok() && re.Match(text, 0, text.size(), RE2::UNANCHORED, &found, 1) && has_lowercase(std::string(found)))
      as_written = std::string(found);
  }
  if (as_written.empty()) {
    // Not written out in the text: lower case, but for the words the text
    // capitalises in mid-sentence ("в Мурманской области", and the words of
    // a name that go on capitalised: "в Республике Карелия").
    std::set<std::string> names;
    for (const TextLine& line : lines) {
      std::istringstream in(line.text);
      std::string prev, w;
      bool prev_name = false;
      while (in >> w) {
        const bool capitalised = !starts_lowercase(w) && has_lowercase(w);
        const bool name = capitalised && !prev.empty() && (starts_lowercase(prev) || prev_name);
        prev_name = name && prev.find_first_of(".,;:") == std::string::npos && w.find_first_of(".,;:") == std::string::npos;
        if (name) {
          std::string lower;
          icu::UnicodeString::fromUTF8(w).toLower().toUTF8String(lower);
          names.insert(lower);
        }
        prev = w;
      }
    }
    std::istringstream in(rest);
    std::string w;
    while (in >> w) {
      std::string lower;
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(w);
      u.toLower().toUTF8String(lower);
      std::string word = lower;
      if (names.count(lower) || another_form_of(lower, names)) {
        word.clear();
        icu::UnicodeString(u).toTitle(nullptr).toUTF8String(word);
      }
      as_written += (as_written.empty() ? "" : " ") + word;
    }
  }
  return body_nominative(heading.substr(0, space), rules) + " " + as_written;
}

}  // namespace

std::vector<TextLine> text_lines(const Document& document) {
  std::vector<TextLine> out;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const auto* p = std::get_if<Paragraph>(&document.blocks[b]);
    if (!p) continue;
    std::size_t start = 0;
    while (start <= p->text.size()) {
      std::size_t end = p->text.find('\n', start);
      if (end == std::string::npos) end = p->text.size();
      std::string line = squeeze(clean_text(p->text.substr(start, end - start)));
      if (!line.empty()) out.push_back({line, b});
      start = end + 1;
    }
  }
  return out;
}

std::vector<TextParagraph> text_paragraphs(const std::vector<TextLine>& lines) {
  std::vector<TextParagraph> out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i].block == lines[i - 1].block && lines[i].amendment_note == lines[i - 1].amendment_note)
      out.back().text += " " + lines[i].text;
    else out.push_back({lines[i].text, lines[i].amendment_note});
  }
  return out;
}

std::vector<std::string> paragraph_texts(const std::vector<TextLine>& lines) {
  std::vector<std::string> out;
  for (TextParagraph& p : text_paragraphs(lines)) out.push_back(std::move(p.text));
  return out;
}

std::string body_nominative(const std::string& name, const RuleSet& rules) {
  std::size_t space = name.find(' ');
  const std::string first = name.substr(0, space);
  const Rule* head = rules.first("requisites.body_heads", first);
  if (!head) return name;
  return head->value + (space == std::string::npos ? "" : name.substr(space));
}

std::optional<std::string> act_date(const std::string& text, const RuleSet& rules) {
  for (const Rule& rule : rules.group("requisites.dates")) {
    Match m;
    if (!rule.search(text, &m)) continue;
    const int day = parse_int(m.group("d"), 0, 99).value_or(0);
    std::string month = m.group("m");
    int mo = 0;
    if (month.find_first_not_of("0123456789") == std::string::npos) {
      mo = parse_int(month, 0, 99).value_or(0);
    } else if (const Rule* r = rules.first("deadlines.months", month)) {
      mo = parse_int(r->value, 1, 12).value_or(0);
    }
    auto year = calendar::year_of(m.group("y"));
    if (year && calendar::valid(*year, mo, day)) return calendar::iso(*year, mo, day);
  }
  return std::nullopt;
}

void read_requisites(const std::vector<TextLine>& all_lines, const RuleSet& rules,
                     const std::optional<std::string>& roadmap_title, ActInfo& act) {
  // Amendment notes sit between the requisites and the title, or after the
  // title; read as if they were not there.
  std::vector<TextLine> lines;
  lines.reserve(all_lines.size());
  for (const TextLine& line : all_lines)
    if (!line.amendment_note) lines.push_back(line);
  const std::size_t head = std::min(lines.size(), kHeadLines);
  std::optional<std::size_t> kind_line;
  for (std::size_t i = 0; i < std::min<std::size_t>(head, 15); ++i) {
    if (const Rule* k = rules.first("requisites.kinds", lines[i].text)) {
      act.kind = k->value;
      kind_line = i;
      break;
    }
  }
  if (!kind_line) {
    if (roadmap_title) {
      act.kind = "roadmap";
      act.title = roadmap_title;
    }
    // The approving block above the roadmap heading.
    std::string block;
    for (std::size_t i = 0; i < head; ++i) {
      if (roadmap_title && rules.first("roadmap.title", lines[i].text)) break;
      block += (block.empty() ? "" : " ") + lines[i].text;
    }
    Match m;
    if (rules.first("requisites.approval", block, &m)) {
      act.authority = body_nominative(m.group("body"), rules);
      const std::string after = block.substr(m.end > 4 ? m.end - 4 : 0);
      act.date = act_date(after, rules);
      Match n;
      if (rules.first("requisites.numbers", after, &n)) act.number = n.group("number");
    }
    return;
  }

  // The body's heading in capitals, just above the kind line.
  std::string heading;
  for (std::size_t i = 0; i < *kind_line; ++i) {
    if (has_lowercase(lines[i].text)) {
      heading.clear();
      continue;
    }
    heading += (heading.empty() ? "" : " ") + lines[i].text;
  }
  if (!heading.empty() && rules.first("requisites.authority_heading", heading))
    act.authority = authority_from_heading(heading, lines, rules);

  // Date, number and place, then the title.
  std::size_t i = *kind_line + 1;
  for (; i < head && lines[i].text.size() < kShortLine; ++i) {
    const std::string& text = lines[i].text;
    bool requisite = false;
    if (!act.date) {
      if (auto d = act_date(text, rules)) act.date = d, requisite = true;
    }
    Match m;
    if (!act.number && rules.first("requisites.numbers", text, &m)) act.number = m.group("number"), requisite = true;
    if (!act.place && rules.first("requisites.place", text, &m)) act.place = m.group("place"), requisite = true;
    if (!requisite) break;
  }
  if (i < lines.size() && !rules.first("requisites.body_start", lines[i].text)) {
    std::string title = lines[i].text;
    std::size_t block = lines[i].block;
    std::size_t j = i + 1;
    // A title broken into short paragraphs (one per line in DOCX) runs on
    // until the body starts.
    for (int parts = 1; j < lines.size(); ++j) {
      const bool same_paragraph = lines[j].block == block;
      if (rules.first("requisites.body_start", lines[j].text)) break;
      if (!same_paragraph) {
        const bool short_part = lines[j].text.size() < kShortLine && ++parts <= kTitleParts;
        if (!short_part && !starts_continuation(lines[j].text) && quote_balance(title) <= 0) break;
      }
      title += " " + lines[j].text;
      block = lines[j].block;
    }
    act.title = title;
    i = j;
  }

  // The signature: a position line, then initials and surname at a line's end.
  auto is_position = [&](const std::string& text) {
    for (const Rule& r : rules.group("requisites.signature"))
      if (r.value != "name" && r.search(text)) return true;
    return false;
  };
  auto name_in = [&](const std::string& text) -> std::string {
    for (const Rule& r : rules.group("requisites.signature")) {
      Match m;
      if (r.value == "name" && r.search(text, &m)) return m.group("name");
    }
    return {};
  };
  for (std::size_t j = i; j < lines.size(); ++j) {
    const std::string who = name_in(lines[j].text);
    if (who.empty()) continue;
    const std::string before = squeeze(lines[j].text.substr(0, lines[j].text.rfind(who)));
    std::optional<std::string> position;
    for (std::size_t back = 0; back <= 2 && back <= j; ++back) {
      if (back > 0 && lines[j - back].text.size() > kShortLine) break;
      std::string candidate = before;
      for (std::size_t k = j; k-- > j - back;) candidate = squeeze(lines[k].text + " " + candidate);
      if (!candidate.empty() && is_position(candidate)) {
        position = candidate;
        break;
      }
    }
    if (!position) continue;
    act.signed_by = SignedBy{position, who};
    break;
  }
}

std::optional<Region> find_region(const ActInfo& act, const std::vector<TextLine>& lines, const RuleSet& rules) {
  auto earliest = [&](const std::string& text) -> std::optional<Region> {
    const Rule* best = nullptr;
    std::size_t at = std::string::npos;
    const std::vector<Rule>& subjects = rules.group("regions.subjects");
    if (subjects.empty()) return std::nullopt;
    const std::string form = subjects.front().normalise(text);
    const std::vector<bool> maybe = rules.may_match("regions.subjects", form);
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      Match m;
      if (maybe[i] && subjects[i].search_normalised(form, &m) && m.begin < at) at = m.begin, best = &subjects[i];
    }
    if (!best) return std::nullopt;
    return Region{best->value, best->name};
  };
  for (const auto& source : {act.authority, act.title})
    if (source)
      if (auto r = earliest(*source)) return r;
  std::string text;
  for (const TextLine& line : lines) text += line.text + "\n";
  return earliest(text);
}

}  // namespace karta
