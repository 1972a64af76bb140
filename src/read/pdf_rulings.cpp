#include "read/pdf_rulings.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace karta {
namespace {

// Rendered without antialiasing, a border is dark (LibreOffice draws them
// grey, 128) and paper white; light cell shading stays above this.
constexpr unsigned char kDark = 200;
// The shortest border: the side of a narrow cell.
constexpr double kMinLength = 6.0;
// A line is thin; a dark area thicker than this is a picture or shading.
constexpr double kMaxThickness = 3.5;
// Lines this close are one boundary (a double border, rounding).
constexpr double kSnap = 2.0;
// A page with more lines than this is a drawing or a hatched picture, not
// tables: looking for grids in it would cost lines squared.
constexpr std::size_t kMaxRulings = 2000;

struct Run {
  int at, from, to;   // pixel row (column), first and last pixel along it
};

struct Stroke {       // runs of adjacent pixel rows (columns) that overlap
  int first, last;    // pixel rows (columns) it covers
  int from, to;
};

// Runs of adjacent pixel lines join into one stroke when they overlap over
// most of the shorter.
std::vector<Stroke> strokes(const std::vector<Run>& runs) {
  std::vector<Stroke> out;
  std::vector<std::size_t> open;   // strokes that reached the previous pixel line
  std::vector<std::size_t> next;
  int line = -1;
  for (const Run& r : runs) {
    if (r.at != line) {
      if (r.at != line + 1) open.clear();
      else open.swap(next);
      next.clear();
      line = r.at;
    }
    bool joined = false;
    for (std::size_t s : open) {
      Stroke& st = out[s];
      const int overlap = std::min(st.to, r.to) - std::max(st.from, r.from);
      if (overlap * 2 >= std::min(st.to - st.from, r.to - r.from)) {
        st.last = r.at;
        st.from = std::min(st.from, r.from);
        st.to = std::max(st.to, r.to);
        next.push_back(s);
        joined = true;
        break;
      }
    }
    if (!joined) {
      out.push_back({r.at, r.at, r.from, r.to});
      next.push_back(out.size() - 1);
    }
  }
  return out;
}

bool inside_a_word(const PdfRuling& l, const std::vector<PdfWord>& words) {
  for (const PdfWord& w : words) {
    if (l.horizontal) {
      if (l.from >= w.x0 - 1 && l.to <= w.x1 + 1 && l.at >= w.top - 1 && l.at <= w.bottom + 1) return true;
    } else {
      if (l.from >= w.top - 1 && l.to <= w.bottom + 1 && l.at >= w.x0 - 1 && l.at <= w.x1 + 1) return true;
    }
  }
  return false;
}

// Distinct positions, each the mean of the positions within kSnap of it.
std::vector<double> boundaries(std::vector<double> at) {
  std::sort(at.begin(), at.end());
  std::vector<double> out;
  double sum = 0;
  int n = 0;
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (n > 0 && at[i] - at[i - 1] > kSnap) {
      out.push_back(sum / n);
      sum = 0;
      n = 0;
    }
    sum += at[i];
    ++n;
  }
  if (n > 0) out.push_back(sum / n);
  return out;
}

// Some line at `at` covers most of [from, to].
bool drawn(const std::vector<const PdfRuling*>& lines, double at, double from, double to) {
  const double need = 0.6 * (to - from);
  double covered = 0;
  for (const PdfRuling* l : lines)
    if (std::abs(l->at - at) <= kSnap) covered += std::max(0.0, std::min(l->to, to) - std::max(l->from, from));
  return covered >= need;
}

std::size_t root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

