// karta export --xlsx: the measures as one typed sheet (libxlsxwriter, in
// the karta-xlsx module: write/xlsx_sheet).
// Ids like 1.1.1 and deadline texts like «Апрель 2023» are written as text
// cells, so no spreadsheet turns them into dates or numbers; period bounds
// are real dates; numbers of directions and system measures are numbers.
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "karta/export.hpp"
#include "karta/output_error.hpp"
#include "model/loadable_module.hpp"
#include "write/measure_walk.hpp"
#include "write/xlsx_sheet.hpp"

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
  Sheet(const XlsxSheetFunctions& xlsx, void* book) : xlsx_(xlsx), book_(book) {}
  void header(const std::vector<const char*>& names) {
    for (const char* n : names) xlsx_.header(book_, row_, col_++, n);
    next_row();
  }
  void text(const std::string& s) {
    if (!s.empty()) xlsx_.text(book_, row_, col_, s.c_str());
    ++col_;
  }
  void text(const std::optional<std::string>& s) { text(s.value_or("")); }
  void number(const std::optional<int>& n) {
    if (n) xlsx_.number(book_, row_, col_, *n);
    ++col_;
  }
  void date(const std::optional<std::string>& iso) {
    int y = 0, m = 0, d = 0;
    if (iso && std::sscanf(iso->c_str(), "%4d-%2d-%2d", &y, &m, &d) == 3) xlsx_.date(book_, row_, col_, y, m, d);
    ++col_;
  }
  void next_row() {
    ++row_;
    col_ = 0;
  }
  std::uint32_t rows() const { return row_; }

 private:
  const XlsxSheetFunctions& xlsx_;
  void* book_;
  std::uint32_t row_ = 0;
  std::uint16_t col_ = 0;
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
  const XlsxSheetFunctions* xlsx = nullptr;
  try {
    xlsx = &xlsx_sheet();
  } catch (const ModuleUnavailable& e) {
    throw OutputError(path, e.what());
  }
  const std::string temp = path + ".karta-tmp-" + std::to_string(::getpid());
  void* book = xlsx->open(temp.c_str(), "measures");
  if (!book) throw OutputError(path, "cannot create the workbook");
  Sheet sheet(*xlsx, book);
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
  if (const char* error = xlsx->close(book, sheet.rows() > 1 ? sheet.rows() - 1 : 0,
                                      static_cast<std::uint16_t>(kColumns.size() - 1))) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, error);
  }
  std::filesystem::rename(temp, target, ec);
  if (ec) {
    std::filesystem::remove(temp, ec);
    throw OutputError(path, ec.message());
  }
}

}  // namespace karta
