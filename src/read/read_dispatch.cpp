// Format detection from content, then the reader for that format. Nothing
// here trusts the file name.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <libxml/parser.h>

#include "karta/read.hpp"
#include "model/work_limits.hpp"
#include "read/readers.hpp"
#include "read/text_decoder.hpp"
#include "read/zip_directory.hpp"

namespace karta {

using namespace std::string_view_literals;

namespace {

bool starts(std::string_view b, std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; }

bool looks_like_xml(std::string_view b) {
  if (starts(b, "\xEF\xBB\xBF")) b.remove_prefix(3);
  if (starts(b, "\xFF\xFE<\0"sv) || starts(b, "\xFE\xFF\0<"sv) || starts(b, "<\0?\0"sv) || starts(b, "\0<\0?"sv))
    return true;
  std::size_t i = b.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos || b[i] != '<' || i + 1 >= b.size()) return false;
  char c = b[i + 1];
  return c == '?' || c == '!' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

}  // namespace

ReadResult read_bytes(const std::string& name, std::string_view bytes, const ReadOptions& options) {
  ReadResult result;
  WorkLimits limits(name, options);
  try {
    if (bytes.empty()) throw ReadError(ErrorKind::empty, name, "empty file");
    if (bytes.size() > options.max_file_bytes)
      throw ReadError(ErrorKind::too_large, name,
                      std::to_string(bytes.size()) + " bytes, over the " + std::to_string(options.max_file_bytes) +
                          "-byte input limit");
    if (starts(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") &&
        bytes.find("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e"sv) != std::string_view::npos)
      throw ReadError(ErrorKind::encrypted_entry, name, "password-protected Office document (encrypted package)");
    if (starts(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
      throw ReadError(ErrorKind::unsupported_format, name,
                      "legacy Word 97-2003 (OLE2) file: not supported, save it as DOCX");
    if (starts(bytes, "%PDF-")) throw ReadError(ErrorKind::unsupported_format, name, "PDF is not supported");
    if (starts(bytes, "{\\rtf")) throw ReadError(ErrorKind::unsupported_format, name, "RTF is not supported");
    if (zip::looks_like_zip(bytes)) {
      result.format = Format::docx;
      read_docx(bytes, name, options, result.document, result.diagnostics);
    } else if (looks_like_html(bytes)) {
      result.format = Format::html;
      read_html(bytes, name, options, result.document, result.encoding, result.diagnostics);
    } else if (looks_like_xml(bytes)) {
      result.format = read_word_xml(bytes, name, options, result.document, result.diagnostics);
    } else if (looks_binary(bytes)) {
      throw ReadError(ErrorKind::unsupported_format, name, "binary data, not a text document or a known format");
    } else {
      result.format = Format::text;
      read_text(bytes, name, options, result.document, result.encoding, result.diagnostics);
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
    // /dev/stdin, <(…), a named pipe given on purpose.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return ReadError(ErrorKind::io, path, std::string("cannot read: ") + std::strerror(errno));
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
