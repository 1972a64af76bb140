// The plain-text table layouts and paragraph rules of the text reader.
#include <gtest/gtest.h>

#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

Document read_text(const std::string& text) {
  ReadResult r = read_bytes("t.txt", text);
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->what() : "");
  EXPECT_EQ(r.format, Format::text);
  return r.document;
}

Table only_table(const Document& d) {
  auto ts = tables(d);
  EXPECT_EQ(ts.size(), 1u);
  return ts.empty() ? Table{} : *ts.front();
}

TEST(TextReader, TabTableWithPageBreakContinuationAndSeparator) {
  Document d = read_text(
      "План мероприятий\n\n"
      "Мероприятие\tОтветственный\tСрок\n"
      "--\t---\t---\n"
      "Разработка положения о\tДОН ТО\tАпрель 2023\n"
      "\n"
      "региональной системе\t\t\n"
      "Мониторинг\tЦНППМ\tМай 2023\n");
  Table t = only_table(d);
  ASSERT_EQ(t.columns, 3);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].cells[0].text, "Разработка положения о региональной системе");
  EXPECT_EQ(t.rows[1].pos.line_first, 5);
  EXPECT_EQ(t.rows[1].pos.line_last, 7);
  EXPECT_EQ(t.rows[2].cells[1].text, "ЦНППМ");
}

TEST(TextReader, CapitalisedRowAfterPageBreakIsANewRow) {
  Table t = only_table(read_text("А\tБ\tВ\nПервый\tx\ty\n\nВторой\tz\tw\n"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].cells[0].text, "Второй");
}

TEST(TextReader, HeadingsBetweenRowsBecomeSpanningRows) {
  Table t = only_table(read_text(
      "Мероприятие\tСрок\tОтветственный\n"
      "Первое\t2023\tДОН\n\n"
      "Направление 2\n\n"
      "«Непрерывное повышение мастерства»\n\n"
      "Второе\t2024\tЦНППМ\n"));
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_EQ(t.rows[2].cells.size(), 1u);
  EXPECT_EQ(t.rows[2].cells[0].col_span, 3);
  EXPECT_EQ(t.rows[2].cells[0].text, "Направление 2");
  EXPECT_EQ(t.rows[3].cells[0].text, "«Непрерывное повышение мастерства»");
}

TEST(TextReader, ProseAfterATableStaysProse) {
  Document d = read_text("А\tБ\nв\tг\nд\tе\n\nКонтроль за исполнением оставляю за собой.\n");
  ASSERT_EQ(d.blocks.size(), 2u);
  auto ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0]->text, "Контроль за исполнением оставляю за собой.");
}

TEST(TextReader, PipeRows) {
  Table t = only_table(read_text(
      "| N п/п | Мероприятие | Срок |\n"
      "|---|---|---|\n"
      "| 1. | Разработка плана | 2023 |\n"
      "| 2. | Мониторинг | 2024 |\n"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.columns, 3);
  EXPECT_EQ(t.rows[2].cells[1].text, "Мониторинг");
}

TEST(TextReader, OneCellPerLineExport) {
  Table t = only_table(read_text(
      "Мероприятие |\nСрок |\nОтветственный |\n\n"
      "Направление 1 |\n\n"
      "Разработка\nположения |\nАпрель 2023 |\nДОН ТО |\n\n"
      "Мониторинг |\nМай 2023 |\nЦНППМ |\n"));
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(t.columns, 3);
  EXPECT_EQ(t.rows[1].cells[0].col_span, 3);
  EXPECT_EQ(t.rows[2].cells[0].text, "Разработка положения");
  EXPECT_EQ(t.rows[3].cells[2].text, "ЦНППМ");
}

TEST(TextReader, OneCellPerLineKeepsEmptyCellsInPlace) {
  // A lone "|" is an empty cell: without it the next cells would shift left.
  Table t = only_table(read_text(
      "Системное |\nМероприятие |\nСрок |\n\n"
      "1. Разработка |\nПервое |\nАпрель 2023 |\n\n"
      "|\nВторое |\nМай 2023 |\n"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(table_grid(t)[2], (std::vector<std::string>{"", "Второе", "Май 2023"}));
}

TEST(TextReader, BoxDrawingTable) {
  Table t = only_table(read_text(
      "┌────┬──────────────┬──────────┐\n"
      "│ N  │ Мероприятие  │ Срок     │\n"
      "├────┼──────────────┼──────────┤\n"
      "│ 1. │ Разработка   │ Апрель   │\n"
      "│    │ положения    │ 2023     │\n"
      "├────┼──────────────┼──────────┤\n"
      "│ 2. │ Мониторинг   │ Май 2023 │\n"
      "└────┴──────────────┴──────────┘\n"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].cells[1].text, "Разработка положения");
  EXPECT_EQ(t.rows[1].cells[2].text, "Апрель 2023");
  EXPECT_EQ(t.rows[2].cells[0].text, "2.");
}

TEST(TextReader, BlankLineSeparatedParagraphsKeepTheirLines) {
  Document d = read_text("ПРИКАЗ\n\nО внесении изменений\nв приказ\n\n1. Внести изменения.\n");
  auto ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[1]->text, "О внесении изменений\nв приказ");
  EXPECT_EQ(ps[1]->pos.line_first, 3);
  EXPECT_EQ(ps[1]->pos.line_last, 4);
}

TEST(TextReader, LineSeparatedParagraphs) {
  Document d = read_text("Первый абзац.\nВторой абзац.\nТретий абзац.\n");
  EXPECT_EQ(paragraphs(d).size(), 3u);
}

TEST(TextReader, ASingleTabLineIsNotATable) {
  Document d = read_text("От 08.06.2023\t№ 1971\n\nг. Кемерово\n");
  EXPECT_TRUE(tables(d).empty());
  EXPECT_EQ(paragraphs(d).front()->text, "От 08.06.2023\t№ 1971");
}

TEST(TextReader, CrlfAndLoneCrAreLineBreaks) {
  Table t = only_table(read_text("А\tБ\r\nв\tг\rд\tе\r\n"));
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[2].cells[1].text, "е");
}

TEST(TextReader, OverlongLineIsRefusedClearly) {
  ReadOptions options;
  options.max_line_bytes = 100;
  ReadResult r = read_bytes("long.txt", std::string(300, 'a'), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::too_large);
  EXPECT_NE(std::string(r.error->what()).find("long.txt: line 1"), std::string::npos);
}

}  // namespace
}  // namespace karta::test
