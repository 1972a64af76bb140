#!/usr/bin/env bash
# Builds the Debian package into build-deb/ (CPack; dependencies from
# dpkg-shlibdeps, so dpkg-dev must be installed: scripts/install-deps.sh --dev).
#   scripts/deb.sh            → build-deb/karta_VERSION_ARCH.deb
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-deb -DCMAKE_BUILD_TYPE=Release -DKARTA_TESTS=OFF >/dev/null
cmake --build build-deb -j"$(nproc)"
(cd build-deb && cpack -G DEB >/dev/null)
ls build-deb/*.deb
