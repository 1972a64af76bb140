#include "extract/bgn_romanization.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace karta {
namespace {

// а … я, then ё (index 32).
const char* const kLatin[] = {"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                              "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "\"", "y", "'", "e", "yu", "ya", "e"};
const char* kDot = "\xC2\xB7";

enum Letter { A = 0, E = 5, I_SHORT = 9, S = 17, T = 18, U = 19, CH = 23, SH = 24, HARD = 26, Y = 27, SOFT = 28, EH = 29, YO = 32 };

int letter_index(UChar32 c) {
  c = u_tolower(c);
  if (c >= 0x430 && c <= 0x44F) return static_cast<int>(c - 0x430);
  if (c == 0x451) return YO;
  return -1;
}

bool vowel(int l) { return l == A || l == E || l == YO || l == 8 || l == 14 || l == U || l == Y || l == EH || l == 30 || l == 31; }
bool consonant(int l) { return l >= 0 && !vowel(l) && l != I_SHORT && l != HARD && l != SOFT; }

}  // namespace

// What the letter before means for the next one, as ICU's rules see it:
// a Cyrillic letter, or Latin — an ASCII letter, a digit (for е only), or a
// letter ICU wrote by a rule that looked back at a vowel or consonant (ye
// after a vowel, ·e after a consonant, ·y after a vowel, t·s, sh·ch), whose
// output the following rules see as Latin text. Measured against ICU on
// every three-letter sequence (tests/unit/bgn_romanization_test.cpp).
std::optional<std::string> bgn_romanize(const std::string& text) {
  std::string out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t n = static_cast<int32_t>(text.size());
  int prev = -1;              // the previous Cyrillic letter written plainly, else -1
  bool latin = false;         // the previous character reads as Latin
  bool digit = false;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return std::nullopt;
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      prev = -1;
      latin = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      digit = c >= '0' && c <= '9';
      continue;
    }
    const int l = letter_index(c);
    if (l < 0) return std::nullopt;
    bool looked_back = false;
    std::string written = kLatin[l];
    if (l == E || l == YO) {
      if (latin || digit || consonant(prev)) written = "e";
      else {
        written = "ye";
        looked_back = prev >= 0;   // after a vowel, й, ъ, ь
      }
    } else if (l == EH) {
      if (latin || consonant(prev) || prev == I_SHORT || prev == HARD || prev == Y || prev == SOFT) {
        written = std::string(kDot) + "e";
        looked_back = prev != I_SHORT && prev != Y;
      }
    } else if (l == Y) {
      if (!latin && (vowel(prev) || prev == I_SHORT)) {
        written = std::string(kDot) + "y";
        looked_back = prev != I_SHORT;
      }
    } else if ((l == A || l == U) && !latin && (prev == I_SHORT || prev == Y)) {
      written = kDot + written;   // after й, ы the letter still reads as itself
    } else if ((l == S && prev == T && !latin) || (l == CH && prev == SH && !latin)) {
      written = kDot + written;
      looked_back = true;
    }
    out += written;
    latin = looked_back;
    prev = looked_back ? -1 : l;
    digit = false;
  }
  return out;
}

}  // namespace karta
