#include "compare/measure_pairing.hpp"
#include "model/work_limits.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

namespace karta {

std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const Similarity& similarity, double threshold, const PairingKeys& keys_of) {
  const std::size_t n = measures.size();
  if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("pair_measures: too many measures");
  // 16 bytes a pair: a dense item of 2,400 measures holds ~900,000 of them.
  struct Pair {
    double score;
    std::uint32_t i, j;
  };
  std::vector<Pair> pairs;
  auto consider = [&](std::size_t i, std::size_t j) {
    check_time_budget("pairing the regions' measures");
    if (measures[i].key == measures[j].key) return;
    const double s = similarity(measures[i].title, measures[j].title);
    if (s >= threshold) pairs.push_back({s, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)});
  };
  if (keys_of && threshold > 0) {
    // The candidates, in the order the full loop would meet them, so that
    // ties sort the same.
    auto unique = [](std::vector<std::string>& k) {
      std::sort(k.begin(), k.end());
      k.erase(std::unique(k.begin(), k.end()), k.end());
    };
    std::vector<std::vector<std::string>> needed(n);
    std::unordered_map<std::string, std::vector<std::size_t>> holders;   // key → measures holding it, ascending
    for (std::size_t i = 0; i < n; ++i) {
      PairingKeySet k = keys_of(measures[i].title);
      unique(k.all);
      unique(k.needed);
      for (std::string& key : k.all) holders[std::move(key)].push_back(i);
      needed[i] = std::move(k.needed);
    }
    // Each measure's partners, ascending, compared as they are found: the
    // order of the full loop, without holding every candidate pair at once.
    std::vector<std::size_t> partners;
    for (std::size_t i = 0; i < n; ++i) {
      partners.clear();
      for (const std::string& key : needed[i]) {
        auto held = holders.find(key);
        if (held == holders.end()) continue;
        partners.insert(partners.end(), std::upper_bound(held->second.begin(), held->second.end(), i),
                        held->second.end());
      }
      std::sort(partners.begin(), partners.end());
      partners.erase(std::unique(partners.begin(), partners.end()), partners.end());
      for (const std::size_t j : partners) consider(i, j);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) consider(i, j);
  }
  std::stable_sort(pairs.begin(), pairs.end(),
                   [](const Pair& a, const Pair& b) { return a.score > b.score; });

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
