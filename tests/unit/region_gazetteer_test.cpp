// rules/regions.yaml: all 89 federal subjects, each recognised from at least
// its nominative and genitive forms as itself, not as another subject.
#include <gtest/gtest.h>

#include <set>

#include "karta/rules.hpp"

namespace karta {
namespace {

const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(RuleSet::default_dir());
  return set;
}

TEST(RegionGazetteer, ListsEveryFederalSubjectOnce) {
  const auto& subjects = rules().group("regions.subjects");
  std::set<std::string> codes;
  for (const Rule& r : subjects) {
    EXPECT_TRUE(codes.insert(r.value).second) << r.value << " twice";
    EXPECT_EQ(r.value.rfind("RU-", 0), 0u) << r.id;
    EXPECT_FALSE(r.name.empty()) << r.id;
  }
  EXPECT_EQ(codes.size(), 89u);
}

TEST(RegionGazetteer, EachSubjectIsFoundFromItsNominativeAndGenitive) {
  for (const Rule& r : rules().group("regions.subjects")) {
    ASSERT_GE(r.match.size(), 2u) << r.id << " needs nominative and genitive examples";
    for (const RuleExample& ex : r.match) {
      const Rule* found = rules().first("regions.subjects", ex.text);
      ASSERT_NE(found, nullptr) << r.id << ": «" << ex.text << "» not recognised";
      EXPECT_EQ(found->value, r.value) << "«" << ex.text << "» taken for " << found->value;
      const Rule* in_sentence = rules().first("regions.subjects", "приказ органа власти " + ex.text + " от 01.01.2024");
      ASSERT_NE(in_sentence, nullptr) << ex.text;
      EXPECT_EQ(in_sentence->value, r.value) << ex.text;
    }
  }
}

TEST(RegionGazetteer, SimilarNamesStayApart) {
  auto code = [](const char* text) {
    const Rule* r = rules().first("regions.subjects", text);
    return r ? r->value : std::string("none");
  };
  EXPECT_EQ(code("Ямало-Ненецкого автономного округа"), "RU-YAN");
  EXPECT_EQ(code("Ненецкого автономного округа"), "RU-NEN");
  EXPECT_EQ(code("Московской области"), "RU-MOS");
  EXPECT_EQ(code("города Москвы"), "RU-MOW");
  EXPECT_EQ(code("Республики Алтай"), "RU-AL");
  EXPECT_EQ(code("Алтайского края"), "RU-ALT");
  EXPECT_EQ(code("Министерство образования Кузбасса"), "RU-KEM");
  EXPECT_EQ(code("Мордовский республиканский институт образования"), "none");
}

}  // namespace
}  // namespace karta
