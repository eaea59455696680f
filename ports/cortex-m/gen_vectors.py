#!/usr/bin/env python3
"""Embed the vectors the device profile can run into the test firmware.

  gen_vectors.py --srcdir TOP --out-c cases.c --out-s cases.S --list cases.tsv

  gen_vectors.py --hss-only ...   (the cases of the HSS/LMS-only images)

Reads vectors/MANIFEST and vectors/adversarial/MANIFEST (parsed as
tests/test_vectors.py does) and keeps the cases a device with SHA-256,
ECDSA P-256, HSS/LMS and AES can run: every trust anchor is a P-256 or an
HSS/LMS key, the signer is named by the key identifier of one of them, and
the package uses neither compression nor another digest or signature
algorithm. With --hss-only, the cases whose anchors are all HSS/LMS keys.
An anchor is a certificate (its subjectKeyIdentifier names it) or, in the
manifest's FILE:KEYIDHEX form, a certificate or SubjectPublicKeyInfo with
that key identifier, as `cmsfw verify --trust` reads them. For each,
it writes the device description (what `cmsfw verify` builds from the same
flags: tools/device.c) as C data, and the package itself as an .incbin in
the assembler file. cases.tsv lists, per case: name, expected verdict,
expected image SHA-256 (or -), the manifest, and the file.
"""

import argparse
import base64
import os
import re
import sys

MAX_FILE = 1 << 20  # the test image's flash is 4 MiB

# DER of OIDs whose presence means the package needs what the device lacks
NEEDS_MORE = {
    "compression": bytes.fromhex("060b2a864886f70d0109100109"),  # id-ct-compressedData
    "zlib": bytes.fromhex("060b2a864886f70d0109100308"),
    "sha384": bytes.fromhex("0609608648016503040202"),
    "sha512": bytes.fromhex("0609608648016503040203"),
    "ecdsa-sha384": bytes.fromhex("06082a8648ce3d040303"),
    "ecdsa-sha512": bytes.fromhex("06082a8648ce3d040304"),
    "rsa": bytes.fromhex("06092a864886f70d010101"),
    "rsa-pss": bytes.fromhex("06092a864886f70d01010a"),
    "sha256-rsa": bytes.fromhex("06092a864886f70d01010b"),
    "ed25519": bytes.fromhex("06032b6570"),
    "ed448": bytes.fromhex("06032b6571"),
}
P256_SPKI_PREFIX = bytes.fromhex("3059301306072a8648ce3d020106082a8648ce3d030107034200")
HSS_SPKI_OID = bytes.fromhex("060b2a864886f70d0109100311")  # id-alg-hss-lms-hashsig


def der_read(data, pos=0):
    """(tag, content start, end) of the DER element at @pos."""
    tag, n = data[pos], data[pos + 1]
    pos += 2
    if n & 0x80:
        k = n & 0x7f
        n = int.from_bytes(data[pos:pos + k], "big")
        pos += k
    if pos + n > len(data):
        raise ValueError("DER element overruns its parent")
    return tag, pos, pos + n


def der_children(data, start, end):
    out = []
    while start < end:
        tag, c, e = der_read(data, start)
        out.append((tag, c, e, start))
        start = e
    return out


def file_der(path):
    with open(path, "rb") as f:
        data = f.read()
    if b"-----BEGIN" in data:
        lines = data.decode().strip().splitlines()
        data = base64.b64decode("".join(ln for ln in lines if not ln.startswith("-----")))
    return data


def anchor_of(value):
    """(spki DER, key identifier or None) of a manifest trust value: a
    certificate (subjectKeyIdentifier) or FILE:KEYIDHEX (a certificate or
    an SPKI with that key identifier)."""
    path, keyid = value, None
    if not os.path.exists(path) and ":" in os.path.basename(path):
        path, _, hexid = path.rpartition(":")
        keyid = bytes.fromhex(hexid)
    data = file_der(path)
    _, c, e = der_read(data)
    top = der_children(data, c, e)
    if top[0][0] == 0x06 or top[0][0] == 0x30 and data[top[0][1]] == 0x06:
        return data[:e], keyid  # SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, ... }
    tbs = der_children(data, top[0][1], top[0][2])
    if tbs[0][0] == 0xA0:
        tbs = tbs[1:]
    spki = data[tbs[5][3]:tbs[5][2]]
    ski = None
    for tag, c2, e2, _ in tbs[6:]:
        if tag != 0xA3:
            continue
        _, c3, e3 = der_read(data, c2)
        for _, c4, e4, _ in der_children(data, c3, e3):
            fields = der_children(data, c4, e4)
            if data[fields[0][3]:fields[0][2]] == bytes.fromhex("0603551d0e"):
                _, c5, e5 = der_read(data, fields[-1][1])  # OCTET STRING in the extnValue
                ski = data[c5:e5]
    return spki, keyid if keyid is not None else ski


