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
//  - anything without dates: none.
std::vector<std::string> due_quarters(const Deadline& deadline);

}  // namespace karta
