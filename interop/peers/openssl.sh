# interop/peers/openssl.sh: cmsfw against OpenSSL 3 (the openssl command
# and libcrypto), both ways. Sourced by interop/run.sh (POSIX sh) with
# interop/lib.sh loaded, in the scratch folder $WORK/openssl; see
# interop/peers/openssl.md for what is checked and why.
#
# 1. cmsfw -> OpenSSL: `openssl cms -verify` of every cmsfw package, then
#    the layers as far as OpenSSL can take them (cms -decrypt of the
#    EnvelopedData / AuthEnvelopedData, cms -uncompress) and the image
#    compared.
# 2. OpenSSL -> cmsfw: `openssl cms -sign` packages (no RFC 4108
#    attributes: rejected, at the step docs/procedure.md names), and
#    packages of interop/peers/openssl_fw.c (libcrypto's CMS API with the
#    RFC 4108 attributes, DER and streamed BER, plain and encrypted by
#    OpenSSL): accepted, the image coming out equal.
#
# Every failing command becomes a row with OpenSSL's own message; nothing
# here stops the run. Variables and functions are prefixed os_: lib.sh's
# functions use short global names.

OS_OPENSSL=${OPENSSL:-openssl}
OS_KEK_ID=1112131415161718
OS_KEK=$KEYS/kek256.hex
OS_CEK_ID=2122232425262728
OS_CT_FW=1.2.840.113549.1.9.16.1.16
OS_CT_ED=1.2.840.113549.1.7.6
OS_CT_AED=1.2.840.113549.1.9.16.1.23
OS_IMAGE=$WORK/image.bin

# ------------------------------------------------------------ helpers

# The ASN.1 plumbing OpenSSL's command line lacks: a bare eContent as a
# ContentInfo (what `openssl cms` reads), the wrapped-firmware-key
# EnvelopedData completed with the EncryptedData's ciphertext, and zlib
# inflation of a CompressedData (Debian's OpenSSL has no zlib).
cat >os_cms.py <<'EOF'
import sys
import zlib

OIDS = {"ed": "1.2.840.113549.1.7.6", "aed": "1.2.840.113549.1.9.16.1.23",
        "cd": "1.2.840.113549.1.9.16.1.9"}


def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def oid_der(dotted):
    arcs = [int(x) for x in dotted.split(".")]
    body = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(reversed(chunk))
    return b"\x06" + der_len(len(body)) + body


def wrap(kind, src, dst):
    """ContentInfo { contentType, [0] EXPLICIT content }"""
    data = open(src, "rb").read()
    body = oid_der(OIDS[kind]) + b"\xa0" + der_len(len(data)) + data
    open(dst, "wb").write(b"\x30" + der_len(len(body)) + body)


def envelope(pkg, encrypted, dst):
    """RFC 4108 2.3.1: the wrapped-firmware-key EnvelopedData is detached;
    its content is the EncryptedData's encryptedContent."""
    from pyasn1.codec.ber import decoder
    from pyasn1.codec.der import encoder
    from pyasn1_modules import rfc4108, rfc5652
    ci, _ = decoder.decode(open(pkg, "rb").read(), asn1Spec=rfc5652.ContentInfo())
    sd, _ = decoder.decode(ci["content"], asn1Spec=rfc5652.SignedData())
    env = None
    si = sd["signerInfos"][0]
    if si["unsignedAttrs"].isValue:
        for attr in si["unsignedAttrs"]:
            if attr["attrType"] == rfc4108.id_aa_wrappedFirmwareKey:
                env, _ = decoder.decode(attr["attrValues"][0],
                                        asn1Spec=rfc5652.EnvelopedData())
    if env is None:
        sys.exit("no wrapped-firmware-key attribute")
    ed, _ = decoder.decode(open(encrypted, "rb").read(), asn1Spec=rfc5652.EncryptedData())
    env["encryptedContentInfo"]["encryptedContent"] = \
        ed["encryptedContentInfo"]["encryptedContent"]
    out = rfc5652.ContentInfo()
    out["contentType"] = rfc5652.id_envelopedData
    out["content"] = encoder.encode(env)
    open(dst, "wb").write(encoder.encode(out))


