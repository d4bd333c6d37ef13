#!/usr/bin/env bash
# Fuzzes the template parser, the expression parser and the data readers (CSV, .xlsx, JSON,
# YAML) with libFuzzer for a bounded time each, starting from the committed corpus
# (Tests/Fuzz/corpus/TARGET). Any trap, hang (over -timeout seconds on one input) or memory
# blow-up (one allocation over -malloc_limit_mb, or the process over -rss_limit_mb) is a crash:
# its input is saved under Tests/Fuzz/crashes/ and the script fails.
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

status=0
printf '%-11s %10s %8s %9s %s\n' target runs corpus seconds crashes
for target in "${targets[@]}"; do
  mkdir -p "$work/$target" Tests/Fuzz/crashes
  cp Tests/Fuzz/corpus/"$target"/* "$work/$target/" 2>/dev/null || true
  log=$work/$target.log
  set +e
  GONGWEN_FUZZ_TARGET=$target "$fuzzer" "$work/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
    -malloc_limit_mb=512 -max_len=65536 -print_final_stats=1 -artifact_prefix="Tests/Fuzz/crashes/$target-" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  crashes=0
  if [ "$rc" != 0 ]; then
    crashes=1
    status=1
    grep -E "ERROR|Fatal error|==.*deadly|timeout|out-of-memory|malloc\(" "$log" | head -5
  fi
  printf '%-11s %10s %8s %9s %s\n' "$target" "${runs:-?}" "$(ls "$work/$target" | wc -l)" "$seconds" "$crashes"
done
[ "$status" = 0 ] || { echo "FAIL: the fuzzer found a crash; inputs in Tests/Fuzz/crashes/"; ls Tests/Fuzz/crashes; }
exit $status
