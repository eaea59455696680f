#!/usr/bin/env python3
"""Run every case of vectors/MANIFEST through `cmsfw verify`.

  test_vectors.py CMSFW VECTORS-DIR [--jobs N] [--only TEXT] [--verbose]
                  [--manifest FILE] [--wrapper CMD] [--whole-only] [--no-openssl]

For each case and each chunk size C in {1, 7, 4096, file size} (1 is left
out for files over 256 KiB), it runs

  cmsfw verify FILE <device flags of the case> --json --chunk-size C --out TMP

and checks the exit status, the verdict and error name of the JSON output,
the error number against RFC 4108's table, and for accepted packages the
SHA-256 of the image, both as reported and as written to --out. A rejected
package must leave no --out file. Each case also runs once without --out
(whole file, verdict only: a plain image is then not staged at all), with
the same verdict and reported SHA-256. The expectation is `expect`, or
`expect-BACKEND` when the case has one for the backend `cmsfw --version`
names. Prints `N passed, M failed` and exits 1 when anything failed.

When the openssl command is available, every package the manifest accepts
(once per file) is also verified by `openssl cms -verify`, an independent
implementation: signature over the signed attributes and message digest.
Ed25519 packages are left out (OpenSSL 3.0 does not verify EdDSA in CMS).
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

# RFC 4108 section 5.1: FirmwarePackageLoadErrorCode
RFC4108_ERRORS = {
    "decodeFailure": 1, "badContentInfo": 2, "badSignedData": 3, "badEncapContent": 4,
    "badCertificate": 5, "badSignerInfo": 6, "badSignedAttrs": 7, "badUnsignedAttrs": 8,
    "missingContent": 9, "noTrustAnchor": 10, "notAuthorized": 11, "badDigestAlgorithm": 12,
    "badSignatureAlgorithm": 13, "unsupportedKeySize": 14, "signatureFailure": 15,
    "contentTypeMismatch": 16, "badEncryptedData": 17, "unprotectedAttrsPresent": 18,
    "badEncryptContent": 19, "badEncryptAlgorithm": 20, "missingCiphertext": 21,
    "noDecryptKey": 22, "decryptFailure": 23, "badCompressAlgorithm": 24,
    "missingCompressedContent": 25, "decompressFailure": 26, "wrongHardware": 27,
    "stalePackage": 28, "notInCommunity": 29, "unsupportedPackageType": 30,
    "missingDependency": 31, "wrongDependencyVersion": 32, "insufficientMemory": 33,
    "badFirmware": 34, "unsupportedParameters": 35, "breaksDependency": 36, "otherError": 99,
}

# manifest key -> verify option; "path" values are files under the vectors folder
DEVICE_KEYS = {
    "hw-type": ("--hw-type", "value"),
    "hw-serial": ("--hw-serial", "value"),
    "trust": ("--trust", "path"),
    "anchor-no-fw": ("--anchor-no-fw", "path"),
    "community": ("--community", "value"),
    "installed": ("--installed", "value"),
    "installed-legacy": ("--installed-legacy", "value"),
    "stale": ("--stale", "value"),
    "pkg-type": ("--pkg-type", "value"),
    "kek": ("--kek", "kek"),
    "cek": ("--cek", "kek"),
    "allow-downgrade": ("--allow-downgrade", "flag"),
    "max-image": ("--max-image", "value"),
}
# the backends `cmsfw --version` may name; each may have its own expectation
BACKENDS = ("mbedtls", "wolfssl", "openssl")
EXPECT_KEYS = ("expect",) + tuple("expect-" + b for b in BACKENDS)
OTHER_KEYS = {"file", "producer", "sha256", "note", "openssl-verify"} | set(EXPECT_KEYS)
SINGLE_KEYS = OTHER_KEYS | {"hw-type", "hw-serial", "allow-downgrade", "max-image"}
# openssl-verify = no: an accepted case left out of the openssl cross-check
# (a package OpenSSL cannot read, such as strings nested deeper than it allows)
BIG_FILE = 256 * 1024


def parse_manifest(path):
    """[(name, {key: [values]})] in file order; raises ValueError on a bad line."""
    cases = []
    names = set()
    current = None
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.fullmatch(r"\[([A-Za-z0-9._-]+)\]", line)
            if m:
                if m.group(1) in names:
                    raise ValueError("%s:%d: case %s twice" % (path, no, m.group(1)))
                names.add(m.group(1))
                current = (m.group(1), {})
                cases.append(current)
                continue
            key, sep, value = line.partition("=")
            key, value = key.strip(), value.strip()
            if not sep or current is None:
                raise ValueError("%s:%d: not `key = value` inside a case" % (path, no))
            if key not in DEVICE_KEYS and key not in OTHER_KEYS:
                raise ValueError("%s:%d: unknown key %s" % (path, no, key))
            if key in SINGLE_KEYS and key in current[1]:
                raise ValueError("%s:%d: %s given twice" % (path, no, key))
            current[1].setdefault(key, []).append(value)
    for name, d in cases:
        for key in ("file", "expect"):
            if key not in d:
                raise ValueError("%s: case %s has no %s" % (path, name, key))
    return cases


def expectation(d, backend):
    return d.get("expect-" + backend, d["expect"])[0]


def device_args(d, vdir):
    args = []
    for key, (opt, kind) in DEVICE_KEYS.items():
        for value in d.get(key, []):
            if kind == "flag":
                if value != "yes":
                    raise ValueError("%s must be yes" % key)
                args.append(opt)
            elif kind == "path":
                args += [opt, os.path.join(vdir, value)]
            elif kind == "kek":
                kid, _, kfile = value.partition(":")
                args += [opt, "%s:%s" % (kid, os.path.join(vdir, kfile))]
            else:
                args += [opt, value]
    return args


def chunk_sizes(size):
    sizes = [7, 4096, max(size, 1)]
    if size <= BIG_FILE:
        sizes.insert(0, 1)
    return sorted(set(sizes))


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def resolve_binary(cmsfw):
    """(program, environment) to run. In a build tree tools/cmsfw is a
    libtool wrapper script, which costs several times what a verify run
    does; when the real program next to it gives the same --version with the
    build's library folder on LD_LIBRARY_PATH, that program is run instead."""
    real = os.path.join(os.path.dirname(cmsfw), ".libs", os.path.basename(cmsfw))
    with open(cmsfw, "rb") as f:
        script = f.read(2) == b"#!"
    if not script or not os.path.isfile(real):
        return cmsfw, None
    libdir = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(cmsfw))), ".libs")
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = libdir + (":" + env["LD_LIBRARY_PATH"]
                                       if env.get("LD_LIBRARY_PATH") else "")
    try:
        want = subprocess.run([cmsfw, "--version"], capture_output=True).stdout
        got = subprocess.run([real, "--version"], capture_output=True, env=env).stdout
    except OSError:
        return cmsfw, None
    return (real, env) if got == want and want else (cmsfw, None)


