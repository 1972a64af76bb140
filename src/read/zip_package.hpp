// A zip package — a DOCX or ODT held in memory, or an archive of documents
// read from disk — its directory read once and its members inflated with
// zlib on demand. Every read counts the bytes actually inflated and stops at
// the smaller of the declared size and the part limit.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "karta/read.hpp"
#include "read/zip_directory.hpp"
#include "read/zip_source.hpp"

namespace karta::zip {

class Package {
 public:
  // Throws ReadError (corrupt_zip) naming `file`.
  // The bytes are borrowed: they must outlive the package.
  Package(std::string_view bytes, std::string file, const ReadOptions& options);
  Package(std::unique_ptr<const Source> source, std::string file, const ReadOptions& options);
  ~Package();
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool has(std::string_view name) const { return dir_.find(name) != nullptr; }
  const Directory& directory() const { return dir_; }

  // The inflated bytes of one part. Throws ReadError: missing_part,
  // encrypted_entry, unsupported_compression, too_large, crc_mismatch,
  // corrupt_zip.
  std::string read(const std::string& name) const;
  // The same, handed over in pieces as they are inflated.
  void read(const std::string& name, const std::function<void(std::string_view)>& piece) const;

 private:
  std::unique_ptr<const Source> source_;
  std::string file_;
  ReadOptions options_;
  Directory dir_;
};

}  // namespace karta::zip
