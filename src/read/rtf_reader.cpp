// RTF, as Word, LibreOffice, ГАРАНТ and КонсультантПлюс write it: a stream of
// groups and control words (read/rtf_tokenizer) turned into paragraphs and
// tables. Text bytes are in the code page of the current font's \fcharset or
// the document's \ansicpg (1251 is the norm), decoded through ICU; \uN gives
// a UTF-16 unit and its \ucN fallback bytes are skipped. Destinations that
// are not body text (font and colour tables, styles, \info, pictures, field
// instructions, headers and footers, every \*\… a reader may ignore) are
// skipped; a field's \fldrslt is its text. Tables: each row's \trowd …
// \cellxN definitions give the cells' right edges, the table's grid is every
// edge any row uses, \clmgf/\clmrg merge across and \clvmgf/\clvmrg down;
// nested tables are \itapN paragraphs ended by \nestcell/\nestrow with their
// rows defined in {\*\nesttableprops …}. \listtext/\pntext carry the
// rendered list number.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "model/work_limits.hpp"
#include "read/readers.hpp"
#include "read/rtf_tokenizer.hpp"

namespace karta {
namespace {

constexpr std::size_t kMaxGroupDepth = 1000;
constexpr int kEdgeTolerance = 20;   // twips: edges this close are one grid line

// Windows code page of a font's \fcharsetN.
int charset_codepage(int charset) {
  switch (charset) {
    case 0: return 0;    // ANSI_CHARSET: the document's \ansicpg
    case 77: return 10000;
    case 128: return 932;
    case 129: return 949;
    case 134: return 936;
    case 136: return 950;
    case 161: return 1253;
    case 162: return 1254;
    case 163: return 1258;
    case 177: return 1255;
    case 178: return 1256;
    case 186: return 1257;
    case 204: return 1251;
    case 222: return 874;
    case 238: return 1250;
    case 255: return 437;
    default: return 0;   // symbol fonts and the like: the document's code page
  }
}

class CodePages {
 public:
  ~CodePages() {
    for (auto& kv : converters_)
      if (kv.second) ucnv_close(kv.second);
  }
  // Appends `bytes` in code page `cp` to `out` as UTF-8.
  void decode(int cp, const std::string& bytes, std::string& out) {
    UConverter* conv = converter(cp);
    if (!conv) {
      for (unsigned char c : bytes) out += c < 0x80 ? static_cast<char>(c) : '?';
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, status);
    ucnv_reset(conv);
    u.toUTF8String(out);
  }

 private:
  UConverter* converter(int cp) {
    auto it = converters_.find(cp);
    if (it != converters_.end()) return it->second;
    std::string name;
    if ((cp >= 1250 && cp <= 1258) || cp == 874) name = "windows-" + std::to_string(cp);
    else if (cp == 437 || cp == 850 || cp == 866) name = "ibm-" + std::to_string(cp);
    else if (cp == 20866) name = "KOI8-R";
    else if (cp == 65001) name = "UTF-8";
    else if (cp == 10000) name = "macintosh";
    else if (cp == 932) name = "Shift_JIS";
    else if (cp == 936) name = "GBK";
    else if (cp == 949) name = "windows-949";
    else if (cp == 950) name = "Big5";
    else name = "windows-1252";
    UErrorCode status = U_ZERO_ERROR;
    UConverter* conv = ucnv_open(name.c_str(), &status);
    if (U_FAILURE(status)) conv = nullptr;
    converters_[cp] = conv;
    return conv;
  }
  std::map<int, UConverter*> converters_;
};

enum class Destination { body, skipped, font_table, font_entry, nested_row_props, list_text };

struct Group {
  Destination dest = Destination::body;
  int uc = 1;          // fallback characters after \uN
  int font_cp = 0;     // code page of the current font, 0: the document's
  int font = -1;       // font table: the entry being read
};

struct CellDef {
  int right = 0;
  bool merge_first = false, merge_cont = false;     // \clmgf / \clmrg
  bool vmerge_first = false, vmerge_cont = false;   // \clvmgf / \clvmrg
};

struct RowDef {
  int left = 0;
  bool header = false;
  std::vector<CellDef> cells;
  CellDef pending;
};

struct RawCell {
  std::string text;
  std::vector<Table> tables;
  int line = 0;
};

struct RawRow {
  RowDef def;
  std::vector<RawCell> cells;
  int line_first = 0, line_last = 0;
};

// One table being read at one nesting level.
struct TableBuilder {
  std::vector<RawRow> rows;
  std::vector<RawCell> cells;       // the row being read
  std::vector<std::string> cell_paragraphs;
  std::vector<Table> cell_tables;
  int line_first = 0, row_line = 0, cell_line = 0;

