#!/bin/sh
# test_cli_protect_verify.sh: `cmsfw protect` then `cmsfw verify`, through
# the command line: every signature algorithm the backend has, times the
# layer combinations; tampering, wrong hardware, stale packages and the
# state file, chunked input, and outputs that never appear half-written.
set -u
. "${top_srcdir:-.}/tests/cli_lib.sh"

img="$samples/demo-firmware.bin"
img_sha=$(sha256_of "$img")
kek256="$samples/demo-kek256.hex"
kek128="$samples/demo-kek128.hex"
KEKID=0a0b0c0d

# protect_pkg OUT SIGNER-ARGS... -- EXTRA-ARGS...: a package of $img, v5
protect_pkg() {
    out=$1
    shift
    "$cmsfw" protect --in "$img" --out "$out" --pkg-id "$PKG:5" --target "$HW" "$@"
}

# verify_ok DESCRIPTION PKG TRUST [EXTRA...]: accepted, image identical
verify_ok() {
    what=$1
    pkg=$2
    trust=$3
    shift 3
    rm -f "$tmp/fw.out"
    expect_exit 0 "$what: verify" -- "$cmsfw" verify "$pkg" --trust "$trust" --hw-type "$HW" \
        --kek "$KEKID:$kek256" --out "$tmp/fw.out" --json "$@"
    cp "$tmp/out" "$tmp/v.json"
    if cmp -s "$img" "$tmp/fw.out"; then ok; else bad "$what: the image written differs"; fi
    json_check "$tmp/v.json" "d['status'] == 'accepted' and d['sha256'] == '$img_sha' and d['imageLength'] == $(wc -c <"$img")"
}

# --- every signer x every layer combination --------------------------------
signers="p256 p384 rsa-pss rsa-pkcs1"
[ "$backend" != mbedtls ] && signers="$signers ed25519"
for signer in $signers; do
    case $signer in
    p256) sargs="--key $samples/demo-signer-p256.key --cert $samples/demo-signer-p256.pem"
          trust="$samples/demo-ca-p256.pem" ;;
    p384) sargs="--key $samples/demo-p384.key --cert $samples/demo-p384.pem"
          trust="$samples/demo-p384.pem" ;;
    rsa-pss) sargs="--key $samples/demo-rsa2048.key --cert $samples/demo-rsa2048.pem"
          trust="$samples/demo-rsa2048.pem" ;;
    rsa-pkcs1) sargs="--key $samples/demo-rsa2048.key --cert $samples/demo-rsa2048.pem --sig-alg rsa-pkcs1"
          trust="$samples/demo-rsa2048.pem" ;;
    ed25519) sargs="--key $samples/demo-ed25519.key --cert $samples/demo-ed25519.pem"
          trust="$samples/demo-ed25519.pem" ;;
    esac
    for layers in plain zlib aes256-cbc aes128-gcm zlib+aes256-gcm; do
        case $layers in
        plain) largs="" wantl="[]" ;;
        zlib) largs="--compress zlib" wantl="['CompressedData']" ;;
        aes256-cbc) largs="--encrypt aes256-cbc --kek $KEKID:$kek256" wantl="['EncryptedData']" ;;
        aes128-gcm) largs="--encrypt aes128-gcm --kek $KEKID:$kek256" wantl="['AuthEnvelopedData']" ;;
        zlib+aes256-gcm) largs="--compress zlib --encrypt aes256-gcm --kek $KEKID:$kek256"
                         wantl="['AuthEnvelopedData', 'CompressedData']" ;;
        esac
        pkg="$tmp/$signer-$layers.der"
        # shellcheck disable=SC2086
        expect_exit 0 "$signer/$layers: protect" -- protect_pkg "$pkg" $sargs $largs
        verify_ok "$signer/$layers" "$pkg" "$trust"
        json_check "$tmp/v.json" "d['layers'][1:-1] == $wantl and d['authenticated'] is True"
    done
done

