// The PDF reader's contract at its edges: text comes out of a text layer,
// a PDF without one is a scan and fails saying so, a damaged file fails or
// reads but never crashes; the layout of words into lines and paragraphs.
#include <gtest/gtest.h>

#include "karta/read.hpp"
#include "read/pdf_layout.hpp"
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

}  // namespace
}  // namespace karta::test
