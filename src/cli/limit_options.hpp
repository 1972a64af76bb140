// The per-document limits (karta/read.hpp's ReadOptions) as command-line
// options, shared by every command that reads documents: `extract` and
// `serve` refuse the same inputs for the same reasons.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>

#include "karta/read.hpp"

namespace karta::cli {

struct LimitArgs {
  double max_file_mb = 256, max_part_mb = 64, max_line_mb = 16, max_text_mb = 10, time_budget = 60,
         libreoffice_timeout = 120;
  int max_xml_depth = 256;
  std::size_t max_rows = 100000, max_cells = 1000, max_paragraphs = 200000, max_total_cells = 1000000,
              max_lines = 1000000;
};

// Registers --max-file-mb … --libreoffice-timeout on `command`, in their own help group.
void add_limit_options(CLI::App* command, LimitArgs& limits);
// The ReadOptions those options give.
ReadOptions read_options(const LimitArgs& limits);

}  // namespace karta::cli
