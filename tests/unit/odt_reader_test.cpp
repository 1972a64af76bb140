// The OpenDocument reader: packages and Flat ODT, covered cells and spans,
// text:s / text:line-break, what is not document text (notes, the tracked
// deletions), repeat attributes that must not become bombs, and the sniff
// table telling an ODT from a zip archive of documents.
#include <gtest/gtest.h>

#include "docx_builder.hpp"
#include "karta/read.hpp"
#include "read/format_sniffer.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

const std::string kNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"";

std::string content(const std::string& text) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + kNs +
         "><office:body><office:text>" + text + "</office:text></office:body></office:document-content>";
}

std::string odt(const std::string& text, const std::string& mimetype = "application/vnd.oasis.opendocument.text") {
  return zip_parts({{"mimetype", mimetype}, {"content.xml", content(text)}});
}

const std::string kRoadmap =
    "<text:tracked-changes><text:changed-region text:id=\"c1\"><text:deletion><text:p>вычеркнуто</text:p>"
    "</text:deletion></text:changed-region></text:tracked-changes>"
    "<text:h>План  <text:s text:c=\"2\"/>мероприятий<text:note><text:note-body><text:p>сноска</text:p></text:note-body>"
    "</text:note></text:h>"
    "<table:table><table:table-column table:number-columns-repeated=\"4\"/>"
    "<table:table-header-rows><table:table-row>"
    "<table:table-cell><text:p>Срок</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-spanned=\"2\"><text:p>Мероприятие</text:p></table:table-cell>"
    "<table:covered-table-cell/>"
    "<table:table-cell><text:p>Исполнитель</text:p></table:table-cell></table:table-row></table:table-header-rows>"
    "<table:table-row><table:table-cell table:number-rows-spanned=\"2\"><text:p>II квартал 2025</text:p></table:table-cell>"
    "<table:table-cell><text:p>2.1</text:p></table:table-cell>"
    "<table:table-cell><text:p>Семинар<text:line-break/>для директоров</text:p></table:table-cell>"
    "<table:table-cell><text:p>Минпросвещения РМЭ</text:p><text:p>МарИО</text:p></table:table-cell></table:table-row>"
    "<table:table-row><table:covered-table-cell/>"
    "<table:table-cell><text:p>2.2</text:p></table:table-cell>"
    "<table:table-cell><text:p>Конкурс</text:p><table:table><table:table-row><table:table-cell><text:p>вложенная"
    "</text:p></table:table-cell></table:table-row></table:table></table:table-cell>"
    "<table:table-cell><text:p>МарИО</text:p></table:table-cell>"
    "<table:table-cell table:number-columns-repeated=\"1020\"/></table:table-row>"
    "<table:table-row table:number-rows-repeated=\"1048000\"><table:table-cell "
    "table:number-columns-repeated=\"1024\"/></table:table-row>"
    "</table:table>";

void expect_roadmap(const ReadResult& r) {
  ASSERT_TRUE(r.ok()) << (r.error ? r.error->what() : "");
  EXPECT_EQ(r.format, Format::odt);
  auto ps = paragraphs(r.document);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0]->text, "План   мероприятий");   // two spaces in the XML are one, then text:s adds two
  auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  EXPECT_EQ(t.columns, 4);
  ASSERT_EQ(t.rows.size(), 3u) << "the repeated empty rows are page padding";
  const auto grid = table_grid(t);
  EXPECT_EQ(grid[0], (std::vector<std::string>{"Срок", "Мероприятие", "", "Исполнитель"}));
  EXPECT_EQ(grid[1], (std::vector<std::string>{"II квартал 2025", "2.1", "Семинар\nдля директоров",
                                                "Минпросвещения РМЭ\nМарИО"}));
  EXPECT_EQ(grid[2], (std::vector<std::string>{"", "2.2", "Конкурс", "МарИО"}));
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_FALSE(t.rows[1].header);
  EXPECT_EQ(t.rows[1].cells[0].row_span, 2);
  EXPECT_EQ(t.rows[0].cells[1].col_span, 2);
  EXPECT_EQ(t.rows[2].cells[0].grid_col, 1) << "the covered cell is absent, the next one keeps its column";
  ASSERT_EQ(t.rows[2].cells[1].tables.size(), 1u);
  EXPECT_EQ(table_grid(t.rows[2].cells[1].tables[0])[0][0], "вложенная");
  for (const Block& b : r.document.blocks)
    if (auto* p = std::get_if<Paragraph>(&b)) {
      EXPECT_EQ(p->text.find("вычеркнуто"), std::string::npos);
      EXPECT_EQ(p->text.find("сноска"), std::string::npos);
    }
}

TEST(OdtReader, PackageWithSpansCoveredCellsAndPadding) { expect_roadmap(read_bytes("plan.odt", odt(kRoadmap))); }

TEST(OdtReader, FlatOdtReadsTheSameBody) {
  const std::string fodt = "<?xml version=\"1.0\"?><office:document " + kNs +
                           " office:mimetype=\"application/vnd.oasis.opendocument.text\"><office:body><office:text>" +
                           kRoadmap + "</office:text></office:body></office:document>";
  expect_roadmap(read_bytes("plan.fodt", fodt));
}

