#include "write/json_stream.hpp"

#include <charconv>
#include <algorithm>
#include <cmath>
#include <string>

#include "model/utf8.hpp"

namespace karta {

void JsonStream::newline() {
  if (one_line_) return;
  static const std::string spaces(256, ' ');
  out_ << '\n';
  out_.write(spaces.data(), static_cast<std::streamsize>(std::min(levels_.size(), spaces.size())));
}

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (levels_.back().any) out_ << ',';
  levels_.back().any = true;
  newline();
}

void JsonStream::key(std::string_view k) {
  before_value();
  write_string(k);
  out_ << (one_line_ ? ":" : ": ");
  after_key_ = true;
}

void JsonStream::open(char c) {
  before_value();
  out_ << c;
  levels_.push_back({});
}

void JsonStream::close(char c) {
  const bool any = levels_.back().any;
  levels_.pop_back();
  if (any) newline();
  out_ << c;
}

void JsonStream::value(std::string_view s) {
  before_value();
  write_string(s);
}


void JsonStream::write_string(std::string_view raw) {
  std::string repaired;
  std::string_view s = raw;
  if (!is_valid_utf8(raw)) {   // JSON is UTF-8: never a raw stray byte
    repaired = with_replacement_characters(raw);
    s = repaired;
  }
  out_ << '"';
  std::size_t run = 0;   // start of the characters not yet written
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out_.write(s.data() + run, static_cast<std::streamsize>(i - run));
    run = i + 1;
    switch (c) {
      case '"': out_ << "\\\""; break;
      case '\\': out_ << "\\\\"; break;
      case '\n': out_ << "\\n"; break;
      case '\r': out_ << "\\r"; break;
      case '\t': out_ << "\\t"; break;
      case '\b': out_ << "\\b"; break;
      case '\f': out_ << "\\f"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        out_.write(u, 6);
      }
    }
  }
  out_.write(s.data() + run, static_cast<std::streamsize>(s.size() - run));
  out_ << '"';
}

void JsonStream::value(std::int64_t n) {
  before_value();
  out_ << n;
}

void JsonStream::value(std::uint64_t n) {
  before_value();
  out_ << n;
}

void JsonStream::value(double d) {
  before_value();
  if (!std::isfinite(d)) {
    out_ << "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);   // shortest form that reads back the same
  out_.write(buf, end - buf);
}

void JsonStream::null() {
  before_value();
  out_ << "null";
}

}  // namespace karta
