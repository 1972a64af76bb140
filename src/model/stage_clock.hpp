// Where a run's time goes, for `karta extract --stats` and the benchmark:
// per-thread totals of exclusive time per pipeline stage (a stage entered
// inside another is taken off the outer one), and per rule group the time
// and count of pattern searches. Off unless enabled: then a scope costs one
// relaxed load, so the code can stay instrumented.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>

namespace karta {

enum class Stage : int { read, normalise, roadmap, fields, act, rules, write, count };

const char* stage_name(Stage stage);

struct RuleGroupTime {
  std::int64_t ns = 0;
  std::int64_t searches = 0;
};

struct StageTotals {
  std::array<std::int64_t, static_cast<int>(Stage::count)> ns{};
  std::map<std::string, RuleGroupTime> rule_groups;
  std::int64_t inputs = 0;
  std::int64_t bytes_in = 0;
  std::int64_t bytes_out = 0;
  void add(const StageTotals& other);
};

void enable_stage_clock();
bool stage_clock_enabled();

// This thread's totals folded into the run's (a worker does it as it ends),
// and the run's so far.
void merge_thread_stage_totals();
StageTotals run_stage_totals();
StageTotals& thread_stage_totals();

// Time from here to the end of the scope counts for `stage`, not for the
// stage around it. `group` (a rule group's name, alive as long as the rule
// set) also books a rules scope to that group.
class StageScope {
 public:
  explicit StageScope(Stage stage, const std::string* group = nullptr);
  ~StageScope();
  StageScope(const StageScope&) = delete;
  StageScope& operator=(const StageScope&) = delete;

 private:
  bool on_;
  Stage stage_;
  Stage outer_;
  const std::string* group_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace karta
