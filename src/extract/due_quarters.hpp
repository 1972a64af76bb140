// When a measure is due, by quarter ("2023-Q2"), for the comparison's timeline.
#pragma once

#include <string>
#include <vector>

#include "karta/extraction.hpp"

namespace karta {

// The quarters in which `deadline` falls due, in order, each once:
//  - a single date, month, quarter, year or period: the quarter of its end;
//  - continuous work (в течение года): the quarter its span ends in;
//  - recurring (and per-plan with a frequency): every due date between its
//    bounds — the listed months each year, else the end of each year
//    (yearly), June and December (half-yearly), every quarter (quarterly and
//    more often);
//  - anything without dates: none;
//  - a span of more than kMaxDueYears years ("1000–9999 гг.", a typo or a
//    hostile input): none, and the extraction says so (deadline.implausible_span),
//    so that a timeline's work stays linear in the measures.
constexpr int kMaxDueYears = 30;
std::vector<std::string> due_quarters(const Deadline& deadline);

// Whether the deadline spans more years than a timeline takes.
bool spans_too_long(const Deadline& deadline);

}  // namespace karta
