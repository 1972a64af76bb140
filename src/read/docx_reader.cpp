// DOCX (.docx, .docm, .dotx): the main part is found through _rels/.rels,
// never assumed; its own relationships name the numbering and styles parts.
#include <vector>

#include "read/readers.hpp"
#include "read/word_body_reader.hpp"
#include "read/zip_package.hpp"

namespace karta {
namespace {

struct Relationship {
  std::string type;
  std::string target;
  bool external = false;
};

bool type_is(const Relationship& r, std::string_view suffix) {
  return r.type.size() >= suffix.size() && r.type.compare(r.type.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<Relationship> read_relationships(const std::string& xml_text, const std::string& file,
                                             const std::string& part, const ReadOptions& options) {
  std::vector<Relationship> out;
  XmlStream xml(xml_text, file, part, options);
  while (xml.next()) {
    if (xml.is_start() && xml.local() == "Relationship") {
      Relationship r;
      r.type = xml.attr("Type").value_or("");
      r.target = xml.attr("Target").value_or("");
      r.external = xml.attr("TargetMode").value_or("") == "External";
      out.push_back(std::move(r));
    }
  }
  return out;
}

// Resolves a relationship target against the folder of the part that names it.
std::string resolve(const std::string& base_dir, const std::string& target) {
  std::string path = (!target.empty() && target[0] == '/') ? target.substr(1) : base_dir + target;
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    std::string seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string folder_of(const std::string& part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string::npos ? "" : part.substr(0, slash + 1);
}

std::string rels_of(const std::string& part) {
  std::size_t slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + name + ".rels";
}

// Reads an auxiliary part (numbering, styles) into `lists` with `consume`.
template <class Consume>
void read_aux_part(const zip::Package& package, const std::string& part, const std::string& file,
                   const ReadOptions& options, Consume consume) {
  if (part.empty() || !package.has(part)) return;
  std::string text = package.read(part);
  XmlStream xml(text, file, part, options);
  while (xml.next()) {
    if (xml.is_start()) {
      consume(xml);
      return;
    }
  }
}

}  // namespace

void read_docx(std::string_view bytes, const std::string& file, const ReadOptions& options,
               Document& out, Diagnostics& diagnostics) {
  zip::Package package(bytes, file, options);

  std::string main_part;
  if (package.has("_rels/.rels")) {
    for (const Relationship& r : read_relationships(package.read("_rels/.rels"), file, "_rels/.rels", options))
      if (!r.external && type_is(r, "/officeDocument")) main_part = resolve("", r.target);
    if (main_part.empty())
      throw ReadError(ErrorKind::missing_part, file, "_rels/.rels names no main document part (officeDocument)");
  } else if (package.has("word/document.xml")) {
    main_part = "word/document.xml";
    diagnostics.push_back({Level::warning, "docx.no_package_rels",
                           "no _rels/.rels: read word/document.xml as the main part", ""});
  } else {
    throw ReadError(ErrorKind::unsupported_format, file,
                    "a zip archive without _rels/.rels or word/document.xml is not a Word document");
  }
  if (!package.has(main_part))
    throw ReadError(ErrorKind::missing_part, file, "main document part '" + main_part + "' is missing");

  std::string numbering_part, styles_part;
  const std::string main_rels = rels_of(main_part);
  if (package.has(main_rels)) {
    for (const Relationship& r : read_relationships(package.read(main_rels), file, main_rels, options)) {
      if (r.external) continue;
      if (type_is(r, "/numbering")) numbering_part = resolve(folder_of(main_part), r.target);
      if (type_is(r, "/styles")) styles_part = resolve(folder_of(main_part), r.target);
    }
  }

  ListNumbering lists;
  read_aux_part(package, styles_part, file, options, [&](XmlStream& xml) { lists.read_styles(xml); });
  read_aux_part(package, numbering_part, file, options, [&](XmlStream& xml) { lists.read_numbering(xml); });

  // Pulled through the inflater: the main part can be most of the file.
  zip::PartStream main_bytes = package.open(main_part);
  XmlStream xml([&](char* buffer, std::size_t n) { return main_bytes.read(buffer, n); }, file, main_part, options);
  bool found = false;
  while (xml.next()) {
    if (xml.is_start() && xml.local() == "document" && is_wordprocessing_ns(xml.ns())) {
      read_word_body(xml, lists, out);
      found = true;
      break;
    }
    if (xml.is_start())
      throw ReadError(ErrorKind::unsupported_format, file,
                      main_part + ": root element '" + std::string(xml.local()) + "' is not a WordprocessingML document");
  }
  if (!found) throw ReadError(ErrorKind::xml_error, file, main_part + ": no document element");
  while (xml.next()) {
  }   // the rest must be well-formed too
}

}  // namespace karta
