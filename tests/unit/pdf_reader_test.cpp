// The PDF reader's contract at its edges: text comes out of a text layer,
// a PDF without one is a scan and fails saying so, a damaged file fails or
// reads but never crashes; the layout of words into lines and paragraphs.
#include <gtest/gtest.h>

#include "karta/read.hpp"
#include "read/pdf_layout.hpp"
#include "read/pdf_rulings.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

// A PDF of `pages` pages, each showing `text` (none when empty).
std::string tiny_pdf(int pages, const std::string& text) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>"};
  std::string kids;
  for (int i = 0; i < pages; ++i) kids += std::to_string(5 + i) + " 0 R ";
  objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages) + " >>");
  const std::string content = text.empty() ? "" : "BT /F1 12 Tf 72 720 Td (" + text + ") Tj ET";
  objects.push_back("<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream");
  objects.push_back("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
  for (int i = 0; i < pages; ++i)
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R "
                      "/Resources << /Font << /F1 4 0 R >> >> >>");
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t o : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", o);
    out += line;
  }
  out += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

TEST(PdfReader, TextLayerBecomesParagraphs) {
  const ReadResult r = read_bytes("plan.pdf", tiny_pdf(1, "Plan meropriyatiy"));
  ASSERT_TRUE(r.ok()) << r.error->what();
  EXPECT_EQ(r.format, Format::pdf);
  const auto ps = paragraphs(r.document);
  ASSERT_EQ(ps.size(), 1u);
  EXPECT_EQ(ps[0]->text, "Plan meropriyatiy");
}

TEST(PdfReader, AScanWithoutTextFailsSayingSo) {
  const ReadResult r = read_bytes("scan.pdf", tiny_pdf(3, ""));
  ASSERT_FALSE(r.ok());
  EXPECT_STREQ(r.error->what(), "scan.pdf: no text layer: the PDF is a scan; OCR is not supported");
}

TEST(PdfReader, ABrokenFileFailsCleanly) {
  const ReadResult r = read_bytes("cut.pdf", tiny_pdf(1, "x").substr(0, 120));
  ASSERT_FALSE(r.ok());
  EXPECT_NE(std::string(r.error->what()).find("cut.pdf: "), std::string::npos);
}

// Issue 14, acceptance 2: one table over seven pages, its header repeated
// on each, rows split by page breaks, a cell of eleven lines.
TEST(PdfReader, ATableOverSevenPagesIsItsDocxTable) {
  const std::string base = source_path("tests/fixtures/pdf/samara-three-pages");
  const auto pdf = single_table_grid("plan.pdf", slurp(base + ".pdf"));
  const auto docx = single_table_grid("plan.docx", slurp(base + ".docx"));
  ASSERT_EQ(docx.size(), 46u);
  EXPECT_EQ(pdf, docx);
}

PdfWord word(const std::string& text, double x0, double top, double size = 12) {
  return {text, x0, x0 + 6.0 * static_cast<double>(text.size()) / 2, top, top + size * 1.2, size};
}

TEST(PdfLayout, LinesJoinIntoParagraphsAndGapsSplitThem) {
  PdfPage page{595, 842, {}};
  // A justified paragraph of two full lines, a gap, a short heading line.
  for (double x = 72; x < 500; x += 40) page.words.push_back(word("слово", x, 100));
  for (double x = 72; x < 500; x += 40) page.words.push_back(word("слово", x, 114));
  page.words.push_back(word("ПРИКАЗ", 250, 160));
  Document d;
  lay_out_pdf({page}, d);
  const auto ps = paragraphs(d);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[1]->text, "ПРИКАЗ");
  EXPECT_EQ(std::count(ps[0]->text.begin(), ps[0]->text.end(), ' ') + 1, 22);
}

// ---- tables drawn with borders

