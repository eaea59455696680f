#!/bin/sh
# gen_vectors.sh: regenerate vectors/generated/ and vectors/MANIFEST.
#
#   sh interop/gen_vectors.sh CMSFW [CMSFW-WOLFSSL]
#
# CMSFW is a built tools/cmsfw. Ed25519 packages can only be signed by a
# cmsfw built with the wolfSSL backend (Mbed TLS has no EdDSA): pass one as
# the second argument, or CMSFW itself when it is a wolfSSL build. Without
# one, the committed cmsfw-ed25519-* packages are kept as they are.
#
# Three producers feed the manifest:
#   - cmsfw protect (this script): every signature algorithm x every layer
#     combination, certificate paths, and policy cases (one package checked
#     against several device descriptions);
#   - interop/pyproducer.py through interop/pysuite.py: an independent
#     producer, the same success matrix, and one or more vectors for each
#     error code the device procedure can give;
#   - the published pyasn1-modules RFC 4108 sample.
# Every expectation is written here or in pysuite.py from RFC 4108 and
# docs/procedure.md, never copied from what cmsfw answers.
# Device descriptions and protect options are built as word lists: the
# unquoted expansions below split on purpose (no value holds a space).
# shellcheck disable=SC2086,SC2046
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
vec=$top/vectors
gen=$vec/generated
keys=$vec/keys
# pyproducer needs Debian's python3-cryptography and python3-pyasn1-modules
if [ -z "${PYTHON3:-}" ]; then
    PYTHON3=python3
    [ -x /usr/bin/python3 ] && PYTHON3=/usr/bin/python3
fi

