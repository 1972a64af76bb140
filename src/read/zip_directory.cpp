#include "read/zip_directory.hpp"

#include <algorithm>

namespace karta::zip {
namespace {

constexpr std::uint32_t kEndSignature = 0x06054b50;
constexpr std::uint32_t kZip64EndSignature = 0x06064b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::uint32_t kCentralSignature = 0x02014b50;
constexpr std::uint32_t kLocalSignature = 0x04034b50;
constexpr std::size_t kEndSize = 22;
constexpr std::size_t kZip64LocatorSize = 20;
constexpr std::size_t kZip64EndSize = 56;
constexpr std::size_t kCentralSize = 46;
constexpr std::size_t kLocalSize = 30;
constexpr std::uint16_t kZip64Extra = 0x0001;

std::uint16_t u16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}
std::uint32_t u32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(u16(b, at)) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16;
}
std::uint64_t u64(std::string_view b, std::size_t at) {
  return static_cast<std::uint64_t>(u32(b, at)) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32;
}

// The end record is the last thing in the file, followed only by its comment.
std::size_t find_end_record(std::string_view b) {
  if (b.size() < kEndSize) return std::string_view::npos;
  for (std::size_t at = b.size() - kEndSize + 1; at-- > 0;) {
    if (u32(b, at) == kEndSignature && at + kEndSize + u16(b, at + 20) <= b.size()) return at;
  }
  return std::string_view::npos;
}

// Where the directory lies, from the end record (and its ZIP64 form when the
// 32-bit fields are saturated).
struct Span {
  std::uint64_t records = 0;
  std::uint64_t size = 0;
  std::uint64_t offset = 0;   // as recorded: relative to the archive proper
  std::uint64_t ends_at = 0;  // where the directory ends in the source
  bool zip64 = false;
};

Span locate_directory(const Source& source) {
  const std::uint64_t size = source.size();
  const std::size_t tail_size = static_cast<std::size_t>(std::min<std::uint64_t>(size, kEndSize + 0xFFFF));
  const std::uint64_t tail_start = size - tail_size;
  const std::string tail = source.read(tail_start, tail_size);
  const std::size_t end = find_end_record(tail);
  if (end == std::string_view::npos)
    throw CorruptZip{"no end-of-central-directory record (truncated file or not a zip archive)"};
  const std::uint64_t end_at = tail_start + end;
  if (u16(tail, end + 4) != 0 || u16(tail, end + 6) != 0)
    throw CorruptZip{"multi-volume zip archives are not supported"};
  Span s{u16(tail, end + 10), u32(tail, end + 12), u32(tail, end + 16), end_at, false};

  // A ZIP64 locator sits right before the end record.
  if (end_at >= kZip64LocatorSize) {
    const std::string loc = source.read(end_at - kZip64LocatorSize, kZip64LocatorSize);
    if (u32(loc, 0) == kZip64LocatorSignature) {
      if (u32(loc, 16) > 1) throw CorruptZip{"multi-volume zip archives are not supported"};
      // The locator's offset is relative to the archive proper; with junk
      // prepended it misses, and the record is the one right before the
      // locator (when it has no extensible data, as writers make it).
      std::uint64_t record_at = u64(loc, 8);
      std::string rec;
      if (record_at + kZip64EndSize <= end_at) rec = source.read(record_at, kZip64EndSize);
      if (rec.empty() || u32(rec, 0) != kZip64EndSignature) {
        if (end_at < kZip64LocatorSize + kZip64EndSize) throw CorruptZip{"the ZIP64 end record is missing"};
        record_at = end_at - kZip64LocatorSize - kZip64EndSize;
        rec = source.read(record_at, kZip64EndSize);
        if (u32(rec, 0) != kZip64EndSignature) throw CorruptZip{"the ZIP64 end record is damaged"};
      }
      s = {u64(rec, 32), u64(rec, 40), u64(rec, 48), record_at, true};
    }
  }
  if (!s.zip64 && (s.offset == 0xFFFFFFFFu || s.size == 0xFFFFFFFFu))
    throw CorruptZip{"the end record says ZIP64 but there is no ZIP64 locator"};
  if (s.size > s.ends_at) throw CorruptZip{"central directory size exceeds the file"};
  return s;
}

