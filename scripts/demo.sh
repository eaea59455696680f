#!/bin/sh
# The main job, end to end on a fresh Debian 12 machine: install what is
# missing, build cmsfw, then tell the whole story with the shipped demo keys
# (vectors/samples/): a vendor protects an image; a Class 1 device (the
# minimal profile: one work buffer, no allocation) processes the package
# and answers with a receipt; a larger device (the full profile, with a
# certification path) does the same and signs its receipt; a tampered copy is rejected
# and answered with an error report; an encrypted, compressed package goes
# through the same way. Everything it writes goes to _build/demo/run/.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sh scripts/install-deps.sh
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p _build/demo
cd _build/demo
[ -f Makefile ] || ../../configure --quiet --enable-minimal
make -j"$(nproc)" >/dev/null
cmsfw=$PWD/tools/cmsfw
cd "$top"

s=vectors/samples
run=_build/demo/run
rm -rf "$run"
mkdir -p "$run"
HW=1.3.6.1.4.1.32473.1.1    # the device's hardware type (documentation OIDs, RFC 5612)
PKG=1.3.6.1.4.1.32473.2.1   # the firmware package's identifier
SERIAL=00010203             # the device's serial number

step() { printf '\n### %s\n' "$*"; }
show() { # print a command, then run it; a non-zero exit is part of the story
    printf '$ cmsfw'
    printf ' %s' "$@"
    printf '\n'
    rc=0
    "$cmsfw" "$@" || rc=$?
    [ "$rc" -eq 0 ] || echo "(exit status $rc)"
}
# the device's side, with the same flags every time
device() {
    show verify "$@" --trust "$s/demo-ca-p256.pem" --hw-type "$HW" --hw-serial "$SERIAL" \
        --kek "0a0b0c0d:$s/demo-kek256.hex" --state "$run/device.state" \
        --sign-key "$s/demo-device-p256.key" --sign-cert "$s/demo-device-p256.pem"
}

"$cmsfw" --version

step "1. The vendor signs version 7 of the image for hardware type $HW"
show protect --in "$s/demo-firmware.bin" --out "$run/fw-v7.pkg" \
    --key "$s/demo-signer-p256.key" --cert "$s/demo-signer-p256.pem" \
    --pkg-id "$PKG:7" --stale 5 --target "$HW"

step "2. A Class 1 device (minimal profile) provisioned with the vendor's signing key processes it"
show verify "$run/fw-v7.pkg" --minimal --trust "$s/demo-signer-p256.pem" --hw-type "$HW" \
    --hw-serial "$SERIAL" --out "$run/fw-v7-min.img" --receipt "$run/receipt-min.der" --json
cmp "$run/fw-v7-min.img" "$s/demo-firmware.bin" && echo "(the image written is the original)"
show inspect "$run/receipt-min.der"

step "3. A full-profile device, trusting the vendor's CA, processes it and signs its receipt"
device "$run/fw-v7.pkg" --out "$run/fw-v7.img" --receipt "$run/receipt.der" \
    --error-report "$run/error.der"
cmp "$run/fw-v7.img" "$s/demo-firmware.bin" && echo "(the image written is the original)"
echo "\$ cat $run/device.state"
cat "$run/device.state"

step "4. The vendor reads the receipt and checks the device's signature"
show inspect --trust "$s/demo-device-p256.pem" "$run/receipt.der"

step "5. A tampered copy: one byte of the image inside the package flipped"
python3 - "$run/fw-v7.pkg" "$run/tampered.pkg" <<'EOF'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
at = data.find(b"block 000100")
data[at] ^= 0x01
open(sys.argv[2], "wb").write(bytes(data))
print("flipped the byte at offset %d (%r)" % (at, bytes(data[at:at + 12])))
EOF
device "$run/tampered.pkg" --out "$run/tampered.img" --receipt "$run/receipt2.der" \
    --error-report "$run/error.der"
[ ! -e "$run/tampered.img" ] && echo "(no image was written)"
show inspect --trust "$s/demo-device-p256.pem" "$run/error.der"

step "6. Version 8, compressed and encrypted for the device's key 0a0b0c0d"
show protect --in "$s/demo-firmware.bin" --out "$run/fw-v8.pkg" \
    --key "$s/demo-signer-p256.key" --cert "$s/demo-signer-p256.pem" \
    --pkg-id "$PKG:8" --stale 6 --target "$HW" \
    --compress zlib --encrypt aes256-gcm --kek "0a0b0c0d:$s/demo-kek256.hex"
device "$run/fw-v8.pkg" --out "$run/fw-v8.img" --receipt "$run/receipt-v8.der" --json
echo "\$ cat $run/device.state"
cat "$run/device.state"

step "7. Replaying version 7 now: refused as stale"
device "$run/fw-v7.pkg" --error-report "$run/error-stale.der"
