#!/bin/sh
# test_cli_hss.sh: stateful HSS/LMS keys with the tool: keygen and keyinfo,
# protect + verify (full and --minimal), exhaustion, refusal to sign
# without recording the state, and the one-time-key rule under SIGKILL
# and under concurrent signers: no bottom-level (I, q) is ever used twice.
set -u
. "${top_srcdir:-.}/tests/cli_lib.sh"

img="$tmp/fw.bin"
head -c 3000 "$samples/demo-firmware.bin" >"$img" 2>/dev/null || printf 'firmware image\n' >"$img"
[ -s "$img" ] || printf 'firmware image\n' >"$img"

have_minimal=0
grep -q '^#define CMSFW_MINIMAL 1' "$top_builddir/include/cmsfw/cmsfw_config.h" && have_minimal=1

protect_hss() { # KEY OUT [extra...]
    key=$1
    out=$2
    shift 2
    "$cmsfw" protect --in "$img" --out "$out" --pkg-id "$PKG:5" --target "$HW" --key "$key" "$@"
}

keyid_of() { "$cmsfw" keyinfo "$1" --json | "$PYTHON3" -c 'import json,sys; print(json.load(sys.stdin)["key_id"])'; }
next_of() { sed -n 's/^next: //p' "$1"; }

# --- keygen and keyinfo --------------------------------------------------------
expect_exit 0 "keygen H5/W4" -- "$cmsfw" keygen --alg hss-lms --lms-type H5 --ots-type W4 \
    --out "$tmp/k1.key" --pub "$tmp/k1.pem"
check "key file header" -- grep -q '^-----BEGIN CMSFW HSS PRIVATE KEY-----$' "$tmp/k1.key"
check "SPKI is PEM" -- grep -q '^-----BEGIN PUBLIC KEY-----$' "$tmp/k1.pem"
expect_exit 2 "keygen never overwrites a key" -- "$cmsfw" keygen --alg hss-lms --lms-type H5 \
    --ots-type W4 --out "$tmp/k1.key"
expect_exit 2 "H20 is refused" -- "$cmsfw" keygen --alg hss-lms --lms-type H20 --ots-type W4 \
    --out "$tmp/h20.key"
grep -q "use more levels" "$tmp/err" && ok || bad "H20 refusal says why"
[ ! -e "$tmp/h20.key" ] && ok || bad "no key file after a refusal"
expect_exit 2 "per-level count mismatch" -- "$cmsfw" keygen --alg hss-lms --levels 3 \
    --lms-type H5 --lms-type H5 --ots-type W4 --out "$tmp/bad.key"
expect_exit 0 "keyinfo" -- "$cmsfw" keyinfo "$tmp/k1.key"
grep -q '^remaining: 32$' "$tmp/out" && ok || bad "keyinfo: 32 remaining"
grep -q '^level 1: LMS_SHA256_M32_H5 LMOTS_SHA256_N32_W4$' "$tmp/out" && ok || bad "keyinfo level"
expect_exit 0 "keyinfo --json" -- "$cmsfw" keyinfo "$tmp/k1.key" --json
json_check "$tmp/out" "d['total'] == 32 and d['used'] == 0 and d['remaining'] == 32 and len(d['key_id']) == 40"
# the SPKI's key matches the key file's public key
"$PYTHON3" - "$tmp/k1.pem" "$tmp/out" <<'PY' && ok || bad "SPKI carries the raw HSS key"
import base64, json, sys
der = base64.b64decode("".join(l for l in open(sys.argv[1]) if not l.startswith("-----")))
d = json.load(open(sys.argv[2]))
assert der[:20].hex() == "304e300d060b2a864886f70d0109100311033d00"
assert der[20:].hex() == d["public_key"]
PY

