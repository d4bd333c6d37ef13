#!/usr/bin/env bash
# PDF throughput (issue 17, item 4) on the 诚信计生双向承诺书 form (4 A4 pages per household: two
# copies of 2 pages) and generated households, in ONE run so that the ratios compare like with like:
#   gongwen-pdf-combined  N households into one PDF (pages from pdfinfo)           pages/s
#   gongwen-pdf-files     N households, one PDF each                                 documents/s
#   gongwen-odt-combined  N households into one .odt                                 households/s
#   odt-floor             Benchmarks/odt-floor.c: N small zip packages built in memory by one thread,
#                         each with one household's content.xml (taken from a real .odt)  packages/s
#   libreoffice           soffice --headless --convert-to pdf of the combined .odt of M households
#                         (FONTCONFIG_FILE=Fonts/fontconfig/fonts.conf, as CI)             pages/s
#   typst                 Benchmarks/pdf.typ (the same form) for N households, via `pip install typst`
#   gongwen-pdf-combined  100,000 households (only with BIG=1)
# Whole processes as a user runs them (cold start, reading the CSV, checking, writing), wall-clock
# medians of RUNS runs, peak RSS (GNU time %M, the largest of the runs), CPU = (user+sys)/wall of the
# median run (2.0 = both cores busy), output size. Ratios: Gongwen's pages/s over the engine's.
# Usage: Benchmarks/pdf.sh [N]         (default 10000)
#        RUNS=3 LO_N=1000 LO_RUNS=1 TYPST_N=N TYPST_RUNS=RUNS BIG=1 BIG_N=100000 BIG_RUNS=1 \
#        SKIP="typst libreoffice" OUT=/tmp/x Benchmarks/pdf.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work/out}   # output folder; put it on the disk you print from
n=${1:-10000}
runs=${RUNS:-3}
lo_n=${LO_N:-1000}
lo_runs=${LO_RUNS:-1}
typst_n=${TYPST_N:-$n}
typst_runs=${TYPST_RUNS:-$runs}
big_n=${BIG_N:-100000}
big_runs=${BIG_RUNS:-1}
skip=" ${SKIP:-} "
shared=(--shared Templates/诚信计生双向承诺书/data.yaml)

data() { # data N -> path of households.csv for N households (made once)
  local d=$work/data-$1
  if [ ! -f "$d/households.csv" ]; then
    mkdir -p "$d"
    python3 Examples/南岭省/generate.py --households "$1" --out "$d" >/dev/null
  fi
  echo "$d/households.csv"
}

# timed RUNS command… : runs the command RUNS times (after `rm -rf $out; mkdir -p $out`), sets
# median (s), cpu ((user+sys)/wall of the median run) and rss (MiB, largest of the runs).
timed() {
  local r=$1; shift
  local lines=()
  rss=0
  for _ in $(seq "$r"); do
    rm -rf "$out"; mkdir -p "$out"
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" || {
      echo "FAILED: $*" >&2; tail -5 "$work/stderr" >&2; return 1; }
    local line; line=$(tail -1 "$work/time")
    lines+=("$line")
    local kb; kb=$(echo "$line" | awk '{print $2}')
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  local mid; mid=$(printf '%s\n' "${lines[@]}" | sort -n | sed -n "$(( (r + 1) / 2 ))p")
  median=$(echo "$mid" | awk '{print $1}')
  cpu=$(echo "$mid" | awk '{ if ($1 > 0) printf "%.2f", ($3 + $4) / $1; else print "-" }')
  rss=$(echo "$rss" | awk '{printf "%.1f", $1 / 1024}')
  all=$(printf '%s\n' "${lines[@]}" | awk '{print $1}' | paste -sd, -)
}
pdfpages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
mib() { stat -c %s "$1" | awk '{printf "%.1f", $1 / 1048576}'; }
rate() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.0f", $1 / $2; else print "-" }'; }
row() { printf '%-22s %8s %8s %9s %11s %-13s %9s %5s %9s  %s\n' "$@"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo); output: $out ($(df -T "$(dirname "$out")" | awk 'NR==2 {print $2}')); $(date -u '+%F %T UTC'); commit $(git rev-parse --short HEAD)"
row what records pages seconds rate unit "peak MiB" CPU "file MiB" "runs (s)"

