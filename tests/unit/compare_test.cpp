// The comparison's parts: stemmed tokens, similarity, due quarters, pairing,
// template loading.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "extract/due_quarters.hpp"
#include "compare/measure_pairing.hpp"
#include "compare/stemmed_tokens.hpp"
#include "compare/template_aligner.hpp"
#include "compare/text_similarity.hpp"
#include "karta/compare.hpp"
#include "test_support.hpp"

namespace karta {
namespace {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(test::source_path("rules"));
  return set;
}

const MeasureTemplate& rsnms() {
  static const std::vector<MeasureTemplate> all = load_templates(test::source_path("rules/templates"));
  for (const MeasureTemplate& t : all)
    if (t.id == "rsnms") return t;
  throw std::runtime_error("no rsnms template");
}

TEST(TokenStemmer, InflectedFormsGiveOneStem) {
  TokenStemmer s(rules());
  EXPECT_EQ(s.tokens("Организация стажировок"), s.tokens("организации стажировок"));
  EXPECT_EQ(s.tokens("методических рекомендаций"), s.tokens("методические рекомендации"));
}

TEST(TokenStemmer, DropsStopWordsAndJoinsSplitAbbreviations) {
  TokenStemmer s(rules());
  const TokenSet split = s.tokens("субъектов РС НМС и ЦНППМ, в том числе");
  const TokenSet solid = s.tokens("субъектов РСНМС и ЦНППМ");
  EXPECT_EQ(split, solid);
  EXPECT_EQ(split.size(), 3u);   // субъект, рснмс, цнппм
  // A comma keeps abbreviations apart.
  EXPECT_EQ(s.tokens("ТОГИРРО, ЦНППМ").size(), 2u);
}

TEST(Similarity, FleetingVowelAndWeights) {
  TokenStemmer s(rules());
  const TermWeights w({s.tokens("организация стажировок"), s.tokens("организация наставничества"),
                       s.tokens("организация мониторинга")});
  // «стажировки» and «стажировок» stem apart in Snowball but are one word here.
  EXPECT_GT(similarity(s.tokens("стажировки"), s.tokens("организация стажировок"), w), 0.5);
  // The word every item has weighs little: sharing only it is a weak match.
  EXPECT_LT(similarity(s.tokens("организация конкурса"), s.tokens("организация стажировок"), w), 0.3);
  EXPECT_DOUBLE_EQ(similarity(s.tokens("организация стажировок"), s.tokens("организация стажировок"), w), 1.0);
  EXPECT_EQ(similarity(s.tokens("конкурс"), s.tokens("стажировок"), w), 0.0);
}

TEST(TemplateAligner, MergedClausesAlignToEveryItemTheyName) {
  TokenStemmer s(rules());
  TemplateAligner aligner(rsnms(), s);
  const auto hits = aligner.align(
      "Организация взаимного обучения и взаимообучения педагогов; сопровождение профессионального "
      "становления педагогических работников до 35 лет",
      2);
  std::vector<std::string> ids;
  for (const auto& h : hits) ids.push_back(rsnms().items[h.item].id);
  EXPECT_NE(std::find(ids.begin(), ids.end(), "2.7"), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), "2.8"), ids.end());
  EXPECT_TRUE(aligner.align("Проведение регионального конкурса «Учитель года»", 0).empty());
}

TEST(TemplateAligner, FindsTheTemplateDirectionByTitle) {
  TokenStemmer s(rules());
  TemplateAligner aligner(rsnms(), s);
  EXPECT_EQ(aligner.direction_of(std::string("«Непрерывное повышение профессионального мастерства педагогов»")), 2);
  EXPECT_EQ(aligner.direction_of(std::string("Финансовое обеспечение")), 0);
  EXPECT_EQ(aligner.direction_of(std::nullopt), 0);
}

Deadline deadline(const std::string& kind, std::optional<std::string> start, std::optional<std::string> end,
                  std::optional<std::string> frequency = std::nullopt, std::vector<int> months = {}) {
  Deadline d;
  d.kind = kind;
  d.start = std::move(start);
  d.end = std::move(end);
  d.frequency = std::move(frequency);
  d.months = std::move(months);
  return d;
}

TEST(DueQuarters, OneDueDateIsTheQuarterOfItsEnd) {
  using V = std::vector<std::string>;
  EXPECT_EQ(due_quarters(deadline("by", std::nullopt, "2023-04-05")), V{"2023-Q2"});
  EXPECT_EQ(due_quarters(deadline("month", "2023-10-01", "2023-10-31")), V{"2023-Q4"});
  EXPECT_EQ(due_quarters(deadline("period", "2023-05-01", "2024-03-31")), V{"2024-Q1"});
  EXPECT_EQ(due_quarters(deadline("continuous", "2023-01-01", "2024-12-31")), V{"2024-Q4"});
  EXPECT_TRUE(due_quarters(deadline("unknown", std::nullopt, std::nullopt)).empty());
  EXPECT_TRUE(due_quarters(deadline("per_plan", std::nullopt, std::nullopt)).empty());
  EXPECT_TRUE(due_quarters(deadline("on_demand", "2023-01-01", "2024-12-31")).empty()) << "never due";
}

