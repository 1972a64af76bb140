// Words a narrow PDF column broke with no hyphen are mended; words that
// merely wrapped are not (read/word_mender).
#include <gtest/gtest.h>

#include "read/word_mender.hpp"

namespace karta::test {
namespace {

PdfPage page_of(const std::vector<std::string>& words) {
  PdfPage p{842, 595, {}};
  double x = 40;
  for (const std::string& w : words) {
    p.words.push_back({w, x, x + 40, 100, 114, 12});
    x += 44;   // a space apart: each is seen whole
  }
  return p;
}

TEST(WordMender, TheRussianDictionaryIsInstalled) {
  ASSERT_TRUE(WordMender::has_dictionary()) << "hunspell-ru (/usr/share/hunspell/ru_RU.dic): scripts/install-deps.sh";
}

TEST(WordMender, APieceThatIsNoWordJoinsTheNextIntoOne) {
  const WordMender m({page_of({"Приказ"})});
  EXPECT_TRUE(m.mends("Организа", "ция диагностики", false));
  EXPECT_TRUE(m.mends("Проведение монитори", "нга", false));
  EXPECT_TRUE(m.mends("1. Норматив", "ное обеспечение", false)) << "a word and no word: one word";
  EXPECT_TRUE(m.mends("реализации комплекс", "а мер", false)) << "a case ending left alone";
}

TEST(WordMender, PiecesOfAWordBrokenTwiceJoin) {
  const WordMender m({page_of({"Приказ"})});
  EXPECT_TRUE(m.mends("Системоо", "бразующ", true));
  EXPECT_TRUE(m.mends("Системообразующ", "ее мероприятие", false));
  EXPECT_FALSE(m.mends("Системоо", "бразующ", false)) << "two non-words, and the break does not go on";
}

TEST(WordMender, WordsThatWrappedStayApart) {
  const WordMender m({page_of({"Приказ"})});
  EXPECT_FALSE(m.mends("муниципальные", "методические службы", true));
  EXPECT_FALSE(m.mends("план", "и отчёт", false)) << "a conjunction";
  EXPECT_FALSE(m.mends("исполнитель/со", "исполнители", false)) << "both pieces are words";
  EXPECT_FALSE(m.mends("ЦНППМ", "ежегодно", false));
}

TEST(WordMender, TheDocumentsOwnWordsMendWhatNoDictionaryKnows) {
  // "Минобразование" is the document's short name, no dictionary word.
  const WordMender m({page_of({"Министерство", "(далее", "Минобразование", "РМ)"})});
  EXPECT_TRUE(m.mends("Минобраз", "ование РМ", false));
  const WordMender without({page_of({"Приказ"})});
  EXPECT_FALSE(without.mends("Минобраз", "ование РМ", false));
}

}  // namespace
}  // namespace karta::test
