// Extractions into other stores, for analysts who query rather than read:
//
//   karta::write_sqlite("karta.db", extractions);        // docs/sqlite.md
//   karta::write_measures_xlsx("measures.xlsx", extractions);
//
// Each file is written whole under a temporary name and renamed over the
// target, so a reader never sees half of one. Both throw OutputError
// (karta/output_error.hpp) when the target cannot be written.
#pragma once

#include <string>
#include <vector>

#include "karta/extraction.hpp"

namespace karta {

// One table per entity (documents, roadmaps, measures, mentions, entities,
// act_references, definitions, indicators, diagnostics) and the view
// measures_flat, shaped like measures.csv. Replaces the file at `path`.
void write_sqlite(const std::string& path, const std::vector<Extraction>& extractions);

// The measures of every extraction as one typed sheet: ids, numbers in the
// N п/п sense and deadline texts as text, period bounds as dates.
void write_measures_xlsx(const std::string& path, const std::vector<Extraction>& extractions);

}  // namespace karta
