#!/usr/bin/env bash
# The benchmark, in one command: builds karta (Release) into build/release,
# apart from the development build, generates the synthetic corpus once into
# build/bench-corpus, measures, and writes bench/RESULTS.md (the performance
# table), COMPARE.md, SHAPES.md, READERS.md, OFFICE.md, SERVE.md (karta
# serve under load on loopback), SCALING.md (one order's body 1–256 times), COMPARE_PAGE.md (89 regions in Chromium) and
# PROFILE.md (callgrind: instructions by stage beside the SAX floor's; needs valgrind).
# Not a test: it asserts nothing, it reports. pandoc is compared when
# installed (apt-get install pandoc); the SAX floor needs libxml2-dev and unzip.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DKARTA_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" --target karta >/dev/null
karta=build/release/karta
corpus=build/bench-corpus
files="${BENCH_FILES:-2000}"
if [ ! -f "$corpus/.done-$files-html" ]; then
  rm -rf "$corpus"
  python3 bench/make_corpus.py "$corpus" "$files"
  touch "$corpus/.done-$files-html"
fi
# The floor: libxml2's SAX2 parse with empty handlers.
cc -O2 bench/sax_floor.c $(xml2-config --cflags --libs) -o build/sax_floor
python3 bench/measure.py "$karta" build/sax_floor "$corpus" bench/RESULTS.md
python3 bench/profile.py "$karta" build/sax_floor "$corpus" bench/PROFILE.md
python3 bench/compare_scaling.py "$karta" "$corpus" bench/COMPARE.md
python3 bench/size_scaling.py "$karta" "$corpus" bench/SCALING.md
python3 bench/input_shapes.py "$karta" bench/SHAPES.md
python3 bench/reader_scaling.py "$karta" bench/READERS.md
python3 bench/office_formats.py "$karta" . bench/OFFICE.md build/sax_floor
python3 bench/serve_load.py "$karta" "$corpus/docx" bench/SERVE.md
python3 bench/serve_load.py "$karta" "$corpus/docx" bench/SERVE_POSTGRESQL.md --postgresql
# Chromium through Debian's python3-selenium: the system interpreter.
/usr/bin/python3 bench/compare_page.py "$karta" "$corpus" rules bench/COMPARE_PAGE.md
# What bounds each target not met, from this run's results.json and profile.json.
python3 bench/bounds.py bench
