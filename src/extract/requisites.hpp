// The act as a whole (SCHEMA.md `document`): requisites from the heading
// block or a roadmap's approving block, the region, cited acts and
// quantified indicators. Driven by rules/requisites.yaml, regions.yaml,
// references.yaml and indicators.yaml.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "karta/document.hpp"
#include "karta/extraction.hpp"
#include "karta/rules.hpp"

namespace karta {

// One line of the act's running text (paragraphs split at line breaks).
struct TextLine {
  std::string text;
  std::size_t block = 0;   // index of its paragraph in Document::blocks
  bool amendment_note = false;   // "(в ред. …)": never the title; its acts amend
};

// The paragraphs' lines in order, cleaned; tables are left out.
std::vector<TextLine> text_lines(const Document& document);
// The same lines joined back into one text per paragraph; an amendment
// note is a paragraph of its own even where it shares one with the title.
struct TextParagraph {
  std::string text;
  bool amendment_note = false;
};
std::vector<TextParagraph> text_paragraphs(const std::vector<TextLine>& lines);
std::vector<std::string> paragraph_texts(const std::vector<TextLine>& lines);   // their texts

// Kind, authority, date, number, place, title and signatory. A roadmap
// title, when the document has one, stands in for a bare roadmap's title.
void read_requisites(const std::vector<TextLine>& lines, const RuleSet& rules,
                     const std::optional<std::string>& roadmap_title, ActInfo& act);

// The region the act belongs to: named by its authority, else its title,
// else the earliest region its text names.
std::optional<Region> find_region(const ActInfo& act, const std::vector<TextLine>& lines, const RuleSet& rules);

// Every act cited with a date and number, except the act itself: in the
// running text, then in the cells of `tables`' tables (role `mention`).
std::vector<Reference> find_references(const std::vector<TextLine>& lines, const RuleSet& rules, const ActInfo& act,
                                       const Document* tables = nullptr);

// The figure and unit a target or indicator rule matched ("не менее 50 чел."):
// the unit by its one name (rules/indicators.yaml, units); none when the
// figure is no number.
struct Quantity {
  double value = 0;
  std::optional<std::string> unit;
};
std::optional<Quantity> quantity_of(const Match& m, const RuleSet& rules);

// "к 2024 году – не менее 30%" in the running text.
std::vector<Indicator> find_indicators(const std::vector<TextLine>& lines, const RuleSet& rules);

// "29.12.2012", "29 декабря 2012 г.", "«14» марта 2024" → ISO date, or nullopt.
std::optional<std::string> act_date(const std::string& text, const RuleSet& rules);

// "министерства образования …" → "Министерство образования …".
std::string body_nominative(const std::string& name, const RuleSet& rules);

}  // namespace karta
