#include "compare/stemmed_tokens.hpp"

#include <libstemmer.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <stdexcept>

#include "karta/normalize.hpp"

namespace karta {
namespace {

struct Word {
  std::string text;
  bool abbreviation = false;   // two or more letters, all capitals
  bool joined_to_previous = false;   // only spaces between it and the word before
};

std::vector<Word> words_of(const std::string& text) {
  std::vector<Word> words;
  const std::string s = cased_match_form(text);
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  int32_t i = 0;
  bool only_spaces_since_word = false;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !u_isalnum(c)) {
      only_spaces_since_word = only_spaces_since_word && c == ' ';
      continue;
    }
    Word w;
    w.joined_to_previous = only_spaces_since_word;
    int letters = 0, capitals = 0;
    auto count = [&](UChar32 d) {
      if (!u_isalpha(d)) return;
      ++letters;
      if (u_isupper(d)) ++capitals;
    };
    count(c);
    int32_t end = i;
    while (end < n) {
      int32_t next = end;
      UChar32 d;
      U8_NEXT(p, next, n, d);
      if (d < 0 || !u_isalnum(d)) break;
      count(d);
      end = next;
    }
    i = end;
    w.text.assign(s, static_cast<std::size_t>(start), static_cast<std::size_t>(end - start));
    w.abbreviation = letters >= 2 && capitals == letters;
    words.push_back(std::move(w));
    only_spaces_since_word = true;
  }
  return words;
}

std::string lower(const std::string& word) {
  std::string out;
  icu::UnicodeString::fromUTF8(word).toLower(icu::Locale("ru")).toUTF8String(out);
  return out;
}

}  // namespace

TokenStemmer::TokenStemmer(const RuleSet& rules)
    : stopwords_(&rules.group("similarity.stopwords")), stemmer_(sb_stemmer_new("russian", "UTF_8")) {
  if (!stemmer_) throw std::runtime_error("libstemmer: no Russian stemmer");
}

TokenStemmer::~TokenStemmer() { sb_stemmer_delete(stemmer_); }

bool TokenStemmer::is_stopword(const std::string& word) const {
  return std::any_of(stopwords_->begin(), stopwords_->end(),
                     [&](const Rule& r) { return r.search_normalised(word); });
}

std::string TokenStemmer::stem(const std::string& word) const {
  auto it = stems_.find(word);
  if (it != stems_.end()) return it->second;
  std::string out;
  if (!is_stopword(word)) {
    const sb_symbol* s = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                         static_cast<int>(word.size()));
    out = s ? std::string(reinterpret_cast<const char*>(s), static_cast<std::size_t>(sb_stemmer_length(stemmer_)))
            : word;
  }
  stems_.emplace(word, out);
  return out;
}

std::vector<std::string> TokenStemmer::tokens(const std::string& text) const {
  std::vector<Word> words = words_of(text);
  std::vector<std::string> out;
  auto add = [&](std::string token) {
    if (!token.empty() && std::find(out.begin(), out.end(), token) == out.end()) out.push_back(std::move(token));
  };
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].abbreviation) {
      std::string joined = words[i].text;
      while (i + 1 < words.size() && words[i + 1].abbreviation && words[i + 1].joined_to_previous)
        joined += words[++i].text;
      add(lower(joined));
      continue;
    }
    add(stem(lower(words[i].text)));
  }
  return out;
}

}  // namespace karta
