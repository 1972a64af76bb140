#include "cli/stop_signals.hpp"

#include <pthread.h>

namespace karta::cli {

StopSignals::StopSignals() {
  sigemptyset(&set_);
  sigaddset(&set_, SIGINT);
  sigaddset(&set_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set_, nullptr);
}

const char* StopSignals::wait() const {
  int signal = 0;
  sigwait(&set_, &signal);
  return signal == SIGTERM ? "SIGTERM" : "SIGINT";
}

}  // namespace karta::cli
