#!/usr/bin/env bash
# End-to-end tests in real Chromium against the production build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
export NEXT_TELEMETRY_DISABLED=1
if [ "${SKIP_BUILD:-}" != "1" ]; then
  BUILD_START=$SECONDS
  npx next build > /tmp/chatbot-factory-build.log 2>&1 || { cat /tmp/chatbot-factory-build.log; exit 1; }
  echo "next build: $((SECONDS - BUILD_START)) s"
fi
npx playwright test "$@"
