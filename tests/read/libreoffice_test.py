#!/usr/bin/env python3
"""Legacy Word .doc through LibreOffice (read/libreoffice.hpp), end to end:

- the LibreOffice renderings of the corpus and fixtures (tests/renderings/
  office/*.lo.doc) extract with format "doc" and a diagnostic naming the
  LibreOffice version, scoring what their DOCX scores;
- a batch's .doc files go through one LibreOffice process, not one each
  (counted through a wrapper named by KARTA_SOFFICE);
- a conversion that hangs is stopped by --libreoffice-timeout, its whole
  process group with it, the file fails naming itself and the reason, the
  rest of the batch is done, and no temporary directory is left behind;
- without LibreOffice a .doc fails with an error naming the Debian package;
- a file LibreOffice cannot load fails cleanly.

usage: libreoffice_test.py KARTA SOURCE_DIR
"""
import glob
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

failures = []


def check(ok, what):
    print('%s %s' % ('ok  ' if ok else 'FAIL', what))
    if not ok:
        failures.append(what)


def script(path, body):
    with open(path, 'w') as f:
        f.write('#!/bin/sh\n' + body)
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC)


def manifest(out):
    return [json.loads(l) for l in open(os.path.join(out, 'manifest.jsonl'), encoding='utf-8')]


def main():
    karta, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    docs = sorted(glob.glob(os.path.join(source, 'tests', 'renderings', 'office', '*.lo.doc')))
    if len(docs) < 6:
        print('FAIL missing test data: tests/renderings/office/*.lo.doc')
        return 1
    soffice = shutil.which('soffice')
    check(soffice is not None, 'LibreOffice is installed for the tests (scripts/install-deps.sh --dev)')
    if not soffice:
        return 1
    sys.path.insert(0, os.path.join(source, 'tests', 'tools'))
    import score

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, TMPDIR=os.path.join(tmp, 'tmpdir'))
        os.makedirs(env['TMPDIR'])
        # One process for the batch: a wrapper counts the conversions.
        calls = os.path.join(tmp, 'calls')
        wrapper = os.path.join(tmp, 'soffice-counting')
        script(wrapper, 'case "$*" in *--convert-to*) echo x >> %s ;; esac\nexec %s "$@"\n' % (calls, soffice))
        out = os.path.join(tmp, 'out')
        started = time.monotonic()
        proc = subprocess.run([karta, 'extract', '-o', out] + docs, env=dict(env, KARTA_SOFFICE=wrapper),
                              capture_output=True)
        elapsed = time.monotonic() - started
        check(proc.returncode == 0, 'the .doc renderings extract (exit %d) %s' % (proc.returncode, proc.stderr.decode()[-300:]))
        n = len(open(calls).read().split()) if os.path.exists(calls) else 0
        check(n == 1, '%d .doc files went through %d LibreOffice conversion run(s), in %.1f s' % (len(docs), n, elapsed))
        for doc in docs:
            name = os.path.basename(doc)
            stem = name.split('.')[0]
            gold = os.path.join(source, 'tests', 'gold', stem + '.gold.json')
            if not os.path.exists(gold):
                gold = os.path.join(source, 'tests', 'fixtures', stem + '.gold.json')
            pred = json.load(open(os.path.join(out, name + '.json'), encoding='utf-8'))
            res, _ = score.score(json.load(open(gold, encoding='utf-8')), pred)
            check(pred['source']['format'] == 'doc', '%s: format doc' % name)
            notes = [d for d in pred['diagnostics'] if d['code'] == 'read.libreoffice']
            check(len(notes) == 1 and 'LibreOffice' in notes[0]['message'],
                  '%s: says it went through LibreOffice: %s' % (name, notes[0]['message'] if notes else None))
            check(res['overall'] >= 98.0, '%s: overall %.1f' % (name, res['overall']))
        check(os.listdir(env['TMPDIR']) == [], 'no temporary directory left: %s' % os.listdir(env['TMPDIR']))

        # A conversion that hangs: the fake LibreOffice and its child sleep.
        marker = 'karta-hang-%d' % os.getpid()
        hang = os.path.join(tmp, 'soffice-hanging')
        sleeper = '%s -c "import time; time.sleep(300)" %s' % (sys.executable, marker)
        script(hang, 'case "$*" in *--version*) echo "LibreOffice 0.0 hanging"; exit 0 ;; esac\n'
                     '%s &\nexec %s\n' % (sleeper, sleeper))
        text = os.path.join(tmp, 'note.txt')
        open(text, 'w', encoding='utf-8').write('План мероприятий\nМероприятие\tСрок\nСеминар\tмарт 2025 г.\n')
        out2 = os.path.join(tmp, 'out2')
        started = time.monotonic()
        proc = subprocess.run([karta, 'extract', '--libreoffice-timeout', '2', '-o', out2, docs[0], text],
                              env=dict(env, KARTA_SOFFICE=hang), capture_output=True, timeout=120)
        elapsed = time.monotonic() - started
        err = proc.stderr.decode('utf-8')
        check(proc.returncode == 1, 'a hung conversion fails its input: exit %d' % proc.returncode)
        check(docs[0] in err and 'did not finish within 2 s' in err, 'the error names the file and the limit: %s' % err.strip()[-300:])
        check(elapsed < 30, 'stopped in %.1f s' % elapsed)
        rows = {os.path.basename(r['path']): r for r in manifest(out2)}
        check(rows.get('note.txt', {}).get('status') == 'ok', 'the rest of the batch is done')
        check(rows.get(os.path.basename(docs[0]), {}).get('status') == 'failed', 'the .doc is in the manifest as failed')
        left = subprocess.run(['pgrep', '-f', marker], capture_output=True).stdout.split()
        check(left == [], 'the hung process group is gone: %s' % left)
        check(os.listdir(env['TMPDIR']) == [], 'no temporary directory left after the kill')

        # No LibreOffice at all.
        proc = subprocess.run([karta, 'read', docs[0]], env=dict(env, PATH='/nonexistent', KARTA_SOFFICE=''),
                              capture_output=True)
        err = proc.stderr.decode('utf-8')
        check(proc.returncode == 1 and 'libreoffice-writer-nogui' in err and docs[0] in err,
              'without LibreOffice the error names the package: %s' % err.strip())

        # A file LibreOffice cannot load: OLE2 magic and nothing after it.
        broken = os.path.join(tmp, 'broken.doc')
        open(broken, 'wb').write(b'\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1' + b'\x00' * 600)
        proc = subprocess.run([karta, 'read', broken], env=env, capture_output=True, timeout=180)
        err = proc.stderr.decode('utf-8')
        check(proc.returncode == 1 and broken in err and 'LibreOffice' in err, 'a broken .doc fails cleanly: %s' % err.strip())
    print('%d passed, %d failed' % (0 if failures else 1, len(failures)))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
