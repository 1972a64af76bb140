#include "rules/letter_classes.hpp"

namespace karta {
namespace {

const char* kLetters = "\\x{0400}-\\x{04FF}a-zA-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00F6}\\x{00F8}-\\x{00FF}";
const char* kUpper = "\\x{0400}-\\x{042F}A-Z\\x{00C0}-\\x{00D6}\\x{00D8}-\\x{00DE}";
const char* kLower = "\\x{0430}-\\x{045F}a-z\\x{00DF}-\\x{00F6}\\x{00F8}-\\x{00FF}";

// The class an escape at `i` names and its length, or nullptr.
const char* letter_class(const std::string& p, std::size_t i, std::size_t& length, bool& negated) {
  struct Form {
    const char* text;
    const char* ranges;
    bool negated;
  };
  static const Form forms[] = {{"\\pL", kLetters, false},    {"\\p{L}", kLetters, false}, {"\\PL", kLetters, true},
                               {"\\P{L}", kLetters, true},   {"\\p{Lu}", kUpper, false},  {"\\p{Ll}", kLower, false}};
  for (const Form& f : forms) {
    const std::string t = f.text;
    if (p.compare(i, t.size(), t) == 0) {
      length = t.size();
      negated = f.negated;
      return f.ranges;
    }
  }
  return nullptr;
}

}  // namespace

std::string narrow_letter_classes(const std::string& p) {
  std::string out;
  out.reserve(p.size() * 2);
  bool in_class = false;
  for (std::size_t i = 0; i < p.size();) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      std::size_t length = 0;
      bool negated = false;
      const char* ranges = letter_class(p, i, length, negated);
      if (ranges && !(in_class && negated)) {
        if (in_class) out += ranges;
        else out += std::string(negated ? "[^" : "[") + ranges + "]";
        i += length;
        continue;
      }
      out.append(p, i, 2);
      i += 2;
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      out += c;
      ++i;
      // "[]…]" and "[^]…]": a ']' first is a literal.
      if (i < p.size() && p[i] == '^') out += p[i++];
      if (i < p.size() && p[i] == ']') out += p[i++];
      continue;
    }
    if (in_class && c == ']') in_class = false;
    out += c;
    ++i;
  }
  return out;
}

}  // namespace karta
