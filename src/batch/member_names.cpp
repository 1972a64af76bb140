#include "batch/member_names.hpp"

#include <unicode/ucnv.h>
#include <unicode/utf8.h>

#include <vector>

#include "karta/batch.hpp"
#include "model/utf8.hpp"

namespace karta {

std::string zip_name_to_utf8(const std::string& name, std::uint16_t flags) {
  if ((flags & 0x800u) || is_valid_utf8(name)) return name;
  UErrorCode status = U_ZERO_ERROR;
  std::vector<char> out(name.size() * 3 + 1);
  const int32_t n = ucnv_convert("UTF-8", "ibm-866", out.data(), static_cast<int32_t>(out.size()), name.data(),
                                 static_cast<int32_t>(name.size()), &status);
  if (U_FAILURE(status)) return std::string(name.size(), '_');
  return std::string(out.data(), static_cast<std::size_t>(n));
}

std::string safe_relative_path(const std::string& name) {
  std::string cleaned;
  const auto* p = reinterpret_cast<const uint8_t*>(name.data());
  const int32_t n = static_cast<int32_t>(name.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) cleaned += '_';
    else if (c == '\\') cleaned += '/';
    else if (c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>' || c == '|') cleaned += '_';
    else cleaned.append(name, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  std::string out;
  std::size_t pos = 0;
  while (pos <= cleaned.size()) {
    std::size_t slash = cleaned.find('/', pos);
    if (slash == std::string::npos) slash = cleaned.size();
    std::string segment = cleaned.substr(pos, slash - pos);
    pos = slash + 1;
    if (segment.empty() || segment == "." || segment == "..") continue;
    // File systems take 255 bytes a name; leave room for ".json" and a "~2".
    if (segment.size() > 200) {
      std::size_t cut = 200;
      while (cut > 0 && (static_cast<unsigned char>(segment[cut]) & 0xC0) == 0x80) --cut;
      segment.resize(cut);
    }
    out += (out.empty() ? "" : "/") + segment;
  }
  return out.empty() ? "_" : out;
}

}  // namespace karta
