#include "write/json_stream.hpp"

#include <charconv>
#include <algorithm>
#include <cmath>
#include <string>

#include "model/utf8.hpp"

namespace karta {

// Tokens go into one buffer, handed to the stream in 64 KB pieces and when
// the top-level value closes: an ostream call per token cost a fifth of
// writing an extraction.
constexpr std::size_t kFlushAt = 64 * 1024;

JsonStream::~JsonStream() { flush(); }

void JsonStream::flush() {
  if (buffer_.empty()) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonStream::newline() {
  if (one_line_) return;
  buffer_ += '\n';
  buffer_.append(std::min<std::size_t>(levels_.size(), 256), ' ');
  if (buffer_.size() >= kFlushAt) flush();
}

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  if (levels_.back().any) buffer_ += ',';
  levels_.back().any = true;
  newline();
}

void JsonStream::key(std::string_view k) {
  before_value();
  write_string(k);
  buffer_ += one_line_ ? ":" : ": ";
  after_key_ = true;
}

void JsonStream::open(char c) {
  before_value();
  buffer_ += c;
  levels_.push_back({});
}

void JsonStream::close(char c) {
  const bool any = levels_.back().any;
  levels_.pop_back();
  if (any) newline();
  buffer_ += c;
  if (levels_.empty()) flush();   // the whole value: the caller may read the stream now
}

void JsonStream::raw_value(std::string_view json) {
  before_value();
  while (!json.empty() && (json.back() == '\n' || json.back() == '\r')) json.remove_suffix(1);
  buffer_ += json;
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
  buffer_ += '"';
  std::size_t run = 0;   // start of the characters not yet written
  for (std::size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    buffer_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': buffer_ += "\\\""; break;
      case '\\': buffer_ += "\\\\"; break;
      case '\n': buffer_ += "\\n"; break;
      case '\r': buffer_ += "\\r"; break;
      case '\t': buffer_ += "\\t"; break;
      case '\b': buffer_ += "\\b"; break;
      case '\f': buffer_ += "\\f"; break;
      default: {
        static const char* hex = "0123456789abcdef";
        const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        buffer_.append(u, 6);
      }
    }
  }
  buffer_.append(s.data() + run, s.size() - run);
  buffer_ += '"';
  if (buffer_.size() >= kFlushAt) flush();
}

void JsonStream::value(std::int64_t n) {
  before_value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  buffer_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonStream::value(std::uint64_t n) {
  before_value();
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  buffer_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonStream::value(double d) {
  before_value();
  if (!std::isfinite(d)) {
    buffer_ += "null";
    return;
  }
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);   // shortest form that reads back the same
  buffer_.append(buf, static_cast<std::size_t>(end - buf));
}

void JsonStream::null() {
  before_value();
  buffer_ += "null";
}

}  // namespace karta
