#!/usr/bin/env bash
# Issue 15, item 4: Ctrl-C (SIGINT) or SIGTERM at any moment of a 20,000-household batch ends
# with exit status 130 (143), one line, and the output exactly as it was — or, when the signal
# comes as the last files are moved into place, a complete output and status 0. A run killed
# with SIGKILL leaves its staging folder; the next run into the same place removes it.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
households 20000 "$work/data"
data=$work/data/households.csv

# How long the whole batch takes here, to spread the signals over it.
start=$(date +%s%N)
pledge "$data" "$work/timing" --format odt || { cat "$work/timing.log"; fail "the batch itself failed"; }
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
rm -rf "$work/timing"
echo "a whole batch (20,000 files) takes $total_ms ms here"

# try SIGNAL PERCENT OUT [options]: signal the batch at PERCENT of its duration.
try() {
  local sig=$1 percent=$2 out=$3
  shift 3
  local before="" expected=130
  [ "$sig" = TERM ] && expected=143
  [ -d "$out" ] && before=$(snapshot "$out")
  # The binary itself in the background (a shell function there would be a subshell, which
  # ignores SIGINT as background jobs do).
  "$GONGWEN" render "$PLEDGE" --data "$data" --shared "$PLEDGE/data.yaml" --out "$out" "$@" >"$work/run.log" 2>&1 &
  local pid=$!
  sleep "$(echo "$total_ms * $percent / 100000" | bc -l)"
  kill -s "$sig" $pid 2>/dev/null || true
  local status=0
  wait $pid || status=$?
  no_staging "$work" "$(dirname "$out")"
  [ -d "$out" ] && no_staging "$out"
  if [ "$status" = 0 ]; then
    # Too late to stop: everything is there.
    grep -q "^已生成" "$work/run.log" && ! grep -q "中断" "$work/run.log" || fail "$sig at $percent%: status 0 without the report"
    [ "$(ls "$out" | grep -c '\.odt$')" = "${EXPECT:-20000}" ] || fail "$sig at $percent%: status 0 but the output is incomplete"
    echo "$sig at $percent%: too late to stop, complete output, status 0"
    return
  fi
  [ "$status" = "$expected" ] || { tail -5 "$work/run.log"; fail "$sig at $percent%: exit status $status, expected $expected"; }
  [ "$(grep -c . "$work/run.log")" = 1 ] && grep -q "^已中断" "$work/run.log" \
    || { head -5 "$work/run.log"; fail "$sig at $percent%: expected one line, got $(grep -c . "$work/run.log")"; }
  if [ -n "$before" ]; then
    [ "$before" = "$(snapshot "$out")" ] || fail "$sig at $percent%: the existing output folder changed"
  else
    [ ! -e "$out" ] || fail "$sig at $percent%: an output folder was left"
  fi
  echo "$sig at $percent%: status $status, one line, output as it was"
}

# A new output folder, signals from the start to the very end.
for percent in 5 30 60 80 90 95 98 100; do
  rm -rf "$work/new"
  try INT $percent "$work/new" --format odt
done
try TERM 50 "$work/new2" --format odt
rm -rf "$work/new" "$work/new2"

# An existing folder with the clerk's files and an earlier batch, replaced with --overwrite.
mkdir -p "$work/existing"
echo 别动 > "$work/existing/说明.txt"
echo 旧的 > "$work/existing/诚信计生双向承诺书-00007.odt"
for percent in 40 90 99; do
  try INT $percent "$work/existing" --format odt --overwrite
  # A run that completed replaced the folder's batch: start the next try from the clerk's files again.
  rm -rf "$work/existing" && mkdir -p "$work/existing" && echo 别动 > "$work/existing/说明.txt" \
    && echo 旧的 > "$work/existing/诚信计生双向承诺书-00007.odt"
done
# One combined file.
EXPECT=1 try INT 30 "$work/combined" --format odt --combine

# SIGKILL cannot be caught: its staging folder stays until the next run removes it.
mkdir -p "$work/killed"
"$GONGWEN" render "$PLEDGE" --data "$data" --shared "$PLEDGE/data.yaml" --out "$work/killed" --format odt >"$work/run.log" 2>&1 &
pid=$!
for _ in $(seq 300); do ls -A "$work/killed" | grep -q gongwen-staging && break; sleep 0.05; done
sleep 0.5
kill -KILL $pid; wait $pid 2>/dev/null || true
left=$(ls -A "$work/killed" | grep gongwen-staging || true)
[ -n "$left" ] || fail "SIGKILL: expected a staging folder to be left (the test is meaningless otherwise)"
echo "SIGKILL left $left with $(ls -A "$work/killed/$left" | wc -l) files"
households 10 "$work/small"
pledge "$work/small/households.csv" "$work/killed" --format odt || { cat "$work/killed.log"; fail "the run after SIGKILL"; }
no_staging "$work/killed"
[ "$(ls "$work/killed" | wc -l)" = 10 ] || fail "the run after SIGKILL: wrong files"
echo "the next run removed it and wrote its 10 files"
