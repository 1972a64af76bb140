#include "extract/due_quarters.hpp"

#include <algorithm>
#include <optional>

namespace karta {
namespace {

struct YearMonth {
  int year = 0, month = 0;
  int index() const { return year * 12 + month - 1; }
};

std::optional<YearMonth> year_month(const std::optional<std::string>& date) {
  if (!date || date->size() < 7) return std::nullopt;
  try {
    return YearMonth{std::stoi(date->substr(0, 4)), std::stoi(date->substr(5, 2))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string quarter(YearMonth ym) {
  return std::to_string(ym.year) + "-Q" + std::to_string((ym.month - 1) / 3 + 1);
}

std::vector<int> due_months(const Deadline& d) {
  if (!d.months.empty()) return d.months;
  const std::string f = d.frequency.value_or("");
  if (f == "half-yearly") return {6, 12};
  if (f == "quarterly" || f == "monthly" || f == "weekly") return {3, 6, 9, 12};
  return {12};
}

}  // namespace

bool spans_too_long(const Deadline& d) {
  const auto start = year_month(d.start), end = year_month(d.end);
  return start && end && end->year - start->year > kMaxDueYears;
}

std::vector<std::string> due_quarters(const Deadline& d) {
  std::vector<std::string> out;
  const auto end = year_month(d.end);
  const bool repeats = d.kind == "recurring" || (d.kind == "per_plan" && d.frequency);
  if (!repeats) {
    // On demand it is never due (SCHEMA.md); a plan says when, not the cell.
    if (end && d.kind != "unknown" && d.kind != "per_plan" && d.kind != "on_demand") out.push_back(quarter(*end));
    return out;
  }
  const auto start = year_month(d.start);
  if (!start || !end || start->index() > end->index() || spans_too_long(d)) return out;
  const std::vector<int> months = due_months(d);
  for (int year = start->year; year <= end->year; ++year) {
    bool any = false;
    for (int m : months) {
      YearMonth ym{year, m};
      if (m < 1 || m > 12 || ym.index() < start->index() || ym.index() > end->index()) continue;
      any = true;
      const std::string q = quarter(ym);
      if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
    }
    // A plan that ends mid-year still falls due once in its last year.
    if (!any && year == end->year && months.size() == 1 && months[0] > end->month) {
      const std::string q = quarter(*end);
      if (std::find(out.begin(), out.end(), q) == out.end()) out.push_back(q);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace karta