// The «№ п/п» column as automatic numbering (tests/fixtures/lists): each
// cell a text:list continuing the first, sub-items one level down. The
// numbers must come out as LibreOffice shows them, in the hand-written Flat
// ODT, in LibreOffice's own ODT of it and in its DOCX of it alike.
TEST(OdtReader, ListNumberingInCellsIsRenderedAsTheDocxOfTheSameFile) {
  const std::string base = source_path("tests/fixtures/lists/chelyabinsk-numbered-cells");
  const auto flat = single_table_grid("a.fodt", slurp(base + ".fodt"));
  const auto package = single_table_grid("a.odt", slurp(base + ".odt"));
  const auto word = single_table_grid("a.docx", slurp(base + ".docx"));
  ASSERT_EQ(flat.size(), 5u);
  std::vector<std::string> numbers;
  for (const auto& row : flat) numbers.push_back(row.front());
  EXPECT_EQ(numbers, (std::vector<std::string>{"№ п/п", "1.", "1.1.", "1.2.", "2."}));
  EXPECT_EQ(package, flat);
  EXPECT_EQ(word, flat);
}

TEST(OdtReader, AListOutsideTablesLabelsItsParagraphsAndANewListStartsAgain) {
  const std::string styles =
      "<office:automatic-styles><text:list-style style:name=\"L1\">"
      "<text:list-level-style-number text:level=\"1\" style:num-prefix=\"(\" style:num-suffix=\")\" "
      "style:num-format=\"i\" text:start-value=\"2\"/></text:list-style></office:automatic-styles>";
  const std::string body =
      "<text:list text:style-name=\"L1\"><text:list-item><text:p>первый</text:p></text:list-item>"
      "<text:list-header><text:p>без номера</text:p></text:list-header>"
      "<text:list-item><text:p>второй</text:p><text:p>его продолжение</text:p></text:list-item></text:list>"
      "<text:list text:style-name=\"L1\"><text:list-item><text:p>снова</text:p></text:list-item></text:list>";
  const std::string doc = "<?xml version=\"1.0\"?><office:document-content " + kNs +
                          " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\">" + styles +
                          "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
  ReadResult r = read_bytes("list.odt", zip_parts({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", doc}}));
  ASSERT_TRUE(r.ok());
  std::vector<std::string> labels;
  for (const Paragraph* p : paragraphs(r.document)) labels.push_back(p->label + "|" + p->text);
  EXPECT_EQ(labels, (std::vector<std::string>{"(ii)|первый", "|без номера", "(iii)|второй", "|его продолжение", "(ii)|снова"}));
}

TEST(OdtReader, SpreadsheetsArePolitelyRefused) {
  ReadResult r = read_bytes("book.ods", odt("", "application/vnd.oasis.opendocument.spreadsheet"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::unsupported_format);
  EXPECT_NE(std::string(r.error->what()).find("book.ods: an OpenDocument package of type"), std::string::npos);
}

TEST(OdtReader, RepeatedRowsOfContentAreBounded) {
  const std::string bomb = "<table:table><table:table-row table:number-rows-repeated=\"100000\">"
                           "<table:table-cell table:number-columns-repeated=\"1000\"><text:p>x</text:p>"
                           "</table:table-cell></table:table-row></table:table>";
  ReadResult r = read_bytes("bomb.odt", odt(bomb));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::too_large);
}

TEST(OdtReader, AZipBombInContentXmlStopsAtThePartLimit) {
  ReadOptions options;
  options.max_part_bytes = 1 << 20;
  const std::string text(8 << 20, ' ');
  ReadResult r = read_bytes("bomb.odt", odt("<text:p>" + text + "</text:p>"), options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::too_large);
}

TEST(FormatSniffer, TellsPackagesFromArchivesByContentNotNames) {
  EXPECT_EQ(sniff_input(odt("<text:p>x</text:p>")), InputKind::odt);
  EXPECT_EQ(sniff_input(docx_with_body(p("x"))), InputKind::docx);
  // An archive of documents whose folder happens to be called word/ is an archive.
  EXPECT_EQ(sniff_input(zip_parts({{"word/prikaz.docx", "x"}, {"word/readme.txt", "y"}})), InputKind::zip_archive);
  EXPECT_EQ(sniff_input(zip_parts({{"_rels/.rels", "x"}, {"a.txt", "y"}})), InputKind::zip_archive);
  EXPECT_EQ(sniff_input(zip_parts({{"_rels/.rels", package_rels("content/main.xml")}, {"content/main.xml", "<x/>"}})),
            InputKind::docx) << "no content types, but the relationships name a main document";
  EXPECT_EQ(sniff_input("<!DOCTYPE html><p>x</p>"), InputKind::html);
  EXPECT_EQ(sniff_input("<?xml version=\"1.0\"?><office:document " + kNs + "/>"), InputKind::odf_xml);
  EXPECT_EQ(sniff_input("<?xml version=\"1.0\"?><w:wordDocument/>"), InputKind::xml);
  EXPECT_EQ(sniff_input("Мероприятие | Срок |"), InputKind::text);
  EXPECT_EQ(sniff_input("{\\rtf1\\ansi}"), InputKind::rtf);
  EXPECT_EQ(sniff_input(""), InputKind::empty);
}

}  // namespace
}  // namespace karta::test