TEST(DueQuarters, RecurringFallsDueOnEveryDateInItsBounds) {
  using V = std::vector<std::string>;
  EXPECT_EQ(due_quarters(deadline("recurring", "2023-01-01", "2024-12-31", "yearly", {6, 11})),
            (V{"2023-Q2", "2023-Q4", "2024-Q2", "2024-Q4"}));
  EXPECT_EQ(due_quarters(deadline("recurring", "2023-01-01", "2024-12-31", "yearly")), (V{"2023-Q4", "2024-Q4"}));
  EXPECT_EQ(due_quarters(deadline("recurring", "2023-07-01", "2023-12-31", "quarterly")), (V{"2023-Q3", "2023-Q4"}));
  EXPECT_EQ(due_quarters(deadline("recurring", "2023-01-01", "2023-12-31", "half-yearly")), (V{"2023-Q2", "2023-Q4"}));
  // Bounds cut the months off: June 2023 is before a plan that starts in July.
  EXPECT_EQ(due_quarters(deadline("recurring", "2023-07-01", "2024-06-30", "yearly", {6})), V{"2024-Q2"});
  EXPECT_EQ(due_quarters(deadline("per_plan", "2023-01-01", "2023-12-31", "yearly")), V{"2023-Q4"});
}

TEST(MeasurePairing, AtMostOneMeasurePerRegionInARow) {
  // Similarity: same first word.
  auto alike = [](const std::string& a, const std::string& b) {
    return a.substr(0, a.find(' ')) == b.substr(0, b.find(' ')) ? 0.9 : 0.0;
  };
  const std::vector<MeasureRow> rows = pair_measures(
      {{"A", "1", "семинар раз"}, {"A", "2", "семинар два"}, {"B", "1", "семинар три"}, {"B", "2", "конкурс"},
       {"C", "1", "конкурс"}},
      alike, 0.5);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].measures, (std::map<std::string, std::string>{{"A", "1"}, {"B", "1"}}));
  EXPECT_DOUBLE_EQ(rows[0].score, 0.9);
  EXPECT_EQ(rows[1].measures, (std::map<std::string, std::string>{{"A", "2"}}));
  EXPECT_DOUBLE_EQ(rows[1].score, 0.0);
  EXPECT_EQ(rows[2].measures, (std::map<std::string, std::string>{{"B", "2"}, {"C", "1"}}));
}

TEST(MeasurePairing, ComparingOnlyMeasuresThatShareAKeyGivesTheSameRows) {
  // Alike: the share of words in common; two wordings with no word in common are 0 alike.
  auto words = [](const std::string& t) {
    std::vector<std::string> w;
    std::istringstream in(t);
    for (std::string x; in >> x;) w.push_back(x);
    return w;
  };
  auto alike = [&](const std::string& a, const std::string& b) {
    const auto wa = words(a), wb = words(b);
    double shared = 0;
    for (const std::string& x : wa) shared += std::count(wb.begin(), wb.end(), x) ? 1 : 0;
    return shared / static_cast<double>(std::max(wa.size(), wb.size()));
  };
  const std::vector<std::string> vocabulary = {"семинар", "конкурс", "наставник", "педагог", "мониторинг",
                                               "стажировка", "форум", "методист", "школа", "отчёт"};
  std::vector<RegionMeasure> measures;
  for (int i = 0; i < 80; ++i) {
    std::string title = vocabulary[i % 10] + " " + vocabulary[(i * 7 + 3) % 10];
    if (i % 3 == 0) title += " " + vocabulary[(i * 3) % 10];
    measures.push_back({"R" + std::to_string(i % 6), std::to_string(i), title});
  }
  const auto every_pair = pair_measures(measures, alike, 0.4);
  const auto keyed = pair_measures(measures, alike, 0.4, [&](const std::string& t) { return PairingKeySet{words(t), words(t)}; });
  ASSERT_EQ(every_pair.size(), keyed.size());
  for (std::size_t r = 0; r < keyed.size(); ++r) {
    EXPECT_EQ(every_pair[r].measures, keyed[r].measures) << "row " << r;
    EXPECT_DOUBLE_EQ(every_pair[r].score, keyed[r].score) << "row " << r;
  }
  EXPECT_LT(keyed.size(), measures.size()) << "the set must pair some measures for the test to mean anything";
}

