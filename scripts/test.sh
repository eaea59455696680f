#!/bin/sh
# Build and run every test: `make check` under each crypto backend (each with
# the minimal profile, compared with the full one), once more under
# AddressSanitizer + UndefinedBehaviorSanitizer, `make check-cortex-m` and
# `make size-report` (the minimal profile on QEMU), `make interop` (the three
# builds against the peers), `make fuzz-smoke`, the test programs and
# `cmsfw verify` over every vector under valgrind, then `make distcheck`.
# Exits non-zero on the first failure.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc)

sh scripts/install-deps.sh
autoreconf -fi >/dev/null 2>&1 || autoreconf -fi

run_check() { # name, configure arguments...
    name=$1
    shift
    echo "=== make check ($name)"
    rm -rf "_build/$name"
    mkdir -p "_build/$name"
    (cd "_build/$name" && ../../configure --quiet --enable-werror "$@" &&
        make -j"$jobs" >/dev/null && make -j"$jobs" check) || {
        cat "_build/$name"/tests/*.log "_build/$name"/test-suite.log 2>/dev/null | tail -n 80
        exit 1
    }
}

# every build carries the minimal profile too: its tests compare it with the
# full one on each backend
run_check mbedtls --with-crypto=mbedtls --enable-minimal
run_check wolfssl --with-crypto=wolfssl --enable-minimal
run_check openssl --with-crypto=openssl --enable-minimal
run_check asan --with-crypto=mbedtls --enable-minimal --enable-sanitizers

echo "=== make check-cortex-m, make size-report (the minimal profile on Cortex-M0+/M3/M4, with and without decryption; M3 and M4 on QEMU against the host)"
(cd _build/mbedtls && make check-cortex-m && make size-report) || exit 1

echo "=== make interop (the three builds against OpenSSL, wolfSSL, GnuTLS, Bouncy Castle, pyasn1)"
(cd _build/mbedtls && make interop INTEROP_CMSFW="mbedtls=$top/_build/mbedtls/tools/cmsfw \
wolfssl=$top/_build/wolfssl/tools/cmsfw openssl=$top/_build/openssl/tools/cmsfw") || exit 1

echo "=== make fuzz-smoke (every libFuzzer target for a bounded time, and the regressions)"
(cd _build/mbedtls && make fuzz-smoke) || exit 1

echo "=== valgrind (mbedtls build)"
(cd _build/mbedtls && make -j"$jobs" check-valgrind)

echo "=== make distcheck"
rm -rf _build/dist
mkdir -p _build/dist
(cd _build/dist && ../../configure --quiet && make -j"$jobs" distcheck >distcheck.log 2>&1) || {
    tail -n 60 _build/dist/distcheck.log
    exit 1
}
grep -E 'archives ready|cmsfw-.*\.tar\.gz' _build/dist/distcheck.log | head -n 3
echo "all tests passed"
