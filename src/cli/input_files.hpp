// What the commands' INPUT... arguments name: files as given, directories
// walked recursively in sorted order, so that runs are reproducible.
#pragma once

#include <string>
#include <vector>

namespace karta::cli {

std::vector<std::string> input_files(const std::vector<std::string>& inputs);

}  // namespace karta::cli
