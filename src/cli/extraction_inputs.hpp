// What `compare` and `export` take as INPUT...: roadmap-extract/1 JSON
// (earlier output), documents (extracted here), directories of either
// (walked recursively in sorted order, so runs are reproducible), and - for
// standard input. JSON or document is told from the content, not the name.
#pragma once

#include <string>
#include <vector>

#include "karta/compare.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta::cli {

struct LoadedInputs {
  std::vector<Extraction> extractions;
  std::vector<FailedInput> failed;   // inputs that could not be read, with the reason
  // Neither an extraction nor a failure: the inputs held nothing (said on stderr).
  bool nothing() const { return extractions.empty() && failed.empty(); }
};

// `command` prefixes the notes on stderr ("karta compare: skipped …").
LoadedInputs load_extractions(const char* command, const std::vector<std::string>& inputs, const RuleSet& rules);

}  // namespace karta::cli
