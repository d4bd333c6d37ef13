#!/usr/bin/env bash
# Assessment speed (issue 18, item 6): N jurisdictions × P monthly periods assessed one after another
# with the history store, as a clerk runs `gongwen assess` month by month — whole processes (start,
# compiling the rules, reading the CSV, scoring, ranking, every decision, reading the earlier periods
# the rules look back to, storing the period in SQLite, writing the .xlsx/.csv/.html reports).
# The rules are Examples/南岭省/考核办法.xml with every decision made monthly (周期="月", 连续="N期"), so
# each period runs all of them and 连续/有效期/跟踪否决 read the history every time.
#   per period: CPU (user+sys) and peak RSS (GNU time %M) — memory must stay flat as periods accumulate
#   total CPU of the P runs; reference: the same binary's `gongwen check`-free floor = `gongwen assess`
#   of period 1 with no history (no store at all), measured in the same run.
# Usage: Benchmarks/assess.sh [N] [P]        (default 3000 12)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-3000}
p=${2:-12}
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/assess_data.py "$work/data" "$n" "$p"
sed -e 's/周期="年"/周期="月"/g' -e 's/连续="\([0-9]\)年"/连续="\1期"/g' Examples/南岭省/考核办法.xml > "$work/月度考核办法.xml"
periods=$(cd "$work/data" && ls *.csv | sed 's/\.csv$//' | sort)
measure() { # measure LABEL cmd… -> prints "LABEL cpu_s rss_mib"
  local label=$1; shift
  /usr/bin/time -f "%U %S %M" -o "$work/time" "$@" >"$work/log" 2>&1 || { cat "$work/log"; exit 1; }
  read -r u s m <"$work/time"
  awk -v l="$label" -v u="$u" -v s="$s" -v m="$m" 'BEGIN { printf "%-28s %7.3f s CPU  %6.1f MiB\n", l, u + s, m / 1024 }'
}
first=$(echo "$periods" | head -1)
echo "jurisdictions: $n, periods: $p ($(echo $periods | tr ' ' ','))"
measure "reference: $first, no history" "$bin" assess "$work/月度考核办法.xml" --data "$work/data/$first.csv" --period "$first" --out "$work/ref"
total=0
for period in $periods; do
  line=$(measure "with history: $period" "$bin" assess "$work/月度考核办法.xml" --data "$work/data/$period.csv" --period "$period" \
    --history "$work/history.sqlite" --out "$work/out-$period")
  echo "$line"
  total=$(awk -v t="$total" -v c="$(echo "$line" | awk '{print $(NF-4)}')" 'BEGIN { print t + c }')
done
echo "total CPU for $p periods: $total s"
echo "history file: $(du -h "$work/history.sqlite" | cut -f1)"
echo "decisions in the last period: $(($(wc -l < "$work/out-$(echo "$periods" | tail -1)/考核结果-$(echo "$periods" | tail -1).csv") - 1))"
