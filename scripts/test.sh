#!/usr/bin/env bash
# The whole suite on the default database (SQLite): unit and integration tests, then the
# end-to-end tests in Chromium against a production build. The unit tests (two files at a time,
# each worker on its own database copy) mostly wait on the database, so the build runs beside
# them. Each layer prints its time per file; the last line gives each layer's wall clock.
set -euo pipefail
cd "$(dirname "$0")/.."
START=$SECONDS
BUILD_LOG=$(mktemp)
if [ "${SKIP_BUILD:-}" != "1" ]; then
  NEXT_TELEMETRY_DISABLED=1 npx next build > "$BUILD_LOG" 2>&1 &
  BUILD_PID=$!
  trap 'kill $BUILD_PID 2>/dev/null || true' EXIT
fi
echo "== Unit and integration tests (SQLite; the production build beside them) =="
npx vitest run
UNIT=$((SECONDS - START))
if [ -n "${BUILD_PID:-}" ]; then
  wait "$BUILD_PID" || { cat "$BUILD_LOG"; exit 1; }
  trap - EXIT
  echo "next build (beside the unit tests): done $((SECONDS - START)) s after the start"
fi
echo "== End-to-end tests (SQLite, Chromium) =="
SKIP_BUILD=1 bash scripts/e2e.sh
echo "== Times: unit and integration ${UNIT} s; build and end-to-end $((SECONDS - START - UNIT)) s; total $((SECONDS - START)) s =="
