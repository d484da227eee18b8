#!/usr/bin/env bash
# The whole suite on the default database (SQLite): unit and integration tests, then the
# end-to-end tests in Chromium against a production build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== Unit and integration tests (SQLite) =="
npx vitest run
echo "== End-to-end tests (SQLite, Chromium) =="
bash scripts/e2e.sh
