// Output files appear whole or not at all: written under a temporary name
// beside the target (".karta-tmp-PID"), then renamed over it, so that a
// reader, or a run killed halfway, never sees half a file.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace karta {

// Creates the target's folder. Throws OutputError (karta/output_error.hpp) when it cannot write.
void write_file_atomically(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write);

// The file a temporary a killed run left behind was to become, or an empty
// path when `file` is no such temporary.
std::filesystem::path temporary_target(const std::filesystem::path& file);

}  // namespace karta
