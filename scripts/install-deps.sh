#!/bin/sh
# Install the Debian packages cmsfw needs to build and test, when missing
# (the peers of `make interop` included: GnuTLS, a JDK and Bouncy Castle;
# clang for the libFuzzer targets of `make fuzz-smoke`).
# Runs apt-get as root; otherwise prints the command to run.
set -eu

PACKAGES="build-essential autoconf automake libtool pkg-config \
libtasn1-6-dev libtasn1-bin libmbedtls-dev libwolfssl-dev libssl-dev libcunit1-dev zlib1g-dev \
python3 python3-pyasn1 python3-pyasn1-modules python3-cryptography valgrind openssl \
gnutls-bin libgnutls28-dev default-jdk-headless libbcprov-java libbcpkix-java clang libclang-rt-14-dev"

missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages:$missing" >&2
    echo "run: sudo apt-get install$missing" >&2
    exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
