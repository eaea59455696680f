#!/usr/bin/env python3
"""Run the Cortex-M test firmware on QEMU and compare it with the host.

  check.py --srcdir TOP --cases cases.tsv [--host-cmsfw CMSFW] [--timeout S]
           [--qemu qemu-system-arm] [--out DIR] MACHINE=ELF...

Each ELF runs as `qemu-system-arm -M MACHINE -nographic -semihosting-config
enable=on,target=native -kernel ELF` under a timeout. Every case of
cases.tsv (gen_vectors.py) must print a line for each piece size (1, 13,
512, whole) with the same verdict and image SHA-256 for all of them, and:
- with --host-cmsfw: the same verdict and SHA-256 as `cmsfw verify ...
  --minimal --json`, and, when that run names no profile limit, as the
  manifest;
- without: the manifest's verdict and SHA-256, unless the device itself
  reports a profile limit.
A fault, a hang, a missing line, an allocator call, a failed receipt or
error report, or an arena that ran out fails the check. Prints
`N passed, M failed`; exits 1 on any failure.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

CHUNKS = ("1", "13", "512", "0")


def run_qemu(qemu, machine, elf, timeout, log):
    cmd = [qemu, "-M", machine, "-nographic", "-monitor", "none", "-serial", "none",
           "-semihosting-config", "enable=on,target=native", "-kernel", elf]
    t0 = time.time()
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=timeout)
        out, err, status = r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace"), \
            "exit %d" % r.returncode
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        err, status = "", "timed out after %ds" % timeout
    with open(log, "w") as f:
        f.write(out)
    return out, err, status, time.time() - t0


def parse(out):
    cases, summary, problems = {}, {}, []
    for line in out.splitlines():
        w = line.split()
        if not w:
            continue
        if w[0] == "CASE" and len(w) >= 10:
            cases.setdefault(w[1], {})[w[2]] = {
                "verdict": w[3], "code": int(w[4]), "sha256": w[5], "work": int(w[6]),
                "limits": int(w[7]), "stack": int(w[8]), "flags": w[10:]}
        elif w[0] == "SUMMARY":
            summary = {w[i]: int(w[i + 1]) for i in range(1, len(w) - 1, 2)}
        elif w[0] in ("FAULT", "ALLOCATOR", "mbedtls"):
            problems.append(line)
    if "DONE" not in out.split():
        problems.append("no DONE line: the firmware crashed or hung")
    return cases, summary, problems


def host_verdict(cmsfw, srcdir, row):
    """(verdict, sha256, limits) of `cmsfw verify --minimal --json`."""
    cmd = [cmsfw, "verify", os.path.join(srcdir, row["file"])] + row["args"] + \
        ["--minimal", "--json"]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    try:
        j = json.loads(r.stdout.decode())
    except ValueError:
        return ("host-error(exit %d: %s)" % (r.returncode, r.stderr.decode()[:200]), "-", [])
    verdict = "accepted" if j.get("status") == "accepted" else j.get("error", "?")
    return verdict, j.get("sha256", "-") if verdict == "accepted" else "-", j.get("limits", [])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--host-cmsfw")
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--timeout", type=int, default=1200)
    ap.add_argument("--out", default=".")
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()

    rows = []
    with open(a.cases) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 5:
                rows.append({"name": p[0], "expect": p[1], "sha256": p[2], "manifest": p[3],
                             "file": p[4], "args": p[5:]})
    host = {}
    if a.host_cmsfw:
        with concurrent.futures.ThreadPoolExecutor(2) as ex:
            futs = {r["name"]: ex.submit(host_verdict, a.host_cmsfw, a.srcdir, r) for r in rows}
            host = {n: f.result() for n, f in futs.items()}

    failed, passed, limited = [], 0, 0
    runs = []
    with concurrent.futures.ThreadPoolExecutor(2) as ex:
        for spec in a.images:
            machine, _, elf = spec.partition("=")
            log = os.path.join(a.out, "qemu-%s.log" % machine)
            runs.append((machine, ex.submit(run_qemu, a.qemu, machine, elf, a.timeout, log)))
    first = None
    for machine, fut in runs:
        out, err, status, secs = fut.result()
        cases, summary, problems = parse(out)
        print("%s: %s in %.0f s; %s" % (machine, status, secs,
                                        " ".join("%s %d" % kv for kv in summary.items())))
        failed += ["%s: %s" % (machine, p) for p in problems]
        if err.strip():
            print("%s: qemu stderr: %s" % (machine, err.strip()[:300]))
        if summary.get("alloc_calls", 0) or summary.get("arena_failures", 0):
            failed.append("%s: allocator calls %d, arena failures %d" % (
                machine, summary.get("alloc_calls", 0), summary.get("arena_failures", 0)))
        for r in rows:
            got = cases.get(r["name"], {})
            if set(got) != set(CHUNKS):
                failed.append("%s %s: lines for piece sizes %s" % (machine, r["name"],
                                                                    sorted(got)))
                continue
            outs = {(g["verdict"], g["sha256"]) for g in got.values()}
            bad = [c for c, g in got.items() if g["flags"]]
            if len(outs) != 1 or bad:
                failed.append("%s %s: pieces disagree or failed: %s" % (
                    machine, r["name"], {c: (g["verdict"], g["sha256"][:12], g["flags"])
                                         for c, g in got.items()}))
                continue
            verdict, sha = outs.pop()
            limits = got["0"]["limits"]
            why = []
            if r["name"] in host:
                hv, hsha, hlim = host[r["name"]]
                if (hv, hsha) != (verdict, sha):
                    why.append("host --minimal: %s %s" % (hv, hsha[:16]))
                check_manifest = not hlim
            else:
                check_manifest = limits == 0
            if check_manifest:
                if verdict != r["expect"]:
                    why.append("manifest: %s" % r["expect"])
                elif verdict == "accepted" and r["sha256"] != "-" and sha != r["sha256"]:
                    why.append("manifest sha256 %s" % r["sha256"][:16])
            else:
                limited += 1
            if why:
                failed.append("%s %s: device %s %s (limits %d); %s" % (
                    machine, r["name"], verdict, sha[:16], limits, "; ".join(why)))
            else:
                passed += 1
        if first is None:
            first = cases
        else:  # every CPU reaches the same results
            for name, got in cases.items():
                if name in first and {c: (g["verdict"], g["sha256"], g["work"])
                                      for c, g in got.items()} != \
                        {c: (g["verdict"], g["sha256"], g["work"])
                         for c, g in first[name].items()}:
                    failed.append("%s %s: differs from the first CPU" % (machine, name))
    for f in failed:
        print("FAIL " + f)
    print("verdicts decided by a profile limit (host --minimal or device): %d case runs"
          % limited)
    print("%d passed, %d failed" % (passed, len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
