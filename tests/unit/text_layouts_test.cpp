// Text layouts of legal portals (DESIGN.md §2a) give the same table as the
// same rows written tab-separated: pipe rows whose border style is the
// table's, rows broken over lines, fillers after section rows; and a
// two-level header whose sub-columns a role spans.
#include <gtest/gtest.h>

#include "karta/extract.hpp"
#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

// Responsible before deadline; a section with its filler; a row without a
// number; a measure broken over two lines.
const std::string kTabs =
    "N п/п\tНаименование мероприятия\tОтветственный\tСрок реализации\tИтоговый документ\n"
    "1. Кадры\t\t\t\t\n"
    "1.1\tОтбор тьюторов\tКОИРО\tмарт 2025 г.\tреестр\n"
    "\tСеминар для тьюторов\tКОИРО\tмай 2025 г.\tсправка\n"
    "1.2\tОбучение тьюторов по программе «Наставник»\tМинобрнауки Кузбасса\tсентябрь 2025 г.\tудостоверения\n";

TEST(TextLayouts, PipeRowsWithoutLeadingBorderKeepTheEmptyFirstCell) {
  const std::string pipes =
      "N п/п | Наименование мероприятия | Ответственный | Срок реализации | Итоговый документ |\n"
      "1. Кадры | ||||\n"
      "1.1 | Отбор тьюторов | КОИРО | март 2025 г. | реестр |\n"
      " | Семинар для тьюторов | КОИРО | май 2025 г. | справка |\n"
      "1.2 | Обучение тьюторов по программе\n"
      "«Наставник» | Минобрнауки Кузбасса | сентябрь 2025 г. | удостоверения |\n";
  EXPECT_EQ(single_table_grid("pipes.txt", pipes), single_table_grid("tabs.txt", kTabs));
}

TEST(TextLayouts, BorderedPipeRowsStripTheirBorders) {
  const std::string pipes =
      "| N п/п | Наименование мероприятия | Ответственный | Срок реализации | Итоговый документ |\n"
      "| 1. Кадры | | | | |\n"
      "| 1.1 | Отбор тьюторов | КОИРО | март 2025 г. | реестр |\n"
      "| | Семинар для тьюторов | КОИРО | май 2025 г. | справка |\n"
      "| 1.2 | Обучение тьюторов по программе «Наставник» | Минобрнауки Кузбасса | сентябрь 2025 г. | удостоверения |\n";
  EXPECT_EQ(single_table_grid("bordered.txt", pipes), single_table_grid("tabs.txt", kTabs));
}

// Deadline first; cells spread over the physical lines of their column.
const std::string kBoxTabs =
    "Срок\tМероприятие\tОтветственный\n"
    "март 2025 г.\tСоздание рабочей группы по наставничеству\tДепартамент образования Ярославской области\n"
    "II квартал 2025 г.\tСеминар\tГАУ ДПО ЯО ИРО\n";

TEST(TextLayouts, AsciiBoxTableWithCellsOverSeveralLines) {
  const std::string box =
      "+--------------+---------------------------+-----------------------------+\n"
      "| Срок         | Мероприятие               | Ответственный               |\n"
      "+--------------+---------------------------+-----------------------------+\n"
      "| март 2025 г. | Создание рабочей группы   | Департамент образования     |\n"
      "|              | по наставничеству         | Ярославской области         |\n"
      "+--------------+---------------------------+-----------------------------+\n"
      "| II квартал   | Семинар                   | ГАУ ДПО ЯО ИРО              |\n"
      "| 2025 г.      |                           |                             |\n"
      "+--------------+---------------------------+-----------------------------+\n";
  EXPECT_EQ(single_table_grid("box.txt", box), single_table_grid("tabs.txt", kBoxTabs));
}

