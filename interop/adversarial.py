#!/usr/bin/python3
"""adversarial: packages aimed at the bugs that CMS implementations have had,
each with the verdict docs/procedure.md requires of a device.

  adversarial.py [--keys DIR] [--images DIR] [--out DIR] [--manifest FILE]
                 [--only TEXT] [--table]

Defaults: vectors/keys, vectors/generated (fw-small.bin), vectors/adversarial
and vectors/adversarial/MANIFEST. The manifest has the format of
vectors/MANIFEST with file names relative to vectors/ (adversarial/NAME.der).
--table prints the class table of vectors/adversarial/README.md instead.

Every package is built by pyproducer (interop/pyproducer.py) and, where a
fault cannot be asked of its knobs, changed here: before signing (the
signed attributes, the octets that are signed, the signature value, the
eContent), or after it (framing the signature does not cover). Unless the
class is about the signature itself, the package is signed correctly, so
that a device reaches the faulty part. The expectations are written here
from docs/procedure.md, never taken from what an implementation answers.
"""

import argparse
import contextlib
import hashlib
import os
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pyproducer as pp  # noqa: E402
import pysuite as ps  # noqa: E402

from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.utils import (  # noqa: E402
    decode_dss_signature, encode_dss_signature)
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # noqa: E402
from cryptography.hazmat.primitives.ciphers.aead import AESGCM  # noqa: E402

HW, PKG, DEP = ps.HW, ps.PKG, ps.DEP
KEK128, KEK256 = ps.KEK128, ps.KEK256
dev = ps.dev
ED_MBEDTLS = ps.ED_MBEDTLS
ED_NOTE = ps.ED_NOTE

TWO64 = 1 << 64
# group orders: P-256 (FIPS 186-4 D.1.2.3) and edwards25519 (RFC 8032 5.1)
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
ED25519_L = (1 << 252) + 27742317777372353535851937790883648493

# ------------------------------------------------------------ BER trees


class Tlv:
    """One TLV of a DER package, changed in place and encoded again.
    Enclosing lengths are recomputed on encode(); `length` (raw length
    octets) overrides the length of this one."""

    def __init__(self, tag, value=None, kids=None):
        self.tag = tag          # identifier octets
        self.value = value      # contents of a primitive TLV
        self.kids = kids        # children of a constructed TLV
        self.length = None

    def contents(self):
        return b"".join(k.encode() for k in self.kids) if self.kids is not None else self.value

    def encode(self):
        body = self.contents()
        return self.tag + (self.length if self.length is not None else pp.enc_len(len(body))) + body


def parse(data):
    """The TLVs of DER octets, constructed ones parsed down to primitives."""
    out = []
    i = 0
    while i < len(data):
        j = i + 1
        if data[i] & 0x1F == 0x1F:
            while data[j] & 0x80:
                j += 1
            j += 1
        tag = data[i:j]
        n = data[j]
        j += 1
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(data[j:j + k], "big")
            j += k
        body = data[j:j + n]
        if len(body) != n:
            raise ValueError("truncated TLV")
        out.append(Tlv(tag, kids=parse(body)) if data[i] & 0x20 else Tlv(tag, value=body))
        i = j + n
    return out


def tree(der):
    """The single TLV of der; checks that encoding it again gives der."""
    nodes = parse(der)
    if len(nodes) != 1 or nodes[0].encode() != der:
        raise ValueError("not one DER value")
    return nodes[0]


def signed_data(ci):
    return ci.kids[1].kids[0]


def signer_info(ci):
    return signed_data(ci).kids[-1].kids[0]


def econtent_node(ci):
    """The eContent OCTET STRING of a package with a primitive eContent."""
    return signed_data(ci).kids[2].kids[1].kids[0]


# ------------------------------------------------------------ encodings


def oid_body(arcs):
    """Contents octets of an OBJECT IDENTIFIER with these arcs (any size)."""
    first = arcs[0] * 40 + arcs[1]
    out = b""
    for arc in [first] + list(arcs[2:]):
        groups = [arc & 0x7F]
        arc >>= 7
        while arc:
            groups.insert(0, 0x80 | (arc & 0x7F))
            arc >>= 7
        out += bytes(groups)
    return out


def oid_tlv(dotted, last=None, pad_last=0):
    """OID TLV of dotted (a pyproducer name or dotted string), its last arc
    replaced by `last` and preceded by pad_last octets 0x80 when asked."""
    arcs = [int(a) for a in pp.OID.get(dotted, dotted).split(".")]
    if last is not None:
        arcs[-1] = last
    body = oid_body(arcs[:-1])
    tail = oid_body([0, arcs[-1]])  # 0 * 40 + arc: the arc's own subidentifier
    return pp.tlv(0x06, body + b"\x80" * pad_last + tail)


def int_tlv(contents):
    return pp.tlv(0x02, contents)


def aes_cbc(key, iv, data):
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


# ------------------------------------------------------------ building


@contextlib.contextmanager
def patched(name, wrap):
    """pyproducer's function `name` replaced by wrap(original) meanwhile."""
    orig = getattr(pp, name)
    setattr(pp, name, wrap(orig))
    try:
        yield
    finally:
        setattr(pp, name, orig)


def full_knobs(knobs, label):
    k = pp.knob_defaults()
    k.update(knobs)
    k["label"] = label
    return k


def build(knobs, keys, image, label, attrs=None, md=None, sig=None, econtent_octets=None,
          post=None):
    """pyproducer's package for knobs, with these changes:
    attrs(wire, tbs) -> (wire, tbs): the [0] signedAttrs written and the
        octets that are signed;
    md(econtent) -> octets: the message-digest attribute value;
    sig(signature, key, data) -> octets: the signature value written (data:
        the octets signed);
    econtent_octets(econtent) -> TLV: the eContent OCTET STRING;
    post(Tlv of the ContentInfo): changes after signing (DER framing only)."""
    knobs = dict(knobs, label=label)
    stack = contextlib.ExitStack()
    with stack:
        if attrs or md:
            def wrap_attrs(orig):
                def f(k, econtent_type, econtent, *rest):
                    if md:
                        k = dict(k, **{"message-digest": md(econtent).hex()})
                    wire, tbs = orig(k, econtent_type, econtent, *rest)
                    return attrs(wire, tbs) if attrs else (wire, tbs)
                return f
            stack.enter_context(patched("signed_attrs", wrap_attrs))
        if sig:
            def wrap_sign(orig):
                def f(k, keys_, data):
                    return sig(orig(k, keys_, data), keys_.key(k["sign-with"] or k["signer"]),
                               data)
                return f
            stack.enter_context(patched("sign", wrap_sign))
        if econtent_octets:
            stack.enter_context(patched("econtent_octets",
                                        lambda orig: lambda k, e: econtent_octets(e)))
        pkg = pp.build(knobs, keys, image)
    if post:
        ci = tree(pkg)
        post(ci)
        pkg = ci.encode()
    return pkg


def layer(knobs, keys, image, label, inner=None, inner_type="firmwarePackage"):
    """The encryption layer pyproducer writes for knobs (EncryptedData or
    AuthEnvelopedData), its CEK and its full knob set."""
    k = full_knobs(knobs, label)
    lay, cek, _ = pp.encrypted_data(k, keys, image if inner is None else inner, inner_type)
    return lay, cek, k


def compressed(knobs, image, label):
    return pp.compressed_data(full_knobs(dict(knobs, compress=True), label), image)


# ------------------------------------------------------------ the cases

CASES = []
CLASSES = []          # (id, title)
EXISTING = {}         # class id -> names of vectors/MANIFEST cases of that class
CLASS = [None]


def cls(ident, title, existing=()):
    CLASSES.append((ident, title))
    EXISTING[ident] = list(existing)
    CLASS[0] = ident


def case(name, expect, note, knobs=None, make=None, device=None, file_as=None, sha256=None,
         **overrides):
    """One vector. make(keys, image, name) -> octets, or knobs for pyproducer."""
    if make is None:
        kn = dict(knobs or {})

        def make(keys, image, label):
            return build(kn, keys, image, label)
    CASES.append({"name": name, "cls": CLASS[0], "expect": expect, "note": note,
                  "make": make, "device": device or dev(), "file_as": file_as,
                  "sha256": sha256, "overrides": {k.replace("_", "-"): v
                                                  for k, v in overrides.items()}})


def with_build(knobs=None, **changes):
    """make() for build() with these changes."""
    kn = dict(knobs or {})
    return lambda keys, image, label: build(kn, keys, image, label, **changes)


def swap_first_octet(octet):
    return lambda wire, tbs: (wire, bytes([octet]) + wire[1:])


RSA_DEV = dev(trust=("rsa-2048",))
ED_DEV = dev(trust=("ed25519",))
ED_OV = {"expect_mbedtls": ED_MBEDTLS}

# ---------------------------------------------------- 1. signature input
cls("signature", "signature over the wrong octets, signature value encodings",
    ["py-sig-flipped", "py-sig-wrong-key", "py-sig-message-digest", "py-sig-econtent-changed",
     "py-sig-econtent-changed-chunks", "py-sig-rsa-flipped", "py-sig-ed25519-flipped",
     "py-attrs-absent"])

for sname, device, extra in [("ecdsa", None, {}), ("pss", RSA_DEV, {}), ("pkcs1", RSA_DEV, {}),
                             ("ed25519", ED_DEV, ED_OV)]:
    kn = ps.signer({"ecdsa": "ecdsa-p256", "pss": "rsa-pss", "pkcs1": "rsa-pkcs1",
                    "ed25519": "ed25519"}[sname])
    case("adv-sig-over-implicit-tag-" + sname, "signatureFailure",
         "%s signature computed over the signed attributes as they are on the wire, with the "
         "[0] IMPLICIT identifier 0xA0, instead of the DER SET OF (0x31) RFC 5652 5.4 "
         "requires." % sname + (ED_NOTE if sname == "ed25519" else ""),
         make=with_build(kn, attrs=swap_first_octet(0xA0)), device=device, **extra)
