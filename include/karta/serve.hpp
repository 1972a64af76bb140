// `karta serve`: the store (karta/store.hpp) behind an HTTP API (docs/api.yaml).
//
//   karta::DocumentStore store("karta.db");
//   karta::ServeOptions o; o.port = 0; o.tokens = karta::read_token_file("tokens");
//   karta::Service service(store, rules, o);
//   service.start();   // listening on o.host:service.port()
//   …
//   service.stop();    // waits for the requests in flight
//
// Writes (POST) need `Authorization: Bearer T` with T one of `tokens`
// (compared in constant time); reads are open to loopback clients and need
// a token from anywhere else. At most `jobs` extractions run at once; up to
// `queue` more uploads wait, and the next gets 503 with Retry-After. A body
// over read.max_file_bytes gets 413 unread. A comparison takes an extraction
// slot too. Every error is JSON:
// {"error": {"code": "...", "message": "..."}}.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "karta/compare.hpp"
#include "karta/read.hpp"
#include "karta/rules.hpp"
#include "karta/store.hpp"

namespace karta {

struct ServeOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 8780;   // 0: a free port, chosen by the system
  unsigned jobs = 0;            // extractions at once; 0: one per core
  unsigned queue = 0;           // uploads that may wait for one; 0: 4 per job
  unsigned threads = 16;        // connections served at once
  double request_timeout_s = 30;
  std::vector<std::string> tokens;
  ReadOptions read;                        // each upload's limits; time_budget_ms bounds a comparison too
  std::vector<MeasureTemplate> templates;   // what GET /v1/compare aligns to (rules/templates)
};

// The tokens of a file: one a line, blank lines and #-comments ignored.
// Throws std::runtime_error naming the file when it cannot be read or holds none.
std::vector<std::string> read_token_file(const std::string& path);

class Service {
 public:
  Service(DocumentStore& store, const RuleSet& rules, ServeOptions options);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds and starts serving; throws std::runtime_error when it cannot bind.
  void start();
  // The port it listens on (the chosen one when options.port was 0).
  unsigned short port() const;
  // Stops accepting and waits for the requests in flight.
  void stop();

  struct Impl;   // opaque: the request handlers of src/serve/ reach it

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace karta
