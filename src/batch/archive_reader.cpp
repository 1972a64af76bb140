#include "batch/archive_reader.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "batch/member_names.hpp"
#include "read/format_sniffer.hpp"
#include "read/zip_directory.hpp"
#include "read/zip_package.hpp"

namespace karta {

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error_ = std::strerror(errno);
    return;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    error_ = "not a regular file";
  } else if (st.st_size > 0) {
    void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (p == MAP_FAILED) error_ = std::strerror(errno);
    else {
      data_ = p;
      size_ = static_cast<std::size_t>(st.st_size);
    }
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_) ::munmap(data_, size_);
}

std::optional<std::vector<ArchiveMember>> archive_members(std::string_view bytes) {
  // A document package (DOCX, ODT) or a broken zip is read as a document.
  if (sniff_input(bytes) != InputKind::zip_archive) return std::nullopt;
  zip::Directory dir;
  try {
    dir = zip::read_directory(bytes);
  } catch (const zip::CorruptZip&) {
    return std::nullopt;
  }
  std::vector<ArchiveMember> members;
  for (const zip::Entry& e : dir.entries) {
    if (e.name.empty() || e.name.back() == '/' || e.name.back() == '\\') continue;
    members.push_back({e.name, zip_name_to_utf8(e.name, e.flags), e.symlink()});
  }
  return members;
}

std::string read_member(std::string_view archive, const std::string& file, const std::string& member,
                        const ReadOptions& options) {
  ReadOptions whole = options;
  whole.max_part_bytes = options.max_file_bytes;   // a member is a whole input, not a part of one
  zip::Package package(archive, file, whole);
  return package.read(member);
}

}  // namespace karta
