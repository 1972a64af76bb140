// The comparison's outputs (karta compare -o DIR writes all four):
//   comparison.json   roadmap-comparison/2, for machines (README: "comparison.json")
//   comparison.md     the same tables for reading in a repository or an editor
//   measures.csv      one row per measure of every region, all fields flat;
//                     UTF-8 with BOM and `;` between fields, as Excel in a
//                     Russian locale opens it
//   comparison.html   one self-contained page: cards, coverage matrix, charts
// Each writes the same bytes for the same comparison.
#pragma once

#include <ostream>

#include "karta/compare.hpp"

namespace karta {

void write_comparison_json(std::ostream& out, const Comparison& comparison);
void write_comparison_markdown(std::ostream& out, const Comparison& comparison);
void write_measures_csv(std::ostream& out, const Comparison& comparison);
void write_comparison_html(std::ostream& out, const Comparison& comparison);

}  // namespace karta