csv=$(data "$n")
# (a) combined PDF
timed "$runs" "$bin" render 诚信计生双向承诺书 --data "$csv" "${shared[@]}" --format pdf --combine --out "$out"
pdf=$(find "$out" -name '*.pdf' | head -1)
pages=$(pdfpages "$pdf")
g_pps=$(rate "$pages" "$median")
row gongwen-pdf-combined "$n" "$pages" "$median" "$g_pps" pages/s "$rss" "$cpu" "$(mib "$pdf")" "$all"
# (b) one PDF per household
timed "$runs" "$bin" render 诚信计生双向承诺书 --data "$csv" "${shared[@]}" --format pdf --out "$out"
files=$(find "$out" -name '*.pdf' | wc -l)
size=$(du -sm "$out" | awk '{print $1}')
row gongwen-pdf-files "$n" "$files f" "$median" "$(rate "$files" "$median")" documents/s "$rss" "$cpu" "$size" "$all"
# combined .odt and its floor
timed "$runs" "$bin" render 诚信计生双向承诺书 --data "$csv" "${shared[@]}" --format odt --combine --out "$out"
odt=$(find "$out" -name '*.odt' | head -1)
odt_hps=$(rate "$n" "$median")
row gongwen-odt-combined "$n" - "$median" "$odt_hps" households/s "$rss" "$cpu" "$(mib "$odt")" "$all"
rm -rf "$out"; mkdir -p "$out"
"$bin" render 诚信计生双向承诺书 --data "$(data 10)" "${shared[@]}" --format odt --out "$out" >/dev/null 2>&1
one=$(find "$out" -name '*.odt' | sort | head -1)
unzip -p "$one" content.xml > "$work/content.xml"
cc -O2 -o "$work/odt-floor" Benchmarks/odt-floor.c -lz
floor=()
for _ in $(seq "$runs"); do floor+=("$("$work/odt-floor" "$work/content.xml" "$n")"); done
fmid=$(printf '%s\n' "${floor[@]}" | sort -k2,2n | sed -n "$(( (runs + 1) / 2 ))p")
read -r _ fsec fpps fbytes <<<"$fmid"
row odt-floor "$n" - "$fsec" "$fpps" packages/s - 1.00 - "$(printf '%s\n' "${floor[@]}" | awk '{print $2}' | paste -sd, -)"
echo "  content.xml of one household: $(stat -c %s "$work/content.xml") bytes; package $fbytes bytes; floor ratio (gongwen odt households/s / floor packages/s): $(echo "$odt_hps $fpps" | awk '{printf "%.2f", $1 / $2}')"

# (c) LibreOffice
if [[ $skip == *" libreoffice "* ]]; then
  echo "libreoffice: skipped (SKIP)"
elif ! command -v soffice >/dev/null; then
  echo "libreoffice: not installed (apt-get install libreoffice-writer) — no ratio"
else
  rm -rf "$out"; mkdir -p "$work/lo-in"
  "$bin" render 诚信计生双向承诺书 --data "$(data "$lo_n")" "${shared[@]}" --format odt --combine --out "$work/lo-in" >/dev/null 2>&1
  lo_odt=$(find "$work/lo-in" -name '*.odt' | head -1)
  cp "$lo_odt" "$work/lo.odt"
  timed "$lo_runs" env FONTCONFIG_FILE="$root/Fonts/fontconfig/fonts.conf" soffice --headless \
    -env:UserInstallation="file://$work/lo-profile" --convert-to pdf --outdir "$out" "$work/lo.odt"
  lo_pages=$(pdfpages "$out/lo.pdf")
  lo_pps=$(rate "$lo_pages" "$median")
  row libreoffice "$lo_n" "$lo_pages" "$median" "$lo_pps" pages/s "$rss" "$cpu" "$(mib "$out/lo.pdf")" "$all"
  echo "  ratio gongwen/libreoffice pages/s: $(echo "$g_pps $lo_pps" | awk '{printf "%.1f", $1 / $2}')× (goal ≥ 40×)"
fi

# (c) Typst
if [[ $skip == *" typst "* ]]; then
  echo "typst: skipped (SKIP)"
elif ! python3 -c 'import typst' 2>/dev/null; then
  echo "typst: not installed (pip install typst) — no ratio"
else
  tcsv=$(data "$typst_n")
  timed "$typst_runs" python3 -c 'import sys, typst
typst.compile(sys.argv[1], output=sys.argv[2], root="/", sys_inputs={"data": sys.argv[3]})' \
    "$root/Benchmarks/pdf.typ" "$out/typst.pdf" "$tcsv"
  t_pages=$(pdfpages "$out/typst.pdf")
  t_pps=$(rate "$t_pages" "$median")
  row "typst $(python3 -c 'import importlib.metadata as m; print(m.version("typst"))')" "$typst_n" "$t_pages" "$median" "$t_pps" pages/s "$rss" "$cpu" "$(mib "$out/typst.pdf")" "$all"
  echo "  ratio gongwen/typst pages/s: $(echo "$g_pps $t_pps" | awk '{printf "%.1f", $1 / $2}')× (goal ≥ 3×)"
fi

# (d) 100,000 households
if [ "${BIG:-0}" = 1 ]; then
  bcsv=$(data "$big_n")
  timed "$big_runs" "$bin" render 诚信计生双向承诺书 --data "$bcsv" "${shared[@]}" --format pdf --combine --out "$out"
  pdf=$(find "$out" -name '*.pdf' | head -1)
  pages=$(pdfpages "$pdf")
  row gongwen-pdf-combined "$big_n" "$pages" "$median" "$(rate "$pages" "$median")" pages/s "$rss" "$cpu" "$(mib "$pdf")" "$all"
  echo "  goal: peak RSS ≤ 150 MiB"
fi
rm -rf "$out"
