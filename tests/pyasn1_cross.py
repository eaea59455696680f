#!/usr/bin/env python3
"""Cross-check the cmsfw RFC 4108 codec against pyasn1-modules.

usage: pyasn1_cross.py FWCODEC_CHECK WORKDIR

1. cmsfw -> pyasn1: `FWCODEC_CHECK encode WORKDIR/c` writes one DER file per
   sample and a manifest of the values it encoded. Each file is decoded by
   pyasn1 (DER, with the rfc4108 class as spec), must have no trailing bytes,
   must hold the manifest's value field by field, and must re-encode with
   pyasn1's DER encoder to the very same bytes.
2. pyasn1 -> cmsfw: values written below as Python literals are built as
   pyasn1 objects, DER-encoded, decoded by `FWCODEC_CHECK decode TYPE FILE`,
   and the fields it prints are compared with the literal. A few values that
   are valid ASN.1 but outside what cmsfw represents (verNum 2^64, an OID
   longer than CMSFW_OID_MAX_LEN, ...) must be rejected instead. ContentInfo
   is checked in the first direction only: cmsfw has no decoder for it.

Canonical form shared with fwcodec_check.c: ASN.1 component names as keys,
OIDs dotted, OCTET STRINGs and AlgorithmIdentifier parameters (whole TLV) as
lowercase hex, INTEGERs as numbers, absent OPTIONAL components left out.

pyasn1 quirks worked around here (pyasn1 0.4.8, pyasn1-modules 0.2.8):
- its DER encoder drops an OPTIONAL SEQUENCE OF that is present but empty
  (FirmwarePackageInfo.dependencies, FirmwarePackageLoadError.config), so
  such values are written as hand-made DER below, not built with pyasn1;
- FirmwarePackageInfo carries a 1..2 component-count constraint that RFC 4108
  does not have (this version does not enforce it); the empty SEQUENCE is
  written by hand all the same;
- its DER encoder writes -2^(8k-1) (-128, -32768, ..., -2^63) with a
  redundant leading 0xff octet, which is not DER; those values are written
  by hand below;
- a decoded value shows the DEFAULT version v1 whether or not it was on the
  wire; the byte-identical re-encoding is what proves it was omitted.

CMSFW_CHECK_WRAPPER in the environment, when set, is a command put in front
of every run of FWCODEC_CHECK (valgrind, for instance).

Exit status: 0 when everything matches, 1 on any mismatch, 77 (skip) when
pyasn1-modules is not installed.
"""

import json
import os
import subprocess
import sys

try:
    from pyasn1.codec.der import decoder as der_decoder
    from pyasn1.codec.der import encoder as der_encoder
    from pyasn1.type import univ
    from pyasn1_modules import rfc4108, rfc5280, rfc5652
except ImportError:
    print("pyasn1-modules is not installed: skipping")
    sys.exit(77)

PEN = "1.3.6.1.4.1.32473"
ID_CT_RECEIPT = "1.2.840.113549.1.9.16.1.17"

SPECS = {
    "pkg_id": rfc4108.FirmwarePackageIdentifier,
    "pkg_name": rfc4108.PreferredOrLegacyPackageIdentifier,
    "oid_list": rfc4108.TargetHardwareIdentifiers,
    "communities": rfc4108.CommunityIdentifiers,
    "pkg_info": rfc4108.FirmwarePackageInfo,
    "fw_digest": rfc4108.FirmwarePackageMessageDigest,
    "hw_module_name": rfc4108.HardwareModuleName,
    "hw_module_othername": rfc5280.GeneralName,
    "wrapped_key": rfc4108.WrappedFirmwareKey,
    "receipt": rfc4108.FirmwarePackageLoadReceipt,
    "error_report": rfc4108.FirmwarePackageLoadError,
    "octets": univ.OctetString,
    "content_info": rfc5652.ContentInfo,
}

# DER that the RFC 4108 digest (spec/rfc4108.md section 2) gives for the
# samples of the same name, themselves produced with pyasn1-modules.
KNOWN_ANSWERS = {
    "receipt_full.der": "302d060a2b0601040181fd590101040400010203300f060a2b0601040181fd590201"
                        "0201070404aaaaaaaa8102bbbb",
    "error_report_rfc_example.der": "3033060a2b0601040181fd5901010404000102030a011c040452312e"
                                    "32a1163014020101300f060a2b0601040181fd590201020109",
    "communities_rfc_example.der": "302c060a2b0601040181fd590301301e060a2b0601040181fd5901013"
                                   "010050004020010300804020100040201ff",
    "pkg_id_preferred_stale.der": "3014300f060a2b0601040181fd590201020107020104",
    "pkg_info_both.der": "30160201023011300f060a2b0601040181fd590209020103",
}


class Mismatch(Exception):
    """A value differs from what was expected; the message says where."""


# ----------------------------------------------------- pyasn1 -> canonical

def present(seq, name):
    # seq[name] would create an absent component, and an empty SEQUENCE whose
    # components are all OPTIONAL (OriginatorInfo) then counts as a value.
    comp = seq.getComponentByName(name, default=univ.noValue, instantiate=False)
    return comp is not univ.noValue and comp.isValue


def hexof(v):
    return bytes(v).hex()


def canon_name(v):
    if v.getName() == "preferred":
        p = v["preferred"]
        return {"preferred": {"fwPkgID": str(p["fwPkgID"]), "verNum": int(p["verNum"])}}
    return {"legacy": hexof(v["legacy"])}


