// roadmap-extract/1 as JSON: keys in SCHEMA.md order, Cyrillic unescaped,
// the same bytes for the same input.
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>

#include "karta/extraction.hpp"

namespace karta {

// `one_line`: the whole object on one line (JSON Lines), else indented.
void write_extraction_json(std::ostream& out, const Extraction& extraction, bool one_line = false);

class ExtractionJsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads roadmap-extract/1 back, so that `karta compare` takes earlier runs'
// output. Every field the writer writes is read: writing what this returns
// gives the same bytes again. Throws ExtractionJsonError with the reason when
// `json` is not that schema.
Extraction parse_extraction_json(const std::string& json);

}  // namespace karta
