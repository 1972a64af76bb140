// Measure titles as bags of stemmed words, for comparing wordings of one
// measure across regions: «Организация стажировок» and «организации
// стажировки» give the same tokens.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "karta/rules.hpp"

struct sb_stemmer;

namespace karta {

class TokenStemmer {
 public:
  // Stop words come from the rule group similarity.stopwords.
  explicit TokenStemmer(const RuleSet& rules);
  ~TokenStemmer();
  TokenStemmer(const TokenStemmer&) = delete;
  TokenStemmer& operator=(const TokenStemmer&) = delete;

  // Distinct stems of `text` in first-seen order. Abbreviations written apart
  // (`РС НМС`) are joined, so that they equal the solid form (`РСНМС`), and
  // are not stemmed.
  std::vector<std::string> tokens(const std::string& text) const;

 private:
  std::string stem(const std::string& lower_word) const;
  bool is_stopword(const std::string& lower_word) const;

  const std::vector<Rule>* stopwords_;
  sb_stemmer* stemmer_;
  mutable std::unordered_map<std::string, std::string> stems_;   // word → stem ("" = stop word)
};

}  // namespace karta
