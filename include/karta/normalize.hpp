// Text normalisation for matching (DESIGN.md §4). Output of the pipeline keeps
// the document's own text; these forms are only what rules see.
#pragma once

#include <string>
#include <string_view>

namespace karta {

// NFC; NBSP and other spaces → ' ', runs folded, ends trimmed; dashes → '-';
// typographic quotes kept; soft hyphens removed.
std::string clean_text(std::string_view text);

// clean_text, then lower case and ё → е: what case-insensitive rules match.
std::string match_form(std::string_view text);

// clean_text with ё → е but case kept: what case-sensitive rules (abbreviations) match.
std::string cased_match_form(std::string_view text);

}  // namespace karta
