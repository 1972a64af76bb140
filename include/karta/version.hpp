// What made an output: the program's version, and the versions of the
// libraries it runs on (for `karta --version` and bug reports). The rule
// set's own version is RuleSet::version().
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace karta {

// "0.2.0": written into every extraction as producer.karta and into the
// manifest; --resume re-extracts an input made by another version.
const char* version();

// ("libxml2", "2.9.14"), ("ICU", "72.1"), … in a fixed order.
std::vector<std::pair<std::string, std::string>> library_versions();

}  // namespace karta
