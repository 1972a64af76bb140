// OpenDocument text: .odt (a zip whose mimetype member says
// application/vnd.oasis.opendocument.text; the body is content.xml) and Flat
// ODT (.fodt, one XML file). Both stream office:text through the same walk:
// text:p / text:h are paragraphs, table:table a Table. ODF writes one element
// per grid column in every row — table:covered-table-cell where a span from
// the left or from above covers it — so the grid column is the element's
// position, and covered cells are left out as the model wants. Text in
// text:s (runs of spaces), text:tab and text:line-break is kept; notes,
// annotations and the tracked-changes log (where deleted text lives) are not.
// text:list numbering is rendered from the list styles (styles.xml and the
// automatic styles) as DOCX numbering is: "1.", "2.1.", prefixed to a cell's
// paragraph, Paragraph::label outside tables.
#include <algorithm>
#include <optional>
#include <vector>

#include "model/work_limits.hpp"
#include "read/list_numbering.hpp"
#include "read/readers.hpp"
#include "read/xml_stream.hpp"
#include "read/zip_package.hpp"

namespace karta {
namespace {

constexpr std::string_view kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";

int count_attr(const XmlStream& xml, const char* name, std::string_view ns, int limit) {
  const auto v = xml.attr(name, ns);
  if (!v) return 1;
  int n = 1;
  try {
    n = std::stoi(*v);
  } catch (const std::exception&) {
  }
  return std::clamp(n, 1, limit);
}

struct OpenCell {
  Cell cell;
  int repeat = 1;
  std::vector<std::string> paragraphs;
};

struct OpenTable {
  Table table;
  std::optional<Row> row;
  int row_repeat = 1;
  int col = 0;
  int declared_columns = 0;
  bool header_rows = false;
  std::optional<OpenCell> cell;
};

constexpr std::uint64_t kMaxRepeatedCells = 1000000;

class OdfBody {
 public:
  OdfBody(XmlStream& xml, const std::string& file, const ReadOptions& options, ListNumbering& lists, Document& out)
      : xml_(xml), file_(file), options_(options), lists_(lists), out_(out) {}

  // Reads from the current position to the end of office:text.
  void read() {
    while (xml_.next()) {
      const std::string_view name = xml_.local(), ns = xml_.ns();
      if (xml_.is_start()) {
        if (skipped(name, ns)) {
          if (!xml_.is_empty_element()) skip_subtree();
          continue;
        }
        start(name, ns);
      } else if (xml_.is_end()) {
        if (ns == kOffice && name == "text") return;
        end(name, ns);
      } else if (xml_.is_text() && paragraph_) {
        append_collapsed(xml_.value());
      }
    }
  }

 private:
  // ODF white space (§6.1.2): tabs and line ends are spaces, a run is one
  // space, none at the start of a paragraph; text:s, text:tab and
  // text:line-break are how a document keeps more.
  void append_collapsed(std::string_view text) {
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        if (!paragraph_->empty() && !last_collapsed_space_) *paragraph_ += ' ';
        last_collapsed_space_ = !paragraph_->empty();
      } else {
        *paragraph_ += c;
        last_collapsed_space_ = false;
      }
    }
  }

  static bool skipped(std::string_view name, std::string_view ns) {
    if (ns == kText)
      return name == "note" || name == "tracked-changes" || name == "sequence-decls" || name == "variable-decls" ||
             name == "user-field-decls" || name == "table-of-content-source" || name == "index-title-template";
    if (ns == kOffice) return name == "annotation" || name == "forms";
    if (ns == kTable) return name == "table-source" || name == "tracked-changes";
    return false;
  }

  void skip_subtree() {
    const int depth = xml_.depth();
    while (xml_.next())
      if (xml_.is_end() && xml_.depth() == depth) return;
  }

  OpenTable* table() { return tables_.empty() ? nullptr : &tables_.back(); }

