#!/usr/bin/python3
"""pysuite: the vectors made by pyproducer, with the verdict RFC 4108 (and
docs/procedure.md) requires of a device for each.

  pysuite.py --keys vectors/keys --out vectors/generated --manifest FILE

writes generated/py-*.der and the manifest stanzas (vectors/MANIFEST format)
to FILE. The expectations are written here from the specification, never
taken from what an implementation answers.
"""

import argparse
import hashlib
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyproducer as pp  # noqa: E402

HW = "1.3.6.1.4.1.32473.1.1"
OTHER_HW = "1.3.6.1.4.1.32473.1.2"
PKG = "1.3.6.1.4.1.32473.2.1"
DEP = "1.3.6.1.4.1.32473.2.9"
COMMUNITY = "1.3.6.1.4.1.32473.3.1"
KEK128 = "0102030405060708:keys/kek128.hex"
KEK256 = "1112131415161718:keys/kek256.hex"
K256 = {"kek": "kek256", "kek-id": "1112131415161718"}

SIGNERS = {
    # name: (key, sig, digest)
    "ecdsa-p256": ("ec-p256", "ecdsa", "sha256"),
    "ecdsa-p384": ("ec-p384", "ecdsa", "sha384"),
    "rsa-pss": ("rsa-2048", "pss", "sha256"),
    "rsa-pkcs1": ("rsa-2048", "pkcs1", "sha256"),
    "ed25519": ("ed25519", "ed25519", "sha512"),
}

LAYERS = {
    "plain": {},
    "zlib": {"compress": True},
    "cbc": dict(encrypt="aes256-cbc", **K256),
    "gcm": {"encrypt": "aes128-gcm"},
    "zlib-cbc": {"compress": True, "encrypt": "aes128-cbc"},
    "zlib-gcm": dict(compress=True, encrypt="aes256-gcm", **K256),
}

CASES = []


def dev(trust=("ec-p256",), **kw):
    """Device description in manifest keys; trust names keys/NAME.cert.pem."""
    d = {"hw-type": HW, "hw-serial": "0102", "trust": ["keys/%s.cert.pem" % t for t in trust]}
    for key, value in kw.items():
        key = key.replace("_", "-")
        if key == "anchor-no-fw":
            value = ["keys/%s.cert.pem" % t for t in value]
        d[key] = value
    return d


def case(name, knobs=None, expect="accepted", note="", device=None, image="fw-small.bin",
         raw=None, **overrides):
    CASES.append({"name": name, "knobs": knobs or {}, "expect": expect, "note": note,
                  "device": device or dev(), "image": image, "raw": raw,
                  "overrides": {k.replace("_", "-"): v for k, v in overrides.items()}})


def signer(name, **extra):
    key, sig, digest = SIGNERS[name]
    knobs = {"signer": key, "sig": sig, "digest": digest}
    knobs.update(extra)
    return knobs


# knobs that make a valid package BER rather than DER
BER_KNOBS = {"framing", "econtent-form", "sid"}

ED_MBEDTLS = "badSignatureAlgorithm"
ED_NOTE = " Mbed TLS has no Ed25519: that backend answers badSignatureAlgorithm."

# ---------------------------------------------------------------- success paths
for sname, (key, _, _) in SIGNERS.items():
    for lname, layer in LAYERS.items():
        k = signer(sname, **layer)
        k["label"] = "py-%s-%s" % (sname, lname)
        ov = {"expect_mbedtls": ED_MBEDTLS} if sname == "ed25519" else {}
        case("py-%s-%s" % (sname, lname), k, "accepted",
             "independent producer, %s, layers: %s." % (sname, lname) +
             (ED_NOTE if sname == "ed25519" else ""),
             dev(trust=(key,), kek=[KEK128, KEK256]), **ov)

case("py-large-plain", {"label": "large"}, note="320 KiB image, no layer: run at chunk 7, "
     "4096 and whole.", image="fw-large.bin")
case("py-large-zlib-gcm", {"compress": True, "encrypt": "aes128-gcm", "label": "large2"},
     note="320 KiB image, compressed then encrypted.", image="fw-large.bin",
     device=dev(kek=[KEK128]))
case("py-ber-stream", {"framing": "indef", "econtent-chunk": 1024},
     note="BER like `openssl cms -stream`: indefinite lengths for ContentInfo, SignedData, "
     "encapContentInfo and eContent, eContent as a constructed OCTET STRING of 1 KiB segments.")
case("py-ber-stream-zlib-cbc", {"framing": "indef", "compress": True, "encrypt": "aes128-cbc",
                                "econtent-chunk": 100},
     note="indefinite-length framing around a compressed, encrypted eContent.",
     device=dev(kek=[KEK128]))
case("py-ber-chunks", {"econtent-form": "chunks", "econtent-chunk": 7},
     note="definite lengths, eContent as a constructed OCTET STRING of 7-octet segments.")
case("py-ber-nested", {"econtent-form": "nested", "econtent-chunk": 333},
     note="eContent as a constructed OCTET STRING nested inside another.")
case("py-ber-longlen", {"framing": "longlen"},
     note="non-minimal length octets on ContentInfo and SignedData (BER, outside signedAttrs).")
case("py-sid-ski-constructed", {"sid": "ski-constructed"},
     note="subjectKeyIdentifier [0] in constructed form (A0 16 04 14 ...): BER in the sid.")
case("py-sid-issuer-serial", {"sid": "issuer-serial"},
     note="SignerInfo v3 with issuerAndSerialNumber naming the anchor certificate.")
case("py-certs-included", {"certs": ["ec-p256"]},
     note="direct signer that also includes its own certificate.")
case("py-chain", {"signer": "leaf-p256", "certs": ["leaf-p256", "int-p256"]},
     note="CA -> intermediate -> leaf: the package carries leaf and intermediate.",
     device=dev(trust=("ca-p384",)))
case("py-chain-unordered", {"signer": "leaf-p256",
                            "certs": ["int-p256", "rogue-p256", "leaf-p256"]},
     note="path certificates in another order, with an unrelated certificate.",
     device=dev(trust=("ca-p384",)))
case("py-chain-issuer-serial", {"signer": "leaf-p256", "sid": "issuer-serial",
                                "certs": ["leaf-p256", "int-p256"]},
     note="path signer named by issuerAndSerialNumber.", device=dev(trust=("ca-p384",)))
case("py-chain-and-direct-anchors", {"signer": "leaf-p256", "certs": ["leaf-p256", "int-p256"]},
     note="several anchors installed; the path leads to one of them.",
     device=dev(trust=("ec-p256", "ca-p384", "rsa-2048")))
