#!/usr/bin/env bash
# Issue 15, item 1: --out is a small USB stick (a tmpfs mounted as the output folder, so its
# parent is another file system) that fills up half-way through the batch. The clerk's own files
# on it, one with the name of an output file, must be exactly as they were; the message says
# 磁盘已满 once, with the path; nothing of Gongwen's is left on the stick or beside it.
source "$(dirname "$0")/lib.sh"
need_root "full disk"
work=$(mktemp -d)
stick=$work/U盘
trap 'umount "$stick" 2>/dev/null || true; rm -rf "$work"' EXIT
households 300 "$work/data"
mkdir "$stick"
mount -t tmpfs -o size=400k tmpfs "$stick"

# size of the stick | options: each fills it before the batch is done (a combined .odt of 300
# households is about 150 KB).
while IFS='|' read -r size args; do
  umount "$stick"; mount -t tmpfs -o "size=$size" tmpfs "$stick"
  echo "我的文件，不是 Gongwen 的" > "$stick/诚信计生双向承诺书-001.odt"
  echo "我的文件" > "$stick/诚信计生双向承诺书.odt"
  mkdir "$stick/我的文件夹" && echo 别动 > "$stick/我的文件夹/说明.txt"
  before=$(snapshot "$stick")
  status=0; pledge "$work/data/households.csv" "$stick" $args || status=$?
  [ "$status" = 1 ] || { cat "$stick.log"; fail "$args: expected exit status 1, got $status"; }
  [ "$before" = "$(snapshot "$stick")" ] || { diff <(echo "$before") <(snapshot "$stick") | head; fail "$args: the stick changed"; }
  no_staging "$stick" "$work"
  [ "$(grep -c 'error:' "$stick.log")" = 1 ] || { cat "$stick.log"; fail "$args: expected exactly one error"; }
  grep -q "磁盘已满" "$stick.log" || { cat "$stick.log"; fail "$args: the error does not say 磁盘已满"; }
  grep -q "“$stick/" "$stick.log" || { cat "$stick.log"; fail "$args: the error does not name the path"; }
  echo "full stick ($args): exit 1, stick unchanged, one error: 磁盘已满 with the path"
done <<'CASES'
400k|--format odt
400k|--format odt --overwrite
400k|--format odt,html,fodt --overwrite
100k|--format odt --combine --overwrite
100k|--format html --combine --overwrite
400k|--format odt,html --manifest --overwrite
CASES

# A zip onto the full stick: the old zip of the same name stays.
umount "$stick"; mount -t tmpfs -o size=400k tmpfs "$stick"
echo "旧的 zip" > "$stick/批次.zip"
before=$(snapshot "$stick")
status=0; LOG=$work/zip.log pledge "$work/data/households.csv" "$stick/批次.zip" --format odt,html --overwrite || status=$?
[ "$status" = 1 ] && [ "$before" = "$(snapshot "$stick")" ] && grep -q 磁盘已满 "$work/zip.log" || { cat "$work/zip.log"; fail "zip onto a full stick"; }
echo "full stick (zip): exit 1, old zip unchanged"

# With room enough the same run works and the clerk's unrelated files are still there.
umount "$stick"; mount -t tmpfs -o size=64m tmpfs "$stick"
echo 别动 > "$stick/说明.txt"
pledge "$work/data/households.csv" "$stick" --format odt || { cat "$stick.log"; fail "render onto a stick with room"; }
[ "$(ls "$stick" | grep -c '\.odt$')" = 300 ] && [ "$(cat "$stick/说明.txt")" = 别动 ] || fail "stick with room: wrong contents"
no_staging "$stick" "$work"
echo "stick with room: 300 files written beside the clerk's file"
