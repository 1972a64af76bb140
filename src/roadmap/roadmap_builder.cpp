// Roadmap tables → directions, system measures and measures. Column roles
// come from header text (rules/roadmap.yaml), never from position; section
// rows (one text across the row) give directions and years; an empty or
// merged system-measure cell continues the system measure above.
#include <algorithm>
#include <map>
#include <set>

#include "model/numbers.hpp"
#include "model/stage_clock.hpp"
#include "model/work_limits.hpp"
#include "model/calendar.hpp"
#include "karta/normalize.hpp"
#include "roadmap/roadmap_builder.hpp"

namespace karta {
namespace {

// The table by grid column, as views of its cells' texts: the table outlives
// the roadmap's building, and a copy of every cell was 7.6 MB of the large
// DOCX's peak. Empty where no cell starts.
using GridRow = std::vector<std::string_view>;
using Grid = std::vector<GridRow>;

Grid view_grid(const Table& table) {
  Grid grid(table.rows.size(), GridRow(static_cast<std::size_t>(std::max(0, table.columns))));
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (const Cell& cell : table.rows[r].cells)
      if (cell.grid_col >= 0 && cell.grid_col < table.columns) grid[r][static_cast<std::size_t>(cell.grid_col)] = cell.text;
  return grid;
}

struct Columns {
  std::map<std::string, int> role;   // role → grid column
  std::map<std::string, int> span;   // role → columns under it (a two-level header), when more than one
  int header_rows = 0;
  bool has(const char* r) const { return role.count(r) > 0; }
  std::string cell(const GridRow& row, const char* r) const {
    auto it = role.find(r);
    if (it == role.end() || it->second >= static_cast<int>(row.size())) return std::string();
    auto wide = span.find(r);
    if (wide == span.end()) return std::string(row[static_cast<std::size_t>(it->second)]);
    // «Срок» over «начала» / «окончания»: the deadline is the period they
    // give; other roles list their sub-columns.
    const std::string joint = std::string(r) == "deadline" ? " – " : ", ";
    std::string out;
    for (int c = it->second; c < it->second + wide->second && c < static_cast<int>(row.size()); ++c)
      if (!row[static_cast<std::size_t>(c)].empty()) (out += out.empty() ? "" : joint) += row[static_cast<std::size_t>(c)];
    return out;
  }
};

// A row right under the header that names sub-columns of a header cell
// («начала», «окончания» under «Срок»): short words, no digits, no measure,
// each under a role's cell or the empty cells a span left beside it.
void read_sub_header(const Grid& grid, Columns& c) {
  const std::size_t r = static_cast<std::size_t>(c.header_rows);
  if (r >= grid.size()) return;
  const auto& head = grid[r - 1];
  const auto& sub = grid[r];
  if (!c.cell(sub, "measure").empty()) return;
  int filled = 0;
  for (std::size_t col = 0; col < sub.size(); ++col) {
    if (sub[col].empty()) continue;
    if (sub[col].size() > 60 || sub[col].find_first_of("0123456789") != std::string_view::npos) return;
    ++filled;
  }
  if (filled < 2) return;
  std::map<std::string, int> span;
  for (const auto& [name, col] : c.role) {
    int width = 1;
    while (static_cast<std::size_t>(col + width) < head.size() && head[static_cast<std::size_t>(col + width)].empty() &&
           !sub[static_cast<std::size_t>(col + width)].empty())
      ++width;
    if (width > 1) span[name] = width;
  }
  // Every sub-header word must sit under some role.
  for (std::size_t col = 0; col < sub.size(); ++col) {
    if (sub[col].empty()) continue;
    bool under = false;
    for (const auto& [name, start] : c.role) {
      auto w = span.find(name);
      const int width = w == span.end() ? 1 : w->second;
      under = under || (static_cast<int>(col) >= start && static_cast<int>(col) < start + width);
    }
    if (!under) return;
  }
  c.span = span;
  ++c.header_rows;
}

std::string without_spaces(const std::string& s) {
  std::string out;
  for (char ch : s)
    if (ch != ' ' && ch != '\n' && ch != '\t') out += ch;
  return out;
}

std::optional<Columns> find_columns(const Grid& grid, const RuleSet& rules) {
  for (std::size_t r = 0; r < std::min<std::size_t>(grid.size(), 4); ++r) {
    Columns c;
    for (std::size_t col = 0; col < grid[r].size(); ++col) {
      if (grid[r][col].empty()) continue;
      const std::string text(grid[r][col]);
      const Rule* rule = rules.first("roadmap.columns", text);
      // A PDF's narrow header cell breaks long words with no hyphen
      // ("Мероприя тие"): the words run together still name the role.
      if (!rule) rule = rules.first("roadmap.columns", without_spaces(text));
      if (rule && !c.role.count(rule->value)) c.role[rule->value] = static_cast<int>(col);
      // A second column of people ("Ответственные лица" | "Исполнители")
      // holds the executors.
      else if (rule && rule->value == "responsible" && !c.role.count("executors") && !c.role.count("responsible_executors"))
        c.role["executors"] = static_cast<int>(col);
    }
    if (c.has("responsible_executors")) {
      if (!c.has("responsible")) c.role["responsible"] = c.role["responsible_executors"];
    }
    if (!c.has("responsible") && c.has("executors")) {
      c.role["responsible"] = c.role["executors"];
      c.role.erase("executors");
    }
    bool names_measures = c.has("measure") || c.has("system_measure");
    bool has_detail = c.has("responsible") || c.has("deadline") || c.has("result");
    const std::size_t roles = c.role.size() - (c.has("extra") ? 1 : 0);   // an extra column is no role
    if (names_measures && has_detail && roles >= 3) {
      if (!c.has("measure")) {   // a single measure column named like a system measure
        c.role["measure"] = c.role["system_measure"];
        c.role.erase("system_measure");
      }
      c.header_rows = static_cast<int>(r) + 1;
      read_sub_header(grid, c);
      return c;
    }
  }
  return std::nullopt;
}

// The first header-like row (of the first four) that names roles of a
// measure's details but no measure column: such a table is not a roadmap,
// and the user should hear why. Empty when there is none.
std::vector<std::string> header_without_measures(const Grid& grid, const RuleSet& rules) {
  for (std::size_t r = 0; r < std::min<std::size_t>(grid.size(), 4); ++r) {
    int details = 0;
    for (const std::string_view cell : grid[r]) {
      if (cell.empty()) continue;
      const Rule* rule = rules.first("roadmap.columns", std::string(cell));
      if (rule && (rule->value == "measure" || rule->value == "system_measure")) return {};
      if (rule && (rule->value == "responsible" || rule->value == "deadline" || rule->value == "result" ||
                   rule->value == "executors" || rule->value == "responsible_executors"))
        ++details;
    }
    if (details >= 2) {
      std::vector<std::string> cells;
      for (const std::string_view cell : grid[r])
        if (!cell.empty()) cells.push_back(clean_text(cell));
      return cells;
    }
  }
  return {};
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "«" : ", «") + i + "»";
  return out;
}

// The grid column after the last one each row occupies, counting cells that
// a vertical merge from above extends into it.
std::vector<int> row_ends(const Table& table) {
  std::vector<int> ends(table.rows.size(), 0);
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (const Cell& c : table.rows[r].cells)
      for (std::size_t k = r; k < std::min(table.rows.size(), r + static_cast<std::size_t>(std::max(1, c.row_span))); ++k)
        ends[k] = std::max(ends[k], c.grid_col + c.col_span);
  return ends;
}

bool column_numbers(const GridRow& row) {
  int numbers = 0;
  for (const std::string_view cell : row) {
    if (cell.empty()) continue;
    if (cell.size() > 3 || cell.find_first_not_of("0123456789.") != std::string_view::npos) return false;
    ++numbers;
  }
  return numbers >= 2;
}

// Whether row r's number ("1.", "II") is the top level of the numbers of the
// next numbered row ("1.1"): r is a section, not a measure.
bool heads_the_next_number(const Grid& grid, std::size_t r, const Columns& columns) {
  if (!columns.has("number")) return false;
  std::string number = clean_text(columns.cell(grid[r], "number"));
  while (!number.empty() && (number.back() == '.' || number.back() == ')')) number.pop_back();
  if (number.empty() || number.find('.') != std::string::npos) return false;
  if (number.find_first_not_of("IVXL") == std::string::npos) return true;   // "II." numbers no measure
  for (std::size_t k = r + 1; k < grid.size(); ++k) {
    const std::string next = clean_text(columns.cell(grid[k], "number"));
    if (next.empty()) continue;
    return next.size() > number.size() + 1 && next.compare(0, number.size() + 1, number + ".") == 0;
  }
  return false;
}

}  // namespace

