#!/usr/bin/env bash
# The clerk's whole job on `gongwen serve`, end to end in a real Chromium (issue 16, item 6):
# starts the server on a free port with its own data folder and the 南岭省 考核办法, drives the pages with selenium
# (Tests/E2E/walk.py), validates every document of the downloaded .zip with the OASIS schema and
# the Nu HTML checker, and keeps the screenshots (docs/screenshots/ when SCREENSHOTS is set there).
# Needs: a debug build, Debian's chromium, chromium-driver and python3-selenium.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
SHARED=${SHARED:-$root/../shared}
work=$(mktemp -d)
shots=${SCREENSHOTS:-$work/screenshots}
port=${PORT:-8097}
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# One clerk's account: with an account, even 127.0.0.1 asks every visitor to sign in.
export E2E_ACCOUNT=王秘书 E2E_PASSWORD=南岭-2026-考核
printf '%s\n' "$E2E_PASSWORD" | .build/debug/gongwen users add "$E2E_ACCOUNT" --password-stdin --data-dir "$work/data"
.build/debug/gongwen serve --port "$port" --data-dir "$work/data" --rules Examples/南岭省/考核办法.xml >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; echo "FAIL: the server did not start"; exit 1; }

/usr/bin/python3 Tests/E2E/walk.py "http://127.0.0.1:$port" "$shots" "$work/download" || { tail -20 "$work/server.log"; exit 1; }

batch=$work/download/batch
ls "$batch"/*.odt | xargs -n 30 "$SHARED/odf-schema/validate-odf" -q
echo "every .odt of the downloaded zip is valid ODF 1.3 ($(ls "$batch"/*.odt | wc -l) files)"
PATH="${PYTHON_VENV:-/tmp/gongwen-ci-venv}/bin:$PATH" "$SHARED/html-check/check-html" "$(ls "$batch"/*.html | head -1)" "$(ls "$batch"/*.html | tail -1)"
echo "first and last .html pass the Nu HTML checker"
ls "$work/download/assess"/*.odt | xargs -n 30 "$SHARED/odf-schema/validate-odf" -q
echo "every .odt of the 考核 notices is valid ODF 1.3 ($(ls "$work/download/assess"/*.odt | wc -l) files)"
(cd "$batch" && tail -n +2 清单.csv | tr -d '\r' | awk -F, '{print $8 "  " $5}' | sha256sum -c --quiet)
echo "manifest SHA-256 verified with sha256sum; screenshots: $(ls "$shots" | tr '\n' ' ')"
