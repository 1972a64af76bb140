#include "read/pdf_layout.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "model/utf8.hpp"
#include "model/work_limits.hpp"
#include "read/pdf_rulings.hpp"
#include "read/word_mender.hpp"

namespace karta {
namespace {

struct Line {
  std::vector<const PdfWord*> words;   // left to right
  double top = 0, bottom = 0, x0 = 0, x1 = 0, size = 0;
  double center() const { return (top + bottom) / 2; }
  double height() const { return bottom - top; }
};

double median(std::vector<double> v, double fallback) {
  if (v.empty()) return fallback;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

std::vector<Line> page_lines(const PdfPage& page) {
  std::vector<const PdfWord*> words;
  for (const PdfWord& w : page.words)
    if (!w.text.empty() && w.bottom > w.top) words.push_back(&w);
  std::stable_sort(words.begin(), words.end(), [](const PdfWord* a, const PdfWord* b) {
    return (a->top + a->bottom) < (b->top + b->bottom);
  });
  std::vector<Line> lines;
  double line_center = 0, line_height = 0;
  for (const PdfWord* w : words) {
    const double c = (w->top + w->bottom) / 2, h = w->bottom - w->top;
    if (!lines.empty() && std::abs(c - line_center) <= 0.35 * std::max(h, line_height)) {
      lines.back().words.push_back(w);
      continue;
    }
    lines.emplace_back();
    lines.back().words.push_back(w);
    line_center = c;
    line_height = h;
  }
  for (Line& l : lines) {
    std::sort(l.words.begin(), l.words.end(), [](const PdfWord* a, const PdfWord* b) { return a->x0 < b->x0; });
    l.top = l.bottom = 0;
    l.x0 = l.words.front()->x0;
    l.x1 = l.words.front()->x1;
    std::vector<double> sizes;
    bool first = true;
    for (const PdfWord* w : l.words) {
      l.top = first ? w->top : std::min(l.top, w->top);
      l.bottom = first ? w->bottom : std::max(l.bottom, w->bottom);
      l.x0 = std::min(l.x0, w->x0);
      l.x1 = std::max(l.x1, w->x1);
      sizes.push_back(w->size > 0 ? w->size : w->bottom - w->top);
      first = false;
    }
    l.size = median(sizes, l.height());
  }
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.top < b.top; });
  return lines;
}

std::string line_text(const std::vector<const PdfWord*>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i]->text;
  }
  return out;
}

// A page number or "- 2 -" in the top or bottom margin.
bool page_furniture(const Line& l, const PdfPage& page) {
  const std::string t = line_text(l.words);
  bool digit = false;
  for (unsigned char c : t) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != ' ' && c != '-' && c != 0xE2 && c != 0x80 && c != 0x93 && c != 0x94) return false;
  }
  return digit && t.size() <= 12 && (l.bottom < page.height * 0.09 || l.top > page.height * 0.91);
}

int segment_count(const Line& l, double gap) {
  int n = 1;
  for (std::size_t i = 1; i < l.words.size(); ++i)
    if (l.words[i]->x0 - l.words[i - 1]->x1 > gap) ++n;
  return n;
}

// Lines of one cell, joined: a word broken at its hyphen stays one word.
void append_line(std::string& cell, const std::string& line) {
  if (line.empty()) return;
  if (cell.empty()) {
    cell = line;
    return;
  }
  const bool hyphen = cell.size() >= 2 && cell.back() == '-' && static_cast<unsigned char>(cell[cell.size() - 2]) >= 0x80;
  const unsigned char next = static_cast<unsigned char>(line[0]);
  const bool lower = starts_lowercase(line);
  // A date a narrow column broke inside its year: "До 01.02.202" + "4".
  std::size_t tail = cell.size();
  while (tail > 0 && (std::isdigit(static_cast<unsigned char>(cell[tail - 1])) || cell[tail - 1] == '.')) --tail;
  const std::string last = cell.substr(tail);
  const bool broken_date = std::isdigit(next) && std::count(last.begin(), last.end(), '.') == 2 &&
                           last.size() - last.rfind('.') - 1 < 4 && last.back() != '.';
  // No space goes before a closing bracket or a punctuation mark a wrap
  // left alone on its line.
  const bool closing = next == ')' || next == ',' || next == '.' || next == ';' || next == ':' ||
                       line.rfind("\xC2\xBB", 0) == 0;   // »
  if ((hyphen && lower) || broken_date || closing) cell += line;
  else cell += " " + line;
}

struct Columns {
  std::vector<double> separators;   // x of each gutter's middle, left to right
  std::size_t count() const { return separators.size() + 1; }
  int of(double x) const {
    return static_cast<int>(std::upper_bound(separators.begin(), separators.end(), x) - separators.begin());
  }
  bool crossed_by(const Line& l) const {
    for (const PdfWord* w : l.words)
      for (double s : separators)
        if (w->x0 < s && s < w->x1) return true;
    for (std::size_t i = 1; i < l.words.size(); ++i) {
      // Two words of one run of text that the gutter separates.
      const double gap = l.words[i]->x0 - l.words[i - 1]->x1;
      if (gap < 0.4 * l.size && of(l.words[i]->x0) != of(l.words[i - 1]->x1)) return true;
    }
    return false;
  }
};

