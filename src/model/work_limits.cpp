#include "model/work_limits.hpp"

namespace karta {
namespace {

using Clock = std::chrono::steady_clock;

struct Current {
  bool active = false;
  std::string name;
  ReadOptions options;
  Clock::time_point deadline;
  unsigned calls = 0;
  std::size_t paragraphs = 0, cells = 0;
};

thread_local Current current;
thread_local int depth = 0;

}  // namespace

WorkLimits::WorkLimits(const std::string& name, const ReadOptions& options) {
  if (depth++ > 0) return;
  current.active = true;
  current.name = name;
  current.options = options;
  current.calls = 0;
  current.paragraphs = current.cells = 0;
  current.deadline = options.time_budget_ms ? Clock::now() + std::chrono::milliseconds(options.time_budget_ms)
                                            : Clock::time_point::max();
}

WorkLimits::WorkLimits(const CarriedLimits& carried) {
  if (depth++ > 0 || !carried.active) return;
  current.active = true;
  current.name = carried.name;
  current.options = carried.options;
  current.calls = 0;
  current.paragraphs = current.cells = 0;
  current.deadline = carried.deadline;
}

CarriedLimits carried_limits() {
  if (!current.active) return {};
  return CarriedLimits{true, current.name, current.options, current.deadline};
}

WorkLimits::~WorkLimits() {
  if (--depth == 0) current.active = false;
}

void check_time_budget(const char* stage) {
  if (!current.active || ++current.calls % 256 != 0 || current.options.time_budget_ms == 0) return;
  if (Clock::now() > current.deadline)
    throw ReadError(ErrorKind::time_limit, current.name,
                    "stopped after its budget of " + std::to_string(current.options.time_budget_ms) +
                        " ms" + (current.name == "comparison" ? "" : " per document") + ", while " + stage);
}

void check_table_size(std::size_t rows, std::size_t cells_in_row) {
  if (!current.active) return;
  if (rows > current.options.max_table_rows)
    throw ReadError(ErrorKind::too_large, current.name,
                    "a table with more than " + std::to_string(current.options.max_table_rows) + " rows (the limit)");
  if (cells_in_row > current.options.max_row_cells)
    throw ReadError(ErrorKind::too_large, current.name,
                    "a table row with more than " + std::to_string(current.options.max_row_cells) + " cells (the limit)");
}

void count_paragraph() {
  if (!current.active || ++current.paragraphs <= current.options.max_paragraphs) return;
  throw ReadError(ErrorKind::too_large, current.name,
                  "more than " + std::to_string(current.options.max_paragraphs) + " paragraphs (the limit)");
}

void count_cells(std::size_t added) {
  if (!current.active || (current.cells += added) <= current.options.max_document_cells) return;
  throw ReadError(ErrorKind::too_large, current.name,
                  "more than " + std::to_string(current.options.max_document_cells) +
                      " table cells in all (the limit)");
}

}  // namespace karta
