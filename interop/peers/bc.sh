# interop/peers/bc.sh: Bouncy Castle (Debian's bcprov, bcpkix, bcutil on
# OpenJDK) against cmsfw, both ways; interop/peers/bc.md says what is
# checked. Sourced by interop/run.sh in $WORK/bc, with lib.sh in scope.
# The Java programs of interop/peers/bc/ are compiled here; one JVM checks
# everything cmsfw made (BcVerify), one makes everything cmsfw checks (BcMake).
# Variables are prefixed bc_: lib.sh's functions use the short names.

bc_jars=/usr/share/java/bcprov.jar:/usr/share/java/bcpkix.jar:/usr/share/java/bcutil.jar
bc_kek_id=1112131415161718
bc_kek=$KEYS/kek256.hex
bc_image=$WORK/image.bin
bc_serial=0102a0b0
bc_other_hw=1.3.6.1.4.1.32473.1.2
bc_tab=$(printf '\t')

# bc_ready: compiles the programs; on failure prints why
bc_ready() {
    for bc_j in bcprov bcpkix bcutil; do
        if [ ! -r "/usr/share/java/$bc_j.jar" ]; then
            echo "no /usr/share/java/$bc_j.jar (Debian packages libbcprov-java, libbcpkix-java, libbcutil-java)"
            return 1
        fi
    done
    if ! command -v javac >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
        echo "no javac or java (Debian package default-jdk-headless)"
        return 1
    fi
    if ! javac -nowarn -encoding UTF-8 -d . -cp "$bc_jars" "$S"/interop/peers/bc/*.java >javac.log 2>&1; then
        echo "javac failed: $(grep -m 1 'error' javac.log)"
        return 1
    fi
}

# bc_rows FILE: result rows printed by a Java program, into $RESULTS
bc_rows() {
    while IFS="$bc_tab" read -r bc_p bc_a bc_l bc_v bc_o bc_m <&3; do
        row "$bc_p" "$bc_a" "$bc_l" "$bc_v" "$bc_o" "$bc_m"
    done 3<"$1"
}

# bc_cmsfw_report BACKEND BIN LAYERS PACKAGE SIGNER HWTYPE DECRYPTKEYID ERRORCODE [FLAGS...]:
# `cmsfw verify` writes a receipt (ERRORCODE -) or an error report, signed
# by vectors/keys/SIGNER unless SIGNER is -; listed in reports.tsv for BcVerify
# with the values it must hold.
bc_cmsfw_report() {
    bc_be=$1 bc_bin=$2 bc_l=$3 bc_pkg=$4 bc_signer=$5 bc_hw=$6 bc_dk=$7 bc_code=$8
    shift 8
    bc_file=$PWD/cmsfw-$bc_be-$bc_l.der
    bc_trust=$KEYS/ec-p256.cert.pem
    bc_what=--receipt
    [ "$bc_code" = - ] || bc_what=--error-report
    bc_signcert=-
    set -- "$@" --hw-serial "$bc_serial" "$bc_what" "$bc_file"
    if [ "$bc_signer" != - ]; then
        bc_signcert=$KEYS/$bc_signer.cert.pem
        set -- "$@" --sign-key "$KEYS/$bc_signer.key.pem" --sign-cert "$bc_signcert"
    fi
    rm -f "$bc_file"
    "$bc_bin" verify "$bc_pkg" --trust "$bc_trust" --hw-type "$bc_hw" "$@" >report.log 2>&1 </dev/null
    if [ ! -s "$bc_file" ]; then
        row "cmsfw-$bc_be" - "$bc_l" bc fail "cmsfw verify $* wrote nothing: $(tail -n 1 report.log)"
        return
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "cmsfw-$bc_be" "$bc_l" "$bc_file" "$bc_trust" \
        "$bc_signcert" "$bc_hw" "$bc_serial" "$bc_dk" "$bc_code" >>reports.tsv
}

# bc_cmsfw_reports: two receipts and two error reports from each cmsfw build
bc_cmsfw_reports() {
    : >reports.tsv
    for bc_pair in $CMSFW_BUILDS; do
        bc_be=${bc_pair%%=*}
        bc_bin=${bc_pair#*=}
        bc_plain=$(awk -F '\t' -v p="cmsfw-$bc_be" \
            '$1 == p && $2 == "ecdsa-p256" && $3 == "plain" { print $4; exit }' "$WORK/packages.tsv")
        bc_cbc=$(awk -F '\t' -v p="cmsfw-$bc_be" \
            '$1 == p && $2 == "ecdsa-p256" && $3 == "aes256-cbc" { print $4; exit }' "$WORK/packages.tsv")
        if [ -z "$bc_plain" ] || [ -z "$bc_cbc" ]; then
            row "cmsfw-$bc_be" - receipt bc na "cmsfw-$bc_be made no ecdsa-p256 plain and aes256-cbc packages"
            continue
        fi
        bc_cmsfw_report "$bc_be" "$bc_bin" receipt "$bc_plain" - "$HW" - -
        bc_cmsfw_report "$bc_be" "$bc_bin" signed-receipt "$bc_cbc" ec-p384 "$HW" "$bc_kek_id" - \
            --kek "$bc_kek_id:$bc_kek"
        # wrongHardware (27): the device is of another type
        bc_cmsfw_report "$bc_be" "$bc_bin" error-report "$bc_cbc" - "$bc_other_hw" - 27 \
            --kek "$bc_kek_id:$bc_kek"
        # stalePackage (28): version 6 is installed, the package is version 5
        bc_cmsfw_report "$bc_be" "$bc_bin" signed-error-report "$bc_plain" ec-p384 "$HW" - 28 \
            --installed "$PKG_OID:6"
    done
}

# bc_hss_packages: every cmsfw build generates two HSS/LMS keys (H5 trees
# only, so that making them stays cheap) and signs the image with them, plain
# and compressed then encrypted; listed in hss.tsv as packages.tsv lists
# cmsfw's other packages, the trust field SPKI:KEYID (cmsfw signs without a
# certificate, the sid the key identifier `cmsfw keyinfo` prints). Every
# cmsfw build verifies every one of them.
bc_hss_packages() {
    : >hss.tsv
    for bc_pair in $CMSFW_BUILDS; do
        bc_be=${bc_pair%%=*}
        bc_bin=${bc_pair#*=}
        for bc_a in hss-l1-h5-w8 hss-l2-h5-w4; do
            case $bc_a in
            hss-l1-h5-w8) bc_kflags="--levels 1 --lms-type H5 --ots-type W8" ;;
            hss-l2-h5-w4) bc_kflags="--levels 2 --lms-type H5 --ots-type W4" ;;
            esac
            bc_key=$PWD/cmsfw-$bc_be-$bc_a.key
            bc_pub=$PWD/cmsfw-$bc_be-$bc_a.spki.pem
            rm -f "$bc_key" "$bc_pub"
            # shellcheck disable=SC2086 # bc_kflags is a word list
            if ! "$bc_bin" keygen --alg hss-lms $bc_kflags --out "$bc_key" --pub "$bc_pub" \
                >keygen.log 2>&1 </dev/null; then
                row "cmsfw-$bc_be" "$bc_a" - "cmsfw-$bc_be" fail "cmsfw keygen failed: $(tail -n 1 keygen.log)"
                continue
            fi
            bc_kid=$("$bc_bin" keyinfo "$bc_key" --json 2>keygen.log </dev/null | "$PY" -c '
import json, sys
print(json.load(sys.stdin)["key_id"])' 2>>keygen.log)
            if [ -z "$bc_kid" ]; then
                row "cmsfw-$bc_be" "$bc_a" - "cmsfw-$bc_be" fail "cmsfw keyinfo: $(tail -n 1 keygen.log)"
                continue
            fi
            for bc_l in plain zlib+aes256-gcm; do
                case $bc_l in
                plain) bc_lflags="" ;;
                zlib+aes256-gcm) bc_lflags="--compress zlib --encrypt aes256-gcm --kek $bc_kek_id:$bc_kek" ;;
                esac
                bc_f=$PWD/cmsfw-$bc_be-$bc_a-$bc_l.der
                # shellcheck disable=SC2086 # bc_lflags is a word list
                if "$bc_bin" protect --in "$bc_image" --out "$bc_f" --key "$bc_key" \
                    --pkg-id "$PKG_OID:5" --target "$HW" $bc_lflags >protect.log 2>&1 </dev/null; then
                    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "cmsfw-$bc_be" "$bc_a" "$bc_l" "$bc_f" \
                        "$bc_pub:$bc_kid" "--kek $bc_kek_id:$bc_kek" >>hss.tsv
                else
                    row "cmsfw-$bc_be" "$bc_a" "$bc_l" "cmsfw-$bc_be" fail \
                        "cmsfw protect failed: $(tail -n 1 protect.log)"
                fi
            done
        done
    done
    while IFS="$bc_tab" read -r bc_p bc_a bc_l bc_f bc_t bc_fl <&3; do
        # shellcheck disable=SC2086 # bc_fl holds the device flags
        cmsfw_expect "$bc_p" "$bc_a" "$bc_l" "$bc_f" accepted "$bc_t" $bc_fl
    done 3<hss.tsv
}

# bc_hss_flipped: the copies of the plain HSS/LMS packages with one signature
# bit flipped (written by BcVerify) must fail step 14 in every cmsfw build
bc_hss_flipped() {
    while IFS="$bc_tab" read -r bc_p bc_a bc_l bc_f bc_t bc_fl <&3; do
        [ "$bc_l" = plain ] || continue
        bc_ff=${bc_f%.der}-sig-bit-flipped.der
        if [ -s "$bc_ff" ]; then
            cmsfw_expect "$bc_p" "$bc_a" plain-sig-bit-flipped "$bc_ff" signatureFailure "$bc_t"
        else
            row "$bc_p" "$bc_a" plain-sig-bit-flipped bc fail "BcVerify wrote no $(basename "$bc_ff")"
        fi
    done 3<hss.tsv
}

# bc_image PRODUCER ALG LAYERS FILE TRUST EXPECT [FLAGS...]: every build that
# must accept the package writes the image it recovers (--out), compared with
# the original
bc_image() {
    bc_p=$1 bc_a=$2 bc_l=$3 bc_f=$4 bc_t=$5 bc_e=$6
    shift 6
    for bc_pair in $CMSFW_BUILDS; do
        bc_be=${bc_pair%%=*}
        bc_bin=${bc_pair#*=}
        [ "$(expect_for "$bc_e" "$bc_be")" = accepted ] || continue
        rm -f image.out
        if ! "$bc_bin" verify "$bc_f" --trust "$bc_t" --hw-type "$HW" "$@" --out "$PWD/image.out" \
            >image.log 2>&1 </dev/null; then
            row "$bc_p" "$bc_a" "$bc_l" "cmsfw-$bc_be" fail "cmsfw verify --out: $(tail -n 1 image.log)"
        elif cmp -s image.out "$bc_image"; then
            row "$bc_p" "$bc_a" "$bc_l" "cmsfw-$bc_be" pass \
                "cmsfw verify --out: the image ($(wc -c <image.out) octets) equals the original"
        else
            row "$bc_p" "$bc_a" "$bc_l" "cmsfw-$bc_be" fail \
                "cmsfw verify --out wrote $(wc -c <image.out) octets that differ from the image"
        fi
    done
}

# bc_inspect LAYERS FILE TRUST EXPECTED-JSON: `cmsfw inspect --json` of a
# receipt or error report BC made must show the values BC wrote; the
# report's own object must match exactly (no field missing or added)
bc_inspect() {
    bc_l=$1 bc_f=$2 bc_t=$3 bc_json=$4
    for bc_pair in $CMSFW_BUILDS; do
        bc_be=${bc_pair%%=*}
        bc_bin=${bc_pair#*=}
        if [ "$bc_t" = - ]; then
            bc_out=$("$bc_bin" inspect --json "$bc_f" 2>inspect.log </dev/null)
        else
            bc_out=$("$bc_bin" inspect --json "$bc_f" --trust "$bc_t" 2>inspect.log </dev/null)
        fi
        if bc_diff=$(printf '%s' "$bc_out" | "$PY" -c '
import json, sys

want = json.loads(sys.argv[1])
try:
    got = json.load(sys.stdin)
except ValueError:
    sys.exit("no JSON from cmsfw inspect: " + sys.argv[2])

def diff(w, g, path, exact):
    if isinstance(w, dict):
        if not isinstance(g, dict):
            return ["%s is %r" % (path, g)]
        out = []
        for k in w:
            out += diff(w[k], g.get(k), path + "." + k, exact or k.startswith("FirmwarePackageLoad"))
        if exact:
            out += ["%s.%s not written by BC: %r" % (path, k, g[k]) for k in g if k not in w]
        return out
    if isinstance(w, list):
        if not isinstance(g, list) or len(g) != len(w):
            return ["%s is %r" % (path, g)]
        return [d for i in range(len(w)) for d in diff(w[i], g[i], "%s[%d]" % (path, i), exact)]
    return [] if w == g else ["%s is %r, BC wrote %r" % (path, g, w)]

problems = diff(want, got, "", False)
if problems:
    sys.exit("; ".join(problems))
print("%s (%s) decoded as BC wrote it: %s" % (want["content"], want["encapsulation"],
      ", ".join("%s %s" % (k, json.dumps(v)) for k, v in want[want["content"]].items())))
' "$bc_json" "$(tail -n 1 inspect.log)" 2>&1); then
            row bc - "$bc_l" "cmsfw-$bc_be" pass "cmsfw inspect: $bc_diff"
        else
            row bc - "$bc_l" "cmsfw-$bc_be" fail "cmsfw inspect: $bc_diff"
        fi
    done
}

# bc_made: what BcMake listed, checked by every cmsfw build
bc_made() {
    while IFS="$bc_tab" read -r bc_kind bc_1 bc_2 bc_3 bc_4 bc_5 bc_6 bc_7 <&3; do
        case $bc_kind in
        pkg)
            # shellcheck disable=SC2086 # bc_7 holds the device flags
            cmsfw_expect "$bc_1" "$bc_2" "$bc_3" "$bc_4" "$bc_6" "$bc_5" $bc_7
            # shellcheck disable=SC2086
            bc_image "$bc_1" "$bc_2" "$bc_3" "$bc_4" "$bc_5" "$bc_6" $bc_7
            ;;
        report)
            bc_inspect "$bc_2" "$bc_3" "$bc_4" "$bc_5"
            ;;
        fail)
            row "$bc_1" "$bc_2" "$bc_3" bc fail "$bc_4"
            ;;
        row)
            row "$bc_1" "$bc_2" "$bc_3" bc "$bc_4" "$bc_5"
            ;;
        esac
    done 3<"$1"
}

if ! bc_why=$(bc_ready); then
    row bc - - bc na "$bc_why"
else
    # cmsfw -> Bouncy Castle
    bc_cmsfw_reports
    bc_hss_packages
    if ! java -cp "$bc_jars:." BcVerify "$WORK/packages.tsv" "$bc_image" "$bc_kek_id" "$bc_kek" \
        reports.tsv hss.tsv >verify.tsv 2>verify.err </dev/null; then
        row bc - - bc fail "BcVerify stopped: $(tail -n 1 verify.err)"
    fi
    bc_rows verify.tsv
    bc_hss_flipped

    # Bouncy Castle -> cmsfw
    mkdir -p made
    if ! java -cp "$bc_jars:." BcMake "$KEYS" "$bc_image" "$bc_kek_id" "$bc_kek" "$PWD/made" \
        >made.tsv 2>make.err </dev/null; then
        row bc - - bc fail "BcMake stopped: $(tail -n 1 make.err)"
    fi
    bc_made made.tsv
fi
