#include "karta/diagnostic.hpp"
#include "karta/document.hpp"

namespace karta {

std::vector<std::vector<std::string>> table_grid(const Table& table) {
  std::vector<std::vector<std::string>> grid(table.rows.size(),
                                             std::vector<std::string>(static_cast<std::size_t>(table.columns)));
  for (std::size_t r = 0; r < table.rows.size(); ++r)
    for (const Cell& cell : table.rows[r].cells)
      if (cell.grid_col >= 0 && cell.grid_col < table.columns)
        grid[r][static_cast<std::size_t>(cell.grid_col)] = cell.text;
  return grid;
}

const char* level_name(Level level) {
  switch (level) {
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "warning";
}

}  // namespace karta
