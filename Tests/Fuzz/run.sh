#!/usr/bin/env bash
# Fuzzes the template parser, the expression parser and the data readers (CSV, .xlsx, JSON,
# YAML) with libFuzzer for a bounded time each, starting from the committed corpus
# (Tests/Fuzz/corpus/TARGET). Any trap, hang (over -timeout seconds on one input) or memory
# blow-up (one allocation over -malloc_limit_mb, or the process over -rss_limit_mb) is a crash:
# its input is saved under Tests/Fuzz/crashes/ and the script fails. Per target it prints the
# runs, the corpus size and the crashes; after a crash, the tail of libFuzzer's log and the
# crashing input replayed alone, so the CI log shows the message.
# Usage: Tests/Fuzz/run.sh [SECONDS-PER-TARGET] [TARGET…]     (default 60 s, every target)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(template expression csv xlsx json yaml)

# Gold cannot link libFuzzer's runtime with SwiftPM's renamed main; the toolchain's lld can.
lld=$(dirname "$(readlink -f "$(command -v swift)")")/ld.lld
[ -x "$lld" ] || { echo "FAIL: no ld.lld beside swift"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"schemaVersion": "1.0", "linker": {"path": "%s"}}\n' "$lld" > "$work/toolset.json"
swift build -c release --product GongwenFuzz --scratch-path .build-fuzz --toolset "$work/toolset.json" \
  -Xswiftc -sanitize=fuzzer -Xswiftc -D -Xswiftc FUZZING >/dev/null
fuzzer=$(swift build -c release --scratch-path .build-fuzz --show-bin-path)/GongwenFuzz

# The Swift runtime's backtracer would catch a trap before libFuzzer (no crash file, no
# reproducer); the entry point also hands the signals back (Sources/GongwenFuzz/Entry.swift).
export SWIFT_BACKTRACE=enable=no

status=0
printf '%-11s %10s %8s %9s %s\n' target runs corpus seconds crashes
for target in "${targets[@]}"; do
  mkdir -p "$work/$target" Tests/Fuzz/crashes
  cp Tests/Fuzz/corpus/"$target"/* "$work/$target/" 2>/dev/null || true
  log=$work/$target.log
  before=$(ls Tests/Fuzz/crashes | grep -c "^$target-" || true)
  set +e
  GONGWEN_FUZZ_TARGET=$target "$fuzzer" "$work/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
    -malloc_limit_mb=512 -max_len=65536 -print_final_stats=1 -artifact_prefix="Tests/Fuzz/crashes/$target-" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  found=$(ls -t Tests/Fuzz/crashes | grep "^$target-" || true)
  crashes=$(( $(printf '%s\n' "$found" | grep -c . || true) - before ))
  if [ "$rc" != 0 ] || [ "$crashes" -gt 0 ]; then
    status=1
    [ "$crashes" -gt 0 ] || crashes="1 (exit $rc, no crash file)"
  fi
  printf '%-11s %10s %8s %9s %s\n' "$target" "${runs:-?}" "$(ls "$work/$target" | wc -l)" "$seconds" "$crashes"
  if [ "$rc" != 0 ]; then
    echo "---- $target: last lines of libFuzzer's log"
    tail -n 40 "$log" | sed 's/^/  /'
    newest=$(printf '%s\n' "$found" | head -n 1)
    if [ -n "$newest" ]; then
      # The crashing input once more, alone: the CI log shows the trap's message and where.
      echo "---- $target: replaying Tests/Fuzz/crashes/$newest"
      GONGWEN_FUZZ_TARGET=$target "$fuzzer" "Tests/Fuzz/crashes/$newest" 2>&1 | grep -v "^INFO:" | tail -n 20 | sed 's/^/  /' || true
      echo "  input (first 200 bytes, escaped): $(head -c 200 "Tests/Fuzz/crashes/$newest" | od -An -c | tr -s ' ' | tr -d '\n' | head -c 400)"
    fi
  fi
done
[ "$status" = 0 ] || { echo "FAIL: the fuzzer found a crash; inputs in Tests/Fuzz/crashes/"; ls Tests/Fuzz/crashes; }
exit $status
