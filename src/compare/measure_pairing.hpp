// Regions' measures under one template item, side by side: each row holds at
// most one measure per region, joined by how alike their wordings are.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "karta/compare.hpp"

namespace karta {

struct RegionMeasure {
  std::string key;          // region key
  std::string measure_id;
  std::string title;
};

using Similarity = std::function<double(const std::string&, const std::string&)>;
// The same of measures[i] and measures[j], by their places in the list.
using IndexedSimilarity = std::function<double(std::size_t, std::size_t)>;
// What a wording offers for pairing (TemplateAligner::pairing_keys): all its
// keys, and those of them of which the other wording must hold one for the
// pair (this wording first) to reach the threshold — `needed` may be `all`.
struct PairingKeySet {
  std::vector<std::string> all;
  std::vector<std::string> needed;
};
using PairingKeys = std::function<PairingKeySet(const std::string&)>;

// Most alike pairs first; two rows join when no region is in both. Rows keep
// the order of their first measure in `measures`; a measure alike to none is
// a row of its own. With `keys` (and a threshold above 0) a pair is compared
// only when the second measure holds one of the first one's needed keys —
// the same rows, without trying every pair.
std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const Similarity& similarity, double threshold, const PairingKeys& keys = {});
std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const IndexedSimilarity& similarity, double threshold, const PairingKeys& keys = {});

}  // namespace karta
