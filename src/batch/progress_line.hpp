// The one-line progress report a batch run redraws on a terminal's stderr.
#pragma once

#include <cstdint>
#include <string>

namespace karta {

struct Progress {
  std::size_t done = 0, total = 0, failed = 0;
  std::uint64_t bytes = 0;   // input bytes converted so far
  double seconds = 0;        // since the run started
};

// "  120/2000 files · 48.1 files/s · 3.2 MB/s · ETA 0:39 · 2 failed"
std::string progress_text(const Progress& p);

}  // namespace karta
