#!/bin/sh
# test_cli_reports.sh: load receipts and load error reports written by
# `cmsfw verify`, unsigned and signed, read back with `cmsfw inspect`
# (and its --trust signature check) and with openssl as an outside peer.
set -u
. "${top_srcdir:-.}/tests/cli_lib.sh"

img="$samples/demo-firmware.bin"
CA="$samples/demo-ca-p256.pem"
DEV_KEY="$samples/demo-device-p256.key"
DEV_CERT="$samples/demo-device-p256.pem"
SERIAL=00010203
ca_ski=$(ski_of "$CA")
KEKID=0a0b0c0d

"$cmsfw" protect --in "$img" --out "$tmp/pkg.der" --pkg-id "$PKG:7" --target "$HW" \
    --key "$samples/demo-signer-p256.key" --cert "$samples/demo-signer-p256.pem" ||
    bad "protect plain"
"$cmsfw" protect --in "$img" --out "$tmp/enc.der" --pkg-id "$PKG:8" --target "$HW" \
    --key "$samples/demo-signer-p256.key" --cert "$samples/demo-signer-p256.pem" \
    --encrypt aes256-gcm --kek "$KEKID:$samples/demo-kek256.hex" || bad "protect encrypted"
"$cmsfw" protect --in "$img" --out "$tmp/legacy.der" --pkg-legacy 52312e32 --target "$HW" \
    --key "$samples/demo-signer-p256.key" --cert "$samples/demo-signer-p256.pem" ||
    bad "protect legacy"

# --- receipts -------------------------------------------------------------------
expect_exit 0 "receipt" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" --hw-type "$HW" \
    --hw-serial "$SERIAL" --receipt "$tmp/r.der" --json
json_check "$tmp/out" "d['receipt'].endswith('r.der')"
expect_exit 0 "inspect receipt" -- "$cmsfw" inspect --json "$tmp/r.der"
cp "$tmp/out" "$tmp/r.json"
json_check "$tmp/r.json" "d['content'] == 'FirmwarePackageLoadReceipt' and d['encapsulation'] == 'ContentInfo'"
json_check "$tmp/r.json" "d['contentType'] == '1.2.840.113549.1.9.16.1.17'"
json_check "$tmp/r.json" "d['FirmwarePackageLoadReceipt']['hwType'] == '$HW' and d['FirmwarePackageLoadReceipt']['hwSerialNum'] == '$SERIAL'"
json_check "$tmp/r.json" "d['FirmwarePackageLoadReceipt']['fwPkgName'] == {'preferred': {'fwPkgID': '$PKG', 'verNum': 7}}"
json_check "$tmp/r.json" "d['FirmwarePackageLoadReceipt']['trustAnchorKeyID'] == '$ca_ski' and 'decryptKeyID' not in d['FirmwarePackageLoadReceipt']"
# openssl decodes it too
check "openssl parses the receipt" -- sh -c "openssl asn1parse -inform DER -in '$tmp/r.der' >/dev/null"

expect_exit 0 "receipt, decrypted package" -- "$cmsfw" verify "$tmp/enc.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial "$SERIAL" --kek "$KEKID:$samples/demo-kek256.hex" \
    --receipt "$tmp/re.der"
"$cmsfw" inspect --json "$tmp/re.der" >"$tmp/re.json"
json_check "$tmp/re.json" "d['FirmwarePackageLoadReceipt']['decryptKeyID'] == '$KEKID'"

expect_exit 0 "receipt, legacy name" -- "$cmsfw" verify "$tmp/legacy.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial "$SERIAL" --receipt "$tmp/rl.der"
"$cmsfw" inspect --json "$tmp/rl.der" >"$tmp/rl.json"
json_check "$tmp/rl.json" "d['FirmwarePackageLoadReceipt']['fwPkgName'] == {'legacy': '52312e32'}"

