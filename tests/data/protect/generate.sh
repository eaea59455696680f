#!/bin/sh
# generate.sh: how the producer test certificates in this folder were made.
#
# Run once with the openssl command-line tool (OpenSSL 3); the outputs are
# committed, so `make check` never runs this. The keys are those of
# tests/data/keys/ (see tests/data/backend/README.md).
#
#   NAME.cert.der          self-signed certificate of ../keys/NAME.pk8.der,
#                          with a subjectKeyIdentifier (ec-p256 is also a CA)
#   rsa-2048-leaf.cert.der rsa-2048 certified by the ec-p256 CA (SKI and AKI)
#   rsa-3072-noski.cert.der
#                          self-signed, without a subjectKeyIdentifier
#   rsa-3072-noski.keyid.hex
#                          its RFC 7093 section 2 method 1 key identifier:
#                          the leftmost 160 bits of the SHA-256 of the
#                          subjectPublicKey bits, computed here by openssl
#
# usage: sh generate.sh [OUTDIR]    (default: the folder of this script)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
keys=$here/../keys
out=${1:-$here}
cd "$out"
days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, digitalSignature
subjectKeyIdentifier = hash
[self]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[noski]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = none
authorityKeyIdentifier = none
CNF

selfsign() { # NAME EXTENSIONS DIGEST-OPTION OUT
    openssl req -new -x509 -key "$keys/$1.pk8.der" -keyform DER -subj "/O=cmsfw/CN=$1 test signer" \
        -days $days $3 -set_serial 0x$(openssl rand -hex 8) -config "$tmp/ext.cnf" \
        -extensions "$2" -outform DER -out "$4"
}

selfsign ec-p256 ca -sha256 ec-p256.cert.der
selfsign ec-p384 self -sha384 ec-p384.cert.der
selfsign rsa-2048 self -sha256 rsa-2048.cert.der
selfsign rsa-3072 self -sha384 rsa-3072.cert.der
selfsign rsa-4096 self -sha512 rsa-4096.cert.der
selfsign ed25519 self "" ed25519.cert.der
selfsign rsa-3072 noski -sha384 rsa-3072-noski.cert.der

openssl req -new -key "$keys/rsa-2048.pk8.der" -keyform DER -subj "/O=cmsfw/CN=rsa-2048 leaf" \
    -out "$tmp/leaf.csr"
openssl x509 -req -in "$tmp/leaf.csr" -CA ec-p256.cert.der -CAform DER \
    -CAkey "$keys/ec-p256.pk8.der" -CAkeyform DER -set_serial 4661 -days $days -sha256 \
    -extfile "$tmp/ext.cnf" -extensions leaf -outform DER -out rsa-2048-leaf.cert.der 2>/dev/null

# RFC 7093 method 1 key identifier of the certificate without an SKI
openssl x509 -inform DER -in rsa-3072-noski.cert.der -noout -pubkey |
    openssl pkey -pubin -outform DER -out "$tmp/spki.der"
set -- $(openssl asn1parse -inform DER -in "$tmp/spki.der" | awk '/BIT STRING/ {
    split($1, a, ":"); off = a[1]
    match($0, /hl= *[0-9]+/); hl = substr($0, RSTART + 3, RLENGTH - 3) + 0
    match($0, / l= *[0-9]+/); l = substr($0, RSTART + 3, RLENGTH - 3) + 0
    print off + hl + 1, l - 1; exit }')
dd if="$tmp/spki.der" bs=1 skip="$1" count="$2" status=none |
    openssl dgst -sha256 -binary | head -c 20 | od -An -tx1 | tr -d ' \n' > rsa-3072-noski.keyid.hex
echo >> rsa-3072-noski.keyid.hex
