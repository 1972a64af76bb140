#include "batch/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "karta/output_error.hpp"

namespace karta {
namespace {

int take(const std::string& path, int how, const std::string& held_by) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw OutputError(path, std::strerror(errno));
  if (::flock(fd, how | LOCK_NB) != 0) {
    const int err = errno;
    ::close(fd);
    if (err == EWOULDBLOCK) throw OutputError(path, held_by);
    throw OutputError(path, std::strerror(err));
  }
  return fd;
}

}  // namespace

bool is_output_lock(const std::string& name) {
  return name == ".karta.lock" ||
         (name.rfind(".karta-shard-", 0) == 0 && name.size() > 18 && name.compare(name.size() - 5, 5, ".lock") == 0);
}

OutputLock::OutputLock(const std::string& out_dir, int shard, int shards) {
  const std::string run = out_dir + "/.karta.lock";
  if (shards <= 1) {
    run_fd_ = take(run, LOCK_EX, "another karta run is writing into this directory; wait for it or choose another -o");
    return;
  }
  run_fd_ = take(run, LOCK_SH, "a karta run without --shard is writing into this directory; wait for it");
  try {
    shard_fd_ = take(out_dir + "/.karta-shard-" + std::to_string(shard) + "-of-" + std::to_string(shards) + ".lock",
                     LOCK_EX, "this shard is already being run into this directory");
  } catch (...) {
    ::close(run_fd_);
    throw;
  }
}

OutputLock::~OutputLock() {
  if (shard_fd_ >= 0) ::close(shard_fd_);
  if (run_fd_ >= 0) ::close(run_fd_);
}

}  // namespace karta
