// `karta compare`'s input side: roadmap-extract/1 JSON from anywhere (an
// earlier run, a colleague, a hand edit) through the reader, back through the
// writer — which must give the same bytes on a second round — and on through
// the comparison and its four reports.
#include <cstdlib>
#include <sstream>
#include <string>

#include "fuzz_support.hpp"
#include "karta/compare.hpp"
#include "karta/comparison_report.hpp"
#include "karta/extraction_json.hpp"

namespace {

const std::vector<karta::MeasureTemplate>& templates() {
  static const std::vector<karta::MeasureTemplate> all =
      karta::load_templates(std::string(KARTA_SOURCE_DIR) + "/rules/templates");
  return all;
}

std::string written(const karta::Extraction& x) {
  std::ostringstream out;
  karta::write_extraction_json(out, x);
  return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  karta::Extraction x;
  try {
    x = karta::parse_extraction_json(std::string(karta::fuzz::bytes(data, size)));
  } catch (const karta::ExtractionJsonError&) {
    return 0;   // refused with a reason: what foreign JSON must get
  }
  const std::string once = written(x);
  if (written(karta::parse_extraction_json(once)) != once) std::abort();   // the reader and writer disagree
  const karta::Comparison c = karta::compare({x, x}, templates(), karta::fuzz::rules());
  std::ostringstream sink;
  karta::write_comparison_json(sink, c);
  karta::write_comparison_markdown(sink, c);
  karta::write_measures_csv(sink, c);
  karta::write_comparison_html(sink, c);
  return 0;
}
