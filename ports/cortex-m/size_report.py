#!/usr/bin/env python3
"""Size report of the Cortex-M images (ports/cortex-m/README.md).

  size_report.py --build DIR --budget budget.tsv --nm arm-none-eabi-nm
                 [--out SIZE.md] IMAGE...

IMAGE is a directory of DIR: CPU (the device with decryption, "aes"),
CPU-plain (without: cms/min_nolayer.c, no AES), CPU-lms (without
decryption, HSS/LMS the only signature algorithm: no bignum, ECP, ECDSA,
AES or arena) or CPU-lms1 (the same with the work buffer of one-level
HSS keys). For each, from
DIR/IMAGE/size.map (the size image: the minimal profile's whole API over
the device backend, no vectors):
- flash (.text + .rodata + .data initialisers) split by origin: the
  CMS + RFC 4108 layer by file group (stream/proc; signer, attrs, algs,
  policy; layer and unwrap; report; der.c with the error names), HSS/LMS
  verification (backends/lms.c, lms_stream.c), the rest of the backend glue
  (backends/*.c), mbedtls, libc/startup (the C library,
  libgcc, startup, the application stand-in);
- static RAM (.data + .bss), of which the work buffer and the Mbed TLS
  arena (their budgets);
- measured on QEMU by the test firmware (DIR/qemu-CPU-CONFIG.log, when
  `make check-cortex-m` ran): work buffer and arena high-water marks and
  the peak stack (painted; less the frame of the firmware's verification
  wrapper, from test_main.su);
- the deepest stack chain from main through -fcallgraph-info=su /
  -fstack-usage (direct calls; the stage and sink callbacks and the GCM
  block function are indirect and counted apart);
- all-in RAM: static RAM + peak stack (measured where QEMU runs the CPU,
  else the computed chain).
The lms and lms1 images get a second table: flash as CMS + RFC 4108, SHA-256
(mbedtls), LMS and glue, and the RAM all-in, against the goal of a whole
minimal verifier in GOAL_FLASH octets of flash and GOAL_RAM of RAM.
Fails (exit 1) when a total exceeds budget.tsv, or when an object of
cmsfw references malloc, calloc, realloc or free.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

QEMU_CPUS = ("m3", "m4")
ALLOC = {"malloc", "calloc", "realloc", "free"}
CMSFW_GROUPS = (
    ("stream/proc", ("min_proc", "min_stream")),
    ("signer+attrs+algs+policy", ("min_signer", "min_attrs", "min_algs", "min_policy")),
    ("layer+unwrap", ("min_layer", "min_unwrap", "min_nolayer")),
    ("report", ("min_report",)),
    ("der.c+err.c", ("der", "err")),
)
GROUPS = tuple(g for g, _ in CMSFW_GROUPS) + ("lms", "backend", "mbedtls", "libc/startup")
# the HSS/LMS verifier: backends/lms.c and backends/lms_stream.c
LMS_STEMS = ("lms", "lms_stream")
# the HSS/LMS-only configurations: any L, and one-level keys
LMS_CONFIGS = ("lms", "lms1")
# the HSS/LMS-only verifier's goal (README.md): 6 KiB of flash, 3 KiB of RAM
GOAL_FLASH, GOAL_RAM = 6144, 3072


def classify(path):
    m = re.search(r"libcmsfw_dev\.a\(([\w]+)\.o\)", path) or \
        re.search(r"/cmsfw/(?:cms|asn1)/([\w]+)\.o$", path)
    if m:
        for g, stems in CMSFW_GROUPS:
            if any(m.group(1) == st or m.group(1).startswith(st + "_") for st in stems):
                return g
        return "stream/proc"
    m = re.search(r"libcmsfw_bk\.a\(([\w]+)\.o\)", path) or \
        re.search(r"/cmsfw/backends/([\w]+)\.o$", path)
    if m and m.group(1) in LMS_STEMS:
        return "lms"
    if "libcmsfw_bk.a" in path or "/cmsfw/backends/" in path:
        return "backend"
    if "libmbedtls.a" in path or "/mbedtls/" in path:
        return "mbedtls"
    return "libc/startup"


def wrapper_frame(build, cpu):
    """Stack octets of the test firmware's verification wrapper."""
    su = os.path.join(build, cpu, "port", "test_main.su")
    if os.path.exists(su):
        with open(su) as f:
            for line in f:
                w = line.split()
                if len(w) >= 2 and w[0].endswith(":__wrap_cmsfw_bk_lib_verify"):
                    return int(w[1])
    return 0


