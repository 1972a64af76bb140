// The tables of docs/sqlite.md (`karta export --sqlite`), shared with the
// store of `karta serve`, which keeps the same rows for each document.
#include "write/sqlite_tables.hpp"

#include <Poco/Nullable.h>

#include <functional>
#include <sstream>

#include "write/json_stream.hpp"
#include "write/measure_walk.hpp"
#include "write/prepared_insert.hpp"
#include "write/sql_dialect.hpp"

#define KARTA_SQLITE_TABLES_VERSION "1"

namespace karta::sqlite_tables {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;
using Text = Poco::Nullable<std::string>;
using Number = Poco::Nullable<int>;

Text text(const std::optional<std::string>& v) { return v ? Text(*v) : Text(); }
Text text(const std::string& v) { return v.empty() ? Text() : Text(v); }
Number number(const std::optional<int>& v) { return v ? Number(*v) : Number(); }

// Lists as JSON arrays in one column: SQLite's json_each() reads them.
template <typename T, typename F>
std::string json_list(const std::vector<T>& list, F write) {
  std::ostringstream s;
  JsonStream j(s, /*one_line=*/true);
  j.begin_array();
  for (const T& v : list) write(j, v);
  j.end_array();
  return s.str();
}
std::string ints(const std::vector<int>& v) { return json_list(v, [](JsonStream& j, int i) { j.value(i); }); }
std::string strings(const std::vector<std::string>& v) {
  return json_list(v, [](JsonStream& j, const std::string& s) { j.value(s); });
}

const char* kSchema[] = {
    "CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,"
    " format TEXT NOT NULL, encoding TEXT, kind TEXT NOT NULL, title TEXT, authority TEXT, region_code TEXT,"
    " region_name TEXT, date TEXT, number TEXT, place TEXT, signed_position TEXT, signed_name TEXT,"
    " karta_version TEXT NOT NULL, rules_version TEXT NOT NULL, extraction_json TEXT NOT NULL)",
    "CREATE TABLE roadmaps (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " position INTEGER NOT NULL, title TEXT, period_start TEXT, period_end TEXT)",
    "CREATE TABLE measures (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " roadmap_id INTEGER NOT NULL REFERENCES roadmaps(id), position INTEGER NOT NULL, number TEXT NOT NULL,"
    " direction_number INTEGER, direction_title TEXT, system_measure_number INTEGER, system_measure_title TEXT,"
    " title TEXT NOT NULL, deadline_text TEXT NOT NULL, deadline_kind TEXT NOT NULL, deadline_start TEXT,"
    " deadline_end TEXT, deadline_frequency TEXT, deadline_months TEXT NOT NULL, deadline_plan TEXT,"
    " result_text TEXT NOT NULL, result_kinds TEXT NOT NULL, source_table INTEGER NOT NULL, source_rows TEXT NOT NULL,"
    " source_lines TEXT, source_part TEXT, source_path TEXT)",
    "CREATE TABLE mentions (id INTEGER PRIMARY KEY, measure_id INTEGER NOT NULL REFERENCES measures(id),"
    " role TEXT NOT NULL CHECK (role IN ('responsible', 'executor')), position INTEGER NOT NULL, text TEXT NOT NULL,"
    " entity TEXT, kind TEXT NOT NULL)",
    "CREATE TABLE targets (id INTEGER PRIMARY KEY, measure_id INTEGER NOT NULL REFERENCES measures(id),"
    " text TEXT NOT NULL, comparator TEXT NOT NULL, value REAL NOT NULL, unit TEXT)",
    "CREATE TABLE entities (document_id INTEGER NOT NULL REFERENCES documents(id), entity TEXT NOT NULL,"
    " name TEXT NOT NULL, short TEXT, kind TEXT NOT NULL, PRIMARY KEY (document_id, entity))",
    "CREATE TABLE act_references (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " role TEXT NOT NULL, type TEXT, issuer TEXT, date TEXT, number TEXT, title TEXT)",
    "CREATE TABLE definitions (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " term TEXT NOT NULL, short TEXT, text TEXT)",
    "CREATE TABLE indicators (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " text TEXT NOT NULL, comparator TEXT NOT NULL, value REAL NOT NULL, unit TEXT, by TEXT)",
    "CREATE TABLE diagnostics (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL REFERENCES documents(id),"
    " level TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL, location TEXT)",
    "CREATE INDEX measures_by_document ON measures(document_id)",
    "CREATE INDEX mentions_by_measure ON mentions(measure_id)",
    "CREATE INDEX mentions_by_entity ON mentions(entity)",
    // measures.csv's columns that do not need the federal template.
    "CREATE VIEW measures_flat AS SELECT d.region_code AS region, d.region_name, d.path AS source,"
    " r.position + 1 AS roadmap, m.direction_number AS direction, m.direction_title, m.system_measure_number AS"
    " system_measure, m.system_measure_title, m.number AS measure_id, m.title,"
    " (SELECT group_concat(text, ' | ') FROM (SELECT text FROM mentions WHERE measure_id = m.id AND role = 'responsible'"
    "  ORDER BY position)) AS responsible,"
    " (SELECT group_concat(entity, ' | ') FROM (SELECT entity FROM mentions WHERE measure_id = m.id AND role ="
    "  'responsible' AND entity IS NOT NULL ORDER BY position)) AS responsible_entities,"
    " (SELECT group_concat(kind, ' | ') FROM (SELECT kind FROM mentions WHERE measure_id = m.id AND role = 'responsible'"
    "  ORDER BY position)) AS responsible_kinds,"
    " (SELECT group_concat(text, ' | ') FROM (SELECT text FROM mentions WHERE measure_id = m.id AND role = 'executor'"
    "  ORDER BY position)) AS executors,"
    " (SELECT group_concat(entity, ' | ') FROM (SELECT entity FROM mentions WHERE measure_id = m.id AND role ="
    "  'executor' AND entity IS NOT NULL ORDER BY position)) AS executor_entities,"
    " (SELECT group_concat(kind, ' | ') FROM (SELECT kind FROM mentions WHERE measure_id = m.id AND role = 'executor'"
    "  ORDER BY position)) AS executor_kinds,"
    " m.deadline_text, m.deadline_kind, m.deadline_start, m.deadline_end, m.deadline_frequency,"
    " (SELECT group_concat(value, ' | ') FROM json_each(m.deadline_months)) AS deadline_months, m.deadline_plan,"
    " m.result_text AS result, (SELECT group_concat(value, ' | ') FROM json_each(m.result_kinds)) AS result_kinds"
    " FROM measures m JOIN documents d ON d.id = m.document_id JOIN roadmaps r ON r.id = m.roadmap_id"
    " ORDER BY m.document_id, r.position, m.position",
    "PRAGMA user_version = " KARTA_SQLITE_TABLES_VERSION,
};

