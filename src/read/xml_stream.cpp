#include "read/xml_stream.hpp"

#include "model/work_limits.hpp"

#include <libxml/xmlerror.h>

#include <climits>

namespace karta {
namespace {

std::string_view view(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

std::optional<std::string> take(xmlChar* s) {
  if (!s) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(s));
  xmlFree(s);
  return out;
}

}  // namespace

XmlStream::XmlStream(std::string_view bytes, std::string file, std::string part, const ReadOptions& options)
    : file_(std::move(file)), part_(std::move(part)), max_depth_(options.max_xml_depth),
      max_text_bytes_(options.max_text_node_bytes) {
  if (bytes.size() > static_cast<std::size_t>(INT_MAX))
    throw ReadError(ErrorKind::too_large, file_, part_ + " is too large to parse");
  reader_ = xmlReaderForMemory(bytes.data(), static_cast<int>(bytes.size()), part_.c_str(), nullptr,
                               XML_PARSE_NONET | XML_PARSE_NOWARNING);
  start();
}

XmlStream::XmlStream(PullBytes source, std::string file, std::string part, const ReadOptions& options)
    : source_(std::move(source)), file_(std::move(file)), part_(std::move(part)), max_depth_(options.max_xml_depth),
      max_text_bytes_(options.max_text_node_bytes) {
  // No exception may cross libxml2's C frames: the source's is kept, and
  // libxml2 told only that reading failed.
  auto pull = [](void* self_ptr, char* buffer, int len) -> int {
    auto* self = static_cast<XmlStream*>(self_ptr);
    if (self->source_error_ || len <= 0) return -1;
    try {
      return static_cast<int>(self->source_(buffer, static_cast<std::size_t>(len)));
    } catch (...) {
      self->source_error_ = std::current_exception();
      return -1;
    }
  };
  reader_ = xmlReaderForIO(pull, nullptr, this, part_.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  start();
}

void XmlStream::start() {
  if (!reader_) {
    if (source_error_) std::rethrow_exception(source_error_);
    throw ReadError(ErrorKind::xml_error, file_, part_ + ": cannot start the XML parser");
  }
  xmlTextReaderSetStructuredErrorHandler(
      reader_,
      [](void* self_ptr, xmlErrorPtr error) {
        auto* self = static_cast<XmlStream*>(self_ptr);
        if (!error || error->level < XML_ERR_ERROR || !self->first_error_.empty()) return;
        std::string message = error->message ? error->message : "XML error";
        while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
        // libxml2's limits, said as limits (its own words advise XML_PARSE_HUGE).
        if (message.find("Excessive depth") != std::string::npos)
          message = "elements nested deeper than libxml2's limit of 256 levels";
        else if (message.find("huge text node") != std::string::npos)
          message = "a text over libxml2's 10 MB limit for one text node";
        self->first_error_ = message;
        self->error_line_ = error->line;
        self->error_column_ = error->int2;
      },
      this);
}

// What is left of a pulled source, read to its end: its own checks (a zip
// part's size and CRC) run even when the XML failed first.
void XmlStream::drain_source() {
  if (!source_ || source_error_) return;
  char buffer[1 << 14];
  try {
    while (source_(buffer, sizeof buffer) != 0) {
    }
  } catch (...) {
    source_error_ = std::current_exception();
  }
}

XmlStream::~XmlStream() {
  if (reader_) xmlFreeTextReader(reader_);
}

void XmlStream::fail(const char* what) {
  drain_source();
  if (source_error_) std::rethrow_exception(source_error_);
  std::string where = part_;
  if (error_line_ > 0) where += ":" + std::to_string(error_line_) + ":" + std::to_string(error_column_);
  throw ReadError(ErrorKind::xml_error, file_,
                  where + ": " + (first_error_.empty() ? std::string(what) : first_error_));
}

bool XmlStream::settle(int ret) {
  if (source_error_) std::rethrow_exception(source_error_);
  if (ret < 0 || !first_error_.empty()) fail("not well-formed XML");
  if (ret == 0) {
    drain_source();   // the end of the XML is the end of the part, checks included
    if (source_error_) std::rethrow_exception(source_error_);
    return false;
  }
  type_ = xmlTextReaderNodeType(reader_);
  depth_ = xmlTextReaderDepth(reader_);
  empty_ = type_ == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(reader_) == 1;
  if (depth_ > max_depth_) {
    error_line_ = line();
    error_column_ = 0;
    first_error_ = "elements nested deeper than " + std::to_string(max_depth_) + " levels";
    fail("too deep");
  }
  if (is_text() && value().size() > max_text_bytes_)
    throw ReadError(ErrorKind::too_large, file_,
                    part_ + ":" + std::to_string(line()) + ": a text node over the " + std::to_string(max_text_bytes_) +
                        "-byte limit");
  return true;
}

bool XmlStream::next() {
  check_time_budget("reading XML");
  return settle(xmlTextReaderRead(reader_));
}

bool XmlStream::skip() {
  if (type_ != XML_READER_TYPE_ELEMENT || empty_) return next();
  return settle(xmlTextReaderNext(reader_));
}

bool XmlStream::is_text() const {
  return type_ == XML_READER_TYPE_TEXT || type_ == XML_READER_TYPE_CDATA ||
         type_ == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type_ == XML_READER_TYPE_WHITESPACE;
}

std::string_view XmlStream::local() const { return view(xmlTextReaderConstLocalName(reader_)); }
// An element's namespace straight from its node: xmlTextReaderConstNamespaceUri
// interns the URI in the reader's dictionary on every call (a hash of the
// whole URI; 7 % of reading a large DOCX, asked for every start and end tag).
std::string_view XmlStream::ns() const {
  if (type_ == XML_READER_TYPE_ELEMENT || type_ == XML_READER_TYPE_END_ELEMENT)
    if (const xmlNode* node = xmlTextReaderCurrentNode(reader_); node && node->type == XML_ELEMENT_NODE)
      return node->ns && node->ns->href ? view(node->ns->href) : std::string_view();
  return view(xmlTextReaderConstNamespaceUri(reader_));
}
std::string_view XmlStream::value() const { return view(xmlTextReaderConstValue(reader_)); }

std::optional<std::string> XmlStream::attr(const char* local, std::string_view ns) const {
  std::string uri(ns);
  return take(xmlTextReaderGetAttributeNs(reader_, reinterpret_cast<const xmlChar*>(local),
                                          reinterpret_cast<const xmlChar*>(uri.c_str())));
}

std::optional<std::string> XmlStream::attr(const char* local) const {
  std::string_view own = ns();
  if (!own.empty()) {
    if (auto v = attr(local, own)) return v;
  }
  return take(xmlTextReaderGetAttribute(reader_, reinterpret_cast<const xmlChar*>(local)));
}

int XmlStream::line() const { return xmlTextReaderGetParserLineNumber(reader_); }

}  // namespace karta