  bool empty() const { return rows.empty() && cells.empty() && cell_paragraphs.empty(); }
};

// Skipped destinations: what a body-text reader must not show.
bool skipped_destination(std::string_view w) {
  static const char* const kNames[] = {
      "colortbl", "stylesheet", "info", "pict", "object", "objdata", "header", "headerl", "headerr", "headerf",
      "footer", "footerl", "footerr", "footerf", "footnote", "annotation", "atnid", "atnauthor", "xe", "tc", "txe",
      "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator", "filetbl", "themedata",
      "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "nonshppict", "shpinst", "sp", "sn", "sv",
      "fldinst", "datafield", "formfield", "private", "userprops", "docvar", "nonesttables", "bkmkstart",
      "bkmkend", "pgdsctbl", "mmathPr", "wgrffmtfilter", "passwordhash", "pn"};
  for (const char* n : kNames)
    if (w == n) return true;
  return false;
}

class RtfBody {
 public:
  RtfBody(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
          Diagnostics& diagnostics)
      : tokens_(bytes, file), file_(file), options_(options), out_(out), diagnostics_(diagnostics) {}

  void read() {
    RtfToken first = tokens_.next();
    if (first.kind != RtfToken::Kind::group_open)
      throw ReadError(ErrorKind::unsupported_format, file_, "not RTF: it does not open with {\\rtf");
    groups_.push_back(Group{});
    bool star = false;          // \* : the next control word names an ignorable destination
    bool first_in_group = true;
    for (;;) {
      const RtfToken t = tokens_.next();
      check_time_budget("reading RTF");
      line_ = t.line;
      switch (t.kind) {
        case RtfToken::Kind::end:
          if (!groups_.empty())
            diagnostics_.push_back({Level::warning, "rtf.unbalanced",
                                    std::to_string(groups_.size()) + " group(s) left open at the end of the file", ""});
          finish();
          return;
        case RtfToken::Kind::group_open:
          flush_bytes();
          if (groups_.size() >= kMaxGroupDepth)
            throw ReadError(ErrorKind::too_large, file_,
                            "RTF line " + std::to_string(t.line) + ": groups nested deeper than " +
                                std::to_string(kMaxGroupDepth));
          groups_.push_back(groups_.back());
          if (group().dest == Destination::font_table) group().dest = Destination::font_entry;
          skip_fallback_ = 0;
          star = false;
          first_in_group = true;
          continue;
        case RtfToken::Kind::group_close:
          flush_bytes();
          close_group();
          skip_fallback_ = 0;
          if (groups_.empty()) {   // the document's own group has ended; what follows is not RTF
            finish();
            return;
          }
          star = false;
          first_in_group = false;
          continue;
        case RtfToken::Kind::binary:
          first_in_group = false;
          continue;   // picture and object data
        case RtfToken::Kind::symbol:
          if (t.symbol == '*') {
            star = true;
            continue;
          }
          symbol(t.symbol);
          break;
        case RtfToken::Kind::hex:
          if (consume_fallback()) break;
          if (in_text()) {
            const int cp = group().font_cp ? group().font_cp : document_cp_;
            if (cp != pending_cp_) flush_bytes();
            pending_cp_ = cp;
            pending_ += static_cast<char>(t.byte);
          }
          break;
        case RtfToken::Kind::text:
          text(t.text);
          break;
        case RtfToken::Kind::word:
          if (star || first_in_group) {
            if (destination(t.text, star)) {
              star = false;
              first_in_group = false;
              continue;
            }
          }
          star = false;
          word(t);
          break;
      }
      first_in_group = false;
    }
  }

