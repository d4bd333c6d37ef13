# Shared by the reliability cases: the binary, a workspace, and a snapshot of a folder that two
# runs compare ("exactly as it was": every name, hidden ones too, every file's bytes).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
GONGWEN=${GONGWEN:-$root/.build/debug/gongwen}
PLEDGE=$root/Templates/诚信计生双向承诺书

fail() { echo "FAIL: $*" >&2; exit 1; }

# snapshot DIR: names, types, sizes and SHA-256 of everything under DIR.
snapshot() {
  (cd "$1" && find . -mindepth 1 -printf '%y %p\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# no_staging DIR...: no hidden staging folder of Gongwen's is left in these folders.
no_staging() {
  for d in "$@"; do
    if ls -A "$d" 2>/dev/null | grep -q 'gongwen-staging'; then ls -la "$d"; fail "a staging folder was left in $d"; fi
  done
}

# households N DIR: the sample generator's N households (households.csv, 区划代码.csv) in DIR.
households() {
  mkdir -p "$2"
  python3 "$root/Examples/南岭省/generate.py" --households "$1" --out "$2" >/dev/null
}

# pledge DATA OUT [options]: renders the pledge; stdout and stderr go to $LOG (default OUT.log).
pledge() {
  local data=$1 out=$2
  shift 2
  "$GONGWEN" render "$PLEDGE" --data "$data" --shared "$PLEDGE/data.yaml" --out "$out" "$@" >"${LOG:-$out.log}" 2>&1
}

# need_root WHAT: these cases mount file systems.
need_root() {
  if [ "$(id -u)" != 0 ]; then echo "skipped (needs root to mount a tmpfs): $1"; exit 0; fi
}
