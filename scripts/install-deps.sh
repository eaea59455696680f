#!/bin/sh
# Install the Debian packages cmsfw needs to build and test, when missing
# (the peers of `make interop` included: GnuTLS, a JDK and Bouncy Castle;
# clang for the libFuzzer targets of `make fuzz-smoke`; the Cortex-M cross
# toolchain, newlib and QEMU for `make check-cortex-m`). Also enables
# Debian's source archive (deb-src), from which ports/cortex-m/fetch-mbedtls.sh
# unpacks the mbedtls source for the cross build.
# Runs apt-get as root; otherwise prints the command to run.
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config \
libtasn1-6-dev libtasn1-bin libmbedtls-dev libwolfssl-dev libssl-dev libcunit1-dev zlib1g-dev \
python3 python3-pyasn1 python3-pyasn1-modules python3-cryptography valgrind openssl \
gnutls-bin libgnutls28-dev default-jdk-headless libbcprov-java libbcpkix-java clang libclang-rt-14-dev \
gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm dpkg-dev"

# deb-src entries mirroring the deb ones of debian.sources, so that
# `apt-get source mbedtls` works. Prints "added" when it wrote the file.
SRC_LIST=/etc/apt/sources.list.d/cmsfw-src.sources
add_deb_src() {
    [ -f "$SRC_LIST" ] && return 0
    deb=/etc/apt/sources.list.d/debian.sources
    if [ -f "$deb" ]; then
        sed -n 's/^Types:.*/Types: deb-src/p; /^\(URIs\|Suites\|Components\|Signed-By\):/p; /^$/p' \
            "$deb" >"$SRC_LIST.tmp"
    elif [ -f /etc/apt/sources.list ]; then
        sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list >"${SRC_LIST%.sources}.list"
        echo added
        return 0
    else
        return 0
    fi
    mv "$SRC_LIST.tmp" "$SRC_LIST"
    echo added
}

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
have_src=yes
grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/ ||
    have_src=no
[ -z "$missing" ] && [ "$have_src" = yes ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    [ "$have_src" = no ] &&
        echo "no deb-src entry in /etc/apt: run this script as root to add one" >&2
    [ -z "$missing" ] && exit 1
    echo "missing Debian packages:$missing" >&2
    echo "run: sudo apt-get install$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
[ "$have_src" = no ] && add_deb_src >/dev/null
apt-get update -qq
[ -z "$missing" ] && exit 0
echo "installing:$missing"
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
