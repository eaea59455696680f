#!/usr/bin/env python3
"""Run the Cortex-M test firmware on QEMU and compare it with the host.

  check.py --srcdir TOP --cases cases.tsv [--host-cmsfw CMSFW] [--work-size N]
           [--cases-lms cases-lms.tsv --work-size-lms N]
           [--timeout S] [--qemu qemu-system-arm] [--out DIR]
           CPU:CONFIG:MACHINE=ELF...

Each ELF runs as `qemu-system-arm -M MACHINE -nographic -semihosting-config
enable=on,target=native -kernel ELF` under a timeout, two at a time, while
the host runs `cmsfw verify ... --minimal --json --work-size N` of every
case beside them. CONFIG is "aes" (the device with decryption), "plain"
(without: cms/min_nolayer.c), "lms" (without decryption, HSS/LMS the
only signature algorithm) or "lms1" (the lms build with a work buffer
for one-level HSS keys); the last two run the cases of --cases-lms.
Every case (cases.tsv, cases-lms.tsv: gen_vectors.py)
must print a line for each piece size (13, 512, whole, and 1 for packages
of at most CHUNK1_MAX octets) with the same verdict and image SHA-256 for
all of them (a piece size refused with CMSFW_MIN_LIMIT_WORK aside), and:
- "aes", with --host-cmsfw: unless the host names the work limit (its
  contexts are larger than the device's, so the same buffer holds less),
  the host's verdict, SHA-256 and profile limits; when the host names no
  limit, also the manifest's verdict and SHA-256. A device that hits the
  work limit where the host did not fails;
- "aes", without: the manifest's verdict and SHA-256, unless the device
  itself reports a profile limit;
- "plain": the "aes" image's results on the same CPU, except for a package
  with an EncryptedData or AuthEnvelopedData layer, which must be refused
  with CMSFW_MIN_LIMIT_LAYER when the "aes" image reaches the layer, and
  for one the "aes" image needed more work buffer for than "plain" has
  (an HSS/LMS signature held whole), which may be refused for room;
- "lms": as "aes", against the host's run at the lms images' work size
  (--work-size-lms), for a package without an encryption layer; one with
  such a layer, as "plain" against that host result (or the manifest);
- "lms1": a case whose anchors are one-level HSS keys as "lms", with no
  piece size refused for room; a case with an anchor of more levels
  refused for room at every piece size (insufficientMemory with
  CMSFW_MIN_LIMIT_WORK) or with the lms image's refusal and no limit bit
  (a signature malformed before the room ran out), never accepted nor
  refused otherwise unless known-diff.tsv records the other refusal;
- every CPU the same results per configuration.
A fault, a hang, a missing line, an allocator call, a failed receipt or
error report, or an arena that ran out fails the check. known-diff.tsv
beside this script lists device results that differ from the host's for a
recorded reason; the device must reach exactly the result listed there.
Ends with one summary line; exits 1 on any failure.
"""

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import time

import gen_vectors  # the DER reading of the anchors

CHUNK1_MAX = 4096  # test_main.c's PORT_CHUNK1_MAX
LIMIT_BITS = {"work": 0x01, "depth": 0x02, "size": 0x04, "certificates": 0x08,
              "signer": 0x10, "layer": 0x20}
LIMIT_WORK, LIMIT_LAYER = 0x01, 0x20
NO_ROOM = "insufficientMemory"  # what a work limit is reported as
# DER of id-encryptedData and id-ct-authEnvelopedData
ENCRYPTED_OIDS = (bytes.fromhex("06092a864886f70d010706"),
                  bytes.fromhex("060b2a864886f70d0109100117"))


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


ROOMY = 1 << 20  # a work buffer no vector needs all of


def host_verdict(cmsfw, srcdir, row, work_size):
    """(verdict, sha256, limit bits) of `cmsfw verify --minimal --json`,
    and when the work size given hits the work limit, that of a roomy work
    buffer: the device, whose contexts are smaller, may do without."""
    v = host_run(cmsfw, srcdir, row, work_size)
    return v + (host_run(cmsfw, srcdir, row, ROOMY) if work_size and v[2] & LIMIT_WORK else v,)


