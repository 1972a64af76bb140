// measures.csv: one row per measure of every compared document.
#include "karta/comparison_report.hpp"
#include "extract/due_quarters.hpp"
#include "write/comparison_index.hpp"

namespace karta {
namespace {

// RFC 4180 quoting with `;` as the separator (Excel's in a Russian locale).
// Every field but a bare integer is quoted, so that LibreOffice's "quoted
// field as text" keeps "1.1.1" and "Апрель 2023" from becoming a date or a
// number; a field a spreadsheet would run as a formula (=, +, -, @, TAB, CR
// first: OWASP's CSV-injection rule) starts with an apostrophe, shown as text.
std::string field(const std::string& v) {
  if (v.empty()) return v;
  if (v.find_first_not_of("0123456789") == std::string::npos && v.size() < 10) return v;
  std::string out = "\"";
  if (std::string("=+-@\t\r").find(v.front()) != std::string::npos) out += '\'';
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

void line(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) out << (i ? ";" : "") << field(fields[i]);
  out << "\r\n";
}

template <typename T, typename F>
std::string joined(const std::vector<T>& list, F get) {
  std::string s;
  for (const T& v : list) {
    const std::string part = get(v);
    if (part.empty()) continue;
    s += (s.empty() ? "" : " | ") + part;
  }
  return s;
}

std::string number(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

std::string value_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

void write_measures_csv(std::ostream& out, const Comparison& c) {
  const ComparisonIndex index(c);
  out << "\xEF\xBB\xBF";
  line(out, {"region", "region_name", "source", "roadmap", "direction", "direction_title", "system_measure",
             "system_measure_title", "template_items", "template_scores", "measure_id", "title", "responsible",
             "responsible_entities", "responsible_kinds", "executors", "executor_entities", "executor_kinds",
             "deadline_text", "deadline_kind", "deadline_start", "deadline_end", "deadline_frequency",
             "deadline_months", "deadline_plan", "due_quarters", "result", "result_kinds", "result_targets"});
  for (const std::string& key : c.keys) {
    const ComparedDocument& d = *c.document(key);
    for (const LocatedMeasure& lm : index.measures_of(key)) {
      const Measure& m = *lm.measure;
      const auto& items = index.items_of(key, lm.ref);
      auto text = [](const Mention& x) { return x.text; };
      auto entity = [](const Mention& x) { return x.entity.value_or(""); };
      auto kind = [](const Mention& x) { return x.kind; };
      line(out, {key, c.region_name(key), d.extraction.source.path, std::to_string(lm.roadmap),
                 number(lm.direction->number), lm.direction->title.value_or(""), number(lm.system_measure->number),
                 lm.system_measure->title.value_or(""),
                 joined(items, [](const auto& p) { return p.first; }),
                 joined(items, [](const auto& p) { return two_decimals(p.second); }), m.id, m.title,
                 joined(m.responsible, text), joined(m.responsible, entity), joined(m.responsible, kind),
                 joined(m.executors, text), joined(m.executors, entity), joined(m.executors, kind), m.deadline.text,
                 m.deadline.kind, m.deadline.start.value_or(""), m.deadline.end.value_or(""),
                 m.deadline.frequency.value_or(""), joined(m.deadline.months, [](int x) { return std::to_string(x); }),
                 m.deadline.plan.value_or(""), joined(due_quarters(m.deadline), [](const std::string& q) { return q; }),
                 m.result.text, joined(m.result.kinds, [](const std::string& k) { return k; }),
                 joined(m.result.targets, [](const Target& t) {
                   return t.comparator + " " + value_text(t.value) + (t.unit ? " " + *t.unit : "");
                 })});
    }
  }
}

}  // namespace karta