// The view on PostgreSQL (the team store): string_agg for group_concat, and
// the JSON lists read with jsonb_array_elements_text.
const char* kPostgresView =
    "CREATE VIEW measures_flat AS SELECT d.region_code AS region, d.region_name, d.path AS source,"
    " r.position + 1 AS roadmap, m.direction_number AS direction, m.direction_title, m.system_measure_number AS"
    " system_measure, m.system_measure_title, m.number AS measure_id, m.title,"
    " (SELECT string_agg(text, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'responsible')"
    "  AS responsible,"
    " (SELECT string_agg(entity, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'responsible'"
    "  AND entity IS NOT NULL) AS responsible_entities,"
    " (SELECT string_agg(kind, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'responsible')"
    "  AS responsible_kinds,"
    " (SELECT string_agg(text, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'executor')"
    "  AS executors,"
    " (SELECT string_agg(entity, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'executor'"
    "  AND entity IS NOT NULL) AS executor_entities,"
    " (SELECT string_agg(kind, ' | ' ORDER BY position) FROM mentions WHERE measure_id = m.id AND role = 'executor')"
    "  AS executor_kinds,"
    " m.deadline_text, m.deadline_kind, m.deadline_start, m.deadline_end, m.deadline_frequency,"
    " (SELECT string_agg(value, ' | ') FROM jsonb_array_elements_text(m.deadline_months::jsonb)) AS deadline_months,"
    " m.deadline_plan, m.result_text AS result,"
    " (SELECT string_agg(value, ' | ') FROM jsonb_array_elements_text(m.result_kinds::jsonb)) AS result_kinds"
    " FROM measures m JOIN documents d ON d.id = m.document_id JOIN roadmaps r ON r.id = m.roadmap_id"
    " ORDER BY m.document_id, r.position, m.position";

