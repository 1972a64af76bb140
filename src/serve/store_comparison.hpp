// GET /v1/compare: `karta compare` over the stored acts in force (on a
// date, or their newest versions) of some regions (or all), in the order
// they were stored, written in one of the comparison's four forms.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "karta/compare.hpp"
#include "karta/read.hpp"
#include "karta/rules.hpp"
#include "karta/store.hpp"

namespace karta {

struct ComparisonBody {
  std::string bytes;
  std::string content_type;
};

// The formats accepted, as `format=` names them.
bool is_comparison_format(const std::string& format);

// None when no stored document is of `regions`. Throws ReadError(time_limit)
// past the budget in `limits`.
std::optional<ComparisonBody> compare_stored(const DocumentStore& store, const std::vector<std::string>& regions,
                                             const std::optional<std::string>& on, const std::string& format, const std::vector<MeasureTemplate>& templates,
                              const RuleSet& rules, const ReadOptions& limits);

}  // namespace karta
