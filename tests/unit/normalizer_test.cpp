// The UTF-8 normaliser against the UTF-16 one it replaced (kept here as the
// reference, word for word): on random mixes of the characters that take
// each branch — spaces of every kind, dashes, soft hyphens, ё, decomposed
// letters that NFC composes, historic Cyrillic, Greek, invalid bytes — the
// three forms must be the same bytes.
#include <gtest/gtest.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <random>
#include <string>
#include <vector>

#include "karta/normalize.hpp"

namespace {

icu::UnicodeString reference_clean(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString nfc = normalizer->normalize(in, status);
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < nfc.length();) {
    UChar32 c = nfc.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x00AD) continue;
    if (u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x202F || c == 0x2007) {
      space = true;
      continue;
    }
    if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212) c = '-';
    if (space && !out.isEmpty()) out.append(UChar32(' '));
    space = false;
    out.append(c);
  }
  return out;
}

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

icu::UnicodeString yo(icu::UnicodeString s) {
  s.findAndReplace(icu::UnicodeString(u"ё"), icu::UnicodeString(u"е"));
  s.findAndReplace(icu::UnicodeString(u"Ё"), icu::UnicodeString(u"Е"));
  return s;
}

std::string reference_match(std::string_view t) { return utf8(yo(reference_clean(t).toLower(icu::Locale("ru")))); }
std::string reference_cased(std::string_view t) { return utf8(yo(reference_clean(t))); }

const std::vector<std::string> kPieces = {
    "a",  "Z",  " ",  "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "\x1c", "\xc2\x85",  // ASCII and NEL
    "\xc2\xa0", "\xe2\x80\xaf", "\xe2\x80\x87", "\xe2\x80\x83", "\xe3\x80\x80",      // NBSP, narrow, figure, em, ideographic
    "\xc2\xad",                                                                       // soft hyphen
    "\xe2\x80\x90", "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", "-",               // dashes
    "А", "я", "Ё", "ё", "Й", "й", "Ѐ", "Ѝ", "Ђ", "Џ", "ѐ", "џ",                       // Cyrillic, incl. U+0400–U+040F
    "\xd0\xb8\xcc\x86", "\xd0\xb5\xcc\x88", "\xd0\x95\xcc\x88",                        // и + breve, е/Е + diaeresis
    "Ѡ", "ѡ", "Ѣ", "Ґ", "ґ", "Ӏ",                                                      // historic and extended Cyrillic
    "Σ", "ς", "İ", "ß", "Å", "\xe2\x84\xab", "\xe2\x84\xa6",                            // Greek, Turkish I, Angstrom/Ohm signs
    "«", "»", "№", "1", "2024", ".", ",",
    "\xcc\x81",                                                                        // a lone combining acute
    "\xff", "\xd0", "\xe2\x80", "\xf0\x9f\x98", "\xed\xa0\x80",                        // invalid UTF-8
    "\xf0\x9f\x98\x80",                                                                // an astral character
};

TEST(TextNormalizer, Utf8FormsEqualTheUtf16Reference) {
  std::mt19937 random(20261202);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1), length(0, 12);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (std::size_t n = length(random); n > 0; --n) text += kPieces[piece(random)];
    ASSERT_EQ(karta::clean_text(text), utf8(reference_clean(text))) << "clean_text of «" << text << "»";
    ASSERT_EQ(karta::match_form(text), reference_match(text)) << "match_form of «" << text << "»";
    ASSERT_EQ(karta::cased_match_form(text), reference_cased(text)) << "cased_match_form of «" << text << "»";
  }
}

TEST(TextNormalizer, KnownForms) {
  EXPECT_EQ(karta::clean_text("  Министерство\xc2\xa0образования\xe2\x80\x94 и\xc2\xadнауки \n"),
            "Министерство образования- инауки");
  EXPECT_EQ(karta::match_form("ЁЛКА Й\xd0\xb8\xcc\x86"), "елка йй");
  EXPECT_EQ(karta::cased_match_form("Ёлка ёж"), "Елка еж");
  EXPECT_EQ(karta::match_form("ѠѢ"), "ѡѣ");   // historic letters through ICU
}

}  // namespace