# --- protect and verify --------------------------------------------------------
kid=$(keyid_of "$tmp/k1.key")
expect_exit 0 "protect with an HSS key" -- protect_hss "$tmp/k1.key" "$tmp/p1.der"
[ "$(next_of "$tmp/k1.key")" = 1 ] && ok || bad "state advanced to 1"
"$cmsfw" inspect --json "$tmp/p1.der" >"$tmp/i.json"
json_check "$tmp/i.json" "'hss' in json.dumps(d['signedData']['signerInfo']).lower() or '1.2.840.113549.1.9.16.3.17' in json.dumps(d)"
expect_exit 0 "verify with SPKI:KEYID" -- "$cmsfw" verify "$tmp/p1.der" \
    --trust "$tmp/k1.pem:$kid" --hw-type "$HW" --out "$tmp/fw.out"
cmp -s "$img" "$tmp/fw.out" && ok || bad "verified image differs"
if [ "$have_minimal" = 1 ]; then
    expect_exit 0 "verify --minimal" -- "$cmsfw" verify --minimal "$tmp/p1.der" \
        --trust "$tmp/k1.pem:$kid" --hw-type "$HW"
fi
expect_exit 1 "another key's anchor is refused" -- "$cmsfw" verify "$tmp/p1.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW"

# two and three levels
expect_exit 0 "keygen L=2" -- "$cmsfw" keygen --alg hss-lms --levels 2 --lms-type H5 \
    --lms-type H10 --ots-type W8 --out "$tmp/k2.key" --pub "$tmp/k2.pem"
expect_exit 0 "keygen L=3" -- "$cmsfw" keygen --alg hss-lms --levels 3 --lms-type H5 \
    --ots-type W4 --ots-type W2 --ots-type W8 --out "$tmp/k3.key" --pub "$tmp/k3.pem"
for L in 2 3; do
    kid=$(keyid_of "$tmp/k$L.key")
    expect_exit 0 "protect L=$L" -- protect_hss "$tmp/k$L.key" "$tmp/p$L.der"
    expect_exit 0 "verify L=$L" -- "$cmsfw" verify "$tmp/p$L.der" --trust "$tmp/k$L.pem:$kid" \
        --hw-type "$HW"
    if [ "$have_minimal" = 1 ]; then
        expect_exit 0 "verify --minimal L=$L" -- "$cmsfw" verify --minimal \
            "$tmp/p$L.der" --trust "$tmp/k$L.pem:$kid" --hw-type "$HW"
    fi
done
"$cmsfw" keyinfo --json "$tmp/k3.key" >"$tmp/out"
json_check "$tmp/out" "d['total'] == 2**15 and d['used'] == 1 and len(d['levels']) == 3"