case("adv-sig-over-attrs-contents", "signatureFailure",
     "signature over the contents of the signed attributes, without the SET OF header.",
     make=with_build(attrs=lambda wire, tbs: (wire, tree(tbs).contents())))
case("adv-sig-over-econtent", "signatureFailure",
     "signed attributes present, but the signature is over the eContent (the RFC 5652 form "
     "without signed attributes).",
     make=lambda keys, image, label: build({}, keys, image, label,
                                           attrs=lambda wire, tbs: (wire, image)))
case("adv-sig-over-attrs-reversed", "signatureFailure",
     "signed attributes in DER order on the wire, signature over them in reverse order.",
     make=with_build(attrs=lambda wire, tbs: (
         wire, pp.tlv(0x31, b"".join(k.encode() for k in reversed(tree(wire).kids))))))


def high_s(signature, key, data):
    r, s = decode_dss_signature(signature)
    return encode_dss_signature(r, P256_N - s)


def ecdsa_raw(signature, key, data):
    r, s = decode_dss_signature(signature)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ecdsa_seq(r_body, s_body, length=None):
    body = int_tlv(r_body) + int_tlv(s_body)
    return b"\x30" + (length or pp.enc_len(len(body))) + body


def ecdsa_fields(f):
    def g(signature, key, data):
        r, s = decode_dss_signature(signature)
        return f(r, s)
    return g


def minimal(n):
    return pp.integer(n)[2:]


case("adv-sig-ecdsa-high-s", "accepted",
     "ECDSA signature (r, n - s): as valid as (r, s); RFC 5652 and X9.62 have no low-S rule.",
     make=with_build(sig=high_s))
case("adv-sig-ecdsa-trailing", "signatureFailure",
     "ECDSA-Sig-Value followed by one octet 00 inside the signature OCTET STRING.",
     make=with_build(sig=lambda s, key, data: s + b"\x00"))
case("adv-sig-ecdsa-ber-length", "signatureFailure",
     "ECDSA-Sig-Value SEQUENCE with a long-form length (81 xx): BER, where X9.62 and RFC 5480 "
     "want DER.",
     make=with_build(sig=ecdsa_fields(lambda r, s: ecdsa_seq(
         minimal(r), minimal(s), b"\x81" + bytes([len(int_tlv(minimal(r)) +
                                                      int_tlv(minimal(s)))])))))
case("adv-sig-ecdsa-int-padded", "signatureFailure",
     "ECDSA r written with a redundant leading 00 octet: not a DER INTEGER.",
     make=with_build(sig=ecdsa_fields(lambda r, s: ecdsa_seq(b"\x00" + minimal(r), minimal(s)))))
case("adv-sig-ecdsa-r-zero", "signatureFailure", "ECDSA r = 0.",
     make=with_build(sig=ecdsa_fields(lambda r, s: encode_dss_signature(0, s))))
case("adv-sig-ecdsa-s-zero", "signatureFailure", "ECDSA s = 0.",
     make=with_build(sig=ecdsa_fields(lambda r, s: encode_dss_signature(r, 0))))
case("adv-sig-ecdsa-r-plus-n", "signatureFailure",
     "ECDSA r + n: equal to r modulo n, but out of the range [1, n-1] a verifier must check.",
     make=with_build(sig=ecdsa_fields(lambda r, s: encode_dss_signature(r + P256_N, s))))
case("adv-sig-ecdsa-s-plus-n", "signatureFailure", "ECDSA s + n (out of range).",
     make=with_build(sig=ecdsa_fields(lambda r, s: encode_dss_signature(r, s + P256_N))))
case("adv-sig-ecdsa-raw", "signatureFailure",
     "ECDSA signature as raw r || s (64 octets) instead of an ECDSA-Sig-Value.",
     make=with_build(sig=ecdsa_raw))


def negative_r(signature, key, data):
    """An ECDSA signature whose r has bit 256 set, r written in 32 octets:
    as an INTEGER that is r - 2^256."""
    r, s = decode_dss_signature(signature)
    while r >> 255 == 0:
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(pp.hashes.SHA256())))
    return ecdsa_seq(r.to_bytes(32, "big"), minimal(s))


case("adv-sig-ecdsa-negative-r", "signatureFailure",
     "ECDSA r written without the 00 octet its sign bit needs: a negative INTEGER, r - 2^256.",
     make=with_build(sig=negative_r))
case("adv-sig-empty", "signatureFailure", "signature OCTET STRING of zero octets.",
     make=with_build(sig=lambda s, key, data: b""))


def ed_s_plus_l(signature, key, data):
    s = int.from_bytes(signature[32:], "little") + ED25519_L
    return signature[:32] + s.to_bytes(32, "little")


case("adv-sig-ed25519-s-plus-l", "signatureFailure",
     "Ed25519 signature with S + L (non-canonical S >= L: RFC 8032 5.1.7 rejects it)." + ED_NOTE,
     make=with_build(ps.signer("ed25519"), sig=ed_s_plus_l), device=ED_DEV, **ED_OV)


def signature_constructed(ci):
    si = signer_info(ci)
    for i, k in enumerate(si.kids):
        if k.tag == b"\x04":
            v = k.value
            si.kids[i] = Tlv(b"\x24", kids=[Tlv(b"\x04", value=v[:20]), Tlv(b"\x04", value=v[20:])])
            return
    raise ValueError("no signature")


case("adv-sig-constructed-octets", "accepted",
     "the signature OCTET STRING in constructed form (two segments): BER outside signedAttrs "
     "is accepted (RFC 4108 digest T17), and the value is the same.",
     make=with_build(post=signature_constructed))

# ------------------------------------------------- 2. content type confusion
cls("content-type", "eContentType and content-type attribute confusion",
    ["py-ctype-mismatch", "py-ctype-mismatch-layers", "py-eci-data", "py-eci-unknown",
     "py-attrs-bad-content-type", "py-attrs-missing-contentType", "py-cd-inner-data",
     "py-cd-not-sequence", "py-eci-enc-data", "py-aed-eci-data", "py-attrs-content-hints-data"])


def fw_is_layer(keys, image, label):
    lay, _, _ = layer({"encrypt": "aes128-gcm"}, keys, image, label)
    return build({}, keys, lay, label)


case("adv-ctype-fw-holds-encrypted", "accepted",
     "eContentType id-ct-firmwarePackage whose octets happen to be an AuthEnvelopedData: the "
     "image is opaque, the device must not take it for a layer and decrypt it.",
     make=fw_is_layer, device=dev(kek=[KEK128]), sha256="layer")
case("adv-ctype-encrypted-holds-image", "badEncryptedData",
     "eContentType id-encryptedData (content-type attribute and decrypt-key-identifier agree), "
     "the eContent is the plain image.",
     make=lambda keys, image, label: build({"encrypt": "aes128-cbc",
                                            "econtent-raw": image.hex()}, keys, image, label),
     device=dev(kek=[KEK128]))
case("adv-ctype-aed-holds-encrypteddata", "badEncryptedData",
     "eContentType id-ct-authEnvelopedData, the eContent an EncryptedData (no recipientInfos).",
     make=lambda keys, image, label: build(
         {"encrypt": "aes128-gcm",
          "econtent-raw": layer({"encrypt": "aes128-cbc"}, keys, image, label)[0].hex()},
         keys, image, label),
     device=dev(kek=[KEK128]))


def nested_signed_data(keys, image, label):
    inner = pp.build({"label": label + "/inner"}, keys, image)
    sd = tree(inner).kids[1].kids[0].encode()
    return build({"econtent-type": "signedData", "econtent-raw": sd.hex()}, keys, image, label)


case("adv-ctype-econtent-signeddata", "badEncapContent",
     "eContentType id-signedData (content-type attribute agrees) around a valid signed "
     "package: a nested SignedData is no RFC 4108 content.",
     make=nested_signed_data)
case("adv-ctype-attr-encrypted-for-aed", "contentTypeMismatch",
     "content-type attribute id-encryptedData, eContentType id-ct-authEnvelopedData.",
     {"encrypt": "aes128-gcm", "content-type-attr": "encryptedData"}, device=dev(kek=[KEK128]))
case("adv-ctype-attr-firmware-for-encrypted", "contentTypeMismatch",
     "content-type attribute id-ct-firmwarePackage (the innermost type), eContentType "
     "id-encryptedData.",
     {"encrypt": "aes128-cbc", "content-type-attr": "firmwarePackage"}, device=dev(kek=[KEK128]))
case("adv-ctype-eci-encrypteddata", "badEncryptContent",
     "EncryptedContentInfo contentType id-encryptedData (an encryption layer inside another).",
     {"encrypt": "aes128-cbc", "eci-type": "encryptedData", "wk-ctype": "encryptedData"},
     device=dev(kek=[KEK128]))
case("adv-ctype-eci-signeddata", "badEncryptContent",
     "AuthEnvelopedData content type id-signedData.",
     {"encrypt": "aes128-gcm", "eci-type": "signedData"}, device=dev(kek=[KEK128]))
case("adv-ctype-cd-inner-compressed", "badEncapContent",
     "CompressedData whose eContentType is id-ct-compressedData (compression twice).",
     make=lambda keys, image, label: build(
         {"compress": True, "cd-inner-type": "compressedData"}, keys,
         compressed({}, image, label), label))
