#!/usr/bin/env bash
# Speed of `gongwen serve` as clerks use it (issue 16, item 7): page loads, checking a 2,000-row
# workbook, 10,000 households to a .zip against the CLI in the same run, memory with 10 clerks.
# Usage: Benchmarks/server.sh [HOUSEHOLDS]   (10000 by default; GONGWEN_BIN=… to use a built binary,
# else a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-10000}
if [ -z "${GONGWEN_BIN:-}" ]; then
  swift build -c release --product gongwen >/dev/null
  GONGWEN_BIN=$(swift build -c release --show-bin-path)/gongwen
fi
work=$(mktemp -d)
port=${PORT:-8098}
"$GONGWEN_BIN" serve --port "$port" --data-dir "$work/data" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
echo "gongwen serve $("$GONGWEN_BIN" --version) ($(basename "$(dirname "$GONGWEN_BIN")") build), $(nproc) cores, $(date -u +%F)"
python3 Benchmarks/server.py "http://127.0.0.1:$port" "$server" "$GONGWEN_BIN" "$work" "$households" || { tail -20 "$work/server.log"; exit 1; }
