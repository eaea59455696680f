#!/bin/sh
# Cross-check of the RFC 4108 codec against pyasn1-modules, in both
# directions (see pyasn1_cross.py). The Makefile exports PYTHON3,
# top_srcdir and top_builddir; without them the script runs from a build
# folder with the system python3.
: "${top_srcdir:=$(dirname "$0")/..}"
: "${top_builddir:=.}"
: "${PYTHON3:=python3}"

tool="$top_builddir/tests/fwcodec_check"
if test ! -x "$tool"; then
    echo "pyasn1_cross.sh: $tool is not built" >&2
    exit 99
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/pyasn1_cross.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT HUP INT TERM

"$PYTHON3" "$top_srcdir/tests/pyasn1_cross.py" "$tool" "$work"