case("adv-ctype-cd-inner-encrypted", "badEncapContent",
     "CompressedData whose eContentType is id-encryptedData.",
     {"compress": True, "cd-inner-type": "encryptedData"})

# -------------------------------------------------------- 3. message digest
cls("message-digest", "message-digest attribute missing, duplicated, or over the wrong octets",
    ["py-attrs-missing-messageDigest", "py-attrs-bad-message-digest", "py-sig-message-digest",
     "py-sig-econtent-changed"])

case("adv-md-duplicated", "badSignedAttrs", "message-digest attribute twice, same value.",
     {"attrs-dup": ["messageDigest"]})


def md_twice_one_wrong(keys, image, label):
    wrong = pp.attribute("messageDigest", [pp.octets(b"\x00" * 32)])

    def attrs(wire, tbs):
        kids = sorted([k.encode() for k in tree(wire).kids] + [wrong])
        body = b"".join(kids)
        return pp.tlv(0xA0, body), pp.tlv(0x31, body)
    return build({}, keys, image, label, attrs=attrs)


case("adv-md-duplicated-one-wrong", "badSignedAttrs",
     "two message-digest attributes, the right one and one of zeros.", make=md_twice_one_wrong)
case("adv-md-two-values", "badSignedAttrs",
     "one message-digest attribute with two values, the right one and another.",
     {"attrs-two-values": ["messageDigest"]})
case("adv-md-zero-values", "badSignedAttrs", "message-digest attribute with no value.",
     {"attrs-zero-values": ["messageDigest"]})
case("adv-md-moved-unsigned", "badSignedAttrs",
     "message-digest only among the unsigned attributes.",
     make=lambda keys, image, label: build(
         {"attrs-drop": ["messageDigest"],
          "unsigned-add": [[pp.OID["messageDigest"],
                            pp.octets(hashlib.sha256(image).digest()).hex()]]},
         keys, image, label))
case("adv-md-over-econtent-tlv", "signatureFailure",
     "message-digest over the eContent OCTET STRING with its tag and length, not the value "
     "alone (RFC 5652 5.4).",
     make=with_build(md=lambda e: hashlib.sha256(pp.octets(e)).digest()))
case("adv-md-over-segment-headers", "signatureFailure",
     "eContent in 1000-octet segments; message-digest over the segments with their headers.",
     make=with_build({"econtent-form": "chunks"},
                     md=lambda e: hashlib.sha256(b"".join(
                         pp.octets(e[i:i + 1000]) for i in range(0, len(e), 1000))).digest()))
case("adv-md-over-image-compressed", "signatureFailure",
     "compressed package whose message-digest is over the plain image, not the eContent "
     "(the CompressedData).",
     make=lambda keys, image, label: build({"compress": True}, keys, image, label,
                                           md=lambda e: hashlib.sha256(image).digest()))
case("adv-md-over-plaintext-gcm", "signatureFailure",
     "AuthEnvelopedData package whose message-digest is over the plaintext image.",
     make=lambda keys, image, label: build({"encrypt": "aes128-gcm"}, keys, image, label,
                                           md=lambda e: hashlib.sha256(image).digest()),
     device=dev(kek=[KEK128]))
case("adv-md-sha384", "signatureFailure",
     "message-digest is SHA-384 of the eContent (48 octets); the digest algorithm is SHA-256.",
     make=with_build(md=lambda e: hashlib.sha384(e).digest()))
case("adv-md-truncated", "signatureFailure",
     "message-digest: the first 16 octets of the right SHA-256 value.",
     make=with_build(md=lambda e: hashlib.sha256(e).digest()[:16]))
case("adv-md-extended", "signatureFailure",
     "message-digest: the right SHA-256 value followed by one octet.",
     make=with_build(md=lambda e: hashlib.sha256(e).digest() + b"\x00"))
case("adv-md-empty", "signatureFailure", "message-digest of zero octets.",
     {"attrs-replace": {"messageDigest": pp.octets(b"").hex()}})


def md_constructed(keys, image, label):
    value = pp.tlv(0x24, pp.octets(hashlib.sha256(image).digest()[:16]) +
                   pp.octets(hashlib.sha256(image).digest()[16:]))
    return build({"attrs-replace": {"messageDigest": value.hex()}}, keys, image, label)


case("adv-md-constructed", "badSignedAttrs",
     "message-digest value as a constructed OCTET STRING of two segments (right digest): BER, "
     "not DER.", make=md_constructed)

# ------------------------------------------------- 4. signedAttrs not DER
cls("der-attrs", "signed attributes that are not DER (BER where DER is required)",
    ["py-attrs-unsorted", "py-attrs-long-length", "py-attrs-indefinite"])


def reorder(key):
    def attrs(wire, tbs):
        body = b"".join(k.encode() for k in sorted(tree(wire).kids, key=key))
        return pp.tlv(0xA0, body), pp.tlv(0x31, body)
    return attrs


def unsorted_signed_sorted(wire, tbs):
    kids = [k.encode() for k in tree(wire).kids]
    return pp.tlv(0xA0, b"".join(reversed(kids))), tbs


case("adv-der-attrs-unsorted-signed-sorted", "badSignedAttrs",
     "attributes in reverse order on the wire, signature over the DER (sorted) SET: a verifier "
     "that re-encodes before verifying would accept it.",
     make=with_build(attrs=unsorted_signed_sorted))
case("adv-der-attrs-sorted-by-oid", "badSignedAttrs",
     "attributes sorted by attribute type OID rather than by their encodings (X.690 11.6).",
     make=with_build(attrs=reorder(lambda t: t.kids[0].encode()[2:])))


def attrs_set_length(length_octets):
    def attrs(wire, tbs):
        body = tree(wire).contents()
        return b"\xA0" + length_octets(body) + body, b"\x31" + length_octets(body) + body
    return attrs


case("adv-der-attrs-set-long-length", "badSignedAttrs",
     "signedAttrs [0] with a non-minimal length (83 00 xx xx); signed as written with 0x31.",
     make=with_build(attrs=attrs_set_length(lambda b: b"\x83\x00" + len(b).to_bytes(2, "big"))))
case("adv-der-attrs-set-indefinite", "badSignedAttrs",
     "signedAttrs [0] with an indefinite length; signed as written with 0x31.",
     make=with_build(attrs=lambda wire, tbs: (
         b"\xA0\x80" + tree(wire).contents() + b"\x00\x00",
         b"\x31\x80" + tree(wire).contents() + b"\x00\x00")))


def values_long_length(wire, tbs):
    kids = tree(wire).kids
    for k in kids:
        if k.kids[0].encode() == pp.oid("targetHardwareIDs"):
            k.kids[1].length = b"\x81" + bytes([len(k.kids[1].contents())])
    body = b"".join(sorted(k.encode() for k in kids))
    return pp.tlv(0xA0, body), pp.tlv(0x31, body)


case("adv-der-attrs-values-long-length", "badSignedAttrs",
     "target-hardware-IDs attrValues SET with a non-minimal length (81 xx).",
     make=with_build(attrs=values_long_length))
case("adv-der-attrs-eoc-inside", "decodeFailure",
     "end-of-contents octets 00 00 after the last attribute inside a definite-length [0]: "
     "not BER at all (X.690 8.1.5), so step 1 refuses it before step 7 looks at the DER.",
     make=with_build(attrs=lambda wire, tbs: (
         pp.tlv(0xA0, tree(wire).contents() + b"\x00\x00"),
         pp.tlv(0x31, tree(wire).contents() + b"\x00\x00"))))
case("adv-der-attrs-empty", "badSignedAttrs", "signedAttrs [0] present and empty.",
     make=with_build(attrs=lambda wire, tbs: (b"\xA0\x00", b"\x31\x00")))
case("adv-der-attrs-null-with-contents", "badSignedAttrs",
     "community-identifiers hwModuleList with the `all` NULL written 05 01 00.",
     make=lambda keys, image, label: build(
         {"communities": [HW + ":all"],
          "attrs-replace": {"communityIdentifiers": pp.seq(pp.seq(
              pp.oid(HW), pp.seq(b"\x05\x01\x00"))).hex()}}, keys, image, label))

# ------------------------------------------------------ 5. key type confusion
cls("key-type", "key and signature algorithm of different types",
    ["py-sigalg-key-mismatch", "py-sigalg-ed25519-ec-key"])



def pss_alg(mgf=None, salt=32, extra=b""):
    """id-RSASSA-PSS with SHA-256 and these fields (DER hex)."""
    mgf = pp.alg("mgf1", pp.alg("sha256")) if mgf is None else mgf
    return pp.alg("rsassa-pss", pp.seq(pp.tlv(0xA0, pp.alg("sha256")) + pp.tlv(0xA1, mgf) +
                                       pp.tlv(0xA2, pp.integer(salt)) + extra)).hex()


