#include "karta/extraction_json.hpp"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace karta {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Poco::Dynamic::Var opt(const std::optional<std::string>& v) { return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var(); }
Poco::Dynamic::Var opt(const std::optional<int>& v) { return v ? Poco::Dynamic::Var(*v) : Poco::Dynamic::Var(); }

Array::Ptr strings(const std::vector<std::string>& v) {
  Array::Ptr a = new Array;
  for (const auto& s : v) a->add(s);
  return a;
}

Array::Ptr mentions(const std::vector<Mention>& list) {
  Array::Ptr a = new Array;
  for (const Mention& m : list) {
    Object::Ptr o = object();
    o->set("text", m.text);
    o->set("entity", opt(m.entity));
    o->set("kind", m.kind);
    a->add(o);
  }
  return a;
}

Object::Ptr deadline(const Deadline& d) {
  Object::Ptr o = object();
  o->set("text", d.text);
  o->set("kind", d.kind);
  o->set("start", opt(d.start));
  o->set("end", opt(d.end));
  o->set("frequency", opt(d.frequency));
  Array::Ptr months = new Array;
  for (int m : d.months) months->add(m);
  o->set("months", months);
  o->set("plan", opt(d.plan));
  return o;
}

Object::Ptr measure(const Measure& m) {
  Object::Ptr o = object();
  o->set("id", m.id);
  o->set("title", m.title);
  o->set("responsible", mentions(m.responsible));
  o->set("executors", mentions(m.executors));
  o->set("deadline", deadline(m.deadline));
  Object::Ptr r = object();
  r->set("text", m.result.text);
  r->set("kinds", strings(m.result.kinds));
  Array::Ptr targets = new Array;
  for (const Target& t : m.result.targets) {
    Object::Ptr to = object();
    to->set("text", t.text);
    to->set("comparator", t.comparator);
    to->set("value", t.value);
    to->set("unit", opt(t.unit));
    targets->add(to);
  }
  r->set("targets", targets);
  o->set("result", r);
  Object::Ptr s = object();
  s->set("table", m.source.table);
  Array::Ptr rows = new Array;
  for (int row : m.source.rows) rows->add(row);
  s->set("rows", rows);
  if (!m.source.lines.empty()) {
    Array::Ptr lines = new Array;
    for (int l : m.source.lines) lines->add(l);
    s->set("lines", lines);
  }
  o->set("source", s);
  return o;
}

Object::Ptr act(const ActInfo& a) {
  Object::Ptr o = object();
  o->set("kind", a.kind);
  o->set("title", opt(a.title));
  o->set("authority", opt(a.authority));
  if (a.region) {
    Object::Ptr r = object();
    r->set("code", a.region->code);
    r->set("name", a.region->name);
    o->set("region", r);
  } else {
    o->set("region", Poco::Dynamic::Var());
  }
  o->set("date", opt(a.date));
  o->set("number", opt(a.number));
  o->set("place", opt(a.place));
  if (a.signed_by) {
    Object::Ptr s = object();
    s->set("position", opt(a.signed_by->position));
    s->set("name", opt(a.signed_by->name));
    o->set("signed_by", s);
  } else {
    o->set("signed_by", Poco::Dynamic::Var());
  }
  Array::Ptr refs = new Array;
  for (const Reference& r : a.references) {
    Object::Ptr ro = object();
    ro->set("role", r.role);
    ro->set("type", opt(r.type));
    ro->set("issuer", opt(r.issuer));
    ro->set("date", opt(r.date));
    ro->set("number", opt(r.number));
    ro->set("title", opt(r.title));
    refs->add(ro);
  }
  o->set("references", refs);
  Array::Ptr defs = new Array;
  for (const Definition& d : a.definitions) {
    Object::Ptr dobj = object();
    dobj->set("term", d.term);
    dobj->set("short", opt(d.short_name));
    dobj->set("text", opt(d.text));
    defs->add(dobj);
  }
  o->set("definitions", defs);
  Array::Ptr inds = new Array;
  for (const Indicator& i : a.indicators) {
    Object::Ptr io = object();
    io->set("text", i.text);
    io->set("comparator", i.comparator);
    io->set("value", i.value);
    io->set("unit", opt(i.unit));
    io->set("by", opt(i.by));
    inds->add(io);
  }
  o->set("indicators", inds);
  return o;
}

}  // namespace

void write_extraction_json(std::ostream& out, const Extraction& x, bool one_line) {
  Object::Ptr root = object();
  root->set("schema", "roadmap-extract/1");
  Object::Ptr source = object();
  source->set("path", x.source.path);
  source->set("sha256", x.source.sha256);
  source->set("bytes", static_cast<Poco::UInt64>(x.source.bytes));
  source->set("format", x.source.format);
  source->set("encoding", opt(x.source.encoding));
  root->set("source", source);
  root->set("document", act(x.document));
  Array::Ptr entities = new Array;
  for (const Entity& e : x.entities) {
    Object::Ptr o = object();
    o->set("id", e.id);
    o->set("name", e.name);
    o->set("short", opt(e.short_name));
    o->set("kind", e.kind);
    entities->add(o);
  }
  root->set("entities", entities);
  Array::Ptr roadmaps = new Array;
  for (const Roadmap& rm : x.roadmaps) {
    Object::Ptr o = object();
    o->set("title", opt(rm.title));
    Object::Ptr period = object();
    period->set("start", opt(rm.period_start));
    period->set("end", opt(rm.period_end));
    o->set("period", period);
    Array::Ptr dirs = new Array;
    for (const Direction& d : rm.directions) {
      Object::Ptr dobj = object();
      dobj->set("number", opt(d.number));
      dobj->set("title", opt(d.title));
      Array::Ptr sms = new Array;
      for (const SystemMeasure& s : d.system_measures) {
        Object::Ptr so = object();
        so->set("number", opt(s.number));
        so->set("title", opt(s.title));
        Array::Ptr ms = new Array;
        for (const Measure& m : s.measures) ms->add(measure(m));
        so->set("measures", ms);
        sms->add(so);
      }
      dobj->set("system_measures", sms);
      dirs->add(dobj);
    }
    o->set("directions", dirs);
    roadmaps->add(o);
  }
  root->set("roadmaps", roadmaps);
  Array::Ptr diagnostics = new Array;
  for (const Diagnostic& d : x.diagnostics) {
    Object::Ptr o = object();
    o->set("level", level_name(d.level));
    o->set("code", d.code);
    o->set("message", d.message);
    o->set("where", d.where.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(d.where));
    diagnostics->add(o);
  }
  root->set("diagnostics", diagnostics);
  root->stringify(out, one_line ? 0 : 1);
  out << "\n";
}

}  // namespace karta
