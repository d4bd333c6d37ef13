#!/usr/bin/env bash
# Assessment by rules (issue 18) on the shipped example, as an office runs it year by year and month
# by month: Examples/南岭省/考核办法.xml over 考核/2023.xlsx … 2025.xlsx with one SQLite history.
# Checks (1) the decisions the seeds' rules imply on the data (Examples/南岭省/考核/README.md says
# which county is meant to trigger which rule) — boundaries included: exactly 3.00 points below the
# 符合政策生育率 target is vetoed, 2.99 is not; 漏报率 5.01 is criticised, 5.00 is not; (2) every
# notice rendered from the decisions, each through scripts/check-filing.sh (ODF schema, Nu HTML
# checker, LibreOffice, Chromium, Gongwen's PDF, GB/T 9704 measured); (3) the reports (.xlsx read
# back by LibreOffice, the HTML report through the Nu checker); (4) the history: export, import into a
# new store, the same periods; a period out of order, a rules file with an error — located, non-zero,
# nothing written.
# Usage: scripts/check-assessment.sh OUT_DIR      (needs SHARED, PYTHON_VENV as check-outputs.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
bin=${GONGWEN_BIN:-$root/.build/debug/gongwen}
E=$root/Examples/南岭省
rm -rf "$out"
mkdir -p "$out"
store=$out/考核历史.sqlite
fail() { echo "FAIL: $*"; exit 1; }
assess() { # assess PERIOD [args…]
  local period=$1; shift
  "$bin" assess "$E/考核办法.xml" --data "$E/考核/$period.xlsx" --period "$period" --history "$store" --out "$out/结果" "$@" \
    >"$out/assess-$period.log" 2>&1 || { cat "$out/assess-$period.log"; fail "gongwen assess $period"; }
}
# Annual results are decided in March of the next year (as the templates' samples are dated).
assess 2023 --date 2024-03-28
assess 2024 --date 2025-03-28 --documents "$out/文书-2024" --format odt,html
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
  if [ $m = 06 ]; then assess 2025-$m --documents "$out/文书-2025-06" --format odt,html; else assess 2025-$m; fi
done
assess 2025 --date 2026-03-20 --documents "$out/文书-2025" --format odt,html

decision() { # decision PERIOD NAME OUTCOME -> the CSV line of that decision, or nothing
  grep -E "^[0-9]+,$2,[^,]*,$3," "$out/结果/考核结果-$1.csv" || true
}
expect() { [ -n "$(decision "$@")" ] || fail "$1: $2 should be $3"; echo "ok: $1 $2 $3"; }
expect_not() { [ -z "$(decision "$@")" ] || fail "$1: $2 should not be $3"; echo "ok: $1 $2 not $3"; }
expect 2024 盘州市 一票否决
expect 2025 桐梓县 一票否决          # 符合政策生育率 87.00 vs 90.00: 3.00 points — 以上 includes the number
expect_not 2025 绥阳县 一票否决      # 87.01: 2.99 points
expect 2025 石门县 通报批评          # 漏报率 5.01 — 高于 5%
expect_not 2025 清水县 通报批评      # 5.00
expect 2025 望谟县 一票否决          # 第五条（四）: 严重滞后 in 2024 and 2025
expect 2024 望谟县 诫勉谈话
expect_not 2025 望谟县 诫勉谈话      # the veto excludes it (第七条: 尚未达到一票否决的)
expect 2025 湄潭县 通报批评          # 第六条（三）: 性别比 missed two years running
expect 2025 威宁县 不予提拔          # < 80 % of 总分 and last, 2024 and 2025
expect 2025 威宁县 两年内不得提拔    # 黄牌警告 2024 and 2025
expect 2025 中山区 优先提拔          # three years of targets met, top third
expect_not 2025 钟山区 表彰          # its 分管领导 was vetoed at 盘州市 (跟踪否决), still in force
decision 2025 纳雍县 一票否决 | grep -q '熊家英（现大方县分管负责人）' || fail "纳雍县: 跟踪否决 of 熊家英"
echo "ok: 2025 纳雍县 跟踪否决 熊家英"
grep -q '^[0-9]*,岑巩县,[^,]*,黄牌,' "$out/结果/考核结果-2025-06.csv" && grep -q '^[0-9]*,锦屏县,[^,]*,黄牌,' "$out/结果/考核结果-2025-06.csv" \
  || fail "2025-06: 岑巩县 and 锦屏县 tied at the 黄牌 boundary should both have one"
