#include "rules/rule_contract.hpp"

#include <algorithm>

namespace karta {

namespace {

const std::vector<std::string> kEntityKinds = {
    "education_authority", "municipal_authority", "development_institute", "cnppm", "dpo_organizations",
    "higher_education", "vocational_education", "educational_organizations", "methodical_bodies",
    "professional_communities", "sites", "assessment_center", "rsnms_subjects", "official", "other"};
const std::vector<std::string> kDeadlineKinds = {"date",      "by",        "month",      "quarter",
                                                 "year",      "period",    "recurring",  "continuous",
                                                 "per_plan",  "on_demand", "unknown"};

}  // namespace

const std::vector<GroupContract>& group_contracts() {
  static const std::vector<GroupContract> contracts = {
      {"deadlines.months", true, {}, {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}},
      {"deadlines.frequencies", true, {}, {"yearly", "half-yearly", "quarterly", "monthly", "weekly"}},
      {"deadlines.plans", true, {"plan"}, {}},
      {"deadlines.on_demand", true, {}, {}},
      {"deadlines.continuous", true, {}, {}},
      {"deadlines.until", true, {"y"}, {}},
      {"deadlines.structures", true, {},
       {"date_range", "by", "by_month", "by_year", "date", "quarter", "half_year", "month_range", "year_range", "month",
        "year"}},
      {"definitions.abbreviation", true, {"short"}, {}},
      {"definitions.clause", true, {}, {}},
      {"definitions.leading_verbs", true, {}, {}},
      {"definitions.dative_heads", true, {}, {"m", "f", "n", "pl"}},
      {"definitions.dative_endings", true, {"stem"}, {"m", "f", "n", "pl"}},
      {"definitions.glossary_heads", true, {}, {}},
      {"definitions.glossary_entry", true, {"short", "term"}, {}},
      {"definitions.heads", true, {}, {}},
      {"definitions.terms", true, {"term", "text"}, {}},
      {"indicators.by_year", true, {"year"}, {}},
      {"indicators.comparators", true, {"value", "unit"}, {">=", "<="}},
      {"indicators.units", true, {}, {}},
      {"mentions.drop", true, {}, {}},
      {"mentions.placeholders", true, {}, {}},
      {"mentions.persons", true, {}, {}},
      {"mentions.conjunctions", true, {}, {}},
      {"mentions.unsplit_slashes", true, {}, {}},
      {"mentions.continuation", true, {}, {}},
      {"mentions.multiword", true, {}, {}},
      {"mentions.legal_forms", true, {}, {}},
      {"mentions.name_qualifiers", true, {}, {}},
      {"mentions.kinds", true, {}, kEntityKinds},
      {"labels.entity_kinds", true, {}, kEntityKinds, true},
      {"labels.deadline_kinds", true, {}, kDeadlineKinds, true},
      {"labels.levels", true, {}, {"regional", "organisation"}, true},
      {"references.citations", true, {"date", "number"}, {}},
      {"references.same_date", true, {"number"}, {}},
      {"references.roles", true, {}, {}},
      {"references.types", true, {}, {}},
      {"regions.subjects", true, {}, {}},
      {"requisites.amendment_notes", true, {}, {}},
      {"requisites.approval", true, {}, {}},
      {"requisites.authority_heading", true, {}, {}},
      {"requisites.body_heads", true, {}, {}},
      {"requisites.body_start", true, {}, {}},
      {"requisites.chrome", true, {}, {}},
      {"requisites.dates", true, {"d", "m", "y"}, {}},
      {"requisites.kinds", true, {}, {}},
      {"requisites.numbers", true, {}, {}},
      {"requisites.place", true, {}, {}},
      {"requisites.signature", true, {}, {}},
      {"results.kinds", true, {},
       {"legal_act", "agreement", "monitoring", "analytics", "database", "plan", "methodical_materials", "model",
        "program", "event", "publication", "other"}},
      {"results.targets", true, {"value", "unit"}, {">=", "<="}},
      {"roadmap.columns", true, {},
       {"number", "measure", "system_measure", "responsible", "responsible_executors", "executors", "deadline",
        "result", "extra"}},
      {"roadmap.numbering", true, {"number", "title"}, {}},
      {"roadmap.period", true, {}, {}},
      {"roadmap.sections", true, {}, {"direction", "year", "title"}},
      {"roadmap.title", true, {}, {}},
      {"similarity.stopwords", true, {}, {}},
  };
  return contracts;
}

const GroupContract* group_contract(const std::string& name) {
  const auto& all = group_contracts();
  auto it = std::find_if(all.begin(), all.end(), [&](const GroupContract& c) { return c.name == name; });
  return it == all.end() ? nullptr : &*it;
}

bool known_rule_key(const std::string& key) {
  static const char* keys[] = {"id", "value", "name", "case", "pattern", "patterns", "match", "no_match", "needs"};
  return std::any_of(std::begin(keys), std::end(keys), [&](const char* k) { return key == k; });
}

}  // namespace karta