def inflate(src, dst):
    """CompressedData (RFC 3274) with id-alg-zlibCompress: the image."""
    from pyasn1.codec.ber import decoder
    from pyasn1_modules import rfc3274
    cd, rest = decoder.decode(open(src, "rb").read(), asn1Spec=rfc3274.CompressedData())
    if rest:
        sys.exit("octets after the CompressedData")
    if cd["compressionAlgorithm"]["algorithm"] != rfc3274.id_alg_zlibCompress:
        sys.exit("not id-alg-zlibCompress")
    z = zlib.decompressobj()
    image = z.decompress(bytes(cd["encapContentInfo"]["eContent"])) + z.flush()
    if not z.eof or z.unused_data:
        sys.exit("zlib stream truncated or followed by other octets")
    open(dst, "wb").write(image)


def content_type(src):
    """encryptedContentInfo.contentType of a ContentInfo holding an
    EncryptedData or AuthEnvelopedData."""
    from pyasn1.codec.ber import decoder
    from pyasn1_modules import rfc5083, rfc5652
    ci, _ = decoder.decode(open(src, "rb").read(), asn1Spec=rfc5652.ContentInfo())
    if ci["contentType"] == rfc5652.id_encryptedData:
        ed, _ = decoder.decode(ci["content"], asn1Spec=rfc5652.EncryptedData())
        ctype = ed["encryptedContentInfo"]["contentType"]
    else:
        aed, _ = decoder.decode(ci["content"], asn1Spec=rfc5083.AuthEnvelopedData())
        ctype = aed["authEncryptedContentInfo"]["contentType"]
    print("%s (id-data)" % ctype if ctype == rfc5652.id_data else ctype)


try:
    {"wrap": wrap, "envelope": envelope, "inflate": inflate,
     "ctype": content_type}[sys.argv[1]](*sys.argv[2:])
except SystemExit:
    raise
except Exception as e:  # one line for the result row
    sys.exit("%s: %s" % (type(e).__name__, e))
EOF

# os_err FILE: os_msg = the first line of an error output, followed by
# OpenSSL's first error-queue entry when the first line is not one (without
# the thread id that starts each entry and the source file:line, which
# differ between builds).
OS_ERR_SED='s/^[0-9A-F]*:error:/error:/; s/:[^:]*\.c:[0-9]*:/: /; s/: $//'
os_err() {
    os_msg=$(grep -m 1 -v '^[[:space:]]*$' "$1" 2>/dev/null | sed "$OS_ERR_SED")
    case $os_msg in
    *error:*) ;;
    *)
        os_e=$(grep -m 1 ':error:' "$1" 2>/dev/null | sed "$OS_ERR_SED")
        [ -n "$os_e" ] && os_msg="$os_msg / $os_e"
        ;;
    esac
    [ -n "$os_msg" ] || os_msg="no message (exit status only)"
}

# os_alg ALG: the key and the signing options of one algorithm:
# os_key, os_cli (openssl cms -sign), os_fw (openssl_fw sign).
os_alg() {
    case $1 in
    ecdsa-p256) os_key=ec-p256 os_cli="" os_fw="" ;;
    ecdsa-p384) os_key=ec-p384 os_cli="-md sha384" os_fw="--md sha384" ;;
    rsa-pss)
        os_key=rsa-2048
        os_cli="-keyopt rsa_padding_mode:pss -keyopt rsa_pss_saltlen:digest"
        os_fw="--pss"
        ;;
    rsa-pkcs1) os_key=rsa-2048 os_cli="" os_fw="" ;;
    # RFC 8419: SHA-512 with Ed25519 when there are signed attributes
    ed25519) os_key=ed25519 os_cli="" os_fw="--md sha512" ;;
    esac
}

# os_same FILE: is FILE the image?
os_same() {
    [ -f "$1" ] && cmp -s "$1" "$OS_IMAGE"
}

# ------------------------------------------------ 1. cmsfw -> OpenSSL

