#!/bin/sh
# test_cli.sh: the cmsfw tool's command-line contract for `inspect`:
# outputs, JSON keys, PEM input, exit codes 0/1/2.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}" "${PYTHON3:=python3}"
cmsfw="$top_builddir/tools/cmsfw"
samples="$top_srcdir/vectors/samples"
published="$top_srcdir/vectors/published"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# expect_exit CODE DESCRIPTION -- command...
expect_exit() {
    want=$1
    what=$2
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then ok; else bad "$what: exit $got, expected $want"; cat "$tmp/err"; fi
}

# json_check FILE PYTHON-EXPRESSION (on `d`, the parsed object)
json_check() {
    if "$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; then
        ok
    else
        bad "json: $2"
        cat "$1"
    fi
}

expect_exit 0 "inspect receipt" -- "$cmsfw" inspect "$samples/receipt.der"
grep -q 'verNum: 7' "$tmp/out" && ok || bad "text receipt shows verNum"
grep -q 'hwType: 1.3.6.1.4.1.32473.1.1' "$tmp/out" && ok || bad "text receipt shows hwType"

expect_exit 0 "inspect receipt json" -- "$cmsfw" inspect --json "$samples/receipt.der"
cp "$tmp/out" "$tmp/r.json"
json_check "$tmp/r.json" 'd["content"] == "FirmwarePackageLoadReceipt" and d["encapsulation"] == "bare"'
json_check "$tmp/r.json" 'd["FirmwarePackageLoadReceipt"]["hwSerialNum"] == "00010203"'
json_check "$tmp/r.json" 'd["FirmwarePackageLoadReceipt"]["fwPkgName"]["preferred"] == {"fwPkgID": "1.3.6.1.4.1.32473.2.1", "verNum": 7}'
json_check "$tmp/r.json" 'd["FirmwarePackageLoadReceipt"]["trustAnchorKeyID"] == "aaaaaaaa" and d["FirmwarePackageLoadReceipt"]["decryptKeyID"] == "bbbb"'

expect_exit 0 "inspect error report json" -- "$cmsfw" inspect --json "$samples/error-report.der"
cp "$tmp/out" "$tmp/e.json"
json_check "$tmp/e.json" 'd["FirmwarePackageLoadError"]["errorCode"] == {"name": "stalePackage", "number": 28}'
json_check "$tmp/e.json" 'd["FirmwarePackageLoadError"]["fwPkgName"] == {"legacy": "52312e32"}'
json_check "$tmp/e.json" 'd["FirmwarePackageLoadError"]["config"][0]["fwPkgType"] == 1'

# PEM input gives the same answer as DER
{
    echo "-----BEGIN CMS-----"
    "$PYTHON3" -c "import base64,sys; print(base64.encodebytes(open(sys.argv[1],'rb').read()).decode(), end='')" "$samples/error-report.der"
    echo "-----END CMS-----"
} >"$tmp/e.pem"
expect_exit 0 "inspect PEM" -- "$cmsfw" inspect --json "$tmp/e.pem"
cmp -s "$tmp/out" "$tmp/e.json" && ok || bad "PEM and DER inspections differ"

# The RFC 4108 example package of pyasn1-modules (signed, with attributes)
expect_exit 0 "inspect signed package" -- "$cmsfw" inspect --json "$published/pyasn1-rfc4108-signed-firmware-package.der"
cp "$tmp/out" "$tmp/p.json"
json_check "$tmp/p.json" 'd["content"] == "FirmwarePkgData" and d["encapsulation"] == "SignedData"'
json_check "$tmp/p.json" 'd["FirmwarePkgData"]["length"] == 512'
# its fwPkgMessageDigest attribute is the SHA-256 of the image: cmsfw's own digest must agree
json_check "$tmp/p.json" '[a["value"]["msgDigest"] for a in d["signedData"]["signerInfo"]["signedAttrs"] if a.get("name") == "id-aa-fwPkgMessageDigest"] == [d["FirmwarePkgData"]["sha256"]]'
json_check "$tmp/p.json" 'any(a.get("name") == "id-aa-targetHardwareIDs" and "1.3.6.1.4.1.221121.1.1.42" in a["value"] for a in d["signedData"]["signerInfo"]["signedAttrs"])'

# stdin
expect_exit 0 "inspect stdin" -- sh -c "\"$cmsfw\" inspect - <\"$samples/receipt.der\""

# An error code RFC 4108 does not assign is shown as otherError with its number
printf '\060\013\006\003\053\006\001\004\001\000\012\001\062' >"$tmp/e50.der"
expect_exit 0 "inspect unassigned code" -- "$cmsfw" inspect --json "$tmp/e50.der"
cp "$tmp/out" "$tmp/e50.json"
json_check "$tmp/e50.json" 'd["FirmwarePackageLoadError"]["errorCode"]["name"] == "otherError" and d["FirmwarePackageLoadError"]["errorCode"]["number"] == 50'

# Undecodable input: exit 1 with one line
head -c 20 "$samples/receipt.der" >"$tmp/trunc.der"
expect_exit 1 "truncated" -- "$cmsfw" inspect "$tmp/trunc.der"
[ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || bad "one-line message for truncated input"
printf 'garbage, not ASN.1' >"$tmp/garbage"
expect_exit 1 "garbage" -- "$cmsfw" inspect "$tmp/garbage"
printf -- '-----BEGIN CMS-----\n!!!!\n-----END CMS-----\n' >"$tmp/badpem"
expect_exit 1 "bad PEM" -- "$cmsfw" inspect "$tmp/badpem"
expect_exit 1 "compressed data is not an RFC 4108 type" -- "$cmsfw" inspect "$published/pyasn1-rfc3274-compressed-data.der"
grep -q badContentInfo "$tmp/err" && ok || bad "compressed: names badContentInfo"

# Option syntax: --opt=value, "--" before a file name, switches take no value
expect_exit 0 "inspect -- FILE" -- "$cmsfw" inspect --json -- "$samples/receipt.der"
cmp -s "$tmp/out" "$tmp/r.json" && ok || bad "'--' changes the output"
expect_exit 2 "switch with a value" -- "$cmsfw" inspect --json=yes "$samples/receipt.der"
expect_exit 2 "two files" -- "$cmsfw" inspect "$samples/receipt.der" "$samples/error-report.der"
expect_exit 0 "inspect --help" -- "$cmsfw" inspect --help
grep -q -- '--trust' "$tmp/out" && ok || bad "inspect --help lists --trust"

# Usage and I/O: exit 2
expect_exit 2 "missing file" -- "$cmsfw" inspect "$tmp/does-not-exist"
expect_exit 2 "no file" -- "$cmsfw" inspect
expect_exit 2 "unknown option" -- "$cmsfw" inspect --frobnicate "$samples/receipt.der"
expect_exit 2 "unknown command" -- "$cmsfw" frobnicate
expect_exit 0 "help" -- "$cmsfw" --help
grep -q inspect "$tmp/out" && ok || bad "help lists inspect"
expect_exit 0 "version" -- "$cmsfw" --version

# Every published vector: decoded (0) or refused (1), never a crash (>= 128)
for f in "$published"/*.der "$samples"/*.der; do
    "$cmsfw" inspect --json "$f" >/dev/null 2>&1
    rc=$?
    if [ "$rc" -le 1 ]; then ok; else bad "inspect $(basename "$f") exited $rc"; fi
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
