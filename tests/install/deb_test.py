#!/usr/bin/env python3
"""The Debian package: built by CPack from the test build, it lists real
Debian 12 packages as dependencies (dpkg-shlibdeps), carries the binary,
rules, man page, completions and library, and, unpacked into a fresh
directory root, runs there and gives build/karta's output.

usage: deb_test.py BUILD_DIR SOURCE_DIR
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

BUILD, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DOCX = os.path.join(SOURCE, 'corpus', 'kuzbass-order-2023-1971.docx')
problems = []


def check(ok, what, detail=''):
    print(('ok   ' + what) if ok else ('FAIL ' + what + (': ' + detail if detail else '')))
    if not ok:
        problems.append(what)


def main():
    reference = subprocess.run([os.path.join(BUILD, 'karta'), 'extract', DOCX, '-o', '-'], capture_output=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run(['cpack', '-G', 'DEB', '--config', os.path.join(BUILD, 'CPackConfig.cmake'), '-B', tmp],
                           capture_output=True)
        debs = glob.glob(os.path.join(tmp, '*.deb'))
        check(p.returncode == 0 and len(debs) == 1, 'cpack builds one .deb', (p.stdout + p.stderr).decode()[-800:])
        if not debs:
            return 1
        deb = debs[0]
        info = subprocess.run(['dpkg-deb', '-f', deb, 'Package', 'Version', 'Depends'], capture_output=True).stdout.decode()
        check('Package: karta' in info and 'Version: 0.2.0' in info, 'package name and version', info)
        depends = re.search(r'^Depends: (.*)$', info, re.M)
        names = [re.split(r'[ (]', d.strip())[0] for d in depends.group(1).split(',')] if depends else []
        check(any(n.startswith('libxml2') for n in names) and any(n.startswith('libpoco') for n in names)
              and any(n.startswith('libre2') for n in names), 'Depends lists the shared libraries\' packages', info)
        # The modules' libraries too: dpkg-shlibdeps reads lib/karta/*.so.
        check(any(n.startswith('libpoppler-cpp') for n in names) and any(n.startswith('libpq') for n in names),
              'Depends lists the modules\' libraries (poppler-cpp, libpq)', info)
        for n in names:
            known = subprocess.run(['dpkg-query', '-W', '-f=${Status}', n], capture_output=True).stdout.decode()
            check('installed' in known, 'dependency %s is a Debian 12 package' % n)
        contents = subprocess.run(['dpkg-deb', '--contents', deb], capture_output=True).stdout.decode()
        for path in ('./usr/bin/karta', './usr/share/karta/rules/roadmap.yaml', './usr/share/man/man1/karta.1',
                     './usr/share/bash-completion/completions/karta', './usr/share/zsh/vendor-completions/_karta',
                     './usr/include/karta/extract.hpp', './usr/lib/pkgconfig/karta.pc',
                     './usr/lib/karta/karta-poppler.so', './usr/lib/karta/karta-postgresql.so',
                     './usr/lib/karta/karta-xlsx.so'):
            check(path in contents, 'the package holds ' + path)
        root = os.path.join(tmp, 'root')
        p = subprocess.run(['dpkg-deb', '-x', deb, root], capture_output=True)
        check(p.returncode == 0, 'dpkg-deb -x into a fresh root', p.stderr.decode())
        env = dict(os.environ)
        env.pop('KARTA_RULES', None)
        karta = os.path.join(root, 'usr', 'bin', 'karta')
        p = subprocess.run([karta, '--version'], capture_output=True, env=env, cwd=tmp)
        check(p.returncode == 0 and ('(%s)' % os.path.join(root, 'usr', 'share', 'karta', 'rules')).encode() in p.stdout,
              'the unpacked karta finds the packaged rules', p.stdout.decode())
        p = subprocess.run([karta, 'extract', DOCX, '-o', '-'], capture_output=True, env=env, cwd=tmp)
        check(p.returncode == 0 and p.stdout == reference and len(reference) > 1000,
              'the unpacked karta gives build/karta\'s output', p.stderr.decode())

    print('%d passed, %d failed' % (0 if problems else 1, 1 if problems else 0))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
