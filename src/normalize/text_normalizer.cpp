#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "karta/normalize.hpp"

#include <unordered_map>

namespace karta {
namespace {

icu::UnicodeString nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  if (U_FAILURE(status)) return in;
  icu::UnicodeString out = normalizer->normalize(in, status);
  return U_FAILURE(status) ? in : out;
}

icu::UnicodeString clean(std::string_view text) {
  icu::UnicodeString in = nfc(text), out;
  bool space = false;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x00AD) continue;   // soft hyphen
    if (u_isUWhiteSpace(c) || c == 0x00A0 || c == 0x202F || c == 0x2007) {
      space = true;
      continue;
    }
    if (c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x2212)
      c = '-';
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

icu::UnicodeString yo_to_e(icu::UnicodeString s) {
  s.findAndReplace(icu::UnicodeString(u"ё"), icu::UnicodeString(u"е"));
  s.findAndReplace(icu::UnicodeString(u"Ё"), icu::UnicodeString(u"Е"));
  return s;
}

}  // namespace

std::string clean_text(std::string_view text) { return utf8(clean(text)); }

// The extractors normalise the same cell text once per rule group that looks
// at it; remembering the last few thousand texts per thread makes that one
// ICU pass (a quarter of extraction time before).
template <typename Form>
const std::string& remembered(std::unordered_map<std::string, std::string>& memo, std::string_view text, Form form) {
  auto it = memo.find(std::string(text));
  if (it != memo.end()) return it->second;
  if (memo.size() >= 4096) memo.clear();
  return memo.emplace(std::string(text), form(text)).first->second;
}

std::string match_form(std::string_view text) {
  thread_local std::unordered_map<std::string, std::string> memo;
  return remembered(memo, text, [](std::string_view t) { return utf8(yo_to_e(clean(t).toLower(icu::Locale("ru")))); });
}

std::string cased_match_form(std::string_view text) {
  thread_local std::unordered_map<std::string, std::string> memo;
  return remembered(memo, text, [](std::string_view t) { return utf8(yo_to_e(clean(t))); });
}

}  // namespace karta
