// Two runs writing into one OUT would delete each other's temporary files
// and race on the manifest. A run holds OUT/.karta.lock (flock) for its
// whole life: exclusively when it is the only writer, shared when it is one
// shard of several — shards share OUT by design — plus its own shard's lock
// exclusively, so that the same shard started twice is refused too. The
// kernel drops the locks when the process dies, however it dies.
#pragma once

#include <string>

namespace karta {

// OUT/.karta.lock and OUT/.karta-shard-K-of-N.lock: a run's lock files,
// which stay in OUT (unlinking a lock file others may have opened would let
// two runs hold "the" lock) and are no input or output.
bool is_output_lock(const std::string& file_name);

class OutputLock {
 public:
  // Throws OutputError naming the lock file when another run holds it.
  OutputLock(const std::string& out_dir, int shard, int shards);
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int run_fd_ = -1;
  int shard_fd_ = -1;
};

}  // namespace karta