# the algorithms picked from the key: P-384 -> SHA-384, Ed25519 -> SHA-512
"$cmsfw" inspect --json "$tmp/p384-plain.der" >"$tmp/i.json"
json_check "$tmp/i.json" "d['signedData']['digestAlgorithm']['algorithm'] == '2.16.840.1.101.3.4.2.2'"
"$cmsfw" inspect --json "$tmp/rsa-pss-plain.der" >"$tmp/i.json"
json_check "$tmp/i.json" "d['signedData']['signerInfo']['signatureAlgorithm']['algorithm'] == '1.2.840.113549.1.1.10'"
"$cmsfw" inspect --json "$tmp/rsa-pkcs1-plain.der" >"$tmp/i.json"
json_check "$tmp/i.json" "d['signedData']['signerInfo']['signatureAlgorithm']['algorithm'] in ('1.2.840.113549.1.1.1', '1.2.840.113549.1.1.11')"
if [ "$backend" != mbedtls ]; then
    "$cmsfw" inspect --json "$tmp/ed25519-plain.der" >"$tmp/i.json"
    json_check "$tmp/i.json" "d['signedData']['digestAlgorithm']['algorithm'] == '2.16.840.1.101.3.4.2.3'"
else
    # a backend without Ed25519 cannot sign with it: refused, no file
    expect_exit 1 "ed25519 without backend support" -- protect_pkg "$tmp/ed.der" \
        --key "$samples/demo-ed25519.key" --cert "$samples/demo-ed25519.pem"
    check "no package after a refused protect" -- test ! -e "$tmp/ed.der"
fi

P="$tmp/p256-plain.der"
CA="$samples/demo-ca-p256.pem"

# --- chunk sizes: 1 and 7 give the verdicts of the default -----------------
for cs in 1 7; do
    verify_ok "chunk $cs plain" "$P" "$CA" --chunk-size "$cs"
    verify_ok "chunk $cs zlib+gcm" "$tmp/p256-zlib+aes256-gcm.der" "$CA" --chunk-size "$cs"
done

# --- tampering: a flipped image byte is signatureFailure ---------------------
flip_in "$P" "$tmp/tampered.der" "block 000100"
mkdir -p "$tmp/outdir"
for cs in 65536 1 7; do
    expect_exit 1 "tampered (chunk $cs)" -- "$cmsfw" verify "$tmp/tampered.der" --trust "$CA" \
        --hw-type "$HW" --out "$tmp/outdir/fw.bin" --chunk-size "$cs" --json
    json_check "$tmp/out" "d['status'] == 'rejected' and d['error'] == 'signatureFailure' and d['error_code'] == 15 and d['layers'] == ['SignedData']"
    check "tampered: one-line reason on stderr" -- grep -q '^cmsfw verify: rejected: signatureFailure (15): ' "$tmp/err"
    check "tampered: no firmware file" -- test ! -e "$tmp/outdir/fw.bin"
    no_leftovers "$tmp/outdir"
done
# --- plain images move once: staged into --out's temporary file, renamed
# after every check; without --out not staged at all ------------------------
gen="$top_srcdir/vectors/generated"
VK="$top_srcdir/vectors/keys/ec-p256.cert.pem"
small_sha=$(sha256_of "$gen/fw-small.bin")
for pkg in py-fw-digest-mismatch py-fw-digest-sha512-mismatch; do
    expect_exit 1 "$pkg: rejected" -- "$cmsfw" verify "$gen/$pkg.der" --trust "$VK" \
        --hw-type "$HW" --out "$tmp/outdir/fw.bin" --json
    json_check "$tmp/out" "d['error'] == 'badFirmware' and d['error_code'] == 34"
    check "$pkg: no firmware file" -- test ! -e "$tmp/outdir/fw.bin"
    no_leftovers "$tmp/outdir"
done
# the image digest uses SHA-512, the signer SHA-256: without --out the
# package is read a second time, staged; from a pipe it is staged at once
expect_exit 0 "image digest SHA-512: --out" -- "$cmsfw" verify "$gen/py-fw-digest-sha512.der" \
    --trust "$VK" --hw-type "$HW" --out "$tmp/outdir/fw.bin" --json
check "image digest SHA-512: image written" -- cmp -s "$gen/fw-small.bin" "$tmp/outdir/fw.bin"
rm -f "$tmp/outdir/fw.bin"
expect_exit 0 "image digest SHA-512: verdict only" -- "$cmsfw" verify \
    "$gen/py-fw-digest-sha512.der" --trust "$VK" --hw-type "$HW" --json
