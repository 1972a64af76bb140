// The HTTP API of `karta serve` (docs/api.yaml) on Poco::Net's HTTPServer:
// a router over the decoded path, one handler per request, the store behind.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>
#include <Poco/DateTime.h>
#include <Poco/URI.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "karta/extract.hpp"
#include "karta/serve.hpp"
#include "pipeline/extract_file.hpp"
#include "serve/bearer_tokens.hpp"
#include "serve/extraction_gate.hpp"
#include "serve/service_metrics.hpp"
#include "serve/store_comparison.hpp"
#include "write/json_stream.hpp"

namespace karta {
namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// A request that ends in an error response: status, code, message.
struct HttpError {
  HTTPResponse::HTTPStatus status;
  std::string code, message;
};

std::string error_json(const std::string& code, const std::string& message) {
  std::ostringstream s;
  {
    JsonStream j(s, /*one_line=*/true);
    j.begin_object();
    j.key("error");
    j.begin_object();
    j.field("code", code);
    j.field("message", message);
    j.end_object();
    j.end_object();
  }
  return s.str() + "\n";
}

void send(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& body,
          const std::string& type = "application/json") {
  response.setStatus(status);
  response.setContentType(type);
  response.setContentLength64(static_cast<Poco::Int64>(body.size()));
  response.sendBuffer(body.data(), body.size());
}

// The name a document is stored under: the last path segment of what the
// client said, without control characters; "upload" when nothing is left.
std::string upload_name(std::string name) {
  const std::size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name.erase(0, slash + 1);
  name.erase(std::remove_if(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }),
             name.end());
  if (name.empty() || name == "." || name == "..") return "upload";
  return name.substr(0, 255);
}

bool is_id(const std::string& s) {
  return !s.empty() && s.size() <= 18 && s[0] != '0' && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  // A day of the calendar: «2024-13-01» or «2024-02-30» would compare as a
  // string between real dates and answer a question nobody asked.
  return Poco::DateTime::isValid(std::stoi(s.substr(0, 4)), std::stoi(s.substr(5, 2)), std::stoi(s.substr(8, 2)));
}

// Up to `limit` bytes of a stream; HttpError 413 past them.
std::string read_bounded(std::istream& in, std::uint64_t limit) {
  std::string out;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const std::streamsize n = in.gcount();
    if (n <= 0) break;
    if (out.size() + static_cast<std::uint64_t>(n) > limit)
      throw HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "too_large",
                      "the body is over the " + std::to_string(limit) + "-byte input limit"};
    out.append(buffer, static_cast<std::size_t>(n));
  }
  return out;
}

struct Query {
  std::map<std::string, std::string> values;
  std::optional<std::string> get(const std::string& key) const {
    auto it = values.find(key);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> date(const std::string& key) const {
    auto v = get(key);
    if (v && !is_date(*v)) throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", key + " must be YYYY-MM-DD"};
    return v;
  }
  long number(const std::string& key, long fallback, long low, long high) const {
    auto v = get(key);
    if (!v) return fallback;
    if (v->size() > 12 || v->find_first_not_of("0123456789") != std::string::npos || std::stol(*v) < low ||
        std::stol(*v) > high)
      throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter",
                      key + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high)};
    return std::stol(*v);
  }
  void only(std::initializer_list<const char*> known) const {
    // A structured binding is not captured by a lambda before C++20 (clang refuses it).
    for (const auto& entry : values) {
      const std::string& key = entry.first;
      if (std::none_of(known.begin(), known.end(), [&key](const char* k) { return key == k; }))
        throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", "unknown parameter «" + key + "»"};
    }
  }
};

}  // namespace

std::vector<std::string> read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot read the token file");
  std::vector<std::string> tokens;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
    const std::size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    tokens.push_back(line.substr(start));
  }
  if (tokens.empty()) throw std::runtime_error(path + ": holds no token (one a line)");
  return tokens;
}

struct Service::Impl {
  DocumentStore& store;
  const RuleSet& rules;
  ServeOptions options;
  BearerTokens tokens;
  ExtractionGate gate;
  ServiceMetrics metrics;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  unsigned short port = 0;

  Impl(DocumentStore& s, const RuleSet& r, ServeOptions o)
      : store(s), rules(r), options(std::move(o)), tokens(options.tokens),
        gate(slots(options), options.queue ? options.queue : 4 * slots(options)) {}

