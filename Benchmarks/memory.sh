#!/usr/bin/env bash
# Peak memory of `gongwen check` on data files made to cost a reader far more than their size
# (issue 15 item 6): empty shared strings and cell formats, rows in the last column, rows
# repeated by an attribute, JSON and YAML that expand into millions of values (empty objects,
# aliases, deep nesting, many keys), and ordinary large inputs for comparison (100,000 rows,
# 50,000 records, the ranking template looping over every row of a sheet). Each must end
# either "ok" or in a located error (its id is shown), with a peak resident set (GNU time's %M)
# of at most 256 MB; the script fails otherwise, or when the process crashed (exit code > 1).
# Usage: [GONGWEN_BIN=path] Benchmarks/memory.sh [release|debug] [LIST_ROWS …]   (default: release, 100000)
#   LIST_ROWS: sizes of the list-template case, e.g. 10000 50000 100000 for its scaling.
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-release}
shift || true
limit_mb=256
# GONGWEN_BIN: a gongwen already built (while `swift test` holds the build folder, say).
bin=${GONGWEN_BIN:-}
if [[ -z $bin ]]; then
  swift build -c "$config" --product gongwen >/dev/null
  bin="$(swift build -c "$config" --show-bin-path)/gongwen"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 Benchmarks/memory_inputs.py "$work" "$@" >"$work/cases.tsv"

printf '%-36s %10s %9s %8s  %s\n' input "on disk" "peak MB" seconds outcome
failed=0
while IFS=$'\t' read -r name data template args; do
  read -r -a extra <<<"${args:-}"
  size=$(du -k "$data" | cut -f1)
  set +e
  /usr/bin/time -f '%M %e' -o "$work/time" "$bin" check "$template" --data "$data" ${extra[@]+"${extra[@]}"} \
    >"$work/out" 2>"$work/err"
  code=$?
  set -e
  # GNU time writes "Command exited with non-zero status 1" first when it did.
  read -r peak_kb seconds < <(tail -n 1 "$work/time") || true
  peak_mb=$((${peak_kb:-0} / 1024))
  if [[ $code == 0 ]]; then
    outcome=ok
  else
    # The first error's id: "…: error: message [id]".
    outcome=$(grep -m1 -o ' error: .*\[[a-z0-9-]*\]$' "$work/err" | grep -o '\[[a-z0-9-]*\]$' | tr -d '[]' || true)
    outcome="error ${outcome:-?} (exit $code)"
  fi
  printf '%-36s %8s KB %9s %8s  %s\n' "$name" "$size" "$peak_mb" "$seconds" "$outcome"
  if ((peak_mb > limit_mb)) || ((code > 1)); then
    echo "  FAIL: over $limit_mb MB or crashed; stderr: $(head -c 300 "$work/err")"
    failed=1
  fi
done <"$work/cases.tsv"
exit $failed