# os_unwrap PRODUCER ALG LAYERS PKG CONTENT KEYMODE: from the verified
# eContent to the image, through whatever layers LAYERS names; one row.
# KEYMODE: wrapped (an EncryptedData's CEK is in the wrapped-firmware-key
# attribute) or cek (the pre-shared CEK of cek.hex).
os_unwrap() {
    os_p=$1 os_a=$2 os_l=$3 os_f=$4 os_c=$5 os_km=$6
    os_what="signature verified (cms -verify)"
    os_cd=""
    case $os_l in
    plain)
        if os_same "$os_c"; then
            row "$os_p" "$os_a" "$os_l" openssl pass "$os_what; content = image"
        else
            row "$os_p" "$os_a" "$os_l" openssl fail "$os_what, but its content differs from the image"
        fi
        return
        ;;
    zlib) os_cd=$os_c ;;
    aes256-cbc*)
        if [ "$os_km" = cek ]; then
            os_how="cms -EncryptedData_decrypt with the pre-shared CEK"
            "$PY" os_cms.py wrap ed "$os_c" v-ci.der 2>v.err &&
                "$OS_CMD" cms -EncryptedData_decrypt -inform DER -in v-ci.der \
                    -secretkey "$(cat cek.hex)" -out v-plain.bin 2>>v.err >/dev/null
        else
            os_how="cms -decrypt of the wrapped-firmware-key EnvelopedData (KEKRecipientInfo)"
            "$PY" os_cms.py envelope "$os_f" "$os_c" v-ci.der 2>v.err &&
                "$OS_CMD" cms -decrypt -inform DER -in v-ci.der \
                    -secretkey "$(cat "$OS_KEK")" -secretkeyid "$OS_KEK_ID" \
                    -out v-plain.bin 2>>v.err >/dev/null
        fi
        ;;
    aes256-gcm* | zlib+aes256-gcm)
        os_how="cms -decrypt of the AuthEnvelopedData (KEKRecipientInfo)"
        "$PY" os_cms.py wrap aed "$os_c" v-ci.der 2>v.err &&
            "$OS_CMD" cms -decrypt -inform DER -in v-ci.der \
                -secretkey "$(cat "$OS_KEK")" -secretkeyid "$OS_KEK_ID" \
                -out v-plain.bin 2>>v.err >/dev/null
        ;;
    *)
        row "$os_p" "$os_a" "$os_l" openssl na "no OpenSSL check for layers $os_l"
        return
        ;;
    esac
    os_rc=$?
    if [ "$os_cd" = "" ]; then
        if [ "$os_rc" -ne 0 ] || [ ! -f v-plain.bin ]; then
            os_err v.err
            row "$os_p" "$os_a" "$os_l" openssl fail "$os_what; $os_how failed: $os_msg"
            return
        fi
        os_what="$os_what; decrypted by $os_how"
        case $os_l in
        zlib+*) os_cd=v-plain.bin ;;
        *)
            if os_same v-plain.bin; then
                row "$os_p" "$os_a" "$os_l" openssl pass "$os_what; plaintext = image"
            else
                row "$os_p" "$os_a" "$os_l" openssl fail "$os_what, but the plaintext differs from the image"
            fi
            return
            ;;
        esac
    fi
    # A CompressedData: OpenSSL's own -uncompress first, then python's zlib
    # so that the image is still compared when OpenSSL has no zlib.
    if "$PY" os_cms.py wrap cd "$os_cd" v-cd.der 2>v.err &&
        "$OS_CMD" cms -uncompress -inform DER -in v-cd.der -out v-image.bin \
            2>>v.err >/dev/null; then
        if os_same v-image.bin; then
            row "$os_p" "$os_a" "$os_l" openssl pass "$os_what; decompressed by cms -uncompress = image"
        else
            row "$os_p" "$os_a" "$os_l" openssl fail "$os_what; cms -uncompress output differs from the image"
        fi
        return
    fi
    os_err v.err
    os_unc=$os_msg
    if ! "$PY" os_cms.py inflate "$os_cd" v-image.bin 2>v.err; then
        os_err v.err
        row "$os_p" "$os_a" "$os_l" openssl fail "$os_what; the CompressedData does not inflate (python zlib): $os_msg"
    elif ! os_same v-image.bin; then
        row "$os_p" "$os_a" "$os_l" openssl fail "$os_what; the inflated CompressedData differs from the image"
    else
        row "$os_p" "$os_a" "$os_l" openssl fail \
            "$os_what; image equal after python zlib; cms -uncompress: $os_unc"
    fi
}

