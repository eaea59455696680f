#!/bin/sh
# make_keys.sh: (re)create the keys and certificates of vectors/keys/ with
# the openssl command-line tool. They are TEST keys, published on purpose:
# never use them for anything else.
#
# The files are committed; running this script again makes new keys, after
# which every vector must be regenerated (interop/gen_vectors.sh) and the
# manifest checked again. Usage: sh interop/make_keys.sh [OUTDIR]
#
# What is made (KEY.key.pem is PKCS#8, KEY.cert.pem an X.509 v3 certificate
# with a subjectKeyIdentifier, both PEM):
#   ec-p256, ec-p384, rsa-2048, ed25519   one direct signer per algorithm:
#                                         self-signed, installed on the device
#                                         as a trust anchor
#   rsa-1024                              too small a key (unsupportedKeySize)
#   nofw-p256                             an anchor the device holds but that
#                                         may not sign firmware (notAuthorized)
#   rogue-p256                            a key the device does not know
#   ca-p384 -> int-p256 -> leaf-p256      a certification path: root CA (the
#                                         anchor), intermediate CA, signer
#   leaf-rsa1024                          a 1024-bit signer certified by int-p256
#   rogue-int-p256                        an intermediate CA whose root is unknown
#   leaf-rogue-p256                       a signer certified by rogue-int-p256
#   kek128.hex, kek256.hex                device key-encryption keys (hex text)
#   kek128-wrong.hex, kek256-wrong.hex    keys of the same sizes that are not them
set -eu
out=${1:-$(cd "$(dirname "$0")/.." && pwd)/vectors/keys}
mkdir -p "$out"
cd "$out"
days=36500

ext=$(mktemp)
trap 'rm -f "$ext"' EXIT HUP INT TERM
cat >"$ext" <<'EOF'
[req]
distinguished_name = dn
[dn]
[anchor]
basicConstraints = critical, CA:TRUE
keyUsage = critical, digitalSignature, keyCertSign
subjectKeyIdentifier = hash
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

genkey() { # NAME ALGORITHM-OPTIONS...
    name=$1
    shift
    openssl genpkey "$@" -out "$name.key.pem" 2>/dev/null
}

selfsigned() { # NAME SUBJECT
    openssl req -new -x509 -key "$1.key.pem" -subj "$2" -days $days \
        -config "$ext" -extensions anchor -set_serial "0x$(openssl rand -hex 8)" \
        -out "$1.cert.pem" 2>/dev/null
}

issue() { # NAME SUBJECT ISSUER SECTION
    openssl req -new -key "$1.key.pem" -subj "$2" -config "$ext" -out "$1.csr" 2>/dev/null
    openssl x509 -req -in "$1.csr" -CA "$3.cert.pem" -CAkey "$3.key.pem" -days $days \
        -extfile "$ext" -extensions "$4" -set_serial "0x$(openssl rand -hex 8)" \
        -out "$1.cert.pem" 2>/dev/null
    rm -f "$1.csr"
}

genkey ec-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
genkey ec-p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
genkey rsa-2048 -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey ed25519 -algorithm ED25519
genkey rsa-1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
genkey nofw-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
genkey rogue-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
for n in ec-p256 ec-p384 rsa-2048 ed25519 rsa-1024 nofw-p256 rogue-p256; do
    selfsigned "$n" "/O=cmsfw test vectors/CN=$n firmware signer"
done

genkey ca-p384 -algorithm EC -pkeyopt ec_paramgen_curve:P-384
openssl req -new -x509 -key ca-p384.key.pem -subj "/O=cmsfw test vectors/CN=Root CA" -days $days \
    -config "$ext" -extensions anchor -set_serial 0x01 -out ca-p384.cert.pem 2>/dev/null
genkey int-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
issue int-p256 "/O=cmsfw test vectors/CN=Intermediate CA" ca-p384 ca
genkey leaf-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
issue leaf-p256 "/O=cmsfw test vectors/CN=Firmware signer" int-p256 leaf
genkey leaf-rsa1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
issue leaf-rsa1024 "/O=cmsfw test vectors/CN=Small-key firmware signer" int-p256 leaf

genkey rogue-ca-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
selfsigned rogue-ca-p256 "/O=cmsfw test vectors/CN=Unknown Root CA"
genkey rogue-int-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
issue rogue-int-p256 "/O=cmsfw test vectors/CN=Unknown Intermediate CA" rogue-ca-p256 ca
genkey leaf-rogue-p256 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
issue leaf-rogue-p256 "/O=cmsfw test vectors/CN=Unknown firmware signer" rogue-int-p256 leaf
# only the path below the unknown root is used: its root key is not kept
rm -f rogue-ca-p256.key.pem rogue-ca-p256.cert.pem

openssl rand -hex 16 >kek128.hex
openssl rand -hex 32 >kek256.hex
openssl rand -hex 16 >kek128-wrong.hex
openssl rand -hex 32 >kek256-wrong.hex
echo "keys written to $out"
