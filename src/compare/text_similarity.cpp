#include "compare/text_similarity.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace karta {

TermWeights::TermWeights(const std::vector<TokenSet>& documents) {
  std::map<std::string, int> df;
  for (const TokenSet& d : documents)
    for (const std::string& t : d) ++df[t];
  const double n = static_cast<double>(documents.size());
  auto idf = [n](double count) { return std::log((n + 1) / (count + 0.5)); };
  for (const auto& [token, count] : df) weights_[token] = std::max(0.05, idf(count));
  unseen_ = std::max(0.05, idf(1));
}

double TermWeights::weight(const std::string& token) const {
  auto it = weights_.find(token);
  return it == weights_.end() ? unseen_ : it->second;
}

namespace {

// Snowball leaves a fleeting vowel in the stem: «стажировок» → стажировок but
// «стажировки» → стажировк. Stems that differ only in their last two letters
// after a common start of five or more are one word.
bool same_word(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::size_t longest = std::max(a.size(), b.size());
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  // Bytes: Cyrillic letters take two.
  return common >= 10 && common + 4 >= longest;
}

bool contains(const TokenSet& set, const std::string& token) {
  return std::any_of(set.begin(), set.end(), [&](const std::string& t) { return same_word(t, token); });
}

}  // namespace

double similarity(const TokenSet& measure, const TokenSet& item, const TermWeights& weights, double beta) {
  double in_measure = 0, in_item = 0, shared = 0;
  for (const std::string& t : measure) {
    const double w = weights.weight(t);
    in_measure += w;
    if (contains(item, t)) shared += w;
  }
  for (const std::string& t : item) in_item += weights.weight(t);
  if (shared == 0) return 0;
  const double precision = shared / in_measure, recall = shared / in_item, b2 = beta * beta;
  return (1 + b2) * precision * recall / (b2 * precision + recall);
}

WeightedTokens weigh(TokenSet tokens, const TermWeights& weights) {
  WeightedTokens out;
  out.tokens = std::move(tokens);
  for (const std::string& t : out.tokens) {
    out.weights.push_back(weights.weight(t));
    out.total += out.weights.back();
  }
  return out;
}

namespace {

// same_word needs ten common bytes, so two stems of different heads (or
// one shorter than ten bytes) are one word only when they are one stem.
bool contains(const WeightedTokens& set, const WeightedTokens& of, std::size_t k) {
  const std::uint32_t id = of.ids[k], head = of.heads[k];
  if (!(set.id_bits >> (id % 64) & 1) && (head == kNoHead || !(set.head_bits >> (head % 64) & 1))) return false;
  for (std::size_t u = 0; u < set.ids.size(); ++u) {
    if (set.ids[u] == id) return true;
    if (head != kNoHead && set.heads[u] == head && same_word(set.tokens[u], of.tokens[k])) return true;
  }
  return false;
}

}  // namespace

double similarity(const WeightedTokens& measure, const WeightedTokens& item, double beta) {
  double in_measure = 0, shared = 0;
  const bool numbered = measure.ids.size() == measure.tokens.size() && item.ids.size() == item.tokens.size();
  for (std::size_t k = 0; k < measure.tokens.size(); ++k) {
    in_measure += measure.weights[k];
    if (numbered ? contains(item, measure, k) : contains(item.tokens, measure.tokens[k])) shared += measure.weights[k];
  }
  if (shared == 0) return 0;
  const double precision = shared / in_measure, recall = shared / item.total, b2 = beta * beta;
  return (1 + b2) * precision * recall / (b2 * precision + recall);
}

}  // namespace karta
