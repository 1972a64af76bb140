// `karta watch DIR --store DB`: a drop folder ingested into the document
// store (karta/store.hpp) as files arrive (docs/store.md).
//
//   karta::DropFolder inbox("inbox", store, rules, {});
//   for (const karta::DropOutcome& o : inbox.scan()) …   // one pass
//
// A settled file is read, extracted and stored, then moved to DIR/done/;
// one karta cannot read is moved to DIR/failed/ beside NAME.error.txt (the
// reason). A file moves only after its document is committed, so a process
// killed at any moment loses nothing: what is still in DIR is taken at the
// next pass, and a file stored already is only moved. A file is taken once
// its size and modification time have not changed for `settle_s` (a copy in
// progress is left alone), and moved to failed/ only once they have not
// changed for five times that (half a file written in bursts is waited for); names starting with '.' or ending in .part, .tmp,
// .crdownload or ~ are never taken (downloads and editors at work).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "karta/read.hpp"
#include "karta/rules.hpp"
#include "karta/store.hpp"

namespace karta {

struct DropFolderOptions {
  // A file that cannot be read moves to failed/ only once unchanged for
  // settle_s × fail_wait_factor: one still being written (a copy that
  // paused longer than settle_s) is read again when it changes instead.
  static constexpr double fail_wait_factor = 5;
  double settle_s = 1;   // 0: every file taken at once, a failure final (--once)
  ReadOptions read;   // the limits of `karta extract`; a file over max_file_bytes fails as too_large
};

struct DropOutcome {
  std::string name;                  // as it lay in DIR
  std::optional<std::int64_t> id;    // the stored document; none when it failed
  bool created = false;              // stored by this pass (false: it was stored already)
  std::string moved_to;              // "done/NAME", "failed/NAME"; "" when it could not be moved (stays for the next pass)
  std::string error;                 // why it failed or did not move ("" when done)
};

class DropFolder {
 public:
  // Creates DIR/done and DIR/failed when absent; throws std::runtime_error
  // naming DIR when it is no directory or they cannot be made.
  DropFolder(std::string dir, DocumentStore& store, const RuleSet& rules, DropFolderOptions options);

  // One pass over DIR's files, in name order: those settled are taken. A
  // store that cannot be written (a full disk) leaves the file in place and
  // says so in `error`. With `stop`, the pass ends before the next file
  // once it is set (a signal: the file in hand is finished, no other begun).
  std::vector<DropOutcome> scan(const std::atomic<bool>* stop = nullptr);
  // Files seen but not settled yet: another pass is due within settle_s.
  bool waiting() const { return !seen_.empty(); }
  const std::string& dir() const { return dir_; }

 private:
  struct Seen {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::chrono::steady_clock::time_point since;
    bool failed_young = false;   // taken once, failed before the failure's wait was over
  };
  // Reads, extracts and stores NAME as scanned (size and time); nothing
  // when its bytes changed under the read, or when it failed and not
  // `may_fail` (then nothing is written or moved).
  std::optional<DropOutcome> take(const std::string& name, std::uintmax_t size, std::int64_t mtime_ns, bool may_fail);

  std::string dir_;
  DocumentStore& store_;
  const RuleSet& rules_;
  DropFolderOptions options_;
  std::map<std::string, Seen> seen_;
};

}  // namespace karta
