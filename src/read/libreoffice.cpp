#include "read/libreoffice.hpp"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "karta/extract.hpp"
#include "read/format_sniffer.hpp"

extern char** environ;

namespace karta::libreoffice {
namespace {

namespace fs = std::filesystem;

// A private directory under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/karta-lo-XXXXXX";
    if (!mkdtemp(pattern.data())) throw std::runtime_error(std::string("cannot create a temporary directory: ") + std::strerror(errno));
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string release() { return std::exchange(path_, std::string()); }

 private:
  std::string path_;
};

struct RunResult {
  bool started = false;
  bool timed_out = false;
  int status = 0;
  std::string log;   // what the program wrote (its last lines)
};

std::string tail(const std::string& log) {
  std::string t = log.size() > 400 ? log.substr(log.size() - 400) : log;
  while (!t.empty() && (t.back() == '\n' || t.back() == ' ')) t.pop_back();
  for (char& c : t)
    if (c == '\n') c = ' ';
  return t;
}

// Runs `args` (args[0] the program) in its own process group with `home` as
// HOME, an address-space cap and no network namespace where one can be
// made; kills the group at `timeout_ms`.
RunResult run(const std::vector<std::string>& args, const std::string& home, std::uint64_t timeout_ms,
              std::uint64_t memory_bytes) {
  RunResult r;
  const std::string log_path = home + "/soffice.log";
  // Everything the child needs is built before fork: after it, a threaded
  // process may only make async-signal-safe calls.
  std::vector<std::string> env_strings;
  for (char** e = environ; *e; ++e)
    if (std::strncmp(*e, "HOME=", 5) != 0) env_strings.emplace_back(*e);
  env_strings.push_back("HOME=" + home);
  env_strings.push_back("SAL_USE_VCLPLUGIN=svp");
  std::vector<char*> envp, argv;
  for (std::string& s : env_strings) envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> args_copy = args;
  for (std::string& s : args_copy) argv.push_back(s.data());
  argv.push_back(nullptr);
  const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const pid_t pid = fork();
  if (pid < 0) {
    if (log_fd >= 0) ::close(log_fd);
    return r;
  }
  if (pid == 0) {
    setpgid(0, 0);
    unshare(CLONE_NEWNET);   // no network at all where permitted; otherwise as it is
    if (memory_bytes > 0) {
      struct rlimit limit = {memory_bytes, memory_bytes};
      setrlimit(RLIMIT_AS, &limit);
    }
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, 0);
    if (log_fd >= 0) {
      dup2(log_fd, 1);
      dup2(log_fd, 2);
    }
    if (chdir(home.c_str()) != 0) _exit(126);
    execvpe(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (log_fd >= 0) ::close(log_fd);
  r.started = true;
  setpgid(pid, pid);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      r.status = status;
      break;
    }
    if (done < 0 && errno != EINTR) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      r.timed_out = true;
      kill(-pid, SIGKILL);
      waitpid(pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // Whatever the program started in its group goes with it.
  kill(-pid, SIGKILL);
  std::ifstream in(log_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  r.log = ss.str();
  return r;
}

std::vector<std::string> convert_args(const std::string& program, const std::string& home,
                                      const std::vector<std::string>& inputs) {
  std::vector<std::string> a = {program, "-env:UserInstallation=file://" + home + "/profile", "--headless",
                                "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                                "--convert-to", "docx:MS Word 2007 XML", "--outdir", home + "/out"};
  a.insert(a.end(), inputs.begin(), inputs.end());
  return a;
}

bool needs_libreoffice(InputKind kind) { return kind == InputKind::ole2 || kind == InputKind::wordperfect; }

std::string extension_for(std::string_view bytes) {
  return sniff_input(bytes) == InputKind::wordperfect ? ".wpd" : ".doc";
}

// "00042": the batch's inputs under names that cannot collide.
std::string numbered(std::size_t i) {
  std::string n = std::to_string(i);
  return std::string(n.size() < 5 ? 5 - n.size() : 0, '0') + n;
}

// The DOCX LibreOffice wrote, under the input's limits and name.
std::string converted_docx(const std::string& path, const std::string& name, const ReadOptions& options) {
  std::string docx;
  if (auto error = load_file(path, options, docx))
    throw ReadError(error->kind(), name, "the DOCX LibreOffice made of it: " + error->reason());
  return docx;
}

// Converted files of live batches, by the sha256 of their bytes.
struct Converted {
  std::string docx_path;   // "" when LibreOffice could not convert it
  std::string error;
  const void* owner = nullptr;
};
std::mutex registry_mutex;
std::map<std::string, Converted>& registry() {
  static std::map<std::string, Converted> r;
  return r;
}

std::string not_installed(const std::string& what) {
  return what + ": reading it needs LibreOffice, which is not installed (Debian package libreoffice-writer-nogui; "
                "or set KARTA_SOFFICE), or save the file as DOCX";
}

std::string failure(const RunResult& r, std::uint64_t timeout_ms) {
  if (!r.started) return "LibreOffice could not be started";
  if (r.timed_out) return "LibreOffice did not finish within " + std::to_string(timeout_ms / 1000) + " s and was stopped";
  if (WIFSIGNALED(r.status)) return "LibreOffice was killed by signal " + std::to_string(WTERMSIG(r.status)) +
                                    (tail(r.log).empty() ? "" : ": " + tail(r.log));
  return "LibreOffice could not convert it" + (tail(r.log).empty() ? "" : ": " + tail(r.log));
}

}  // namespace

std::string executable() {
  if (const char* forced = std::getenv("KARTA_SOFFICE"); forced && *forced) return forced;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"soffice", "libreoffice"}) {
      const std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

std::string version() {
  static std::once_flag once;
  static std::string text;
  std::call_once(once, [] {
    const std::string program = executable();
    if (program.empty()) return;
    try {
      TempDir home;
      RunResult r = run({program, "--version"}, home.path(), 30000, 0);
      if (r.started && !r.timed_out && WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0) {
        text = r.log.substr(0, r.log.find('\n'));
      }
    } catch (const std::exception&) {
    }
  });
  return text;
}

std::string convert_to_docx(std::string_view bytes, const std::string& name, const ReadOptions& options) {
  const std::string what = sniff_input(bytes) == InputKind::wordperfect ? "a WordPerfect document"
                                                                         : "a legacy Word 97-2003 (OLE2) file";
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    auto it = registry().find(sha256_hex(bytes));
    if (it != registry().end()) {
      if (it->second.docx_path.empty()) throw ReadError(ErrorKind::unsupported_format, name, what + ": " + it->second.error);
      return converted_docx(it->second.docx_path, name, options);
    }
  }
  const std::string program = executable();
  if (program.empty()) throw ReadError(ErrorKind::unsupported_format, name, not_installed(what));
  TempDir home;
  const std::string input = home.path() + "/document" + extension_for(bytes);
  {
    std::ofstream out(input, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw ReadError(ErrorKind::io, name, "cannot write a temporary copy for LibreOffice: " + input);
  }
  const RunResult r =
      run(convert_args(program, home.path(), {input}), home.path(), options.libreoffice_timeout_ms, options.libreoffice_memory_bytes);
  const std::string docx = home.path() + "/out/document.docx";
  std::error_code ec;
  if (r.timed_out || !fs::exists(docx, ec))
    throw ReadError(r.timed_out ? ErrorKind::time_limit : ErrorKind::unsupported_format, name,
                    what + ": " + failure(r, options.libreoffice_timeout_ms));
  return converted_docx(docx, name, options);
}

BatchConversion::BatchConversion(const std::vector<std::string>& paths, const ReadOptions& options) {
  // Which inputs LibreOffice must read: a look at each file's first bytes,
  // then the whole of those few.
  std::vector<std::pair<std::string, std::string>> todo;   // (sha256, path)
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) continue;   // a pipe read here would be empty when its turn comes
    std::ifstream in(path, std::ios::binary);
    char head[8] = {};
    if (!in.read(head, sizeof head)) continue;
    const InputKind kind = sniff_input(std::string_view(head, sizeof head));
    if (!needs_libreoffice(kind)) continue;
    std::string bytes;
    if (load_file(path, options, bytes) || !needs_libreoffice(sniff_input(bytes))) continue;
    todo.emplace_back(sha256_hex(bytes), path);
  }
  const std::string program = executable();
  if (todo.size() < 2 || program.empty()) return;   // one file gains nothing from sharing a run
  TempDir home;
  std::vector<std::string> inputs;
  fs::create_directories(home.path() + "/in");
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const std::string link = home.path() + "/in/" + numbered(i) + ".doc";
    std::error_code ec;
    fs::create_symlink(fs::absolute(todo[i].second, ec), link, ec);
    if (ec) return;
    inputs.push_back(link);
  }
  // A shared run gets the per-file limit plus a little per file.
  const std::uint64_t timeout = options.libreoffice_timeout_ms + 10000ull * (todo.size() - 1);
  const RunResult r = run(convert_args(program, home.path(), inputs), home.path(), timeout, options.libreoffice_memory_bytes);
  std::lock_guard<std::mutex> lock(registry_mutex);
  for (std::size_t i = 0; i < todo.size(); ++i) {
    const std::string docx = home.path() + "/out/" + numbered(i) + ".docx";
    std::error_code ec;
    if (fs::exists(docx, ec)) {
      registry()[todo[i].first] = {docx, "", this};
      ++converted_;
    } else if (!r.timed_out && r.started && WIFEXITED(r.status)) {
      // LibreOffice went through the list and could not load this one.
      registry()[todo[i].first] = {"", failure(r, timeout), this};
    }
    // Killed part-way: the rest are converted one by one as they are read.
  }
  dir_ = home.release();
}

BatchConversion::~BatchConversion() {
  {
    std::lock_guard<std::mutex> lock(registry_mutex);
    for (auto it = registry().begin(); it != registry().end();)
      it = it->second.owner == this ? registry().erase(it) : std::next(it);
  }
  if (!dir_.empty()) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

}  // namespace karta::libreoffice