def canon_pkg_id(v):
    out = {"name": canon_name(v["name"])}
    if present(v, "stale"):
        s = v["stale"]
        if s.getName() == "preferredStaleVerNum":
            out["stale"] = {"preferredStaleVerNum": int(s["preferredStaleVerNum"])}
        else:
            out["stale"] = {"legacyStaleVersion": hexof(s["legacyStaleVersion"])}
    return out


def canon_serial(e):
    arm = e.getName()
    if arm == "all":
        return {"all": None}
    if arm == "single":
        return {"single": hexof(e["single"])}
    return {"block": {"low": hexof(e["block"]["low"]), "high": hexof(e["block"]["high"])}}


def canon_community(c):
    if c.getName() == "communityOID":
        return {"communityOID": str(c["communityOID"])}
    m = c["hwModuleList"]
    return {"hwModuleList": {"hwType": str(m["hwType"]),
                             "hwSerialEntries": [canon_serial(e) for e in m["hwSerialEntries"]]}}


def canon_pkg_info(v):
    out = {}
    if present(v, "fwPkgType"):
        out["fwPkgType"] = int(v["fwPkgType"])
    if present(v, "dependencies"):
        out["dependencies"] = [canon_name(d) for d in v["dependencies"]]
    return out


def canon_alg(a):
    out = {"algorithm": str(a["algorithm"])}
    if present(a, "parameters"):
        out["parameters"] = hexof(a["parameters"])
    return out


def canon_hwmn(v):
    return {"hwType": str(v["hwType"]), "hwSerialNum": hexof(v["hwSerialNum"])}


def canon_recipient(ri):
    arm = ri.getName()
    r = ri[arm]
    fields = {}
    if arm == "kekri":
        fields = {"version": int(r["version"]),
                  "kekid": {"keyIdentifier": hexof(r["kekid"]["keyIdentifier"])},
                  "keyEncryptionAlgorithm": canon_alg(r["keyEncryptionAlgorithm"]),
                  "encryptedKey": hexof(r["encryptedKey"])}
    elif arm == "ktri" and r["rid"].getName() == "subjectKeyIdentifier":
        fields = {"version": int(r["version"]),
                  "rid": {"subjectKeyIdentifier": hexof(r["rid"]["subjectKeyIdentifier"])},
                  "keyEncryptionAlgorithm": canon_alg(r["keyEncryptionAlgorithm"]),
                  "encryptedKey": hexof(r["encryptedKey"])}
    return {arm: fields, "raw": der_encoder.encode(ri).hex()}


def canon_wrapped_key(v):
    eci = v["encryptedContentInfo"]
    e = {"contentType": str(eci["contentType"]),
         "contentEncryptionAlgorithm": canon_alg(eci["contentEncryptionAlgorithm"])}
    if present(eci, "encryptedContent"):
        e["encryptedContent"] = hexof(eci["encryptedContent"])
    out = {"version": int(v["version"]),
           "recipientInfos": [canon_recipient(r) for r in v["recipientInfos"]],
           "encryptedContentInfo": e}
    for k in ("originatorInfo", "unprotectedAttrs"):
        if present(v, k):
            out[k] = der_encoder.encode(v[k]).hex()
    return out


def canon_receipt(v):
    if int(v["version"]) != 1:
        raise Mismatch("version: expected v1 (1), got %d" % int(v["version"]))
    out = {"hwType": str(v["hwType"]), "hwSerialNum": hexof(v["hwSerialNum"]),
           "fwPkgName": canon_name(v["fwPkgName"])}
    for k in ("trustAnchorKeyID", "decryptKeyID"):
        if present(v, k):
            out[k] = hexof(v[k])
    return out


def canon_error_report(v):
    if int(v["version"]) != 1:
        raise Mismatch("version: expected v1 (1), got %d" % int(v["version"]))
    out = {"hwType": str(v["hwType"]), "hwSerialNum": hexof(v["hwSerialNum"]),
           "errorCode": int(v["errorCode"])}
    if present(v, "vendorErrorCode"):
        out["vendorErrorCode"] = int(v["vendorErrorCode"])
    if present(v, "fwPkgName"):
        out["fwPkgName"] = canon_name(v["fwPkgName"])
    if present(v, "config"):
        cfgs = []
        for c in v["config"]:
            cc = {}
            if present(c, "fwPkgType"):
                cc["fwPkgType"] = int(c["fwPkgType"])
            cc["fwPkgName"] = canon_name(c["fwPkgName"])
            cfgs.append(cc)
        out["config"] = cfgs
    return out


def decode_exact(der, spec, what):
    """DER-decode with pyasn1; trailing bytes are a mismatch."""
    value, rest = der_decoder.decode(der, asn1Spec=spec)
    if rest:
        raise Mismatch("%s: %d trailing bytes after the value" % (what, len(rest)))
    return value


def canon_othername(v):
    if v.getName() != "otherName":
        raise Mismatch("GeneralName arm: expected otherName, got %s" % v.getName())
    on = v["otherName"]
    if on["type-id"] != rfc4108.id_on_hardwareModuleName:
        raise Mismatch("type-id: expected %s, got %s" % (rfc4108.id_on_hardwareModuleName,
                                                        on["type-id"]))
    inner = decode_exact(bytes(on["value"]), rfc4108.HardwareModuleName(), "otherName value")
    return canon_hwmn(inner)


