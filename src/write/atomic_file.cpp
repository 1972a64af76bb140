#include "write/atomic_file.hpp"

#include "karta/output_error.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace karta {
namespace {

const char* kTempMark = ".karta-tmp-";

}  // namespace

void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
  std::error_code ec;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) throw OutputError(target.parent_path().string(), ec.message());
  }
  const std::filesystem::path temp = target.string() + kTempMark + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) throw OutputError(target.string(), std::strerror(errno));
    write(out);
    out.flush();
    if (!out) {
      const std::string reason = std::strerror(errno);
      std::filesystem::remove(temp, ec);
      throw OutputError(target.string(), reason);
    }
  }
  // On disk before it takes the target's name: a crash after the rename
  // must not leave an empty or cut file under the real name.
  if (const int fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
    const bool synced = ::fsync(fd) == 0;
    const std::string reason = synced ? "" : std::strerror(errno);
    ::close(fd);
    if (!synced) {
      std::filesystem::remove(temp, ec);
      throw OutputError(target.string(), reason);
    }
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) throw OutputError(target.string(), ec.message());
}

// Exactly what write_file_atomically names: the mark, then the pid and
// nothing else. An input called "x.karta-tmp-1.docx" gets the output
// "x.karta-tmp-1.docx.json", which this never matches.
std::filesystem::path temporary_target(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  const std::size_t mark = name.rfind(kTempMark);
  if (mark == std::string::npos || mark == 0) return {};
  const std::string pid = name.substr(mark + std::strlen(kTempMark));
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return {};
  return file.parent_path() / name.substr(0, mark);
}

}  // namespace karta