# no receipt on rejection, no error report on acceptance
expect_exit 1 "no receipt when rejected" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW_OTHER" --hw-serial "$SERIAL" --receipt "$tmp/r2.der" --error-report "$tmp/e2.der"
check "no receipt file after a rejection" -- test ! -e "$tmp/r2.der"
check "an error report instead" -- test -s "$tmp/e2.der"
expect_exit 0 "no error report when accepted" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial "$SERIAL" --receipt "$tmp/r3.der" --error-report "$tmp/e3.der"
check "no error report file after an acceptance" -- test ! -e "$tmp/e3.der"

# --- signed receipts --------------------------------------------------------------
expect_exit 0 "signed receipt" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" --hw-type "$HW" \
    --hw-serial "$SERIAL" --receipt "$tmp/rs.der" --sign-key "$DEV_KEY" --sign-cert "$DEV_CERT"
expect_exit 0 "inspect --trust: signature verifies" -- "$cmsfw" inspect --json --trust "$DEV_CERT" "$tmp/rs.der"
cp "$tmp/out" "$tmp/rs.json"
json_check "$tmp/rs.json" "d['signatureVerified'] is True and d['encapsulation'] == 'SignedData'"
json_check "$tmp/rs.json" "d['FirmwarePackageLoadReceipt']['fwPkgName']['preferred']['verNum'] == 7"
expect_exit 1 "inspect --trust with another certificate" -- "$cmsfw" inspect --json --trust "$CA" "$tmp/rs.der"
json_check "$tmp/out" "d['signatureVerified'] is False and d['signatureError']['error_code'] > 0"
check "inspect --trust failure: reason on stderr" -- grep -q 'signature not verified' "$tmp/err"
expect_exit 0 "inspect without --trust reads it" -- "$cmsfw" inspect "$tmp/rs.der"
# a signed receipt with one byte of its content changed no longer verifies
flip_hex "$tmp/rs.der" "$tmp/rs-bad.der" "$SERIAL"
expect_exit 1 "altered signed receipt" -- "$cmsfw" inspect --json --trust "$DEV_CERT" "$tmp/rs-bad.der"
json_check "$tmp/out" "d['signatureVerified'] is False"
# openssl, an independent implementation, verifies the device's signature
check "openssl cms -verify accepts the signed receipt" -- sh -c \
    "openssl cms -verify -inform DER -in '$tmp/rs.der' -CAfile '$DEV_CERT' -purpose any -out '$tmp/rs.content' 2>'$tmp/ossl.err'"
check "openssl: the signed content is the receipt" -- sh -c \
    "openssl asn1parse -inform DER -in '$tmp/rs.content' | grep -q ':$PKG'"
# an unsigned receipt has no signature to check
expect_exit 1 "inspect --trust on an unsigned receipt" -- "$cmsfw" inspect --trust "$DEV_CERT" "$tmp/r.der"

# --- error reports ------------------------------------------------------------------
flip_in "$tmp/pkg.der" "$tmp/tampered.der" "block 000042"
expect_exit 1 "tampered: error report" -- "$cmsfw" verify "$tmp/tampered.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial "$SERIAL" --installed "$PKG:6:1" --installed-legacy 0a0b \
    --error-report "$tmp/e.der" --out "$tmp/fw.bin" --json
