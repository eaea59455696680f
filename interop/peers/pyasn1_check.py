#!/usr/bin/python3
"""pyasn1_check: the pyasn1-modules side of `make interop`.

  pyasn1_check.py packages LIST IMAGE          cmsfw's packages
  pyasn1_check.py reports LIST                  cmsfw's receipts and error reports
  pyasn1_check.py make-reports DIR              receipts and error reports for cmsfw

Each check prints one line per item: producer, alg, layers, outcome, message
(tab-separated); the shell script turns them into result rows. pyasn1-modules
has its own ASN.1 definitions of RFC 5652 and RFC 4108: a value that decodes
here, re-encodes to the same octets (DER) and carries the values cmsfw was
asked to write is read the same way by an independent implementation.
"""

import hashlib
import json
import os
import sys

from pyasn1.codec.der import decoder as der_decoder
from pyasn1.codec.der import encoder as der_encoder
from pyasn1.type import univ
from pyasn1_modules import rfc4108, rfc5083, rfc5652

PKG_OID = univ.ObjectIdentifier("1.3.6.1.4.1.32473.2.1")
HW_OID = univ.ObjectIdentifier("1.3.6.1.4.1.32473.1.1")
# the device of the error reports: another hardware type (wrongHardware)
OTHER_HW = univ.ObjectIdentifier("1.3.6.1.4.1.32473.1.9")
HASHES = {"2.16.840.1.101.3.4.2.1": "sha256", "2.16.840.1.101.3.4.2.2": "sha384",
          "2.16.840.1.101.3.4.2.3": "sha512"}
ENCRYPTED = {"aes256-cbc", "aes256-gcm", "zlib+aes256-gcm"}


class Mismatch(Exception):
    pass


def strict(data, spec):
    """Decode DER; it must re-encode to the same octets."""
    value, rest = der_decoder.decode(data, asn1Spec=spec)
    if rest:
        raise Mismatch("%d octets after the value" % len(rest))
    if der_encoder.encode(value) != bytes(data):
        raise Mismatch("%s is not DER (re-encoding differs)" % spec.__class__.__name__)
    return value


def attr_map(attrs):
    got = {}
    for a in attrs:
        oid = str(a["attrType"])
        if oid in got:
            raise Mismatch("attribute %s twice" % oid)
        if len(a["attrValues"]) != 1:
            raise Mismatch("attribute %s has %d values" % (oid, len(a["attrValues"])))
        got[oid] = bytes(a["attrValues"][0])
    return got


