#include "read/rtf_tokenizer.hpp"

#include <algorithm>
#include <cstdint>

#include "karta/read.hpp"

namespace karta {
namespace {

constexpr std::size_t kMaxWord = 32;      // the specification's own limit
constexpr std::size_t kMaxDigits = 10;

bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

RtfToken RtfTokenizer::next() {
  RtfToken t;
  // Line ends are formatting of the file, not text.
  while (at_ < bytes_.size() && (bytes_[at_] == '\r' || bytes_[at_] == '\n')) {
    if (bytes_[at_] == '\n') ++line_;
    ++at_;
  }
  t.line = line_;
  if (at_ >= bytes_.size()) return t;
  const char c = bytes_[at_];
  if (c == '{') {
    ++at_;
    t.kind = RtfToken::Kind::group_open;
    return t;
  }
  if (c == '}') {
    ++at_;
    t.kind = RtfToken::Kind::group_close;
    return t;
  }
  if (c == '\\') return control();
  const std::size_t start = at_;
  while (at_ < bytes_.size()) {
    const char d = bytes_[at_];
    if (d == '\\' || d == '{' || d == '}' || d == '\r' || d == '\n') break;
    ++at_;
  }
  t.kind = RtfToken::Kind::text;
  t.text = bytes_.substr(start, at_ - start);
  return t;
}

RtfToken RtfTokenizer::control() {
  RtfToken t;
  t.line = line_;
  ++at_;   // the backslash
  if (at_ >= bytes_.size()) {
    t.kind = RtfToken::Kind::end;   // a lone backslash at the very end
    return t;
  }
  const char c = bytes_[at_];
  if (!letter(c)) {
    ++at_;
    if (c == '\'') {
      const int hi = at_ < bytes_.size() ? hex_value(bytes_[at_]) : -1;
      const int lo = at_ + 1 < bytes_.size() ? hex_value(bytes_[at_ + 1]) : -1;
      if (hi < 0 || lo < 0) {   // "\'" without two hex digits: nothing to decode
        t.kind = RtfToken::Kind::symbol;
        t.symbol = '\'';
        return t;
      }
      at_ += 2;
      t.kind = RtfToken::Kind::hex;
      t.byte = static_cast<unsigned char>(hi * 16 + lo);
      return t;
    }
    if (c == '\n') ++line_;
    t.kind = RtfToken::Kind::symbol;
    t.symbol = c == '\r' || c == '\n' ? '\n' : c;   // "\<line end>" is \par
    return t;
  }
  const std::size_t start = at_;
  while (at_ < bytes_.size() && letter(bytes_[at_])) ++at_;
  if (at_ - start > kMaxWord)
    throw ReadError(ErrorKind::unsupported_format, file_,
                    "RTF line " + std::to_string(line_) + ": a control word of " + std::to_string(at_ - start) +
                        " letters (the format allows " + std::to_string(kMaxWord) + ")");
  t.kind = RtfToken::Kind::word;
  t.text = bytes_.substr(start, at_ - start);
  bool negative = false;
  if (at_ < bytes_.size() && bytes_[at_] == '-' && at_ + 1 < bytes_.size() && digit(bytes_[at_ + 1])) {
    negative = true;
    ++at_;
  }
  const std::size_t digits = at_;
  std::int64_t value = 0;
  while (at_ < bytes_.size() && digit(bytes_[at_])) {
    if (at_ - digits >= kMaxDigits)
      throw ReadError(ErrorKind::unsupported_format, file_,
                      "RTF line " + std::to_string(line_) + ": the parameter of \\" + std::string(t.text) +
                          " has more than " + std::to_string(kMaxDigits) + " digits");
    value = value * 10 + (bytes_[at_] - '0');
    ++at_;
  }
  if (at_ > digits) {
    t.has_param = true;
    value = negative ? -value : value;
    t.param = static_cast<int>(std::max<std::int64_t>(INT32_MIN, std::min<std::int64_t>(INT32_MAX, value)));
  }
  if (at_ < bytes_.size() && bytes_[at_] == ' ') ++at_;   // the delimiting space is part of the word
  if (t.text == "bin" && value > 0) {
    const auto n = static_cast<std::size_t>(value);
    if (n > bytes_.size() - at_)
      throw ReadError(ErrorKind::unsupported_format, file_,
                      "RTF line " + std::to_string(line_) + ": \\bin" + std::to_string(n) + " runs " +
                          std::to_string(n - (bytes_.size() - at_)) + " bytes past the end of the file");
    t.kind = RtfToken::Kind::binary;
    t.text = bytes_.substr(at_, n);
    at_ += n;
  }
  return t;
}

}  // namespace karta