# os_verify PRODUCER ALG LAYERS PKG CERT KEYMODE: `openssl cms -verify`,
# then os_unwrap.
os_verify() {
    rm -f v-content.bin v-plain.bin v-image.bin v-ci.der v-cd.der
    if "$OS_CMD" cms -verify -inform DER -binary -in "$4" -CAfile "$5" \
        -out v-content.bin >/dev/null 2>v.err; then
        os_unwrap "$1" "$2" "$3" "$4" v-content.bin "$6"
    else
        os_err v.err
        row "$1" "$2" "$3" openssl fail "cms -verify: $os_msg"
    fi
}

os_check_cmsfw() {
    os_verify "$1" "$2" "$3" "$4" "$5" wrapped
}

# ------------------------------------------------ 2. OpenSSL -> cmsfw

# os_expect_out PRODUCER ALG LAYERS FILE TRUST [FLAGS...]: cmsfw_expect
# "accepted" per backend, each writing --out, and the image compared.
os_expect_out() {
    os_p=$1 os_a=$2 os_l=$3 os_f=$4 os_t=$5
    shift 5
    os_all=$CMSFW_BUILDS
    for os_pair in $os_all; do
        os_be=${os_pair%%=*}
        rm -f "out-$os_be.bin"
        CMSFW_BUILDS=$os_pair
        cmsfw_expect "$os_p" "$os_a" "$os_l" "$os_f" accepted "$os_t" "$@" \
            --out "$PWD/out-$os_be.bin"
        if [ -f "out-$os_be.bin" ] && ! os_same "out-$os_be.bin"; then
            row "$os_p" "$os_a" "$os_l" "cmsfw-$os_be" fail "accepted, but --out differs from the image"
        fi
    done
    CMSFW_BUILDS=$os_all
}

# os_cli_sign ALG: `openssl cms -sign` packages, DER and -stream, with the
# issuerAndSerialNumber sid OpenSSL writes by default (SignerInfo version
# 1: step 6, badSignerInfo) and with -keyid (version 3: steps 1-6 pass,
# step 7 finds no firmware-package-identifier: badSignedAttrs).
os_cli_sign() {
    os_alg "$1"
    for os_sid in "" -keyid; do
        for os_stream in "" -stream; do
            os_prod=openssl${os_sid}${os_stream}
            os_out=$os_prod-$1.der
            # shellcheck disable=SC2086 # option lists
            if "$OS_CMD" cms -sign -binary -nodetach -outform DER \
                -econtent_type "$OS_CT_FW" -in "$OS_IMAGE" -signer "$KEYS/$os_key.cert.pem" \
                -inkey "$KEYS/$os_key.key.pem" $os_cli $os_sid $os_stream \
                -out "$os_out" >/dev/null 2>s.err && [ -s "$os_out" ]; then
                if [ -n "$os_sid" ]; then
                    os_want=badSignedAttrs
                else
                    os_want=badSignerInfo
                fi
                cmsfw_expect "$os_prod" "$1" plain "$PWD/$os_out" "$os_want" \
                    "$KEYS/$os_key.cert.pem"
                [ -n "$os_stream" ] && os_ber "$os_prod" "$1" plain "$os_out"
            else
                os_err s.err
                # shellcheck disable=SC2086,SC2116 # echo squeezes the empty options
                row "$os_prod" "$1" plain openssl fail "$(echo cms -sign $os_cli $os_sid $os_stream): $os_msg"
            fi
        done
    done
}

# os_ber PRODUCER ALG LAYERS FILE: a streamed package must start with an
# indefinite length (30 80), or the BER forms were not checked.
os_ber() {
    case $(od -An -tx1 -N2 "$4" | tr -d ' \n') in
    3080) ;;
    *) row "$1" "$2" "$3" openssl fail "streamed output is not BER with indefinite lengths: $(od -An -tx1 -N4 "$4")" ;;
    esac
}

