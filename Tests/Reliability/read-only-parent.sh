#!/usr/bin/env bash
# Issue 15, item 8: a writable output folder whose parent is read-only (a shared drive where the
# clerk may write only in her own folder) is accepted: the staging folder is made inside it.
# A read-only output folder is refused in Chinese with the path, nothing changed.
source "$(dirname "$0")/lib.sh"
need_root "read-only parent"
work=$(mktemp -d)
share=$work/共享盘
trap 'umount "$share/科室" 2>/dev/null || true; umount "$share" 2>/dev/null || true; rm -rf "$work"' EXIT
households 20 "$work/data"
mkdir "$share"
mount -t tmpfs -o size=16m tmpfs "$share"
mkdir "$share/科室" "$share/别人的"
mount -o remount,ro "$share"
mount -t tmpfs -o size=16m tmpfs "$share/科室"
touch "$share/别人的" 2>/dev/null && fail "the parent should be read-only"

LOG=$work/rw.log pledge "$work/data/households.csv" "$share/科室" --format odt || { cat "$work/rw.log"; fail "writable folder on a read-only parent refused"; }
[ "$(ls "$share/科室" | grep -c '\.odt$')" = 20 ] || fail "writable folder on a read-only parent: wrong files"
no_staging "$share/科室"
echo "writable folder on a read-only parent: 20 files written"

# Into the read-only part: refused, said in Chinese with the path, nothing created.
status=0; LOG=$work/ro.log pledge "$work/data/households.csv" "$share/别人的" --format odt || status=$?
[ "$status" = 1 ] || fail "a read-only folder: expected exit status 1"
grep -q "只读" "$work/ro.log" && grep -q "“$share/别人的" "$work/ro.log" || { cat "$work/ro.log"; fail "a read-only folder: message"; }
grep -q "NSCocoaErrorDomain" "$work/ro.log" && fail "Foundation's error text leaked"
[ -z "$(ls -A "$share/别人的")" ] || fail "a read-only folder: something was created"
status=0; LOG=$work/ro2.log pledge "$work/data/households.csv" "$share/新文件夹" --format odt || status=$?
[ "$status" = 1 ] && grep -q "只读" "$work/ro2.log" || { cat "$work/ro2.log"; fail "a new folder under a read-only parent"; }
echo "read-only folder: refused: $(grep error: "$work/ro.log")"
