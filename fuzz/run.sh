#!/bin/sh
# fuzz/run.sh: build and run the libFuzzer targets of cmsfw (fuzz/README.md).
#
#   sh fuzz/run.sh build     the targets, their seeds (`make fuzz`)
#   sh fuzz/run.sh smoke     build, then replay fuzz/regressions/ and run each
#                            target for FUZZ_SECONDS (`make fuzz-smoke`)
#
# Needs top_srcdir and top_builddir (absolute), set by fuzz/local.mk.
# Everything is written under $top_builddir/fuzz/build:
#   lib/          cmsfw configured with clang and the sanitizers (static)
#   bin/          the targets
#   seeds/T/      seed inputs of target T, made again by every build
#   corpus/T/     the corpus libFuzzer grows (kept between runs)
#   artifacts/T/  crash-*, leak-*, timeout-*, oom-* inputs
#   logs/T.log    the last run's output
# Knobs (environment):
#   FUZZ_SECONDS  seconds per target for smoke (default: 20; eight targets
#                 one after the other, about three minutes in all)
#   FUZZ_TARGETS  targets to build and run (default: all eight)
#   FUZZ_CC       compiler with libFuzzer (default: clang)
#   FUZZ_JOBS     make -j for the library build (default: 2)
#   FUZZ_FLAGS    more libFuzzer options for smoke (e.g. -jobs=2 -workers=2)
set -u

: "${top_srcdir:?top_srcdir not set (run: make fuzz)}"
: "${top_builddir:?top_builddir not set (run: make fuzz)}"
SECONDS_EACH=${FUZZ_SECONDS:-20}
TARGETS=${FUZZ_TARGETS:-fuzz_der fuzz_fw fuzz_keys fuzz_inspect fuzz_proc fuzz_proc_chunked \
fuzz_min fuzz_min_diff}
FCC=${FUZZ_CC:-clang}
JOBS=${FUZZ_JOBS:-2}
EXTRA=${FUZZ_FLAGS:-}
PY=${PYTHON3:-python3}
case $PY in no | "") PY=python3 ;; esac

S=$top_srcdir
B=$top_builddir/fuzz/build
LIB=$B/lib
# The library: coverage for libFuzzer without its main(), ASan and UBSan,
# every UBSan finding fatal (a report that only prints would not fail).
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
LIB_CFLAGS="-g -O1 $SAN -fsanitize=fuzzer-no-link"
TARGET_CFLAGS="-g -O1 $SAN -fsanitize=fuzzer -std=c99 -Wall -Wextra -Wpedantic -Wshadow \
-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla -Werror"
# Each run stops at the first crash, leak or sanitizer report; an input
# running 10 s is a hang; 2 GiB of RSS is a memory blow-up.
RUN_FLAGS="-timeout=10 -rss_limit_mb=2048 -print_final_stats=1"

say() { printf '%s\n' "$*"; }

# Largest input per target: the packages of vectors/ are up to a few KiB
# (the large-image vectors are cut); attribute values are small.
max_len() {
    case $1 in
    fuzz_fw) echo 4096 ;;
    fuzz_der | fuzz_keys) echo 16384 ;;
    *) echo 65536 ;;
    esac
}

# Value of a variable in the library build's Makefile.
mkvar() { sed -n "s/^$1 = //p" "$LIB/Makefile" | head -n 1; }

# ------------------------------------------------------------------ build

build_lib() {
    # a build configured with other flags is started over
    if [ -f "$LIB/config.status" ] &&
        [ "$(cat "$LIB/fuzz-flags" 2>/dev/null)" != "$FCC $LIB_CFLAGS minimal" ]; then
        rm -rf "$LIB"
    fi
    mkdir -p "$LIB" || return 1
    say "fuzz: building cmsfw with $FCC and the sanitizers in $LIB ..."
    if ! CC=$FCC CFLAGS=$LIB_CFLAGS \
        sh "$S/scripts/build-backend.sh" "$S" "$LIB" mbedtls "$JOBS"; then
        tail -n 30 "$LIB/build.log"
        say "fuzz: the library build failed (log: $LIB/build.log)"
        return 1
    fi
    printf '%s\n' "$FCC $LIB_CFLAGS minimal" >"$LIB/fuzz-flags"
}

