#include "model/stage_clock.hpp"

#include <atomic>
#include <mutex>

namespace karta {
namespace {

std::atomic<bool> enabled{false};
std::mutex run_mutex;
StageTotals run_totals;

// The stage the thread is in, and when it entered it or came back to it.
struct ThreadClock {
  StageTotals totals;
  Stage current = Stage::count;   // outside any stage
  std::chrono::steady_clock::time_point since;
};

ThreadClock& clock() {
  thread_local ThreadClock c;
  return c;
}

std::int64_t elapsed_ns(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(to - from).count();
}

}  // namespace

const char* stage_name(Stage stage) {
  switch (stage) {
    case Stage::read: return "read";
    case Stage::normalise: return "normalise";
    case Stage::roadmap: return "roadmap";
    case Stage::fields: return "fields";
    case Stage::act: return "requisites";
    case Stage::rules: return "rules";
    case Stage::write: return "write";
    case Stage::count: break;
  }
  return "?";
}

void StageTotals::add(const StageTotals& other) {
  for (std::size_t i = 0; i < ns.size(); ++i) ns[i] += other.ns[i];
  for (const auto& [group, t] : other.rule_groups) {
    rule_groups[group].ns += t.ns;
    rule_groups[group].searches += t.searches;
  }
  inputs += other.inputs;
  bytes_in += other.bytes_in;
  bytes_out += other.bytes_out;
}

void enable_stage_clock() { enabled.store(true, std::memory_order_relaxed); }
bool stage_clock_enabled() { return enabled.load(std::memory_order_relaxed); }

StageTotals& thread_stage_totals() { return clock().totals; }

void merge_thread_stage_totals() {
  if (!stage_clock_enabled()) return;
  std::lock_guard<std::mutex> lock(run_mutex);
  run_totals.add(clock().totals);
  clock().totals = {};
}

StageTotals run_stage_totals() {
  std::lock_guard<std::mutex> lock(run_mutex);
  return run_totals;
}

StageScope::StageScope(Stage stage, const std::string* group)
    : on_(stage_clock_enabled()), stage_(stage), outer_(Stage::count), group_(group) {
  if (!on_) return;
  ThreadClock& c = clock();
  start_ = std::chrono::steady_clock::now();
  if (c.current != Stage::count) c.totals.ns[static_cast<std::size_t>(c.current)] += elapsed_ns(c.since, start_);
  outer_ = c.current;
  c.current = stage_;
  c.since = start_;
}

StageScope::~StageScope() {
  if (!on_) return;
  ThreadClock& c = clock();
  const auto now = std::chrono::steady_clock::now();
  c.totals.ns[static_cast<std::size_t>(stage_)] += elapsed_ns(c.since, now);
  if (group_) {
    RuleGroupTime& g = c.totals.rule_groups[*group_];
    g.ns += elapsed_ns(start_, now);
    ++g.searches;
  }
  c.current = outer_;
  c.since = now;
}

}  // namespace karta
