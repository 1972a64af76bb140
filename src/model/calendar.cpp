#include "model/calendar.hpp"

#include <cstdio>

namespace karta::calendar {

int last_day(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return days[(month - 1) % 12];
}

bool valid(int year, int month, int day) {
  return year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= last_day(year, month);
}

std::string iso(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string month_start(int year, int month) { return iso(year, month, 1); }
std::string month_end(int year, int month) { return iso(year, month, last_day(year, month)); }
std::string year_start(int year) { return iso(year, 1, 1); }
std::string year_end(int year) { return iso(year, 12, 31); }

std::optional<int> year_of(const std::string& digits) {
  if (digits.size() == 2 && isdigit(static_cast<unsigned char>(digits[0])) && isdigit(static_cast<unsigned char>(digits[1])))
    return 2000 + std::stoi(digits);   // two-digit years are 20YY
  if (digits.size() == 4 && digits.find_first_not_of("0123456789") == std::string::npos) return std::stoi(digits);
  return std::nullopt;
}

std::optional<int> small_number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  if (s.find_first_not_of("0123456789") == std::string::npos) {
    int n = std::stoi(s.substr(0, 3));
    return n >= 1 && n <= 12 ? std::optional<int>(n) : std::nullopt;
  }
  static const char* romans[] = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
  std::string lower;
  for (char c : s) lower += static_cast<char>(tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (lower == romans[i]) return i + 1;
  return std::nullopt;
}

}  // namespace karta::calendar