build_target() {
    t=$1
    srcs="$S/fuzz/$t.c"
    case $t in fuzz_proc* | fuzz_min*) srcs="$srcs $S/fuzz/fuzz_device.c" ;; esac
    bin=$B/bin/$t
    stale=no
    [ -f "$bin" ] || stale=yes
    for f in $srcs "$S/fuzz/fuzz_util.h" "$S/fuzz/fuzz_device.h" "$LIB/.libs/libcmsfw_core.a"; do
        [ -f "$bin" ] && [ -n "$(find "$f" -newer "$bin")" ] && stale=yes
    done
    [ "$stale" = yes ] || return 0
    say "fuzz: compiling $t"
    # shellcheck disable=SC2046,SC2086 # flag and library lists are word lists
    $FCC $TARGET_CFLAGS -I"$S" -I"$S/include" -I"$LIB/include" $(mkvar CRYPTO_CFLAGS) \
        -DFUZZ_TOP_SRCDIR="\"$S\"" -o "$bin" $srcs "$LIB/.libs/libcmsfw_core.a" \
        $(mkvar TASN1_LIBS) $(mkvar CRYPTO_LIBS) $(mkvar ZLIB_LIBS) $(mkvar LIBS)
}

# Copy the files given (at most the target's max_len) into directory $1,
# each prefixed with the octets of the printf format $2.
seed_copy() {
    dir=$1 prefix=$2 limit=$3
    shift 3
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] || continue
        [ "$(wc -c <"$f")" -le "$limit" ] || continue
        # shellcheck disable=SC2059 # the prefix is a printf format on purpose
        { printf "$prefix"; cat "$f"; } >"$dir/$(basename "$f")"
    done
}

# Chunking headers of fuzz_proc_chunked (see fuzz_proc_chunked.c): one
# chunk size, taking turns over 1, 7, 100 and 1024 octets and the three
# stage modes.
seed_chunked() {
    dir=$1 limit=$2
    shift 2
    mkdir -p "$dir"
    i=0
    for f in "$@"; do
        [ -f "$f" ] || continue
        [ "$(wc -c <"$f")" -le "$limit" ] || continue
        case $((i % 4)) in
        0) c='\001\000' ;;
        1) c='\007\000' ;;
        2) c='\144\000' ;;
        *) c='\000\004' ;;
        esac
        m=$((16 + i % 3))
        # shellcheck disable=SC2059
        { printf "\\$(printf '%03o' "$m")$c"; cat "$f"; } >"$dir/$(basename "$f")"
        i=$((i + 1))
    done
}

build_seeds() {
    V=$S/vectors
    rm -rf "$B/seeds"
    mkdir -p "$B/seeds"
    pkgs="$V/generated/*.der $V/published/*.der $V/samples/*.der"
    for t in $TARGETS; do
        d=$B/seeds/$t
        ml=$(max_len "$t")
        # shellcheck disable=SC2086 # $pkgs is a list of globs
        case $t in
        fuzz_der | fuzz_inspect | fuzz_proc) seed_copy "$d" "" "$ml" $pkgs ;;
        fuzz_proc_chunked | fuzz_min) seed_chunked "$d" "$ml" $pkgs ;;
        fuzz_min_diff) seed_copy "$d" '\000' "$ml" $pkgs ;;
        fuzz_keys)
            seed_copy "$d" "" "$ml" "$V"/keys/*.pem "$V"/samples/*.pem "$V"/samples/*.key \
                "$V"/published/*.pem "$V"/published/*certificate.der "$V"/published/rfc8410-*.der
            ;;
        fuzz_fw)
            # the attribute values, else the packages as they are
            if ! "$PY" "$S/fuzz/seeds.py" "$V" "$d" "$B/seeds/keys-extra" >/dev/null; then
                say "fuzz: $PY could not take the attribute values out;" \
                    "fuzz_fw starts from the packages"
                rm -rf "$d"
                i=0
                for f in $pkgs; do
                    seed_copy "$d" "\\$(printf '%03o' $((i % 13)))" "$ml" "$f"
                    i=$((i + 1))
                done
            fi
            ;;
        esac
        mkdir -p "$d" "$B/corpus/$t" "$B/artifacts/$t"
    done
    # certificates the packages carry, as DER, for the key parsers
    if [ -d "$B/seeds/fuzz_keys" ] && [ -d "$B/seeds/keys-extra" ]; then
        cp "$B/seeds/keys-extra"/* "$B/seeds/fuzz_keys/" 2>/dev/null
    fi
    rm -rf "$B/seeds/keys-extra"
}

build_all() {
    mkdir -p "$B/bin" "$B/logs" || return 1
    if ! command -v "$FCC" >/dev/null 2>&1; then
        say "fuzz: $FCC not found: install the Debian packages clang and libclang-rt-14-dev"
        return 1
    fi
    build_lib || return 1
    for t in $TARGETS; do
        [ -f "$S/fuzz/$t.c" ] || { say "fuzz: no target $t"; return 1; }
        build_target "$t" || { say "fuzz: $t did not compile"; return 1; }
    done
    build_seeds
    say "fuzz: targets in $B/bin: $TARGETS"
}

# -------------------------------------------------------------------- run

# CPU seconds of the children waited for so far, from the output of the
# `times` builtin saved in file $1 (it must run in this shell, not in a
# command substitution, whose children are not ours).
child_cpu() {
    sed -n 2p "$1" | tr 'ms' '  ' | awk '{ printf "%.1f", $1 * 60 + $2 + $3 * 60 + $4 }'
}

# A run failed when libFuzzer's status says so, or when a sanitizer
# printed a report (a report is always a failure, whatever the status).
log_is_clean() {
    ! grep -q -E 'ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|ERROR: libFuzzer' "$1" &&
        ! grep -q -E 'runtime error:|property broken' "$1"
}

replay_regressions() {
    t=$1
    set -- "$S/fuzz/regressions/$t"-*.bin
    [ -f "$1" ] || return 0
    log=$B/logs/$t-regressions.log
    # shellcheck disable=SC2086 # a flag list
    if "$B/bin/$t" $RUN_FLAGS "$@" >"$log" 2>&1 && log_is_clean "$log"; then
        say "  $t: $# regression input(s) pass"
        return 0
    fi
    say "  $t: a regression input fails again (log: $log)"
    grep -E 'Running:|property broken|ERROR:|SUMMARY:' "$log" | head -n 10 | sed 's/^/    /'
    return 1
}

run_target() {
    t=$1
    log=$B/logs/$t.log
    times >"$B/logs/times.before"
    # shellcheck disable=SC2086 # flag lists
    "$B/bin/$t" $RUN_FLAGS $EXTRA -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$t")" \
        -dict="$S/fuzz/cmsfw.dict" -artifact_prefix="$B/artifacts/$t/" \
        "$B/corpus/$t" "$B/seeds/$t" >"$log" 2>&1
    st=$?
    times >"$B/logs/times.after"
    before=$(child_cpu "$B/logs/times.before")
    after=$(child_cpu "$B/logs/times.after")
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    [ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9]*\)[[:space:]]*DONE.*/\1/p' "$log" | tail -n 1)
    cpu=$(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.1f", b - a }')
    corpus=$(find "$B/corpus/$t" -type f | wc -l)
    if [ "$st" -eq 0 ] && log_is_clean "$log"; then
        printf '  %-18s %10s execs %8s exec/s %8s s CPU %6s corpus  ok\n' \
            "$t" "${execs:-?}" "${rate:-?}" "$cpu" "$corpus"
        return 0
    fi
    printf '  %-18s %10s execs %8s exec/s %8s s CPU %6s corpus  FAILED (exit %s)\n' \
        "$t" "${execs:-?}" "${rate:-?}" "$cpu" "$corpus" "$st"
    grep -E 'property broken|ERROR:|SUMMARY:|runtime error:|Test unit written' "$log" |
        head -n 10 | sed 's/^/    /'
    say "    log: $log"
    return 1
}

smoke() {
    build_all || exit 1
    fail=""
    say "fuzz: replaying fuzz/regressions/"
    for t in $TARGETS; do
        replay_regressions "$t" || fail="$fail $t(regression)"
    done
    say "fuzz: $SECONDS_EACH s per target"
    for t in $TARGETS; do
        run_target "$t" || fail="$fail $t"
    done
    if [ -n "$fail" ]; then
        say "fuzz: FAILED:$fail (inputs under $B/artifacts/)"
        exit 1
    fi
    say "fuzz: no crash, leak, timeout or sanitizer report"
}

case ${1:-} in
build) build_all || exit 1 ;;
smoke) smoke ;;
*)
    say "usage: sh fuzz/run.sh build|smoke" >&2
    exit 2
    ;;
esac
