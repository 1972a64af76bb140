// What the closed vocabularies of SCHEMA.md are called in the Russian reports.
#pragma once

#include <string>

namespace karta {

std::string entity_kind_label(const std::string& kind);     // "development_institute" → "Институты развития образования"
std::string deadline_kind_label(const std::string& kind);   // "recurring" → "Регулярно"
std::string level_label(const std::string& level);          // "organisation" → "уровень образовательной организации"

}  // namespace karta
