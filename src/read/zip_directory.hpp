// The central directory of a zip file, read once and checked before any
// member is inflated: a cut directory, an end record pointing past the end
// of the file, duplicate names and members overlapping the directory become
// clear reasons. ZIP64 archives (members or offsets past 4 GiB, 65,535
// members or more) are read, and so is a directory whose 16-bit member count
// wrapped because its writer did not switch to ZIP64.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "read/zip_source.hpp"

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
  std::uint64_t data_offset = 0;      // where its compressed bytes start in the source

  bool encrypted() const { return flags & 1u; }
  bool symlink() const { return host == 3 && ((external_attrs >> 16) & 0170000u) == 0120000u; }
};

struct Directory {
  std::uint64_t prefix = 0;   // bytes of junk before the archive (a self-extractor stub)
  std::vector<Entry> entries;
  const Entry* find(std::string_view name) const;

 private:
  friend Directory read_directory(const Source& source);
  // name → position in entries; looked up by string_view without a copy
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::size_t, NameHash, std::equal_to<>> index_;
};

// Throws CorruptZip with a reason when the source is not a sound zip archive.
Directory read_directory(const Source& source);

// True when the bytes look like a zip archive at all (local header magic or an
// end-of-central-directory record).
bool looks_like_zip(std::string_view bytes);

}  // namespace karta::zip
