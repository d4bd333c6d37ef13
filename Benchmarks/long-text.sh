#!/usr/bin/env bash
# Instructions to render one record whose cell is as long as Excel allows (32,767 characters)
# into a 标题, a 段, a table cell and the file name (--name), and to compile a template with
# a long expression (a + a + … ), counted by valgrind's callgrind: unlike seconds on a shared
# 2-core VM, the count is the same from run to run. Each case runs at n, 2n and 4n (cells
# capped at 32,767 characters); "above empty" subtracts the same run with a one-character cell
# (or a one-term expression), which is start-up and the rest of the document. When the work
# is linear, "above empty" doubles as the size doubles and "per unit" stays level; issue 15
# found it quadratic (a 4,000-character title took 10 s, an 8,000-term expression 15 s).
# Usage: Benchmarks/long-text.sh [N]      (N = 8192 characters by default; needs valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-8192}
swift build -c release --product gongwen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes: count on a copy without it.
cp "$(swift build -c release --show-bin-path)/gongwen" "$work/gongwen"
strip --strip-debug "$work/gongwen"

cat >"$work/title.xml" <<'EOF'
<公文><标题>{{ 长 }}</标题><正文><段>正文。</段></正文></公文>
EOF
cat >"$work/paragraph.xml" <<'EOF'
<公文><标题>标题</标题><正文><段>{{ 长 }}</段></正文></公文>
EOF
cat >"$work/cell.xml" <<'EOF'
<公文><标题>标题</标题><正文><表格><表头><格>说明</格></表头><行><格>{{ 长 }}</格></行></表格></正文></公文>
EOF
cat >"$work/name.xml" <<'EOF'
<公文><标题>标题</标题><正文><段>正文。</段></正文></公文>
EOF

# A cell of `size` characters: the text of titles, with 发文字号 and bracketed numbers in it.
cell() {
  python3 - "$1" "$2" <<'EOF'
import sys
size, path = int(sys.argv[1]), sys.argv[2]
piece = "关于进一步加强人口和计划生育目标管理责任制考核〔2025〕17号（市、区）2025年的通知，"
text = (piece * (size // len(piece) + 1))[:size]
open(path, "w", encoding="utf-8").write("长,a\n" + text + ",1\n")
EOF
}

# A template whose paragraph holds `terms` terms: {{ a + a + … + a }}.
expression() {
  python3 - "$1" "$2" <<'EOF'
import sys
terms, path = int(sys.argv[1]), sys.argv[2]
open(path, "w", encoding="utf-8").write("<公文><正文><段>{{ " + " + ".join(["a"] * terms) + " }}</段></正文></公文>\n")
EOF
}

count() {  # count TEMPLATE DATA [ARGS…]: instructions of one render (all three formats)
  local template=$1 data=$2
  shift 2
  rm -rf "$work/out"
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/gongwen" render "$template" --data "$data" "$@" --out "$work/out" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

sizes=("$n" "$((2 * n))" "$((4 * n > 32767 ? 32767 : 4 * n))")
printf '%-12s %8s %14s %14s %10s\n' case size instructions "above empty" "per unit"
cell 1 "$work/empty.csv"
for case in title paragraph cell name; do
  args=()
  [[ $case == name ]] && args=(--name '{{ 长 }}')
  empty=$(count "$work/$case.xml" "$work/empty.csv" ${args[@]+"${args[@]}"})
  for size in "${sizes[@]}"; do
    cell "$size" "$work/cell.csv"
    total=$(count "$work/$case.xml" "$work/cell.csv" ${args[@]+"${args[@]}"})
    printf '%-12s %8s %14s %14s %10s\n' "$case" "$size" "$total" "$((total - empty))" "$(((total - empty) / size))"
  done
done
expression 1 "$work/expression.xml"
empty=$(count "$work/expression.xml" "$work/empty.csv")
for terms in $((n / 4)) $((n / 2)) "$n"; do
  expression "$terms" "$work/expression.xml"
  total=$(count "$work/expression.xml" "$work/empty.csv")
  printf '%-12s %8s %14s %14s %10s\n' "expression" "$terms" "$total" "$((total - empty))" "$(((total - empty) / terms))"
done
