#include "write/xlsx_sheet.hpp"

#include "model/loadable_module.hpp"

namespace karta {

const XlsxSheetFunctions& xlsx_sheet() {
  using Entry = const XlsxSheetFunctions* (*)();
  static const XlsxSheetFunctions* functions = reinterpret_cast<Entry>(module_symbol(kXlsxModule, kXlsxSymbol))();
  return *functions;
}

}  // namespace karta
