#include "rules/rule_cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "model/loadable_module.hpp"
#include "rules/rule_contract.hpp"

namespace karta {
namespace {

constexpr const char kMagic[] = "karta rule cache 1\n";
constexpr std::size_t kKeptEntries = 8;

std::uint64_t fnv(const std::string& data, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  return h;
}

std::string hex(std::uint64_t v) {
  std::ostringstream out;
  out << std::hex << v;
  return out.str();
}

// The build that checks the rules: the contract and the letter-class
// narrowing are code, so an entry made by another build of karta (even of
// the same version, in a developer's tree) must not be read. The file
// holding this code, by size and modification time, stands for the build.
std::string build_identity() {
  struct stat st{};
  std::ostringstream out;
  out << KARTA_VERSION << '|' << KARTA_RE2_VERSION;
  if (const std::filesystem::path code = code_file(); !code.empty() && ::stat(code.c_str(), &st) == 0)
    out << '|' << code.string() << '|' << st.st_size << '|' << st.st_mtim.tv_sec << '.' << st.st_mtim.tv_nsec;
  for (const GroupContract& c : group_contracts()) {
    out << '|' << c.name << (c.required ? '!' : '?') << (c.labels ? "L" : "");
    for (const std::string& v : c.captures) out << ",c" << v;
    for (const std::string& v : c.values) out << ",v" << v;
  }
  return out.str();
}

class Writer {
 public:
  void u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  void text(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    out_ += s;
  }
  void examples(const std::vector<RuleExample>& list) {
    u32(static_cast<std::uint32_t>(list.size()));
    for (const RuleExample& e : list) {
      text(e.text);
      text(e.value);
      u32(static_cast<std::uint32_t>(e.line));
    }
  }
  const std::string& bytes() const { return out_; }

 private:
  std::string out_;
};

// Every read is bounds-checked: a short or damaged entry sets failed() and
// yields empty values, and the caller drops the entry.
class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}
  std::uint32_t u32() {
    if (in_.size() - at_ < 4) return fail();
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in_[at_ + i])) << (8 * i);
    at_ += 4;
    return v;
  }
  std::string text() {
    const std::uint32_t n = u32();
    if (failed_ || in_.size() - at_ < n) return fail(), std::string();
    std::string s = in_.substr(at_, n);
    at_ += n;
    return s;
  }
  // A count of records, each at least `least` bytes: a damaged count
  // cannot make the reader reserve gigabytes.
  std::uint32_t count(std::size_t least) {
    const std::uint32_t n = u32();
    if (!failed_ && n > (in_.size() - at_) / least) return fail();
    return n;
  }
  std::vector<RuleExample> examples() {
    std::vector<RuleExample> out(count(12));
    for (RuleExample& e : out) {
      e.text = text();
      e.value = text();
      e.line = static_cast<int>(u32());
    }
    return out;
  }
  bool failed() const { return failed_; }
  bool at_end() const { return at_ == in_.size(); }

 private:
  std::uint32_t fail() {
    failed_ = true;
    at_ = in_.size();
    return 0;
  }
  const std::string& in_;
  std::size_t at_ = 0;
  bool failed_ = false;
};

std::string encode(const CachedRules& rules) {
  Writer w;
  w.u32(static_cast<std::uint32_t>(rules.example_stems.size()));
  for (const std::string& s : rules.example_stems) w.text(s);
  w.u32(static_cast<std::uint32_t>(rules.groups.size()));
  for (const auto& [name, list] : rules.groups) {
    w.text(name);
    w.u32(static_cast<std::uint32_t>(list.size()));
    for (const Rule& r : list) {
      w.text(r.id);
      w.text(r.value);
      w.text(r.name);
      w.text(r.file);
      w.text(r.group);
      w.u32(static_cast<std::uint32_t>(r.line));
      w.u32(r.case_sensitive ? 1 : 0);
      w.examples(r.match);
      w.examples(r.no_match);
      w.u32(static_cast<std::uint32_t>(r.needs.size()));
      for (const std::string& n : r.needs) w.text(n);
      w.u32(static_cast<std::uint32_t>(r.patterns.size()));
      for (const RulePattern& p : r.patterns) w.text(p.source());
    }
  }
  return w.bytes();
}

