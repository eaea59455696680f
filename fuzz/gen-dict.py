#!/usr/bin/env python3
"""gen-dict.py: write fuzz/cmsfw.dict, the libFuzzer dictionary of the targets.

    python3 fuzz/gen-dict.py asn1/oid.c > fuzz/cmsfw.dict

It holds the complete DER (06 LL ...) of every OID in the table of
asn1/oid.c, then the tags, length forms and small values a CMS package is
made of. Run it again when the OID table changes.
"""
import re
import sys

ENTRY = re.compile(r'ENTRY\("([^"]+)",\s*"([0-9.]+)",\s*([^)]*)\)')

# (name, octets): identifiers and lengths of CMS and RFC 4108 structures.
FRAMING = [
    ("seq", b"\x30"), ("set", b"\x31"), ("seq_indef", b"\x30\x80"), ("set_indef", b"\x31\x80"),
    ("ctx0", b"\xa0"), ("ctx1", b"\xa1"), ("ctx2", b"\xa2"), ("ctx3", b"\xa3"),
    ("ctx0_indef", b"\xa0\x80"), ("ctx1_indef", b"\xa1\x80"),
    ("ctx0_prim", b"\x80"), ("ctx1_prim", b"\x81"), ("ctx2_prim", b"\x82"),
    ("octets", b"\x04"), ("octets_cons", b"\x24"), ("octets_cons_indef", b"\x24\x80"),
    ("octets_empty", b"\x04\x00"), ("bits", b"\x03"), ("bits_cons", b"\x23"),
    ("oid_tag", b"\x06"), ("int_tag", b"\x02"), ("enum_tag", b"\x0a"),
    ("bool_true", b"\x01\x01\xff"),
    ("null", b"\x05\x00"), ("utc_time", b"\x17\x0d"), ("gen_time", b"\x18\x0f"),
    ("utf8", b"\x0c"), ("printable", b"\x13"), ("high_tag", b"\x1f\x81\x00"),
    ("eoc", b"\x00\x00"), ("eoc2", b"\x00\x00\x00\x00"),
    ("len_indef", b"\x80"), ("len_81", b"\x81\x80"), ("len_82", b"\x82\x01\x00"),
    ("len_83", b"\x83\x01\x00\x00"), ("len_84_max", b"\x84\xff\xff\xff\xff"),
    ("len_88_max", b"\x88\xff\xff\xff\xff\xff\xff\xff\xff"), ("len_89", b"\x89"),
    ("len_ff", b"\xff"), ("len_nonminimal", b"\x81\x01"),
    ("int_0", b"\x02\x01\x00"), ("int_1", b"\x02\x01\x01"), ("int_3", b"\x02\x01\x03"),
    ("int_4", b"\x02\x01\x04"), ("int_neg", b"\x02\x01\xff"),
    ("int_big", b"\x02\x09\x01\x00\x00\x00\x00\x00\x00\x00\x00"),
    ("int_nonminimal", b"\x02\x02\x00\x01"), ("enum_99", b"\x0a\x01\x63"),
    ("ski_20", b"\x80\x14"), ("kek_id_8", b"\x04\x08\x01\x02\x03\x04\x05\x06\x07\x08"),
    ("kek_id_256", b"\x04\x08\x11\x12\x13\x14\x15\x16\x17\x18"),
    ("hw_serial", b"\x04\x02\x01\x02"),
    ("pem_begin", b"-----BEGIN "), ("pem_end", b"-----END "), ("pem_dashes", b"-----"),
    ("pem_cert", b"CERTIFICATE"), ("pem_pub", b"PUBLIC KEY"), ("pem_priv", b"PRIVATE KEY"),
    ("pem_enc", b"ENCRYPTED PRIVATE KEY"), ("pem_proc", b"Proc-Type: 4,ENCRYPTED"),
    ("b64_pad", b"=="),
]


def escape(octets):
    return "".join("\\x%02x" % b for b in octets)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    print("# cmsfw.dict: libFuzzer dictionary of the cmsfw fuzz targets.")
    print("# Written by fuzz/gen-dict.py from asn1/oid.c; do not edit by hand.")
    print()
    print("# DER of every OID cmsfw knows")
    count = 0
    for name, dotted, octets in ENTRY.findall(text):
        content = bytes(int(x, 16) for x in octets.replace(" ", "").split(",") if x)
        key = re.sub(r"[^A-Za-z0-9_]", "_", name)
        print('oid_%s="%s"' % (key, escape(bytes([6, len(content)]) + content)))
        count += 1
    if count == 0:
        sys.exit("gen-dict.py: no ENTRY(...) found in " + sys.argv[1])
    print()
    print("# identifiers, length forms and small values")
    for key, octets in FRAMING:
        print('%s="%s"' % (key, escape(octets)))


if __name__ == "__main__":
    main()