# Exit status a --wrapper (valgrind --error-exitcode) gives on its errors.
WRAPPER_ERROR = 99


def run_one(cmsfw, env, vdir, name, d, expect, chunk, tmpdir, wrapper=()):
    """One verify run; returns a list of problems (empty: passed).
    chunk 0: the whole file at once, without --out (verdict only)."""
    out = os.path.join(tmpdir, "%s.%d.img" % (name, chunk))
    path = os.path.join(vdir, d["file"][0])
    cmd = list(wrapper) + [cmsfw, "verify", path] + device_args(d, vdir)
    if chunk == 0:
        cmd += ["--json", "--chunk-size", str(max(1, os.path.getsize(path)))]
    else:
        cmd += ["--json", "--chunk-size", str(chunk), "--out", out]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=600 if wrapper else 120, env=env)
    except subprocess.TimeoutExpired:
        return ["timed out"]
    problems = []
    stderr = r.stderr.decode(errors="replace").strip()
    if wrapper and r.returncode == WRAPPER_ERROR:
        return ["%s reported errors:\n%s" % (wrapper[0], stderr)]
    try:
        j = json.loads(r.stdout.decode())
    except ValueError:
        return ["exit %d, output is not JSON: %r %s" % (r.returncode, r.stdout[:200], stderr)]
    status = j.get("status")
    if expect == "accepted":
        if r.returncode != 0 or status != "accepted":
            problems.append("expected accepted, got exit %d status %s error %s (%s)"
                            % (r.returncode, status, j.get("error"), stderr))
        else:
            want = d.get("sha256", [None])[0]
            if j.get("sha256") != want:
                problems.append("JSON sha256 %s, expected %s" % (j.get("sha256"), want))
            if chunk == 0:
                pass
            elif not os.path.exists(out):
                problems.append("accepted but no --out file")
            elif sha256_file(out) != want:
                problems.append("--out image has sha256 %s, expected %s" % (sha256_file(out), want))
    else:
        if r.returncode != 1 or status != "rejected" or j.get("error") != expect:
            problems.append("expected %s, got exit %d status %s error %s (%s)"
                            % (expect, r.returncode, status, j.get("error"), stderr))
        else:
            if j.get("error_code") != RFC4108_ERRORS[expect]:
                problems.append("error_code %s for %s, RFC 4108 says %d"
                                % (j.get("error_code"), expect, RFC4108_ERRORS[expect]))
            if os.path.exists(out):
                problems.append("rejected but an --out file was written")
    if os.path.exists(out):
        os.unlink(out)
    return problems


def openssl_check(openssl, vdir, name, d, bundle):
    """`openssl cms -verify` of an accepted package (chain not checked:
    the signer certificate is looked up among the package's own and the
    test certificates)."""
    cmd = [openssl, "cms", "-verify", "-inform", "DER", "-in", os.path.join(vdir, d["file"][0]),
           "-certfile", bundle, "-noverify", "-binary", "-out", os.devnull]
    r = subprocess.run(cmd, capture_output=True, timeout=120)
    if r.returncode != 0:
        return ["openssl cms -verify failed: %s"
                % r.stderr.decode(errors="replace").strip().splitlines()[:2]]
    return []