  static unsigned slots(const ServeOptions& o) { return o.jobs ? o.jobs : std::max(1u, std::thread::hardware_concurrency()); }

  void handle(HTTPServerRequest& request, HTTPServerResponse& response);
  void route(HTTPServerRequest& request, HTTPServerResponse& response);
  void act_history(HTTPServerResponse& response, const std::string& id);
  void region_roadmap(HTTPServerResponse& response, const std::string& region, const Query& query);
  void upload(HTTPServerRequest& request, HTTPServerResponse& response, const Query& query);
  void list_documents(HTTPServerResponse& response, const Query& query);
  void list_measures(HTTPServerResponse& response, const Query& query);
  void comparison(HTTPServerResponse& response, const Query& query);

  void need_token(const HTTPServerRequest& request, const char* what) const {
    if (!tokens.any())
      throw HttpError{HTTPResponse::HTTP_UNAUTHORIZED, "unauthorized",
                      std::string(what) + " needs a token, and this server was started without --tokens"};
    if (!request.has("Authorization") || !tokens.accepts(request.get("Authorization")))
      throw HttpError{HTTPResponse::HTTP_UNAUTHORIZED, "unauthorized",
                      std::string(what) + " needs Authorization: Bearer <token>"};
  }
};

namespace {

class RequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RequestHandler(Service::Impl& service) : service_(service) {}
  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override;

 private:
  Service::Impl& service_;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit HandlerFactory(Service::Impl& service) : service_(service) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new RequestHandler(service_);
  }

 private:
  Service::Impl& service_;
};

void RequestHandler::handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) {
  service_.handle(request, response);
}

}  // namespace

