#include "extract/measure_fields.hpp"

#include "karta/normalize.hpp"
#include "extract/requisites.hpp"
#include "model/stage_clock.hpp"

namespace karta {

std::vector<Mention> MeasureFields::mentions_of(const std::string& cell) {
  if (auto seen = mentions_seen_.find(cell); seen != mentions_seen_.end()) return seen->second;
  std::vector<Mention>& out = mentions_seen_[cell];
  for (const std::string& text : splitter_.split(cell, known_)) {
    Mention m;
    m.text = text;
    m.kind = entities_.kind_of(text, splitter_);
    m.entity = entities_.resolve(text, m.kind);
    out.push_back(std::move(m));
  }
  return out;
}

MeasureResult MeasureFields::result_of(const std::string& cell) const {
  MeasureResult r;
  r.text = clean_text(cell);
  for (const Rule& rule : rules_.group("results.kinds"))
    if (rule.search(r.text)) r.kinds.push_back(rule.value);
  for (const Rule& rule : rules_.group("results.targets")) {
    Match m;
    if (!rule.search(r.text, &m)) continue;
    Target t;
    t.text = r.text.substr(m.begin, m.end - m.begin);
    while (!t.text.empty() && t.text.front() == ' ') t.text.erase(0, 1);
    t.comparator = rule.value;
    const auto q = quantity_of(m, rules_);
    if (!q) continue;
    t.value = q->value;
    t.unit = q->unit;
    r.targets.push_back(std::move(t));
  }
  return r;
}

void MeasureFields::fill(Measure& m, const DetailCells& cells) {
  const StageScope scope(Stage::fields);
  m.responsible = mentions_of(cells.responsible);
  m.executors = mentions_of(cells.executors);
  auto deadline = deadlines_seen_.find({cells.deadline, cells.context_year});
  if (deadline == deadlines_seen_.end())
    deadline = deadlines_seen_.emplace(std::make_pair(cells.deadline, cells.context_year),
                                       deadlines_.parse(cells.deadline, cells.context_year)).first;
  m.deadline = deadline->second;
  auto result = results_seen_.find(cells.result);
  if (result == results_seen_.end()) result = results_seen_.emplace(cells.result, result_of(cells.result)).first;
  m.result = result->second;
}

}  // namespace karta
