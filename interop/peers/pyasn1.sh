# interop/peers/pyasn1.sh: pyasn1-modules (its own RFC 5652 and RFC 4108
# definitions) reads what cmsfw writes, and cmsfw reads what it writes.
# Sourced by interop/run.sh (see interop/lib.sh); the cwd is scratch.
check=$S/interop/peers/pyasn1_check.py
row - - - pyasn1 info "pyasn1 $("$PY" -c 'import pyasn1; print(pyasn1.__version__)'), pyasn1-modules $("$PY" -c 'import pyasn1_modules; print(pyasn1_modules.__version__)')"

# rows from the checker's lines: producer alg layers outcome message
rows_from() { # VERIFIER FILE
    while IFS="$(printf '\t')" read -r p a l o m; do
        row "$p" "$a" "$l" "$1" "$o" "$m"
    done <"$2"
}

# 1. every cmsfw package: the RFC 4108 attributes and the layers' framing
cut -f1-4 "$WORK/packages.tsv" >packages.list
"$PY" "$check" packages packages.list "$WORK/image.bin" >packages.out 2>&1 ||
    row pyasn1 - - pyasn1 fail "pyasn1_check.py packages: $(tail -n 1 packages.out)"
rows_from pyasn1 packages.out

# 2. receipts and error reports of every cmsfw build, unsigned and signed
: >reports.list
for pair in $CMSFW_BUILDS; do
    be=${pair%%=*}
    bin=${pair#*=}
    pkg=$(sed -n "s/^cmsfw-$be	ecdsa-p256	plain	\([^	]*\)	.*/\1/p" "$WORK/packages.tsv")
    dev="--trust $KEYS/ec-p256.cert.pem --hw-serial 0102"
    sign="--sign-key $KEYS/ec-p256.key.pem --sign-cert $KEYS/ec-p256.cert.pem"
    # shellcheck disable=SC2086 # dev and sign are word lists
    "$bin" verify "$pkg" $dev --hw-type "$HW" --receipt "$be-receipt.der" >/dev/null 2>&1
    # shellcheck disable=SC2086
    "$bin" verify "$pkg" $dev --hw-type 1.3.6.1.4.1.32473.1.9 --error-report "$be-error-report.der" \
        >/dev/null 2>&1
    # shellcheck disable=SC2086
    "$bin" verify "$pkg" $dev $sign --hw-type "$HW" --receipt "$be-signed-receipt.der" \
        >/dev/null 2>&1
    # shellcheck disable=SC2086
    "$bin" verify "$pkg" $dev $sign --hw-type 1.3.6.1.4.1.32473.1.9 \
        --error-report "$be-signed-error-report.der" >/dev/null 2>&1
    for kind in receipt error-report signed-receipt signed-error-report; do
        if [ -s "$be-$kind.der" ]; then
            printf 'cmsfw-%s\t%s\t%s\n' "$be" "$kind" "$PWD/$be-$kind.der" >>reports.list
        else
            row "cmsfw-$be" - "$kind" pyasn1 fail "cmsfw verify wrote no $kind"
        fi
    done
done
"$PY" "$check" reports reports.list >reports.out 2>&1 ||
    row pyasn1 - - pyasn1 fail "pyasn1_check.py reports: $(tail -n 1 reports.out)"
rows_from pyasn1 reports.out

# 3. a receipt and an error report pyasn1 writes, read by `cmsfw inspect`
"$PY" "$check" make-reports . >make.out 2>&1 ||
    row pyasn1 - - pyasn1 fail "pyasn1_check.py make-reports: $(tail -n 1 make.out)"
for pair in $CMSFW_BUILDS; do
    be=${pair%%=*}
    bin=${pair#*=}
    for kind in receipt error-report; do
        if "$bin" inspect --json "$kind.der" >"$be-$kind.json" 2>"$be-$kind.err"; then
            "$PY" "$check" check-inspect "$kind" "$be-$kind.json" >inspect.out 2>&1
            IFS="$(printf '\t')" read -r o m <inspect.out
            row pyasn1 - "$kind" "cmsfw-$be" "$o" "$m"
        else
            row pyasn1 - "$kind" "cmsfw-$be" fail "cmsfw inspect: $(head -n 1 "$be-$kind.err")"
        fi
    done
done
