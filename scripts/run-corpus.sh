#!/usr/bin/env bash
# The main job: every document in corpus/ into output/.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf output
mkdir -p output
build/karta read corpus/* -o output
