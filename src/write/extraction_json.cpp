// roadmap-extract/1 written as it goes (write/json_stream.hpp), keys in
// SCHEMA.md order, Cyrillic as is.
#include "karta/extraction_json.hpp"

#include "write/json_stream.hpp"

namespace karta {
namespace {

void strings(JsonStream& j, const std::vector<std::string>& v) {
  j.begin_array();
  for (const auto& s : v) j.value(s);
  j.end_array();
}

void mentions(JsonStream& j, const std::vector<Mention>& list) {
  j.begin_array();
  for (const Mention& m : list) {
    j.begin_object();
    j.field("text", m.text);
    j.field("entity", m.entity);
    j.field("kind", m.kind);
    j.end_object();
  }
  j.end_array();
}

void deadline(JsonStream& j, const Deadline& d) {
  j.begin_object();
  j.field("text", d.text);
  j.field("kind", d.kind);
  j.field("start", d.start);
  j.field("end", d.end);
  j.field("frequency", d.frequency);
  j.key("months");
  j.begin_array();
  for (int m : d.months) j.value(m);
  j.end_array();
  j.field("plan", d.plan);
  j.end_object();
}

void measure(JsonStream& j, const Measure& m) {
  j.begin_object();
  j.field("id", m.id);
  j.field("title", m.title);
  j.key("responsible");
  mentions(j, m.responsible);
  j.key("executors");
  mentions(j, m.executors);
  j.key("deadline");
  deadline(j, m.deadline);
  j.key("result");
  j.begin_object();
  j.field("text", m.result.text);
  j.key("kinds");
  strings(j, m.result.kinds);
  j.key("targets");
  j.begin_array();
  for (const Target& t : m.result.targets) {
    j.begin_object();
    j.field("text", t.text);
    j.field("comparator", t.comparator);
    j.field("value", t.value);
    j.field("unit", t.unit);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  j.key("source");
  j.begin_object();
  j.field("table", m.source.table);
  j.key("rows");
  j.begin_array();
  for (int row : m.source.rows) j.value(row);
  j.end_array();
  if (!m.source.lines.empty()) {
    j.key("lines");
    j.begin_array();
    for (int l : m.source.lines) j.value(l);
    j.end_array();
  }
  if (!m.source.part.empty()) {
    j.field("part", m.source.part);
    j.key("path");
    j.begin_array();
    for (int i : m.source.path) j.value(i);
    j.end_array();
  }
  j.end_object();
  j.end_object();
}

void act(JsonStream& j, const ActInfo& a) {
  j.begin_object();
  j.field("kind", a.kind);
  j.field("title", a.title);
  j.field("authority", a.authority);
  j.key("region");
  if (a.region) {
    j.begin_object();
    j.field("code", a.region->code);
    j.field("name", a.region->name);
    j.end_object();
  } else {
    j.null();
  }
  j.field("date", a.date);
  j.field("number", a.number);
  j.field("place", a.place);
  j.key("signed_by");
  if (a.signed_by) {
    j.begin_object();
    j.field("position", a.signed_by->position);
    j.field("name", a.signed_by->name);
    j.end_object();
  } else {
    j.null();
  }
  j.key("references");
  j.begin_array();
  for (const Reference& r : a.references) {
    j.begin_object();
    j.field("role", r.role);
    j.field("type", r.type);
    j.field("issuer", r.issuer);
    j.field("date", r.date);
    j.field("number", r.number);
    j.field("title", r.title);
    j.end_object();
  }
  j.end_array();
  j.key("definitions");
  j.begin_array();
  for (const Definition& d : a.definitions) {
    j.begin_object();
    j.field("term", d.term);
    j.field("short", d.short_name);
    j.field("text", d.text);
    j.end_object();
  }
  j.end_array();
  j.key("indicators");
  j.begin_array();
  for (const Indicator& i : a.indicators) {
    j.begin_object();
    j.field("text", i.text);
    j.field("comparator", i.comparator);
    j.field("value", i.value);
    j.field("unit", i.unit);
    j.field("by", i.by);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

}  // namespace

void write_extraction_json(std::ostream& out, const Extraction& x, bool one_line) {
  JsonStream j(out, one_line);
  j.begin_object();
  j.field("schema", "roadmap-extract/1");
  j.key("producer");
  j.begin_object();
  j.field("karta", x.producer.karta);
  j.field("rules", x.producer.rules);
  j.end_object();
  j.key("source");
  j.begin_object();
  j.field("path", x.source.path);
  j.field("sha256", x.source.sha256);
  j.field("bytes", static_cast<std::uint64_t>(x.source.bytes));
  j.field("format", x.source.format);
  j.field("encoding", x.source.encoding);
  j.end_object();
  j.key("document");
  act(j, x.document);
  j.key("entities");
  j.begin_array();
  for (const Entity& e : x.entities) {
    j.begin_object();
    j.field("id", e.id);
    j.field("name", e.name);
    j.field("short", e.short_name);
    j.field("kind", e.kind);
    j.end_object();
  }
  j.end_array();
  j.key("roadmaps");
  j.begin_array();
  for (const Roadmap& rm : x.roadmaps) {
    j.begin_object();
    j.field("title", rm.title);
    j.key("period");
    j.begin_object();
    j.field("start", rm.period_start);
    j.field("end", rm.period_end);
    j.end_object();
    j.key("directions");
    j.begin_array();
    for (const Direction& d : rm.directions) {
      j.begin_object();
      j.field("number", d.number);
      j.field("title", d.title);
      j.key("system_measures");
      j.begin_array();
      for (const SystemMeasure& s : d.system_measures) {
        j.begin_object();
        j.field("number", s.number);
        j.field("title", s.title);
        j.key("measures");
        j.begin_array();
        for (const Measure& m : s.measures) measure(j, m);
        j.end_array();
        j.end_object();
      }
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("diagnostics");
  j.begin_array();
  for (const Diagnostic& d : x.diagnostics) {
    j.begin_object();
    j.field("level", level_name(d.level));
    j.field("code", d.code);
    j.field("message", d.message);
    j.key("where");
    if (d.where.empty()) j.null();
    else j.value(d.where);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  out << "\n";
}

}  // namespace karta