def host_run(cmsfw, srcdir, row, work_size):
    cmd = [cmsfw, "verify", os.path.join(srcdir, row["file"])] + row["args"] + \
        ["--minimal", "--json"] + (["--work-size", str(work_size)] if work_size else [])
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    try:
        j = json.loads(r.stdout.decode())
    except ValueError:
        return ("host-error(exit %d: %s)" % (r.returncode, r.stderr.decode()[:200]), "-", 0)
    verdict = "accepted" if j.get("status") == "accepted" else j.get("error", "?")
    bits = 0
    for name in j.get("limits", []):
        bits |= LIMIT_BITS.get(name, 0x100)
    return verdict, j.get("sha256", "-") if verdict == "accepted" else "-", bits


def read_rows(path, srcdir):
    rows = []
    with open(path) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 5:
                with open(os.path.join(srcdir, p[4]), "rb") as pf:
                    data = pf.read()
                rows.append({"name": p[0], "expect": p[1], "sha256": p[2], "manifest": p[3],
                             "file": p[4], "args": p[5:], "size": len(data),
                             "encrypted": any(o in data for o in ENCRYPTED_OIDS)})
    return rows


def read_known(path):
    """{case: (device verdict, device limit bits, reason)}"""
    known = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                w = line.rstrip("\n").split("\t")
                if len(w) >= 4 and not w[0].startswith("#"):
                    known[w[0]] = (w[1], int(w[2], 0), w[3])
    return known


def check_one(r, got):
    """Per-case result of one image: ((verdict, sha, limits), problem or None)."""
    want = {"13", "512", "0"} | ({"1"} if r["size"] <= CHUNK1_MAX else set())
    if set(got) != want:
        return None, "lines for piece sizes %s, expected %s" % (sorted(got), sorted(want))
    # a piece size refused for room is a profile limit, not a verdict: the
    # others must agree (small pieces may need more room than the whole
    # package, which the profile can read in place)
    pool = {c: g for c, g in got.items() if not g["limits"] & LIMIT_WORK} or got
    outs = {(g["verdict"], g["sha256"]) for g in pool.values()}
    bad = [c for c, g in got.items() if g["flags"]]
    if len(outs) != 1 or bad:
        return None, "pieces disagree or failed: %s" % {
            c: (g["verdict"], g["sha256"][:12], g["limits"], g["flags"]) for c, g in got.items()}
    verdict, sha = outs.pop()
    return (verdict, sha, pool["0" if "0" in pool else min(pool)]["limits"]), None


def judge_aes(r, res, host, known):
    """([reasons it fails], settled by a limit, known difference)"""
    verdict, sha, limits = res
    why = []
    if r["name"] in host:
        hv, hsha, hbits, default = host[r["name"]]
        if hbits & LIMIT_WORK and not limits & LIMIT_WORK:
            # the host needs more room than the device: compare with the
            # host's run at the default work size instead
            hv, hsha, hbits = default[:3]
        elif hbits & LIMIT_WORK:
            return [], True, False
        if limits & LIMIT_WORK:
            why.append("the device hit the work limit, the host did not")
        if (hv, hsha, hbits) != (verdict, sha, limits):
            why.append("host --minimal: %s %s (limits %d)" % (hv, hsha[:16], hbits))
        check_manifest, limited = not hbits, bool(hbits)
    else:
        limited = limits != 0
        check_manifest = not limited
    if check_manifest:
        if verdict != r["expect"]:
            why.append("manifest: %s" % r["expect"])
        elif verdict == "accepted" and r["sha256"] != "-" and sha != r["sha256"]:
            why.append("manifest sha256 %s" % r["sha256"][:16])
    k = known.get(r["name"])
    if why and k is not None and (k[0], k[1]) == (verdict, limits):
        return [], limited, True
    return why, limited, False


