// Every measure of an extraction with where it sits (roadmap, direction,
// system measure), in document order: what the flat exports iterate.
#pragma once

#include <cstddef>

#include "karta/extraction.hpp"

namespace karta {

struct PlacedMeasure {
  std::size_t roadmap = 0;            // 0-based among the document's roadmaps
  std::size_t position = 0;           // 0-based among the roadmap's measures
  const Direction* direction = nullptr;
  const SystemMeasure* system_measure = nullptr;
  const Measure* measure = nullptr;
};

template <typename F>
void for_each_measure(const Roadmap& roadmap, std::size_t roadmap_index, F visit) {
  std::size_t position = 0;
  for (const Direction& d : roadmap.directions)
    for (const SystemMeasure& s : d.system_measures)
      for (const Measure& m : s.measures) visit(PlacedMeasure{roadmap_index, position++, &d, &s, &m});
}

template <typename F>
void for_each_measure(const Extraction& x, F visit) {
  for (std::size_t r = 0; r < x.roadmaps.size(); ++r) for_each_measure(x.roadmaps[r], r, visit);
}

}  // namespace karta
