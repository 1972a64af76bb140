// Tables whose row boundaries an export lost (ГАРАНТ's one cell per line with
// no blank lines; docs.cntd.ru's one paragraph per cell) give, once the
// roadmap stage has cut them, the same rows and cell texts as the same table
// written tab-separated.
#include <gtest/gtest.h>

#include "karta/extract.hpp"
#include "karta/read.hpp"
#include "roadmap/cell_stream.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(source_path("rules"));
  return set;
}

std::vector<std::vector<std::string>> tab_grid(const std::string& text) { return single_table_grid("tabs.txt", text); }

// Deadline first, then measure, responsible, result; a section row; a cell
// over two lines; an empty result cell.
const std::string kTabs =
    "Срок исполнения\tНаименование мероприятия\tОтветственный исполнитель\tОжидаемый результат\n"
    "I. Нормативное обеспечение\t\t\t\n"
    "январь 2025 г.\tПодготовка проекта приказа о наставничестве\tМинистерство образования Омской области\tприказ\n"
    "до 1 марта 2025 г.\tСоздание реестра наставников\tБОУ ДПО «ИРООО»\t\n"
    "ежеквартально\tМониторинг\tМуниципальные органы управления образованием\tаналитическая справка\n";

TEST(CellStream, GarantOneCellPerLineWithoutBlankLinesCutsLikeTheTabTable) {
  const std::string garant =
      "План мероприятий\n"
      "Срок исполнения |\nНаименование мероприятия |\nОтветственный исполнитель |\nОжидаемый результат |\n"
      "I. Нормативное обеспечение | |||\n"
      "январь 2025 г. |\nПодготовка проекта приказа\nо наставничестве |\nМинистерство образования Омской области |\nприказ |\n"
      "до 1 марта 2025 г. |\nСоздание реестра наставников |\nБОУ ДПО «ИРООО» |\n|\n"
      "ежеквартально |\nМониторинг |\nМуниципальные органы управления образованием |\nаналитическая справка |\n";
  ReadResult r = read_bytes("garant.txt", garant);
  ASSERT_TRUE(r.ok());
  auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 1u);
  ASSERT_TRUE(ts[0]->cell_stream);
  auto cut = rows_from_cell_stream(ts[0]->rows.front().cells, rules());
  ASSERT_TRUE(cut.has_value());
  const auto got = table_grid(*cut);
  EXPECT_EQ(got, tab_grid(kTabs));
  EXPECT_EQ(got[2][1], "Подготовка проекта приказа о наставничестве") << "a cell over two lines, joined";
  EXPECT_EQ(got[3][3], "") << "a bare | is an empty cell";
  EXPECT_EQ(cut->rows[1].cells.size(), 1u) << "the section row spans the table";
  EXPECT_EQ(cut->rows[1].cells[0].col_span, 4);
}

// Numbered, measure → responsible → result → deadline, one paragraph per
// cell; a section paragraph between numbered rows; prose after the table.
TEST(CellStream, CntdParagraphPerCellCutsLikeTheTabTable) {
  const std::string tabs =
      "N п/п\tНаименование мероприятия\tОтветственные исполнители\tРезультат\tСроки реализации\n"
      "1.\tКадровое обеспечение\t\t\t\n"
      "1.1\tОтбор тьюторов\tМинпросвещения Чувашии\tсписок тьюторов\t2025 год\n"
      "1.2\tОбучение тьюторов\tЧРИО\tудостоверения\tIII квартал 2025 г.\n"
      "2.\tИнформационное сопровождение\t\t\t\n"
      "2.1\tВедение раздела на сайте\tЧРИО\tраздел сайта\tпостоянно\n";
  const std::string cntd =
      "Приложение\n\nN п/п\n\nНаименование мероприятия\n\nОтветственные исполнители\n\nРезультат\n\n"
      "Сроки реализации\n\n1.\n\nКадровое обеспечение\n\n1.1\n\nОтбор тьюторов\n\nМинпросвещения Чувашии\n\n"
      "список тьюторов\n\n2025 год\n\n1.2\n\nОбучение тьюторов\n\nЧРИО\n\nудостоверения\n\nIII квартал 2025 г.\n\n"
      "2.\n\nИнформационное сопровождение\n\n2.1\n\nВедение раздела на сайте\n\nЧРИО\n\nраздел сайта\n\nпостоянно\n\n"
      "Министр образования Чувашской Республики Д.А. Захаров\n";
  ReadResult r = read_bytes("cntd.txt", cntd);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(tables(r.document).empty()) << "the reader sees only paragraphs";
  std::size_t start = 0;
  while (start < r.document.blocks.size() &&
         std::get<Paragraph>(r.document.blocks[start]).text != "N п/п") ++start;
  std::size_t consumed = 0;
  auto cut = table_from_paragraphs(r.document.blocks, start, rules(), consumed);
  ASSERT_TRUE(cut.has_value());
  auto grid = table_grid(*cut);
  auto expected = tab_grid(tabs);
  // A section row «1.» «Кадровое обеспечение» is cut short at the next row's
  // number (1.1), so it lands as in the tab table.
  EXPECT_EQ(grid, expected);
  EXPECT_EQ(consumed, 24u) << "the signature after the table is not a cell";
}

