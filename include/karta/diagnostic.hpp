// Diagnostics: what a stage could not read or understand. Never silent.
#pragma once

#include <string>
#include <vector>

namespace karta {

enum class Level { info, warning, error };

struct Diagnostic {
  Level level = Level::warning;
  std::string code;      // stable, dotted: "text.invalid_bytes", "deadline.unrecognized"
  std::string message;   // for people
  std::string where;     // "line 17", "table 1, row 4"; "" when the whole input
};

using Diagnostics = std::vector<Diagnostic>;

const char* level_name(Level level);

}  // namespace karta
