// Where a zip archive's bytes come from: memory (a DOCX read whole, an
// archive inflated out of another) or a file on disk read with pread. A file
// is never mapped: a mapped archive that another process truncates while it
// is read kills the reader with SIGBUS, where a short pread is one clear
// failure of that archive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace karta::zip {

// Why the bytes are not a sound zip archive, or could not be read.
struct CorruptZip {
  std::string reason;
};

class Source {
 public:
  virtual ~Source() = default;
  virtual std::uint64_t size() const = 0;
  // Exactly `n` bytes at `offset` into `out`; throws CorruptZip when they are
  // not there (past the end, a read error, a file that shrank).
  virtual void read(std::uint64_t offset, std::size_t n, char* out) const = 0;
  std::string read(std::uint64_t offset, std::size_t n) const;
};

// Borrows the bytes: they must outlive the source.
class MemorySource final : public Source {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::uint64_t size() const override { return bytes_.size(); }
  void read(std::uint64_t offset, std::size_t n, char* out) const override;
  using Source::read;

 private:
  std::string_view bytes_;
};

class FileSource final : public Source {
 public:
  // Null, with `error` saying why, when the file cannot be opened as a regular file.
  static std::unique_ptr<FileSource> open(const std::string& path, std::string& error);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::uint64_t size() const override { return size_; }
  void read(std::uint64_t offset, std::size_t n, char* out) const override;
  using Source::read;

 private:
  FileSource(int fd, std::uint64_t size) : fd_(fd), size_(size) {}
  int fd_;
  std::uint64_t size_;   // at opening: a read past it means the file changed
};

}  // namespace karta::zip
