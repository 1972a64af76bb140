// One roadmap table → Roadmap (see roadmap_builder.cpp).
#pragma once

#include <optional>
#include <set>
#include <string>

#include "extract/deadline_parser.hpp"
#include "extract/entity_registry.hpp"
#include "extract/mention_splitter.hpp"
#include "karta/document.hpp"
#include "karta/extraction.hpp"

namespace karta {

struct RoadmapContext {
  const RuleSet& rules;
  DeadlineParser deadlines;
  MentionSplitter splitter;
  EntityRegistry& entities;
  std::set<std::string> known_abbreviations;
  Diagnostics& diagnostics;
};

// Nullopt when the table's header names no measures with details.
std::optional<Roadmap> build_roadmap(const Table& table, int table_number, const std::optional<std::string>& title,
                                     RoadmapContext& ctx);

}  // namespace karta
