// karta read FILE... [-o DIR|-]: the document model as JSON, for people
// debugging rules and for tests.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "karta/document_json.hpp"
#include "karta/read.hpp"
#include "write/atomic_file.hpp"
#include "model/utf8.hpp"

namespace karta::cli {
namespace {

struct ReadArgs {
  std::vector<std::string> inputs;
  std::string out = "-";
};

int run(const ReadArgs& a) {
  int failed = 0;
  for (const std::string& path : a.inputs) {
    ReadResult result = read_file(path);
    if (!result.ok()) {
      std::cerr << "karta: " << for_terminal(result.error->what()) << "\n";
      ++failed;
    }
    if (a.out == "-") {
      write_document_json(std::cout, path, result);
      continue;
    }
    const std::string name = path == "-" ? "stdin" : std::filesystem::path(path).filename().string();
    write_file_atomically(std::filesystem::path(a.out) / (name + ".read.json"),
                          [&](std::ostream& out) { write_document_json(out, path, result); });
  }
  return failed ? inputs_failed : ok;
}

}  // namespace

Command add_read_command(CLI::App& app) {
  auto args = std::make_shared<ReadArgs>();
  CLI::App* c = app.add_subcommand("read", "Print the document model (paragraphs and tables with spans and "
                                           "source positions) as JSON");
  c->add_option("FILE", args->inputs, "documents to read; - reads standard input")->required();
  c->add_option("-o,--output", args->out, "a folder for FILE.read.json per input, or - for stdout")
      ->capture_default_str();
  return {c, [args] { return run(*args); }};
}

}  // namespace karta::cli
