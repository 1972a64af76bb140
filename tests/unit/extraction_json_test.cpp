// roadmap-extract/1 read back beside its writer: every field survives, so
// that compare and the store see the same Extraction an earlier run wrote.
#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "karta/extraction_json.hpp"
#include "test_support.hpp"

namespace karta {
namespace {

std::string written(const Extraction& x) {
  std::ostringstream out;
  write_extraction_json(out, x);
  return out.str();
}

TEST(ExtractionJson, EveryCorpusOutputReadsBackToTheSameBytes) {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("output"))) {
    const std::string name = entry.path().filename().string();
    if (name.size() < 5 || name.substr(name.size() - 5) != ".json" || name.find(".read.") != std::string::npos ||
        name.rfind("comparison", 0) == 0)
      continue;
    const std::string json = test::slurp(entry.path().string());
    SCOPED_TRACE(name);
    EXPECT_EQ(written(parse_extraction_json(json)), json);
    ++seen;
  }
  EXPECT_GE(seen, 6);
}

TEST(ExtractionJson, ReadsTheActsOwnFields) {
  const Extraction x = parse_extraction_json(test::slurp(test::source_path("output/kuzbass-order-2023-1971.docx.json")));
  ASSERT_TRUE(x.document.region);
  EXPECT_EQ(x.document.region->code, "RU-KEM");
  EXPECT_FALSE(x.document.references.empty());
  EXPECT_FALSE(x.document.definitions.empty());
  ASSERT_TRUE(x.document.signed_by);
  EXPECT_TRUE(x.document.signed_by->name);
}

TEST(ExtractionJson, KeepsDiagnosticsAndNulls) {
  Extraction x;
  x.producer = {"1.0", "r1"};
  x.source.path = "a.txt";
  x.document.indicators.push_back({"не менее 5", ">=", 5, std::nullopt, std::nullopt});
  x.diagnostics.push_back({Level::error, "text.invalid_bytes", "bad byte", "line 3"});
  x.diagnostics.push_back({Level::info, "roadmap.none", "no table", ""});
  const std::string json = written(x);
  const Extraction y = parse_extraction_json(json);
  ASSERT_EQ(y.diagnostics.size(), 2u);
  EXPECT_EQ(y.diagnostics[0].level, Level::error);
  EXPECT_EQ(y.diagnostics[0].where, "line 3");
  EXPECT_EQ(y.diagnostics[1].where, "");
  EXPECT_FALSE(y.document.signed_by);
  EXPECT_EQ(written(y), json);
}

TEST(ExtractionJson, RefusesOtherJson) {
  EXPECT_THROW(parse_extraction_json(R"({"schema": "roadmap-comparison/1"})"), ExtractionJsonError);
  EXPECT_THROW(parse_extraction_json("{not json"), ExtractionJsonError);
  EXPECT_THROW(parse_extraction_json("[]"), ExtractionJsonError);
  EXPECT_THROW(parse_extraction_json(
                   R"({"schema": "roadmap-extract/1", "diagnostics": [{"level": "loud", "code": "x", "message": "m"}]})"),
               ExtractionJsonError);
}

}  // namespace
}  // namespace karta
