#!/usr/bin/env bash
# Renders one template's data into one combined file, checks every output with the real tools
# (scripts/check-outputs.sh) and measures the LibreOffice and Chromium prints against every
# check of scripts/measure-layout.py: what a secretary would send back (a heading ending a page, a
# split number, a seal ring, a 签发人 out of line, a header cell broken in a word, a blank too
# short to sign on, radicals in the copied text …). Forms (<文书>) number each copy from 1 and
# have no 版记. Page images (60 dpi) are kept beside the outputs for a reader's look.
#
# Usage: scripts/check-filing.sh OUT_DIR TEMPLATE DATA [--skip ID,…] [-- RENDER_ARGS…]
# Needs SHARED and PYTHON_VENV as check-outputs.sh does.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1 template=$2 data=$3
shift 3
skip=""
if [ "${1:-}" = "--skip" ]; then skip=$2; shift 2; fi
[ "${1:-}" = "--" ] && shift
folder=$template
[ -d "$folder" ] || folder="$root/Templates/$template"
measure=()
if grep -q "<文书" "$folder/template.xml" 2>/dev/null || grep -q "<文书" "$folder" 2>/dev/null; then
  measure+=(--per-record-numbers)
  skip=${skip:+$skip,}colophon-rule
fi
[ -n "$skip" ] && measure+=(--skip "$skip")
# MEASURE_ARGS: more options for measure-layout.py (--expect-seal).
[ -n "${MEASURE_ARGS:-}" ] && measure+=($MEASURE_ARGS)

rm -rf "$out"
mkdir -p "$(dirname "$out")"
"$root/.build/debug/gongwen" render "$template" --data "$data" --out "$out" --combine --format odt,html "$@" >/dev/null 2>"$out.err" \
  || { cat "$out.err"; rm -f "$out.err"; echo "FAIL: $template could not render $data"; exit 1; }
rm -f "$out.err"
pdfs=$(mktemp -d)
trap 'rm -rf "$pdfs"' EXIT
PDF_DIR=$pdfs "$root/scripts/check-outputs.sh" "$out" "— 1 —" >/dev/null || { PDF_DIR=$pdfs "$root/scripts/check-outputs.sh" "$out" "— 1 —"; exit 1; }
name=$(basename "$(ls "$out"/*.odt | head -1)" .odt)
echo "-- $template ← $(basename "$data"): $(pdfinfo "$pdfs/$name.odt.pdf" | awk '/^Pages:/ {print $2}') pages"
"$PYTHON_VENV/bin/python3" "$root/scripts/measure-layout.py" "$pdfs/$name.odt.pdf" "$pdfs/$name.html.pdf" "${measure[@]}" \
  | grep -v "^ok " || true
pdftoppm -png -r 60 "$pdfs/$name.odt.pdf" "$out/libreoffice"
pdftoppm -png -r 60 "$pdfs/$name.html.pdf" "$out/chromium"
"$PYTHON_VENV/bin/python3" "$root/scripts/measure-layout.py" "$pdfs/$name.odt.pdf" "$pdfs/$name.html.pdf" "${measure[@]}" >/dev/null
