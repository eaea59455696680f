#!/bin/sh
# test_vectors.sh: every case of vectors/MANIFEST through `cmsfw verify`, at
# several input chunk sizes (see test_vectors.py). The Makefile exports
# top_srcdir, top_builddir and PYTHON3; without them the script runs from a
# build folder with the system python3.
: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
: "${PYTHON3:=python3}"

cmsfw="$top_builddir/tools/cmsfw"
if test ! -x "$cmsfw"; then
    echo "test_vectors.sh: $cmsfw is not built" >&2
    exit 99
fi
exec "$PYTHON3" "$top_srcdir/tests/test_vectors.py" "$cmsfw" "$top_srcdir/vectors" "$@"
