// The drop folder of `karta watch` (karta/watch.hpp). The order of the
// steps is what keeps every file: the document is committed before its file
// moves to done/, and the reason is written before a file moves to failed/,
// so a crash between two steps only repeats the first at the next pass.
#include "karta/watch.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "karta/extract.hpp"
#include "karta/output_error.hpp"
#include "pipeline/extract_file.hpp"
#include "write/atomic_file.hpp"

namespace karta {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// Downloads, copies and editors at work name their files so.
bool in_progress(const std::string& name) {
  return name.empty() || name[0] == '.' || name.back() == '~' || ends_with(name, ".part") || ends_with(name, ".tmp") ||
         ends_with(name, ".crdownload");
}

// NAME, else "NAME (2).ext", "NAME (3).ext", …: a second order of the same
// name never replaces the first in done/ or failed/.
std::string free_name(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  if (!fs::exists(dir / name, ec)) return name;
  const fs::path p(name);
  const std::string stem = p.stem().string(), ext = p.extension().string();
  for (int k = 2;; ++k) {
    const std::string candidate = stem + " (" + std::to_string(k) + ")" + ext;
    if (!fs::exists(dir / candidate, ec) && !fs::exists(dir / (candidate + ".error.txt"), ec)) return candidate;
  }
}

std::int64_t mtime_ns(const fs::file_time_type& t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

DropFolder::DropFolder(std::string dir, DocumentStore& store, const RuleSet& rules, DropFolderOptions options)
    : dir_(std::move(dir)), store_(store), rules_(rules), options_(std::move(options)) {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) throw std::runtime_error(dir_ + ": not a directory");
  for (const char* sub : {"done", "failed"}) {
    fs::create_directories(fs::path(dir_) / sub, ec);
    if (ec) throw std::runtime_error(dir_ + "/" + sub + ": " + ec.message());
  }
}

std::vector<DropOutcome> DropFolder::scan(const std::atomic<bool>* stop) {
  const auto now = std::chrono::steady_clock::now();
  const auto settle = std::chrono::duration<double>(options_.settle_s);
  const auto fail_wait = std::chrono::duration<double>(options_.settle_s * DropFolderOptions::fail_wait_factor);
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    std::error_code kind;
    if (in_progress(name) || it->is_directory(kind)) continue;
    names.push_back(name);
  }
  if (ec) throw std::runtime_error(dir_ + ": " + ec.message());
  std::sort(names.begin(), names.end());
  std::map<std::string, Seen> still;
  std::vector<DropOutcome> out;
  for (const std::string& name : names) {
    if (stop && *stop) break;
    const fs::path path = fs::path(dir_) / name;
    std::error_code stat;
    const std::uintmax_t size = fs::is_regular_file(path, stat) ? fs::file_size(path, stat) : 0;
    const std::int64_t mtime = mtime_ns(fs::last_write_time(path, stat));
    if (stat) continue;   // gone meanwhile
    auto was = seen_.find(name);
    const bool unchanged = was != seen_.end() && was->second.size == size && was->second.mtime_ns == mtime;
    if (options_.settle_s > 0 && (!unchanged || now - was->second.since < settle)) {
      still[name] = unchanged ? was->second : Seen{size, mtime, now};
      continue;
    }
    // A file that failed while young is tried again only once it changes
    // or has been quiet for the failure's wait: a writer that pauses longer
    // than settle_s leaves half a file, which must not end in failed/.
    const bool quiet = options_.settle_s == 0 || now - was->second.since >= fail_wait;
    if (!quiet && was->second.failed_young) {
      still[name] = was->second;
      continue;
    }
    std::optional<DropOutcome> o = take(name, size, mtime, quiet);
    if (!o) {   // failed while young, or written to while read
      const bool same = unchanged && fs::file_size(path, stat) == size && mtime_ns(fs::last_write_time(path, stat)) == mtime;
      still[name] = same ? Seen{size, mtime, was->second.since, true} : Seen{size, mtime, now};
      continue;
    }
    if (o->moved_to.empty()) still[name] = Seen{size, mtime, now};   // not moved: tried again after settling
    out.push_back(std::move(*o));
  }
  seen_ = std::move(still);
  return out;
}

std::optional<DropOutcome> DropFolder::take(const std::string& name, std::uintmax_t size_seen, std::int64_t mtime_seen,
                                            bool may_fail) {
  DropOutcome o;
  o.name = name;
  const fs::path path = fs::path(dir_) / name;
  auto move_to = [&](const char* sub, const std::string& target) {
    std::error_code ec;
    fs::rename(path, fs::path(dir_) / sub / target, ec);
    if (ec) {
      o.error += (o.error.empty() ? "" : "; ") + std::string("cannot move it to ") + sub + "/: " + ec.message();
      return;
    }
    o.moved_to = std::string(sub) + "/" + target;
  };
  // `message` names the file and the reason, as karta extract says it; the
  // .error.txt holds it and the error kind (karta/read.hpp) on a line of its own.
  auto fail = [&](ErrorKind kind, const std::string& message) -> std::optional<DropOutcome> {
    if (!may_fail) return std::nullopt;
    o.error = message;
    const std::string target = free_name(fs::path(dir_) / "failed", name);
    try {
      write_file_atomically(fs::path(dir_) / "failed" / (target + ".error.txt"),
                            [&](std::ostream& s) { s << message << "\nkind: " << error_kind_name(kind) << "\n"; });
    } catch (const OutputError& e) {
      o.error += std::string("; the reason cannot be written: ") + e.what();
      return o;   // left in DIR: a file never moves to failed/ without its reason
    }
    move_to("failed", target);
    return o;
  };

  std::error_code ec;
  if (fs::is_symlink(path, ec)) return fail(ErrorKind::unsupported_format, name + ": a symbolic link, not followed");
  if (!fs::is_regular_file(path, ec)) return fail(ErrorKind::unsupported_format, name + ": not a regular file");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (size > options_.read.max_file_bytes)
    return fail(ErrorKind::too_large, name + ": " + std::to_string(size) + " bytes, over the " +
                                          std::to_string(options_.read.max_file_bytes) + "-byte input limit (--max-file-mb)");
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad() || !in.is_open()) return fail(ErrorKind::io, name + ": cannot be read");
  // Bytes that changed under the read are not what settled: read again later.
  std::error_code restat;
  if (fs::file_size(path, restat) != size_seen || mtime_ns(fs::last_write_time(path, restat)) != mtime_seen || restat)
    return std::nullopt;
  if (bytes.empty()) return fail(ErrorKind::empty, name + ": the file is empty");
  const std::string sha = sha256_hex(bytes);
  try {
    if (const auto stored = store_.find(sha)) {
      o.id = stored->id;
      move_to("done", free_name(fs::path(dir_) / "done", name));
      return o;
    }
    FileExtraction f = extract_hashed_bytes(name, bytes, sha, rules_, options_.read);
    if (!f.ok()) return fail(f.error->kind(), f.error->what());
    const StoredDocument d = store_.add(name, bytes, sha, f.extraction);
    o.id = d.id;
    o.created = d.created;
  } catch (const StoreError& e) {
    o.error = std::string("not stored, left in place: ") + e.what();
    return o;
  }
  move_to("done", free_name(fs::path(dir_) / "done", name));
  return o;
}

}  // namespace karta
