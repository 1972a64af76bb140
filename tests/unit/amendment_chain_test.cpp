// Amendment chains (issue 18): the act an amendment names is linked by its
// date and number however the two texts write the number, an act cited
// inside the quoted title of another is named there, not amended, and the
// store's roadmap in force follows the chain on a date.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "karta/extract.hpp"
#include "karta/store.hpp"
#include "extract/act_citation.hpp"
#include "store/amendment_chain.hpp"
#include "test_support.hpp"

namespace karta::test {
namespace {

Extraction extract_fixture(const std::string& name) {
  const std::string path = source_path("tests/fixtures/amendments/" + name);
  ReadResult r = read_bytes(name, slurp(path));
  EXPECT_TRUE(r.ok()) << name;
  return extract(r.document, repository_rules());
}

TEST(AmendmentChain, NumberKeySetsAsideSpacesSignAndDashForms) {
  const auto number_key = act_number_key;
  EXPECT_EQ(number_key("01-21/245"), number_key("№ 01–21/245"));
  EXPECT_EQ(number_key("01-21/245"), number_key("01 - 21 / 245"));
  EXPECT_EQ(number_key("245-п"), number_key("245-П"));
  EXPECT_NE(number_key("01-21/245"), number_key("01-21/2450"));
  EXPECT_NE(number_key("245-п"), number_key("245-р"));
}

TEST(AmendmentChain, AnActNamedInAQuotedTitleIsAMention) {
  // «… от 02.09.2024 № 01-21/1307 «О внесении изменений в приказ … № 01-21/245»»:
  // the second act is the first one's subject, not this order's.
  const Extraction x = extract_fixture("orenburg-wording-2025.txt");
  ASSERT_EQ(x.document.references.size(), 2u);
  EXPECT_EQ(x.document.references[0].number, "01-21/1307");
  EXPECT_EQ(x.document.references[0].role, "amends");
  EXPECT_EQ(x.document.references[1].number, "01-21/245");
  EXPECT_EQ(x.document.references[1].role, "mention");
}

TEST(AmendmentChain, AnAmendmentUsesItsOriginalsShortsUndefined) {
  // «ИРО ОО» is defined by the order, not by the amendment that restates its
  // roadmap: still one body (the region's institute), not ИРО and the schools.
  const Extraction x = extract_fixture("orenburg-amendment-2024.txt");
  std::vector<std::string> who;
  for (const Measure& m : all_measures(x))
    if (m.id == "2.1")
      for (const Mention& r : m.responsible) who.push_back(r.text + " " + r.kind);
  EXPECT_EQ(who, std::vector<std::string>{"ИРО ОО development_institute"});
}

class TemporaryStore {
 public:
  TemporaryStore()
      : path_(std::filesystem::temp_directory_path() / ("karta-chain-" + std::to_string(::getpid()) + ".db")) {
    std::filesystem::remove(path_);
  }
  ~TemporaryStore() {
    for (const char* tail : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + tail);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(AmendmentChain, TheRoadmapInForceFollowsTheChainOnADate) {
  TemporaryStore file;
  DocumentStore store(file.path(), repository_rules());
  auto add = [&](const std::string& name) {
    const std::string bytes = slurp(source_path("tests/fixtures/amendments/" + name));
    return store.add(name, bytes, "sha-" + name, extract_fixture(name)).id;
  };
  // The wording change first, then the act, then the amendment between them.
  const std::int64_t wording = add("orenburg-wording-2025.txt");
  const std::int64_t order = add("orenburg-order-2024.txt");
  const std::int64_t amendment = add("orenburg-amendment-2024.txt");
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(store.in_force({"RU-ORE"}, std::nullopt), (Ids{wording, amendment}));
  EXPECT_EQ(store.in_force({"RU-ORE"}, "2024-09-01"), (Ids{order}));
  EXPECT_EQ(store.in_force({"RU-ORE"}, "2024-09-02"), (Ids{amendment}));
  EXPECT_EQ(store.in_force({"RU-ORE"}, "2025-01-20"), (Ids{wording, amendment}));
  EXPECT_EQ(store.in_force({"RU-ORE"}, "2024-01-01"), Ids{});
  EXPECT_EQ(store.in_force({"RU-KEM"}, std::nullopt), Ids{});
  EXPECT_EQ(store.in_force({}, std::nullopt), (Ids{wording, amendment}));

  const std::vector<ActVersion> history = store.history(wording);
  ASSERT_EQ(history.size(), 3u);
  EXPECT_EQ(history[0].id, order);
  EXPECT_EQ(history[1].id, amendment);
  EXPECT_EQ(history[2].id, wording);
  EXPECT_EQ(history[0].replaced_by, amendment);
  EXPECT_EQ(history[1].replaced_by, std::nullopt);   // a paragraph's words: nothing replaced
  EXPECT_EQ(history[2].amends, Ids{amendment});       // not the act its quoted title names
  EXPECT_TRUE(store.history(999).empty());
}

}  // namespace
}  // namespace karta::test
