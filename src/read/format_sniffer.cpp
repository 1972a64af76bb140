#include "read/format_sniffer.hpp"

#include "karta/read.hpp"
#include "read/readers.hpp"
#include "read/text_decoder.hpp"
#include "read/zip_package.hpp"

namespace karta {
namespace {

using namespace std::string_view_literals;

constexpr std::string_view kOle2 = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv;
constexpr std::string_view kOdfOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

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

InputKind zip_kind(std::string_view bytes) {
  try {
    return sniff_package(zip::Package(bytes, "", ReadOptions{}));
  } catch (const ReadError&) {
    return InputKind::docx;   // the package reader names what is broken
  }
}

struct Evidence {
  InputKind kind;
  bool (*matches)(std::string_view);
};

// In order: the first row that matches decides.
const Evidence kTable[] = {
    {InputKind::empty, [](std::string_view b) { return b.empty(); }},
    {InputKind::encrypted_office,
     [](std::string_view b) {
       return starts(b, kOle2) && b.find("E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e"sv) != std::string_view::npos;
     }},
    {InputKind::ole2, [](std::string_view b) { return starts(b, kOle2); }},
    {InputKind::wordperfect, [](std::string_view b) { return starts(b, "\xFFWPC"); }},
    {InputKind::pdf, [](std::string_view b) { return starts(b, "%PDF-"); }},
    {InputKind::rtf, [](std::string_view b) { return starts(b, "{\\rtf"); }},
    {InputKind::zip_archive, [](std::string_view b) { return zip::looks_like_zip(b); }},   // refined by zip_kind
    {InputKind::odf_xml,
     [](std::string_view b) { return looks_like_xml(b) && b.substr(0, 4096).find(kOdfOffice) != std::string_view::npos; }},
    {InputKind::html, [](std::string_view b) { return looks_like_html(b); }},
    {InputKind::xml, [](std::string_view b) { return looks_like_xml(b); }},
    {InputKind::binary, [](std::string_view b) { return looks_binary(b); }},
};

}  // namespace

// A zip: an ODF package says so in its mimetype member, an OOXML package in
// its content types — by what they hold, not by their names: an archive of
// files may well have a folder word/ or a stray file called
// [Content_Types].xml. Anything else is an archive of files.
InputKind sniff_package(const zip::Package& package) {
  // A small member's bytes, or "" when it is absent, large or unreadable.
  auto small_member = [&](const char* name, std::uint64_t limit) -> std::string {
    const zip::Entry* e = package.directory().find(name);
    if (!e || e->uncompressed > limit) return "";
    try {
      return package.read(name);
    } catch (const ReadError&) {
      return "";
    }
  };
  if (starts(small_member("mimetype", 256), "application/vnd.oasis.opendocument.")) return InputKind::odt;
  if (small_member("[Content_Types].xml", 1 << 20).find("http://schemas.openxmlformats.org/package/2006/content-types") !=
      std::string::npos)
    return InputKind::docx;
  // No content types: a package all the same when its relationships name a
  // main document (an archive that merely has a folder called _rels/ does not).
  if (small_member("_rels/.rels", 1 << 16).find("/officeDocument\"") != std::string::npos) return InputKind::docx;
  return InputKind::zip_archive;
}

bool has_other_magic(std::string_view head) {
  for (const Evidence& e : kTable) {
    if (e.kind == InputKind::zip_archive) return false;
    if (e.matches(head)) return true;
  }
  return false;
}

InputKind sniff_input(std::string_view bytes) {
  for (const Evidence& e : kTable)
    if (e.matches(bytes)) return e.kind == InputKind::zip_archive ? zip_kind(bytes) : e.kind;
  return InputKind::text;
}

const char* input_kind_name(InputKind kind) {
  switch (kind) {
    case InputKind::empty: return "empty";
    case InputKind::encrypted_office: return "encrypted Office document";
    case InputKind::ole2: return "OLE2";
    case InputKind::wordperfect: return "WordPerfect";
    case InputKind::pdf: return "PDF";
    case InputKind::rtf: return "RTF";
    case InputKind::docx: return "DOCX";
    case InputKind::odt: return "ODT";
    case InputKind::zip_archive: return "zip archive";
    case InputKind::html: return "HTML";
    case InputKind::odf_xml: return "Flat ODT";
    case InputKind::xml: return "XML";
    case InputKind::binary: return "binary";
    case InputKind::text: return "text";
  }
  return "unknown";
}

}  // namespace karta
