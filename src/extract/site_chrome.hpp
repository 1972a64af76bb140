// What a portal page carries around the act (DESIGN.md §2a): banners,
// status labels, search boxes and footers, which are dropped before the act
// is read, and amendment notes ("(в ред. приказа … от … № …)"), which stay
// in the text but are never its title; their acts are references with role
// amends. Both are recognised by rules/requisites.yaml (chrome,
// amendment_notes), one paragraph or line at a time.
#pragma once

#include <optional>
#include <vector>

#include "extract/requisites.hpp"
#include "karta/document.hpp"
#include "karta/rules.hpp"

namespace karta {

// The document without its chrome paragraphs, or nullopt when it has none
// (the common case costs no copy). Table cells are never touched: chrome
// lives around the act, not inside its tables.
std::optional<Document> strip_site_chrome(const Document& document, const RuleSet& rules);

// Sets TextLine::amendment_note on every line of an amendment note: the
// note's first line, the lines of its paragraph up to its closing
// parenthesis, and the acts Кодекс lists after "Документ с изменениями,
// внесенными:".
void mark_amendment_notes(std::vector<TextLine>& lines, const RuleSet& rules);

}  // namespace karta
