#!/bin/sh
# test_cli_docs.sh: the help texts and the man page never disagree: every
# option a command's --help lists is documented in docs/cmsfw.1 (as
# `Fl -name`), every option the man page documents is accepted by some
# command, and the flags of the ARCHITECTURE command-line contract exist.
set -u
. "${top_srcdir:-.}/tests/cli_lib.sh"

man="$top_srcdir/docs/cmsfw.1"

# flags_of_help CMD: the --options a command's help lists, one per line
flags_of_help() {
    "$cmsfw" "$1" --help | sed -n 's/^  \(--[a-z][a-z0-9-]*\).*/\1/p' | sort -u
}

for cmd in protect verify inspect keygen keyinfo; do
    expect_exit 0 "$cmd --help" -- "$cmsfw" "$cmd" --help
    flags_of_help "$cmd" >"$tmp/$cmd.flags"
    [ -s "$tmp/$cmd.flags" ] && ok || bad "$cmd --help lists no option"
    while read -r flag; do
        name=${flag#--}
        if grep -Eq "Fl -$name( |\$)" "$man"; then ok; else bad "$cmd $flag is not in docs/cmsfw.1"; fi
    done <"$tmp/$cmd.flags"
    grep -q "^\.Cm $cmd\$" "$man" && ok || bad "docs/cmsfw.1 has no synopsis for $cmd"
    "$cmsfw" --help | grep -q "^  $cmd " && ok || bad "cmsfw --help does not list $cmd"
done

# every option the man page names exists in some command (or globally)
cat "$tmp"/*.flags >"$tmp/all.flags"
printf -- '--help\n--version\n' >>"$tmp/all.flags"
grep -o 'Fl -[a-z][a-z0-9-]*' "$man" | sed 's/^Fl /-/' | sort -u >"$tmp/man.flags"
while read -r flag; do
    if grep -qx -- "$flag" "$tmp/all.flags"; then ok; else bad "docs/cmsfw.1 documents $flag, which no command accepts"; fi
done <"$tmp/man.flags"

# the command-line contract of ARCHITECTURE.md
for flag in --in --out --key --cert --chain --sig-alg --digest --sid --ski --no-certs --pkg-id \
    --pkg-legacy --stale --stale-legacy --target --community --community-module --pkg-type \
    --dependency --dependency-legacy --impl-crypto --impl-compress --compress --encrypt --kek \
    --outform; do
    grep -qx -- "$flag" "$tmp/protect.flags" && ok || bad "protect lacks $flag"
done
for flag in --trust --anchor-no-fw --hw-type --hw-serial --community --installed \
    --installed-legacy --stale --pkg-type --allow-downgrade --kek --max-image --state \
    --chunk-size --out --receipt --error-report --sign-key --sign-cert --json; do
    grep -qx -- "$flag" "$tmp/verify.flags" && ok || bad "verify lacks $flag"
done
for flag in --trust --json; do
    grep -qx -- "$flag" "$tmp/inspect.flags" && ok || bad "inspect lacks $flag"
done

# the option parser accepts what the help lists (a flag it did not know
# would be "unknown option", exit 2 with that message)
while read -r flag; do
    "$cmsfw" verify "$flag" >/dev/null 2>"$tmp/err"
    if grep -q "unknown option" "$tmp/err"; then bad "verify rejects its own $flag"; else ok; fi
done <"$tmp/verify.flags"
while read -r flag; do
    "$cmsfw" protect "$flag" >/dev/null 2>"$tmp/err"
    if grep -q "unknown option" "$tmp/err"; then bad "protect rejects its own $flag"; else ok; fi
done <"$tmp/protect.flags"

finish
