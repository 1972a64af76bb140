#include "extract/deadline_parser.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <set>

#include "model/calendar.hpp"
#include "karta/normalize.hpp"

namespace karta {
namespace {

using namespace calendar;

std::string strip_plan(std::string plan) {
  auto trim = [](std::string& s) {
    const char* junk = " .,;:-";
    s.erase(0, s.find_first_not_of(junk));
    s.erase(s.find_last_not_of(junk) + 1);
  };
  trim(plan);
  if (plan.size() > 2 && plan.front() == '(' && plan.back() == ')') plan = plan.substr(1, plan.size() - 2);
  trim(plan);
  return plan;
}

}  // namespace

std::optional<int> DeadlineParser::month_number(const std::string& word) const {
  const Rule* r = rules_.first("deadlines.months", word);
  if (!r) return std::nullopt;
  return std::stoi(r->value);
}

std::vector<int> DeadlineParser::months_in(const std::string& text) const {
  std::vector<std::pair<std::size_t, int>> found;
  const std::string form = cased_match_form(text);
  for (const Rule& r : rules_.group("deadlines.months")) {
    for (const auto& re : r.patterns) {
      re2::StringPiece rest(form);
      const char* before = rest.data();
      while (RE2::FindAndConsume(&rest, *re)) {
        found.emplace_back(static_cast<std::size_t>(rest.data() - form.data()), std::stoi(r.value));
        if (rest.empty() || rest.data() == before) break;
        before = rest.data();
      }
    }
  }
  std::sort(found.begin(), found.end());
  std::vector<int> out;
  for (auto& [pos, month] : found)
    if (std::find(out.begin(), out.end(), month) == out.end()) out.push_back(month);
  return out;
}

std::vector<int> DeadlineParser::years_in(const std::string& text) const {
  std::vector<int> out;
  static const RE2 year("(?:^|[^0-9.])((?:19|20)\\d\\d)(?:[^0-9]|$)");
  static const RE2 short_date("\\d{1,2}\\.\\d{1,2}\\.(\\d{2}|\\d{4})(?:[^0-9]|$)");
  re2::StringPiece rest(text);
  std::string y;
  while (RE2::FindAndConsume(&rest, year, &y)) out.push_back(std::stoi(y));
  rest = text;
  while (RE2::FindAndConsume(&rest, short_date, &y))
    if (auto v = year_of(y)) out.push_back(*v);
  return out;
}

bool DeadlineParser::structural(const std::string& text, int context_year, Deadline& d) const {
  for (const Rule& rule : rules_.group("deadlines.structures")) {
    Match m;
    if (!rule.search(text, &m)) continue;
    const std::string kind = rule.value;
    auto year = [&](const char* g) -> std::optional<int> {
      std::string v = m.group(g);
      if (v.empty()) return std::nullopt;
      return year_of(v);
    };
    auto month = [&](const char* g) -> std::optional<int> {
      std::string v = m.group(g);
      if (v.empty()) return std::nullopt;
      if (v.find_first_not_of("0123456789") == std::string::npos) {
        int n = std::stoi(v.substr(0, 3));
        return n >= 1 && n <= 12 ? std::optional<int>(n) : std::nullopt;
      }
      return month_number(v);
    };
    auto day = [&](const char* g) -> int {
      std::string v = m.group(g);
      return v.empty() || v.size() > 2 ? 0 : std::stoi(v);
    };
    // A year the cell leaves out comes from a year row, else from the period.
    std::optional<int> y = year("y");
    bool from_period = false;
    if (!y && context_year) y = context_year;
    if (!y) from_period = true, y = 0;

    if (kind == "date" || kind == "by") {
      auto mo = month("m");
      int dd = day("d");
      if (!mo || from_period || !valid(*y, *mo, dd)) continue;
      d.kind = kind;
      d.end = iso(*y, *mo, dd);
      if (kind == "date") d.start = d.end;
      return true;
    }
    if (kind == "by_month" || kind == "by_year") {
      if (from_period) continue;
      auto mo = month("month");
      if (kind == "by_month" && !mo) continue;
      d.kind = "by";
      d.end = kind == "by_month" ? month_end(*y, *mo) : year_end(*y);
      return true;
    }
    if (kind == "date_range") {
      auto m1 = month("m1"), m2 = month("m2");
      // "с 1 февраля по 31 мая 2025 г.": the first date takes the last's
      // year; one without either takes its year row's.
      auto y2 = year("y2");
      if (!y2 && context_year) y2 = context_year;
      auto y1 = year("y1");
      if (!y1) y1 = y2;
      int d1 = day("d1"), d2 = day("d2");
      if (!m1 || !m2 || !y1 || !y2 || !valid(*y1, *m1, d1) || !valid(*y2, *m2, d2)) continue;
      d.kind = "period";
      d.start = iso(*y1, *m1, d1);
      d.end = iso(*y2, *m2, d2);
      return true;
    }
    if (kind == "quarter" || kind == "half_year") {
      auto q = small_number(m.group("q"));
      int per = kind == "quarter" ? 3 : 6;
      if (!q || *q > 12 / per) continue;
      d.kind = kind == "quarter" ? "quarter" : "period";
      d.year_from_period = from_period;
      int y0 = from_period ? 0 : *y;
      d.start = month_start(y0, (*q - 1) * per + 1);
      d.end = month_end(y0, *q * per);
      return true;
    }
    if (kind == "month_range") {
      auto m1 = month("month"), m2 = month("month2");
      if (!m1 || !m2) continue;
      auto y1 = year("y1");
      int first_year = y1 ? *y1 : (from_period ? 0 : *y);
      int last_year = from_period ? first_year : *y;
      d.kind = "period";
      d.year_from_period = from_period && !y1;
      d.start = month_start(first_year, *m1);
      d.end = month_end(last_year, *m2);
      return true;
    }
    if (kind == "year_range") {
      auto y1 = year("y1"), y2 = year("y2");
      if (!y1 || !y2 || *y2 < *y1) continue;
      d.kind = "period";
      d.start = year_start(*y1);
      d.end = year_end(*y2);
      return true;
    }
    if (kind == "month") {
      auto mo = month("month");
      if (!mo) continue;
      d.kind = "month";
      d.year_from_period = from_period;
      d.start = month_start(*y, *mo);
      d.end = month_end(*y, *mo);
      return true;
    }
    if (kind == "year") {
      if (from_period) continue;
      d.kind = "year";
      d.start = year_start(*y);
      d.end = year_end(*y);
      return true;
    }
  }
  return false;
}

Deadline DeadlineParser::parse(const std::string& raw, int context_year) const {
  Deadline d;
  d.text = clean_text(raw);
  const std::string& text = d.text;
  if (text.empty()) return d;
  Match m;
  const Rule* frequency = rules_.first("deadlines.frequencies", text);
  if (frequency) d.frequency = frequency->value;

  if (rules_.first("deadlines.plans", text, &m)) {
    d.kind = "per_plan";
    std::string plan = strip_plan(m.group("plan"));
    if (!plan.empty()) d.plan = plan;
    return d;
  }
  if (frequency) {
    d.kind = "recurring";
    d.months = months_in(text);
    std::sort(d.months.begin(), d.months.end());
    std::vector<int> years = years_in(text);
    Deadline bounds;
    if (rules_.first("deadlines.until", text, &m)) {
      // "ежегодное обновление до 2024 г.": the series ends with that year.
      if (auto y = year_of(m.group("y"))) d.end = year_end(*y);
    } else if (structural(text, 0, bounds) && bounds.start && !bounds.year_from_period &&
               (bounds.kind == "period" || bounds.kind == "month" || bounds.kind == "year")) {
      // "2023-2024 (ежегодно …)": the range bounds the series; "Июнь 2023 (ежегодно)": it starts then.
      d.start = bounds.start;
      if (bounds.kind == "period") d.end = bounds.end;
    } else if (years.size() >= 2) {
      d.start = year_start(*std::min_element(years.begin(), years.end()));
      d.end = year_end(*std::max_element(years.begin(), years.end()));
    } else if (years.empty() && context_year) {
      // Under a year row a recurrence that names no year recurs in that year.
      d.start = year_start(context_year);
      d.end = year_end(context_year);
    }
    d.start_from_period = !d.start;
    d.end_from_period = !d.end;
    return d;
  }
  if (rules_.first("deadlines.on_demand", text)) {
    d.kind = "on_demand";   // it may happen any time in the roadmap's period
    d.start_from_period = d.end_from_period = true;
    return d;
  }
  if (rules_.first("deadlines.continuous", text)) {
    // Bounded by the years it names ("в течение 2023–2024 гг."), else by
    // its year row, else by the roadmap period (SCHEMA.md).
    d.kind = "continuous";
    std::vector<int> years = years_in(text);
    if (!years.empty()) {
      d.start = year_start(*std::min_element(years.begin(), years.end()));
      d.end = year_end(*std::max_element(years.begin(), years.end()));
    } else if (context_year) {
      d.start = year_start(context_year);
      d.end = year_end(context_year);
    } else {
      d.start_from_period = d.end_from_period = true;
    }
    return d;
  }
  if (repeated_yearly(text, d)) return d;
  if (structural(text, context_year, d)) return d;
  d.kind = "unknown";
  return d;
}

// "IV квартал 2024 г., IV квартал 2025 г.", "март 2024, март 2025": the same
// slot listed for several years is a yearly series over those years.
bool DeadlineParser::repeated_yearly(const std::string& text, Deadline& d) const {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == ',' || text[i] == ';') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 2) return false;
  std::vector<Deadline> each;
  std::set<std::string> slots, years;
  for (const std::string& part : parts) {
    Deadline one;
    if (!structural(part, 0, one) || !one.start || !one.end || one.year_from_period) return false;
    if (one.kind != "month" && one.kind != "quarter" && one.kind != "date") return false;
    slots.insert(one.kind + one.start->substr(4) + one.end->substr(4));
    years.insert(one.start->substr(0, 4));
    each.push_back(std::move(one));
  }
  if (slots.size() != 1 || years.size() != each.size()) return false;
  d.kind = "recurring";
  d.frequency = "yearly";
  if (each.front().kind == "month") d.months = {std::stoi(each.front().start->substr(5, 2))};
  d.start = each.front().start;
  d.end = each.back().end;
  return true;
}

void DeadlineParser::apply_period(Deadline& d, const std::optional<std::string>& start,
                                  const std::optional<std::string>& end) {
  if (d.start_from_period) d.start = start;
  if (d.end_from_period) d.end = end;
  if (d.year_from_period && start) {
    const std::string year = start->substr(0, 4);
    auto fix = [&](std::optional<std::string>& date) {
      if (date && date->rfind("0000", 0) == 0) {
        std::string fixed = year + date->substr(4);
        int y = std::stoi(year), mo = std::stoi(fixed.substr(5, 2)), day = std::stoi(fixed.substr(8, 2));
        if (mo == 2 && day >= 28) fixed = calendar::month_end(y, 2);
        date = fixed;
      }
    };
    fix(d.start);
    fix(d.end);
  }
  d.start_from_period = d.end_from_period = d.year_from_period = false;
}

}  // namespace karta
