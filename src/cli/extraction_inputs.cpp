#include "cli/extraction_inputs.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "batch/output_lock.hpp"
#include "cli/commands.hpp"
#include "karta/batch.hpp"
#include "karta/extract.hpp"
#include "karta/extraction_json.hpp"
#include "model/utf8.hpp"

namespace karta::cli {
namespace {

namespace fs = std::filesystem;

bool looks_like_json(const std::string& bytes) {
  for (unsigned char c : bytes)
    if (!std::isspace(c)) return c == '{';
  return false;
}

// manifest.jsonl, manifest-K-of-N.jsonl and their .part: the batch's own
// records, read by removed_outputs, not extractions.
bool is_manifest(const std::string& name) {
  if (name.rfind("manifest", 0) != 0) return false;
  auto ends = [&](const char* tail) {
    const std::size_t n = std::strlen(tail);
    return name.size() >= n && name.compare(name.size() - n, n, tail) == 0;
  };
  return ends(".jsonl") || ends(".jsonl.part");
}

std::vector<std::string> files_under(const std::string& dir) {
  std::vector<std::string> found;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && !is_output_lock(it->path().filename().string()) &&
        !(it.depth() == 0 && is_manifest(it->path().filename().string())))
      found.push_back(it->path().string());
  std::sort(found.begin(), found.end());
  return found;
}

// The outputs a batch's manifests in `dir` mark "removed": their inputs are
// gone, so they are no longer part of the collection (karta/batch.hpp).
std::set<std::string> removed_outputs(const std::string& dir) {
  std::set<std::string> removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!is_manifest(entry.path().filename().string())) continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line))
      if (auto e = parse_manifest_line(line); e && e->status == "removed" && e->output)
        removed.insert((fs::path(dir) / *e->output).lexically_normal().string());
  }
  return removed;
}

// Whether the folder holds any file at all; stops at the first.
bool holds_a_file(const std::string& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file()) return true;
  return false;
}

}  // namespace

RuleSet load_rule_set(const std::string& dir) {
  try {
    return RuleSet::load(dir.empty() ? RuleSet::default_dir() : dir);
  } catch (const RuleError& e) {
    throw UsageError(e.what());
  }
}

int report_empty_directories(const char* command, const std::vector<std::string>& arguments) {
  int empty = 0;
  for (const std::string& a : arguments) {
    std::error_code ec;
    if (a != "-" && fs::is_directory(a, ec) && !holds_a_file(a)) {
      std::cerr << "karta " << command << ": " << for_terminal(a) << ": no files in this directory\n";
      ++empty;
    }
  }
  return empty;
}

LoadedInputs load_extractions(const char* command, const std::vector<std::string>& inputs, const RuleSet& rules) {
  LoadedInputs out;
  report_empty_directories(command, inputs);
  for (const std::string& in : inputs) {
    std::error_code ec;
    const bool walked = in != "-" && fs::is_directory(in, ec);
    const std::set<std::string> removed = walked ? removed_outputs(in) : std::set<std::string>{};
    for (const std::string& path : walked ? files_under(in) : std::vector<std::string>{in}) {
      if (removed.count(fs::path(path).lexically_normal().string())) {
        std::cerr << "karta " << command << ": skipped " << for_terminal(path)
                  << ": its input was removed (the manifest says so)\n";
        continue;
      }
      std::string bytes;
      if (auto error = load_file(path, {}, bytes)) {
        out.failed.push_back({path, error->reason()});
        continue;
      }
      if (looks_like_json(bytes)) {
        try {
          out.extractions.push_back(parse_extraction_json(bytes));
        } catch (const ExtractionJsonError& e) {
          // A directory of earlier output also holds other JSON (read models,
          // comparisons): not inputs, so noted, not failed.
          if (walked) std::cerr << "karta " << command << ": skipped " << for_terminal(path) << ": " << for_terminal(e.what()) << "\n";
          else out.failed.push_back({path, e.what()});
        }
        continue;
      }
      FileExtraction file = extract_bytes(path, bytes, rules);
      if (!file.ok()) out.failed.push_back({path, file.error->reason()});
      else out.extractions.push_back(std::move(file.extraction));
    }
  }
  for (const FailedInput& f : out.failed) std::cerr << "karta: " << for_terminal(f.source) << ": " << for_terminal(f.reason) << "\n";
  if (out.nothing()) std::cerr << "karta " << command << ": no documents or extractions found in the inputs\n";
  return out;
}

}  // namespace karta::cli