PSS256 = bytes.fromhex(pss_alg())
for name, kn, device, extra, what in [
        ("ec-key-pkcs1", {"sig-alg": pp.alg("rsa-sha256", pp.null()).hex()}, None, {},
         "sha256WithRSAEncryption with a P-256 key (ECDSA signature value)"),
        ("ec-key-rsaencryption", {"sig-alg": pp.alg("rsaEncryption", pp.null()).hex()}, None, {},
         "rsaEncryption with a P-256 key"),
        ("ec-key-pss", {"sig-alg": PSS256.hex()}, None, {}, "RSASSA-PSS with a P-256 key"),
        ("rsa-key-ed25519", ps.signer("rsa-pkcs1", **{"sig-alg-oid": "ed25519",
                                                      "digest": "sha512"}),
         RSA_DEV, {}, "id-Ed25519 (with SHA-512) and an RSA key"),
        ("ed25519-key-ecdsa", ps.signer("ed25519", **{"sig-alg-oid": "ecdsa-sha512"}), ED_DEV,
         ED_OV, "ecdsa-with-SHA512 and an Ed25519 key (Ed25519 signature value)"),
        ("ed25519-key-pkcs1", ps.signer("ed25519", **{"sig-alg":
                                                      pp.alg("rsa-sha512", pp.null()).hex()}),
         ED_DEV, ED_OV, "sha512WithRSAEncryption and an Ed25519 key"),
        ("path-ec-leaf-pkcs1", {"signer": "leaf-p256", "certs": ["leaf-p256", "int-p256"],
                                "sig-alg": pp.alg("rsa-sha256", pp.null()).hex()},
         dev(trust=("ca-p384",)), {},
         "sha256WithRSAEncryption, signer a P-256 leaf certified by a valid path"),
        ("p384-key-ed25519", ps.signer("ecdsa-p384", **{"sig-alg-oid": "ed25519",
                                                        "digest": "sha512"}),
         dev(trust=("ec-p384",)), {}, "id-Ed25519 and a P-384 key")]:
    case("adv-keytype-" + name, "badSignatureAlgorithm",
         what + ": the key type does not fit (step 13)." +
         (ED_NOTE if "ed25519-key" in name else ""), kn, device=device, **extra)

# ------------------------------------------------------ 6. parameters
cls("parameters", "algorithm parameters absent, NULL or malformed",
    ["py-pkcs1-absent-params", "py-pkcs1-rsaencryption", "py-ecdsa-null-params",
     "py-ed25519-null-params", "py-pss-no-params", "py-pss-mgf-hash", "py-pss-trailer",
     "py-pss-hash-null", "py-digest-null-params", "py-si-digest-null-vs-absent",
     "py-comp-zlib-null-params", "py-enc-cbc-iv8"])

case("adv-params-rsaencryption-absent", "accepted",
     "signatureAlgorithm rsaEncryption without its NULL: RFC 4055 5 has implementations "
     "accept absent parameters as well (revision profile 1).",
     ps.signer("rsa-pkcs1", **{"sig-alg": pp.alg("rsaEncryption").hex()}), device=RSA_DEV)
case("adv-params-pkcs1-integer", "unsupportedParameters",
     "sha256WithRSAEncryption with parameters INTEGER 0 (NULL or absent only).",
     ps.signer("rsa-pkcs1", **{"sig-alg": pp.alg("rsa-sha256", pp.integer(0)).hex()}),
     device=RSA_DEV)
case("adv-params-ecdsa-empty-sequence", "unsupportedParameters",
     "ecdsa-with-SHA256 with parameters SEQUENCE {} (must be absent).",
     {"sig-alg": pp.alg("ecdsa-sha256", pp.seq()).hex()})
case("adv-params-ed25519-empty-sequence", "unsupportedParameters",
     "id-Ed25519 with parameters SEQUENCE {} (must be absent)." + ED_NOTE,
     ps.signer("ed25519", **{"sig-alg": pp.alg("ed25519", pp.seq()).hex()}), device=ED_DEV,
     **ED_OV)
case("adv-params-pss-empty", "unsupportedParameters",
     "RSASSA-PSS with parameters SEQUENCE {}: every field DEFAULT, that is SHA-1, MGF1-SHA-1, "
     "salt 20 (the profile supports SHA-2 only).",
     ps.signer("rsa-pss", **{"pss-params": "empty"}), device=RSA_DEV)
case("adv-params-pss-null", "unsupportedParameters",
     "id-RSASSA-PSS with parameters NULL instead of RSASSA-PSS-params.",
     ps.signer("rsa-pss", **{"sig-alg": pp.alg("rsassa-pss", pp.null()).hex()}), device=RSA_DEV)
case("adv-params-pss-mgf-unknown", "unsupportedParameters",
     "RSASSA-PSS whose maskGenAlgorithm is not MGF1.",
     ps.signer("rsa-pss", **{"sig-alg": pss_alg(mgf=pp.alg("1.3.6.1.4.1.32473.9.6",
                                                           pp.alg("sha256")))}),
     device=RSA_DEV)
case("adv-params-pss-mgf-no-hash", "unsupportedParameters",
     "RSASSA-PSS with MGF1 whose hash parameter is absent.",
     ps.signer("rsa-pss", **{"sig-alg": pss_alg(mgf=pp.alg("mgf1"))}), device=RSA_DEV)
case("adv-params-pss-extra-field", "unsupportedParameters",
     "RSASSA-PSS-params with a fifth field [4].",
     ps.signer("rsa-pss", **{"sig-alg": pss_alg(extra=pp.tlv(0xA4, pp.integer(1)))}),
     device=RSA_DEV)
case("adv-params-digest-integer", "badDigestAlgorithm",
     "sha256 digestAlgorithm (SignedData and SignerInfo alike) with parameters INTEGER 0 "
     "(absent or NULL only).",
     {"digest-algs": [pp.alg("sha256", pp.integer(0)).hex()],
      "si-digest": pp.alg("sha256", pp.integer(0)).hex(),
      "cap-digest": pp.alg("sha256", pp.integer(0)).hex()})
case("adv-params-zlib-empty-sequence", "badCompressAlgorithm",
     "id-alg-zlibCompress with parameters SEQUENCE {} (must be absent).",
     {"compress": True, "cd-alg": pp.alg("zlib", pp.seq()).hex()})
case("adv-params-cbc-no-iv", "badEncryptAlgorithm", "AES-128-CBC without its IV parameter.",
     {"encrypt": "aes128-cbc", "key-mode": "direct", "enc-alg": pp.alg("aes128-cbc").hex()},
     device=dev(kek=[KEK128]))
case("adv-params-cbc-iv-null", "badEncryptAlgorithm", "AES-128-CBC with NULL for its IV.",
     {"encrypt": "aes128-cbc", "key-mode": "direct",
      "enc-alg": pp.alg("aes128-cbc", pp.null()).hex()}, device=dev(kek=[KEK128]))
case("adv-params-gcm-absent", "badEncryptAlgorithm", "AES-128-GCM without GCMParameters.",
     {"encrypt": "aes128-gcm", "enc-alg": pp.alg("aes128-gcm").hex()}, device=dev(kek=[KEK128]))
case("adv-params-gcm-nonce-empty", "badEncryptAlgorithm",
     "AES-128-GCM with an empty aes-nonce (SP 800-38D: at least one octet; 12 recommended).",
     {"encrypt": "aes128-gcm", "enc-alg": pp.alg("aes128-gcm", pp.seq(pp.octets(b""))).hex()},
     device=dev(kek=[KEK128]))

# ------------------------------------------------------ 7. INTEGERs
cls("integers", "huge, negative and non-minimal INTEGERs",
    ["py-sd-v1", "py-sd-v4", "py-si-v1-ski", "py-si-v4", "py-attrs-bad-pkgid-version",
     "py-cd-v1", "py-ed-v2", "py-aed-v1", "py-enc-gcm-icv8"])


def replace_version(node_of, contents):
    def post(ci):
        node_of(ci).kids[0].value = contents
    return post


for suffix, value, what in [("neg1", -1, "-1"), ("2e64", TWO64, "2^64 (0 modulo 2^64)"),
                            ("2e64-plus-3", TWO64 + 3, "2^64 + 3 (3 modulo 2^64)"),
                            ("2e1000", 1 << 1000, "2^1000")]:
    case("adv-int-sd-version-" + suffix, "badSignedData", "SignedData version %s." % what,
         {"sd-version": value})
    case("adv-int-si-version-" + suffix, "badSignerInfo", "SignerInfo version %s." % what,
         {"si-version": value})
case("adv-int-sd-version-padded", "badSignedData",
     "SignedData version written 02 02 00 03: a non-minimal INTEGER (X.690 8.3.2), not BER.",
     make=with_build(post=replace_version(signed_data, b"\x00\x03")))
case("adv-int-sd-version-empty", "badSignedData", "SignedData version INTEGER of no octet.",
     make=with_build(post=replace_version(signed_data, b"")))
case("adv-int-si-version-padded", "badSignerInfo", "SignerInfo version written 02 02 00 03.",
     make=with_build(post=replace_version(signer_info, b"\x00\x03")))
case("adv-int-vernum-neg-2e64-plus-5", "badSignedAttrs",
     "firmware-package-identifier verNum -2^64 + 5 (5 modulo 2^64): INTEGER (0..MAX).",
     {"attrs-replace": {"firmwarePackageID": pp.seq(pp.seq(
         pp.oid(PKG), pp.integer(-TWO64 + 5))).hex()}})
case("adv-int-vernum-padded", "badSignedAttrs",
     "firmware-package-identifier verNum written 02 02 00 05: not DER.",
     {"attrs-replace": {"firmwarePackageID": pp.seq(pp.seq(
         pp.oid(PKG), int_tlv(b"\x00\x05"))).hex()}})
case("adv-int-vernum-2e64-plus-5", "badSignedAttrs",
     "verNum 2^64 + 5 (5 modulo 2^64), installed version 6: INTEGER (0..MAX) has no upper "
     "bound in RFC 4108, but the procedure bounds it to 64 bits (step 7); were it truncated "
     "it would look older than the installed version.",
     {"pkg-version": TWO64 + 5}, device=dev(installed=[PKG + ":6"]))