if [ $# -lt 1 ]; then
    echo "usage: $0 CMSFW [CMSFW-WOLFSSL]" >&2
    exit 2
fi
cmsfw=$1
cmsfw_ed=${2:-$1}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir -p "$gen"

HW=1.3.6.1.4.1.32473.1.1
OTHER_HW=1.3.6.1.4.1.32473.1.2
PKG=1.3.6.1.4.1.32473.2.1
DEP=1.3.6.1.4.1.32473.2.9
COMMUNITY=1.3.6.1.4.1.32473.3.1
KEK128=0102030405060708:keys/kek128.hex
KEK256=1112131415161718:keys/kek256.hex

# ------------------------------------------------------------------ images
"$PYTHON3" "$top/interop/pyproducer.py" image --kind text --size 6000 "$gen/fw-small.bin"
"$PYTHON3" "$top/interop/pyproducer.py" image --kind text --size 327680 "$gen/fw-large.bin"
"$PYTHON3" "$top/interop/pyproducer.py" image --kind zeros --size 2097152 "$tmp/fw-zeros.bin"
sha() { sha256sum "$1" | cut -d' ' -f1; }
SMALL=$(sha "$gen/fw-small.bin")
LARGE=$(sha "$gen/fw-large.bin")
ZEROS=$(sha "$tmp/fw-zeros.bin")

# --------------------------------------------------------- cmsfw protect
out=$tmp/cmsfw.manifest
: >"$out"

# protect BINARY NAME IMAGE PROTECT-ARGS...: generated/NAME.der
protect() {
    bin=$1 name=$2 image=$3
    shift 3
    "$bin" protect --in "$image" --out "$gen/$name.der" "$@"
}

# stanza NAME FILE EXPECT SHA256|- NOTE [KEY=VALUE]...: one manifest case
stanza() {
    name=$1 file=$2 expect=$3 hash=$4 note=$5
    shift 5
    {
        echo "[$name]"
        echo "file = generated/$file.der"
        echo "producer = ${producer:-cmsfw}"
        for kv in "$@"; do
            echo "${kv%%=*} = ${kv#*=}"
        done
        echo "expect = $expect"
        [ "$hash" = - ] || echo "sha256 = $hash"
        echo "note = $note"
        echo
    } >>"$out"
}

dev() { # the default device, trusting anchor $1
    echo "hw-type=$HW" "hw-serial=0102" "trust=keys/$1.cert.pem"
}

common="--pkg-id $PKG:5 --target $HW"

# every signature algorithm x every layer combination
for alg in ecdsa-p256 ecdsa-p384 rsa-pss rsa-pkcs1 ed25519; do
    case $alg in
    ecdsa-p256) key=ec-p256 sigargs="--sig-alg ecdsa" ;;
    ecdsa-p384) key=ec-p384 sigargs="--sig-alg ecdsa" ;;
    rsa-pss) key=rsa-2048 sigargs="--sig-alg rsa-pss" ;;
    rsa-pkcs1) key=rsa-2048 sigargs="--sig-alg rsa-pkcs1" ;;
    ed25519) key=ed25519 sigargs="--sig-alg ed25519" ;;
    esac
    bin=$cmsfw
    [ $alg = ed25519 ] && bin=$cmsfw_ed
    for layer in plain zlib cbc gcm zlib-cbc zlib-gcm; do
        case $layer in
        plain) largs="" ;;
        zlib) largs="--compress zlib" ;;
        cbc) largs="--encrypt aes256-cbc --kek $KEK256" ;;
        gcm) largs="--encrypt aes128-gcm --kek $KEK128" ;;
        zlib-cbc) largs="--compress zlib --encrypt aes128-cbc --kek $KEK128" ;;
        zlib-gcm) largs="--compress zlib --encrypt aes256-gcm --kek $KEK256" ;;
        esac
        name=cmsfw-$alg-$layer
        if ! (cd "$vec" && protect "$bin" "$name" "$gen/fw-small.bin" --key keys/$key.key.pem \
            --cert keys/$key.cert.pem $sigargs $common $largs) 2>"$tmp/err"; then
            if [ $alg = ed25519 ] && [ -f "$gen/$name.der" ]; then
                echo "gen_vectors: keeping the committed $name.der ($(head -c 200 "$tmp/err"))" >&2
            else
                cat "$tmp/err" >&2
                exit 1
            fi
        fi
        extra=""
        note="cmsfw protect, $alg, layers: $layer."
        if [ $alg = ed25519 ]; then
            extra="expect-mbedtls=badSignatureAlgorithm"
            note="$note Signed by a wolfSSL build; Mbed TLS has no Ed25519:"
            note="$note that backend answers badSignatureAlgorithm."
        fi
        stanza "$name" "$name" accepted "$SMALL" "$note" $(dev $key) \
            "kek=$KEK128" "kek=$KEK256" $extra
    done
done

cd "$vec"
# certificate path, sid forms, certificates omitted
protect "$cmsfw" cmsfw-chain "$gen/fw-small.bin" --key keys/leaf-p256.key.pem \
    --cert keys/leaf-p256.cert.pem --chain keys/int-p256.cert.pem $common
stanza cmsfw-chain cmsfw-chain accepted "$SMALL" \
    "leaf certified by an intermediate CA under the installed root." $(dev ca-p384)
stanza cmsfw-chain-not-authorized cmsfw-chain notAuthorized - \
    "the same package; the device holds the root but not as a firmware signer." \
    "hw-type=$HW" "hw-serial=0102" "trust=keys/ec-p256.cert.pem" \
    "anchor-no-fw=keys/ca-p384.cert.pem"
stanza cmsfw-chain-unknown-root cmsfw-chain noTrustAnchor - \
    "the same package on a device that does not hold the root." $(dev ec-p256)
protect "$cmsfw" cmsfw-chain-issuer-serial "$gen/fw-small.bin" --key keys/leaf-p256.key.pem \
    --cert keys/leaf-p256.cert.pem --chain keys/int-p256.cert.pem --sid issuer-serial $common
stanza cmsfw-chain-issuer-serial cmsfw-chain-issuer-serial accepted "$SMALL" \
    "leaf named by issuerAndSerialNumber (SignerInfo v3)." $(dev ca-p384)
