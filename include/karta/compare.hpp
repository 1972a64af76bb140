// Cross-region comparison: many extractions aligned to a federal template of
// system-forming measures (rules/templates/*.yaml).
//
//   auto templates = karta::load_templates(karta::RuleSet::default_dir() + "/templates");
//   karta::Comparison c = karta::compare(extractions, templates, rules);
//   karta::write_comparison_json(out, c);          // roadmap-comparison/2
//
// Every system measure of every roadmap (or every measure, where a roadmap has
// no system-measure column) is aligned to the template item it implements by
// the similarity of stemmed tokens; what implements no item becomes a
// region-specific row. Documents are keyed by region code; a document that
// repeats an earlier one (the same act in another format) is listed but not
// counted twice, and one that a later input with a roadmap amends (its
// appendix restated) is listed as replaced and not compared: a region's
// column holds its acts in force.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

struct TemplateItem {
  std::string id;          // "2.3"
  int direction = 0;
  std::string level;       // regional | organisation
  std::string title;
  std::vector<RuleExample> match;   // measure wordings that must align to this item
};

struct TemplateDirection {
  int number = 0;
  std::string title;
};

struct AlignmentThresholds {
  double item = 0.30;
  double pair = 0.22;
  double other_direction = 0.8;
  double recall_weight = 1;   // F-measure beta: > 1 counts naming the item's words more than saying no more
};

struct MeasureTemplate {
  std::string id, title, source, file;
  AlignmentThresholds thresholds;
  std::vector<TemplateDirection> directions;
  std::vector<TemplateItem> items;
  std::vector<RuleExample> no_match;   // wordings that must align to no item
};

// Loads every *.yaml in `dir`, sorted by name. Throws RuleError naming file:line.
std::vector<MeasureTemplate> load_templates(const std::string& dir);

// One system measure (or lone measure) of one region, as aligned.
struct AlignedUnit {
  int roadmap = 1;                       // 1-based roadmap index in the document
  std::optional<int> direction;
  std::optional<int> system_measure;     // null when the roadmap has no such column
  std::string title;
  double score = 0;                      // similarity to the item; 0 for region-specific rows
  std::vector<std::string> measures;     // measure ids
};

// Measures of different regions under one item, side by side: region key →
// measure id, at most one per region.
struct MeasureRow {
  std::map<std::string, std::string> measures;
  double score = 0;   // the weakest similarity that joined the row; 0 for a lone measure
};

struct ComparisonItem {
  std::optional<TemplateItem> item;      // null for a region-specific row
  std::map<std::string, std::vector<AlignedUnit>> by_region;
  std::vector<MeasureRow> rows;
};

struct ComparedDocument {
  std::string key;                       // region code, "RU-KEM-2" for a second act of one region in force
  std::optional<std::string> duplicate_of;   // source of the earlier document this one repeats
  std::optional<std::string> replaced_by;    // source of the later input with a roadmap that amends it
  int measures = 0;
  int system_measures = 0;
  int items_covered = 0;                 // template items with at least one aligned unit
  int region_specific = 0;               // aligned units that match no item
  Extraction extraction;

  // In the comparison's columns: neither a repeat nor replaced. The others
  // carry the key of the column that holds them.
  bool compared() const { return !duplicate_of && !replaced_by; }
};

struct RoleCounts {
  int responsible = 0;   // measures with a responsible body of this kind
  int executors = 0;     // measures with an executor of this kind
};

struct FailedInput {
  std::string source;
  std::string reason;
};

// What the reports call the vocabularies' values, from rules/labels.yaml; a
// value without a label is shown as it is.
struct ReportLabels {
  std::map<std::string, std::string> entity_kinds, deadline_kinds, levels;
  std::string entity_kind(const std::string& kind) const { return of(entity_kinds, kind); }
  std::string deadline_kind(const std::string& kind) const { return of(deadline_kinds, kind); }
  std::string level(const std::string& level) const { return of(levels, level); }

 private:
  static std::string of(const std::map<std::string, std::string>& labels, const std::string& value) {
    auto it = labels.find(value);
    return it == labels.end() ? value : it->second;
  }
};

struct Comparison {
  std::optional<MeasureTemplate> template_used;
  std::vector<ComparedDocument> documents;     // in input order
  std::vector<FailedInput> failed;             // inputs that could not be read (set by the caller)
  std::vector<std::string> keys;               // compared documents' keys, by region name (Russian collation)
  std::vector<ComparisonItem> items;           // template order, then region-specific rows
  std::map<std::string, std::map<std::string, RoleCounts>> responsibility;   // key → entity kind → counts
  std::map<std::string, std::map<std::string, int>> timeline;                // key → "2023-Q2" → measures due
  std::map<std::string, std::map<std::string, int>> deadline_kinds;          // key → kind → measures
  ReportLabels labels;

  const ComparedDocument* document(const std::string& key) const;
  // The compared document's region name, else its key.
  std::string region_name(const std::string& key) const;
  // Each column's heading, by key: the region name, and where another
  // column is of the same region (two acts in force), the act's number
  // (else its date, else the key) after it — «Оренбургская область, № 01-21/58».
  std::map<std::string, std::string> column_names() const;
};

// How a comparison names a measure: its id, prefixed "2/" in a document's second roadmap.
std::string measure_ref(int roadmap, const std::string& id);

// `templates` may hold several; the one the documents' measures align to best is used.
Comparison compare(const std::vector<Extraction>& extractions,
                   const std::vector<MeasureTemplate>& templates, const RuleSet& rules);

struct ItemScore {
  std::string id;
  double score = 0;
};

// The items `text` implements, as `compare` aligns it (empty: none). With
// `all`, every item's score instead, best first: why a wording aligned.
std::vector<ItemScore> align_text(const MeasureTemplate& templ, const RuleSet& rules, const std::string& text,
                                  bool all = false);

}  // namespace karta