// The 64-bit values of a ZIP64 extra field, in the order the saturated
// 32-bit fields call for them.
void widen(std::string_view extra, Entry& e, std::uint64_t& local_offset, bool need_size, bool need_compressed,
           bool need_offset) {
  std::size_t at = 0;
  while (at + 4 <= extra.size()) {
    const std::uint16_t id = u16(extra, at), len = u16(extra, at + 2);
    if (at + 4 + len > extra.size()) break;
    if (id == kZip64Extra) {
      std::size_t v = at + 4;
      const std::size_t stop = at + 4 + len;
      auto take = [&](bool need, std::uint64_t& field) {
        if (!need) return;
        if (v + 8 > stop) throw CorruptZip{"entry '" + e.name + "' has a short ZIP64 extra field"};
        field = u64(extra, v);
        v += 8;
      };
      take(need_size, e.uncompressed);
      take(need_compressed, e.compressed);
      take(need_offset, local_offset);
      return;
    }
    at += 4 + len;
  }
  if (need_size || need_compressed || need_offset)
    throw CorruptZip{"entry '" + e.name + "' lacks the ZIP64 extra field its sizes call for"};
}

}  // namespace

const Entry* Directory::find(std::string_view name) const {
  auto it = index_.find(name);
  return it == index_.end() ? nullptr : &entries[it->second];
}

bool looks_like_zip(std::string_view b) {
  if (b.size() >= 4 && u32(b, 0) == kLocalSignature) return true;
  return find_end_record(b.substr(b.size() > kEndSize + 0xFFFF ? b.size() - kEndSize - 0xFFFF : 0)) !=
         std::string_view::npos;
}

Directory read_directory(const Source& source) {
  const Span span = locate_directory(source);
  // The directory ends where the end record starts; any difference from the
  // recorded offset is junk prepended to the archive.
  const std::uint64_t cd_start = span.ends_at - span.size;
  if (span.offset > cd_start)
    throw CorruptZip{"central directory offset " + std::to_string(span.offset) + " lies beyond the end of the data"};
  Directory dir;
  dir.prefix = cd_start - span.offset;
  // One read of the whole directory: tens of bytes a member.
  const std::string cd = source.read(cd_start, static_cast<std::size_t>(span.size));

  std::size_t at = 0;
  for (std::uint64_t i = 0; at < cd.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    if (at + kCentralSize > cd.size() || u32(cd, at) != kCentralSignature)
      throw CorruptZip{"central directory entry " + number + " is damaged"};
    Entry e;
    e.host = static_cast<std::uint8_t>(u16(cd, at + 4) >> 8);
    e.flags = u16(cd, at + 8);
    e.method = u16(cd, at + 10);
    e.crc = u32(cd, at + 16);
    e.compressed = u32(cd, at + 20);
    e.uncompressed = u32(cd, at + 24);
    const std::size_t name_len = u16(cd, at + 28), extra_len = u16(cd, at + 30), comment_len = u16(cd, at + 32);
    e.external_attrs = u32(cd, at + 38);
    std::uint64_t local_offset = u32(cd, at + 42);
    const std::size_t next = at + kCentralSize + name_len + extra_len + comment_len;
    if (next > cd.size()) throw CorruptZip{"central directory entry " + number + " overruns the directory"};
    e.name.assign(cd, at + kCentralSize, name_len);
    const bool need_size = e.uncompressed == 0xFFFFFFFFu, need_compressed = e.compressed == 0xFFFFFFFFu,
               need_offset = local_offset == 0xFFFFFFFFu;
    if (need_size || need_compressed || need_offset)
      widen(std::string_view(cd).substr(at + kCentralSize + name_len, extra_len), e, local_offset, need_size,
            need_compressed, need_offset);

    const std::uint64_t local = dir.prefix + local_offset;
    if (local > cd_start || cd_start - local < kLocalSize)
      throw CorruptZip{"entry '" + e.name + "' points at a missing local header"};
    const std::string header = source.read(local, kLocalSize);
    if (u32(header, 0) != kLocalSignature) throw CorruptZip{"entry '" + e.name + "' points at a missing local header"};
    e.data_offset = local + kLocalSize + u16(header, 26) + u16(header, 28);
    if (e.data_offset > cd_start || e.compressed > cd_start - e.data_offset)
      throw CorruptZip{"entry '" + e.name + "' runs past the start of the central directory"};
    dir.entries.push_back(std::move(e));
    at = next;
  }
  // A writer that did not switch to ZIP64 stores the count modulo 65,536;
  // the directory's own length is what counts, the count must agree with it.
  const std::uint64_t found = dir.entries.size();
  if (span.zip64 ? found != span.records : (found & 0xFFFF) != span.records)
    throw CorruptZip{"the end record counts " + std::to_string(span.records) + " entries, the directory holds " +
                     std::to_string(found)};
  dir.index_.reserve(dir.entries.size());
  for (std::size_t i = 0; i < dir.entries.size(); ++i)
    if (!dir.index_.emplace(dir.entries[i].name, i).second)
      throw CorruptZip{"two entries are named '" + dir.entries[i].name + "' (ambiguous package)"};
  return dir;
}

}  // namespace karta::zip