protect "$cmsfw" cmsfw-no-certs "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem --no-certs $common
stanza cmsfw-no-certs cmsfw-no-certs accepted "$SMALL" \
    "anchor signs directly, no certificates (RFC 4108 2.1.2 SHOULD)." $(dev ec-p256)
protect "$cmsfw" cmsfw-anchor-issuer-serial "$gen/fw-small.bin" --key keys/ec-p384.key.pem \
    --cert keys/ec-p384.cert.pem --no-certs --sid issuer-serial $common
stanza cmsfw-anchor-issuer-serial cmsfw-anchor-issuer-serial accepted "$SMALL" \
    "anchor named by issuerAndSerialNumber of its certificate, no certificates." $(dev ec-p384)
protect "$cmsfw" cmsfw-unknown-ski "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --ski 00112233445566778899aabbccddeeff00112233 --no-certs $common
stanza cmsfw-unknown-ski cmsfw-unknown-ski noTrustAnchor - \
    "subjectKeyIdentifier that names no anchor." $(dev ec-p256)
protect "$cmsfw" cmsfw-rogue "$gen/fw-small.bin" --key keys/rogue-p256.key.pem \
    --cert keys/rogue-p256.cert.pem $common
stanza cmsfw-rogue cmsfw-rogue noTrustAnchor - "signer unknown to the device." $(dev ec-p256)
protect "$cmsfw" cmsfw-nofw "$gen/fw-small.bin" --key keys/nofw-p256.key.pem \
    --cert keys/nofw-p256.cert.pem $common
stanza cmsfw-nofw cmsfw-nofw notAuthorized - \
    "signed by an installed anchor that may not sign firmware." $(dev ec-p256) \
    "anchor-no-fw=keys/nofw-p256.cert.pem"
protect "$cmsfw" cmsfw-pss-sha384 "$gen/fw-small.bin" --key keys/rsa-2048.key.pem \
    --cert keys/rsa-2048.cert.pem --sig-alg rsa-pss --digest sha384 $common
stanza cmsfw-pss-sha384 cmsfw-pss-sha384 accepted "$SMALL" "RSASSA-PSS with SHA-384." \
    $(dev rsa-2048)
protect "$cmsfw" cmsfw-auto-rsa "$gen/fw-small.bin" --key keys/rsa-2048.key.pem \
    --cert keys/rsa-2048.cert.pem $common
stanza cmsfw-auto-rsa cmsfw-auto-rsa accepted "$SMALL" \
    "algorithms chosen from the key (RSA: RSASSA-PSS, SHA-256)." $(dev rsa-2048)

# large images: chunk 7 on a package over 256 KiB
protect "$cmsfw" cmsfw-large-plain "$gen/fw-large.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem $common
stanza cmsfw-large-plain cmsfw-large-plain accepted "$LARGE" "320 KiB image, no layer." \
    $(dev ec-p256)
protect "$cmsfw" cmsfw-large-zlib-cbc "$gen/fw-large.bin" --key keys/ec-p384.key.pem \
    --cert keys/ec-p384.cert.pem --compress zlib --encrypt aes256-cbc --kek $KEK256 $common
stanza cmsfw-large-zlib-cbc cmsfw-large-zlib-cbc accepted "$LARGE" \
    "320 KiB image, compressed and encrypted." $(dev ec-p384) "kek=$KEK256"

# decryption keys
stanza cmsfw-cbc-no-kek cmsfw-ecdsa-p256-cbc noDecryptKey - \
    "encrypted package, the device holds no key-encryption key." $(dev ec-p256)
stanza cmsfw-cbc-wrong-kek cmsfw-ecdsa-p256-cbc noDecryptKey - \
    "the device holds another key under the same identifier: key unwrap fails." \
    $(dev ec-p256) "kek=1112131415161718:keys/kek256-wrong.hex"
stanza cmsfw-gcm-wrong-kek cmsfw-ecdsa-p256-gcm noDecryptKey - \
    "AuthEnvelopedData, the device holds another key under the same identifier." \
    $(dev ec-p256) "kek=0102030405060708:keys/kek128-wrong.hex"