case("py-unknown-signed-attr", {"attrs-add": [["1.3.6.1.4.1.32473.9.1", "0c0568656c6c6f"]]},
     note="an unknown signed attribute is ignored (RFC 4108 2.2).")
case("py-no-algorithm-protection", {"cap": False},
     note="no CMSAlgorithmProtection: optional.")
case("py-no-fw-digest", {"fwmd": "absent"},
     note="no firmware-package-message-digest: optional.")
case("py-no-signing-time", {"signing-time": False}, note="no signing-time: optional.")
case("py-fw-digest-sha512", {"fwmd-hash": "sha512"},
     note="firmware-package-message-digest with SHA-512, the signer's digest SHA-256.")
case("py-digest-null-params", {"digest-params": "null"},
     note="sha256 identifiers with NULL parameters in both places: accepted (RFC 5754).")
case("py-pkcs1-absent-params", signer("rsa-pkcs1", **{"sig-params": "absent"}),
     note="sha256WithRSAEncryption without its NULL: accepted (RFC 4055).",
     device=dev(trust=("rsa-2048",)))
case("py-pkcs1-rsaencryption", signer("rsa-pkcs1", **{"sig-params": "rsaEncryption"}),
     note="signatureAlgorithm rsaEncryption, hash from digestAlgorithm (RFC 3370).",
     device=dev(trust=("rsa-2048",)))
case("py-pss-hash-null", signer("rsa-pss", **{"pss-hash-null": True}),
     note="RSASSA-PSS params whose hash identifiers carry NULL (as OpenSSL writes them).",
     device=dev(trust=("rsa-2048",)))
case("py-pss-sha512", signer("rsa-pss", digest="sha512"),
     note="RSASSA-PSS with SHA-512, salt 64.", device=dev(trust=("rsa-2048",)))
case("py-crl-present", {"crl-from": "ec-p256"},
     note="a CRL in SignedData.crls: may be ignored.")
case("py-legacy-name", {"pkg-legacy": "52312e32"}, note="legacy package name \"R1.2\".")
case("py-content-hints", {"content-hints": "firmwarePackage"},
     note="content-hints with contentType id-ct-firmwarePackage.")
case("py-content-hints-layers", {"content-hints": "firmwarePackage", "compress": True},
     note="content-hints names the innermost type also when compressed.")
case("py-impl-algs", {"impl-crypto": ["2.16.840.1.101.3.4.2.1"],
                      "impl-compress": ["1.2.840.113549.1.9.16.3.8"]},
     note="implemented-crypto/compress-algorithms: informational.")
case("py-gcm-no-dkid", {"encrypt": "aes128-gcm", "attrs-drop": ["decryptKeyID"]},
     note="AuthEnvelopedData without decrypt-key-identifier: the CEK comes from its "
     "KEKRecipientInfo (revision profile 5.3).", device=dev(kek=[KEK128]))
case("py-gcm-icv12", {"encrypt": "aes128-gcm", "gcm-icvlen": 12},
     note="GCM with the default 12-octet tag (ICVlen omitted).", device=dev(kek=[KEK128]))
case("py-cbc-direct-cek", dict({"encrypt": "aes256-cbc", "key-mode": "direct"}, **K256),
     note="EncryptedData without wrapped key: decrypt-key-identifier names the CEK itself, "
     "held by the device as a content key (RFC 4108 2.2.3).", device=dev(cek=[KEK256]))
case("py-cbc-wrapped-cek-name", {"encrypt": "aes128-cbc", "dkid": "cafe0001"},
     note="decrypt-key-identifier names the CEK (unknown to the device), which arrives in the "
     "wrapped-firmware-key attribute under the device KEK.", device=dev(kek=[KEK128]))
case("py-reinstall-same-version", {}, note="the installed version again: not a rollback.",
     device=dev(installed=[PKG + ":5"]))
case("py-upgrade", {}, note="newer than the installed version.",
     device=dev(installed=[PKG + ":4", DEP + ":9"]))
case("py-allow-downgrade", {}, note="older than installed, downgrades allowed: a warning only.",
     device=dev(installed=[PKG + ":6"], allow_downgrade="yes"))
case("py-stale-below", {}, note="stale list entry 4 < version 5.",
     device=dev(stale=[PKG + ":4"]))
case("py-stale-other-oid", {}, note="a stale entry for another package OID is irrelevant.",
     device=dev(stale=[DEP + ":99"]))
case("py-pkg-stale-field", {"stale": 3}, note="the package's own stale version (3) only "
     "matters after installation.")
case("py-community-oid", {"communities": [COMMUNITY]}, note="device in the community.",
     device=dev(community=[COMMUNITY]))
case("py-community-any-of", {"communities": ["1.3.6.1.4.1.32473.3.9", COMMUNITY]},
     note="one of two communities matches.", device=dev(community=[COMMUNITY]))
case("py-community-hw-all", {"communities": [HW + ":all"]},
     note="hwModuleList for the device's hwType with `all`.")
case("py-community-hw-single", {"communities": [HW + ":single:0101", HW + ":single:0102"]},
     note="hwModuleList with the device's serial as a `single` entry.")
case("py-community-hw-block", {"communities": [HW + ":block:0100-01ff"]},
     note="hwModuleList `block` 0100..01ff contains 0102.")
case("py-community-hw-block-edge", {"communities": [HW + ":block:0102-0102"]},
     note="`block` bounds are inclusive.")
case("py-community-hw-block-short-serial", {"communities": [HW + ":block:0001-0002"]},
     note="serial 02 (shorter than the bounds) compares after left padding with 00: 0002.",
     device=dev(hw_serial="02"))
case("py-pkg-type", {"pkg-type": 2}, note="fwPkgType supported.",
     device=dev(pkg_type=["1", "2"]))
case("py-dependency-ok", {"deps": [DEP + ":3"]}, note="dependency installed at version 3.",
     device=dev(installed=[DEP + ":3"]))
case("py-dependency-newer", {"deps": [DEP + ":3"]}, note="dependency installed at a newer "
     "version (the required version is a minimum).", device=dev(installed=[DEP + ":7"]))

# ------------------------------------------------------------ 1 decodeFailure
case("py-decode-truncated", {"truncate": 20}, "decodeFailure", "last 20 octets missing.")
case("py-decode-trailing", {"trailing": "0500"}, "decodeFailure",
     "a NULL after the ContentInfo.")
case("py-decode-trailing-eoc", {"trailing": "0000"}, "decodeFailure",
     "end-of-contents octets after a definite-length ContentInfo.")
