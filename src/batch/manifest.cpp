// OUT/manifest.jsonl lines (format: karta/batch.hpp): written as they go,
// read back with Poco for --resume.
#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "karta/batch.hpp"
#include "write/json_stream.hpp"

namespace karta {
namespace {

using Poco::JSON::Object;

template <typename T>
std::optional<T> get(const Object::Ptr& o, const char* key) {
  if (!o->has(key) || o->isNull(key)) return std::nullopt;
  return o->getValue<T>(key);
}

}  // namespace

std::string manifest_line(const ManifestEntry& e) {
  std::ostringstream s;
  JsonStream j(s, /*one_line=*/true);
  j.begin_object();
  j.field("path", e.path);
  j.field("sha256", e.sha256);
  j.field("bytes", e.bytes);
  j.field("format", e.format);
  j.field("status", e.status);
  j.field("error", e.error);
  j.field("output", e.output);
  j.field("measures", e.measures);
  j.field("warnings", e.warnings);
  j.field("ms", e.ms);
  j.field("rules", e.rules);
  j.field("karta", e.karta);
  j.end_object();
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
    e.warnings = get<int>(o, "warnings");
    e.ms = get<std::int64_t>(o, "ms").value_or(0);
    e.rules = get<std::string>(o, "rules").value_or("");
    e.karta = get<std::string>(o, "karta").value_or("");
    return e;
  } catch (const Poco::Exception&) {
    return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace karta