TEST(TextLayouts, TypographicRulesDrawTheSameBox) {
  const std::string box =
      "|——————|——————|——————|\n"
      "| Срок | Мероприятие | Ответственный |\n"
      "|——————|——————|——————|\n"
      "| март 2025 г. | Создание рабочей группы | Департамент образования |\n"
      "| | по наставничеству | Ярославской области |\n"
      "|——————|——————|——————|\n"
      "| II квартал | Семинар | ГАУ ДПО ЯО ИРО |\n"
      "| 2025 г. | | |\n"
      "|——————|——————|——————|\n";
  EXPECT_EQ(single_table_grid("dashes.txt", box), single_table_grid("tabs.txt", kBoxTabs));
}

TEST(TextLayouts, BoxCollapsedOntoOneLineIsRebuiltFromItsBorders) {
  const std::string line =
      "|——————|——————|——————| | Срок | Мероприятие | Ответственный | |——————|——————|——————| "
      "| март 2025 г. | Создание рабочей группы | Департамент образования | | | по наставничеству | Ярославской области | "
      "|——————|——————|——————| | II квартал | Семинар | ГАУ ДПО ЯО ИРО | | 2025 г. | | | |——————|——————|——————|\n";
  EXPECT_EQ(single_table_grid("collapsed.txt", "Комплекс мер\n\n" + line), single_table_grid("tabs.txt", kBoxTabs));
}

TEST(TextLayouts, AMarkdownTableKeepsOneRowPerLine) {
  const std::string md =
      "| Срок | Мероприятие | Ответственный |\n|---|---|---|\n"
      "| март 2025 г. | Создание рабочей группы по наставничеству | Департамент образования Ярославской области |\n"
      "| II квартал 2025 г. | Семинар | ГАУ ДПО ЯО ИРО |\n";
  EXPECT_EQ(single_table_grid("md.txt", md), single_table_grid("tabs.txt", kBoxTabs));
}

TEST(TextLayouts, CellsBetweenLinesHoldingOnlyABarExtractLikeTheTabTable) {
  const RuleSet rules = RuleSet::load(source_path("rules"));
  const std::string head = "Комплекс мер по развитию наставничества в Ярославской области\n\n";
  std::string bars = head;
  for (const auto& row : single_table_grid("tabs.txt", kBoxTabs))
    for (const auto& cell : row) {
      // A long cell over two lines.
      const std::size_t space = cell.size() > 30 ? cell.find(' ', 20) : std::string::npos;
      bars += (space == std::string::npos ? cell : cell.substr(0, space) + "\n" + cell.substr(space + 1)) + "\n|\n";
    }
  const FileExtraction a = extract_bytes("bars.txt", bars, rules);
  const FileExtraction b = extract_bytes("tabs.txt", head + kBoxTabs, rules);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a.extraction.roadmaps.size(), 1u);
  ASSERT_EQ(b.extraction.roadmaps.size(), 1u);
  auto flat = [](const Extraction& x) {
    std::vector<std::string> out;
    for (const Measure& m : all_measures(x))
      out.push_back(m.title + "|" + m.deadline.text + "|" + (m.responsible.empty() ? "" : m.responsible[0].text));
    return out;
  };
  EXPECT_EQ(flat(a.extraction), flat(b.extraction));
  EXPECT_EQ(flat(b.extraction).size(), 2u);
}

TEST(TextLayouts, TwoLevelHeaderGivesTheDeadlineAsAPeriod) {
  const RuleSet rules = RuleSet::load(source_path("rules"));
  const std::string text =
      "План мероприятий по развитию школьного спорта в Курганской области\n\n"
      "N п/п\tМероприятие\tСрок\t\tОтветственный\n"
      "\t\tначала\tокончания\t\n"
      "1\tСпартакиада школьников\tфевраль 2025 г.\tапрель 2025 г.\tДепартамент образования и науки Курганской области\n"
      "2\tФестиваль ГТО\tмай 2025 г.\t\tИРОСТ\n";
  const FileExtraction f = extract_bytes("kurgan.txt", text, rules);
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.extraction.roadmaps.size(), 1u);
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 2u) << "the sub-header row is not a measure";
  EXPECT_EQ(measures[0].deadline.text, "февраль 2025 г. - апрель 2025 г.");   // dashes folded, as everywhere
  EXPECT_EQ(measures[0].deadline.kind, "period");
  EXPECT_EQ(measures[0].deadline.start.value_or(""), "2025-02-01");
  EXPECT_EQ(measures[0].deadline.end.value_or(""), "2025-04-30");
  EXPECT_EQ(measures[1].deadline.kind, "month");
  EXPECT_EQ(measures[0].responsible.size(), 1u);
  for (const Diagnostic& d : f.extraction.diagnostics) EXPECT_NE(d.code, "row.dropped") << d.message;
}

