# interop/lib.sh: what the peer scripts of interop/peers/ share. Sourced
# by interop/run.sh, which sets:
#   S        source tree          KEYS   vectors/keys of it
#   WORK     scratch folder       RESULTS  the result rows (TSV)
#   CMSFW_BUILDS  "backend=path-to-cmsfw ..." for every cmsfw build
#   PY       python3              CC     C compiler for the peer programs
#
# A result row: producer, algorithm, layers, verifier, outcome, message.
#   producer  who made the package: cmsfw-BACKEND, openssl, openssl-stream,
#             wolfssl, bc, gnutls...
#   verifier  who checked it: openssl, wolfssl, gnutls, bc, pyasn1,
#             cmsfw-BACKEND
#   outcome   pass (the verdict the checker must reach, reached), fail, or
#             na (the checker cannot take part: message says why)
#   message   the peer's own words on failure; what was checked on pass
#
# The packages cmsfw made are listed in $WORK/packages.tsv, one per line:
#   producer alg layers file trust-cert device-flags...
# (device-flags: the --kek/--cek flags `cmsfw verify` needs; tab-separated
# fields, the flags space-separated in the last one.)

HW=1.3.6.1.4.1.32473.1.1
PKG_OID=1.3.6.1.4.1.32473.2.1

# row PRODUCER ALG LAYERS VERIFIER OUTCOME MESSAGE...
row() {
    p=$1 a=$2 l=$3 v=$4 o=$5
    shift 5
    # one line, no tabs, at most 300 characters of message
    m=$(printf '%s' "$*" | tr '\t\r\n' '   ' | cut -c1-300)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$p" "$a" "$l" "$v" "$o" "$m" >>"$RESULTS"
}

# each_package FUNCTION: FUNCTION PRODUCER ALG LAYERS FILE CERT FLAGS for
# every package cmsfw made.
each_package() {
    fn=$1
    while IFS="$(printf '\t')" read -r p a l f c fl; do
        "$fn" "$p" "$a" "$l" "$f" "$c" "$fl"
    done <"$WORK/packages.tsv"
}

# The verdict EXPECT asks of backend $2: EXPECT is a verdict, optionally
# followed by BACKEND:VERDICT words for backends that must answer otherwise
# ("accepted mbedtls:badSignatureAlgorithm": Mbed TLS has no Ed25519).
expect_for() {
    v=${1%% *}
    for w in $1; do
        case $w in "$2":*) v=${w#*:} ;; esac
    done
    printf '%s' "$v"
}

# cmsfw_expect PRODUCER ALG LAYERS FILE EXPECT TRUST [FLAGS...]: `cmsfw
# verify` of every cmsfw build, one row each. EXPECT (see expect_for) is
# "accepted" or the RFC 4108 error name the package must be rejected with.
cmsfw_expect() {
    p=$1 a=$2 l=$3 f=$4 expect=$5 trust=$6
    shift 6
    for pair in $CMSFW_BUILDS; do
        be=${pair%%=*}
        bin=${pair#*=}
        want=$(expect_for "$expect" "$be")
        out=$("$bin" verify "$f" --trust "$trust" --hw-type "$HW" --json "$@" 2>/dev/null)
        verdict=$(printf '%s' "$out" | "$PY" -c '
import json, sys
try:
    d = json.load(sys.stdin)
except ValueError:
    sys.exit("no verdict")
print("%s\t%s" % ("accepted" if d["status"] == "accepted" else d.get("error", "?"),
                   d.get("reason", "")))' 2>&1)
        got=${verdict%%"$(printf '\t')"*}
        reason=${verdict#*"$(printf '\t')"}
        if [ "$got" = "$want" ]; then
            if [ "$want" = accepted ]; then
                row "$p" "$a" "$l" "cmsfw-$be" pass "accepted"
            else
                row "$p" "$a" "$l" "cmsfw-$be" pass "rejected as required: $want ($reason)"
            fi
        else
            row "$p" "$a" "$l" "cmsfw-$be" fail "expected $want, got $got ($reason)"
        fi
    done
}