def judge_lms(r, res, host, known):
    """judge_aes for a package without encryption; judge_plain against the
    host (or the manifest) for one with."""
    if not r["encrypted"]:
        return judge_aes(r, res, host, known)[0]
    ref = (r["expect"], r["sha256"])
    if r["name"] in host:
        hv, hsha, hbits, default = host[r["name"]]
        ref = default[:2] if hbits & LIMIT_WORK else (hv, hsha)
    return judge_plain(r, res, ref)


def judge_lms1(r, res, got, host, known):
    """([reasons it fails], known difference): judge_lms for a one-level
    anchor, which the lms1 buffer is sized for, and no piece size may run
    out of room. A deeper key holds an upper-level signature while
    streaming, more than that buffer: every piece size must be refused for
    room, or reach the lms image's refusal without a limit (a malformed
    signature outranks the room its upper level lacked), or all reach the
    result known-diff.tsv records."""
    if r["levels"] <= 1:
        short = sorted(c for c, g in got.items() if g["limits"] & LIMIT_WORK)
        why = judge_lms(r, res, host, known)
        return why + (["a one-level key refused for room at piece sizes %s" % short]
                      if short else []), False
    bad = {c: (g["verdict"], g["limits"]) for c, g in got.items()
           if g["verdict"] != NO_ROOM or not g["limits"] & LIMIT_WORK}
    if not bad:
        return [], False
    same = all(g["verdict"] == res[0] and not g["limits"] & LIMIT_WORK for g in got.values())
    if res[0] != "accepted" and same and not judge_lms(r, res, host, known):
        return [], False
    k = known.get(r["name"])
    if k is not None and all((g["verdict"], g["limits"]) == k[:2] for g in got.values()):
        return [], True
    return ["an L=%d key not refused for room: %s" % (r["levels"], bad)], False


