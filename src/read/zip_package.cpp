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

struct PartStream::State {
  const Source* source;
  std::string file, name;
  std::uint64_t max_part_bytes, declared, crc_declared;
  bool stored;
  std::uint64_t offset, left;   // compressed bytes not yet read
  std::uint64_t cap, produced = 0;
  std::uint32_t crc = crc32(0, nullptr, 0);
  bool ended = false;
  std::vector<char> in = std::vector<char>(kChunk);
  std::unique_ptr<Inflater> inflater;   // zlib's stream must not move: its state points back at it

  std::size_t pull(char* buffer, std::size_t n);
  std::size_t checked(char* buffer, std::size_t n);
};

PartStream::PartStream(std::unique_ptr<State> state) : state_(std::move(state)) {}
PartStream::PartStream(PartStream&&) noexcept = default;
PartStream& PartStream::operator=(PartStream&&) noexcept = default;
PartStream::~PartStream() = default;

// Raw bytes of the part, at most n: stored ones as they are, deflated ones
// through zlib. 0 when the data is used up.
std::size_t PartStream::State::pull(char* buffer, std::size_t n) {
  if (stored) {
    const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(left, n));
    if (k) source->read(offset, k, buffer);
    offset += k;
    left -= k;
    return k;
  }
  z_stream& z = inflater->z;
  for (;;) {
    if (z.avail_in == 0 && left) {
      const std::size_t k = static_cast<std::size_t>(std::min<std::uint64_t>(left, kChunk));
      source->read(offset, k, in.data());
      z.next_in = reinterpret_cast<Bytef*>(in.data());
      z.avail_in = static_cast<uInt>(k);
      offset += k;
      left -= k;
    }
    z.next_out = reinterpret_cast<Bytef*>(buffer);
    z.avail_out = static_cast<uInt>(std::min<std::size_t>(n, kChunk));
    const uInt asked = z.avail_out;
    const int rc = inflate(&z, Z_NO_FLUSH);
    const std::size_t got = asked - z.avail_out;
    if (rc == Z_STREAM_END) {
      ended = true;
      return got;
    }
    if (rc == Z_BUF_ERROR && z.avail_in == 0 && left == 0)
      throw CorruptZip{name + ": the compressed data ends early (damaged data)"};
    if (rc != Z_OK && rc != Z_BUF_ERROR)
      throw CorruptZip{name + ": cannot inflate (" + std::string(z.msg ? z.msg : "damaged data") + ")"};
    if (got) return got;
  }
}

std::size_t PartStream::State::checked(char* buffer, std::size_t n) {
  const bool done = stored ? left == 0 : ended;
  const std::size_t got = done || n == 0 ? 0 : pull(buffer, n);
  if (got == 0 && n != 0) {
    if (produced != declared)
      throw ReadError(ErrorKind::corrupt_zip, file,
                      name + " inflates to " + std::to_string(produced) + " bytes, not the " +
                          std::to_string(declared) + " its header declares");
    if (crc != crc_declared) throw ReadError(ErrorKind::crc_mismatch, file, name + ": CRC mismatch (the part is damaged)");
    return 0;
  }
  produced += got;
  if (produced > cap) {
    if (cap == max_part_bytes)
      throw ReadError(ErrorKind::too_large, file,
                      name + " inflates past the " + std::to_string(max_part_bytes) + "-byte part limit");
    throw ReadError(ErrorKind::corrupt_zip, file,
                    name + " inflates to more than the " + std::to_string(declared) + " bytes its header declares");
  }
  crc = crc32(crc, reinterpret_cast<const Bytef*>(buffer), static_cast<uInt>(got));
  return got;
}

std::size_t PartStream::read(char* buffer, std::size_t n) {
  try {
    return state_->checked(buffer, n);
  } catch (const CorruptZip& e) {
    const std::string& name = state_->name;
    throw ReadError(ErrorKind::corrupt_zip, state_->file, e.reason.rfind(name, 0) == 0 ? e.reason : name + ": " + e.reason);
  }
}

PartStream Package::open(const std::string& name) const {
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
  auto state = std::make_unique<PartStream::State>();
  state->source = source_.get();
  state->file = file_;
  state->name = name;
  state->max_part_bytes = options_.max_part_bytes;
  state->declared = entry->uncompressed;
  state->crc_declared = entry->crc;
  state->stored = entry->method == 0;
  state->offset = entry->data_offset;
  state->left = entry->compressed;
  // Never trust the declared size for more than a hint: stop one byte past it.
  state->cap = std::min<std::uint64_t>(entry->uncompressed, options_.max_part_bytes);
  if (!state->stored) {
    try {
      state->inflater = std::make_unique<Inflater>();
    } catch (const CorruptZip& e) {
      throw ReadError(ErrorKind::corrupt_zip, file_, name + ": " + e.reason);
    }
  }
  return PartStream(std::move(state));
}

void Package::read(const std::string& name, const std::function<void(std::string_view)>& piece) const {
  PartStream part = open(name);
  std::vector<char> out(kChunk);
  for (std::size_t n; (n = part.read(out.data(), out.size())) != 0;) piece({out.data(), n});
}

}  // namespace karta::zip
