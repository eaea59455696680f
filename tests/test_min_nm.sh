#!/bin/sh
# The minimal profile's code (libcmsfw_min.a: cms/min_*.c, the DER cursor
# and the error names) reaches nothing but the crypto backend and a few
# memory functions of the C library: no allocator, no stdio, no libtasn1,
# no full-profile code. Every undefined symbol must be on the list below.
set -eu
: "${top_builddir:=.}"
: "${NM:=nm}"

lib="$top_builddir/libcmsfw_min.a"
if test ! -f "$lib"; then
    echo "test_min_nm.sh: $lib is not built" >&2
    exit 99
fi

allowed='^(memcpy|memset|memcmp|memmove|memchr|strlen|strcmp|cmsfw_bk_[a-z0-9_]+|__stack_chk_fail|__stack_chk_guard|_GLOBAL_OFFSET_TABLE_|__(asan|ubsan|sanitizer|lsan)_[A-Za-z0-9_]+)$'
# undefined in some member and defined in none: what the archive needs
"$NM" "$lib" | awk 'NF == 3 && $2 ~ /^[TDBR]$/ { print $3 }' | sort -u >"${TMPDIR:-/tmp}/min-nm-def.$$"
undefined=$("$NM" -u "$lib" | awk 'NF == 2 && $1 == "U" { print $2 }' | sort -u |
    comm -23 - "${TMPDIR:-/tmp}/min-nm-def.$$")
rm -f "${TMPDIR:-/tmp}/min-nm-def.$$"
if test -z "$undefined"; then
    echo "test_min_nm.sh: nm found no undefined symbol in $lib: cannot judge" >&2
    exit 1
fi
bad=$(printf '%s\n' "$undefined" | grep -Ev "$allowed" || true)
if test -n "$bad"; then
    echo "test_min_nm.sh: the minimal profile references:" >&2
    printf '    %s\n' $bad >&2
    exit 1
fi
for f in malloc calloc realloc free; do
    if printf '%s\n' "$undefined" | grep -qx "$f"; then
        echo "test_min_nm.sh: $f referenced" >&2
        exit 1
    fi
done
echo "test_min_nm.sh: $(printf '%s\n' "$undefined" | wc -l) undefined symbols, all allowed:"
printf '%s\n' "$undefined" | grep -v '^cmsfw_bk_' | sed 's/^/    /'