def check_package(path, layers, image):
    with open(path, "rb") as f:
        ci = strict(f.read(), rfc5652.ContentInfo())
    if ci["contentType"] != rfc5652.id_signedData:
        raise Mismatch("contentType %s" % ci["contentType"])
    sd = strict(bytes(ci["content"]), rfc5652.SignedData())
    eci = sd["encapContentInfo"]
    if len(sd["signerInfos"]) != 1:
        raise Mismatch("%d SignerInfos" % len(sd["signerInfos"]))
    si = sd["signerInfos"][0]
    signed = attr_map(si["signedAttrs"])
    checked = []
    pid = strict(signed[str(rfc4108.id_aa_firmwarePackageID)],
                 rfc4108.FirmwarePackageIdentifier())
    pref = pid["name"]["preferred"]
    if pref["fwPkgID"] != PKG_OID or int(pref["verNum"]) != 5:
        raise Mismatch("firmware-package-identifier is %s" % pid.prettyPrint())
    checked.append("firmware-package-identifier")
    hw = strict(signed[str(rfc4108.id_aa_targetHardwareIDs)],
                rfc4108.TargetHardwareIdentifiers())
    if HW_OID not in list(hw):
        raise Mismatch("target-hardware-identifiers lacks %s" % HW_OID)
    checked.append("target-hardware-identifiers")
    key = str(rfc4108.id_aa_fwPkgMessageDigest)
    if key in signed:
        md = strict(signed[key], rfc4108.FirmwarePackageMessageDigest())
        alg = HASHES.get(str(md["algorithm"]["algorithm"]))
        if alg is None or hashlib.new(alg, image).digest() != bytes(md["msgDigest"]):
            raise Mismatch("firmware-package-message-digest does not match the image")
        checked.append("firmware-package-message-digest (%s)" % alg)
    ct = strict(signed[str(rfc5652.id_contentType)], rfc5652.ContentType())
    if ct != eci["eContentType"]:
        raise Mismatch("content-type attribute %s, eContentType %s" % (ct, eci["eContentType"]))
    if layers in ENCRYPTED:
        strict(signed[str(rfc4108.id_aa_decryptKeyID)], rfc4108.DecryptKeyIdentifier())
        checked.append("decrypt-key-identifier")
        if layers == "aes256-cbc":
            if eci["eContentType"] != rfc5652.id_encryptedData:
                raise Mismatch("eContentType %s" % eci["eContentType"])
            strict(bytes(eci["eContent"]), rfc5652.EncryptedData())
            # RFC 4108 2.3.1: an EnvelopedData whose encryptedContent is absent
            unsigned = attr_map(si["unsignedAttrs"])
            env = strict(unsigned[str(rfc4108.id_aa_wrappedFirmwareKey)],
                         rfc4108.WrappedFirmwareKey())
            if env["encryptedContentInfo"]["encryptedContent"].isValue:
                raise Mismatch("wrapped-firmware-key carries content")
            recipients = env["recipientInfos"]
            checked.append("EncryptedData, wrapped-firmware-key (EnvelopedData, detached)")
        else:
            if eci["eContentType"] != rfc5083.id_ct_authEnvelopedData:
                raise Mismatch("eContentType %s" % eci["eContentType"])
            aed = strict(bytes(eci["eContent"]), rfc5083.AuthEnvelopedData())
            recipients = aed["recipientInfos"]
            checked.append("AuthEnvelopedData")
        if [r.getName() for r in recipients] != ["kekri"]:
            raise Mismatch("recipients %s" % [r.getName() for r in recipients])
        checked.append("KEKRecipientInfo")
    elif layers == "plain":
        if bytes(eci["eContent"]) != image:
            raise Mismatch("eContent differs from the image")
        checked.append("eContent = image")
    return "decoded, DER: " + ", ".join(checked)


def cmd_packages(list_path, image_path):
    with open(image_path, "rb") as f:
        image = f.read()
    with open(list_path) as f:
        for line in f:
            producer, alg, layers, path = line.rstrip("\n").split("\t")[:4]
            try:
                msg = check_package(path, layers, image)
                print("%s\t%s\t%s\tpass\t%s" % (producer, alg, layers, msg))
            except Exception as e:  # every failure becomes a row
                print("%s\t%s\t%s\tfail\t%s: %s" % (producer, alg, layers,
                                                    e.__class__.__name__, e))


def check_report(path, kind):
    """kind: receipt, error-report, signed-receipt, signed-error-report."""
    with open(path, "rb") as f:
        data = f.read()
    ci = strict(data, rfc5652.ContentInfo())
    if kind.startswith("signed-"):
        if ci["contentType"] != rfc5652.id_signedData:
            raise Mismatch("signed report in a %s" % ci["contentType"])
        sd = strict(bytes(ci["content"]), rfc5652.SignedData())
        inner_type = sd["encapContentInfo"]["eContentType"]
        inner = bytes(sd["encapContentInfo"]["eContent"])
        kind = kind[len("signed-"):]
    else:
        inner_type, inner = ci["contentType"], bytes(ci["content"])
    if kind == "receipt":
        if inner_type != rfc4108.id_ct_firmwareLoadReceipt:
            raise Mismatch("content type %s" % inner_type)
        r = strict(inner, rfc4108.FirmwarePackageLoadReceipt())
        if r["hwType"] != HW_OID or bytes(r["hwSerialNum"]) != b"\x01\x02":
            raise Mismatch("receipt names %s / %s" % (r["hwType"], bytes(r["hwSerialNum"]).hex()))
        if r["fwPkgName"]["preferred"]["fwPkgID"] != PKG_OID:
            raise Mismatch("receipt names package %s" % r["fwPkgName"].prettyPrint())
        return "FirmwarePackageLoadReceipt decoded, DER, values as written"
    if inner_type != rfc4108.id_ct_firmwareLoadError:
        raise Mismatch("content type %s" % inner_type)
    e = strict(inner, rfc4108.FirmwarePackageLoadError())
    if e["hwType"] != OTHER_HW or int(e["errorCode"]) != 27:
        raise Mismatch("error report says %s, code %d" % (e["hwType"], int(e["errorCode"])))
    return "FirmwarePackageLoadError decoded, DER, wrongHardware (27) as written"