case("py-decode-indef-trailing", {"framing": "indef", "trailing": "00"}, "decodeFailure",
     "one octet after an indefinite-length ContentInfo.")
case("py-decode-length-overrun", None, "decodeFailure",
     "SEQUENCE whose 4-octet length runs far past the end of input.",
     raw=b"\x30\x84\x7f\xff\xff\xff" + b"\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02" * 4)
case("py-decode-reserved-length", None, "decodeFailure", "length octet 0xFF (reserved).",
     raw=b"\x30\xff" + b"\x00" * 30)
case("py-decode-not-asn1", None, "decodeFailure", "a line of text.",
     raw=b"This is not a firmware package, it is a line of text.\n")
case("py-decode-one-octet", None, "decodeFailure", "a lone SEQUENCE tag.", raw=b"\x30")
case("py-decode-indef-primitive", {"econtent-form": "indef-primitive"}, "decodeFailure",
     "primitive OCTET STRING with an indefinite length.")
case("py-decode-deep-nesting", {"econtent-form": "deep"}, "decodeFailure",
     "eContent nested in 80 constructed OCTET STRINGs: deeper than the 64 levels a decoder "
     "must bound.")
case("py-decode-missing-eoc", {"framing": "indef", "truncate": 2}, "decodeFailure",
     "indefinite-length ContentInfo without its final end-of-contents.")

# ---------------------------------------------------------- 2 badContentInfo
case("py-ci-data", {"ci-type": "data", "ci-raw": "04056669726d77"}, "badContentInfo",
     "ContentInfo of id-data.")
case("py-ci-compressed", {"ci-type": "compressedData",
                          "ci-raw": pp.seq(pp.integer(0), pp.alg("zlib"), pp.seq(
                              pp.oid("firmwarePackage"),
                              pp.tlv(0xA0, pp.octets(zlib.compress(b"firmware"))))).hex()},
     "badContentInfo", "an unsigned CompressedData ContentInfo.")
case("py-ci-no-content", {"ci-no-content": True}, "badContentInfo",
     "ContentInfo with contentType id-signedData and no content.")
case("py-ci-set", None, "badContentInfo", "ContentInfo tagged SET instead of SEQUENCE.",
     raw="ci-set")
case("py-ci-unknown-type", {"ci-type": "1.3.6.1.4.1.32473.9.2"}, "badContentInfo",
     "unknown contentType around a valid SignedData.")

# ----------------------------------------------------------- 3 badSignedData
case("py-sd-v1", {"sd-version": 1}, "badSignedData", "SignedData version 1.")
case("py-sd-v4", {"sd-version": 4}, "badSignedData", "SignedData version 4.")
case("py-sd-two-digest-algs", {"digest-algs": ["300b0609608648016503040201",
                                               "300b0609608648016503040202"]},
     "badSignedData", "two digestAlgorithms.")
case("py-sd-no-digest-algs", {"digest-algs": []}, "badSignedData", "empty digestAlgorithms.")
case("py-sd-two-signers", {"signer-infos": 2}, "badSignedData", "two SignerInfos.")
case("py-sd-no-signers", {"signer-infos": 0}, "badSignedData", "no SignerInfo.")
case("py-sd-bad-crls", {"crls-raw": "020101"}, "badSignedData",
     "crls holding an INTEGER (project decision: CRL syntax errors are badSignedData).")

# --------------------------------------------------------- 4 badEncapContent
case("py-eci-data", {"econtent-type": "data"}, "badEncapContent",
     "eContentType id-data (the content-type attribute agrees).")
case("py-eci-unknown", {"econtent-type": "1.3.6.1.4.1.32473.9.3"}, "badEncapContent",
     "unknown eContentType.")
case("py-cd-inner-data", {"compress": True, "cd-inner-type": "data"}, "badEncapContent",
     "CompressedData whose eContentType is id-data.")
case("py-cd-v1", {"compress": True, "cd-version": 1}, "badEncapContent",
     "CompressedData version 1.")
case("py-cd-not-sequence", {"compress": True, "cd-raw": "0403616263"}, "badEncapContent",
     "eContentType id-ct-compressedData, but the eContent is an OCTET STRING.")

# ---------------------------------------------------------- 5 badCertificate
case("py-cert-garbage", {"certs-raw": ["3003020101"]}, "badCertificate",
     "certificates holds SEQUENCE { INTEGER 1 }.")
case("py-cert-attribute-cert", {"certs-raw": ["a203020101"]}, "badCertificate",
     "certificates holds a v2AttrCert [2] choice.")
case("py-cert-extended", {"certs-raw": ["a003020101"]}, "badCertificate",
     "certificates holds an extendedCertificate [0] choice.")
case("py-cert-other", {"certs-raw": ["a30706032901010500"]}, "badCertificate",
     "certificates holds an `other` [3] choice.")
case("py-cert-bad-with-good", {"certs": ["ec-p256"], "certs-raw": ["30020500"]},
     "badCertificate", "one good certificate and one that does not parse.")

# ----------------------------------------------------------- 6 badSignerInfo
case("py-si-v1-ski", {"si-version": 1}, "badSignerInfo",
     "SignerInfo version 1 with subjectKeyIdentifier.")
case("py-si-v1-issuer-serial", {"si-version": 1, "sid": "issuer-serial"}, "badSignerInfo",
     "SignerInfo version 1 with issuerAndSerialNumber: refused by default policy.")
case("py-si-v4", {"si-version": 4}, "badSignerInfo", "SignerInfo version 4.")
case("py-si-digest-differs", {"si-digest": "300b0609608648016503040202"}, "badSignerInfo",
     "SignerInfo digestAlgorithm sha384, SignedData's sha256.")
case("py-si-digest-null-vs-absent", {"si-digest": "300d06096086480165030402010500"},
     "badSignerInfo", "SignerInfo sha256 with NULL, SignedData sha256 without: "
     "not byte-identical (project decision).")
case("py-si-bad-sid", {"sid": "hex:020105"}, "badSignerInfo", "sid is an INTEGER.")

# ---------------------------------------------------------- 7 badSignedAttrs
case("py-attrs-absent", {"attrs": "absent"}, "badSignedAttrs",
     "no signed attributes (signature over the content).")
for a in ["contentType", "messageDigest", "firmwarePackageID", "targetHardwareIDs"]:
    case("py-attrs-missing-" + a, {"attrs-drop": [a]}, "badSignedAttrs",
         "required attribute %s missing." % a)
