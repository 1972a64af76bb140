// comparison.md: the comparison's tables as GitHub-flavoured Markdown, in Russian.
#include <set>

#include "karta/comparison_report.hpp"
#include "write/comparison_index.hpp"

namespace karta {
namespace {

// Text from the inputs: Markdown renderers pass HTML through, so an act's
// title holding "<img onerror=…>" must reach the page as text.
std::string text(const std::string& raw) {
  std::string out;
  for (char ch : raw) {
    if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

// A table cell: no line breaks, no column separators, no HTML.
std::string cell(const std::string& raw) {
  std::string out;
  for (char ch : text(raw)) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r' || ch == '\t') out += ' ';
    else out += ch;
  }
  return out;
}

void row(std::ostream& out, const std::vector<std::string>& cells) {
  out << "|";
  for (const std::string& c : cells) out << " " << cell(c) << " |";
  out << "\n";
}

void header(std::ostream& out, const std::vector<std::string>& cells) {
  row(out, cells);
  out << "|";
  for (std::size_t i = 0; i < cells.size(); ++i) out << "---|";
  out << "\n";
}

std::string units_cell(const std::vector<AlignedUnit>& units) {
  std::string s;
  for (const AlignedUnit& u : units) {
    if (!s.empty()) s += "; ";
    if (u.direction && u.system_measure) s += std::to_string(*u.direction) + "." + std::to_string(*u.system_measure);
    else if (!u.measures.empty()) s += u.measures.front();
    s += " (" + two_decimals(u.score) + ")";
  }
  return s;
}

}  // namespace

void write_comparison_markdown(std::ostream& out, const Comparison& c) {
  const ComparisonIndex index(c);
  const std::map<std::string, std::string> column = c.column_names();
  out << "# Сравнение дорожных карт\n\n";
  if (c.template_used)
    out << "Шаблон: " << text(c.template_used->title) << " (" << text(c.template_used->source) << "), пунктов: "
        << c.template_used->items.size() << ".\n\n";
  else
    out << "Шаблон системообразующих мероприятий не задан: все мероприятия показаны как региональные.\n\n";

  out << "## Документы\n\n";
  header(out, {"Регион", "Документ", "Дата", "Номер", "Мероприятий", "Системообразующих", "Пунктов шаблона", "Вне шаблона", "Файл"});
  for (const std::string& key : c.keys) {
    const ComparedDocument& d = *c.document(key);
    const ActInfo& act = d.extraction.document;
    row(out, {column.at(key), act.title.value_or("—"), act.date.value_or("—"), act.number.value_or("—"),
              std::to_string(d.measures), std::to_string(d.system_measures), std::to_string(d.items_covered),
              std::to_string(d.region_specific), d.extraction.source.path});
  }
  out << "\n";
  bool any_duplicate = false;
  for (const ComparedDocument& d : c.documents)
    if (d.duplicate_of) {
      if (!any_duplicate) out << "Повторы (тот же документ в другом формате, не учитываются дважды):\n\n";
      any_duplicate = true;
      out << "- " << text(d.extraction.source.path) << " = " << text(*d.duplicate_of) << "\n";
    }
  bool any_replaced = false;
  for (const ComparedDocument& d : c.documents)
    if (d.replaced_by && !d.duplicate_of) {
      out << (any_duplicate && !any_replaced ? "\n" : "");
      if (!any_replaced) out << "Прежние редакции (заменены изменяющим актом с дорожной картой, не сравниваются):\n\n";
      any_replaced = any_duplicate = true;
      out << "- " << text(d.extraction.source.path) << " → " << text(*d.replaced_by) << "\n";
    }
  if (!c.failed.empty()) {
    out << (any_duplicate ? "\n" : "") << "Не прочитаны:\n\n";
    for (const FailedInput& f : c.failed) out << "- " << text(f.source) << ": " << text(f.reason) << "\n";
    any_duplicate = true;
  }
  if (any_duplicate) out << "\n";

  std::vector<std::string> columns = {"Пункт", "Мероприятие шаблона"};
  for (const std::string& key : c.keys) columns.push_back(column.at(key));
  if (c.template_used) {
    out << "## Покрытие шаблона\n\n"
        << "В ячейке: номера системообразующих мероприятий региона (направление.номер) и сходство с пунктом шаблона; "
           "«—» — в дорожной карте региона не запланировано.\n\n";
    header(out, columns);
    for (const ComparisonItem& item : c.items) {
      if (!item.item) continue;
      std::vector<std::string> cells = {item.item->id, item.item->title + " (" + c.labels.level(item.item->level) + ")"};
      for (const std::string& key : c.keys) {
        auto it = item.by_region.find(key);
        cells.push_back(it == item.by_region.end() ? "—" : units_cell(it->second));
      }
      row(out, cells);
    }
    out << "\n";
  }

  out << "## Мероприятия вне шаблона\n\n";
  std::vector<std::string> specific = {"Мероприятие"};
  for (const std::string& key : c.keys) specific.push_back(c.region_name(key));
  header(out, specific);
  int n = 0;
  for (const ComparisonItem& item : c.items) {
    if (item.item) continue;
    std::vector<std::string> cells = {item.by_region.begin()->second.front().title};
    for (const std::string& key : c.keys) {
      auto it = item.by_region.find(key);
      cells.push_back(it == item.by_region.end() ? "—" : units_cell(it->second));
    }
    row(out, cells);
    ++n;
  }
  if (n == 0) row(out, std::vector<std::string>(specific.size(), "—"));
  out << "\n";

  out << "## Ответственные и соисполнители по видам организаций\n\n"
      << "Число мероприятий, в которых организация этого вида ответственная / соисполнитель.\n\n";
  std::vector<std::string> kinds_header = {"Вид организации"};
  for (const std::string& key : c.keys) kinds_header.push_back(c.region_name(key));
  header(out, kinds_header);
  std::set<std::string> kinds;
  for (const auto& [key, by_kind] : c.responsibility)
    for (const auto& [kind, counts] : by_kind) kinds.insert(kind);
  for (const std::string& kind : kinds) {
    std::vector<std::string> cells = {c.labels.entity_kind(kind)};
    for (const std::string& key : c.keys) {
      RoleCounts rc;
      auto r = c.responsibility.find(key);
      if (r != c.responsibility.end() && r->second.count(kind)) rc = r->second.at(kind);
      cells.push_back(std::to_string(rc.responsible) + " / " + std::to_string(rc.executors));
    }
    row(out, cells);
  }
  out << "\n";

  auto tally_table = [&](const char* title, const char* note, const std::map<std::string, std::map<std::string, int>>& m,
                         const char* first, auto label) {
    out << "## " << title << "\n\n" << note << "\n\n";
    std::vector<std::string> h = {first};
    for (const std::string& key : c.keys) h.push_back(c.region_name(key));
    header(out, h);
    std::set<std::string> keys;
    for (const auto& [key, counts] : m)
      for (const auto& [k, v] : counts) keys.insert(k);
    for (const std::string& k : keys) {
      std::vector<std::string> cells = {label(k)};
      for (const std::string& key : c.keys) {
        auto r = m.find(key);
        cells.push_back(r != m.end() && r->second.count(k) ? std::to_string(r->second.at(k)) : "0");
      }
      row(out, cells);
    }
    out << "\n";
  };
  tally_table("Сроки по кварталам",
              "Число мероприятий со сроком в квартале; регулярные — в каждом квартале, на который приходится срок.",
              c.timeline, "Квартал", [](const std::string& q) { return q; });
  tally_table("Виды сроков", "Число мероприятий по виду срока.", c.deadline_kinds, "Вид срока",
              [&c](const std::string& k) { return c.labels.deadline_kind(k); });
}

}  // namespace karta