json_check "$tmp/out" "d['status'] == 'accepted' and d['sha256'] == '$small_sha'"
"$cmsfw" verify - --trust "$VK" --hw-type "$HW" --json <"$gen/py-fw-digest-sha512.der" \
    >"$tmp/out" 2>"$tmp/err"
json_check "$tmp/out" "d['status'] == 'accepted' and d['sha256'] == '$small_sha'"
no_leftovers "$tmp/outdir"

# --- policy: hardware, community, anchors ----------------------------------
expect_exit 1 "wrong hardware" -- "$cmsfw" verify "$P" --trust "$CA" --hw-type "$HW_OTHER" \
    --out "$tmp/outdir/fw.bin" --json
json_check "$tmp/out" "d['error'] == 'wrongHardware' and d['error_code'] == 27"
check "wrong hardware: no firmware file" -- test ! -e "$tmp/outdir/fw.bin"

expect_exit 0 "community: protect" -- protect_pkg "$tmp/comm.der" \
    --key "$samples/demo-p384.key" --cert "$samples/demo-p384.pem" --community "$COMMUNITY"
expect_exit 1 "not in community" -- "$cmsfw" verify "$tmp/comm.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --json
json_check "$tmp/out" "d['error'] == 'notInCommunity'"
expect_exit 0 "in community" -- "$cmsfw" verify "$tmp/comm.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --community "$COMMUNITY"

expect_exit 1 "anchor without firmware authority" -- "$cmsfw" verify "$P" \
    --anchor-no-fw "$CA" --hw-type "$HW" --json
json_check "$tmp/out" "d['error'] == 'notAuthorized' and d['error_code'] == 11"
expect_exit 1 "unrelated anchor" -- "$cmsfw" verify "$P" --trust "$samples/demo-p384.pem" \
    --hw-type "$HW" --json
json_check "$tmp/out" "d['error'] == 'noTrustAnchor' and d['error_code'] == 10"

# a bare public key as anchor, named by its key identifier
openssl pkey -in "$samples/demo-p384.key" -pubout -out "$tmp/p384.spki.pem" 2>/dev/null
p384_ski=$(ski_of "$samples/demo-p384.pem")
expect_exit 0 "SPKI anchor with key id" -- "$cmsfw" verify "$tmp/p384-plain.der" \
    --trust "$tmp/p384.spki.pem:$p384_ski" --hw-type "$HW" --json
json_check "$tmp/out" "d['trustAnchorKeyID'] == '$p384_ski'"
expect_exit 2 "SPKI anchor without key id" -- "$cmsfw" verify "$tmp/p384-plain.der" \
    --trust "$tmp/p384.spki.pem" --hw-type "$HW"

# --- signer identifiers and certificates -------------------------------------
expect_exit 0 "sid issuer-serial: protect" -- protect_pkg "$tmp/is.der" \
    --key "$samples/demo-p384.key" --cert "$samples/demo-p384.pem" --sid issuer-serial
"$cmsfw" inspect --json "$tmp/is.der" >"$tmp/i.json"
json_check "$tmp/i.json" "'issuerAndSerialNumber' in d['signedData']['signerInfo']['sid']"
expect_exit 0 "sid issuer-serial: verify" -- "$cmsfw" verify "$tmp/is.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW"
expect_exit 0 "no certificates: protect" -- protect_pkg "$tmp/nc.der" \
    --key "$samples/demo-signer-p256.key" --cert "$samples/demo-signer-p256.pem" --no-certs
"$cmsfw" inspect --json "$tmp/nc.der" >"$tmp/i.json"
json_check "$tmp/i.json" "d['signedData']['certificateCount'] == 0"
expect_exit 1 "no certificates: no path to the root" -- "$cmsfw" verify "$tmp/nc.der" \
    --trust "$CA" --hw-type "$HW" --json
json_check "$tmp/out" "d['error'] == 'noTrustAnchor'"
expect_exit 0 "no certificates: the signer itself as anchor" -- "$cmsfw" verify "$tmp/nc.der" \
    --trust "$samples/demo-signer-p256.pem" --hw-type "$HW"
expect_exit 0 "key only, --ski: protect" -- protect_pkg "$tmp/ko.der" \
    --key "$samples/demo-p384.key" --ski "$p384_ski"
