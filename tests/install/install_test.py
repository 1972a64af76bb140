#!/usr/bin/env python3
"""cmake --install into a temporary prefix gives a karta that works on its
own: bin/karta, its rules in share/karta/rules (found relative to the binary,
also after the prefix is moved), the man page, bash and zsh completions, and
libkarta.so with headers, CMake package config and pkg-config file that
another project builds against. KARTA_RULES and --rules override the rules.
The modules (lib/karta/karta-poppler.so, karta-postgresql.so) are loaded
from the prefix, by the binary and by libkarta.so, not from the build tree.

usage: install_test.py BUILD_DIR SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

BUILD, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
DOCX = os.path.join(SOURCE, 'corpus', 'tyumen-roadmap-2023.docx')
PDF = os.path.join(SOURCE, 'tests', 'renderings', 'office', 'kaluga-order-2024.lo.pdf')
problems = []


def check(ok, what, detail=''):
    print(('ok   ' + what) if ok else ('FAIL ' + what + (': ' + detail if detail else '')))
    if not ok:
        problems.append(what)


def run(cmd, **kw):
    env = dict(os.environ)
    env.pop('KARTA_RULES', None)
    env.update(kw.pop('env', {}))
    return subprocess.run(cmd, capture_output=True, env=env, **kw)


def loaded_module(stderr, name):
    """The path ld.so says it loaded `name` from (LD_DEBUG=files), or ''."""
    for line in stderr.decode(errors='replace').splitlines():
        if 'file=' in line and name in line and 'dynamically loaded' in line:
            return line.split('file=', 1)[1].split()[0]
    return ''


def rules_line(karta, **kw):
    out = run([karta, '--version'], **kw).stdout.decode()
    return next((l for l in out.splitlines() if l.startswith('rules ')), '')


def main():
    reference = run([os.path.join(BUILD, 'karta'), 'extract', DOCX, '-o', '-']).stdout
    pdf_reference = run([os.path.join(BUILD, 'karta'), 'extract', PDF, '-o', '-']).stdout
    with tempfile.TemporaryDirectory() as tmp:
        prefix = os.path.join(tmp, 'prefix')
        p = run(['cmake', '--install', BUILD, '--prefix', prefix])
        check(p.returncode == 0, 'cmake --install', p.stderr.decode()[-500:])
        for rel in ('bin/karta', 'share/karta/rules/roadmap.yaml', 'share/karta/rules/templates/rsnms.yaml',
                    'share/man/man1/karta.1', 'share/bash-completion/completions/karta', 'share/zsh/vendor-completions/_karta',
                    'include/karta/extract.hpp', 'include/karta/read.hpp', 'lib/libkarta.so',
                    'lib/karta/karta-poppler.so', 'lib/karta/karta-postgresql.so', 'lib/karta/karta-xlsx.so',
                    'lib/cmake/karta/kartaConfig.cmake', 'lib/cmake/karta/kartaConfigVersion.cmake', 'lib/pkgconfig/karta.pc'):
            check(os.path.exists(os.path.join(prefix, rel)), 'installed ' + rel)
        elsewhere = os.path.join(tmp, 'elsewhere')
        os.mkdir(elsewhere)

        moved = os.path.join(tmp, 'moved')
        for stage, root in (('installed', prefix), ('moved', moved)):
            if stage == 'moved':
                shutil.move(prefix, moved)
            karta = os.path.join(root, 'bin', 'karta')
            line = rules_line(karta, cwd=elsewhere)
            check(line.endswith('(%s)' % os.path.join(root, 'share', 'karta', 'rules')),
                  '%s karta finds its own rules: %s' % (stage, line))
            p = run([karta, 'extract', DOCX, '-o', '-'], cwd=elsewhere)
            check(p.returncode == 0 and p.stdout == reference and len(reference) > 1000,
                  '%s karta, run from another directory, gives build/karta\'s output' % stage)
            p = run([karta, 'extract', PDF, '-o', '-'], cwd=elsewhere, env={'LD_DEBUG': 'files'})
            module = loaded_module(p.stderr, 'karta-poppler.so')
            check(p.returncode == 0 and p.stdout == pdf_reference and len(pdf_reference) > 1000,
                  '%s karta reads a PDF as build/karta does' % stage)
            check(module == os.path.join(root, 'lib', 'karta', 'karta-poppler.so'),
                  '%s karta loads its own PDF module: %r' % (stage, module))
        karta = os.path.join(moved, 'bin', 'karta')

        # KARTA_RULES, then --rules, override the installed rules.
        custom = os.path.join(tmp, 'custom-rules')
        shutil.copytree(os.path.join(moved, 'share', 'karta', 'rules'), custom)
        with open(os.path.join(custom, 'roadmap.yaml'), 'a', encoding='utf-8') as f:
            f.write('\n# a local change\n')
        line = rules_line(karta, env={'KARTA_RULES': custom})
        check(line.endswith('(%s)' % custom), 'KARTA_RULES overrides: ' + line)
        p = run([karta, 'extract', DOCX, '-o', '-', '--rules', custom])
        installed_rules = json.loads(reference)['producer']['rules']
        check(p.returncode == 0 and json.loads(p.stdout)['producer']['rules'] != installed_rules,
              '--rules DIR is the rule set the output names')
        p = run(['man', '-l', os.path.join(moved, 'share', 'man', 'man1', 'karta.1')], env={'MANWIDTH': '80'})
        check(p.returncode == 0 and b'EXIT STATUS' in p.stdout, 'the man page renders')
        p = run(['bash', '-n', os.path.join(moved, 'share', 'bash-completion', 'completions', 'karta')])
        check(p.returncode == 0, 'the bash completion parses')

        # Another project: find_package(karta), and pkg-config.
        consumer = os.path.join(tmp, 'consumer-build')
        p = run(['cmake', '-S', os.path.join(SOURCE, 'tests', 'install', 'consumer'), '-B', consumer,
                 '-DCMAKE_PREFIX_PATH=' + moved])
        check(p.returncode == 0, 'find_package(karta) configures', p.stderr.decode()[-800:])
        p = run(['cmake', '--build', consumer])
        check(p.returncode == 0, 'the consumer builds against karta::karta', p.stdout.decode()[-800:])
        expected_measures = sum(len(s['measures']) for r in json.loads(reference)['roadmaps']
                                for d in r['directions'] for s in d['system_measures'])
        p = run([os.path.join(consumer, 'consumer'), DOCX], cwd=elsewhere)
        want = 'docx %d %s' % (expected_measures, os.path.join(moved, 'share', 'karta', 'rules'))
        check(p.returncode == 0 and p.stdout.decode().strip() == want,
              'the consumer reads and extracts through libkarta.so: %r, expected %r' % (p.stdout.decode().strip(), want))
        p = run([os.path.join(consumer, 'consumer'), PDF], cwd=elsewhere, env={'LD_DEBUG': 'files'})
        module = loaded_module(p.stderr, 'karta-poppler.so')
        check(p.returncode == 0 and p.stdout.decode().startswith('pdf ') and
              module == os.path.join(moved, 'lib', 'karta', 'karta-poppler.so'),
              'libkarta.so reads a PDF through the module beside it: %r from %r' % (p.stdout.decode().strip(), module))
        pc = run(['pkg-config', '--cflags', '--libs', 'karta'], env={'PKG_CONFIG_PATH': os.path.join(moved, 'lib', 'pkgconfig')})
        flags = pc.stdout.decode().split()
        check(pc.returncode == 0 and '-lkarta' in flags, 'pkg-config karta: ' + ' '.join(flags))
        binary = os.path.join(tmp, 'pc-consumer')
        p = run(['g++', os.path.join(SOURCE, 'tests', 'install', 'consumer', 'main.cpp'), '-o', binary] + flags)
        check(p.returncode == 0, 'the consumer builds with pkg-config flags', p.stderr.decode()[-800:])
        p = run([binary, DOCX], env={'LD_LIBRARY_PATH': os.path.join(moved, 'lib')})
        check(p.returncode == 0 and p.stdout.decode().strip() == want, 'the pkg-config build runs: %r' % p.stdout)

    print('%d passed, %d failed' % (0 if problems else 1, 1 if problems else 0))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
