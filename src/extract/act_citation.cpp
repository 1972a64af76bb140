#include "extract/act_citation.hpp"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace karta {
namespace {

// The act kind a citation's type names; none for a type the document kinds
// do not tell apart (закон, положение …).
std::optional<std::string> kind_of_type(const std::optional<std::string>& type) {
  if (!type) return std::nullopt;
  const icu::UnicodeString t = icu::UnicodeString::fromUTF8(*type).toLower();
  if (t.startsWith(u"приказ")) return "order";
  if (t.startsWith(u"постановлен")) return "decree";
  if (t.startsWith(u"распоряжен")) return "directive";
  return std::nullopt;
}

bool agree(const std::optional<std::string>& a, const std::optional<std::string>& b) { return !a || !b || *a == *b; }

}  // namespace

std::string act_number_key(const std::string& number) {
  const icu::UnicodeString in = icu::UnicodeString::fromUTF8(number);
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    const UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c) || c == 0x2116 /* № */) continue;
    if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212) out.append(UChar32('-'));
    else out.append(c);
  }
  std::string key;
  out.toUpper().toUTF8String(key);
  return key;
}

bool names_act(const Reference& citation, const std::optional<std::string>& citing_region, const CitedAct& act) {
  if (!citation.date || !citation.number || !act.date || !act.number || *citation.date != *act.date) return false;
  if (act_number_key(*citation.number) != act_number_key(*act.number) || !agree(citing_region, act.region)) return false;
  const auto kind = kind_of_type(citation.type);
  return !kind || act.kind == "roadmap" || act.kind == "other" || *kind == act.kind;
}

}  // namespace karta
