// A column of a RecordSet that may be NULL, as the optional text the store's
// types hold (a document's region, date, number …).
#pragma once

#include <Poco/Dynamic/Var.h>

#include <optional>
#include <string>

namespace karta {

inline std::optional<std::string> nullable_text(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return std::nullopt;
  return v.convert<std::string>();
}

}  // namespace karta
