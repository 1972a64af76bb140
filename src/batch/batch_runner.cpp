// run_batch: workers take inputs in order, convert and write each; the
// manifest grows line by line in a .part file (what --resume reads after a
// kill) and is written whole, in input order, at the end.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "batch/archive_reader.hpp"
#include "batch/output_lock.hpp"
#include "batch/progress_line.hpp"
#include "karta/batch.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "karta/output_error.hpp"
#include "karta/version.hpp"
#include "pipeline/extract_file.hpp"
#include "read/libreoffice.hpp"
#include "write/atomic_file.hpp"
#include "model/stage_clock.hpp"
#include "model/utf8.hpp"

namespace karta {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The archives a worker is going through: the directory of each is read
// once, not once per member, and a nested archive is inflated once.
struct OpenArchives {
  std::string file;
  std::unique_ptr<zip::Package> outer;
  std::uint64_t outer_size = 0, outer_inflated = 0;
  std::string nested_key;
  std::string nested_bytes;
  std::unique_ptr<zip::Package> nested;
  std::uint64_t nested_inflated = 0;
};

// What the members of one archive may inflate to in all, as this worker
// reads them: the input limit, or a hundred times the archive's own size
// when that is more. Documents compress a few times at most; a zip bomb
// (a megabyte holding gigabytes, nested or not) stops at its budget.
constexpr std::uint64_t kInflationFactor = 100;
constexpr std::uint64_t kMemberFactor = 200;          // one member: inflated over compressed size
constexpr std::uint64_t kSmallMember = 1u << 20;      // below a megabyte, any ratio

// Checked before a member is inflated, by its declared size: inflating
// never goes past that (zip::Package stops one byte beyond it).
void spend(std::uint64_t& inflated, std::uint64_t archive_size, const zip::Package& archive, const std::string& member,
           const std::string& archive_name, const ReadOptions& options, const std::string& path) {
  const std::uint64_t budget = std::max(options.max_file_bytes, archive_size * kInflationFactor);
  const zip::Entry* e = archive.directory().find(member);
  const std::uint64_t bytes = e ? e->uncompressed : 0;
  // One member alone: documents compress a few times, a bomb a thousand.
  if (e && bytes > std::max<std::uint64_t>(kSmallMember, e->compressed * kMemberFactor))
    throw ReadError(ErrorKind::too_large, path,
                    "it would inflate from " + std::to_string(e->compressed) + " to " + std::to_string(bytes) +
                        " bytes, over " + std::to_string(kMemberFactor) + " times its compressed size: a zip bomb?");
  if (inflated + bytes > budget)
    throw ReadError(ErrorKind::too_large, path,
                    "the members of " + archive_name + " would inflate to " + std::to_string(inflated + bytes) +
                        " bytes, past its budget of " + std::to_string(budget) +
                        " (the input limit or " + std::to_string(kInflationFactor) + " times the archive's size): a zip bomb?");
  inflated += bytes;
}

std::string load(const BatchInput& in, const ReadOptions& options, OpenArchives& open) {
  if (in.members.empty()) {
    std::string bytes;
    if (auto error = load_file(in.file, options, bytes)) throw *error;
    return bytes;
  }
  try {
    const ReadOptions whole = member_read_options(options);
    if (open.file != in.file || !open.outer) {
      open = OpenArchives{};
      std::string error;
      auto source = zip::FileSource::open(in.file, error);
      if (!source) throw ReadError(ErrorKind::io, in.path, "cannot read " + in.file + ": " + error);
      open.outer_size = source->size();
      open.outer = std::make_unique<zip::Package>(std::move(source), in.file, whole);
      open.file = in.file;
    }
    if (in.members.size() == 1) {
      spend(open.outer_inflated, open.outer_size, *open.outer, in.members[0], in.file, options, in.path);
      return open.outer->read(in.members[0]);
    }
    const std::string key = in.members[0];
    if (open.nested_key != key || !open.nested) {
      open.nested.reset();
      open.nested_key.clear();
      open.nested_inflated = 0;
      open.nested_bytes = open.outer->read(key);
      open.nested = std::make_unique<zip::Package>(open.nested_bytes, in.file + "!" + key, whole);
      open.nested_key = key;
    }
    spend(open.nested_inflated, open.nested_bytes.size(), *open.nested, in.members[1], in.file + "!" + key, options,
          in.path);
    return open.nested->read(in.members[1]);
  } catch (const ReadError& e) {
    // Named by the member, as every other message about it is.
    throw ReadError(e.kind(), in.path, e.reason());
  }
}

class Run {
 public:
  Run(const std::vector<BatchInput>& inputs, const RuleSet& rules, const BatchOptions& options)
      : inputs_(inputs), rules_(rules), options_(options), entries_(inputs.size()) {}

