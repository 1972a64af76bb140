// How alike two measure wordings are: a weighted Dice coefficient of their
// stemmed tokens, 0 (nothing shared) … 1 (the same words). Words that most
// template items share (педагогических, работников) weigh little; words that
// single an item out (выгорания, стажировок) weigh much.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace karta {

using TokenSet = std::vector<std::string>;

class TermWeights {
 public:
  TermWeights() = default;
  // Inverse document frequency over `documents` (the template's items).
  explicit TermWeights(const std::vector<TokenSet>& documents);
  double weight(const std::string& token) const;

 private:
  // Hashed: similarity looks a weight up for every token of every pair (a
  // third of a 400-act comparison went to the ordered map's string compares).
  std::unordered_map<std::string, double> weights_;
  double unseen_ = 1;   // a word no item uses weighs as one that a single item uses
};

// F-measure of the weight `measure` shares with `item`: precision is the share
// of the measure's weight found in the item, recall the share of the item's
// weight found in the measure. beta > 1 favours recall: a measure that names
// what the item is about counts even when it says more (where, for whom).
double similarity(const TokenSet& measure, const TokenSet& item, const TermWeights& weights, double beta = 1);

// A wording's tokens with their weights looked up once, and their sum (in
// token order, as similarity adds them): comparing many pairs of the same
// wordings then costs no lookups. similarity() over two of them gives the
// very same number as over their tokens.
struct WeightedTokens {
  TokenSet tokens;
  std::vector<double> weights;
  double total = 0;
  // Optional, one per token (TemplateAligner fills them): the stem's number
  // and that of its first ten bytes (kNoHead when shorter), so that the
  // same-word test of a pair is two integer compares where it used to be a
  // string compare per pair of stems — the answers are the same.
  std::vector<std::uint32_t> ids, heads;
  // One bit (number mod 64) per stem and per head: a stem whose bits the
  // other wording lacks is in none of its stems, found without a scan.
  std::uint64_t id_bits = 0, head_bits = 0;
};
inline constexpr std::uint32_t kNoHead = 0xFFFFFFFFu;
WeightedTokens weigh(TokenSet tokens, const TermWeights& weights);
double similarity(const WeightedTokens& measure, const WeightedTokens& item, double beta = 1);

}  // namespace karta
