// list_inputs: arguments → leaf inputs with their output paths.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include <sys/stat.h>

#include "batch/archive_reader.hpp"
#include "karta/batch.hpp"

namespace karta {
namespace {

namespace fs = std::filesystem;

bool ends_with_zip(const std::string& name) {
  if (name.size() < 4) return false;
  std::string tail = name.substr(name.size() - 4);
  std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return std::tolower(c); });
  return tail == ".zip";
}

// Files that travel with documents but are not documents.
std::string skip_reason(const std::string& path) {
  if (path.find("__MACOSX/") != std::string::npos) return "macOS resource fork (__MACOSX)";
  const std::size_t slash = path.find_last_of("/\\");   // a member comes as its own path, never "archive!member"
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.rfind("~$", 0) == 0) return "Word lock file (~$…)";
  if (base.rfind("._", 0) == 0) return "macOS resource fork (._…)";
  if (base == ".DS_Store" || base == "Thumbs.db" || base == "desktop.ini") return "folder metadata file";
  if (!base.empty() && base[0] == '.') return "hidden file";
  return "";
}

// FNV-1a: the same on every machine and run, which shards and names rely on.
std::uint64_t stable_hash(const std::string& s) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string hash_hex(const std::string& s) {
  const std::uint64_t h = stable_hash(s);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08llx", static_cast<unsigned long long>(h & 0xffffffffull));
  return buf;
}

// A member name made safe; when that changed it ("../x", "a\\b", control
// characters), a hash of the name as written keeps it apart from a member
// whose name was already that — whichever shard lists it.
std::string member_path(const std::string& name) {
  const std::string safe = safe_relative_path(name);
  return safe == name ? safe : safe + "~" + hash_hex(name);
}

// Why a directory entry is no document to open, or "": a named pipe, a
// socket or a device (opening one blocks or never ends), a dangling link, a
// link to a directory (not followed, so no loop can form) or to a file
// outside the directory given.
std::string not_a_document_file(const fs::directory_entry& entry, const fs::path& root) {
  std::error_code ec;
  const fs::file_status own = entry.symlink_status(ec);
  if (fs::is_symlink(own)) {
    const fs::file_status target = fs::status(entry.path(), ec);
    if (ec || !fs::exists(target)) return "dangling symbolic link";
    if (fs::is_directory(target)) return "symbolic link to a directory (not followed)";
    const fs::path real = fs::canonical(entry.path(), ec);
    if (ec) return "symbolic link that cannot be resolved: " + ec.message();
    const auto [end, _] = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    if (end != root.end()) return "symbolic link leaving the input directory (to " + real.string() + ")";
    if (!fs::is_regular_file(target)) return "symbolic link to a special file";
    return "";
  }
  if (fs::is_fifo(own)) return "named pipe (FIFO), not opened";
  if (fs::is_socket(own)) return "socket, not opened";
  if (fs::is_block_file(own) || fs::is_character_file(own)) return "device file, not opened";
  if (!fs::is_regular_file(own)) return "not a regular file";
  return "";
}

class Lister {
 public:
  explicit Lister(const BatchOptions& options) : options_(options) {
    if (!options.out_dir.empty()) {
      std::error_code ec;
      out_ = fs::weakly_canonical(options.out_dir, ec);
    }
  }

