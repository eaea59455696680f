#!/usr/bin/python3
"""matrix: the conformance matrix of `make interop`, from its result rows.

  matrix.py --results interop/results.tsv --limits interop/limits.tsv --out docs/conformance.md

A result row (tab-separated): producer, algorithm, layers, verifier,
outcome (pass, fail, na, info), message. `info` rows carry the peers'
versions (verifier: the peer, message: its version). A failure that a line
of the limits file matches is a peer limitation: the cell shows the peer's
own message and the explanation. Any other failure is a cmsfw bug until
shown otherwise: it is listed, and the exit status is 1.

Limits file (tab-separated, # comments): verifier, producer glob, algorithm
glob, layers glob, regular expression the peer's message must match,
explanation.
"""

import argparse
import datetime
import fnmatch
import re
import sys

OUTCOMES = ("pass", "fail", "limit", "na")


def read_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 6:
                parts += [""] * (6 - len(parts))
            rows.append(parts[:6])
    return rows


def read_limits(path):
    limits = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 6:
                raise SystemExit("%s:%d: 6 tab-separated fields expected" % (path, n))
            verifier, producer, alg, layers, pattern, why = parts
            limits.append({"verifier": verifier, "producer": producer, "alg": alg,
                           "layers": layers, "re": re.compile(pattern), "why": why,
                           "used": 0, "line": n})
    return limits


def explain(limits, producer, alg, layers, verifier, message):
    for lim in limits:
        if (fnmatch.fnmatchcase(verifier, lim["verifier"])
                and fnmatch.fnmatchcase(producer, lim["producer"])
                and fnmatch.fnmatchcase(alg, lim["alg"])
                and fnmatch.fnmatchcase(layers, lim["layers"])
                and lim["re"].search(message)):
            lim["used"] += 1
            return lim
    return None


class Notes:
    """Numbered notes, one per distinct text."""

    def __init__(self):
        self.texts = []
        self.index = {}

    def ref(self, text):
        if text not in self.index:
            self.texts.append(text)
            self.index[text] = len(self.texts)
        return self.index[text]


def verifier_order(name):
    # cmsfw builds first, then the peers in a fixed order
    order = ["cmsfw-mbedtls", "cmsfw-wolfssl", "cmsfw-openssl", "openssl", "wolfssl",
             "gnutls", "bc", "pyasn1"]
    return (order.index(name) if name in order else len(order), name)


def producer_order(name):
    # cmsfw's builds first, then each peer's packages together
    builds = ["cmsfw-mbedtls", "cmsfw-wolfssl", "cmsfw-openssl"]
    peers = ["openssl", "wolfssl", "gnutls", "bc", "pyasn1"]
    if name in builds:
        return (0, builds.index(name), name)
    family = name.split("-")[0]
    return (1, peers.index(family) if family in peers else len(peers), name)


def rank_in(order, name):
    return (order.index(name) if name in order else len(order), name)


