// roadmap-extract/1 read back, every field the writer writes, so that an
// earlier run's output (compare, the store) is the same Extraction again:
// write(parse(write(x))) == write(x), which a test checks on every fixture.
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "karta/extraction_json.hpp"

namespace karta {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::optional<std::string> opt_string(const Object::Ptr& o, const char* key) {
  if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<std::string>(key);
}

std::string string(const Object::Ptr& o, const char* key) { return opt_string(o, key).value_or(""); }

std::optional<int> opt_int(const Object::Ptr& o, const char* key) {
  if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<int>(key);
}

std::optional<double> opt_number(const Object::Ptr& o, const char* key) {
  if (!o || !o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<double>(key);
}

Array::Ptr array(const Object::Ptr& o, const char* key) {
  if (!o || !o->has(key) || o->isNull(key)) return new Array;
  Array::Ptr a = o->getArray(key);
  if (!a) throw ExtractionJsonError(std::string(key) + " is not a list");
  return a;
}

std::vector<Mention> mentions(const Array::Ptr& a) {
  std::vector<Mention> out;
  for (std::size_t i = 0; i < a->size(); ++i) {
    Object::Ptr o = a->getObject(static_cast<unsigned>(i));
    out.push_back({string(o, "text"), opt_string(o, "entity"), string(o, "kind")});
  }
  return out;
}

Level level_named(const std::string& name) {
  if (name == "info") return Level::info;
  if (name == "warning") return Level::warning;
  if (name == "error") return Level::error;
  throw ExtractionJsonError("unknown diagnostic level '" + name + "'");
}

Measure measure(const Object::Ptr& o) {
  Measure m;
  m.id = string(o, "id");
  m.title = string(o, "title");
  m.responsible = mentions(array(o, "responsible"));
  m.executors = mentions(array(o, "executors"));
  if (Object::Ptr d = o->getObject("deadline")) {
    m.deadline.text = string(d, "text");
    m.deadline.kind = string(d, "kind");
    m.deadline.start = opt_string(d, "start");
    m.deadline.end = opt_string(d, "end");
    m.deadline.frequency = opt_string(d, "frequency");
    m.deadline.plan = opt_string(d, "plan");
    Array::Ptr months = array(d, "months");
    for (std::size_t i = 0; i < months->size(); ++i) m.deadline.months.push_back(months->getElement<int>(static_cast<unsigned>(i)));
  }
  if (Object::Ptr r = o->getObject("result")) {
    m.result.text = string(r, "text");
    Array::Ptr kinds = array(r, "kinds");
    for (std::size_t i = 0; i < kinds->size(); ++i) m.result.kinds.push_back(kinds->getElement<std::string>(static_cast<unsigned>(i)));
    Array::Ptr targets = array(r, "targets");
    for (std::size_t i = 0; i < targets->size(); ++i) {
      Object::Ptr t = targets->getObject(static_cast<unsigned>(i));
      m.result.targets.push_back({string(t, "text"), string(t, "comparator"), opt_number(t, "value").value_or(0), opt_string(t, "unit")});
    }
  }
  if (Object::Ptr s = o->getObject("source")) {
    m.source.table = opt_int(s, "table").value_or(0);
    Array::Ptr rows = array(s, "rows");
    for (std::size_t i = 0; i < rows->size(); ++i) m.source.rows.push_back(rows->getElement<int>(static_cast<unsigned>(i)));
    Array::Ptr lines = array(s, "lines");
    for (std::size_t i = 0; i < lines->size(); ++i) m.source.lines.push_back(lines->getElement<int>(static_cast<unsigned>(i)));
    m.source.part = string(s, "part");
    Array::Ptr path = array(s, "path");
    for (std::size_t i = 0; i < path->size(); ++i) m.source.path.push_back(path->getElement<int>(static_cast<unsigned>(i)));
  }
  return m;
}

Extraction from_object(const Object::Ptr& root) {
  if (!root) throw ExtractionJsonError("not a JSON object");
  if (string(root, "schema") != "roadmap-extract/1")
    throw ExtractionJsonError("not roadmap-extract/1 (schema: " + opt_string(root, "schema").value_or("none") + ")");
  Extraction x;
  if (Object::Ptr p = root->getObject("producer")) x.producer = {string(p, "karta"), string(p, "rules")};
  if (Object::Ptr s = root->getObject("source")) {
    x.source.path = string(s, "path");
    x.source.sha256 = string(s, "sha256");
    x.source.bytes = s->has("bytes") && !s->isNull("bytes") ? s->getValue<std::uint64_t>("bytes") : 0;
    x.source.format = string(s, "format");
    x.source.encoding = opt_string(s, "encoding");
  }
  if (Object::Ptr d = root->getObject("document")) {
    x.document.kind = string(d, "kind");
    x.document.title = opt_string(d, "title");
    x.document.authority = opt_string(d, "authority");
    if (Object::Ptr r = d->getObject("region")) x.document.region = Region{string(r, "code"), string(r, "name")};
    x.document.date = opt_string(d, "date");
    x.document.number = opt_string(d, "number");
    x.document.place = opt_string(d, "place");
    if (Object::Ptr sb = d->getObject("signed_by")) x.document.signed_by = SignedBy{opt_string(sb, "position"), opt_string(sb, "name")};
    Array::Ptr refs = array(d, "references");
    for (std::size_t i = 0; i < refs->size(); ++i) {
      Object::Ptr r = refs->getObject(static_cast<unsigned>(i));
      x.document.references.push_back({string(r, "role"), opt_string(r, "type"), opt_string(r, "issuer"),
                                       opt_string(r, "date"), opt_string(r, "number"), opt_string(r, "title")});
    }
    Array::Ptr defs = array(d, "definitions");
    for (std::size_t i = 0; i < defs->size(); ++i) {
      Object::Ptr t = defs->getObject(static_cast<unsigned>(i));
      x.document.definitions.push_back({string(t, "term"), opt_string(t, "short"), opt_string(t, "text")});
    }
    Array::Ptr indicators = array(d, "indicators");
    for (std::size_t i = 0; i < indicators->size(); ++i) {
      Object::Ptr t = indicators->getObject(static_cast<unsigned>(i));
      x.document.indicators.push_back({string(t, "text"), string(t, "comparator"), opt_number(t, "value").value_or(0),
                                       opt_string(t, "unit"), opt_string(t, "by")});
    }
  }
  Array::Ptr entities = array(root, "entities");
  for (std::size_t i = 0; i < entities->size(); ++i) {
    Object::Ptr e = entities->getObject(static_cast<unsigned>(i));
    x.entities.push_back({string(e, "id"), string(e, "name"), opt_string(e, "short"), string(e, "kind")});
  }
  Array::Ptr roadmaps = array(root, "roadmaps");
  for (std::size_t i = 0; i < roadmaps->size(); ++i) {
    Object::Ptr r = roadmaps->getObject(static_cast<unsigned>(i));
    Roadmap roadmap;
    roadmap.title = opt_string(r, "title");
    if (Object::Ptr p = r->getObject("period")) {
      roadmap.period_start = opt_string(p, "start");
      roadmap.period_end = opt_string(p, "end");
    }
    Array::Ptr directions = array(r, "directions");
    for (std::size_t j = 0; j < directions->size(); ++j) {
      Object::Ptr d = directions->getObject(static_cast<unsigned>(j));
      Direction direction{opt_int(d, "number"), opt_string(d, "title"), {}};
      Array::Ptr sms = array(d, "system_measures");
      for (std::size_t k = 0; k < sms->size(); ++k) {
        Object::Ptr sm = sms->getObject(static_cast<unsigned>(k));
        SystemMeasure system{opt_int(sm, "number"), opt_string(sm, "title"), {}};
        Array::Ptr ms = array(sm, "measures");
        for (std::size_t m = 0; m < ms->size(); ++m) system.measures.push_back(measure(ms->getObject(static_cast<unsigned>(m))));
        direction.system_measures.push_back(std::move(system));
      }
      roadmap.directions.push_back(std::move(direction));
    }
    x.roadmaps.push_back(std::move(roadmap));
  }
  Array::Ptr diagnostics = array(root, "diagnostics");
  for (std::size_t i = 0; i < diagnostics->size(); ++i) {
    Object::Ptr o = diagnostics->getObject(static_cast<unsigned>(i));
    Diagnostic d;
    d.level = level_named(string(o, "level"));
    d.code = string(o, "code");
    d.message = string(o, "message");
    d.where = string(o, "where");
    x.diagnostics.push_back(std::move(d));
  }
  return x;
}

}  // namespace

Extraction parse_extraction_json(const std::string& json) {
  try {
    Poco::JSON::Parser parser;
    return from_object(parser.parse(json).extract<Object::Ptr>());
  } catch (const ExtractionJsonError&) {
    throw;
  } catch (const Poco::Exception& e) {
    throw ExtractionJsonError(e.displayText());
  } catch (const std::exception& e) {
    throw ExtractionJsonError(e.what());
  }
}

}  // namespace karta
