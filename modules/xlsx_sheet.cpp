// The karta-xlsx module: one typed sheet through libxlsxwriter
// (write/xlsx_sheet.hpp). Loaded by `karta export --xlsx`; it links
// libxlsxwriter, and nothing of karta's.
#include <xlsxwriter.h>

#include <new>

#include "write/xlsx_sheet.hpp"

namespace {

struct Book {
  lxw_workbook* book;
  lxw_worksheet* sheet;
  lxw_format* date;
  lxw_format* bold;
};

void* open(const char* path, const char* name) {
  lxw_workbook* book = workbook_new(path);
  if (!book) return nullptr;
  Book* b = new (std::nothrow) Book{book, workbook_add_worksheet(book, name), workbook_add_format(book),
                                    workbook_add_format(book)};
  if (!b || !b->sheet || !b->date || !b->bold) {
    workbook_close(book);
    delete b;
    return nullptr;
  }
  format_set_num_format(b->date, "yyyy-mm-dd");
  format_set_bold(b->bold);
  return b;
}

void header(void* book, std::uint32_t row, std::uint16_t col, const char* text) {
  Book* b = static_cast<Book*>(book);
  worksheet_write_string(b->sheet, row, col, text, b->bold);
}

void text(void* book, std::uint32_t row, std::uint16_t col, const char* text) {
  worksheet_write_string(static_cast<Book*>(book)->sheet, row, col, text, nullptr);
}

void number(void* book, std::uint32_t row, std::uint16_t col, double value) {
  worksheet_write_number(static_cast<Book*>(book)->sheet, row, col, value, nullptr);
}

void date(void* book, std::uint32_t row, std::uint16_t col, int year, int month, int day) {
  Book* b = static_cast<Book*>(book);
  lxw_datetime when = {year, month, day, 0, 0, 0};
  worksheet_write_datetime(b->sheet, row, col, &when, b->date);
}

const char* close(void* book, std::uint32_t last_row, std::uint16_t last_col) {
  Book* b = static_cast<Book*>(book);
  worksheet_freeze_panes(b->sheet, 1, 0);
  worksheet_autofilter(b->sheet, 0, 0, last_row, last_col);
  const lxw_error error = workbook_close(b->book);
  delete b;
  return error == LXW_NO_ERROR ? nullptr : lxw_strerror(error);
}

const char* library_version() { return lxw_version(); }

const karta::XlsxSheetFunctions kFunctions{&open, &header, &text, &number, &date, &close, &library_version};

}  // namespace

extern "C" __attribute__((visibility("default"))) const karta::XlsxSheetFunctions* karta_xlsx_sheet_v1() {
  return &kFunctions;
}

// For `karta --version`, which has no business with sheets.
extern "C" __attribute__((visibility("default"))) const char* karta_xlsx_library_version() { return lxw_version(); }
