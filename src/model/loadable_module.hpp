// Parts of karta that need a heavy library only some runs use — poppler for
// PDF, libpq for a PostgreSQL store — are modules loaded on first use,
// not libraries every process links: those two and their 30-odd
// dependencies cost a one-file run 12 ms of dynamic linking before main().
// A module is found beside the code that asks for it: PREFIX/lib/karta
// from PREFIX/bin/karta or PREFIX/lib/libkarta.so (so a moved prefix keeps
// working), else the build tree's lib/karta.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace karta {

// The file karta's code was linked into — the karta executable (static
// core) or libkarta.so — resolved; empty when the loader cannot say. Its
// directory is where the installed rules and modules are found from.
std::filesystem::path code_file();

// The address of `symbol` in module `name` ("karta-poppler"), loaded once
// and kept for the process. Throws ModuleUnavailable naming the module,
// the places tried and the loader's reason.
void* module_symbol(const std::string& name, const char* symbol);

class ModuleUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace karta
