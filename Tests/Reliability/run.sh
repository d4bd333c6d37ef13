#!/usr/bin/env bash
# The reliability cases of issue 15 that need a real process, real signals or a mounted file
# system (the rest are Swift tests under Tests/*/Reliability*): run by .ci/run, or by hand as
# root with `bash Tests/Reliability/run.sh` after `swift build`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
for case in full-disk read-only-parent interrupt history-kill "$@"; do
  echo "-- $case"
  bash "$here/$case.sh"
done
