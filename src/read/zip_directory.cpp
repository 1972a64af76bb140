#include "read/zip_directory.hpp"

#include <set>

namespace karta::zip {
namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kCentralSize = 46;

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}

// The end record is the last thing in the file, followed only by its comment.
std::size_t find_end_record(std::string_view b) {
  if (b.size() < kEndSize) return std::string_view::npos;
  std::size_t lowest = b.size() > kEndSize + 0xFFFF ? b.size() - kEndSize - 0xFFFF : 0;
  for (std::size_t at = b.size() - kEndSize + 1; at-- > lowest;) {
    if (u32(b, at) == kEndSignature && at + kEndSize + u16(b, at + 20) <= b.size()) return at;
  }
  return std::string_view::npos;
}

}  // namespace

const Entry* Directory::find(std::string_view name) const {
  for (const Entry& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

bool looks_like_zip(std::string_view b) {
  return (b.size() >= 4 && u32(b, 0) == kLocalSignature) || find_end_record(b) != std::string_view::npos;
}

Directory read_directory(std::string_view b) {
  std::size_t end = find_end_record(b);
  if (end == std::string_view::npos)
    throw CorruptZip{"no end-of-central-directory record (truncated file or not a zip archive)"};
  std::uint16_t disk = u16(b, end + 4), cd_disk = u16(b, end + 6);
  std::uint16_t count = u16(b, end + 10);
  std::uint32_t cd_size = u32(b, end + 12), cd_offset = u32(b, end + 16);
  if (disk != 0 || cd_disk != 0) throw CorruptZip{"multi-volume zip archives are not supported"};
  if (cd_offset == 0xFFFFFFFFu || count == 0xFFFF)
    throw CorruptZip{"zip64 archives are not supported"};
  if (cd_size > end) throw CorruptZip{"central directory size exceeds the file"};

  // The directory ends where the end record starts; any difference from the
  // recorded offset is junk prepended to the archive.
  std::size_t cd_start = end - cd_size;
  if (cd_offset > cd_start)
    throw CorruptZip{"central directory offset " + std::to_string(cd_offset) +
                     " lies beyond the end of the data"};
  Directory dir;
  dir.prefix = cd_start - cd_offset;

  std::set<std::string> seen;
  std::size_t at = cd_start;
  for (std::uint16_t i = 0; i < count; ++i) {
    if (at + kCentralSize > end || u32(b, at) != kCentralSignature)
      throw CorruptZip{"central directory entry " + std::to_string(i + 1) + " is damaged"};
    Entry e;
    e.host = static_cast<std::uint8_t>(u16(b, at + 4) >> 8);
    e.flags = u16(b, at + 8);
    e.method = u16(b, at + 10);
    e.crc = u32(b, at + 16);
    e.compressed = u32(b, at + 20);
    e.uncompressed = u32(b, at + 24);
    std::size_t name_len = u16(b, at + 28), extra_len = u16(b, at + 30), comment_len = u16(b, at + 32);
    e.external_attrs = u32(b, at + 38);
    e.local_offset = u32(b, at + 42);
    std::size_t next = at + kCentralSize + name_len + extra_len + comment_len;
    if (next > end) throw CorruptZip{"central directory entry " + std::to_string(i + 1) + " overruns the directory"};
    e.name.assign(b.data() + at + kCentralSize, name_len);
    std::size_t local = dir.prefix + e.local_offset;
    if (local + 30 > cd_start || u32(b, local) != kLocalSignature)
      throw CorruptZip{"entry '" + e.name + "' points at a missing local header"};
    if (local + 30 + e.compressed > cd_start)
      throw CorruptZip{"entry '" + e.name + "' runs past the start of the central directory"};
    if (!seen.insert(e.name).second)
      throw CorruptZip{"two entries are named '" + e.name + "' (ambiguous package)"};
    dir.entries.push_back(std::move(e));
    at = next;
  }
  return dir;
}

}  // namespace karta::zip
