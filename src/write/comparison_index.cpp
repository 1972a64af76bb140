#include "write/comparison_index.hpp"

#include <cmath>
#include <cstdio>

#include "extract/due_quarters.hpp"

namespace karta {

ComparisonIndex::ComparisonIndex(const Comparison& c) {
  for (const std::string& key : c.keys) {
    const ComparedDocument* d = c.document(key);
    auto& list = measures_[key];
    int r = 0;
    for (const Roadmap& roadmap : d->extraction.roadmaps) {
      ++r;
      for (const Direction& dir : roadmap.directions)
        for (const SystemMeasure& sm : dir.system_measures)
          for (const Measure& m : sm.measures)
            list.push_back({r, measure_ref(r, m.id), &dir, &sm, &m});
    }
  }
  for (const ComparisonItem& item : c.items) {
    if (!item.item) continue;
    for (const auto& [key, units] : item.by_region)
      for (const AlignedUnit& u : units)
        for (const std::string& ref : u.measures) items_[{key, ref}].push_back({item.item->id, u.score});
  }
}

const std::vector<LocatedMeasure>& ComparisonIndex::measures_of(const std::string& key) const {
  static const std::vector<LocatedMeasure> none;
  auto it = measures_.find(key);
  return it == measures_.end() ? none : it->second;
}

const LocatedMeasure* ComparisonIndex::find(const std::string& key, const std::string& ref) const {
  for (const LocatedMeasure& m : measures_of(key))
    if (m.ref == ref) return &m;
  return nullptr;
}

const std::vector<std::pair<std::string, double>>& ComparisonIndex::items_of(const std::string& key,
                                                                            const std::string& ref) const {
  static const std::vector<std::pair<std::string, double>> none;
  auto it = items_.find({key, ref});
  return it == items_.end() ? none : it->second;
}

int ComparisonIndex::due_measures(const std::string& key) const {
  int n = 0;
  for (const LocatedMeasure& m : measures_of(key))
    if (!due_quarters(m.measure->deadline).empty()) ++n;
  return n;
}

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::round(v * 100) / 100);
  return buf;
}

}  // namespace karta
