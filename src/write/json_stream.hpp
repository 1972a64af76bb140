// JSON written as it is produced: no tree of values in memory, so that an act
// with 14,000 measures costs its output, not ten times its output (a Poco
// JSON tree of it took 180 MB). Indented by one space a level, or one line.
//
//   JsonStream j(out, /*one_line=*/false);
//   j.begin_object(); j.key("schema"); j.value("roadmap-extract/1"); j.end_object();
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace karta {

class JsonStream {
 public:
  JsonStream(std::ostream& out, bool one_line) : out_(out), one_line_(one_line) {}
  ~JsonStream();
  JsonStream(const JsonStream&) = delete;
  JsonStream& operator=(const JsonStream&) = delete;
  // Hands what is buffered to the stream; done by itself when the
  // top-level value closes and every 64 KB.
  void flush();

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  void key(std::string_view k);

  void value(std::string_view s);
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(std::int64_t n);
  void value(int n) { value(static_cast<std::int64_t>(n)); }
  void value(std::uint64_t n);
  void value(double d);
  void null();
  // A value written as JSON already (a stored extraction), spliced as it is:
  // the caller vouches for it. Its trailing newline is dropped.
  void raw_value(std::string_view json);
  template <typename T>
  void value(const std::optional<T>& v) {
    if (v) value(*v);
    else null();
  }

  // key + value in one call.
  template <typename T>
  void field(std::string_view k, const T& v) {
    key(k);
    value(v);
  }

 private:
  void open(char c);
  void close(char c);
  void before_value();
  void newline();
  void write_string(std::string_view s);

  std::ostream& out_;
  std::string buffer_;
  bool one_line_;
  struct Level {
    bool any = false;
  };
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace karta
