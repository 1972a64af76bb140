// One function per `karta` subcommand. Each takes its own arguments (after
// the subcommand name) and returns the process exit code: 0 all inputs done,
// 1 some inputs failed (the others are still written), 2 usage error.
#pragma once

#include <string>
#include <vector>

namespace karta::cli {

using Args = std::vector<std::string>;

int read_command(const Args& args);
int extract_command(const Args& args);
int rules_command(const Args& args);
int compare_command(const Args& args);

}  // namespace karta::cli
