#!/usr/bin/env python3
"""seeds.py: seed inputs for fuzz_fw and fuzz_keys, taken out of the vectors.

    python3 fuzz/seeds.py VECTORS_DIR FW_DIR KEYS_DIR

FW_DIR receives the RFC 4108 attribute values of every signed package
(signed and unsigned attributes), the package names inside them, the bare
receipts and error reports of vectors/samples, and a few values the vectors
do not carry (a HardwareModuleName, its otherName, a ContentInfo wrapping
input); each file starts with the selector octet fuzz_fw.c gives its type.
KEYS_DIR receives every certificate the packages carry, as DER.

The BER reader below is deliberately independent of cmsfw's own cursor.
"""
import hashlib
import os
import sys

# Selector octets of fuzz_fw.c (its codecs[] order).
PKG_ID, PKG_NAME, OID_LIST, COMMUNITIES, PKG_INFO, FW_DIGEST = 0, 1, 2, 3, 4, 5
HW_NAME, WRAPPED_KEY, RECEIPT, ERROR_REPORT, OCTETS, OTHERNAME = 6, 7, 8, 9, 10, 11
CONTENT_INFO = 12

AA = bytes.fromhex("2a864886f70d01091002")  # id-aa: 1.2.840.113549.1.9.16.2
ATTR_SELECTOR = {
    35: PKG_ID,       # firmwarePackageID
    36: OID_LIST,     # targetHardwareIDs
    37: OCTETS,       # decryptKeyID
    38: OID_LIST,     # implCryptoAlgs
    39: WRAPPED_KEY,  # wrappedFirmwareKey
    40: COMMUNITIES,  # communityIdentifiers
    41: FW_DIGEST,    # fwPkgMessageDigest
    42: PKG_INFO,     # firmwarePackageInfo
    43: OID_LIST,     # implCompressAlgs
}
SIGNED_DATA = bytes.fromhex("2a864886f70d010702")
RECEIPT_CT = bytes.fromhex("2a864886f70d0109100111")  # id-ct-firmwareLoadReceipt
HW_TYPE = bytes.fromhex("2b0601040181fd590101")  # 1.3.6.1.4.1.32473.1.1
ON_HW_MODULE_NAME = bytes.fromhex("2b06010505070804")


class Tlv:
    """One BER TLV: class | constructed octet, tag number, contents, whole."""

    def __init__(self, ident, tag, val, raw):
        self.cls = ident & 0xC0
        self.cons = bool(ident & 0x20)
        self.tag = tag
        self.val = val
        self.raw = raw

    def children(self):
        return list(read_all(self.val))


def read_one(buf, pos):
    """The TLV at buf[pos:] and the position after it (raises on bad input)."""
    start = pos
    ident = buf[pos]
    pos += 1
    tag = ident & 0x1F
    if tag == 0x1F:
        tag = 0
        while True:
            b = buf[pos]
            pos += 1
            tag = (tag << 7) | (b & 0x7F)
            if not b & 0x80:
                break
    first = buf[pos]
    pos += 1
    if first == 0x80:
        inner = pos
        while buf[pos] != 0 or buf[pos + 1] != 0:
            _, pos = read_one(buf, pos)
        val = buf[inner:pos]
        pos += 2
    else:
        if first & 0x80:
            n = first & 0x7F
            length = int.from_bytes(buf[pos:pos + n], "big")
            pos += n
        else:
            length = first
        val = buf[pos:pos + length]
        if len(val) != length:
            raise ValueError("truncated")
        pos += length
    return Tlv(ident, tag, val, buf[start:pos]), pos


def read_all(buf):
    pos = 0
    while pos < len(buf):
        t, pos = read_one(buf, pos)
        yield t


def der_len(n):
    if n < 0x80:
        return bytes([n])
    octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(octets)]) + octets


def der(tag_octet, contents):
    return bytes([tag_octet]) + der_len(len(contents)) + contents


def signed_parts(pkg):
    """(attribute values by id-aa number, certificates) of a SignedData."""
    ci = next(read_all(pkg))
    oid, content = ci.children()[:2]
    if oid.val != SIGNED_DATA:
        return [], []
    sd = content.children()[0].children()
    certs = [c.raw for t in sd if t.cls == 0x80 and t.tag == 0 for c in t.children()]
    values = []
    for si in sd[-1].children():
        for part in si.children():
            if part.cls != 0x80 or not part.cons or part.tag not in (0, 1):
                continue
            for attr in part.children():
                kids = attr.children()
                if len(kids) < 2 or not kids[0].val.startswith(AA):
                    continue
                arc = kids[0].val[len(AA):]
                if len(arc) == 1 and arc[0] in ATTR_SELECTOR:
                    values += [(arc[0], v.raw) for v in kids[1].children()]
    return values, certs


def names_in(sel, value):
    """PreferredOrLegacyPackageIdentifier values inside an attribute value."""
    kids = next(read_all(value)).children()
    if sel == PKG_ID and kids:
        return [kids[0].raw]
    if sel == PKG_INFO:
        return [n.raw for k in kids if k.tag == 16 for n in k.children()]
    return []


def crafted():
    hw_name = der(0x30, der(0x06, HW_TYPE) + der(0x04, b"\x01\x02"))
    othername = der(0xA0, der(0x06, ON_HW_MODULE_NAME) + der(0xA0, hw_name))
    ci = bytes([len(RECEIPT_CT)]) + RECEIPT_CT + der(0x04, b"firmware")
    return [(HW_NAME, hw_name), (OTHERNAME, othername), (CONTENT_INFO, ci),
            (OCTETS, der(0x04, b"")), (OID_LIST, der(0x30, b""))]


def write(out_dir, data):
    os.makedirs(out_dir, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:20]
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(data)


def main():
    vectors, fw_dir, keys_dir = sys.argv[1:4]
    seeds = set(crafted())
    certs = set()
    for sub in ("generated", "published", "samples"):
        d = os.path.join(vectors, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".der"):
                continue
            with open(os.path.join(d, f), "rb") as fh:
                pkg = fh.read()
            if f == "receipt.der":
                seeds.add((RECEIPT, pkg))
            elif f == "error-report.der":
                seeds.add((ERROR_REPORT, pkg))
            try:
                values, found = signed_parts(pkg)
            except (ValueError, IndexError, StopIteration):
                continue  # damaged on purpose: no values to take out
            certs.update(found)
            for arc, value in values:
                sel = ATTR_SELECTOR[arc]
                seeds.add((sel, value))
                try:
                    seeds.update((PKG_NAME, n) for n in names_in(sel, value))
                except (ValueError, IndexError, StopIteration):
                    pass
    for sel, value in sorted(seeds):
        write(fw_dir, bytes([sel]) + value)
    for c in sorted(certs):
        write(keys_dir, c)
    print("fuzz_fw: %d seeds, fuzz_keys: %d certificates" % (len(seeds), len(certs)))


if __name__ == "__main__":
    main()
