// compare(): documents → keys, units aligned to the template, side-by-side
// rows, and the per-region tallies (responsibility, timeline, deadline kinds).
#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <filesystem>
#include <set>

#include "extract/act_citation.hpp"
#include "extract/due_quarters.hpp"
#include "model/work_limits.hpp"
#include "compare/measure_pairing.hpp"
#include "normalize/russian_collation.hpp"
#include "compare/template_aligner.hpp"
#include "karta/compare.hpp"

namespace karta {
namespace {

struct Unit {
  std::string key;
  AlignedUnit aligned;
  std::optional<std::string> direction_title;   // of the roadmap direction it sits in
  std::vector<std::string> measure_titles;      // beside aligned.measures
};

std::vector<Unit> units_of(const std::string& key, const Extraction& x) {
  std::vector<Unit> units;
  int r = 0;
  for (const Roadmap& roadmap : x.roadmaps) {
    ++r;
    for (const Direction& d : roadmap.directions)
      for (const SystemMeasure& sm : d.system_measures) {
        if (sm.title && !sm.title->empty()) {
          Unit u{key, {r, d.number, sm.number, *sm.title, 0, {}}, d.title, {}};
          for (const Measure& m : sm.measures) {
            u.aligned.measures.push_back(measure_ref(r, m.id));
            u.measure_titles.push_back(m.title);
          }
          units.push_back(std::move(u));
          continue;
        }
        // No system-measure column: each measure stands for itself.
        for (const Measure& m : sm.measures)
          units.push_back(Unit{key, {r, d.number, std::nullopt, m.title, 0, {measure_ref(r, m.id)}}, d.title, {m.title}});
      }
  }
  return units;
}

// The same roadmap read from another rendering of one act gives the same
// measures: that is what makes two documents one.
std::string roadmap_fingerprint(const Extraction& x) {
  std::string f;
  for (const Roadmap& r : x.roadmaps)
    for (const Direction& d : r.directions)
      for (const SystemMeasure& sm : d.system_measures)
        for (const Measure& m : sm.measures) f += m.id + "\x1f" + m.title + "\x1e";
  if (f.empty()) return f;
  return (x.document.region ? x.document.region->code : std::string()) + "\x1d" + f;
}

std::string base_key(const Extraction& x) {
  if (x.document.region) return x.document.region->code;
  return std::filesystem::path(x.source.path).stem().string();
}

// For each input, the input that replaces it: the newest of those with a
// roadmap of their own (a measure read) whose `amends` citations name it
// (regions restate the whole appendix «в новой редакции»), the first of
// them in input order on a tie; never an older act. One without a roadmap changes some words,
// which karta cannot apply: the act it amends stays compared.
std::vector<std::optional<std::size_t>> replacements(const std::vector<Extraction>& xs) {
  // A citation names an act of its own date only: the acts by date, so
  // that each citation looks at a handful, not at every input.
  std::map<std::string, std::vector<std::size_t>> by_date;
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (xs[i].document.date && xs[i].document.number) by_date[*xs[i].document.date].push_back(i);
  std::vector<std::optional<std::size_t>> by(xs.size());
  for (std::size_t j = 0; j < xs.size(); ++j) {
    const ActInfo& amending = xs[j].document;
    if (xs[j].measure_count() == 0) continue;
    const std::optional<std::string> region =
        amending.region ? std::optional<std::string>(amending.region->code) : std::nullopt;
    for (const Reference& citation : amending.references) {
      if (citation.role != "amends" || !citation.date) continue;
      auto same_date = by_date.find(*citation.date);
      if (same_date == by_date.end()) continue;
      for (const std::size_t i : same_date->second) {
        const ActInfo& a = xs[i].document;
        // Never by an older act (nor, on one date, by an earlier input): no act is replaced in a circle.
        if (i == j || (amending.date && (*amending.date < *a.date || (*amending.date == *a.date && j < i)))) continue;
        const CitedAct act{a.region ? std::optional<std::string>(a.region->code) : std::nullopt, a.date, a.number, a.kind};
        if (!names_act(citation, region, act)) continue;
        const auto& newest = by[i] ? xs[*by[i]].document.date : std::nullopt;
        if (!by[i] || (amending.date && (!newest || *amending.date > *newest))) by[i] = j;
      }
    }
  }
  return by;
}

struct Alignment {
  std::vector<Unit> units;
  std::vector<std::vector<TemplateAligner::Hit>> hits;   // per unit
  double total = 0;
};

Alignment align_units(const std::vector<Unit>& units, const TemplateAligner& aligner) {
  Alignment a;
  a.units = units;
  for (const Unit& u : a.units) {
    check_time_budget("aligning measures to the template");
    a.hits.push_back(aligner.align(u.aligned.title, aligner.direction_of(u.direction_title)));
    if (!a.hits.back().empty()) a.total += a.hits.back().front().score;
  }
  return a;
}

void tally(Comparison& c, const ComparedDocument& d) {
  auto& roles = c.responsibility[d.key];
  auto& timeline = c.timeline[d.key];
  auto& kinds = c.deadline_kinds[d.key];
  for (const Roadmap& r : d.extraction.roadmaps)
    for (const Direction& dir : r.directions)
      for (const SystemMeasure& sm : dir.system_measures)
        for (const Measure& m : sm.measures) {
          std::set<std::string> responsible, executors;
          for (const Mention& mention : m.responsible) responsible.insert(mention.kind);
          for (const Mention& mention : m.executors) executors.insert(mention.kind);
          for (const std::string& k : responsible) ++roles[k].responsible;
          for (const std::string& k : executors) ++roles[k].executors;
          for (const std::string& q : due_quarters(m.deadline)) ++timeline[q];
          ++kinds[m.deadline.kind];
        }
}

// Each measure's stems looked up once, then compared by place in the list.
IndexedSimilarity wordings_of(const std::vector<RegionMeasure>& measures, const TemplateAligner& aligner) {
  auto weighted = std::make_shared<std::vector<const WeightedTokens*>>();
  for (const RegionMeasure& m : measures) weighted->push_back(&aligner.weighted(m.title));
  return [weighted](std::size_t i, std::size_t j) { return similarity(*(*weighted)[i], *(*weighted)[j]); };
}

std::vector<MeasureRow> side_by_side(const std::map<std::string, std::vector<AlignedUnit>>& by_region,
                                     const std::map<std::string, std::map<std::string, std::string>>& titles,
                                     const TemplateAligner* aligner, double threshold);

// Each item's rows, the items shared out between the cores: pairing is
// most of a large comparison's time and grows with the square of an item's
// measures. The aligner's wordings are all made here first, so that the
// threads only read them (TemplateAligner is not for sharing otherwise);
// each item's rows depend on that item alone, so the result is the same.
void pair_items(std::vector<ComparisonItem>& items,
                const std::map<std::string, std::map<std::string, std::string>>& titles,
                const TemplateAligner* aligner, double threshold) {
  if (aligner)
    for (const ComparisonItem& item : items)
      for (const auto& [key, units] : item.by_region)
        for (const AlignedUnit& u : units)
          for (const std::string& id : u.measures) aligner->weighted(titles.at(key).at(id));
  std::atomic<std::size_t> next{0};
  std::vector<std::exception_ptr> failed(items.size());
  const CarriedLimits limits = carried_limits();
  auto work = [&] {
    const WorkLimits scope(limits);
    for (std::size_t i; (i = next++) < items.size();) try {
        items[i].rows = side_by_side(items[i].by_region, titles, aligner, threshold);
      } catch (...) {
        failed[i] = std::current_exception();
        next = items.size();
      }
  };
  const std::size_t helpers = std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()) - 1, items.size());
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < helpers; ++t) try {
      threads.emplace_back(work);
    } catch (const std::system_error&) {
      break;   // fewer threads: this one does the rest
    }
  work();
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& e : failed)
    if (e) std::rethrow_exception(e);
}

