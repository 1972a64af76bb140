// A measure's fields from its detail cells: mentions split, typed and
// resolved to entities, the deadline parsed, the result classified with its
// targets. The roadmap stage calls it through MeasureDetails.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

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
  // A roadmap repeats its detail cells row after row (the same bodies, "2025
  // год", "Информация"): each distinct cell is read once per document. The
  // fields are functions of the cell's text alone — a mention's entity too,
  // since the registry gives a name already registered the same id — so the
  // remembered answer is the one a second reading would give.
  std::unordered_map<std::string, std::vector<Mention>> mentions_seen_;
  std::unordered_map<std::string, MeasureResult> results_seen_;
  std::map<std::pair<std::string, int>, Deadline> deadlines_seen_;
};

}  // namespace karta
