#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <exception>
#include <fstream>
#include <numeric>
#include <sstream>
#include <system_error>
#include <mutex>
#include <thread>

#include "karta/normalize.hpp"
#include "karta/rules.hpp"
#include "model/loadable_module.hpp"
#include "model/stage_clock.hpp"
#include "model/work_limits.hpp"
#include "rules/group_screen.hpp"
#include "rules/letter_classes.hpp"
#include "rules/rule_cache.hpp"
#include "rules/rule_contract.hpp"

namespace karta {
struct RulePattern::State {
  State(std::string s, bool c) : source(std::move(s)), case_sensitive(c) {}
  std::string source;
  bool case_sensitive;
  std::once_flag once;
  std::unique_ptr<RE2> compiled;
  std::atomic<bool> compiled_yet{false};
};

RulePattern::RulePattern(std::string source, bool case_sensitive)
    : state_(std::make_shared<State>(std::move(source), case_sensitive)) {}

const std::string& RulePattern::source() const { return state_->source; }

bool RulePattern::case_sensitive() const { return state_->case_sensitive; }

bool RulePattern::is_compiled() const { return state_->compiled_yet.load(std::memory_order_acquire); }

const RE2& RulePattern::compiled() const {
  std::call_once(state_->once, [s = state_.get()] {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(s->case_sensitive);
    s->compiled = std::make_unique<RE2>(s->source, options);
    s->compiled_yet.store(true, std::memory_order_release);
  });
  return *state_->compiled;
}

struct RuleSet::Examples {
  // Filled at load, or for a cached set from `pending`'s files on the first ask.
  std::map<std::string, std::vector<ExtractorExample>> by_stem;
  std::map<std::string, std::filesystem::path> pending;
  std::mutex lock;
};

namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return file + ":" + std::to_string(node.Mark().line + 1);
}

std::string scalar(const YAML::Node& node, const std::string& file, const char* what) {
  if (!node.IsScalar()) throw RuleError(where(file, node) + ": " + what + " must be a string");
  return node.Scalar();
}

std::vector<RuleExample> read_examples(const YAML::Node& node, const std::string& file) {
  std::vector<RuleExample> out;
  if (!node) return out;
  if (!node.IsSequence()) throw RuleError(where(file, node) + ": examples must be a list");
  for (const YAML::Node& e : node) {
    RuleExample ex;
    ex.line = e.Mark().line + 1;
    if (e.IsScalar()) {
      ex.text = e.Scalar();
    } else if (e.IsMap() && e["text"]) {
      ex.text = scalar(e["text"], file, "example text");
      if (e["value"]) ex.value = scalar(e["value"], file, "example value");
    } else {
      throw RuleError(where(file, e) + ": an example is a string or {text, value}");
    }
    out.push_back(std::move(ex));
  }
  return out;
}

