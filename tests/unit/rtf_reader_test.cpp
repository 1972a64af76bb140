// The RTF reader on what Word and the legal systems write and LibreOffice's
// own conversions do not show: windows-1251 bytes (\'hh) under \ansicpg1251
// and \fcharset204 fonts, \uN with its fallback, fields, skipped
// destinations, vertical and horizontal merges, a grid from uneven cell
// edges, nested tables, list numbers; and the limits.
#include <gtest/gtest.h>

#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

// windows-1251 bytes of a UTF-8 string, written as RTF \'hh escapes.
std::string cp1251(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const unsigned char c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    unsigned code = 0;
    if ((c & 0xF0) == 0xE0) {
      code = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3F) << 6) |
             (static_cast<unsigned char>(utf8[i + 2]) & 0x3F);
      i += 3;
    } else {
      code = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3F);
      i += 2;
    }
    unsigned byte = 0;
    if (code >= 0x410 && code <= 0x44F) byte = code - 0x410 + 0xC0;
    else if (code == 0x401) byte = 0xA8;
    else if (code == 0x451) byte = 0xB8;
    else if (code == 0xAB) byte = 0xAB;
    else if (code == 0xBB) byte = 0xBB;
    else if (code == 0x2116) byte = 0xB9;
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\'%02x", byte);
    out += hex;
  }
  return out;
}

const std::string kHead =
    "{\\rtf1\\ansi\\ansicpg1251\\deff0\\deflang1049"
    "{\\fonttbl{\\f0\\froman\\fcharset204\\fprq2 Times New Roman;}{\\f1\\fnil\\fcharset2 Symbol;}}"
    "{\\colortbl;\\red0\\green0\\blue0;}"
    "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1;}}"
    "{\\info{\\title " + cp1251("Заголовок из свойств") + "}{\\creatim\\yr2024\\mo3\\dy5}}"
    "{\\*\\generator Microsoft Word 11.0.8237;}"
    "{\\header \\pard\\plain " + cp1251("Колонтитул страницы") + "\\par}\n";

ReadResult read_rtf(const std::string& body) { return read_bytes("act.rtf", kHead + body + "}"); }

std::vector<std::string> texts(const Document& d) {
  std::vector<std::string> out;
  for (const Paragraph* p : paragraphs(d)) out.push_back(p->text);
  return out;
}

TEST(RtfReader, CodePageBytesUnicodeAndSpecialCharacters) {
  const ReadResult r = read_rtf(
      "\\pard\\plain\\f0\\fs28 " + cp1251("ПРАВИТЕЛЬСТВО ПСКОВСКОЙ ОБЛАСТИ") + "\\par\n"
      "\\pard " + cp1251("от 12.03.2024 № 77-р") + "\\par\n"
      // \uc1: one fallback byte after each \uN; \~; \emdash (its space is its
      // delimiter); a surrogate pair (U+1F52C).
      "\\pard\\uc1\\u1054?\\u1073? " + cp1251("утверждении") + "\\~\\u171?" + cp1251("плана") + "\\u187?\\emdash "
      "\\u-10179?\\u-8916?\\par\n"
      "\\pard " + cp1251("первая строка") + "\\line " + cp1251("вторая") + "\\tab " + cp1251("после табуляции") + "\\par\n"
      // A field: its instruction is not text, its result is.
      "\\pard {\\field{\\*\\fldinst HYPERLINK \"http://example.org\"}{\\fldrslt " + cp1251("ссылка") + "}}\\par\n"
      // A picture with binary data that holds braces and backslashes.
      "\\pard {\\pict\\pngblip\\bin5 {\\}{}}" + cp1251("после рисунка") + "\\par\n");
  ASSERT_TRUE(r.ok()) << r.error->what();
  EXPECT_EQ(r.format, Format::rtf);
  EXPECT_EQ(texts(r.document),
            (std::vector<std::string>{"ПРАВИТЕЛЬСТВО ПСКОВСКОЙ ОБЛАСТИ", "от 12.03.2024 № 77-р",
                                      "Об утверждении\xC2\xA0«плана»—\xF0\x9F\x94\xAC",
                                      "первая строка\nвторая\tпосле табуляции", "ссылка", "после рисунка"}));
}

TEST(RtfReader, MergedCellsAndUnevenEdgesGiveTheDocxGrid) {
  auto cell = [](const std::string& t) { return "\\pard\\intbl " + cp1251(t) + "\\cell "; };
  const std::string header =
      "\\trowd\\trgaph108\\trleft0\\trhdr\\cellx700\\cellx5000\\cellx7000\\cellx9500" + cell("№ п/п") +
      cell("Наименование мероприятия") + cell("Срок") + cell("Исполнитель") + "\\row\n";
  // A section row as one wide cell (no merge flags, just the edge at 9500).
  const std::string section = "\\trowd\\trleft0\\cellx9500" + cell("1. Кадровое обеспечение") + "\\row\n";
  // The executor spans two rows (\clvmgf/\clvmrg); two cells merged across (\clmgf/\clmrg).
  const std::string row1 = "\\trowd\\trleft0\\cellx700\\cellx5000\\cellx7000\\clvmgf\\cellx9500" + cell("1.1") +
                           cell("Курсы для наставников") + cell("II квартал 2024 г.") + cell("ПОИПКРО") + "\\row\n";
  const std::string row2 = "\\trowd\\trleft0\\cellx700\\clmgf\\cellx5000\\clmrg\\cellx7000\\clvmrg\\cellx9500" +
                           cell("1.2") + cell("Семинар, весь 2024 год") + cell("") + cell("") + "\\row\n";
  const ReadResult r = read_rtf("\\pard " + cp1251("План мероприятий") + "\\par\n" + header + section + row1 + row2 +
                                "\\pard " + cp1251("После таблицы") + "\\par\n");
  ASSERT_TRUE(r.ok()) << r.error->what();
  const auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 1u);
  const std::vector<std::vector<std::string>> want = {
      {"№ п/п", "Наименование мероприятия", "Срок", "Исполнитель"},
      {"1. Кадровое обеспечение", "", "", ""},
      {"1.1", "Курсы для наставников", "II квартал 2024 г.", "ПОИПКРО"},
      {"1.2", "Семинар, весь 2024 год", "", ""}};
  EXPECT_EQ(table_grid(*ts.front()), want);
  EXPECT_EQ(ts.front()->rows[1].cells[0].col_span, 4);
  EXPECT_EQ(ts.front()->rows[2].cells[3].row_span, 2);
  EXPECT_EQ(ts.front()->rows[3].cells[1].col_span, 2);
  EXPECT_TRUE(ts.front()->rows[0].header);
  EXPECT_EQ(texts(r.document), (std::vector<std::string>{"План мероприятий", "После таблицы"}));
}

