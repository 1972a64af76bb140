// Whether a citation names an act: what links an amending order to the
// order it amends, in the store (store/amendment_chain) and among the
// inputs of `karta compare`, by one rule.
//
// A citation names an act when it gives the act's date and its number (the
// same once spaces, «№» and dash forms are set aside), and the region and
// act type agree where both sides name them: a bare roadmap names no kind
// of act, and an act whose region was not recognised stops no link.
#pragma once

#include <optional>
#include <string>

#include "karta/extraction.hpp"

namespace karta {

// The requisites of an act a citation may name.
struct CitedAct {
  std::optional<std::string> region, date, number;
  std::string kind = "other";   // SCHEMA.md's document kinds
};

// The form of an act number two citations of one act share:
// «№ 01-21/245», «01–21/245» and «01 - 21 / 245» give one key.
std::string act_number_key(const std::string& number);

// `citation`, read from an act of `citing_region`, names `act`. A citation
// without a date or a number names none.
bool names_act(const Reference& citation, const std::optional<std::string>& citing_region, const CitedAct& act);

}  // namespace karta
