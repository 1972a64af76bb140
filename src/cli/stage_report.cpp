#include "cli/stage_report.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace karta::cli {
namespace {

std::string format(const char* pattern, double a, double b = 0, double c = 0) {
  char buffer[160];
  std::snprintf(buffer, sizeof buffer, pattern, a, b, c);
  return buffer;
}

constexpr double kMB = 1e6;

}  // namespace

void print_stage_report(std::ostream& out, const StageTotals& t, double wall_seconds, unsigned workers) {
  std::int64_t sum = 0;
  for (const std::int64_t ns : t.ns) sum += ns;
  out << "karta extract --stats: " << t.inputs << " inputs, "
      << format("%.1f MB read, %.1f MB written, %.2f s wall, ", t.bytes_in / kMB, t.bytes_out / kMB, wall_seconds)
      << workers << (workers == 1 ? " worker" : " workers") << "\n";
  out << "  stage        seconds   share  (summed over the workers)\n";
  for (int s = 0; s < static_cast<int>(Stage::count); ++s) {
    const double seconds = t.ns[static_cast<std::size_t>(s)] / 1e9;
    std::string line = "  " + std::string(stage_name(static_cast<Stage>(s)));
    line.resize(14, ' ');
    line += format("%7.2f  %5.1f%%", seconds, sum ? 100.0 * t.ns[static_cast<std::size_t>(s)] / sum : 0.0);
    if (static_cast<Stage>(s) == Stage::read && seconds > 0) line += format("  %.1f MB/s of input", t.bytes_in / kMB / seconds);
    if (static_cast<Stage>(s) == Stage::write && seconds > 0) line += format("  %.1f MB/s of output", t.bytes_out / kMB / seconds);
    out << line << "\n";
  }
  std::vector<std::pair<std::string, RuleGroupTime>> groups(t.rule_groups.begin(), t.rule_groups.end());
  std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.second.ns > b.second.ns; });
  if (!groups.empty()) out << "  rule groups by time (searches, including those a rule's needs turned away):\n";
  for (std::size_t i = 0; i < groups.size() && i < 15; ++i) {
    const auto& [name, g] = groups[i];
    std::string line = "    " + name;
    line.resize(34, ' ');
    line += format("%7.3f s %10.0f searches %7.2f us each", g.ns / 1e9, static_cast<double>(g.searches),
                   g.searches ? g.ns / 1e3 / static_cast<double>(g.searches) : 0.0);
    out << line << "\n";
  }
}

}  // namespace karta::cli