TEST(MeasurePairing, TheAlignersNeededKeysDropNoPairThatReachesTheThreshold) {
  // Real stems and weights: a pair is compared only when the second wording
  // holds one of the first one's heaviest stems; every threshold must still
  // give the rows of the full loop, and the needed keys must be fewer than all.
  TokenStemmer s(rules());
  TemplateAligner aligner(rsnms(), s);
  const std::vector<std::string> words = {
      "организация", "наставничества", "педагогов", "молодых", "проведение", "семинаров", "мониторинга",
      "стажировок", "конкурса", "методистов", "муниципальных", "школ", "повышения", "квалификации",
      "профессионального", "мастерства", "учителей", "сопровождение", "выпускников", "форума"};
  std::vector<RegionMeasure> measures;
  std::size_t fewer = 0;
  for (std::size_t i = 0; i < 150; ++i) {
    std::string title;
    const std::size_t length = 2 + i % 5;
    for (std::size_t w = 0; w < length; ++w) title += words[(i * 7 + w * w * 3 + w) % words.size()] + " ";
    measures.push_back({"R" + std::to_string(i % 9), std::to_string(i), title});
  }
  auto alike = [&](const std::string& a, const std::string& b) { return aligner.similarity(a, b); };
  for (const double threshold : {0.2, 0.35, 0.5, 0.8}) {
    const auto every_pair = pair_measures(measures, alike, threshold);
    const auto keyed = pair_measures(measures, alike, threshold, [&](const std::string& t) {
      PairingKeySet k = aligner.pairing_keys(t, threshold);
      fewer += k.needed.size() < k.all.size();
      return k;
    });
    ASSERT_EQ(every_pair.size(), keyed.size()) << "threshold " << threshold;
    for (std::size_t r = 0; r < keyed.size(); ++r) {
      EXPECT_EQ(every_pair[r].measures, keyed[r].measures) << "threshold " << threshold << ", row " << r;
      EXPECT_DOUBLE_EQ(every_pair[r].score, keyed[r].score) << "threshold " << threshold << ", row " << r;
    }
    EXPECT_LT(keyed.size(), measures.size()) << "threshold " << threshold << " must pair some measures";
  }
  EXPECT_GT(fewer, 0u) << "the filter must leave some keys out for the test to mean anything";
}

TEST(DueQuarters, ASpanOfCenturiesIsLeftOffTheTimeline) {
  EXPECT_TRUE(due_quarters(deadline("recurring", "1000-01-01", "9999-12-31", "monthly")).empty());
  EXPECT_TRUE(spans_too_long(deadline("recurring", "1000-01-01", "9999-12-31", "monthly")));
  EXPECT_FALSE(spans_too_long(deadline("recurring", "2024-01-01", "2030-12-31", "yearly")));
  EXPECT_EQ(due_quarters(deadline("recurring", "2024-01-01", "2030-12-31", "yearly")).size(), 7u);
}

class TemplateFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("karta-templates-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& text) { std::ofstream(dir_ / "t.yaml") << text; }
  std::string error() {
    try {
      load_templates(dir_.string());
    } catch (const RuleError& e) {
      return e.what();
    }
    return "";
  }
  std::filesystem::path dir_;
};

TEST_F(TemplateFiles, ErrorsNameFileAndLine) {
  write("id: t\ntitle: T\ndirections:\n  - number: 1\n    title: D\n    items:\n      - {id: '1.1', level: regional, title: A}\n"
        "      - {id: '1.1', level: regional, title: B}\n");
  EXPECT_NE(error().find("t.yaml:8: item id 1.1 repeated"), std::string::npos) << error();
  write("id: t\ntitle: T\ndirections:\n  - number: 1\n    title: D\n    items:\n      - {id: '1.1', level: school, title: A}\n");
  EXPECT_NE(error().find("t.yaml:7: level is regional or organisation"), std::string::npos) << error();
  write("id: t\ntitle: T\nalignment: {item: 3}\ndirections: []\n");
  EXPECT_NE(error().find("item must be between 0 and 1"), std::string::npos) << error();
}

TEST(RsnmsTemplate, HoldsSectionFourOfThePolozhenie) {
  const MeasureTemplate& t = rsnms();
  ASSERT_EQ(t.directions.size(), 3u);
  std::map<std::string, int> per_level;
  for (const TemplateItem& i : t.items) ++per_level[std::to_string(i.direction) + i.level];
  EXPECT_EQ(per_level["1regional"], 4);
  EXPECT_EQ(per_level["2regional"], 5);
  EXPECT_EQ(per_level["2organisation"], 3);
  EXPECT_EQ(per_level["3regional"], 4);
  EXPECT_EQ(per_level["3organisation"], 10);
}

}  // namespace
}  // namespace karta
