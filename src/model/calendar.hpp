// Calendar arithmetic for deadlines: ISO dates, month ends, two-digit years.
#pragma once

#include <optional>
#include <string>

namespace karta::calendar {

bool valid(int year, int month, int day);
int last_day(int year, int month);
std::string iso(int year, int month, int day);
std::string month_start(int year, int month);
std::string month_end(int year, int month);
std::string year_start(int year);
std::string year_end(int year);
// "23" → 2023, "2023" → 2023; nullopt for anything else.
std::optional<int> year_of(const std::string& digits);
// "iv" / "IV" / "4" → 4 (1..12), nullopt otherwise.
std::optional<int> small_number(const std::string& roman_or_digits);

}  // namespace karta::calendar