// A SQLite statement of kSchema as PostgreSQL takes it: REAL is a 4-byte
// float there, the view is kPostgresView, the file's user_version has no
// counterpart (the store keeps its own version in karta_store).
std::string postgres_form(const std::string& statement) {
  if (statement.rfind("CREATE VIEW", 0) == 0) return kPostgresView;
  std::string out = statement;
  for (std::size_t at; (at = out.find(" REAL ")) != std::string::npos;) out.replace(at, 6, " DOUBLE PRECISION ");
  return out;
}

// One prepared INSERT a table, for all of a document's rows.
struct Inserts {
  // Any table's rows too many for one statement: all of them sent, in order.
  explicit Inserts(Session& db)
      : documents(db, "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", all()),
        roadmaps(db, "INSERT INTO roadmaps VALUES (?,?,?,?,?,?)", all()),
        measures(db, "INSERT INTO measures VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", all()),
        mentions(db, "INSERT INTO mentions VALUES (?,?,?,?,?,?,?)", all()),
        targets(db, "INSERT INTO targets VALUES (?,?,?,?,?,?)", all()),
        entities(db, "INSERT INTO entities VALUES (?,?,?,?,?)", all()),
        references(db, "INSERT INTO act_references VALUES (?,?,?,?,?,?,?,?)", all()),
        definitions(db, "INSERT INTO definitions VALUES (?,?,?,?,?)", all()),
        indicators(db, "INSERT INTO indicators VALUES (?,?,?,?,?,?,?)", all()),
        diagnostics(db, "INSERT INTO diagnostics VALUES (?,?,?,?,?,?)", all()) {}
  std::function<void()> all() {
    return [this] { flush(); };
  }
  PreparedInsert documents, roadmaps, measures, mentions, targets, entities, references, definitions, indicators,
      diagnostics;
  // A table after those it refers to.
  void flush() {
    for (PreparedInsert* p : {&documents, &roadmaps, &measures, &mentions, &targets, &entities, &references, &definitions,
                              &indicators, &diagnostics})
      p->flush();
  }
};

void insert_measure(Inserts& in, int document, int roadmap, const PlacedMeasure& p, RowIds& ids) {
  const Measure& m = *p.measure;
  const int id = ++ids.measure;
  const int position = static_cast<int>(p.position);
  const Deadline& d = m.deadline;
  in.measures.row(id, document, roadmap, position, m.id, number(p.direction->number), text(p.direction->title),
                  number(p.system_measure->number), text(p.system_measure->title), m.title, d.text, d.kind,
                  text(d.start), text(d.end), text(d.frequency), ints(d.months), text(d.plan), m.result.text,
                  strings(m.result.kinds), m.source.table, ints(m.source.rows),
                  m.source.lines.empty() ? Text() : Text(ints(m.source.lines)), text(m.source.part),
                  m.source.part.empty() ? Text() : Text(ints(m.source.path)));
  auto mentions = [&](const std::vector<Mention>& list, const std::string& role) {
    for (std::size_t i = 0; i < list.size(); ++i)
      in.mentions.row(++ids.mention, id, role, static_cast<int>(i), list[i].text, text(list[i].entity), list[i].kind);
  };
  mentions(m.responsible, "responsible");
  mentions(m.executors, "executor");
  for (const Target& t : m.result.targets) in.targets.row(++ids.target, id, t.text, t.comparator, t.value, text(t.unit));
}

}  // namespace