std::optional<CachedRules> decode(const std::string& body) {
  Reader in(body);
  CachedRules out;
  out.example_stems.resize(in.count(4));
  for (std::string& s : out.example_stems) s = in.text();
  for (std::uint32_t g = in.count(8); g > 0 && !in.failed(); --g) {
    const std::string name = in.text();
    std::vector<Rule>& list = out.groups[name];
    list.resize(in.count(48));
    for (Rule& r : list) {
      r.id = in.text();
      r.value = in.text();
      r.name = in.text();
      r.file = in.text();
      r.group = in.text();
      r.line = static_cast<int>(in.u32());
      r.case_sensitive = in.u32() != 0;
      r.match = in.examples();
      r.no_match = in.examples();
      r.needs.resize(in.count(4));
      for (std::string& n : r.needs) n = in.text();
      for (std::uint32_t p = in.count(4); p > 0 && !in.failed(); --p) r.patterns.emplace_back(in.text(), r.case_sensitive);
    }
  }
  if (in.failed() || !in.at_end()) return std::nullopt;
  return out;
}

std::filesystem::path entry(const std::filesystem::path& dir, const std::string& key) {
  return dir / ("rules-" + key + ".bin");
}

void prune(const std::filesystem::path& dir, const std::filesystem::path& kept) {
  std::error_code ec;
  std::vector<std::pair<std::filesystem::file_time_type, std::filesystem::path>> entries;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("rules-", 0) != 0 || e.path() == kept) continue;
    std::error_code tec;
    entries.emplace_back(std::filesystem::last_write_time(e.path(), tec), e.path());
  }
  if (entries.size() < kKeptEntries) return;
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = kKeptEntries - 1; i < entries.size(); ++i) std::filesystem::remove(entries[i].second, ec);
}

}  // namespace

std::filesystem::path rule_cache_dir() {
  if (const char* dir = std::getenv("KARTA_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return std::string(dir) == "off" ? std::filesystem::path() : std::filesystem::path(dir);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg == '/')
    return std::filesystem::path(xdg) / "karta";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
    return std::filesystem::path(home) / ".cache" / "karta";
  return {};
}

std::string rule_cache_key(const std::string& version, const std::string& dir) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(dir, ec);
  static const std::string build = build_identity();
  return version + "-" + hex(fnv(build, fnv(ec ? dir : absolute.lexically_normal().string())));
}

std::optional<CachedRules> read_rule_cache(const std::filesystem::path& cache_dir, const std::string& key) {
  if (cache_dir.empty()) return std::nullopt;
  std::ifstream in(entry(cache_dir, key), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream all;
  all << in.rdbuf();
  const std::string bytes = all.str();
  // magic, key line, body, then the body's hash as 16 hex digits.
  const std::string head = kMagic + key + "\n";
  if (bytes.size() < head.size() + 16 || bytes.compare(0, head.size(), head) != 0) return std::nullopt;
  const std::string body = bytes.substr(head.size(), bytes.size() - head.size() - 16);
  std::string sum = hex(fnv(body));
  sum.insert(0, 16 - sum.size(), '0');
  if (bytes.compare(bytes.size() - 16, 16, sum) != 0) return std::nullopt;
  return decode(body);
}

void write_rule_cache(const std::filesystem::path& cache_dir, const std::string& key, const CachedRules& rules) {
  if (cache_dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(cache_dir, ec);
  const std::string body = encode(rules);
  std::string sum = hex(fnv(body));
  sum.insert(0, 16 - sum.size(), '0');
  const std::filesystem::path target = entry(cache_dir, key);
  const std::filesystem::path temporary =
      target.string() + ".tmp-" + std::to_string(::getpid()) + "-" + hex(reinterpret_cast<std::uintptr_t>(&rules));
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << kMagic << key << "\n" << body << sum;
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(temporary, ec);
      return;
    }
  }
  std::filesystem::rename(temporary, target, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return;
  }
  prune(cache_dir, target);
}

}  // namespace karta