# --- the minimal profile consumes the signature as it arrives ---------------------
# Nothing but the verifier's state and, from L = 2 on, one upper level's LMS
# signature at a time is held: every package verifies at the default work
# size, in small pushes, and the smallest work buffer that accepts one is
# printed (a measurement) and bounded (a check).
minimal_accepts() { # PKG ANCHOR WORK-SIZE
    "$cmsfw" verify --minimal --work-size "$3" --chunk-size 61 "$1" --trust "$2" \
        --hw-type "$HW" >/dev/null 2>&1
}
smallest_work() { # PKG ANCHOR: the smallest work size that accepts PKG
    lo=256
    hi=65536
    while [ $((hi - lo)) -gt 1 ]; do
        mid=$(((lo + hi) / 2))
        if minimal_accepts "$1" "$2" "$mid"; then hi=$mid; else lo=$mid; fi
    done
    echo "$hi"
}
sig_len() { # PKG: length of its signature (the last long OCTET STRING)
    "$PYTHON3" - "$1" <<'PY'
import sys
b = open(sys.argv[1], "rb").read()
def walk(i, end, out):
    while i < end:
        t = b[i]; l = b[i + 1]; s = i + 2
        if l & 0x80:
            n = l & 0x7f; l = int.from_bytes(b[s:s + n], "big"); s += n
        if t == 0x04 and l > 1000:
            out.append(l)
        elif t & 0x20:
            walk(s, s + l, out)
        i = s + l
out = []
walk(0, len(b), out)
print(out[-1])
PY
}
if [ "$have_minimal" = 1 ]; then
    expect_exit 0 "keygen L=1 H5/W8" -- "$cmsfw" keygen --alg hss-lms --lms-type H5 --ots-type W8 \
        --out "$tmp/m1.key" --pub "$tmp/m1.pem"
    expect_exit 0 "keygen L=2 H5/W4" -- "$cmsfw" keygen --alg hss-lms --levels 2 --lms-type H5 \
        --ots-type W4 --out "$tmp/m2.key" --pub "$tmp/m2.pem"
    expect_exit 0 "keygen L=3 H5/W4" -- "$cmsfw" keygen --alg hss-lms --levels 3 --lms-type H5 \
        --ots-type W4 --out "$tmp/m3.key" --pub "$tmp/m3.pem"
    # W1: a 8688-octet signature, longer than the default work buffer
    expect_exit 0 "keygen L=1 H5/W1" -- "$cmsfw" keygen --alg hss-lms --lms-type H5 --ots-type W1 \
        --out "$tmp/mw.key" --pub "$tmp/mw.pem"
    for k in m1 m2 m3 mw; do
        kid=$(keyid_of "$tmp/$k.key")
        ta="$tmp/$k.pem:$kid"
        expect_exit 0 "protect $k" -- protect_hss "$tmp/$k.key" "$tmp/$k.der"
        for chunk in 1 61 65536; do
            expect_exit 0 "verify --minimal $k, default work size, pushes of $chunk" -- \
                "$cmsfw" verify --minimal --chunk-size "$chunk" "$tmp/$k.der" --trust "$ta" \
                --hw-type "$HW"
        done
        small=$(smallest_work "$tmp/$k.der" "$ta")
        slen=$(sig_len "$tmp/$k.der")
        echo "minimal profile, $k: signature $slen octets, smallest work size $small"
        "$cmsfw" verify --minimal --work-size "$small" --chunk-size 61 "$tmp/$k.der" --trust "$ta" \
            --hw-type "$HW" --json >"$tmp/out" 2>/dev/null
        json_check "$tmp/out" "d['status'] == 'accepted' and d['workUsed'] <= $small"
        expect_exit 1 "$k: one octet less is the work limit" -- "$cmsfw" verify --minimal \
            --work-size $((small - 1)) --chunk-size 61 "$tmp/$k.der" --trust "$ta" --hw-type "$HW"
        grep -q "insufficientMemory" "$tmp/err" && ok || bad "$k: the limit is insufficientMemory"
        [ "$small" -lt 8192 ] && ok || bad "$k: needs $small octets of work"
        case $k in
        m1) small_m1=$small ;;
        mw)
            # one level: what the signature takes does not grow with it
            [ "$small" -lt "$slen" ] && ok || bad "$k: work $small not below signature $slen"
            [ "$small" -le $((small_m1 + 32)) ] && ok || bad "$k: work $small, H5/W8 took $small_m1"
            ;;
        esac
        # a signature that does not verify: the same verdict in both profiles
        "$PYTHON3" - "$tmp/$k.der" "$tmp/$k-bad.der" <<'PY'
import sys
b = bytearray(open(sys.argv[1], "rb").read())
# the last signature octets: the bottom level's authentication path
b[len(b) - 20] ^= 0x01
open(sys.argv[2], "wb").write(bytes(b))
PY
        expect_exit 1 "$k: full profile refuses a bad path node" -- "$cmsfw" verify \
            "$tmp/$k-bad.der" --trust "$ta" --hw-type "$HW"
        grep -q "signatureFailure" "$tmp/err" && ok || bad "$k: full profile: signatureFailure"
        expect_exit 1 "$k: minimal profile refuses it alike" -- "$cmsfw" verify --minimal \
            --chunk-size 61 "$tmp/$k-bad.der" --trust "$ta" --hw-type "$HW"
        grep -q "signatureFailure" "$tmp/err" && ok || bad "$k: minimal profile: signatureFailure"
    done
fi

# --- exhaustion: an H5 key gives exactly 32 signatures ----------------------------
n=1
while [ "$n" -lt 40 ]; do
    protect_hss "$tmp/k1.key" "$tmp/x.der" >/dev/null 2>"$tmp/err" || break
    n=$((n + 1))