std::vector<MeasureRow> side_by_side(const std::map<std::string, std::vector<AlignedUnit>>& by_region,
                                     const std::map<std::string, std::map<std::string, std::string>>& titles,
                                     const TemplateAligner* aligner, double threshold) {
  std::vector<RegionMeasure> measures;
  std::set<std::pair<std::string, std::string>> listed;   // (region key, measure id) once each
  for (const auto& entry : by_region)
    for (const AlignedUnit& u : entry.second)
      for (const std::string& id : u.measures) {
        const std::string& key = entry.first;
        if (listed.emplace(key, id).second) measures.push_back({key, id, titles.at(key).at(id)});
      }
  if (!aligner) return pair_measures(measures, [](const std::string&, const std::string&) { return 0.0; }, 1.0);
  return pair_measures(measures, wordings_of(measures, *aligner), threshold,
                       [&](const std::string& t) { return aligner->pairing_keys(t, threshold); });
}

}  // namespace

std::string measure_ref(int roadmap, const std::string& id) {
  return roadmap == 1 ? id : std::to_string(roadmap) + "/" + id;
}

std::string Comparison::region_name(const std::string& key) const {
  const ComparedDocument* d = document(key);
  return d && d->extraction.document.region ? d->extraction.document.region->name : key;
}

std::map<std::string, std::string> Comparison::column_names() const {
  std::map<std::string, std::string> names;
  std::map<std::string, int> columns_of;   // region name → its columns
  for (const ComparedDocument& d : documents)
    if (d.compared()) ++columns_of[names[d.key] = d.extraction.document.region ? d.extraction.document.region->name : d.key];
  for (const ComparedDocument& d : documents) {
    if (!d.compared() || columns_of[names[d.key]] < 2) continue;
    const ActInfo& act = d.extraction.document;
    names[d.key] += ", " + (act.number ? "№ " + *act.number : act.date ? *act.date : d.key);
  }
  return names;
}