TEST(CellStream, BothLayoutsExtractTheSameMeasuresAsTheTabTable) {
  const std::string head = "Дорожная карта по внедрению наставничества в Омской области на 2025 год\n\n";
  const FileExtraction tabs = extract_bytes("tabs.txt", head + kTabs, rules());
  std::string garant = head;
  for (const auto& row : tab_grid(kTabs))
    for (const auto& cell : row) garant += cell + " |\n";
  const FileExtraction stream = extract_bytes("garant.txt", garant, rules());
  ASSERT_TRUE(tabs.ok() && stream.ok());
  ASSERT_EQ(tabs.extraction.roadmaps.size(), 1u);
  ASSERT_EQ(stream.extraction.roadmaps.size(), 1u);
  auto measures = [](const Extraction& x) {
    std::vector<std::string> out;
    for (const Measure& m : all_measures(x)) {
      std::string who;
      for (const auto& r : m.responsible) who += r.text + ";";
      out.push_back(m.id + "|" + m.title + "|" + m.deadline.kind + "|" + m.deadline.end.value_or("") + "|" + who + "|" +
                    m.result.text);
    }
    return out;
  };
  EXPECT_EQ(measures(stream.extraction), measures(tabs.extraction));
  EXPECT_EQ(measures(tabs.extraction).size(), 3u);
}

// Found by bench/reader_scaling.py: a heading right above the header that
// speaks the column vocabulary («План мероприятий») is not its first cell.
TEST(CellStream, AHeadingAboveTheHeaderIsNotAColumn) {
  for (const char* first : {"N п/п\n\n", ""}) {
    const std::string text = std::string("План мероприятий по профориентации\n\n") + first +
                             "Наименование мероприятия\n\nСрок\n\nОтветственный\n\n" +
                             (*first ? "1.\n\n" : "") + "Ярмарка профессий\n\nапрель 2025 г.\n\nЦентр занятости\n\n" +
                             (*first ? "2.\n\n" : "") + "Экскурсии на предприятия\n\nмай 2025 г.\n\nМинобразования\n";
    const FileExtraction f = extract_bytes("plan.txt", text, rules());
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f.extraction.roadmaps.size(), 1u) << first;
    std::vector<std::string> titles;
    for (const Measure& m : all_measures(f.extraction)) titles.push_back(m.title + "|" + m.deadline.text);
    EXPECT_EQ(titles, (std::vector<std::string>{"Ярмарка профессий|апрель 2025 г.", "Экскурсии на предприятия|май 2025 г."}))
        << (*first ? "numbered" : "without a number column");
  }
}

TEST(CellStream, ProseThatNamesAColumnIsNotATable) {
  ReadResult r = read_bytes("prose.txt", "Срок исполнения\n\nпродлён до конца года по просьбе школ.\n\nИное.\n");
  std::size_t consumed = 0;
  EXPECT_FALSE(table_from_paragraphs(r.document.blocks, 0, rules(), consumed).has_value());
}

}  // namespace
}  // namespace karta::test