 private:
  Group& group() { return groups_.back(); }
  bool in_text() const {
    const Destination d = groups_.back().dest;
    return d == Destination::body || d == Destination::list_text;
  }

  // A control word at the start of a group that makes it a destination.
  bool destination(std::string_view w, bool star) {
    Group& g = group();
    if (g.dest == Destination::skipped) return true;
    if (w == "fonttbl") {
      g.dest = Destination::font_table;
      return true;
    }
    if (w == "nesttableprops") {
      g.dest = Destination::nested_row_props;
      return true;
    }
    if (w == "listtext" || w == "pntext") {
      g.dest = Destination::list_text;
      return true;
    }
    if (w == "fldrslt" || w == "shptxt") return false;   // a field's shown text is text
    if (skipped_destination(w) || star) {
      g.dest = Destination::skipped;
      return true;
    }
    return false;
  }

  // A font entry's \fcharset is already in font_cp_: closing a group only
  // restores the state it opened with.
  void close_group() { groups_.pop_back(); }

  bool consume_fallback() {
    if (skip_fallback_ <= 0) return false;
    --skip_fallback_;
    return true;
  }

  void text(std::string_view run) {
    if (!in_text()) return;   // font names, skipped destinations
    std::size_t i = 0;
    while (skip_fallback_ > 0 && i < run.size()) {
      --skip_fallback_;
      ++i;
    }
    if (i >= run.size()) return;
    const int cp = group().font_cp ? group().font_cp : document_cp_;
    bool ascii = true;
    for (std::size_t k = i; k < run.size() && ascii; ++k) ascii = static_cast<unsigned char>(run[k]) < 0x80;
    if (ascii && pending_.empty()) {
      add(run.substr(i));
      return;
    }
    if (cp != pending_cp_) flush_bytes();
    pending_cp_ = cp;
    pending_.append(run.substr(i));
  }

  void flush_bytes() {
    if (pending_.empty()) return;
    std::string utf8;
    pages_.decode(pending_cp_, pending_, utf8);
    pending_.clear();
    add(utf8);
  }

  void add(std::string_view utf8) {
    std::string& target = paragraph_;
    if (target.size() + utf8.size() > options_.max_text_node_bytes)
      throw ReadError(ErrorKind::too_large, file_,
                      "RTF line " + std::to_string(line_) + ": one paragraph holds over " +
                          std::to_string(options_.max_text_node_bytes) + " bytes");
    if (group().dest == Destination::list_text) {
      // "1.\tab" before the paragraph's text: the number and one space.
      for (char c : utf8) target += c == '\t' ? ' ' : c;
      return;
    }
    target.append(utf8);
  }

  void add_code_point(UChar32 c) {
    flush_bytes();
    std::string utf8;
    icu::UnicodeString(c).toUTF8String(utf8);
    add(utf8);
  }

  void unicode(int param) {
    int unit = param < 0 ? param + 65536 : param;
    skip_fallback_ = group().uc;
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
      return;
    }
    if (unit >= 0xDC00 && unit <= 0xDFFF) {
      if (high_surrogate_) add_code_point(U16_GET_SUPPLEMENTARY(high_surrogate_, unit));
      high_surrogate_ = 0;
      return;
    }
    high_surrogate_ = 0;
    if (unit > 0 && in_text()) add_code_point(unit);
  }

  void symbol(char c) {
    if (consume_fallback()) return;
    if (!in_text()) return;
    switch (c) {
      case '\\': case '{': case '}': {
        const char s[2] = {c, 0};
        flush_bytes();
        add(s);
        break;
      }
      case '~': add_code_point(0x00A0); break;
      case '_': add_code_point(0x2011); break;
      case '-': break;                        // an optional hyphen is not text
      case '\n': end_paragraph(); break;      // "\<line end>" is \par
      case '\t': flush_bytes(); add("\t"); break;
      default: break;
    }
  }

