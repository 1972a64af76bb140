// What the act says about itself that extraction needs now: the abbreviations
// it defines ("(далее – ДОН ТО)") and its kind. The full requisites block
// (date, number, authority, references) is the requisites extractor's.
#pragma once

#include <map>
#include <string>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

// Every "(далее – X)" in paragraphs and table cells: short → definition.
std::vector<Definition> find_definitions(const Document& document, const RuleSet& rules);

}  // namespace karta
