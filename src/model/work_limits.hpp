// Limits on the work one document may cause, checked where the work is done
// (the XML stream, the text reader, table rows, the roadmap builder, the
// extractor) without passing options through every stage: a scope sets them
// for the current thread.
#pragma once

#include <chrono>
#include <string>

#include "karta/read.hpp"

namespace karta {

// The calling thread's limits, for threads doing part of its work: a
// WorkLimits made from them holds the same deadline and limits (the counts
// of paragraphs and cells start again in that thread).
struct CarriedLimits {
  bool active = false;
  std::string name;
  ReadOptions options;
  std::chrono::steady_clock::time_point deadline;
};
CarriedLimits carried_limits();

class WorkLimits {
 public:
  // Limits for `name` from now until the scope ends; scopes do not nest
  // (the inner one is ignored).
  WorkLimits(const std::string& name, const ReadOptions& options);
  // Another thread's limits (carried_limits()); none when it had none.
  explicit WorkLimits(const CarriedLimits& carried);
  ~WorkLimits();
  WorkLimits(const WorkLimits&) = delete;
  WorkLimits& operator=(const WorkLimits&) = delete;
};

// Throws ReadError(time_limit) naming the document and `stage` when the
// current document's budget is spent. Cheap: reads the clock every 256 calls.
void check_time_budget(const char* stage);

// Throws ReadError(too_large) when a table grows past its limits.
void check_table_size(std::size_t rows, std::size_t cells_in_row);

// Count what the reader adds to the document model; throw ReadError
// (too_large) past max_paragraphs or max_document_cells.
void count_paragraph();
void count_cells(std::size_t added);

}  // namespace karta
