// Which template item a region's measure implements.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "compare/stemmed_tokens.hpp"
#include "compare/measure_pairing.hpp"
#include "compare/text_similarity.hpp"
#include "karta/compare.hpp"

namespace karta {

class TemplateAligner {
 public:
  TemplateAligner(const MeasureTemplate& templ, const TokenStemmer& stemmer);

  // The template direction whose title a roadmap direction's title is; 0 when none.
  int direction_of(const std::optional<std::string>& title) const;

  struct Hit {
    std::size_t item;   // index into the template's items
    double score;
  };
  // The items `title` implements, best first: the best item for the whole
  // text, then any other item that one of its `;` clauses implements (one
  // system measure may merge two template items). Items of another direction
  // than `direction` (0: unknown) score less. Empty: region-specific.
  std::vector<Hit> align(const std::string& title, int direction) const;

  // Similarity of two measures' wordings, for pairing regions' measures.
  double similarity(const std::string& a, const std::string& b) const;
  // A wording's weighted stems, made once (the address stays valid while
  // the aligner lives): pairing looks each measure's up once, not per pair.
  const WeightedTokens& weighted(const std::string& text) const { return weighted_of(text); }
  // Keys two wordings must share to be alike at all: each stem's first ten
  // bytes (five Cyrillic letters), or the whole of a shorter one — as
  // similarity's same-word test needs. `needed`: the keys of the heaviest
  // stems, taken until what is left weighs under threshold/2 of the whole:
  // a wording that holds none of them shares at most that little of this
  // one's weight, so the pair (this one first) stays under `threshold`.
  PairingKeySet pairing_keys(const std::string& text, double threshold) const;
  // How well `text` matches one item, whatever its direction.
  double item_score(const std::string& text, std::size_t item) const;

  const MeasureTemplate& templ() const { return *templ_; }

 private:
  std::optional<Hit> best_item(const TokenSet& tokens, int direction) const;
  double score(const TokenSet& tokens, std::size_t item) const;

  const MeasureTemplate* templ_;
  const TokenStemmer* stemmer_;
  TermWeights weights_;
  std::vector<TokenSet> item_tokens_;
  std::vector<TokenSet> item_core_tokens_;   // without what the title says in parentheses
  std::vector<TokenSet> direction_tokens_;
  // Each wording stemmed once: pairing compares every measure of an item
  // with every other, and stemming was most of its time. Not for sharing
  // between threads (compare runs on one).
  const std::vector<std::string>& tokens_of(const std::string& text) const;
  const WeightedTokens& weighted_of(const std::string& text) const;
  mutable std::unordered_map<std::string, WeightedTokens> token_cache_;
  mutable std::unordered_map<std::string, std::uint32_t> stem_numbers_;   // stems and ten-byte heads, numbered
};

}  // namespace karta
