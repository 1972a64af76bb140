#include "read/zip_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace karta::zip {

std::string Source::read(std::uint64_t offset, std::size_t n) const {
  std::string out(n, '\0');
  if (n) read(offset, n, out.data());
  return out;
}

void MemorySource::read(std::uint64_t offset, std::size_t n, char* out) const {
  if (offset > bytes_.size() || n > bytes_.size() - offset)
    throw CorruptZip{"a read of " + std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                     " runs past the end of the data"};
  std::memcpy(out, bytes_.data() + offset, n);
}

std::unique_ptr<FileSource> FileSource::open(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);   // a FIFO must not block here
  if (fd < 0) {
    error = std::strerror(errno);
    return nullptr;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error = "not a regular file";
    ::close(fd);
    return nullptr;
  }
  return std::unique_ptr<FileSource>(new FileSource(fd, static_cast<std::uint64_t>(st.st_size)));
}

FileSource::~FileSource() { ::close(fd_); }

void FileSource::read(std::uint64_t offset, std::size_t n, char* out) const {
  if (offset > size_ || n > size_ - offset)
    throw CorruptZip{"a read of " + std::to_string(n) + " bytes at offset " + std::to_string(offset) +
                     " runs past the end of the file"};
  std::size_t got = 0;
  while (got < n) {
    const ssize_t r = ::pread(fd_, out + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) throw CorruptZip{std::string("cannot read the file: ") + std::strerror(errno)};
    if (r == 0)
      throw CorruptZip{"the file changed while it was read (it ends before byte " + std::to_string(offset + n) +
                       " of the " + std::to_string(size_) + " it had)"};
    got += static_cast<std::size_t>(r);
  }
}

}  // namespace karta::zip
