// comparison.html: one self-contained page (no network, no external files) in
// Russian: region cards, the coverage matrix whose cells open the regions'
// measures side by side, and three inline-SVG charts. Every chart element
// carries data-* attributes with the numbers it draws, so that a browser test
// can check the page against comparison.json.
#include <algorithm>
#include <set>
#include <sstream>

#include "extract/due_quarters.hpp"
#include "normalize/russian_collation.hpp"
#include "karta/comparison_report.hpp"
#include "write/comparison_index.hpp"

namespace karta {
namespace {

// A side-by-side panel names the regions that do not plan its item up to
// this many, and counts them beyond.
constexpr std::size_t kNamedAbsent = 5;

std::string esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string num(double v) {
  std::ostringstream s;
  s.precision(1);
  s << std::fixed << v;
  return s.str();
}

const char* region_colour(std::size_t i) {
  static const char* colours[] = {"#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568"};
  return colours[i % (sizeof colours / sizeof *colours)];
}

const char* kind_colour(const std::string& kind) {
  static const std::map<std::string, const char*> colours = {
      {"date", "#2b6cb0"},      {"by", "#4299e1"},         {"month", "#38a169"},      {"quarter", "#68d391"},
      {"year", "#d69e2e"},      {"period", "#ed8936"},     {"recurring", "#805ad5"},  {"continuous", "#b794f4"},
      {"per_plan", "#e53e3e"},  {"on_demand", "#fc8181"}, {"unknown", "#a0aec0"}};
  auto it = colours.find(kind);
  return it == colours.end() ? "#718096" : it->second;
}

// "2023-Q2" → "II кв. 2023"
std::string quarter_label(const std::string& q) {
  static const char* roman[] = {"I", "II", "III", "IV"};
  if (q.size() != 7) return q;
  const int n = q[6] - '1';
  return (n >= 0 && n < 4 ? std::string(roman[n]) : q.substr(5)) + " кв. " + q.substr(0, 4);
}

const char* kStyle = R"CSS(
:root { --ink: #1a202c; --muted: #4a5568; --line: #e2e8f0; --covered: #e6f4ea; --absent: #f7f7f7; --specific: #fdf0d5; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--ink); background: #fff; }
header, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 10px; }
.lead, .note { color: var(--muted); margin: 4px 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--region); border-radius: 6px; padding: 12px 14px; }
.card h3 { margin: 0 0 4px; font-size: 17px; }
.card .doc { color: var(--muted); font-size: 13px; margin: 0 0 8px; }
.card dl { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; margin: 0; }
.card dt { color: var(--muted); }
.card dd { margin: 0; font-weight: bold; text-align: right; }
.card .also, .card .versions { font-size: 12px; color: var(--muted); margin: 8px 0 0; }
table.matrix { border-collapse: collapse; width: 100%; font-size: 14px; }
.matrix th, .matrix td { border: 1px solid var(--line); padding: 5px 8px; vertical-align: top; }
.matrix thead th { position: sticky; top: 0; z-index: 2; background: #edf2f7; text-align: left; }
.matrix thead a.versions { font-size: 11px; font-weight: normal; white-space: nowrap; }
.matrix tr.group th { background: #f7fafc; text-align: left; font-size: 14px; }
.matrix tr.group th span { position: sticky; left: 8px; }
.matrix td.id { white-space: nowrap; color: var(--muted); }
/* The item's number and title stay in view while the regions scroll past: 89 columns are wider than any screen. */
.matrix td.id, .matrix thead th.id { position: sticky; left: 0; z-index: 1; width: 56px; min-width: 56px; background: #fff; }
.matrix td.title, .matrix thead th.title { position: sticky; left: 56px; z-index: 1; min-width: 260px; max-width: 380px; background: #fff; box-shadow: 2px 0 0 var(--line); }
.matrix thead th.id, .matrix thead th.title { z-index: 3; background: #edf2f7; }
.matrix .level { display: inline-block; font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; margin-left: 4px; }
.matrix td.cell { text-align: center; width: 130px; padding: 0; }
.matrix td.cell button { width: 100%; min-height: 32px; border: 0; background: transparent; font: inherit; cursor: pointer; }
.matrix td.cell button:hover, .matrix td.cell button:focus { outline: 2px solid #90cdf4; }
.matrix td.covered { background: var(--covered); }
.matrix td.absent { background: var(--absent); color: #a0aec0; }
.matrix td.specific { background: var(--specific); }
.matrix tr.detail td { background: #fbfdff; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0 12px; font-size: 13px; }
.filters label { display: flex; flex-direction: column; gap: 2px; color: var(--muted); }
.filters input, .filters select { font: inherit; color: var(--ink); padding: 3px 6px; border: 1px solid #cbd5e0; border-radius: 4px; }
.filters input[type=search] { min-width: 240px; }
.filters select { max-width: 280px; }   /* a direction's title is a sentence: the list shows it whole */
.side { display: grid; gap: 12px; }
.side table { border-collapse: collapse; width: 100%; font-size: 13px; }
.side th, .side td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
.side .units { font-size: 12px; color: var(--muted); }
.side .absent { font-size: 12px; color: var(--muted); margin: 0; }
.measure .mid { color: var(--muted); }
.measure .meta { display: block; font-size: 12px; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; margin: 6px 0; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px; background: var(--swatch); opacity: var(--alpha, 1); }
svg { display: block; max-width: 100%; height: auto; }
svg text { font: 12px "DejaVu Sans", Arial, sans-serif; fill: var(--ink); }
svg .value { fill: var(--muted); font-size: 11px; }
footer { color: var(--muted); font-size: 12px; padding: 24px; }
)CSS";

const char* kScript = R"JS(
// Each matrix cell's region (its column's), state (its class) and the
// side-by-side row it opens (its row's): written once in the page, set on
// every cell here, before the filters read them.
(function () {
  var heads = Array.prototype.slice.call(document.querySelectorAll('table.matrix thead th[data-region]'));
  document.querySelectorAll('table.matrix tr.item').forEach(function (row) {
    var detail = row.getAttribute('data-detail');
    row.querySelectorAll('td.cell').forEach(function (cell, i) {
      cell.setAttribute('data-region', heads[i].getAttribute('data-region'));
      cell.setAttribute('data-state', cell.classList.contains('covered') ? 'covered' :
                        cell.classList.contains('specific') ? 'specific' : 'absent');
      var button = cell.querySelector('button');
      button.setAttribute('aria-controls', detail);
      button.setAttribute('aria-expanded', 'false');
      button.title = heads[i].firstChild.textContent;   // the name, not the versions' link
    });
  });
})();
// Filters: a measure counts when its title (or its item's) holds the words
// searched, a body of the kind chosen leads or co-executes it, and its
// deadline ends in the window; a cell shows how many of its measures count,
// a row with none is hidden. No filter: the page as written.
(function () {
  var form = document.getElementById('matrix-filters');
  if (!form) return;
  var field = function (id) { return document.getElementById(id); };
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.matrix tr.item'));
  function apply() {
    var q = field('filter-text').value.trim().toLowerCase(), direction = field('filter-direction').value,
        level = field('filter-level').value, kind = field('filter-kind').value,
        from = field('filter-from').value, to = field('filter-to').value;
    var active = q || direction || level || kind || from || to, shown = 0;
    rows.forEach(function (row) {
      var cells = row.querySelectorAll('td.cell');
      var detail = document.getElementById(cells[0].querySelector('button').getAttribute('aria-controls'));
      if (!active) {
        cells.forEach(function (cell) {
          var n = cell.getAttribute('data-measures');
          cell.querySelector('button').textContent = cell.getAttribute('data-state') === 'absent' ? '—' : '✓ ' + n;
          cell.removeAttribute('data-shown');
        });
        row.hidden = false;
        shown++;
        return;
      }
      var counts = {}, total = 0;
      var itemText = row.querySelector('td.title').textContent.toLowerCase();
      if ((!direction || row.getAttribute('data-direction') === direction) && (!level || row.getAttribute('data-level') === level))
        detail.querySelectorAll('div.measure').forEach(function (m) {
          var due = m.getAttribute('data-due');
          var ok = (!q || itemText.indexOf(q) >= 0 || m.querySelector('.mt').textContent.toLowerCase().indexOf(q) >= 0) &&
                   (!kind || (' ' + m.getAttribute('data-kinds') + ' ').indexOf(' ' + kind + ' ') >= 0) &&
                   (!from || (due && due >= from)) && (!to || (due && due <= to));
          if (ok) { var r = m.getAttribute('data-region'); counts[r] = (counts[r] || 0) + 1; total++; }
        });
      cells.forEach(function (cell) {
        var n = counts[cell.getAttribute('data-region')] || 0;
        cell.querySelector('button').textContent = n ? '✓ ' + n : '—';
        cell.setAttribute('data-shown', String(n));
      });
      row.hidden = total === 0;
      if (row.hidden) detail.hidden = true;
      if (!row.hidden) shown++;
    });
    field('filter-count').textContent = 'Пунктов: ' + shown + ' из ' + rows.length;
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  apply();
})();
document.querySelectorAll('button[aria-controls]').forEach(function (button) {
  button.addEventListener('click', function () {
    var row = document.getElementById(button.getAttribute('aria-controls'));
    var open = row.hidden;
    row.hidden = !open;
    document.querySelectorAll('button[aria-controls="' + row.id + '"]').forEach(function (b) {
      b.setAttribute('aria-expanded', String(open));
    });
  });
});
)JS";

class Page {
 public:
  Page(std::ostream& out, const Comparison& c) : out_(out), c_(c), index_(c) {
    for (std::size_t i = 0; i < c.keys.size(); ++i) colour_[c.keys[i]] = region_colour(i);
    column_ = c.column_names();
  }

  void write() {
    out_ << "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>Сравнение дорожных карт регионов</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    out_ << "<header>\n<h1>Сравнение дорожных карт регионов</h1>\n<p class=\"lead\">";
    if (c_.template_used)
      out_ << "Шаблон: " << esc(c_.template_used->title) << " — " << esc(c_.template_used->source) << ", пунктов: "
           << c_.template_used->items.size() << ".";
    else
      out_ << "Шаблон системообразующих мероприятий не задан: все мероприятия показаны как региональные.";
    out_ << "</p>\n</header>\n<main>\n";
    cards();
    matrix();
    responsibility();
    timeline();
    deadline_kinds();
    out_ << "</main>\n<footer>karta compare · roadmap-comparison/2</footer>\n<script>" << kScript
         << "</script>\n</body>\n</html>\n";
  }

 private:
  void cards() {
    out_ << "<section id=\"summary\">\n<h2>Регионы</h2>\n<div class=\"cards\">\n";
    const int total = c_.template_used ? static_cast<int>(c_.template_used->items.size()) : 0;
    for (const std::string& key : c_.keys) {
      const ComparedDocument& d = *c_.document(key);
      const ActInfo& act = d.extraction.document;
      out_ << "<article class=\"card\" id=\"region-" << esc(key) << "\" data-region=\"" << esc(key) << "\" style=\"--region:"
           << colour_[key] << "\">\n"
           << "<h3>" << esc(column_.at(key)) << "</h3>\n<p class=\"doc\">" << esc(act.title.value_or(d.extraction.source.path));
      if (act.date) out_ << " · " << esc(*act.date);
      if (act.number) out_ << " · № " << esc(*act.number);
      out_ << "</p>\n<dl>\n";
      metric("measures", "Мероприятий", std::to_string(d.measures));
      metric("system-measures", "Системообразующих мероприятий", std::to_string(d.system_measures));
      if (c_.template_used)
        metric("covered", "Пунктов шаблона", std::to_string(d.items_covered) + " из " + std::to_string(total));
      metric("specific", "Вне шаблона", std::to_string(d.region_specific));
      metric("dated", "Со сроком в квартале", std::to_string(index_.due_measures(key)));
      out_ << "</dl>\n";
      std::vector<std::string> also;
      for (const ComparedDocument& dup : c_.documents)
        if (dup.duplicate_of && dup.key == key) also.push_back(dup.extraction.source.path);
      if (!also.empty()) {
        out_ << "<p class=\"also\">Тот же документ: ";
        for (std::size_t i = 0; i < also.size(); ++i) out_ << (i ? ", " : "") << esc(also[i]);
        out_ << "</p>\n";
      }
      // The versions this act replaced: the column holds the act in force.
      bool first = true;
      for (const ComparedDocument& old : c_.documents) {
        if (!old.replaced_by || old.duplicate_of || old.key != key) continue;
        const ActInfo& was = old.extraction.document;
        out_ << (first ? "<p class=\"versions\">Прежние редакции: " : "; ") << "<span class=\"version\" title=\""
             << esc(old.extraction.source.path) << "\">" << esc(was.title.value_or(old.extraction.source.path));
        if (was.date) out_ << " · " << esc(*was.date);
        if (was.number) out_ << " · № " << esc(*was.number);
        out_ << "</span>";
        first = false;
      }
      if (!first) out_ << "</p>\n";
      out_ << "</article>\n";
    }
    out_ << "</div>\n";
    if (!c_.failed.empty()) {
      out_ << "<p class=\"note\">Не прочитаны: ";
      for (std::size_t i = 0; i < c_.failed.size(); ++i)
        out_ << (i ? "; " : "") << esc(c_.failed[i].source) << " — " << esc(c_.failed[i].reason);
      out_ << "</p>\n";
    }
    out_ << "</section>\n";
  }

  void metric(const char* name, const char* label, const std::string& value) {
    out_ << "<dt>" << label << "</dt><dd data-metric=\"" << name << "\">" << esc(value) << "</dd>\n";
  }

  void matrix() {
    const std::size_t columns = 2 + c_.keys.size();
    out_ << "<section id=\"coverage\">\n<h2>Покрытие шаблона</h2>\n<p class=\"note\">"
         << "✓ и число — мероприятия региона по пункту шаблона; «—» — не запланировано. "
         << "Нажмите на ячейку, чтобы сравнить мероприятия регионов рядом.</p>\n";
    filters();
    out_ << "<table class=\"matrix\">\n<thead><tr><th class=\"id\">Пункт</th><th class=\"title\">Системообразующее мероприятие</th>";
    for (const std::string& key : c_.keys) {
      out_ << "<th data-region=\"" << esc(key) << "\">" << esc(column_.at(key));
      // The versions an amendment replaced, from the column's head: the card names them.
      const auto n = std::count_if(c_.documents.begin(), c_.documents.end(), [&](const ComparedDocument& d) {
        return d.replaced_by && !d.duplicate_of && d.key == key;
      });
      if (n > 0)
        out_ << " <a class=\"versions\" href=\"#region-" << esc(key) << "\" title=\"Прежние редакции: " << n << "\">ред. "
             << n + 1 << "</a>";
      out_ << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n";
    int direction = -1, n = 0;
    bool specific_header = false;
    for (const ComparisonItem& item : c_.items) {
      ++n;
      if (item.item && item.item->direction != direction) {
        direction = item.item->direction;
        out_ << "<tr class=\"group\"><th colspan=\"" << columns << "\"><span>Направление " << direction;
        for (const TemplateDirection& d : c_.template_used->directions)
          if (d.number == direction) out_ << ". " << esc(d.title);
        out_ << "</span></th></tr>\n";
      }
      if (!item.item && !specific_header) {
        specific_header = true;
        out_ << "<tr class=\"group\"><th colspan=\"" << columns << "\"><span>Мероприятия вне шаблона</span></th></tr>\n";
      }
      const std::string detail = "detail-" + std::to_string(n);
      out_ << "<tr class=\"item\" data-detail=\"" << detail << "\" data-item=\"" << esc(item.item ? item.item->id : "")
           << "\" data-direction=\""
           << (item.item ? std::to_string(item.item->direction) : std::string()) << "\" data-level=\""
           << esc(item.item ? item.item->level : std::string()) << "\">";
      if (item.item)
        out_ << "<td class=\"id\">" << esc(item.item->id) << "</td><td class=\"title\">" << esc(item.item->title) << "<span class=\"level\">"
             << esc(c_.labels.level(item.item->level)) << "</span></td>";
      else
        out_ << "<td class=\"id\">—</td><td class=\"title\">" << esc(item.by_region.begin()->second.front().title) << "</td>";
      for (const std::string& key : c_.keys) {
        auto it = item.by_region.find(key);
        std::size_t measures = 0;
        if (it != item.by_region.end())
          for (const AlignedUnit& u : it->second) measures += u.measures.size();
        const char* state = it == item.by_region.end() ? "absent" : item.item ? "covered" : "specific";
        // 89 regions × every item: what the column and the row tell (the
        // region, the state, the panel it opens) the script adds at load
        // (kScript); the page says each once.
        out_ << "<td class=\"cell " << state << "\" data-measures=\"" << measures << "\"><button type=\"button\">"
             << (it == item.by_region.end() ? std::string("—") : "✓ " + std::to_string(measures)) << "</button></td>";
      }
      out_ << "</tr>\n<tr class=\"detail\" id=\"" << detail << "\" hidden><td colspan=\"" << columns << "\">";
      side_by_side(item);
      out_ << "</td></tr>\n";
    }
    out_ << "</tbody>\n</table>\n</section>\n";
  }

  // The toolbar the script reads: the directions and levels of the template,
  // the entity kinds the compared measures name.
  void filters() {
    std::set<std::string> levels, kinds;
    if (c_.template_used)
      for (const TemplateItem& i : c_.template_used->items) levels.insert(i.level);
    for (const auto& entry : c_.responsibility)
      for (const auto& kind : entry.second) kinds.insert(kind.first);
    out_ << "<form class=\"filters\" id=\"matrix-filters\" role=\"search\">"
         << "<label>Поиск по названиям мероприятий<input type=\"search\" id=\"filter-text\"></label>"
         << "<label>Направление<select id=\"filter-direction\"><option value=\"\">все</option>";
    if (c_.template_used)
      for (const TemplateDirection& d : c_.template_used->directions)
        out_ << "<option value=\"" << d.number << "\">" << d.number << ". " << esc(d.title) << "</option>";
    out_ << "</select></label><label>Уровень<select id=\"filter-level\"><option value=\"\">все</option>";
    for (const std::string& l : levels) out_ << "<option value=\"" << esc(l) << "\">" << esc(c_.labels.level(l)) << "</option>";
    out_ << "</select></label><label>Вид организации<select id=\"filter-kind\"><option value=\"\">все</option>";
    for (const std::string& k : kinds)
      out_ << "<option value=\"" << esc(k) << "\">" << esc(c_.labels.entity_kind(k)) << "</option>";
    out_ << "</select></label><label>Срок с<input type=\"date\" id=\"filter-from\"></label>"
         << "<label>по<input type=\"date\" id=\"filter-to\"></label><output id=\"filter-count\"></output></form>\n";
  }

  // The regions that plan the item side by side; the others named in one
  // line (counted, past a handful: the matrix row shows which they are).
  void side_by_side(const ComparisonItem& item) {
    std::vector<std::string> planned, absent;
    for (const std::string& key : c_.keys) (item.by_region.count(key) ? planned : absent).push_back(key);
    out_ << "<div class=\"side\">";
    if (!absent.empty()) {
      out_ << "<p class=\"absent\">не запланировано";
      if (absent.size() <= kNamedAbsent) {
        out_ << ": ";
        for (std::size_t i = 0; i < absent.size(); ++i) out_ << (i ? ", " : "") << esc(column_.at(absent[i]));
      } else {
        out_ << " в " << absent.size() << " регионах из " << c_.keys.size();
      }
      out_ << "</p>";
    }
    out_ << "<table><thead><tr>";
    for (const std::string& key : planned) out_ << "<th>" << esc(column_.at(key)) << "</th>";
    out_ << "</tr><tr class=\"units\">";
    for (const std::string& key : planned) {
      out_ << "<td>";
      for (const AlignedUnit& u : item.by_region.at(key)) {
        if (u.direction && u.system_measure) out_ << esc(std::to_string(*u.direction) + "." + std::to_string(*u.system_measure)) << " ";
        out_ << esc(u.title);
        if (item.item) out_ << " (сходство " << two_decimals(u.score) << ")";
        out_ << "<br>";
      }
      out_ << "</td>";
    }
    out_ << "</tr></thead><tbody>";
    for (const MeasureRow& row : item.rows) {
      out_ << "<tr>";
      for (const std::string& key : planned) {
        out_ << "<td>";
        auto it = row.measures.find(key);
        if (it != row.measures.end())
          if (const LocatedMeasure* lm = index_.find(key, it->second)) measure(key, *lm);
        out_ << "</td>";
      }
      out_ << "</tr>";
    }
    out_ << "</tbody></table></div>";
  }

  void measure(const std::string& key, const LocatedMeasure& lm) {
    const Measure& m = *lm.measure;
    auto names = [](const std::vector<Mention>& list) {
      std::string s;
      for (const Mention& x : list) s += (s.empty() ? "" : ", ") + x.text;
      return s;
    };
    std::set<std::string> kinds;
    for (const auto* list : {&m.responsible, &m.executors})
      for (const Mention& x : *list) kinds.insert(x.kind);
    std::string kind_list;
    for (const std::string& k : kinds) kind_list += (kind_list.empty() ? "" : " ") + k;
    out_ << "<div class=\"measure\" data-region=\"" << esc(key) << "\" data-kinds=\"" << esc(kind_list) << "\" data-due=\""
         << esc(m.deadline.end.value_or("")) << "\"><span class=\"mid\">" << esc(lm.ref) << "</span> <span class=\"mt\">"
         << esc(m.title) << "</span>";
    if (!m.responsible.empty()) out_ << "<span class=\"meta\">Ответственный: " << esc(names(m.responsible)) << "</span>";
    if (!m.executors.empty()) out_ << "<span class=\"meta\">Соисполнители: " << esc(names(m.executors)) << "</span>";
    if (!m.deadline.text.empty()) out_ << "<span class=\"meta\">Срок: " << esc(m.deadline.text) << "</span>";
    if (!m.result.text.empty()) out_ << "<span class=\"meta\">Результат: " << esc(m.result.text) << "</span>";
    out_ << "</div>";
  }

  void legend() {
    out_ << "<div class=\"legend\">";
    for (const std::string& key : c_.keys)
      out_ << "<span style=\"--swatch:" << colour_[key] << "\">" << esc(c_.region_name(key)) << "</span>";
    out_ << "</div>\n";
  }

  void responsibility() {
    std::set<std::string> present;
    int top = 1;
    for (const auto& [key, kinds] : c_.responsibility)
      for (const auto& [kind, counts] : kinds) {
        present.insert(kind);
        top = std::max(top, counts.responsible + counts.executors);
      }
    std::vector<std::string> kinds(present.begin(), present.end());
    const RussianCollation russian;
    std::sort(kinds.begin(), kinds.end(),
              [&](const std::string& a, const std::string& b) { return russian(c_.labels.entity_kind(a), c_.labels.entity_kind(b)); });
    const double label_w = 370, bar_w = 560, row_h = 16, gap = 10;
    const double height = kinds.size() * (c_.keys.size() * row_h + gap) + 10;
    out_ << "<section id=\"responsibility\">\n<h2>Ответственные и соисполнители по видам организаций</h2>\n"
         << "<p class=\"note\">Число мероприятий, в которых организация этого вида — ответственный исполнитель "
         << "(сплошная часть) или соисполнитель (светлая часть).</p>\n";
    legend();
    out_ << "<svg id=\"responsibility-chart\" role=\"img\" aria-label=\"Ответственные по видам организаций\" viewBox=\"0 0 "
         << num(label_w + bar_w + 80) << " " << num(height) << "\" width=\"" << num(label_w + bar_w + 80) << "\">\n";
    double y = 5;
    for (const std::string& kind : kinds) {
      out_ << "<text x=\"0\" y=\"" << num(y + row_h * c_.keys.size() / 2 + 4) << "\">" << esc(c_.labels.entity_kind(kind)) << "</text>\n";
      for (const std::string& key : c_.keys) {
        RoleCounts rc;
        auto r = c_.responsibility.find(key);
        if (r != c_.responsibility.end() && r->second.count(kind)) rc = r->second.at(kind);
        const double w1 = bar_w * rc.responsible / top, w2 = bar_w * rc.executors / top;
        const std::string title = c_.region_name(key) + ": " + c_.labels.entity_kind(kind) + " — ответственный в " +
                                  std::to_string(rc.responsible) + ", соисполнитель в " + std::to_string(rc.executors);
        out_ << "<g data-region=\"" << esc(key) << "\" data-kind=\"" << esc(kind) << "\"><title>" << esc(title) << "</title>"
             << "<rect class=\"bar responsible\" data-value=\"" << rc.responsible << "\" x=\"" << num(label_w) << "\" y=\""
             << num(y) << "\" width=\"" << num(w1) << "\" height=\"" << num(row_h - 3) << "\" fill=\"" << colour_[key] << "\"/>"
             << "<rect class=\"bar executors\" data-value=\"" << rc.executors << "\" x=\"" << num(label_w + w1) << "\" y=\""
             << num(y) << "\" width=\"" << num(w2) << "\" height=\"" << num(row_h - 3) << "\" fill=\"" << colour_[key]
             << "\" fill-opacity=\"0.35\"/>"
             << "<text class=\"value\" x=\"" << num(label_w + w1 + w2 + 6) << "\" y=\"" << num(y + row_h - 5) << "\">"
             << rc.responsible << " / " << rc.executors << "</text></g>\n";
        y += row_h;
      }
      y += gap;
    }
    out_ << "</svg>\n</section>\n";
  }

  void timeline() {
    std::set<std::string> quarters;
    int top = 1;
    for (const auto& [key, counts] : c_.timeline)
      for (const auto& [q, n] : counts) {
        quarters.insert(q);
        top = std::max(top, n);
      }
    const double bar = 18, chart_h = 220, top_pad = 18, axis = 40;
    const double group_w = std::max(72.0, bar * c_.keys.size() + 22), group_gap = group_w - bar * c_.keys.size();
    const double width = std::max(300.0, group_w * quarters.size() + 20);
    out_ << "<section id=\"timeline\">\n<h2>Сроки по кварталам</h2>\n<p class=\"note\">Число мероприятий со сроком "
         << "в квартале; регулярные мероприятия — в каждом квартале, на который приходится их срок.</p>\n";
    legend();
    out_ << "<svg id=\"timeline-chart\" role=\"img\" aria-label=\"Сроки мероприятий по кварталам\" viewBox=\"0 0 " << num(width)
         << " " << num(chart_h + top_pad + axis) << "\" width=\"" << num(width) << "\">\n"
         << "<line x1=\"10\" x2=\"" << num(width - 10) << "\" y1=\"" << num(top_pad + chart_h) << "\" y2=\""
         << num(top_pad + chart_h) << "\" stroke=\"#a0aec0\"/>\n";
    double x = 10 + group_gap / 2;
    for (const std::string& q : quarters) {
      out_ << "<g data-quarter=\"" << q << "\">";
      for (std::size_t i = 0; i < c_.keys.size(); ++i) {
        const std::string& key = c_.keys[i];
        int n = 0;
        auto t = c_.timeline.find(key);
        if (t != c_.timeline.end() && t->second.count(q)) n = t->second.at(q);
        const double h = chart_h * n / top, bx = x + bar * i;
        out_ << "<rect class=\"bar due\" data-region=\"" << esc(key) << "\" data-quarter=\"" << q << "\" data-value=\"" << n
             << "\" x=\"" << num(bx) << "\" y=\"" << num(top_pad + chart_h - h) << "\" width=\"" << num(bar - 2)
             << "\" height=\"" << num(h) << "\" fill=\"" << colour_[key] << "\"><title>"
             << esc(c_.region_name(key) + ", " + quarter_label(q) + ": " + std::to_string(n)) << "</title></rect>";
        if (n > 0)
          out_ << "<text class=\"value\" text-anchor=\"middle\" x=\"" << num(bx + (bar - 2) / 2) << "\" y=\""
               << num(top_pad + chart_h - h - 3) << "\">" << n << "</text>";
      }
      const std::string label = quarter_label(q);   // "II кв. 2023": quarter above year
      const std::size_t cut = label.rfind(' ');
      const std::string cx = num(x + bar * c_.keys.size() / 2);
      out_ << "<text text-anchor=\"middle\" x=\"" << cx << "\" y=\"" << num(top_pad + chart_h + 16) << "\">"
           << esc(label.substr(0, cut)) << "<tspan x=\"" << cx << "\" dy=\"14\">" << esc(label.substr(cut + 1))
           << "</tspan></text></g>\n";
      x += group_w;
    }
    out_ << "</svg>\n</section>\n";
  }

  void deadline_kinds() {
    std::set<std::string> present;
    for (const auto& [key, kinds] : c_.deadline_kinds)
      for (const auto& [kind, n] : kinds) present.insert(kind);
    const double label_w = 260, bar_w = 600, row_h = 26;
    out_ << "<section id=\"deadline-kinds\">\n<h2>Виды сроков</h2>\n<p class=\"note\">Доля мероприятий региона по виду срока "
         << "(число — в подсказке и в подписи).</p>\n<div class=\"legend\">";
    for (const std::string& kind : present)
      out_ << "<span style=\"--swatch:" << kind_colour(kind) << "\">" << esc(c_.labels.deadline_kind(kind)) << "</span>";
    out_ << "</div>\n<svg id=\"deadline-kinds-chart\" role=\"img\" aria-label=\"Виды сроков по регионам\" viewBox=\"0 0 "
         << num(label_w + bar_w + 10) << " " << num(row_h * c_.keys.size() + 10) << "\" width=\"" << num(label_w + bar_w + 10)
         << "\">\n";
    double y = 5;
    for (const std::string& key : c_.keys) {
      int total = 0;
      auto k = c_.deadline_kinds.find(key);
      if (k != c_.deadline_kinds.end())
        for (const auto& [kind, n] : k->second) total += n;
      out_ << "<text x=\"0\" y=\"" << num(y + 16) << "\">" << esc(c_.region_name(key)) << "</text>\n";
      double x = label_w;
      if (total > 0)
        for (const auto& [kind, n] : k->second) {
          const double w = bar_w * n / total;
          out_ << "<g><title>" << esc(c_.region_name(key) + ": " + c_.labels.deadline_kind(kind) + " — " + std::to_string(n))
               << "</title><rect class=\"segment\" data-region=\"" << esc(key) << "\" data-kind=\"" << esc(kind)
               << "\" data-value=\"" << n << "\" x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"" << num(w)
               << "\" height=\"" << num(row_h - 6) << "\" fill=\"" << kind_colour(kind) << "\"/>";
          if (w >= 22)
            out_ << "<text class=\"value\" text-anchor=\"middle\" x=\"" << num(x + w / 2) << "\" y=\"" << num(y + 14)
                 << "\" style=\"fill:#fff\">" << n << "</text>";
          out_ << "</g>\n";
          x += w;
        }
      y += row_h;
    }
    out_ << "</svg>\n</section>\n";
  }

  std::ostream& out_;
  const Comparison& c_;
  ComparisonIndex index_;
  std::map<std::string, std::string> colour_;
  std::map<std::string, std::string> column_;   // headings (Comparison::column_names), made once
};

}  // namespace

void write_comparison_html(std::ostream& out, const Comparison& comparison) { Page(out, comparison).write(); }

}  // namespace karta
