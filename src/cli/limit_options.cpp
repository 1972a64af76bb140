#include "cli/limit_options.hpp"

namespace karta::cli {
namespace {

std::uint64_t megabytes(double mb) { return static_cast<std::uint64_t>(mb * 1024 * 1024); }

}  // namespace

void add_limit_options(CLI::App* c, LimitArgs& a) {
  const char* limits = "Limits (an input over one fails with the reason; the batch goes on)";
  auto positive = CLI::PositiveNumber;
  c->add_option("--max-file-mb", a.max_file_mb, "input file size")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-part-mb", a.max_part_mb, "bytes inflated from one zip part")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-line-mb", a.max_line_mb, "one line of text")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-xml-depth", a.max_xml_depth, "element nesting")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-rows", a.max_rows, "rows of one table")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-cells", a.max_cells, "cells of one row")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--max-paragraphs", a.max_paragraphs, "paragraphs of one document, outside tables")->group(limits)->check(CLI::PositiveNumber)->capture_default_str();
  c->add_option("--max-total-cells", a.max_total_cells, "table cells of one document, all tables together")->group(limits)->check(CLI::PositiveNumber)->capture_default_str();
  c->add_option("--max-lines", a.max_lines, "lines of one text input")->group(limits)->check(CLI::PositiveNumber)->capture_default_str();
  c->add_option("--max-text-mb", a.max_text_mb, "one XML text node (libxml2's own ceiling is 10)")->group(limits)->check(positive)->capture_default_str();
  c->add_option("--time-budget", a.time_budget, "seconds to read and extract one document; 0: none")->group(limits)
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  c->add_option("--libreoffice-timeout", a.libreoffice_timeout,
                "seconds LibreOffice may take to convert a .doc before it is stopped")
      ->group(limits)->check(positive)->capture_default_str();
}

ReadOptions read_options(const LimitArgs& a) {
  ReadOptions r;
  r.max_file_bytes = megabytes(a.max_file_mb);
  r.max_part_bytes = megabytes(a.max_part_mb);
  r.max_line_bytes = megabytes(a.max_line_mb);
  r.max_xml_depth = a.max_xml_depth;
  r.max_table_rows = a.max_rows;
  r.max_row_cells = a.max_cells;
  r.max_paragraphs = a.max_paragraphs;
  r.max_document_cells = a.max_total_cells;
  r.max_lines = a.max_lines;
  r.max_text_node_bytes = static_cast<std::uint64_t>(a.max_text_mb * 1000 * 1000);
  r.time_budget_ms = static_cast<std::uint64_t>(a.time_budget * 1000);
  r.libreoffice_timeout_ms = static_cast<std::uint64_t>(a.libreoffice_timeout * 1000);
  return r;
}

}  // namespace karta::cli
