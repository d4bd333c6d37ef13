#!/usr/bin/env bash
# Instructions per household, counted by valgrind's callgrind: unlike seconds on a shared
# 2-core VM, the count is the same from run to run, so a change that makes batches cheaper
# or dearer shows up even when the machine is busy. Whole process (start-up, reading and
# checking the CSV, merging, writing), 1,000 households of 诚信计生双向承诺书 by default.
# Usage: Benchmarks/instructions.sh [N]      (needs valgrind)
#   MODES="combined" …                       only some of odt fodt html combined
#   TRAITS=ISAL …                             deflate with ISA-L (libisal-dev; zlib by default)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
build=(-c release)
if [ -n "${TRAITS:-}" ]; then build+=(--traits "$TRAITS"); fi
swift build "${build[@]}" --product gongwen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read the DWARF 5 that Swift 6 writes: count on a copy without it.
cp "$(swift build "${build[@]}" --show-bin-path)/gongwen" "$work/gongwen"
strip --strip-debug "$work/gongwen"
python3 Examples/南岭省/generate.py --households "$n" --out "$work" >/dev/null
printf '%-10s %16s %16s\n' mode instructions "per household"
for mode in ${MODES:-odt fodt html combined}; do
  case $mode in
    combined) args=(--format odt --combine) ;;
    *) args=(--format "$mode") ;;
  esac
  rm -rf "$work/out"
  total=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$work/gongwen" render Templates/诚信计生双向承诺书 \
            --data "$work/households.csv" --shared Templates/诚信计生双向承诺书/data.yaml "${args[@]}" --out "$work/out" 2>&1 >/dev/null \
          | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
  printf '%-10s %16s %16s\n' "$mode" "$total" "$((total / n))"
done