# decompression limit
protect "$cmsfw" cmsfw-zeros-zlib "$tmp/fw-zeros.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem --compress zlib $common
stanza cmsfw-zeros-zlib cmsfw-zeros-zlib accepted "$ZEROS" \
    "2 MiB of zeros, compressed to a few KiB: accepted under the default limit." $(dev ec-p256)
stanza cmsfw-zeros-zlib-limit cmsfw-zeros-zlib decompressFailure - \
    "the same package with --max-image 1 MiB: a decompression bomb." $(dev ec-p256) \
    "max-image=1048576"

# policy: one package, many devices
protect "$cmsfw" cmsfw-policy "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem --pkg-id $PKG:5 --stale 3 --target $OTHER_HW --target $HW \
    --community $COMMUNITY --community-module $HW:single:0102 \
    --community-module $HW:block:0200-02ff --pkg-type 2 --dependency $DEP:3 \
    --impl-crypto 2.16.840.1.101.3.4.2.1 --impl-compress 1.2.840.113549.1.9.16.3.8
P="hw-type=$HW trust=keys/ec-p256.cert.pem"
{
stanza cmsfw-policy-community-oid cmsfw-policy accepted "$SMALL" \
    "in the community by OID; dependency and package type satisfied." $P "hw-serial=0999" \
    "community=$COMMUNITY" "installed=$DEP:3" "pkg-type=2"
stanza cmsfw-policy-single cmsfw-policy accepted "$SMALL" \
    "in the community by hwModuleList single 0102." $P "hw-serial=0102" "installed=$DEP:4"
stanza cmsfw-policy-block cmsfw-policy accepted "$SMALL" \
    "in the community by hwModuleList block 0200..02ff." $P "hw-serial=0250" \
    "installed=$DEP:3" "installed=$PKG:4:2"
stanza cmsfw-policy-not-in-community cmsfw-policy notInCommunity - \
    "serial 0300 outside the block, no community OID." $P "hw-serial=0300" "installed=$DEP:3"
stanza cmsfw-policy-wrong-hardware cmsfw-policy wrongHardware - \
    "hwType not among the two targets." "hw-type=1.3.6.1.4.1.32473.1.3" \
    "trust=keys/ec-p256.cert.pem" "hw-serial=0102" "installed=$DEP:3"
stanza cmsfw-policy-other-target cmsfw-policy notInCommunity - \
    "the other target hwType; its serial is in no list." "hw-type=$OTHER_HW" \
    "trust=keys/ec-p256.cert.pem" "hw-serial=0102" "installed=$DEP:3"
stanza cmsfw-policy-stale cmsfw-policy stalePackage - "stale list entry at version 5." \
    $P "hw-serial=0102" "installed=$DEP:3" "stale=$PKG:5"
stanza cmsfw-policy-rollback cmsfw-policy stalePackage - "version 6 installed." \
    $P "hw-serial=0102" "installed=$DEP:3" "installed=$PKG:6"
stanza cmsfw-policy-downgrade cmsfw-policy accepted "$SMALL" \
    "version 6 installed, downgrade allowed." $P "hw-serial=0102" "installed=$DEP:3" \
    "installed=$PKG:6" "allow-downgrade=yes"
stanza cmsfw-policy-pkg-type cmsfw-policy unsupportedPackageType - \
    "fwPkgType 2, the device supports 1 only." $P "hw-serial=0102" "installed=$DEP:3" \
    "pkg-type=1"
stanza cmsfw-policy-missing-dependency cmsfw-policy missingDependency - \
    "dependency not installed." $P "hw-serial=0102"
stanza cmsfw-policy-old-dependency cmsfw-policy wrongDependencyVersion - \
    "dependency installed at version 2, 3 required." $P "hw-serial=0102" "installed=$DEP:2"
}
protect "$cmsfw" cmsfw-community-all "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem $common --community-module $HW:all
stanza cmsfw-community-all cmsfw-community-all accepted "$SMALL" \
    "hwModuleList all for the device's hwType." $(dev ec-p256)