case("py-attrs-missing-decryptKeyID", {"encrypt": "aes128-cbc", "attrs-drop": ["decryptKeyID"]},
     "badSignedAttrs", "EncryptedData without decrypt-key-identifier.",
     device=dev(kek=[KEK128]))
case("py-attrs-dup-pkgid", {"attrs-dup": ["firmwarePackageID"]}, "badSignedAttrs",
     "firmware-package-identifier twice.")
case("py-attrs-dup-unknown", {"attrs-add": [["1.3.6.1.4.1.32473.9.1", "0500"],
                                            ["1.3.6.1.4.1.32473.9.1", "0101ff"]]},
     "badSignedAttrs", "an unknown attribute type twice.")
case("py-attrs-two-values", {"attrs-two-values": ["targetHardwareIDs"]}, "badSignedAttrs",
     "target-hardware-IDs with two values.")
case("py-attrs-zero-values", {"attrs-zero-values": ["signingTime"]}, "badSignedAttrs",
     "signing-time with an empty SET of values.")
case("py-attrs-unsorted", {"attrs-order": "reversed"}, "badSignedAttrs",
     "attributes not in DER SET OF order.")
case("py-attrs-long-length", {"attrs-longlen": "targetHardwareIDs"}, "badSignedAttrs",
     "an attribute with a non-minimal length: not DER.")
case("py-attrs-indefinite", {"attrs-indef": "firmwarePackageID"}, "badSignedAttrs",
     "an attribute with an indefinite length: not DER.")
case("py-attrs-bad-pkgid", {"attrs-replace": {"firmwarePackageID": "020105"}},
     "badSignedAttrs", "firmware-package-identifier value is an INTEGER.")
case("py-attrs-bad-targets", {"attrs-replace": {"targetHardwareIDs": "3003020101"}},
     "badSignedAttrs", "target-hardware-IDs holds an INTEGER.")
case("py-attrs-bad-message-digest", {"attrs-replace": {"messageDigest": "020101"}},
     "badSignedAttrs", "message-digest value is an INTEGER.")
case("py-attrs-bad-content-type", {"attrs-replace": {"contentType": "0403010203"}},
     "badSignedAttrs", "content-type value is an OCTET STRING.")
case("py-attrs-bad-community", {"communities": [COMMUNITY],
                                "attrs-replace": {"communityIdentifiers": "3003040100"}},
     "badSignedAttrs", "community-identifiers holds an OCTET STRING.")
case("py-attrs-bad-pkg-info", {"pkg-type": 1, "attrs-replace": {"firmwarePackageInfo": "0500"}},
     "badSignedAttrs", "firmware-package-info is a NULL.")
case("py-attrs-bad-fw-digest", {"attrs-replace": {"fwPkgMessageDigest": "3000"}},
     "badSignedAttrs", "firmware-package-message-digest is an empty SEQUENCE.")
case("py-attrs-bad-algorithm-protection", {"attrs-replace": {"cmsAlgorithmProtection": "0500"}},
     "badSignedAttrs", "CMSAlgorithmProtection is a NULL.")
case("py-attrs-content-hints-data", {"content-hints": "data"}, "badSignedAttrs",
     "content-hints contentType id-data (must be id-ct-firmwarePackage; project decision).")
case("py-attrs-bad-pkgid-version",
     {"attrs-replace": {"firmwarePackageID": pp.seq(pp.seq(pp.oid(PKG), pp.integer(-1))).hex()}},
     "badSignedAttrs",
     "verNum -1: INTEGER (0..MAX).")

# -------------------------------------------------------- 8 badUnsignedAttrs
case("py-unsigned-countersignature", {"unsigned-add": [[pp.OID["countersignature"], "3000"]]},
     "badUnsignedAttrs", "a countersignature unsigned attribute.")
case("py-unsigned-timestamp", {"unsigned-add": [[pp.OID["timeStampToken"], "3000"]]},
     "badUnsignedAttrs", "a time-stamp token (tolerated only by a policy flag, off).")
case("py-unsigned-wrapped-twice", {"encrypt": "aes128-cbc", "wrapped-key": "twice"},
     "badUnsignedAttrs", "wrapped-firmware-key twice.", device=dev(kek=[KEK128]))
case("py-unsigned-wrapped-two-values", {"encrypt": "aes128-cbc", "wrapped-key": "two-values"},
     "badUnsignedAttrs", "wrapped-firmware-key with two values.", device=dev(kek=[KEK128]))
case("py-unsigned-wrapped-garbage", {"encrypt": "aes128-cbc", "wrapped-key": "raw:020101"},
     "badUnsignedAttrs", "wrapped-firmware-key holds an INTEGER.", device=dev(kek=[KEK128]))
case("py-unsigned-wrapped-ctype", {"encrypt": "aes128-cbc", "wk-ctype": "compressedData"},
     "badUnsignedAttrs", "wrapped key's contentType differs from the EncryptedData's "
     "(project decision).", device=dev(kek=[KEK128]))
case("py-unsigned-wrapped-iv", {"encrypt": "aes128-cbc", "wk-iv-differs": True},
     "badUnsignedAttrs", "wrapped key's contentEncryptionAlgorithm has another IV.",
     device=dev(kek=[KEK128]))
case("py-unsigned-wrapped-content", {"encrypt": "aes128-cbc", "wk-with-content": True},
     "badUnsignedAttrs", "wrapped key's EnvelopedData carries encryptedContent.",
     device=dev(kek=[KEK128]))

# ----------------------------------------------------------- 9 missingContent
case("py-econtent-absent", {"econtent": "absent"}, "missingContent", "no eContent.")

# ---------------------------------------------------------- 10 noTrustAnchor
case("py-nota-unknown-key", {"signer": "rogue-p256"}, "noTrustAnchor",
     "signed by a key the device does not know.")
case("py-nota-unknown-self-signed", {"signer": "rogue-p256", "certs": ["rogue-p256"]},
     "noTrustAnchor", "the signer's self-signed certificate is included: not an anchor.")
case("py-nota-unknown-root", {"signer": "leaf-rogue-p256",
                              "certs": ["leaf-rogue-p256", "rogue-int-p256"]},
     "noTrustAnchor", "a path whose root is not installed.", device=dev(trust=("ca-p384",)))
case("py-nota-missing-intermediate", {"signer": "leaf-p256", "certs": ["leaf-p256"]},
     "noTrustAnchor", "the intermediate certificate is missing.",
     device=dev(trust=("ca-p384",)))
