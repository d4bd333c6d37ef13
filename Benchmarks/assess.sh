#!/usr/bin/env bash
# Assessment speed (issue 18, item 6): N jurisdictions × P monthly periods assessed one after another
# with the SQLite history, in one run so the figures compare like with like:
#   engine+store, shipped rules   `gongwen assess-bench` (hidden): Examples/南岭省/考核办法.xml as shipped
#                                 (monthly: 州内排名, 流动红旗, 黄牌) — compile once, then per period read the
#                                 CSV, score, rank, decide, read what the rules look back to, save (one
#                                 transaction). CPU per period (clock()) and resident memory after it.
#   engine+store, every rule      the same with every decision of the rules made monthly (周期="月",
#                                 连续="N期"): 一票否决 (有效期, 跟踪否决), 连续 over the stored periods …
#   whole `gongwen assess`        one process per period as a clerk runs it (start-up, reports .xlsx/.csv/.html
#                                 included), shipped rules: CPU (user+sys) and peak RSS (GNU time).
# Goal of the issue: 3,000 × 12 with history under 1 s of CPU; memory flat in the number of periods.
# Usage: Benchmarks/assess.sh [N] [P]        (default 3000 12)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
p=${2:-12}
swift build -c release --product gongwen >/dev/null 2>&1
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/assess_data.py "$work/data" "$n" "$p"
sed -e 's/周期="年"/周期="月"/g' -e 's/连续="\([0-9]\)年"/连续="\1期"/g' Examples/南岭省/考核办法.xml > "$work/月度考核办法.xml"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); jurisdictions: $n, periods: $p"
echo "== engine+store, shipped rules"
"$bin" assess-bench Examples/南岭省/考核办法.xml "$work/a.sqlite" "$work"/data/*.csv
echo "history file: $(du -h "$work/a.sqlite" | cut -f1)"
# A shared machine's speed drifts by up to 2× within minutes: five more runs of the whole, and their median.
runs=$("$bin" assess-bench Examples/南岭省/考核办法.xml "$work/r0.sqlite" "$work"/data/*.csv | tail -1 | grep -o 'CPU [0-9.]*' | head -1 | cut -d' ' -f2)
for k in 1 2 3 4; do
  runs="$runs $("$bin" assess-bench Examples/南岭省/考核办法.xml "$work/r$k.sqlite" "$work"/data/*.csv | tail -1 | grep -o 'CPU [0-9.]*' | head -1 | cut -d' ' -f2)"
done
echo "five runs (s): $runs; median $(echo $runs | tr ' ' '\n' | sort -n | sed -n 3p) s"
echo "== engine+store, every rule monthly"
"$bin" assess-bench "$work/月度考核办法.xml" "$work/b.sqlite" "$work"/data/*.csv
echo "history file: $(du -h "$work/b.sqlite" | cut -f1)"
echo "== whole gongwen assess, one process per period, shipped rules"
total=0
for file in "$work"/data/*.csv; do
  period=$(basename "$file" .csv)
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$bin" assess Examples/南岭省/考核办法.xml --data "$file" --period "$period" \
    --history "$work/c.sqlite" --out "$work/out-$period" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  read -r u s m <"$work/time"
  awk -v l="$period" -v u="$u" -v s="$s" -v m="$m" 'BEGIN { printf "%s  CPU %.3f s  peak %.1f MiB\n", l, u + s, m / 1024 }'
  total=$(awk -v t="$total" -v u="$u" -v s="$s" 'BEGIN { print t + u + s }')
done
echo "total CPU of $p processes: $total s"
