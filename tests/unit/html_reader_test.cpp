// The HTML reader: saved portal pages with declared charsets, spans,
// line breaks in cells, nested tables, chrome that is not the act, and
// <pre> blocks that go through the text layouts.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

std::string to_cp1251(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  const int32_t n = ucnv_convert("windows-1251", "UTF-8", out.data(), static_cast<int32_t>(out.size()), utf8.data(),
                                 static_cast<int32_t>(utf8.size()), &status);
  EXPECT_TRUE(U_SUCCESS(status));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

ReadResult read_html_page(const std::string& bytes) {
  ReadResult r = read_bytes("page.htm", bytes);
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->what() : "");
  EXPECT_EQ(r.format, Format::html);
  return r;
}

const std::string kPage =
    "<!DOCTYPE html>\n<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
    "<title>Портал</title><style>td{color:red}</style><script>var x = '<table>';</script></head>\n"
    "<body><nav><a href=\"/\">Главная</a> | <a href=\"/search\">Поиск</a></nav>\n"
    "<form><input name=\"q\" value=\"Найти\"><button>Искать</button></form>\n"
    "<h1>План&nbsp;мероприятий &laquo;дорожная карта&raquo;</h1>\n"
    "<p>по   развитию\n   школьных театров</p>\n"
    "<table border=1>\n"
    "<thead><tr><th rowspan=2>N п/п</th><th rowspan=2>Мероприятие</th><th colspan=2>Срок</th>"
    "<th rowspan=2>Ответственный</th></tr>\n"
    "<tr><th>начала</th><th>окончания</th></tr></thead>\n"
    "<tbody><tr><td colspan=5>1. Организационные меры</td></tr>\n"
    "<tr><td>1.1</td><td>Создание<br>рабочей группы</td><td rowspan=2>январь 2025</td><td>март 2025</td>"
    "<td><p>Минобразования Чувашии</p><p>ЧРИО</p></td></tr>\n"
    "<tr><td>1.2</td><td>Мониторинг<table><tr><td>вложенная</td></tr></table></td><td>май 2025</td>"
    "<td>ЧРИО</td></tr></tbody></table>\n"
    "<pre>\n N | Показатель | Значение |\n 1 | Доля школ  | 30%      |\n</pre>\n"
    "</body></html>\n";

TEST(HtmlReader, Windows1251PageWithMetaCharsetDecodes) {
  ReadResult r = read_html_page(to_cp1251(kPage));
  EXPECT_EQ(r.encoding, "windows-1251");
  auto ps = paragraphs(r.document);
  ASSERT_GE(ps.size(), 2u);
  EXPECT_EQ(ps[0]->text, "План\u00a0мероприятий «дорожная карта»");
  EXPECT_EQ(ps[1]->text, "по развитию школьных театров");
}

TEST(HtmlReader, ChromeScriptsAndFormsAreNotText) {
  ReadResult r = read_html_page(kPage);
  for (auto* p : paragraphs(r.document)) {
    EXPECT_EQ(p->text.find("Главная"), std::string::npos) << p->text;
    EXPECT_EQ(p->text.find("Искать"), std::string::npos) << p->text;
    EXPECT_EQ(p->text.find("var x"), std::string::npos) << p->text;
    EXPECT_EQ(p->text.find("Портал"), std::string::npos) << p->text;
  }
}

TEST(HtmlReader, RowspanAndColspanLandOnTheGrid) {
  ReadResult r = read_html_page(kPage);
  auto ts = tables(r.document);
  ASSERT_GE(ts.size(), 1u);
  const Table& t = *ts[0];
  EXPECT_EQ(t.columns, 5);
  const auto grid = table_grid(t);
  ASSERT_EQ(grid.size(), 5u);
  EXPECT_EQ(grid[0], (std::vector<std::string>{"N п/п", "Мероприятие", "Срок", "", "Ответственный"}));
  EXPECT_EQ(grid[1], (std::vector<std::string>{"", "", "начала", "окончания", ""}));
  EXPECT_EQ(grid[2][0], "1. Организационные меры");
  EXPECT_EQ(grid[3], (std::vector<std::string>{"1.1", "Создание\nрабочей группы", "январь 2025", "март 2025",
                                                "Минобразования Чувашии\nЧРИО"}));
  // Row 4's deadline start is covered by the rowspan above: the cells after it shift right.
  EXPECT_EQ(grid[4], (std::vector<std::string>{"1.2", "Мониторинг", "", "май 2025", "ЧРИО"}));
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_FALSE(t.rows[2].header);
  ASSERT_EQ(t.rows[4].cells[1].tables.size(), 1u);
  EXPECT_EQ(table_grid(t.rows[4].cells[1].tables[0])[0][0], "вложенная");
  EXPECT_GT(t.rows[3].pos.line_first, 0);
}

TEST(HtmlReader, PreBlocksGoThroughTheTextLayouts) {
  ReadResult r = read_html_page(kPage);
  auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 2u);
  const auto grid = table_grid(*ts[1]);
  ASSERT_EQ(grid.size(), 2u);
  EXPECT_EQ(grid[1], (std::vector<std::string>{"1", "Доля школ", "30%"}));
}

TEST(HtmlReader, AFragmentWithOnlyATableIsHtml) {
  ReadResult r = read_html_page("<table><tr><td>Мероприятие</td><td>Срок</td></tr></table>");
  ASSERT_EQ(tables(r.document).size(), 1u);
}

TEST(HtmlReader, DeepNestingFailsCleanly) {
  std::string page = "<html><body>";
  for (int i = 0; i < 5000; ++i) page += "<div>";
  page += "текст</body></html>";
  ReadResult r = read_bytes("deep.html", page);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.error->what()).find("deep.html: HTML nested deeper than 256"), std::string::npos);
}

TEST(HtmlReader, AMillionNestedTagsFailQuicklyAndCleanly) {
  std::string page = "<html><body>";
  for (int i = 0; i < 1000000; ++i) page += "<div>";
  page += "x</body></html>";
  ReadResult r = read_bytes("million.html", page);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::too_large);
}

TEST(HtmlReader, EntityDefinitionsAreNeverExpanded) {
  std::string page = "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><html><body><p>&c;&c;&c;</p></body></html>";
  ReadResult r = read_bytes("laughs.html", page);
  ASSERT_TRUE(r.ok());
  for (auto* p : paragraphs(r.document)) EXPECT_EQ(p->text.find("aaaaaaaaaaaaaaaaaaaa"), std::string::npos) << p->text;
}

TEST(HtmlReader, ExternalEntitiesAreNeverLoaded) {
  ReadResult r = read_bytes("x.html",
                            "<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><html><body><p>&xxe;</p>"
                            "<table><tr><td>Мероприятие</td></tr></table></body></html>");
  if (r.ok()) {
    for (auto* p : paragraphs(r.document)) EXPECT_EQ(p->text.find("root:"), std::string::npos);
  }
}

}  // namespace
}  // namespace karta::test
