#include "batch/progress_line.hpp"

#include <cstdio>

namespace karta {

std::string progress_text(const Progress& p) {
  char buf[160];
  const double rate = p.seconds > 0 ? p.done / p.seconds : 0;
  const double mb = p.seconds > 0 ? p.bytes / p.seconds / 1e6 : 0;
  std::string eta = "–";
  if (rate > 0 && p.done < p.total) {
    const long left = static_cast<long>((p.total - p.done) / rate + 0.5);
    std::snprintf(buf, sizeof buf, "%ld:%02ld", left / 60, left % 60);
    eta = buf;
  } else if (p.done == p.total) {
    eta = "0:00";
  }
  std::snprintf(buf, sizeof buf, "%zu/%zu files · %.1f files/s · %.1f MB/s · ETA %s · %zu failed", p.done, p.total,
                rate, mb, eta.c_str(), p.failed);
  return buf;
}

}  // namespace karta
