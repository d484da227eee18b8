#!/usr/bin/env bash
# The data-layer and end-to-end suites again on PostgreSQL. It fails, rather than skips,
# when the server is unreachable. TEST_DATABASE_URL's database is emptied by the run.
set -euo pipefail
cd "$(dirname "$0")/.."
URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}"
if ! node -e '
  const pg = require("pg");
  const c = new pg.Client({ connectionString: process.argv[1], connectionTimeoutMillis: 5000 });
  c.connect().then(() => c.end()).catch((e) => { console.error(e.message); process.exit(1); });
' "$URL"; then
  echo "PostgreSQL is not reachable at $URL (set TEST_DATABASE_URL)." >&2
  exit 1
fi
# The limiter's tests also run against Redis here (a shared store, as with REDIS_URL).
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"
REDIS="$TEST_REDIS_URL"
echo "== Unit and integration tests (PostgreSQL, limits in Redis at $REDIS) =="
DATABASE_URL="$URL" TEST_REDIS_URL="$REDIS" npx vitest run
echo "== End-to-end tests (PostgreSQL, Chromium; two extra instances with limits in PostgreSQL, two in Redis) =="
E2E_DATABASE_URL="$URL" bash scripts/e2e.sh