  void start(std::string_view name, std::string_view ns) {
    if (ns == kText) {
      if (name == "list") {
        // A nested list inherits the style; a new outer one restarts the
        // count unless it says it continues (continue-numbering, continue-list).
        std::string style = xml_.attr("style-name", kText).value_or(lists_open_.empty() ? "" : lists_open_.back());
        if (lists_open_.empty() && xml_.attr("continue-numbering", kText).value_or("") != "true" &&
            !xml_.attr("continue-list", kText))
          lists_.restart(style);
        lists_open_.push_back(std::move(style));
        item_label_pending_ = false;
      } else if (name == "list-item") {
        item_label_pending_ = true;
      } else if (name == "list-header") {
        item_label_pending_ = false;
      } else if (name == "p" || name == "h") {
        label_.clear();
        if (item_label_pending_ && !lists_open_.empty()) {
          label_ = lists_.next_label(lists_open_.back(), static_cast<int>(lists_open_.size()) - 1);
          item_label_pending_ = false;
        }
        text_.clear();
        paragraph_ = &text_;
        last_collapsed_space_ = false;
        line_ = xml_.line();
        if (xml_.is_empty_element()) finish_paragraph();
      } else if (name == "s" && paragraph_) {
        paragraph_->append(static_cast<std::size_t>(count_attr(xml_, "c", kText, 1000)), ' ');
        last_collapsed_space_ = false;
      } else if (name == "tab" && paragraph_) {
        *paragraph_ += '\t';
        last_collapsed_space_ = false;
      } else if (name == "line-break" && paragraph_) {
        *paragraph_ += '\n';
        last_collapsed_space_ = true;   // no space right after a line break
      }
      return;
    }
    if (ns != kTable) return;
    if (name == "table") {
      tables_.emplace_back();
      tables_.back().table.pos.part = part_name();
      tables_.back().table.pos.line_first = xml_.line();
    } else if (!table()) {
      return;
    } else if (name == "table-column") {
      table()->declared_columns += count_attr(xml_, "number-columns-repeated", kTable, static_cast<int>(options_.max_row_cells));
    } else if (name == "table-header-rows") {
      table()->header_rows = true;
    } else if (name == "table-row") {
      OpenTable* t = table();
      t->row.emplace();
      t->row->header = t->header_rows;
      t->row->pos.part = part_name();
      t->row->pos.line_first = t->row->pos.line_last = xml_.line();
      t->row_repeat = count_attr(xml_, "number-rows-repeated", kTable, static_cast<int>(options_.max_table_rows));
      t->col = 0;
      if (xml_.is_empty_element()) end_row();
    } else if (name == "covered-table-cell" && table()->row) {
      table()->col += count_attr(xml_, "number-columns-repeated", kTable, static_cast<int>(options_.max_row_cells));
      if (!xml_.is_empty_element()) skip_subtree();
    } else if (name == "table-cell" && table()->row) {
      OpenTable* t = table();
      OpenCell c;
      c.cell.grid_col = t->col;
      c.cell.col_span = count_attr(xml_, "number-columns-spanned", kTable, static_cast<int>(options_.max_row_cells));
      c.cell.row_span = count_attr(xml_, "number-rows-spanned", kTable, static_cast<int>(options_.max_table_rows));
      c.cell.header = t->header_rows;
      c.cell.pos.part = part_name();
      c.cell.pos.line_first = xml_.line();
      c.repeat = count_attr(xml_, "number-columns-repeated", kTable, static_cast<int>(options_.max_row_cells));
      t->cell = std::move(c);
      if (xml_.is_empty_element()) end_cell();
    }
  }

  void end(std::string_view name, std::string_view ns) {
    if (ns == kText && name == "list") {
      if (!lists_open_.empty()) lists_open_.pop_back();
    } else if (ns == kText && name == "list-item") {
      item_label_pending_ = false;
    } else if (ns == kText && (name == "p" || name == "h")) {
      finish_paragraph();
    } else if (ns == kTable && table()) {
      if (name == "table-cell") end_cell();
      else if (name == "table-row") end_row();
      else if (name == "table-header-rows") table()->header_rows = false;
      else if (name == "table") end_table();
    }
  }

  void finish_paragraph() {
    if (!paragraph_) return;
    paragraph_ = nullptr;
    OpenTable* t = table();
    if (t && t->cell) {
      t->cell->paragraphs.push_back(label_.empty() ? text_ : text_.empty() ? label_ : label_ + " " + text_);
      return;
    }
    if (text_.find_first_not_of(" \t\n") == std::string::npos) return;
    Paragraph p;
    p.text = text_;
    p.label = label_;
    p.pos.part = part_name();
    p.pos.line_first = p.pos.line_last = line_;
    p.pos.index = static_cast<int>(out_.blocks.size());
    count_paragraph();
    out_.blocks.emplace_back(std::move(p));
  }

  void end_cell() {
    OpenTable* t = table();
    if (!t || !t->cell || !t->row) return;
    OpenCell c = std::move(*t->cell);
    t->cell.reset();
    std::string text;
    for (const std::string& p : c.paragraphs)
      if (!p.empty()) text += (text.empty() ? "" : "\n") + p;
    c.cell.text = text;
    // Empty cells repeated across the row are padding: the grid shows them as "" anyway.
    if (c.repeat > 1 && text.empty() && c.cell.tables.empty()) {
      t->col += c.repeat;
      return;
    }
    for (int k = 0; k < c.repeat; ++k) {
      Cell copy = c.cell;
      copy.grid_col = t->col;
      copy.pos.index = static_cast<int>(t->row->cells.size());
      ++t->col;
      t->row->cells.push_back(std::move(copy));
      check_table_size(t->table.rows.size() + 1, t->row->cells.size());
      count_cells(1);
    }
    // A spanned cell's neighbours to the right are covered-table-cell elements,
    // which advance the column themselves.
  }

