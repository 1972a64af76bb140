// Numbers a document's text or a rule's capture holds. A capture of digits
// can be any length ("Направление 99999999999"): these return nothing for
// what is no number or out of range, never throw.
#pragma once

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace karta {

// A decimal integer, digits only, within [min, max].
inline std::optional<long long> parse_integer(std::string_view s, long long min, long long max) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty() || v < min || v > max) return std::nullopt;
  return v;
}

inline std::optional<int> parse_int(std::string_view s, int min = 0, int max = 1000000000) {
  const auto v = parse_integer(s, min, max);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// "12,5" or "12.5": a finite decimal of at most 15 significant characters.
inline std::optional<double> parse_decimal(std::string s) {
  for (char& c : s)
    if (c == ',') c = '.';
  if (s.empty() || s.size() > 15 || s.find_first_not_of("0123456789.") != std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const double v = std::stod(s, &used);
    return used == s.size() ? std::optional<double>(v) : std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace karta