  void word(const RtfToken& t) {
    const std::string_view w = t.text;
    Group& g = group();
    if (g.dest == Destination::skipped) return;
    if (g.dest == Destination::font_entry || g.dest == Destination::font_table) {
      if (w == "f") g.font = t.param;
      else if (w == "fcharset" && g.font >= 0) font_cp_[g.font] = charset_codepage(t.param);
      else if (w == "cpg" && g.font >= 0 && t.param > 0) font_cp_[g.font] = t.param;
      return;
    }
    if (w == "u") {
      if (in_text()) unicode(t.param);
      return;
    }
    if (consume_fallback()) return;   // a control word may be the fallback too
    if (w == "uc") {
      g.uc = std::clamp(t.param, 0, 10);
    } else if (w == "ansicpg") {
      if (t.param > 0) document_cp_ = t.param;
    } else if (w == "f") {
      flush_bytes();
      auto it = font_cp_.find(t.param);
      g.font_cp = it != font_cp_.end() ? it->second : 0;
    } else if (w == "par" || w == "sect") {
      end_paragraph();
    } else if (w == "line") {
      flush_bytes();
      add("\n");
    } else if (w == "tab") {
      flush_bytes();
      add("\t");
    } else if (w == "pard") {
      in_table_ = false;
      level_ = 1;
    } else if (w == "intbl") {
      in_table_ = true;
    } else if (w == "itap") {
      level_ = std::max(1, t.param);
      if (t.param == 0) in_table_ = false;
      else in_table_ = true;
    } else if (w == "cell") {
      end_cell(1);
    } else if (w == "nestcell") {
      end_cell(level_);
    } else if (w == "row") {
      end_row(1);
    } else if (w == "nestrow") {
      end_row(std::max(2, level_));
    } else if (w == "trowd") {
      rowdef(g).cells.clear();
      rowdef(g).pending = {};
      rowdef(g).header = false;
      rowdef(g).left = 0;
    } else if (w == "trleft") {
      rowdef(g).left = t.param;
    } else if (w == "trhdr") {
      rowdef(g).header = true;
    } else if (w == "clmgf") {
      rowdef(g).pending.merge_first = true;
    } else if (w == "clmrg") {
      rowdef(g).pending.merge_cont = true;
    } else if (w == "clvmgf") {
      rowdef(g).pending.vmerge_first = true;
    } else if (w == "clvmrg") {
      rowdef(g).pending.vmerge_cont = true;
    } else if (w == "cellx") {
      RowDef& def = rowdef(g);
      def.pending.right = t.param;
      if (def.cells.size() < options_.max_row_cells) def.cells.push_back(def.pending);
      def.pending = {};
    } else {
      const char* special = special_character(w);
      if (special && in_text()) {
        flush_bytes();
        add(special);
      }
    }
  }

  static const char* special_character(std::string_view w) {
    if (w == "emdash") return "\xE2\x80\x94";
    if (w == "endash") return "\xE2\x80\x93";
    if (w == "lquote") return "\xE2\x80\x98";
    if (w == "rquote") return "\xE2\x80\x99";
    if (w == "ldblquote") return "\xE2\x80\x9C";
    if (w == "rdblquote") return "\xE2\x80\x9D";
    if (w == "bullet") return "\xE2\x80\xA2";
    if (w == "emspace" || w == "enspace" || w == "qmspace") return " ";
    return nullptr;
  }

  // The row definition a \trowd … \cellx sequence writes: the nested level's
  // inside {\*\nesttableprops}, else the outer table's.
  RowDef& rowdef(const Group& g) {
    const std::size_t level = g.dest == Destination::nested_row_props ? static_cast<std::size_t>(std::max(2, level_)) : 1;
    if (rowdefs_.size() < level) rowdefs_.resize(level);
    return rowdefs_[level - 1];
  }

