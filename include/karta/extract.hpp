// Extraction: document model → roadmap-extract/1 (karta/extraction.hpp).
//
//   karta::RuleSet rules = karta::RuleSet::load(karta::RuleSet::default_dir());
//   karta::Extraction x = karta::extract(read_result.document, rules);
#pragma once

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

Extraction extract(const Document& document, const RuleSet& rules);

}  // namespace karta
