// DOCX features that trip readers (DESIGN.md §3), one package per feature.
#include <gtest/gtest.h>

#include "docx_builder.hpp"
#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

ReadResult read_docx_bytes(const std::string& bytes, const ReadOptions& options = {}) {
  return read_bytes("t.docx", bytes, options);
}

Document docx_doc(const std::string& body, std::map<std::string, std::string> extra = {}) {
  ReadResult r = read_docx_bytes(docx_with_body(body, std::move(extra)));
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->what() : "");
  EXPECT_EQ(r.format, Format::docx);
  return r.document;
}

TEST(DocxReader, RunsTabsBreaksAndHyphens) {
  Document d = docx_doc(
      "<w:p><w:r><w:t>Науч</w:t></w:r><w:r><w:t>но</w:t><w:noBreakHyphen/><w:t>методи</w:t><w:softHyphen/>"
      "<w:t>ческое</w:t><w:tab/><w:t>сопровождение</w:t><w:br/><w:t>конец</w:t></w:r></w:p>");
  ASSERT_EQ(paragraphs(d).size(), 1u);
  EXPECT_EQ(paragraphs(d)[0]->text, "Научно-методическое\tсопровождение\nконец");
}

TEST(DocxReader, InsertionsKeptDeletionsAndFieldCodesLeftOut) {
  Document d = docx_doc(
      "<w:p><w:ins><w:r><w:t>новый </w:t></w:r></w:ins><w:del><w:r><w:delText>старый </w:delText></w:r></w:del>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>текст</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>");
  EXPECT_EQ(paragraphs(d)[0]->text, "новый текст");
}

TEST(DocxReader, ContentInsideWrappers) {
  Document d = docx_doc(
      "<w:sdt><w:sdtContent><w:p><w:smartTag><w:r><w:t>А</w:t></w:r></w:smartTag>"
      "<w:customXml><w:r><w:t>Б</w:t></w:r></w:customXml><w:hyperlink><w:r><w:t>В</w:t></w:r></w:hyperlink>"
      "<w:fldSimple w:instr=\"PAGE\"><w:r><w:t>Г</w:t></w:r></w:fldSimple></w:p></w:sdtContent></w:sdt>"
      "<w:p><mc:AlternateContent><mc:Choice><w:r><w:t>Д</w:t></w:r></mc:Choice>"
      "<mc:Fallback><w:r><w:t>Д</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>");
  auto ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0]->text, "АБВГ");
  EXPECT_EQ(ps[1]->text, "Д");
}

TEST(DocxReader, StyleAndAlignment) {
  Document d = docx_doc("<w:p><w:pPr><w:pStyle w:val=\"Title\"/><w:jc w:val=\"center\"/>"
                        "<w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr><w:r><w:t>ПРИКАЗ</w:t></w:r></w:p>");
  auto ps = paragraphs(d);
  EXPECT_EQ(ps[0]->text, "ПРИКАЗ");   // tab stops are not tabs
  EXPECT_EQ(ps[0]->style, "Title");
  EXPECT_EQ(ps[0]->align, "center");
}

TEST(DocxReader, MergedCellsHeaderRowsAndGridBefore) {
  Document d = docx_doc(
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + tc("Системное") + tc("Мероприятие") + tc("Срок") + "</w:tr>"
      "<w:tr>" + tc("Направление 1", "<w:gridSpan w:val=\"3\"/>") + "</w:tr>"
      "<w:tr>" + tc("1. Разработка", "<w:vMerge w:val=\"restart\"/>") + tc("Первое") + tc("2023") + "</w:tr>"
      "<w:tr>" + tc("", "<w:vMerge/>") + tc("Второе") + tc("2024") + "</w:tr>"
      "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + tc("Третье") + tc("2025") + "</w:tr>"
      "</w:tbl>");
  auto ts = tables(d);
  ASSERT_EQ(ts.size(), 1u);
  const Table& t = *ts[0];
  EXPECT_EQ(t.columns, 3);
  ASSERT_EQ(t.rows.size(), 5u);
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_TRUE(t.rows[0].cells[0].header);
  EXPECT_FALSE(t.rows[1].header);
  EXPECT_EQ(t.rows[1].cells[0].col_span, 3);
  EXPECT_EQ(t.rows[2].cells[0].row_span, 2);
  ASSERT_EQ(t.rows[3].cells.size(), 2u);   // the covered cell is absent
  EXPECT_EQ(t.rows[3].cells[0].grid_col, 1);
  EXPECT_EQ(t.rows[4].cells[0].grid_col, 1);
  auto grid = table_grid(t);
  EXPECT_EQ(grid[3], (std::vector<std::string>{"", "Второе", "2024"}));
}

