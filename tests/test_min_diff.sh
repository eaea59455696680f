#!/bin/sh
# The minimal profile against the full one over both vector manifests
# (tests/test_min_diff.py): same verdicts, images and reports wherever the
# minimal profile names no limit. MIN_COMPARED is the floor of cases that
# must be compared (fewer means the comparison lost its subject).
set -eu
: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
: "${PYTHON3:=python3}"
: "${MIN_COMPARED:=400}"

cmsfw="$top_builddir/tools/cmsfw"
if test ! -x "$cmsfw"; then
    echo "test_min_diff.sh: $cmsfw is not built" >&2
    exit 99
fi
exec "$PYTHON3" "$top_srcdir/tests/test_min_diff.py" "$cmsfw" "$top_srcdir/vectors" \
    --min-compared "$MIN_COMPARED" "$@"
