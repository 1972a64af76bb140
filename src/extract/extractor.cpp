// The extraction stage as a whole: definitions first (mentions resolve through
// them), then every roadmap table, then the roadmap period, which fills the
// bounds of deadlines that take them from it.
#include <algorithm>

#include "extract/due_quarters.hpp"
#include "extract/act_extractor.hpp"
#include "model/calendar.hpp"
#include "extract/deadline_parser.hpp"
#include "extract/entity_registry.hpp"
#include "extract/mention_splitter.hpp"
#include "extract/requisites.hpp"
#include "extract/site_chrome.hpp"
#include "karta/extract.hpp"
#include "karta/version.hpp"
#include "karta/normalize.hpp"
#include "model/utf8.hpp"
#include "roadmap/cell_stream.hpp"
#include "extract/measure_fields.hpp"
#include "roadmap/roadmap_builder.hpp"

namespace karta {


namespace {

// Whether `next` goes on with the heading `previous` ends: it starts with a
// lower-case letter ("по развитию …", "на 2025 год"), or both are written in
// capitals ("ПЛАН МЕРОПРИЯТИЙ" / "ПО РАЗВИТИЮ …"). A sentence or a table
// caption ("Таблица 1") is not a heading's continuation.
bool continues_heading(const std::string& previous, const std::string& next) {
  if (next.empty() || next.size() > 600) return false;
  if (starts_lowercase(next)) return true;
  return written_in_capitals(previous) && written_in_capitals(next);
}

// A roadmap's title without the "(далее – X)" it gives itself: cut where
// the last definitions.abbreviation match starts.
std::string strip_hereinafter(std::string title, const RuleSet& rules) {
  const std::string form = cased_match_form(title);
  std::size_t cut = std::string::npos;
  for (const Rule& r : rules.group("definitions.abbreviation"))
    for (const Match& m : r.find_all_normalised(form))
      if (cut == std::string::npos || m.begin > cut) cut = m.begin;
  // The match form keeps byte lengths (ё and е are both two bytes); should it
  // ever not, the title stays whole rather than cut at a wrong byte.
  if (cut != std::string::npos && form.size() == title.size()) title = title.substr(0, cut);
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

// Entity ids are unique across regions: "RU-TYU/don-to".
void qualify_entity_ids(Extraction& x, const std::string& region) {
  for (Entity& e : x.entities) e.id = region + "/" + e.id;
  for (Roadmap& r : x.roadmaps)
    for (Direction& d : r.directions)
      for (SystemMeasure& s : d.system_measures)
        for (Measure& m : s.measures)
          for (auto* list : {&m.responsible, &m.executors})
            for (Mention& mention : *list)
              if (mention.entity) mention.entity = region + "/" + *mention.entity;
}

}  // namespace

Extraction extract(const Document& read, const RuleSet& rules) {
  // Portal banners, status labels and search boxes are not the act.
  const std::optional<Document> stripped = strip_site_chrome(read, rules);
  const Document& document = stripped ? *stripped : read;
  Extraction x;
  x.producer = {version(), rules.version()};
  x.document.definitions = find_definitions(document, rules);
  EntityRegistry entities(x.document.definitions);
  std::set<std::string> shorts;   // "ДОН ТО", and "управление" too
  for (const Definition& d : x.document.definitions)
    if (d.short_name) shorts.insert(*d.short_name);
  MeasureFields fields(rules, entities, std::move(shorts));
  const DeadlineParser deadlines(rules);
  RoadmapContext ctx{rules, fields, x.diagnostics};

  std::optional<std::string> last_title, named_roadmap;
  // The roadmap heading being read: its text so far, its last paragraph, how
  // many paragraphs (0: none open), and whether it is the first one named.
  std::string heading, heading_last;
  int heading_parts = 0;
  bool heading_names_roadmap = false;
  int table_number = 0;
  std::vector<std::string> table_headers;   // each table's first row, for table.not_found
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const Block& block = document.blocks[b];
    // Cells whose rows the export lost: one paragraph per cell (docs.cntd.ru),
    // or a text table handed over as one stream of cells.
    std::optional<Table> recut;
    std::size_t consumed = 0;
    if (std::holds_alternative<Paragraph>(block)) recut = table_from_paragraphs(document.blocks, b, rules, consumed);
    else if (std::get<Table>(block).cell_stream && !std::get<Table>(block).rows.empty())
      recut = rows_from_cell_stream(std::get<Table>(block).rows.front().cells, rules);
    if (recut) {
      if (consumed > 0) b += consumed - 1;
    } else if (const auto* p = std::get_if<Paragraph>(&block)) {
      const std::string text = clean_text(p->text);
      if (rules.first("roadmap.title", text)) {
        heading = text;
        heading_parts = 1;
        heading_names_roadmap = !named_roadmap;
      } else if (heading_parts > 0 && heading_parts < 4 && continues_heading(heading_last, text)) {
        // "План мероприятий («дорожная карта»)" / "по внедрению … на 2025 – 2027 годы":
        // one heading over several paragraphs, so the period is in it too.
        heading += " " + text;
        ++heading_parts;
      } else {
        if (!text.empty()) heading_parts = 0;
        continue;
      }
      heading_last = text;
      last_title = strip_hereinafter(heading, rules);
      if (heading_names_roadmap) named_roadmap = last_title;
      continue;
    }
    heading_parts = 0;
    ++table_number;
    const Table& table = recut ? *recut : std::get<Table>(block);
    // The first row by grid column, as table_grid would lay it out — without
    // copying every cell of a table that may hold the whole document.
    std::vector<const std::string*> first_cells(static_cast<std::size_t>(std::max(table.columns, 0)), nullptr);
    if (!table.rows.empty())
      for (const Cell& cell : table.rows.front().cells)
        if (cell.grid_col >= 0 && cell.grid_col < table.columns) first_cells[static_cast<std::size_t>(cell.grid_col)] = &cell.text;
    std::string first_row;
    for (const std::string* cell : first_cells)
      if (cell && !cell->empty()) first_row += (first_row.empty() ? "«" : ", «") + clean_text(*cell) + "»";
    table_headers.push_back(first_row.empty() ? "(an empty first row)" : first_row);
    auto roadmap = build_roadmap(table, table_number, last_title, ctx);
    if (!roadmap) continue;
    set_period(*roadmap, rules, deadlines);
    x.roadmaps.push_back(std::move(*roadmap));
    last_title.reset();
  }
  if (x.roadmaps.empty() && named_roadmap) {
    // The text promises a roadmap and none came out: never a silent zero.
    std::string found = table_headers.empty() ? "the reader found no table at all"
                                              : "the reader found " + std::to_string(table_headers.size()) +
                                                    " table(s), none with a measure column and its details; first rows:";
    for (std::size_t i = 0; i < table_headers.size() && i < 5; ++i)
      found += " table " + std::to_string(i + 1) + ": " + table_headers[i] + (i + 1 < table_headers.size() ? ";" : "");
    x.diagnostics.push_back({Level::warning, "table.not_found",
                             "the text names a roadmap («" + *named_roadmap + "») but no roadmap table was found: " + found,
                             ""});
  }
  x.entities = entities.entities();
  std::vector<TextLine> lines = text_lines(document);
  mark_amendment_notes(lines, rules);
  std::optional<std::string> roadmap_title;
  if (!x.roadmaps.empty()) roadmap_title = x.roadmaps.front().title;
  read_requisites(lines, rules, roadmap_title, x.document);
  x.document.region = find_region(x.document, lines, rules);
  if (x.document.region) qualify_entity_ids(x, x.document.region->code);
  x.document.references = find_references(lines, rules, x.document, &document);
  x.document.indicators = find_indicators(lines, rules);
  for (const Roadmap& r : x.roadmaps)
    for (const Direction& d : r.directions)
      for (const SystemMeasure& sm : d.system_measures)
        for (const Measure& m : sm.measures)
          if (spans_too_long(m.deadline))
            x.diagnostics.push_back({Level::warning, "deadline.implausible_span",
                                     "the deadline «" + m.deadline.text + "» spans " + *m.deadline.start + " to " +
                                         *m.deadline.end + ", more than " + std::to_string(kMaxDueYears) +
                                         " years: kept as written, left off the comparison's timeline",
                                     "measure " + m.id});
  return x;
}

}  // namespace karta
