// HTML pages (portal pages saved by a browser, .htm exports) → Document.
//
// libxml2's HTML parser builds the tree, with no network, no error output
// and no entity loading (HTML's own entities, &laquo; &nbsp;, are decoded
// by the parser itself). The bytes are turned into UTF-8 first: a BOM, else
// the charset a <meta> declares, else the text decoder's detection, so that
// windows-1251 pages without any declaration still read. Block elements
// become paragraphs; <table> becomes a Table with rowspan/colspan placed on
// a grid; <br> and <p> inside a cell are line breaks; scripts, styles, form
// controls and <nav> are dropped; <pre> goes through the text reader, whose
// table layouts then apply to it.
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <memory>

#include "model/utf8.hpp"
#include "model/work_limits.hpp"
#include "read/readers.hpp"
#include "read/text_decoder.hpp"

namespace karta {
namespace {

using Doc = std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)>;

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// The charset a page declares in its first 4 KB: <meta charset="…"> or
// <meta http-equiv="Content-Type" content="text/html; charset=…">.
std::string declared_charset(std::string_view bytes) {
  const std::string head = lower_ascii(bytes.substr(0, 4096));
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string tag = head.substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t c = tag.find("charset=");
    if (c == std::string::npos) continue;
    std::size_t i = c + 8;
    while (i < tag.size() && (tag[i] == '"' || tag[i] == '\'' || tag[i] == ' ')) ++i;
    std::size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_')) ++j;
    if (j > i) return tag.substr(i, j - i);
  }
  return "";
}

// Bytes → UTF-8 with the encoding's name for the source block.
std::string to_utf8(std::string_view bytes, const std::string& file, std::string& encoding, Diagnostics& diagnostics) {
  const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
  std::string declared = bom ? "" : declared_charset(bytes);
  // A page saved again as UTF-8 often keeps its old <meta charset=windows-1251>:
  // well-formed multi-byte UTF-8 is no accident, so it wins.
  const bool multibyte_utf8 = std::any_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) != 0; }) &&
                              is_valid_utf8(bytes);
  if (!declared.empty() && declared != "utf-8" && declared != "utf8" && multibyte_utf8) {
    diagnostics.push_back({Level::info, "html.charset",
                           "the page declares charset «" + declared + "» but is UTF-8; read as UTF-8", ""});
    declared.clear();
  }
  if (!declared.empty() && declared != "utf-8" && declared != "utf8") {
    UErrorCode status = U_ZERO_ERROR;
    const int32_t need = ucnv_convert("UTF-8", declared.c_str(), nullptr, 0, bytes.data(),
                                      static_cast<int32_t>(bytes.size()), &status);
    if (status == U_BUFFER_OVERFLOW_ERROR || U_SUCCESS(status)) {
      std::string out(static_cast<std::size_t>(need), '\0');
      status = U_ZERO_ERROR;
      ucnv_convert("UTF-8", declared.c_str(), out.data(), need, bytes.data(), static_cast<int32_t>(bytes.size()), &status);
      if (U_SUCCESS(status)) {
        UErrorCode name_status = U_ZERO_ERROR;
        const char* canonical = ucnv_getStandardName(declared.c_str(), "WINDOWS", &name_status);
        encoding = canonical ? canonical : declared;
        return out;
      }
    }
    diagnostics.push_back({Level::warning, "html.charset",
                           file + ": the page declares charset «" + declared + "», which cannot be used; detected instead",
                           ""});
  }
  DecodedText decoded = decode_text(bytes, diagnostics);
  encoding = decoded.encoding;
  return decoded.utf8;
}

bool named(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool named_any(const xmlNode* n, std::initializer_list<const char*> names) {
  for (const char* name : names)
    if (named(n, name)) return true;
  return false;
}

bool dropped(const xmlNode* n) {
  return named_any(n, {"script", "style", "noscript", "template", "head", "nav", "input", "select", "option",
                       "button", "textarea", "svg", "iframe", "object"});
}

bool block(const xmlNode* n) {
  return named_any(n, {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
                       "section", "article", "header", "footer", "main", "aside", "center", "address", "form",
                       "fieldset", "figure", "figcaption", "caption", "hr", "body", "html"});
}

int span_attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return 1;
  const int value = std::atoi(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return std::clamp(value, 1, 1000);
}

// HTML folds runs of white space into one space outside <pre>.
void append_folded(std::string& out, const char* text) {
  for (const char* p = text; *p; ++p) {
    const unsigned char c = static_cast<unsigned char>(*p);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    } else {
      out += *p;
    }
  }
}