// Points of white no word crosses. Over a few lines an inter-word space
// (3-4 pt) can survive the projection, so it takes two cells' paddings;
// over many, any white that survives is a gutter (a centred header word
// can come within 3 pt of its cell's border).
constexpr double kMinGutterFewLines = 4.5;
constexpr double kMinGutterManyLines = 2.0;
constexpr std::size_t kManyLines = 8;

Columns gutters(const std::vector<const Line*>& lines, double region_width) {
  std::vector<std::pair<double, double>> spans;
  for (const Line* l : lines) {
    // A wide line of one run is a section row or a title across the table.
    if (segment_count(*l, 1.2 * l->size) == 1 && l->x1 - l->x0 > 0.5 * region_width) continue;
    for (const PdfWord* w : l->words) spans.emplace_back(w->x0, w->x1);
  }
  std::sort(spans.begin(), spans.end());
  Columns c;
  const double min_gutter = lines.size() >= kManyLines ? kMinGutterManyLines : kMinGutterFewLines;
  double right = -1e9;
  for (const auto& [a, b] : spans) {
    // Just left of the next column's text: cells are mostly left-aligned,
    // and a column's widest line may not be among the lines seen here.
    if (right > -1e9 && a - right >= min_gutter) {
      // A narrow white is a gutter only where the next column's cells
      // start: several lines with a word right at its edge.
      bool edge = a - right >= kMinGutterFewLines;
      if (!edge) {
        int starting = 0;
        for (const auto& [x0, x1] : spans)
          if (x0 >= a - 0.1 && x0 <= a + 1.5) ++starting;
        edge = starting >= 3;
      }
      if (edge) c.separators.push_back(a - std::min(2.0, (a - right) / 2));
    }
    right = std::max(right, b);
  }
  return c;
}

// ---- tables drawn with borders

// The grid index of a word's centre along one axis, clamped to the grid.
std::size_t slot(const std::vector<double>& bounds, double at) {
  const auto it = std::upper_bound(bounds.begin(), bounds.end(), at);
  const auto i = static_cast<std::size_t>(std::max<std::ptrdiff_t>(1, it - bounds.begin()));
  return std::min(i, bounds.size() - 1) - 1;
}

bool inside(const RuledGrid& g, double x, double y) {
  return x >= g.left() - 1 && x <= g.right() + 1 && y >= g.top() - 1 && y <= g.bottom() + 1;
}

// The grid a line lies in (its middle inside the borders), or grids.size().
std::size_t grid_of(const std::vector<RuledGrid>& grids, const Line& l) {
  for (std::size_t g = 0; g < grids.size(); ++g)
    if (inside(grids[g], (l.x0 + l.x1) / 2, l.center())) return g;
  return grids.size();
}

// Cells of the grid, merges followed: cell[r][c] is the index of the cell
// covering grid cell (r, c) in `cells`, each with its top-left corner.
struct GridCells {
  std::vector<std::vector<std::size_t>> at;
  struct Span { std::size_t row, col, rows, cols; };
  std::vector<Span> spans;
};

GridCells merge_cells(const RuledGrid& g) {
  GridCells out;
  const std::size_t none = static_cast<std::size_t>(-1);
  out.at.assign(g.rows(), std::vector<std::size_t>(g.columns(), none));
  for (std::size_t r = 0; r < g.rows(); ++r)
    for (std::size_t c = 0; c < g.columns(); ++c) {
      if (out.at[r][c] != none) continue;
      std::size_t c2 = c;
      while (c2 + 1 < g.columns() && !g.vertical[r][c2 + 1] && out.at[r][c2 + 1] == none) ++c2;
      std::size_t r2 = r;
      auto open_below = [&](std::size_t row) {
        for (std::size_t k = c; k <= c2; ++k)
          if (g.horizontal[row + 1][k] || out.at[row + 1][k] != none) return false;
        return true;
      };
      while (r2 + 1 < g.rows() && open_below(r2)) ++r2;
      for (std::size_t y = r; y <= r2; ++y)
        for (std::size_t x = c; x <= c2; ++x) out.at[y][x] = out.spans.size();
      out.spans.push_back({r, c, r2 - r + 1, c2 - c + 1});
    }
  return out;
}

std::size_t cells_with_text(const RuledGrid& g, const std::vector<Line>& lines) {
  const GridCells cells = merge_cells(g);
  std::vector<bool> text(cells.spans.size(), false);
  for (const Line& l : lines)
    for (const PdfWord* w : l.words) {
      const double x = (w->x0 + w->x1) / 2, y = (w->top + w->bottom) / 2;
      if (inside(g, x, y)) text[cells.at[slot(g.ys, y)][slot(g.xs, x)]] = true;
    }
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), true));
}

// A cell's line of one word that reaches its right border (its padding
// aside): the line the renderer filled with a word too long for it.
bool fills_line(const PdfWord& w, double border) {
  const double em = w.size > 0 ? w.size : w.bottom - w.top;
  return border - w.x1 < em;
}

// The first column of a row holds text (its number, in a numbered table).
bool numbered(const Row& r) { return !r.cells.empty() && r.cells.front().grid_col == 0 && !r.cells.front().text.empty(); }

// `row` has no number where four in five of `t`'s rows have one: the rest of
// a row a page break split.
bool lacks_its_number(const Table& t, const Row& row) {
  const auto with_number = std::count_if(t.rows.begin(), t.rows.end(), numbered);
  return !numbered(row) && with_number * 5 >= static_cast<long>(t.rows.size()) * 4;
}