  TableBuilder& builder(int level) {
    const auto l = static_cast<std::size_t>(std::max(1, level));
    if (tables_.size() < l) tables_.resize(l);
    TableBuilder& b = tables_[l - 1];
    if (b.empty()) b.line_first = line_;
    return b;
  }

  void end_paragraph() {
    flush_bytes();
    if (in_table_) {
      TableBuilder& b = builder(level_);
      if (b.cell_paragraphs.empty()) b.cell_line = line_;
      b.cell_paragraphs.push_back(std::move(paragraph_));
      paragraph_.clear();
      return;
    }
    close_tables();
    emit_paragraph();
  }

  void emit_paragraph() {
    std::string text = std::move(paragraph_);
    paragraph_.clear();
    if (text.find_first_not_of(" \t\n\xC2\xA0") == std::string::npos) return;
    Paragraph p;
    p.text = std::move(text);
    p.pos.line_first = p.pos.line_last = line_;
    p.pos.index = static_cast<int>(out_.blocks.size());
    count_paragraph();
    out_.blocks.emplace_back(std::move(p));
  }

  void end_cell(int level) {
    flush_bytes();
    TableBuilder& b = builder(level);
    if (!paragraph_.empty() || b.cell_paragraphs.empty()) {
      if (b.cell_paragraphs.empty()) b.cell_line = line_;
      b.cell_paragraphs.push_back(std::move(paragraph_));
    }
    paragraph_.clear();
    // Tables nested deeper end with the cell that holds them.
    for (std::size_t deeper = tables_.size(); deeper-- > static_cast<std::size_t>(level);) {
      if (tables_[deeper].empty()) continue;
      std::optional<Table> t = build(tables_[deeper]);
      tables_[deeper] = {};
      if (t) b.cell_tables.push_back(std::move(*t));
    }
    RawCell cell;
    for (std::string& p : b.cell_paragraphs) {
      while (!p.empty() && (p.back() == ' ' || p.back() == '\t')) p.pop_back();
      if (p.empty()) continue;
      cell.text += (cell.text.empty() ? "" : "\n") + p;
    }
    cell.tables = std::move(b.cell_tables);
    cell.line = b.cell_line;
    b.cell_paragraphs.clear();
    b.cell_tables.clear();
    if (b.cells.empty()) b.row_line = line_;
    if (b.cells.size() < options_.max_row_cells) b.cells.push_back(std::move(cell));
    in_table_ = true;
  }

  void end_row(int level) {
    TableBuilder& b = builder(level);
    if (!b.cell_paragraphs.empty()) end_cell(level);
    RawRow row;
    const std::size_t l = static_cast<std::size_t>(level);
    if (rowdefs_.size() >= l) row.def = rowdefs_[l - 1];
    row.cells = std::move(b.cells);
    b.cells.clear();
    row.line_first = b.row_line;
    row.line_last = line_;
    b.rows.push_back(std::move(row));
    check_table_size(b.rows.size(), b.rows.back().cells.size());
    count_cells(b.rows.back().cells.size());
  }

  // Every open table, innermost first, into its container; the outer one
  // becomes a block.
  void close_tables() {
    for (std::size_t level = tables_.size(); level-- > 0;) {
      TableBuilder& b = tables_[level];
      if (!b.cells.empty() || !b.cell_paragraphs.empty()) end_row(static_cast<int>(level) + 1);
      if (b.rows.empty()) {
        b = {};
        continue;
      }
      std::optional<Table> t = build(b);
      b = {};
      if (!t) continue;
      if (level == 0) {
        t->pos.index = static_cast<int>(out_.blocks.size());
        out_.blocks.emplace_back(std::move(*t));
      } else {
        tables_[level - 1].cell_tables.push_back(std::move(*t));
      }
    }
  }

