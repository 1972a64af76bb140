// Russian → Latin by BGN/PCGN 1947, as ICU's "Russian-Latin/BGN; Latin-ASCII;
// Lower" writes it, for entity ids. ICU needs ~12 ms (a quarter of a
// one-file run) to build its transliterator registry, so text of Russian
// letters and ASCII takes this table instead; anything else goes to ICU.
#pragma once

#include <optional>
#include <string>

namespace karta {

// Lower-case romanisation of `text`, or nothing when it holds a character
// outside ASCII and the Russian alphabet.
std::optional<std::string> bgn_romanize(const std::string& text);

}  // namespace karta
