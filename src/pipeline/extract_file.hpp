// The pipeline's entry for a caller that has hashed the input already.
#pragma once

#include <string>
#include <string_view>

#include "karta/extract.hpp"

namespace karta {

// extract_bytes, with `sha256` == sha256_hex(bytes) given: the batch hashes
// every input for --resume before it extracts, and hashing twice cost a
// large input a second pass over its bytes.
FileExtraction extract_hashed_bytes(const std::string& name, std::string_view bytes, std::string sha256,
                                    const RuleSet& rules, const ReadOptions& options);

}  // namespace karta