std::string trimmed(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\n')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n')) --b;
  std::string out = s.substr(a, b - a);
  // No space at either side of a line break.
  std::string clean;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ' && i + 1 < out.size() && out[i + 1] == '\n') continue;
    if (out[i] == ' ' && !clean.empty() && clean.back() == '\n') continue;
    clean += out[i];
  }
  return clean;
}

class HtmlWalker {
 public:
  HtmlWalker(const std::string& file, const ReadOptions& options, Diagnostics& diagnostics)
      : file_(file), options_(options), diagnostics_(diagnostics) {}

  void blocks(const xmlNode* first, std::vector<Block>& out, int depth) {
    std::string text;
    int line = 0;
    auto flush = [&] {
      const std::string t = trimmed(text);
      if (!t.empty()) {
        Paragraph p;
        p.text = t;
        p.pos.line_first = p.pos.line_last = line;
        p.pos.index = static_cast<int>(out.size());
        count_paragraph();
        out.emplace_back(std::move(p));
      }
      text.clear();
      line = 0;
    };
    for (const xmlNode* n = first; n; n = n->next) {
      check_time_budget("reading HTML");
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (!line) line = static_cast<int>(xmlGetLineNo(n));
        append_folded(text, reinterpret_cast<const char*>(n->content));
      } else if (n->type != XML_ELEMENT_NODE || dropped(n)) {
        continue;
      } else if (named(n, "br")) {
        text += '\n';
      } else if (named(n, "table")) {
        flush();
        Table t = table(n, depth + 1);
        t.pos.index = static_cast<int>(out.size());
        out.emplace_back(std::move(t));
      } else if (named(n, "pre")) {
        flush();
        pre(n, out);
      } else if (block(n)) {
        flush();
        descend(depth);
        blocks(n->children, out, depth + 1);
      } else {
        // Inline: its text joins the current paragraph.
        descend(depth);
        if (!line) line = static_cast<int>(xmlGetLineNo(n));
        inline_text(n->children, text, depth + 1);
      }
    }
    flush();
  }

 private:
  void descend(int depth) const {
    if (depth >= options_.max_xml_depth)
      throw ReadError(ErrorKind::too_large, file_,
                      "HTML nested deeper than " + std::to_string(options_.max_xml_depth) + " elements");
  }

  void inline_text(const xmlNode* first, std::string& text, int depth) {
    for (const xmlNode* n = first; n; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        append_folded(text, reinterpret_cast<const char*>(n->content));
      } else if (n->type == XML_ELEMENT_NODE && !dropped(n)) {
        if (named(n, "br")) {
          text += '\n';
          continue;
        }
        descend(depth);
        const bool line_break = block(n) || named(n, "pre");
        if (line_break && !text.empty()) text += '\n';
        inline_text(n->children, text, depth + 1);
        if (line_break) text += '\n';
      }
    }
  }

  // <pre>: the text as laid out, through the text reader (pipe and box tables).
  void pre(const xmlNode* n, std::vector<Block>& out) {
    xmlChar* content = xmlNodeGetContent(n);
    const std::string text = content ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return;
    Document inner;
    std::string encoding;
    read_text(text, file_, options_, inner, encoding, diagnostics_);
    const int base = static_cast<int>(xmlGetLineNo(n));
    for (Block& b : inner.blocks) {
      std::visit([&](auto& block) {
        block.pos.index = static_cast<int>(out.size());
        if (block.pos.line_first > 0 && base > 0) {
          block.pos.line_first += base - 1;
          block.pos.line_last += base - 1;
        }
      }, b);
      out.push_back(std::move(b));
    }
  }

  Table table(const xmlNode* node, int depth) {
    descend(depth);
    Table t;
    t.pos.line_first = t.pos.line_last = static_cast<int>(xmlGetLineNo(node));
    std::map<int, int> covered;   // grid column → rows a rowspan above still covers
    auto add_row = [&](const xmlNode* tr, bool in_head) {
      Row row;
      row.pos.index = static_cast<int>(t.rows.size());
      row.pos.line_first = row.pos.line_last = static_cast<int>(xmlGetLineNo(tr));
      row.header = in_head;
      int col = 0;
      auto skip_covered = [&] {
        while (covered.count(col) && covered[col] > 0) ++col;
      };
      for (const xmlNode* c = tr->children; c; c = c->next) {
        if (!named(c, "td") && !named(c, "th")) continue;
        skip_covered();
        Cell cell;
        cell.grid_col = col;
        cell.col_span = span_attr(c, "colspan");
        cell.row_span = span_attr(c, "rowspan");
        cell.header = in_head;
        cell.pos.index = static_cast<int>(row.cells.size());
        cell.pos.line_first = cell.pos.line_last = static_cast<int>(xmlGetLineNo(c));
        cell_content(c, cell, depth + 1);
        col += cell.col_span;
        t.columns = std::max(t.columns, col);
        row.cells.push_back(std::move(cell));
        check_table_size(t.rows.size() + 1, row.cells.size());
        count_cells(1);
      }
      if (row.cells.empty()) return;
      // This row used up one row of each rowspan that covers it; its own
      // rowspans cover the rows below.
      for (auto& [column, rows] : covered)
        if (rows > 0) --rows;
      for (Cell& cell : row.cells)
        if (cell.row_span > 1)
          for (int k = 0; k < cell.col_span; ++k) covered[cell.grid_col + k] = cell.row_span - 1;
      t.rows.push_back(std::move(row));
      check_time_budget("reading an HTML table");
    };
    for (const xmlNode* n = node->children; n; n = n->next) {
      if (named(n, "tr")) add_row(n, false);
      else if (named_any(n, {"thead", "tbody", "tfoot"}))
        for (const xmlNode* tr = n->children; tr; tr = tr->next)
          if (named(tr, "tr")) add_row(tr, named(n, "thead"));
    }
    return t;
  }

  void cell_content(const xmlNode* td, Cell& cell, int depth) {
    std::vector<Block> inner;
    blocks(td->children, inner, depth);
    std::string text;
    for (Block& b : inner) {
      if (auto* p = std::get_if<Paragraph>(&b)) text += (text.empty() ? "" : "\n") + p->text;
      else cell.tables.push_back(std::move(std::get<Table>(b)));
    }
    cell.text = text;
  }

  const std::string& file_;
  const ReadOptions& options_;
  Diagnostics& diagnostics_;
};

}  // namespace

