// At most N extractions at once, at most M uploads waiting for one: the
// (M+1)-th waiting upload is turned away at once (503) rather than queued
// without bound while the machine is busy.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>

namespace karta {

class ExtractionGate {
 public:
  ExtractionGate(unsigned slots, unsigned waiting) : slots_(slots), waiting_limit_(waiting) {}

  class Pass {
   public:
    explicit Pass(ExtractionGate& gate) : gate_(&gate) {}
    Pass(Pass&& other) noexcept : gate_(other.gate_) { other.gate_ = nullptr; }
    Pass(const Pass&) = delete;
    ~Pass() {
      if (gate_) gate_->leave();
    }

   private:
    ExtractionGate* gate_;
  };

  // A pass once a slot is free; none when the queue is full.
  std::optional<Pass> enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (running_ >= slots_) {
      if (waiting_ >= waiting_limit_) return std::nullopt;
      ++waiting_;
      free_.wait(lock, [&] { return running_ < slots_; });
      --waiting_;
    }
    ++running_;
    return Pass(*this);
  }

 private:
  void leave() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --running_;
    }
    free_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable free_;
  unsigned slots_, waiting_limit_;
  unsigned running_ = 0, waiting_ = 0;
};

}  // namespace karta
