#!/bin/sh
# Regenerate the demo keys, certificates, KEKs and image of this folder with
# the openssl command-line tool (OpenSSL 3). Keys are written as unencrypted
# PKCS#8 PEM, certificates as PEM; every certificate carries a
# subjectKeyIdentifier and is valid for 100 years. The output differs on
# each run (fresh keys); the committed files are one such run.
#   sh vectors/samples/gen-demo.sh [DIR]     (default: this folder)
set -eu
dir=${1:-$(dirname "$0")}
cd "$dir"
days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[self]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
CNF

genkey() { # NAME openssl-genpkey-arguments...
    name=$1
    shift
    openssl genpkey "$@" -out "$name.key" 2>/dev/null
}
# Vendor root (the trust anchor) and the firmware signer it certifies.
genkey demo-ca-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
openssl req -new -x509 -key demo-ca-p256.key -subj "/O=Example Vendor/CN=Example Firmware Root" \
    -days "$days" -sha256 -set_serial 1 -config "$tmp/ext.cnf" -extensions ca \
    -out demo-ca-p256.pem 2>/dev/null
genkey demo-signer-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
openssl req -new -key demo-signer-p256.key -subj "/O=Example Vendor/CN=Example Firmware Signer" \
    -out "$tmp/signer.csr"
openssl x509 -req -in "$tmp/signer.csr" -CA demo-ca-p256.pem -CAkey demo-ca-p256.key \
    -set_serial 2 -days "$days" -sha256 -extfile "$tmp/ext.cnf" -extensions leaf \
    -out demo-signer-p256.pem 2>/dev/null

# Self-signed signers, one per algorithm family (each is its own anchor).
for spec in "p384:EC:-pkeyopt ec_paramgen_curve:P-384:sha384" \
            "rsa2048:RSA:-pkeyopt rsa_keygen_bits:2048:sha256" \
            "ed25519:ED25519::"; do
    name=demo-$(echo "$spec" | cut -d: -f1)
    alg=$(echo "$spec" | cut -d: -f2)
    opt=$(echo "$spec" | cut -d: -f3-4 | sed 's/:$//')
    md=$(echo "$spec" | cut -d: -f5)
    # shellcheck disable=SC2086
    genkey "$name" -algorithm "$alg" $opt
    openssl req -new -x509 -key "$name.key" -subj "/O=Example Vendor/CN=$name" \
        -days "$days" ${md:+-$md} -set_serial 3 -config "$tmp/ext.cnf" -extensions self \
        -out "$name.pem" 2>/dev/null
done

# The device's own key, for signed receipts and error reports.
genkey demo-device-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
openssl req -new -x509 -key demo-device-p256.key -subj "/O=Example Vendor/CN=Device 00010203" \
    -days "$days" -sha256 -set_serial 4 -config "$tmp/ext.cnf" -extensions self \
    -out demo-device-p256.pem 2>/dev/null

# Key-encryption keys shared by the vendor and the device (hex text).
openssl rand -hex 16 >demo-kek128.hex
openssl rand -hex 32 >demo-kek256.hex

# The demo firmware image: 24 KiB of text-like data (zlib shrinks it).
python3 -c '
import sys
out = bytearray()
i = 0
while len(out) < 24576:
    out += b"cmsfw demo firmware block %06d: the quick brown fox jumps over the lazy dog\n" % i
    i += 1
open("demo-firmware.bin", "wb").write(bytes(out[:24576]))'
echo "demo keys written to $dir"
