#!/bin/sh
# Regenerate the certificates of tests/test_checks*.c (openssl 3).
# Validity periods are not checked by cmsfw, so the dates do not matter.
#
#   root        P-256, self-signed CA: the trust anchor
#   ica         P-384 CA (pathlen 0) under root, ecdsa-with-SHA256
#   leaf        P-256 signer under ica, ecdsa-with-SHA384, SKI (and its spki)
#   leaf-noski  same key, no SKI extension (issuerAndSerialNumber sid)
#   leaf-ku     same key, keyUsage keyEncipherment only
#   leaf-cc-deny   same key, CMS content constraints: firmware cannotSource
#   leaf-cc-allow  same key, constraints: firmware, targets attribute fixed
#   leaf-crit   same key, an unknown critical extension
#   ica-rsa     RSA-2048 CA under root, sha256WithRSAEncryption
#   leaf-ed     Ed25519 signer under ica-rsa, RSASSA-PSS SHA-256
#   leaf-1024   RSA-1024 signer under ica
#   notca       P-256 under root with cA FALSE; leaf-notca under it
#   ica2        P-256 CA under ica (breaks ica's pathlen 0); leaf-deep under it
set -eu
cd "$(dirname "$0")"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT

key() { # name algorithm-options...
    n=$1; shift
    openssl genpkey "$@" -out "$t/$n.pem" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$t/$n.pem" -outform DER -out "$n.pk8.der"
}

cat >"$t/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ca0]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
keyUsage = critical, digitalSignature
subjectKeyIdentifier = hash
[noski]
keyUsage = critical, digitalSignature
subjectKeyIdentifier = none
[ku]
keyUsage = critical, keyEncipherment
subjectKeyIdentifier = hash
[notca]
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
[ccdeny]
subjectKeyIdentifier = hash
1.3.6.1.5.5.7.1.18 = DER:30:12:30:10:06:0b:2a:86:48:86:f7:0d:01:09:10:01:10:0a:01:01
[ccallow]
subjectKeyIdentifier = hash
1.3.6.1.5.5.7.1.18 = DER:30:33:30:31:06:0b:2a:86:48:86:f7:0d:01:09:10:01:10:30:22:30:20:06:0b:2a:86:48:86:f7:0d:01:09:10:02:24:31:11:30:0f:06:0d:2b:06:01:04:01:81:fd:59:01:01:01:02:03
[crit]
subjectKeyIdentifier = hash
1.2.3.4.5 = critical, DER:05:00
CNF

cert() { # name issuer-name sections digest [sigopts...]
    n=$1 is=$2 sec=$3 md=$4; shift 4
    openssl req -new -key "$t/$n.pem" -subj "/O=cmsfw tests/CN=$n" -out "$t/$n.csr" 2>/dev/null
    openssl x509 -req -in "$t/$n.csr" -CA "$t/$is.crt" -CAkey "$t/$is.pem" -set_serial "0x$(openssl rand -hex 8)" \
        -days 36500 -"$md" -extfile "$t/ext.cnf" -extensions "$sec" "$@" -out "$t/$n.crt" 2>/dev/null
    openssl x509 -in "$t/$n.crt" -outform DER -out "$n.der"
}

key root -algorithm EC -pkeyopt ec_paramgen_curve:P-256
openssl req -new -x509 -key "$t/root.pem" -subj "/O=cmsfw tests/CN=root" -days 36500 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign" \
    -out "$t/root.crt"
openssl x509 -in "$t/root.crt" -outform DER -out root.der
openssl pkey -in "$t/root.pem" -pubout -outform DER -out root.spki.der

key ica -algorithm EC -pkeyopt ec_paramgen_curve:P-384
cert ica root ca0 sha256
key leaf -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cert leaf ica leaf sha384
openssl pkey -in "$t/leaf.pem" -pubout -outform DER -out leaf.spki.der
for v in noski:noski ku:ku cc-deny:ccdeny cc-allow:ccallow crit:crit; do
    cp "$t/leaf.pem" "$t/leaf-${v%%:*}.pem"
    cert "leaf-${v%%:*}" ica "${v#*:}" sha384
done
rm -f leaf-noski.pk8.der
key ica-rsa -algorithm RSA -pkeyopt rsa_keygen_bits:2048
cert ica-rsa root ca sha256
key leaf-ed -algorithm ED25519
cert leaf-ed ica-rsa leaf sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest \
    -sigopt rsa_mgf1_md:sha256
key leaf-1024 -algorithm RSA -pkeyopt rsa_keygen_bits:1024
cert leaf-1024 ica leaf sha384
key notca -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cert notca root notca sha256
cp "$t/leaf.pem" "$t/leaf-notca.pem"
cert leaf-notca notca leaf sha256
key ica2 -algorithm EC -pkeyopt ec_paramgen_curve:P-256
cert ica2 ica ca sha384
cp "$t/leaf.pem" "$t/leaf-deep.pem"
cert leaf-deep ica2 leaf sha256
rm -f ica.pk8.der ica-rsa.pk8.der notca.pk8.der ica2.pk8.der
for f in leaf-ku leaf-cc-deny leaf-cc-allow leaf-crit leaf-notca leaf-deep; do rm -f "$f.pk8.der"; done

# Signed load receipts made by openssl cms, for cmsfw_verify_content: the
# RFC 4108 digest's worked receipt example, signed by leaf with a
# subjectKeyIdentifier sid (SignerInfo v3) and with issuerAndSerialNumber
# (v1). OpenSSL adds signing-time and CMSAlgorithmProtection.
hex2bin() { python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))' "$1"; }
hex2bin 302d060a2b0601040181fd590101040400010203300f060a2b0601040181fd5902010201070404aaaaaaaa8102bbbb \
    >receipt.der
openssl cms -sign -binary -nodetach -outform DER -nosmimecap -keyid -md sha256 \
    -econtent_type 1.2.840.113549.1.9.16.1.17 -signer "$t/leaf.crt" -inkey "$t/leaf.pem" \
    -in receipt.der -out receipt-ski.der
openssl cms -sign -binary -nodetach -outform DER -nosmimecap -nocerts -md sha384 \
    -econtent_type 1.2.840.113549.1.9.16.1.17 -signer "$t/leaf.crt" -inkey "$t/leaf.pem" \
    -in receipt.der -out receipt-isn.der
