// The document model as JSON: what `karta read` prints, for people writing
// rules and for tests that compare readers.
#pragma once

#include <ostream>
#include <string>

#include "karta/read.hpp"

namespace karta {

// {"source": {...}, "blocks": [...], "diagnostics": [...]} or, for a failed
// read, {"source": {...}, "error": {"kind": ..., "message": ...}}.
void write_document_json(std::ostream& out, const std::string& path, const ReadResult& result);

}  // namespace karta