expect_exit 0 "key only: verify with the public key" -- "$cmsfw" verify "$tmp/ko.der" \
    --trust "$tmp/p384.spki.pem:$p384_ski" --hw-type "$HW"
expect_exit 2 "key only without --ski" -- protect_pkg "$tmp/x.der" --key "$samples/demo-p384.key"
expect_exit 0 "chain: protect with the root included" -- protect_pkg "$tmp/ch.der" \
    --key "$samples/demo-signer-p256.key" --cert "$samples/demo-signer-p256.pem" --chain "$CA"
"$cmsfw" inspect --json "$tmp/ch.der" >"$tmp/i.json"
json_check "$tmp/i.json" "d['signedData']['certificateCount'] == 2"
expect_exit 0 "chain: verify" -- "$cmsfw" verify "$tmp/ch.der" --trust "$CA" --hw-type "$HW"

# --- encryption: the device's key ------------------------------------------
expect_exit 1 "no KEK on the device" -- "$cmsfw" verify "$tmp/p256-aes128-gcm.der" \
    --trust "$CA" --hw-type "$HW" --out "$tmp/outdir/fw.bin" --json
json_check "$tmp/out" "d['error'] == 'noDecryptKey' and d['error_code'] == 22"
expect_exit 1 "wrong KEK" -- "$cmsfw" verify "$tmp/p256-aes256-cbc.der" --trust "$CA" \
    --hw-type "$HW" --kek "$KEKID:$kek128" --out "$tmp/outdir/fw.bin" --json
json_check "$tmp/out" "d['error'] == 'decryptFailure' and d['error_code'] == 23"
check "wrong KEK: no firmware file" -- test ! -e "$tmp/outdir/fw.bin"
no_leftovers "$tmp/outdir"
head -c 32 /dev/urandom >"$tmp/raw.kek"
expect_exit 0 "raw 32-octet KEK file" -- protect_pkg "$tmp/rawkek.der" \
    --key "$samples/demo-p384.key" --cert "$samples/demo-p384.pem" --encrypt aes256-gcm \
    --kek "77:$tmp/raw.kek"
expect_exit 0 "raw KEK: verify" -- "$cmsfw" verify "$tmp/rawkek.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --kek "77:$tmp/raw.kek" --json
json_check "$tmp/out" "d['decryptKeyID'] == '77'"

# --- a package above the 1 MiB memory stage: staged and compressed in files --
head -c 3000000 /dev/urandom >"$tmp/big.bin"
cat "$img" "$img" >>"$tmp/big.bin"
mkdir -p "$tmp/bigdir" "$tmp/tmpdir"
for largs in "" "--compress zlib --encrypt aes256-gcm --kek $KEKID:$kek256"; do
    # shellcheck disable=SC2086
    expect_exit 0 "big image ($largs): protect" -- "$cmsfw" protect --in "$tmp/big.bin" \
        --out "$tmp/bigdir/big.der" --pkg-id "$PKG:1" --target "$HW" \
        --key "$samples/demo-p384.key" --cert "$samples/demo-p384.pem" $largs
    expect_exit 0 "big image ($largs): verify" -- env TMPDIR="$tmp/tmpdir" "$cmsfw" verify \
        "$tmp/bigdir/big.der" --trust "$samples/demo-p384.pem" --hw-type "$HW" \
        --kek "$KEKID:$kek256" --out "$tmp/bigdir/big.out"
    check "big image ($largs): same image" -- cmp -s "$tmp/big.bin" "$tmp/bigdir/big.out"
    expect_exit 0 "big image ($largs): verify without --out (stage in TMPDIR)" -- \
        env TMPDIR="$tmp/tmpdir" "$cmsfw" verify "$tmp/bigdir/big.der" \
        --trust "$samples/demo-p384.pem" --hw-type "$HW" --kek "$KEKID:$kek256" --json
    json_check "$tmp/out" "d['sha256'] == '$(sha256_of "$tmp/big.bin")'"
    no_leftovers "$tmp/bigdir"
    check "no stage file left in TMPDIR" -- test -z "$(ls -A "$tmp/tmpdir")"
    rm -f "$tmp/bigdir/big.der" "$tmp/bigdir/big.out"
done

