#!/usr/bin/env bash
# Instructions of two builds of gongwen side by side (callgrind), per mode, on the same
# generated households: for a change that must not make batches dearer (a refactoring).
# Counts vary by about ±0.5 % from run to run (the workers' threads), so smaller differences
# are noise. Build each binary with `swift build -c release --product gongwen` and copy it.
# Usage: Benchmarks/compare-instructions.sh BEFORE AFTER [N]     (needs valgrind; N default 3000)
#   MODES="combined-odt odt" …     some of combined-odt combined-fodt combined-html odt fodt html
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { echo "usage: $0 BEFORE AFTER [N]" >&2; exit 2; }
n=${3:-3000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes: count on copies without it.
cp "$1" "$work/before"; cp "$2" "$work/after"
strip --strip-debug "$work/before" "$work/after"
python3 Examples/南岭省/generate.py --households "$n" --out "$work" >/dev/null
printf '%-14s %16s %16s %9s\n' mode before after change
for mode in ${MODES:-combined-odt combined-fodt combined-html odt fodt html}; do
  case $mode in
    combined-*) args=(--format "${mode#combined-}" --combine) ;;
    *) args=(--format "$mode") ;;
  esac
  counts=()
  for b in before after; do
    rm -rf "$work/out"
    counts+=("$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/$b" render Templates/诚信计生双向承诺书 \
                 --data "$work/households.csv" --shared Templates/诚信计生双向承诺书/data.yaml "${args[@]}" --out "$work/out" 2>&1 >/dev/null \
               | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')")
  done
  printf '%-14s %16s %16s %+8.2f%%\n' "$mode" "${counts[0]}" "${counts[1]}" "$(echo "(${counts[1]} - ${counts[0]}) * 100 / ${counts[0]}" | bc -l)"
done