void Service::Impl::handle(HTTPServerRequest& request, HTTPServerResponse& response) {
  const auto started = std::chrono::steady_clock::now();
  try {
    route(request, response);
  } catch (const HttpError& e) {
    if (e.status == HTTPResponse::HTTP_UNAUTHORIZED) response.set("WWW-Authenticate", "Bearer");
    if (e.status == HTTPResponse::HTTP_SERVICE_UNAVAILABLE) response.set("Retry-After", "1");
    // A body left unread (a refused upload) would be taken for the next request.
    if (request.getMethod() == "POST") response.setKeepAlive(false);
    if (!response.sent()) send(response, e.status, error_json(e.code, e.message));
  } catch (const StoreError& e) {
    if (!response.sent()) send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, error_json("store", e.what()));
  } catch (const Poco::Exception& e) {
    // The client went away or the connection broke: nothing to answer.
    if (!response.sent()) send(response, HTTPResponse::HTTP_BAD_REQUEST, error_json("bad_request", e.displayText()));
  } catch (const std::exception& e) {
    if (!response.sent())
      send(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, error_json("internal", std::string("internal error: ") + e.what()));
  }
  metrics.request(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

void Service::Impl::route(HTTPServerRequest& request, HTTPServerResponse& response) {
  Poco::URI uri;
  try {
    uri = Poco::URI(request.getURI());
  } catch (const Poco::SyntaxException& e) {
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_request", "the request target is not a URI: " + e.message()};
  }
  std::vector<std::string> path;
  uri.getPathSegments(path);
  Query query;
  for (const auto& [key, value] : uri.getQueryParameters()) query.values[key] = value;
  const std::string& method = request.getMethod();
  auto allow = [&](std::initializer_list<const char*> methods) {
    if (std::none_of(methods.begin(), methods.end(), [&](const char* m) { return method == m; })) {
      std::string list;
      for (const char* m : methods) list += (list.empty() ? "" : ", ") + std::string(m);
      response.set("Allow", list);
      throw HttpError{HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed", method + " is not one of " + list};
    }
  };
  auto read_access = [&] {
    if (!request.clientAddress().host().isLoopback()) need_token(request, "reading from another host");
  };
  if (path == std::vector<std::string>{"healthz"}) {
    allow({"GET", "HEAD"});
    std::ostringstream s;
    {
      JsonStream j(s, true);
      j.begin_object();
      j.field("status", "ok");
      j.field("documents", static_cast<std::int64_t>(store.count()));
      j.field("schema_version", DocumentStore::schema_version());
      j.end_object();
    }
    return send(response, HTTPResponse::HTTP_OK, s.str() + "\n");
  }
  if (path == std::vector<std::string>{"metrics"}) {
    allow({"GET"});
    read_access();
    return send(response, HTTPResponse::HTTP_OK, metrics.text(), "text/plain; version=0.0.4");
  }
  if (path.size() >= 2 && path[0] == "v1" && path[1] == "documents") {
    if (path.size() == 2) {
      allow({"GET", "POST"});
      if (method == "POST") return upload(request, response, query);
      read_access();
      return list_documents(response, query);
    }
    if (path.size() == 4 && path[3] == "history" && is_id(path[2])) {
      allow({"GET"});
      read_access();
      return act_history(response, path[2]);
    }
    if ((path.size() == 3 || (path.size() == 4 && path[3] == "source")) && is_id(path[2])) {
      allow({"GET"});
      read_access();
      const std::int64_t id = std::stoll(path[2]);
      if (path.size() == 3) {
        const auto json = store.extraction_json(id);
        if (!json) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found", "no document " + path[2]};
        return send(response, HTTPResponse::HTTP_OK, *json);
      }
      const auto source = store.source(id);
      if (!source) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found", "no document " + path[2]};
      response.set("Content-Disposition", "attachment; filename*=UTF-8''" + [&] {
        std::string encoded;
        Poco::URI::encode(source->name, "", encoded);
        return encoded;
      }());
      return send(response, HTTPResponse::HTTP_OK, source->bytes, "application/octet-stream");
    }
  }
  if (path == std::vector<std::string>{"v1", "measures"}) {
    allow({"GET"});
    read_access();
    return list_measures(response, query);
  }
  if (path.size() == 4 && path[0] == "v1" && path[1] == "regions" && path[3] == "roadmap") {
    allow({"GET"});
    read_access();
    return region_roadmap(response, path[2], query);
  }
  if (path == std::vector<std::string>{"v1", "compare"}) {
    allow({"GET"});
    read_access();
    return comparison(response, query);
  }
  throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found", "no such resource: " + uri.getPath()};
}

void Service::Impl::upload(HTTPServerRequest& request, HTTPServerResponse& response, const Query& query) {
  need_token(request, "an upload");
  query.only({"name"});
  const std::uint64_t limit = options.read.max_file_bytes;
  if (request.getContentLength64() != HTTPServerRequest::UNKNOWN_CONTENT_LENGTH &&
      static_cast<std::uint64_t>(request.getContentLength64()) > limit)
    throw HttpError{HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "too_large",
                    "the body declares " + std::to_string(request.getContentLength64()) + " bytes, over the " +
                        std::to_string(limit) + "-byte input limit"};
  std::string name = query.get("name").value_or("");
  std::string bytes;
  if (request.getContentType().rfind("multipart/form-data", 0) == 0) {
    // The first part that carries a file.
    Poco::Net::MultipartReader parts(request.stream());
    bool found = false;
    while (!found && parts.hasNextPart()) {
      Poco::Net::MessageHeader header;
      parts.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      if (header.has("Content-Disposition")) Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition"), disposition, params);
      std::string part = read_bounded(parts.stream(), limit);
      if (params.has("filename")) {
        if (name.empty()) name = params.get("filename");
        bytes = std::move(part);
        found = true;
      }
    }
    if (!found) throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "no_file", "the multipart body holds no file part"};
  } else {
    bytes = read_bounded(request.stream(), limit);
  }
  name = upload_name(name);
  if (bytes.empty()) {
    metrics.failed("empty");
    throw HttpError{HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, "empty", name + ": the body is empty"};
  }
  const std::string sha = sha256_hex(bytes);
  auto answer = [&](const StoredDocument& d) {
    response.set("Location", "/v1/documents/" + std::to_string(d.id));
    if (d.created) metrics.stored();
    else metrics.duplicate();
    send(response, d.created ? HTTPResponse::HTTP_CREATED : HTTPResponse::HTTP_OK, d.extraction_json);
  };
  if (const auto stored = store.find(sha)) return answer(*stored);
  auto pass = gate.enter();
  if (!pass) {
    metrics.failed("busy");
    throw HttpError{HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "busy", "every extraction slot and the queue are taken; retry"};
  }
  FileExtraction f = extract_hashed_bytes(name, bytes, sha, rules, options.read);
  if (!f.ok()) {
    metrics.failed(error_kind_name(f.error->kind()));
    throw HttpError{HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, error_kind_name(f.error->kind()), f.error->what()};
  }
  answer(store.add(name, bytes, sha, f.extraction));
}

void Service::Impl::list_documents(HTTPServerResponse& response, const Query& query) {
  query.only({"region", "kind", "from", "to", "limit", "offset"});
  DocumentQuery q;
  q.region = query.get("region");
  q.kind = query.get("kind");
  q.from = query.date("from");
  q.to = query.date("to");
  q.limit = static_cast<int>(query.number("limit", 100, 1, 1000));
  q.offset = query.number("offset", 0, 0, 1000000000000L);
  const std::vector<DocumentSummary> docs = store.documents(q);
  std::ostringstream s;
  {
    JsonStream j(s, false);
    j.begin_object();
    j.key("documents");
    j.begin_array();
    for (const DocumentSummary& d : docs) {
      j.begin_object();
      j.field("id", static_cast<std::int64_t>(d.id));
      j.field("name", d.name);
      j.field("sha256", d.sha256);
      j.field("format", d.format);
      j.field("kind", d.kind);
      j.field("region", d.region);
      j.field("title", d.title);
      j.field("date", d.date);
      j.field("number", d.number);
      j.field("measures", d.measures);
      j.field("ingested_at", d.ingested_at);
      j.end_object();
    }
    j.end_array();
    j.key("next_offset");
    if (static_cast<int>(docs.size()) == q.limit) j.value(static_cast<std::int64_t>(q.offset + q.limit));
    else j.null();
    j.end_object();
  }
  send(response, HTTPResponse::HTTP_OK, s.str() + "\n");
}

void Service::Impl::list_measures(HTTPServerResponse& response, const Query& query) {
  query.only({"region", "entity_kind", "due_from", "due_to", "q", "versions", "limit", "offset"});
  MeasureQuery q;
  const std::string versions = query.get("versions").value_or("current");
  if (versions != "current" && versions != "all")
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", "versions must be current or all"};
  q.current_only = versions == "current";
  q.text = query.get("q");
  if (q.text && q.text->size() > 1000)
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", "q is over 1,000 bytes"};
  q.region = query.get("region");
  q.entity_kind = query.get("entity_kind");
  q.due_from = query.date("due_from");
  q.due_to = query.date("due_to");
  q.limit = static_cast<int>(query.number("limit", 100, 1, 10000));
  q.offset = query.number("offset", 0, 0, 1000000000000L);
  const std::vector<StoredMeasure> measures = store.measures(q);
  std::ostringstream s;
  {
    JsonStream j(s, false);
    j.begin_object();
    j.key("measures");
    j.begin_array();
    for (const StoredMeasure& m : measures) {
      j.begin_object();
      j.field("document_id", static_cast<std::int64_t>(m.document_id));
      j.field("region", m.region);
      j.field("measure_id", m.measure_id);
      j.field("title", m.title);
      j.key("deadline");
      j.begin_object();
      j.field("text", m.deadline_text);
      j.field("start", m.deadline_start);
      j.field("end", m.deadline_end);
      j.end_object();
      j.key("responsible");
      j.begin_array();
      for (const std::string& r : m.responsible) j.value(r);
      j.end_array();
      j.end_object();
    }
    j.end_array();
    j.key("next_offset");
    if (static_cast<int>(measures.size()) == q.limit) j.value(static_cast<std::int64_t>(q.offset + q.limit));
    else j.null();
    j.end_object();
  }
  send(response, HTTPResponse::HTTP_OK, s.str() + "\n");
}

void Service::Impl::comparison(HTTPServerResponse& response, const Query& query) {
  query.only({"regions", "format", "on"});
  const std::optional<std::string> on = query.date("on");
  const std::string format = query.get("format").value_or("json");
  if (!is_comparison_format(format))
    throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", "format must be json, md, csv or html"};
  std::vector<std::string> regions;
  if (const auto list = query.get("regions")) {
    std::istringstream in(*list);
    for (std::string code; std::getline(in, code, ',');)
      if (!code.empty()) regions.push_back(code);
    if (regions.empty()) throw HttpError{HTTPResponse::HTTP_BAD_REQUEST, "bad_parameter", "regions names no region"};
  }
  if (options.templates.empty())
    throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "no_template", "this server's rules hold no comparison template"};
  auto pass = gate.enter();
  if (!pass) throw HttpError{HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "busy", "every extraction slot and the queue are taken; retry"};
  std::optional<ComparisonBody> body;
  try {
    body = compare_stored(store, regions, on, format, options.templates, rules, options.read);
  } catch (const ReadError& e) {
    throw HttpError{HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "time_limit", std::string(e.what())};
  }
  if (!body)
    throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found",
                    regions.empty() ? "the store holds no document" : "the store holds no document of " + *query.get("regions")};
  send(response, HTTPResponse::HTTP_OK, body->bytes, body->content_type);
}

