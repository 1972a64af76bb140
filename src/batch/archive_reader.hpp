// Archives of documents: the directory read once per archive, members
// inflated one at a time, a file on disk read with pread (never mapped, so
// an archive truncated while it is read fails that archive, not the run).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "karta/read.hpp"
#include "read/zip_package.hpp"

namespace karta {

struct ArchiveMember {
  std::string name;      // as stored (what reading it needs)
  std::string display;   // in UTF-8
  bool symlink = false;
};

// The file, or the bytes, opened as an archive of documents; null when it is
// not one: not a zip, a document package (DOCX, ODT), or a zip too broken to
// list — such an input is read as a document and fails there with the
// reason. Each member may be as large as a whole input (max_file_bytes).
std::unique_ptr<zip::Package> open_archive_file(const std::string& path, const ReadOptions& options);
std::unique_ptr<zip::Package> open_archive_bytes(std::string_view bytes, const std::string& file,
                                                 const ReadOptions& options);

// Options for reading an archive's members: each may be as large as a whole
// input (max_file_bytes), not only as a part of one.
ReadOptions member_read_options(const ReadOptions& options);

// Its members, directories left out, in directory order.
std::vector<ArchiveMember> archive_members(const zip::Package& archive);

}  // namespace karta
