// What the code expects of the rule files: each group a stage consumes,
// whether it must be there, the named captures each of its patterns must
// have and the values its rules may take. The loader holds every rule file
// to it, so a misspelt or renamed group, a rule key it does not know
// ("no_macth"), a value no stage understands or a pattern without the
// capture its consumer reads fails at load time with file:line, never as a
// rule that silently matches nothing.
#pragma once

#include <string>
#include <vector>

namespace karta {

struct GroupContract {
  std::string name;                     // "deadlines.structures"
  bool required = true;
  std::vector<std::string> captures;    // every pattern of every rule has these
  std::vector<std::string> values;      // the values a rule may take (empty: any)
  // A label group names each of `values` for people: its rules have a
  // value and a name and no pattern, and every value has one.
  bool labels = false;
};

// The contract of the rule groups, by group name; nullptr for a group no
// stage reads.
const GroupContract* group_contract(const std::string& name);
const std::vector<GroupContract>& group_contracts();

// The keys a rule may have.
bool known_rule_key(const std::string& key);

}  // namespace karta
