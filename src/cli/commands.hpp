// The `karta` subcommands. Each registers itself on the one CLI11 parser
// (its options, its --help) and returns what runs it once parsing is done.
// Exit statuses are the same for every command (README, man page):
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "karta/rules.hpp"

namespace karta::cli {

enum Exit : int {
  ok = 0,            // every input done
  inputs_failed = 1, // some inputs failed (the others are still written), or none were found
  usage = 2,         // the command line is wrong
  unwritable = 3,    // an output could not be written
  internal = 4,      // a bug in karta
};

// A command line that parsed but makes no sense (conflicting options):
// reported like CLI11's own errors, exit status 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A registered subcommand and what runs it after parsing.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};

Command add_read_command(CLI::App& app);
Command add_extract_command(CLI::App& app);
Command add_compare_command(CLI::App& app);
Command add_export_command(CLI::App& app);
Command add_rules_command(CLI::App& app);
Command add_serve_command(CLI::App& app);
Command add_watch_command(CLI::App& app);
Command add_store_command(CLI::App& app);

// The rule set of a command's --rules DIR ("" for RuleSet::default_dir()).
// A rule file that does not load is a usage error: it throws UsageError
// with the file:line the loader names.
RuleSet load_rule_set(const std::string& dir);

// Names, on stderr, each directory argument that holds no file at all, so an
// empty or mistyped folder is never a silent success. Returns how many.
int report_empty_directories(const char* command, const std::vector<std::string>& arguments);

}  // namespace karta::cli
