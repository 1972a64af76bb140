#include "compare/measure_pairing.hpp"
#include "model/work_limits.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace karta {

std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const Similarity& similarity, double threshold, const PairingKeys& keys_of) {
  return pair_measures(
      measures, [&](std::size_t i, std::size_t j) { return similarity(measures[i].title, measures[j].title); }, threshold,
      keys_of);
}

std::vector<MeasureRow> pair_measures(const std::vector<RegionMeasure>& measures,
                                      const IndexedSimilarity& similarity, double threshold, const PairingKeys& keys_of) {
  const std::size_t n = measures.size();
  if (n > std::numeric_limits<std::uint32_t>::max()) throw std::length_error("pair_measures: too many measures");
  // 16 bytes a pair: a dense item of 2,400 measures holds ~900,000 of them.
  struct Pair {
    double score;
    std::uint32_t i, j;
  };
  std::vector<Pair> pairs;
  // Regions by number: the same-region test runs for every candidate pair.
  std::vector<std::uint32_t> region(n);
  {
    std::unordered_map<std::string, std::uint32_t> numbers;
    for (std::size_t i = 0; i < n; ++i)
      region[i] = numbers.try_emplace(measures[i].key, static_cast<std::uint32_t>(numbers.size())).first->second;
  }
  auto consider = [&](std::size_t i, std::size_t j) {
    check_time_budget("pairing the regions' measures");
    if (region[i] == region[j]) return;
    const double s = similarity(i, j);
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
    // Each measure's later partners, each compared once as it is found
    // (marked with the measure's number), without holding every candidate
    // pair at once; the sort below puts them in the full loop's order.
    std::vector<std::uint32_t> seen_by(n, std::numeric_limits<std::uint32_t>::max());
    for (std::size_t i = 0; i < n; ++i)
      for (const std::string& key : needed[i]) {
        auto held = holders.find(key);
        if (held == holders.end()) continue;
        for (auto j = std::upper_bound(held->second.begin(), held->second.end(), i); j != held->second.end(); ++j)
          if (seen_by[*j] != i) {
            seen_by[*j] = static_cast<std::uint32_t>(i);
            consider(i, *j);
          }
      }
  } else {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = i + 1; j < n; ++j) consider(i, j);
  }
  // Most alike first; ties in the full loop's order (i, then j, ascending).
  // A positive double's bits order as the double does: two integer compares.
  auto order = [](const Pair& p) {
    std::uint64_t bits;
    const double score = p.score + 0.0;   // -0.0 as +0.0
    std::memcpy(&bits, &score, sizeof bits);
    return std::pair<std::uint64_t, std::uint64_t>(~bits, (std::uint64_t{p.i} << 32) | p.j);
  };
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) { return order(a) < order(b); });

  // Rows as a union-find forest: a row is its root, and the smaller row
  // (by regions) joins the larger, its regions looked up in and moved into
  // the larger's set — each measure moves O(log n) times however rows grow
  // (a dense item's rows used to be copied whole at each join).
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto row_of = [&](std::size_t m) {
    std::size_t r = m;
    while (parent[r] != r) r = parent[r];
    while (parent[m] != r) m = std::exchange(parent[m], r);
    return r;
  };
  std::vector<std::set<std::uint32_t>> keys(n);   // per row (its root): its regions
  std::vector<double> weakest(n, -1);   // -1: a lone measure so far
  auto lower = [](double x, double y) { return x < 0 ? y : y < 0 ? x : std::min(x, y); };
  for (std::size_t i = 0; i < n; ++i) keys[i].insert(region[i]);
  for (const auto& [score, i, j] : pairs) {
    const std::size_t a = row_of(i), b = row_of(j);
    if (a == b) continue;
    const std::size_t small = keys[a].size() <= keys[b].size() ? a : b, large = small == a ? b : a;
    const bool clash =
        std::any_of(keys[small].begin(), keys[small].end(), [&](std::uint32_t k) { return keys[large].count(k); });
    if (clash) continue;
    parent[small] = large;
    keys[large].insert(keys[small].begin(), keys[small].end());
    keys[small].clear();
    weakest[large] = lower(lower(weakest[large], weakest[small]), score);
  }
  std::vector<MeasureRow> rows;
  std::vector<long> index_of_row(n, -1);
  for (std::size_t m = 0; m < n; ++m) {
    const std::size_t r = row_of(m);
    if (index_of_row[r] < 0) {
      index_of_row[r] = static_cast<long>(rows.size());
      rows.push_back(MeasureRow{{}, std::max(0.0, weakest[r])});
    }
    rows[static_cast<std::size_t>(index_of_row[r])].measures[measures[m].key] = measures[m].measure_id;
  }
  return rows;
}

}  // namespace karta
