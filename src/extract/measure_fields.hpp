// A measure's fields from its detail cells: mentions split, typed and
// resolved to entities, the deadline parsed, the result classified with its
// targets. The roadmap stage calls it through MeasureDetails.
#pragma once

#include <set>
#include <string>

#include "extract/deadline_parser.hpp"
#include "extract/entity_registry.hpp"
#include "extract/mention_splitter.hpp"
#include "roadmap/roadmap_builder.hpp"

namespace karta {

class MeasureFields : public MeasureDetails {
 public:
  // `known` are the shorts the document defines ("ДОН ТО", "управление").
  MeasureFields(const RuleSet& rules, EntityRegistry& entities, std::set<std::string> known)
      : rules_(rules), deadlines_(rules), splitter_(rules), entities_(entities), known_(std::move(known)) {}
  void fill(Measure& measure, const DetailCells& cells) override;

 private:
  std::vector<Mention> mentions_of(const std::string& cell);
  MeasureResult result_of(const std::string& cell) const;

  const RuleSet& rules_;
  DeadlineParser deadlines_;
  MentionSplitter splitter_;
  EntityRegistry& entities_;
  std::set<std::string> known_;
};

}  // namespace karta