const ComparedDocument* Comparison::document(const std::string& key) const {
  for (const ComparedDocument& d : documents)
    if (d.key == key && d.compared()) return &d;
  return nullptr;
}

Comparison compare(const std::vector<Extraction>& extractions, const std::vector<MeasureTemplate>& templates,
                   const RuleSet& rules) {
  Comparison c;
  for (const auto& [group, labels] : {std::pair{"labels.entity_kinds", &c.labels.entity_kinds},
                                      std::pair{"labels.deadline_kinds", &c.labels.deadline_kinds},
                                      std::pair{"labels.levels", &c.labels.levels}})
    for (const Rule& r : rules.group(group)) (*labels)[r.value] = r.name;
  std::map<std::string, std::size_t> first_input;   // fingerprint → index
  const std::vector<std::optional<std::size_t>> replaced = replacements(extractions);
  std::vector<std::optional<std::size_t>> stands_in(extractions.size());   // the input whose column holds it
  for (std::size_t i = 0; i < extractions.size(); ++i) {
    const Extraction& x = extractions[i];
    ComparedDocument d;
    d.extraction = x;
    const std::string fingerprint = roadmap_fingerprint(x);
    auto earlier = fingerprint.empty() ? first_input.end() : first_input.find(fingerprint);
    if (earlier != first_input.end()) {
      d.duplicate_of = extractions[earlier->second].source.path;
      stands_in[i] = earlier->second;
    } else if (replaced[i]) {
      d.replaced_by = extractions[*replaced[i]].source.path;
      stands_in[i] = replaced[i];
    }
    if (earlier == first_input.end() && !fingerprint.empty()) first_input.emplace(fingerprint, i);
    for (const Roadmap& r : x.roadmaps)
      for (const Direction& dir : r.directions)
        for (const SystemMeasure& sm : dir.system_measures)
          if (sm.title) ++d.system_measures;
    d.measures = x.measure_count();
    c.documents.push_back(std::move(d));
  }
  // Keys: region codes, "RU-KEM-2" for a second act of one region in force
  // — acts with a roadmap first, so that a wording amendment or a covering
  // letter never takes the region's code from its roadmap; a duplicate or a
  // replaced act under the key of the column that holds it.
  std::set<std::string> taken;
  for (const bool with_measures : {true, false})
    for (ComparedDocument& d : c.documents) {
      if (!d.compared() || (d.measures > 0) != with_measures) continue;
      const std::string base = base_key(d.extraction);
      d.key = base;
      for (int n = 2; taken.count(d.key); ++n) d.key = base + "-" + std::to_string(n);
      taken.insert(d.key);
    }
  for (std::size_t i = 0; i < c.documents.size(); ++i) {
    std::optional<std::size_t> at = stands_in[i];
    // A duplicate of a replaced act, an act replaced twice: followed to the act compared, at most once per input.
    for (std::size_t hops = 0; at && stands_in[*at] && hops < c.documents.size(); ++hops) at = stands_in[*at];
    if (at) c.documents[i].key = c.documents[*at].key;
  }

  std::map<std::string, std::map<std::string, std::string>> titles;   // key → measure ref → title
  std::vector<Unit> units;
  for (const ComparedDocument& d : c.documents) {
    if (!d.compared()) continue;
    c.keys.push_back(d.key);
    for (Unit& u : units_of(d.key, d.extraction)) {
      for (std::size_t i = 0; i < u.aligned.measures.size(); ++i)
        titles[d.key][u.aligned.measures[i]] = u.measure_titles[i];
      units.push_back(std::move(u));
    }
  }
  const RussianCollation russian;
  std::map<std::string, std::string> names;
  for (const std::string& k : c.keys) names[k] = c.region_name(k);
  std::stable_sort(c.keys.begin(), c.keys.end(), [&](const std::string& a, const std::string& b) {
    return names[a] != names[b] ? russian(names[a], names[b]) : a < b;
  });

  // The template the measures implement best; none when no template is given.
  const TokenStemmer stemmer(rules);
  std::vector<std::unique_ptr<TemplateAligner>> aligners;
  std::optional<Alignment> best;
  std::size_t best_index = 0;
  for (std::size_t t = 0; t < templates.size(); ++t) {
    aligners.push_back(std::make_unique<TemplateAligner>(templates[t], stemmer));
    Alignment a = align_units(units, *aligners.back());
    if (!best || a.total > best->total) {
      best = std::move(a);
      best_index = t;
    }
  }
  const TemplateAligner* aligner = best ? aligners[best_index].get() : nullptr;
  if (!best) {
    best = Alignment{units, std::vector<std::vector<TemplateAligner::Hit>>(units.size()), 0};
  } else {
    c.template_used = templates[best_index];
    for (const TemplateItem& item : templates[best_index].items) c.items.push_back(ComparisonItem{item, {}, {}});
  }

  std::vector<RegionMeasure> unmatched;   // measure_id: the unit's index
  for (std::size_t i = 0; i < best->units.size(); ++i) {
    const Unit& u = best->units[i];
    if (best->hits[i].empty()) {
      unmatched.push_back({u.key, std::to_string(i), u.aligned.title});
      continue;
    }
    for (const TemplateAligner::Hit& h : best->hits[i]) {
      AlignedUnit a = u.aligned;
      a.score = h.score;
      c.items[h.item].by_region[u.key].push_back(std::move(a));
    }
  }
  pair_items(c.items, titles, aligner, c.template_used ? c.template_used->thresholds.pair : 1.0);

  // What no item covers: one row per measure, alike ones of different regions together.
  const double alike = c.template_used ? c.template_used->thresholds.item : 1.0;
  const std::vector<MeasureRow> groups =
      aligner ? pair_measures(unmatched, wordings_of(unmatched, *aligner), alike,
                              [&](const std::string& t) { return aligner->pairing_keys(t, alike); })
              : pair_measures(unmatched, [](const std::string&, const std::string&) { return 0.0; }, alike);
  for (const MeasureRow& group : groups) {
    ComparisonItem item;
    for (const auto& [key, index] : group.measures)
      item.by_region[key].push_back(best->units[std::stoul(index)].aligned);
    item.rows = side_by_side(item.by_region, titles, aligner, c.template_used ? c.template_used->thresholds.pair : 1.0);
    c.items.push_back(std::move(item));
  }

  for (ComparedDocument& d : c.documents) {
    if (!d.compared()) continue;
    for (const ComparisonItem& item : c.items) {
      auto it = item.by_region.find(d.key);
      if (it == item.by_region.end()) continue;
      if (item.item) ++d.items_covered;
      else d.region_specific += static_cast<int>(it->second.size());
    }
    tally(c, d);
  }
  return c;
}

std::vector<ItemScore> align_text(const MeasureTemplate& templ, const RuleSet& rules, const std::string& text,
                                  bool all) {
  const TokenStemmer stemmer(rules);
  const TemplateAligner aligner(templ, stemmer);
  std::vector<ItemScore> out;
  if (!all) {
    for (const TemplateAligner::Hit& h : aligner.align(text, 0)) out.push_back({templ.items[h.item].id, h.score});
    return out;
  }
  for (std::size_t i = 0; i < templ.items.size(); ++i) out.push_back({templ.items[i].id, aligner.item_score(text, i)});
  std::stable_sort(out.begin(), out.end(), [](const ItemScore& a, const ItemScore& b) { return a.score > b.score; });
  return out;
}

}  // namespace karta