def oid_der(dotted):
    """Content octets of an OBJECT IDENTIFIER."""
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    for v in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        enc = [v & 0x7f]
        v >>= 7
        while v:
            enc.append(0x80 | (v & 0x7f))
            v >>= 7
        out += bytes(reversed(enc))
    return bytes(out)


def key_file(path):
    """A KEK file: raw octets, or their hex (tools accept both)."""
    with open(path, "rb") as f:
        data = f.read()
    text = data.strip()
    if re.fullmatch(rb"[0-9A-Fa-f]+", text) and len(text) in (32, 48, 64):
        return bytes.fromhex(text.decode())
    return data


class Emitter:
    def __init__(self):
        self.c = []
        self.n = 0

    def blob(self, data):
        """Name of a static const byte array holding @data."""
        self.n += 1
        name = "b%d" % self.n
        body = ",".join("0x%02x" % b for b in data) or "0"
        self.c.append("static const uint8_t %s[] = {%s};" % (name, body))
        return name

    def bytes_ref(self, data):
        if data is None:
            return "{NULL, 0}"
        return "{%s, %d}" % (self.blob(data), len(data))


def is_hss(spki):
    return spki[2:20].find(HSS_SPKI_OID) >= 0


def hss_levels(spki):
    """L, the level count of an HSS public key (RFC 8554: u32str(L) first)
    in an SPKI, or 0 when it is not one. The key is the BIT STRING's
    content, or an OCTET STRING in it (the form some producers write)."""
    if not is_hss(spki):
        return 0
    _, c, e = der_read(spki)
    fields = der_children(spki, c, e)
    if len(fields) < 2 or fields[1][0] != 0x03:
        return 0
    key = spki[fields[1][1] + 1:fields[1][2]]
    if len(key) > 2 and key[0] == 0x04:
        _, c2, e2 = der_read(key)
        key = key[c2:e2]
    return int.from_bytes(key[:4], "big") if len(key) >= 4 else 0


def anchor_levels(args):
    """The largest HSS level count among the anchors (--trust and
    --anchor-no-fw values) of a case's `cmsfw verify` arguments."""
    levels = 0
    for opt, value in zip(args, args[1:]):
        if opt in ("--trust", "--anchor-no-fw"):
            levels = max(levels, hss_levels(anchor_of(value)[0]))
    return levels


def skip_reason(d, vdir, anchors, data, hss_only):
    if d.get("max-image"):
        return "max-image (decompression)"
    for label, der in NEEDS_MORE.items():
        if der in data:
            return label
    for spki, _ in anchors:
        if hss_only and not is_hss(spki):
            return "not an HSS/LMS anchor"
        if not spki.startswith(P256_SPKI_PREFIX) and not is_hss(spki):
            return "neither a P-256 nor an HSS/LMS anchor"
    if hss_only and not anchors:
        return "no anchor"
    if not any(ski is not None and bytes([0x80, len(ski)]) + ski in data
               for _, ski in anchors):
        return "signer not named by an anchor's subjectKeyIdentifier"
    return None


def emit_case(em, idx, name, d, vdir, anchors):
    cs = []
    a_items = []
    for (spki, ski), flags in anchors_with_flags(d, anchors):
        a_items.append("{%s, %s, {NULL, 0}, %s}" % (em.bytes_ref(spki), em.bytes_ref(ski), flags))
    cs.append("static const cmsfw_anchor c%d_anchors[] = {%s};" % (idx, ", ".join(a_items)))
    comms = [em.bytes_ref(oid_der(v)) for v in d.get("community", [])]
    keks = []
    for key, usage in (("kek", "CMSFW_KEY_KEK"), ("cek", "CMSFW_KEY_CEK")):
        for v in d.get(key, []):
            kid, _, kfile = v.partition(":")
            keks.append("{%s, %s, %s}" % (em.bytes_ref(bytes.fromhex(kid)),
                                          em.bytes_ref(key_file(os.path.join(vdir, kfile))),
                                          usage))
    inst = []
    for v in d.get("installed", []):
        parts = v.split(":")
        typ = ("1, %s" % parts[2]) if len(parts) > 2 else "0, 0"
        inst.append("{{CMSFW_NAME_PREFERRED, %s, %su, {NULL, 0}}, %s}"
                    % (em.bytes_ref(oid_der(parts[0])), parts[1], typ))
    for v in d.get("installed-legacy", []):
        parts = v.split(":")
        typ = ("1, %s" % parts[1]) if len(parts) > 1 else "0, 0"
        inst.append("{{CMSFW_NAME_LEGACY, {NULL, 0}, 0, %s}, %s}"
                    % (em.bytes_ref(bytes.fromhex(parts[0])), typ))
    stale = []
    for v in d.get("stale", []):
        oid, _, ver = v.partition(":")
        stale.append("{%s, %su}" % (em.bytes_ref(oid_der(oid)), ver))
    types = [v for v in d.get("pkg-type", [])]

    def arr(kind, cname, items):
        if not items:
            return "NULL, 0"
        cs.append("static const %s c%d_%s[] = {%s};" % (kind, idx, cname, ", ".join(items)))
        return "c%d_%s, %d" % (idx, cname, len(items))

    policy = "CMSFW_POLICY_ALLOW_DOWNGRADE" if d.get("allow-downgrade") == ["yes"] else "0"
    hw_serial = d.get("hw-serial")
    dev = ("static const cmsfw_device c%d_dev = {%s, %s, c%d_anchors, %d, %s, %s, %s, %s, %s, "
           "%s, 0};" % (idx, em.bytes_ref(oid_der(d["hw-type"][0])),
                        em.bytes_ref(bytes.fromhex(hw_serial[0]) if hw_serial else None),
                        idx, len(a_items),
                        arr("cmsfw_bytes", "comm", comms), arr("cmsfw_kek", "keks", keks),
                        arr("cmsfw_installed", "inst", inst),
                        arr("cmsfw_stale_entry", "stale", stale),
                        arr("int64_t", "types", types), policy))
    cs.append(dev)
    return cs