def main(argv=None):
    ap = argparse.ArgumentParser(description="run the vectors of vectors/MANIFEST")
    ap.add_argument("cmsfw")
    ap.add_argument("vectors")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--only", help="run only the cases whose name contains this")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--no-openssl", action="store_true", help="skip the openssl cross-check")
    ap.add_argument("--manifest", help="the manifest to run (default: VECTORS/MANIFEST)")
    ap.add_argument("--wrapper", default="",
                    help="run cmsfw under this command (e.g. valgrind --error-exitcode=%d ...)"
                    % WRAPPER_ERROR)
    ap.add_argument("--whole-only", action="store_true",
                    help="only the whole-file runs, with and without --out")
    a = ap.parse_args(argv)
    wrapper = shlex.split(a.wrapper)
    start = time.monotonic()

    v = subprocess.run([a.cmsfw, "--version"], capture_output=True, text=True)
    m = re.search(r"crypto backend: (\w+)", v.stdout)
    if v.returncode != 0 or not m:
        print("cannot tell the backend from `cmsfw --version`: %r" % v.stdout)
        return 1
    backend = m.group(1)
    if backend not in BACKENDS:
        print("unknown backend %r: add it to BACKENDS (and expect-%s where its verdicts differ)"
              % (backend, backend))
        return 1
    main_manifest = a.manifest is None
    cases = parse_manifest(a.manifest or os.path.join(a.vectors, "MANIFEST"))

    passed = failed = 0
    # the manifest itself: well formed, every expectation an RFC 4108 name,
    # every accepted case with a hash, every generated package used
    used = set()
    for name, d in cases:
        used.add(os.path.normpath(d["file"][0]))
        for key in EXPECT_KEYS:
            for e in d.get(key, []):
                if e != "accepted" and e not in RFC4108_ERRORS:
                    print("FAIL manifest: %s: %s = %s is not an RFC 4108 error name"
                          % (name, key, e))
                    failed += 1
        if expectation(d, backend) == "accepted" and not re.fullmatch(
                r"[0-9a-f]{64}", d.get("sha256", [""])[0]):
            print("FAIL manifest: %s is accepted but has no sha256" % name)
            failed += 1
        if not os.path.exists(os.path.join(a.vectors, d["file"][0])):
            print("FAIL manifest: %s: %s does not exist" % (name, d["file"][0]))
            failed += 1
    gen = os.path.join(a.vectors, "generated")
    for f in sorted(os.listdir(gen)) if main_manifest else []:
        if f.endswith(".der") and os.path.join("generated", f) not in used:
            print("FAIL manifest: generated/%s is in no case" % f)
            failed += 1

    jobs = []
    for name, d in cases:
        if a.only and a.only not in name:
            continue
        path = os.path.join(a.vectors, d["file"][0])
        if not os.path.exists(path):
            continue
        sizes = [max(1, os.path.getsize(path))] if a.whole_only else \
            chunk_sizes(os.path.getsize(path))
        for chunk in sizes + [0]:
            jobs.append((name, d, expectation(d, backend), chunk))

    program, env = resolve_binary(a.cmsfw)
    tmpdir = tempfile.mkdtemp(prefix="test_vectors.")
    openssl = None if a.no_openssl else shutil.which("openssl")
    checks = []
    if openssl:
        bundle = os.path.join(tmpdir, "certs.pem")
        keydir = os.path.join(a.vectors, "keys")
        with open(bundle, "wb") as out:
            for f in sorted(os.listdir(keydir)):
                if f.endswith(".cert.pem"):
                    with open(os.path.join(keydir, f), "rb") as c:
                        out.write(c.read())
        seen = set()
        for name, d in cases:
            if (a.only and a.only not in name) or d["expect"][0] != "accepted" \
                    or "ed25519" in name or d["file"][0] in seen \
                    or d.get("openssl-verify", ["yes"])[0] == "no":
                continue
            seen.add(d["file"][0])
            checks.append((name, d))
    codes = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
            futures = {pool.submit(run_one, program, env, a.vectors, n, d, e, c, tmpdir, wrapper):
                       (n, e, c) for n, d, e, c in jobs}
            for n, d in checks:
                futures[pool.submit(openssl_check, openssl, a.vectors, n, d, bundle)] = \
                    (n, "openssl", 0)
            for fut in concurrent.futures.as_completed(futures):
                name, expect, chunk = futures[fut]
                problems = fut.result()
                what = "openssl" if expect == "openssl" else \
                    "chunk %d" % chunk if chunk else "verdict only"
                if expect != "openssl":
                    codes.setdefault(expect, set()).add(name)
                if problems:
                    failed += 1
                    for p in problems:
                        print("FAIL %s (%s): %s" % (name, what, p))
                else:
                    passed += 1
                    if a.verbose:
                        print("ok   %s (%s): %s" % (name, what, expect))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)

    covered = sorted(RFC4108_ERRORS[e] for e in codes if e != "accepted")
    print("backend %s: %d cases, %d runs, %d openssl checks; error codes exercised: %s"
          % (backend, len({j[0] for j in jobs}), len(jobs), len(checks),
             " ".join(map(str, covered))))
    print("time %.1f s" % (time.monotonic() - start))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