def canon_content_info(v):
    """Only receipts are wrapped by the samples; anything else shows as hex."""
    if str(v["contentType"]) != ID_CT_RECEIPT:
        return {"contentType": str(v["contentType"]), "content": {"?": hexof(v["content"])}}
    inner = decode_exact(bytes(v["content"]), rfc4108.FirmwarePackageLoadReceipt(), "content")
    return {"contentType": str(v["contentType"]), "content": {"receipt": canon_receipt(inner)}}


CANON = {
    "pkg_id": canon_pkg_id,
    "pkg_name": canon_name,
    "oid_list": lambda v: [str(o) for o in v],
    "communities": lambda v: [canon_community(c) for c in v],
    "pkg_info": canon_pkg_info,
    "fw_digest": lambda v: {"algorithm": canon_alg(v["algorithm"]),
                            "msgDigest": hexof(v["msgDigest"])},
    "hw_module_name": canon_hwmn,
    "hw_module_othername": canon_othername,
    "wrapped_key": canon_wrapped_key,
    "receipt": canon_receipt,
    "error_report": canon_error_report,
    "octets": hexof,
    "content_info": canon_content_info,
}


# -------------------------------------------------------------- comparison

def diff(expected, actual, path, out):
    """Append one line per differing field to out."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in sorted(set(expected) | set(actual)):
            sub = "%s.%s" % (path, k) if path else k
            if k not in actual:
                out.append("%s: missing (expected %s)" % (sub, json.dumps(expected[k])))
            elif k not in expected:
                out.append("%s: unexpected %s" % (sub, json.dumps(actual[k])))
            else:
                diff(expected[k], actual[k], sub, out)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append("%s: %d elements expected, %d found" % (path, len(expected), len(actual)))
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff(e, a, "%s[%d]" % (path, i), out)
    elif type(expected) is not type(actual) or expected != actual:
        out.append("%s: expected %s, got %s" % (path or "value", json.dumps(expected),
                                                json.dumps(actual)))


def strip_raw(canonical):
    """Drop the "raw" TLV of the recipients shown by their fields (kekri, ktri
    with a subjectKeyIdentifier): the manifest and the literals describe those
    by their fields, the TLV being what the encoder makes of them."""
    if not isinstance(canonical, dict) or "recipientInfos" not in canonical:
        return canonical
    out = dict(canonical)
    out["recipientInfos"] = []
    for r in canonical["recipientInfos"]:
        if any(isinstance(v, dict) and v for v in r.values()):
            r = {k: v for k, v in r.items() if k != "raw"}
        out["recipientInfos"].append(r)
    return out


def sorted_recipients(canonical):
    """DER sorts SET OF, so recipientInfos are compared as a set."""
    if isinstance(canonical, dict) and "recipientInfos" in canonical:
        canonical = dict(canonical)
        canonical["recipientInfos"] = sorted(canonical["recipientInfos"],
                                             key=lambda r: json.dumps(r, sort_keys=True))
    return canonical


# ----------------------------------------------------- canonical -> pyasn1
# The builders read the same canonical form; "_extra" keys carry what the
# canonical form does not show (a kekid date).

def oid(dotted):
    return univ.ObjectIdentifier(dotted)


def build_name(d):
    n = rfc4108.PreferredOrLegacyPackageIdentifier()
    if "preferred" in d:
        p = rfc4108.PreferredPackageIdentifier()
        p["fwPkgID"] = oid(d["preferred"]["fwPkgID"])
        p["verNum"] = d["preferred"]["verNum"]
        n["preferred"] = p
    else:
        n["legacy"] = bytes.fromhex(d["legacy"])
    return n


def build_pkg_id(d):
    v = rfc4108.FirmwarePackageIdentifier()
    v["name"] = build_name(d["name"])
    if "stale" in d:
        s = rfc4108.PreferredOrLegacyStalePackageIdentifier()
        if "preferredStaleVerNum" in d["stale"]:
            s["preferredStaleVerNum"] = d["stale"]["preferredStaleVerNum"]
        else:
            s["legacyStaleVersion"] = bytes.fromhex(d["stale"]["legacyStaleVersion"])
        v["stale"] = s
    return v


def build_oid_list(d):
    v = rfc4108.TargetHardwareIdentifiers()
    for o in d:
        v.append(oid(o))
    return v


def build_communities(d):
    v = rfc4108.CommunityIdentifiers()
    for c in d:
        ci = rfc4108.CommunityIdentifier()
        if "communityOID" in c:
            ci["communityOID"] = oid(c["communityOID"])
        else:
            m = ci["hwModuleList"]
            m["hwType"] = oid(c["hwModuleList"]["hwType"])
            entries = m["hwSerialEntries"]
            for e in c["hwModuleList"]["hwSerialEntries"]:
                se = rfc4108.HardwareSerialEntry()
                if "all" in e:
                    se["all"] = univ.Null("")
                elif "single" in e:
                    se["single"] = bytes.fromhex(e["single"])
                else:
                    se["block"]["low"] = bytes.fromhex(e["block"]["low"])
                    se["block"]["high"] = bytes.fromhex(e["block"]["high"])
                entries.append(se)
        v.append(ci)
    return v


def build_pkg_info(d):
    v = rfc4108.FirmwarePackageInfo()
    if "fwPkgType" in d:
        v["fwPkgType"] = d["fwPkgType"]
    for dep in d.get("dependencies", []):
        v["dependencies"].append(build_name(dep))
    return v


def fill_alg(target, d):
    target["algorithm"] = oid(d["algorithm"])
    if "parameters" in d:
        target["parameters"] = univ.Any(bytes.fromhex(d["parameters"]))


def build_fw_digest(d):
    v = rfc4108.FirmwarePackageMessageDigest()
    fill_alg(v["algorithm"], d["algorithm"])
    v["msgDigest"] = bytes.fromhex(d["msgDigest"])
    return v


def build_hwmn(d):
    v = rfc4108.HardwareModuleName()
    v["hwType"] = oid(d["hwType"])
    v["hwSerialNum"] = bytes.fromhex(d["hwSerialNum"])
    return v


def build_othername(d):
    g = rfc5280.GeneralName()
    on = g["otherName"]
    on["type-id"] = rfc4108.id_on_hardwareModuleName
    on["value"] = der_encoder.encode(build_hwmn(d))
    return g


def build_recipient(d):
    if "raw" in d:
        return decode_exact(bytes.fromhex(d["raw"]), rfc5652.RecipientInfo(), "recipient")
    ri = rfc5652.RecipientInfo()
    extra = d.get("_extra", {})
    if "kekri" in d:
        f, r = d["kekri"], ri["kekri"]
        r["kekid"]["keyIdentifier"] = bytes.fromhex(f["kekid"]["keyIdentifier"])
        if "date" in extra:
            r["kekid"]["date"] = r["kekid"]["date"].clone(extra["date"])
    else:
        f, r = d["ktri"], ri["ktri"]
        r["rid"]["subjectKeyIdentifier"] = bytes.fromhex(f["rid"]["subjectKeyIdentifier"])
    r["version"] = f["version"]
    fill_alg(r["keyEncryptionAlgorithm"], f["keyEncryptionAlgorithm"])
    r["encryptedKey"] = bytes.fromhex(f["encryptedKey"])
    return ri


def build_wrapped_key(d):
    v = rfc4108.WrappedFirmwareKey()
    v["version"] = d["version"]
    for k in ("originatorInfo", "unprotectedAttrs"):
        if k in d:
            spec = rfc5652.EnvelopedData.componentType[k].asn1Object
            v[k] = decode_exact(bytes.fromhex(d[k]), spec, k)
    for r in d["recipientInfos"]:
        v["recipientInfos"].append(build_recipient(r))
    e, eci = d["encryptedContentInfo"], v["encryptedContentInfo"]
    eci["contentType"] = oid(e["contentType"])
    fill_alg(eci["contentEncryptionAlgorithm"], e["contentEncryptionAlgorithm"])
    if "encryptedContent" in e:
        eci["encryptedContent"] = bytes.fromhex(e["encryptedContent"])
    return v


def build_receipt(d):
    v = rfc4108.FirmwarePackageLoadReceipt()
    v["hwType"] = oid(d["hwType"])
    v["hwSerialNum"] = bytes.fromhex(d["hwSerialNum"])
    v["fwPkgName"] = build_name(d["fwPkgName"])
    for k in ("trustAnchorKeyID", "decryptKeyID"):
        if k in d:
            v[k] = bytes.fromhex(d[k])
    return v


def build_error_report(d):
    v = rfc4108.FirmwarePackageLoadError()
    v["hwType"] = oid(d["hwType"])
    v["hwSerialNum"] = bytes.fromhex(d["hwSerialNum"])
    v["errorCode"] = d["errorCode"]
    if "vendorErrorCode" in d:
        v["vendorErrorCode"] = d["vendorErrorCode"]
    if "fwPkgName" in d:
        v["fwPkgName"] = build_name(d["fwPkgName"])
    for c in d.get("config", []):
        cfg = rfc4108.CurrentFWConfig()
        if "fwPkgType" in c:
            cfg["fwPkgType"] = c["fwPkgType"]
        cfg["fwPkgName"] = build_name(c["fwPkgName"])
        v["config"].append(cfg)
    return v


BUILD = {
    "pkg_id": build_pkg_id,
    "pkg_name": build_name,
    "oid_list": build_oid_list,
    "communities": build_communities,
    "pkg_info": build_pkg_info,
    "fw_digest": build_fw_digest,
    "hw_module_name": build_hwmn,
    "hw_module_othername": build_othername,
    "wrapped_key": build_wrapped_key,
    "receipt": build_receipt,
    "error_report": build_error_report,
    "octets": lambda d: univ.OctetString(bytes.fromhex(d)),
}


def without_extra(d):
    if isinstance(d, dict):
        return {k: without_extra(v) for k, v in d.items() if k != "_extra"}
    if isinstance(d, list):
        return [without_extra(v) for v in d]
    return d


# ------------------------------------------------------ pyasn1 -> cmsfw cases

def tlv(tag, content):
    """One DER TLV (tag is a single octet), for the values pyasn1 cannot write."""
    n = len(content)
    if n < 0x80:
        head = bytes([tag, n])
    else:
        octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
        head = bytes([tag, 0x80 | len(octets)]) + octets
    return head + content


def raw_pwri():
    ri = rfc5652.RecipientInfo()
    p = ri["pwri"]
    p["version"] = 0
    p["keyDerivationAlgorithm"]["algorithm"] = oid("1.2.840.113549.1.5.12")
    p["keyDerivationAlgorithm"]["parameters"] = univ.Any(
        tlv(0x30, tlv(0x04, bytes(range(8))) + tlv(0x02, b"\x08\x00")))
    fill_alg(p["keyEncryptionAlgorithm"], {
        "algorithm": "1.2.840.113549.1.9.16.3.9",
        "parameters": tlv(0x30, tlv(0x06, bytes.fromhex("608648016503040102")) +
                          tlv(0x04, bytes(range(16)))).hex()})
    p["encryptedKey"] = bytes(range(40))
    return der_encoder.encode(ri).hex()


def raw_kari():
    ri = rfc5652.RecipientInfo()
    k = ri["kari"]
    k["version"] = 3
    ok = k["originator"]["originatorKey"]
    ok["algorithm"]["algorithm"] = oid("1.2.840.10045.2.1")
    ok["publicKey"] = univ.BitString(hexValue="04" + "11" * 64)
    k["ukm"] = b"ukm-octets"
    fill_alg(k["keyEncryptionAlgorithm"], {"algorithm": "1.3.132.1.11.1",
                                           "parameters": "300b0609608648016503040105"})
    rek = rfc5652.RecipientEncryptedKey()
    rek["rid"]["rKeyId"]["subjectKeyIdentifier"] = bytes(range(20))
    rek["encryptedKey"] = bytes(range(24))
    k["recipientEncryptedKeys"].append(rek)
    return der_encoder.encode(ri).hex()


def raw_ori():
    ri = rfc5652.RecipientInfo()
    ri["ori"]["oriType"] = oid("1.2.840.113549.1.9.16.13.3")
    ri["ori"]["oriValue"] = univ.Any(tlv(0x30, tlv(0x04, b"kem-ct") + tlv(0x02, b"\x10")))
    return der_encoder.encode(ri).hex()


def raw_ktri_issuer_serial():
    ri = rfc5652.RecipientInfo()
    k = ri["ktri"]
    k["version"] = 0
    atv = tlv(0x30, tlv(0x06, bytes.fromhex("550403")) + tlv(0x0c, b"Firmware CA"))
    k["rid"]["issuerAndSerialNumber"] = decode_exact(
        tlv(0x30, tlv(0x30, tlv(0x31, atv)) + tlv(0x02, b"\x01\x02\x03")),
        rfc5652.IssuerAndSerialNumber(), "issuerAndSerialNumber")
    fill_alg(k["keyEncryptionAlgorithm"], {"algorithm": "1.2.840.113549.1.1.1",
                                           "parameters": "0500"})
    k["encryptedKey"] = bytes(range(128))
    return der_encoder.encode(ri).hex()


def alg(dotted, params=None):
    a = {"algorithm": dotted}
    if params is not None:
        a["parameters"] = params
    return a


def pref(arc, ver):
    return {"preferred": {"fwPkgID": PEN + ".2." + arc, "verNum": ver}}


AES128_WRAP = alg("2.16.840.1.101.3.4.1.5")
AES256_CBC = alg("2.16.840.1.101.3.4.1.42", "0410" + "5a" * 16)
ID_FW = "1.2.840.113549.1.9.16.1.16"
OID_64 = "1.3" + ".1" * 63      # 64 content octets: the longest cmsfw takes
OID_65 = "1.3" + ".1" * 64


def kekri(key_id, version=4, **extra):
    r = {"kekri": {"version": version, "kekid": {"keyIdentifier": key_id},
                   "keyEncryptionAlgorithm": AES128_WRAP, "encryptedKey": "c3" * 24}}
    if extra:
        r["_extra"] = extra
    return r


# [0] OriginatorInfo holding one crls entry of the "other" form, and
# [1] unprotectedAttrs holding one signingTime attribute.
ORIGINATOR_INFO = "a00ba109a10706032a03040500"
UNPROTECTED_ATTRS = "a11e301c06092a864886f70d010905310f170d3234303130313030303030305a"


def wrapped(recipients, version=2, content=None, originator=None, unprotected=None):
    eci = {"contentType": ID_FW, "contentEncryptionAlgorithm": AES256_CBC}
    if content is not None:
        eci["encryptedContent"] = content
    w = {"version": version, "recipientInfos": recipients, "encryptedContentInfo": eci}
    if originator is not None:
        w["originatorInfo"] = originator
    if unprotected is not None:
        w["unprotectedAttrs"] = unprotected
    return w


def reverse_cases():
    """(name, type, canonical literal) values cmsfw must decode to the literal."""
    hw = {"hwType": PEN + ".1.20", "hwSerialNum": "cafe0001"}
    ktri_ski = {"ktri": {"version": 2, "rid": {"subjectKeyIdentifier": "ab" * 20},
                         "keyEncryptionAlgorithm": alg("1.2.840.113549.1.1.7", "3000"),
                         "encryptedKey": "5c" * 256}}
    return [
        ("pkg_name_preferred", "pkg_name", pref("100", 1)),
        ("pkg_name_preferred_zero", "pkg_name", pref("101", 0)),
        ("pkg_name_preferred_max", "pkg_name", pref("102", 2**64 - 1)),
        ("pkg_name_preferred_2_63", "pkg_name", pref("102", 2**63)),
        ("pkg_name_legacy", "pkg_name", {"legacy": "0001feff"}),
        ("pkg_name_legacy_empty", "pkg_name", {"legacy": ""}),
        ("pkg_name_legacy_long", "pkg_name", {"legacy": "ab" * 300}),
        ("pkg_id_preferred", "pkg_id", {"name": pref("103", 5)}),
        ("pkg_id_preferred_stale_max", "pkg_id",
         {"name": pref("103", 2**64 - 1), "stale": {"preferredStaleVerNum": 2**64 - 1}}),
        ("pkg_id_legacy_stale", "pkg_id",
         {"name": {"legacy": "322e30"}, "stale": {"legacyStaleVersion": "312e39"}}),
        ("pkg_id_legacy", "pkg_id", {"name": {"legacy": "322e30"}}),
        ("pkg_id_mixed_stale", "pkg_id",
         {"name": pref("104", 9), "stale": {"legacyStaleVersion": "38"}}),
        ("oid_list_empty", "oid_list", []),
        ("oid_list_arcs", "oid_list", ["0.0", "1.39.1", "2.999", "2.25.9223372036854775807",
                                        PEN + ".1.1"]),
        ("oid_list_arc_2_64_minus_1", "oid_list", ["2.25.18446744073709551615"]),
        ("oid_list_64_octets", "oid_list", [OID_64]),
        ("communities_empty", "communities", []),
        ("communities_all_forms", "communities", [
            {"hwModuleList": {"hwType": PEN + ".1.5", "hwSerialEntries": [
                {"block": {"low": "0000", "high": "ffff"}}, {"single": ""}, {"all": None},
                {"single": "0102030405060708"}]}},
            {"communityOID": PEN + ".3.9"},
            {"hwModuleList": {"hwType": PEN + ".1.6", "hwSerialEntries": []}}]),
        ("pkg_info_type", "pkg_info", {"fwPkgType": 7}),
        ("pkg_info_type_near_min", "pkg_info", {"fwPkgType": -2**63 + 1}),
        ("pkg_info_type_max", "pkg_info", {"fwPkgType": 2**63 - 1}),
        ("pkg_info_deps", "pkg_info", {"dependencies": [pref("110", 2), {"legacy": "6b"}]}),
        ("pkg_info_both", "pkg_info", {"fwPkgType": 0, "dependencies": [pref("111", 300)]}),
        ("fw_digest_sha384", "fw_digest",
         {"algorithm": alg("2.16.840.1.101.3.4.2.2"), "msgDigest": "38" * 48}),
        ("fw_digest_null_params", "fw_digest",
         {"algorithm": alg("2.16.840.1.101.3.4.2.1", "0500"), "msgDigest": "aa" * 32}),
        ("fw_digest_seq_params", "fw_digest",
         {"algorithm": alg("1.2.3.4", "3006020101020102"), "msgDigest": ""}),
        ("hw_module_name", "hw_module_name", hw),
        ("hw_module_name_empty_serial", "hw_module_name", {"hwType": "2.1", "hwSerialNum": ""}),
        ("hw_module_othername", "hw_module_othername", hw),
        ("wrapped_key_kekri", "wrapped_key", wrapped([kekri("01")])),
        ("wrapped_key_kekri_date", "wrapped_key",
         wrapped([kekri("02", date="20250101120000Z")])),
        ("wrapped_key_ktri_ski", "wrapped_key", wrapped([ktri_ski], version=0)),
        ("wrapped_key_all_arms", "wrapped_key", wrapped([
            kekri("03"), ktri_ski, {"pwri": {}, "raw": raw_pwri()},
            {"kari": {}, "raw": raw_kari()}, {"ori": {}, "raw": raw_ori()},
            {"ktri": {}, "raw": raw_ktri_issuer_serial()}], version=3)),
        ("wrapped_key_content", "wrapped_key", wrapped([kekri("04")], content="ee" * 33)),
        ("wrapped_key_originator_unprotected", "wrapped_key",
         wrapped([kekri("05")], originator=ORIGINATOR_INFO, unprotected=UNPROTECTED_ATTRS)),
        ("receipt_minimal", "receipt",
         {"hwType": PEN + ".1.30", "hwSerialNum": "", "fwPkgName": {"legacy": "31"}}),
        ("receipt_ta", "receipt", {"hwType": PEN + ".1.30", "hwSerialNum": "0102",
                                   "fwPkgName": pref("120", 2**40), "trustAnchorKeyID": "77" * 20}),
        ("receipt_dk", "receipt", {"hwType": OID_64, "hwSerialNum": "0102",
                                   "fwPkgName": pref("121", 0), "decryptKeyID": ""}),
        ("receipt_both", "receipt", {"hwType": PEN + ".1.31", "hwSerialNum": "ff" * 64,
                                     "fwPkgName": {"legacy": ""}, "trustAnchorKeyID": "",
                                     "decryptKeyID": "d0" * 130}),
        ("error_report_minimal", "error_report",
         {"hwType": PEN + ".1.40", "hwSerialNum": "00", "errorCode": 1}),
        ("error_report_unassigned_50", "error_report",
         {"hwType": PEN + ".1.40", "hwSerialNum": "00", "errorCode": 50}),
        ("error_report_unassigned_0", "error_report",
         {"hwType": PEN + ".1.40", "hwSerialNum": "00", "errorCode": 0,
          "vendorErrorCode": -1}),
        ("error_report_other", "error_report",
         {"hwType": PEN + ".1.41", "hwSerialNum": "0badf00d", "errorCode": 99,
          "vendorErrorCode": -2**63 + 1, "fwPkgName": pref("130", 3),
          "config": [{"fwPkgName": {"legacy": "61"}},
                     {"fwPkgType": 2**63 - 1, "fwPkgName": pref("131", 2**64 - 1)}]}),
        ("error_report_vendor_max", "error_report",
         {"hwType": PEN + ".1.41", "hwSerialNum": "", "errorCode": 36,
          "vendorErrorCode": 2**63 - 1, "config": [{"fwPkgType": -5,
                                                    "fwPkgName": pref("132", 1)}]}),
        ("octets_empty", "octets", ""),
        ("octets_long", "octets", "5a" * 1000),
    ]


def hand_made_cases():
    """(name, type, DER, canonical) for values pyasn1 cannot encode as such."""
    recv = der_encoder.encode(build_receipt(
        {"hwType": PEN + ".1.1", "hwSerialNum": "00", "fwPkgName": {"legacy": "31"}}))
    errr = der_encoder.encode(build_error_report(
        {"hwType": PEN + ".1.1", "hwSerialNum": "00", "errorCode": 28}))
    int_min = bytes.fromhex("02088000000000000000")
    return [
        ("pkg_info_type_min", "pkg_info", tlv(0x30, int_min), {"fwPkgType": -2**63}),
        ("error_report_vendor_min", "error_report", tlv(0x30, errr[2:] + int_min),
         {"hwType": PEN + ".1.1", "hwSerialNum": "00", "errorCode": 28,
          "vendorErrorCode": -2**63}),
        ("pkg_info_type_minus_128", "pkg_info", bytes.fromhex("3003020180"), {"fwPkgType": -128}),
        ("pkg_info_empty", "pkg_info", bytes.fromhex("3000"), {}),
        ("pkg_info_empty_deps", "pkg_info", bytes.fromhex("30023000"), {"dependencies": []}),
        ("pkg_info_type_empty_deps", "pkg_info", bytes.fromhex("30050201013000"),
         {"fwPkgType": 1, "dependencies": []}),
        ("error_report_empty_config", "error_report", tlv(0x30, errr[2:] + b"\xa1\x00"),
         {"hwType": PEN + ".1.1", "hwSerialNum": "00", "errorCode": 28, "config": []}),
        # fw.h: the DEFAULT version written out is accepted (and dropped when
        # re-encoding, which test_codec_crafted checks)
        ("receipt_explicit_v1", "receipt", tlv(0x30, b"\x02\x01\x01" + recv[2:]),
         {"hwType": PEN + ".1.1", "hwSerialNum": "00", "fwPkgName": {"legacy": "31"}}),
        ("error_report_explicit_v1", "error_report", tlv(0x30, b"\x02\x01\x01" + errr[2:]),
         {"hwType": PEN + ".1.1", "hwSerialNum": "00", "errorCode": 28}),
    ]


def reject_cases():
    """(name, type, DER) that are valid ASN.1 but that cmsfw must refuse:
    out of its ranges, or not DER."""
    def enc(t, d):
        return der_encoder.encode(BUILD[t](d))
    rec = {"hwType": PEN + ".1.1", "hwSerialNum": "00", "fwPkgName": {"legacy": "31"}}
    rec_der = enc("receipt", rec)
    err = {"hwType": PEN + ".1.1", "hwSerialNum": "00", "errorCode": 99}
    return [
        ("pkg_name_vernum_2_64", "pkg_name", enc("pkg_name", pref("1", 2**64))),
        ("pkg_id_stale_2_64", "pkg_id",
         enc("pkg_id", {"name": pref("1", 1), "stale": {"preferredStaleVerNum": 2**64}})),
        ("pkg_info_type_2_63", "pkg_info", enc("pkg_info", {"fwPkgType": 2**63})),
        ("pkg_info_type_below_min", "pkg_info", enc("pkg_info", {"fwPkgType": -2**63 - 1})),
        ("error_report_vendor_2_63", "error_report",
         enc("error_report", dict(err, vendorErrorCode=2**63))),
        ("error_report_code_2_63", "error_report",
         enc("error_report", dict(err, errorCode=2**63))),
        ("wrapped_key_version_2_63", "wrapped_key",
         enc("wrapped_key", wrapped([kekri("01")], version=2**63))),
        ("receipt_oid_65", "receipt", enc("receipt", dict(rec, hwType=OID_65))),
        ("oid_list_oid_65", "oid_list", enc("oid_list", [PEN, OID_65])),
        ("communities_oid_65", "communities", enc("communities", [{"communityOID": OID_65}])),
        ("receipt_version_2", "receipt", tlv(0x30, b"\x02\x01\x02" + rec_der[2:])),
        ("receipt_version_0", "receipt", tlv(0x30, b"\x02\x01\x00" + rec_der[2:])),
        ("error_report_version_2", "error_report",
         tlv(0x30, b"\x02\x01\x02" + enc("error_report", dict(err, vendorErrorCode=1))[2:])),
        ("receipt_trailing", "receipt", rec_der + b"\x00"),
    ]


# ------------------------------------------------------------------ driver

class Runner:
    def __init__(self, tool, workdir):
        # e.g. CMSFW_CHECK_WRAPPER="./libtool --mode=execute valgrind -q --error-exitcode=3"
        self.tool = os.environ.get("CMSFW_CHECK_WRAPPER", "").split() + [tool]
        self.workdir = workdir
        self.passed = 0
        self.failed = 0

    def result(self, label, problems):
        if problems:
            self.failed += 1
            for p in problems:
                print("FAIL %s: %s" % (label, p))
        else:
            self.passed += 1

    def cmsfw_decode(self, typ, path):
        proc = subprocess.run(self.tool + ["decode", typ, path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        return proc.returncode, proc.stdout, proc.stderr.strip()

    def forward(self):
        """cmsfw encodes, pyasn1 decodes and re-encodes."""
        cdir = os.path.join(self.workdir, "c")
        os.makedirs(cdir, exist_ok=True)
        proc = subprocess.run(self.tool + ["encode", cdir], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        if proc.returncode != 0:
            self.result("fwcodec_check encode", ["exit status %d: %s" % (
                proc.returncode, proc.stderr.strip())])
            return
        with open(os.path.join(cdir, "manifest.jsonl")) as f:
            entries = [json.loads(line) for line in f if line.strip()]
        seen = set()
        for e in entries:
            seen.add(e["type"])
            with open(os.path.join(cdir, e["file"]), "rb") as f:
                der = f.read()
            label = "cmsfw->pyasn1 %s (%s)" % (e["file"], e["type"])
            self.result(label, self.check_forward(e["type"], der, e["value"]))
            if e["file"] in KNOWN_ANSWERS:
                want = KNOWN_ANSWERS[e["file"]]
                self.result("known answer " + e["file"], [] if der.hex() == want else [
                    "bytes differ: expected %s, got %s" % (want, der.hex())])
        missing = sorted(set(SPECS) - seen)
        self.result("cmsfw->pyasn1 coverage",
                    ["no sample of type %s" % t for t in missing])

    @staticmethod
    def check_forward(typ, der, expected):
        problems = []
        try:
            value = decode_exact(der, SPECS[typ](), typ)
            actual = CANON[typ](value)
        except Mismatch as ex:
            return [str(ex)]
        except Exception as ex:  # pyasn1 refused the encoding
            return ["pyasn1 cannot decode it: %s: %s" % (type(ex).__name__, ex)]
        diff(sorted_recipients(strip_raw(expected)), sorted_recipients(strip_raw(actual)), "",
             problems)
        again = der_encoder.encode(value)
        if again != der:
            problems.append("pyasn1 re-encodes it differently:\n  cmsfw  %s\n  pyasn1 %s"
                            % (der.hex(), again.hex()))
        return problems

    def reverse(self):
        """pyasn1 encodes, cmsfw decodes."""
        pdir = os.path.join(self.workdir, "py")
        os.makedirs(pdir, exist_ok=True)
        for name, typ, literal in reverse_cases():
            label = "pyasn1->cmsfw %s (%s)" % (name, typ)
            try:
                der = der_encoder.encode(BUILD[typ](literal))
                expected = CANON[typ](decode_exact(der, SPECS[typ](), typ))
            except Exception as ex:
                self.result(label, ["pyasn1 could not build it: %s: %s"
                                    % (type(ex).__name__, ex)])
                continue
            # The literal and pyasn1's own reading of it must agree first.
            problems = []
            diff(sorted_recipients(strip_raw(without_extra(literal))),
                 sorted_recipients(strip_raw(expected)), "", problems)
            if problems:
                self.result(label, ["pyasn1 builder: " + p for p in problems])
                continue
            self.result(label, self.check_reverse(pdir, name, typ, der, expected))
        for name, typ, der, expected in hand_made_cases():
            label = "hand-made DER->cmsfw %s (%s)" % (name, typ)
            self.result(label, self.check_reverse(pdir, name, typ, der, expected))
        for name, typ, der in reject_cases():
            path = os.path.join(pdir, name + ".der")
            with open(path, "wb") as f:
                f.write(der)
            rc, out, err = self.cmsfw_decode(typ, path)
            label = "cmsfw rejects %s (%s)" % (name, typ)
            if rc == 1:
                self.result(label, [])
            elif rc == 0:
                self.result(label, ["accepted %s as %s" % (der.hex(), out.strip())])
            else:
                self.result(label, ["exit status %d (crash?): %s" % (rc, err)])

    def check_reverse(self, pdir, name, typ, der, expected):
        path = os.path.join(pdir, name + ".der")
        with open(path, "wb") as f:
            f.write(der)
        rc, out, err = self.cmsfw_decode(typ, path)
        if rc != 0:
            return ["cmsfw refused %s: exit %d: %s" % (der.hex(), rc, err)]
        try:
            actual = json.loads(out)
        except ValueError as ex:
            return ["fwcodec_check printed bad JSON (%s): %s" % (ex, out)]
        problems = []
        diff(sorted_recipients(expected), sorted_recipients(actual), "", problems)
        return problems


def main(argv):
    if len(argv) != 3:
        print("usage: pyasn1_cross.py FWCODEC_CHECK WORKDIR", file=sys.stderr)
        return 2
    run = Runner(argv[1], argv[2])
    run.forward()
    run.reverse()
    print("%d passed, %d failed" % (run.passed, run.failed))
    return 0 if run.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