def anchors_with_flags(d, anchors):
    flags = (["CMSFW_ANCHOR_FIRMWARE_SIGNER"] * len(d.get("trust", []))
             + ["0"] * len(d.get("anchor-no-fw", [])))
    return zip(anchors, flags)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--out-c", required=True)
    ap.add_argument("--out-s", required=True)
    ap.add_argument("--list", required=True)
    ap.add_argument("--only", default="")
    ap.add_argument("--hss-only", action="store_true",
                    help="the cases whose anchors are all HSS/LMS keys")
    args = ap.parse_args()
    args.srcdir = os.path.abspath(args.srcdir)
    sys.path.insert(0, os.path.join(args.srcdir, "tests"))
    import test_vectors  # the one parser of the manifest format

    em = Emitter()
    body, table, asm, rows, skipped = [], [], [], [], {}
    anchor_cache = {}
    idx = 0
    for man in ("vectors/MANIFEST", "vectors/adversarial/MANIFEST"):
        mpath = os.path.join(args.srcdir, man)
        vdir = os.path.join(args.srcdir, "vectors")  # manifest paths are relative to it
        for name, d in test_vectors.parse_manifest(mpath):
            if args.only and args.only not in name:
                continue
            path = os.path.join(vdir, d["file"][0])
            size = os.path.getsize(path)
            reason = "larger than 1 MiB" if size > MAX_FILE else None
            anchors = []
            if reason is None:
                for p in d.get("trust", []) + d.get("anchor-no-fw", []):
                    p = os.path.join(vdir, p)
                    if p not in anchor_cache:
                        try:
                            anchor_cache[p] = anchor_of(p)
                        except (OSError, ValueError, IndexError):
                            anchor_cache[p] = (b"", None)
                    anchors.append(anchor_cache[p])
                with open(path, "rb") as f:
                    reason = skip_reason(d, vdir, anchors, f.read(), args.hss_only)
            if reason is not None:
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            body += emit_case(em, idx, name, d, vdir, anchors)
            asm.append('\t.section .rodata.pkg%d,"a"\n\t.global port_pkg%d\nport_pkg%d:\n'
                       '\t.incbin "%s"\n' % (idx, idx, idx, os.path.abspath(path)))
            body.append("extern const uint8_t port_pkg%d[];" % idx)
            table.append('    {"%s", port_pkg%d, %du, &c%d_dev},' % (name, idx, size, idx))
            expect = test_vectors.expectation(d, "mbedtls")
            rows.append("\t".join([name, expect, d.get("sha256", ["-"])[0], man,
                                   os.path.relpath(path, args.srcdir)] +
                                  test_vectors.device_args(d, vdir)))
            idx += 1
    with open(args.out_c, "w") as f:
        f.write("/* Generated by ports/cortex-m/gen_vectors.py: do not edit. */\n"
                "#include <stddef.h>\n#include <stdint.h>\n#include \"port_cases.h\"\n\n")
        f.write("\n".join(em.c + body) + "\n\n")
        f.write("const port_case port_cases[] = {\n%s\n};\n" % "\n".join(table))
        f.write("const size_t port_n_cases = %d;\n" % idx)
    with open(args.out_s, "w") as f:
        f.write("/* Generated by ports/cortex-m/gen_vectors.py: do not edit. */\n")
        f.write("".join(asm))
    with open(args.list, "w") as f:
        f.write("\n".join(rows) + "\n")
    print("gen_vectors: %d cases embedded; left out: %s" % (
        idx, ", ".join("%d %s" % (n, r) for r, n in sorted(skipped.items(), key=lambda x: -x[1]))))


if __name__ == "__main__":
    main()