case("adv-int-vernum-2e64-minus-1", "accepted",
     "verNum 2^64 - 1, installed version 6.", {"pkg-version": TWO64 - 1},
     device=dev(installed=[PKG + ":6"]))
case("adv-int-vernum-2e64-stale", "badSignedAttrs",
     "verNum 2^64 (0 modulo 2^64), stale list entry 5: beyond the 64-bit bound of step 7.",
     {"pkg-version": TWO64}, device=dev(stale=[PKG + ":5"]))
case("adv-int-stale-negative", "badSignedAttrs",
     "preferredStaleVerNum -1: INTEGER (0..MAX).",
     {"attrs-replace": {"firmwarePackageID": pp.seq(pp.seq(pp.oid(PKG), pp.integer(5)),
                                                    pp.integer(-1)).hex()}})
case("adv-int-pkg-type-2e64-plus-1", "badSignedAttrs",
     "fwPkgType 2^64 + 1 (1 modulo 2^64), the device supports type 1: beyond the 64-bit "
     "bound of step 7, never truncated to a supported type.",
     {"pkg-type": TWO64 + 1}, device=dev(pkg_type=["1"]))
case("adv-int-dependency-2e64-plus-3", "badSignedAttrs",
     "dependency on version 2^64 + 3 (3 modulo 2^64), installed at version 3: beyond the "
     "64-bit bound of step 7, never truncated to a satisfied dependency.",
     {"deps": [DEP + ":%d" % (TWO64 + 3)]}, device=dev(installed=[DEP + ":3"]))
case("adv-int-cd-version-2e64", "badEncapContent",
     "CompressedData version 2^64 (0 modulo 2^64).", {"compress": True, "cd-version": TWO64})
case("adv-int-cd-version-neg", "badEncapContent", "CompressedData version -1.",
     {"compress": True, "cd-version": -1})
case("adv-int-ed-version-2e64", "badEncryptedData",
     "EncryptedData version 2^64 (0 modulo 2^64).",
     {"encrypt": "aes128-cbc", "ed-version": TWO64}, device=dev(kek=[KEK128]))
case("adv-int-aed-version-2e64", "badEncryptedData",
     "AuthEnvelopedData version 2^64 (0 modulo 2^64).",
     {"encrypt": "aes128-gcm", "ed-version": TWO64}, device=dev(kek=[KEK128]))
case("adv-int-gcm-icvlen-2e64-plus-16", "badEncryptAlgorithm",
     "GCMParameters aes-ICVlen 2^64 + 16 (16 modulo 2^64), with a 16-octet mac.",
     {"encrypt": "aes128-gcm", "gcm-icvlen": TWO64 + 16}, device=dev(kek=[KEK128]))
case("adv-int-pss-salt-2e64-plus-32", "unsupportedParameters",
     "RSASSA-PSS saltLength 2^64 + 32 (32 modulo 2^64).",
     ps.signer("rsa-pss", **{"sig-alg": pss_alg(salt=TWO64 + 32)}), device=RSA_DEV)

# ------------------------------------------------------ 8. OBJECT IDENTIFIERs
cls("oids", "OBJECT IDENTIFIERs with huge arcs, padded arcs, or empty",
    ["py-hw-longer-oid", "py-ci-unknown-type", "py-eci-unknown", "py-digest-unknown",
     "py-sigalg-unknown"])


def set_ci_type(tlv_octets):
    def post(ci):
        ci.kids[0] = parse(tlv_octets)[0]
    return post


def set_econtent_type(tlv_octets):
    def post(ci):
        signed_data(ci).kids[2].kids[0] = parse(tlv_octets)[0]
    return post


BAD_OIDS = {
    "huge-arc": ("its last arc %s + 2^64 (equal to it modulo 2^64)",
                 lambda name: oid_tlv(name, last=int(pp.OID[name].split(".")[-1]) + TWO64)),
    "padded": ("its last arc written with a redundant leading 0x80 octet (not BER: X.690 "
               "8.19.2)", lambda name: oid_tlv(name, pad_last=1)),
    "empty": ("an OBJECT IDENTIFIER of no octet", lambda name: b"\x06\x00"),
    "unterminated": ("its last octet with bit 8 set (the arc never ends)",
                     lambda name: oid_tlv(name)[:-1] + bytes([oid_tlv(name)[-1] | 0x80])),
}
for form, (what, make_oid) in BAD_OIDS.items():
    arc = pp.OID["signedData"].split(".")[-1]
    case("adv-oid-ci-" + form, "badContentInfo",
         "ContentInfo contentType id-signedData with " + (what % arc if "%s" in what else what) +
         ".", make=with_build(post=set_ci_type(make_oid("signedData"))))
    arc = pp.OID["firmwarePackage"].split(".")[-1]
    case("adv-oid-econtent-type-" + form, "badEncapContent",
         "eContentType id-ct-firmwarePackage with " + (what % arc if "%s" in what else what) +
         " (the content-type attribute is right).",
         make=with_build(post=set_econtent_type(make_oid("firmwarePackage"))))

HW_HUGE = HW.rsplit(".", 1)[0] + ".%d" % (TWO64 + 1)
case("adv-oid-target-huge-arc", "badSignedAttrs",
     "target-hardware-IDs holds only the device's hwType with its last arc 1 + 2^64: X.690 "
     "sets no limit on arcs, the procedure does (64 bits, step 7); never truncated to the "
     "device's own type.", {"targets": [HW_HUGE]})


def targets_raw(*oid_tlvs):
    return {"attrs-replace": {"targetHardwareIDs": pp.seq(*oid_tlvs).hex()}}


case("adv-oid-target-padded", "badSignedAttrs",
     "target-hardware-IDs holds the device's hwType with a 0x80-padded last arc: not BER, "
     "let alone DER (a decoder that skips the padding would match).",
     targets_raw(oid_tlv(HW, pad_last=1)))
case("adv-oid-target-empty", "badSignedAttrs",
     "target-hardware-IDs holds an empty OID and then the device's hwType.",
     targets_raw(b"\x06\x00", pp.oid(HW)))
case("adv-oid-target-unterminated", "badSignedAttrs",
     "target-hardware-IDs holds the device's hwType, then an OID whose last octet has bit 8 "
     "set.", targets_raw(pp.oid(HW), pp.oid(HW)[:-1] + bytes([pp.oid(HW)[-1] | 0x80])))
case("adv-oid-content-type-attr-padded", "badSignedAttrs",
     "content-type attribute id-ct-firmwarePackage with a 0x80-padded last arc.",
     {"attrs-replace": {"contentType": oid_tlv("firmwarePackage", pad_last=1).hex()}})


def attr_type_padded(wire, tbs):
    kids = tree(wire).kids
    for k in kids:
        if k.kids[0].encode() == pp.oid("messageDigest"):
            k.kids[0] = tree(oid_tlv("messageDigest", pad_last=1))
    body = b"".join(sorted(k.encode() for k in kids))
    return pp.tlv(0xA0, body), pp.tlv(0x31, body)


case("adv-oid-attr-type-padded", "badSignedAttrs",
     "the message-digest attribute's type written with a 0x80-padded last arc (a decoder "
     "that skips the padding would find a message-digest).",
     make=with_build(attrs=attr_type_padded))
SHA256_HUGE = pp.alg(pp.OID["sha256"].rsplit(".", 1)[0] + ".%d" % (TWO64 + 1))
case("adv-oid-digest-huge-arc", "badDigestAlgorithm",
     "digestAlgorithm 2.16.840.1.101.3.4.2.(2^64 + 1): sha256 modulo 2^64 in its last arc.",
     {"digest-algs": [SHA256_HUGE.hex()], "si-digest": SHA256_HUGE.hex(),
      "cap-digest": SHA256_HUGE.hex()})
SHA256_PADDED = pp.seq(oid_tlv("sha256", pad_last=1))
case("adv-oid-si-digest-padded", "badSignerInfo",
     "SignerInfo digestAlgorithm sha256 with a 0x80-padded last arc, SignedData's sha256: a "
     "malformed SignerInfo (step 6), whatever an OID table lookup would say.",
     {"si-digest": SHA256_PADDED.hex(), "cap": False})
case("adv-oid-cap-digest-padded", "badSignedAttrs",
     "CMSAlgorithmProtection digestAlgorithm sha256 with a 0x80-padded last arc: a known "
     "attribute whose value does not decode.",
     {"attrs-replace": {"cmsAlgorithmProtection": pp.seq(
         SHA256_PADDED, pp.tlv(0xA1, pp.oid("ecdsa-sha256"))).hex()}})
case("adv-oid-sigalg-huge-arc", "badSignatureAlgorithm",
     "signatureAlgorithm 1.2.840.10045.4.3.(2^64 + 2): ecdsa-with-SHA256 modulo 2^64.",
     {"sig-alg": pp.seq(oid_tlv("ecdsa-sha256", last=TWO64 + 2)).hex()})
case("adv-oid-sigalg-padded", "badSignerInfo",
     "signatureAlgorithm ecdsa-with-SHA256 with a 0x80-padded last arc: not an unknown "
     "algorithm (13) but a malformed SignerInfo (step 6).",
     {"sig-alg": pp.seq(oid_tlv("ecdsa-sha256", pad_last=1)).hex(), "cap": False})

# ------------------------------------------------------ 9. lengths
cls("lengths", "lengths that wrap 32- or 64-bit arithmetic",
    ["py-decode-length-overrun", "py-decode-reserved-length", "py-decode-truncated",
     "py-ber-longlen"])


def set_length(node_of, length_octets):
    def post(ci):
        n = node_of(ci)
        n.length = length_octets(len(n.contents()))
    return post