// Text taken from a PDF whose narrow header cells broke long words with no
// hyphen: the header still names its columns.
TEST(TextLayouts, HeaderWordsBrokenWithoutHyphenStillNameTheColumns) {
  const std::string text =
      "План мероприятий по развитию наставничества в Псковской области\n\n"
      "N п/п\tМероприя тие\tОтветстве нный исполнит ель\tСрок исполнен ия\n"
      "1\tКонкурс наставников\tПОИПКРО\tмарт 2025 г.\n"
      "2\tСеминар для наставников\tКомитет по образованию Псковской области\tмай 2025 г.\n";
  const FileExtraction f = extract_bytes("pskov.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.extraction.roadmaps.size(), 1u);
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 2u);
  EXPECT_EQ(measures[0].title, "Конкурс наставников");
  ASSERT_EQ(measures[0].responsible.size(), 1u);
  EXPECT_EQ(measures[0].responsible[0].text, "ПОИПКРО");
  EXPECT_EQ(measures[1].deadline.kind, "month");
}

// DESIGN.md §2a header wordings: the deadline column first, "Направления
// деятельности" as the measures, "Ответственные лица" and a second column
// of people ("Исполнители") as the executors; a dash names no one.
TEST(TextLayouts, DeadlineFirstAndASeparateExecutorsColumn) {
  const std::string text =
      "План мероприятий по развитию школьного театра в Костромской области на 2025 год\n\n"
      "Срок реализации мероприятия\tНаправления деятельности\tОтветственные лица\tИсполнители\tИтоговый документ\n"
      "март 2025 г.\tФестиваль школьных театров\tДепартамент образования Костромской области\tКОИРО, ОО\tприказ\n"
      "по мере необходимости\tКонсультации руководителей театров\tКОИРО\t-\tсправка\n";
  const FileExtraction f = extract_bytes("kostroma.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 2u);
  EXPECT_EQ(measures[0].title, "Фестиваль школьных театров");
  ASSERT_EQ(measures[0].responsible.size(), 1u);
  EXPECT_EQ(measures[0].responsible[0].kind, "education_authority");
  ASSERT_EQ(measures[0].executors.size(), 2u);
  EXPECT_EQ(measures[0].executors[1].text, "ОО");
  EXPECT_EQ(measures[0].deadline.kind, "month");
  EXPECT_EQ(measures[1].deadline.kind, "on_demand");
  EXPECT_TRUE(measures[1].executors.empty()) << "a dash names no one";
  EXPECT_EQ(measures[1].result.text, "справка");
}

// A section row written as a number cell and a title cell ("2. | Кадры")
// is a direction, not a measure; a row a page break split, with no number
// and no measure of its own, finishes the measure above.
TEST(TextLayouts, NumberedSectionRowsAndSplitRows) {
  const std::string text =
      "План-график развития детского технопарка в Смоленской области на 2025 год\n\n"
      "N п/п\tНаименование мероприятия\tСрок\tОтветственный\n"
      "1.\tМетодическое сопровождение\t\t\n"
      "1.1\tВебинар для педагогов дополнительного образования\tфевраль 2025 г.\tМинистерство образования и науки\n"
      "\t\t\tСмоленской области\n"
      "III\tИнфраструктура\t\t\n"
      "3.1\tЗакупка оборудования\tIII квартал 2025 г.\tСОИРО\n";
  const FileExtraction f = extract_bytes("smolensk.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.extraction.roadmaps.size(), 1u);
  const Roadmap& r = f.extraction.roadmaps[0];
  ASSERT_EQ(r.directions.size(), 2u);
  EXPECT_EQ(r.directions[0].number.value_or(0), 1);
  EXPECT_EQ(r.directions[0].title.value_or(""), "Методическое сопровождение");
  EXPECT_EQ(r.directions[1].number.value_or(0), 3);
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 2u) << "the section rows are no measures";
  ASSERT_EQ(measures[0].responsible.size(), 1u);
  EXPECT_EQ(measures[0].responsible[0].text, "Министерство образования и науки Смоленской области");
  EXPECT_EQ(measures[0].source.rows.size(), 2u);
  for (const Diagnostic& d : f.extraction.diagnostics) EXPECT_NE(d.code, "row.dropped") << d.message;
}

// A number no int holds is a clean diagnostic, not an abort; "чел." is
// one unit in a result's target and in the act's indicators.
TEST(TextLayouts, HugeNumbersAreDiagnosedAndUnitsAgree) {
  const std::string text =
      "ПРИКАЗ\n\nК 2025 году обучить не менее 40 чел. из числа молодых педагогов.\n\n"
      "План мероприятий по развитию наставничества в Тульской области на 2025 год\n\n"
      "N п/п\tМероприятие\tСрок\tОтветственный\tРезультат\n"
      "Направление 99999999999 Кадры\t\t\t\t\n"
      "1\tСеминар наставников\tмарт 2025 г.\tИПК и ППРО ТО\tобучено не менее 50 чел.\n";
  const FileExtraction f = extract_bytes("tula.txt", text, repository_rules());
  ASSERT_TRUE(f.ok()) << (f.error ? f.error->what() : "");
  bool diagnosed = false;
  for (const Diagnostic& d : f.extraction.diagnostics) diagnosed = diagnosed || d.code == "section.number";
  EXPECT_TRUE(diagnosed);
  const std::vector<Measure> measures = all_measures(f.extraction);
  ASSERT_EQ(measures.size(), 1u);
  ASSERT_EQ(measures[0].result.targets.size(), 1u);
  EXPECT_EQ(measures[0].result.targets[0].unit.value_or(""), "человек");
  ASSERT_FALSE(f.extraction.document.indicators.empty());
  EXPECT_EQ(f.extraction.document.indicators[0].unit.value_or(""), "человек");
}

// A system-measure cell without a number takes it from its measures' ids
// ("3.2.1" → system measure 2 of direction 3).
TEST(TextLayouts, SystemMeasureNumbersComeFromMeasureIds) {
  const std::string text =
      "Дорожная карта по развитию инженерного образования в Томской области на 2025 год\n\n"
      "N п/п\tОсновное мероприятие\tМероприятие\tСрок\tОтветственный\n"
      "3.2.1\tРазвитие сети инженерных классов\tОткрытие инженерных классов\tсентябрь 2025 г.\tТОИПКРО\n"
      "3.2.2\t\tКонкурс проектов инженерных классов\tноябрь 2025 г.\tТОИПКРО\n";
  const FileExtraction f = extract_bytes("tomsk.txt", text, repository_rules());
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f.extraction.roadmaps.size(), 1u);
  ASSERT_FALSE(f.extraction.roadmaps[0].directions.empty());
  const auto& sms = f.extraction.roadmaps[0].directions[0].system_measures;
  ASSERT_EQ(sms.size(), 1u);
  EXPECT_EQ(sms[0].title.value_or(""), "Развитие сети инженерных классов");
  EXPECT_EQ(sms[0].number.value_or(0), 2);
  EXPECT_EQ(sms[0].measures.size(), 2u);
}

}  // namespace
}  // namespace karta::test