  BatchSummary go() {
    prepare_readers();
    started_ = Clock::now();
    // The batch's .doc files through one LibreOffice run, before the workers
    // start (each would otherwise pay LibreOffice's start-up).
    std::vector<std::string> files;
    for (const BatchInput& in : inputs_)
      if (in.members.empty() && in.skip.empty() && in.fail.empty()) files.push_back(in.file);
    libreoffice::BatchConversion office(files, options_.read);
    if (!options_.out_dir.empty()) open_manifest();
    unsigned jobs = options_.jobs ? options_.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs_.size())));
    std::vector<std::thread> workers;
    working_ = jobs;
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back([this] { work(); });
    if (options_.progress) {
      std::unique_lock<std::mutex> lock(mutex_);
      // At most ten redraws a second, however fast inputs finish.
      while (working_ > 0) {
        draw_progress();
        const auto next = Clock::now() + std::chrono::milliseconds(100);
        changed_.wait_until(lock, next, [&] { return working_ == 0; });
      }
      draw_progress();
      std::cerr << "\n";
    }
    for (std::thread& t : workers) t.join();
    if (const int signal = stop_signal()) {
      // Every input still gets its line: what the signal kept from being
      // converted is skipped, and --resume converts it.
      summary_.stopped_by = signal;
      for (std::size_t i = 0; i < inputs_.size(); ++i) {
        if (entries_[i]) continue;
        ManifestEntry e;
        e.path = inputs_[i].path;
        e.status = "skipped";
        e.error = std::string("not converted: the run was stopped by ") + signal_name(signal);
        e.rules = rules_.version();
        e.karta = version();
        entries_[i] = std::move(e);
        ++summary_.skipped;
        ++summary_.not_reached;
      }
    }
    if (!options_.out_dir.empty()) close_manifest();
    if (!stdout_error_.empty()) throw OutputError("standard output", stdout_error_);
    summary_.output_errors = output_errors_;
    return summary_;
  }

 private:
  std::unique_ptr<OutputLock> lock_;   // held from the manifest's opening to the end of the run

  void open_manifest() {
    const fs::path out(options_.out_dir);
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw OutputError(out.string(), ec.message());
    lock_ = std::make_unique<OutputLock>(out.string(), options_.shard, options_.shards);
    const std::string name = options_.shards > 1 ? "manifest-" + std::to_string(options_.shard) + "-of-" +
                                                       std::to_string(options_.shards) + ".jsonl"
                                                 : "manifest.jsonl";
    manifest_ = out / name;
    part_ = manifest_.string() + ".part";
    // A finished run's manifest, then what a killed run got done: later
    // lines win. --resume keeps outputs by it; every run marks the outputs
    // of inputs that are gone.
    for (const fs::path& p : {manifest_, part_}) {
      std::ifstream in(p);
      std::string line;
      while (std::getline(in, line))
        if (auto e = parse_manifest_line(line)) previous_[e->path] = *e;
    }
    if (!options_.resume) fs::remove(part_);
    remove_stale_temporaries(out);
    part_file_ = std::fopen(part_.c_str(), "a");
    if (!part_file_) throw OutputError(part_.string(), std::strerror(errno));
    summary_.manifest = manifest_.string();
  }

  // Left by a killed run. A shard removes only those of its own outputs and
  // manifest: it holds its shard's lock, while other shards sharing OUT may
  // be writing theirs this very moment.
  void remove_stale_temporaries(const fs::path& out) {
    std::set<fs::path> mine;
    if (options_.shards > 1) {
      for (const BatchInput& in : inputs_) mine.insert((out / in.output).lexically_normal());
      mine.insert(manifest_.lexically_normal());
    }
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(out, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      const fs::path target = temporary_target(it->path());
      std::error_code gone;
      if (!target.empty() && (options_.shards <= 1 || mine.count(target.lexically_normal()))) fs::remove(it->path(), gone);
    }
  }

  void close_manifest() {
    if (std::fclose(part_file_) != 0 && part_error_.empty()) part_error_ = std::strerror(errno);
    std::string text;
    std::set<std::string> listed, outputs;
    for (const auto& e : entries_)
      if (e) {
        text += manifest_line(*e) + "\n";
        listed.insert(e->path);
        if (e->output) outputs.insert(*e->output);
      }
    // An earlier input that is gone keeps its output (nothing is deleted)
    // under a "removed" line, which compare and export read and skip.
    for (const auto& [path, e] : previous_) {
      if (!e.output || outputs.count(*e.output)) continue;   // no output, or it was taken over
      if (listed.count(path)) {
        // The same input under a new output name (another input now shares
        // its old one): the old file is a stale copy, not a document of its own.
        std::error_code ec;
        fs::remove(fs::path(options_.out_dir) / *e.output, ec);
        continue;
      }
      ManifestEntry removed = e;
      if (removed.status != "removed") {
        removed.status = "removed";
        removed.error = "no longer among the inputs: its output is kept, and compare and export skip it";
        removed.ms = 0;
      }
      text += manifest_line(removed) + "\n";
      ++summary_.removed;
    }
    write_file_atomically(manifest_, [&](std::ostream& out) { out << text; });
    fs::remove(part_);
  }

  int stop_signal() const { return options_.stop ? options_.stop->load() : 0; }

  static std::string signal_name(int signal) {
    if (signal == SIGTERM) return "SIGTERM";
    if (signal == SIGINT) return "SIGINT";
    return "signal " + std::to_string(signal);
  }

  void work() {
    OpenArchives cache;
    for (;;) {
      if (stop_signal()) break;
      const std::size_t i = next_.fetch_add(1);
      if (i >= inputs_.size()) break;
      std::string json;
      bool resumed = false;
      ManifestEntry e = convert(inputs_[i], cache, json, resumed);
      finish(i, std::move(e), json, resumed);
    }
    merge_thread_stage_totals();
    std::lock_guard<std::mutex> lock(mutex_);
    --working_;
    changed_.notify_all();
  }

  // An earlier output is kept only when it is there, parses as
  // roadmap-extract/1 and was made from these very bytes.
  static bool output_holds(const fs::path& output, const std::string& sha256) {
    std::ifstream file(output, std::ios::binary);
    if (!file) return false;
    std::ostringstream text;
    text << file.rdbuf();
    try {
      return parse_extraction_json(text.str()).source.sha256 == sha256;
    } catch (const ExtractionJsonError&) {
      return false;
    }
  }

  ManifestEntry convert(const BatchInput& in, OpenArchives& cache, std::string& json, bool& resumed) {
    const auto t0 = Clock::now();
    ManifestEntry e;
    e.path = in.path;
    e.rules = rules_.version();
    e.karta = version();
    auto elapsed = [&] { return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count(); };
    if (!in.skip.empty()) {
      e.status = "skipped";
      e.error = in.skip;
      return e;
    }
    if (!in.fail.empty()) {
      e.status = "failed";
      e.error = in.fail;
      return e;
    }
    try {
      const std::string bytes = load(in, options_.read, cache);
      e.sha256 = sha256_hex(bytes);
      e.bytes = bytes.size();
      if (stage_clock_enabled()) {
        ++thread_stage_totals().inputs;
        thread_stage_totals().bytes_in += static_cast<std::int64_t>(bytes.size());
      }
      if (options_.resume) {
        auto prev = previous_.find(in.path);
        if (prev != previous_.end() && prev->second.status == "ok" && prev->second.sha256 == e.sha256 &&
            prev->second.rules == e.rules && prev->second.karta == e.karta && prev->second.output == in.output &&
            output_holds(fs::path(options_.out_dir) / in.output, *e.sha256)) {
          resumed = true;
          return prev->second;
        }
      }
      FileExtraction f = extract_hashed_bytes(in.path, bytes, *e.sha256, rules_, options_.read);
      if (!f.ok()) {
        e.status = "failed";
        e.error = f.error->reason();
        e.ms = elapsed();
        return e;
      }
      const StageScope writing(Stage::write);
      if (options_.stdout_mode != BatchOptions::Stdout::none) {
        std::ostringstream s;
        write_extraction_json(s, f.extraction, options_.stdout_mode == BatchOptions::Stdout::lines);
        json = s.str();
      }
      if (!options_.out_dir.empty()) {
        // Indented on disk, streamed straight into the file.
        write_file_atomically(fs::path(options_.out_dir) / in.output,
                         [&](std::ostream& out) { write_extraction_json(out, f.extraction); });
        e.output = in.output;
        if (stage_clock_enabled()) {
          std::error_code ec;
          const auto size = fs::file_size(fs::path(options_.out_dir) / in.output, ec);
          if (!ec) thread_stage_totals().bytes_out += static_cast<std::int64_t>(size);
        }
      }
      e.status = "ok";
      e.format = f.extraction.source.format;
      e.measures = f.extraction.measure_count();
      e.warnings = static_cast<int>(std::count_if(f.extraction.diagnostics.begin(), f.extraction.diagnostics.end(),
                                                  [](const Diagnostic& d) { return d.level != Level::info; }));
    } catch (const ReadError& error) {
      e.status = "failed";
      e.error = error.reason();
    } catch (const OutputError& error) {
      // Not the input's fault: the run says so with its own exit status.
      e.status = "failed";
      e.error = error.what();
      ++output_errors_;
    } catch (const std::exception& error) {
      e.status = "failed";
      e.error = std::string("internal error: ") + error.what();
    }
    e.ms = elapsed();
    return e;
  }

  void finish(std::size_t i, ManifestEntry e, const std::string& json, bool resumed) {
    std::lock_guard<std::mutex> lock(mutex_);
    const bool failed = e.status == "failed";
    if (e.status == "ok") ++summary_.ok;
    else if (failed) ++summary_.failed;
    else ++summary_.skipped;
    if (resumed) ++summary_.resumed;
    bytes_ += e.bytes.value_or(0);
    if (part_file_) {
      // What a killed run leaves; a failed write here is reported by the
      // manifest's own write at the end, which fails the same way.
      const std::string line = manifest_line(e) + "\n";
      if (std::fwrite(line.data(), 1, line.size(), part_file_) != line.size() || std::fflush(part_file_) != 0)
        if (part_error_.empty()) part_error_ = std::strerror(errno);
    }
    if (options_.stdout_mode != BatchOptions::Stdout::none && stdout_error_.empty()) {
      if (options_.progress) std::cerr << "\r\033[K" << std::flush;   // the progress line is not stdout's
      errno = 0;
      if (!json.empty() && !resumed) std::cout << json;
      else if (e.status != "ok" && options_.stdout_mode == BatchOptions::Stdout::lines) std::cout << manifest_line(e) << "\n";
      std::cout.flush();
      // A full disk or a closed pipe: the run fails with the reason, and
      // stops writing there rather than leave a line cut in the middle.
      if (!std::cout) stdout_error_ = errno ? std::strerror(errno) : "write error";
    }
    const bool talk = options_.talk != BatchOptions::Talk::quiet;
    if ((failed && talk) || options_.talk == BatchOptions::Talk::verbose) {
      if (options_.progress) std::cerr << "\r\033[K";
      if (failed) std::cerr << "karta: " << for_terminal(e.path) << ": " << for_terminal(e.error.value_or("")) << "\n";
      else if (e.status == "skipped") std::cerr << "skipped " << for_terminal(e.path) << ": " << for_terminal(e.error.value_or("")) << "\n";
      else std::cerr << (resumed ? "kept " : "ok ") << for_terminal(e.path) << " (" << e.measures.value_or(0) << " measures, " << e.ms
                     << " ms)\n";
    }
    entries_[i] = std::move(e);
    ++done_;
    changed_.notify_all();
  }

  void draw_progress() {
    Progress p{done_, inputs_.size(), summary_.failed, bytes_,
               std::chrono::duration<double>(Clock::now() - started_).count()};
    std::cerr << "\r\033[K" << progress_text(p) << std::flush;
  }

  const std::vector<BatchInput>& inputs_;
  const RuleSet& rules_;
  const BatchOptions& options_;
  std::vector<std::optional<ManifestEntry>> entries_;
  std::map<std::string, ManifestEntry> previous_;
  fs::path manifest_, part_;
  std::FILE* part_file_ = nullptr;
  std::string part_error_;     // the first failed write of manifest.jsonl.part
  std::string stdout_error_;   // the first failed write of standard output
  std::atomic<std::size_t> next_{0};
  std::atomic<std::size_t> output_errors_{0};
  std::mutex mutex_;
  std::condition_variable changed_;
  std::size_t done_ = 0;
  unsigned working_ = 0;       // workers still taking inputs
  std::uint64_t bytes_ = 0;
  BatchSummary summary_;
  Clock::time_point started_;
};

}  // namespace

BatchSummary run_batch(const std::vector<BatchInput>& inputs, const RuleSet& rules, const BatchOptions& options) {
  return Run(inputs, rules, options).go();
}

}  // namespace karta
