#!/usr/bin/env bash
# Whole-process render throughput on the 通报批评 sample: N copies of its record (each a
# multi-page notice naming four counties), one file per record, per format; medians of 3 runs,
# peak RSS from GNU time. Usage: Benchmarks/render.sh [N ...]   (default 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(100 1000)
printf '%-8s %-6s %10s %12s %12s\n' records format seconds "docs/s" "peak RSS MB"
for n in "${counts[@]}"; do
  # The sample's YAML with its one record repeated N times (document numbers 1…N).
  python3 - "$n" "$work/data.yaml" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
src = open("Templates/通报批评/data.yaml", encoding="utf-8").read()
head, records = src.split("记录:\n", 1)
item = records.replace("  - 发文序号: 17", "  - 发文序号: {i}", 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(head + "记录:\n")
    for i in range(1, n + 1):
        f.write(item.replace("{i}", str(i)))
PY
  for format in odt fodt html; do
    times=()
    rss=0
    for run in 1 2 3; do
      rm -rf "$work/out"
      /usr/bin/time -f '%e %M' -o "$work/time" "$bin" render Templates/通报批评 --data "$work/data.yaml" --format "$format" --out "$work/out" >/dev/null
      read -r seconds kb < "$work/time"
      times+=("$seconds")
      [ "$kb" -gt "$rss" ] && rss=$kb
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
    printf '%-8s %-6s %10s %12.0f %12.1f\n' "$n" "$format" "$median" "$(echo "$n / $median" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
done
