// What a re-extraction changed, as an analyst reads it: which measures came
// and went, and which fields of the others moved. Measures are matched by
// id — the number the act gives them — and an id met twice by its turn.
#include <map>
#include <sstream>

#include "karta/reindex.hpp"
#include "write/measure_walk.hpp"

namespace karta {
namespace {

std::string opt(const std::optional<std::string>& v) { return v.value_or(std::string("\x01")); }

std::string mentions(const std::vector<Mention>& list) {
  std::string out;
  for (const Mention& m : list) out += m.text + '\x1f' + opt(m.entity) + '\x1f' + m.kind + '\x1e';
  return out;
}

std::string deadline(const Deadline& d) {
  std::string out = d.text + '\x1f' + d.kind + '\x1f' + opt(d.start) + '\x1f' + opt(d.end) + '\x1f' + opt(d.frequency) +
                    '\x1f' + opt(d.plan) + '\x1f';
  for (int m : d.months) out += std::to_string(m) + ',';
  return out;
}

std::string result(const MeasureResult& r) {
  std::ostringstream out;
  out << r.text << '\x1f';
  for (const std::string& k : r.kinds) out << k << ',';
  for (const Target& t : r.targets) out << '\x1e' << t.text << '\x1f' << t.comparator << '\x1f' << t.value << '\x1f' << opt(t.unit);
  return out.str();
}

std::string place(const PlacedMeasure& p) {
  std::ostringstream out;
  out << (p.direction->number ? *p.direction->number : -1) << '\x1f' << opt(p.direction->title) << '\x1f'
      << (p.system_measure->number ? *p.system_measure->number : -1) << '\x1f' << opt(p.system_measure->title);
  return out.str();
}

// Each measure under its key: its id (prefixed by the roadmap when there
// are several), "#2" after a repeated one.
std::map<std::string, PlacedMeasure> keyed(const Extraction& x, std::vector<std::string>& order) {
  std::map<std::string, PlacedMeasure> out;
  std::map<std::string, int> seen;
  for_each_measure(x, [&](const PlacedMeasure& p) {
    std::string key = (x.roadmaps.size() > 1 ? std::to_string(p.roadmap + 1) + ":" : std::string()) + p.measure->id;
    if (const int n = ++seen[key]; n > 1) key += "#" + std::to_string(n);
    order.push_back(key);
    out.emplace(key, p);
  });
  return out;
}

}  // namespace

ExtractionChange diff_extractions(const Extraction& before, const Extraction& after) {
  ExtractionChange change;
  std::vector<std::string> old_order, new_order;
  const auto old_measures = keyed(before, old_order);
  const auto new_measures = keyed(after, new_order);
  for (const std::string& key : new_order) {
    const auto was = old_measures.find(key);
    if (was == old_measures.end()) {
      change.added.push_back(key);
      continue;
    }
    const Measure& a = *was->second.measure;
    const Measure& b = *new_measures.at(key).measure;
    MeasureChange c{key, {}};
    if (a.title != b.title) c.fields.push_back("title");
    if (mentions(a.responsible) != mentions(b.responsible)) c.fields.push_back("responsible");
    if (mentions(a.executors) != mentions(b.executors)) c.fields.push_back("executors");
    if (deadline(a.deadline) != deadline(b.deadline)) c.fields.push_back("deadline");
    if (result(a.result) != result(b.result)) c.fields.push_back("result");
    if (place(was->second) != place(new_measures.at(key))) c.fields.push_back("place");
    if (!c.fields.empty()) change.changed.push_back(std::move(c));
  }
  for (const std::string& key : old_order)
    if (!new_measures.count(key)) change.removed.push_back(key);

  const ActInfo& a = before.document;
  const ActInfo& b = after.document;
  auto differs = [&](const char* name, bool d) {
    if (d) change.document_fields.push_back(name);
  };
  differs("kind", a.kind != b.kind);
  differs("title", a.title != b.title);
  differs("authority", a.authority != b.authority);
  auto region = [](const ActInfo& x) { return x.region ? std::optional<std::string>(x.region->code) : std::nullopt; };
  differs("region", region(a) != region(b));
  differs("date", a.date != b.date);
  differs("number", a.number != b.number);
  auto references = [](const ActInfo& x) {
    std::string out;
    for (const Reference& r : x.references)
      out += r.role + '\x1f' + opt(r.type) + '\x1f' + opt(r.issuer) + '\x1f' + opt(r.date) + '\x1f' + opt(r.number) + '\x1f' + opt(r.title) + '\x1e';
    return out;
  };
  differs("references", references(a) != references(b));
  differs("entities", [&] {
    if (before.entities.size() != after.entities.size()) return true;
    for (std::size_t i = 0; i < before.entities.size(); ++i) {
      const Entity &x = before.entities[i], &y = after.entities[i];
      if (x.id != y.id || x.name != y.name || x.short_name != y.short_name || x.kind != y.kind) return true;
    }
    return false;
  }());
  return change;
}

}  // namespace karta
