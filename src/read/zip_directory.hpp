// The central directory of a zip file, read and checked before Poco::Zip sees
// the bytes. Poco scans local headers from the start of the stream and trusts
// them: it accepts a cut central directory, ignores an end record pointing
// past the end of the file, and asserts on duplicate names and unknown
// compression methods. This check turns all of those into clear reasons.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace karta::zip {

struct Entry {
  std::string name;
  std::uint16_t flags = 0;
  std::uint16_t method = 0;
  std::uint32_t crc = 0;
  std::uint64_t compressed = 0;
  std::uint64_t uncompressed = 0;
  std::uint8_t host = 0;              // high byte of "version made by": 3 = Unix
  std::uint32_t external_attrs = 0;
  std::uint64_t local_offset = 0;     // relative to the start of the archive proper

  bool encrypted() const { return flags & 1u; }
  bool symlink() const { return host == 3 && ((external_attrs >> 16) & 0170000u) == 0120000u; }
};

struct Directory {
  std::size_t prefix = 0;   // bytes of junk before the archive (a self-extractor stub)
  std::vector<Entry> entries;
  const Entry* find(std::string_view name) const;
};

// Throws CorruptZip with a reason when the bytes are not a sound zip archive.
struct CorruptZip {
  std::string reason;
};
Directory read_directory(std::string_view bytes);

// True when the bytes look like a zip archive at all (local header magic or an
// end-of-central-directory record).
bool looks_like_zip(std::string_view bytes);

}  // namespace karta::zip
