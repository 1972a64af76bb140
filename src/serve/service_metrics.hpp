// What /metrics reports, in Prometheus' text format: documents stored,
// uploads that failed by reason, and request latency as a histogram.
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

namespace karta {

class ServiceMetrics {
 public:
  void stored() { ++stored_; }
  void duplicate() { ++duplicates_; }
  void failed(const std::string& reason);
  void request(double seconds);
  std::string text() const;

 private:
  static constexpr std::array<double, 10> kBuckets = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
  std::atomic<long> stored_{0}, duplicates_{0};
  mutable std::mutex mutex_;
  std::map<std::string, long> failures_;
  std::array<long, kBuckets.size()> counts_{};
  long requests_ = 0;
  double seconds_ = 0;
};

}  // namespace karta
