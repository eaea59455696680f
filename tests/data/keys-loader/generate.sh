#!/bin/sh
# generate.sh: how the key-loader test files in this folder were made.
#
# Run once with the openssl command-line tool (OpenSSL 3); the outputs are
# committed, so `make check` never runs this. Expected values (*.spki.der,
# *.issuer.der, *.serial.hex, *.ski.hex, *.privkey.bin) come from the
# openssl tool itself, independently of the cmsfw parser they check.
#
# usage: sh generate.sh [OUTDIR]    (default: the folder of this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
pub=$here/../../../vectors/published
cd "$out"

days=36500

# Print "offset length" of the n-th (0-based) element at depth 2 inside
# the first depth-1 SEQUENCE (tbsCertificate) of a DER certificate, using
# openssl's own parser.
tbs_field() {
    openssl asn1parse -inform DER -in "$1" | awk -v want="$2" '
        /d=1/ { d1++ }
        d1 == 1 && /d=2/ {
            if (n == want) {
                split($1, a, ":"); off = a[1]
                match($0, /hl= *[0-9]+/); hl = substr($0, RSTART + 3, RLENGTH - 3) + 0
                match($0, / l= *[0-9]+/); l = substr($0, RSTART + 3, RLENGTH - 3) + 0
                print off, hl + l; exit
            }
            n++
        }'
}

# Cut bytes [off, off+len) of a file.
cut_bytes() {
    dd if="$1" bs=1 skip="$2" count="$3" status=none
}

# Expected views of a certificate: SPKI, issuer, serial, SKI.
cert_expect() {
    base=$1 der=$2 versioned=$3
    if [ "$versioned" = yes ]; then i_issuer=3; i_spki=6; else i_issuer=2; i_spki=5; fi
    set -- $(tbs_field "$der" $i_issuer); cut_bytes "$der" "$1" "$2" > "$base.issuer.der"
    set -- $(tbs_field "$der" $i_spki); cut_bytes "$der" "$1" "$2" > "$base.spki.der"
    # where openssl knows the key type, its own SPKI output must agree
    if openssl x509 -inform DER -in "$der" -noout -pubkey > "$base.tmp" 2>/dev/null; then
        openssl pkey -pubin -in "$base.tmp" -outform DER | cmp - "$base.spki.der"
    fi
    rm -f "$base.tmp"
    openssl x509 -inform DER -in "$der" -noout -serial | sed 's/^serial=//' | tr 'A-F' 'a-f' \
        > "$base.serial.hex"
    openssl x509 -inform DER -in "$der" -noout -ext subjectKeyIdentifier 2>/dev/null |
        sed -n '2p' | tr -d ' :\n' | tr 'A-F' 'a-f' > "$base.ski.hex"
    echo >> "$base.ski.hex"
}

