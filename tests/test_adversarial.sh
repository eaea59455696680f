#!/bin/sh
# test_adversarial.sh: every case of vectors/adversarial/MANIFEST through
# `cmsfw verify` at several input chunk sizes, and `openssl cms -verify` over
# the accepted ones OpenSSL can read (tests/test_vectors.py does both). The
# Makefile exports top_srcdir, top_builddir and PYTHON3; without them the
# script runs from a build folder with the system python3. Arguments are
# passed to test_vectors.py (--only TEXT, --verbose, --jobs N).
: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
: "${PYTHON3:=python3}"

cmsfw="$top_builddir/tools/cmsfw"
if test ! -x "$cmsfw"; then
    echo "test_adversarial.sh: $cmsfw is not built" >&2
    exit 99
fi
exec "$PYTHON3" "$top_srcdir/tests/test_vectors.py" "$cmsfw" "$top_srcdir/vectors" \
    --manifest "$top_srcdir/vectors/adversarial/MANIFEST" "$@"