# os_fw_sign PRODUCER ALG LAYERS OUT IN [OPTIONS...]: openssl_fw sign with
# the RFC 4108 attributes; on failure a row (verifier openssl) and status 1.
os_fw_sign() {
    os_p=$1 os_a=$2 os_l=$3 os_o=$4 os_i=$5
    shift 5
    os_alg "$os_a"
    rm -f "$os_o"
    # shellcheck disable=SC2086 # os_fw is an option list
    if "$OS_FW" sign --in "$os_i" --out "$os_o" --cert "$KEYS/$os_key.cert.pem" \
        --key "$KEYS/$os_key.key.pem" $os_fw --pkg-id "$PKG_OID:5" --target "$HW" \
        --fw-digest "$OS_IMAGE" "$@" 2>s.err && [ -s "$os_o" ]; then
        return 0
    fi
    os_err s.err
    row "$os_p" "$os_a" "$os_l" openssl fail "$os_msg"
    return 1
}

# os_encrypted ALG: the EncryptedData and AuthEnvelopedData layers OpenSSL
# made (os_make_layers), signed by openssl_fw with decrypt-key-identifier.
# The `openssl cms` forms carry id-data as their encryptedContentInfo
# contentType, which RFC 4108 does not allow: badEncryptContent; openssl_fw
# sets id-ct-firmwarePackage: accepted, and the image must come out.
os_encrypted() {
    os_a=$1
    os_alg "$os_a"
    for os_layer in aes256-cbc aes256-cbc-id-data aes256-gcm aes256-gcm-id-data; do
        case $os_layer in
        aes256-cbc*) os_ct=$OS_CT_ED os_id=$OS_CEK_ID os_dev="--cek $OS_CEK_ID:$PWD/cek.hex" ;;
        *) os_ct=$OS_CT_AED os_id=$OS_KEK_ID os_dev="--kek $OS_KEK_ID:$OS_KEK" ;;
        esac
        os_in=layer-$os_layer.der
        if [ ! -s "$os_in" ]; then
            row openssl-attrs "$os_a" "$os_layer" openssl fail "$(cat "layer-$os_layer.err")"
            continue
        fi
        os_pkg=openssl-attrs-$os_a-$os_layer.der
        os_fw_sign openssl-attrs "$os_a" "$os_layer" "$os_pkg" "$os_in" --content-info \
            --econtent-type "$os_ct" --dkid "$os_id" || continue
        os_ctype=$("$PY" os_cms.py ctype "$os_in" 2>&1)
        if [ "$os_ctype" = "$OS_CT_FW" ]; then
            # shellcheck disable=SC2086 # os_dev is a flag list
            os_expect_out openssl-attrs "$os_a" "$os_layer" "$PWD/$os_pkg" \
                "$KEYS/$os_key.cert.pem" $os_dev
            os_verify openssl-attrs "$os_a" "$os_layer" "$os_pkg" "$KEYS/$os_key.cert.pem" cek
        else
            # shellcheck disable=SC2086
            cmsfw_expect openssl-attrs "$os_a" "$os_layer" "$PWD/$os_pkg" badEncryptContent \
                "$KEYS/$os_key.cert.pem" $os_dev
            if [ -f "layer-$os_layer.cmd" ]; then
                os_how="openssl cms $(cat "layer-$os_layer.cmd") -econtent_type $OS_CT_FW"
            else
                os_how="openssl_fw encrypt --econtent-type $OS_CT_FW"
            fi
            row openssl-attrs "$os_a" "$os_layer" openssl fail \
                "$os_how wrote encryptedContentInfo.contentType $os_ctype"
        fi
    done
}