stanza cmsfw-community-all-no-serial cmsfw-community-all notInCommunity - \
    "a device that does not know its serial is in no hwModuleList, all included." \
    "hw-type=$HW" "trust=keys/ec-p256.cert.pem"
protect "$cmsfw" cmsfw-legacy "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem --pkg-legacy 52312e32 --stale-legacy 52312e30 --target $HW
stanza cmsfw-legacy cmsfw-legacy accepted "$SMALL" "legacy name R1.2, legacy stale R1.0." \
    $(dev ec-p256)
protect "$cmsfw" cmsfw-dependency-legacy "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem $common --dependency-legacy 4c4f4144
stanza cmsfw-dependency-legacy cmsfw-dependency-legacy missingDependency - \
    "legacy dependency; no vendor comparison, nothing satisfies it." $(dev ec-p256) \
    "installed=$DEP:3"
protect "$cmsfw" cmsfw-self-dependency "$gen/fw-small.bin" --key keys/ec-p256.key.pem \
    --cert keys/ec-p256.cert.pem $common --dependency $PKG:6
stanza cmsfw-self-dependency cmsfw-self-dependency breaksDependency - \
    "version 5 depends on its own fwPkgID at version 6, installed; loading 5 replaces 6." \
    $(dev ec-p256) "installed=$PKG:6" "allow-downgrade=yes"
stanza cmsfw-self-dependency-no-downgrade cmsfw-self-dependency stalePackage - \
    "the same package without --allow-downgrade: the rollback check comes first." \
    $(dev ec-p256) "installed=$PKG:6"