def be(n, width):
    return n.to_bytes(width, "big")


LENGTHS = {
    "2e32-plus": ("2^32 + its real length (85 01 00 00 xx xx)",
                  lambda n: b"\x85" + be(TWO64 >> 32 | n, 5)),
    "ffffffff": ("84 ff ff ff ff", lambda n: b"\x84\xff\xff\xff\xff"),
    "8-octets-2e32-plus": ("2^32 + its real length in 8 octets",
                           lambda n: b"\x88" + be((1 << 32) + n, 8)),
    "8-octets-max": ("2^64 - 1 (88 ff .. ff)", lambda n: b"\x88" + b"\xff" * 8),
    "9-octets-2e64-plus": ("2^64 + its real length in 9 octets",
                           lambda n: b"\x89" + be(TWO64 + n, 9)),
}
for form, (what, octets_of) in LENGTHS.items():
    case("adv-len-econtent-" + form, "decodeFailure",
         "eContent OCTET STRING length %s; every enclosing length counts the octets present." %
         what, make=with_build(post=set_length(econtent_node, octets_of)))
for form in ("2e32-plus", "ffffffff", "9-octets-2e64-plus"):
    what, octets_of = LENGTHS[form]
    case("adv-len-contentinfo-" + form, "decodeFailure", "ContentInfo length %s." % what,
         make=with_build(post=set_length(lambda ci: ci, octets_of)))
    case("adv-len-signerinfo-" + form, "decodeFailure", "SignerInfo length %s." % what,
         make=with_build(post=set_length(signer_info, octets_of)))
case("adv-len-tiny-84ffffffff", "decodeFailure",
     "nine octets: SEQUENCE, length 84 ff ff ff ff, INTEGER 3.",
     make=lambda keys, image, label: b"\x30\x84\xff\xff\xff\xff\x02\x01\x03")
case("adv-len-tiny-8-octets-max", "decodeFailure",
     "thirteen octets: SEQUENCE, length 88 ff ff ff ff ff ff ff ff, INTEGER 3.",
     make=lambda keys, image, label: b"\x30\x88" + b"\xff" * 8 + b"\x02\x01\x03")
case("adv-len-tiny-8-octets-wrap", "decodeFailure",
     "SEQUENCE whose 8 length octets say 2^64 - 2, so that position + length wraps to just "
     "before the value, then INTEGER 3.",
     make=lambda keys, image, label: b"\x30\x88" + b"\xff" * 7 + b"\xfe" + b"\x02\x01\x03")
case("adv-len-signed-attrs-2e32-plus", "decodeFailure",
     "signedAttrs [0] length 2^32 + its real length (framing: step 1 before step 7).",
     make=with_build(post=set_length(lambda ci: signer_info(ci).kids[3], LENGTHS["2e32-plus"][1])))
case("adv-len-signature-8-octets-2e32-plus", "decodeFailure",
     "signature OCTET STRING length 2^32 + its real length in 8 octets.",
     make=with_build(post=set_length(lambda ci: signer_info(ci).kids[5],
                                     LENGTHS["8-octets-2e32-plus"][1])))


def inner_changed(knobs, change):
    """make() for a package whose encryption or compression layer is
    changed by change(Tlv) before signing."""
    def make(keys, image, label):
        if knobs.get("encrypt"):
            lay = layer(knobs, keys, compressed(knobs, image, label)
                        if knobs.get("compress") else image, label,
                        inner_type="compressedData" if knobs.get("compress")
                        else "firmwarePackage")[0]
        else:
            lay = compressed(knobs, image, label)
        t = tree(lay)
        change(t)
        return build(dict(knobs, **{"econtent-raw": t.encode().hex()}), keys, image, label)
    return make


def change_length(path, octets_of):
    def change(t):
        for i in path:
            t = t.kids[i]
        t.length = octets_of(len(t.contents()))
    return change


W32 = LENGTHS["2e32-plus"][1]
case("adv-len-encrypteddata-2e32-plus", "badEncryptedData",
     "EncryptedData SEQUENCE length 2^32 + its real length (inside the signed eContent).",
     make=inner_changed({"encrypt": "aes128-cbc"}, change_length([], W32)),
     device=dev(kek=[KEK128]))
case("adv-len-encrypted-content-2e32-plus", "badEncryptContent",
     "EncryptedContentInfo encryptedContent [0] length 2^32 + its real length.",
     make=inner_changed({"encrypt": "aes128-cbc"}, change_length([1, 2], W32)),
     device=dev(kek=[KEK128]))
case("adv-len-aed-mac-ffffffff", "badEncryptedData",
     "AuthEnvelopedData mac length 84 ff ff ff ff.",
     make=inner_changed({"encrypt": "aes128-gcm"},
                        change_length([3], LENGTHS["ffffffff"][1])), device=dev(kek=[KEK128]))
case("adv-len-compresseddata-2e32-plus", "badEncapContent",
     "CompressedData SEQUENCE length 2^32 + its real length.",
     make=inner_changed({"compress": True}, change_length([], W32)))
case("adv-len-compressed-econtent-9-octets", "badEncapContent",
     "CompressedData eContent length 2^64 + its real length in 9 octets.",
     make=inner_changed({"compress": True},
                        change_length([2, 1, 0], LENGTHS["9-octets-2e64-plus"][1])))


def decrypted_bad_length(keys, image, label):
    kn = {"encrypt": "aes128-cbc", "compress": True}
    t = tree(compressed(kn, image, label))
    change_length([], W32)(t)
    return build(dict(kn, **{"plaintext-raw": t.encode().hex()}), keys, image, label)


case("adv-len-decrypted-compresseddata-2e32-plus", "decryptFailure",
     "the decrypted plaintext, declared id-ct-compressedData, is a CompressedData whose length "
     "is 2^32 + its real length (project decision: a plaintext that is not its declared "
     "type is a decryptFailure).", make=decrypted_bad_length, device=dev(kek=[KEK128]))

# ------------------------------------------------------ 10. nesting
cls("nesting", "nesting bombs (indefinite and definite)",
    ["py-decode-deep-nesting", "py-decode-indef-primitive", "py-decode-missing-eoc"])

case("adv-nest-bomb-top", "decodeFailure",
     "1048576 nested indefinite-length SEQUENCE starts (30 80) and no end-of-contents: 2 MiB "
     "that a recursive decoder, or one that keeps a frame per level, cannot survive.",
     make=lambda keys, image, label: b"\x30\x80" * (1 << 20))


def econtent_bomb(keys, image, label):
    bomb = b"\x24\x80" * 100000 + pp.octets(image) + b"\x00\x00" * 100000
    return build({"framing": "indef"}, keys, image, label, econtent_octets=lambda e: bomb)


case("adv-nest-bomb-econtent", "decodeFailure",
     "a signed package whose eContent is the image inside 100000 nested indefinite "
     "constructed OCTET STRINGs (each closed; message-digest over the image).",
     make=econtent_bomb)


def econtent_nested(depth, indef):
    def wrap(e):
        out = pp.octets(e)
        for _ in range(depth):
            out = pp.tlv(0x24, out, indef=indef)
        return out
    return wrap


case("adv-nest-econtent-indef-80", "decodeFailure",
     "eContent in 80 nested indefinite-length constructed OCTET STRINGs (beyond 64 levels).",
     make=with_build({"framing": "indef"}, econtent_octets=econtent_nested(80, True)))
NO_OPENSSL = " Not cross-checked with `openssl cms -verify`, which refuses constructed " \
    "strings nested more than 5 deep."
case("adv-nest-econtent-40", "accepted",
     "eContent in 40 nested constructed OCTET STRINGs (definite lengths): about 46 levels "
     "with the framing, within the 64 a device must accept." + NO_OPENSSL,
     make=with_build(econtent_octets=econtent_nested(40, False)), openssl_verify="no")
case("adv-nest-econtent-indef-40", "accepted",
     "the same with indefinite lengths throughout." + NO_OPENSSL,
     make=with_build({"framing": "indef"}, econtent_octets=econtent_nested(40, True)),
     openssl_verify="no")


def deep_seq(depth):
    out = pp.null()
    for _ in range(depth):
        out = pp.seq(out)
    return out


case("adv-nest-signed-attr-100", "decodeFailure",
     "an unknown signed attribute whose value is 100 nested SEQUENCEs (valid DER, beyond the "
     "64 levels of step 1).",
     {"attrs-add": [["1.3.6.1.4.1.32473.9.1", deep_seq(100).hex()]]})
case("adv-nest-certificate-100", "decodeFailure",
     "certificates holds a 'certificate' of 100 nested SEQUENCEs.",
     {"certs-raw": [deep_seq(100).hex()]})


def nested_compressed(keys, image, label):
    kn = {"compress": True}
    z = zlib.compress(image, 9)
    deep = pp.octets(z)
    for _ in range(100):
        deep = pp.tlv(0x24, deep)
    cd = pp.seq(pp.integer(0), pp.alg("zlib"), pp.seq(pp.oid("firmwarePackage"),
                                                      pp.tlv(0xA0, deep)))
    return build(dict(kn, **{"cd-raw": cd.hex()}), keys, image, label)


case("adv-nest-compressed-100", "badEncapContent",
     "CompressedData whose eContent is nested in 100 constructed OCTET STRINGs: its BER is "
     "read after the signature, step 22.", make=nested_compressed)

# ------------------------------------------------------ 11. zlib bombs
cls("zlib", "decompression bombs and broken zlib streams",
    ["py-comp-bomb", "py-comp-bomb-within-limit", "cmsfw-zeros-zlib-limit", "py-comp-garbage",
     "py-comp-truncated", "py-comp-trailing", "py-comp-raw-deflate",
     "py-comp-preset-dictionary"])

