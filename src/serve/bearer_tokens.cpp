#include "serve/bearer_tokens.hpp"

#include <algorithm>

namespace karta {
namespace {

// Every byte of the longer of the two is looked at, whatever differs first:
// the time depends on the lengths only.
bool same_in_constant_time(std::string_view a, std::string_view b) {
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= x ^ y;
  }
  return diff == 0;
}

}  // namespace

bool BearerTokens::accepts(std::string_view authorization) const {
  constexpr std::string_view scheme = "Bearer ";
  if (authorization.size() <= scheme.size()) return false;
  // The scheme is case-insensitive (RFC 7235); the token is not.
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != std::tolower(static_cast<unsigned char>(scheme[i])))
      return false;
  const std::string_view given = authorization.substr(scheme.size());
  bool found = false;
  for (const std::string& t : tokens_) found |= same_in_constant_time(given, t);   // no early exit
  return found;
}

}  // namespace karta