done
[ "$n" -eq 32 ] && ok || bad "H5 key made $n signatures, expected 32"
expect_exit 2 "exhausted key refuses" -- protect_hss "$tmp/k1.key" "$tmp/y.der"
grep -q "exhausted" "$tmp/err" && ok || bad "exhaustion message"
[ ! -e "$tmp/y.der" ] && ok || bad "no package from an exhausted key"
expect_exit 0 "keyinfo of the exhausted key" -- "$cmsfw" keyinfo "$tmp/k1.key"
grep -q '^remaining: 0$' "$tmp/out" && ok || bad "0 remaining"

# --- the state cannot be written: no signature --------------------------------------
# a key name of 252 octets: its temporary file name is longer than NAME_MAX,
# so recording the state fails whatever the user (root included)
long="$tmp/$(printf '%0248d' 0).key"
expect_exit 0 "keygen with a long name" -- "$cmsfw" keygen --alg hss-lms --lms-type H5 \
    --ots-type W4 --out "$long"
expect_exit 2 "state cannot be recorded: refused" -- protect_hss "$long" "$tmp/long.der"
grep -q "cannot record the key state" "$tmp/err" && ok || bad "unrecorded state message"
[ ! -e "$tmp/long.der" ] && ok || bad "no package without a recorded state"
[ "$(next_of "$long")" = 0 ] && ok || bad "key file unchanged after a failed record"
if [ "$(id -u)" != 0 ]; then
    mkdir "$tmp/ro"
    "$cmsfw" keygen --alg hss-lms --lms-type H5 --ots-type W4 --out "$tmp/ro/k.key" 2>/dev/null
    chmod 555 "$tmp/ro"
    expect_exit 2 "read-only key directory: refused" -- protect_hss "$tmp/ro/k.key" "$tmp/ro.der"
    [ ! -e "$tmp/ro.der" ] && ok || bad "no package without a recorded state"
    chmod 755 "$tmp/ro"
fi

# --- crash test and concurrency ----------------------------------------------------
# sigs.py PKG... : the bottom-level (I, q) of every HSS signature, one a line;
# and, for the upper levels, (I, q, OTS signature) lines prefixed "U".
cat >"$tmp/sigs.py" <<'PY'
import sys
def tlv(b, i):
    t = b[i]; i += 1; l = b[i]; i += 1
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(b[i:i + n], "big"); i += n
    return t, i, l
def walk(b, i, end, out):
    while i < end:
        t, s, l = tlv(b, i)
        if t == 0x04 and l > 1000:
            out.append(b[s:s + l])
        elif t & 0x20:
            walk(b, s, s + l, out)
        i = s + l
P = {1: 265, 2: 133, 3: 67, 4: 34}
for path in sys.argv[1:]:
    b = open(path, "rb").read()
    sigs = []
    walk(b, 0, len(b), sigs)
    # the signature is the last OCTET STRING of the package (the SignerInfo
    # comes last and has no unsigned attributes)
    assert sigs, path
    s = sigs[-1]
    nspk = int.from_bytes(s[0:4], "big")
    pos = 4
    # the top I comes from the key file: argv has it in env
    import os
    I = bytes.fromhex(os.environ["TOP_I"])
    for lvl in range(nspk + 1):
        q = int.from_bytes(s[pos:pos + 4], "big")
        ots = int.from_bytes(s[pos + 4:pos + 8], "big")
        olen = 4 + 32 + 32 * P[ots]
        otssig = s[pos + 4:pos + 4 + olen]
        lms = int.from_bytes(s[pos + 4 + olen:pos + 8 + olen], "big")
        h = 5 * (lms - 4)
        end = pos + 8 + olen + 32 * h
        if lvl < nspk:
            print("U", I.hex(), q, otssig.hex())
            I = s[end + 8:end + 24]
            pos = end + 56
        else:
            print("B", I.hex(), q)
PY
top_i() { sed -n 's/^id: //p' "$1"; }

# SIGKILL at random moments of 200 protect runs with one L=2 key
# The delays spread over 1.5 times the length of one run, measured first
# (its package is part of the check).
expect_exit 0 "keygen for the crash test" -- "$cmsfw" keygen --alg hss-lms --levels 2 \
    --lms-type H5 --ots-type W4 --out "$tmp/kc.key" --pub "$tmp/kc.pem"
