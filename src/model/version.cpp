// Versions of karta and of the libraries linked into it. Where a library has
// a run-time query it is used (the library actually loaded); RE2 and yaml-cpp
// have none, so their build-time pkg-config versions are reported.
#include "karta/version.hpp"

#include <Poco/Environment.h>
#include <libxml/xmlversion.h>
#include <sqlite3.h>
#include <unicode/uversion.h>

#include <cstdio>

#include "model/loadable_module.hpp"

namespace karta {

const char* version() { return KARTA_VERSION; }

std::vector<std::pair<std::string, std::string>> library_versions() {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("libxml2", LIBXML_DOTTED_VERSION);
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  out.emplace_back("ICU", icu_text);
  out.emplace_back("RE2", KARTA_RE2_VERSION);
  const unsigned poco = Poco::Environment::libraryVersion();
  char poco_text[32];
  std::snprintf(poco_text, sizeof poco_text, "%u.%u.%u", poco >> 24, (poco >> 16) & 0xFF, (poco >> 8) & 0xFF);
  out.emplace_back("Poco", poco_text);
  out.emplace_back("yaml-cpp", KARTA_YAMLCPP_VERSION);
  out.emplace_back("SQLite", sqlite3_libversion());
  // In the karta-xlsx module (write/xlsx_sheet), loaded to ask.
  try {
    using Version = const char* (*)();
    out.emplace_back("libxlsxwriter", reinterpret_cast<Version>(module_symbol("karta-xlsx", "karta_xlsx_library_version"))());
  } catch (const ModuleUnavailable&) {
    out.emplace_back("libxlsxwriter", "not available (module karta-xlsx)");
  }
  return out;
}

}  // namespace karta
