#!/usr/bin/env bash
# The main job: every document in corpus/ into output/ (extraction JSON, and
# the document model as *.read.json for people writing rules), then the
# regions compared (comparison.json, .md, .html, measures.csv).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf output
mkdir -p output
build/karta extract corpus -o output
# From the extractions just written, not the documents again.
build/karta compare output/*.json -o output
build/karta read corpus/* -o output
