#!/usr/bin/env bash
# Installs the Debian 12 packages karta needs.
#   scripts/install-deps.sh         building and running karta
#   scripts/install-deps.sh --dev   also the tests, the browser test, fuzzing and packaging
# Idempotent: does nothing (and needs no network) when all are present.
set -euo pipefail
packages=(
  build-essential cmake pkg-config
  libxml2-dev zlib1g-dev libicu-dev libre2-dev libpoco-dev libyaml-cpp-dev libstemmer-dev
  libcli11-dev libxlsxwriter-dev libsqlite3-dev libpq-dev libpoppler-cpp-dev
  # the Russian dictionary mends words a narrow PDF column broke with no hyphen
  libhunspell-dev hunspell-ru
)
if [ "${1:-}" = "--dev" ]; then
  packages+=(
    libgtest-dev libgmock-dev
    python3 python3-jsonschema python3-openpyxl python3-yaml
    # the HTML report's browser test: Debian's Chromium, driven through chromedriver
    chromium chromium-driver python3-selenium fonts-dejavu-core
    # libFuzzer targets: clang and its runtime
    clang libclang-rt-14-dev
    # the .deb (dpkg-shlibdeps), the man page test, the clean-clone check
    dpkg-dev man-db git
    # the store's API test against a PostgreSQL server it starts itself (initdb, pg_ctl, psql)
    postgresql
    # .doc through LibreOffice (optional at run time); pdftotext for the PDF bench
    libreoffice-writer-nogui poppler-utils
  )
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/install-deps.sh [--dev]" >&2
  exit 2
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