  // The grid is every cell edge any row of the table uses.
  std::optional<Table> build(TableBuilder& b) {
    std::vector<int> edges;
    for (RawRow& r : b.rows) {
      // Cells without a definition (a writer that left them out) get one.
      int last = r.def.cells.empty() ? r.def.left : r.def.cells.back().right;
      while (r.def.cells.size() < r.cells.size()) {
        last += 1000;
        CellDef d;
        d.right = last;
        r.def.cells.push_back(d);
      }
      edges.push_back(r.def.left);
      for (const CellDef& d : r.def.cells) edges.push_back(d.right);
    }
    std::sort(edges.begin(), edges.end());
    std::vector<int> grid;
    for (int e : edges)
      if (grid.empty() || e - grid.back() > kEdgeTolerance) grid.push_back(e);
    auto column_of = [&](int edge) {
      int best = 0;
      for (std::size_t i = 0; i < grid.size(); ++i)
        if (std::abs(grid[i] - edge) < std::abs(grid[static_cast<std::size_t>(best)] - edge)) best = static_cast<int>(i);
      return best;
    };
    Table table;
    table.columns = std::max(1, static_cast<int>(grid.size()) - 1);
    table.pos.line_first = b.line_first;
    table.pos.line_last = line_;
    std::map<int, std::pair<std::size_t, std::size_t>> open_down;   // grid column → (row, cell) a \clvmgf opened
    for (RawRow& raw : b.rows) {
      Row row;
      row.header = raw.def.header;
      row.pos.line_first = raw.line_first;
      row.pos.line_last = raw.line_last;
      row.pos.index = static_cast<int>(table.rows.size());
      int left = raw.def.left;
      for (std::size_t i = 0; i < raw.def.cells.size(); ++i) {
        const CellDef& d = raw.def.cells[i];
        RawCell empty;
        RawCell& rc = i < raw.cells.size() ? raw.cells[i] : empty;
        const int from = column_of(left), to = std::max(from + 1, column_of(d.right));
        left = d.right;
        if (d.merge_cont && !row.cells.empty()) {
          Cell& prev = row.cells.back();
          prev.col_span = to - prev.grid_col;
          if (!rc.text.empty()) prev.text += (prev.text.empty() ? "" : "\n") + rc.text;
          continue;
        }
        if (d.vmerge_cont) {
          auto it = open_down.find(from);
          // Only a cell of an earlier row: two cells of one row can fall on
          // one grid column when their edges are closer than the tolerance.
          if (it != open_down.end() && it->second.first < table.rows.size() &&
              it->second.second < table.rows[it->second.first].cells.size()) {
            Cell& above = table.rows[it->second.first].cells[it->second.second];
            ++above.row_span;
            if (!rc.text.empty()) above.text += (above.text.empty() ? "" : "\n") + rc.text;
            continue;
          }
        }
        Cell c;
        c.text = std::move(rc.text);
        c.tables = std::move(rc.tables);
        c.grid_col = from;
        c.col_span = to - from;
        c.header = row.header;
        c.pos.line_first = c.pos.line_last = rc.line;
        c.pos.index = static_cast<int>(row.cells.size());
        if (d.vmerge_first) open_down[from] = {table.rows.size(), row.cells.size()};
        else open_down.erase(from);
        row.cells.push_back(std::move(c));
      }
      table.rows.push_back(std::move(row));
    }
    return table;
  }

  void finish() {
    flush_bytes();
    if (in_table_ && !paragraph_.empty()) end_paragraph();
    close_tables();
    emit_paragraph();
  }

  RtfTokenizer tokens_;
  const std::string& file_;
  const ReadOptions& options_;
  Document& out_;
  Diagnostics& diagnostics_;
  CodePages pages_;
  std::vector<Group> groups_;
  std::map<int, int> font_cp_;
  int document_cp_ = 1252;
  std::string pending_;       // text bytes not yet decoded
  int pending_cp_ = 1252;
  int skip_fallback_ = 0;
  int high_surrogate_ = 0;
  std::string paragraph_;
  bool in_table_ = false;
  int level_ = 1;
  std::vector<RowDef> rowdefs_;        // by nesting level
  std::vector<TableBuilder> tables_;   // by nesting level
  int line_ = 1;
};

}  // namespace

void read_rtf(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
              Diagnostics& diagnostics) {
  RtfBody(bytes, file, options, out, diagnostics).read();
}

}  // namespace karta
