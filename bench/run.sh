#!/usr/bin/env bash
# The benchmark, in one command: builds (Release), generates the synthetic
# corpus once into build/bench-corpus, measures, writes bench/RESULTS.md.
# Not a test: it asserts nothing, it reports. pandoc is compared when
# installed (apt-get install pandoc).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_TYPE=Release scripts/build.sh >/dev/null
corpus=build/bench-corpus
files="${BENCH_FILES:-2000}"
if [ ! -f "$corpus/.done-$files" ]; then
  rm -rf "$corpus"
  python3 bench/make_corpus.py "$corpus" "$files"
  touch "$corpus/.done-$files"
fi
# The floor: libxml2's SAX2 parse with empty handlers (needs libxml2-dev and unzip).
cc -O2 bench/sax_floor.c $(xml2-config --cflags --libs) -o build/sax_floor
python3 bench/measure.py build/karta build/sax_floor "$corpus" bench/RESULTS.md
python3 bench/compare_scaling.py build/karta "$corpus" bench/COMPARE.md
python3 bench/input_shapes.py build/karta bench/SHAPES.md
