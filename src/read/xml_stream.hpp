// libxml2's streaming reader with safe options, wrapped for the readers.
//
// Safe means: no entity substitution (no XML_PARSE_NOENT), no external DTD
// loading (no XML_PARSE_DTDLOAD), no network (XML_PARSE_NONET), libxml2's
// own depth and text-node limits kept (no XML_PARSE_HUGE), and the encoding
// left to the document so UTF-16 parts parse. Entity references are reported
// as nodes and the readers ignore them. Errors never go to libxml2's global
// handler: the first one becomes a ReadError with part:line:column.
#pragma once

#include <libxml/xmlreader.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "karta/read.hpp"

namespace karta {

// Up to n bytes of the document into the buffer, 0 at its end; may throw
// ReadError (a zip part's damage, limits).
using PullBytes = std::function<std::size_t(char* buffer, std::size_t n)>;

class XmlStream {
 public:
  XmlStream(std::string_view bytes, std::string file, std::string part, const ReadOptions& options);
  // The document pulled as libxml2 asks for it, never held whole. An error
  // of the source is the one reported, before any XML error it caused; on an
  // XML error the rest of the source is read, so that damage further on (a
  // zip part's CRC) is named as the cause.
  XmlStream(PullBytes source, std::string file, std::string part, const ReadOptions& options);
  ~XmlStream();
  XmlStream(const XmlStream&) = delete;
  XmlStream& operator=(const XmlStream&) = delete;

  // Advances to the next node; false at the end. Throws ReadError (xml_error).
  bool next();
  // Moves past the current element's subtree to its next sibling (or parent's end);
  // false at the end of the document.
  bool skip();

  bool is_start() const { return type_ == XML_READER_TYPE_ELEMENT; }
  bool is_end() const { return type_ == XML_READER_TYPE_END_ELEMENT; }   // an end tag, not an empty element
  bool is_empty_element() const { return empty_; }
  bool is_text() const;
  int depth() const { return depth_; }

  std::string_view local() const;
  std::string_view ns() const;
  std::string_view value() const;   // text of a text node

  // Attribute by local name in the given namespace (nullopt when absent).
  std::optional<std::string> attr(const char* local, std::string_view ns) const;
  // Attribute by local name in the current element's namespace, or unqualified.
  std::optional<std::string> attr(const char* local) const;

  const std::string& part() const { return part_; }
  int line() const;

 private:
  void start();
  [[noreturn]] void fail(const char* what);
  bool settle(int ret);
  void drain_source();

  PullBytes source_;
  std::exception_ptr source_error_;

  xmlTextReaderPtr reader_ = nullptr;
  std::string file_;
  std::string part_;
  int max_depth_;
  std::uint64_t max_text_bytes_;
  int type_ = 0;
  int depth_ = 0;
  bool empty_ = false;
  std::string first_error_;
  int error_line_ = 0;
  int error_column_ = 0;
};

}  // namespace karta
