// Formats karta has no reader of its own for — legacy Word 97-2003 .doc,
// Works .wps, WordPerfect — go through LibreOffice, as docling, unstructured
// and dedoc do: `soffice --headless --convert-to docx` in a child process
// with its own temporary profile, its own process group, no network where
// the kernel lets it drop one (a new network namespace), an address-space
// limit and a wall-clock limit after which the whole group is killed. Its
// output lands in a private temporary directory that is always removed.
//
// LibreOffice is an optional runtime dependency (Debian: libreoffice-writer-
// nogui). $KARTA_SOFFICE names the program to run instead of soffice on PATH.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "karta/read.hpp"

namespace karta::libreoffice {

// The program to run, or "" when LibreOffice is not installed.
std::string executable();
// "LibreOffice 7.4.7.2 …" as the program reports it (asked once), or "".
std::string version();

// `bytes` (a .doc, .wps …) converted to DOCX bytes. Throws ReadError naming
// `name`: LibreOffice absent (naming the package), over the time limit,
// killed, or unable to load the file.
std::string convert_to_docx(std::string_view bytes, const std::string& name, const ReadOptions& options);

// A batch's documents of these formats converted by one LibreOffice process
// (its start-up costs seconds) before the batch reads them: while an object
// lives, convert_to_docx answers from it for those files' bytes. A file the
// shared run did not get to (the run hung and was killed) is converted on
// its own when it is read, so one bad file costs only itself.
class BatchConversion {
 public:
  // `paths`: every input file of the batch; those whose content LibreOffice
  // must read are picked out here.
  BatchConversion(const std::vector<std::string>& paths, const ReadOptions& options);
  ~BatchConversion();
  BatchConversion(const BatchConversion&) = delete;
  BatchConversion& operator=(const BatchConversion&) = delete;
  std::size_t converted() const { return converted_; }

 private:
  std::string dir_;
  std::size_t converted_ = 0;
};

}  // namespace karta::libreoffice
