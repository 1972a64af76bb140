// Helpers for the tests: paths into the repository and into the hostile set
// generated at build time, and the document model reduced to what assertions need.
#pragma once

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/read.hpp"
#include "karta/rules.hpp"

namespace karta::test {

inline std::string source_path(const std::string& relative) { return std::string(KARTA_SOURCE_DIR) + "/" + relative; }
// A file of the hostile-input set (tests/robustness/hostile/make_hostile.py,
// generated into the build tree).
inline std::string hostile_path(const std::string& name) { return std::string(KARTA_HOSTILE_DIR) + "/" + name; }

// The whole file; a file that cannot be opened throws with its path, so a
// missing fixture is reported as missing, never read as empty.
inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("missing test data: " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<const Table*> tables(const Document& d) {
  std::vector<const Table*> out;
  for (const Block& b : d.blocks)
    if (const auto* t = std::get_if<Table>(&b)) out.push_back(t);
  return out;
}

inline std::vector<const Paragraph*> paragraphs(const Document& d) {
  std::vector<const Paragraph*> out;
  for (const Block& b : d.blocks)
    if (const auto* p = std::get_if<Paragraph>(&b)) out.push_back(p);
  return out;
}

// The grid of the one table `bytes` read into; a test failure when the
// input does not read, or holds another number of tables.
inline std::vector<std::vector<std::string>> single_table_grid(const std::string& name, const std::string& bytes) {
  ReadResult r = read_bytes(name, bytes);
  EXPECT_TRUE(r.ok()) << name << ": " << (r.error ? r.error->what() : "");
  auto ts = tables(r.document);
  EXPECT_EQ(ts.size(), 1u) << name;
  return ts.empty() ? std::vector<std::vector<std::string>>{} : table_grid(*ts.front());
}

// The repository's rule set, loaded once.
inline const RuleSet& repository_rules() {
  static const RuleSet set = RuleSet::load(source_path("rules"));
  return set;
}

// Every measure of every roadmap, in document order.
inline std::vector<Measure> all_measures(const Extraction& x) {
  std::vector<Measure> out;
  for (const Roadmap& r : x.roadmaps)
    for (const Direction& d : r.directions)
      for (const SystemMeasure& s : d.system_measures) out.insert(out.end(), s.measures.begin(), s.measures.end());
  return out;
}

// Whitespace runs (spaces, tabs, newlines, NBSP) folded to one space, ends trimmed.
inline std::string squash(const std::string& s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool ws = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
    if (!ws && s.compare(i, 2, "\xC2\xA0") == 0) { ws = true; ++i; }
    if (ws) { space = !out.empty(); continue; }
    if (space) out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

}  // namespace karta::test