TEST(DocxReader, AMergeInAnInnerColumnDoesNotShiftTheRow) {
  // The continued cell is marked, so the row is complete, not short by its
  // leading columns (which would shift "1.2" under the merged column).
  Document d = docx_doc(
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
      "<w:tr>" + tc("N") + tc("Системное") + tc("Мероприятие") + "</w:tr>"
      "<w:tr>" + tc("1.1") + tc("1. Разработка", "<w:vMerge w:val=\"restart\"/>") + tc("Первое") + "</w:tr>"
      "<w:tr>" + tc("1.2") + tc("", "<w:vMerge/>") + tc("Второе") + "</w:tr>"
      "</w:tbl>");
  const Table& t = *tables(d).at(0);
  EXPECT_EQ(t.rows[1].cells[0].row_span, 1);
  EXPECT_EQ(t.rows[1].cells[1].row_span, 2);
  EXPECT_EQ(table_grid(t)[2], (std::vector<std::string>{"1.2", "", "Второе"}));
}

TEST(DocxReader, NestedTablesAreKept) {
  Document d = docx_doc("<w:tbl><w:tr><w:tc>" + p("внешняя") +
                        "<w:tbl><w:tr>" + tc("внутренняя") + "</w:tr></w:tbl>" + p("") + "</w:tc></w:tr></w:tbl>");
  auto ts = tables(d);
  ASSERT_EQ(ts.size(), 1u);
  const Cell& outer = ts[0]->rows[0].cells[0];
  EXPECT_EQ(outer.text, "внешняя");
  ASSERT_EQ(outer.tables.size(), 1u);
  EXPECT_EQ(outer.tables[0].rows[0].cells[0].text, "внутренняя");
}

TEST(DocxReader, AutomaticNumberingIsRendered) {
  const std::string numbering = std::string("<w:numbering xmlns:w=\"") + kW + "\">"
      "<w:abstractNum w:abstractNumId=\"7\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl>"
      "</w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"8\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
      "<w:lvlText w:val=\"%1.\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"7\"/></w:num>"
      "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"8\"/></w:num></w:numbering>";
  const std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" "
      "Target=\"numbering.xml\"/></Relationships>";
  auto numbered = [](const std::string& num, int level, const std::string& text) {
    return "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) + "\"/><w:numId w:val=\"" + num +
           "\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  };
  Document d = docx_doc(numbered("4", 0, "Управление") + numbered("3", 0, "Первое") + numbered("3", 1, "Подпункт") +
                            numbered("3", 1, "Подпункт") + numbered("3", 0, "Второе") + numbered("4", 0, "Содержание") +
                            "<w:tbl><w:tr><w:tc>" + numbered("3", 1, "") + "</w:tc>" + tc("ячейка") + "</w:tr></w:tbl>",
                        {{"word/numbering.xml", numbering}, {"word/_rels/document.xml.rels", rels}});
  auto ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 6u);
  std::vector<std::string> labels;
  for (auto* p : ps) labels.push_back(p->label);
  EXPECT_EQ(labels, (std::vector<std::string>{"I.", "1.", "1.1.", "1.2.", "2.", "II."}));
  EXPECT_EQ(ps[1]->text, "Первое");
  EXPECT_EQ(tables(d)[0]->rows[0].cells[0].text, "2.1.");   // the "N п/п" column is not empty
}

TEST(DocxReader, StrictNamespaceAnyPrefixAndMainPartFromRels) {
  const std::string strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
  std::string doc = "<ns0:document xmlns:ns0=\"" + strict + "\"><ns0:body><ns0:p><ns0:r><ns0:t>Строгий</ns0:t>"
                    "</ns0:r></ns0:p></ns0:body></ns0:document>";
  std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"r\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument\" "
                     "Target=\"/content/main.xml\"/></Relationships>";
  ReadResult r = read_docx_bytes(zip_parts({{"_rels/.rels", rels}, {"content/main.xml", doc}}));
  ASSERT_TRUE(r.ok()) << r.error->what();
  EXPECT_EQ(paragraphs(r.document)[0]->text, "Строгий");
}

