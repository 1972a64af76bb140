#include "serve/service_metrics.hpp"

#include <sstream>

namespace karta {

void ServiceMetrics::failed(const std::string& reason) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++failures_[reason];
}

void ServiceMetrics::request(double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++counts_[i];
  ++requests_;
  seconds_ += seconds;
}

std::string ServiceMetrics::text() const {
  std::ostringstream out;
  out << "# HELP karta_documents_stored_total Uploads stored as new documents.\n"
      << "# TYPE karta_documents_stored_total counter\nkarta_documents_stored_total " << stored_.load() << "\n"
      << "# HELP karta_documents_duplicate_total Uploads of a source stored already.\n"
      << "# TYPE karta_documents_duplicate_total counter\nkarta_documents_duplicate_total " << duplicates_.load() << "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  out << "# HELP karta_upload_failures_total Uploads refused, by reason.\n# TYPE karta_upload_failures_total counter\n";
  for (const auto& [reason, n] : failures_) out << "karta_upload_failures_total{reason=\"" << reason << "\"} " << n << "\n";
  out << "# HELP karta_request_duration_seconds Time to answer a request.\n"
      << "# TYPE karta_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    out << "karta_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << counts_[i] << "\n";
  out << "karta_request_duration_seconds_bucket{le=\"+Inf\"} " << requests_ << "\n"
      << "karta_request_duration_seconds_sum " << seconds_ << "\n"
      << "karta_request_duration_seconds_count " << requests_ << "\n";
  return out.str();
}

}  // namespace karta
