#include <gtest/gtest.h>

#include <filesystem>

#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

const std::string kW2003 = "http://schemas.microsoft.com/office/word/2003/wordml";

TEST(WordXmlReader, Word2003MergesAndLists) {
  std::string xml =
      "<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?>"
      "<w:wordDocument xmlns:w=\"" + kW2003 + "\" xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\">"
      "<w:lists><w:listDef w:listDefId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:nfc w:val=\"0\"/>"
      "<w:lvlText w:val=\"%1.\"/></w:lvl></w:listDef><w:list w:ilfo=\"1\"><w:ilst w:val=\"0\"/></w:list></w:lists>"
      "<w:body><wx:sect>"
      "<w:p><w:pPr><w:listPr><w:ilvl w:val=\"0\"/><w:ilfo w:val=\"1\"/></w:listPr></w:pPr><w:r><w:t>Пункт</w:t></w:r></w:p>"
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr><w:tc><w:tcPr><w:hmerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>Направление 1</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:tcPr><w:hmerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:hmerge/></w:tcPr><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:vmerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>1. Системное</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>Первое</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc>"
      "<w:tc><w:p><w:r><w:t>Второе</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc></w:tr>"
      "</w:tbl></wx:sect></w:body></w:wordDocument>";
  ReadResult r = read_bytes("t.xml", xml);
  ASSERT_TRUE(r.ok()) << r.error->what();
  EXPECT_EQ(r.format, Format::wordml);
  ASSERT_EQ(paragraphs(r.document).size(), 1u);
  EXPECT_EQ(paragraphs(r.document)[0]->label, "1.");
  const Table& t = *tables(r.document)[0];
  EXPECT_EQ(t.rows[0].cells.size(), 1u);
  EXPECT_EQ(t.rows[0].cells[0].col_span, 3);
  EXPECT_EQ(t.rows[1].cells[0].row_span, 2);
  EXPECT_EQ(t.rows[2].cells.size(), 2u);
}

TEST(WordXmlReader, Word2003RowsMissingMergedCellsAreRealigned) {
  // LibreOffice's Word 2003 export leaves out the cells a vertical merge covers.
  std::string xml =
      "<w:wordDocument xmlns:w=\"" + kW2003 + "\"><w:body><w:tbl>"
      "<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr><w:tc><w:p><w:r><w:t>1. Системное</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Первое</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>2023</w:t></w:r></w:p></w:tc></w:tr>"
      "<w:tr><w:tc><w:p><w:r><w:t>Второе</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc></w:tr>"
      "</w:tbl></w:body></w:wordDocument>";
  ReadResult r = read_bytes("t.xml", xml);
  ASSERT_TRUE(r.ok());
  const Table& t = *tables(r.document)[0];
  EXPECT_EQ(t.rows[0].cells[0].row_span, 2);
  EXPECT_EQ(table_grid(t)[1], (std::vector<std::string>{"", "Второе", "2024"}));
}

TEST(WordXmlReader, FlatOpcWithNumberingAfterTheDocument) {
  const std::string w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  std::string xml =
      "<?xml version=\"1.0\"?><pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">"
      "<pkg:part pkg:name=\"/word/document.xml\" pkg:contentType=\"application/vnd.openxmlformats-officedocument."
      "wordprocessingml.document.main+xml\"><pkg:xmlData><w:document xmlns:w=\"" + w + "\"><w:body>"
      "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Первый</w:t></w:r></w:p>"
      "</w:body></w:document></pkg:xmlData></pkg:part>"
      "<pkg:part pkg:name=\"/word/numbering.xml\" pkg:contentType=\"application/vnd.openxmlformats-officedocument."
      "wordprocessingml.numbering+xml\"><pkg:xmlData><w:numbering xmlns:w=\"" + w + "\">"
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"3\"/><w:numFmt w:val=\"decimal\"/>"
      "<w:lvlText w:val=\"%1)\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
      "</w:numbering></pkg:xmlData></pkg:part></pkg:package>";
  ReadResult r = read_bytes("flat.xml", xml);
  ASSERT_TRUE(r.ok()) << r.error->what();
  EXPECT_EQ(r.format, Format::flat_opc);
  ASSERT_EQ(paragraphs(r.document).size(), 1u);
  EXPECT_EQ(paragraphs(r.document)[0]->label, "3)");
  EXPECT_EQ(paragraphs(r.document)[0]->text, "Первый");
}

TEST(WordXmlReader, OtherXmlIsRefusedByName) {
  ReadResult r = read_bytes("feed.xml", "<?xml version=\"1.0\"?><rss><channel/></rss>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::unsupported_format);
  EXPECT_EQ(std::string(r.error->what()), "feed.xml: XML with root element 'rss' is not Word XML");
}

TEST(WordXmlReader, EntitiesAreNeverExpanded) {
  const std::string path = hostile_path("xxe_file_passwd.docx");
  ASSERT_TRUE(std::filesystem::exists(path)) << "missing test data: " << path;
  ReadResult r = read_file(path);
  if (r.ok()) {
    for (auto* p : paragraphs(r.document)) EXPECT_EQ(p->text.find("root:"), std::string::npos);
  }
}

}  // namespace
}  // namespace karta::test
