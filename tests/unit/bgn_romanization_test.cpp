// The table romanisation must write exactly what ICU's transliterator does,
// or entity ids would change with the path a text takes.
#include <gtest/gtest.h>
#include <unicode/translit.h>

#include <filesystem>
#include <memory>
#include <random>
#include <vector>
#include <set>

#include "extract/bgn_romanization.hpp"
#include "test_support.hpp"

namespace karta {
namespace {

std::string icu_bgn(const std::string& text) {
  static std::unique_ptr<icu::Transliterator> t = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made(
        icu::Transliterator::createInstance("Russian-Latin/BGN; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    return made;
  }();
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

const char* const kLetters[] = {"а", "б", "в", "г", "д", "е", "ё", "ж", "з", "и", "й", "к", "л", "м", "н", "о", "п",
                                "р", "с", "т", "у", "ф", "х", "ц", "ч", "ш", "щ", "ъ", "ы", "ь", "э", "ю", "я"};

TEST(BgnRomanization, EqualsIcuOnEveryThreeLetterSequence) {
  int checked = 0;
  for (const char* a : kLetters)
    for (const char* b : kLetters)
      for (const char* c : kLetters)
        for (const std::string& text : {std::string(a) + b + c, std::string("X1 ") + a + b + c + "-"}) {
          ASSERT_EQ(bgn_romanize(text).value_or("?"), icu_bgn(text)) << text;
          ++checked;
        }
  EXPECT_EQ(checked, 33 * 33 * 33 * 2);
}

TEST(BgnRomanization, EqualsIcuOnMixedStrings) {
  // Cyrillic next to ASCII letters, digits, spaces and hyphens, seeded.
  const std::vector<std::string> alphabet = {"а", "е", "ё", "й", "ы", "э", "т", "с", "ш", "ч", "ъ", "ь", "у", "к",
                                             "A", "x", "1", " ", "-"};
  std::mt19937 random(7);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    const int length = 1 + static_cast<int>(random() % 8);
    for (int j = 0; j < length; ++j) text += alphabet[random() % alphabet.size()];
    ASSERT_EQ(bgn_romanize(text).value_or("?"), icu_bgn(text)) << text;
  }
}

TEST(BgnRomanization, EqualsIcuOnEveryWordOfTheCorpus) {
  std::set<std::string> words;
  for (const auto& entry : std::filesystem::directory_iterator(test::source_path("corpus"))) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = test::slurp(entry.path().string());
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
    std::string word;
    for (int32_t i = 0; i < u.length(); ++i) {
      const UChar c = u.charAt(i);
      if ((c >= 0x410 && c <= 0x44F) || c == 0x401 || c == 0x451) {
        icu::UnicodeString(c).toUTF8String(word);
      } else if (!word.empty()) {
        words.insert(word);
        word.clear();
      }
    }
  }
  ASSERT_GT(words.size(), 1000u);
  for (const std::string& w : words) ASSERT_EQ(bgn_romanize(w).value_or("?"), icu_bgn(w)) << w;
}

TEST(BgnRomanization, CapitalsAndRealNames) {
  for (const std::string text : {"ДОН ТО", "ТОГИРРО", "ЦНППМ", "Департамент образования и науки Тюменской области",
                                 "МО ЯО", "НовГУ", "ГАУ ДПО ЯО ИРО", "Объединение «Ёлка»", "подъезд", "Тэ Ыа"}) {
    auto fast = bgn_romanize(text);
    if (!fast) continue;   // «» are not ASCII: ICU's path, checked below
    EXPECT_EQ(*fast, icu_bgn(text)) << text;
  }
  EXPECT_FALSE(bgn_romanize("Объединение «Ёлка»"));
  EXPECT_FALSE(bgn_romanize("№ 5"));
  EXPECT_FALSE(bgn_romanize("café"));
}

}  // namespace
}  // namespace karta
