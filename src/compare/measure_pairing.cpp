#include "compare/measure_pairing.hpp"
#include "model/work_limits.hpp"

#include <algorithm>
#include <numeric>
#include <set>
#include <tuple>

namespace karta {

std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const Similarity& similarity, double threshold) {
  const std::size_t n = measures.size();
  std::vector<std::tuple<double, std::size_t, std::size_t>> pairs;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      check_time_budget("pairing the regions' measures");
      if (measures[i].key == measures[j].key) continue;
      const double s = similarity(measures[i].title, measures[j].title);
      if (s >= threshold) pairs.emplace_back(s, i, j);
    }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });

  std::vector<std::size_t> row_of(n);
  std::iota(row_of.begin(), row_of.end(), 0);
  std::vector<std::set<std::string>> keys(n);
  std::vector<double> weakest(n, -1);   // -1: a lone measure so far
  auto lower = [](double x, double y) { return x < 0 ? y : y < 0 ? x : std::min(x, y); };
  for (std::size_t i = 0; i < n; ++i) keys[i].insert(measures[i].key);
  for (const auto& [score, i, j] : pairs) {
    const std::size_t a = row_of[i], b = row_of[j];
    if (a == b) continue;
    const bool clash = std::any_of(keys[b].begin(), keys[b].end(), [&](const std::string& k) { return keys[a].count(k); });
    if (clash) continue;
    const std::size_t keep = std::min(a, b), gone = std::max(a, b);
    for (std::size_t m = 0; m < n; ++m)
      if (row_of[m] == gone) row_of[m] = keep;
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