Rule read_rule(const YAML::Node& node, const std::string& file, bool label) {
  if (!node.IsMap()) throw RuleError(where(file, node) + ": a rule is a mapping with id and pattern");
  for (const auto& kv : node)
    if (!known_rule_key(kv.first.Scalar()))
      throw RuleError(where(file, kv.first) + ": unknown key «" + kv.first.Scalar() +
                      "» (a rule has id, pattern or patterns, value, name, case, needs, match, no_match)");
  Rule rule;
  rule.file = file;
  rule.line = node.Mark().line + 1;
  if (!node["id"]) throw RuleError(where(file, node) + ": rule without id");
  rule.id = scalar(node["id"], file, "id");
  if (node["value"]) rule.value = scalar(node["value"], file, "value");
  if (node["name"]) rule.name = scalar(node["name"], file, "name");
  if (node["case"]) rule.case_sensitive = scalar(node["case"], file, "case") == "sensitive";
  YAML::Node patterns = node["pattern"] ? node["pattern"] : node["patterns"];
  if (label) {
    if (patterns) throw RuleError(where(file, node) + ": rule " + rule.id + ": a label has a value and a name, no pattern");
    if (rule.value.empty() || rule.name.empty())
      throw RuleError(where(file, node) + ": rule " + rule.id + ": a label needs both value and name");
    return rule;
  }
  if (!patterns) throw RuleError(where(file, node) + ": rule " + rule.id + " has no pattern");
  std::vector<YAML::Node> list;
  if (patterns.IsSequence())
    for (const YAML::Node& p : patterns) list.push_back(p);
  else
    list.push_back(patterns);
  for (const YAML::Node& p : list) {
    RulePattern re(narrow_letter_classes(scalar(p, file, "pattern")), rule.case_sensitive);
    if (!re->ok())
      throw RuleError(where(file, p) + ": rule " + rule.id + ": pattern does not compile: " + re->error());
    if (RE2::PartialMatch("", *re) && RE2::PartialMatch("\x01", *re) && RE2::PartialMatch("zzz", *re))
      throw RuleError(where(file, p) + ": rule " + rule.id + ": pattern matches the empty string everywhere");
    rule.patterns.push_back(std::move(re));
  }
  rule.match = read_examples(node["match"], file);
  rule.no_match = read_examples(node["no_match"], file);
  if (YAML::Node needs = node["needs"]) {
    if (!needs.IsSequence()) throw RuleError(where(file, needs) + ": rule " + rule.id + ": needs is a list of strings");
    for (const YAML::Node& n : needs) {
      rule.needs.push_back(scalar(n, file, "needs"));
      if (rule.needs.back().empty()) throw RuleError(where(file, n) + ": rule " + rule.id + ": an empty string in needs");
    }
    for (const RuleExample& ex : rule.match)
      if (!rule.may_match_normalised(rule.normalise(ex.text)))
        throw RuleError(file + ":" + std::to_string(ex.line) + ": rule " + rule.id + ": example «" + ex.text +
                        "» holds none of the rule's needs, so the rule would never see it");
  }
  return rule;
}

// A rule's value and captures are the ones its group's consumer reads.
void check_contract(const Rule& rule, const GroupContract& contract) {
  const std::string at = rule.file + ":" + std::to_string(rule.line) + ": rule " + rule.id;
  if (!contract.values.empty() &&
      std::find(contract.values.begin(), contract.values.end(), rule.value) == contract.values.end()) {
    std::string known;
    for (const std::string& v : contract.values) known += (known.empty() ? "" : ", ") + v;
    throw RuleError(at + ": value «" + rule.value + "» is none of " + contract.name + "'s (" + known + ")");
  }
  for (const auto& re : rule.patterns)
    for (const std::string& capture : contract.captures)
      if (!re->NamedCapturingGroups().count(capture))
        throw RuleError(at + ": a pattern lacks the capture (?P<" + capture + ">…) that " + contract.name + " reads");
}

// A group of fewer rules is scanned rule by rule: the set would not save a pass.
constexpr std::size_t kScreenedGroup = 4;

std::string fnv_hex(const std::string& data) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : data) h = (h ^ c) * 1099511628211ull;
  std::ostringstream out;
  out << std::hex << h;
  return out.str();
}

}  // namespace

// Case is folded by RE2 itself, so captures keep the document's case.
std::string Rule::normalise(const std::string& text) const { return cased_match_form(text); }

bool Rule::search(const std::string& text, Match* out) const { return search_normalised(normalise(text), out); }

namespace {

// The next match of `re` in `text` from `from`, with its named captures.
bool match_from(const RE2& re, const std::string& text, std::size_t from, Match* out) {
  // A yes/no question runs RE2's forward DFA alone: asking for the match's
  // bounds costs a reverse program (compiled on first use) and a second pass.
  if (!out) return re.Match(text, from, text.size(), RE2::UNANCHORED, nullptr, 0);
  const int n = re.NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> sub(static_cast<std::size_t>(n));
  if (!re.Match(text, from, text.size(), RE2::UNANCHORED, sub.data(), n)) return false;
  if (out) {
    out->groups.clear();
    out->begin = static_cast<std::size_t>(sub[0].data() - text.data());
    out->end = out->begin + sub[0].size();
    for (const auto& [name, index] : re.NamedCapturingGroups())
      if (sub[static_cast<std::size_t>(index)].data()) out->groups[name] = std::string(sub[static_cast<std::size_t>(index)]);
  }
  return true;
}

}  // namespace

