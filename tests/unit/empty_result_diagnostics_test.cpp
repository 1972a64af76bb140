// Never a silent zero: a document that names a roadmap but yields none, a
// table whose header has no measure column, a non-empty row left out and a
// row narrower than its header each say so, naming table and row.
#include <gtest/gtest.h>

#include <algorithm>

#include "karta/extract.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(source_path("rules"));
  return set;
}

Extraction extract_text(const std::string& text) {
  FileExtraction f = extract_bytes("plan.txt", text, rules());
  EXPECT_TRUE(f.ok()) << (f.error ? f.error->what() : "");
  return f.extraction;
}

const Diagnostic* find(const Extraction& x, const std::string& code) {
  auto it = std::find_if(x.diagnostics.begin(), x.diagnostics.end(), [&](const Diagnostic& d) { return d.code == code; });
  return it == x.diagnostics.end() ? nullptr : &*it;
}

TEST(EmptyResultDiagnostics, ANamedRoadmapWithoutATableSaysWhatWasFound) {
  const Extraction x = extract_text(
      "План-график внедрения целевой модели наставничества в Удмуртской Республике\n\n"
      "Показатель\tЗначение\n"
      "Доля наставников\t25%\n");
  ASSERT_TRUE(x.roadmaps.empty());
  const Diagnostic* d = find(x, "table.not_found");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("План-график внедрения целевой модели"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("1 table(s)"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find("«Показатель», «Значение»"), std::string::npos) << d->message;
}

TEST(EmptyResultDiagnostics, NoTableAtAllIsSaidToo) {
  const Extraction x = extract_text("Комплекс мер по поддержке молодых педагогов Псковской области\n\nТекст без таблиц.\n");
  const Diagnostic* d = find(x, "table.not_found");
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("no table at all"), std::string::npos) << d->message;
}

TEST(EmptyResultDiagnostics, AHeaderWithoutAMeasureColumnIsNamed) {
  const Extraction x = extract_text(
      "Дорожная карта\n\n"
      "Срок исполнения\tОтветственный исполнитель\tОжидаемый результат\n"
      "март 2025\tИРО\tприказ\n");
  const Diagnostic* d = find(x, "table.no_measure_column");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->where, "table 1");
  EXPECT_NE(d->message.find("«Срок исполнения», «Ответственный исполнитель»"), std::string::npos) << d->message;
}

TEST(EmptyResultDiagnostics, ALeftOutRowAndAShortRowAreNamed) {
  const Extraction x = extract_text(
      "План мероприятий\n\n"
      "N п/п\tНаименование мероприятия\tСрок\tОтветственный\n"
      "1.\tСоздание совета по наставничеству\tфевраль 2025\tМинобрнауки УР\n"
      "2.\t\tапрель 2025\tИРО УР\n"
      "3.\tСеминар для наставников\tмай 2025\n");
  ASSERT_EQ(x.roadmaps.size(), 1u);
  const Diagnostic* dropped = find(x, "row.dropped");
  ASSERT_NE(dropped, nullptr);
  EXPECT_EQ(dropped->where, "table 1, row 3");
  EXPECT_NE(dropped->message.find("«апрель 2025»"), std::string::npos) << dropped->message;
  const Diagnostic* narrow = find(x, "row.cell_count");
  ASSERT_NE(narrow, nullptr);
  EXPECT_EQ(narrow->where, "table 1, row 4, line 6");
  EXPECT_NE(narrow->message.find("3 cells, the table 4"), std::string::npos) << narrow->message;
}

TEST(EmptyResultDiagnostics, AWellFormedRoadmapHasNone) {
  const Extraction x = extract_text(
      "План мероприятий\n\n"
      "N п/п\tНаименование мероприятия\tСрок\tОтветственный\n"
      "1.\tСоздание совета по наставничеству\tфевраль 2025\tМинобрнауки УР\n");
  for (const char* code : {"table.not_found", "table.no_measure_column", "row.dropped", "row.cell_count"})
    EXPECT_EQ(find(x, code), nullptr) << code;
}

}  // namespace
}  // namespace karta::test