// A white bitmap, one pixel a point, with dark boxes drawn on it.
struct Canvas {
  int width, height;
  std::vector<unsigned char> pixels;
  Canvas(int w, int h) : width(w), height(h), pixels(static_cast<std::size_t>(w * h), 255) {}
  void fill(int x0, int y0, int x1, int y1, unsigned char grey = 128) {
    for (int y = y0; y <= y1; ++y)
      for (int x = x0; x <= x1; ++x) pixels[static_cast<std::size_t>(y * width + x)] = grey;
  }
  PageBitmap bitmap() const { return {pixels.data(), width, height, width, 1.0}; }
};

TEST(PdfRulings, BordersMakeAGridAndMissingOnesAreMerges) {
  // Columns 10|110|210|290, rows 10|40|80|120. The header cell spans the
  // first two columns; the last column's cell spans the two body rows.
  Canvas c(300, 140);
  for (int y : {10, 40, 120}) c.fill(10, y, 290, y);
  c.fill(10, 80, 210, 80);
  c.fill(10, 10, 10, 120);
  c.fill(110, 40, 110, 120);
  c.fill(210, 10, 210, 120);
  c.fill(290, 10, 290, 120);
  c.fill(150, 50, 150, 62, 0);          // a glyph's stroke inside its word
  c.fill(20, 125, 280, 135, 200);       // shading below the table: no line
  const std::vector<PdfWord> words = {{"Ильинка", 140, 180, 48, 64, 12}};
  const std::vector<PdfRuling> lines = find_rulings(c.bitmap(), words);
  for (const PdfRuling& l : lines) EXPECT_FALSE(!l.horizontal && l.at > 140 && l.at < 160) << "the glyph's stroke";
  const std::vector<RuledGrid> grids = ruled_grids(lines);
  ASSERT_EQ(grids.size(), 1u);
  const RuledGrid& g = grids[0];
  ASSERT_EQ(g.xs.size(), 4u);
  ASSERT_EQ(g.ys.size(), 4u);
  EXPECT_NEAR(g.xs[1], 110.5, 1);
  EXPECT_NEAR(g.ys[2], 80.5, 1);
  EXPECT_FALSE(g.vertical[0][1]) << "header cell over two columns";
  EXPECT_TRUE(g.vertical[1][1]);
  EXPECT_TRUE(g.horizontal[2][0]);
  EXPECT_FALSE(g.horizontal[2][2]) << "the last column's cell spans two rows";
}

// Words of one line of a cell: left-aligned at x0, 12 pt, one per entry.
void cell_line(PdfPage& p, double x0, double top, const std::vector<std::string>& words) {
  for (const std::string& w : words) {
    p.words.push_back(word(w, x0, top));
    x0 = p.words.back().x1 + 3;
  }
}

void grid_lines(PdfPage& p, const std::vector<double>& xs, const std::vector<double>& ys) {
  for (double y : ys) p.rulings.push_back({true, y, xs.front(), xs.back()});
  for (double x : xs) p.rulings.push_back({false, x, ys.front(), ys.back()});
}

std::vector<std::vector<std::string>> laid_grid(const std::vector<PdfPage>& pages) {
  Document d;
  lay_out_pdf(pages, d);
  auto ts = tables(d);
  EXPECT_EQ(ts.size(), 1u);
  return ts.empty() ? std::vector<std::vector<std::string>>{} : table_grid(*ts.front());
}

// Cells whose words sit a space apart from the next cell's (no gutter a
// stream layout could find) and a cell whose last line stands apart (a
// second paragraph: a stream layout would start a row there) read as their
// borders say.
TEST(PdfLayout, RuledTableCellsFollowTheBorders) {
  PdfPage p{842, 595, {}};
  const std::vector<double> xs = {40, 80, 224.5, 330};
  grid_lines(p, xs, {100, 120, 200});
  cell_line(p, 42, 104, {"N"});
  cell_line(p, 82, 104, {"Мероприятие"});
  cell_line(p, 226, 104, {"Срок"});
  cell_line(p, 42, 124, {"1."});
  cell_line(p, 82, 124, {"Семинар", "для", "молодых"});
  cell_line(p, 82, 140, {"педагогов", "Великолукского"});
  cell_line(p, 82, 176, {"района"});
  cell_line(p, 226, 124, {"март", "2025"});
  const auto g = laid_grid({p});
  const std::vector<std::vector<std::string>> want = {
      {"N", "Мероприятие", "Срок"}, {"1.", "Семинар для молодых педагогов Великолукского района", "март 2025"}};
  EXPECT_EQ(g, want);
}

