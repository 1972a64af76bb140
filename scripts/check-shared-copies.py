#!/usr/bin/env python3
"""Checks that what the repository copied from the steering project's shared/
folder is still what shared/ holds: the output contract (docs/SCHEMA.md,
docs/roadmap-extract-1.schema.json), the scorer, the corpus gold, the
hostile-input generator and manifest, and the real-world DOCX subset.

docs/ may add to the contract, never change it: docs/SCHEMA.md is shared's
text followed by one section «## Additions in this repository», and the JSON
Schema is shared's plus the properties that section names. Once shared/
carries an addition, the copies must equal it exactly.

usage: check-shared-copies.py SHARED_DIR SOURCE_DIR
"""
import difflib
import json
import os
import sys

ADDITIONS = '## Additions in this repository'
# Top-level properties the additions section documents (additive, roadmap-extract/1).
ADDED_PROPERTIES = ['producer']


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def main():
    shared, source = sys.argv[1:3]
    problems = []

    def same(ours, theirs):
        if not os.path.exists(ours):
            problems.append('missing in the repository: %s (shared has %s)' % (ours, theirs))
        elif read(ours) != read(theirs):
            problems.append('%s differs from %s' % (ours, theirs))

    theirs = read(os.path.join(shared, 'spec', 'SCHEMA.md')).decode('utf-8')
    ours = read(os.path.join(source, 'docs', 'SCHEMA.md')).decode('utf-8')
    if ours != theirs:
        rest = ours[len(theirs):] if ours.startswith(theirs) else None
        if rest is None or not rest.lstrip('\n').startswith(ADDITIONS):
            diff = ''.join(difflib.unified_diff(theirs.splitlines(True), ours.splitlines(True),
                                                'shared/spec/SCHEMA.md', 'docs/SCHEMA.md'))
            problems.append('docs/SCHEMA.md is not shared/spec/SCHEMA.md plus an «%s» section:\n%s' % (ADDITIONS, diff))

    theirs = json.loads(read(os.path.join(shared, 'spec', 'roadmap-extract-1.schema.json')))
    ours = json.loads(read(os.path.join(source, 'docs', 'roadmap-extract-1.schema.json')))
    if ours != theirs:
        stripped = json.loads(json.dumps(ours))
        for name in ADDED_PROPERTIES:
            if name not in theirs.get('properties', {}):
                stripped['properties'].pop(name, None)
                if name in stripped.get('required', []):
                    stripped['required'].remove(name)
        if stripped != theirs:
            problems.append('docs/roadmap-extract-1.schema.json changes shared/spec/roadmap-extract-1.schema.json '
                            'beyond the added properties %s' % ADDED_PROPERTIES)

    same(os.path.join(source, 'tests', 'tools', 'score.py'), os.path.join(shared, 'tools', 'score.py'))
    for name in sorted(os.listdir(os.path.join(shared, 'gold'))):
        same(os.path.join(source, 'tests', 'gold', name), os.path.join(shared, 'gold', name))
    hostile = os.path.join(shared, 'robustness', 'hostile')
    same(os.path.join(source, 'tests', 'robustness', 'hostile', 'make_hostile.py'),
         os.path.join(shared, 'robustness', 'make_hostile.py'))
    for name in ('manifest.tsv', 'README.md', 'SHA256SUMS'):
        same(os.path.join(source, 'tests', 'robustness', 'hostile', name), os.path.join(hostile, name))
    real = os.path.join(source, 'tests', 'robustness', 'real')
    for name in sorted(os.listdir(real)):
        if name != 'SOURCES.md' and not name.startswith('.'):
            same(os.path.join(real, name), os.path.join(shared, 'robustness', 'real', name))

    for p in problems:
        print('FAIL ' + p)
    checked = 'contract, scorer, gold, hostile generator, %d real files' % sum(1 for n in os.listdir(real) if n != 'SOURCES.md' and not n.startswith('.'))
    print('%s: %s' % ('checked' if not problems else 'problems in', checked))
    print('%d passed, %d failed' % (0 if problems else 1, 1 if problems else 0))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