ALGS = ["ecdsa-p256", "ecdsa-p384", "rsa-pss", "rsa-pkcs1", "ed25519"]
LAYERS = ["plain", "zlib", "aes256-cbc", "aes256-gcm", "zlib+aes256-gcm"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--results", required=True)
    ap.add_argument("--limits", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args(argv)

    rows = read_rows(a.results)
    limits = read_limits(a.limits)
    info = {}
    cells = {}          # (producer, alg, layers) -> {verifier: (outcome, message, why)}
    unexplained = []
    for producer, alg, layers, verifier, outcome, message in rows:
        if outcome == "info":
            info[verifier] = message
            continue
        why = ""
        if outcome == "fail":
            lim = explain(limits, producer, alg, layers, verifier, message)
            if lim is not None:
                outcome, why = "limit", lim["why"]
            else:
                unexplained.append((producer, alg, layers, verifier, message))
        elif outcome not in OUTCOMES:
            outcome, message = "fail", "unknown outcome %r: %s" % (outcome, message)
            unexplained.append((producer, alg, layers, verifier, message))
        key = (producer, alg, layers)
        prev = cells.setdefault(key, {}).get(verifier)
        # several checks by one verifier on one package: the worst one shows
        rank = {"fail": 3, "limit": 2, "na": 1, "pass": 0}
        if prev is None or rank[outcome] > rank[prev[0]]:
            cells[key][verifier] = (outcome, message, why)

    verifiers = sorted({v for c in cells.values() for v in c}, key=verifier_order)
    counts = {v: dict.fromkeys(OUTCOMES, 0) for v in verifiers}
    for c in cells.values():
        for v, (outcome, _, _) in c.items():
            counts[v][outcome] += 1

    notes = Notes()
    out = []
    out.append("# Conformance matrix")
    out.append("")
    out.append("Generated by `make interop` (interop/run.sh, interop/matrix.py) on %s; "
               "do not edit by hand. interop/README.md says what each check does."
               % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    out.append("")
    if info:
        out.append("Implementations:")
        out.append("")
        for name in sorted(info, key=verifier_order):
            out.append("- %s: %s" % (name, info[name]))
        out.append("")
    out.append("Cells: **pass** (the verdict that implementation must reach, reached; for a "
               "package without the RFC 4108 attributes that is a rejection with the right "
               "code), **FAIL** (a cmsfw bug until shown otherwise), **limit** (a limitation of "
               "the peer, shown with the peer's own message), **n/a** (that check cannot run: "
               "the note says why). Numbers refer to the notes below the tables.")
    out.append("")
    out.append("## Summary")
    out.append("")
    out.append("| verifier | pass | FAIL | limit | n/a |")
    out.append("|---|--:|--:|--:|--:|")
    for v in verifiers:
        c = counts[v]
        out.append("| %s | %d | %d | %d | %d |" % (v, c["pass"], c["fail"], c["limit"], c["na"]))
    out.append("")
    if unexplained:
        out.append("**%d unexplained failure(s)**: see the cells marked FAIL." % len(unexplained))
        out.append("")

    producers = sorted({k[0] for k in cells}, key=producer_order)
    for producer in producers:
        keys = sorted((k for k in cells if k[0] == producer),
                      key=lambda k: (rank_in(ALGS, k[1]), rank_in(LAYERS, k[2])))
        used = [v for v in verifiers if any(v in cells[k] for k in keys)]
        out.append("## Made by %s" % producer)
        out.append("")
        out.append("| algorithm | layers | " + " | ".join(used) + " |")
        out.append("|---|---|" + "---|" * len(used))
        for k in keys:
            line = []
            for v in used:
                if v not in cells[k]:
                    line.append("")
                    continue
                outcome, message, why = cells[k][v]
                if outcome == "pass":
                    line.append("pass")
                elif outcome == "fail":
                    line.append("**FAIL** [%d]" % notes.ref(message))
                elif outcome == "limit":
                    line.append("limit [%d]" % notes.ref("%s. The peer says: %s" % (why, message)))
                else:
                    line.append("n/a [%d]" % notes.ref(message))
            out.append("| %s | %s | %s |" % (k[1], k[2], " | ".join(line)))
        out.append("")
    if notes.texts:
        out.append("## Notes")
        out.append("")
        for i, text in enumerate(notes.texts, 1):
            out.append("%d. %s" % (i, text.replace("|", "\\|")))
        out.append("")
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    for v in verifiers:
        c = counts[v]
        print("%-14s pass %3d  fail %3d  limit %3d  n/a %3d"
              % (v, c["pass"], c["fail"], c["limit"], c["na"]))
    for lim in limits:
        if lim["used"] == 0:
            print("note: limits line %d (%s) matched nothing" % (lim["line"], lim["why"]))
    for u in unexplained:
        print("FAIL %s %s %s -> %s: %s" % u)
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
