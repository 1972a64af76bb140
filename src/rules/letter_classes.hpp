// Rule patterns say \pL, \p{Lu}, \p{Ll} for "a letter"; RE2 compiles each of
// those into an automaton over every letter of Unicode (about half a
// millisecond a use, 90% of loading the rule set). Acts in Russian need the
// Cyrillic block and Latin-1 letters, so the loader narrows the classes to
// those before compiling: the same matches on these documents, ~50× faster.
#pragma once

#include <string>

namespace karta {

// \pL \p{L} → Cyrillic + Latin-1 letters, \PL \P{L} → anything else, \p{Lu} /
// \p{Ll} → their upper / lower case; inside [...] classes as ranges.
std::string narrow_letter_classes(const std::string& pattern);

}  // namespace karta