bool looks_like_html(std::string_view bytes) {
  std::string head = lower_ascii(bytes.substr(0, 2048));
  if (head.rfind("\xEF\xBB\xBF", 0) == 0) head.erase(0, 3);
  const std::size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || head[start] != '<') return false;
  if (head.compare(start, 14, "<!doctype html") == 0) return true;
  // An HTML element name ends at white space, '>' or '/': <table:table> is ODF, not HTML.
  for (const char* tag : {"<html", "<head", "<body", "<table", "<meta", "<title"})
    for (std::size_t at = head.find(tag); at != std::string::npos; at = head.find(tag, at + 1)) {
      const std::size_t after = at + std::strlen(tag);
      if (after < head.size() && std::strchr(" \t\r\n>/", head[after]) != nullptr) return true;
    }
  return false;
}

void read_html(std::string_view bytes, const std::string& file, const ReadOptions& options, Document& out,
               std::string& encoding, Diagnostics& diagnostics) {
  const std::string utf8 = to_utf8(bytes, file, encoding, diagnostics);
  // No network, no error output, no entity loading; the bytes are UTF-8
  // already, whatever the page's <meta> says.
  const int flags = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS |
                    HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  Doc doc(htmlReadMemory(utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", flags), xmlFreeDoc);
  if (!doc) throw ReadError(ErrorKind::xml_error, file, "not readable as HTML");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!root) throw ReadError(ErrorKind::xml_error, file, "HTML with no elements");
  HtmlWalker(file, options, diagnostics).blocks(root, out.blocks, 0);
}

}  // namespace karta