# Contents of the privateKey OCTET STRING of a PKCS#8 DER key (the first
# primitive OCTET STRING at depth 1).
privkey_expect() {
    set -- "$1" $(openssl asn1parse -inform DER -in "$1" | awk '
        /d=1/ && /prim: OCTET STRING/ {
            split($1, a, ":"); off = a[1]
            match($0, /hl= *[0-9]+/); hl = substr($0, RSTART + 3, RLENGTH - 3) + 0
            match($0, / l= *[0-9]+/); l = substr($0, RSTART + 3, RLENGTH - 3) + 0
            print off + hl, l; exit }')
    cut_bytes "$1" "$2" "$3"
}

# Keys: PKCS#8 private and SPKI public, PEM and DER.
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ec-p256-priv.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa2048-priv.pem
openssl genpkey -algorithm ed25519 -out ed25519-priv.pem
for k in ec-p256 rsa2048 ed25519; do
    openssl pkcs8 -topk8 -nocrypt -in $k-priv.pem -outform DER -out $k-priv.der
    openssl pkey -in $k-priv.pem -pubout -out $k-pub.pem
    openssl pkey -in $k-priv.pem -pubout -outform DER -out $k-pub.der
    privkey_expect $k-priv.der > $k.privkey.bin
done

# Forms the loader refuses, each with its own message.
openssl pkey -in ec-p256-priv.pem -aes-128-cbc -passout pass:cmsfw -out ec-p256-encrypted.pem
openssl pkcs8 -topk8 -in ec-p256-priv.pem -v2 aes-128-cbc -passout pass:cmsfw -outform DER \
    -out ec-p256-encrypted.der
openssl pkey -in rsa2048-priv.pem -traditional -out rsa2048-traditional.pem
openssl rsa -in rsa2048-priv.pem -traditional -aes128 -passout pass:cmsfw \
    -out rsa2048-traditional-encrypted.pem 2>/dev/null
openssl ec -in ec-p256-priv.pem -out ec-p256-traditional.pem 2>/dev/null
openssl ec -in ec-p256-priv.pem -outform DER -out ec-p256-traditional.der 2>/dev/null

# Self-signed v3 certificate with a subjectKeyIdentifier (openssl's default
# extensions: SKI, AKI, basicConstraints).
openssl req -x509 -key ec-p256-priv.pem -subj "/CN=cmsfw test signer/O=cmsfw" -days $days \
    -sha256 -out cert-ski.pem
# Self-signed v3 certificate whose extensions do not include one.
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=none\nauthorityKeyIdentifier=none\n' \
    > noski.ext
openssl req -new -key ed25519-priv.pem -subj "/CN=cmsfw no ski" -out noski.csr
openssl x509 -req -in noski.csr -signkey ed25519-priv.pem -days $days -extfile noski.ext \
    -out cert-noski.pem 2>/dev/null
# Self-signed v1 certificate: no version field, no extensions.
openssl req -new -key rsa2048-priv.pem -subj "/CN=cmsfw v1" -out v1.csr
openssl x509 -req -in v1.csr -signkey rsa2048-priv.pem -days $days -sha256 \
    -out cert-v1.pem 2>/dev/null
rm -f noski.ext noski.csr v1.csr

# A chain: a CA (EC P-256) signs a leaf (RSA-2048); chain.pem = leaf, CA.
printf 'subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\nbasicConstraints=critical,CA:FALSE\n' \
    > leaf.ext
openssl req -new -key rsa2048-priv.pem -subj "/CN=cmsfw leaf" -out leaf.csr
openssl x509 -req -in leaf.csr -CA cert-ski.pem -CAkey ec-p256-priv.pem -set_serial 4660 \
    -days $days -sha256 -extfile leaf.ext -out cert-leaf.pem 2>/dev/null
cat cert-leaf.pem cert-ski.pem > chain.pem
rm -f leaf.ext leaf.csr

for c in cert-ski cert-noski cert-v1 cert-leaf; do
    openssl x509 -in $c.pem -outform DER -out $c.der
done
cert_expect cert-ski cert-ski.der yes
cert_expect cert-noski cert-noski.der yes
cert_expect cert-v1 cert-v1.der no
cert_expect cert-leaf cert-leaf.der yes
cat cert-leaf.der cert-ski.der > chain.der

# A PEM file with explanatory text before the block, as `x509 -text` writes.
openssl x509 -in cert-ski.pem -text -out cert-ski-text.pem
# A key and a certificate in one file.
cat ec-p256-priv.pem cert-ski.pem > key-and-cert.pem

# Published certificates: expected SPKI as openssl's parser delimits it,
# and for ML-DSA-44 also the published public key file, in DER.
cert_expect rfc9802-hss "$pub/rfc9802-hss-certificate.der" yes
cert_expect rfc9881-mldsa44 "$pub/rfc9881-mldsa44-certificate.der" yes
openssl asn1parse -in "$pub/rfc9881-mldsa44-public-key.pem" -noout -out rfc9881-mldsa44-pub.der
