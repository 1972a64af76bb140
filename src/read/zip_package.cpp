#include "read/zip_package.hpp"

#include <zlib.h>

#include <algorithm>
#include <vector>

namespace karta::zip {
namespace {

constexpr std::size_t kChunk = 1 << 16;

// zlib's stream, ended however the read ends.
struct Inflater {
  z_stream z{};
  Inflater() {
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw CorruptZip{"cannot start zlib"};   // raw deflate
  }
  ~Inflater() { inflateEnd(&z); }
};

}  // namespace

Package::Package(std::string_view bytes, std::string file, const ReadOptions& options)
    : Package(std::make_unique<MemorySource>(bytes), std::move(file), options) {}

Package::Package(std::unique_ptr<const Source> source, std::string file, const ReadOptions& options)
    : source_(std::move(source)), file_(std::move(file)), options_(options) {
  try {
    dir_ = read_directory(*source_);
  } catch (const CorruptZip& e) {
    throw ReadError(ErrorKind::corrupt_zip, file_, e.reason);
  }
}

Package::~Package() = default;

std::string Package::read(const std::string& name) const {
  std::string out;
  if (const Entry* e = dir_.find(name))
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>({e->uncompressed, options_.max_part_bytes, 1u << 24})));
  read(name, [&](std::string_view piece) { out.append(piece); });
  return out;
}

void Package::read(const std::string& name, const std::function<void(std::string_view)>& piece) const {
  const Entry* entry = dir_.find(name);
  if (!entry) throw ReadError(ErrorKind::missing_part, file_, "part '" + name + "' is missing");
  if (entry->encrypted())
    throw ReadError(ErrorKind::encrypted_entry, file_, name + ": encrypted entry (password required)");
  if (entry->method != 0 && entry->method != 8)
    throw ReadError(ErrorKind::unsupported_compression, file_,
                    name + ": unsupported compression method " + std::to_string(entry->method));
  if (entry->symlink())
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": is a symbolic link, not a file");
  if (entry->uncompressed > options_.max_part_bytes)
    throw ReadError(ErrorKind::too_large, file_,
                    name + " declares " + std::to_string(entry->uncompressed) + " bytes, over the " +
                        std::to_string(options_.max_part_bytes) + "-byte part limit");

  // Never trust the declared size for more than a hint: stop one byte past it.
  const std::uint64_t cap = std::min<std::uint64_t>(entry->uncompressed, options_.max_part_bytes);
  std::uint64_t produced = 0;
  std::uint32_t crc = crc32(0, nullptr, 0);
  auto emit = [&](const char* data, std::size_t n) {
    produced += n;
    if (produced > cap) {
      if (cap == options_.max_part_bytes)
        throw ReadError(ErrorKind::too_large, file_,
                        name + " inflates past the " + std::to_string(options_.max_part_bytes) + "-byte part limit");
      throw ReadError(ErrorKind::corrupt_zip, file_,
                      name + " inflates to more than the " + std::to_string(entry->uncompressed) +
                          " bytes its header declares");
    }
    crc = crc32(crc, reinterpret_cast<const Bytef*>(data), static_cast<uInt>(n));
    piece({data, n});
  };
  try {
    std::vector<char> in(kChunk);
    std::uint64_t offset = entry->data_offset, left = entry->compressed;
    if (entry->method == 0) {
      while (left) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, kChunk));
        source_->read(offset, n, in.data());
        emit(in.data(), n);
        offset += n;
        left -= n;
      }
    } else {
      std::vector<char> out(kChunk);
      Inflater inflater;
      z_stream& z = inflater.z;
      for (bool done = false; !done;) {
        if (z.avail_in == 0 && left) {
          const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, kChunk));
          source_->read(offset, n, in.data());
          z.next_in = reinterpret_cast<Bytef*>(in.data());
          z.avail_in = static_cast<uInt>(n);
          offset += n;
          left -= n;
        }
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = static_cast<uInt>(out.size());
        const int rc = inflate(&z, Z_NO_FLUSH);
        emit(out.data(), out.size() - z.avail_out);
        if (rc == Z_STREAM_END) done = true;
        else if (rc == Z_BUF_ERROR && z.avail_in == 0 && left == 0)
          throw CorruptZip{name + ": the compressed data ends early (damaged data)"};
        else if (rc != Z_OK && rc != Z_BUF_ERROR)
          throw CorruptZip{name + ": cannot inflate (" + std::string(z.msg ? z.msg : "damaged data") + ")"};
      }
    }
  } catch (const CorruptZip& e) {
    throw ReadError(ErrorKind::corrupt_zip, file_, e.reason.rfind(name, 0) == 0 ? e.reason : name + ": " + e.reason);
  }
  if (produced != entry->uncompressed)
    throw ReadError(ErrorKind::corrupt_zip, file_,
                    name + " inflates to " + std::to_string(produced) + " bytes, not the " +
                        std::to_string(entry->uncompressed) + " its header declares");
  if (crc != entry->crc) throw ReadError(ErrorKind::crc_mismatch, file_, name + ": CRC mismatch (the part is damaged)");
}

}  // namespace karta::zip
