// Archives of documents on disk: mapped, not read, so that an archive of
// gigabytes costs page cache, not memory; members inflated one at a time.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "karta/read.hpp"

namespace karta {

class MappedFile {
 public:
  explicit MappedFile(const std::string& path);   // bytes() is empty and error() says why on failure
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }
  const std::string& error() const { return error_; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  std::string error_;
};

struct ArchiveMember {
  std::string name;      // as stored (what reading it needs)
  std::string display;   // in UTF-8
  bool symlink = false;
};

// The members of an archive of documents (directories left out), or nothing
// when `bytes` is not one: not a zip, a document package (DOCX), or a zip too
// broken to list — such a file is read as a document and fails there with
// the reason.
std::optional<std::vector<ArchiveMember>> archive_members(std::string_view bytes);

// One member's bytes, up to options.max_file_bytes. Throws ReadError naming `file`.
std::string read_member(std::string_view archive, const std::string& file, const std::string& member,
                        const ReadOptions& options);

}  // namespace karta
