// Format detection from content, then the reader for that format. Nothing
// here trusts the file name.
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <libxml/parser.h>

#include "karta/read.hpp"
#include "model/work_limits.hpp"
#include "read/format_sniffer.hpp"
#include "read/libreoffice.hpp"
#include "read/readers.hpp"

namespace karta {

ReadResult read_bytes(const std::string& name, std::string_view bytes, const ReadOptions& options) {
  ReadResult result;
  WorkLimits limits(name, options);
  try {
    if (bytes.size() > options.max_file_bytes)
      throw ReadError(ErrorKind::too_large, name,
                      std::to_string(bytes.size()) + " bytes, over the " + std::to_string(options.max_file_bytes) +
                          "-byte input limit");
    switch (sniff_input(bytes)) {
      case InputKind::empty: throw ReadError(ErrorKind::empty, name, "empty file");
      case InputKind::encrypted_office:
        throw ReadError(ErrorKind::encrypted_entry, name, "password-protected Office document (encrypted package)");
      case InputKind::ole2:
      case InputKind::wordperfect: {
        // No reader of our own: LibreOffice makes a DOCX of it, and the
        // output says what the input was and what converted it.
        result.format = Format::doc;
        const std::string docx = libreoffice::convert_to_docx(bytes, name, options);
        read_docx(docx, name, options, result.document, result.diagnostics);
        result.diagnostics.insert(result.diagnostics.begin(),
                                  {Level::info, "read.libreoffice",
                                   "read as the DOCX that " + libreoffice::version() + " made of it", ""});
        break;
      }
      case InputKind::pdf:
        result.format = Format::pdf;
        read_pdf(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::rtf:
        result.format = Format::rtf;
        read_rtf(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::zip_archive:
        throw ReadError(ErrorKind::unsupported_format, name,
                        "a zip archive of files, not a document package: karta extract reads its members");
      case InputKind::binary:
        throw ReadError(ErrorKind::unsupported_format, name, "binary data, not a text document or a known format");
      case InputKind::docx:
        result.format = Format::docx;
        read_docx(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::odt:
        result.format = Format::odt;
        read_odt(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::odf_xml:
        result.format = Format::odt;
        read_flat_odt(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::html:
        result.format = Format::html;
        read_html(bytes, name, options, result.document, result.encoding, result.diagnostics);
        break;
      case InputKind::xml:
        result.format = read_word_xml(bytes, name, options, result.document, result.diagnostics);
        break;
      case InputKind::text:
        result.format = Format::text;
        read_text(bytes, name, options, result.document, result.encoding, result.diagnostics);
        break;
    }
  } catch (const ReadError& e) {
    result.error = e;
    result.document = {};
  } catch (const std::bad_alloc&) {
    result.error = ReadError(ErrorKind::too_large, name, "out of memory while reading");
    result.document = {};
  }
  return result;
}

namespace {

// A pipe, a terminal, standard input: no size to check first, so read up to
// one byte over the limit.
std::optional<ReadError> read_stream(int fd, const std::string& path, const ReadOptions& options, std::string& bytes) {
  bytes.clear();
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n == 0) return std::nullopt;
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadError(ErrorKind::io, path, std::string("cannot read: ") + std::strerror(errno));
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
    if (bytes.size() > options.max_file_bytes)
      return ReadError(ErrorKind::too_large, path,
                       "over the " + std::to_string(options.max_file_bytes) + "-byte input limit");
  }
}

}  // namespace

std::optional<ReadError> load_file(const std::string& path, const ReadOptions& options, std::string& bytes) {
  if (path == "-") return read_stream(STDIN_FILENO, path, options, bytes);
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec) return ReadError(ErrorKind::io, path, "cannot read: " + ec.message());
  if (std::filesystem::is_directory(status)) return ReadError(ErrorKind::io, path, "is a directory");
  if (!std::filesystem::is_regular_file(status)) {
    // /dev/stdin, <(…), a named pipe given on purpose. Opening a FIFO
    // blocks until someone writes to it, forever if nobody does: open it
    // without waiting, and wait for its first bytes within the time budget.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return ReadError(ErrorKind::io, path, std::string("cannot read: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode) && options.time_budget_ms) {
      pollfd ready{fd, POLLIN, 0};
      int r;
      do r = ::poll(&ready, 1, static_cast<int>(std::min<std::uint64_t>(options.time_budget_ms, INT32_MAX)));
      while (r < 0 && errno == EINTR);
      if (r == 0) {
        ::close(fd);
        return ReadError(ErrorKind::io, path,
                         "nothing was written to this pipe within the " + std::to_string(options.time_budget_ms / 1000) +
                             "-second time budget");
      }
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    auto error = read_stream(fd, path, options, bytes);
    ::close(fd);
    return error;
  }
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return ReadError(ErrorKind::io, path, "cannot read: " + ec.message());
  if (size > options.max_file_bytes)
    return ReadError(ErrorKind::too_large, path,
                     std::to_string(size) + " bytes, over the " + std::to_string(options.max_file_bytes) +
                         "-byte input limit");
  std::ifstream in(path, std::ios::binary);
  bytes.assign(static_cast<std::size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size)))
    return ReadError(ErrorKind::io, path, std::string("cannot read: ") + std::strerror(errno));
  return std::nullopt;
}

void prepare_readers() { xmlInitParser(); }

ReadResult read_file(const std::string& path, const ReadOptions& options) {
  ReadResult result;
  std::string bytes;
  if (auto error = load_file(path, options, bytes)) {
    result.error = *error;
    return result;
  }
  return read_bytes(path, bytes, options);
}

ReadError::ReadError(ErrorKind kind, std::string file, std::string reason)
    : std::runtime_error(file + ": " + reason), kind_(kind), file_(std::move(file)), reason_(std::move(reason)) {}

const char* format_name(Format format) {
  switch (format) {
    case Format::text: return "text";
    case Format::docx: return "docx";
    case Format::wordml: return "wordml";
    case Format::flat_opc: return "flat_opc";
    case Format::html: return "html";
    case Format::odt: return "odt";
    case Format::rtf: return "rtf";
    case Format::doc: return "doc";
    case Format::pdf: return "pdf";
    case Format::unknown: break;
  }
  return "unknown";
}

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::io: return "io";
    case ErrorKind::empty: return "empty";
    case ErrorKind::too_large: return "too_large";
    case ErrorKind::unsupported_format: return "unsupported_format";
    case ErrorKind::corrupt_zip: return "corrupt_zip";
    case ErrorKind::crc_mismatch: return "crc_mismatch";
    case ErrorKind::encrypted_entry: return "encrypted_entry";
    case ErrorKind::unsupported_compression: return "unsupported_compression";
    case ErrorKind::missing_part: return "missing_part";
    case ErrorKind::xml_error: return "xml_error";
    case ErrorKind::encoding: return "encoding";
    case ErrorKind::time_limit: return "time_limit";
  }
  return "unknown";
}

}  // namespace karta