echo "ok: 2025-06 岑巩县 and 锦屏县 tied at the boundary, both 黄牌"
# 未报 is never silent: 息烽县's empty 长效避孕措施落实率 in 2025-03 is listed in the report.
grep '息烽县' "$out/结果/考核结果-2025-03.html" | grep -q '长效避孕措施落实率.*未报\|未报.*长效避孕措施落实率' \
  || fail "2025-03: 息烽县's empty 长效避孕措施落实率 should be reported as 未报"
echo "ok: 2025-03 息烽县 未报 listed"

echo "== every notice rendered from the decisions: the full filing check"
# One check per document: a data set of several 记录 (the ranking notice, one per 市州) is split first.
python3 - "$out" <<'PY'
import json, os, sys, glob
out = sys.argv[1]
os.makedirs(f"{out}/filing-data", exist_ok=True)
for path in glob.glob(f"{out}/文书-*/*-数据.json"):
    data = json.load(open(path, encoding="utf-8"))
    records = data.pop("记录")
    stem = os.path.basename(path)[:-len("-数据.json")]
    for i, record in enumerate(records, 1):
        name = stem if len(records) == 1 else f"{stem}-{i}"
        with open(f"{out}/filing-data/{name}.json", "w", encoding="utf-8") as f:
            json.dump(dict(data, 记录=[record]), f, ensure_ascii=False, indent=1)
PY
for data in "$out"/filing-data/*.json; do
  name=$(basename "$data" .json)
  template=$(sed -E 's/^[0-9]{4}(-[0-9]{2})?-//; s/-[0-9]+$//' <<<"$name")
  scripts/check-filing.sh "$out/filing/$name" "$template" "$data" >"$out/filing-$name.log" 2>&1 \
    || { tail -30 "$out/filing-$name.log"; fail "check-filing $name"; }
  echo "ok: $name"
done

echo "== the reports"
PATH="${PYTHON_VENV:-/tmp/gongwen-ci-venv}/bin:$PATH" "$SHARED/html-check/check-html" "$out"/结果/*.html
for x in "$out"/结果/考核结果-2024.xlsx "$out"/结果/考核结果-2025.xlsx; do
  (cd "$out" && timeout 120 soffice --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$out/xlsx-csv" "$x" >/dev/null 2>&1)
done
[ "$(head -1 "$out/xlsx-csv/考核结果-2025.csv" | cut -d, -f4)" = "决定" ] || fail "LibreOffice reads the 决定 sheet of the .xlsx"
echo "ok: LibreOffice opens the reports (.xlsx)"

echo "== history: export, import into a new store, the same periods; refusals"
"$bin" history export "$store" "$out/备份.jsonl"
"$bin" history import "$out/新库.sqlite" "$out/备份.jsonl"
diff <("$bin" history list "$store") <("$bin" history list "$out/新库.sqlite") || fail "export/import changed the history"
echo "ok: $(grep -c . "$out/备份.jsonl") lines exported and imported"
if "$bin" assess "$E/考核办法.xml" --data "$E/考核/2023.xlsx" --period 2023 --history "$store" --out "$out/again" >"$out/again.log" 2>&1; then
  fail "an earlier period was assessed again"
fi
grep -q '已考核\|期别不连续' "$out/again.log" || { cat "$out/again.log"; fail "the refusal should say why"; }
[ ! -e "$out/again" ] || fail "a refused run wrote files"
sed 's/条件="漏报率 gt 5"/条件="漏报率 gt 五"/' "$E/考核办法.xml" >"$out/坏规则.xml"
if "$bin" assess "$out/坏规则.xml" --data "$E/考核/2025.xlsx" --period 2026 --out "$out/bad" >"$out/bad.log" 2>&1; then fail "a broken rules file was accepted"; fi
grep -q '坏规则.xml:[0-9]*:[0-9]*' "$out/bad.log" || { cat "$out/bad.log"; fail "the rules error should say file:line:column"; }
echo "ok: refusals located, nothing written"
