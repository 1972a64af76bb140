// Batch conversion: files, directories and zip archives of documents (and
// archives inside them, one level) → one roadmap-extract/1 JSON per input
// under OUT, in parallel, with a manifest that lists every input whatever
// happened to it.
//
//   karta::BatchOptions options;
//   options.out_dir = "out";
//   std::vector<karta::BatchInput> inputs = karta::list_inputs({"archive/"}, options);
//   karta::BatchSummary s = karta::run_batch(inputs, rules, options);
//
// OUT/manifest.jsonl (OUT/manifest-K-of-N.jsonl for a shard) holds one line
// per input, in input order:
//   {"path": "archive.zip!inner/a.docx", "sha256": "…", "bytes": 1234, "format": "docx",
//    "status": "ok", "error": null, "output": "archive.zip/inner/a.docx.json",
//    "measures": 23, "warnings": 0, "ms": 41, "rules": "…rule-set version…", "karta": "0.2.0"}
// status: ok | failed (error says why) | skipped (not a document: a Word lock
// file, a macOS resource fork, a hidden file; error says which).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "karta/read.hpp"
#include "karta/rules.hpp"

namespace karta {

struct BatchOptions {
  std::string out_dir;                 // "" writes no files (results on stdout only)
  enum class Stdout { none, pretty, lines } stdout_mode = Stdout::none;
  unsigned jobs = 0;                   // worker threads; 0: one per core
  bool resume = false;                 // keep outputs whose input, rule set and karta version are unchanged
  int shard = 1, shards = 1;           // take the shard-th of `shards` stable shards
  bool follow_symlinks = false;        // follow links to directories and out of the tree (loops fail)
  enum class Talk { quiet, normal, verbose } talk = Talk::normal;
  bool progress = false;               // a progress line on stderr (the CLI sets it for a terminal)
  ReadOptions read;
  // When it holds a signal number (the CLI's SIGTERM/SIGINT handler stores
  // it), workers finish the inputs they hold, take no new one, and the
  // manifest lists the rest as skipped; null: never stopped.
  const std::atomic<int>* stop = nullptr;
};

// One input as the batch sees it: a file, or a member of an archive on disk.
struct BatchInput {
  std::string path;                    // "dir/a.docx", "a.zip!inner/b.docx", "a.zip!b.zip!c.docx"
  std::string output;                  // where its JSON goes, relative to OUT; never leaves OUT
  std::string file;                    // the file on disk
  std::vector<std::string> members;    // archive members, outermost first (none for a plain file)
  std::string skip;                    // why it is not converted; "" converts it
  std::string fail;                    // why it fails unread (a symbolic link loop, an unlistable directory)
};

// Expands arguments (files, directories walked in sorted order, archives of
// documents listed member by member) into inputs, in a stable order, keeping
// those of the options' shard. Output paths mirror the inputs: a directory's
// files by their path inside it, a file by its name, an archive's members
// under the archive's own name.
std::vector<BatchInput> list_inputs(const std::vector<std::string>& arguments, const BatchOptions& options);

// "../../etc/passwd" → "etc/passwd": an archive member's name as a path that
// stays under OUT (no "..", no root, no drive, no control characters, valid UTF-8).
std::string safe_relative_path(const std::string& name);

// Whether `path` falls in shard K of N (1-based), by a stable hash of the path.
bool in_shard(const std::string& path, int shard, int shards);

struct ManifestEntry {
  std::string path;
  std::optional<std::string> sha256;
  std::optional<std::uint64_t> bytes;
  std::optional<std::string> format;
  std::string status;                  // ok | failed | skipped | removed (an earlier input that is gone)
  std::optional<std::string> error;
  std::optional<std::string> output;
  std::optional<int> measures;
  std::optional<int> warnings;         // diagnostics of level warning or error in the output
  std::int64_t ms = 0;
  std::string rules;                   // rule-set version the output was made with
  std::string karta;                   // karta version the output was made with
};

std::string manifest_line(const ManifestEntry& entry);                  // one JSON object, no newline
std::optional<ManifestEntry> parse_manifest_line(const std::string& line);   // nothing for a cut or foreign line

struct BatchSummary {
  std::size_t ok = 0, failed = 0, skipped = 0, resumed = 0;
  std::size_t output_errors = 0;       // of the failed: outputs that could not be written (OutputError)
  std::string manifest;                // its path, "" when no OUT
  std::size_t removed = 0;             // earlier inputs that are gone: "removed" lines, their outputs kept
  int stopped_by = 0;                  // the signal that stopped the run, 0 when it ran to the end
  std::size_t not_reached = 0;         // inputs it never took because of that signal
};

// Converts every input; never throws for bad input. Throws OutputError
// (karta/output_error.hpp) when OUT or its manifest cannot be written. Outputs and the manifest
// are written atomically (temporary file, then rename); a killed run leaves
// OUT/manifest*.jsonl.part, which --resume reads.
BatchSummary run_batch(const std::vector<BatchInput>& inputs, const RuleSet& rules, const BatchOptions& options);

}  // namespace karta
