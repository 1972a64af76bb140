// What the fuzz targets share: the bundled rule set, loaded once, and the
// rule that a reader may refuse input (ReadError) but never crash on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "karta/rules.hpp"

namespace karta::fuzz {

inline const RuleSet& rules() {
  static const RuleSet set = RuleSet::load(std::string(KARTA_SOURCE_DIR) + "/rules");
  return set;
}

inline std::string_view bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace karta::fuzz
