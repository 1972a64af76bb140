#include "karta/document_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace karta {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr object() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr position(const SourcePos& pos) {
  Object::Ptr o = object();
  if (!pos.part.empty()) o->set("part", pos.part);
  if (pos.line_first > 0) {
    o->set("line", pos.line_first);
    if (pos.line_last > pos.line_first) o->set("line_last", pos.line_last);
  }
  if (pos.index >= 0) o->set("index", pos.index);
  return o;
}

Object::Ptr table_json(const Table& table);

Object::Ptr paragraph_json(const Paragraph& p) {
  Object::Ptr o = object();
  o->set("type", "paragraph");
  o->set("text", p.text);
  if (!p.label.empty()) o->set("label", p.label);
  if (!p.style.empty()) o->set("style", p.style);
  if (!p.align.empty()) o->set("align", p.align);
  o->set("source", position(p.pos));
  return o;
}

Object::Ptr table_json(const Table& table) {
  Object::Ptr o = object();
  o->set("type", "table");
  o->set("columns", table.columns);
  if (table.cell_stream) o->set("cell_stream", true);
  o->set("source", position(table.pos));
  Array::Ptr rows = new Array;
  for (const Row& row : table.rows) {
    Object::Ptr r = object();
    if (row.header) r->set("header", true);
    r->set("source", position(row.pos));
    Array::Ptr cells = new Array;
    for (const Cell& cell : row.cells) {
      Object::Ptr c = object();
      c->set("text", cell.text);
      c->set("col", cell.grid_col);
      if (cell.col_span != 1) c->set("col_span", cell.col_span);
      if (cell.row_span != 1) c->set("row_span", cell.row_span);
      if (cell.header) c->set("header", true);
      if (!cell.tables.empty()) {
        Array::Ptr nested = new Array;
        for (const Table& t : cell.tables) nested->add(table_json(t));
        c->set("tables", nested);
      }
      cells->add(c);
    }
    r->set("cells", cells);
    rows->add(r);
  }
  o->set("rows", rows);
  return o;
}

}  // namespace

void write_document_json(std::ostream& out, const std::string& path, const ReadResult& result) {
  Object::Ptr root = object();
  Object::Ptr source = object();
  source->set("path", path);
  source->set("format", format_name(result.format));
  if (!result.encoding.empty()) source->set("encoding", result.encoding);
  root->set("source", source);
  if (result.error) {
    Object::Ptr error = object();
    error->set("kind", error_kind_name(result.error->kind()));
    error->set("message", std::string(result.error->what()));
    root->set("error", error);
  } else {
    Array::Ptr blocks = new Array;
    for (const Block& block : result.document.blocks) {
      if (const auto* p = std::get_if<Paragraph>(&block)) blocks->add(paragraph_json(*p));
      else blocks->add(table_json(std::get<Table>(block)));
    }
    root->set("blocks", blocks);
  }
  Array::Ptr diagnostics = new Array;
  for (const Diagnostic& d : result.diagnostics) {
    Object::Ptr o = object();
    o->set("level", level_name(d.level));
    o->set("code", d.code);
    o->set("message", d.message);
    o->set("where", d.where);
    diagnostics->add(o);
  }
  root->set("diagnostics", diagnostics);
  root->stringify(out, 1);
  out << "\n";
}

}  // namespace karta