json_check "$tmp/out" "d['error'] == 'signatureFailure' and d['errorReport'].endswith('e.der')"
check "tampered: no firmware" -- test ! -e "$tmp/fw.bin"
expect_exit 0 "inspect error report" -- "$cmsfw" inspect --json "$tmp/e.der"
cp "$tmp/out" "$tmp/e.json"
json_check "$tmp/e.json" "d['content'] == 'FirmwarePackageLoadError' and d['contentType'] == '1.2.840.113549.1.9.16.1.18'"
json_check "$tmp/e.json" "d['FirmwarePackageLoadError']['errorCode'] == {'name': 'signatureFailure', 'number': 15}"
json_check "$tmp/e.json" "d['FirmwarePackageLoadError']['hwSerialNum'] == '$SERIAL' and d['FirmwarePackageLoadError']['hwType'] == '$HW'"
json_check "$tmp/e.json" "d['FirmwarePackageLoadError']['fwPkgName'] == {'preferred': {'fwPkgID': '$PKG', 'verNum': 7}}"
json_check "$tmp/e.json" "d['FirmwarePackageLoadError']['config'] == [{'fwPkgType': 1, 'fwPkgName': {'preferred': {'fwPkgID': '$PKG', 'verNum': 6}}}, {'fwPkgName': {'legacy': '0a0b'}}]"
json_check "$tmp/e.json" "'vendorErrorCode' not in d['FirmwarePackageLoadError']"

# before the signature is checked the name is still reported (unauthenticated)
expect_exit 1 "unknown signer: error report" -- "$cmsfw" verify "$tmp/pkg.der" \
    --trust "$samples/demo-p384.pem" --hw-type "$HW" --hw-serial "$SERIAL" --error-report "$tmp/e10.der" --json
json_check "$tmp/out" "d['authenticated'] is False and d['error'] == 'noTrustAnchor'"
"$cmsfw" inspect --json "$tmp/e10.der" >"$tmp/e10.json"
json_check "$tmp/e10.json" "d['FirmwarePackageLoadError']['errorCode']['name'] == 'noTrustAnchor' and 'fwPkgName' in d['FirmwarePackageLoadError'] and 'config' not in d['FirmwarePackageLoadError']"

# input that is not a package at all: decodeFailure, no name
printf 'not a package' >"$tmp/garbage"
expect_exit 1 "garbage: error report" -- "$cmsfw" verify "$tmp/garbage" --trust "$CA" \
    --hw-type "$HW" --hw-serial "$SERIAL" --error-report "$tmp/e1.der" --json
json_check "$tmp/out" "d['error'] == 'decodeFailure' and d['error_code'] == 1"
"$cmsfw" inspect --json "$tmp/e1.der" >"$tmp/e1.json"
json_check "$tmp/e1.json" "d['FirmwarePackageLoadError']['errorCode']['number'] == 1 and 'fwPkgName' not in d['FirmwarePackageLoadError']"

# signed error report
expect_exit 1 "signed error report" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW_OTHER" --hw-serial "$SERIAL" --error-report "$tmp/es.der" --sign-key "$DEV_KEY" \
    --sign-cert "$DEV_CERT"
expect_exit 0 "signed error report verifies" -- "$cmsfw" inspect --json --trust "$DEV_CERT" "$tmp/es.der"
json_check "$tmp/out" "d['signatureVerified'] is True and d['FirmwarePackageLoadError']['errorCode']['name'] == 'wrongHardware'"
# --- usage ------------------------------------------------------------------------------
expect_exit 2 "--receipt needs --hw-serial" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --receipt "$tmp/x.der"
expect_exit 2 "--error-report needs --hw-serial" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --error-report "$tmp/x.der"
expect_exit 2 "--sign-cert needs --sign-key" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial 00 --receipt "$tmp/x.der" --sign-cert "$DEV_CERT"
expect_exit 2 "--sign-key needs --sign-cert" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --hw-serial 00 --receipt "$tmp/x.der" --sign-key "$DEV_KEY"
expect_exit 2 "--sign-key needs an output to sign" -- "$cmsfw" verify "$tmp/pkg.der" --trust "$CA" \
    --hw-type "$HW" --sign-key "$DEV_KEY" --sign-cert "$DEV_CERT"
check "no report after usage errors" -- test ! -e "$tmp/x.der"
expect_exit 2 "inspect: --trust file missing" -- "$cmsfw" inspect --trust "$tmp/none.pem" "$tmp/rs.der"
no_leftovers "$tmp"

finish
