// Amendment chains in the store: an act whose references hold an `amends`
// role to an act of the store (names_act, extract/act_citation.hpp) is
// linked to it, whichever of the two arrived first. A chain
// is the acts so linked; it keeps every version.
//
// In force on a date: an act dated on or before it (or undated) that no
// other such act replaces. An amending act with a roadmap (a measure read
// from it) replaces what it amends (regions restate the whole appendix «в
// новой редакции»); one without changes some words of it, which karta
// cannot apply, so the amended act stays in force beside it.
#pragma once

#include <Poco/Data/Session.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "karta/store.hpp"

namespace karta::amendment_chain {

// The link table, filled from the documents already stored (migration 4).
void create(Poco::Data::Session& db);
// Links document `id` (just inserted, same transaction) both ways: to the
// stored acts it amends and from the stored acts that amend it.
void link_document(Poco::Data::Session& db, std::int64_t id);
// Drops the links of document `id`, before its rows are rewritten.
void unlink_document(Poco::Data::Session& db, std::int64_t id);

// The documents in force on `on` (YYYY-MM-DD; none: the newest versions,
// whatever their date), of `regions` (every region when empty), in id order;
// with `replaced_too`, every version dated by `on`.
std::vector<std::int64_t> in_force(Poco::Data::Session& db, const std::vector<std::string>& regions,
                                   const std::optional<std::string>& on, bool replaced_too = false);

// Every version of the chain document `id` belongs to, oldest first (by
// date, then by id); empty when there is no document `id`.
std::vector<ActVersion> history(Poco::Data::Session& db, std::int64_t id);

}  // namespace karta::amendment_chain
