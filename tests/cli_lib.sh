# cli_lib.sh: helpers shared by the tests/test_cli_*.sh scripts (sourced).
# Sets: cmsfw, samples, tmp (removed on exit), backend; counts pass/fail.
: "${top_srcdir:=.}" "${top_builddir:=.}" "${PYTHON3:=python3}"
cmsfw="$top_builddir/tools/cmsfw"
samples="$top_srcdir/vectors/samples"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# Documentation OIDs (RFC 5612 enterprise number 32473), as in the samples.
HW=1.3.6.1.4.1.32473.1.1
HW_OTHER=1.3.6.1.4.1.32473.1.2
PKG=1.3.6.1.4.1.32473.2.1
COMMUNITY=1.3.6.1.4.1.32473.3.1

backend=$("$cmsfw" --version | sed -n 's/.*crypto backend: \([a-z0-9]*\).*/\1/p')

ok() { pass=$((pass + 1)); }
bad() {
    fail=$((fail + 1))
    echo "FAIL: $*"
}
check() { # DESCRIPTION -- command... : passes when the command succeeds
    what=$1
    shift 2
    if "$@"; then ok; else bad "$what"; fi
}

# expect_exit CODE DESCRIPTION -- command...; stdout in $tmp/out, stderr in $tmp/err
expect_exit() {
    want=$1
    what=$2
    shift 3
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -eq "$want" ]; then
        ok
    else
        bad "$what: exit $got, expected $want"
        head -c 2000 "$tmp/err"
    fi
}

# json_check FILE PYTHON-EXPRESSION (on `d`, the parsed object)
json_check() {
    if "$PYTHON3" -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1" 2>/dev/null; then
        ok
    else
        bad "json: $2"
        head -c 2000 "$1"
        echo
    fi
}

sha256_of() { "$PYTHON3" -c "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())" "$1"; }

# The subjectKeyIdentifier of a certificate, as lowercase hex.
ski_of() {
    openssl x509 -in "$1" -noout -ext subjectKeyIdentifier 2>/dev/null | sed -n '2s/[ :]//gp' | tr 'A-F' 'a-f'
}

# flip_in PKG OUT TEXT: copy PKG to OUT with one bit of the first occurrence
# of TEXT flipped (a byte of the image inside the package).
flip_in() {
    "$PYTHON3" - "$1" "$2" "$3" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
at = data.find(sys.argv[3].encode())
if at < 0:
    sys.exit("text not found in the package")
data[at] ^= 0x01
open(sys.argv[2], 'wb').write(bytes(data))
EOF
}

# flip_hex FILE OUT HEX: the same for the first occurrence of octets HEX.
flip_hex() {
    "$PYTHON3" - "$1" "$2" "$3" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], 'rb').read())
at = data.find(bytes.fromhex(sys.argv[3]))
if at < 0:
    sys.exit("octets not found")
data[at] ^= 0x01
open(sys.argv[2], 'wb').write(bytes(data))
EOF
}

# No file but the expected ones in a directory: temporary outputs are gone.
no_leftovers() { # DIR
    if ls -A "$1" | grep -q '^\.'; then
        bad "temporary files left in $1: $(ls -A "$1" | tr '\n' ' ')"
    else
        ok
    fi
}

finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
