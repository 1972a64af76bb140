#include "extract/entity_registry.hpp"

#include <unicode/translit.h>

#include <memory>

#include "extract/bgn_romanization.hpp"
#include "karta/normalize.hpp"

namespace karta {

std::string slug(const std::string& text) {
  std::string ascii;
  if (auto fast = bgn_romanize(text)) {
    ascii = *fast;
  } else {
    // One per thread: a Transliterator keeps state while it works, and batch
    // runs extract on several threads.
    thread_local std::unique_ptr<icu::Transliterator> latin = [] {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Transliterator> t(
          icu::Transliterator::createInstance("Russian-Latin/BGN; Latin-ASCII; Lower", UTRANS_FORWARD, status));
      if (U_FAILURE(status)) t.reset();
      return t;
    }();
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    if (latin) latin->transliterate(u);
    u.toUTF8String(ascii);
  }
  std::string out;
  for (char c : ascii) {
    if (isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(tolower(static_cast<unsigned char>(c)));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.substr(0, 60);
}

EntityRegistry::EntityRegistry(const std::vector<Definition>& definitions) {
  for (const Definition& d : definitions) {
    if (!d.short_name) continue;
    full_by_short_[*d.short_name] = d.term;
    short_by_full_[match_form(d.term)] = *d.short_name;
  }
}

std::string EntityRegistry::kind_of(const std::string& mention, const MentionSplitter& splitter) const {
  // What the document says an abbreviation stands for outranks generic
  // patterns: «МО ЯО» defined as the regional ministry is no методическое объединение.
  if (auto full = full_by_short_.find(mention); full != full_by_short_.end()) {
    std::string kind = splitter.kind_nearest_the_end(full->second);
    if (kind != "other") return kind;
  }
  return splitter.kind_of(mention);
}

std::optional<std::string> EntityRegistry::resolve(const std::string& mention, const std::string& kind) {
  std::optional<std::string> short_name;
  std::string name = mention;
  if (auto it = full_by_short_.find(mention); it != full_by_short_.end()) {
    short_name = mention;
    name = it->second;
  } else if (auto it2 = short_by_full_.find(match_form(mention)); it2 != short_by_full_.end()) {
    short_name = it2->second;
  }
  const std::string key = short_name.value_or(match_form(name));
  if (auto it = index_.find(key); it != index_.end()) return entities_[it->second].id;
  Entity e;
  e.id = slug(short_name.value_or(name));
  if (e.id.empty()) return std::nullopt;
  for (const Entity& other : entities_)
    if (other.id == e.id) e.id += "-" + std::to_string(entities_.size() + 1);
  e.name = name;
  e.short_name = short_name;
  e.kind = kind;
  index_[key] = entities_.size();
  entities_.push_back(e);
  return e.id;
}

}  // namespace karta