std::vector<PdfRuling> find_rulings(const PageBitmap& page, const std::vector<PdfWord>& words) {
  const double ppp = page.points_per_pixel;
  const int min_run = std::max(2, static_cast<int>(std::ceil(kMinLength / ppp)));
  std::vector<Run> across, down;   // horizontal runs by row; vertical runs by column
  std::vector<int> column_start(static_cast<std::size_t>(page.width), -1);
  for (int y = 0; y <= page.height; ++y) {
    const unsigned char* row = y < page.height ? page.pixels + static_cast<std::ptrdiff_t>(y) * page.stride : nullptr;
    int start = -1;
    for (int x = 0; x <= page.width; ++x) {
      const bool dark = row && x < page.width && row[x] < kDark;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        if (x - start >= min_run) across.push_back({y, start, x - 1});
        start = -1;
      }
      if (x == page.width) break;
      int& cs = column_start[static_cast<std::size_t>(x)];
      if (dark && cs < 0) cs = y;
      if (!dark && cs >= 0) {
        if (y - cs >= min_run) down.push_back({x, cs, y - 1});
        cs = -1;
      }
    }
  }
  std::sort(down.begin(), down.end(), [](const Run& a, const Run& b) { return a.at != b.at ? a.at < b.at : a.from < b.from; });
  std::vector<PdfRuling> out;
  auto add = [&](const std::vector<Stroke>& found, bool horizontal) {
    for (const Stroke& s : found) {
      if ((s.last - s.first + 1) * ppp > kMaxThickness) continue;
      PdfRuling l;
      l.horizontal = horizontal;
      l.at = (s.first + s.last + 1) / 2.0 * ppp;
      l.from = s.from * ppp;
      l.to = (s.to + 1) * ppp;
      if (!inside_a_word(l, words)) out.push_back(l);
    }
  };
  add(strokes(across), true);
  add(strokes(down), false);
  return out;
}

std::vector<RuledGrid> ruled_grids(const std::vector<PdfRuling>& rulings) {
  if (rulings.size() > kMaxRulings) return {};
  const std::size_t n = rulings.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!rulings[i].horizontal) continue;
    for (std::size_t j = 0; j < n; ++j) {
      if (rulings[j].horizontal) continue;
      const PdfRuling& h = rulings[i];
      const PdfRuling& v = rulings[j];
      if (v.at >= h.from - kSnap && v.at <= h.to + kSnap && h.at >= v.from - kSnap && h.at <= v.to + kSnap)
        parent[root(parent, i)] = root(parent, j);
    }
  }
  std::vector<std::vector<const PdfRuling*>> sets(n);
  for (std::size_t i = 0; i < n; ++i) sets[root(parent, i)].push_back(&rulings[i]);
  std::vector<RuledGrid> out;
  for (const auto& set : sets) {
    std::vector<const PdfRuling*> hs, vs;
    for (const PdfRuling* l : set) (l->horizontal ? hs : vs).push_back(l);
    if (hs.size() < 2 || vs.size() < 2) continue;
    std::vector<double> xat, yat;
    double left = 1e18, right = -1e18, top = 1e18, bottom = -1e18;
    for (const PdfRuling* h : hs) {
      yat.push_back(h->at);
      left = std::min(left, h->from);
      right = std::max(right, h->to);
    }
    for (const PdfRuling* v : vs) {
      xat.push_back(v->at);
      top = std::min(top, v->from);
      bottom = std::max(bottom, v->to);
    }
    // The outer border may be left undrawn: the lines' extents bound it.
    xat.push_back(left);
    xat.push_back(right);
    yat.push_back(top);
    yat.push_back(bottom);
    RuledGrid g;
    g.xs = boundaries(xat);
    g.ys = boundaries(yat);
    if (g.xs.size() < 3 || g.ys.size() < 3) continue;
    g.vertical.assign(g.rows(), std::vector<bool>(g.xs.size(), true));
    g.horizontal.assign(g.ys.size(), std::vector<bool>(g.columns(), true));
    for (std::size_t r = 0; r < g.rows(); ++r)
      for (std::size_t i = 1; i + 1 < g.xs.size(); ++i) g.vertical[r][i] = drawn(vs, g.xs[i], g.ys[r], g.ys[r + 1]);
    for (std::size_t j = 1; j + 1 < g.ys.size(); ++j)
      for (std::size_t c = 0; c < g.columns(); ++c) g.horizontal[j][c] = drawn(hs, g.ys[j], g.xs[c], g.xs[c + 1]);
    out.push_back(std::move(g));
  }
  std::sort(out.begin(), out.end(), [](const RuledGrid& a, const RuledGrid& b) { return a.top() < b.top(); });
  return out;
}

}  // namespace karta
