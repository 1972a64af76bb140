// Single-file Word XML: Word 2003 (w:wordDocument, lists inline before the
// body), Flat OPC (pkg:package holding every part of a DOCX as XML), and a
// bare WordprocessingML document part.
#include "read/readers.hpp"
#include "read/word_body_reader.hpp"

namespace karta {
namespace {

constexpr std::string_view kPackageNs = "http://schemas.microsoft.com/office/2006/xmlPackage";

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class PartRole { other, main, numbering, styles };

PartRole role_of(const XmlStream& xml) {
  std::string name = xml.attr("name", kPackageNs).value_or("");
  std::string type = xml.attr("contentType", kPackageNs).value_or("");
  if (ends_with(type, "document.main+xml") || ends_with(type, "template.main+xml") ||
      ends_with(type, "macroEnabled.main+xml"))
    return PartRole::main;
  if (ends_with(type, "numbering+xml") || ends_with(name, "/numbering.xml")) return PartRole::numbering;
  if (ends_with(type, "styles+xml") || ends_with(name, "/styles.xml")) return PartRole::styles;
  if (type.empty() && name == "/word/document.xml") return PartRole::main;
  return PartRole::other;
}

// Walks the parts of a Flat OPC package, calling `on_root` with the stream
// positioned on the root element of each part's XML data.
template <class F>
void each_part_root(std::string_view bytes, const std::string& file, const ReadOptions& options, F on_root) {
  XmlStream xml(bytes, file, "package", options);
  PartRole role = PartRole::other;
  bool in_data = false;
  bool more = xml.next();
  while (more) {
    if (xml.is_start() && xml.ns() == kPackageNs && xml.local() == "part") {
      role = role_of(xml);
    } else if (xml.is_start() && xml.ns() == kPackageNs && xml.local() == "xmlData") {
      in_data = true;
    } else if (xml.is_end() && xml.ns() == kPackageNs && xml.local() == "xmlData") {
      in_data = false;
    } else if (xml.is_start() && in_data) {
      in_data = false;   // only the part's root element
      if (on_root(role, xml)) {
        more = xml.next();
        continue;
      }
      more = xml.skip();
      continue;
    }
    more = xml.next();
  }
}

}  // namespace

Format read_word_xml(std::string_view bytes, const std::string& file, const ReadOptions& options,
                     Document& out, Diagnostics& /*nothing to report yet*/) {
  std::string root_ns, root_name;
  {
    XmlStream probe(bytes, file, "document", options);
    while (probe.next()) {
      if (probe.is_start()) {
        root_ns = probe.ns();
        root_name = probe.local();
        break;
      }
    }
  }
  ListNumbering lists;
  if (root_ns == kPackageNs && root_name == "package") {
    // Numbering may follow the document part, so it is read in a first pass.
    each_part_root(bytes, file, options, [&](PartRole role, XmlStream& xml) {
      if (role == PartRole::numbering) lists.read_numbering(xml);
      if (role == PartRole::styles) lists.read_styles(xml);
      return role == PartRole::numbering || role == PartRole::styles;
    });
    bool found = false;
    each_part_root(bytes, file, options, [&](PartRole role, XmlStream& xml) {
      if (role != PartRole::main || found) return false;
      read_word_body(xml, lists, out);
      found = true;
      return true;
    });
    if (!found) throw ReadError(ErrorKind::missing_part, file, "the Flat OPC package has no main document part");
    return Format::flat_opc;
  }
  if (!is_wordprocessing_ns(root_ns) || (root_name != "wordDocument" && root_name != "document"))
    throw ReadError(ErrorKind::unsupported_format, file,
                    "XML with root element '" + root_name + "' is not Word XML");
  XmlStream xml(bytes, file, "document", options);
  while (xml.next()) {
    if (xml.is_start()) {
      read_word_body(xml, lists, out);
      break;
    }
  }
  while (xml.next()) {
  }
  return Format::wordml;
}

}  // namespace karta
