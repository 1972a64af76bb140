#include "store/amendment_chain.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Statement.h>

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include "extract/act_citation.hpp"
#include "store/nullable_text.hpp"
#include "write/sql_dialect.hpp"

namespace karta::amendment_chain {
namespace {

using namespace Poco::Data::Keywords;
using sql_dialect::sql;

struct Act {
  std::int64_t id = 0;
  std::optional<std::string> region, date, number;
  std::string kind;
};

Act act(Poco::Data::Session& db, std::int64_t id) {
  Poco::Data::Statement select(db);
  Poco::Int64 key = id;
  select << sql(db, "SELECT region_code, date, number, kind FROM documents WHERE id = ?"), use(key);
  select.execute();
  Poco::Data::RecordSet rs(select);
  Act a;
  a.id = id;
  if (rs.rowCount() == 0) return a;
  a.region = nullable_text(rs.value(0, 0));
  a.date = nullable_text(rs.value(1, 0));
  a.number = nullable_text(rs.value(2, 0));
  a.kind = rs.value(3, 0).convert<std::string>();
  return a;
}

void insert_link(Poco::Data::Session& db, std::int64_t amending, std::int64_t amended) {
  if (amending == amended) return;   // an act citing its own requisites in its appendix heading
  Poco::Int64 a = amending, b = amended;
  db << sql(db, "INSERT INTO amendments (document_id, amends_id) VALUES (?, ?) ON CONFLICT DO NOTHING"), use(a), use(b),
      now;
}

}  // namespace

void create(Poco::Data::Session& db) {
  db << "CREATE TABLE amendments (document_id INTEGER NOT NULL REFERENCES documents(id),"
        " amends_id INTEGER NOT NULL REFERENCES documents(id), PRIMARY KEY (document_id, amends_id))",
      now;
  db << "CREATE INDEX amendments_by_amended ON amendments(amends_id)", now;
  db << "CREATE INDEX documents_by_date ON documents(date)", now;
  // The backward look of each new act: the amending citations of its date.
  db << "CREATE INDEX references_by_date ON act_references(date) WHERE role = 'amends'", now;
  std::vector<Poco::Int64> ids;
  db << "SELECT id FROM documents ORDER BY id", into(ids), now;
  for (Poco::Int64 id : ids) link_document(db, id);
}

void link_document(Poco::Data::Session& db, std::int64_t id) {
  const Act self = act(db, id);
  Poco::Int64 key = id;
  // Forward: the acts this one says it amends.
  {
    Poco::Data::Statement select(db);
    select << sql(db, "SELECT type, date, number FROM act_references WHERE document_id = ? AND role = 'amends'"
                      " AND date IS NOT NULL AND number IS NOT NULL"),
        use(key);
    select.execute();
    Poco::Data::RecordSet cited(select);
    for (std::size_t r = 0; r < cited.rowCount(); ++r) {
      Reference citation;
      citation.type = nullable_text(cited.value(0, r));
      citation.date = cited.value(1, r).convert<std::string>();
      citation.number = cited.value(2, r).convert<std::string>();
      Poco::Data::Statement candidates(db);
      candidates << sql(db, "SELECT id, region_code, number, kind FROM documents WHERE date = ? AND number IS NOT NULL"),
          use(*citation.date);
      candidates.execute();
      Poco::Data::RecordSet rs(candidates);
      for (std::size_t c = 0; c < rs.rowCount(); ++c) {
        const CitedAct act{nullable_text(rs.value(1, c)), citation.date, rs.value(2, c).convert<std::string>(),
                           rs.value(3, c).convert<std::string>()};
        if (names_act(citation, self.region, act)) insert_link(db, id, rs.value(0, c).convert<Poco::Int64>());
      }
    }
  }
  // Backward: stored acts that amend this one (it arrived after them).
  if (self.date && self.number) {
    const CitedAct cited{self.region, self.date, self.number, self.kind};
    std::string date = *self.date;
    Poco::Data::Statement select(db);
    select << sql(db, "SELECT r.document_id, d.region_code, r.type, r.number FROM act_references r JOIN documents d"
                      " ON d.id = r.document_id WHERE r.role = 'amends' AND r.date = ? AND r.number IS NOT NULL"),
        use(date);
    select.execute();
    Poco::Data::RecordSet rs(select);
    for (std::size_t r = 0; r < rs.rowCount(); ++r) {
      Reference citation;
      citation.type = nullable_text(rs.value(2, r));
      citation.date = date;
      citation.number = rs.value(3, r).convert<std::string>();
      if (names_act(citation, nullable_text(rs.value(1, r)), cited))
        insert_link(db, rs.value(0, r).convert<Poco::Int64>(), id);
    }
  }
}

void unlink_document(Poco::Data::Session& db, std::int64_t id) {
  Poco::Int64 key = id;
  db << sql(db, "DELETE FROM amendments WHERE document_id = ? OR amends_id = ?"), use(key), use(key), now;
}

std::vector<std::int64_t> in_force(Poco::Data::Session& db, const std::vector<std::string>& regions,
                                   const std::optional<std::string>& on, bool replaced_too) {
  std::string text = "SELECT d.id FROM documents d WHERE 1 = 1";
  std::vector<std::string> values;
  if (!regions.empty()) {
    text += " AND d.region_code IN (";
    for (std::size_t i = 0; i < regions.size(); ++i) text += i ? ", ?" : "?";
    text += ")";
    values = regions;
  }
  if (on) {
    text += " AND (d.date IS NULL OR d.date <= ?)";
    values.push_back(*on);
  }
  // Replaced: a later act with a roadmap of its own (a measure in it), itself dated by `on`, amends it.
  if (!replaced_too) {
    text += " AND NOT EXISTS (SELECT 1 FROM amendments a JOIN documents y ON y.id = a.document_id WHERE a.amends_id = d.id";
    if (on) {
      text += " AND (y.date IS NULL OR y.date <= ?)";
      values.push_back(*on);
    }
    text += " AND EXISTS (SELECT 1 FROM measures m WHERE m.document_id = y.id))";
  }
  text += " ORDER BY d.id";
  std::vector<Poco::Int64> ids;
  Poco::Data::Statement select(db);
  select << sql(db, text), into(ids);
  for (std::string& v : values) select, use(v);
  select.execute();
  return {ids.begin(), ids.end()};
}

std::vector<ActVersion> history(Poco::Data::Session& db, std::int64_t id) {
  // The chain: every act reached over links either way.
  std::set<std::int64_t> seen{id};
  std::deque<std::int64_t> todo{id};
  std::map<std::int64_t, ActVersion> versions;
  while (!todo.empty()) {
    Poco::Int64 at = todo.front();
    todo.pop_front();
    std::vector<Poco::Int64> amends, amended_by;
    db << sql(db, "SELECT amends_id FROM amendments WHERE document_id = ? ORDER BY amends_id"), into(amends), use(at),
        now;
    db << sql(db, "SELECT document_id FROM amendments WHERE amends_id = ? ORDER BY document_id"), into(amended_by),
        use(at), now;
    ActVersion& v = versions[at];
    v.id = at;
    v.amends.assign(amends.begin(), amends.end());
    v.amended_by.assign(amended_by.begin(), amended_by.end());
    for (const auto* list : {&amends, &amended_by})
      for (Poco::Int64 next : *list)
        if (seen.insert(next).second) todo.push_back(next);
  }
  std::vector<ActVersion> out;
  for (auto& [at, v] : versions) {
    Poco::Data::Statement select(db);
    Poco::Int64 key = at;
    select << sql(db, "SELECT date, number, title, region_code, kind,"
                      " (SELECT count(*) FROM roadmaps WHERE document_id = d.id),"
                      " (SELECT count(*) FROM measures WHERE document_id = d.id) FROM documents d WHERE id = ?"),
        use(key);
    select.execute();
    Poco::Data::RecordSet rs(select);
    if (rs.rowCount() == 0) return {};   // no document `id`
    v.date = nullable_text(rs.value(0, 0));
    v.number = nullable_text(rs.value(1, 0));
    v.title = nullable_text(rs.value(2, 0));
    v.region = nullable_text(rs.value(3, 0));
    v.kind = rs.value(4, 0).convert<std::string>();
    v.roadmaps = rs.value(5, 0).convert<int>();
    v.measures = rs.value(6, 0).convert<int>();
    out.push_back(v);
  }
  // Oldest first; an undated act after the dated ones, as it was stored.
  std::sort(out.begin(), out.end(), [](const ActVersion& a, const ActVersion& b) {
    if (a.date.has_value() != b.date.has_value()) return a.date.has_value();
    if (a.date != b.date) return *a.date < *b.date;
    return a.id < b.id;
  });
  // Replaced by the newest of the acts with a roadmap that amend it.
  for (ActVersion& v : out)
    for (const ActVersion& other : out)
      if (other.measures > 0 && std::count(v.amended_by.begin(), v.amended_by.end(), other.id)) v.replaced_by = other.id;
  return out;
}

}  // namespace karta::amendment_chain
