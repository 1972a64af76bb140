// What an input is, from its bytes alone — never from its name. One ordered
// table of evidence (magic bytes, a zip's mimetype or content types, an XML
// root's namespace), read by every path that meets an input: read_bytes
// picks the reader from it, and batch listing asks it whether a zip is an
// archive of documents or a document package. Adding a format is one row
// here, one reader file and its tests.
#pragma once

#include <string_view>

namespace karta::zip { class Package; }

namespace karta {

enum class InputKind {
  empty,
  encrypted_office,  // an OLE2 container holding an EncryptedPackage (password-protected OOXML)
  ole2,              // legacy Word 97-2003 .doc, Works .wps and other OLE2 files: through LibreOffice
  wordperfect,       // WordPerfect (\xFFWPC): through LibreOffice
  pdf,
  rtf,
  docx,              // an OOXML package ([Content_Types].xml, or _rels/.rels with word/document.xml), or a zip too broken to tell
  odt,               // an OpenDocument package (its mimetype member)
  zip_archive,       // a zip of other files: batch listing reads its members
  html,
  odf_xml,           // Flat OpenDocument (.fodt): one XML file in the ODF office namespace
  xml,               // other XML: Word 2003, Flat OPC or a bare WordprocessingML part
  binary,
  text,
};

InputKind sniff_input(std::string_view bytes);

// What a readable zip is: docx, odt or zip_archive, by its content types,
// mimetype and relationships.
InputKind sniff_package(const zip::Package& package);

// True when the first bytes carry the magic of a format the sniff table
// checks before zip (PDF, RTF, OLE2, WordPerfect): such a file is no archive,
// whatever its tail looks like.
bool has_other_magic(std::string_view head);
const char* input_kind_name(InputKind kind);

}  // namespace karta
