#!/bin/sh
# The main job, end to end on a fresh Debian 12 machine: install what is
# missing, build cmsfw, and inspect the shipped samples.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

sh scripts/install-deps.sh
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p _build/demo
cd _build/demo
[ -f Makefile ] || ../../configure --quiet
make -j"$(nproc)" >/dev/null
cmsfw=$PWD/tools/cmsfw
cd "$top"

for f in vectors/samples/receipt.der vectors/samples/error-report.der \
         vectors/published/pyasn1-rfc4108-signed-firmware-package.der; do
    echo "\$ cmsfw inspect $f"
    "$cmsfw" inspect "$f"
    echo
done
echo "\$ cmsfw inspect --json vectors/samples/error-report.der"
"$cmsfw" inspect --json vectors/samples/error-report.der
