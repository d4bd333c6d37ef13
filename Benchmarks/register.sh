#!/usr/bin/env bash
# The pledge register at a prefecture's scale (issue 19, item 6): N households (default 500,000)
# imported in one transaction (goal < 30 s), then 签订率 rolled up per 乡镇, 村 and 县 (goal < 1 s
# each) after about 87 % of pledges are marked signed; wall time of the whole `gongwen` process,
# release build; the database size.
# Usage: Benchmarks/register.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500000}
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores; $n households"
python3 Benchmarks/register_data.py "$work" "$n"
/usr/bin/time -f "import: %e s wall, %U s user, %S s sys, %M KiB peak" \
  "$bin" register import "$work/r.sqlite" "$work/households.csv" --regions "$work/区划代码.csv" --by bench >/dev/null
# Signatures straight into the pledges table (a village's returned list signs tens, not 500,000).
python3 - "$work/r.sqlite" <<'PY'
import random, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rng = random.Random(19)
numbers = [r[0] for r in db.execute("SELECT number FROM pledges")]
db.executemany("UPDATE pledges SET signed_on = '2025-07-01', recorded_by = 'bench' WHERE number = ?",
               [(x,) for x in numbers if rng.random() < 0.87])
db.commit()
PY
for level in 乡镇 村 县; do
  /usr/bin/time -f "rates --level $level: %e s wall, %U s user, %S s sys" "$bin" register rates "$work/r.sqlite" --level "$level" >"$work/rates.txt"
  echo "  $(wc -l <"$work/rates.txt") lines, $(grep -c 未达标 "$work/rates.txt" || true) 未达标"
done
id=$(awk -F, 'NR==3{print $8}' "$work/households.csv")
/usr/bin/time -f "query --id: %e s wall" "$bin" register query "$work/r.sqlite" --id "$id" --by bench --why bench >/dev/null
echo "store: $(du -h "$work/r.sqlite" | cut -f1) ($(stat -c %s "$work/r.sqlite") bytes)"
