// karta extract INPUT... -o OUT|- [-j N] [--resume] [--jsonl] [--files-from FILE|-]
//               [--shard K/N] [--quiet|--verbose] [--rules DIR]
#include <unistd.h>

#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "karta/batch.hpp"

namespace karta::cli {
namespace {

const char* kUsage =
    "usage: karta extract INPUT... -o OUT|- [options]\n"
    "  INPUT              files, directories (recursive) and zip archives of documents\n"
    "  -o OUT             one JSON per input under OUT (mirroring the inputs) and OUT/manifest.jsonl;\n"
    "                     -o - prints the JSON to stdout instead\n"
    "  -j N               worker threads (default: one per core)\n"
    "  --resume           keep outputs whose input and rule set are unchanged since the last run\n"
    "  --jsonl            stream results to stdout, one JSON object per line\n"
    "  --files-from FILE  read input paths from FILE, one per line (- for stdin)\n"
    "  --shard K/N        convert only the K-th of N stable shards of the inputs\n"
    "  --quiet, --verbose no progress and no error lines / a line per input\n"
    "  --rules DIR        rule files (default: the bundled rules/)\n"
    "limits (an input over one fails with the reason; the batch goes on):\n"
    "  --max-file-mb N    input file size (256)      --max-part-mb N   bytes inflated from one zip part (64)\n"
    "  --max-line-mb N    one line of text (16)      --max-xml-depth N element nesting (256)\n"
    "  --max-rows N       rows of one table (100000) --max-cells N      cells of one row (1000)\n"
    "  --max-text-mb N    one XML text node (10, libxml2's own ceiling)\n"
    "  --time-budget S    seconds to read and extract one document (60; 0: none)\n";

int usage(const std::string& why) {
  std::cerr << "karta extract: " << why << "\n" << kUsage;
  return 2;
}

void read_paths(std::istream& in, std::vector<std::string>& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
}

}  // namespace

int extract_command(const Args& args) {
  std::vector<std::string> inputs;
  std::string rules_dir = RuleSet::default_dir();
  BatchOptions options;
  bool have_out = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string* { return i + 1 < args.size() ? &args[++i] : nullptr; };
    if (a == "-o") {
      const std::string* v = value();
      if (!v) return usage("-o needs a directory or -");
      have_out = true;
      if (*v == "-") options.stdout_mode = BatchOptions::Stdout::pretty;
      else options.out_dir = *v;
    } else if (a == "--rules") {
      const std::string* v = value();
      if (!v) return usage("--rules needs a directory");
      rules_dir = *v;
    } else if (a == "-j") {
      const std::string* v = value();
      int n = 0;
      try {
        n = v ? std::stoi(*v) : 0;
      } catch (const std::exception&) {
      }
      if (n < 1 || n > 1024) return usage("-j needs a number of workers from 1 to 1024");
      options.jobs = static_cast<unsigned>(n);
    } else if (a == "--max-file-mb" || a == "--max-part-mb" || a == "--max-line-mb" || a == "--max-xml-depth" ||
               a == "--max-rows" || a == "--max-cells" || a == "--time-budget" || a == "--max-text-mb") {
      const std::string* v = value();
      double n = -1;
      try {
        n = v ? std::stod(*v) : -1;
      } catch (const std::exception&) {
      }
      if (n < 0 || (n == 0 && a != "--time-budget")) return usage(a + " needs a positive number");
      ReadOptions& r = options.read;
      const auto mb = static_cast<std::uint64_t>(n * 1024 * 1024);
      if (a == "--max-file-mb") r.max_file_bytes = mb;
      else if (a == "--max-part-mb") r.max_part_bytes = mb;
      else if (a == "--max-line-mb") r.max_line_bytes = mb;
      else if (a == "--max-xml-depth") r.max_xml_depth = static_cast<int>(n);
      else if (a == "--max-rows") r.max_table_rows = static_cast<std::size_t>(n);
      else if (a == "--max-text-mb") r.max_text_node_bytes = static_cast<std::uint64_t>(n * 1000 * 1000);
      else if (a == "--max-cells") r.max_row_cells = static_cast<std::size_t>(n);
      else r.time_budget_ms = static_cast<std::uint64_t>(n * 1000);
    } else if (a == "--resume") {
      options.resume = true;
    } else if (a == "--jsonl") {
      options.stdout_mode = BatchOptions::Stdout::lines;
      have_out = true;
    } else if (a == "--quiet" || a == "-q") {
      options.talk = BatchOptions::Talk::quiet;
    } else if (a == "--verbose" || a == "-v") {
      options.talk = BatchOptions::Talk::verbose;
    } else if (a == "--files-from") {
      const std::string* v = value();
      if (!v) return usage("--files-from needs a file or -");
      if (*v == "-") read_paths(std::cin, inputs);
      else {
        std::ifstream in(*v);
        if (!in) return usage("cannot read " + *v);
        read_paths(in, inputs);
      }
    } else if (a == "--shard") {
      const std::string* v = value();
      int k = 0, n = 0;
      char slash = 0, extra = 0;
      if (!v || std::sscanf(v->c_str(), "%d%c%d%c", &k, &slash, &n, &extra) != 3 || slash != '/' || n < 1 || k < 1 || k > n)
        return usage("--shard needs K/N with 1 <= K <= N");
      options.shard = k;
      options.shards = n;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage("unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage("no input");
  if (!have_out) return usage("no output: give -o OUT, -o - or --jsonl");
  if (options.stdout_mode == BatchOptions::Stdout::pretty && options.resume) return usage("--resume needs -o OUT");
  if (options.resume && options.out_dir.empty()) return usage("--resume needs -o OUT");

  RuleSet rules;
  try {
    rules = RuleSet::load(rules_dir);
  } catch (const RuleError& e) {
    std::cerr << "karta: " << e.what() << "\n";
    return 2;
  }
  options.progress = options.talk != BatchOptions::Talk::quiet && ::isatty(STDERR_FILENO);
  try {
    const std::vector<BatchInput> listed = list_inputs(inputs, options);
    const BatchSummary s = run_batch(listed, rules, options);
    if (options.talk == BatchOptions::Talk::verbose || (options.progress && !s.manifest.empty()))
      std::cerr << s.ok << " ok (" << s.resumed << " kept from the last run), " << s.failed << " failed, " << s.skipped
                << " skipped; manifest: " << s.manifest << "\n";
    return s.failed ? 1 : 0;
  } catch (const std::exception& e) {
    // OUT itself cannot be written: nothing can be promised about the inputs.
    std::cerr << "karta: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace karta::cli
