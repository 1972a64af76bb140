// The rule cache: a rule set the loader has read and checked, kept in a
// binary form so that the next process with the same rule files skips the
// YAML parse and the compiling of every pattern (together 80 % of a
// one-file run's instructions). An entry is named by its key — the files'
// bytes, their directory, the rule contract and the karta build that
// checked them — so rule files edited, moved or read by another build never
// meet an entry made for others; an entry that is short, damaged or of
// another format is a miss, never an error.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "karta/rules.hpp"

namespace karta {

struct CachedRules {
  std::map<std::string, std::vector<Rule>> groups;
  std::vector<std::string> example_stems;   // files that hold end-to-end examples
};

// $KARTA_CACHE_DIR (off: none), else $XDG_CACHE_HOME/karta, else ~/.cache/karta.
std::filesystem::path rule_cache_dir();

// The entry's name for rule files of `version` (their bytes' hash) in `dir`.
std::string rule_cache_key(const std::string& version, const std::string& dir);

std::optional<CachedRules> read_rule_cache(const std::filesystem::path& cache_dir, const std::string& key);

// Best effort: written to a temporary and renamed, older entries beyond a
// few pruned; a directory that cannot be written is left alone.
void write_rule_cache(const std::filesystem::path& cache_dir, const std::string& key, const CachedRules& rules);

}  // namespace karta
