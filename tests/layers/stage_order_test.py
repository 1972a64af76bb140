#!/usr/bin/env python3
"""The pipeline flows one way: no folder of src/ includes a folder that
comes after it in the order below (read → document model → normalisation →
roadmap tables → fields → the pipeline's entry → JSON and other writers →
comparison → the store → its HTTP service → the drop folder → batch → CLI). `model` and `rules` are the ground every stage
stands on; `karta/` (the public API) is open to all.

usage: stage_order_test.py SOURCE_DIR
"""
import os
import re
import sys

ORDER = ['model', 'rules', 'normalize', 'read', 'roadmap', 'extract', 'pipeline', 'write', 'compare', 'store', 'serve', 'watch', 'batch', 'cli']
INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/', re.M)


def main():
    src = os.path.join(sys.argv[1], 'src')
    folders = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))
    failures = ['src/%s: a stage the order does not know; add it to ORDER' % d for d in folders if d not in ORDER]
    for folder in folders:
        if folder not in ORDER:
            continue
        rank = ORDER.index(folder)
        for name in sorted(os.listdir(os.path.join(src, folder))):
            path = os.path.join(src, folder, name)
            for included in INCLUDE.findall(open(path, encoding='utf-8').read()):
                if included in ORDER and ORDER.index(included) > rank:
                    failures.append('src/%s/%s includes %s/, which comes after %s/' % (folder, name, included, folder))
    for f in failures:
        print('FAIL ' + f)
    print('%d folders checked, %d failures' % (len(folders), len(failures)))
    return 1 if failures or not folders else 0


if __name__ == '__main__':
    sys.exit(main())