bool Rule::may_match_normalised(const std::string& normalised) const {
  if (needs.empty()) return true;
  for (const std::string& piece : needs)
    if (normalised.find(piece) != std::string::npos) return true;
  return false;
}

// Every extraction stage asks the rules: checking the document's time
// budget here holds it in all of them (paragraphs, requisites, mentions,
// deadlines), not only in the readers. Reads the clock every 256 calls.
bool Rule::search_normalised(const std::string& normalised, Match* out) const {
  const StageScope scope(Stage::rules, &group);
  check_time_budget("matching the rules against its text");
  if (!may_match_normalised(normalised)) return false;
  for (const auto& re : patterns)
    if (match_from(*re, normalised, 0, out)) return true;
  return false;
}

std::vector<Match> Rule::find_all_normalised(const std::string& normalised) const {
  const StageScope scope(Stage::rules, &group);
  std::vector<Match> out;
  check_time_budget("matching the rules against its text");
  if (!may_match_normalised(normalised)) return out;
  for (const auto& re : patterns) {
    Match m;
    for (std::size_t from = 0; from < normalised.size() && match_from(*re, normalised, from, &m);) {
      from = m.end > m.begin ? m.end : m.begin + 1;
      out.push_back(m);
    }
  }
  return out;
}

namespace {

// What one rule file holds: its groups are its own (named after the file),
// so files load independently and merge without conflict.
struct RuleFile {
  std::string content;
  std::map<std::string, std::vector<Rule>> groups;
  std::map<std::string, std::vector<ExtractorExample>> examples;
};

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// The end-to-end examples of one rule file (its `examples` group).
std::vector<ExtractorExample> read_extractor_examples(const YAML::Node& list, const std::string& file) {
  std::vector<ExtractorExample> out;
  for (const YAML::Node& e : list) out.push_back({file, e.Mark().line + 1, std::make_shared<const YAML::Node>(e)});
  return out;
}

RuleFile load_rule_file(const std::filesystem::path& path, std::string content) {
  RuleFile out;
  const std::string file = path.string();
  out.content = std::move(content);
  YAML::Node root;
  try {
    root = YAML::Load(out.content);
  } catch (const YAML::Exception& e) {
    throw RuleError(file + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
  }
  if (!root.IsMap()) throw RuleError(file + ":1: a rule file is a mapping of groups");
  const std::string stem = path.stem().string();
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (!kv.second.IsSequence()) throw RuleError(where(file, kv.second) + ": group " + key + " must be a list");
    if (key == "examples") {
      out.examples[stem] = read_extractor_examples(kv.second, file);
      continue;
    }
    const std::string group = stem + "." + key;
    const GroupContract* contract = group_contract(group);
    if (!contract) throw RuleError(where(file, kv.first) + ": unknown group «" + key + "»: no stage reads " + group);
    auto& rules = out.groups[group];
    for (const YAML::Node& r : kv.second) {
      rules.push_back(read_rule(r, file, contract->labels));
      rules.back().group = group;
      check_contract(rules.back(), *contract);
    }
    // A doubled label is the likelier typo (and hides the missing one), so it is named first.
    for (const bool doubled : {true, false})
      for (const std::string& value : contract->labels ? contract->values : std::vector<std::string>{}) {
        const auto n = std::count_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.value == value; });
        if (doubled ? n > 1 : n == 0)
          throw RuleError(where(file, kv.first) + ": " + group + " must label «" + value + "» exactly once, not " +
                          std::to_string(n) + " times");
      }
  }
  return out;
}