// Over a page break: the header the page repeats is dropped, the rest of
// a split row (its cells in lower case) joins it, and a merged cell the
// break cut goes on as one cell.
TEST(PdfLayout, RuledTableGoesOnOverThePageBreak) {
  const std::vector<double> xs = {40, 200, 360, 450};
  PdfPage one{842, 595, {}};
  grid_lines(one, xs, {100, 120, 160, 560});
  cell_line(one, 42, 104, {"Задача"});
  cell_line(one, 202, 104, {"Мероприятие"});
  cell_line(one, 362, 104, {"Срок"});
  cell_line(one, 42, 124, {"Развитие", "наставничества"});
  cell_line(one, 202, 124, {"Конкурс"});
  cell_line(one, 362, 124, {"май"});
  cell_line(one, 42, 164, {"Кадры"});
  cell_line(one, 202, 164, {"Стажировка", "педагогов"});
  cell_line(one, 362, 164, {"в", "течение"});
  PdfPage two{842, 595, {}};
  // The first column's cell goes on from page one over both rows here.
  for (double y : {40.0, 60.0, 100.0, 140.0}) two.rulings.push_back({true, y, y == 100.0 ? 200.0 : 40.0, 450});
  for (double x : xs) two.rulings.push_back({false, x, 40, 140});
  cell_line(two, 42, 44, {"Задача"});
  cell_line(two, 202, 44, {"Мероприятие"});
  cell_line(two, 362, 44, {"Срок"});
  cell_line(two, 202, 64, {"в", "Пскове"});
  cell_line(two, 362, 64, {"года"});
  cell_line(two, 202, 104, {"Вебинар"});
  cell_line(two, 362, 104, {"июнь"});
  Document d;
  lay_out_pdf({one, two}, d);
  auto ts = tables(d);
  ASSERT_EQ(ts.size(), 1u);
  const std::vector<std::vector<std::string>> want = {{"Задача", "Мероприятие", "Срок"},
                                                      {"Развитие наставничества", "Конкурс", "май"},
                                                      {"Кадры", "Стажировка педагогов в Пскове", "в течение года"},
                                                      {"", "Вебинар", "июнь"}};
  EXPECT_EQ(table_grid(*ts[0]), want);
  const Row& kadry = ts[0]->rows[2];
  ASSERT_FALSE(kadry.cells.empty());
  EXPECT_EQ(kadry.cells[0].row_span, 2) << "the merged cell the break cut";
}

// A word too long for its column, broken by the renderer with no hyphen,
// is mended where the document's own words show it ("профессиональных");
// a whole word that happens to fill its line is not glued to the next.
TEST(PdfLayout, AWordBrokenByItsColumnIsMendedAWholeOneIsNot) {
  PdfPage p{842, 595, {}};
  cell_line(p, 42, 60, {"Участвуют", "муниципальные", "методические", "службы", "и", "объединения", "профессиональных",
                        "педагогов."});
  grid_lines(p, {40, 121, 202, 260}, {100, 120, 160});
  cell_line(p, 42, 104, {"Исполнитель"});
  cell_line(p, 123, 104, {"Соисполнитель"});
  cell_line(p, 204, 104, {"Срок"});
  cell_line(p, 42, 124, {"профессиональ"});
  cell_line(p, 42, 140, {"ные", "объединения"});
  cell_line(p, 123, 124, {"муниципальные"});
  cell_line(p, 123, 140, {"методические"});
  cell_line(p, 204, 124, {"май"});
  const auto g = laid_grid({p});
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[1][0], "профессиональные объединения");
  EXPECT_EQ(g[1][1], "муниципальные методические");
}

}  // namespace
}  // namespace karta::test
