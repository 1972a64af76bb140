#include "compare/measure_pairing.hpp"
#include "model/work_limits.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

namespace karta {

std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const Similarity& similarity, double threshold, const PairingKeys& keys_of) {
  const std::size_t n = measures.size();
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  auto consider = [&](std::size_t i, std::size_t j) {
    check_time_budget("pairing the regions' measures");
    if (measures[i].key == measures[j].key) return;
    const double s = similarity(measures[i].title, measures[j].title);
    if (s >= threshold) pairs.emplace_back(s, i, j);
  };
  if (keys_of && threshold > 0) {
    // The candidates, in the order the full loop would meet them, so that
    // ties sort the same.
    std::unordered_map<std::string, std::vector<std::size_t>> holders;
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::string> k = keys_of(measures[i].title);
      std::sort(k.begin(), k.end());
      k.erase(std::unique(k.begin(), k.end()), k.end());
      for (std::string& key : k) holders[std::move(key)].push_back(i);
    }
    std::vector<std::pair<std::size_t, std::size_t>> candidates;
    for (const auto& [key, held] : holders)
      for (std::size_t a = 0; a < held.size(); ++a)
        for (std::size_t b = a + 1; b < held.size(); ++b) candidates.emplace_back(held[a], held[b]);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (const auto& [i, j] : candidates) consider(i, j);
  } else {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) consider(i, j);
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });

  std::vector<std::size_t> row_of(n);
  std::iota(row_of.begin(), row_of.end(), 0);
  std::vector<std::set<std::string>> keys(n);
  std::vector<double> weakest(n, -1);   // -1: a lone measure so far
  auto lower = [](double x, double y) { return x < 0 ? y : y < 0 ? x : std::min(x, y); };
  std::vector<std::vector<std::size_t>> members(n);   // per row: its measures
  for (std::size_t i = 0; i < n; ++i) {
    keys[i].insert(measures[i].key);
    members[i] = {i};
  }
  for (const auto& [score, i, j] : pairs) {
    const std::size_t a = row_of[i], b = row_of[j];
    if (a == b) continue;
    const bool clash = std::any_of(keys[b].begin(), keys[b].end(), [&](const std::string& k) { return keys[a].count(k); });
    if (clash) continue;
    const std::size_t keep = std::min(a, b), gone = std::max(a, b);
    for (std::size_t m : members[gone]) row_of[m] = keep;
    members[keep].insert(members[keep].end(), members[gone].begin(), members[gone].end());
    members[gone].clear();
    keys[keep].insert(keys[gone].begin(), keys[gone].end());
    weakest[keep] = lower(lower(weakest[keep], weakest[gone]), score);
  }
  std::vector<MeasureRow> rows;
  std::vector<long> index_of_row(n, -1);
  for (std::size_t m = 0; m < n; ++m) {
    const std::size_t r = row_of[m];
    if (index_of_row[r] < 0) {
      index_of_row[r] = static_cast<long>(rows.size());
      rows.push_back(MeasureRow{{}, std::max(0.0, weakest[r])});
    }
    rows[static_cast<std::size_t>(index_of_row[r])].measures[measures[m].key] = measures[m].measure_id;
  }
  return rows;
}

}  // namespace karta
