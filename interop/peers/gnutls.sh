# interop/peers/gnutls.sh: GnuTLS (Debian's libgnutls30 and certtool)
# reads what cmsfw writes, and cmsfw reads what GnuTLS writes.
# Sourced by interop/run.sh (see interop/lib.sh); the cwd is scratch.
#
# 1. gnutls_check (interop/peers/gnutls_check.c): every cmsfw package, one
#    run for the whole list: gnutls_pkcs7_verify against the signer's
#    certificate as the only anchor, the signed attributes GnuTLS lists,
#    and the embedded image of plain packages.
# 2. certtool --p7-sign, and gnutls_make (interop/peers/gnutls_make.c) for
#    what certtool cannot add (RFC 4108 attributes, a key-identifier sid);
#    every cmsfw build verifies the result.
gnu_src=$S/interop/peers

gnu_build() { # NAME: compile interop/peers/NAME.c into ./NAME
    # shellcheck disable=SC2046 # pkg-config prints word lists
    $CC -O2 $(pkg-config --cflags gnutls) -o "$1" "$gnu_src/$1.c" \
        $(pkg-config --libs gnutls) >"$1.log" 2>&1
}

if ! pkg-config --exists gnutls || ! command -v certtool >/dev/null 2>&1; then
    row gnutls - - gnutls na "pkg-config finds no gnutls, or no certtool (libgnutls28-dev, gnutls-bin)"
elif ! gnu_build gnutls_check || ! gnu_build gnutls_make; then
    row gnutls - - gnutls fail "cannot compile the GnuTLS peer: $(grep -m 1 error gnutls_*.log)"
else
    row - - - gnutls info "$(certtool --version | head -n 1)"

    # ------------------------------------------------- 1. cmsfw -> GnuTLS
    # the DER of the two attribute values cmsfw was asked to write
    ./gnutls_make --encode "$PKG_OID:5" "$HW" >attrs.hex
    cut -f1-5 "$WORK/packages.tsv" >check.list
    if ./gnutls_check check.list "$WORK/image.bin" "$(sed -n 1p attrs.hex)" \
        "$(sed -n 2p attrs.hex)" >check.out 2>check.err; then
        while IFS="$(printf '\t')" read -r p a l o m; do
            row "$p" "$a" "$l" gnutls "$o" "$m"
        done <check.out
    else
        row gnutls - - gnutls fail "gnutls_check: $(head -n 1 check.err)"
    fi

    # ------------------------------------------------- 2. GnuTLS -> cmsfw
    # What cmsfw must answer, from docs/procedure.md: step 3 wants
    # SignedData version 3 (badSignedData). gnutls_pkcs7_sign always
    # writes version 1, which RFC 5652 gives a SignedData of id-data with
    # an issuerAndSerialNumber signer, and always eContentType id-data,
    # which step 5 would refuse (badEncapContent) were step 3 passed.
    # Step 3 comes first, whatever the signed attributes: badSignedData.
    # gnutls-attrs-v3 is gnutls-attrs with that (unsigned) version octet
    # set to 3 after signing: step 5 is reached, and eContentType id-data
    # must give badEncapContent.

    # gnu_signed PRODUCER ALG KEY FILE: the package GnuTLS wrote is checked
    gnu_signed() {
        case $1 in
        *-v3) gnu_expect=badEncapContent ;;
        *) gnu_expect=badSignedData ;;
        esac
        cmsfw_expect "$1" "$2" plain "$4" "$gnu_expect" "$KEYS/$3.cert.pem"
    }

    for ga in ecdsa-p256 ecdsa-p384 rsa-pkcs1 rsa-pss ed25519; do
        case $ga in
        ecdsa-p256) gk=ec-p256 gopt="--hash SHA256" ;;
        ecdsa-p384) gk=ec-p384 gopt="--hash SHA384" ;;
        rsa-pkcs1) gk=rsa-2048 gopt="--hash SHA256" ;;
        rsa-pss) gk=rsa-2048 gopt="--hash SHA256 --sign-params RSA-PSS" ;;
        ed25519) gk=ed25519 gopt="--hash SHA512" ;;
        esac

        # certtool, as a user would run it
        gf=$PWD/gnutls-$ga.der
        # shellcheck disable=SC2086 # gopt is a word list
        if certtool --p7-sign --load-privkey "$KEYS/$gk.key.pem" \
            --load-certificate "$KEYS/$gk.cert.pem" --infile "$WORK/image.bin" \
            --outder --outfile "$gf" $gopt >sign.out 2>sign.err; then
            if [ "$ga" = rsa-pss ]; then
                galg=$(certtool --p7-info --inder --infile "$gf" 2>&1 |
                    sed -n 's/^[[:space:]]*Signature Algorithm: //p' | head -n 1)
                case $galg in
                RSA-PSS*) ;;
                *) row gnutls "$ga" plain gnutls fail \
                    "certtool --p7-sign --sign-params RSA-PSS wrote Signature Algorithm: $galg" ;;
                esac
            fi
            gnu_signed gnutls "$ga" "$gk" "$gf"
        else
            row gnutls "$ga" plain gnutls fail "certtool --p7-sign: $(head -n 1 sign.err)"
        fi

        # gnutls_pkcs7_sign with the RFC 4108 attributes; the same with
        # SignedData version 3; with a subjectKeyIdentifier sid
        for gp in gnutls-attrs gnutls-attrs-v3 gnutls-spki-attrs; do
            gf=$PWD/$gp-$ga.der
            case $gp in
            *-v3) gextra=--version3 ;;
            *-spki-*) gextra=--spki ;;
            *) gextra="" ;;
            esac
            # shellcheck disable=SC2086 # gextra is one option or none
            ./gnutls_make "$ga" "$WORK/image.bin" "$KEYS/$gk.cert.pem" "$KEYS/$gk.key.pem" "$gf" \
                --attrs "$PKG_OID:5" "$HW" $gextra >make.out 2>make.err
            case $? in
            0) gnu_signed "$gp" "$ga" "$gk" "$gf" ;;
            3)
                row "$gp" "$ga" plain gnutls fail "$(head -n 1 make.err)"
                gnu_signed "$gp" "$ga" "$gk" "$gf"
                ;;
            *) row "$gp" "$ga" plain gnutls fail "$(head -n 1 make.err)" ;;
            esac
        done
    done
fi
:
