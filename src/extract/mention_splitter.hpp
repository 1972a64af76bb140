// A responsible/executors cell → mentions, by the rules in mentions.yaml:
// commas and '/' split (outside brackets and quotes); participle clauses stay
// with the name before them; "X и Y" splits when both sides are names;
// abbreviations written without commas split, keeping known multi-word ones;
// persons run together split, a person keeps the position after the comma;
// placeholders ("-", "нет") name no one.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "karta/rules.hpp"

namespace karta {

class MentionSplitter {
 public:
  explicit MentionSplitter(const RuleSet& rules) : rules_(rules) {}
  // `known` are multi-word abbreviations the document defines ("ДОН ТО").
  std::vector<std::string> split(const std::string& cell, const std::set<std::string>& known = {}) const;
  // The entity kind of one mention ("other" when no rule knows it).
  std::string kind_of(const std::string& mention) const;
  // The kind of a "(далее – X)" expansion: the one whose words come nearest
  // the parenthesis, so that a list the cut left in front ("Министерство …,
  // ЦНППМ, … «Марийский государственный университет»") does not type it.
  std::string kind_nearest_the_end(const std::string& expansion) const;

 private:
  std::vector<std::string> split_abbreviations(const std::string& segment, const std::set<std::string>& known) const;
  // "Н.Е. Лаптев К.А. Сидорова": persons written with spaces only between them.
  std::vector<std::string> split_persons(const std::string& segment) const;
  const RuleSet& rules_;
};

}  // namespace karta
