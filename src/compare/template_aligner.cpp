#include "compare/template_aligner.hpp"

#include <algorithm>
#include <numeric>

namespace karta {
namespace {

std::vector<std::string> clauses(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// «Организация стажировок (в том числе на базе …)»: what the parentheses add
// is an example or a scope, which a region's measure need not repeat.
std::string without_parentheses(const std::string& text) {
  std::string out;
  int depth = 0;
  for (char ch : text) {
    if (ch == '(') ++depth;
    else if (ch == ')' && depth > 0) --depth;
    else if (depth == 0) out += ch;
  }
  return out;
}

}  // namespace

TemplateAligner::TemplateAligner(const MeasureTemplate& templ, const TokenStemmer& stemmer)
    : templ_(&templ), stemmer_(&stemmer) {
  for (const TemplateItem& item : templ.items) {
    item_tokens_.push_back(stemmer.tokens(item.title));
    item_core_tokens_.push_back(stemmer.tokens(without_parentheses(item.title)));
  }
  for (const TemplateDirection& d : templ.directions) direction_tokens_.push_back(stemmer.tokens(d.title));
  weights_ = TermWeights(item_tokens_);
}

int TemplateAligner::direction_of(const std::optional<std::string>& title) const {
  if (!title) return 0;
  const TokenSet tokens = stemmer_->tokens(*title);
  int best = 0;
  double best_score = templ_->thresholds.item;
  for (std::size_t i = 0; i < direction_tokens_.size(); ++i) {
    const double s = karta::similarity(tokens, direction_tokens_[i], weights_);
    if (s >= best_score) {
      best_score = s;
      best = templ_->directions[i].number;
    }
  }
  return best;
}

std::optional<TemplateAligner::Hit> TemplateAligner::best_item(const TokenSet& tokens, int direction) const {
  std::optional<Hit> best;
  for (std::size_t i = 0; i < item_tokens_.size(); ++i) {
    double s = score(tokens, i);
    if (direction != 0 && templ_->items[i].direction != direction) s *= templ_->thresholds.other_direction;
    if (s >= templ_->thresholds.item && (!best || s > best->score)) best = Hit{i, s};
  }
  return best;
}

std::vector<TemplateAligner::Hit> TemplateAligner::align(const std::string& title, int direction) const {
  std::vector<Hit> hits;
  if (auto whole = best_item(stemmer_->tokens(title), direction)) hits.push_back(*whole);
  const std::vector<std::string> parts = clauses(title);
  if (parts.size() < 2) return hits;
  for (const std::string& part : parts) {
    const TokenSet tokens = stemmer_->tokens(part);
    if (tokens.size() < 2) continue;
    auto hit = best_item(tokens, direction);
    if (!hit) continue;
    auto same = std::find_if(hits.begin(), hits.end(), [&](const Hit& h) { return h.item == hit->item; });
    if (same == hits.end()) hits.push_back(*hit);
    else same->score = std::max(same->score, hit->score);
  }
  return hits;
}

double TemplateAligner::score(const TokenSet& tokens, std::size_t item) const {
  const double beta = templ_->thresholds.recall_weight;
  return std::max(karta::similarity(tokens, item_tokens_[item], weights_, beta),
                  karta::similarity(tokens, item_core_tokens_[item], weights_, beta));
}

double TemplateAligner::item_score(const std::string& text, std::size_t item) const {
  return score(stemmer_->tokens(text), item);
}

const WeightedTokens& TemplateAligner::weighted_of(const std::string& text) const {
  auto it = token_cache_.find(text);
  if (it == token_cache_.end()) {
    WeightedTokens w = weigh(stemmer_->tokens(text), weights_);
    auto number = [this](const std::string& s) {
      return stem_numbers_.try_emplace(s, static_cast<std::uint32_t>(stem_numbers_.size())).first->second;
    };
    for (const std::string& t : w.tokens) {
      w.ids.push_back(number(t));
      w.heads.push_back(t.size() >= 10 ? number(t.substr(0, 10)) : kNoHead);
      w.id_bits |= std::uint64_t{1} << (w.ids.back() % 64);
      if (w.heads.back() != kNoHead) w.head_bits |= std::uint64_t{1} << (w.heads.back() % 64);
    }
    it = token_cache_.emplace(text, std::move(w)).first;
  }
  return it->second;
}

const std::vector<std::string>& TemplateAligner::tokens_of(const std::string& text) const {
  return weighted_of(text).tokens;
}

// similarity(a, b) = 2·S / (Wa + Wb), S the weight of a's stems found in b
// (precision S/Wa, recall S/Wb, beta 1). A pair reaching t has S ≥ t·Wa/2;
// the stems outside `needed` weigh less than that, so b must hold one of
// the needed ones. The margin keeps rounding from ever dropping a pair
// that would have scored t exactly.
PairingKeySet TemplateAligner::pairing_keys(const std::string& text, double threshold) const {
  const WeightedTokens& w = weighted_of(text);
  PairingKeySet keys;
  for (const std::string& t : w.tokens) keys.all.push_back(t.substr(0, 10));
  std::vector<std::size_t> heaviest(w.tokens.size());
  std::iota(heaviest.begin(), heaviest.end(), 0);
  std::stable_sort(heaviest.begin(), heaviest.end(), [&](std::size_t a, std::size_t b) { return w.weights[a] > w.weights[b]; });
  const double enough = threshold * w.total / 2 * (1 - 1e-9);
  double left = w.total;
  for (const std::size_t k : heaviest) {
    if (left < enough) break;
    keys.needed.push_back(keys.all[k]);
    left -= w.weights[k];
  }
  return keys;
}

double TemplateAligner::similarity(const std::string& a, const std::string& b) const {
  return karta::similarity(weighted_of(a), weighted_of(b));
}

}  // namespace karta
