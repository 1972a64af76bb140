// The extraction stage as a whole: definitions first (mentions resolve through
// them), then every roadmap table, then the roadmap period, which fills the
// bounds of deadlines that take them from it.
#include <algorithm>

#include "extract/act_extractor.hpp"
#include "extract/calendar.hpp"
#include "extract/deadline_parser.hpp"
#include "extract/entity_registry.hpp"
#include "extract/mention_splitter.hpp"
#include "karta/extract.hpp"
#include "karta/normalize.hpp"
#include "roadmap/roadmap_builder.hpp"

namespace karta {


namespace {

std::string strip_hereinafter(std::string title) {
  std::size_t at = title.rfind("(далее");
  if (at != std::string::npos && title.find(')', at) != std::string::npos) title = title.substr(0, at);
  while (!title.empty() && (title.back() == ' ' || title.back() == ',')) title.pop_back();
  return title;
}

void set_period(Roadmap& roadmap, const RuleSet& rules, const DeadlineParser& parser) {
  std::optional<int> first, last;
  if (roadmap.title) {
    for (const Rule& r : rules.group("roadmap.period")) {
      Match m;
      if (!r.search(*roadmap.title, &m)) continue;
      if (auto y = calendar::year_of(m.group("y1"))) first = *y;
      if (auto y = calendar::year_of(m.group("y2"))) last = *y;
      if (first && !last) last = first;
      break;
    }
  }
  // The start is the earliest year the roadmap states.
  for (Direction& d : roadmap.directions)
    for (SystemMeasure& s : d.system_measures)
      for (Measure& m : s.measures)
        for (int y : parser.years_in(m.deadline.text))
          if (!first || y < *first) first = y;
  if (first) roadmap.period_start = calendar::year_start(*first);
  if (last) roadmap.period_end = calendar::year_end(*last);
  for (Direction& d : roadmap.directions)
    for (SystemMeasure& s : d.system_measures)
      for (Measure& m : s.measures) DeadlineParser::apply_period(m.deadline, roadmap.period_start, roadmap.period_end);
}

}  // namespace

Extraction extract(const Document& document, const RuleSet& rules) {
  Extraction x;
  x.document.definitions = find_definitions(document, rules);
  EntityRegistry entities(x.document.definitions);
  RoadmapContext ctx{rules, DeadlineParser(rules), MentionSplitter(rules), entities, {}, x.diagnostics};
  for (const Definition& d : x.document.definitions)
    if (d.short_name && d.short_name->find(' ') != std::string::npos) ctx.known_abbreviations.insert(*d.short_name);

  std::optional<std::string> last_title;
  int table_number = 0;
  for (const Block& block : document.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&block)) {
      if (rules.first("roadmap.title", p->text)) last_title = strip_hereinafter(clean_text(p->text));
      continue;
    }
    ++table_number;
    auto roadmap = build_roadmap(std::get<Table>(block), table_number, last_title, ctx);
    if (!roadmap) continue;
    set_period(*roadmap, rules, ctx.deadlines);
    x.roadmaps.push_back(std::move(*roadmap));
    last_title.reset();
  }
  x.entities = entities.entities();
  if (!x.roadmaps.empty() && x.roadmaps.front().title) {
    x.document.kind = "roadmap";
    x.document.title = x.roadmaps.front().title;
  }
  return x;
}

}  // namespace karta