TEST(RtfReader, NestedTablesGoIntoTheirCell) {
  const std::string nested =
      "\\pard\\intbl\\itap2 " + cp1251("внутри 1") + "\\nestcell " + cp1251("внутри 2") + "\\nestcell "
      "{\\*\\nesttableprops\\trowd\\cellx2000\\cellx4000\\nestrow}{\\nonesttables " + cp1251("запасной текст") + "}"
      "\\pard\\intbl\\itap1\\cell ";
  const std::string outer = "\\trowd\\cellx3000\\cellx9000\\pard\\intbl " + cp1251("снаружи") + "\\cell " + nested +
                            "\\row\n";
  const ReadResult r = read_rtf(outer + "\\pard " + cp1251("конец") + "\\par\n");
  ASSERT_TRUE(r.ok()) << r.error->what();
  const auto ts = tables(r.document);
  ASSERT_EQ(ts.size(), 1u);
  ASSERT_EQ(ts.front()->rows.size(), 1u);
  ASSERT_EQ(ts.front()->rows[0].cells.size(), 2u);
  EXPECT_EQ(ts.front()->rows[0].cells[0].text, "снаружи");
  ASSERT_EQ(ts.front()->rows[0].cells[1].tables.size(), 1u);
  EXPECT_EQ(table_grid(ts.front()->rows[0].cells[1].tables.front()),
            (std::vector<std::vector<std::string>>{{"внутри 1", "внутри 2"}}));
}

TEST(RtfReader, ListTextIsTheParagraphsNumber) {
  const ReadResult r = read_rtf("{\\*\\listtable{\\list\\listtemplateid1{\\listlevel\\levelnfc0}}}"
                                "\\pard{\\listtext\\pard\\plain 1.\\tab}" + cp1251("Утвердить план") + "\\par\n"
                                "\\pard{\\pntext\\f0 2)\\tab}" + cp1251("Контроль оставляю за собой") + "\\par\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(texts(r.document), (std::vector<std::string>{"1. Утвердить план", "2) Контроль оставляю за собой"}));
}

TEST(RtfReader, UnbalancedGroupsKeepTheTextAndWarn) {
  const ReadResult r = read_bytes("open.rtf", kHead + "\\pard " + cp1251("текст без конца") + "\\par {\\b ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(texts(r.document), (std::vector<std::string>{"текст без конца"}));
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics.front().code, "rtf.unbalanced");
}

TEST(RtfReader, LimitsNameTheFileAndTheReason) {
  const ReadResult deep = read_bytes("deep.rtf", "{\\rtf1 " + std::string(200000, '{') + "x" + std::string(200000, '}') + "}");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error->kind(), ErrorKind::too_large);
  EXPECT_NE(std::string(deep.error->what()).find("deep.rtf: RTF line 1: groups nested deeper than"), std::string::npos);

  const ReadResult bin = read_bytes("bin.rtf", "{\\rtf1 {\\pict\\bin2000000000 abc}}");
  ASSERT_FALSE(bin.ok());
  EXPECT_NE(std::string(bin.error->what()).find("past the end of the file"), std::string::npos);

  const ReadResult word = read_bytes("word.rtf", "{\\rtf1 \\" + std::string(40, 'a') + " x}");
  ASSERT_FALSE(word.ok());
  EXPECT_NE(std::string(word.error->what()).find("a control word of 40 letters"), std::string::npos);

  const ReadResult digits = read_bytes("digits.rtf", "{\\rtf1 \\u12345678901 x}");
  ASSERT_FALSE(digits.ok());
  EXPECT_NE(std::string(digits.error->what()).find("more than 10 digits"), std::string::npos);
}

// LibreOffice's RTF of the corpus documents and a fixture gives the grid
// their DOCX gives (tests/renderings/office, tests/fixtures/src/office_renderings.py).
TEST(RtfReader, LibreOfficeRtfOfTheCorpusGivesItsDocxTables) {
  for (const std::string stem : {"kuzbass-order-2023-1971", "tyumen-roadmap-2023"}) {
    const ReadResult docx = read_bytes("a.docx", slurp(source_path("corpus/" + stem + ".docx")));
    const ReadResult rtf = read_bytes("a.rtf", slurp(source_path("tests/renderings/office/" + stem + ".lo.rtf")));
    ASSERT_TRUE(docx.ok() && rtf.ok()) << stem;
    const auto a = tables(docx.document), b = tables(rtf.document);
    ASSERT_EQ(a.size(), b.size()) << stem;
    for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(table_grid(*a[i]), table_grid(*b[i])) << stem << " table " << i;
  }
}

}  // namespace
}  // namespace karta::test
