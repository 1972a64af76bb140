#include "read/zip_package.hpp"

#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipException.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>

namespace karta::zip {

Package::Package(std::string_view bytes, std::string file, const ReadOptions& options)
    : file_(std::move(file)), options_(options) {
  try {
    dir_ = read_directory(bytes);
  } catch (const CorruptZip& e) {
    throw ReadError(ErrorKind::corrupt_zip, file_, e.reason);
  }
  bytes_ = bytes.substr(dir_.prefix);
  for (const Entry& e : dir_.entries) {
    // Poco asserts on these while parsing; say what they are instead.
    if (e.method != 0 && e.method != 8)
      throw ReadError(ErrorKind::unsupported_compression, file_,
                      e.name + ": unsupported compression method " + std::to_string(e.method));
  }
  try {
    Poco::MemoryInputStream in(bytes_.data(), bytes_.size());
    archive_ = std::make_unique<Poco::Zip::ZipArchive>(in);
  } catch (const Poco::Exception& e) {
    throw ReadError(ErrorKind::corrupt_zip, file_, "damaged zip structure: " + e.displayText());
  }
}

Package::~Package() = default;

std::string Package::read(const std::string& name) const {
  const Entry* entry = dir_.find(name);
  if (!entry) throw ReadError(ErrorKind::missing_part, file_, "part '" + name + "' is missing");
  if (entry->encrypted())
    throw ReadError(ErrorKind::encrypted_entry, file_, name + ": encrypted entry (password required)");
  if (entry->symlink())
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": is a symbolic link, not a file");
  if (entry->uncompressed > options_.max_part_bytes)
    throw ReadError(ErrorKind::too_large, file_,
                    name + " declares " + std::to_string(entry->uncompressed) + " bytes, over the " +
                        std::to_string(options_.max_part_bytes) + "-byte part limit");
  auto header = archive_->findHeader(name);
  if (header == archive_->headerEnd())
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": listed in the directory but has no readable local header");

  // Never trust the declared size for more than a hint: stop one byte past it.
  const std::uint64_t cap = std::min<std::uint64_t>(entry->uncompressed, options_.max_part_bytes);
  std::string out;
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(cap, 1u << 24)));
  try {
    Poco::MemoryInputStream in(bytes_.data(), bytes_.size());
    Poco::Zip::ZipInputStream zin(in, header->second, true);
    zin.exceptions(std::ios::badbit);   // otherwise CRC and inflate errors read as a short part
    char buf[1 << 16];
    while (zin.read(buf, sizeof buf), zin.gcount() > 0) {
      out.append(buf, static_cast<std::size_t>(zin.gcount()));
      if (out.size() > cap) {
        if (cap == options_.max_part_bytes)
          throw ReadError(ErrorKind::too_large, file_,
                          name + " inflates past the " + std::to_string(options_.max_part_bytes) +
                              "-byte part limit");
        throw ReadError(ErrorKind::corrupt_zip, file_,
                        name + " inflates to more than the " + std::to_string(entry->uncompressed) +
                            " bytes its header declares");
      }
    }
  } catch (const Poco::Zip::ZipException& e) {
    std::string what = e.displayText();
    if (what.find("CRC") != std::string::npos)
      throw ReadError(ErrorKind::crc_mismatch, file_, name + ": CRC mismatch (the part is damaged)");
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": " + what);
  } catch (const Poco::Exception& e) {
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": cannot inflate: " + e.displayText());
  } catch (const std::ios::failure&) {
    throw ReadError(ErrorKind::corrupt_zip, file_, name + ": cannot inflate (damaged data)");
  }
  if (out.size() != entry->uncompressed)
    throw ReadError(ErrorKind::corrupt_zip, file_,
                    name + " inflates to " + std::to_string(out.size()) + " bytes, not the " +
                        std::to_string(entry->uncompressed) + " its header declares");
  return out;
}

}  // namespace karta::zip
