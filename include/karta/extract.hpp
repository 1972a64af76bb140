// Extraction: document model → roadmap-extract/1 (karta/extraction.hpp).
//
//   karta::RuleSet rules = karta::RuleSet::load(karta::RuleSet::default_dir());
//   karta::Extraction x = karta::extract(read_result.document, rules);
//
// or, from a file on disk, with the source block (path, sha256, format) filled:
//
//   karta::FileExtraction f = karta::extract_file("corpus/tyumen-roadmap-2023.docx", rules);
//   if (!f.ok()) std::cerr << f.error->what() << "\n";   // "file: reason"
#pragma once

#include <optional>
#include <string>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/read.hpp"
#include "karta/rules.hpp"

namespace karta {

Extraction extract(const Document& document, const RuleSet& rules);

struct FileExtraction {
  Extraction extraction;
  std::optional<ReadError> error;   // set when the file could not be read
  bool ok() const { return !error.has_value(); }
};

// Reads `path` and extracts it; the reader's diagnostics come first.
FileExtraction extract_file(const std::string& path, const RuleSet& rules,
                            const ReadOptions& options = {});

// The same for bytes in memory (archive members); `name` is the source path.
FileExtraction extract_bytes(const std::string& name, std::string_view bytes, const RuleSet& rules,
                             const ReadOptions& options = {});

// Hex SHA-256 of `bytes`: the source's identity in outputs and manifests.
std::string sha256_hex(std::string_view bytes);

}  // namespace karta
