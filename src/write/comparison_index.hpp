// Lookups the comparison's writers share: a region's measures in document
// order, a measure by its reference, and the template items it implements.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "karta/compare.hpp"

namespace karta {

struct LocatedMeasure {
  int roadmap = 1;
  std::string ref;   // measure id, "2/1.1.1" in a document's second roadmap
  const Direction* direction = nullptr;
  const SystemMeasure* system_measure = nullptr;
  const Measure* measure = nullptr;
};

class ComparisonIndex {
 public:
  explicit ComparisonIndex(const Comparison& comparison);

  const std::vector<LocatedMeasure>& measures_of(const std::string& key) const;
  const LocatedMeasure* find(const std::string& key, const std::string& ref) const;
  // Template items the measure's system measure (or the measure) implements, with scores.
  const std::vector<std::pair<std::string, double>>& items_of(const std::string& key, const std::string& ref) const;
  int due_measures(const std::string& key) const;          // measures with at least one due quarter

 private:
  std::map<std::string, std::vector<LocatedMeasure>> measures_;
  std::map<std::pair<std::string, std::string>, std::vector<std::pair<std::string, double>>> items_;
};

// "0.91": scores and shares, fixed to two decimals so outputs do not drift.
std::string two_decimals(double v);

}  // namespace karta
