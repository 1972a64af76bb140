// The abbreviations an act defines ("(далее – ДОН ТО)"), which mentions
// resolve through. The requisites block (date, number, authority,
// references) is the requisites extractor's.
#pragma once

#include <string>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

// Every "(далее – X)" in paragraphs and table cells: short → definition.
std::vector<Definition> find_definitions(const Document& document, const RuleSet& rules);

}  // namespace karta
