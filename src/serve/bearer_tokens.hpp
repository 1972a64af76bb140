// Who may write: the tokens of --tokens, matched against an Authorization
// header without the comparison's time telling how much of a guess was right.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace karta {

class BearerTokens {
 public:
  explicit BearerTokens(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}
  bool any() const { return !tokens_.empty(); }
  // `authorization` is the header's value ("Bearer T"); true when T is one of the tokens.
  bool accepts(std::string_view authorization) const;

 private:
  std::vector<std::string> tokens_;
};

}  // namespace karta
