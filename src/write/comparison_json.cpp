// roadmap-comparison/2 (README "comparison.json"). Keys are region keys
// (ComparedDocument::key) in Russian alphabetical order of the region names.
#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <cmath>

#include "karta/comparison_report.hpp"

namespace karta {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;
using Poco::Dynamic::Var;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }
Var opt(const std::optional<std::string>& v) { return v ? Var(*v) : Var(); }
Var opt(const std::optional<int>& v) { return v ? Var(*v) : Var(); }
double rounded(double v) { return std::round(v * 100) / 100; }

Object::Ptr template_item(const TemplateItem& item) {
  Object::Ptr o = object();
  o->set("id", item.id);
  o->set("direction", item.direction);
  o->set("level", item.level);
  o->set("title", item.title);
  return o;
}

Object::Ptr unit(const AlignedUnit& u) {
  Object::Ptr o = object();
  o->set("roadmap", u.roadmap);
  o->set("direction", opt(u.direction));
  o->set("system_measure", opt(u.system_measure));
  o->set("title", u.title);
  o->set("score", rounded(u.score));
  Array::Ptr measures = new Array;
  for (const std::string& m : u.measures) measures->add(m);
  o->set("measures", measures);
  return o;
}

Object::Ptr document(const ComparedDocument& d) {
  const ActInfo& act = d.extraction.document;
  Object::Ptr o = object();
  o->set("source", d.extraction.source.path);
  o->set("key", d.key);
  o->set("region", act.region ? Var(act.region->code) : Var());
  o->set("region_name", act.region ? Var(act.region->name) : Var());
  o->set("kind", act.kind);
  o->set("title", opt(act.title));
  o->set("date", opt(act.date));
  o->set("number", opt(act.number));
  o->set("measures", d.measures);
  o->set("system_measures", d.system_measures);
  o->set("items_covered", d.items_covered);
  o->set("region_specific", d.region_specific);
  o->set("duplicate_of", opt(d.duplicate_of));
  o->set("replaced_by", opt(d.replaced_by));
  return o;
}

template <typename Value, typename Write>
Object::Ptr per_key(const Comparison& c, const std::map<std::string, Value>& m, Write write) {
  Object::Ptr o = object();
  for (const std::string& key : c.keys) {
    auto it = m.find(key);
    o->set(key, it == m.end() ? write(Value{}) : write(it->second));
  }
  return o;
}

}  // namespace

void write_comparison_json(std::ostream& out, const Comparison& c) {
  Object::Ptr root = object();
  root->set("schema", "roadmap-comparison/2");
  if (c.template_used) {
    Object::Ptr t = object();
    t->set("id", c.template_used->id);
    t->set("title", c.template_used->title);
    t->set("source", c.template_used->source);
    t->set("items", static_cast<int>(c.template_used->items.size()));
    root->set("template", t);
  } else {
    root->set("template", Var());
  }
  Array::Ptr documents = new Array;
  for (const ComparedDocument& d : c.documents) documents->add(document(d));
  root->set("documents", documents);
  Array::Ptr failed = new Array;
  for (const FailedInput& f : c.failed) {
    Object::Ptr o = object();
    o->set("source", f.source);
    o->set("reason", f.reason);
    failed->add(o);
  }
  root->set("failed", failed);
  Array::Ptr regions = new Array;
  for (const std::string& k : c.keys) regions->add(k);
  root->set("regions", regions);

  Array::Ptr items = new Array;
  for (const ComparisonItem& item : c.items) {
    Object::Ptr o = object();
    o->set("template", item.item ? Var(template_item(*item.item)) : Var());
    Object::Ptr by_region = object();
    for (const std::string& key : c.keys) {
      auto it = item.by_region.find(key);
      if (it == item.by_region.end()) continue;
      Array::Ptr units = new Array;
      for (const AlignedUnit& u : it->second) units->add(unit(u));
      by_region->set(key, units);
    }
    o->set("by_region", by_region);
    Array::Ptr rows = new Array;
    for (const MeasureRow& row : item.rows) {
      Object::Ptr r = object();
      Object::Ptr measures = object();
      for (const std::string& key : c.keys) {
        auto it = row.measures.find(key);
        if (it != row.measures.end()) measures->set(key, it->second);
      }
      r->set("measures", measures);
      r->set("score", rounded(row.score));
      rows->add(r);
    }
    o->set("rows", rows);
    items->add(o);
  }
  root->set("items", items);

  root->set("responsibility", per_key(c, c.responsibility, [](const std::map<std::string, RoleCounts>& kinds) {
    Object::Ptr o = object();
    for (const auto& [kind, counts] : kinds) {
      Object::Ptr k = object();
      k->set("responsible", counts.responsible);
      k->set("executors", counts.executors);
      o->set(kind, k);
    }
    return o;
  }));
  auto counts = [](const std::map<std::string, int>& m) {
    Object::Ptr o = object();
    for (const auto& [k, n] : m) o->set(k, n);
    return o;
  };
  root->set("timeline", per_key(c, c.timeline, counts));
  root->set("deadline_kinds", per_key(c, c.deadline_kinds, counts));
  root->stringify(out, 1);
  out << "\n";
}

}  // namespace karta
