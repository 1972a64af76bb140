#include "serve/store_comparison.hpp"

#include <sstream>

#include "karta/comparison_report.hpp"
#include "karta/extraction_json.hpp"
#include "model/work_limits.hpp"

namespace karta {

bool is_comparison_format(const std::string& format) {
  return format == "json" || format == "md" || format == "csv" || format == "html";
}

std::optional<ComparisonBody> compare_stored(const DocumentStore& store, const std::vector<std::string>& regions,
                                             const std::optional<std::string>& on, const std::string& format, const std::vector<MeasureTemplate>& templates,
                              const RuleSet& rules, const ReadOptions& limits) {
  std::vector<Extraction> extractions;
  // The versions replaced by `on` too: compare() finds by the same rule
  // that they are replaced (compare.hpp), keeps them out of the columns and
  // names them on the region's card — the bytes of karta compare over the
  // same files in the order stored.
  for (const std::string& json : store.extraction_jsons(regions, on, true)) {
    Extraction x = parse_extraction_json(json);
    // An act in force without a measure (an amendment of a paragraph's
    // words, an order that appoints someone) would be an empty column
    // beside the region's roadmap: «RU-ORE-2» of nothing.
    if (x.measure_count() > 0) extractions.push_back(std::move(x));
  }
  if (extractions.empty()) return std::nullopt;
  Comparison comparison;
  {
    // The same budget as one document's extraction: a comparison of the
    // whole store must not hold a connection for ever.
    WorkLimits scope("comparison", limits);
    comparison = compare(extractions, templates, rules);
  }
  std::ostringstream out;
  ComparisonBody body;
  if (format == "json") {
    write_comparison_json(out, comparison);
    body.content_type = "application/json";
  } else if (format == "md") {
    write_comparison_markdown(out, comparison);
    body.content_type = "text/markdown; charset=utf-8";
  } else if (format == "csv") {
    write_measures_csv(out, comparison);
    body.content_type = "text/csv; charset=utf-8";
  } else {
    write_comparison_html(out, comparison);
    body.content_type = "text/html; charset=utf-8";
  }
  body.bytes = out.str();
  return body;
}

}  // namespace karta
