# interop/peers/wolfssl.sh: wolfSSL's PKCS#7 API (Debian's libwolfssl)
# reads what cmsfw writes, and cmsfw reads what wolfSSL writes.
# Sourced by interop/run.sh (see interop/lib.sh); the cwd is scratch.
#
# 1. wolfssl_check (interop/peers/wolfssl_check.c): every cmsfw package,
#    one run for the whole list: signature, attributes, layers, image.
# 2. wolfssl_make (interop/peers/wolfssl_make.c) signs the image with the
#    one-shot firmware-package encoders; every cmsfw build verifies it.
# 3. The compressed encoders, when the library has them.
wolf_src=$S/interop/peers

wolf_build() { # NAME: compile interop/peers/NAME.c into ./NAME
    # shellcheck disable=SC2046 # pkg-config prints word lists
    $CC -O2 $(pkg-config --cflags wolfssl zlib) -o "$1" "$wolf_src/$1.c" \
        "$wolf_src/wolfssl_common.c" $(pkg-config --libs wolfssl zlib) >"$1.log" 2>&1
}

if ! pkg-config --exists wolfssl zlib; then
    row wolfssl - - wolfssl na "pkg-config finds no wolfssl or zlib (libwolfssl-dev, zlib1g-dev)"
elif ! wolf_build wolfssl_check || ! wolf_build wolfssl_make; then
    row wolfssl - - wolfssl fail "cannot compile the wolfSSL peer: $(grep -m 1 error wolfssl_*.log)"
else
    row - - - wolfssl info "$(./wolfssl_check --version)"

    # ------------------------------------------------ 1. cmsfw -> wolfSSL
    # The KEK every encrypted cmsfw package names (their device flags).
    kek=$(sed -n '1s/.*--kek \([0-9A-Fa-f]*:[^ ]*\).*/\1/p' "$WORK/packages.tsv")
    cut -f1-5 "$WORK/packages.tsv" >check.list
    if ./wolfssl_check check.list "$WORK/image.bin" "${kek%%:*}" "${kek#*:}" "$PKG_OID:5" \
        "$HW" >check.out 2>check.err; then
        while IFS="$(printf '\t')" read -r p a l o m; do
            row "$p" "$a" "$l" wolfssl "$o" "$m"
        done <check.out
    else
        row wolfssl - - wolfssl fail "wolfssl_check: $(head -n 1 check.err)"
    fi

    # ------------------------------------------------ 2. wolfSSL -> cmsfw
    # What cmsfw must answer, from docs/procedure.md: step 7 (badSignedAttrs)
    # refuses signed attributes that are not DER or whose known values do
    # not decode, and a package without firmware-package-identifier or
    # target-hardware-IDs. wolfSSL 5.5.4's default signing-time is a UTCTime
    # that does not decode (0x00 and the last digit of the year onwards), so
    # every package with wolfSSL's default attributes is badSignedAttrs,
    # with or without the RFC 4108 ones. With the defaults replaced by this
    # program's own content-type and message-digest (--own), the RFC 4108
    # attributes decide: badSignedAttrs without them, accepted with them.
    "$PY" -c 'import os; print(os.urandom(32).hex())' >cek.hex
    cek_id=2122232425262728
    attrs="--attrs $PKG_OID:5 $HW"

    # image_check PRODUCER ALG LAYERS FILE TRUST [FLAGS...]: an accepted
    # package must give back the image.
    image_check() {
        ip=$1 ia=$2 il=$3 ifile=$4 it=$5
        shift 5
        for pair in $CMSFW_BUILDS; do
            rm -f image.out
            if "${pair#*=}" verify "$ifile" --trust "$it" --hw-type "$HW" --out image.out "$@" \
                >/dev/null 2>&1 && cmp -s image.out "$WORK/image.bin"; then
                row "$ip" "$ia" "$il" "cmsfw-${pair%%=*}" pass "image matches"
            else
                row "$ip" "$ia" "$il" "cmsfw-${pair%%=*}" fail "the image cmsfw wrote differs"
            fi
        done
    }

    # wolf_make PRODUCER ALG LAYERS EXPECT KEY [OPTIONS...]
    wolf_make() {
        wp=$1 wa=$2 wl=$3 we=$4 wk=$5
        shift 5
        wf=$PWD/$wp-$wa-$wl.der
        wflags=""
        [ "$wl" = encrypted-fpd ] && wflags="--cek $cek_id:$PWD/cek.hex"
        ./wolfssl_make "$wa" "$WORK/image.bin" "$KEYS/$wk.cert.pem" "$KEYS/$wk.key.pem" "$wf" \
            "$@" >make.out 2>make.err
        rc=$?
        case $rc in
        0) ;;
        3) row "$wp" "$wa" "$wl" wolfssl fail "$(head -n 1 make.err)" ;;
        *)
            row "$wp" "$wa" "$wl" wolfssl fail "$(head -n 1 make.err)"
            return
            ;;
        esac
        # shellcheck disable=SC2086 # wflags is a word list
        cmsfw_expect "$wp" "$wa" "$wl" "$wf" "$we" "$KEYS/$wk.cert.pem" $wflags
        # shellcheck disable=SC2086
        [ "$we" = accepted ] && image_check "$wp" "$wa" "$wl" "$wf" "$KEYS/$wk.cert.pem" $wflags
    }

    for wa in ecdsa-p256 ecdsa-p384 rsa-pkcs1 rsa-pss ed25519; do
        case $wa in
        ecdsa-p256) wk=ec-p256 ;;
        ecdsa-p384) wk=ec-p384 ;;
        rsa-*) wk=rsa-2048 ;;
        ed25519) wk=ed25519 ;;
        esac
        # shellcheck disable=SC2086 # attrs is a word list
        {
            wolf_make wolfssl "$wa" plain badSignedAttrs "$wk"
            wolf_make wolfssl-attrs "$wa" plain badSignedAttrs "$wk" $attrs
            wolf_make wolfssl-own "$wa" plain badSignedAttrs "$wk" --own
            wolf_make wolfssl-own-attrs "$wa" plain accepted "$wk" --own $attrs
            wolf_make wolfssl-attrs "$wa" encrypted-fpd badSignedAttrs "$wk" $attrs \
                --cek "$cek_id" cek.hex
            wolf_make wolfssl-own-attrs "$wa" encrypted-fpd accepted "$wk" --own $attrs \
                --cek "$cek_id" cek.hex
        }
    done

    # ---------------------------------------- 3. the compressed encoders
    # Debian builds wolfSSL without HAVE_LIBZ: no CompressedData at all.
    wolf_lib=$(pkg-config --variable=libdir wolfssl)/libwolfssl.so
    for fn in wc_PKCS7_EncodeSignedCompressedFPD wc_PKCS7_EncodeSignedEncryptedCompressedFPD; do
        case $fn in
        *EncryptedCompressed*) wl=encrypted-compressed ;;
        *) wl=compressed ;;
        esac
        if ! nm -D "$wolf_lib" 2>/dev/null | grep -q " T $fn\$"; then
            row wolfssl - "$wl" wolfssl na "$fn: not in this build of wolfSSL ($wolf_lib exports no such symbol: built without HAVE_LIBZ)"
        else
            row wolfssl - "$wl" wolfssl na "$fn: in this wolfSSL, but wolfssl_make does not call it"
        fi
    done
fi
:
