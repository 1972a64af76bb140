#include "batch/archive_reader.hpp"

#include <algorithm>

#include "batch/member_names.hpp"
#include "read/format_sniffer.hpp"

namespace karta {
namespace {

std::unique_ptr<zip::Package> archive_of(std::unique_ptr<const zip::Source> source, const std::string& file,
                                         const ReadOptions& options) {
  const std::string head = source->read(0, static_cast<std::size_t>(std::min<std::uint64_t>(source->size(), 64)));
  if (has_other_magic(head)) return nullptr;
  std::unique_ptr<zip::Package> package;
  try {
    package = std::make_unique<zip::Package>(std::move(source), file, member_read_options(options));
  } catch (const ReadError&) {
    return nullptr;
  }
  if (sniff_package(*package) != InputKind::zip_archive) return nullptr;
  return package;
}

}  // namespace

ReadOptions member_read_options(const ReadOptions& options) {
  ReadOptions whole = options;
  whole.max_part_bytes = options.max_file_bytes;   // a member is a whole input, not a part of one
  return whole;
}

std::unique_ptr<zip::Package> open_archive_file(const std::string& path, const ReadOptions& options) {
  std::string error;
  std::unique_ptr<zip::FileSource> source = zip::FileSource::open(path, error);
  if (!source) return nullptr;
  try {
    return archive_of(std::move(source), path, options);
  } catch (const zip::CorruptZip&) {
    return nullptr;   // it could not even be read: the document reader says why
  }
}

std::unique_ptr<zip::Package> open_archive_bytes(std::string_view bytes, const std::string& file,
                                                 const ReadOptions& options) {
  return archive_of(std::make_unique<zip::MemorySource>(bytes), file, options);
}

std::vector<ArchiveMember> archive_members(const zip::Package& archive) {
  std::vector<ArchiveMember> members;
  for (const zip::Entry& e : archive.directory().entries) {
    if (e.name.empty() || e.name.back() == '/' || e.name.back() == '\\') continue;
    members.push_back({e.name, zip_name_to_utf8(e.name, e.flags), e.symlink()});
  }
  return members;
}

}  // namespace karta
