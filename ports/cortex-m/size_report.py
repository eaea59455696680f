#!/usr/bin/env python3
"""Size report of the Cortex-M images (ports/cortex-m/README.md).

  size_report.py --build DIR --budget budget.tsv --nm arm-none-eabi-nm
                 [--out SIZE.md] CPU...

For each CPU, from DIR/CPU/size.map (the size image: the minimal profile's
whole API over the device backend, no vectors):
- flash (.text + .rodata + .data initialisers) split by origin: cmsfw (the
  CMS + RFC 4108 layer: cms/min_*.c, asn1/der.c), cmsfw backend
  (backends/*.c), mbedtls, libc/startup (the C library, libgcc, startup,
  the application stand-in);
- static RAM (.data + .bss), of which the work buffer and the Mbed TLS
  arena;
- measured on QEMU by the test firmware (DIR/qemu-MACHINE.log, when
  `make check-cortex-m` ran): work buffer and arena high-water marks and
  the peak stack (painted);
- the deepest stack chain from main through -fcallgraph-info=su (direct
  calls; the stage and sink callbacks and the GCM block function are
  indirect and counted apart);
- all-in RAM: static RAM + peak stack (measured where QEMU runs the CPU,
  else the computed chain).
Fails (exit 1) when a total exceeds budget.tsv, or when an object of
cmsfw references malloc, calloc, realloc or free.
"""

import argparse
import glob
import os
import re
import subprocess
import sys

QEMU_MACHINE = {"m3": "mps2-an385", "m4": "mps2-an386"}
ALLOC = {"malloc", "calloc", "realloc", "free"}
GROUPS = ("cmsfw", "backend", "mbedtls", "libc/startup")


def classify(path):
    if "libcmsfw_dev.a" in path or "/cmsfw/cms/" in path or "/cmsfw/asn1/" in path:
        return "cmsfw"
    if "libcmsfw_bk.a" in path or "/cmsfw/backends/" in path:
        return "backend"
    if "libmbedtls.a" in path or "/mbedtls/" in path:
        return "mbedtls"
    return "libc/startup"


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


def qemu_summary(build, cpu):
    log = os.path.join(build, "qemu-%s.log" % QEMU_MACHINE.get(cpu, "none"))
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
    ap.add_argument("cpus", nargs="+")
    a = ap.parse_args()
    budget = read_budget(a.budget)
    rows, fails = [], []
    for cpu in a.cpus:
        d = os.path.join(a.build, cpu)
        sizes, objects = read_map(os.path.join(d, "size.map"))
        flash = {g: sizes.get((".text", g), 0) + sizes.get((".ARM.exidx", g), 0)
                 + sizes.get((".data", g), 0) for g in GROUPS}
        data = sum(sizes.get((".data", g), 0) for g in GROUPS)
        bss = sum(sizes.get((".bss", g), 0) for g in GROUPS)
        work = sum(v for (sec, obj), v in objects.items() if ".bss.work" in sec)
        arena = sum(v for (sec, obj), v in objects.items() if ".bss.arena" in sec)
        q = qemu_summary(a.build, cpu)
        chain, path = stack_chain(d)
        stack = q.get("stack", chain)
        total_flash = sum(flash.values())
        ram = data + bss + stack
        rows.append((cpu, flash, total_flash, data + bss, work, q.get("work"), arena,
                     q.get("arena"), q.get("stack"), chain, ram, path))
        for metric, value in (("flash", total_flash), ("ram", ram)):
            limit = budget.get((cpu, metric))
            if limit is None:
                fails.append("%s %s: no budget in %s" % (cpu, metric, a.budget))
            elif value > limit:
                fails.append("%s %s: %d exceeds the budget of %d" % (cpu, metric, value, limit))
        fails += ["%s: allocator reference: %s" % (cpu, x) for x in nm_alloc_refs(a.nm, d)]

    def opt(v):
        return "-" if v is None else str(v)
    lines = ["| CPU | flash cmsfw | flash backend | flash mbedtls | flash libc/startup | "
             "flash total | static RAM (.data+.bss) | work buffer (used) | arena (high-water) | "
             "stack QEMU | stack chain | RAM all-in |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for (cpu, flash, tf, sram, work, wused, arena, ahigh, sq, chain, ram, path) in rows:
        lines.append("| %s | %d | %d | %d | %d | **%d** | %d | %d (%s) | %d (%s) | %s | %d | **%d** |"
                     % (cpu, flash["cmsfw"], flash["backend"], flash["mbedtls"],
                        flash["libc/startup"], tf, sram, work, opt(wused), arena, opt(ahigh),
                        opt(sq), chain, ram))
    lines.append("")
    lines.append("Octets. Flash: .text + .rodata + .data initialisers of the size image "
                 "(-Os, --gc-sections). RAM all-in: static RAM (work buffer and arena "
                 "included) + peak stack, measured on QEMU (painted) where it runs the CPU, "
                 "else the computed chain.")
    for r in rows:
        lines.append("Deepest direct call chain on %s (%d octets): %s" % (
            r[0], r[9], " > ".join(r[11][:14]) + (" ..." if len(r[11]) > 14 else "")))
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