TEST(DocxReader, MissingMainPartNamesIt) {
  ReadResult r = read_docx_bytes(zip_parts({{"_rels/.rels", package_rels("word/main.xml")}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::missing_part);
  EXPECT_EQ(std::string(r.error->what()), "t.docx: main document part 'word/main.xml' is missing");
}

TEST(DocxReader, PartLimitCountsInflatedBytes) {
  ReadOptions small;
  small.max_part_bytes = 1000;
  ReadResult r = read_docx_bytes(docx_with_body(p(std::string(5000, 'x'))), small);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::too_large);
  EXPECT_NE(r.error->reason().find("word/document.xml"), std::string::npos);
}

TEST(DocxReader, XmlErrorsGivePartLineAndColumn) {
  std::string bad = zip_parts({{"_rels/.rels", package_rels()},
                               {"word/document.xml", std::string("<w:document xmlns:w=\"") + kW + "\">\n<w:body><w:p></w:body>"}});
  ReadResult r = read_docx_bytes(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::xml_error);
  EXPECT_EQ(r.error->reason().rfind("word/document.xml:2:", 0), 0u) << r.error->reason();
}

TEST(DocxReader, AMainPartOfManyChunksIsReadWhole) {
  // The main part is pulled through the inflater 64 KB at a time: every
  // paragraph, the last one included, must come out.
  std::string body;
  for (int i = 0; i < 30000; ++i) body += p("Абзац " + std::to_string(i));
  const Document d = docx_doc(body);
  ASSERT_EQ(d.blocks.size(), 30000u);
  EXPECT_EQ(std::get<Paragraph>(d.blocks.front()).text, "Абзац 0");
  EXPECT_EQ(std::get<Paragraph>(d.blocks.back()).text, "Абзац 29999");
}

TEST(DocxReader, ADamagedPartIsNamedAsDamagedEvenWhereItsXmlBreaksFirst) {
  // Stored, not deflated, so that one changed byte reaches the XML: the tag
  // no longer closes (an XML error early in the part) and the CRC no longer
  // matches (found only at the part's end). The damage is the cause.
  std::ostringstream out;
  {
    Poco::Zip::Compress zip(out, true);
    const std::map<std::string, std::string> parts = {
        {"_rels/.rels", package_rels()},
        {"word/document.xml", std::string("<w:document xmlns:w=\"") + kW + "\"><w:body>" + p("текст") +
                                  std::string(200000, ' ') + "</w:body></w:document>"}};
    for (const auto& [name, data] : parts) {
      std::istringstream in(data);
      zip.addFile(in, Poco::DateTime(2023, 1, 1), name, Poco::Zip::ZipCommon::CM_STORE);
    }
    zip.close();
  }
  std::string bytes = out.str();
  const std::size_t at = bytes.find("<w:body>");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 5] = '<';   // "<w:bo<y>": not well-formed at once
  ReadResult r = read_docx_bytes(bytes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error->kind(), ErrorKind::crc_mismatch) << r.error->what();
  EXPECT_EQ(r.error->reason(), "word/document.xml: CRC mismatch (the part is damaged)");
}

TEST(DocxReader, DepthLimitIsAnOption) {
  ReadOptions shallow;
  shallow.max_xml_depth = 5;
  std::string body;
  for (int i = 0; i < 6; ++i) body += "<w:tbl><w:tr><w:tc>";
  body += p("глубоко");
  for (int i = 0; i < 6; ++i) body += "</w:tc></w:tr></w:tbl>";
  ReadResult r = read_docx_bytes(docx_with_body(body), shallow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error->reason().find("deeper than 5"), std::string::npos);
}

TEST(DocxReader, CorpusDocxFindsItsTable) {
  ReadResult r = read_file(source_path("corpus/tyumen-roadmap-2023.docx"));
  ASSERT_TRUE(r.ok());
  auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 1u);
  EXPECT_EQ(ts[0]->columns, 6);
  EXPECT_TRUE(ts[0]->rows[0].header);
  EXPECT_EQ(ts[0]->rows[0].pos.part, "word/document.xml");
}

}  // namespace
}  // namespace karta::test