std::optional<Roadmap> build_roadmap(const Table& table, int table_number, const std::optional<std::string>& title,
                                     RoadmapContext& ctx) {
  const StageScope scope(Stage::roadmap);
  const Grid grid = view_grid(table);
  auto columns = find_columns(grid, ctx.rules);
  if (!columns) {
    const std::vector<std::string> header = header_without_measures(grid, ctx.rules);
    if (!header.empty())
      ctx.diagnostics.push_back({Level::warning, "table.no_measure_column",
                                 "the header names a measure's details but no measure column: " + quoted_list(header),
                                 "table " + std::to_string(table_number)});
    return std::nullopt;
  }
  Roadmap roadmap;
  roadmap.title = title;
  int context_year = 0;
  auto where = [&](std::size_t r) { return "table " + std::to_string(table_number) + ", row " + std::to_string(r + 1); };
  auto direction = [&]() -> Direction& {
    if (roadmap.directions.empty()) roadmap.directions.emplace_back();
    return roadmap.directions.back();
  };
  auto system_measure = [&]() -> SystemMeasure& {
    Direction& d = direction();
    if (d.system_measures.empty()) d.system_measures.emplace_back();
    return d.system_measures.back();
  };

  const GridRow& header = grid[static_cast<std::size_t>(columns->header_rows - 1)];
  // The last measure made and its detail cells as read, for a continuation row.
  Measure* last = nullptr;
  DetailCells last_cells;
  const std::vector<int> ends = row_ends(table);
  const int header_end = ends[static_cast<std::size_t>(columns->header_rows - 1)];
  for (std::size_t r = static_cast<std::size_t>(columns->header_rows); r < grid.size(); ++r) {
    check_time_budget("extracting roadmap rows");
    const auto& row = grid[r];
    if (column_numbers(row) || row == header || table.rows[r].header) continue;
    std::vector<std::string> texts;
    for (const std::string_view c : row)
      if (!c.empty()) texts.emplace_back(c);
    if (texts.empty()) continue;
    const std::string measure_text = clean_text(columns->cell(row, "measure"));
    const bool details = !columns->cell(row, "responsible").empty() || !columns->cell(row, "deadline").empty();
    // "1. | Организационные меры | | |": a top-level number in the number
    // cell, a title and nothing else, with the next rows numbered under it.
    const bool numbered_section = texts.size() == 2 && !details && columns->cell(row, "result").empty() &&
                                  heads_the_next_number(grid, r, *columns);
    if ((texts.size() == 1 && !details && (measure_text.empty() || table.rows[r].cells.size() == 1)) || numbered_section) {
      const std::string text =
          clean_text(numbered_section ? columns->cell(row, "number") + " " + measure_text : texts.front());
      Match m;
      const Rule* section = ctx.rules.first("roadmap.sections", text, &m);
      if (section && section->value == "year") {
        context_year = parse_int(m.group("year"), 1900, 2100).value_or(context_year);
        continue;
      }
      if (section && section->value == "title" && !roadmap.directions.empty() && !direction().title &&
          direction().system_measures.empty()) {
        direction().title = m.group("title");
        continue;
      }
      Direction d;
      if (section && section->value == "direction") {
        std::string number = m.group("number"), roman = m.group("roman"), t = m.group("title");
        if (!number.empty()) d.number = parse_int(number, 0, 9999);
        if (!number.empty() && !d.number)
          ctx.diagnostics.push_back({Level::warning, "section.number", "a direction number out of range: " + number, where(r)});
        else if (auto n = calendar::small_number(roman)) d.number = *n;
        std::string cleaned = t;
        if (!cleaned.empty() && cleaned.rfind("«", 0) == 0) cleaned = cleaned.substr(2);
        if (cleaned.size() >= 2 && cleaned.compare(cleaned.size() - 2, 2, "»") == 0) cleaned.resize(cleaned.size() - 2);
        if (!cleaned.empty()) d.title = cleaned;
      } else {
        d.title = text;
      }
      roadmap.directions.push_back(std::move(d));
      continue;
    }
    const std::string sm_text = clean_text(columns->cell(row, "system_measure"));
    if (!sm_text.empty()) {
      SystemMeasure sm;
      Match m;
      if (ctx.rules.first("roadmap.numbering", sm_text, &m)) {
        std::string number = m.group("number");
        // "2.3" numbers the third system measure of direction 2.
        std::size_t dot = number.rfind('.');
        sm.number = parse_int(dot == std::string::npos ? number : number.substr(dot + 1), 0, 9999);
        sm.title = m.group("title");
      } else {
        sm.title = sm_text;
      }
      direction().system_measures.push_back(std::move(sm));
    }
    if (ends[r] != header_end)
      ctx.diagnostics.push_back({Level::warning, "row.cell_count",
                                 "the row spans " + std::to_string(ends[r]) + " columns, the header " +
                                     std::to_string(header_end) + ": cells may have shifted",
                                 where(r)});
    if (measure_text.empty()) {
      // A row a page break split: no number and no measure of its own, the
      // rest of the measure above's cells, whatever case it starts with.
      if (sm_text.empty() && last && clean_text(columns->cell(row, "number")).empty()) {
        for (auto [role, raw] : {std::pair{"responsible", &last_cells.responsible}, std::pair{"executors", &last_cells.executors},
                                 std::pair{"deadline", &last_cells.deadline}, std::pair{"result", &last_cells.result}}) {
          const std::string more = clean_text(columns->cell(row, role));
          if (!more.empty()) *raw = raw->empty() ? more : *raw + " " + more;
        }
        ctx.details.fill(*last, last_cells);
        last->source.rows.push_back(static_cast<int>(r));
        const Row& more_row = table.rows[r];
        if (more_row.pos.part.empty())
          for (int l = more_row.pos.line_first; l > 0 && l <= std::max(more_row.pos.line_first, more_row.pos.line_last); ++l)
            last->source.lines.push_back(l);
        continue;
      }
      if (sm_text.empty())
        ctx.diagnostics.push_back({Level::warning, "row.dropped",
                                   "a row with text but no measure was left out: " + quoted_list(texts), where(r)});
      continue;
    }
    Measure measure;
    measure.title = measure_text;
    Match m;
    if (ctx.rules.first("roadmap.numbering", measure_text, &m) && !columns->has("number")) {
      measure.id = m.group("number");
      measure.title = m.group("title");
    }
    std::string responsible = columns->cell(row, "responsible"), executors = columns->cell(row, "executors");
    if (columns->has("responsible_executors")) {
      std::size_t slash = responsible.find('/');
      if (slash != std::string::npos) {
        executors = responsible.substr(slash + 1);
        responsible = responsible.substr(0, slash);
      }
    }
    last_cells = {responsible, executors, columns->cell(row, "deadline"), columns->cell(row, "result"), context_year};
    ctx.details.fill(measure, last_cells);
    if (measure.deadline.kind == "unknown" && !measure.deadline.text.empty())
      ctx.diagnostics.push_back({Level::warning, "deadline.unrecognized",
                                 "deadline «" + measure.deadline.text + "» is not in the deadline grammar", where(r)});
    measure.source.table = table_number;
    measure.source.rows = {static_cast<int>(r)};
    const Row& source_row = table.rows[r];
    if (!source_row.pos.part.empty()) {
      // An XML row: its line in the part says little (Word writes the body on one line).
      measure.source.part = source_row.pos.part;
      measure.source.path = {table.pos.index, source_row.pos.index};
    } else if (source_row.pos.line_first > 0)
      for (int l = source_row.pos.line_first; l <= std::max(source_row.pos.line_first, source_row.pos.line_last); ++l)
        measure.source.lines.push_back(l);
    const std::string number = columns->cell(row, "number");
    if (measure.id.empty() && !number.empty()) measure.id = clean_text(number);
    while (!measure.id.empty() && measure.id.back() == '.') measure.id.pop_back();
    system_measure().measures.push_back(std::move(measure));
    last = &system_measure().measures.back();
  }
  // A system measure whose cell has no number takes it from its measures'
  // ids: "2.3.1", "2.3.2" number system measure 3 of direction 2.
  for (Direction& dir : roadmap.directions)
    for (SystemMeasure& sm : dir.system_measures) {
      if (sm.number || !sm.title || sm.measures.empty()) continue;
      std::optional<int> common;
      bool same = true;
      for (const Measure& m : sm.measures) {
        const std::size_t first = m.id.find('.'), second = first == std::string::npos ? first : m.id.find('.', first + 1);
        const auto n = second == std::string::npos ? std::nullopt
                                                   : parse_int(m.id.substr(first + 1, second - first - 1), 1, 999);
        if (!n || (common && *common != *n)) same = false;
        common = n;
      }
      if (same && common) sm.number = common;
    }
  // Ids where the table gives none: direction.system measure.position.
  for (std::size_t d = 0; d < roadmap.directions.size(); ++d) {
    Direction& dir = roadmap.directions[d];
    for (std::size_t s = 0; s < dir.system_measures.size(); ++s) {
      SystemMeasure& sm = dir.system_measures[s];
      for (std::size_t k = 0; k < sm.measures.size(); ++k)
        if (sm.measures[k].id.empty())
          sm.measures[k].id = std::to_string(dir.number.value_or(static_cast<int>(d) + 1)) + "." +
                              std::to_string(sm.number.value_or(static_cast<int>(s) + 1)) + "." + std::to_string(k + 1);
    }
  }
  return roadmap;
}

}  // namespace karta
