#!/usr/bin/env bash
# Issue 18, item 3: nothing of the assessment history is lost or half-written when the process is
# killed mid-write. Imports one period at a time into a store and SIGKILLs the writer at spread-out
# moments of its write; after each kill the store must pass PRAGMA integrity_check and
# `gongwen history check` (each period's rows counted against the counts written with them), and
# hold exactly a prefix of the periods, each identical to its source. Ctrl-C during an export
# leaves neither the backup nor its hidden temporary file.
source "$(dirname "$0")/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
N=${JURISDICTIONS:-2000}

"$GONGWEN" history bench "$work/src.sqlite" --jurisdictions "$N" --periods 12 >/dev/null
"$GONGWEN" history export "$work/src.sqlite" "$work/all.jsonl" >/dev/null
header=$(head -1 "$work/all.jsonl")
for k in $(seq 12); do
  { echo "$header"; sed -n "$((k + 1))p" "$work/all.jsonl"; } > "$work/p$k.jsonl"
done

# How long one period's import takes here, to spread the kills over it.
start=$(date +%s%N)
"$GONGWEN" history import "$work/timing.sqlite" "$work/p1.jsonl" >/dev/null
total_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "importing one period of $N jurisdictions takes $total_ms ms here"

store=$work/history.sqlite
# check_store: integrity, whole periods, a prefix of the source, each period as in the source.
check_store() {
  [ "$(sqlite3 "$store" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after $1"
  "$GONGWEN" history check "$store" >/dev/null || fail "history check after $1"
  local have
  have=$(sqlite3 "$store" 'SELECT count(*) FROM periods')
  if [ "$have" -gt 0 ]; then
    rm -f "$work/back.jsonl"
    "$GONGWEN" history export "$store" "$work/back.jsonl" >/dev/null
    cmp -s "$work/back.jsonl" <(head -$((have + 1)) "$work/all.jsonl") || fail "after $1: the stored periods differ from their source"
  fi
  [ "$(sqlite3 "$store" "SELECT count(*) FROM results")" = $((have * N)) ] || fail "after $1: a period is not whole"
  echo "$have"
}

next=1
kills=0
# Most kills late: decoding the line comes first, the rows are written in the last part.
for percent in 40 75 80 85 88 91 94 97 99 60 85 92; do
  [ $next -le 12 ] || break
  "$GONGWEN" history import "$store" "$work/p$next.jsonl" >"$work/run.log" 2>&1 &
  pid=$!
  sleep "$(echo "$total_ms * $percent / 100000" | bc -l)"
  kill -KILL $pid 2>/dev/null || true
  status=0
  wait $pid 2>/dev/null || status=$?
  [ "$status" = 137 ] && kills=$((kills + 1))
  have=$(check_store "SIGKILL at $percent% of period $next")
  if [ "$have" = "$next" ]; then
    echo "SIGKILL at $percent%: too late, period $next complete ($have periods, all whole)"
    next=$((next + 1))
  elif [ "$have" = "$((next - 1))" ]; then
    echo "SIGKILL at $percent%: period $next absent, the $have before it whole"
  else
    fail "SIGKILL at $percent%: $have periods stored, expected $((next - 1)) or $next"
  fi
done
[ $kills -ge 3 ] || fail "only $kills imports were still running when SIGKILL came (the test is meaningless otherwise)"

# The store still takes the next period after all that.
"$GONGWEN" history import "$store" "$work/p$next.jsonl" >/dev/null || fail "import after the kills"
check_store "the import after the kills" >/dev/null

# Ctrl-C during an export: status 130, no backup, no hidden file.
"$GONGWEN" history export "$work/src.sqlite" "$work/备份.jsonl" >"$work/run.log" 2>&1 &
pid=$!
sleep "$(echo "$total_ms / 4000" | bc -l)"
kill -INT $pid 2>/dev/null || true
status=0
wait $pid || status=$?
if [ "$status" = 0 ]; then
  cmp -s "$work/备份.jsonl" "$work/all.jsonl" || fail "Ctrl-C too late, but the backup is not complete"
  echo "Ctrl-C during export: too late to stop, complete backup"
else
  [ "$status" = 130 ] || fail "Ctrl-C during export: status $status"
  [ ! -e "$work/备份.jsonl" ] || fail "Ctrl-C during export left a backup"
  ! ls -A "$work" | grep -q gongwen-tmp || fail "Ctrl-C during export left its temporary file"
  echo "Ctrl-C during export: status 130, nothing left"
fi
echo "history kill test: $kills kills, store whole every time"
