#!/usr/bin/env python3
"""The minimal profile against the full one, over every shipped vector.

  test_min_diff.py CMSFW VECTORS-DIR [--manifest FILE]... [--jobs N]
                   [--only TEXT] [--min-compared N] [--whole-only]
                   [--wrapper CMD] [--verbose]

For each case of the manifests (default: VECTORS/MANIFEST and
VECTORS/adversarial/MANIFEST) it runs

  cmsfw verify FILE <device flags> --json --out IMG [--receipt R | --error-report E]

once with the full profile and, with --minimal, at chunk sizes 1 (files up
to 256 KiB), 13, 512 and the whole file. Unless the minimal run names a
profile limit (`limits` in its JSON: certificates it did not examine, a
signer it cannot reach without a certificate path, a layer it lacks...),
both must give the same status, error, error_code, image SHA-256 and image
bytes, and, when the case gives a hardware serial, byte-identical load
receipts or error reports (the minimal profile writes them with its own DER
encoder). A run may differ only as a limit it names allows: the minimal
verdict is the one that limit gives (noTrustAnchor for "signer",
insufficientMemory for "work", ...), or the full profile refused what the
minimal one reads over (badCertificate, a bad CRL or too many certificates
under "certificates"). Cases equal in every run must reach
--min-compared, so that the comparison cannot quietly become empty.

Prints `N equal, M explained, K failed` and exits 1 on any failure.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_vectors as tv  # noqa: E402

CHUNKS = (1, 13, 512, 0)  # 0: the whole file in one push


def run(cmsfw, env, args, wrapper=()):
    r = subprocess.run(list(wrapper) + [cmsfw] + args, capture_output=True,
                       timeout=900 if wrapper else 300, env=env)
    if wrapper and r.returncode == tv.WRAPPER_ERROR:
        return {"status": "wrapper-error", "exit": r.returncode,
                "stderr": r.stderr.decode(errors="replace")[-2000:]}
    try:
        j = json.loads(r.stdout.decode())
    except ValueError:
        j = {"status": "no-json", "stderr": r.stderr.decode(errors="replace")[:300]}
    j["exit"] = r.returncode
    return j


def read(path):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def one_run(cmsfw, env, vdir, d, tmp, tag, minimal, chunk, wrapper=()):
    """Verdict, image and report of one run."""
    path = os.path.join(vdir, d["file"][0])
    img = os.path.join(tmp, tag + ".img")
    rep = os.path.join(tmp, tag + ".rep")
    args = ["verify", path] + tv.device_args(d, vdir) + ["--json", "--out", img]
    size = max(1, os.path.getsize(path))
    args += ["--chunk-size", str(size if chunk == 0 else chunk)]
    serial = "hw-serial" in d
    if minimal:
        args.append("--minimal")
    j = run(cmsfw, env, args + (["--receipt", rep, "--error-report", rep] if serial else []),
            wrapper if minimal else ())
    j["image"] = read(img)
    j["report"] = read(rep) if serial else None
    for p in (img, rep):
        if os.path.exists(p):
            os.unlink(p)
    return j


def compare(full, mini, what):
    problems = []
    for key in ("status", "error", "error_code", "sha256", "exit"):
        if full.get(key) != mini.get(key):
            problems.append("%s: %s full %r, minimal %r" % (what, key, full.get(key),
                                                              mini.get(key)))
    if full["image"] != mini["image"]:
        problems.append("%s: the images differ" % what)
    if full["report"] != mini["report"]:
        problems.append("%s: the %s differ (%s vs %s octets)"
                        % (what, "receipts" if full.get("status") == "accepted"
                           else "error reports",
                           len(full["report"] or b""), len(mini["report"] or b"")))
    return problems


# What each profile limit may change (include/cmsfw/minimal.h): the
# minimal profile's verdict under that limit, or the full profile's verdict
# on what the minimal profile does not examine.
LIMIT_MINIMAL_ERRORS = {
    "work": {"insufficientMemory"},
    "depth": {"decodeFailure"},
    "size": {"insufficientMemory"},
    "signer": {"noTrustAnchor"},
    "layer": {"badCompressAlgorithm", "badEncryptContent"},
    "certificates": set(),
}
LIMIT_FULL_ERRORS = {
    # certificates and CRLs the minimal profile reads over
    "certificates": {"badCertificate", "badSignedData", "insufficientMemory"},
}


def explained(full, mini):
    """A difference the limits the minimal run names account for."""
    limits = mini.get("limits") or []
    for lim in limits:
        if mini.get("status") == "rejected" and mini.get("error") in LIMIT_MINIMAL_ERRORS.get(lim, ()):
            return True
        if full.get("status") == "rejected" and full.get("error") in LIMIT_FULL_ERRORS.get(lim, ()):
            return True
    return False


def check_case(cmsfw, env, vdir, name, d, chunks=CHUNKS, wrapper=()):
    """(kind, problems): kind is 'equal' (every run gave the full profile's
    verdict, image and report) or 'explained' (some run differed, as a
    limit the minimal profile named allows)."""
    with tempfile.TemporaryDirectory(prefix="cmsfw-mindiff-") as tmp:
        full = one_run(cmsfw, env, vdir, d, tmp, "full", False, 0)
        if full.get("status") not in ("accepted", "rejected"):
            return "equal", ["full profile: no verdict (%s)" % full]
        size = os.path.getsize(os.path.join(vdir, d["file"][0]))
        problems, kind, problems_note = [], "equal", []
        for chunk in chunks:
            if chunk == 1 and size > tv.BIG_FILE:
                continue
            what = "chunk %s" % (chunk or "whole")
            mini = one_run(cmsfw, env, vdir, d, tmp, "min%d" % chunk, True, chunk, wrapper)
            if mini.get("status") == "wrapper-error":
                problems.append("%s: %s reported errors:\n%s" % (what, wrapper[0], mini["stderr"]))
                continue
            if mini.get("profile") != "minimal":
                problems.append("%s: not a minimal-profile run: %s" % (what, mini))
                continue
            diff = compare(full, mini, what)
            if not diff:
                continue
            if explained(full, mini):
                kind = "explained"
                problems_note.append("%s -> %s under %s" % (
                    full.get("error") or "accepted", mini.get("error") or "accepted",
                    "+".join(mini.get("limits") or [])))
                # an acceptance under a limit is still the package's image
                if mini.get("status") == "accepted" and mini["image"] is None:
                    problems.append("%s: accepted without an image" % what)
                continue
            problems += diff + ["%s: limits %s do not explain it" % (what, mini.get("limits"))]
        return kind, problems, sorted(set(problems_note))


def main(argv=None):
    ap = argparse.ArgumentParser(description="minimal profile vs full profile")
    ap.add_argument("cmsfw")
    ap.add_argument("vectors")
    ap.add_argument("--manifest", action="append")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only")
    ap.add_argument("--min-compared", type=int, default=1)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--whole-only", action="store_true",
                    help="the minimal profile only with the whole file in one push")
    ap.add_argument("--wrapper", default="",
                    help="run the minimal profile under this command (e.g. valgrind); "
                         "its exit status %d is a failure" % tv.WRAPPER_ERROR)
    a = ap.parse_args(argv)
    chunks = (0,) if a.whole_only else CHUNKS
    wrapper = tuple(shlex.split(a.wrapper))
    vdir = a.vectors
    manifests = a.manifest or [os.path.join(vdir, "MANIFEST"),
                               os.path.join(vdir, "adversarial", "MANIFEST")]
    cmsfw, env = tv.resolve_binary(a.cmsfw)
    jobs = []
    for m in manifests:
        # paths of every manifest are relative to VECTORS-DIR
        for name, d in tv.parse_manifest(m):
            if a.only and a.only not in name:
                continue
            jobs.append((vdir, name, d))
    counts = {"equal": 0, "explained": 0}
    failed = 0
    why = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = {ex.submit(check_case, cmsfw, env, mdir, name, d, chunks, wrapper): name
                for mdir, name, d in jobs}
        for fut in concurrent.futures.as_completed(futs):
            name = futs[fut]
            kind, problems, notes = fut.result()
            counts[kind] += 1
            for n in notes:
                why[n] = why.get(n, 0) + 1
            if problems:
                failed += 1
                print("FAIL %s (%s)" % (name, kind))
                for p in problems:
                    print("    " + p)
            elif a.verbose:
                print("ok   %s (%s)" % (name, kind))
    if why:
        print("differences, full -> minimal under the limits named (cases):")
        for n, c in sorted(why.items(), key=lambda x: -x[1]):
            print("    %4d  %s" % (c, n))
    print("%d equal, %d with differences the profile limits explain, %d failed"
          % (counts["equal"], counts["explained"], failed))
    if counts["equal"] < a.min_compared:
        print("only %d cases equal, fewer than --min-compared %d"
              % (counts["equal"], a.min_compared))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
