#!/usr/bin/env python3
"""karta export round-trips: the SQLite database, read back with Python's
sqlite3, holds every measure of the corpus with its fields, mentions,
entities and the extraction JSON itself (byte-identical to `karta extract`);
exporting earlier JSON output gives the same rows as exporting the documents;
the .xlsx opens with openpyxl with ids and deadline texts as text cells and
period bounds as dates.

usage: export_test.py KARTA SOURCE_DIR
"""
import datetime
import glob
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

import openpyxl

KARTA, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def walk(doc):
    for r, roadmap in enumerate(doc['roadmaps']):
        for d in roadmap['directions']:
            for s in d['system_measures']:
                for m in s['measures']:
                    yield r, d, s, m


def table(db, sql, *args):
    return db.execute(sql, args).fetchall()


def main():
    corpus = sorted(glob.glob(os.path.join(SOURCE, 'corpus', '*')))
    if len(corpus) != 6:
        print('FAIL expected the 6 corpus files, found %d' % len(corpus))
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'json')
        subprocess.run([KARTA, 'extract', '-o', out, '--quiet'] + corpus, check=True)
        extracted = {os.path.basename(p): open(os.path.join(out, os.path.basename(p) + '.json'), 'rb').read()
                     for p in corpus}
        db_docs, db_json = os.path.join(tmp, 'docs.db'), os.path.join(tmp, 'json.db')
        xlsx = os.path.join(tmp, 'measures.xlsx')
        p = subprocess.run([KARTA, 'export', '--sqlite', db_docs, '--xlsx', xlsx] + corpus, capture_output=True)
        check(p.returncode == 0, 'export of documents exited %d: %s' % (p.returncode, p.stderr.decode()))
        p = subprocess.run([KARTA, 'export', '--sqlite=' + db_json, out], capture_output=True)
        check(p.returncode == 0, 'export of JSON exited %d: %s' % (p.returncode, p.stderr.decode()))
        if problems:
            print('\n'.join('FAIL ' + x for x in problems))
            return 1

        db = sqlite3.connect(db_docs)
        check(table(db, 'PRAGMA user_version')[0][0] == 1, 'schema version is not 1')
        check(table(db, 'PRAGMA foreign_key_check') == [], 'foreign keys do not hold')
        total = 0
        for name, raw in extracted.items():
            doc = json.loads(raw)
            rows = table(db, 'SELECT id, extraction_json, format, region_code, sha256, karta_version, rules_version '
                             'FROM documents WHERE path = ?', os.path.join(SOURCE, 'corpus', name))
            check(len(rows) == 1, '%s: %d document rows' % (name, len(rows)))
            if not rows:
                continue
            doc_id, stored, fmt, region, sha, karta_version, rules_version = rows[0]
            check(stored.encode('utf-8') == raw, '%s: stored extraction JSON differs from karta extract' % name)
            check((fmt, region, sha) == (doc['source']['format'], doc['document']['region']['code'], doc['source']['sha256']),
                  '%s: document columns %s' % (name, (fmt, region, sha)))
            check((karta_version, rules_version) == (doc['producer']['karta'], doc['producer']['rules']),
                  '%s: producer columns' % name)
            measures = table(db, 'SELECT m.id, m.number, m.title, m.deadline_kind, m.deadline_start, m.deadline_end, '
                                 'm.direction_number, m.system_measure_number, r.position FROM measures m '
                                 'JOIN roadmaps r ON r.id = m.roadmap_id WHERE m.document_id = ? ORDER BY r.position, m.position',
                             doc_id)
            expected = list(walk(doc))
            check(len(measures) == len(expected) and len(expected) > 20,
                  '%s: %d measures in the database, %d in the JSON' % (name, len(measures), len(expected)))
            for row, (r, d, s, m) in zip(measures, expected):
                dl = m['deadline']
                want = (m['id'], m['title'], dl['kind'], dl['start'], dl['end'], d['number'], s['number'], r)
                check(tuple(row[1:]) == want, '%s %s: row %s, expected %s' % (name, m['id'], row[1:], want))
                for role, key in (('responsible', 'responsible'), ('executor', 'executors')):
                    got = table(db, 'SELECT text, entity, kind FROM mentions WHERE measure_id = ? AND role = ? '
                                    'ORDER BY position', row[0], role)
                    check(got == [(x['text'], x['entity'], x['kind']) for x in m[key]],
                          '%s %s: %s mentions %s' % (name, m['id'], role, got))
            total += len(expected)
            entities = table(db, 'SELECT entity, name, short, kind FROM entities WHERE document_id = ? ORDER BY entity', doc_id)
            check(entities == sorted((e['id'], e['name'], e['short'], e['kind']) for e in doc['entities']),
                  '%s: entities differ' % name)
            refs = table(db, 'SELECT count(*) FROM act_references WHERE document_id = ?', doc_id)[0][0]
            check(refs == len(doc['document']['references']), '%s: %d references stored' % (name, refs))
        flat = table(db, 'SELECT region, measure_id, responsible, deadline_text FROM measures_flat')
        check(len(flat) == total, 'measures_flat has %d rows for %d measures' % (len(flat), total))
        check(any(r[2] and ' | ' in r[2] for r in flat), 'measures_flat joins several responsible bodies with " | "')

        # The same database from the JSON output as from the documents.
        other = sqlite3.connect(db_json)
        for query in ('SELECT number, title, deadline_kind, deadline_start, deadline_end FROM measures ORDER BY id',
                      'SELECT role, text, entity, kind FROM mentions ORDER BY id',
                      'SELECT sha256, kind, title, region_code FROM documents ORDER BY sha256, path'):
            check(table(db, query) == table(other, query) or 'sha256' in query and
                  sorted(table(db, query)) == sorted(table(other, query)), 'JSON and documents differ: ' + query)

        # The spreadsheet: typed cells.
        sheet = openpyxl.load_workbook(xlsx).active
        header = [c.value for c in sheet[1]]
        check(header[:4] == ['region', 'region_name', 'source', 'roadmap'] and 'measure_id' in header, 'xlsx header %s' % header)
        body = list(sheet.iter_rows(min_row=2))
        check(len(body) == total, 'xlsx has %d measure rows for %d' % (len(body), total))
        col = {name: i for i, name in enumerate(header)}
        ids = [r[col['measure_id']] for r in body]
        check(all(c.data_type == 's' and isinstance(c.value, str) for c in ids), 'measure ids are not all text cells')
        check(any(c.value.count('.') >= 2 for c in ids), 'no dotted id like 1.1.1 survived as text')
        texts = [r[col['deadline_text']] for r in body if r[col['deadline_text']].value]
        check(texts and all(c.data_type == 's' for c in texts), 'deadline texts are not text cells')
        ends = [r[col['deadline_end']].value for r in body if r[col['deadline_end']].value is not None]
        check(ends and all(isinstance(v, datetime.datetime) for v in ends), 'deadline ends are not dates')
        numbers = [r[col['direction']].value for r in body if r[col['direction']].value is not None]
        check(numbers and all(isinstance(v, (int, float)) for v in numbers), 'direction numbers are not numbers')

    for x in problems[:50]:
        print('FAIL ' + x)
    print('%d measures checked in SQLite and xlsx' % total)
    print('%d passed, %d failed' % (0 if problems else 1, 1 if problems else 0))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
