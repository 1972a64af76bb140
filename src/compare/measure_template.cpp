// rules/templates/*.yaml → MeasureTemplate (format: rules/templates/rsnms.yaml).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "karta/compare.hpp"

namespace karta {
namespace {

std::string where(const std::string& file, const YAML::Node& node) {
  return file + ":" + std::to_string(node.Mark().line + 1);
}

std::string text(const YAML::Node& node, const char* key, const std::string& file, bool required = true) {
  const YAML::Node v = node[key];
  if (!v || !v.IsScalar() || v.Scalar().empty()) {
    if (!required) return {};
    throw RuleError(where(file, node) + ": missing " + key);
  }
  return v.Scalar();
}

std::vector<RuleExample> examples(const YAML::Node& node, const std::string& file) {
  std::vector<RuleExample> out;
  if (!node) return out;
  if (!node.IsSequence()) throw RuleError(where(file, node) + ": examples must be a list of texts");
  for (const YAML::Node& e : node) {
    if (!e.IsScalar()) throw RuleError(where(file, e) + ": an example is a text");
    out.push_back({e.Scalar(), "", e.Mark().line + 1});
  }
  return out;
}

double fraction(const YAML::Node& node, const char* key, double fallback, const std::string& file) {
  if (!node || !node[key]) return fallback;
  double v = node[key].as<double>();
  if (v < 0 || v > 1) throw RuleError(where(file, node[key]) + ": " + key + " must be between 0 and 1");
  return v;
}

MeasureTemplate load_one(const std::string& file) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(file);
  } catch (const YAML::Exception& e) {
    throw RuleError(file + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  if (!root.IsMap()) throw RuleError(file + ":1: a template is a mapping");
  MeasureTemplate t;
  t.file = file;
  t.id = text(root, "id", file);
  t.title = text(root, "title", file);
  t.source = text(root, "source", file, false);
  const YAML::Node a = root["alignment"];
  t.thresholds.item = fraction(a, "item", t.thresholds.item, file);
  t.thresholds.pair = fraction(a, "pair", t.thresholds.pair, file);
  t.thresholds.other_direction = fraction(a, "other_direction", t.thresholds.other_direction, file);
  if (a && a["recall_weight"]) t.thresholds.recall_weight = a["recall_weight"].as<double>();
  const YAML::Node directions = root["directions"];
  if (!directions || !directions.IsSequence() || directions.size() == 0)
    throw RuleError(where(file, root) + ": a template needs a list of directions");
  std::set<std::string> ids;
  for (const YAML::Node& d : directions) {
    TemplateDirection dir{d["number"] ? d["number"].as<int>() : 0, text(d, "title", file)};
    if (dir.number <= 0) throw RuleError(where(file, d) + ": a direction needs a positive number");
    t.directions.push_back(dir);
    const YAML::Node items = d["items"];
    if (!items || !items.IsSequence()) throw RuleError(where(file, d) + ": a direction needs a list of items");
    for (const YAML::Node& i : items) {
      TemplateItem item;
      item.id = text(i, "id", file);
      if (!ids.insert(item.id).second) throw RuleError(where(file, i) + ": item id " + item.id + " repeated");
      item.direction = dir.number;
      item.level = text(i, "level", file);
      if (item.level != "regional" && item.level != "organisation")
        throw RuleError(where(file, i) + ": level is regional or organisation, not " + item.level);
      item.title = text(i, "title", file);
      item.match = examples(i["match"], file);
      t.items.push_back(std::move(item));
    }
  }
  t.no_match = examples(root["no_match"], file);
  return t;
}

}  // namespace

std::vector<MeasureTemplate> load_templates(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  if (ec) throw RuleError(dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<MeasureTemplate> out;
  for (const std::string& f : files) out.push_back(load_one(f));
  return out;
}

}  // namespace karta