MIB = 1 << 20
ZEROS4 = hashlib.sha256(b"\x00" * (4 * MIB)).hexdigest()
case("adv-zlib-bomb-64m", "decompressFailure",
     "64 MiB of zeros in about 64 KiB, device limit 1 MiB: inflation must stop at the limit.",
     {"compress": True, "zlib-input": 64 * MIB, "fwmd": "absent"},
     device=dev(max_image=str(MIB)))
case("adv-zlib-limit-exact", "accepted",
     "4 MiB of zeros, device limit exactly 4 MiB (4194304): at the limit is within it.",
     {"compress": True, "zlib-input": 4 * MIB, "fwmd": "absent"},
     device=dev(max_image=str(4 * MIB)), sha256=ZEROS4)
case("adv-zlib-limit-minus-one", "decompressFailure",
     "the same package, device limit 4194303: one octet over.",
     device=dev(max_image=str(4 * MIB - 1)), file_as="adv-zlib-limit-exact")
case("adv-zlib-bomb-with-fw-digest", "decompressFailure",
     "4 MiB of zeros with a matching firmware-package-message-digest, limit 1 MiB: the limit "
     "(step 22) comes before the digest (step 24).",
     make=lambda keys, image, label: build({"compress": True, "zlib-input": 4 * MIB},
                                           keys, b"\x00" * (4 * MIB), label),
     device=dev(max_image=str(MIB)))
case("adv-zlib-bomb-gcm", "decompressFailure",
     "4 MiB of zeros compressed, then AES-GCM; limit 1 MiB.",
     {"compress": True, "zlib-input": 4 * MIB, "fwmd": "absent", "encrypt": "aes128-gcm"},
     device=dev(max_image=str(MIB), kek=[KEK128]))
case("adv-zlib-bomb-cbc", "decompressFailure",
     "4 MiB of zeros compressed, then AES-CBC with a wrapped key; limit 1 MiB.",
     {"compress": True, "zlib-input": 4 * MIB, "fwmd": "absent", "encrypt": "aes256-cbc",
      "kek": "kek256", "kek-id": "1112131415161718"},
     device=dev(max_image=str(MIB), kek=[KEK256]))


def zlib_changed(change):
    def make(keys, image, label):
        z = change(zlib.compress(image, 9))
        cd = pp.seq(pp.integer(0), pp.alg("zlib"), pp.seq(pp.oid("firmwarePackage"),
                                                          pp.tlv(0xA0, pp.octets(z))))
        return build({"compress": True, "cd-raw": cd.hex()}, keys, image, label)
    return make


def cinfo8(z):
    cmf = 0x88                          # CINFO 8: a 64 KiB window, RFC 1950 allows 7 at most
    flg = z[1] & 0xE0
    flg |= 31 - ((cmf * 256 + flg) % 31)
    return bytes([cmf, flg]) + z[2:]


case("adv-zlib-window-64k", "decompressFailure",
     "zlib header CINFO 8 (FCHECK right): a window larger than RFC 1950 allows.",
     make=zlib_changed(cinfo8))
case("adv-zlib-bad-adler", "decompressFailure",
     "zlib stream whose Adler-32 does not match the inflated image.",
     make=zlib_changed(lambda z: z[:-1] + bytes([z[-1] ^ 1])))
case("adv-zlib-two-streams", "decompressFailure",
     "two complete zlib streams one after the other.",
     make=zlib_changed(lambda z: z + z))
case("adv-zlib-empty", "decompressFailure", "CompressedData eContent of zero octets.",
     make=zlib_changed(lambda z: b""))
case("adv-zlib-header-only", "decompressFailure",
     "a zlib stream of its two header octets only.", make=zlib_changed(lambda z: z[:2]))

# ------------------------------------------------------ 12. AES-GCM tags
cls("gcm", "AES-GCM tag length and truncation",
    ["py-enc-gcm-icv8", "py-decrypt-gcm-tag", "py-decrypt-gcm-ciphertext", "py-gcm-icv12"])

GCM = {"encrypt": "aes128-gcm"}
GCM_DEV = dev(kek=[KEK128])


def gcm_full_tag(keys, image, label):
    """The 16-octet tag pyproducer's AES-128-GCM layer has for image."""
    k = full_knobs(GCM, label)
    cek = pp.cek_for(k, keys)
    nonce = pp.stream(label + "/nonce", 12)
    return AESGCM(cek).encrypt(nonce, image, None)[-16:]


def gcm_mac(mac_of, icvlen=16):
    """make() for a GCM package whose mac is mac_of(full 16-octet tag)."""
    def make(keys, image, label):
        kn = dict(GCM, **{"gcm-icvlen": icvlen})
        tag = gcm_full_tag(keys, image, label)

        def change(t):
            t.kids[3].value = mac_of(tag)
        return inner_changed(kn, change)(keys, image, label)
    return make


for n in (4, 11, 17, 0):
    case("adv-gcm-icvlen-%d" % n, "badEncryptAlgorithm",
         "aes-ICVlen %d (RFC 5084: 12 to 16), with a mac of %d octets, the tag's prefix." %
         (n, min(n, 16)), dict(GCM, **{"gcm-icvlen": n}), device=GCM_DEV)
case("adv-gcm-icvlen-negative", "badEncryptAlgorithm", "aes-ICVlen -16.",
     make=gcm_mac(lambda t: t, icvlen=-16), device=GCM_DEV)
case("adv-gcm-mac-prefix-12-of-16", "decryptFailure",
     "aes-ICVlen 16, mac the first 12 octets of the right tag.",
     make=gcm_mac(lambda t: t[:12]), device=GCM_DEV)
case("adv-gcm-mac-prefix-8-of-16", "decryptFailure",
     "aes-ICVlen 16, mac the first 8 octets of the right tag.",
     make=gcm_mac(lambda t: t[:8]), device=GCM_DEV)
case("adv-gcm-mac-prefix-1-of-16", "decryptFailure",
     "aes-ICVlen 16, mac the first octet of the right tag.",
     make=gcm_mac(lambda t: t[:1]), device=GCM_DEV)
case("adv-gcm-mac-empty", "decryptFailure", "aes-ICVlen 16, mac of zero octets.",
     make=gcm_mac(lambda t: b""), device=GCM_DEV)
case("adv-gcm-mac-16-for-icvlen-12", "decryptFailure",
     "aes-ICVlen 12 (omitted, DEFAULT), mac the whole 16-octet tag.",
     make=gcm_mac(lambda t: t, icvlen=12), device=GCM_DEV)
case("adv-gcm-mac-17", "decryptFailure", "aes-ICVlen 16, mac the right tag and one octet more.",
     make=gcm_mac(lambda t: t + b"\x00"), device=GCM_DEV)
case("adv-gcm-mac-last-octet", "decryptFailure",
     "aes-ICVlen 16, the right tag with its last octet changed (a compare that stops early "
     "would see the first 15 agree).", make=gcm_mac(lambda t: t[:15] + bytes([t[15] ^ 0x80])),
     device=GCM_DEV)
case("adv-gcm-icvlen-13", "accepted", "aes-ICVlen 13, mac the first 13 octets of the tag.",
     dict(GCM, **{"gcm-icvlen": 13}), device=GCM_DEV)


def icv12_explicit(keys, image, label):
    nonce = pp.stream(label + "/nonce", 12)
    enc_alg = pp.alg("aes128-gcm", pp.seq(pp.octets(nonce), pp.integer(12)))
    tag = gcm_full_tag(keys, image, label)

    def change(t):
        t.kids[2].kids[1] = tree(enc_alg)
        t.kids[3].value = tag[:12]
    return inner_changed(GCM, change)(keys, image, label)


case("adv-gcm-icvlen-12-explicit", "accepted",
     "aes-ICVlen 12 written out although it is the DEFAULT: BER inside the eContent, "
     "accepted.", make=icv12_explicit, device=GCM_DEV)


def aed_auth_attrs(aad_form):
    """AuthEnvelopedData with authAttrs (a content-type attribute), its
    additional data the authAttrs with the SET OF identifier (RFC 5083
    2.2), with their wire [1] identifier, or nothing."""
    def make(keys, image, label):
        k = full_knobs(GCM, label)
        cek = pp.cek_for(k, keys)
        nonce = pp.stream(label + "/nonce", 12)
        body = pp.attribute("contentType", [pp.oid("firmwarePackage")])
        wire = pp.tlv(0xA1, body)
        aad = {"set": pp.tlv(0x31, body), "implicit": wire, "none": None}[aad_form]
        sealed = AESGCM(cek).encrypt(nonce, image, aad)
        eci = pp.oid("firmwarePackage") + pp.enc_alg_id(k) + pp.tlv(0x80, sealed[:-16])
        aed = pp.seq(pp.integer(0) + pp.der_set([pp.kekri(k, keys, cek)]) + pp.seq(eci) +
                     wire + pp.octets(sealed[-16:]))
        return build(dict(GCM, **{"econtent-raw": aed.hex()}), keys, image, label)
    return make


case("adv-gcm-auth-attrs", "accepted",
     "AuthEnvelopedData with authAttrs, tag over them with the SET OF identifier (RFC 5083 2.2).",
     make=aed_auth_attrs("set"), device=GCM_DEV)
case("adv-gcm-auth-attrs-implicit-tag", "decryptFailure",
     "authAttrs present, the tag computed with them as on the wire ([1] IMPLICIT, 0xA1) as "
     "additional data instead of the SET OF form.", make=aed_auth_attrs("implicit"),
     device=GCM_DEV)
