// OUT/manifest.jsonl lines (format: karta/batch.hpp).
#include <Poco/Dynamic/Var.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "karta/batch.hpp"

namespace karta {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

template <typename T>
Var opt(const std::optional<T>& v) {
  return v ? Var(*v) : Var();
}

template <typename T>
std::optional<T> get(const Object::Ptr& o, const char* key) {
  if (!o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<T>(key);
}

}  // namespace

std::string manifest_line(const ManifestEntry& e) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("path", e.path);
  o->set("sha256", opt(e.sha256));
  o->set("bytes", opt(e.bytes));
  o->set("format", opt(e.format));
  o->set("status", e.status);
  o->set("error", opt(e.error));
  o->set("output", opt(e.output));
  o->set("measures", opt(e.measures));
  o->set("ms", e.ms);
  o->set("rules", e.rules);
  std::ostringstream s;
  o->stringify(s);
  return s.str();
}

std::optional<ManifestEntry> parse_manifest_line(const std::string& line) {
  try {
    Poco::JSON::Parser parser;
    Object::Ptr o = parser.parse(line).extract<Object::Ptr>();
    ManifestEntry e;
    e.path = o->getValue<std::string>("path");
    e.sha256 = get<std::string>(o, "sha256");
    e.bytes = get<std::uint64_t>(o, "bytes");
    e.format = get<std::string>(o, "format");
    e.status = o->getValue<std::string>("status");
    e.error = get<std::string>(o, "error");
    e.output = get<std::string>(o, "output");
    e.measures = get<int>(o, "measures");
    e.ms = get<std::int64_t>(o, "ms").value_or(0);
    e.rules = get<std::string>(o, "rules").value_or("");
    return e;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace karta
