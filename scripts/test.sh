#!/usr/bin/env bash
# The whole suite on the default database (SQLite): unit and integration tests, then the
# end-to-end tests in Chromium against a production build. Each layer prints its time per file;
# the last line gives each layer's wall clock.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$SECONDS
echo "== Unit and integration tests (SQLite) =="
npx vitest run
UNIT=$((SECONDS - START))
echo "== End-to-end tests (SQLite, Chromium) =="
bash scripts/e2e.sh
echo "== Times: unit and integration ${UNIT} s; build and end-to-end $((SECONDS - START - UNIT)) s; total $((SECONDS - START)) s =="