# --- PEM output, and stdin --------------------------------------------------
expect_exit 0 "protect --outform pem" -- protect_pkg "$tmp/p.pem" \
    --key "$samples/demo-p384.key" --cert "$samples/demo-p384.pem" --outform pem
check "PEM label" -- grep -q '^-----BEGIN CMS-----$' "$tmp/p.pem"
verify_ok "PEM package" "$tmp/p.pem" "$samples/demo-p384.pem"
expect_exit 0 "package on stdin" -- sh -c "\"$cmsfw\" verify - --trust \"$CA\" --hw-type $HW <\"$P\""

# --- stale packages and the state file ----------------------------------------
st="$tmp/state"
P256="--key $samples/demo-signer-p256.key --cert $samples/demo-signer-p256.pem"
# shellcheck disable=SC2086
"$cmsfw" protect --in "$img" --out "$tmp/v3.der" --pkg-id "$PKG:3" --stale 2 --target "$HW" \
    --pkg-type 4 $P256 || bad "protect v3"
# shellcheck disable=SC2086
"$cmsfw" protect --in "$img" --out "$tmp/v2.der" --pkg-id "$PKG:2" --target "$HW" $P256 ||
    bad "protect v2"
# shellcheck disable=SC2086
"$cmsfw" protect --in "$img" --out "$tmp/v1.der" --pkg-id "$PKG:1" --target "$HW" $P256 ||
    bad "protect v1"
expect_exit 0 "state: first install (no state file yet)" -- "$cmsfw" verify "$tmp/v2.der" \
    --trust "$CA" --hw-type "$HW" --state "$st"
check "state: v2 recorded" -- grep -qx "installed $PKG 2" "$st"
expect_exit 1 "state: older package" -- "$cmsfw" verify "$tmp/v1.der" --trust "$CA" \
    --hw-type "$HW" --state "$st" --json
json_check "$tmp/out" "d['error'] == 'stalePackage' and d['error_code'] == 28"
check "state: unchanged by a rejection" -- grep -qx "installed $PKG 2" "$st"
expect_exit 0 "state: downgrade allowed" -- "$cmsfw" verify "$tmp/v1.der" --trust "$CA" \
    --hw-type "$HW" --state "$st" --allow-downgrade --json
json_check "$tmp/out" "d['status'] == 'accepted' and len(d['warnings']) == 1 and 'older' in d['warnings'][0]"
check "state: v1 replaced v2" -- sh -c "grep -qx 'installed $PKG 1' '$st' && ! grep -q 'installed $PKG 2' '$st'"
expect_exit 0 "state: v3 with stale 2" -- "$cmsfw" verify "$tmp/v3.der" --trust "$CA" \
    --hw-type "$HW" --state "$st"
check "state: v3 and its type recorded" -- grep -qx "installed $PKG 3 4" "$st"
check "state: stale entry recorded" -- grep -qx "stale $PKG 2" "$st"
expect_exit 1 "state: v2 is now on the stale list" -- "$cmsfw" verify "$tmp/v2.der" \
    --trust "$CA" --hw-type "$HW" --state "$st" --allow-downgrade --json
json_check "$tmp/out" "d['error'] == 'stalePackage'"
expect_exit 1 "stale list from the command line" -- "$cmsfw" verify "$tmp/v2.der" \
    --trust "$CA" --hw-type "$HW" --stale "$PKG:2" --json
json_check "$tmp/out" "d['error'] == 'stalePackage'"
expect_exit 1 "installed from the command line" -- "$cmsfw" verify "$tmp/v1.der" \
    --trust "$CA" --hw-type "$HW" --installed "$PKG:2:4" --json
json_check "$tmp/out" "d['error'] == 'stalePackage'"
printf 'installed %s 1\nbogus line\n' "$PKG" >"$tmp/badstate"
expect_exit 2 "malformed state file" -- "$cmsfw" verify "$tmp/v2.der" --trust "$CA" \
    --hw-type "$HW" --state "$tmp/badstate"
check "malformed state: line number in the message" -- grep -q 'badstate:2' "$tmp/err"
no_leftovers "$tmp"

# --- package types -------------------------------------------------------------
expect_exit 1 "unsupported package type" -- "$cmsfw" verify "$tmp/v3.der" --trust "$CA" \
    --hw-type "$HW" --pkg-type 1 --pkg-type 2 --json
