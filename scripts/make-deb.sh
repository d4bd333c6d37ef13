#!/usr/bin/env bash
# Builds gongwen_<version>_<arch>.deb with dpkg-deb: /usr/bin/gongwen (Swift runtime linked in),
# /usr/share/gongwen/{Templates,Fonts,Examples}, and the systemd unit gongwen.service, which runs
# `gongwen serve --data-dir /var/lib/gongwen` as the system user `gongwen` (made by postinst; the
# service is enabled and started only where systemd runs). Depends lists the packages of the
# shared libraries the binary loads (found with ldd and dpkg -S). Recommends names what Gongwen
# loads only when asked and ldd cannot see: HarfBuzz's subsetter (dlopen, for --format pdf) and
# the CJK fonts the templates fall back to where the office has not installed its own.
#
#   scripts/make-deb.sh [OUTDIR]        # default: the current folder
#   SKIP_BUILD=1 / SWIFT_BUILD_FLAGS=…  # as for scripts/install.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
outdir=$(mkdir -p "${1:-.}" && cd "${1:-.}" && pwd)
version=$(sed -n 's/.*static let version = "\([^"]*\)".*/\1/p' "$root/Sources/Gongwen/Installation.swift")
[ -n "$version" ] || { echo "no version in Sources/Gongwen/Installation.swift" >&2; exit 1; }
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/gongwen_${version}_${arch}"

"$root/scripts/install.sh" "$pkg/usr"
install -d "$pkg/usr/lib/systemd/system" "$pkg/DEBIAN" "$pkg/usr/share/doc/gongwen"
install -m 0644 "$root/scripts/deb/gongwen.service" "$pkg/usr/lib/systemd/system/gongwen.service"
for script in postinst prerm postrm; do install -m 0755 "$root/scripts/deb/$script" "$pkg/DEBIAN/$script"; done
mv "$pkg/usr/share/gongwen/README.md" "$pkg/usr/share/doc/gongwen/README.md"
ln -s ../doc/gongwen/README.md "$pkg/usr/share/gongwen/README.md"

# Depends: the package of every shared library the binary needs (merged /usr or not).
libs=$(ldd "$pkg/usr/bin/gongwen" | awk '$2 == "=>" && $3 ~ /^\// {print $3}')
if ldd "$pkg/usr/bin/gongwen" | grep -q "not found"; then
  ldd "$pkg/usr/bin/gongwen" >&2; echo "missing shared libraries" >&2; exit 1
fi
depends=()
for lib in $libs; do
  real=$(readlink -f "$lib")
  owner=""
  for candidate in "$lib" "$real" "${lib#/usr}" "${real#/usr}" "/usr$lib" "/usr$real"; do
    owner=$(dpkg -S "$candidate" 2>/dev/null | head -1 | cut -d: -f1) && [ -n "$owner" ] && break
  done
  [ -n "$owner" ] || { echo "no package owns $lib" >&2; exit 1; }
  depends+=("$owner")
done
depends_line=$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')
if ldd "$pkg/usr/bin/gongwen" | grep -q "/opt/swift\|libswiftCore\|libFoundation"; then
  echo "the binary still loads the Swift runtime dynamically:" >&2; ldd "$pkg/usr/bin/gongwen" >&2; exit 1
fi

size=$(du -sk "$pkg/usr" | cut -f1)
cat > "$pkg/DEBIAN/control" <<CONTROL
Package: gongwen
Version: $version
Architecture: $arch
Maintainer: Gongwen maintainers <gongwen@localhost>
Installed-Size: $size
Depends: $depends_line, passwd
Recommends: libharfbuzz-subset0, fonts-noto-cjk
Section: text
Priority: optional
Description: Chinese official documents (公文, GB/T 9704-2012) from templates and data
 gongwen merges jurisdiction data (spreadsheets, CSV, JSON, YAML) into Chinese official
 documents and writes print-ready HTML and ODF (.odt, .fodt). The package ships the
 templates (/usr/share/gongwen/Templates) and a systemd unit, gongwen.service, for the
 office's web page (gongwen serve, data in /var/lib/gongwen).
CONTROL
dpkg-deb --root-owner-group --build "$pkg" "$outdir/gongwen_${version}_${arch}.deb" >&2
echo "$outdir/gongwen_${version}_${arch}.deb"
