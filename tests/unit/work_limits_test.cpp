// A document's limits, carried into the threads that do part of its work
// (compare's pairing on both cores): the same deadline stops them, and a
// thread carrying no limits is held to none.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "model/work_limits.hpp"

namespace karta {
namespace {

// check_time_budget reads the clock every 256 calls.
bool stops(int calls) {
  try {
    for (int i = 0; i < calls; ++i) check_time_budget("testing");
  } catch (const ReadError& e) {
    return e.kind() == ErrorKind::time_limit;
  }
  return false;
}

TEST(WorkLimits, ACarriedDeadlineStopsTheHelperThreadToo) {
  ReadOptions options;
  options.time_budget_ms = 1;
  const WorkLimits limits("comparison", options);
  const CarriedLimits carried = carried_limits();
  ASSERT_TRUE(carried.active);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  bool helper_stopped = false, bare_stopped = true;
  std::thread([&] {
    const WorkLimits scope(carried);
    helper_stopped = stops(1024);
  }).join();
  std::thread([&] { bare_stopped = stops(1024); }).join();   // no limits carried
  EXPECT_TRUE(helper_stopped);
  EXPECT_FALSE(bare_stopped);
  EXPECT_TRUE(stops(1024));
}

TEST(WorkLimits, NoneCarriedWhenTheThreadHasNone) {
  EXPECT_FALSE(carried_limits().active);
  const WorkLimits scope(carried_limits());
  EXPECT_FALSE(stops(1024));
}

}  // namespace
}  // namespace karta
