#!/bin/sh
# interop/run.sh: the cross-checks behind `make interop` (interop/README.md).
#
# Needs top_srcdir and top_builddir (absolute), set by interop/local.mk.
# Environment:
#   INTEROP_CMSFW   "backend=path-to-cmsfw ..." to use these builds; default:
#                   build each backend in interop/build-BACKEND of the build tree
#   INTEROP_PEERS   peer scripts of interop/peers/ to run (default: all)
#   INTEROP_JOBS    make -j of those builds (default: 2)
# Writes the result rows to interop/results.tsv of the build tree and the
# matrix to docs/conformance.md of the source tree (of the build tree when
# the source tree is read-only). Exits 1 when a check failed for a reason
# interop/limits.tsv does not explain.
set -u

: "${top_srcdir:?top_srcdir not set (run: make interop)}"
: "${top_builddir:?top_builddir not set (run: make interop)}"
S=$top_srcdir
B=$top_builddir/interop
KEYS=$S/vectors/keys
WORK=$B/work
RESULTS=$B/results.tsv
PY=${PYTHON3:-/usr/bin/python3}
case $PY in no | "") PY=/usr/bin/python3 ;; esac
CC=${CC:-cc}
JOBS=${INTEROP_JOBS:-2}
export S KEYS WORK RESULTS PY CC

rm -rf "$WORK"
mkdir -p "$WORK" || exit 2
: >"$RESULTS"
. "$S/interop/lib.sh"

# ---------------------------------------------------------- cmsfw builds
if [ -n "${INTEROP_CMSFW:-}" ]; then
    CMSFW_BUILDS=$INTEROP_CMSFW
else
    CMSFW_BUILDS=""
    for be in mbedtls wolfssl openssl; do
        echo "building cmsfw --with-crypto=$be in $B/build-$be ..."
        if sh "$S/scripts/build-backend.sh" "$S" "$B/build-$be" "$be" "$JOBS"; then
            CMSFW_BUILDS="$CMSFW_BUILDS $be=$B/build-$be/tools/cmsfw"
        else
            echo "cmsfw --with-crypto=$be does not build: see $B/build-$be/build.log" >&2
            exit 2
        fi
    done
fi
export CMSFW_BUILDS

# ------------------------------------------------- what cmsfw produces
# Every signature algorithm a backend has, times the layer combinations.
# Ed25519 only where the backend signs it (not Mbed TLS).
IMAGE=$WORK/image.bin
"$PY" -c 'import os, sys; sys.stdout.buffer.write(os.urandom(100000))' >"$IMAGE"
KEK_ID=1112131415161718
KEK=$KEYS/kek256.hex
printf '' >"$WORK/packages.tsv"
for pair in $CMSFW_BUILDS; do
    be=${pair%%=*}
    bin=${pair#*=}
    mkdir -p "$WORK/cmsfw-$be"
    for alg in ecdsa-p256 ecdsa-p384 rsa-pss rsa-pkcs1 ed25519; do
        case $alg in
        ecdsa-p256) key=ec-p256 sig=ecdsa ;;
        ecdsa-p384) key=ec-p384 sig=ecdsa ;;
        rsa-pss) key=rsa-2048 sig=rsa-pss ;;
        rsa-pkcs1) key=rsa-2048 sig=rsa-pkcs1 ;;
        ed25519) key=ed25519 sig=ed25519 ;;
        esac
        [ "$alg" = ed25519 ] && [ "$be" = mbedtls ] && continue
        for layers in plain zlib aes256-cbc aes256-gcm zlib+aes256-gcm; do
            case $layers in
            plain) lflags="" ;;
            zlib) lflags="--compress zlib" ;;
            aes256-cbc) lflags="--encrypt aes256-cbc --kek $KEK_ID:$KEK" ;;
            aes256-gcm) lflags="--encrypt aes256-gcm --kek $KEK_ID:$KEK" ;;
            zlib+aes256-gcm) lflags="--compress zlib --encrypt aes256-gcm --kek $KEK_ID:$KEK" ;;
            esac
            f=$WORK/cmsfw-$be/$alg-$layers.der
            # shellcheck disable=SC2086 # lflags is a word list
            if "$bin" protect --in "$IMAGE" --out "$f" --key "$KEYS/$key.key.pem" \
                --cert "$KEYS/$key.cert.pem" --sig-alg "$sig" --pkg-id "$PKG_OID:5" \
                --target "$HW" $lflags >"$WORK/protect.log" 2>&1; then
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "cmsfw-$be" "$alg" "$layers" "$f" \
                    "$KEYS/$key.cert.pem" "--kek $KEK_ID:$KEK" >>"$WORK/packages.tsv"
            else
                row "cmsfw-$be" "$alg" "$layers" "cmsfw-$be" fail \
                    "cmsfw protect failed: $(tail -n 1 "$WORK/protect.log")"
            fi
        done
    done
done
echo "cmsfw made $(wc -l <"$WORK/packages.tsv") packages"

# every cmsfw build verifies every cmsfw package: the baseline of the matrix
check_cmsfw() {
    if [ "$2" = ed25519 ]; then
        # shellcheck disable=SC2086 # $6 holds the device flags
        cmsfw_expect "$1" "$2" "$3" "$4" "accepted mbedtls:badSignatureAlgorithm" "$5" $6
    else
        # shellcheck disable=SC2086
        cmsfw_expect "$1" "$2" "$3" "$4" accepted "$5" $6
    fi
}
each_package check_cmsfw

# --------------------------------------------------------------- peers
for peer in ${INTEROP_PEERS:-$(cd "$S/interop/peers" && ls -- *.sh | sed 's/\.sh$//')}; do
    echo "peer: $peer"
    mkdir -p "$WORK/$peer"
    if ! (cd "$WORK/$peer" && . "$S/interop/peers/$peer.sh"); then
        row "$peer" - - "$peer" fail "the peer script interop/peers/$peer.sh failed"
    fi
done

# -------------------------------------------------------------- matrix
out=$S/docs/conformance.md
if ! (: >>"$out") 2>/dev/null || [ ! -w "$out" ]; then
    mkdir -p "$top_builddir/docs"
    out=$top_builddir/docs/conformance.md
fi
"$PY" "$S/interop/matrix.py" --results "$RESULTS" --limits "$S/interop/limits.tsv" \
    --out "$out"
status=$?
echo "written: $out (rows: $RESULTS)"
exit $status
