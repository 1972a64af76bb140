// karta serve --store DB [--port N] [--tokens FILE] …: the store behind the
// HTTP API (karta/serve.hpp, docs/api.yaml) until SIGINT or SIGTERM.
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "cli/stop_signals.hpp"
#include "karta/serve.hpp"
#include "write/sql_dialect.hpp"

namespace karta::cli {
namespace {

struct ServeArgs {
  std::string store, host = "127.0.0.1", tokens, rules;
  unsigned port = 8780, jobs = 0, queue = 0, threads = 16;
  double timeout = 30;
  LimitArgs limits;
};

int run(const ServeArgs& a) {
  ServeOptions options;
  options.host = a.host;
  options.port = static_cast<unsigned short>(a.port);
  options.jobs = a.jobs;
  options.queue = a.queue;
  options.threads = a.threads;
  options.request_timeout_s = a.timeout;
  options.read = read_options(a.limits);
  if (!a.tokens.empty()) {
    try {
      options.tokens = read_token_file(a.tokens);
    } catch (const std::runtime_error& e) {
      throw UsageError(std::string("serve: --tokens ") + e.what());
    }
  }
  const RuleSet rules = load_rule_set(a.rules);
  rules.prepare_in_background();
  try {
    options.templates = load_templates(rules.dir() + "/templates");
  } catch (const RuleError& e) {
    throw UsageError(e.what());
  }
  std::unique_ptr<DocumentStore> store;
  try {
    store = std::make_unique<DocumentStore>(a.store, rules);
  } catch (const StoreError& e) {
    std::cerr << "karta serve: " << e.what() << "\n";
    return unwritable;
  }
  const StopSignals stop;   // before the server's threads start: they inherit the mask
  Service service(*store, rules, options);
  try {
    service.start();
  } catch (const std::runtime_error& e) {
    std::cerr << "karta serve: " << e.what() << "\n";
    return unwritable;
  }
  std::cout << "karta serve: listening on http://" << a.host << ":" << service.port() << " (store " << sql_dialect::shown(a.store) << ", "
            << store->count() << " documents" << (options.tokens.empty() ? "; no --tokens: uploads are refused" : "")
            << ")" << std::endl;
  std::cerr << "karta serve: " << stop.wait() << ": finishing the requests in flight\n";
  service.stop();
  return ok;
}

}  // namespace

Command add_serve_command(CLI::App& app) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* c = app.add_subcommand("serve", "Serve a document store over HTTP: upload orders, query documents and "
                                            "measures (docs/api.yaml)");
  c->add_option("--store", a->store, "the SQLite database (created when absent), or a PostgreSQL database: "
                                           "postgresql://user@host:port/name")
      ->required();
  c->add_option("--listen", a->host, "address to listen on")->capture_default_str();
  c->add_option("--port", a->port, "port; 0 lets the system choose (printed at start)")->check(CLI::Range(0, 65535))
      ->capture_default_str();
  c->add_option("--tokens", a->tokens, "file of bearer tokens (one a line) that may upload; reads from another "
                                       "host need one too");
  c->add_option("-j,--jobs", a->jobs, "extractions at once (default: one per core)")->check(CLI::Range(1, 1024));
  c->add_option("--queue", a->queue, "uploads that may wait for an extraction before 503 (default: 4 per job)")
      ->check(CLI::Range(1, 100000));
  c->add_option("--threads", a->threads, "connections served at once")->check(CLI::Range(1, 1024))->capture_default_str();
  c->add_option("--request-timeout", a->timeout, "seconds a connection may stay silent")->check(CLI::PositiveNumber)
      ->capture_default_str();
  c->add_option("--rules", a->rules, "rule files (default: $KARTA_RULES, else the installed or bundled rules)");
  add_limit_options(c, a->limits);
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