case("py-nota-bad-path-signature", {"signer": "leaf-p256", "certs": ["leaf-p256", "int-p256"],
                                    "cert-tamper": "int-p256"},
     "noTrustAnchor", "the intermediate certificate's signature does not verify.",
     device=dev(trust=("ca-p384",)))
UNKNOWN_IAS = pp.seq(pp.seq(pp.tlv(0x31, pp.seq(pp.oid("2.5.4.3"), pp.tlv(0x0C, b"nobody")))),
                     pp.integer(0x0102030405060708090A0B0C))
case("py-nota-unknown-issuer-serial", {"sid": "hex:" + UNKNOWN_IAS.hex()},
     "noTrustAnchor", "issuerAndSerialNumber that names nothing installed or carried.")

# ----------------------------------------------------------- 11 notAuthorized
case("py-notauth-direct", {"signer": "nofw-p256"}, "notAuthorized",
     "signed directly by an installed anchor not authorised for firmware.",
     device=dev(anchor_no_fw=["nofw-p256"]))
case("py-notauth-path", {"signer": "leaf-p256", "certs": ["leaf-p256", "int-p256"]},
     "notAuthorized", "path to an installed root not authorised for firmware.",
     device=dev(anchor_no_fw=["ca-p384"]))

# ------------------------------------------------------ 12 badDigestAlgorithm
case("py-digest-sha1", {"digest": "sha1"}, "badDigestAlgorithm",
     "SHA-1 digest with ecdsa-with-SHA1.")
case("py-digest-md5", {"digest": "md5", "sig-alg-oid": "ecdsa-sha256", "sign-hash": "sha256"},
     "badDigestAlgorithm", "MD5 digest algorithm.")
case("py-digest-unknown", {"digest": "1.3.6.1.4.1.32473.9.4", "sig-alg-oid": "ecdsa-sha256",
                           "sign-hash": "sha256"},
     "badDigestAlgorithm", "unknown digest algorithm OID.")

# --------------------------------------------------- 13 badSignatureAlgorithm
case("py-sigalg-unknown", {"sig-alg-oid": "1.3.6.1.4.1.32473.9.5"}, "badSignatureAlgorithm",
     "unknown signature algorithm OID.")
case("py-sigalg-dsa", {"sig-alg-oid": "dsa-sha256"}, "badSignatureAlgorithm",
     "dsa-with-sha256.")
case("py-sigalg-key-mismatch", signer("rsa-pkcs1", **{"sig-alg-oid": "ecdsa-sha256"}),
     "badSignatureAlgorithm", "ecdsa-with-SHA256 with an RSA key.",
     device=dev(trust=("rsa-2048",)))
case("py-sigalg-ed25519-ec-key", {"sig-alg-oid": "ed25519", "digest": "sha512"},
     "badSignatureAlgorithm", "id-Ed25519 (with SHA-512, as RFC 8419 wants) and a P-256 key.")
case("py-sigalg-hash-mismatch", {"sig-alg-oid": "ecdsa-sha384", "sign-hash": "sha384"},
     "badSignatureAlgorithm", "ecdsa-with-SHA384 with a SHA-256 digestAlgorithm "
     "(RFC 8933: project decision badSignatureAlgorithm).")
case("py-pss-hash-vs-digest", signer("rsa-pss", **{"pss-hash": "sha384"}),
     "badSignatureAlgorithm", "RSASSA-PSS with SHA-384 and a SHA-256 digestAlgorithm "
     "(RFC 8933).", device=dev(trust=("rsa-2048",)))
case("py-pkcs1-hash-mismatch", signer("rsa-pkcs1", **{"sig-alg-oid": "rsa-sha512",
                                                      "sign-hash": "sha512"}),
     "badSignatureAlgorithm", "sha512WithRSAEncryption with a SHA-256 digestAlgorithm.",
     device=dev(trust=("rsa-2048",)))

# ---------------------------------------------------- 14 unsupportedKeySize
case("py-keysize-rsa1024", {"signer": "rsa-1024", "sig": "pss"}, "unsupportedKeySize",
     "RSA-1024 anchor key (minimum 2048).", device=dev(trust=("rsa-1024",)))
case("py-keysize-rsa1024-path", {"signer": "leaf-rsa1024", "sig": "pkcs1",
                                 "certs": ["leaf-rsa1024", "int-p256"]},
     "unsupportedKeySize", "RSA-1024 signer certified by a valid path.",
     device=dev(trust=("ca-p384",)))

# ------------------------------------------------------ 15 signatureFailure
case("py-sig-flipped", {"signature-flip": True}, "signatureFailure",
     "one bit of the signature flipped.")
case("py-sig-wrong-key", {"sign-with": "rogue-p256"}, "signatureFailure",
     "the sid names the anchor, another key signed.")
case("py-sig-message-digest", {"message-digest": "00" * 32}, "signatureFailure",
     "message-digest is not the digest of the eContent.")
case("py-sig-econtent-changed", {"econtent-flip": True}, "signatureFailure",
     "one bit of the eContent changed after signing.")
case("py-sig-econtent-changed-chunks", {"econtent-flip": True, "econtent-form": "chunks",
                                        "econtent-chunk": 64}, "signatureFailure",
     "same, with a constructed eContent.")
case("py-sig-protection-digest", {"cap-digest": "300b0609608648016503040202"},
     "signatureFailure", "CMSAlgorithmProtection names sha384, the SignerInfo sha256.")
case("py-sig-protection-signature", {"cap-sig": "300a06082a8648ce3d040303"}, "signatureFailure",
     "CMSAlgorithmProtection names ecdsa-with-SHA384.")
case("py-sig-rsa-flipped", signer("rsa-pss", **{"signature-flip": True}), "signatureFailure",
     "RSASSA-PSS signature with one bit flipped.", device=dev(trust=("rsa-2048",)))
case("py-sig-ed25519-flipped", signer("ed25519", **{"signature-flip": True}),
     "signatureFailure", "Ed25519 signature with one bit flipped." + ED_NOTE,
     device=dev(trust=("ed25519",)), expect_mbedtls=ED_MBEDTLS)

# --------------------------------------------------- 16 contentTypeMismatch
case("py-ctype-mismatch", {"content-type-attr": "compressedData"}, "contentTypeMismatch",
     "content-type attribute id-ct-compressedData, eContentType id-ct-firmwarePackage.")
case("py-ctype-mismatch-layers", {"compress": True, "content-type-attr": "firmwarePackage"},
     "contentTypeMismatch", "content-type attribute names the innermost type.")

