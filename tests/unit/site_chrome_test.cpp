// Layout 7 of issue 13: an act saved from a portal page with its chrome
// (banners, status labels, search boxes, footers between pages) and its
// amendment notes reads as the bare act does: chrome is never the title or
// a row, and the acts a note cites are references with role amends.
#include <gtest/gtest.h>

#include "karta/extract.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

Extraction extract_text(const std::string& name, const std::string& bytes) {
  ReadResult r = read_bytes(name, bytes);
  EXPECT_TRUE(r.ok()) << name;
  return extract(r.document, repository_rules());
}

std::vector<std::string> rows(const Extraction& x) {
  std::vector<std::string> out;
  for (const Measure& m : all_measures(x)) {
    std::string row = m.id + " | " + m.title + " | " + m.deadline.text + " |";
    for (const Mention& who : m.responsible) row += " " + who.text + ";";
    out.push_back(row + " | " + m.result.text);
  }
  return out;
}

// The Tver act as its own text, without the page around it, its table
// tab-separated.
const std::string kTverBare =
    "МИНИСТЕРСТВО ОБРАЗОВАНИЯ ТВЕРСКОЙ ОБЛАСТИ\n"
    "РАСПОРЯЖЕНИЕ\n"
    "от 5 марта 2024 г. N 301-р\n"
    "г. Тверь\n"
    "О комплексе мер по развитию инженерного образования в общеобразовательных организациях Тверской области\n"
    "В целях реализации государственной программы Тверской области \"Развитие образования Тверской области\":\n"
    "1. Утвердить комплекс мер по развитию инженерного образования (далее - комплекс мер).\n"
    "Министр образования Тверской области                 Н.Е. Калабина\n"
    "Комплекс мер по развитию инженерного образования\n"
    "Срок\tN п/п\tМероприятие\tОтветственный исполнитель\tОжидаемый результат\n"
    "до 1 сентября 2024 г.\t1.\tОткрытие инженерных классов в 12 школах\t"
    "ГБОУ ДПО \"Тверской областной институт усовершенствования учителей\"\tприказ о сети инженерных классов\n"
    "ежеквартально\t2.\tМониторинг участия школьников в инженерных олимпиадах\t"
    "Министерство образования Тверской области\tаналитическая справка\n";

TEST(SiteChrome, GarantPageReadsAsTheBareAct) {
  const Extraction page = extract_text("tver.txt", slurp(source_path("tests/fixtures/chrome/tver-garant-export.txt")));
  const Extraction bare = extract_text("bare.txt", kTverBare);
  EXPECT_EQ(page.document.kind, "directive");
  ASSERT_TRUE(page.document.title);
  EXPECT_EQ(*page.document.title, *bare.document.title);
  EXPECT_EQ(page.document.title->find("ред."), std::string::npos);
  EXPECT_EQ(page.document.authority, bare.document.authority);
  EXPECT_EQ(page.document.date, "2024-03-05");
  EXPECT_EQ(page.document.number, "301-р");
  // The note broke over two lines of the export and is still one reference.
  ASSERT_EQ(page.document.references.size(), 1u);
  const Reference& note = page.document.references.front();
  EXPECT_EQ(note.role, "amends");
  EXPECT_EQ(note.type, "распоряжение");
  EXPECT_EQ(note.issuer, "Министерство образования Тверской области");
  EXPECT_EQ(note.date, "2024-05-12");
  EXPECT_EQ(note.number, "520-р");
  EXPECT_EQ(rows(page), rows(bare));
  EXPECT_EQ(rows(page).size(), 2u);
}

// Кодекс's page: status label, breadcrumbs, "(с изменениями на …)" under
// the title, the list of amending acts, a page footer between two rows of a
// paragraph-per-cell table and the portal's footer after it.
const std::string kAltaiBare =
    "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ АЛТАЙСКОГО КРАЯ\n\n"
    "ПРИКАЗ\n\n"
    "от 18 апреля 2024 года N 655\n\n"
    "Об утверждении плана-графика по созданию школьных театров\n\n"
    "В соответствии с распоряжением Правительства Алтайского края от 11.01.2024 N 3-р приказываю:\n\n"
    "План-график по созданию школьных театров\n\n"
    "NN п/п\tНаименование мероприятий\tСроки проведения\tОтветственные\n"
    "1.\tМетодические семинары для руководителей театров\tмарт - апрель 2024 года\t"
    "КАУ ДПО \"Алтайский институт развития образования имени А.М. Топорова\"\n"
    "2.\tКраевой фестиваль школьных театров\tноябрь 2024 года\tМинистерство образования и науки Алтайского края\n";

TEST(SiteChrome, KodeksPageReadsAsTheBareAct) {
  const Extraction page = extract_text("altai.txt", slurp(source_path("tests/fixtures/chrome/altai-cntd-export.txt")));
  const Extraction bare = extract_text("bare.txt", kAltaiBare);
  ASSERT_TRUE(page.document.title);
  EXPECT_EQ(*page.document.title, "Об утверждении плана-графика по созданию школьных театров");
  EXPECT_EQ(page.document.kind, "order");
  EXPECT_EQ(page.document.number, "655");
  ASSERT_EQ(page.document.references.size(), 2u);
  EXPECT_EQ(page.document.references[0].role, "amends");
  EXPECT_EQ(page.document.references[0].number, "1311");
  EXPECT_EQ(page.document.references[1].role, "basis");
  EXPECT_EQ(rows(page), rows(bare));
  EXPECT_EQ(rows(page).size(), 2u);
  EXPECT_TRUE(page.diagnostics.empty());
}

TEST(SiteChrome, ChromeInsideATableCellIsKept) {
  // A cell that happens to read like a status label is the table's text.
  const std::string text =
      "План мероприятий\n"
      "N п/п\tМероприятие\tСрок\tОтветственный\n"
      "1.\tДействующий\tмарт 2025 г.\tИРО\n";
  const Extraction x = extract_text("cell.txt", text);
  ASSERT_EQ(all_measures(x).size(), 1u);
  EXPECT_EQ(all_measures(x).front().title, "Действующий");
}

}  // namespace
}  // namespace karta::test
