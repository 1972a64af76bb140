// Reading inputs into the document model.
//
//   karta::ReadOptions options;                 // safe defaults
//   karta::ReadResult r = karta::read_file("corpus/tyumen-roadmap-2023.docx", options);
//   if (!r.ok()) std::cerr << r.error->what() << "\n";   // "file: reason"
//   else use(r.document);
//
// The format is detected from the content, never from the file name. A read
// never throws for bad input: it returns a typed error naming the file and
// the reason. Limits are counted on what is actually read and inflated, not
// on what headers claim.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "karta/diagnostic.hpp"
#include "karta/document.hpp"

namespace karta {

enum class Format { unknown, text, docx, wordml, flat_opc, html, odt, rtf, doc, pdf };
// "text", "docx", "wordml", "flat_opc", "html", "odt" (also Flat ODT), "rtf",
// "doc" (read through LibreOffice), "pdf"
const char* format_name(Format format);

struct ReadOptions {
  std::uint64_t max_file_bytes = 256ull << 20;  // larger inputs are refused unread
  std::uint64_t max_part_bytes = 64ull << 20;   // bytes inflated from one zip part
  int max_xml_depth = 256;                      // element nesting (libxml2's own limit is 256)
  std::uint64_t max_line_bytes = 16ull << 20;   // one line of a text input
  std::uint64_t max_text_node_bytes = 10000000; // one XML text node (libxml2 refuses more than 10 MB in any case)
  std::size_t max_table_rows = 100000;          // rows of one table
  std::size_t max_row_cells = 1000;             // cells of one row
  // Counted while reading, so that memory stays a small multiple of the
  // input whatever its shape (millions of short lines, empty paragraphs or cells).
  std::size_t max_paragraphs = 200000;          // paragraphs outside tables in one document
  std::size_t max_document_cells = 1000000;     // table cells in one document, all tables together
  std::size_t max_lines = 1000000;              // lines of one text input
  std::uint64_t time_budget_ms = 60000;         // wall clock for reading and extracting one document; 0: none
  // .doc and other formats read through LibreOffice (read/libreoffice.hpp):
  // the conversion's wall clock, and the address space the process may map.
  std::uint64_t libreoffice_timeout_ms = 120000;
  std::uint64_t libreoffice_memory_bytes = 4ull << 30;
};

enum class ErrorKind {
  io,                  // cannot open / read the file
  empty,               // zero bytes
  too_large,           // input or part over its limit
  unsupported_format,  // binary, legacy .doc, unknown XML vocabulary …
  corrupt_zip,         // no end of central directory, bad offsets, truncated
  crc_mismatch,
  encrypted_entry,
  unsupported_compression,
  missing_part,        // main document part absent
  xml_error,           // not well-formed: part:line:column
  encoding,            // cannot decode the text
  time_limit,          // over its wall-clock budget
};
const char* error_kind_name(ErrorKind kind);

class ReadError : public std::runtime_error {
 public:
  ReadError(ErrorKind kind, std::string file, std::string reason);
  ErrorKind kind() const { return kind_; }
  const std::string& file() const { return file_; }
  const std::string& reason() const { return reason_; }

 private:
  ErrorKind kind_;
  std::string file_;
  std::string reason_;
};

struct ReadResult {
  Format format = Format::unknown;
  std::string encoding;               // text and HTML inputs: "UTF-8", "windows-1251", "KOI8-R", "UTF-16LE" …
  Document document;
  Diagnostics diagnostics;
  std::optional<ReadError> error;     // set when the input could not be read
  bool ok() const { return !error.has_value(); }
};

// The bytes of a file, refused unread when over max_file_bytes. Returns the
// error (io, too_large) or nothing.
std::optional<ReadError> load_file(const std::string& path, const ReadOptions& options, std::string& bytes);

// Call once before reading on several threads: libxml2's global set-up is not
// thread-safe the first time.
void prepare_readers();

// Reads a file from disk. `name` in errors is the path as given.
ReadResult read_file(const std::string& path, const ReadOptions& options = {});

// Reads bytes already in memory (archive members, tests). `name` is used in errors.
ReadResult read_bytes(const std::string& name, std::string_view bytes,
                      const ReadOptions& options = {});

}  // namespace karta