std::string row_text(const Row& r) {
  std::string t;
  for (const Cell& c : r.cells) t += c.text + "\x1f";
  return t;
}

// "2", "2.4", "2.4." — a roadmap item's number alone in its cell.
bool item_number(const std::string& t) {
  if (t.empty() || t.size() > 12 || !std::isdigit(static_cast<unsigned char>(t[0]))) return false;
  int digits = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (std::isdigit(static_cast<unsigned char>(t[i]))) {
      if (++digits > 3) return false;
    } else if (t[i] == '.' && digits > 0) {
      digits = 0;
    } else {
      return false;
    }
  }
  return true;
}

struct Block {   // consecutive lines' words in one column
  double top = 0, bottom = 0;
  std::string text;
};

struct TableState {
  std::size_t block_index = 0;    // in Document::blocks
  Columns columns;
  std::vector<double> ruled_xs;   // a table drawn with borders: its column boundaries
  std::vector<std::string> ruled_head;   // and the text of its first rows
  // Its last row's cells whose last line is one word filling the line:
  // (grid column, the word), a word the page break may have cut.
  std::vector<std::pair<int, std::string>> broken_heads;
  std::string header_text;        // the words of its first row, in order
  bool open = false;              // it ended at the bottom of its page
};

class Layout {
 public:
  Layout(Document& out, const WordMender& mender) : out_(out), mender_(mender) {}

  void page(const PdfPage& p) {
    std::vector<Line> all = page_lines(p);
    std::vector<Line> lines;
    for (Line& l : all)
      if (!page_furniture(l, p)) lines.push_back(std::move(l));
    if (lines.empty()) return;
    std::vector<double> sizes;
    for (const Line& l : lines) sizes.push_back(l.size);
    size_ = median(sizes, 12);
    left_ = 1e9;
    right_ = 0;
    for (const Line& l : lines) left_ = std::min(left_, l.x0), right_ = std::max(right_, l.x1);

    // Tables drawn with borders take the lines inside them; the rest are
    // laid out from the words alone.
    std::vector<RuledGrid> grids;
    for (RuledGrid& g : ruled_grids(p.rulings))
      if (cells_with_text(g, lines) >= 2) grids.push_back(std::move(g));
    std::vector<std::vector<Line>> grid_lines(grids.size());
    if (!grids.empty()) {
      std::vector<Line> free;
      for (Line& l : lines) {
        const std::size_t g = grid_of(grids, l);
        if (g < grids.size()) grid_lines[g].push_back(std::move(l));
        else free.push_back(std::move(l));
      }
      lines.swap(free);
    }
    std::size_t next_grid = 0;
    bool page_top = true;   // nothing but furniture read on this page yet
    auto grids_above = [&](double y) {
      for (; next_grid < grids.size() && grids[next_grid].top() < y; ++next_grid) {
        end_paragraph();
        const bool at_bottom = next_grid + 1 == grids.size() && (lines.empty() || lines.back().top < grids[next_grid].top());
        ruled_table(grids[next_grid], grid_lines[next_grid], page_top, at_bottom);
        page_top = false;
      }
    };

    std::vector<int> region_of(lines.size(), -1);
    std::vector<std::pair<std::size_t, std::size_t>> regions;
    std::vector<Columns> region_columns;
    find_regions(lines, region_of, regions, region_columns);

    for (std::size_t i = 0; i < lines.size();) {
      grids_above(lines[i].top);
      if (region_of[i] >= 0) {
        const auto r = static_cast<std::size_t>(region_of[i]);
        end_paragraph();
        std::vector<const Line*> rl;
        for (std::size_t k = regions[r].first; k <= regions[r].second; ++k) rl.push_back(&lines[k]);
        const bool at_bottom = regions[r].second + 1 >= lines.size();
        table(rl, region_columns[r], page_top, at_bottom);
        i = regions[r].second + 1;
        page_top = false;
        continue;
      }
      table_.open = false;   // text after a table: the next page's table is another
      paragraph_line(lines[i], page_top);
      page_top = false;
      ++i;
    }
    grids_above(1e18);
  }

  void finish() { end_paragraph(); }

