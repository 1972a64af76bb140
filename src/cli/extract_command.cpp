// karta extract INPUT... -o OUT|- [options]: roadmap-extract/1 JSON per input
// and OUT/manifest.jsonl (karta/batch.hpp).
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.hpp"
#include "cli/limit_options.hpp"
#include "cli/stage_report.hpp"
#include "karta/batch.hpp"

namespace karta::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string out, files_from, shard, rules;
  bool jsonl = false, resume = false, quiet = false, verbose = false, follow_symlinks = false, stats = false;
  unsigned jobs = 0;
  LimitArgs limits;
};

void read_paths(std::istream& in, std::vector<std::string>& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
}

// SIGTERM or SIGINT: the first asks the batch to finish what it holds and
// write its manifest; a second, while it does, ends the process at once.
std::atomic<int> stop_requested{0};

extern "C" void on_stop_signal(int signal) {
  int none = 0;
  if (!stop_requested.compare_exchange_strong(none, signal)) ::_exit(128 + signal);
}

void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;   // reads and writes in flight go on
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
}

BatchOptions batch_options(ExtractArgs& a) {
  BatchOptions options;
  if (a.out.empty() && !a.jsonl) throw UsageError("extract: no output: give -o OUT, -o - or --jsonl");
  if (a.jsonl && a.out == "-") throw UsageError("extract: --jsonl and -o - both claim stdout; give one of them");
  if (a.quiet && a.verbose) throw UsageError("extract: --quiet and --verbose contradict each other");
  if (a.resume && (a.out.empty() || a.out == "-")) throw UsageError("extract: --resume needs -o OUT");
  if (a.out == "-") options.stdout_mode = BatchOptions::Stdout::pretty;
  else options.out_dir = a.out;
  if (a.jsonl) options.stdout_mode = BatchOptions::Stdout::lines;
  options.jobs = a.jobs;
  options.resume = a.resume;
  options.follow_symlinks = a.follow_symlinks;
  if (!a.shard.empty()) {
    int k = 0, n = 0;
    char slash = 0, extra = 0;
    if (std::sscanf(a.shard.c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
      throw UsageError("extract: --shard needs K/N with 1 <= K <= N");
    options.shard = k;
    options.shards = n;
  }
  options.talk = a.quiet ? BatchOptions::Talk::quiet : a.verbose ? BatchOptions::Talk::verbose : BatchOptions::Talk::normal;
  options.read = read_options(a.limits);
  // A progress line only on a terminal, and never on the terminal stdout writes to.
  const bool results_on_terminal = options.stdout_mode != BatchOptions::Stdout::none && ::isatty(STDOUT_FILENO);
  options.progress = options.talk != BatchOptions::Talk::quiet && ::isatty(STDERR_FILENO) && !results_on_terminal;
  return options;
}

int run(ExtractArgs& a) {
  BatchOptions options = batch_options(a);
  catch_stop_signals();   // from the start: a signal while inputs are listed still gets a manifest
  options.stop = &stop_requested;
  if (!a.files_from.empty()) {
    if (a.files_from == "-") read_paths(std::cin, a.inputs);
    else {
      std::ifstream in(a.files_from);
      if (!in) throw UsageError("extract: cannot read --files-from " + a.files_from);
      read_paths(in, a.inputs);
    }
  }
  if (a.inputs.empty()) throw UsageError("extract: no input: give INPUT... or --files-from");
  if (std::count(a.inputs.begin(), a.inputs.end(), "-") > 1) throw UsageError("extract: - (stdin) given twice");
  const RuleSet rules = load_rule_set(a.rules);
  rules.prepare_in_background();
  report_empty_directories("extract", a.inputs);
  const std::vector<BatchInput> listed = list_inputs(a.inputs, options);
  if (listed.empty()) {
    std::cerr << "karta extract: no documents found in the inputs\n";
    return inputs_failed;
  }
  if (a.stats) enable_stage_clock();
  const auto started = std::chrono::steady_clock::now();
  const BatchSummary s = run_batch(listed, rules, options);
  if (a.stats)
    print_stage_report(std::cerr, run_stage_totals(),
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                       options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency()));
  if (s.stopped_by) {
    std::cerr << "karta extract: stopped by " << (s.stopped_by == SIGTERM ? "SIGTERM" : "SIGINT") << ": "
              << s.not_reached << " of " << listed.size() << " inputs not converted (skipped in the manifest"
              << (s.manifest.empty() ? "" : ", " + s.manifest) << "); --resume continues\n";
    return 128 + s.stopped_by;
  }
  if (options.talk == BatchOptions::Talk::verbose || (options.progress && !s.manifest.empty()))
    std::cerr << s.ok << " ok (" << s.resumed << " kept from the last run), " << s.failed << " failed, " << s.skipped
              << " skipped; manifest: " << s.manifest << "\n";
  if (s.output_errors) return unwritable;
  return s.failed ? inputs_failed : ok;
}

}  // namespace

Command add_extract_command(CLI::App& app) {
  auto a = std::make_shared<ExtractArgs>();
  CLI::App* c = app.add_subcommand("extract", "roadmap-extract/1 JSON per input and OUT/manifest.jsonl");
  c->add_option("INPUT", a->inputs, "files, directories (recursive) and zip archives of documents; - reads stdin");
  c->add_option("-o,--output", a->out, "one JSON per input under OUT (mirroring the inputs) and OUT/manifest.jsonl; "
                                       "- prints the JSON to stdout");
  c->add_option("-j,--jobs", a->jobs, "worker threads (default: one per core)")->check(CLI::Range(1, 1024));
  c->add_flag("--resume", a->resume, "keep outputs whose input, rule set and karta version are unchanged");
  c->add_flag("--jsonl", a->jsonl, "stream results to stdout, one JSON object per line");
  c->add_option("--files-from", a->files_from, "read input paths from FILE, one per line (- for stdin)");
  c->add_flag("--follow-symlinks", a->follow_symlinks,
              "follow links to directories and out of the input directory (a loop fails, a directory is listed once)");
  c->add_option("--shard", a->shard, "convert only the K-th of N stable shards of the inputs (K/N)");
  c->add_flag("-q,--quiet", a->quiet, "no progress and no error lines");
  c->add_flag("-v,--verbose", a->verbose, "a line per input");
  c->add_flag("--stats", a->stats, "print on stderr, at the end, the time of each stage (read, normalise, roadmap, "
                                   "fields, requisites, rules, write) and of the costliest rule groups");
  c->add_option("--rules", a->rules, "rule files (default: $KARTA_RULES, else the installed or bundled rules)");
  add_limit_options(c, a->limits);
  return {c, [a] { return run(*a); }};
}

}  // namespace karta::cli
