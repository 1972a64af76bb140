#include "extract/site_chrome.hpp"

#include "karta/normalize.hpp"

namespace karta {
namespace {

// Chrome is short: a paragraph of running text is never a banner, however
// its words happen to read.
constexpr std::size_t kLongestChrome = 240;
// A "(в ред. …" note a text export broke over lines closes within a few.
constexpr int kNoteLines = 4;

bool only_dates(const std::string& text) {
  // ГАРАНТ's line under "С изменениями и дополнениями от:": "12 мая 2024 г., 3 июня 2024 г."
  bool digit = false;
  for (unsigned char c : text) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' || c == ',' || c == ' ' || c >= 0x80) continue;
    else if (c != 'N') return false;
  }
  return digit;
}

}  // namespace

std::optional<Document> strip_site_chrome(const Document& document, const RuleSet& rules) {
  std::vector<bool> drop(document.blocks.size(), false);
  bool any = false;
  for (std::size_t b = 0; b < document.blocks.size(); ++b) {
    const auto* p = std::get_if<Paragraph>(&document.blocks[b]);
    if (!p) continue;
    const std::string text = clean_text(p->text);
    if (text.empty() || text.size() > kLongestChrome || text.find('\n') != std::string::npos) continue;
    const Rule* chrome = rules.first("requisites.chrome", text);
    if (!chrome) continue;
    drop[b] = any = true;
    if (chrome->value != "revisions") continue;
    for (std::size_t next = b + 1; next < document.blocks.size(); ++next) {
      const auto* q = std::get_if<Paragraph>(&document.blocks[next]);
      if (!q) break;
      const std::string dates = clean_text(q->text);
      if (dates.empty()) continue;
      if (only_dates(dates)) drop[next] = true;
      break;
    }
  }
  if (!any) return std::nullopt;
  Document kept;
  for (std::size_t b = 0; b < document.blocks.size(); ++b)
    if (!drop[b]) kept.blocks.push_back(document.blocks[b]);
  return kept;
}

void mark_amendment_notes(std::vector<TextLine>& lines, const RuleSet& rules) {
  bool in_list = false;         // after "Документ с изменениями, внесенными:"
  int open_paren = 0;           // lines left for a "(в ред. …" note not yet closed
  for (std::size_t i = 0; i < lines.size(); ++i) {
    TextLine& line = lines[i];
    if (open_paren > 0) {
      // Its own paragraph or the next lines of a text export; a new note
      // or the body ends it unclosed.
      const bool closes = line.text.find(')') != std::string::npos;
      if (closes || (line.text.find('(') == std::string::npos && --open_paren > 0)) {
        line.amendment_note = true;
        line.block = lines[i - 1].block;   // one note, however the export broke it
        if (closes) open_paren = 0;
        continue;
      }
      open_paren = 0;
    }
    const Rule* note = rules.first("requisites.amendment_notes", line.text);
    if (note && note->value == "listed" && !in_list) note = nullptr;
    if (!note) {
      in_list = false;
      continue;
    }
    line.amendment_note = true;
    if (note->value != "listed") in_list = !line.text.empty() && line.text.back() == ':';
    open_paren = line.text.front() == '(' && line.text.find(')') == std::string::npos ? kNoteLines : 0;
  }
}

}  // namespace karta