 private:
  // Table regions: cores of candidate lines close together, their columns
  // from the core alone (an isolated signature line "Министр   А.Б. Вег"
  // is no table), grown over close lines that stay inside the columns, and
  // two regions with the same columns joined across the section rows
  // between them.
  void find_regions(const std::vector<Line>& lines, std::vector<int>& region_of,
                    std::vector<std::pair<std::size_t, std::size_t>>& regions, std::vector<Columns>& columns) {
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < lines.size(); ++i)
      if (segment_count(lines[i], 1.2 * lines[i].size) >= 2) candidates.push_back(i);
    struct Found {
      std::size_t first, last;
      Columns columns;
      double x0, x1;
    };
    std::vector<Found> found;
    auto range_of = [&](std::size_t first, std::size_t last, double& x0, double& x1) {
      std::vector<const Line*> rl;
      x0 = 1e9;
      x1 = 0;
      for (std::size_t k = first; k <= last; ++k) {
        rl.push_back(&lines[k]);
        x0 = std::min(x0, lines[k].x0);
        x1 = std::max(x1, lines[k].x1);
      }
      return rl;
    };
    for (std::size_t a = 0; a < candidates.size();) {
      std::size_t b = a;
      while (b + 1 < candidates.size() && candidates[b + 1] - candidates[b] <= 4 &&
             lines[candidates[b + 1]].top - lines[candidates[b]].bottom <= 4 * size_)
        ++b;
      if (b > a) {
        std::size_t first = candidates[a], last = candidates[b];
        double x0 = 0, x1 = 0;
        Columns c = gutters(range_of(first, last, x0, x1), x1 - x0);
        if (c.count() >= 2) {
          auto fits = [&](const Line& l) { return !c.crossed_by(l) && l.x0 >= x0 - 2 && l.x1 <= x1 + 2; };
          auto inside = [&](const Line& l) { return l.x0 >= x0 - 2 && l.x1 <= x1 + 2; };
          const std::size_t floor = found.empty() ? 0 : found.back().last + 1;
          while (first > floor && lines[first].top - lines[first - 1].bottom <= 2.5 * size_ && fits(lines[first - 1]))
            --first;
          // Down over close lines inside the columns, and over a section
          // row (a line across them) that more table lines follow or that
          // ends the page.
          auto close = [&](std::size_t k) { return lines[k].top - lines[k - 1].bottom <= 2.5 * size_; };
          while (last + 1 < lines.size() && close(last + 1)) {
            const std::size_t k = last + 1;
            if (fits(lines[k])) {
              last = k;
            } else if (!inside(lines[k])) {
              break;
            } else if (k + 1 < lines.size() && close(k + 1) && fits(lines[k + 1])) {
              last = k + 1;
            } else if (k + 2 >= lines.size()) {
              last = lines.size() - 1;
            } else {
              break;
            }
          }
          Found f{first, last, c, x0, x1};
          if (!found.empty() && first <= found.back().last + 16) {
            // Section rows, a cell's paragraphs or the rest of a header
            // whose wrapped cells hid some gutters, between two parts of
            // one table: one region, its columns from all its lines.
            bool bridge = true;
            for (std::size_t k = found.back().last + 1; k < first; ++k)
              if (lines[k].top - lines[k - 1].bottom > 3.0 * size_ || !inside(lines[k])) bridge = false;
            if (bridge) {
              Found& prev = found.back();
              prev.last = std::max(prev.last, last);
              double ux0 = 0, ux1 = 0;
              Columns merged = gutters(range_of(prev.first, prev.last, ux0, ux1), ux1 - ux0);
              if (merged.count() >= 2) {
                prev.columns = merged;
                prev.x0 = ux0;
                prev.x1 = ux1;
                a = b + 1;
                continue;
              }
            }
          }
          found.push_back(f);
        }
      }
      a = b + 1;
    }
    for (const Found& f : found) {
      for (std::size_t k = f.first; k <= f.last; ++k) region_of[k] = static_cast<int>(regions.size());
      regions.emplace_back(f.first, f.last);
      columns.push_back(f.columns);
    }
  }

  // ---- tables drawn with borders
  // Each word to the cell its centre is in, a cell's lines joined; a table
  // at the top of a page with the columns of the one that ended the page
  // before continues it, less the header rows the page repeats, a row the
  // break split joined to its start and a merged cell the break cut
  // extended.
  void ruled_table(const RuledGrid& g, const std::vector<Line>& lines, bool page_top, bool at_bottom) {
    const GridCells cells = merge_cells(g);
    std::vector<Cell> made(cells.spans.size());
    // A cell's last line when it was one word reaching the right border:
    // a word too long for the column, broken by the renderer with no hyphen.
    std::vector<const PdfWord*> filled(made.size(), nullptr);
    for (const Line& l : lines) {
      std::vector<std::vector<const PdfWord*>> words(made.size());
      std::vector<std::size_t> touched;
      for (const PdfWord* w : l.words) {
        const std::size_t k = cells.at[slot(g.ys, (w->top + w->bottom) / 2)][slot(g.xs, (w->x0 + w->x1) / 2)];
        if (words[k].empty()) touched.push_back(k);
        words[k].push_back(w);
      }
      for (std::size_t k : touched) {
        const std::string text = line_text(words[k]);
        const GridCells::Span& sp = cells.spans[k];
        const bool fills = words[k].size() == 1 && fills_line(*words[k].front(), g.xs[sp.col + sp.cols]);
        if (filled[k] && starts_lowercase(text) && mender_.mends(made[k].text, text, fills))
          made[k].text += text;
        else
          append_line(made[k].text, text);
        filled[k] = fills ? words[k].front() : nullptr;
      }
    }
    std::vector<std::pair<int, std::string>> broken_heads;   // cells ending the grid
    for (std::size_t k = 0; k < made.size(); ++k)
      if (filled[k] && cells.spans[k].row + cells.spans[k].rows == g.rows())
        broken_heads.emplace_back(static_cast<int>(cells.spans[k].col), filled[k]->text);
    // Grid rows no cell starts in (a short stub of a line made them) are
    // no rows: spans are counted in the rows kept.
    std::vector<int> kept(g.rows() + 1, 0);
    std::vector<bool> starts(g.rows(), false);
    for (const GridCells::Span& sp : cells.spans) starts[sp.row] = true;
    for (std::size_t r = 0; r < g.rows(); ++r) kept[r + 1] = kept[r] + (starts[r] ? 1 : 0);
    std::vector<Row> rows(static_cast<std::size_t>(kept[g.rows()]));
    for (std::size_t k = 0; k < made.size(); ++k) {
      const GridCells::Span& sp = cells.spans[k];
      Cell& c = made[k];
      c.grid_col = static_cast<int>(sp.col);
      c.col_span = static_cast<int>(sp.cols);
      c.row_span = std::max(1, kept[sp.row + sp.rows] - kept[sp.row]);
      rows[static_cast<std::size_t>(kept[sp.row])].cells.push_back(std::move(c));
    }
    for (Row& r : rows) {
      std::sort(r.cells.begin(), r.cells.end(), [](const Cell& a, const Cell& b) { return a.grid_col < b.grid_col; });
      for (std::size_t i = 0; i < r.cells.size(); ++i) r.cells[i].pos.index = static_cast<int>(i);
    }
    // A row of empty cells only (a double border's gap) is dropped.
    rows.erase(std::remove_if(rows.begin(), rows.end(), [](const Row& r) {
                 return std::all_of(r.cells.begin(), r.cells.end(), [](const Cell& c) { return c.text.empty() && c.row_span == 1; });
               }), rows.end());
    if (rows.empty()) return;

    Table* continued = nullptr;
    if (page_top && table_.open && table_.ruled_xs.size() == g.xs.size()) {
      bool same = true;
      for (std::size_t i = 0; i < g.xs.size(); ++i)
        if (std::abs(g.xs[i] - table_.ruled_xs[i]) > 3) same = false;
      if (same) continued = &std::get<Table>(out_.blocks[table_.block_index]);
    }
    if (continued) {
      std::size_t repeated = 0;
      while (repeated < rows.size() && repeated < table_.ruled_head.size() &&
             row_text(rows[repeated]) == table_.ruled_head[repeated])
        ++repeated;
      rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(repeated));
      continue_ruled(*continued, rows);
      table_.open = at_bottom;
      table_.broken_heads = std::move(broken_heads);
      return;
    }
    Table t;
    t.columns = static_cast<int>(g.columns());
    table_ = {};
    table_.ruled_xs = g.xs;
    for (std::size_t r = 0; r < rows.size() && r < 3; ++r) table_.ruled_head.push_back(row_text(rows[r]));
    for (Row& r : rows) {
      r.pos.index = static_cast<int>(t.rows.size());
      t.rows.push_back(std::move(r));
    }
    check_table_size(t.rows.size(), t.rows.empty() ? 0 : t.rows.back().cells.size());
    table_.block_index = out_.blocks.size();
    table_.open = at_bottom;
    table_.broken_heads = std::move(broken_heads);
    t.pos.index = static_cast<int>(out_.blocks.size());
    out_.blocks.emplace_back(std::move(t));
  }

  // The cell of `t` covering grid column `col` in its last row.
  static Cell* covering_last(Table& t, int col) {
    const int last = static_cast<int>(t.rows.size()) - 1;
    for (int r = last; r >= 0; --r)
      for (Cell& c : t.rows[static_cast<std::size_t>(r)].cells)
        if (c.grid_col <= col && col < c.grid_col + c.col_span) return r + c.row_span > last ? &c : nullptr;
    return nullptr;
  }

  void continue_ruled(Table& t, std::vector<Row>& rows) {
    if (rows.empty() || t.rows.empty()) {
      for (Row& r : rows) t.rows.push_back(std::move(r));
      return;
    }
    // A row the break split: its rest starts the page in lower case, or
    // with the number column empty where the table's rows are numbered.
    // (A row's own cells start with a capital, a number or a body's
    // abbreviation; at most a deadline ("ежегодно") starts in lower case.)
    const Row& first = rows.front();
    int filled = 0, lower = 0;
    for (const Cell& c : first.cells)
      if (!c.text.empty()) ++filled, lower += starts_lowercase(c.text) ? 1 : 0;
    const bool fragment = filled > 0 && (lower * 2 >= filled || lacks_its_number(t, first));
    std::size_t from = 0;
    if (fragment) {
      for (const Cell& c : first.cells) {
        Cell* into = covering_last(t, c.grid_col);
        if (!into) continue;
        const auto head = std::find_if(table_.broken_heads.begin(), table_.broken_heads.end(),
                                       [&](const auto& h) { return h.first == c.grid_col; });
        if (head != table_.broken_heads.end() && starts_lowercase(c.text) && mender_.mends(into->text, c.text, false))
          into->text += c.text;
        else
          append_line(into->text, c.text);
        // The rest of a merged cell that goes on below the split row.
        if (into->grid_col == c.grid_col && into->col_span == c.col_span) into->row_span += c.row_span - 1;
      }
      from = 1;
    }
    // A merged cell the break cut: its empty rest on this page is the same cell.
    if (from < rows.size()) {
      std::vector<Cell>& cells = rows[from].cells;
      for (auto it = cells.begin(); it != cells.end();) {
        Cell* above = it->text.empty() ? covering_last(t, it->grid_col) : nullptr;
        if (above && (above->row_span > 1 || it->row_span > 1) && above->grid_col == it->grid_col &&
            above->col_span == it->col_span) {
          above->row_span += it->row_span;
          it = cells.erase(it);
        } else {
          ++it;
        }
      }
      for (std::size_t i = 0; i < cells.size(); ++i) cells[i].pos.index = static_cast<int>(i);
    }
    for (std::size_t r = from; r < rows.size(); ++r) {
      rows[r].pos.index = static_cast<int>(t.rows.size());
      t.rows.push_back(std::move(rows[r]));
      check_table_size(t.rows.size(), t.rows.back().cells.size());
    }
  }

  // ---- paragraphs
  void paragraph_line(const Line& l, bool page_top) {
    const bool several = segment_count(l, 1.2 * l.size) >= 2;
    std::string text;
    for (std::size_t i = 0; i < l.words.size(); ++i) {
      if (i > 0) text += l.words[i]->x0 - l.words[i - 1]->x1 > 1.2 * l.size ? "\t" : " ";
      text += l.words[i]->text;
    }
    bool starts = !open_ || several || prev_several_;
    if (open_ && !starts) {
      const double gap = l.top - prev_.bottom;
      const bool short_prev = prev_.x1 < right_ - 0.12 * (right_ - left_);
      const bool indented = l.x0 - prev_.x0 > 1.5 * size_;
      const bool outdented = prev_.x0 - l.x0 > 1.5 * size_;
      if (page_top) starts = short_prev || indented;
      else starts = gap > 0.35 * std::max(l.height(), prev_.height()) || short_prev || indented || outdented;
    }
    if (starts) {
      end_paragraph();
      paragraph_ = text;
      open_ = true;
    } else {
      append_line(paragraph_, text);
    }
    prev_ = l;
    prev_several_ = several;
  }

  void end_paragraph() {
    if (!open_) return;
    open_ = false;
    prev_several_ = false;
    Paragraph p;
    p.text = std::move(paragraph_);
    paragraph_.clear();
    p.pos.index = static_cast<int>(out_.blocks.size());
    count_paragraph();
    out_.blocks.emplace_back(std::move(p));
  }

  // ---- tables
  static std::string words_in(const Line& l, const Columns& c, int column) {
    std::vector<const PdfWord*> ws;
    for (const PdfWord* w : l.words)
      if (column < 0 || c.of((w->x0 + w->x1) / 2) == column) ws.push_back(w);
    return line_text(ws);
  }

  static std::string all_words(const std::vector<const Line*>& lines) {
    std::string t;
    for (const Line* l : lines) t += line_text(l->words) + " ";
    return t;
  }

  void table(std::vector<const Line*> lines, const Columns& found, bool page_top, bool at_bottom) {
    Table* continued = nullptr;
    Columns columns = found;
    if (page_top && table_.open && table_.ruled_xs.empty() && table_.columns.count() >= 2) {
      bool same = table_.columns.count() == columns.count();
      for (std::size_t i = 0; same && i < columns.separators.size(); ++i)
        if (std::abs(columns.separators[i] - table_.columns.separators[i]) > 12) same = false;
      // A few lines at the top of a page may leave some gutters unseen
      // (an empty column): the columns of the page before, if no word
      // crosses them, are the better guess.
      const bool fit = std::none_of(lines.begin(), lines.end(), [&](const Line* l) { return table_.columns.crossed_by(*l); });
      if (same || (fit && columns.count() < table_.columns.count())) {
        continued = &std::get<Table>(out_.blocks[table_.block_index]);
        columns = table_.columns;
      }
    }
    if (continued && !lines.empty()) {
      // The header the page repeats: the first lines whose words, in
      // order, are the header's words.
      std::string words;
      for (std::size_t k = 0; k < lines.size() && words.size() < table_.header_text.size(); ++k) {
        words += line_text(lines[k]->words) + " ";
        if (words == table_.header_text) {
          lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(k + 1));
          break;
        }
      }
    }
    std::vector<Row> rows;
    bool leading_fragment = false;
    continuing_ = continued != nullptr;
    build_rows(lines, columns, rows, leading_fragment);
    if (continued) {
      // A row the page break split: its rest starts the page with the first
      // column empty, where the table's rows have their numbers.
      if (!leading_fragment && !rows.empty() && !continued->rows.empty()) {
        leading_fragment = lacks_its_number(*continued, rows.front());
      }
      if (leading_fragment && !rows.empty() && !continued->rows.empty()) {
        // A row the page break split: its rest joins it.
        Row& last = continued->rows.back();
        for (Cell& c : rows.front().cells) {
          auto it = std::find_if(last.cells.begin(), last.cells.end(), [&](const Cell& d) { return d.grid_col == c.grid_col; });
          if (it != last.cells.end() && starts_lowercase(c.text) && mender_.mends(it->text, c.text, false))
            it->text += c.text;   // a word the break cut as well
          else if (it != last.cells.end())
            append_line(it->text, c.text);
          else last.cells.push_back(std::move(c));
        }
        std::sort(last.cells.begin(), last.cells.end(), [](const Cell& a, const Cell& b) { return a.grid_col < b.grid_col; });
        rows.erase(rows.begin());
      }
      for (Row& r : rows) {
        r.pos.index = static_cast<int>(continued->rows.size());
        continued->rows.push_back(std::move(r));
        check_table_size(continued->rows.size(), continued->rows.back().cells.size());
      }
      table_.open = at_bottom;
      return;
    }
    if (rows.empty()) return;
    Table t;
    t.columns = static_cast<int>(columns.count());
    for (Row& r : rows) {
      r.pos.index = static_cast<int>(t.rows.size());
      t.rows.push_back(std::move(r));
    }
    check_table_size(t.rows.size(), 0);
    table_ = {};
    table_.block_index = out_.blocks.size();
    table_.columns = columns;
    table_.open = at_bottom;
    // The first row's lines are the header a following page may repeat.
    if (!lines.empty()) {
      std::vector<const Line*> head;
      for (const Line* l : lines)
        if (l->top < first_row_bottom_) head.push_back(l);
      table_.header_text = all_words(head);
    }
    t.pos.index = static_cast<int>(out_.blocks.size());
    out_.blocks.emplace_back(std::move(t));
  }

  void build_rows(const std::vector<const Line*>& lines, const Columns& columns, std::vector<Row>& rows,
                  bool& leading_fragment) {
    first_row_bottom_ = lines.empty() ? 0 : lines.front()->bottom;
    std::vector<const Line*> run;
    bool first_run = true;
    auto flush_run = [&] {
      if (!run.empty()) rows_of_run(run, columns, rows, first_run ? &leading_fragment : nullptr);
      first_run = false;
      run.clear();
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Line* l = lines[i];
      if (!columns.crossed_by(*l)) {
        run.push_back(l);
        continue;
      }
      flush_run();
      // A section row: this line and the crossing lines right under it.
      std::string text = line_text(l->words);
      int first = columns.of(l->x0 + 0.1), last = columns.of(l->x1 - 0.1);
      while (i + 1 < lines.size() && columns.crossed_by(*lines[i + 1]) && lines[i + 1]->top - l->bottom < 0.35 * l->height()) {
        l = lines[++i];
        append_line(text, line_text(l->words));
        first = std::min(first, columns.of(l->x0 + 0.1));
        last = std::max(last, columns.of(l->x1 - 0.1));
      }
      Row row;
      Cell c;
      c.text = text;
      c.grid_col = first;
      c.col_span = last - first + 1;
      row.cells.push_back(std::move(c));
      if (rows.empty()) first_row_bottom_ = l->bottom;
      rows.push_back(std::move(row));
    }
    flush_run();
  }

  // Each line's words to the row the line is in. A column whose text runs
  // on, with no gap, into the next row in lower case after a line that
  // does not end a sentence or a name in brackets, is a cell spanning those
  // rows (a system measure beside its measures).
  void rows_by_line(const std::vector<const Line*>& lines, const Columns& columns, const std::vector<double>& starts,
                    std::size_t spine, std::vector<Row>& made) {
    const std::size_t n = columns.count();
    std::vector<std::pair<std::size_t, double>> last(n, {starts.size(), 0.0});   // column → (row of its open cell, its bottom)
    // Column → its open cell's last line when that was one word filling
    // the column: a word the renderer broke with no hyphen.
    std::vector<const PdfWord*> filled(n, nullptr);
    std::vector<double> widest(n, 0);   // column → the right end of its longest line
    for (const Line* l : lines)
      for (const PdfWord* w : l->words) {
        const auto c = static_cast<std::size_t>(columns.of((w->x0 + w->x1) / 2));
        widest[c] = std::max(widest[c], w->x1);
      }
    for (const Line* l : lines) {
      std::size_t r = 0;
      while (r + 1 < starts.size() && l->center() >= starts[r + 1] - 0.2 * size_) ++r;
      for (std::size_t c = 0; c < n; ++c) {
        std::vector<const PdfWord*> ws;
        for (const PdfWord* w : l->words)
          if (columns.of((w->x0 + w->x1) / 2) == static_cast<int>(c)) ws.push_back(w);
        if (ws.empty()) continue;
        const std::string text = line_text(ws);
        std::size_t row = r;
        const auto [open_row, open_bottom] = last[c];
        if (c != spine && open_row < r && l->top - open_bottom <= 0.2 * size_) {
          const bool lower = starts_lowercase(text);
          const std::string& open_text = std::find_if(made[open_row].cells.begin(), made[open_row].cells.end(),
                                                      [&](const Cell& d) { return d.grid_col == static_cast<int>(c); })->text;
          const char end = open_text.empty() ? '.' : open_text.back();
          if (lower && end != '.' && end != ';' && end != ')' && end != ':') row = open_row;
        }
        std::vector<Cell>& cells = made[row].cells;
        auto it = std::find_if(cells.begin(), cells.end(), [&](const Cell& d) { return d.grid_col == static_cast<int>(c); });
        if (it == cells.end()) {
          Cell cell;
          cell.grid_col = static_cast<int>(c);
          cells.push_back(std::move(cell));
          it = cells.end() - 1;
        }
        const bool fills = ws.size() == 1 && widest[c] - ws.front()->x1 < 1.5 * l->size;
        if (filled[c] && last[c].first == row && starts_lowercase(text) && mender_.mends(it->text, text, fills))
          it->text += text;
        else
          append_line(it->text, text);
        it->row_span = std::max(it->row_span, static_cast<int>(r - row + 1));
        last[c] = {row, l->bottom};
        filled[c] = fills ? ws.front() : nullptr;
      }
    }
  }

  // Rows of lines no section row interrupts: they start at the spine
  // column's blocks.
  void rows_of_run(const std::vector<const Line*>& lines, const Columns& columns, std::vector<Row>& rows,
                   bool* leading_fragment) {
    const std::size_t n = columns.count();
    const double row_gap = 0.2 * size_;
    std::vector<std::vector<Block>> blocks(n);
    for (const Line* l : lines) {
      for (std::size_t c = 0; c < n; ++c) {
        const std::string text = words_in(*l, columns, static_cast<int>(c));
        if (text.empty()) continue;
        std::vector<Block>& col = blocks[c];
        if (!col.empty() && l->top - col.back().bottom <= row_gap) {
          append_line(col.back().text, text);
          col.back().bottom = std::max(col.back().bottom, l->bottom);
        } else {
          col.push_back({l->top, l->bottom, text});
        }
      }
    }
    std::size_t spine = 0;
    for (std::size_t c = 1; c < n; ++c)
      if (blocks[c].size() > blocks[spine].size()) spine = c;
    if (blocks[spine].empty()) return;
    // Rows start where no more than a quarter of the columns has a block
    // running across (the rest are cells spanning rows): the top of the
    // row's tallest cell, not a vertically centred number's.
    std::vector<double> tops;
    for (std::size_t c = 0; c < n; ++c) {
      for (const Block& b : blocks[c]) tops.push_back(b.top);
    }
    std::sort(tops.begin(), tops.end());
    // Columns left of the busiest one with far fewer blocks hold cells
    // spanning rows (a system measure beside its measures): their blocks
    // do not hide a row's start.
    std::size_t busiest = 0;
    for (std::size_t c = 1; c < n; ++c)
      if (blocks[c].size() > blocks[busiest].size()) busiest = c;
    std::vector<double> starts;
    for (double y : tops) {
      if (!starts.empty() && y - starts.back() < 0.5 * size_) continue;
      bool covered = false;
      for (std::size_t c = 0; c < n && !covered; ++c) {
        if (c < busiest && blocks[c].size() * 10 < blocks[busiest].size() * 7) continue;
        for (const Block& b : blocks[c])
          if (b.top < y - 0.2 * size_ && b.bottom > y + 0.2 * size_) covered = true;
      }
      if (!covered) starts.push_back(y);
    }
    // No padding between rows: blocks run on and hide the rows; the spine's
    // blocks are then the best guide.
    if (starts.size() * 2 < blocks[spine].size()) {
      starts.clear();
      for (const Block& b : blocks[spine]) starts.push_back(b.top);
    }
    // Item numbers ("2.4") in the first column start rows, even where the
    // other columns' text runs on over the boundary (no padding) and hides it.
    std::optional<double> first_number;
    for (const Line* l : lines) {
      if (!item_number(words_in(*l, columns, 0))) continue;
      if (!first_number) first_number = l->top;
      const bool known = std::any_of(starts.begin(), starts.end(), [&](double y) { return std::abs(y - l->top) < 0.5 * size_; });
      if (!known) starts.insert(std::upper_bound(starts.begin(), starts.end(), l->top), l->top);
    }
    // At the top of a page that goes on with a numbered table, what comes
    // before the first number is the rest of the row the break split.
    if (continuing_ && leading_fragment && first_number && *first_number > lines.front()->top + 0.5 * size_)
      starts.erase(std::remove_if(starts.begin(), starts.end(), [&](double y) { return y < *first_number - 0.2 * size_; }),
                   starts.end());
    const double run_top = lines.front()->top, run_bottom = lines.back()->bottom;
    const bool fragment = run_top < starts.front() - 0.5 * size_;
    if (fragment) starts.insert(starts.begin(), run_top);
    if (leading_fragment) *leading_fragment = fragment;
    const std::size_t first_row = rows.size();
    std::vector<Row> made(starts.size());
    // Each line to the row it is in (a cell's lines need no padding
    // between rows to be told apart); text running on in lower case is a
    // cell spanning rows.
    rows_by_line(lines, columns, starts, spine, made);
    // A row under a cell spanning into it must not hold one of its own there.
    for (std::size_t r = 0; r < made.size(); ++r)
      for (const Cell& c : made[r].cells)
        for (int k = 1; k < c.row_span && r + static_cast<std::size_t>(k) < made.size(); ++k) {
          auto& below = made[r + static_cast<std::size_t>(k)].cells;
          below.erase(std::remove_if(below.begin(), below.end(), [&](const Cell& d) { return d.grid_col == c.grid_col; }),
                      below.end());
        }
    for (Row& r : made) {
      std::sort(r.cells.begin(), r.cells.end(), [](const Cell& a, const Cell& b) { return a.grid_col < b.grid_col; });
      for (std::size_t i = 0; i < r.cells.size(); ++i) r.cells[i].pos.index = static_cast<int>(i);
      rows.push_back(std::move(r));
    }
    if (first_row == 0) first_row_bottom_ = starts.size() > 1 ? starts[1] - 0.1 : run_bottom;
  }

  Document& out_;
  const WordMender& mender_;
  double size_ = 12, left_ = 0, right_ = 0;
  bool open_ = false, prev_several_ = false;
  std::string paragraph_;
  Line prev_;
  TableState table_;
  double first_row_bottom_ = 0;
  bool continuing_ = false;   // the stream table being laid out goes on from the page before
};

}  // namespace

void lay_out_pdf(const std::vector<PdfPage>& pages, Document& out) {
  const WordMender mender(pages);
  Layout layout(out, mender);
  for (const PdfPage& p : pages) {
    layout.page(p);
    check_time_budget("laying out a PDF");
  }
  layout.finish();
}

}  // namespace karta
