// A zip package (DOCX) held in memory: its checked directory plus Poco::Zip
// for inflating. Every read counts the bytes actually inflated and stops at
// the smaller of the declared size and the part limit.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "karta/read.hpp"
#include "read/zip_directory.hpp"

namespace Poco::Zip { class ZipArchive; }

namespace karta::zip {

class Package {
 public:
  // Throws ReadError (corrupt_zip) naming `file`.
  Package(std::string_view bytes, std::string file, const ReadOptions& options);
  ~Package();
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool has(std::string_view name) const { return dir_.find(name) != nullptr; }

  // The inflated bytes of one part. Throws ReadError: missing_part,
  // encrypted_entry, unsupported_compression, too_large, crc_mismatch,
  // corrupt_zip.
  std::string read(const std::string& name) const;

 private:
  std::string_view bytes_;   // the archive proper, past any prepended junk
  std::string file_;
  ReadOptions options_;
  Directory dir_;
  std::unique_ptr<Poco::Zip::ZipArchive> archive_;
};

}  // namespace karta::zip