json_check "$tmp/out" "d['error'] == 'unsupportedPackageType' and d['error_code'] == 30"
expect_exit 0 "supported package type" -- "$cmsfw" verify "$tmp/v3.der" --trust "$CA" \
    --hw-type "$HW" --pkg-type 4 --json
json_check "$tmp/out" "d['fwPkgType'] == 4 and d['preferredStaleVerNum'] == 2"

# --- dependencies, and the decompression limit --------------------------------
DEP=1.3.6.1.4.1.32473.2.9
expect_exit 0 "dependency: protect" -- protect_pkg "$tmp/dep.der" --key "$samples/demo-p384.key" \
    --cert "$samples/demo-p384.pem" --dependency "$DEP:4" --compress zlib
expect_exit 1 "dependency missing" -- "$cmsfw" verify "$tmp/dep.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --json
json_check "$tmp/out" "d['error'] == 'missingDependency' and d['error_code'] == 31"
expect_exit 1 "dependency too old" -- "$cmsfw" verify "$tmp/dep.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --installed "$DEP:3" --json
json_check "$tmp/out" "d['error'] == 'wrongDependencyVersion' and d['error_code'] == 32"
expect_exit 0 "dependency met" -- "$cmsfw" verify "$tmp/dep.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --installed "$DEP:4"
# the image is cut off while it is being written: the partial file goes
expect_exit 1 "image above --max-image" -- "$cmsfw" verify "$tmp/dep.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --installed "$DEP:4" --max-image 1000 \
    --out "$tmp/outdir/fw.bin" --json
json_check "$tmp/out" "d['error'] == 'decompressFailure' and d['error_code'] == 26"
check "decompression limit: no firmware file" -- test ! -e "$tmp/outdir/fw.bin"
no_leftovers "$tmp/outdir"

# --- usage and I/O: exit 2 --------------------------------------------------------
expect_exit 2 "verify: no --hw-type" -- "$cmsfw" verify "$P" --trust "$CA"
expect_exit 2 "verify: no anchor" -- "$cmsfw" verify "$P" --hw-type "$HW"
expect_exit 2 "verify: unknown option" -- "$cmsfw" verify "$P" --trust "$CA" --hw-type "$HW" --bogus
expect_exit 2 "verify: bad OID" -- "$cmsfw" verify "$P" --trust "$CA" --hw-type "not.an.oid"
expect_exit 2 "verify: chunk size 0" -- "$cmsfw" verify "$P" --trust "$CA" --hw-type "$HW" --chunk-size 0
expect_exit 2 "verify: missing package" -- "$cmsfw" verify "$tmp/none.der" --trust "$CA" --hw-type "$HW"
expect_exit 2 "protect: no target" -- "$cmsfw" protect --in "$img" --out "$tmp/x.der" \
    --key "$samples/demo-p384.key" --pkg-id "$PKG:1"
expect_exit 2 "protect: two identifiers" -- protect_pkg "$tmp/x.der" --key "$samples/demo-p384.key" \
    --pkg-legacy 0102
expect_exit 2 "protect: --encrypt without --kek" -- protect_pkg "$tmp/x.der" \
    --key "$samples/demo-p384.key" --encrypt aes128-gcm
expect_exit 2 "protect: bad KEK file" -- protect_pkg "$tmp/x.der" --key "$samples/demo-p384.key" \
    --encrypt aes128-gcm --kek "01:$img"
expect_exit 2 "protect: unknown algorithm" -- protect_pkg "$tmp/x.der" \
    --key "$samples/demo-p384.key" --sig-alg dsa
expect_exit 2 "protect: missing image" -- "$cmsfw" protect --in "$tmp/none" --out "$tmp/x.der" \
    --key "$samples/demo-p384.key" --pkg-id "$PKG:1" --target "$HW"
check "protect: no output after usage errors" -- test ! -e "$tmp/x.der"
# a certificate is not a private key: the key loader refuses it
expect_exit 2 "protect: certificate as key" -- protect_pkg "$tmp/x.der" --key "$samples/demo-p384.pem"
check "protect: still no output" -- test ! -e "$tmp/x.der"
no_leftovers "$tmp"

finish
