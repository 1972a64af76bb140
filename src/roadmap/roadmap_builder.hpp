// One roadmap table → Roadmap (see roadmap_builder.cpp). This stage finds
// the structure (header roles, rows, sections, continuation rows) and reads
// each measure's detail cells; the extraction stage makes the fields of
// them (mentions, deadline, result) through MeasureDetails, so that the
// pipeline flows one way: roadmap/ never includes extract/.
#pragma once

#include <optional>
#include <string>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

// A measure's detail cells as the table gives them, a row a page break
// split already joined; `context_year` is the year row above (0: none).
struct DetailCells {
  std::string responsible, executors, deadline, result;
  int context_year = 0;
};

// Fills a measure's responsible, executors, deadline and result from its
// cells (extract/measure_fields.hpp). Called again with more text when a
// continuation row follows.
class MeasureDetails {
 public:
  virtual ~MeasureDetails() = default;
  virtual void fill(Measure& measure, const DetailCells& cells) = 0;
};

struct RoadmapContext {
  const RuleSet& rules;
  MeasureDetails& details;
  Diagnostics& diagnostics;
};

// Nullopt when the table's header names no measures with details.
std::optional<Roadmap> build_roadmap(const Table& table, int table_number, const std::optional<std::string>& title,
                                     RoadmapContext& ctx);

}  // namespace karta