# os_make_layers: the encryption layers, made once. With openssl cms
# (-EncryptedData_encrypt under a fresh pre-shared CEK; -encrypt with
# AES-256-GCM to the KEK: an AuthEnvelopedData with a KEKRecipientInfo),
# and the same through openssl_fw with the content type RFC 4108 asks for.
os_make_layers() {
    os_cek=$(cat cek.hex)
    os_kek=$(cat "$OS_KEK")
    printf '%s' "-EncryptedData_encrypt -aes-256-cbc" >layer-aes256-cbc-id-data.cmd
    "$OS_CMD" cms -EncryptedData_encrypt -aes-256-cbc -secretkey "$os_cek" \
        -econtent_type "$OS_CT_FW" -in "$OS_IMAGE" -outform DER \
        -out layer-aes256-cbc-id-data.der >/dev/null 2>s.err
    os_err s.err
    printf 'cms -EncryptedData_encrypt: %s' "$os_msg" >layer-aes256-cbc-id-data.err
    printf '%s' "-encrypt -aes-256-gcm -secretkey KEK -secretkeyid $OS_KEK_ID" \
        >layer-aes256-gcm-id-data.cmd
    "$OS_CMD" cms -encrypt -aes-256-gcm -secretkey "$os_kek" -secretkeyid "$OS_KEK_ID" \
        -econtent_type "$OS_CT_FW" -in "$OS_IMAGE" -outform DER \
        -out layer-aes256-gcm-id-data.der >/dev/null 2>s.err
    os_err s.err
    printf 'cms -encrypt: %s' "$os_msg" >layer-aes256-gcm-id-data.err
    if [ -n "$OS_FW" ]; then
        "$OS_FW" encrypt --in "$OS_IMAGE" --out layer-aes256-cbc.der --cipher aes-256-cbc \
            --cek "$os_cek" --econtent-type "$OS_CT_FW" 2>s.err
        os_err s.err
        printf '%s' "$os_msg" >layer-aes256-cbc.err
        "$OS_FW" encrypt --in "$OS_IMAGE" --out layer-aes256-gcm.der --cipher aes-256-gcm \
            --kek "$os_kek" --kek-id "$OS_KEK_ID" --econtent-type "$OS_CT_FW" 2>s.err
        os_err s.err
        printf '%s' "$os_msg" >layer-aes256-gcm.err
    fi
}

# os_attrs ALG: openssl_fw packages: plain in DER and in streamed BER,
# then the encrypted layers.
os_attrs() {
    os_alg "$1"
    for os_prod in openssl-attrs openssl-attrs-stream; do
        os_pkg=$os_prod-$1-plain.der
        if [ "$os_prod" = openssl-attrs ]; then
            # the encrypted layers are signed only when this signer works
            os_signs=no
            os_fw_sign "$os_prod" "$1" plain "$os_pkg" "$OS_IMAGE" || continue
            os_signs=yes
        else
            os_fw_sign "$os_prod" "$1" plain "$os_pkg" "$OS_IMAGE" --stream || continue
            os_ber "$os_prod" "$1" plain "$os_pkg"
        fi
        os_expect_out "$os_prod" "$1" plain "$PWD/$os_pkg" "$KEYS/$os_key.cert.pem"
        os_verify "$os_prod" "$1" plain "$os_pkg" "$KEYS/$os_key.cert.pem" cek
    done
    [ "$os_signs" = yes ] && os_encrypted "$1"
}

# ---------------------------------------------------------------- run

if OS_CMD=$(command -v "$OS_OPENSSL") && os_version=$("$OS_CMD" version 2>&1); then
    row openssl - - openssl info "$os_version"

    each_package os_check_cmsfw

    "$OS_CMD" rand -hex 32 >cek.hex 2>s.err || "$PY" -c 'import os; print(os.urandom(32).hex())' >cek.hex
    # shellcheck disable=SC2046 # pkg-config prints a flag list
    if "$CC" -std=c99 -O2 -Wall -o openssl_fw "$S/interop/peers/openssl_fw.c" \
        $(pkg-config --cflags --libs libcrypto 2>/dev/null || echo -lcrypto) >cc.log 2>&1; then
        OS_FW=$PWD/openssl_fw
    else
        OS_FW=""
        os_msg=$(grep -m 1 -i 'error' cc.log || head -n 1 cc.log)
        row openssl-attrs - - openssl fail "interop/peers/openssl_fw.c does not build: $os_msg"
    fi
    os_make_layers

    for os_alg_name in ecdsa-p256 ecdsa-p384 rsa-pss rsa-pkcs1 ed25519; do
        os_cli_sign "$os_alg_name"
        [ -n "$OS_FW" ] && os_attrs "$os_alg_name"
    done

    # CompressedData: what -compress says with Debian's build
    if "$OS_CMD" cms -compress -in "$OS_IMAGE" -outform DER -out compressed.der \
        >/dev/null 2>s.err && [ -s compressed.der ]; then
        row openssl-attrs - zlib openssl na "cms -compress works here; interop/peers/openssl.sh does not sign its output yet"
    else
        os_err s.err
        row openssl-attrs - zlib openssl fail "cms -compress: $os_msg"
    fi
else
    row openssl - - openssl na "no openssl command ($OS_OPENSSL)"
fi

# every failure above is a row: the script itself succeeds
:
