#!/bin/sh
# bench/run.sh: the benchmark behind `make bench` (bench/README.md says what
# it measures and how to read the results).
#
# Needs top_srcdir and top_builddir (absolute), set by bench/local.mk.
# Knobs (environment):
#   BENCH_SIZES       image sizes, N with a K, M or G suffix (default: 1K 1M 64M 256M)
#   BENCH_RUNS        timed runs per measurement (default: 5)
#   BENCH_RUNS_LARGE  timed runs for sizes of 256 MiB and more (default: BENCH_RUNS)
#   BENCH_ALG_SIZE    size of the RSA-PSS and Ed25519 rows (default: 64M; "none" skips them)
#   BENCH_BACKENDS    crypto backends to build (default: mbedtls wolfssl openssl)
#   BENCH_JOBS        make -j for the backend builds (default: 2)
set -u

: "${top_srcdir:?top_srcdir not set (run: make bench)}"
: "${top_builddir:?top_builddir not set (run: make bench)}"
SIZES=${BENCH_SIZES:-1K 1M 64M 256M}
RUNS=${BENCH_RUNS:-5}
RUNS_LARGE=${BENCH_RUNS_LARGE:-$RUNS}
ALG_SIZE=${BENCH_ALG_SIZE:-64M}
BACKENDS=${BENCH_BACKENDS:-mbedtls wolfssl openssl}
JOBS=${BENCH_JOBS:-2}
CC=${CC:-cc}
PY=${PYTHON3:-/usr/bin/python3}
case $PY in no | "") PY=/usr/bin/python3 ;; esac

S=$top_srcdir
B=$top_builddir/bench
KEYS=$S/vectors/keys
HW=1.3.6.1.4.1.32473.1.1
PKGID=1.3.6.1.4.1.32473.2.1:5
WORK=$B/scratch.$$
DATA=$B/results.tsv
BIN=$B/bin

mkdir -p "$B" "$BIN" "$WORK" || exit 2
trap 'rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM
: >"$DATA"

say() { printf '%s\n' "$*"; }
meta() { printf 'meta\t%s\t%s\n' "$1" "$2" >>"$DATA"; }

# "64M" -> 67108864
bytes() {
    case $1 in
    *K) echo $((${1%K} * 1024)) ;;
    *M) echo $((${1%M} * 1048576)) ;;
    *G) echo $((${1%G} * 1073741824)) ;;
    *) echo "$1" ;;
    esac
}

# Value of a variable in an automake-generated Makefile.
mkvar() { sed -n "s/^$2 = //p" "$1/Makefile" | head -n 1; }

# ------------------------------------------------------------- 1. builds

# Build cmsfw for backend $1 in $B/build-$1 (static: tools/cmsfw is the
# program itself, not libtool's wrapper script, whose start-up would be
# timed too).
build_backend() {
    sh "$S/scripts/build-backend.sh" "$S" "$B/build-$1" "$1" "$JOBS"
}

# rawhash for backend $1, compiled like the library and linked against the
# build's convenience library and the libraries its configure found.
build_rawhash() {
    dir=$B/build-$1
    # shellcheck disable=SC2046 # the *_LIBS and *_CFLAGS values are word lists
    $(mkvar "$dir" CC) $(mkvar "$dir" CFLAGS) -I"$S" -I"$S/include" -I"$dir/include" \
        $(mkvar "$dir" CRYPTO_CFLAGS) -o "$BIN/rawhash-$1" "$S/bench/rawhash.c" \
        "$dir/.libs/libcmsfw_core.a" $(mkvar "$dir" TASN1_LIBS) $(mkvar "$dir" CRYPTO_LIBS) \
        $(mkvar "$dir" ZLIB_LIBS) $(mkvar "$dir" LIBS) >>"$dir/build.log" 2>&1
}

BUILT=""
for b in $BACKENDS; do
    say "building cmsfw with --with-crypto=$b in $B/build-$b ..."
    if build_backend "$b" && build_rawhash "$b"; then
        BUILT="$BUILT $b"
        meta "version:$b" "$("$B/build-$b/tools/cmsfw" --version) / $("$BIN/rawhash-$b" --version)"
    else
        say "  $b: not built (see $B/build-$b/build.log)"
        meta "version:$b" "not built"
    fi
done
meta backends "$BACKENDS"
[ -n "$BUILT" ] || { say "no backend built"; exit 1; }
# the backend whose `cmsfw protect` makes the packages: mbedtls, else the first
MAKER=${BUILT# }
MAKER=${MAKER%% *}
for b in $BUILT; do [ "$b" = mbedtls ] && MAKER=mbedtls; done
meta maker "$MAKER"

# ------------------------------------------------------ 2. peer programs

CFLAGS_HOST="-std=c99 -O2 -Wall -Wextra"
# shellcheck disable=SC2086 # CC and CFLAGS_HOST are word lists
$CC $CFLAGS_HOST -o "$BIN/runtime" "$S/bench/runtime.c" || exit 2
HAVE_WOLF=no
# shellcheck disable=SC2046,SC2086
if pkg-config --exists wolfssl &&
    $CC $CFLAGS_HOST $(pkg-config --cflags wolfssl) -o "$BIN/wolfssl_verify" \
        "$S/bench/wolfssl_verify.c" "$S/bench/slurp.c" $(pkg-config --libs wolfssl) &&
    $CC $CFLAGS_HOST $(pkg-config --cflags wolfssl) -o "$BIN/wolfssl_sign" \
        "$S/bench/wolfssl_sign.c" "$S/bench/slurp.c" $(pkg-config --libs wolfssl); then
    HAVE_WOLF=yes
    meta version:wolfssl-peer "$("$BIN/wolfssl_verify" --version) (header)"
else
    say "wolfSSL peer not built (libwolfssl-dev missing?)"
    meta version:wolfssl-peer "not built"
fi
meta version:openssl-cli "$(openssl version)"

# ------------------------------------------------------- measurement core

# Why the command that wrote $WORK/err failed with status $1.
reason() {
    w=$(grep '^wolfSSL error' "$WORK/err" | head -n 1)
    if [ -z "$w" ]; then
        # OpenSSL: "HEX:error:CODE:library:function:reason:file:line:"
        w=$(grep ':error:' "$WORK/err" | head -n 1 | awk -F: '{ print $5 ": " $6 }')
        w="exit $1: ${w:-$(head -n 1 "$WORK/err")}"
    fi
    printf '%s' "$w" | tr '\t' ' ' | cut -c 1-80
}

# measure SIZE ALG OP IMPL RUNS CMD...: one warm-up run (so every timed run
# sees the files in the page cache), then RUNS timed runs, each recorded in
# $DATA as "SIZE ALG OP IMPL ok WALL RSS". A failing run is recorded once
# as "... fail REASON" instead, and the remaining runs are skipped.
measure() {
    key=$(printf '%s\t%s\t%s\t%s' "$1" "$2" "$3" "$4")
    n=$5
    shift 5
    rm -f "$WORK/t"
    i=0
    while [ "$i" -le "$n" ]; do
        "$BIN/runtime" -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err"
        st=$?
        if [ "$st" -ne 0 ]; then
            why=$(reason "$st")
            printf '%s\tfail\t%s\n' "$key" "$why" >>"$DATA"
            printf '  %-44s fails (%s)\n' "$(echo "$key" | tr '\t' ' ')" "$why"
            return 1
        fi
        [ "$i" -eq 0 ] && rm -f "$WORK/t" # the warm-up is not counted
        i=$((i + 1))
    done
    while read -r wall rss _; do
        printf '%s\tok\t%s\t%s\n' "$key" "$wall" "$rss"
    done <"$WORK/t" >>"$DATA"
    printf '  %-44s median %s s\n' "$(echo "$key" | tr '\t' ' ')" \
        "$(cut -d ' ' -f 1 "$WORK/t" | sort -n | sed -n "$(((n + 1) / 2))p")"
    return 0
}

# check SIZE ALG OP IMPL WHAT CMD...: after a measurement, CMD must succeed,
# else the row is shown as "wrong output (WHAT)": a fast wrong answer is
# not a result.
check() {
    key=$(printf '%s\t%s\t%s\t%s' "$1" "$2" "$3" "$4")
    what=$5
    shift 5
    if ! "$@" >/dev/null 2>&1; then
        printf '%s\tbad\t%s\n' "$key" "$what" >>"$DATA"
        printf '  %-44s wrong output (%s)\n' "$(echo "$key" | tr '\t' ' ')" "$what"
    fi
}

same_hash() { # FILE DIGEST-PROGRAM...: the program prints openssl's digest of FILE
    f=$1
    shift
    want=$(openssl dgst -sha256 -r "$f" | cut -d ' ' -f 1)
    got=$("$@" "$f" | cut -d ' ' -f 1)
    [ -n "$want" ] && [ "$want" = "$got" ]
}

ossl_verifies() { # PKG CERT
    openssl cms -verify -inform DER -binary -in "$1" -CAfile "$2" -out /dev/null
}

is_pss() { # PKG: the SignerInfo's signature algorithm is RSASSA-PSS
    openssl asn1parse -inform DER -in "$1" | grep -a -q ':rsassaPss'
}

# ------------------------------------------------------------- 3. inputs

# Key material per algorithm: PEM for cmsfw and openssl, DER for wolfSSL.
for k in ec-p256 rsa-2048 ed25519; do
    openssl x509 -in "$KEYS/$k.cert.pem" -outform DER -out "$WORK/$k.cert.der" &&
        openssl pkey -in "$KEYS/$k.key.pem" -outform DER -out "$WORK/$k.key.der" || exit 2
done
key_of() { case $1 in ecdsa) echo ec-p256 ;; rsa-pss) echo rsa-2048 ;; ed25519) echo ed25519 ;; esac; }
# the name `rawhash --has` knows the algorithm by
cap_of() { case $1 in ecdsa) echo ecdsa-p256 ;; *) echo "$1" ;; esac; }

make_image() { # SIZE
    [ -f "$WORK/img-$1" ] || head -c "$(bytes "$1")" /dev/urandom >"$WORK/img-$1" || exit 2
}

# Package of image SIZE signed with ALG by the first built backend that has
# ALG (mbedtls preferred); the same package is the input of every verifier.
make_package() { # SIZE ALG
    k=$(key_of "$2")
    for b in $MAKER $BUILT; do
        "$BIN/rawhash-$b" --has "$(cap_of "$2")" || continue
        "$B/build-$b/tools/cmsfw" protect --in "$WORK/img-$1" --out "$WORK/pkg-$2-$1" \
            --key "$KEYS/$k.key.pem" --cert "$KEYS/$k.cert.pem" --sig-alg "$2" \
            --pkg-id "$PKGID" --target "$HW" && return 0
    done
    return 1
}

runs_for() { # SIZE
    if [ "$(bytes "$1")" -ge 268435456 ]; then echo "$RUNS_LARGE"; else echo "$RUNS"; fi
}

# --------------------------------------------------------- 4. measurements

# Every program on image SIZE signed with ALG. With RAW=yes the raw hashes
# are timed too (the ECDSA pass of every size), else they are not repeated.
bench_one() { # SIZE ALG RAW
    s=$1 alg=$2 raw=$3
    n=$(runs_for "$s")
    k=$(key_of "$alg")
    img=$WORK/img-$s
    pkg=$WORK/pkg-$alg-$s
    cert=$KEYS/$k.cert.pem
    say "== $s, $alg ($n runs)"
    make_image "$s"
    if ! make_package "$s" "$alg"; then
        say "  no built backend could make the $alg package; skipped"
        meta "skipped:$s:$alg" "no built backend could make the package"
        return
    fi
    md=sha256
    [ "$alg" = ed25519 ] && md=sha512

    for b in $BUILT; do
        cm=$B/build-$b/tools/cmsfw
        if ! "$BIN/rawhash-$b" --has "$(cap_of "$alg")"; then
            for op in verify protect; do
                printf '%s\t%s\t%s\t%s\tna\tno %s in this backend\n' "$s" "$alg" "$op" "$b" "$alg"
            done >>"$DATA"
            continue
        fi
        measure "$s" "$alg" verify "$b" "$n" "$cm" verify "$pkg" --trust "$cert" --hw-type "$HW"
        [ "$raw" = yes ] &&
            measure "$s" "$alg" verify-out "$b" "$n" "$cm" verify "$pkg" --trust "$cert" \
                --hw-type "$HW" --out "$WORK/out-img" &&
            check "$s" "$alg" verify-out "$b" "image differs" cmp -s "$WORK/out-img" "$img"
        measure "$s" "$alg" protect "$b" "$n" "$cm" protect --in "$img" --out "$WORK/out-pkg" \
            --key "$KEYS/$k.key.pem" --cert "$cert" --sig-alg "$alg" --pkg-id "$PKGID" --target "$HW" &&
            check "$s" "$alg" protect "$b" "package rejected" "$cm" verify "$WORK/out-pkg" \
                --trust "$cert" --hw-type "$HW"
        [ "$raw" = yes ] &&
            measure "$s" "$alg" rawhash "$b" "$n" "$BIN/rawhash-$b" "$img" &&
            check "$s" "$alg" rawhash "$b" "digest differs" same_hash "$img" "$BIN/rawhash-$b"
    done

    measure "$s" "$alg" verify openssl-cli "$n" openssl cms -verify -inform DER -binary \
        -in "$pkg" -CAfile "$cert" -out /dev/null
    pss=""
    [ "$alg" = rsa-pss ] && pss="-keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:32"
    # shellcheck disable=SC2086 # $pss is two options or none
    measure "$s" "$alg" protect openssl-cli "$n" openssl cms -sign -binary -nodetach \
        -outform DER -econtent_type 1.2.840.113549.1.9.16.1.16 -in "$img" \
        -signer "$cert" -inkey "$KEYS/$k.key.pem" -md "$md" $pss -out "$WORK/out-pkg" &&
        check "$s" "$alg" protect openssl-cli "does not verify" ossl_verifies "$WORK/out-pkg" "$cert"
    [ "$raw" = yes ] &&
        measure "$s" "$alg" rawhash openssl-cli "$n" openssl dgst -sha256 -r "$img"

    [ "$HAVE_WOLF" = yes ] || return
    measure "$s" "$alg" verify wolfssl-peer "$n" "$BIN/wolfssl_verify" "$pkg" "$WORK/$k.cert.der"
    rm -f "$WORK/out-pkg"
    if measure "$s" "$alg" protect wolfssl-peer "$n" "$BIN/wolfssl_sign" "$img" \
        "$WORK/$k.cert.der" "$WORK/$k.key.der" "$alg" "$WORK/out-pkg"; then
        check "$s" "$alg" protect wolfssl-peer "does not verify" ossl_verifies "$WORK/out-pkg" "$cert"
        [ "$alg" = rsa-pss ] &&
            check "$s" "$alg" protect wolfssl-peer "signs PKCS#1 v1.5, not PSS" is_pss "$WORK/out-pkg"
    fi
}

meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta cpu "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
meta cores "$(getconf _NPROCESSORS_ONLN)"
meta sha_ni "$(grep -q -w sha_ni /proc/cpuinfo && echo yes || echo no)"
meta load "$(cut -d ' ' -f 1-3 /proc/loadavg)"
meta runs "$RUNS"
meta runs_large "$RUNS_LARGE"
meta sizes "$SIZES"
meta alg_size "$ALG_SIZE"
cmd="make bench"
for v in BENCH_SIZES BENCH_RUNS BENCH_RUNS_LARGE BENCH_ALG_SIZE BENCH_BACKENDS BENCH_JOBS; do
    eval "val=\${$v-}"
    # shellcheck disable=SC2154 # val is set by the eval
    [ -n "$val" ] && cmd="$v='$val' $cmd"
done
meta command "$cmd"

for s in $SIZES; do
    bench_one "$s" ecdsa yes
    rm -f "$WORK/pkg-ecdsa-$s" "$WORK/out-img" "$WORK/out-pkg"
    # a large image is only kept if the RSA-PSS and Ed25519 rows need it
    [ "$s" = "$ALG_SIZE" ] || rm -f "$WORK/img-$s"
done
if [ "$ALG_SIZE" != none ]; then
    for alg in rsa-pss ed25519; do
        bench_one "$ALG_SIZE" "$alg" no
    done
fi

# ---------------------------------------------------------------- 5. report

"$PY" "$S/bench/table.py" "$DATA" >"$WORK/RESULTS.md" || exit 2
cat "$WORK/RESULTS.md"
# into the source tree when it can be written, else into the build tree
OUT=$S/bench/RESULTS.md
if ! cp "$WORK/RESULTS.md" "$OUT.tmp" 2>/dev/null || ! mv "$OUT.tmp" "$OUT"; then
    rm -f "$OUT.tmp" 2>/dev/null
    OUT=$B/RESULTS.md
    cp "$WORK/RESULTS.md" "$OUT" || exit 2
fi
say ""
say "written: $OUT (raw data: $DATA)"
