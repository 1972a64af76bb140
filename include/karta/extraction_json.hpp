// roadmap-extract/1 as JSON: keys in SCHEMA.md order, Cyrillic unescaped,
// the same bytes for the same input.
#pragma once

#include <ostream>

#include "karta/extraction.hpp"

namespace karta {

void write_extraction_json(std::ostream& out, const Extraction& extraction);

}  // namespace karta