void create_tables(Session& db) {
  const bool postgres = sql_dialect::on_postgresql(db);
  for (const char* statement : kSchema) {
    if (!postgres) db << statement, now;
    else if (std::string(statement).rfind("PRAGMA", 0) != 0) db << postgres_form(statement), now;
  }
}

RowIds RowIds::after_last(Session& db) {
  // One statement, not eight: each is a round trip to a PostgreSQL server.
  RowIds ids;
  db << "SELECT (SELECT coalesce(max(id), 0) FROM roadmaps), (SELECT coalesce(max(id), 0) FROM measures),"
        " (SELECT coalesce(max(id), 0) FROM mentions), (SELECT coalesce(max(id), 0) FROM targets),"
        " (SELECT coalesce(max(id), 0) FROM act_references), (SELECT coalesce(max(id), 0) FROM definitions),"
        " (SELECT coalesce(max(id), 0) FROM indicators), (SELECT coalesce(max(id), 0) FROM diagnostics)",
      into(ids.roadmap), into(ids.measure), into(ids.mention), into(ids.target), into(ids.reference),
      into(ids.definition), into(ids.indicator), into(ids.diagnostic), now;
  return ids;
}

void insert_document(Session& db, int id, const Extraction& x, const std::string& json, RowIds& ids) {
  Inserts in(db);
  const ActInfo& a = x.document;
  const std::optional<SignedBy>& s = a.signed_by;
  in.documents.row(id, x.source.path, x.source.sha256, static_cast<Poco::Int64>(x.source.bytes), x.source.format,
                   text(x.source.encoding), a.kind, text(a.title), text(a.authority),
                   a.region ? Text(a.region->code) : Text(), a.region ? Text(a.region->name) : Text(), text(a.date),
                   text(a.number), text(a.place), s ? text(s->position) : Text(), s ? text(s->name) : Text(),
                   x.producer.karta, x.producer.rules, json);
  for (std::size_t r = 0; r < x.roadmaps.size(); ++r) {
    const Roadmap& roadmap = x.roadmaps[r];
    const int roadmap_id = ++ids.roadmap;
    in.roadmaps.row(roadmap_id, id, static_cast<int>(r), text(roadmap.title), text(roadmap.period_start),
                    text(roadmap.period_end));
    for_each_measure(roadmap, r, [&](const PlacedMeasure& p) { insert_measure(in, id, roadmap_id, p, ids); });
  }
  for (const Entity& e : x.entities) in.entities.row(id, e.id, e.name, text(e.short_name), e.kind);
  for (const Reference& r : a.references)
    in.references.row(++ids.reference, id, r.role, text(r.type), text(r.issuer), text(r.date), text(r.number),
                      text(r.title));
  for (const Definition& d : a.definitions)
    in.definitions.row(++ids.definition, id, d.term, text(d.short_name), text(d.text));
  for (const Indicator& i : a.indicators)
    in.indicators.row(++ids.indicator, id, i.text, i.comparator, i.value, text(i.unit), text(i.by));
  for (const Diagnostic& d : x.diagnostics)
    in.diagnostics.row(++ids.diagnostic, id, std::string(level_name(d.level)), d.code, d.message, text(d.where));
  in.flush();
}

void delete_document(Session& db, int id) {
  using namespace Poco::Data::Keywords;
  // Children first: the rows of a measure, then those of the document.
  for (const char* sql : {"DELETE FROM mentions WHERE measure_id IN (SELECT id FROM measures WHERE document_id = ?)",
                          "DELETE FROM targets WHERE measure_id IN (SELECT id FROM measures WHERE document_id = ?)",
                          "DELETE FROM measures WHERE document_id = ?", "DELETE FROM roadmaps WHERE document_id = ?",
                          "DELETE FROM entities WHERE document_id = ?", "DELETE FROM act_references WHERE document_id = ?",
                          "DELETE FROM definitions WHERE document_id = ?", "DELETE FROM indicators WHERE document_id = ?",
                          "DELETE FROM diagnostics WHERE document_id = ?", "DELETE FROM documents WHERE id = ?"})
    db << sql_dialect::sql(db, sql), bind(id), now;
}

}  // namespace karta::sqlite_tables