namespace {

void write_ids(JsonStream& j, std::string_view key, const std::vector<std::int64_t>& ids) {
  j.key(key);
  j.begin_array();
  for (std::int64_t id : ids) j.value(id);
  j.end_array();
}

void write_version(JsonStream& j, const ActVersion& v) {
  j.field("id", v.id);
  j.field("kind", v.kind);
  j.field("region", v.region);
  j.field("date", v.date);
  j.field("number", v.number);
  j.field("title", v.title);
  j.field("roadmaps", v.roadmaps);
  j.field("measures", v.measures);
  write_ids(j, "amends", v.amends);
  write_ids(j, "amended_by", v.amended_by);
  j.key("replaced_by");
  if (v.replaced_by) j.value(*v.replaced_by);
  else j.null();
}

}  // namespace

void Service::Impl::act_history(HTTPServerResponse& response, const std::string& id) {
  const std::vector<ActVersion> versions = store.history(std::stoll(id));
  if (versions.empty()) throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found", "no document " + id};
  std::ostringstream s;
  {
    JsonStream j(s, false);
    j.begin_object();
    j.field("document", static_cast<std::int64_t>(std::stoll(id)));
    j.key("versions");
    j.begin_array();
    for (const ActVersion& v : versions) {
      j.begin_object();
      write_version(j, v);
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  send(response, HTTPResponse::HTTP_OK, s.str() + "\n");
}

void Service::Impl::region_roadmap(HTTPServerResponse& response, const std::string& region, const Query& query) {
  query.only({"on"});
  const std::optional<std::string> on = query.date("on");
  const std::vector<std::int64_t> ids = store.in_force({region}, on);
  if (ids.empty())
    throw HttpError{HTTPResponse::HTTP_NOT_FOUND, "not_found",
                    "the store holds no act of " + region + (on ? " in force on " + *on : std::string())};
  std::ostringstream s;
  {
    JsonStream j(s, false);
    j.begin_object();
    j.field("region", region);
    j.field("on", on);
    j.key("acts");
    j.begin_array();
    for (std::int64_t id : ids) {
      const auto json = store.extraction_json(id);
      if (!json) continue;   // not possible: documents are never deleted
      j.begin_object();
      j.field("id", id);
      // Its chain, for the versions this one replaced and any not yet in force on `on`.
      j.key("versions");
      j.begin_array();
      for (const ActVersion& v : store.history(id)) j.value(v.id);
      j.end_array();
      j.key("extraction");
      j.raw_value(*json);
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  send(response, HTTPResponse::HTTP_OK, s.str() + "\n");
}

Service::Service(DocumentStore& store, const RuleSet& rules, ServeOptions options)
    : impl_(std::make_unique<Impl>(store, rules, std::move(options))) {}

Service::~Service() { stop(); }

void Service::start() {
  prepare_readers();
  Poco::Net::ServerSocket socket;
  try {
    socket.bind(Poco::Net::SocketAddress(impl_->options.host, impl_->options.port), /*reuseAddress=*/true);
    socket.listen(64);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
                             ": " + e.displayText());
  }
  impl_->port = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(static_cast<int>(impl_->options.threads));
  params->setMaxQueued(256);
  params->setTimeout(Poco::Timespan(static_cast<long>(impl_->options.request_timeout_s * 1e6)));
  params->setKeepAlive(true);
  params->setServerName("karta");
  impl_->pool = std::make_unique<Poco::ThreadPool>(2, static_cast<int>(impl_->options.threads) + 1);
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(*impl_), *impl_->pool, socket, params);
  impl_->server->start();
}

unsigned short Service::port() const { return impl_->port; }

void Service::stop() {
  if (!impl_->server) return;
  impl_->server->stopAll(false);   // stop accepting; the requests in flight finish
  impl_->pool->joinAll();
  impl_->server.reset();
}

}  // namespace karta
