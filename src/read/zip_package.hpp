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

class Package;

// One part inflated as it is read: the reader pulls bytes and the whole part
// is never held (a 20 MB document.xml would double in a growing string). The
// checks of Package::read hold here too — each read stops at the smaller of
// the declared size and the part limit, and the end (read returns 0) comes
// only after the inflated size and CRC match the header's.
class PartStream {
 public:
  PartStream(PartStream&&) noexcept;
  PartStream& operator=(PartStream&&) noexcept;
  ~PartStream();
  // Up to `n` bytes into `buffer`; 0 at the end. Throws ReadError
  // (too_large, corrupt_zip, crc_mismatch).
  std::size_t read(char* buffer, std::size_t n);

 private:
  friend class Package;
  struct State;
  explicit PartStream(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

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
  // The part as a stream (same errors; those of its data come from read).
  // The package must outlive it.
  PartStream open(const std::string& name) const;

 private:
  std::unique_ptr<const Source> source_;
  std::string file_;
  ReadOptions options_;
  Directory dir_;
};

}  // namespace karta::zip
