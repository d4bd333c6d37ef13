#!/usr/bin/env bash
# Installs a release build of gongwen: PREFIX/bin/gongwen and PREFIX/share/gongwen/{Templates,
# Fonts,Examples,README.md}. The binary finds its templates in ../share/gongwen from any working
# directory. No root needed for a user PREFIX (e.g. ~/.local).
#
#   scripts/install.sh PREFIX            # e.g. scripts/install.sh ~/.local
#   SWIFT_BUILD_FLAGS="--traits ISAL" scripts/install.sh PREFIX   # deflate with ISA-L (libisal-dev)
#   SKIP_BUILD=1 scripts/install.sh PREFIX                          # install the last release build
#
# The Swift runtime is linked in (--static-swift-stdlib): the installed binary needs only the
# system libraries (libxml2, zlib, libssl, libsqlite3), not the Swift toolchain.
set -euo pipefail
prefix=${1:?usage: scripts/install.sh PREFIX}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

flags=(-c release --static-swift-stdlib)
# shellcheck disable=SC2206
flags+=(${SWIFT_BUILD_FLAGS:-})
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "== swift build ${flags[*]} --product gongwen" >&2
  swift build "${flags[@]}" --product gongwen >&2
fi
bin=$(swift build "${flags[@]}" --show-bin-path)
[ -x "$bin/gongwen" ] || { echo "no release build at $bin/gongwen" >&2; exit 1; }

mkdir -p "$prefix/bin" "$prefix/share/gongwen"
prefix=$(cd "$prefix" && pwd)
install -m 0755 "$bin/gongwen" "$prefix/bin/gongwen"
strip --strip-unneeded "$prefix/bin/gongwen" 2>/dev/null || true
share="$prefix/share/gongwen"
for folder in Templates Fonts Examples; do
  rm -rf "${share:?}/$folder"
  cp -R "$folder" "$share/$folder"
done
install -m 0644 README.md "$share/README.md"
chmod -R u+rwX,go+rX "$share"
echo "installed $prefix/bin/gongwen ($("$prefix/bin/gongwen" --version)) and $share" >&2
