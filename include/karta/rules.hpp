// Rules are data: YAML files in rules/, each rule with an id, RE2 pattern(s),
// an optional value, and examples that must match (with the expected value)
// and must not. Patterns see normalised text (karta/normalize.hpp, ё → е) and
// ignore case unless the rule says `case: sensitive`; captures keep the case.
// \pL, \p{Lu} and \p{Ll} in patterns mean letters of the Cyrillic block and
// Latin-1 (the loader narrows them: Unicode-wide classes made compiling the
// rule set seven times slower).
//
//   rules/deadlines.yaml
//     frequencies:
//       - id: freq.yearly
//         pattern: 'ежегодн'
//         value: yearly
//         match: ["Ежегодно в июне"]
//         no_match: ["годовой план"]
//     examples:                   # end-to-end examples, run by `karta rules test`
//       - {text: "До 05.04.23", kind: by, end: "2023-04-05"}
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace re2 { class RE2; }
namespace YAML { class Node; }

namespace karta {

// A rule file that cannot be loaded: "rules/deadlines.yaml:12: reason".
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct RuleExample {
  std::string text;
  std::string value;   // expected value; "" means the rule's own value
  int line = 0;
};

struct Match {
  std::map<std::string, std::string> groups;   // named captures that took part
  std::size_t begin = 0, end = 0;              // byte offsets in the matched (normalised) text
  // The named capture, "" when it did not take part.
  std::string group(const char* name) const {
    auto it = groups.find(name);
    return it == groups.end() ? std::string() : it->second;
  }
};

// One pattern of a rule: its source (after the loader's narrowing of letter
// classes) and the RE2 compiled from it on first use, once, whichever thread
// asks first. A rule set read from the rule cache (RuleSet::load) compiles
// only the patterns a run reaches: most of the 281 never meet a document
// whose groups' screens turned them away. Copies share the compiled form.
class RulePattern {
 public:
  RulePattern(std::string source, bool case_sensitive);
  const std::string& source() const;
  bool case_sensitive() const;
  // The compiled pattern; a pattern that does not compile (never one the
  // loader let through) is an RE2 whose ok() is false and matches nothing.
  const re2::RE2& compiled() const;
  // Whether compiled() has run: every pattern of a set checked at load is;
  // of a set read from the rule cache, only those a run has reached.
  bool is_compiled() const;
  const re2::RE2& operator*() const { return compiled(); }
  const re2::RE2* operator->() const { return &compiled(); }

 private:
  struct State;
  std::shared_ptr<State> state_;
};

class Rule {
 public:
  std::string id;
  std::string value;
  std::string name;   // a display name some groups give (regions)
  std::string file;
  std::string group;   // where it is listed: "mentions.kinds" (the file's stem, then the group)
  int line = 0;
  bool case_sensitive = false;
  std::vector<RuleExample> match;
  std::vector<RuleExample> no_match;
  // `needs`: literal pieces of normalised text of which one must be present
  // for the patterns to be tried at all — a cheap pre-check kept with the
  // rule it speeds up ("алее" before a "(далее – X)" pattern). The loader
  // refuses a rule whose match examples lack all of them.
  std::vector<std::string> needs;
  bool may_match_normalised(const std::string& normalised) const;

  // Searches `text` (raw; normalised here) for the first of the patterns that matches.
  bool search(const std::string& text, Match* out = nullptr) const;
  // The same on text already in the rule's normal form.
  bool search_normalised(const std::string& normalised, Match* out = nullptr) const;
  // Every non-overlapping match of each pattern in turn, on normalised text.
  std::vector<Match> find_all_normalised(const std::string& normalised) const;
  std::string normalise(const std::string& text) const;

  std::vector<RulePattern> patterns;
};

// An end-to-end example of a whole extractor (deadline parser, mention
// splitter), kept as YAML for the runner that knows its fields.
struct ExtractorExample {
  std::string file;
  int line = 0;
  std::shared_ptr<const YAML::Node> node;
};

class GroupScreen;

class RuleSet {
 public:
  // Loads every *.yaml in `dir`. Throws RuleError naming file:line.
  // A set that loaded and passed every check is kept in the rule cache
  // ($KARTA_CACHE_DIR, else $XDG_CACHE_HOME/karta, else ~/.cache/karta;
  // KARTA_CACHE_DIR=off keeps none), keyed by the files' bytes, their
  // directory and this build of karta: the next load with the same files
  // reads it instead of parsing YAML and compiling every pattern. Any other
  // bytes miss it and are checked afresh; a cache that cannot be read or
  // written is passed by, never an error.
  static RuleSet load(const std::string& dir);
  // Where `load` reads and writes the rule cache; empty when there is none.
  static std::string cache_dir();
  // Where the rules are when none are named: $KARTA_RULES if set; else
  // PREFIX/share/karta/rules beside the installed binary or libkarta.so
  // (found from the module's own path, so a moved prefix still works); else
  // the source tree's rules/ (a build tree).
  static std::string default_dir();

  // Rules of a group ("deadlines.frequencies"), in file order; empty when absent.
  const std::vector<Rule>& group(const std::string& name) const;
  // The first rule of the group that matches `text`, or null.
  const Rule* first(const std::string& group, const std::string& text, Match* out = nullptr) const;
  // One flag per rule of the group: false where no pattern of the rule
  // matches anywhere in `normalised` (text in the rules' normal form), found
  // in one pass for the whole group. A rule marked true may still not match.
  std::vector<bool> may_match(const std::string& group, const std::string& normalised) const;

  // A stage's end-to-end examples; a set read from the rule cache parses
  // them from the stem's YAML file on the first ask.
  const std::vector<ExtractorExample>& examples(const std::string& file_stem) const;

  // Builds the groups' screens and compiles the patterns not compiled yet
  // on a thread of its own, largest screens first, while the caller reads
  // its first document: a one-file run has a core to spare for what it
  // would otherwise pay for on its first rule searches. Whatever the caller
  // reaches first it builds itself (each part is built once, by whichever
  // thread comes first). Calls after the first do nothing; the thread stops
  // at its next part when the last copy of the set is destroyed.
  void prepare_in_background() const;
  std::vector<std::string> group_names() const;
  const std::string& dir() const { return dir_; }
  // Identifies the rule set's content (changes when any rule file changes).
  const std::string& version() const { return version_; }

 private:
  std::string dir_;
  std::string version_;
  std::map<std::string, std::vector<Rule>> groups_;
  // Parses and checks the files (their bytes in `contents`), on two threads.
  void load_checked(const std::vector<std::filesystem::path>& files, std::vector<std::string>& contents);

  struct Preparation;
  mutable std::shared_ptr<Preparation> preparation_;

  struct Examples;   // by file stem: read at load, or on the first ask for a cached set
  std::shared_ptr<Examples> examples_;
  std::map<std::string, std::shared_ptr<const GroupScreen>> screens_;   // groups of several rules
};

}  // namespace karta
