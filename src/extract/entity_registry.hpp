// Organisations the roadmap names, each listed once. A mention resolves to
// an entity by its text, or through an abbreviation the document defines
// (short ↔ full name); the id is a transliterated slug of the short form.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "extract/mention_splitter.hpp"
#include "karta/extraction.hpp"

namespace karta {

class EntityRegistry {
 public:
  explicit EntityRegistry(const std::vector<Definition>& definitions);
  std::string kind_of(const std::string& mention, const MentionSplitter& splitter) const;
  std::optional<std::string> resolve(const std::string& mention, const std::string& kind);
  const std::vector<Entity>& entities() const { return entities_; }

 private:
  std::map<std::string, std::string> full_by_short_, short_by_full_;
  std::map<std::string, std::size_t> index_;   // key (short or name) → entities_
  std::vector<Entity> entities_;
};

std::string slug(const std::string& text);

}  // namespace karta
