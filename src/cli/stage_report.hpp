// The table `karta extract --stats` prints on stderr when the run ends.
#pragma once

#include <ostream>

#include "model/stage_clock.hpp"

namespace karta::cli {

// Stage times are summed over the workers (so with -j 2 they add up to about
// twice the wall time); rule groups are listed by time, the costliest first.
void print_stage_report(std::ostream& out, const StageTotals& totals, double wall_seconds, unsigned workers);

}  // namespace karta::cli
