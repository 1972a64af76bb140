// What `export --xlsx` asks of libxlsxwriter, behind the karta-xlsx module
// (model/loadable_module): one sheet of text, number and date cells with a
// bold header, frozen and filtered. A process that writes no workbook links
// neither libxlsxwriter nor the OpenSSL and minizip it brings (3 ms of
// every run's start).
#pragma once

#include <cstdint>

namespace karta {

struct XlsxSheetFunctions {
  // A workbook at `path` with one sheet named `sheet`; null when it cannot be made.
  void* (*open)(const char* path, const char* sheet);
  void (*header)(void* book, std::uint32_t row, std::uint16_t col, const char* text);   // bold
  void (*text)(void* book, std::uint32_t row, std::uint16_t col, const char* text);
  void (*number)(void* book, std::uint32_t row, std::uint16_t col, double value);
  void (*date)(void* book, std::uint32_t row, std::uint16_t col, int year, int month, int day);   // yyyy-mm-dd
  // Freezes the first row, filters rows 0..last_row, writes the file and
  // frees the book: null when written, else libxlsxwriter's reason.
  const char* (*close)(void* book, std::uint32_t last_row, std::uint16_t last_col);
  const char* (*library_version)();
};

// The module's functions, loaded on first use; throws ModuleUnavailable.
const XlsxSheetFunctions& xlsx_sheet();

inline constexpr const char* kXlsxModule = "karta-xlsx";
inline constexpr const char* kXlsxSymbol = "karta_xlsx_sheet_v1";

}  // namespace karta