# ------------------------------------------------------ 17 badEncryptedData
case("py-ed-v2", {"encrypt": "aes128-cbc", "ed-version": 2}, "badEncryptedData",
     "EncryptedData version 2.", device=dev(kek=[KEK128]))
case("py-ed-not-sequence", {"encrypt": "aes128-cbc", "ed-raw": "0403010203"},
     "badEncryptedData", "eContentType id-encryptedData, eContent an OCTET STRING.",
     device=dev(kek=[KEK128]))
case("py-aed-v1", {"encrypt": "aes128-gcm", "ed-version": 1}, "badEncryptedData",
     "AuthEnvelopedData version 1.", device=dev(kek=[KEK128]))

# ------------------------------------------------- 18 unprotectedAttrsPresent
case("py-ed-unprotected-attrs", {"encrypt": "aes128-cbc", "ed-unprotected": True},
     "unprotectedAttrsPresent", "EncryptedData version 0 with unprotectedAttrs.",
     device=dev(kek=[KEK128]))
case("py-aed-unauth-attrs", {"encrypt": "aes128-gcm", "ed-unprotected": True},
     "unprotectedAttrsPresent", "AuthEnvelopedData with unauthAttrs.", device=dev(kek=[KEK128]))

# ------------------------------------------------------ 19 badEncryptContent
case("py-eci-enc-data", {"encrypt": "aes128-cbc", "eci-type": "data", "wk-ctype": "data"},
     "badEncryptContent", "EncryptedContentInfo contentType id-data.", device=dev(kek=[KEK128]))
case("py-aed-eci-data", {"encrypt": "aes128-gcm", "eci-type": "data"}, "badEncryptContent",
     "AuthEnvelopedData content type id-data.", device=dev(kek=[KEK128]))

# ---------------------------------------------------- 20 badEncryptAlgorithm
case("py-enc-3des", {"encrypt": "aes128-cbc", "key-mode": "direct",
                     "enc-alg": "301406082a864886f70d030704080102030405060708"},
     "badEncryptAlgorithm", "des-ede3-cbc.", device=dev(kek=[KEK128]))
case("py-enc-cbc-iv8", {"encrypt": "aes128-cbc", "key-mode": "direct", "iv-len": 8},
     "badEncryptAlgorithm", "AES-CBC with an 8-octet IV.", device=dev(kek=[KEK128]))
case("py-enc-gcm-icv8", {"encrypt": "aes128-gcm", "gcm-icvlen": 8}, "badEncryptAlgorithm",
     "AES-GCM with an 8-octet tag (12..16 accepted).", device=dev(kek=[KEK128]))
case("py-enc-cbc-in-aed", {"encrypt": "aes128-gcm",
                           "enc-alg": "301d060960864801650304010204100102030405060708090a0b0c0d0e0f10"},
     "badEncryptAlgorithm", "AuthEnvelopedData with AES-CBC, not an AEAD.",
     device=dev(kek=[KEK128]))

# ------------------------------------------------------ 21 missingCiphertext
case("py-ed-no-ciphertext", {"encrypt": "aes128-cbc", "ciphertext": "absent"},
     "missingCiphertext", "EncryptedData without encryptedContent.", device=dev(kek=[KEK128]))
case("py-aed-no-ciphertext", {"encrypt": "aes128-gcm", "ciphertext": "absent"},
     "missingCiphertext", "AuthEnvelopedData without encryptedContent.",
     device=dev(kek=[KEK128]))

# ---------------------------------------------------------- 22 noDecryptKey
case("py-nokey-kek-not-content-key", dict({"encrypt": "aes256-cbc", "key-mode": "direct"}, **K256),
     "noDecryptKey", "decrypt-key-identifier names a key the device holds as a key-encryption "
     "key only (as when the wrapped-firmware-key attribute has been stripped): never used as "
     "the content key.", device=dev(kek=[KEK256]))
case("py-nokey-direct", dict({"encrypt": "aes256-cbc", "key-mode": "direct"}, **K256),
     "noDecryptKey", "decrypt-key-identifier names a key the device does not hold.",
     device=dev(kek=[KEK128]))
case("py-nokey-wrapped-id", {"encrypt": "aes128-cbc", "kek-id": "0a0b0c0d"}, "noDecryptKey",
     "decrypt-key-identifier and kekri keyIdentifier unknown to the device.",
     device=dev(kek=[KEK128]))
case("py-nokey-unwrap-fails", {"encrypt": "aes128-cbc", "wrap-with": "00" * 16,
                               "dkid": "cafe0001"},
     "noDecryptKey", "kekri names the device KEK but was wrapped under another key: the "
     "key unwrap integrity check fails.", device=dev(kek=[KEK128]))
case("py-nokey-gcm", {"encrypt": "aes128-gcm"}, "noDecryptKey",
     "AuthEnvelopedData for a KEK the device does not hold.", device=dev(kek=[KEK256]))
case("py-nokey-gcm-wrong-kek", {"encrypt": "aes128-gcm"}, "noDecryptKey",
     "the device holds another 16-octet key under the kekri's (and decrypt-key-identifier's) "
     "identifier: the key unwrap fails its integrity check.",
     device=dev(kek=["0102030405060708:keys/kek128-wrong.hex"]))
case("py-nokey-gcm-wrong-kek-no-dkid", {"encrypt": "aes128-gcm", "attrs-drop": ["decryptKeyID"]},
     "noDecryptKey", "same without decrypt-key-identifier.",
     device=dev(kek=["0102030405060708:keys/kek128-wrong.hex"]))
case("py-nokey-cbc-wrong-kek", {"encrypt": "aes128-cbc"}, "noDecryptKey",
     "the device holds another 16-octet key under the kekri's identifier.",
     device=dev(kek=["0102030405060708:keys/kek128-wrong.hex"]))
case("py-nokey-no-kek", {"encrypt": "aes128-gcm"}, "noDecryptKey", "device without any KEK.")

# ---------------------------------------------------------- 23 decryptFailure
case("py-decrypt-cbc-padding", {"encrypt": "aes128-cbc", "cbc-padding": "bad"},
     "decryptFailure", "CBC padding octet 0.", device=dev(kek=[KEK128]))
case("py-decrypt-cbc-length", {"encrypt": "aes128-cbc", "cbc-padding": "none"},
     "decryptFailure", "CBC ciphertext one octet short of a block multiple.",
     device=dev(kek=[KEK128]))
case("py-decrypt-cbc-empty", {"encrypt": "aes128-cbc", "ciphertext": "empty"},
     "decryptFailure", "CBC ciphertext of zero octets.", device=dev(kek=[KEK128]))
