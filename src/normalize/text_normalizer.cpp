#include <unicode/bytestream.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "karta/normalize.hpp"
#include "model/stage_clock.hpp"
#include "model/utf8.hpp"

#include <optional>
#include <unordered_map>

namespace karta {
namespace {

// The forms are computed in UTF-8, without ICU's UTF-16 round trip (a tenth
// of extraction time when every cell went through it): ICU's quick check
// says whether the text is already NFC — almost always — and only text that
// is not, or is not valid UTF-8, takes the slow road. Both roads give the
// same bytes (normalizer_test holds them to the UTF-16 original).

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x202F || c == 0x2007; }

bool is_dash(UChar32 c) {
  return c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212;
}

// Spaces folded and trimmed, dashes to '-', soft hyphens dropped, over NFC text.
std::string clean_nfc(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    const auto byte = static_cast<unsigned char>(text[static_cast<std::size_t>(i)]);
    if (byte < 0x80) {   // ASCII: White_Space is exactly TAB..CR and ' '
      ++i;
      if (byte == ' ' || (byte >= 0x09 && byte <= 0x0D)) {
        space = true;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      out += static_cast<char>(byte);
      continue;
    }
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (c == 0x00AD) continue;   // soft hyphen
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (is_dash(c))
      out += '-';
    else
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

const icu::Normalizer2* nfc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  return U_FAILURE(status) ? nullptr : normalizer;
}

bool is_ascii(std::string_view text) {
  for (const char ch : text)
    if (static_cast<unsigned char>(ch) >= 0x80) return false;
  return true;
}

// Valid UTF-8 in NFC, or nullopt when the text needs the UTF-16 road.
std::optional<std::string> nfc_utf8(std::string_view text) {
  if (is_ascii(text)) return std::string(text);
  if (!is_valid_utf8(text)) return std::nullopt;
  const icu::Normalizer2* normalizer = nfc_instance();
  if (!normalizer) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  std::string out;
  icu::StringByteSink<std::string> sink(&out);
  normalizer->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) return std::nullopt;
  return out;
}

// The UTF-16 road: what every text took before, kept for the rare text that
// is not valid UTF-8 (each bad sequence becomes U+FFFD, as fromUTF8 does).
icu::UnicodeString clean_utf16(std::string_view text) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (const icu::Normalizer2* normalizer = nfc_instance()) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString normal = normalizer->normalize(in, status);
    if (U_SUCCESS(status)) in = normal;
  }
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x00AD) continue;
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (is_dash(c)) c = '-';
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

// ё → е and Ё → Е, in place: the two-byte sequences cannot occur inside another character.
void yo_to_e(std::string& s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
    if (a == 0xD1 && b == 0x91) {   // ё U+0451 → е U+0435
      s[i] = static_cast<char>(0xD0);
      s[i + 1] = static_cast<char>(0xB5);
      ++i;
    } else if (a == 0xD0 && b == 0x81) {   // Ё U+0401 → Е U+0415
      s[i + 1] = static_cast<char>(0x95);
      ++i;
    }
  }
}

// Lower case of ASCII and the basic Cyrillic block (U+0400–U+045F), in place;
// false (and nothing changed) when the text holds anything else, which
// goes to ICU's Russian lower-casing.
bool lower_basic(std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    if (a < 0x80) continue;
    if ((a != 0xD0 && a != 0xD1) || i + 1 >= s.size()) return false;
    if (a == 0xD1 && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return false;   // U+0460 on: historic letters
    ++i;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto a = static_cast<unsigned char>(s[i]);
    if (a < 0x80) {
      if (a >= 'A' && a <= 'Z') s[i] = static_cast<char>(a + 32);
      continue;
    }
    const auto b = static_cast<unsigned char>(s[i + 1]);
    const UChar32 c = ((a & 0x1F) << 6) | (b & 0x3F);
    UChar32 lower = c;
    if (c >= 0x0400 && c <= 0x040F) lower = c + 0x50;
    else if (c >= 0x0410 && c <= 0x042F) lower = c + 0x20;
    if (lower != c) {
      s[i] = static_cast<char>(0xC0 | (lower >> 6));
      s[i + 1] = static_cast<char>(0x80 | (lower & 0x3F));
    }
    ++i;
  }
  return true;
}

std::string cased_form(std::string_view text) {
  std::string out = clean_text(text);
  yo_to_e(out);
  return out;
}

std::string lower_form(std::string_view text) {
  std::string out = clean_text(text);
  if (!lower_basic(out)) out = utf8(icu::UnicodeString::fromUTF8(out).toLower(icu::Locale("ru")));
  yo_to_e(out);
  return out;
}

}  // namespace

std::string clean_text(std::string_view text) {
  const StageScope scope(Stage::normalise);
  if (std::optional<std::string> nfc = nfc_utf8(text)) return clean_nfc(*nfc);
  return utf8(clean_utf16(text));
}

// The extractors normalise the same cell text once per rule group that looks
// at it; remembering the last few thousand texts per thread makes that one
// pass.
template <typename Form>
const std::string& remembered(std::unordered_map<std::string, std::string>& memo, std::string_view text, Form form) {
  auto it = memo.find(std::string(text));
  if (it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  return memo.emplace(std::string(text), form(text)).first->second;
}

std::string match_form(std::string_view text) {
  const StageScope scope(Stage::normalise);
  thread_local std::unordered_map<std::string, std::string> memo;
  return remembered(memo, text, lower_form);
}

std::string cased_match_form(std::string_view text) {
  const StageScope scope(Stage::normalise);
  thread_local std::unordered_map<std::string, std::string> memo;
  return remembered(memo, text, cased_form);
}

}  // namespace karta
