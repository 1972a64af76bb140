#!/usr/bin/env bash
# Configures and builds into build/ (binary: build/karta).
#   scripts/build.sh           karta alone (no GoogleTest needed)
#   scripts/build.sh --tests   karta and its tests (scripts/install-deps.sh --dev)
set -euo pipefail
cd "$(dirname "$0")/.."
tests=OFF
[ "${1:-}" = "--tests" ] && tests=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" -DKARTA_TESTS=$tests >/dev/null
cmake --build build -j"$(nproc)"
