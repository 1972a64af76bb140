// karta rules test [DIR]: every rule's match / no_match examples, and the
// end-to-end examples of the deadline parser and the mention splitter.
// Failures are reported as file:line.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <memory>

#include "cli/commands.hpp"
#include "extract/deadline_parser.hpp"
#include "extract/mention_splitter.hpp"
#include "karta/compare.hpp"
#include "karta/rules.hpp"
#include "model/utf8.hpp"

namespace karta::cli {
namespace {

std::string field(const YAML::Node& n, const char* key) { return n[key] ? n[key].as<std::string>() : std::string(); }

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "|") + s;
  return out;
}

std::vector<std::string> item_ids(const std::vector<ItemScore>& scores) {
  std::vector<std::string> ids;
  for (const ItemScore& s : scores) ids.push_back(s.id);
  return ids;
}

// karta rules align TEXT...: each template's five best items for TEXT, with scores.
int align_command(const std::vector<std::string>& words, const std::string& dir) {
  const RuleSet rules = RuleSet::load(dir);
  std::string text;
  for (const std::string& w : words) text += (text.empty() ? "" : " ") + w;
  for (const MeasureTemplate& t : load_templates(dir + "/templates")) {
    const auto aligned = align_text(t, rules, text);
    std::cout << t.id << ": aligns to " << (aligned.empty() ? "no item" : joined(item_ids(aligned)))
              << " (threshold " << t.thresholds.item << ")\n";
    const auto ranked = align_text(t, rules, text, true);
    for (std::size_t i = 0; i < ranked.size() && i < 5; ++i)
      std::cout << "  " << ranked[i].id << "  " << ranked[i].score << "\n";
  }
  return 0;
}

int test_command(const std::string& dir) {
  const auto started = std::chrono::steady_clock::now();
  RuleSet rules;
  try {
    rules = RuleSet::load(dir);
  } catch (const RuleError& e) {
    std::cerr << for_terminal(e.what()) << "\n";
    return 1;
  }
  const double load_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  int passed = 0, failed = 0;
  auto fail = [&](const std::string& file, int line, const std::string& what) {
    std::cout << file << ":" << line << ": " << what << "\n";
    ++failed;
  };
  for (const std::string& name : rules.group_names()) {
    for (const Rule& rule : rules.group(name)) {
      for (const RuleExample& ex : rule.match) {
        if (!rule.search(ex.text)) fail(rule.file, ex.line, rule.id + " should match «" + ex.text + "»");
        else ++passed;
      }
      for (const RuleExample& ex : rule.no_match) {
        if (rule.search(ex.text)) fail(rule.file, ex.line, rule.id + " should not match «" + ex.text + "»");
        else ++passed;
      }
    }
  }
  DeadlineParser deadlines(rules);
  for (const ExtractorExample& ex : rules.examples("deadlines")) {
    const YAML::Node& n = *ex.node;
    Deadline d = deadlines.parse(field(n, "text"), n["year"] ? n["year"].as<int>() : 0);
    DeadlineParser::apply_period(d, std::string("2023-01-01"), std::string("2024-12-31"));
    std::string problem;
    auto check = [&](const char* key, const std::optional<std::string>& got) {
      if (n[key] && field(n, key) != got.value_or("null")) problem += std::string(" ") + key + "=" + got.value_or("null");
    };
    if (field(n, "kind") != d.kind) problem += " kind=" + d.kind;
    check("start", d.start);
    check("end", d.end);
    check("frequency", d.frequency);
    check("plan", d.plan);
    if (n["months"] && n["months"].as<std::vector<int>>() != d.months) problem += " months differ";
    if (problem.empty()) ++passed;
    else fail(ex.file, ex.line, "deadline «" + field(n, "text") + "»:" + problem);
  }
  MentionSplitter splitter(rules);
  for (const ExtractorExample& ex : rules.examples("mentions")) {
    const YAML::Node& n = *ex.node;
    std::vector<std::string> got = splitter.split(field(n, "text"));
    std::vector<std::string> kinds;
    for (const auto& m : got) kinds.push_back(splitter.kind_of(m));
    std::string problem;
    if (n["mentions"] && field(n, "mentions") != joined(got)) problem += " mentions=" + joined(got);
    if (n["kinds"] && field(n, "kinds") != joined(kinds)) problem += " kinds=" + joined(kinds);
    if (problem.empty()) ++passed;
    else fail(ex.file, ex.line, "mentions «" + field(n, "text") + "»:" + problem);
  }
  // Templates: every wording an item lists must align to that item, and the
  // template's no_match wordings to none.
  std::vector<MeasureTemplate> templates;
  try {
    templates = load_templates(dir + "/templates");
  } catch (const RuleError& e) {
    std::cout << e.what() << "\n";
    ++failed;
  }
  for (const MeasureTemplate& t : templates) {
    for (const TemplateItem& item : t.items)
      for (const RuleExample& ex : item.match) {
        const std::vector<std::string> got = item_ids(align_text(t, rules, ex.text));
        if (std::find(got.begin(), got.end(), item.id) != got.end()) ++passed;
        else fail(t.file, ex.line, "«" + ex.text + "» should align to item " + item.id + ", got " + (got.empty() ? "none" : joined(got)));
      }
    for (const RuleExample& ex : t.no_match) {
      const std::vector<std::string> got = item_ids(align_text(t, rules, ex.text));
      if (got.empty()) ++passed;
      else fail(t.file, ex.line, "«" + ex.text + "» should align to no item, got " + joined(got));
    }
  }
  std::cout << "rule set loaded and compiled in " << static_cast<int>(load_ms) << " ms\n";
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}

struct RulesArgs {
  std::string dir;
  std::vector<std::string> words;
};

}  // namespace

Command add_rules_command(CLI::App& app) {
  auto a = std::make_shared<RulesArgs>();
  CLI::App* c = app.add_subcommand("rules", "Check the rule files, or see how a wording aligns");
  c->require_subcommand(1);
  CLI::App* test = c->add_subcommand("test", "Run every example in the rule files (rules/*.yaml, "
                                             "rules/templates/*.yaml); failures as file:line");
  test->add_option("DIR", a->dir, "the rule folder (default: the one karta uses)");
  CLI::App* align = c->add_subcommand("align", "The template items a measure's wording aligns to, with scores");
  align->add_option("TEXT", a->words, "the wording")->required();
  align->add_option("--rules", a->dir, "the rule folder (default: the one karta uses)");
  return {c, [a, test] {
            const std::string dir = a->dir.empty() ? RuleSet::default_dir() : a->dir;
            return test->parsed() ? test_command(dir) : align_command(a->words, dir);
          }};
}

}  // namespace karta::cli