  void argument(const std::string& arg) {
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      Walk walk{fs::path(arg), fs::weakly_canonical(arg, ec), {}, {}, {}};
      walk_directory(walk, walk.top);
      std::sort(walk.files.begin(), walk.files.end(),
                [](const Found& x, const Found& y) { return x.path < y.path; });
      for (const Found& f : walk.files) {
        const std::string rel = safe_relative_path(f.path.lexically_relative(walk.top).string());
        // Never opened: a FIFO would block the run, a device read forever.
        if (!f.skip.empty() || !f.fail.empty()) {
          BatchInput in{f.path.string(), "", f.path.string(), {}, f.skip, ""};
          in.fail = f.fail;
          add(std::move(in), rel);
        } else {
          file(f.path.string(), rel);
        }
      }
      return;
    }
    // Standard input, /dev/stdin, <(…): read once, as one document; a pipe
    // cannot be opened twice to look for archive members first.
    if (arg == "-") return add(BatchInput{arg, "", arg, {}, "", ""}, "stdin");
    if (!fs::is_regular_file(arg, ec) && fs::exists(arg, ec))
      return add(BatchInput{arg, "", arg, {}, "", ""}, safe_relative_path(fs::path(arg).filename().string()));
    file(arg, safe_relative_path(fs::path(arg).filename().string()));
  }

  std::vector<BatchInput> take() { return settle(); }

 private:
  struct Found {
    fs::path path;
    std::string skip, fail;   // why it is skipped or fails unread; both "" convert it
  };
  struct Walk {
    fs::path top;                                  // as given
    fs::path root;                                 // canonical: what "inside" means
    std::vector<std::pair<dev_t, ino_t>> open;     // the directories from the top down to here
    std::set<std::pair<dev_t, ino_t>> walked;      // every directory listed once, however reached
    std::vector<Found> files;
  };

  static std::optional<std::pair<dev_t, ino_t>> identity(const fs::path& p) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return std::nullopt;
    return std::make_pair(st.st_dev, st.st_ino);
  }

  // The directory's entries, depth first. A directory that cannot be listed
  // is a failed line, not a silent gap; with --follow-symlinks a link back
  // to a directory being walked is a loop (failed), one to a directory
  // walked already is skipped, so no file is listed twice.
  void walk_directory(Walk& w, const fs::path& dir) {
    const auto id = identity(dir);
    if (id) {
      w.open.push_back(*id);
      w.walked.insert(*id);
    }
    // Sorted, so that which of two links to one directory is walked (and
    // so every output path) does not depend on the file system's order.
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      entries.push_back(*it);
    if (ec) w.files.push_back({dir, "", "cannot list the directory: " + ec.message()});
    std::sort(entries.begin(), entries.end());
    for (const fs::directory_entry& entry : entries) {
      std::error_code own_ec;
      const bool link = entry.is_symlink(own_ec);
      // OUT inside an input directory holds this tool's own output, not inputs.
      if (entry.is_directory(own_ec) && !out_.empty()) {
        std::error_code canon_ec;
        if (fs::weakly_canonical(entry.path(), canon_ec) == out_) continue;
      }
      if (!link && entry.is_directory(own_ec)) {
        walk_directory(w, entry.path());
        continue;
      }
      if (link && options_.follow_symlinks) {
        std::error_code target_ec;
        const fs::file_status target = fs::status(entry.path(), target_ec);
        if (!target_ec && fs::is_directory(target)) {
          const auto target_id = identity(entry.path());
          if (target_id && std::find(w.open.begin(), w.open.end(), *target_id) != w.open.end()) {
            w.files.push_back({entry.path(), "", "symbolic link loop: it leads back to a directory being walked (" +
                                                     fs::canonical(entry.path(), target_ec).string() + ")"});
          } else if (target_id && w.walked.count(*target_id)) {
            w.files.push_back({entry.path(), "symbolic link to a directory listed already (" +
                                                 fs::canonical(entry.path(), target_ec).string() + ")", ""});
          } else {
            walk_directory(w, entry.path());
          }
          continue;
        }
        if (!target_ec && fs::is_regular_file(target)) {
          w.files.push_back({entry.path(), "", ""});   // followed, wherever it leads
          continue;
        }
        if (!target_ec && fs::exists(target)) {
          w.files.push_back({entry.path(), std::string("symbolic link to a ") +
                                               (fs::is_fifo(target) ? "named pipe" : fs::is_socket(target) ? "socket"
                                                : "device file") + ", not opened", ""});
          continue;
        }
      }
      w.files.push_back({entry.path(), not_a_document_file(entry, w.root), ""});
    }
    if (id) w.open.pop_back();
  }

  void file(const std::string& path, const std::string& rel) {
    BatchInput in{path, "", path, {}, skip_reason(path), ""};
    if (!in.skip.empty()) return add(std::move(in), rel);
    const std::unique_ptr<zip::Package> archive = open_archive_file(path, options_.read);
    if (!archive) return add(std::move(in), rel);
    for (const ArchiveMember& m : archive_members(*archive)) {
      BatchInput member{path + "!" + m.display, "", path, {m.name}, skip_reason(m.display), ""};
      const std::string member_rel = rel + "/" + member_path(m.display);
      if (member.skip.empty() && m.symlink) member.skip = "symbolic link";
      if (member.skip.empty() && ends_with_zip(m.display) && nested(*archive, member, member_rel)) continue;
      add(std::move(member), member_rel);
    }
  }

  // An archive inside an archive: listed member by member (one level only).
  bool nested(const zip::Package& outer, const BatchInput& parent, const std::string& rel) {
    std::string bytes;
    std::unique_ptr<zip::Package> archive;
    try {
      bytes = outer.read(parent.members[0]);
      archive = open_archive_bytes(bytes, parent.path, options_.read);
    } catch (const ReadError&) {
      return false;   // read as a document, it fails with the reason
    }
    if (!archive) return false;
    for (const ArchiveMember& m : archive_members(*archive)) {
      BatchInput in{parent.path + "!" + m.display, "", parent.file, {parent.members[0], m.name}, skip_reason(m.display), ""};
      if (in.skip.empty() && m.symlink) in.skip = "symbolic link";
      add(std::move(in), rel + "/" + member_path(m.display));
    }
    return true;
  }

  void add(BatchInput in, const std::string& rel) {
    listed_.push_back({std::move(in), rel});
  }

  // Output paths are settled over the whole listing, before the shard is
  // taken, so that every shard and every run over the same arguments gives
  // an input the same output: its relative path, or — when two inputs share
  // it (y2023/prikaz1.docx and y2024/prikaz1.docx given as two directories) —
  // that path marked with a hash of the input's own full path, for both.
  std::vector<BatchInput> settle() {
    std::map<std::string, int> claims;
    for (const auto& [in, rel] : listed_) ++claims[rel];
    std::set<std::string> outputs;
    std::vector<BatchInput> out;
    for (auto& [in, rel] : listed_) {
      std::string output = claims[rel] > 1 ? rel + "~" + hash_hex(in.path) + ".json" : rel + ".json";
      // Only a hash collision or a name that already ends in "~hash" gets here.
      for (int n = 2; !outputs.insert(output).second; ++n) output = rel + "~" + hash_hex(in.path) + "-" + std::to_string(n) + ".json";
      in.output = output;
      if (in_shard(in.path, options_.shard, options_.shards)) out.push_back(std::move(in));
    }
    return out;
  }

  const BatchOptions& options_;
  fs::path out_;
  std::vector<std::pair<BatchInput, std::string>> listed_;   // every input and its relative path, all shards
};

}  // namespace

bool in_shard(const std::string& path, int shard, int shards) {
  if (shards <= 1) return true;
  return static_cast<int>(stable_hash(path) % static_cast<std::uint64_t>(shards)) == shard - 1;
}

std::vector<BatchInput> list_inputs(const std::vector<std::string>& arguments, const BatchOptions& options) {
  Lister lister(options);
  for (const std::string& a : arguments) lister.argument(a);
  return lister.take();
}

}  // namespace karta
