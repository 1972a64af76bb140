// karta export --xlsx: the measures as one typed sheet (libxlsxwriter).
// Ids like 1.1.1 and deadline texts like «Апрель 2023» are written as text
// cells, so no spreadsheet turns them into dates or numbers; period bounds
// are real dates; numbers of directions and system measures are numbers.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <filesystem>

#include "karta/export.hpp"
#include "karta/output_error.hpp"
#include "write/measure_walk.hpp"

namespace karta {
namespace {

template <typename T, typename F>
std::string joined(const std::vector<T>& list, F get) {
  std::string s;
  for (const T& v : list) {
    const std::string part = get(v);
    if (!part.empty()) s += (s.empty() ? "" : " | ") + part;
  }
  return s;
}

class Sheet {
 public:
  Sheet(lxw_workbook* book, lxw_worksheet* sheet) : sheet_(sheet) {
    date_ = workbook_add_format(book);
    format_set_num_format(date_, "yyyy-mm-dd");
    header_ = workbook_add_format(book);
    format_set_bold(header_);
  }
  void header(const std::vector<const char*>& names) {
    for (const char* n : names) worksheet_write_string(sheet_, row_, col_++, n, header_);
    next_row();
  }
  void text(const std::string& s) {
    if (!s.empty()) worksheet_write_string(sheet_, row_, col_, s.c_str(), nullptr);
    ++col_;
  }
  void text(const std::optional<std::string>& s) { text(s.value_or("")); }
  void number(const std::optional<int>& n) {
    if (n) worksheet_write_number(sheet_, row_, col_, *n, nullptr);
    ++col_;
  }
  void date(const std::optional<std::string>& iso) {
    int y = 0, m = 0, d = 0;
    if (iso && std::sscanf(iso->c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) {
      lxw_datetime when = {y, m, d, 0, 0, 0};
      worksheet_write_datetime(sheet_, row_, col_, &when, date_);
    }
    ++col_;
  }
  void next_row() {
    ++row_;
    col_ = 0;
  }
  lxw_row_t rows() const { return row_; }

 private:
  lxw_worksheet* sheet_;
  lxw_format* date_;
  lxw_format* header_;
  lxw_row_t row_ = 0;
  lxw_col_t col_ = 0;
};

const std::vector<const char*> kColumns = {
    "region", "region_name", "source", "roadmap", "direction", "direction_title", "system_measure",
    "system_measure_title", "measure_id", "title", "responsible", "responsible_entities", "responsible_kinds",
    "executors", "executor_entities", "executor_kinds", "deadline_text", "deadline_kind", "deadline_start",
    "deadline_end", "deadline_frequency", "deadline_months", "deadline_plan", "result", "result_kinds"};

}  // namespace

void write_measures_xlsx(const std::string& path, const std::vector<Extraction>& extractions) {
  const std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) {
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) throw OutputError(target.parent_path().string(), ec.message());
  }
  const std::string temp = path + ".karta-tmp-" + std::to_string(::getpid());
  lxw_workbook* book = workbook_new(temp.c_str());
  if (!book) throw OutputError(path, "cannot create the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(book, "measures");
  Sheet sheet(book, ws);
  sheet.header(kColumns);
  auto text = [](const Mention& m) { return m.text; };
  auto entity = [](const Mention& m) { return m.entity.value_or(""); };
  auto kind = [](const Mention& m) { return m.kind; };
  for (const Extraction& x : extractions) {
    const std::optional<Region>& region = x.document.region;
    for_each_measure(x, [&](const PlacedMeasure& p) {
      const Measure& m = *p.measure;
      sheet.text(region ? region->code : "");
      sheet.text(region ? region->name : "");
      sheet.text(x.source.path);
      sheet.number(static_cast<int>(p.roadmap) + 1);
      sheet.number(p.direction->number);
      sheet.text(p.direction->title);
      sheet.number(p.system_measure->number);
      sheet.text(p.system_measure->title);
      sheet.text(m.id);
      sheet.text(m.title);
      sheet.text(joined(m.responsible, text));
      sheet.text(joined(m.responsible, entity));
      sheet.text(joined(m.responsible, kind));
      sheet.text(joined(m.executors, text));
      sheet.text(joined(m.executors, entity));
      sheet.text(joined(m.executors, kind));
      sheet.text(m.deadline.text);
      sheet.text(m.deadline.kind);
      sheet.date(m.deadline.start);
      sheet.date(m.deadline.end);
      sheet.text(m.deadline.frequency);
      sheet.text(joined(m.deadline.months, [](int month) { return std::to_string(month); }));
      sheet.text(m.deadline.plan);
      sheet.text(m.result.text);
      sheet.text(joined(m.result.kinds, [](const std::string& k) { return k; }));
      sheet.next_row();
    });
  }
  worksheet_freeze_panes(ws, 1, 0);
  worksheet_autofilter(ws, 0, 0, sheet.rows() > 1 ? sheet.rows() - 1 : 0, static_cast<lxw_col_t>(kColumns.size() - 1));
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, lxw_strerror(error));
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, ec.message());
  }
}

}  // namespace karta