def cmd_reports(list_path):
    with open(list_path) as f:
        for line in f:
            producer, kind, path = line.rstrip("\n").split("\t")[:3]
            try:
                print("%s\t-\t%s\tpass\t%s" % (producer, kind, check_report(path, kind)))
            except Exception as e:  # every failure becomes a row
                print("%s\t-\t%s\tfail\t%s: %s" % (producer, kind, e.__class__.__name__, e))


def cmd_make_reports(out_dir):
    """A receipt and an error report written with pyasn1-modules, and the
    values cmsfw inspect must show for them (JSON next to each)."""
    name = rfc4108.PreferredOrLegacyPackageIdentifier()
    name["preferred"]["fwPkgID"] = PKG_OID
    name["preferred"]["verNum"] = 12
    r = rfc4108.FirmwarePackageLoadReceipt()
    r["version"] = 1
    r["hwType"] = HW_OID
    r["hwSerialNum"] = b"\x0a\x0b"
    r["fwPkgName"] = name
    r["trustAnchorKeyID"] = b"\x11" * 20
    ci = rfc5652.ContentInfo()
    ci["contentType"] = rfc4108.id_ct_firmwareLoadReceipt
    ci["content"] = univ.Any(der_encoder.encode(r))
    with open(os.path.join(out_dir, "receipt.der"), "wb") as f:
        f.write(der_encoder.encode(ci))
    e = rfc4108.FirmwarePackageLoadError()
    e["version"] = 1
    e["hwType"] = HW_OID
    e["hwSerialNum"] = b"\x0a\x0b"
    e["errorCode"] = 15
    e["fwPkgName"] = name
    ci = rfc5652.ContentInfo()
    ci["contentType"] = rfc4108.id_ct_firmwareLoadError
    ci["content"] = univ.Any(der_encoder.encode(e))
    with open(os.path.join(out_dir, "error-report.der"), "wb") as f:
        f.write(der_encoder.encode(ci))


def cmd_check_inspect(kind, json_path):
    """The JSON of `cmsfw inspect` for a report make-reports wrote."""
    with open(json_path) as f:
        text = f.read()
    want = {"receipt": ["1.3.6.1.4.1.32473.1.1", "0a0b", "1.3.6.1.4.1.32473.2.1", "12",
                        "11" * 20],
            "error-report": ["1.3.6.1.4.1.32473.1.1", "0a0b", "1.3.6.1.4.1.32473.2.1", "12",
                             "signatureFailure"]}[kind]
    json.loads(text)
    missing = [w for w in want if w not in text]
    if missing:
        print("fail\tcmsfw inspect does not show %s" % ", ".join(missing))
    else:
        print("pass\tdecoded by cmsfw inspect with the values pyasn1 wrote")


def main(argv):
    if len(argv) == 4 and argv[1] == "packages":
        cmd_packages(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "reports":
        cmd_reports(argv[2])
    elif len(argv) == 3 and argv[1] == "make-reports":
        cmd_make_reports(argv[2])
    elif len(argv) == 4 and argv[1] == "check-inspect":
        cmd_check_inspect(argv[2], argv[3])
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
