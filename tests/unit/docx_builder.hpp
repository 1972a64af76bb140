// Builds DOCX packages in memory for reader tests.
#pragma once

#include <Poco/DateTime.h>
#include <Poco/Zip/Compress.h>

#include <map>
#include <sstream>
#include <string>

namespace karta::test {

inline const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

inline std::string zip_parts(const std::map<std::string, std::string>& parts) {
  std::ostringstream out;
  Poco::Zip::Compress zip(out, true);
  for (const auto& [name, data] : parts) {
    std::istringstream in(data);
    zip.addFile(in, Poco::DateTime(2023, 1, 1), name, Poco::Zip::ZipCommon::CM_DEFLATE);
  }
  zip.close();
  return out.str();
}

inline std::string package_rels(const std::string& main = "word/document.xml") {
  return "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
         "Target=\"" + main + "\"/></Relationships>";
}

// A package whose main part holds `body` inside w:document/w:body.
inline std::string docx_with_body(const std::string& body,
                                  std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> parts = {
      {"[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", package_rels()},
      {"word/document.xml", std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"") + kW +
                                "\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>" +
                                body + "</w:body></w:document>"}};
  for (auto& [k, v] : extra) parts[k] = v;
  return zip_parts(parts);
}

inline std::string p(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }
inline std::string tc(const std::string& text, const std::string& props = "") {
  return "<w:tc><w:tcPr>" + props + "</w:tcPr>" + p(text) + "</w:tc>";
}

}  // namespace karta::test
