// Bytes of a plain-text input → UTF-8, with the encoding detected by ICU.
//
// Order of evidence: a byte-order mark; the NUL pattern of BOM-less UTF-16;
// well-formed UTF-8 (a file that is mostly UTF-8 with a few foreign lines is
// UTF-8 with U+FFFD for the bad bytes and a diagnostic naming the lines);
// otherwise ICU's charset detector choosing between windows-1251 and KOI8-R.
#pragma once

#include <string>
#include <string_view>

#include "karta/diagnostic.hpp"

namespace karta {

struct DecodedText {
  std::string utf8;        // NUL bytes removed, no BOM
  std::string encoding;    // "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R"
};

DecodedText decode_text(std::string_view bytes, Diagnostics& diagnostics);

// True for data no text editor wrote: many control bytes outside UTF-16.
bool looks_binary(std::string_view bytes);

// True when the bytes are UTF-16 (with a BOM, or by the NUL pattern of Cyrillic/Latin text).
bool looks_utf16(std::string_view bytes, bool* little_endian = nullptr);

}  // namespace karta
