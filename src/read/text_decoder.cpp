#include "read/text_decoder.hpp"

#include "model/utf8.hpp"

#include <unicode/ucsdet.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>
#include <set>
#include <vector>

namespace karta {
namespace {

bool starts(std::string_view b, std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; }

std::string convert(std::string_view bytes, const char* codepage) {
  icu::UnicodeString text(bytes.data(), static_cast<int32_t>(bytes.size()), codepage);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string remove_nul(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\0'), s.end());
  return s;
}

std::string line_list(const std::set<int>& lines) {
  std::string out;
  int shown = 0;
  for (int l : lines) {
    if (shown++ == 10) {
      out += ", …";
      break;
    }
    out += (out.empty() ? "" : ", ") + std::to_string(l);
  }
  return out;
}

struct LineScan {
  std::string_view bytes;
  int number = 0;
  bool valid = true;       // well-formed UTF-8
  bool multibyte = false;  // holds at least one non-ASCII character
  int cyrillic = 0;        // well-formed UTF-8 Cyrillic letters
  int stray = 0;           // bytes of no well-formed sequence
  // UTF-8 with a stray byte or two (a bad copy, a cut): its letters are
  // UTF-8, a code page would make them mojibake.
  bool mostly_utf8() const { return cyrillic >= 4 && cyrillic >= 4 * stray; }
};


// Visits each line in turn. Nothing is kept per line: a file of millions of
// short lines cost tens of bytes a line here when they were collected.
template <class Visit>
void scan_lines(std::string_view s, Visit&& visit) {
  std::size_t start = 0;
  int number = 1;
  while (start < s.size()) {
    std::size_t end = s.find('\n', start);
    end = end == std::string_view::npos ? s.size() : end + 1;
    LineScan line{s.substr(start, end - start), number++, true, false};
    const auto* p = reinterpret_cast<const uint8_t*>(line.bytes.data());
    const auto length = static_cast<int32_t>(line.bytes.size());
    for (int32_t i = 0; i < length;) {
      const int32_t at = i;
      UChar32 c;
      U8_NEXT(p, i, length, c);
      if (c < 0) line.valid = false, ++line.stray;
      if (i - at > 1) line.multibyte = true;
      if (c >= 0x400 && c <= 0x4FF) ++line.cyrillic;
    }
    visit(line);
    start = end;
  }
}

// windows-1251 or KOI8-R, as ICU's detector ranks them.
std::string detect_cyrillic_codepage(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), ucsdet_close);
  if (U_FAILURE(status)) return "windows-1251";
  ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20)),
                 &status);
  int32_t count = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &count, &status);
  if (U_FAILURE(status)) return "windows-1251";
  for (int32_t i = 0; i < count; ++i) {
    std::string name = ucsdet_getName(matches[i], &status);
    if (name == "windows-1251" || name == "KOI8-R") return name;
  }
  return "windows-1251";
}

}  // namespace

bool looks_utf16(std::string_view b, bool* little_endian) {
  bool le = true;
  bool found = false;
  if (starts(b, "\xFF\xFE")) {
    found = true;
  } else if (starts(b, "\xFE\xFF")) {
    le = false;
    found = true;
  } else {
    // Without a BOM, Cyrillic and Latin UTF-16 puts a NUL or 0x04 in every other byte.
    std::size_t n = std::min<std::size_t>(b.size(), 4096) & ~std::size_t{1};
    std::size_t even = 0, odd = 0;
    for (std::size_t i = 0; i < n; i += 2) {
      if (b[i] == '\0') ++even;
      if (b[i + 1] == '\0') ++odd;
    }
    if (n >= 8 && odd * 10 >= n * 3 && even * 20 < n) found = true;
    if (n >= 8 && even * 10 >= n * 3 && odd * 20 < n) found = true, le = false;
  }
  if (little_endian) *little_endian = le;
  return found;
}

bool looks_binary(std::string_view b) {
  if (looks_utf16(b)) return false;
  std::size_t n = std::min<std::size_t>(b.size(), 1 << 16);
  std::size_t control = 0;
  for (std::size_t i = 0; i < n; ++i) {
    auto c = static_cast<unsigned char>(b[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B) ++control;
  }
  return n > 0 && control * 100 > n * 3;
}

DecodedText decode_text(std::string_view bytes, Diagnostics& diagnostics) {
  DecodedText out;
  bool little_endian = true;
  if (starts(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    out.encoding = "UTF-8";
  } else if (looks_utf16(bytes, &little_endian)) {
    bool bom = starts(bytes, "\xFF\xFE") || starts(bytes, "\xFE\xFF");
    if (bom) bytes.remove_prefix(2);
    out.encoding = little_endian ? "UTF-16LE" : "UTF-16BE";
    out.utf8 = remove_nul(convert(bytes, out.encoding.c_str()));
    return out;
  }

  std::string clean = remove_nul(std::string(bytes));
  if (clean.size() != bytes.size())
    diagnostics.push_back({Level::warning, "text.nul_bytes",
                           std::to_string(bytes.size() - clean.size()) + " NUL bytes removed", ""});

  std::size_t utf8_lines = 0, foreign_lines = 0;
  scan_lines(clean, [&](const LineScan& l) {
    if (!l.valid) ++foreign_lines;
    else if (l.multibyte) ++utf8_lines;
  });
  if (foreign_lines == 0) {
    out.encoding = "UTF-8";
    out.utf8 = std::move(clean);
    return out;
  }
  // A file assembled from several sources: mostly UTF-8, with lines in a
  // single-byte code page. Each foreign line is decoded on its own.
  if (out.encoding == "UTF-8" || utf8_lines >= foreign_lines) {
    out.encoding = "UTF-8";
    std::set<int> bad, stray;
    std::set<std::string> codepages;
    out.utf8.reserve(clean.size());
    scan_lines(clean, [&](const LineScan& l) {
      if (l.valid) {
        out.utf8 += l.bytes;
        return;
      }
      if (l.mostly_utf8()) {
        out.utf8 += with_replacement_characters(l.bytes);
        stray.insert(l.number);
        return;
      }
      std::string codepage = detect_cyrillic_codepage(l.bytes);
      codepages.insert(codepage);
      out.utf8 += convert(l.bytes, codepage.c_str());
      bad.insert(l.number);
    });
    if (!bad.empty()) {
      std::string used;
      for (const std::string& c : codepages) used += (used.empty() ? "" : " or ") + c;
      diagnostics.push_back({Level::warning, "text.mixed_encoding",
                             std::to_string(bad.size()) + " lines are not UTF-8; decoded as " + used,
                             "lines " + line_list(bad)});
    }
    if (!stray.empty())
      diagnostics.push_back({Level::warning, "text.stray_bytes",
                             std::to_string(stray.size()) + " UTF-8 lines hold bytes of no character; kept as U+FFFD",
                             "lines " + line_list(stray)});
    return out;
  }
  out.encoding = detect_cyrillic_codepage(clean);
  out.utf8 = convert(clean, out.encoding.c_str());
  return out;
}

}  // namespace karta