// Compiling the patterns is most of a one-file run's start (~50 ms of RE2,
// ~20 of YAML): the files are shared between two threads, largest first to
// whichever has less, and merged in name order so that the set — and the
// first error reported, the one of the first file by name — does not depend
// on which thread finished first.
std::vector<RuleFile> load_rule_files(const std::vector<std::filesystem::path>& files, std::vector<std::string>& contents) {
  std::vector<RuleFile> loaded(files.size());
  std::vector<std::exception_ptr> failed(files.size());
  std::vector<std::size_t> order(files.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uintmax_t> size(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) size[i] = contents[i].size();
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
  std::vector<std::size_t> share[2];
  std::uintmax_t load[2] = {0, 0};
  for (const std::size_t i : order) {
    const int to = load[1] < load[0] ? 1 : 0;
    share[to].push_back(i);
    load[to] += size[i];
  }
  auto run = [&](const std::vector<std::size_t>& mine) {
    for (const std::size_t i : mine) try {
        loaded[i] = load_rule_file(files[i], std::move(contents[i]));
      } catch (...) {
        failed[i] = std::current_exception();
      }
  };
  {
    std::thread helper;
    try {
      helper = std::thread(run, std::cref(share[1]));
    } catch (const std::system_error&) {
      run(share[1]);   // no second thread to be had: load them here
    }
    run(share[0]);
    if (helper.joinable()) helper.join();
  }
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
  return loaded;
}

}  // namespace

RuleSet RuleSet::load(const std::string& dir) {
  RuleSet set;
  set.dir_ = dir;
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  if (ec) throw RuleError(dir + ": cannot read the rules directory: " + ec.message());
  if (files.empty()) throw RuleError(dir + ": no rule files (*.yaml)");
  std::sort(files.begin(), files.end());
  std::vector<std::string> contents;
  std::string all;
  for (const auto& f : files) {
    contents.push_back(file_bytes(f));
    all += contents.back();
  }
  set.version_ = fnv_hex(all);
  set.examples_ = std::make_shared<Examples>();
  const std::filesystem::path cache = rule_cache_dir();
  const std::string key = rule_cache_key(set.version_, dir);
  if (std::optional<CachedRules> cached = read_rule_cache(cache, key)) {
    set.groups_ = std::move(cached->groups);
    for (const std::string& stem : cached->example_stems)
      set.examples_->pending[stem] = std::filesystem::path(dir) / (stem + ".yaml");
  } else {
    set.load_checked(files, contents);
    CachedRules checked{set.groups_, {}};
    for (const auto& [stem, examples] : set.examples_->by_stem) checked.example_stems.push_back(stem);
    write_rule_cache(cache, key, checked);
  }
  for (const auto& [name, rules] : set.groups_)
    if (rules.size() >= kScreenedGroup) set.screens_[name] = std::make_shared<const GroupScreen>(rules);
  return set;
}

std::string RuleSet::cache_dir() { return rule_cache_dir().string(); }

void RuleSet::load_checked(const std::vector<std::filesystem::path>& files, std::vector<std::string>& contents) {
  const std::string& dir = dir_;
  for (RuleFile& f : load_rule_files(files, contents)) {
    for (auto& [name, rules] : f.groups) groups_[name] = std::move(rules);
    for (auto& [stem, examples] : f.examples) examples_->by_stem[stem] = std::move(examples);
  }
  for (const GroupContract& c : group_contracts())
    if (c.required && !groups_.count(c.name)) {
      const std::string stem = c.name.substr(0, c.name.find('.'));
      throw RuleError(dir + "/" + stem + ".yaml: group «" + c.name.substr(stem.size() + 1) + "» is missing (" +
                      c.name + " is read by the code)");
    }
}

namespace {

bool holds_rules(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "roadmap.yaml", ec);
}

}  // namespace

std::string RuleSet::default_dir() {
  if (const char* env = std::getenv("KARTA_RULES"); env != nullptr && *env != '\0') return env;
  // Installed: PREFIX/bin/karta or PREFIX/lib/libkarta.so beside PREFIX/share/karta/rules,
  // wherever PREFIX has been moved. The build tree has no such neighbour and
  // falls back to the source tree's rules/.
  const std::filesystem::path here = code_file().parent_path();
  if (!here.empty())
    for (const char* relative : {KARTA_RULES_FROM_BIN, KARTA_RULES_FROM_LIB}) {
      const std::filesystem::path candidate = (here / relative).lexically_normal();
      if (holds_rules(candidate)) return candidate.string();
    }
  return std::string(KARTA_SOURCE_DIR) + "/rules";
}

