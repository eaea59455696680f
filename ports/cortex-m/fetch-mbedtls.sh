#!/bin/sh
# fetch-mbedtls.sh DIR: unpack Debian's mbedtls source package into DIR
# (DIR/src, with the Debian patches applied), once. The cross build of
# ports/cortex-m compiles the library from it with its own configuration
# (mbedtls_config.h), since Debian ships no Cortex-M build of mbedtls.
#
# The source comes from Debian's archive only, through `apt-get source`:
# scripts/install-deps.sh, run as root, adds the deb-src entry it needs.
set -eu

dir=${1:?usage: fetch-mbedtls.sh DIR}
stamp="$dir/.unpacked"
[ -f "$stamp" ] && [ -f "$dir/src/include/mbedtls/version.h" ] && exit 0

fail() {
    echo "fetch-mbedtls.sh: $*" >&2
    exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found: a Debian system is needed"
command -v dpkg-source >/dev/null 2>&1 ||
    fail "dpkg-source not found: install dpkg-dev (run scripts/install-deps.sh as root)"
if ! apt-cache showsrc mbedtls 2>/dev/null | grep -q '^Package: mbedtls'; then
    fail "no deb-src entry for Debian's archive, or its lists are not downloaded:
  run scripts/install-deps.sh as root (it adds /etc/apt/sources.list.d/cmsfw-src.sources
  and runs apt-get update)"
fi

rm -rf "$dir/dl" "$dir/src"
mkdir -p "$dir/dl"
# apt-get source verifies the .dsc against the signed Sources index and the
# tarballs against the .dsc; --download-only leaves the unpacking to us so
# that the tree lands at a fixed path whatever the version.
(cd "$dir/dl" && apt-get source --download-only -qq mbedtls >/dev/null 2>&1) ||
    fail "apt-get source mbedtls failed (network, or the archive lists are stale: apt-get update)"
dsc=$(ls "$dir"/dl/mbedtls_*.dsc 2>/dev/null | head -n 1)
[ -n "$dsc" ] || fail "apt-get source left no mbedtls_*.dsc in $dir/dl"
dpkg-source --no-check -q -x "$dsc" "$dir/src" >/dev/null ||
    fail "dpkg-source could not unpack $dsc"
[ -f "$dir/src/include/mbedtls/version.h" ] || fail "$dir/src: not an mbedtls source tree"
basename "$dsc" .dsc >"$stamp"
echo "mbedtls source: $(cat "$stamp") in $dir/src"
