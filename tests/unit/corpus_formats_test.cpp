// Each corpus document's .txt, .docx and .xml renderings give the same
// roadmap table: same rows, same cell texts after whitespace normalisation,
// page-break continuation rows merged, separator rows dropped.
#include <gtest/gtest.h>

#include <set>

#include "karta/read.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

using Grid = std::vector<std::vector<std::string>>;

Grid read_grid(const std::string& path) {
  ReadResult r = read_file(path);
  EXPECT_TRUE(r.ok()) << (r.error ? r.error->what() : "");
  auto ts = tables(r.document);
  EXPECT_EQ(ts.size(), 1u) << path;
  if (ts.empty()) return {};
  Grid grid = table_grid(*ts.front());
  for (auto& row : grid)
    for (auto& cell : row) cell = squash(cell);
  return grid;
}

// The renderings were typed separately and differ in wording in a few cells;
// these are differences of the sources, not of the readers. Each pair is
// (text rendering, DOCX rendering).
const std::set<std::pair<std::string, std::string>> kSourceWordingDifferences = {
    {"ТОГИРРО ЦНППМ, ЦОК, ММС", "ТОГИРРО, ЦНППМ, ЦОК, ММС"},
    {"ТОГИРРО ЦНППМ ОО ВО ПОО", "ТОГИРРО, ЦНППМ, ОО ВО, ПОО"},
    {"ТОГИРРО ОО ВО ПОО", "ТОГИРРО, ОО ВО, ПОО"},
    {"КРИПКиПРО, ЦНППМ, профессиональные образовательные организации и образовательные организации высшего "
     "образования, реализующие образовательные программы по укрупненной группе специальностей (направлений) "
     "подготовки 44.00.00 «Образование и педагогические науки»",
     "КРИПКиПРО, ЦНППМ, профессиональные образовательные организации, образовательные организации высшего "
     "образования, реализующие образовательные программы по укрупненной группе специальностей (направлений) "
     "подготовки 44.00.00 «Образование и педагогические науки»"},
};

bool same_cell(const std::string& text_cell, const std::string& docx_cell) {
  if (text_cell == docx_cell) return true;
  return kSourceWordingDifferences.count({text_cell, docx_cell}) > 0;
}

// The text rendering of Kuzbass puts "Направление 1" and its title on one
// line where the DOCX has two rows; fold such pairs so rows line up.
Grid fold_direction_titles(Grid grid) {
  Grid out;
  for (auto& row : grid) {
    bool title_only = !row.empty() && row[0].rfind("«", 0) == 0;
    for (std::size_t c = 1; c < row.size(); ++c) title_only = title_only && row[c].empty();
    bool prev_heading = !out.empty() && out.back()[0].rfind("Направление", 0) == 0;
    for (std::size_t c = 1; prev_heading && c < out.back().size(); ++c) prev_heading = out.back()[c].empty();
    if (title_only && prev_heading) {
      out.back()[0] += " " + row[0];
      continue;
    }
    out.push_back(row);
  }
  return out;
}

void expect_same_table(const std::string& stem) {
  Grid docx = read_grid(source_path("corpus/" + stem + ".docx"));
  Grid xml = read_grid(source_path("corpus/" + stem + ".xml"));
  Grid text = read_grid(source_path("corpus/" + stem + ".txt"));
  ASSERT_FALSE(docx.empty());
  EXPECT_EQ(xml, docx) << stem << ": Word XML and DOCX differ";

  Grid a = fold_direction_titles(text), b = fold_direction_titles(docx);
  ASSERT_EQ(a.size(), b.size()) << stem << ": row counts differ";
  for (std::size_t r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a[r].size(), b[r].size()) << stem << " row " << r;
    for (std::size_t c = 0; c < a[r].size(); ++c)
      EXPECT_TRUE(same_cell(a[r][c], b[r][c])) << stem << " row " << r << " col " << c << "\n text: " << a[r][c]
                                               << "\n docx: " << b[r][c];
  }
}

TEST(CorpusFormats, TyumenTableIsTheSameInEveryFormat) { expect_same_table("tyumen-roadmap-2023"); }
TEST(CorpusFormats, KuzbassTableIsTheSameInEveryFormat) { expect_same_table("kuzbass-order-2023-1971"); }

TEST(CorpusFormats, TyumenTextMergesPageBreakContinuations) {
  Grid text = read_grid(source_path("corpus/tyumen-roadmap-2023.txt"));
  ASSERT_EQ(text.size(), 46u);
  bool found = false;
  for (const auto& row : text)
    if (row[0] == "9. Методическое сопровождение педагогических работников, имеющих профессиональные дефициты и затруднения") {
      found = true;
      EXPECT_EQ(row[1], "Психолого-педагогическое сопровождение выпускников в первый год после выпуска, развитие системы наставничества в ПОО");
    }
  EXPECT_TRUE(found);
  for (const auto& row : text) EXPECT_NE(row[0].rfind("--", 0), 0u) << "separator row kept";
}

}  // namespace
}  // namespace karta::test
