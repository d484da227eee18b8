#!/usr/bin/env bash
# The several-instances test (e2e/nginx.spec.ts) puts a real load balancer in front of the app:
# Debian's nginx, installed here only when that test runs. The test starts nginx itself on a
# port of its own with its own configuration; the package's service is never started.
set -euo pipefail
NGINX="${NGINX_PATH:-/usr/sbin/nginx}"
if [ -x "$NGINX" ]; then exit 0; fi
if [ -z "${NGINX_PATH:-}" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "nginx not found: installing Debian's nginx package (its service is not started)…"
  # A policy-rc.d answering 101 keeps the package's scripts from starting nginx on port 80.
  CREATED=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && CREATED=1; fi
  trap '[ -n "$CREATED" ] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
  exit 0
fi
echo "nginx is needed for the several-instances test. Install it with:" >&2
echo "  sudo apt-get install -y nginx" >&2
echo "or point NGINX_PATH at an nginx binary." >&2
exit 1
