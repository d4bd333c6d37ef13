#!/usr/bin/env bash
# The installation as a clerk's machine gets it (issue 16): build the .deb and install it with
# dpkg -i (as root, as CI runs), or else install into a fresh PREFIX with scripts/install.sh;
# then, from /tmp and with no GONGWEN_TEMPLATES: gongwen --version, gongwen templates, and the
# sample 通报批评 rendered from a copy of its data elsewhere. The unit file is checked with
# systemd-analyze verify where it exists; the package is removed afterwards.
#
#   Tests/Install/run.sh            # .deb when root and dpkg are there, else install.sh
#   INSTALL_MODE=prefix Tests/Install/run.sh
#   SKIP_BUILD=1 …                  # reuse the last release build
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
unset GONGWEN_TEMPLATES
mode=${INSTALL_MODE:-}
if [ -z "$mode" ]; then
  if [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null && command -v dpkg-deb >/dev/null; then mode=deb; else mode=prefix; fi
fi

installed_by_us=""
cleanup() {
  if [ -n "$installed_by_us" ]; then dpkg -r gongwen >/dev/null || echo "warning: dpkg -r gongwen failed" >&2; fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }

if [ "$mode" = deb ]; then
  # After dpkg -r the package stays known (“config-files”, for its postrm); only an installed one is in the way.
  if [ "$(dpkg-query -W -f='${Status}' gongwen 2>/dev/null)" = "install ok installed" ]; then
    fail "a gongwen package is already installed; remove it first (dpkg -r gongwen)"
  fi
  echo "== scripts/make-deb.sh"
  deb=$("$root/scripts/make-deb.sh" "$work/deb")
  dpkg-deb --info "$deb" | sed -n '/Package:/,/Description:/p'
  # What ldd cannot see: HarfBuzz's subsetter is loaded with dlopen for --format pdf.
  dpkg-deb --field "$deb" Recommends | grep -q "libharfbuzz-subset0" || fail "the package does not recommend libharfbuzz-subset0"
  dpkg-deb --contents "$deb" | awk '{print $6}' | grep -E "^\./usr/(bin/|lib/systemd/system/|share/gongwen/Templates/通报批评/template)" | sort
  echo "== dpkg -i $(basename "$deb")"
  dpkg -i "$deb"
  installed_by_us=1
  gongwen=$(command -v gongwen) || fail "gongwen is not on PATH after dpkg -i"
  [ "$gongwen" = /usr/bin/gongwen ] || fail "gongwen on PATH is $gongwen, not /usr/bin/gongwen"
  getent passwd gongwen >/dev/null || fail "postinst did not create the user gongwen"
  [ -d /var/lib/gongwen ] && [ "$(stat -c %U /var/lib/gongwen)" = gongwen ] || fail "/var/lib/gongwen is not the service's"
  unit=/usr/lib/systemd/system/gongwen.service
  [ -f "$unit" ] || fail "no $unit"
  grep -q "^ExecStart=/usr/bin/gongwen serve --data-dir /var/lib/gongwen$" "$unit" || fail "unit does not run gongwen serve"
  grep -q "^User=gongwen$" "$unit" || fail "unit does not run as gongwen"
else
  echo "== scripts/install.sh $work/prefix"
  "$root/scripts/install.sh" "$work/prefix"
  gongwen="$work/prefix/bin/gongwen"
  unit="$root/scripts/deb/gongwen.service"
fi

echo "== the binary needs no Swift toolchain"
ldd "$gongwen"
! ldd "$gongwen" | grep -q "not found" || fail "missing shared libraries"
! ldd "$gongwen" | grep -q "/opt/swift\|libswiftCore\|libFoundation" || fail "the Swift runtime is loaded from the toolchain"

cd /tmp
echo "== gongwen --version (from /tmp)"
version=$("$gongwen" --version)
echo "$version"
expected=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' "$root/Sources/Gongwen/Installation.swift")
[ "$version" = "$expected" ] || fail "--version printed “$version”, expected $expected"

echo "== gongwen templates (from /tmp)"
# Run where no Swift toolchain or checkout is on PATH: the installed copy only.
env -i PATH=/usr/bin:/bin HOME="$work" "$gongwen" templates > "$work/templates.txt"
head -3 "$work/templates.txt"
for name in 通报批评 诚信计生双向承诺书 目标管理责任书; do
  grep -q "^$name	" "$work/templates.txt" || fail "gongwen templates does not list $name"
done
grep "^通报批评	" "$work/templates.txt" | grep -q "share/gongwen/Templates/通报批评" \
  || fail "templates were not found in the installed share/gongwen"

echo "== gongwen render 通报批评 with its sample data copied elsewhere (from /tmp)"
mkdir -p "$work/data"
cp "$root/Templates/通报批评/data.yaml" "$work/data/批评.yaml"
env -i PATH=/usr/bin:/bin HOME="$work" "$gongwen" render 通报批评 --data "$work/data/批评.yaml" --out "$work/out"
ls -l "$work/out"
for ext in html odt fodt; do [ -s "$work/out/通报批评.$ext" ] || fail "no 通报批评.$ext"; done
grep -q "关于对清水县、石门县、云岭区、河西特区予以通报批评的通报" "$work/out/通报批评.html" || fail "the title is not in the HTML"
python3 - "$work/out/通报批评.odt" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None, "bad CRC"
assert z.namelist()[0] == "mimetype" and z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
content = z.read("content.xml").decode("utf-8")
assert "予以通报批评的通报" in content, "title missing from content.xml"
print("通报批评.odt: a valid zip, %d entries, content.xml %d bytes" % (len(z.namelist()), len(content)))
PY
# --templates and GONGWEN_TEMPLATES come first.
mkdir -p "$work/mine/我的通知"
cp "$root/Templates/通报批评/template.xml" "$work/mine/我的通知/template.xml"
env -i PATH=/usr/bin:/bin "$gongwen" templates --templates "$work/mine" | grep -q "^我的通知	" || fail "--templates was not used"
env -i PATH=/usr/bin:/bin GONGWEN_TEMPLATES="$work/mine" "$gongwen" templates | grep -q "^我的通知	" || fail "GONGWEN_TEMPLATES was not used"

echo "== the systemd unit"
if command -v systemd-analyze >/dev/null; then
  # verify checks ExecStart's binary exists: in prefix mode, point it at the installed one.
  cp "$unit" "$work/gongwen.service"
  sed -i "s#^ExecStart=/usr/bin/gongwen#ExecStart=$gongwen#" "$work/gongwen.service"
  systemd-analyze verify "$work/gongwen.service" > "$work/verify.txt" 2>&1 || { cat "$work/verify.txt"; fail "systemd-analyze verify failed"; }
  cat "$work/verify.txt"
  ! grep -q "gongwen.service" "$work/verify.txt" || fail "systemd-analyze verify reported problems in gongwen.service"
  echo "systemd-analyze verify: OK"
else
  echo "systemd-analyze not here: skipped"
fi

if [ -n "$installed_by_us" ]; then
  echo "== dpkg -r gongwen"
  dpkg -r gongwen
  installed_by_us=""
  [ ! -e /usr/bin/gongwen ] || fail "/usr/bin/gongwen is still there after dpkg -r"
  [ ! -e /usr/share/gongwen/Templates ] || fail "/usr/share/gongwen is still there after dpkg -r"
fi
echo "install test: OK ($mode)"
