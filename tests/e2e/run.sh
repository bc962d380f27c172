#!/usr/bin/env bash
# The browser suite in one command:
#   bash tests/e2e/run.sh [node --test options] [tests/e2e/NAME.test.mjs ...]
#   builds the bundled site into target/e2e/site, then runs the test files named,
#   or every tests/e2e/*.test.mjs (each test file serves that folder on
#   127.0.0.1 itself and stops its server).
# Needs: cargo, node ≥ 20, chromium (/usr/bin/chromium or $CHROMIUM_PATH), java.
set -euo pipefail
started_in="$PWD"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
cd "$repo"

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=("chromium ($chromium): apt-get install chromium, or set CHROMIUM_PATH")
command -v java >/dev/null || missing+=("java: apt-get install default-jre-headless")
command -v node >/dev/null || missing+=("node (20 or newer)")
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'e2e: missing %s\n' "${missing[@]}" >&2
  exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/lighthouse" ]; then
  npm ci --prefix "$here" --no-audit --no-fund
fi

# SALVE_E2E_PROFILE=dev builds with the debug binary instead, which `cargo test`
# has just built in CI (its dependencies are optimised too: see Cargo.toml).
case "${SALVE_E2E_PROFILE:-release}" in
  release) profile=(--release) ;;
  dev) profile=() ;;
  *) echo "e2e: SALVE_E2E_PROFILE must be release or dev" >&2; exit 1 ;;
esac
echo "e2e: building the bundled site into target/e2e/site"
cargo run "${profile[@]}" --locked -- build --output target/e2e/site

options=()
files=()
for arg in "$@"; do
  case "$arg" in
    /*.test.mjs) files+=("$arg") ;;
    *.test.mjs) files+=("$started_in/$arg") ;;
    *) options+=("$arg") ;;
  esac
done
[ "${#files[@]}" -gt 0 ] || files=("$here"/*.test.mjs)

export SALVE_E2E_PREBUILT=1
node --test --test-reporter=spec "${options[@]}" "${files[@]}"
echo "e2e: screenshots in target/e2e/*.png"