def judge_plain(r, res, aes, room=None):
    """@room: (work the aes image used, work size of this image)."""
    verdict, sha, limits = res
    if aes is None:
        return ["no result of the aes image to compare with"]
    if room is not None and limits == LIMIT_WORK and room[0] > room[1]:
        return []
    if (verdict, sha) == aes[:2] and not (r["encrypted"] and aes[0] == "accepted"):
        return []
    if not r["encrypted"]:
        return ["aes image: %s %s" % (aes[0], aes[1][:16])]
    if verdict == "accepted" or not limits & LIMIT_LAYER:
        return ["an encrypted package not refused with the layer limit (aes image: %s)"
                % aes[0]]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--srcdir", required=True)
    ap.add_argument("--cases", required=True)
    ap.add_argument("--host-cmsfw")
    ap.add_argument("--work-size", type=int, default=0)
    ap.add_argument("--cases-lms")
    ap.add_argument("--work-size-lms", type=int, default=0)
    ap.add_argument("--qemu", default="qemu-system-arm")
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--out", default=".")
    ap.add_argument("images", nargs="+")
    a = ap.parse_args()
    t_start = time.time()
    rows = read_rows(a.cases, a.srcdir)
    rows_lms = read_rows(a.cases_lms, a.srcdir) if a.cases_lms else []
    for r in rows_lms:
        r["levels"] = gen_vectors.anchor_levels(r["args"])
    known = read_known(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                    "known-diff.tsv"))

    images = []
    for spec in a.images:
        label, _, elf = spec.partition("=")
        cpu, config, machine = label.split(":")
        images.append((cpu, config, machine, elf))
    # the aes images first: the plain ones are judged against them
    images.sort(key=lambda i: (i[1] != "aes", i[0]))
    with concurrent.futures.ThreadPoolExecutor(2) as qx, \
            concurrent.futures.ThreadPoolExecutor(1) as hx:
        runs = [(img, qx.submit(run_qemu, a.qemu, img[2], img[3], a.timeout,
                                os.path.join(a.out, "qemu-%s-%s.log" % (img[0], img[1]))))
                for img in images]
        hfut, hfut_lms = {}, {}
        if a.host_cmsfw:
            hfut = {r["name"]: hx.submit(host_verdict, a.host_cmsfw, a.srcdir, r, a.work_size)
                    for r in rows}
            hfut_lms = {r["name"]: hx.submit(host_verdict, a.host_cmsfw, a.srcdir, r,
                                             a.work_size_lms) for r in rows_lms}
        host = {n: f.result() for n, f in hfut.items()}
        host_lms = {n: f.result() for n, f in hfut_lms.items()}
        results = [(img, fut.result()) for img, fut in runs]

    failed, passed, limited, nknown, nruns = [], 0, 0, 0, 0
    per_cpu, aes_res, aes_work, by_config = {}, {}, {}, {}
    for (cpu, config, machine, elf), (out, err, status, secs) in results:
        tag = "%s/%s" % (cpu, config)
        per_cpu[cpu] = per_cpu.get(cpu, 0) + secs
        cases, summary, problems = parse(out)
        nruns += sum(len(g) for g in cases.values())
        print("%s (%s): %s in %.0f s; %s" % (tag, machine, status, secs,
                                             " ".join("%s %d" % kv for kv in summary.items())))
        failed += ["%s: %s" % (tag, p) for p in problems]
        if err.strip():
            print("%s: qemu stderr: %s" % (tag, err.strip()[:300]))
        if summary.get("alloc_calls", 0) or summary.get("arena_failures", 0):
            failed.append("%s: allocator calls %d, arena failures %d" % (
                tag, summary.get("alloc_calls", 0), summary.get("arena_failures", 0)))
        mine = {}
        for r in (rows_lms if config in ("lms", "lms1") else rows):
            res, problem = check_one(r, cases.get(r["name"], {}))
            if problem:
                failed.append("%s %s: %s" % (tag, r["name"], problem))
                continue
            mine[r["name"]] = res
            if config == "aes":
                aes_work.setdefault(cpu, {})[r["name"]] = cases[r["name"]]["0"]["work"]
            if config == "aes":
                why, lim, kn = judge_aes(r, res, host, known)
                nknown += kn
                if kn:
                    print("KNOWN %s %s: %s" % (tag, r["name"], known[r["name"]][2]))
            elif config == "lms":
                why = judge_lms(r, res, host_lms, known)
                lim = bool(res[2])
            elif config == "lms1":
                why, kn = judge_lms1(r, res, cases[r["name"]], host_lms, known)
                nknown += kn
                if kn:
                    print("KNOWN %s %s: %s" % (tag, r["name"], known[r["name"]][2]))
                lim = bool(res[2])
            else:
                room = (aes_work.get(cpu, {}).get(r["name"], 0), summary.get("work_size", 0))
                why = judge_plain(r, res, aes_res.get(cpu, {}).get(r["name"]), room)
                lim = bool(res[2])
            limited += lim
            if why:
                failed.append("%s %s: device %s %s (limits %d); %s" % (
                    tag, r["name"], res[0], res[1][:16], res[2], "; ".join(why)))
            else:
                passed += 1
        if config == "aes":
            aes_res[cpu] = mine
        first = by_config.setdefault(config, (cpu, mine))
        if first[0] != cpu:  # every CPU reaches the same results
            for name, res in mine.items():
                if name in first[1] and first[1][name] != res:
                    failed.append("%s %s: differs from %s" % (tag, name, first[0]))
    for f in failed:
        print("FAIL " + f)
    print("check-cortex-m: %d cases (%d on the lms images), %d images, %d runs, %d passed, "
          "%d failed, %d limited, %d known differences; QEMU s per CPU: %s; %.0f s wall"
          % (len(rows), len(rows_lms), len(results), nruns, passed, len(failed), limited, nknown,
             ", ".join("%s %.0f" % kv for kv in sorted(per_cpu.items())),
             time.time() - t_start))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