  void end_row() {
    OpenTable* t = table();
    if (!t || !t->row) return;
    Row row = std::move(*t->row);
    t->row.reset();
    // Trailing empty cells repeated to the page's width are padding, not
    // columns, and so are empty rows repeated to the page's length.
    while (!row.cells.empty() && row.cells.back().text.empty() && row.cells.back().tables.empty()) row.cells.pop_back();
    if (row.cells.empty() && t->row_repeat > 1) return;
    const int repeat = t->row_repeat;
    // A few bytes of number-rows-repeated must not become millions of cells.
    if (static_cast<std::uint64_t>(repeat) * row.cells.size() > kMaxRepeatedCells)
      throw ReadError(ErrorKind::too_large, file_,
                      "a table row repeated " + std::to_string(repeat) + " times: over the " +
                          std::to_string(kMaxRepeatedCells) + "-cell limit for repeated rows");
    for (int k = 0; k < repeat; ++k) {
      Row copy = row;
      copy.pos.index = static_cast<int>(t->table.rows.size());
      t->table.rows.push_back(std::move(copy));
      check_table_size(t->table.rows.size(), 0);
      check_time_budget("reading an ODF table");
    }
  }

  void end_table() {
    OpenTable open = std::move(tables_.back());
    tables_.pop_back();
    Table& t = open.table;
    t.columns = open.declared_columns;
    for (const Row& r : t.rows)
      for (const Cell& c : r.cells) t.columns = std::max(t.columns, c.grid_col + c.col_span);
    t.columns = std::min(t.columns, static_cast<int>(options_.max_row_cells));
    if (OpenTable* outer = table(); outer && outer->cell) {
      outer->cell->cell.tables.push_back(std::move(t));
      return;
    }
    t.pos.index = static_cast<int>(out_.blocks.size());
    out_.blocks.emplace_back(std::move(t));
  }

  std::string part_name() const { return xml_.part(); }

  XmlStream& xml_;
  const std::string& file_;
  const ReadOptions& options_;
  ListNumbering& lists_;
  Document& out_;
  std::vector<OpenTable> tables_;
  std::vector<std::string> lists_open_;   // the style of each open text:list, outermost first
  bool item_label_pending_ = false;       // the item's first paragraph carries its number
  std::string label_;
  std::string text_;
  std::string* paragraph_ = nullptr;
  bool last_collapsed_space_ = false;
  int line_ = 0;
};

// Finds office:body/office:text in `xml` and reads it into `out`.
void read_office_text(XmlStream& xml, const std::string& file, const ReadOptions& options, ListNumbering& lists,
                      Document& out) {
  bool root_seen = false;
  while (xml.next()) {
    if (!xml.is_start()) continue;
    if (!root_seen) {
      root_seen = true;
      if (xml.ns() != kOffice || (xml.local() != "document-content" && xml.local() != "document"))
        throw ReadError(ErrorKind::unsupported_format, file,
                        xml.part() + ": root element '" + std::string(xml.local()) + "' is not an OpenDocument document");
      continue;
    }
    if (xml.ns() == kOffice && (xml.local() == "styles" || xml.local() == "automatic-styles")) {
      lists.read_odf_list_styles(xml);
      continue;
    }
    if (xml.ns() == kOffice && xml.local() == "text") {
      if (!xml.is_empty_element()) OdfBody(xml, file, options, lists, out).read();
      while (xml.next()) {
      }   // the rest must be well-formed too
      return;
    }
    if (xml.ns() == kOffice && (xml.local() == "spreadsheet" || xml.local() == "presentation" || xml.local() == "drawing"))
      throw ReadError(ErrorKind::unsupported_format, file,
                      "an OpenDocument " + std::string(xml.local()) + ", not a text document");
  }
  throw ReadError(ErrorKind::missing_part, file, xml.part() + ": no office:text body");
}

}  // namespace

void read_odt(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
              Diagnostics& diagnostics) {
  (void)diagnostics;
  zip::Package package(bytes, file, options);
  const std::string mimetype = package.has("mimetype") ? package.read("mimetype") : "";
  if (mimetype.rfind("application/vnd.oasis.opendocument.text", 0) != 0)
    throw ReadError(ErrorKind::unsupported_format, file,
                    "an OpenDocument package of type '" + mimetype + "', not a text document (odt)");
  if (!package.has("content.xml")) throw ReadError(ErrorKind::missing_part, file, "content.xml is missing");
  ListNumbering lists;
  if (package.has("styles.xml")) {
    // Named list styles ("Нумерация 1") live in styles.xml.
    const std::string styles = package.read("styles.xml");
    XmlStream xml(styles, file, "styles.xml", options);
    while (xml.next())
      if (xml.is_start() && xml.ns() == kOffice && xml.local() == "styles") lists.read_odf_list_styles(xml);
  }
  // Pulled through the inflater, as DOCX's main part: it is most of the file.
  zip::PartStream content = package.open("content.xml");
  XmlStream xml([&](char* buffer, std::size_t n) { return content.read(buffer, n); }, file, "content.xml", options);
  read_office_text(xml, file, options, lists, out);
}

void read_flat_odt(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
                   Diagnostics& diagnostics) {
  (void)diagnostics;
  XmlStream xml(bytes, file, "document", options);
  ListNumbering lists;
  read_office_text(xml, file, options, lists, out);
}

}  // namespace karta
