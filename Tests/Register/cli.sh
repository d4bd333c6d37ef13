#!/usr/bin/env bash
# `gongwen register` and `gongwen verify` end to end on the issue's sample (Examples/南岭省): each
# command's output and exit status, each refusal exits 1 with its Chinese message and changes
# nothing. Needs a debug build (`swift build`).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=.build/debug/gongwen
E=Examples/南岭省
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
S=$work/承诺登记.sqlite
fail() { echo "FAIL: $*"; exit 1; }
# refused EXPECTED-MESSAGE COMMAND…: exit status 1 and the message on stderr.
refused() {
  local want=$1; shift
  if "$@" >"$work/out" 2>"$work/err"; then fail "accepted: $*"; fi
  grep -q "$want" "$work/err" || { cat "$work/err"; fail "no “$want” for: $*"; }
}

$bin register import "$S" $E/households.csv --regions $E/区划代码.csv --by 王文书 | grep -q "已导入 2000 户" || fail import
[ "$(stat -c %a "$work/承诺登记.key")" = 600 ] || fail "key file mode"
refused "同一编号印了两次" $bin register import "$S" $E/households.csv --regions $E/区划代码.csv --by 王文书
$bin register sign "$S" 660203-2025-00001 --date 2025-07-01 --by 李文书 --village 660203001002 | grep -q 已签订 || fail sign
refused "只能登记本村农户" $bin register sign "$S" 660204-2025-00002 --date 2025-07-01 --by 李文书 --village 660203001002
refused "已于 2025-07-01 登记签订" $bin register sign "$S" 660203-2025-00001 --date 2025-07-02 --by 李文书 --village 660203001002
printf '承诺书编号,签订日期\n660203-2025-00003,2025-07-02\n660203-2025-00005,2025-13-02\n' >"$work/returned.csv"
refused "第3行" $bin register sign "$S" --list "$work/returned.csv" --by 张文书 --village 660203001003
$bin register rates "$S" --level 乡镇 --regions $E/区划代码.csv --csv "$work/rates.csv" | grep -q "城关镇	1/316	0.3%	未达标" || fail rates
grep -q "660203001,城关镇,1,316,0.3%,未达标" "$work/rates.csv" || fail "rates csv"
$bin register credit "$S" 660203-2025-00001 --kind 失信 --reason 未按时参加妇检 --by 李文书 >/dev/null
refused "有未履约的失信记录" $bin register certify "$S" 660203-2025-00001 --by 李文书 --village 660203001002
$bin register credit "$S" 660203-2025-00001 --kind 履约 --reason 已补检 --by 李文书 >/dev/null
code=$($bin register certify "$S" 660203-2025-00001 --by 李文书 --village 660203001002 --date 2025-09-01 | sed -n 's/^验证码（二维码内容）：//p')
$bin verify "$code" --register "$S" --regions $E/区划代码.csv | grep -q "有效 / valid：开具村 坪上村（660203001002），日期 2025-09-01" || fail verify
[ "$($bin verify "${code%?}Z" --register "$S")" = "无此证明 / unknown" ] || fail "tampered code"
$bin register query "$S" --certificate "$code" --by 县公安局 --why 户口迁移 | grep -q "户主：付\*" || fail query
refused "校验位" $bin register query "$S" --id 520201199001011234 --by 县公安局 --why 户口迁移
$bin register credit "$S" 660203-2025-00001 --kind 失信 --reason 再次失信 --by 李文书 >/dev/null
$bin verify "$code" --register "$S" | grep -q "已撤销" || fail revoked
$bin register export "$S" "$work/b.jsonl" >/dev/null
cp "$work/承诺登记.key" "$work/restored.key"
$bin register import "$work/restored.sqlite" "$work/b.jsonl" | grep -q "已从备份导入" || fail restore
$bin verify "$code" --register "$work/restored.sqlite" | grep -q "已撤销" || fail "restored verify"
refused "找不到承诺登记文件" $bin register rates "$work/none.sqlite"
echo "register CLI: ok"
