// SIGINT and SIGTERM for the long-running commands (serve, watch): blocked
// in the calling thread, and so in every thread it starts afterwards, so
// that they reach wait() alone and no worker is interrupted mid-write.
#pragma once

#include <signal.h>

namespace karta::cli {

class StopSignals {
 public:
  StopSignals();   // construct before starting any thread
  // Blocks until SIGINT or SIGTERM arrives; returns its name.
  const char* wait() const;

 private:
  sigset_t set_;
};

}  // namespace karta::cli
