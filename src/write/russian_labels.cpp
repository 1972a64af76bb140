#include "write/russian_labels.hpp"

#include <map>

namespace karta {
namespace {

std::string lookup(const std::map<std::string, std::string>& labels, const std::string& key) {
  auto it = labels.find(key);
  return it == labels.end() ? key : it->second;
}

}  // namespace

std::string entity_kind_label(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {
      {"education_authority", "Органы управления образованием"},
      {"municipal_authority", "Муниципальные органы управления образованием"},
      {"development_institute", "Институты развития образования"},
      {"cnppm", "ЦНППМ"},
      {"dpo_organizations", "Организации ДПО"},
      {"higher_education", "Вузы"},
      {"vocational_education", "Профессиональные образовательные организации"},
      {"educational_organizations", "Образовательные организации"},
      {"methodical_bodies", "Методические службы и объединения"},
      {"professional_communities", "Профессиональные сообщества"},
      {"sites", "Стажировочные и инновационные площадки"},
      {"assessment_center", "Центры оценки квалификаций"},
      {"rsnms_subjects", "Субъекты РСНМС"},
      {"other", "Другие"},
  };
  return lookup(labels, kind);
}

std::string deadline_kind_label(const std::string& kind) {
  static const std::map<std::string, std::string> labels = {
      {"date", "Дата"},         {"by", "До даты"},         {"month", "Месяц"},
      {"quarter", "Квартал"},   {"year", "Год"},           {"period", "Период"},
      {"recurring", "Регулярно"}, {"continuous", "В течение срока"}, {"per_plan", "По плану"},
      {"on_demand", "По мере необходимости"}, {"unknown", "Не распознан"},
  };
  return lookup(labels, kind);
}

std::string level_label(const std::string& level) {
  if (level == "regional") return "региональный уровень";
  if (level == "organisation") return "уровень образовательной организации";
  return level;
}

}  // namespace karta
