#!/usr/bin/python3
"""pyproducer: a second, independent producer of RFC 4108 firmware packages.

It shares no code with libcmsfw. The CMS framing is written octet by octet
by the small DER/BER writer below; the RFC 4108 attribute values,
CMSAlgorithmProtection and GCMParameters are encoded with pyasn1-modules
(rfc4108, rfc6211, rfc5084), which also decodes valid results again
(rfc5652); the cryptography comes from python3-cryptography. Every package
it builds can be told to break one or more rules (the knobs of
knob_defaults()), which is how the negative vectors of vectors/ are made.

Usage:
  pyproducer.py image --kind random|text|zeros --size N OUT
  pyproducer.py build --keys DIR --image FILE --out FILE [--set KNOB=VALUE]...
  pyproducer.py knobs
  pyproducer.py hss-cert --keys DIR --key NAME --key-id HEX --issuer NAME --out FILE
VALUE is read as JSON when it parses (numbers, true/false, lists, strings in
double quotes), else as a plain string.
"""

import argparse
import base64
import datetime
import hashlib
import json
import os
import re
import sys
import zlib

from pyasn1.codec.der import decoder as der_decoder
from pyasn1.codec.der import encoder as der_encoder
from pyasn1.type import univ, useful
from pyasn1_modules import rfc4108, rfc5084, rfc5280, rfc5652, rfc6211

from cryptography import x509
from cryptography.hazmat.primitives import hashes, keywrap, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# --------------------------------------------------------------------- OIDs
OID = {
    "data": "1.2.840.113549.1.7.1",
    "signedData": "1.2.840.113549.1.7.2",
    "envelopedData": "1.2.840.113549.1.7.3",
    "encryptedData": "1.2.840.113549.1.7.6",
    "compressedData": "1.2.840.113549.1.9.16.1.9",
    "authEnvelopedData": "1.2.840.113549.1.9.16.1.23",
    "firmwarePackage": "1.2.840.113549.1.9.16.1.16",
    "zlib": "1.2.840.113549.1.9.16.3.8",
    "contentType": "1.2.840.113549.1.9.3",
    "messageDigest": "1.2.840.113549.1.9.4",
    "signingTime": "1.2.840.113549.1.9.5",
    "countersignature": "1.2.840.113549.1.9.6",
    "contentHints": "1.2.840.113549.1.9.16.2.4",
    "timeStampToken": "1.2.840.113549.1.9.16.2.14",
    "firmwarePackageID": "1.2.840.113549.1.9.16.2.35",
    "targetHardwareIDs": "1.2.840.113549.1.9.16.2.36",
    "decryptKeyID": "1.2.840.113549.1.9.16.2.37",
    "implCryptoAlgs": "1.2.840.113549.1.9.16.2.38",
    "wrappedFirmwareKey": "1.2.840.113549.1.9.16.2.39",
    "communityIdentifiers": "1.2.840.113549.1.9.16.2.40",
    "fwPkgMessageDigest": "1.2.840.113549.1.9.16.2.41",
    "firmwarePackageInfo": "1.2.840.113549.1.9.16.2.42",
    "implCompressAlgs": "1.2.840.113549.1.9.16.2.43",
    "cmsAlgorithmProtection": "1.2.840.113549.1.9.52",
    "sha1": "1.3.14.3.2.26",
    "md5": "1.2.840.113549.2.5",
    "sha256": "2.16.840.1.101.3.4.2.1",
    "sha384": "2.16.840.1.101.3.4.2.2",
    "sha512": "2.16.840.1.101.3.4.2.3",
    "ecdsa-sha256": "1.2.840.10045.4.3.2",
    "ecdsa-sha384": "1.2.840.10045.4.3.3",
    "ecdsa-sha512": "1.2.840.10045.4.3.4",
    "ecdsa-sha1": "1.2.840.10045.4.1",
    "rsaEncryption": "1.2.840.113549.1.1.1",
    "rsa-sha256": "1.2.840.113549.1.1.11",
    "rsa-sha384": "1.2.840.113549.1.1.12",
    "rsa-sha512": "1.2.840.113549.1.1.13",
    "rsassa-pss": "1.2.840.113549.1.1.10",
    "mgf1": "1.2.840.113549.1.1.8",
    "ed25519": "1.3.101.112",
    "dsa-sha256": "2.16.840.1.101.3.4.3.2",
    "aes128-cbc": "2.16.840.1.101.3.4.1.2",
    "aes256-cbc": "2.16.840.1.101.3.4.1.42",
    "aes128-gcm": "2.16.840.1.101.3.4.1.6",
    "aes256-gcm": "2.16.840.1.101.3.4.1.46",
    "aes128-wrap": "2.16.840.1.101.3.4.1.5",
    "aes256-wrap": "2.16.840.1.101.3.4.1.45",
    "des-ede3-cbc": "1.2.840.113549.3.7",
    "hss-lms": "1.2.840.113549.1.9.16.3.17",
}

HASHES = {
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
    "sha1": hashes.SHA1,
    "md5": hashes.MD5,
}

# ---------------------------------------------------------- DER/BER writer

# RFC 4108 section 5: the FirmwarePackageLoadErrorCode values, by name
RFC4108_ERRORS = {
    "decodeFailure": 1, "badContentInfo": 2, "badSignedData": 3, "badEncapContent": 4,
    "badCertificate": 5, "badSignerInfo": 6, "badSignedAttrs": 7, "badUnsignedAttrs": 8,
    "missingContent": 9, "noTrustAnchor": 10, "notAuthorized": 11, "badDigestAlgorithm": 12,
    "badSignatureAlgorithm": 13, "unsupportedKeySize": 14, "signatureFailure": 15,
    "contentTypeMismatch": 16, "badEncryptedData": 17, "unprotectedAttrsPresent": 18,
    "badEncryptContent": 19, "badEncryptAlgorithm": 20, "missingCiphertext": 21,
    "noDecryptKey": 22, "decryptFailure": 23, "badCompressAlgorithm": 24,
    "missingCompressedContent": 25, "decompressFailure": 26, "wrongHardware": 27,
    "stalePackage": 28, "notInCommunity": 29, "unsupportedPackageType": 30,
    "missingDependency": 31, "wrongDependencyVersion": 32, "insufficientMemory": 33,
    "badFirmware": 34, "unsupportedParameters": 35, "breaksDependency": 36,
}