case("adv-gcm-auth-attrs-not-in-tag", "decryptFailure",
     "authAttrs present, the tag computed without additional data (authAttrs not "
     "authenticated).", make=aed_auth_attrs("none"), device=GCM_DEV)

# ------------------------------------------------------ 13. CBC padding
cls("cbc", "AES-CBC padding: every fault, one code",
    ["py-decrypt-cbc-padding", "py-decrypt-cbc-length", "py-decrypt-cbc-empty",
     "py-decrypt-not-compressed"])

CBC = {"encrypt": "aes128-cbc"}
CBC_DEV = dev(kek=[KEK128])


def cbc_plain(last_block=None, drop_padding=False, extra=b"", inner_type="firmwarePackage",
              compress=False):
    """make() for an EncryptedData whose plaintext is the image (or its
    CompressedData) followed by last_block instead of the RFC 5652 padding,
    its ciphertext followed by extra octets."""
    def make(keys, image, label):
        kn = dict(CBC, compress=compress)
        inner = compressed(kn, image, label) if compress else image
        k = full_knobs(kn, label)
        cek = pp.cek_for(k, keys)
        iv = pp.stream(label + "/iv", 16)
        plain = inner
        if not drop_padding:
            pad = 16 - len(inner) % 16
            plain = inner + bytes([pad]) * pad
            if last_block is not None:
                plain = plain[:-pad] + last_block(pad)
        if len(plain) % 16:
            raise ValueError("plaintext not whole blocks")
        ct = aes_cbc(cek, iv, plain) + extra
        eci = pp.oid("compressedData" if compress else inner_type) + pp.enc_alg_id(k) + \
            pp.tlv(0x80, ct)
        ed = pp.seq(pp.integer(0) + pp.seq(eci))
        return build(dict(kn, **{"econtent-raw": ed.hex()}), keys, image, label)
    return make


def fill(block_len, body, last):
    """A padding block: block_len - len(last) octets body, then last."""
    return bytes([body]) * (block_len - len(last)) + bytes(last)


CBC_CASES = [
    ("last-17", "last octet 17 (more than a block)",
     dict(last_block=lambda pad: fill(pad, 0x11, [0x11]))),
    ("last-ff", "last octet 0xff", dict(last_block=lambda pad: fill(pad, 0xFF, [0xFF]))),
    ("first-of-16-wrong", "16 octets of padding, the first 0x0f instead of 0x10",
     dict(last_block=lambda pad: bytes([0x0F]) + bytes([0x10]) * 15)),
    ("inner-of-4-wrong", "padding 04 04 03 04 (length 4, one octet inside wrong)",
     dict(last_block=lambda pad: fill(pad - 4, 0x10, []) + b"\x04\x04\x03\x04")),
    ("2-after-1", "padding ending 01 02 (02 would need two octets 02)",
     dict(last_block=lambda pad: fill(pad - 2, 0x10, []) + b"\x01\x02")),
    ("zeros-then-16", "15 octets 00 then 0x10",
     dict(last_block=lambda pad: bytes(15) + b"\x10")),
    ("no-padding", "no padding at all: the plaintext ends with the image's last octet (0x72)",
     dict(drop_padding=True)),
    ("length-plus-1", "ciphertext one octet longer than whole blocks",
     dict(extra=b"\x00")),
    ("length-plus-15", "ciphertext 15 octets longer than whole blocks",
     dict(extra=b"\x00" * 15)),
    ("compressed-last-0", "CompressedData plaintext, last padding octet 0",
     dict(compress=True, last_block=lambda pad: fill(pad, pad, [0]))),
]
for name, what, kw in CBC_CASES:
    case("adv-cbc-pad-" + name, "decryptFailure",
         "AES-128-CBC, %s: decryptFailure like every other padding fault, so that the "
         "verdict tells nothing about which rule failed." % what,
         make=cbc_plain(**kw), device=CBC_DEV)
case("adv-cbc-pad-valid-rebuilt", "accepted",
     "the same EncryptedData builder with the right padding: the cases above differ from an "
     "accepted package in their padding only.", make=cbc_plain(), device=CBC_DEV)


# ------------------------------------------------------------------- output

MANIFEST_KEYS = ["hw-type", "hw-serial", "trust", "anchor-no-fw", "community", "installed",
                 "stale", "pkg-type", "kek", "cek", "allow-downgrade", "max-image"]


def accepted(c):
    return "accepted" in [c["expect"]] + [c["overrides"].get("expect-" + b)
                                          for b in ("mbedtls", "wolfssl", "openssl")]


def stanza(c, image_sha):
    lines = ["[%s]" % c["name"], "file = adversarial/%s.der" % (c["file_as"] or c["name"]),
             "producer = pyproducer"]
    d = c["device"]
    for key in MANIFEST_KEYS:
        if key in d:
            values = d[key] if isinstance(d[key], list) else [d[key]]
            lines += ["%s = %s" % (key, v) for v in values]
    lines.append("expect = %s" % c["expect"])
    for b in ("mbedtls", "wolfssl", "openssl"):
        if "expect-" + b in c["overrides"]:
            lines.append("expect-%s = %s" % (b, c["overrides"]["expect-" + b]))
    if accepted(c):
        lines.append("sha256 = %s" % (image_sha or c["sha256"]))
    if c["overrides"].get("openssl-verify") == "no":
        lines.append("openssl-verify = no")
    lines.append("note = [%s] %s" % (c["cls"], c["note"]))
    return "\n".join(lines) + "\n"


def image_hash(c, pkg, image):
    """The SHA-256 of the image an accepted case yields."""
    if not accepted(c):
        return None
    if c["sha256"] == "layer":
        return hashlib.sha256(econtent_value(pkg)).hexdigest()
    return c["sha256"] or hashlib.sha256(image).hexdigest()


def econtent_value(pkg):
    return econtent_node(tree(pkg)).value


def table(manifest_cases):
    """The class table of the README: per class and expected verdict, the
    vectors here and those of vectors/MANIFEST."""
    codes = dict(pp.RFC4108_ERRORS, accepted=0)
    rows = ["| class | expected | new vectors (`adversarial/`) | existing vectors (`MANIFEST`) |",
            "|---|---|---|---|"]
    for ident, title in CLASSES:
        by_code = {}
        for c in CASES:
            if c["cls"] == ident:
                by_code.setdefault(c["expect"], ([], []))[0].append(c["name"])
        for name in EXISTING[ident]:
            by_code.setdefault(manifest_cases[name], ([], []))[1].append(name)
        first = True
        for expect in sorted(by_code, key=lambda e: codes[e]):
            new, old = by_code[expect]
            rows.append("| %s | %s | %s | %s |" % (
                "%s (`%s`)" % (title, ident) if first else "",
                expect if expect == "accepted" else "%s (%d)" % (expect, codes[expect]),
                ", ".join("`%s`" % n for n in new) or "—",
                ", ".join("`%s`" % n for n in old) or "—"))
            first = False
    return "\n".join(rows)


def main_manifest_cases(path):
    """name -> expect of the cases of vectors/MANIFEST."""
    out = {}
    name = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                name = line[1:-1]
            elif line.startswith("expect =") and name:
                out[name] = line.split("=", 1)[1].strip()
    return out


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    vectors = os.path.join(os.path.dirname(here), "vectors")
    ap = argparse.ArgumentParser(description="write the adversarial vectors")
    ap.add_argument("--keys", default=os.path.join(vectors, "keys"))
    ap.add_argument("--images", default=os.path.join(vectors, "generated"),
                    help="folder holding fw-small.bin")
    ap.add_argument("--out", default=os.path.join(vectors, "adversarial"))
    ap.add_argument("--manifest", help="default: OUT/MANIFEST")
    ap.add_argument("--only", help="build only the cases whose name contains this")
    ap.add_argument("--table", action="store_true", help="print the README class table")
    a = ap.parse_args(argv)
    main_cases = main_manifest_cases(os.path.join(vectors, "MANIFEST"))
    missing = [n for names in EXISTING.values() for n in names if n not in main_cases]
    if missing:
        raise SystemExit("not in vectors/MANIFEST: " + " ".join(missing))
    if a.table:
        print(table(main_cases))
        return 0
    keys = pp.Keys(a.keys)
    with open(os.path.join(a.images, "fw-small.bin"), "rb") as f:
        image = f.read()
    os.makedirs(a.out, exist_ok=True)
    names = set()
    stanzas = []
    built = {}
    for c in CASES:
        if c["name"] in names or c["name"] in main_cases:
            raise SystemExit("duplicate case " + c["name"])
        names.add(c["name"])
        path = os.path.join(a.out, (c["file_as"] or c["name"]) + ".der")
        if c["file_as"]:
            pkg = built.get(c["file_as"])
            if pkg is None:
                with open(path, "rb") as f:
                    pkg = f.read()
        elif a.only and a.only not in c["name"]:
            with open(path, "rb") as f:
                pkg = f.read()
        else:
            pkg = c["make"](keys, image, c["name"])
            with open(path, "wb") as f:
                f.write(pkg)
        built[c["name"]] = pkg
        stanzas.append(stanza(c, image_hash(c, pkg, image)))
    header = ("# Adversarial vectors: written by interop/adversarial.py (do not edit).\n"
              "# Format of vectors/MANIFEST; file names relative to vectors/.\n\n")
    with open(a.manifest or os.path.join(a.out, "MANIFEST"), "w") as f:
        f.write(header + "\n".join(stanzas))
    print("adversarial: %d cases" % len(CASES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
