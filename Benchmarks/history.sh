#!/usr/bin/env bash
# The history store's writes (issue 18, item 3): N jurisdictions × 12 monthly periods saved one
# period per transaction, as `gongwen assess` saves them, then read back; CPU seconds of the
# process (clock()), medians of RUNS runs; then a whole export and import of the same store.
# Usage: Benchmarks/history.sh [N ...]     (default 3000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-3}
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(3000)
echo "machine: $(nproc) cores"
for n in "${counts[@]}"; do
  for _ in $(seq "$runs"); do
    rm -f "$work"/s.sqlite*
    "$bin" history bench "$work/s.sqlite" --jurisdictions "$n" --periods 12
  done
  rm -f "$work/b.jsonl" "$work"/n.sqlite*
  /usr/bin/time -f "export: %e s wall, %U s user, %S s sys, %M KiB peak" "$bin" history export "$work/s.sqlite" "$work/b.jsonl" >/dev/null
  /usr/bin/time -f "import: %e s wall, %U s user, %S s sys, %M KiB peak" "$bin" history import "$work/n.sqlite" "$work/b.jsonl" >/dev/null
  echo "store: $(du -h "$work/s.sqlite" | cut -f1), backup: $(du -h "$work/b.jsonl" | cut -f1)"
done
