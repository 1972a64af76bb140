#!/usr/bin/env python3
"""Guards that a speed or memory change does not change what karta writes:
every output of `karta extract` on the corpus, the fixtures, the renderings
and the 2,000 synthetic orders of bench/make_corpus.py (DOCX, text and HTML
pages, plus its large DOCX) must hash to the digest recorded in output_digests.tsv.

usage: output_identity_test.py KARTA SOURCE_DIR [--update]

The digest is SHA-256 of the output JSON with its `producer` object removed
(the karta version and the rule set's hash change with every release; what
they stamp is what this test watches). Inputs are hashed too, so a failure
says whether the input moved (the generator changed) or the output did.
An intended output change is recorded with --update and shows in the diff
of output_digests.tsv next to the change that caused it.
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
DIGESTS = os.path.join(HERE, 'output_digests.tsv')
# Files in the fixture folders that are not documents.
NOT_INPUTS = ('.gold.json', '.md', '.py')
SYNTHETIC_FILES = 2000
SYNTHETIC_BLOCK = 100


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def fixture_inputs(source):
    """(group, relative path, absolute path) of every committed document."""
    out = []
    for group in ('corpus', 'tests/fixtures', 'tests/renderings'):
        root = os.path.join(source, group)
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != 'src')
            for name in sorted(files):
                if name.endswith(NOT_INPUTS):
                    continue
                path = os.path.join(folder, name)
                out.append((group, os.path.relpath(path, root), path))
    return out


def extract(karta, root, inputs, out):
    """Runs one batch over INPUTS (paths relative to ROOT); returns {relative path: output digest}."""
    listing = os.path.join(out, 'inputs.txt')
    with open(listing, 'w', encoding='utf-8') as f:
        f.write(''.join(p + '\n' for p in inputs))
    target = os.path.join(out, 'json')
    run = subprocess.run([karta, 'extract', '-q', '-j', '2', '--files-from', listing, '-o', target],
                         cwd=root, capture_output=True, text=True, timeout=1200)
    if run.returncode not in (0, 1):   # 1: some input failed, which the digests record too
        raise SystemExit('karta extract exited %d: %s' % (run.returncode, run.stderr[-2000:]))
    digests = {}
    with open(os.path.join(target, 'manifest.jsonl'), encoding='utf-8') as f:
        for line in f:
            entry = json.loads(line)
            if entry.get('status') != 'ok':
                digests[entry['path']] = 'status:' + entry.get('status', '?')
                continue
            with open(os.path.join(target, entry['output']), 'rb') as g:
                doc = json.loads(g.read())
            doc.pop('producer', None)
            digests[entry['path']] = sha256(json.dumps(doc, ensure_ascii=False, sort_keys=True).encode())
    return digests


def measure(karta, source, work):
    rows = {}
    fixtures = fixture_inputs(source)
    out = extract(karta, source, [os.path.relpath(p, source) for _, _, p in fixtures], os.path.join(work, 'f'))
    for group, rel, path in fixtures:
        key = os.path.relpath(path, source)
        with open(path, 'rb') as f:
            rows[key] = (sha256(f.read()), out.get(key, 'missing'))
    synthetic = os.path.join(work, 'synthetic')
    subprocess.run([sys.executable, os.path.join(source, 'bench', 'make_corpus.py'), synthetic,
                    str(SYNTHETIC_FILES)], check=True, stdout=subprocess.DEVNULL, timeout=600)
    names, pages = [], []
    for folder, dirs, files in os.walk(synthetic):
        dirs.sort()
        found = sorted(os.path.relpath(os.path.join(folder, n), synthetic) for n in files if not n.startswith('.'))
        # The HTML pages were added to the corpus after the rest was recorded:
        # they come last, so the earlier blocks keep their names and digests.
        (pages if os.path.relpath(folder, synthetic).split(os.sep)[0] == 'html' else names).extend(found)
    out = extract(karta, synthetic, names + pages, os.path.join(work, 's'))
    # Synthetic files are recorded a hundred at a time (one line per block of
    # sorted names) to keep the table short; a failure names the block.
    blocks = [names[i:i + SYNTHETIC_BLOCK] for i in range(0, len(names), SYNTHETIC_BLOCK)]
    blocks += [pages[i:i + SYNTHETIC_BLOCK] for i in range(0, len(pages), SYNTHETIC_BLOCK)]
    for block in blocks:
        given, output = hashlib.sha256(), hashlib.sha256()
        for rel in block:
            with open(os.path.join(synthetic, rel), 'rb') as f:
                given.update(sha256(f.read()).encode())
            output.update(out.get(rel, 'missing').encode())
        key = 'synthetic/%s..%s' % (block[0], os.path.basename(block[-1]))
        rows[key] = (given.hexdigest(), output.hexdigest())
    return rows


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    karta, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    update = '--update' in sys.argv[3:]
    with tempfile.TemporaryDirectory(prefix='karta-identity-') as work:
        os.makedirs(os.path.join(work, 'f'))
        os.makedirs(os.path.join(work, 's'))
        rows = measure(karta, source, work)
    if update:
        with open(DIGESTS, 'w', encoding='utf-8') as f:
            f.write('# input\tinput sha256\toutput digest (output_identity_test.py)\n')
            for key in sorted(rows):
                f.write('%s\t%s\t%s\n' % (key, rows[key][0], rows[key][1]))
        print('recorded %d digests in %s' % (len(rows), DIGESTS))
        return 0
    recorded = {}
    with open(DIGESTS, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#'):
                continue
            key, given, output = line.rstrip('\n').split('\t')
            recorded[key] = (given, output)
    failures = []
    for key in sorted(set(recorded) | set(rows)):
        if key not in rows:
            failures.append('%s: recorded but not produced (input gone?)' % key)
        elif key not in recorded:
            failures.append('%s: new input, not recorded (run with --update)' % key)
        elif rows[key][0] != recorded[key][0]:
            failures.append('%s: the input itself changed (generator or fixture), output not compared' % key)
        elif rows[key][1] != recorded[key][1]:
            failures.append('%s: output changed (%s, was %s)' % (key, rows[key][1][:16], recorded[key][1][:16]))
    for f in failures[:40]:
        print('FAIL ' + f)
    if len(failures) > 40:
        print('... and %d more' % (len(failures) - 40))
    print('%d inputs, %d differ' % (len(rows), len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