def enc_len(n, extra_zeros=0):
    """Length octets; extra_zeros > 0 writes a (non-DER) long form with that
    many leading zero octets."""
    if n < 0x80 and extra_zeros == 0:
        return bytes([n])
    body = b"\x00" * extra_zeros + n.to_bytes(max(1, (n.bit_length() + 7) // 8), "big")
    return bytes([0x80 | len(body)]) + body


def tlv(tag, content, indef=False, extra_zeros=0):
    """One TLV. indef: BER indefinite length (tag must be constructed)."""
    t = bytes([tag]) if isinstance(tag, int) else tag
    if indef:
        return t + b"\x80" + content + b"\x00\x00"
    return t + enc_len(len(content), extra_zeros) + content


def seq(*parts, indef=False):
    return tlv(0x30, b"".join(parts), indef=indef)


def der_set(items, sort=True):
    items = list(items)
    if sort:
        items = sorted(items)
    return tlv(0x31, b"".join(items))


def oid(dotted):
    return der_encoder.encode(univ.ObjectIdentifier(OID.get(dotted, dotted)))


def integer(n):
    return der_encoder.encode(univ.Integer(n))


def octets(b):
    return tlv(0x04, b)


def null():
    return b"\x05\x00"


def alg(name, params=None):
    """AlgorithmIdentifier; params is a DER TLV or None (absent)."""
    return seq(oid(name), params or b"")


def constructed_octets(data, chunk, indef=False):
    """A constructed OCTET STRING (BER) with segments of `chunk` octets."""
    segs = [octets(data[i:i + chunk]) for i in range(0, len(data), chunk)] or [octets(b"")]
    return tlv(0x24, b"".join(segs), indef=indef)


def asn1(value):
    """DER of a pyasn1 value."""
    return der_encoder.encode(value)


# ------------------------------------------------------ deterministic bytes


def stream(label, n):
    """n octets derived from label (test-only: CEKs, IVs, images)."""
    out = bytearray()
    i = 0
    while len(out) < n:
        out += hashlib.sha256(b"%s/%d" % (label.encode(), i)).digest()
        i += 1
    return bytes(out[:n])


def make_image(kind, size):
    if kind == "zeros":
        return b"\x00" * size
    if kind == "random":
        return stream("image", size)
    # "text": compressible, with some noise so that it is not trivial
    words = [b"firmware", b"block", b"boot", b"vector", b"cmsfw", b"image", b"0123", b"\n"]
    noise = stream("text-noise", size)
    out = bytearray(b"CMSFW TEST IMAGE\n")
    i = 0
    while len(out) < size:
        out += words[noise[i % len(noise)] % len(words)] + b" "
        i += 1
    return bytes(out[:size])


# ------------------------------------------------------------------- keys


class Keys:
    """The PEM keys and certificates of vectors/keys (KEY.key.pem, KEY.cert.pem)."""

    def __init__(self, folder):
        self.folder = folder
        self._cache = {}

    def key(self, name):
        k = ("key", name)
        if k not in self._cache:
            with open(os.path.join(self.folder, name + ".key.pem"), "rb") as f:
                self._cache[k] = serialization.load_pem_private_key(f.read(), None)
        return self._cache[k]

    def cert(self, name):
        k = ("cert", name)
        if k not in self._cache:
            with open(os.path.join(self.folder, name + ".cert.pem"), "rb") as f:
                self._cache[k] = x509.load_pem_x509_certificate(f.read())
        return self._cache[k]

    def cert_der(self, name):
        return self.cert(name).public_bytes(serialization.Encoding.DER)

    def ski(self, name):
        ext = self.cert(name).extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
        return ext.value.digest

    def issuer_serial(self, name):
        c = self.cert(name)
        return seq(c.issuer.public_bytes(), integer(c.serial_number))

    def hss(self, name):
        """The HSS key of keys/NAME.key (see HssKey)."""
        k = ("hss", name)
        if k not in self._cache:
            self._cache[k] = HssKey(os.path.join(self.folder, name + ".key"))
        return self._cache[k]

    def kek(self, name):
        with open(os.path.join(self.folder, name + ".hex")) as f:
            return bytes.fromhex(f.read().strip())


# ------------------------------------------------------------ HSS/LMS
# RFC 8554 signing, written from the RFC: SHA-256, n = m = 32. Tree and
# one-time keys of the top level from SEED and I as in RFC 8554 Appendix
# A; the lower trees from SEED, I and the signing leaf of their parent,
# by a derivation of this producer's own (a verifier never sees it).

# LM-OTS type -> (w, p, ls) of RFC 8554 Table 1
LMOTS_W = {1: (1, 265, 7), 2: (2, 133, 6), 3: (4, 67, 4), 4: (8, 34, 0)}
LMS_H = {5: 5, 6: 10, 7: 15}  # LMS_SHA256_M32_Hh type: h
D_PBLC, D_MESG, D_LEAF, D_INTR = 0x8080, 0x8181, 0x8282, 0x8383


def u32(n):
    return n.to_bytes(4, "big")


def u16(n):
    return n.to_bytes(2, "big")


def h256(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


def lmots_coefs(s, w):
    """coef(S, i, w) for every i: the w-bit digits of S, most significant first."""
    out = []
    for byte in s:
        for shift in range(8 - w, -1, -w):
            out.append((byte >> shift) & ((1 << w) - 1))
    return out


class LmsTree:
    """One LMS tree: its SEED, I, types, and every node (built once)."""

    def __init__(self, seed, ident, lms_type, ots_type):
        self.seed, self.ident = seed, ident
        self.lms_type, self.ots_type = lms_type, ots_type
        self.h = LMS_H[lms_type]
        w, p, _ = LMOTS_W[ots_type]
        leaves = 1 << self.h
        self.nodes = {}
        for q in range(leaves):
            ys = [self._chain(q, i, self._x(q, i), 0, (1 << w) - 1) for i in range(p)]
            k = h256(ident, u32(q), u16(D_PBLC), *ys)
            self.nodes[leaves + q] = h256(ident, u32(leaves + q), u16(D_LEAF), k)
        for r in range(leaves - 1, 0, -1):
            self.nodes[r] = h256(ident, u32(r), u16(D_INTR), self.nodes[2 * r],
                                 self.nodes[2 * r + 1])

    def _x(self, q, i):
        return h256(self.ident, u32(q), u16(i), b"\xff", self.seed)

    def _chain(self, q, i, tmp, start, end):
        for j in range(start, end):
            tmp = h256(self.ident, u32(q), u16(i), bytes([j]), tmp)
        return tmp

    def public(self):
        return u32(self.lms_type) + u32(self.ots_type) + self.ident + self.nodes[1]

    def sign(self, q, msg):
        """LMS signature of @msg with leaf @q (RFC 8554 4.5 and 5.4.1)."""
        w, p, ls = LMOTS_W[self.ots_type]
        c = h256(b"pyproducer C", self.ident, u32(q), self.seed, msg)
        qd = h256(self.ident, u32(q), u16(D_MESG), c, msg)
        digits = lmots_coefs(qd, w)
        cksm = sum((1 << w) - 1 - a for a in digits) << ls
        digits = lmots_coefs(qd + u16(cksm), w)[:p]
        ys = [self._chain(q, i, self._x(q, i), 0, digits[i]) for i in range(p)]
        r = (1 << self.h) + q
        path = [self.nodes[(r >> i) ^ 1] for i in range(self.h)]
        return u32(q) + u32(self.ots_type) + c + b"".join(ys) + u32(self.lms_type) + b"".join(path)

    def child(self, q, lms_type, ots_type):
        base = self.seed + self.ident + u32(q)
        return LmsTree(h256(base, b"pyproducer child SEED"),
                       h256(base, b"pyproducer child I")[:16], lms_type, ots_type)


class HssKey:
    """An HSS private key in the text file format of `cmsfw keygen`
    (docs/cmsfw.1): levels, types per level, SEED and I of the top tree,
    the public key and `next`, the state, advanced in the file before a
    signature is returned. A key signed here must never be used by
    another signer: its lower trees are this producer's own."""

    def __init__(self, path):
        self.path = path
        self.fields = {}
        with open(path) as f:
            for line in f:
                key, sep, value = line.partition(":")
                if sep:
                    self.fields[key.strip()] = value.strip()
        self.lms = [int(v) for v in self.fields["lms"].split()]
        self.ots = [int(v) for v in self.fields["ots"].split()]
        self.top = LmsTree(bytes.fromhex(self.fields["seed"]), bytes.fromhex(self.fields["id"]),
                           self.lms[0], self.ots[0])
        if self.public() != bytes.fromhex(self.fields["public"]):
            raise ValueError("%s: the public key does not follow from SEED and I" % path)

    def public(self):
        return u32(len(self.lms)) + self.top.public()

    def _advance(self):
        index = int(self.fields["next"])
        if index >= 1 << sum(LMS_H[t] for t in self.lms):
            raise ValueError("%s: exhausted" % self.path)
        self.fields["next"] = str(index + 1)
        with open(self.path) as f:
            text = f.read()
        text = re.sub(r"(?m)^next: *\d+$", "next: %d" % (index + 1), text)
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)
        return index

    def sign(self, msg, flip_level=None):
        """HSS signature (RFC 8554 6.2); @flip_level: the level (0 = top)
        whose LMS signature gets one bit flipped in its one-time part."""
        index = self._advance()
        heights = [LMS_H[t] for t in self.lms]
        leaves = []
        for level in range(len(heights)):
            below = sum(heights[level + 1:])
            leaves.append((index >> below) & ((1 << heights[level]) - 1))
        trees = [self.top]
        for level in range(1, len(heights)):
            trees.append(trees[-1].child(leaves[level - 1], self.lms[level], self.ots[level]))
        sigs = []
        for level, tree in enumerate(trees):
            m = trees[level + 1].public() if level + 1 < len(trees) else msg
            s = tree.sign(leaves[level], m)
            if level == flip_level:
                s = s[:60] + bytes([s[60] ^ 0x10]) + s[61:]  # inside y[0]
            sigs.append(s)
        out = u32(len(trees) - 1)
        for level in range(len(trees) - 1):
            out += sigs[level] + trees[level + 1].public()
        return out + sigs[-1]


# ------------------------------------------------------ attribute values


def v_pkg_id(k):
    """FirmwarePackageIdentifier from knobs pkg-oid/pkg-version/pkg-legacy/stale."""
    fpi = rfc4108.FirmwarePackageIdentifier()
    name = fpi["name"]
    if k["pkg-legacy"] is not None:
        name["legacy"] = univ.OctetString(bytes.fromhex(k["pkg-legacy"]))
    else:
        name["preferred"]["fwPkgID"] = univ.ObjectIdentifier(k["pkg-oid"])
        name["preferred"]["verNum"] = k["pkg-version"]
    if k["stale"] is not None:
        if isinstance(k["stale"], str):
            fpi["stale"]["legacyStaleVersion"] = univ.OctetString(bytes.fromhex(k["stale"]))
        else:
            fpi["stale"]["preferredStaleVerNum"] = k["stale"]
    return asn1(fpi)


def v_oid_list(cls, oids):
    v = cls()
    for o in oids:
        v.append(univ.ObjectIdentifier(OID.get(o, o)))
    return asn1(v)


def v_communities(entries):
    """entries: 'OID' (communityOID) or 'HWOID:all', 'HWOID:single:HEX',
    'HWOID:block:LO-HI' (hwModuleList, entries of one HWOID merged)."""
    v = rfc4108.CommunityIdentifiers()
    modules = {}
    order = []
    for e in entries:
        parts = e.split(":")
        if len(parts) == 1:
            ci = rfc4108.CommunityIdentifier()
            ci["communityOID"] = univ.ObjectIdentifier(parts[0])
            order.append(ci)
            continue
        hw = parts[0]
        if hw not in modules:
            ci = rfc4108.CommunityIdentifier()
            ci["hwModuleList"]["hwType"] = univ.ObjectIdentifier(hw)
            ci["hwModuleList"]["hwSerialEntries"].clear()
            modules[hw] = ci
            order.append(ci)
        entry = rfc4108.HardwareSerialEntry()
        if parts[1] == "all":
            entry["all"] = univ.Null("")
        elif parts[1] == "single":
            entry["single"] = univ.OctetString(bytes.fromhex(parts[2]))
        elif parts[1] == "block":
            lo, hi = parts[2].split("-")
            entry["block"]["low"] = univ.OctetString(bytes.fromhex(lo))
            entry["block"]["high"] = univ.OctetString(bytes.fromhex(hi))
        elif parts[1] == "none":
            continue
        modules[hw]["hwModuleList"]["hwSerialEntries"].append(entry)
    for ci in order:
        v.append(ci)
    return asn1(v)


def v_pkg_info(pkg_type, deps):
    """FirmwarePackageInfo; deps: 'OID:VERSION' or 'legacy:HEX'."""
    v = rfc4108.FirmwarePackageInfo()
    if pkg_type is not None:
        v["fwPkgType"] = pkg_type
    if deps:
        for d in deps:
            name = rfc4108.PreferredOrLegacyPackageIdentifier()
            o, ver = d.rsplit(":", 1)
            if o == "legacy":
                name["legacy"] = univ.OctetString(bytes.fromhex(ver))
            else:
                name["preferred"]["fwPkgID"] = univ.ObjectIdentifier(o)
                name["preferred"]["verNum"] = int(ver)
            v["dependencies"].append(name)
    return asn1(v)


def v_fw_digest(hash_name, digest):
    v = rfc4108.FirmwarePackageMessageDigest()
    v["algorithm"]["algorithm"] = univ.ObjectIdentifier(OID[hash_name])
    v["msgDigest"] = univ.OctetString(digest)
    return asn1(v)


def v_alg_protection(digest_alg, sig_alg):
    v = rfc6211.CMSAlgorithmProtection()
    v["digestAlgorithm"] = der_decoder.decode(digest_alg, asn1Spec=rfc5280.AlgorithmIdentifier())[0]
    sa = der_decoder.decode(sig_alg, asn1Spec=rfc5280.AlgorithmIdentifier())[0]
    v["signatureAlgorithm"]["algorithm"] = sa["algorithm"]
    if sa["parameters"].isValue:
        v["signatureAlgorithm"]["parameters"] = sa["parameters"]
    return asn1(v)


def v_content_hints(ctype, text="cmsfw test image"):
    return seq(tlv(0x0C, text.encode()), oid(ctype))


def v_signing_time():
    return asn1(useful.UTCTime("250101000000Z"))


def attribute(type_oid, values, sort_values=True):
    return seq(oid(type_oid), der_set(values, sort=sort_values))


# -------------------------------------------------------- the knobs


def knob_defaults():
    """Every knob with its default. Values that are None mean 'absent' or
    'computed'. See the comments for what each breaks."""
    return {
        # signer
        "signer": "ec-p256",          # key name in the keys folder
        "sig": "ecdsa",               # ecdsa | pss | pkcs1 | ed25519 | hss (keys/SIGNER.key,
                                      # named by the SKI of keys/SIGNER.cert.pem)
        "digest": "sha256",           # sha256 | sha384 | sha512 | sha1 | md5 | an OID
        "digest-params": "absent",    # absent | null (digestAlgorithm parameters)
        "si-digest": None,            # SignerInfo digestAlgorithm DER hex (default: SignedData's)
        "digest-algs": None,          # list of DER hex: SignedData.digestAlgorithms
        "sig-alg": None,              # signatureAlgorithm DER hex (default from sig/digest)
        "sig-alg-oid": None,          # signatureAlgorithm OID only, parameters absent
        "sig-params": "default",      # ecdsa: default|null; pkcs1: default(NULL)|absent|rsaEncryption
        "pss-hash": None,             # PSS params: hash (default: digest)
        "pss-mgf-hash": None,         # PSS params: MGF1 hash (default: pss-hash)
        "pss-salt": None,             # PSS params: saltLength (default: hash length)
        "pss-trailer": None,          # PSS params: trailerField, written when set
        "pss-hash-null": False,       # PSS params: NULL parameters in the hash identifiers
        "pss-params": "present",      # present | absent | empty
        "sign-with": None,            # sign with this key instead (sid still names the signer)
        "sign-hash": None,            # hash used for the signature value (default: digest)
        "signature-flip": False,      # flip a bit of the signature value
        "signature-truncate": 0,      # octets cut from the end of the signature value
        "hss-flip-level": None,       # hss: flip a bit in this level's LMS signature (0 = top)
        "sid": "ski",                 # ski | ski-constructed | issuer-serial | hex:DER
        "si-version": 3,
        "certs": [],                  # certificate names for SignedData.certificates
        "certs-raw": [],              # extra CertificateChoices, DER hex
        "cert-tamper": None,          # certificate name whose signature gets a flipped bit
        "crls-raw": None,             # RevocationInfoChoices content, DER hex
        "crl-from": None,             # include a CRL issued by this key name
        # SignedData / ContentInfo
        "ci-type": "signedData",
        "ci-no-content": False,
        "ci-raw": None,               # ContentInfo content (inside [0]) DER hex
        "sd-version": 3,
        "signer-infos": 1,            # 0, 1 or 2 copies of the SignerInfo
        "econtent-type": None,        # default from the layers
        "econtent": "present",        # present | absent
        "econtent-form": "primitive", # primitive | chunks | nested | deep | indef-primitive
        "econtent-chunk": 1000,
        "econtent-raw": None,         # replaces the eContent octets, DER hex
        "econtent-flip": False,       # flip a bit of the eContent after signing
        "framing": "der",             # der | indef (openssl cms -stream style) | longlen
        # signed attributes
        "attrs": "present",           # present | absent
        "attrs-drop": [],             # attribute names or OIDs not written
        "attrs-dup": [],              # attributes written twice
        "attrs-two-values": [],       # attributes with two values
        "attrs-zero-values": [],      # attributes with an empty SET of values
        "attrs-replace": {},          # name -> value DER hex
        "attrs-add": [],              # [OID, value DER hex] pairs
        "attrs-order": "der",         # der | reversed
        "attrs-longlen": None,        # attribute name written with a non-minimal length
        "attrs-indef": None,          # attribute name written with an indefinite length
        "content-type-attr": None,    # content-type attribute value (default: eContentType)
        "message-digest": None,       # hex; default computed
        "cap": True,                  # CMSAlgorithmProtection
        "cap-digest": None,           # its digestAlgorithm DER hex
        "cap-sig": None,              # its signatureAlgorithm DER hex
        "signing-time": True,
        "content-hints": None,        # contentType name of a content-hints attribute
        "fwmd": "ok",                 # ok | bad | absent (firmware-package-message-digest)
        "fwmd-hash": None,            # its hash (default: the signer's digest)
        "pkg-oid": "1.3.6.1.4.1.32473.2.1",
        "pkg-version": 5,
        "pkg-legacy": None,           # hex: legacy name instead
        "stale": None,                # int, or hex for a legacy stale version
        "targets": ["1.3.6.1.4.1.32473.1.1"],
        "communities": None,          # list, see v_communities
        "pkg-type": None,
        "deps": None,                 # list 'OID:VERSION' | 'legacy:HEX'
        "impl-crypto": None,
        "impl-compress": None,
        # unsigned attributes
        "unsigned-add": [],           # [OID, value DER hex] pairs
        "wrapped-key": "auto",        # auto | none | twice | two-values | raw:HEX
        # compression
        "compress": False,
        "cd-version": 0,
        "cd-alg": None,               # DER hex
        "cd-inner-type": "firmwarePackage",
        "cd-econtent": "present",     # present | absent
        "zlib": "ok",                 # ok | garbage | trailing | truncated | fdict | raw
        "zlib-input": None,           # size of zeros to compress instead of the image (bomb)
        "cd-raw": None,               # replaces the CompressedData DER (hex)
        # encryption
        "encrypt": None,              # aes128-cbc | aes256-cbc | aes128-gcm | aes256-gcm
        "kek": "kek128",              # device KEK file name (without .hex)
        "kek-id": "0102030405060708",
        "key-mode": "wrapped",        # wrapped (CBC: wrapped-firmware-key) | direct (dkid = CEK name)
        "cek": None,                  # hex CEK (default derived from the case name)
        "dkid": None,                 # decrypt-key-identifier hex (default: the kek-id, except
                                      # for CBC with a wrapped key: a name of the CEK itself)
        "wrap-kek-id": None,          # kekri keyIdentifier (default: kek-id)
        "wrap-with": None,            # hex KEK used to wrap (default: the device KEK)
        "ed-version": None,           # EncryptedData / AuthEnvelopedData version
        "ed-unprotected": False,      # add unprotectedAttrs / unauthAttrs
        "eci-type": None,             # EncryptedContentInfo contentType
        "enc-alg": None,              # DER hex of contentEncryptionAlgorithm
        "iv-len": 16,
        "gcm-icvlen": 16,
        "ciphertext": "present",      # present | absent | empty
        "cbc-padding": "ok",          # ok | bad | none (no padding: length not a block multiple)
        "gcm-tag-flip": False,
        "plaintext-raw": None,        # encrypt these octets instead of the inner layer (hex)
        "wk-ctype": None,             # wrapped-key EnvelopedData contentType
        "wk-iv-differs": False,       # wrapped-key EnvelopedData with another IV
        "wk-with-content": False,     # wrapped-key EnvelopedData carries the ciphertext
        "ed-raw": None,               # replaces the encryption layer DER (hex)
        # after signing
        "trailing": None,             # hex appended after the ContentInfo
        "truncate": 0,                # octets removed from the end
        "label": "pyproducer",        # seeds CEK, IV, nonce
    }


KNOB_NAMES = set(knob_defaults())


def hx(s):
    return bytes.fromhex(s) if s else b""


# --------------------------------------------------------------- layers


def zlib_stream(k, image):
    data = b"\x00" * k["zlib-input"] if k["zlib-input"] else image
    mode = k["zlib"]
    if mode == "raw":
        c = zlib.compressobj(9, zlib.DEFLATED, -15)
        return c.compress(data) + c.flush()
    if mode == "fdict":
        c = zlib.compressobj(9, zlib.DEFLATED, 15, zdict=b"cmsfw dictionary")
        return c.compress(data) + c.flush()
    z = zlib.compress(data, 9)
    if mode == "garbage":
        return z[:2] + bytes(b ^ 0x5A for b in z[2:40]) + z[40:]
    if mode == "trailing":
        return z + b"\x01\x02\x03\x04"
    if mode == "truncated":
        return z[: len(z) // 2]
    return z


def compressed_data(k, image):
    if k["cd-raw"] is not None:
        return hx(k["cd-raw"])
    cd_alg = hx(k["cd-alg"]) if k["cd-alg"] else alg("zlib")
    eci = oid(k["cd-inner-type"])
    if k["cd-econtent"] == "present":
        eci += tlv(0xA0, octets(zlib_stream(k, image)))
    return seq(integer(k["cd-version"]), cd_alg, seq(eci))


def cek_for(k, keys):
    """The content-encryption key: with key-mode direct, the device key that
    decrypt-key-identifier names; else a fresh one derived from the label."""
    if k["cek"]:
        return hx(k["cek"])
    if k["key-mode"] == "direct":
        return keys.kek(k["kek"])
    return stream(k["label"] + "/cek", 16 if k["encrypt"].startswith("aes128") else 32)


def kekri(k, keys, cek):
    kek = hx(k["wrap-with"]) if k["wrap-with"] else keys.kek(k["kek"])
    wrap_alg = "aes128-wrap" if len(kek) == 16 else "aes256-wrap"
    kid = hx(k["wrap-kek-id"] or k["kek-id"])
    body = integer(4) + seq(octets(kid)) + alg(wrap_alg) + octets(keywrap.aes_key_wrap(kek, cek))
    return tlv(0xA2, body)


def enc_alg_id(k):
    if k["enc-alg"]:
        return hx(k["enc-alg"])
    name = k["encrypt"]
    if name.endswith("cbc"):
        return alg(name, octets(stream(k["label"] + "/iv", k["iv-len"])))
    nonce = stream(k["label"] + "/nonce", 12)
    if not 12 <= k["gcm-icvlen"] <= 16:
        # outside what RFC 5084 allows: pyasn1 would refuse to encode it
        return alg(name, seq(octets(nonce), integer(k["gcm-icvlen"])))
    p = rfc5084.GCMParameters()
    p["aes-nonce"] = nonce
    if k["gcm-icvlen"] != 12:
        p["aes-ICVlen"] = k["gcm-icvlen"]
    return alg(name, asn1(p))


def unprotected_attrs(tag):
    return tlv(tag, attribute("signingTime", [v_signing_time()]))


def encrypt_cbc(k, cek, plain):
    """AES-CBC with the RFC 5652 padding, or with the padding broken on purpose."""
    iv = (stream(k["label"] + "/iv", k["iv-len"]) + b"\x00" * 16)[:16]
    pad = 16 - len(plain) % 16
    padded = plain + bytes([pad] * pad)
    if k["cbc-padding"] == "bad":
        # last octet 0: no valid pad length
        padded = padded[:-1] + b"\x00"
    enc = Cipher(algorithms.AES(cek), modes.CBC(iv)).encryptor()
    ct = enc.update(padded) + enc.finalize()
    if k["cbc-padding"] == "none":
        ct = ct[:-1]  # not a multiple of the block size
    return ct


def encrypted_data(k, keys, inner, inner_type):
    """EncryptedData (CBC) or AuthEnvelopedData (GCM) around inner."""
    cek = cek_for(k, keys)
    plain = hx(k["plaintext-raw"]) if k["plaintext-raw"] is not None else inner
    ealg = enc_alg_id(k)
    eci_type = oid(k["eci-type"] or inner_type)
    if k["encrypt"].endswith("cbc"):
        ct = encrypt_cbc(k, cek, plain)
        eci = eci_type + ealg
        if k["ciphertext"] == "present":
            eci += tlv(0x80, ct)
        elif k["ciphertext"] == "empty":
            eci += tlv(0x80, b"")
        body = integer(0 if k["ed-version"] is None else k["ed-version"]) + seq(eci)
        if k["ed-unprotected"]:
            body += unprotected_attrs(0xA1)
        return seq(body), cek, ealg
    # AES-GCM in AuthEnvelopedData (RFC 5083/5084): no authAttrs, empty AAD
    nonce = stream(k["label"] + "/nonce", 12)
    aead = AESGCM(cek).encrypt(nonce, plain, None)
    ct, tag = aead[:-16], aead[-16:][: min(16, k["gcm-icvlen"])]
    if k["gcm-tag-flip"]:
        tag = bytes([tag[0] ^ 1]) + tag[1:]
    eci = eci_type + ealg
    if k["ciphertext"] == "present":
        eci += tlv(0x80, ct)
    elif k["ciphertext"] == "empty":
        eci += tlv(0x80, b"")
    body = integer(0 if k["ed-version"] is None else k["ed-version"])
    body += der_set([kekri(k, keys, cek)]) + seq(eci) + octets(tag)
    if k["ed-unprotected"]:
        body += unprotected_attrs(0xA2)
    return seq(body), cek, ealg


def wrapped_key_value(k, keys, cek, inner_type, ealg):
    """The EnvelopedData of the wrapped-firmware-key attribute (detached content)."""
    if k["wk-iv-differs"]:
        ealg = alg(k["encrypt"], octets(stream(k["label"] + "/other-iv", 16)))
    eci = oid(k["wk-ctype"] or inner_type) + ealg
    if k["wk-with-content"]:
        eci += tlv(0x80, b"\x00" * 16)
    return seq(integer(2), der_set([kekri(k, keys, cek)]), seq(eci))


# ------------------------------------------------------------ signature


def digest_alg_der(k, name=None):
    name = name or k["digest"]
    return alg(name, null() if k["digest-params"] == "null" else None)


def pss_params(k):
    h = k["pss-hash"] or k["digest"]
    mh = k["pss-mgf-hash"] or h
    salt = k["pss-salt"] if k["pss-salt"] is not None else HASHES[h].digest_size
    hp = null() if k["pss-hash-null"] else None
    body = tlv(0xA0, alg(h, hp)) + tlv(0xA1, alg("mgf1", alg(mh, hp))) + tlv(0xA2, integer(salt))
    if k["pss-trailer"] is not None:
        body += tlv(0xA3, integer(k["pss-trailer"]))
    return seq(body)


def sig_alg_der(k):
    if k["sig-alg"]:
        return hx(k["sig-alg"])
    if k["sig-alg-oid"]:
        return alg(k["sig-alg-oid"])
    s, d = k["sig"], k["digest"]
    if s == "ecdsa":
        return alg("ecdsa-" + d, null() if k["sig-params"] == "null" else None)
    if s == "pkcs1":
        if k["sig-params"] == "rsaEncryption":
            return alg("rsaEncryption", null())
        return alg("rsa-" + d, None if k["sig-params"] == "absent" else null())
    if s == "pss":
        if k["pss-params"] == "absent":
            return alg("rsassa-pss")
        if k["pss-params"] == "empty":
            return alg("rsassa-pss", seq())
        return alg("rsassa-pss", pss_params(k))
    if s == "ed25519":
        return alg("ed25519", null() if k["sig-params"] == "null" else None)
    if s == "hss":
        return alg("hss-lms", null() if k["sig-params"] == "null" else None)
    raise ValueError("unknown sig " + s)


def sign(k, keys, data):
    if k["sig"] == "hss":
        # RFC 9708: the message itself is signed, whatever the digest
        return keys.hss(k["sign-with"] or k["signer"]).sign(data, k["hss-flip-level"])
    key = keys.key(k["sign-with"] or k["signer"])
    hname = k["sign-hash"] or (k["pss-hash"] if k["sig"] == "pss" and k["pss-hash"] else k["digest"])
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return key.sign(data)
    h = HASHES.get(hname, hashes.SHA256)()
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(h))
    if isinstance(key, rsa.RSAPrivateKey):
        if k["sig"] == "pss":
            mh = HASHES[k["pss-mgf-hash"]]() if k["pss-mgf-hash"] else h
            salt = k["pss-salt"] if k["pss-salt"] is not None else h.digest_size
            return key.sign(data, padding.PSS(mgf=padding.MGF1(mh), salt_length=salt), h)
        return key.sign(data, padding.PKCS1v15(), h)
    raise ValueError("unsupported key")


def sid_der(k, keys):
    s = k["sid"]
    if s.startswith("hex:"):
        return hx(s[4:])
    if s == "issuer-serial":
        return keys.issuer_serial(k["signer"])
    ski = keys.ski(k["signer"])
    if s == "ski-constructed":
        return tlv(0xA0, octets(ski))
    return tlv(0x80, ski)


def certificates(k, keys):
    out = []
    for name in k["certs"]:
        der = keys.cert_der(name)
        if name == k["cert-tamper"]:
            der = der[:-1] + bytes([der[-1] ^ 1])
        out.append(der)
    out += [hx(c) for c in k["certs-raw"]]
    if not out:
        return b""
    return tlv(0xA0, b"".join(out))


def crl_der(keys, issuer):
    key = keys.key(issuer)
    b = x509.CertificateRevocationListBuilder()
    b = b.issuer_name(keys.cert(issuer).subject)
    b = b.last_update(datetime.datetime(2025, 1, 1))
    b = b.next_update(datetime.datetime(2125, 1, 1))
    crl = b.sign(key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)


def attr_oid(name):
    return OID.get(name, name)


def encode_attr(name, value, k):
    """One Attribute with the knobs that concern it."""
    values = [value]
    if name in k["attrs-two-values"]:
        values = [value, value[:-1] + bytes([value[-1] ^ 1])]
    if name in k["attrs-zero-values"]:
        values = []
    body = oid(attr_oid(name)) + der_set(values)
    if name == k["attrs-longlen"]:
        return tlv(0x30, body, extra_zeros=1)
    if name == k["attrs-indef"]:
        return tlv(0x30, body, indef=True)
    return tlv(0x30, body)


def default_dkid(k):
    """RFC 4108 2.2.3: the decrypt-key-identifier names the key that decrypts
    the content. With a wrapped CEK (EncryptedData and wrapped-firmware-key)
    that is the CEK, which the device does not hold yet: it is then found
    through the kekri of the attribute. Elsewhere it names the device key."""
    if k["dkid"]:
        return k["dkid"]
    if k["encrypt"].endswith("cbc") and k["key-mode"] == "wrapped":
        return "c0" + stream(k["label"] + "/cek-name", 7).hex()
    return k["kek-id"]


def signed_attrs(k, econtent_type, econtent, image, sig_alg, digest_alg, encrypted):
    """The [0] IMPLICIT SET of signed attributes, and the 0x31 form that is signed."""
    md = hx(k["message-digest"]) if k["message-digest"] else \
        hashlib.new(k["digest"] if k["digest"] in HASHES else "sha256", econtent).digest()
    h = k["digest"] if k["digest"] in ("sha256", "sha384", "sha512") else "sha256"
    if k["fwmd-hash"]:
        h = k["fwmd-hash"]
    fw_digest = hashlib.new(h, image).digest()
    if k["fwmd"] == "bad":
        fw_digest = bytes([fw_digest[0] ^ 0x80]) + fw_digest[1:]
    attrs = [
        ("contentType", oid(k["content-type-attr"] or econtent_type)),
        ("messageDigest", octets(md)),
        ("firmwarePackageID", v_pkg_id(k)),
        ("targetHardwareIDs", v_oid_list(rfc4108.TargetHardwareIdentifiers, k["targets"])),
    ]
    if k["signing-time"]:
        attrs.append(("signingTime", v_signing_time()))
    if encrypted:
        attrs.append(("decryptKeyID", octets(hx(default_dkid(k)))))
    if k["communities"] is not None:
        attrs.append(("communityIdentifiers", v_communities(k["communities"])))
    if k["pkg-type"] is not None or k["deps"]:
        attrs.append(("firmwarePackageInfo", v_pkg_info(k["pkg-type"], k["deps"])))
    if k["impl-crypto"]:
        attrs.append(("implCryptoAlgs", v_oid_list(rfc4108.ImplementedCryptoAlgorithms, k["impl-crypto"])))
    if k["impl-compress"]:
        attrs.append(("implCompressAlgs",
                      v_oid_list(rfc4108.ImplementedCompressAlgorithms, k["impl-compress"])))
    if k["fwmd"] != "absent":
        attrs.append(("fwPkgMessageDigest", v_fw_digest(h, fw_digest)))
    if k["content-hints"]:
        attrs.append(("contentHints", v_content_hints(k["content-hints"])))
    if k["cap"]:
        cd = hx(k["cap-digest"]) if k["cap-digest"] else digest_alg
        cs = hx(k["cap-sig"]) if k["cap-sig"] else sig_alg
        attrs.append(("cmsAlgorithmProtection", v_alg_protection(cd, cs)))
    for name, value in k["attrs-replace"].items():
        attrs = [(n, hx(value) if n == name else v) for n, v in attrs]
    drop = set(k["attrs-drop"])
    encoded = []
    for name, value in attrs:
        if name in drop or attr_oid(name) in drop:
            continue
        encoded.append(encode_attr(name, value, k))
        if name in k["attrs-dup"]:
            encoded.append(encode_attr(name, value, k))
    for o, value in k["attrs-add"]:
        encoded.append(attribute(o, [hx(value)]))
    encoded.sort()
    if k["attrs-order"] == "reversed":
        encoded.reverse()
    body = b"".join(encoded)
    return tlv(0xA0, body), tlv(0x31, body)


# ---------------------------------------------------------------- build


def layers(k, keys, image):
    """The eContent and its type after compression and encryption, the
    unsigned attributes (a wrapped CEK), and whether it is encrypted."""
    inner, inner_type = image, "firmwarePackage"
    if k["compress"]:
        inner, inner_type = compressed_data(k, image), "compressedData"
    unsigned = []
    encrypted = bool(k["encrypt"])
    if encrypted:
        layer, cek, ealg = encrypted_data(k, keys, inner, inner_type)
        if k["ed-raw"] is not None:
            layer = hx(k["ed-raw"])
        gcm = k["encrypt"].endswith("gcm")
        wk = k["wrapped-key"]
        if not gcm and k["key-mode"] == "wrapped" and wk.startswith("raw:"):
            unsigned.append(attribute("wrappedFirmwareKey", [hx(wk[4:])]))
        elif not gcm and k["key-mode"] == "wrapped" and wk != "none":
            ctype = k["eci-type"] or inner_type
            vals = [wrapped_key_value(k, keys, cek, ctype, ealg)]
            if wk == "two-values":
                other = dict(k, **{"wrap-kek-id": "ff" + (k["wrap-kek-id"] or k["kek-id"])})
                vals.append(wrapped_key_value(other, keys, cek, ctype, ealg))
            a = attribute("wrappedFirmwareKey", vals)
            unsigned += [a, a] if wk == "twice" else [a]
        inner, inner_type = layer, ("authEnvelopedData" if gcm else "encryptedData")
    econtent = hx(k["econtent-raw"]) if k["econtent-raw"] is not None else inner
    for o, value in k["unsigned-add"]:
        unsigned.append(attribute(o, [hx(value)]))
    return econtent, k["econtent-type"] or inner_type, unsigned, encrypted


def econtent_octets(k, econtent):
    """The eContent OCTET STRING in the form the knobs ask for."""
    indef = k["framing"] == "indef"
    form = k["econtent-form"]
    if form == "chunks" or (indef and form == "primitive"):
        return constructed_octets(econtent, k["econtent-chunk"], indef=indef)
    if form == "nested":
        half = len(econtent) // 2
        return tlv(0x24, octets(econtent[:half]) +
                   constructed_octets(econtent[half:], k["econtent-chunk"]))
    if form == "indef-primitive":
        return tlv(0x04, econtent, indef=True)
    if form == "deep":
        out = octets(econtent)
        for _ in range(80):
            out = tlv(0x24, out)
        return out
    return octets(econtent)


def signer_info(k, keys, econtent, econtent_type, unsigned, encrypted, image):
    """SignerInfo DER and the digestAlgorithm it uses."""
    digest_alg = digest_alg_der(k)
    sig_alg = sig_alg_der(k)
    attrs_wire, tbs = signed_attrs(k, econtent_type, econtent, image, sig_alg, digest_alg,
                                   encrypted)
    if k["attrs"] == "absent":
        # RFC 5652 without signed attributes: the content itself is signed
        attrs_wire, tbs = b"", econtent
    signature = sign(k, keys, tbs)
    if k["signature-flip"]:
        signature = signature[:-1] + bytes([signature[-1] ^ 1])
    if k["signature-truncate"]:
        signature = signature[: -k["signature-truncate"]]
    si_digest = hx(k["si-digest"]) if k["si-digest"] else digest_alg
    si = integer(k["si-version"]) + sid_der(k, keys) + si_digest + attrs_wire + sig_alg
    si += octets(signature)
    if unsigned:
        si += tlv(0xA1, b"".join(sorted(unsigned)))
    return seq(si), digest_alg


def build(knobs, keys, image):
    """The package (bytes) for these knobs. Raises on unknown knobs."""
    k = knob_defaults()
    for name, value in knobs.items():
        if name not in KNOB_NAMES:
            raise KeyError("unknown knob " + name)
        k[name] = value

    econtent, econtent_type, unsigned, encrypted = layers(k, keys, image)
    si, digest_alg = signer_info(k, keys, econtent, econtent_type, unsigned, encrypted, image)
    if k["econtent-flip"]:
        econtent = econtent[:-1] + bytes([econtent[-1] ^ 1])

    indef = k["framing"] == "indef"
    eci = oid(econtent_type)
    if k["econtent"] == "present":
        eci += tlv(0xA0, econtent_octets(k, econtent), indef=indef)
    eci = seq(eci, indef=indef)
    digest_algs = [hx(d) for d in k["digest-algs"]] if k["digest-algs"] is not None else [digest_alg]
    crls = b""
    if k["crls-raw"] is not None:
        crls = tlv(0xA1, hx(k["crls-raw"]))
    elif k["crl-from"]:
        crls = tlv(0xA1, crl_der(keys, k["crl-from"]))
    sd_body = integer(k["sd-version"]) + der_set(digest_algs) + eci + certificates(k, keys)
    sd_body += crls + der_set([si] * k["signer-infos"], sort=False)
    sd = seq(sd_body, indef=indef)
    if k["framing"] == "longlen":
        sd = tlv(0x30, sd_body, extra_zeros=2)

    ci = oid(k["ci-type"])
    if not k["ci-no-content"]:
        ci += tlv(0xA0, hx(k["ci-raw"]) if k["ci-raw"] is not None else sd, indef=indef)
    pkg = seq(ci, indef=indef)
    if k["framing"] == "longlen":
        pkg = tlv(0x30, ci, extra_zeros=1)
    if k["trailing"]:
        pkg += hx(k["trailing"])
    if k["truncate"]:
        pkg = pkg[: -k["truncate"]]
    return pkg


ATTR_SPECS = {
    OID["firmwarePackageID"]: rfc4108.FirmwarePackageIdentifier,
    OID["targetHardwareIDs"]: rfc4108.TargetHardwareIdentifiers,
    OID["decryptKeyID"]: rfc4108.DecryptKeyIdentifier,
    OID["communityIdentifiers"]: rfc4108.CommunityIdentifiers,
    OID["fwPkgMessageDigest"]: rfc4108.FirmwarePackageMessageDigest,
    OID["firmwarePackageInfo"]: rfc4108.FirmwarePackageInfo,
    OID["cmsAlgorithmProtection"]: rfc6211.CMSAlgorithmProtection,
    OID["implCryptoAlgs"]: rfc4108.ImplementedCryptoAlgorithms,
    OID["implCompressAlgs"]: rfc4108.ImplementedCompressAlgorithms,
}


def self_check(pkg):
    """A second opinion on a valid DER package: pyasn1-modules decodes the
    ContentInfo, the SignedData and every RFC 4108 signed attribute, and
    each attribute value re-encodes to the same octets (DER)."""
    ci, rest = der_decoder.decode(pkg, asn1Spec=rfc5652.ContentInfo())
    if rest or ci["contentType"] != rfc5652.id_signedData:
        raise ValueError("not one ContentInfo of SignedData")
    sd, rest = der_decoder.decode(ci["content"], asn1Spec=rfc5652.SignedData())
    if rest or sd["version"] != 3 or len(sd["signerInfos"]) != 1:
        raise ValueError("SignedData is not RFC 4108's")
    for attr in sd["signerInfos"][0]["signedAttrs"]:
        spec = ATTR_SPECS.get(str(attr["attrType"]))
        if spec is None:
            continue
        raw = bytes(attr["attrValues"][0])
        value, rest = der_decoder.decode(raw, asn1Spec=spec())
        if rest or der_encoder.encode(value) != raw:
            raise ValueError("attribute %s is not DER" % attr["attrType"])
    return sd


def hss_cert(keys, spki_pem, key_id, issuer):
    """A certificate of an HSS public key (RFC 9802: the SubjectPublicKeyInfo
    as `cmsfw keygen` wrote it) for a device that holds its anchors as
    certificates: the subjectKeyIdentifier is @key_id, the issuer the
    certificate @issuer of keys/, whose key signs it (ECDSA)."""
    spki = x509_pem_body(spki_pem)
    ca = keys.cert(issuer)
    ext = seq(oid("2.5.29.15"), tlv(0x01, b"\xff"), octets(tlv(0x03, b"\x07\x80")))
    ext += seq(oid("2.5.29.14"), octets(octets(key_id)))
    validity = seq(tlv(0x18, b"20250101000000Z"), tlv(0x18, b"21250101000000Z"))
    subject = seq(der_set([seq(oid("2.5.4.10"), tlv(0x0C, b"cmsfw test vectors"))]),
                  der_set([seq(oid("2.5.4.3"), tlv(0x0C, b"HSS/LMS firmware signer"))]))
    tbs = seq(tlv(0xA0, integer(2)), integer(int.from_bytes(key_id[:8], "big") >> 1),
              alg("ecdsa-sha256"), ca.subject.public_bytes(), validity, subject, spki,
              tlv(0xA3, seq(ext)))
    sig = keys.key(issuer).sign(tbs, ec.ECDSA(hashes.SHA256()))
    return seq(tbs, alg("ecdsa-sha256"), tlv(0x03, b"\x00" + sig))


def x509_pem_body(text):
    lines = [ln.strip() for ln in text.strip().splitlines()]
    return base64.b64decode("".join(ln for ln in lines if not ln.startswith("-----")))


# ------------------------------------------------------------------ CLI


def parse_value(text):
    try:
        return json.loads(text)
    except ValueError:
        return text


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("image", help="write a deterministic test image")
    p.add_argument("--kind", choices=["random", "text", "zeros"], default="random")
    p.add_argument("--size", type=int, required=True)
    p.add_argument("out")
    p = sub.add_parser("build", help="build one package")
    p.add_argument("--keys", required=True)
    p.add_argument("--image", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--set", action="append", default=[], metavar="KNOB=VALUE")
    sub.add_parser("knobs", help="list the knobs and their defaults")
    p = sub.add_parser("hss-cert", help="write a certificate of keys/KEY.spki.pem")
    p.add_argument("--keys", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--key-id", required=True)
    p.add_argument("--issuer", required=True)
    p.add_argument("--out", required=True)
    a = ap.parse_args(argv)
    if a.cmd == "image":
        with open(a.out, "wb") as f:
            f.write(make_image(a.kind, a.size))
        return 0
    if a.cmd == "knobs":
        for name, value in knob_defaults().items():
            print("%-18s %s" % (name, json.dumps(value)))
        return 0
    if a.cmd == "hss-cert":
        keys = Keys(a.keys)
        with open(os.path.join(a.keys, a.key + ".spki.pem")) as f:
            der = hss_cert(keys, f.read(), bytes.fromhex(a.key_id), a.issuer)
        with open(a.out, "w") as f:
            f.write("-----BEGIN CERTIFICATE-----\n")
            b64 = base64.b64encode(der).decode()
            f.write("".join(b64[i:i + 64] + "\n" for i in range(0, len(b64), 64)))
            f.write("-----END CERTIFICATE-----\n")
        return 0
    knobs = {}
    for s in a.set:
        name, _, value = s.partition("=")
        knobs[name] = parse_value(value)
    with open(a.image, "rb") as f:
        image = f.read()
    pkg = build(knobs, Keys(a.keys), image)
    with open(a.out, "wb") as f:
        f.write(pkg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