def read_map(path):
    """{(output section, group): bytes} and {symbol-ish input section: bytes}."""
    sizes = {}
    objects = {}
    out = None
    pending = None
    started = False
    with open(path) as f:
        for line in f:
            if line.startswith("Linker script and memory map"):
                started = True
                continue
            if not started:
                continue
            m = re.match(r"^(\.[\w.]+)\s", line)
            if m and not line.startswith(" "):
                out = m.group(1)
                continue
            m = re.match(r"^ (\.[^\s]+)\s*$", line)
            if m:
                pending = m.group(1)
                continue
            m = re.match(r"^ (\.[^\s]+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if m and (m.group(1) or pending):
                size = int(m.group(3), 16)
                g = classify(m.group(4))
                if out in (".text", ".ARM.exidx", ".data", ".bss") and size:
                    sizes[(out, g)] = sizes.get((out, g), 0) + size
                    key = (m.group(1) or pending, m.group(4).split("/")[-1])
                    objects[key] = size
                pending = None
            elif not line.startswith("  "):
                pending = None
    return sizes, objects


def stack_chain(cpu_dir):
    """(bytes, [functions]) of the deepest direct call chain from main."""
    frames, edges = {}, {}
    for ci in glob.glob(os.path.join(cpu_dir, "**", "*.ci"), recursive=True):
        with open(ci, errors="replace") as f:
            text = f.read()
        for m in re.finditer(r'node: \{ title: "([^"]+)" label: "[^"]*?\\n[^"]*?\\n(\d+) bytes',
                             text):
            frames[m.group(1)] = int(m.group(2))
        for m in re.finditer(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"', text):
            edges.setdefault(m.group(1), set()).add(m.group(2))

    def short(t):
        return t.split(":")[-1]
    # static functions are titled FILE:NAME; calls to them name them so too
    memo = {}

    def deepest(fn, seen):
        if fn in memo:
            return memo[fn]
        if fn in seen:
            return (0, [fn + " (cycle)"])
        seen = seen | {fn}
        best = (0, [])
        for callee in edges.get(fn, ()):
            if callee not in frames:
                alt = [t for t in frames if short(t) == short(callee)]
                callee = alt[0] if len(alt) == 1 else callee
            best = max(best, deepest(callee, seen), key=lambda x: x[0])
        res = (frames.get(fn, 0) + best[0], [short(fn)] + best[1])
        memo[fn] = res
        return res
    mains = [t for t in frames if short(t) == "main"]
    return deepest(mains[0], frozenset()) if mains else (0, [])


def qemu_summary(build, cpu, config):
    log = os.path.join(build, "qemu-%s-%s.log" % (cpu, config))
    if not os.path.exists(log):
        return {}
    with open(log) as f:
        for line in f:
            w = line.split()
            if w and w[0] == "SUMMARY":
                return {w[i]: int(w[i + 1]) for i in range(1, len(w) - 1, 2)}
    return {}


def read_budget(path):
    b = {}
    with open(path) as f:
        for line in f:
            w = line.split()
            if len(w) == 3 and not w[0].startswith("#"):
                b[(w[0], w[1])] = int(w[2])
    return b


def nm_alloc_refs(nm, cpu_dir):
    bad = []
    for lib in ("libcmsfw_dev.a", "libcmsfw_bk.a"):
        out = subprocess.run([nm, "-u", "-A", os.path.join(cpu_dir, lib)],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            sym = line.split()[-1]
            if sym in ALLOC:
                bad.append(line)
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--budget", required=True)
    ap.add_argument("--nm", default="arm-none-eabi-nm")
    ap.add_argument("--out")
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    budget = read_budget(a.budget)
    rows, fails = [], []
    for image in a.images:
        cpu, _, config = image.partition("-")
        config = config or "aes"
        d = os.path.join(a.build, image)
        sizes, objects = read_map(os.path.join(d, "size.map"))
        flash = {g: sizes.get((".text", g), 0) + sizes.get((".ARM.exidx", g), 0)
                 + sizes.get((".data", g), 0) for g in GROUPS}
        data = sum(sizes.get((".data", g), 0) for g in GROUPS)
        bss = sum(sizes.get((".bss", g), 0) for g in GROUPS)
        work = sum(v for (sec, obj), v in objects.items() if sec == ".bss.work")
        arena = sum(v for (sec, obj), v in objects.items() if sec == ".bss.arena")
        q = qemu_summary(a.build, cpu, config) if cpu in QEMU_CPUS else {}
        chain, path = stack_chain(d)
        sq = q.get("stack")
        if sq is not None and config not in LMS_CONFIGS:  # HSS/LMS does not pass the wrapper
            sq -= wrapper_frame(a.build, image)
        stack = sq if sq is not None else chain
        total_flash = sum(flash.values())
        ram = data + bss + stack
        rows.append({"image": "%s %s" % (cpu, config), "flash": flash, "tf": total_flash,
                     "sram": data + bss, "work": work, "wused": q.get("work"),
                     "arena": arena, "ahigh": q.get("arena"), "sq": sq, "chain": chain,
                     "ram": ram, "path": path, "config": config})
        for metric, value in (("flash", total_flash), ("ram", ram)):
            limit = budget.get((image, metric))
            if limit is None:
                fails.append("%s %s: no budget in %s" % (image, metric, a.budget))
            elif value > limit:
                fails.append("%s %s: %d exceeds the budget of %d" % (image, metric, value, limit))
        fails += ["%s: allocator reference: %s" % (image, x) for x in nm_alloc_refs(a.nm, d)]

    def opt(v):
        return "-" if v is None else str(v)
    lines = ["| CPU config | " + " | ".join("flash " + g for g in GROUPS) + " | flash total | "
             "static RAM (.data+.bss) | work buffer (used) | arena (high-water) | "
             "stack QEMU | stack chain | RAM all-in |",
             "|---|" + "---:|" * (len(GROUPS) + 7)]
    for r in rows:
        lines.append("| %s | %s | **%d** | %d | %d (%s) | %d (%s) | %s | %d | **%d** |" % (
            r["image"], " | ".join(str(r["flash"][g]) for g in GROUPS), r["tf"], r["sram"],
            r["work"], opt(r["wused"]), r["arena"], opt(r["ahigh"]), opt(r["sq"]),
            r["chain"], r["ram"]))
    lines.append("")
    lms_rows = [r for r in rows if r["config"] in LMS_CONFIGS]
    if lms_rows:
        lines += ["| CPU config | flash CMS + RFC 4108 | SHA-256 | LMS | glue | libc/startup | "
                  "flash total | goal gap | work buffer (used) | stack | RAM all-in | goal gap |",
                  "|---|" + "---:|" * 11]
        for r in lms_rows:
            f = r["flash"]
            cms = sum(f[g] for g, _ in CMSFW_GROUPS)
            lines.append("| %s | %d | %d | %d | %d | %d | **%d** | %+d | %d (%s) | %s | **%d** | "
                         "%+d |" % (r["image"], cms, f["mbedtls"], f["lms"],
                                    f["backend"], f["libc/startup"], r["tf"],
                                    r["tf"] - GOAL_FLASH, r["work"], opt(r["wused"]),
                                    opt(r["sq"] if r["sq"] is not None else r["chain"]),
                                    r["ram"], r["ram"] - GOAL_RAM))
        lines.append("")
        lines.append("The HSS/LMS-only images against the goal of a whole minimal verifier "
                     "(CMS + RFC 4108 checks + SHA-256 + LMS) in %d octets of flash and %d of "
                     "RAM all-in; a positive gap is over the goal. lms: a work buffer for "
                     "every HSS key of the vectors (up to L=3); lms1: for one-level keys, "
                     "deeper ones refused for room." % (GOAL_FLASH, GOAL_RAM))
        lines.append("")
    lines.append("Octets. Flash: .text + .rodata + .data initialisers of the size image "
                 "(-Os, --gc-sections). Work buffer and arena: the budget (budget.tsv) and, "
                 "in parentheses, the high-water mark over every case on QEMU. RAM all-in: "
                 "static RAM (work buffer and arena included) + peak stack, measured on QEMU "
                 "(painted) where it runs the CPU, else the computed chain.")
    for r in rows:
        lines.append("Deepest direct call chain on %s (%d octets): %s" % (
            r["image"], r["chain"], " > ".join(r["path"][:14]) +
            (" ..." if len(r["path"]) > 14 else "")))
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if a.out:
        with open(a.out, "w") as f:
            f.write("# cmsfw minimal profile on Cortex-M: sizes\n\n" + text)
    for f in fails:
        print("FAIL " + f)
    print("size-report: %s" % ("over budget or allocator reference" if fails else
                               "within budget, no allocator reference"))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
