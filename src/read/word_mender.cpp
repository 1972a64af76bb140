#include "read/word_mender.hpp"

#include <hunspell/hunspell.hxx>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <sys/stat.h>

namespace karta {
namespace {

bool punctuation(unsigned char c) { return c < 0x80 && !std::isalnum(c); }

// The word without the punctuation around it (ASCII, «, »).
std::string bare(const std::string& word) {
  std::size_t a = 0, b = word.size();
  while (a < b && punctuation(static_cast<unsigned char>(word[a]))) ++a;
  while (b > a && punctuation(static_cast<unsigned char>(word[b - 1]))) --b;
  if (b >= a + 2 && word.compare(a, 2, "\xC2\xAB") == 0) a += 2;
  if (b >= a + 2 && word.compare(b - 2, 2, "\xC2\xBB") == 0) b -= 2;
  return a < b ? word.substr(a, b - a) : std::string();
}

// Keyed without its first letter, so that "Профессиональные" and
// "профессиональных" share a prefix.
std::string key(const std::string& word) {
  const std::string w = bare(word);
  if (w.empty()) return {};
  std::size_t first = 1;
  while (first < w.size() && (static_cast<unsigned char>(w[first]) & 0xC0) == 0x80) ++first;
  return w.substr(first);
}

std::string last_token(const std::string& text) {
  const std::size_t space = text.find_last_of(" \n");
  return space == std::string::npos ? text : text.substr(space + 1);
}

std::string first_token(const std::string& text) { return text.substr(0, text.find(' ')); }

// A one-letter piece that is a case ending: а, у, я, е, ы.
bool ending_letter(const std::string& t) {
  return t == "\xD0\xB0" || t == "\xD1\x83" || t == "\xD1\x8F" || t == "\xD0\xB5" || t == "\xD1\x8B";
}

bool exists(const char* path) {
  struct stat st {};
  return ::stat(path, &st) == 0;
}

// Debian's hunspell-ru, or none. Hunspell is not documented as safe for
// concurrent calls: one lock, and calls are rare (one per broken-looking line).
class Dictionary {
 public:
  static Dictionary& get() {
    static Dictionary d;
    return d;
  }
  bool available() {
    std::call_once(once_, [this] { load(); });
    return speller_ != nullptr;
  }
  bool word(const std::string& w) {
    if (w.empty() || !available()) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    return speller_->spell(w);
  }

 private:
  void load() {
    const char* dir = std::getenv("KARTA_HUNSPELL_DIR");
    const std::string base = std::string(dir && *dir ? dir : "/usr/share/hunspell") + "/ru_RU";
    if (exists((base + ".aff").c_str()) && exists((base + ".dic").c_str()))
      speller_ = std::make_unique<Hunspell>((base + ".aff").c_str(), (base + ".dic").c_str());
  }
  std::once_flag once_;
  std::mutex mutex_;
  std::unique_ptr<Hunspell> speller_;
};

}  // namespace

WordMender::WordMender(const std::vector<PdfPage>& pages) {
  for (const PdfPage& p : pages) {
    std::vector<const PdfWord*> ws;
    for (const PdfWord& w : p.words) {
      std::string k = key(w.text);
      if (!k.empty()) keys_.push_back(std::move(k));
      ws.push_back(&w);
    }
    // A word another follows a space after, in the same cell, is whole.
    std::sort(ws.begin(), ws.end(), [](const PdfWord* a, const PdfWord* b) {
      return a->top != b->top ? a->top < b->top : a->x0 < b->x0;
    });
    for (std::size_t i = 0; i + 1 < ws.size(); ++i) {
      const PdfWord& a = *ws[i];
      const PdfWord& b = *ws[i + 1];
      const double em = a.size > 0 ? a.size : a.bottom - a.top;
      if (std::abs(a.top - b.top) >= 0.3 * em || b.x0 < a.x1 || b.x0 - a.x1 >= 0.6 * em) continue;
      const double y = (a.top + a.bottom) / 2;
      bool border = false;
      for (const PdfRuling& l : p.rulings)
        if (!l.horizontal && l.at >= a.x1 - 0.5 && l.at <= b.x0 + 0.5 && l.from <= y && l.to >= y) border = true;
      if (border) continue;
      std::string k = key(a.text);
      if (!k.empty()) whole_.push_back(std::move(k));
    }
  }
  std::sort(keys_.begin(), keys_.end());
  std::sort(whole_.begin(), whole_.end());
}

bool WordMender::has_dictionary() { return Dictionary::get().available(); }

std::size_t WordMender::count(const std::string& k) const {
  const auto [lo, hi] = std::equal_range(keys_.begin(), keys_.end(), k);
  return static_cast<std::size_t>(hi - lo);
}

bool WordMender::document_says(const std::string& head, const std::string& tail) const {
  const std::string h = key(head);
  if (h.empty() || std::binary_search(whole_.begin(), whole_.end(), h)) return false;
  std::size_t end = tail.empty() ? 0 : 1;   // the tail's first letter
  while (end < tail.size() && (static_cast<unsigned char>(tail[end]) & 0xC0) == 0x80) ++end;
  const std::string start = key(head + tail.substr(0, end));
  auto it = std::lower_bound(keys_.begin(), keys_.end(), start);
  return it != keys_.end() && it->compare(0, start.size(), start) == 0;
}

bool WordMender::mends(const std::string& cell, const std::string& line, bool line_filled) const {
  const std::string head = last_token(cell), tail = first_token(line);
  if (head.empty() || tail.empty()) return false;
  // "исполнитель/со" + "исполнители": the piece after a slash is the word.
  const std::size_t slash = head.find_last_of('/');
  const std::string piece = slash == std::string::npos ? head : head.substr(slash + 1);
  Dictionary& dictionary = Dictionary::get();
  const std::string h = bare(piece), t = bare(tail), joined = bare(piece + tail);
  if (dictionary.available() && !h.empty() && !t.empty()) {
    const bool head_word = dictionary.word(h), tail_word = dictionary.word(t);
    // "Организа" + "ция", "Норматив" + "ное": one piece at least is no word.
    if ((!head_word || !tail_word) && dictionary.word(joined)) return true;
    // "комплекс" + "а мер": a case ending left alone, not the conjunction
    // (which a comma would precede) or a preposition.
    if (ending_letter(t) && dictionary.word(joined)) return true;
    if (!head_word && !tail_word && line_filled) return true;
  }
  return document_says(head, tail);
}

}  // namespace karta
