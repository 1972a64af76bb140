#include "model/utf8.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace karta {

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string with_replacement_characters(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) out += "\xEF\xBF\xBD";
    else out.append(s.data() + start, static_cast<std::size_t>(i - start));
  }
  return out;
}

std::string for_terminal(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  const std::string valid = with_replacement_characters(s);
  std::string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else if (c == 0xc2 && i + 1 < valid.size() && static_cast<unsigned char>(valid[i + 1]) < 0xa0) {
      const auto d = static_cast<unsigned char>(valid[++i]);   // U+0080..U+009F: C1 controls
      out += "\\u{";
      out += hex[d >> 4];
      out += hex[d & 15];
      out += '}';
    } else {
      out += valid[i];
    }
  }
  return out;
}

bool starts_lowercase(std::string_view s) {
  UChar32 c = 0;
  int32_t i = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c > 0 && u_islower(c);
}

bool written_in_capitals(std::string_view s) {
  bool letters = false;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    if (c > 0 && u_islower(c)) return false;
    if (c > 0 && u_isupper(c)) letters = true;
  }
  return letters;
}

}  // namespace karta
