#!/usr/bin/env bash
# Batch throughput on the 诚信计生双向承诺书 form and generated households (issue 7): whole
# processes as a user runs them (cold start, reading the CSV, checking it, writing), medians of
# RUNS runs, peak RSS from GNU time. Modes: one .odt/.fodt/.html per household, and one
# combined .odt. Each household is one form printed in its two copies (村委会留存, 农户留存).
# Usage: Benchmarks/batch.sh [N ...]        (default 1000 10000)
#        RUNS=3 MODES="odt fodt html combined" OUT=/tmp/x Benchmarks/batch.sh 100000
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gongwen >/dev/null
bin=$(swift build -c release --show-bin-path)/gongwen
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work/out}   # output folder; put it on the disk you print from
runs=${RUNS:-3}
modes=${MODES:-odt fodt html combined}
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1000 10000)
echo "machine: $(nproc) cores; output: $out ($(df -T "$(dirname "$out")" | awk 'NR==2 {print $2}'))"
printf '%-8s %-9s %9s %11s %12s\n' records mode seconds "records/s" "peak MiB"
for n in "${counts[@]}"; do
  python3 Examples/南岭省/generate.py --households "$n" --out "$work" >/dev/null
  for mode in $modes; do
    case $mode in
      combined) args=(--format odt --combine) ;;
      *) args=(--format "$mode") ;;
    esac
    times=()
    rss=0
    for _ in $(seq "$runs"); do
      rm -rf "$out"
      /usr/bin/time -f '%e %M' -o "$work/time" "$bin" render 诚信计生双向承诺书 --data "$work/households.csv" \
        --shared Templates/诚信计生双向承诺书/data.yaml "${args[@]}" --out "$out" >/dev/null
      read -r seconds kb < "$work/time"
      times+=("$seconds")
      [ "$kb" -gt "$rss" ] && rss=$kb
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    printf '%-8s %-9s %9s %11.0f %12.1f\n' "$n" "$mode" "$median" "$(echo "$n / $median" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  done
  rm -rf "$out"
done