# HSS/LMS (RFC 8554, RFC 9708): stateful keys in keys/hss-*.key, made by
# `cmsfw keygen` when missing. Every run spends one-time keys: the key
# files' `next` advances and they change with the packages (commit both).
# An HSS anchor is a certificate of the key (keys/hss-*.cert.pem, issued
# by ec-p256: pyproducer.py hss-cert) whose subjectKeyIdentifier is the
# key identifier the sid names; the minimal profile's anchor is that key
# and identifier. OpenSSL 3.0 cannot verify HSS/LMS: the accepted packages
# are left out of the runner's openssl cross-check (openssl-verify = no).
hss_keyid() { # the key identifier cmsfw puts in the sid of keys/$1.key
    "$cmsfw" keyinfo --json keys/$1.key | sed -n 's/.*"key_id":"\([0-9a-f]*\)".*/\1/p'
}
hss_cert() { # NAME KEY-ID [CERT-NAME]: a certificate of keys/NAME.spki.pem
    [ -f keys/${3:-$1}.cert.pem ] ||
        "$PYTHON3" "$top/interop/pyproducer.py" hss-cert --keys keys --key $1 \
            --key-id $2 --issuer ec-p256 --out keys/${3:-$1}.cert.pem
}
hss_key() { # NAME LEVELS LMS-TYPE OTS-TYPE: keys/NAME.key, .spki.pem, .cert.pem
    if [ ! -f keys/$1.key ]; then
        rm -f keys/$1.cert.pem
        "$cmsfw" keygen --alg hss-lms --levels $2 --lms-type $3 --ots-type $4 \
            --out keys/$1.key --pub keys/$1.spki.pem
    fi
    hss_cert $1 $(hss_keyid $1)
}
hss_key hss-l1-h5w8 1 H5 W8
hss_key hss-l1-h10w4 1 H10 W4
hss_key hss-l2-h5w4 2 H5 W4
hss_key hss-l3-h5w2 3 H5 W2
hss_key hss-rogue-l1-h5w8 1 H5 W8
hss_key hss-py-l2-h5w4 2 H5 W4
for spec in l1-h5w8:L=1,H5/W8 l1-h10w4:L=1,H10/W4 l2-h5w4:L=2,H5/W4 l3-h5w2:L=3,H5/W2; do
    key=hss-${spec%%:*} what=${spec#*:}
    for layer in plain gcm; do
        largs=""
        [ $layer = gcm ] && largs="--encrypt aes256-gcm --kek $KEK256"
        name=cmsfw-$key-$layer
        protect "$cmsfw" $name "$gen/fw-small.bin" --key keys/$key.key $common $largs
        stanza $name $name accepted "$SMALL" "cmsfw protect, HSS/LMS $what, layers: $layer." \
            $(dev $key) "kek=$KEK256" "openssl-verify=no"
    done
done
# the rogue key's certificate names the hss-l1-h5w8 key identifier
hss_cert hss-rogue-l1-h5w8 $(hss_keyid hss-l1-h5w8) hss-rogue-as-l1-h5w8
stanza cmsfw-hss-wrong-key cmsfw-hss-l1-h5w8-plain signatureFailure - \
    "the HSS/LMS L=1 package; the anchor the sid names holds another HSS key of the same types: the signature does not verify (step 14)." \
    $(dev hss-rogue-as-l1-h5w8)

# HSS/LMS by pyproducer, an independent signer (its own RFC 8554 code;
# an L=2 key used by no other signer): one accepted package and the
# broken ones, each with the verdict RFC 9708 and the procedure give.
producer=pyproducer
pyhss() { # NAME EXPECT NOTE [KNOB=VALUE]...
    name=$1 expect=$2 note=$3
    shift 3
    sets="--set sig=hss --set signer=hss-py-l2-h5w4 --set label=$name"
    for kv in "$@"; do
        sets="$sets --set $kv"
    done
    "$PYTHON3" "$top/interop/pyproducer.py" build --keys keys --image "$gen/fw-small.bin" \
        --out "$gen/$name.der" $sets
    hash=- ossl=
    [ "$expect" = accepted ] && hash=$SMALL ossl=openssl-verify=no
    stanza $name $name $expect $hash "$note" $(dev hss-py-l2-h5w4) "kek=$KEK256" $ossl
}
pyhss py-hss-l2 accepted "pyproducer, HSS/LMS L=2 H5/W4, no layer."
pyhss py-hss-l2-gcm accepted "pyproducer, HSS/LMS L=2 H5/W4, AES-256-GCM." \
    encrypt=aes256-gcm kek=kek256 kek-id=\"1112131415161718\"
pyhss py-hss-flip-bottom signatureFailure \
    "a bit of the bottom level's LMS signature flipped: step 14." hss-flip-level=1
pyhss py-hss-flip-upper signatureFailure \
    "a bit of the top level's LMS signature (over the bottom tree's public key) flipped: step 14." \
    hss-flip-level=0
pyhss py-hss-truncated signatureFailure \
    "the HSS signature one octet short: it does not parse to the length its types give (step 14)." \
    signature-truncate=1
pyhss py-hss-sha384 badSignatureAlgorithm \
    "digestAlgorithm SHA-384 with HSS/LMS: RFC 9708 makes it the tree's hash, SHA-256 here (step 13)." \
    digest=sha384
pyhss py-hss-null-params unsupportedParameters \
    "id-alg-hss-lms-hashsig with NULL parameters; RFC 9708 requires them absent (step 13)." \
    sig-params=\"null\"
producer=

# OpenSSL as a third producer: it cannot add the RFC 4108 attributes, but
# its streaming BER (indefinite lengths, 4 KiB eContent segments) must get
# through steps 1 to 6 and fail at step 7 for the missing attributes.
openssl cms -sign -stream -binary -nodetach -in "$gen/fw-small.bin" \
    -econtent_type 1.2.840.113549.1.9.16.1.16 -md sha256 -keyid \
    -signer keys/ec-p256.cert.pem -inkey keys/ec-p256.key.pem -nocerts -outform DER \
    -out "$gen/openssl-cms-stream.der"
producer=openssl
note="openssl cms -sign -stream, eContentType id-ct-firmwarePackage: its BER"
stanza openssl-cms-stream openssl-cms-stream badSignedAttrs - \
    "$note passes steps 1-6; no firmware-package-identifier (step 7)." $(dev ec-p256)
producer=
cd "$top"

# --------------------------------------------------------- pyproducer
"$PYTHON3" "$top/interop/pysuite.py" --keys "$keys" --out "$gen" --manifest "$tmp/py.manifest"

# --------------------------------------------------------------- MANIFEST
{
    cat <<'EOF'
# vectors/MANIFEST: every vector with the verdict a device must reach.
# Written by interop/gen_vectors.sh; see vectors/README.md for the format.
# Paths are relative to vectors/. Expectations come from RFC 4108 and
# docs/procedure.md, not from any implementation's answers.

[published-pyasn1-rfc4108-sample]
file = published/pyasn1-rfc4108-signed-firmware-package.der
producer = published
hw-type = 1.3.6.1.4.1.221121.1.1.42
trust = keys/ec-p256.cert.pem
expect = badSignedData
note = pyasn1-modules RFC 4108 test object: SignedData version 1 (must be 3): step 3 rejects it.

[published-rfc6211-ecdsa-p384]
file = published/pyasn1-rfc6211-ecdsa-p384-signed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = keys/ec-p384.cert.pem
expect = badSignedData
note = RFC 6211 example (CMSAlgorithmProtection, ECDSA P-384): SignedData version 1 around id-data, not an RFC 4108 package: step 3 rejects it.

[published-rfc9882-mldsa44]
file = published/rfc9882-mldsa44-signed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = published/rfc9881-mldsa44-certificate.der
expect = badSignedData
note = RFC 9882 ML-DSA-44 example with its RFC 9881 certificate as anchor: SignedData version 1: step 3 rejects it (ML-DSA is not in the algorithm profile either).

[published-rfc9882-mldsa65]
file = published/rfc9882-mldsa65-signed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = published/rfc9881-mldsa65-certificate.der
expect = badSignedData
note = RFC 9882 ML-DSA-65 example: SignedData version 1: step 3.

[published-rfc9882-mldsa87]
file = published/rfc9882-mldsa87-signed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = published/rfc9881-mldsa87-certificate.der
expect = badSignedData
note = RFC 9882 ML-DSA-87 example: SignedData version 1: step 3.

[published-rfc8708-hss]
file = published/pyasn1-rfc8708-hss-signed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = published/rfc9802-hss-certificate.der
expect = badSignedData
note = RFC 8708/9708 HSS/LMS example (pyasn1-modules) around id-data, not an RFC 4108 package: digestAlgorithms is an empty SET, so step 3 rejects it before any signer or anchor is looked at (the RFC 9802 HSS certificate stands in as anchor). Its HSS/LMS signature itself verifies against pyasn1-rfc8708-hss-signer-public-L1.hex: tests/test_backend_lms.c.

[published-rfc3274-compressed]
file = published/pyasn1-rfc3274-compressed-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = keys/ec-p256.cert.pem
expect = badContentInfo
note = RFC 3274 CompressedData at the top, not inside a SignedData: step 2.

[published-rfc5083-auth-enveloped]
file = published/pyasn1-rfc5083-auth-enveloped-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = keys/ec-p256.cert.pem
expect = badContentInfo
note = RFC 5083 AuthEnvelopedData at the top, not inside a SignedData: step 2.

[published-rfc9936-mlkem512]
file = published/rfc9936-mlkem512-auth-enveloped-data.der
producer = published
hw-type = 1.3.6.1.4.1.32473.1.1
trust = keys/ec-p256.cert.pem
expect = badContentInfo
note = RFC 9936 ML-KEM-512 AuthEnvelopedData at the top, not inside a SignedData: step 2.

EOF
    cat "$out"
    cat "$tmp/py.manifest"
} >"$vec/MANIFEST"
echo "gen_vectors: $(grep -c '^\[' "$vec/MANIFEST") cases in vectors/MANIFEST"
