#!/bin/sh
# test_exports.sh: the shared libcmsfw exports exactly the functions that
# the public headers declare: nothing internal leaks into the ABI, and
# nothing documented is missing.
set -u
: "${top_srcdir:=.}" "${top_builddir:=.}"
so="$top_builddir/.libs/libcmsfw.so"
if [ ! -f "$so" ] || ! command -v nm >/dev/null 2>&1; then
    echo "no shared library or nm: skipped"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm -D --defined-only "$so" | awk '$2 == "T" || $2 == "D" || $2 == "B" || $2 == "R" {print $3}' |
    sort -u >"$tmp/exported"
# Names directly followed by "(" in the public headers: the declared functions
# (doc comments only ever name these same functions).
# minimal.h counts only in a build with the minimal profile (configure
# --enable-minimal, recorded as CMSFW_MINIMAL in cmsfw_config.h).
headers=$(ls "$top_srcdir"/include/cmsfw/*.h)
if ! grep -q '^#define CMSFW_MINIMAL 1' "$top_builddir/include/cmsfw/cmsfw_config.h"; then
    headers=$(printf '%s\n' $headers | grep -v '/minimal\.h$')
fi
# shellcheck disable=SC2086 # a list of paths without spaces
grep -ohE '\bcmsfw_[a-z0-9_]+\(' $headers | tr -d '(' | sort -u >"$tmp/declared"

fail=0
comm -23 "$tmp/exported" "$tmp/declared" >"$tmp/extra"
comm -13 "$tmp/exported" "$tmp/declared" >"$tmp/missing"
if [ -s "$tmp/extra" ]; then
    echo "exported but not declared in include/cmsfw:"
    sed 's/^/  /' "$tmp/extra"
    fail=1
fi
if [ -s "$tmp/missing" ]; then
    echo "declared in include/cmsfw but not exported:"
    sed 's/^/  /' "$tmp/missing"
    fail=1
fi
n=$(wc -l <"$tmp/exported")
if [ "$fail" -eq 0 ]; then
    echo "1 passed, 0 failed ($n public functions)"
else
    echo "0 passed, 1 failed"
fi
exit "$fail"