case("py-decrypt-gcm-tag", {"encrypt": "aes128-gcm", "gcm-tag-flip": True}, "decryptFailure",
     "GCM tag with one bit flipped.", device=dev(kek=[KEK128]))
case("py-decrypt-gcm-ciphertext", {"encrypt": "aes256-gcm", "kek": "kek256",
                                   "kek-id": "1112131415161718", "gcm-tag-flip": True,
                                   "compress": True},
     "decryptFailure", "GCM over CompressedData, tag flipped.", device=dev(kek=[KEK256]))
case("py-decrypt-not-compressed", {"encrypt": "aes128-cbc", "compress": True,
                                   "plaintext-raw": "00112233445566778899"},
     "decryptFailure", "declared CompressedData, plaintext is not one (project decision).",
     device=dev(kek=[KEK128]))
case("py-decrypt-key-length", {"encrypt": "aes128-cbc", "key-mode": "direct", "kek": "kek256",
                               "kek-id": "1112131415161718"},
     "decryptFailure", "AES-128-CBC, the key named is 32 octets.", device=dev(cek=[KEK256]))

# ---------------------------------------------------- 24 badCompressAlgorithm
case("py-comp-unknown-alg", {"compress": True, "cd-alg": "300d060b2a864886f70d0109100363"},
     "badCompressAlgorithm", "unknown compression algorithm.")
case("py-comp-zlib-null-params", {"compress": True,
                                  "cd-alg": "300f060b2a864886f70d01091003080500"},
     "badCompressAlgorithm", "zlib with NULL parameters (must be absent).")

# ------------------------------------------------ 25 missingCompressedContent
case("py-comp-no-content", {"compress": True, "cd-econtent": "absent"},
     "missingCompressedContent", "CompressedData without eContent.")
case("py-comp-no-content-encrypted", {"compress": True, "cd-econtent": "absent",
                                      "encrypt": "aes128-gcm"},
     "missingCompressedContent", "same, inside AuthEnvelopedData.", device=dev(kek=[KEK128]))

# ------------------------------------------------------- 26 decompressFailure
case("py-comp-garbage", {"compress": True, "zlib": "garbage"}, "decompressFailure",
     "corrupted zlib stream.")
case("py-comp-truncated", {"compress": True, "zlib": "truncated"}, "decompressFailure",
     "zlib stream cut in half.")
case("py-comp-trailing", {"compress": True, "zlib": "trailing"}, "decompressFailure",
     "octets after the end of the zlib stream.")
case("py-comp-raw-deflate", {"compress": True, "zlib": "raw"}, "decompressFailure",
     "raw DEFLATE without the zlib header (RFC 1950).")
case("py-comp-preset-dictionary", {"compress": True, "zlib": "fdict"}, "decompressFailure",
     "zlib stream that needs a preset dictionary.")
case("py-comp-bomb", {"compress": True, "zlib-input": 2 * 1024 * 1024, "fwmd": "absent"},
     "decompressFailure", "2 MiB of zeros in a few KiB, device limit 1 MiB.",
     device=dev(max_image="1048576"))
case("py-comp-bomb-within-limit", {"compress": True, "zlib-input": 2 * 1024 * 1024,
                                   "fwmd": "absent"},
     "accepted", "the same package with the default limit: 2 MiB of zeros.",
     file_as="py-comp-bomb", sha256=hashlib.sha256(b"\x00" * 2 * 1024 * 1024).hexdigest())
case("py-comp-encrypted-garbage", {"compress": True, "zlib": "garbage",
                                   "encrypt": "aes128-cbc"},
     "decompressFailure", "corrupted zlib stream inside EncryptedData.",
     device=dev(kek=[KEK128]))

# ---------------------------------------------------------- 27 wrongHardware
case("py-hw-other", {"targets": [OTHER_HW]}, "wrongHardware", "another hardware type.")
case("py-hw-empty", {"targets": []}, "wrongHardware", "empty target list (not a wildcard).")
case("py-hw-longer-oid", {"targets": [HW + ".1"]}, "wrongHardware",
     "target OID extends the device's hwType: OIDs compare exactly.")
case("py-hw-one-of-many", {"targets": [OTHER_HW, HW]}, "accepted",
     "the device's hwType is the second target.")

# ---------------------------------------------------------- 28 stalePackage
case("py-stale-equal", {}, "stalePackage", "stale list entry 5 = version 5.",
     device=dev(stale=[PKG + ":5"]))
case("py-stale-higher", {}, "stalePackage", "stale list entry 9 > version 5.",
     device=dev(stale=[PKG + ":9"]))
case("py-rollback", {}, "stalePackage", "installed version 6 > 5 (rollback).",
     device=dev(installed=[PKG + ":6"]))
case("py-stale-despite-downgrade", {}, "stalePackage",
     "--allow-downgrade does not lift the stale list.",
     device=dev(stale=[PKG + ":5"], allow_downgrade="yes"))

# --------------------------------------------------------- 29 notInCommunity
case("py-community-oid-miss", {"communities": [COMMUNITY]}, "notInCommunity",
     "device not in the community.", device=dev(community=["1.3.6.1.4.1.32473.3.2"]))
case("py-community-no-mechanism", {"communities": [COMMUNITY]}, "notInCommunity",
     "device with no community at all.")
case("py-community-empty", {"communities": []}, "notInCommunity",
     "empty community list (not a wildcard).", device=dev(community=[COMMUNITY]))
case("py-community-hw-type-miss", {"communities": [OTHER_HW + ":all"]}, "notInCommunity",
     "hwModuleList `all` for another hwType.")
case("py-community-hw-single-miss", {"communities": [HW + ":single:0103"]}, "notInCommunity",
     "`single` entry for another serial.")
case("py-community-hw-block-miss", {"communities": [HW + ":block:0103-01ff"]},
     "notInCommunity", "`block` 0103..01ff excludes 0102.")
case("py-community-hw-block-inverted", {"communities": [HW + ":block:01ff-0100"]},
     "notInCommunity", "`block` with low > high matches nothing.")
case("py-community-hw-no-entries", {"communities": [HW + ":none"]}, "notInCommunity",
     "hwModuleList with an empty hwSerialEntries.")
case("py-community-hw-no-serial", {"communities": [HW + ":single:0102"]}, "notInCommunity",
     "device that does not know its serial.",
     device={"hw-type": HW, "trust": ["keys/ec-p256.cert.pem"]})

# -------------------------------------------------- 30 unsupportedPackageType
case("py-pkg-type-unsupported", {"pkg-type": 7}, "unsupportedPackageType",
     "fwPkgType 7, the device supports 1 and 2.", device=dev(pkg_type=["1", "2"]))