mkdir "$tmp/crash"
killed=0
t0=$(date +%s%N)
protect_hss "$tmp/kc.key" "$tmp/crash/first.der"
t1=$(date +%s%N)
awk -v ns=$((t1 - t0)) \
    'BEGIN { srand(); for (i = 0; i < 200; i++) printf "%d %.3f\n", i, rand() * 1.5 * ns / 1e9 }' \
    >"$tmp/delays"
while read -r i delay; do
    # a simple command, so that $! is cmsfw itself and not a subshell
    "$cmsfw" protect --in "$img" --out "$tmp/crash/p$i.der" --pkg-id "$PKG:5" --target "$HW" \
        --key "$tmp/kc.key" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    [ "$?" -eq 137 ] && killed=$((killed + 1))
done <"$tmp/delays"
done_pkgs=$(ls "$tmp/crash" | grep -c '\.der$')
echo "crash test: $done_pkgs of 200 packages completed, $killed runs killed," \
    "state next=$(next_of "$tmp/kc.key")"
[ "$killed" -gt 0 ] && ok || bad "the crash test killed no run"
[ "$done_pkgs" -gt 1 ] && ok || bad "no killed run completed its package"
( cd "$tmp/crash" && ls ./*.der ) >"$tmp/crash.list" 2>/dev/null
# shellcheck disable=SC2046
TOP_I=$(top_i "$tmp/kc.key") "$PYTHON3" "$tmp/sigs.py" $(sed "s|^\./|$tmp/crash/|" "$tmp/crash.list") >"$tmp/crash.q"
nb=$(grep -c "^B" "$tmp/crash.q")
[ "$nb" -eq "$done_pkgs" ] && ok || bad "one bottom signature per package ($nb for $done_pkgs)"
dups=$(grep '^B' "$tmp/crash.q" | sort | uniq -d | wc -l)
[ "$dups" -eq 0 ] && ok || bad "crash test: $dups bottom-level (I, q) used twice"
# an upper-level (I, q) may repeat only with the very same OTS signature
udups=$(grep '^U' "$tmp/crash.q" | sort -u | cut -d' ' -f2,3 | sort | uniq -d | wc -l)
[ "$udups" -eq 0 ] && ok || bad "crash test: an upper one-time key signed two different messages"
maxq=$(grep '^B' "$tmp/crash.q" | wc -l)
[ "$(next_of "$tmp/kc.key")" -ge "$maxq" ] && ok || bad "state behind the signatures made"
kid=$(keyid_of "$tmp/kc.key")
expect_exit 0 "a package of the crash test verifies" -- "$cmsfw" verify "$tmp/crash/first.der" \
    --trust "$tmp/kc.pem:$kid" --hw-type "$HW"

# two protect loops in parallel on one key
expect_exit 0 "keygen for the concurrency test" -- "$cmsfw" keygen --alg hss-lms --levels 2 \
    --lms-type H5 --ots-type W4 --out "$tmp/kp.key"
mkdir "$tmp/par"
loop() {
    j=0
    while [ "$j" -lt 25 ]; do
        protect_hss "$tmp/kp.key" "$tmp/par/$1-$j.der" 2>>"$tmp/par.err" || echo "fail $1 $j" >>"$tmp/par.err"
        j=$((j + 1))
    done
}
loop a &
pa=$!
loop b &
pb=$!
wait "$pa" "$pb"
[ ! -s "$tmp/par.err" ] && ok || { bad "parallel protect failed"; head -5 "$tmp/par.err"; }
[ "$(next_of "$tmp/kp.key")" = 50 ] && ok || bad "parallel: state is $(next_of "$tmp/kp.key"), expected 50"
# shellcheck disable=SC2046
TOP_I=$(top_i "$tmp/kp.key") "$PYTHON3" "$tmp/sigs.py" "$tmp"/par/*.der >"$tmp/par.q"
[ "$(grep '^B' "$tmp/par.q" | sort -u | wc -l)" -eq 50 ] && ok || bad "parallel: 50 distinct (I, q) expected"

finish
