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

// Whether `file` is a temporary a killed run left behind.
bool is_leftover_temporary(const std::filesystem::path& file);
// The file such a temporary was to become, or an empty path when `file` is none.
std::filesystem::path temporary_target(const std::filesystem::path& file);

}  // namespace karta