# ---------------------------------------------------- 31 missingDependency
case("py-dependency-missing", {"deps": [DEP + ":3"]}, "missingDependency",
     "dependency not installed.", device=dev(installed=[PKG + ":4"]))
case("py-dependency-legacy", {"deps": ["legacy:4c4f4144"]}, "missingDependency",
     "legacy dependency without a vendor comparison.", device=dev(installed=[DEP + ":3"]))

# ---------------------------------------------- 32 wrongDependencyVersion
case("py-dependency-old", {"deps": [DEP + ":3"]}, "wrongDependencyVersion",
     "dependency installed at version 2, 3 required.", device=dev(installed=[DEP + ":2"]))

# ------------------------------------------------------- 36 breaksDependency
case("py-breaks-own-dependency", {"deps": [PKG + ":6"]}, "breaksDependency",
     "version 5 depends on its own fwPkgID at version 6, which is installed (downgrade "
     "allowed): step 19 holds before the load, but replacing version 6 by 5 leaves the "
     "dependency unsatisfied (RFC 4108 1.3: no load may leave a dependency unsatisfied).",
     device=dev(installed=[PKG + ":6"], allow_downgrade="yes"))

# ---------------------------------------------------- 33 insufficientMemory
case("py-meta-too-big", {"attrs-add": [["1.3.6.1.4.1.32473.9.1",
                                        pp.octets(b"\x00" * (300 * 1024)).hex()]]},
     "insufficientMemory", "a 300 KiB unknown signed attribute: SignerInfo beyond the "
     "processor's 256 KiB limit for framing and metadata.")

# ------------------------------------------------------------ 34 badFirmware
case("py-fw-digest-mismatch", {"fwmd": "bad"}, "badFirmware",
     "firmware-package-message-digest differs from the image's digest.")
case("py-fw-digest-sha512-mismatch", {"fwmd": "bad", "fwmd-hash": "sha512"}, "badFirmware",
     "same, with SHA-512 while the signer's digest is SHA-256.")
case("py-fw-digest-mismatch-zlib", {"fwmd": "bad", "compress": True}, "badFirmware",
     "same, compressed.")
case("py-fw-digest-mismatch-gcm", {"fwmd": "bad", "encrypt": "aes128-gcm"}, "badFirmware",
     "same, encrypted.", device=dev(kek=[KEK128]))

# ----------------------------------------------- 35 unsupportedParameters
case("py-pss-mgf-hash", signer("rsa-pss", **{"pss-mgf-hash": "sha384"}),
     "unsupportedParameters", "RSASSA-PSS with MGF1-SHA-384 and SHA-256.",
     device=dev(trust=("rsa-2048",)))
case("py-pss-trailer", signer("rsa-pss", **{"pss-trailer": 2}), "unsupportedParameters",
     "RSASSA-PSS trailerField 2.", device=dev(trust=("rsa-2048",)))
case("py-pss-no-params", signer("rsa-pss", **{"pss-params": "absent"}),
     "unsupportedParameters", "id-RSASSA-PSS without parameters.",
     device=dev(trust=("rsa-2048",)))
case("py-ecdsa-null-params", {"sig-params": "null"}, "unsupportedParameters",
     "ecdsa-with-SHA256 with NULL parameters (must be absent).")
case("py-ed25519-null-params", signer("ed25519", **{"sig-params": "null"}),
     "unsupportedParameters", "id-Ed25519 with NULL parameters (must be absent)." + ED_NOTE,
     device=dev(trust=("ed25519",)), expect_mbedtls=ED_MBEDTLS)


# ------------------------------------------------------------------- output

def raw_package(kind, keys, image):
    """Packages that are easier to write by hand than with knobs."""
    if kind == "ci-set":
        pkg = pp.build({}, keys, image)
        return b"\x31" + pkg[1:]
    return kind


def stanza(c, file_name, image_sha):
    d = c["device"]
    lines = ["[%s]" % c["name"], "file = generated/%s" % file_name, "producer = pyproducer"]
    for key in ["hw-type", "hw-serial", "trust", "anchor-no-fw", "community", "installed",
                "stale", "pkg-type", "kek", "cek", "allow-downgrade", "max-image"]:
        if key not in d:
            continue
        values = d[key] if isinstance(d[key], list) else [d[key]]
        lines += ["%s = %s" % (key, v) for v in values]
    lines.append("expect = %s" % c["expect"])
    for key in ("expect-mbedtls", "expect-wolfssl"):
        if key in c["overrides"]:
            lines.append("%s = %s" % (key, c["overrides"][key]))
    accepted = c["expect"] == "accepted" or "accepted" in [
        c["overrides"].get("expect-mbedtls"), c["overrides"].get("expect-wolfssl")]
    if accepted:
        lines.append("sha256 = %s" % (c["overrides"].get("sha256") or image_sha))
    lines.append("note = %s" % c["note"])
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description="write the pyproducer vectors")
    ap.add_argument("--keys", required=True)
    ap.add_argument("--out", required=True, help="vectors/generated")
    ap.add_argument("--manifest", required=True, help="file for the stanzas")
    ap.add_argument("--only", help="build only the cases whose name contains this")
    a = ap.parse_args(argv)
    keys = pp.Keys(a.keys)
    images = {}
    out = []
    names = set()
    for c in CASES:
        if c["name"] in names:
            raise SystemExit("duplicate case " + c["name"])
        names.add(c["name"])
        if c["image"] not in images:
            with open(os.path.join(a.out, c["image"]), "rb") as f:
                images[c["image"]] = f.read()
        image = images[c["image"]]
        file_name = (c["overrides"].get("file-as") or c["name"]) + ".der"
        if not a.only or a.only in c["name"]:
            if c["overrides"].get("file-as") is None:
                if c["raw"] is not None:
                    pkg = raw_package(c["raw"], keys, image)
                else:
                    knobs = dict(c["knobs"])
                    knobs.setdefault("label", c["name"])
                    pkg = pp.build(knobs, keys, image)
                    if c["expect"] == "accepted" and not set(knobs) & BER_KNOBS:
                        # a second opinion on the structure: pyasn1-modules
                        pp.self_check(pkg)
                with open(os.path.join(a.out, file_name), "wb") as f:
                    f.write(pkg)
        out.append(stanza(c, file_name, hashlib.sha256(image).hexdigest()))
    with open(a.manifest, "w") as f:
        f.write("\n".join(out))
    print("pysuite: %d cases" % len(CASES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