const std::vector<Rule>& RuleSet::group(const std::string& name) const {
  static const std::vector<Rule> none;
  auto it = groups_.find(name);
  return it == groups_.end() ? none : it->second;
}

std::vector<bool> RuleSet::may_match(const std::string& name, const std::string& normalised) const {
  auto it = screens_.find(name);
  if (it == screens_.end()) return std::vector<bool>(group(name).size(), true);
  const StageScope scope(Stage::rules, &it->first);
  check_time_budget("matching the rules against its text");
  return it->second->may_match(normalised);
}

const Rule* RuleSet::first(const std::string& name, const std::string& text, Match* out) const {
  const std::string form = cased_match_form(text);
  const std::vector<Rule>& rules = group(name);
  const std::vector<bool> maybe = may_match(name, form);
  for (std::size_t i = 0; i < rules.size(); ++i)
    if (maybe[i] && rules[i].search_normalised(form, out)) return &rules[i];
  return nullptr;
}

struct RuleSet::Preparation {
  std::shared_ptr<std::atomic<bool>> stop = std::make_shared<std::atomic<bool>>(false);
  std::thread thread;
  ~Preparation() {
    stop->store(true);
    if (thread.joinable()) thread.join();
  }
};

void RuleSet::prepare_in_background() const {
  if (preparation_) return;
  std::vector<std::shared_ptr<const GroupScreen>> screens;
  for (const auto& [name, screen] : screens_) screens.push_back(screen);
  std::stable_sort(screens.begin(), screens.end(), [](const auto& a, const auto& b) { return a->size() > b->size(); });
  std::vector<RulePattern> patterns;
  for (const auto& [name, rules] : groups_)
    for (const Rule& r : rules)
      for (const RulePattern& p : r.patterns)
        if (!p.is_compiled()) patterns.push_back(p);
  auto preparation = std::make_shared<Preparation>();
  // The thread holds the parts (shared) and the flag, not the set: the set may go first.
  try {
    preparation->thread = std::thread([stop = preparation->stop, screens = std::move(screens), patterns = std::move(patterns)] {
      for (const auto& screen : screens) {
        if (stop->load()) return;
        screen->prepare();
      }
      for (const RulePattern& p : patterns) {
        if (stop->load()) return;
        p.compiled();
      }
    });
  } catch (const std::system_error&) {
    // no thread to be had: the parts are built on first use, as without this
  }
  preparation_ = std::move(preparation);
}

const std::vector<ExtractorExample>& RuleSet::examples(const std::string& stem) const {
  static const std::vector<ExtractorExample> none;
  if (!examples_) return none;
  const std::lock_guard<std::mutex> hold(examples_->lock);
  if (auto p = examples_->pending.find(stem); p != examples_->pending.end()) {
    // The rule cache keeps rules, not YAML nodes: a cached set parses the
    // file now (its bytes are the ones checked: they gave the cache's key).
    const std::string file = p->second.string();
    examples_->pending.erase(p);
    try {
      const YAML::Node root = YAML::Load(file_bytes(file));
      if (root.IsMap() && root["examples"]) examples_->by_stem[stem] = read_extractor_examples(root["examples"], file);
    } catch (const YAML::Exception& e) {
      throw RuleError(file + ":" + std::to_string(e.mark.line + 1) + ": malformed YAML: " + e.msg);
    }
  }
  auto it = examples_->by_stem.find(stem);
  return it == examples_->by_stem.end() ? none : it->second;
}

std::vector<std::string> RuleSet::group_names() const {
  std::vector<std::string> out;
  for (const auto& kv : groups_) out.push_back(kv.first);
  return out;
}

}  // namespace karta
