// What extraction produces: the roadmap-extract/1 object of
// ../shared/spec/SCHEMA.md as C++ values. Dates are "YYYY-MM-DD"; an empty
// optional is JSON null.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "karta/diagnostic.hpp"

namespace karta {

struct Deadline {
  std::string text;
  std::string kind = "unknown";   // date by month quarter year period recurring continuous per_plan unknown
  std::optional<std::string> start, end;
  std::optional<std::string> frequency;   // yearly half-yearly quarterly monthly weekly
  std::vector<int> months;
  std::optional<std::string> plan;
  // Bounds that come from the roadmap period once it is known.
  bool start_from_period = false;
  bool end_from_period = false;
  bool year_from_period = false;   // a month with no year: the period's first year
};

struct Mention {
  std::string text;
  std::optional<std::string> entity;
  std::string kind = "other";
};

struct Target {
  std::string text;
  std::string comparator;   // >= <= = > <
  double value = 0;
  std::optional<std::string> unit;
};

struct MeasureResult {
  std::string text;
  std::vector<std::string> kinds;
  std::vector<Target> targets;
};

struct MeasureSource {
  int table = 0;               // 1-based table index in the document
  std::vector<int> rows;       // 0-based row indices in that table
  std::vector<int> lines;      // text inputs: line numbers
  std::string part;            // XML inputs: the package part ("word/document.xml")
  std::vector<int> path;       // XML inputs: block index of the table, then row index (0-based)
};

struct Measure {
  std::string id;
  std::string title;
  std::vector<Mention> responsible;
  std::vector<Mention> executors;
  Deadline deadline;
  MeasureResult result;
  MeasureSource source;
};

struct SystemMeasure {
  std::optional<int> number;
  std::optional<std::string> title;
  std::vector<Measure> measures;
};

struct Direction {
  std::optional<int> number;
  std::optional<std::string> title;
  std::vector<SystemMeasure> system_measures;
};

struct Roadmap {
  std::optional<std::string> title;
  std::optional<std::string> period_start, period_end;
  std::vector<Direction> directions;
};

struct Entity {
  std::string id;
  std::string name;
  std::optional<std::string> short_name;
  std::string kind;
};

struct Region {
  std::string code;
  std::string name;
};

struct Reference {
  std::string role;   // amends basis mention
  std::optional<std::string> type, issuer, date, number, title;
};

struct Definition {
  std::string term;
  std::optional<std::string> short_name;
  std::optional<std::string> text;
};

struct Indicator {
  std::string text;
  std::string comparator;
  double value = 0;
  std::optional<std::string> unit;
  std::optional<std::string> by;
};

struct SignedBy {
  std::optional<std::string> position, name;
};

struct ActInfo {
  std::string kind = "other";   // order decree directive regulation roadmap other
  std::optional<std::string> title, authority;
  std::optional<Region> region;
  std::optional<std::string> date, number, place;
  std::optional<SignedBy> signed_by;
  std::vector<Reference> references;
  std::vector<Definition> definitions;
  std::vector<Indicator> indicators;
};

struct SourceInfo {
  std::string path;
  std::string sha256;
  std::uint64_t bytes = 0;
  std::string format;
  std::optional<std::string> encoding;
};

// What made the extraction: karta's version and the rule set's.
struct Producer {
  std::string karta;
  std::string rules;
};

struct Extraction {
  Producer producer;
  SourceInfo source;
  ActInfo document;
  std::vector<Entity> entities;
  std::vector<Roadmap> roadmaps;
  Diagnostics diagnostics;

  // The measures of all its roadmaps.
  int measure_count() const {
    int n = 0;
    for (const Roadmap& r : roadmaps)
      for (const Direction& d : r.directions)
        for (const SystemMeasure& s : d.system_measures) n += static_cast<int>(s.measures.size());
    return n;
  }
};

}  // namespace karta
