// karta COMMAND …: one parser (CLI11) for every command, so that --help,
// --opt=value, `--` and the exit statuses behave the same everywhere.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "cli/commands.hpp"
#include "karta/output_error.hpp"
#include "karta/rules.hpp"
#include "karta/version.hpp"
#include "model/utf8.hpp"

namespace {

std::string version_text() {
  std::string text = std::string("karta ") + karta::version() + "\n";
  const std::string dir = karta::RuleSet::default_dir();
  try {
    text += "rules " + karta::RuleSet::load(dir).version() + " (" + dir + ")\n";
  } catch (const karta::RuleError& e) {
    text += std::string("rules: cannot load: ") + e.what() + "\n";
  }
  std::string libraries;
  for (const auto& [name, version] : karta::library_versions())
    libraries += (libraries.empty() ? "" : ", ") + name + " " + version;
  return text + libraries;
}

}  // namespace

int main(int argc, char** argv) {
  namespace cli = karta::cli;
  CLI::App app("karta: Russian regional education acts and their roadmap tables as structured JSON", "karta");
  app.require_subcommand(1);
  app.set_version_flag("--version", version_text, "Print karta's, the rule set's and the libraries' versions");
  app.footer("Exit status: 0 all inputs done, 1 some inputs failed, 2 usage error, 3 an output could not be "
             "written, 4 internal error (a bug), 130/143 extract stopped by SIGINT/SIGTERM (--resume continues).\nSee karta(1) and README.md.");
  app.get_formatter()->column_width(34);
  const std::vector<cli::Command> commands = {cli::add_read_command(app), cli::add_extract_command(app),
                                              cli::add_compare_command(app), cli::add_export_command(app),
                                              cli::add_rules_command(app), cli::add_serve_command(app),
                                              cli::add_watch_command(app), cli::add_store_command(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? cli::ok : cli::usage;
  }
  try {
    for (const cli::Command& command : commands)
      if (command.app->parsed()) {
        const int status = command.run();
        // Whatever went to standard output (a read model, `-o -`, a
        // comparison) must have reached it: a full disk is no success.
        // (errno still holds the reason of the write that failed, if one did.)
        const int failed_before = std::cout ? 0 : errno;
        std::cout.flush();
        if (!std::cout || std::fflush(stdout) != 0)
          throw karta::OutputError("standard output", failed_before ? std::strerror(failed_before)
                                                        : errno ? std::strerror(errno) : "write error");
        return status;
      }
  } catch (const cli::UsageError& e) {
    std::cerr << "karta: " << karta::for_terminal(e.what()) << "\nRun with --help for more information.\n";
    return cli::usage;
  } catch (const karta::OutputError& e) {
    std::cerr << "karta: " << karta::for_terminal(e.what()) << "\n";
    return cli::unwritable;
  } catch (const std::exception& e) {
    std::cerr << "karta: internal error: " << karta::for_terminal(e.what()) << "\n";
    return cli::internal;
  }
  return cli::usage;
}
