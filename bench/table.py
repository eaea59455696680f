#!/usr/bin/python3
"""bench/table.py: turn bench/run.sh's results.tsv into RESULTS.md.

Input lines (tab-separated):
  meta KEY VALUE
  SIZE ALG OP IMPL ok WALL_SECONDS MAXRSS_KIB    one timed run
  SIZE ALG OP IMPL fail REASON                   the command failed
  SIZE ALG OP IMPL bad WHAT                      its output was wrong
  SIZE ALG OP IMPL na WHY                        not applicable
OP is verify, verify-out, protect or rawhash; IMPL is a cmsfw backend
(mbedtls, wolfssl, openssl) or a peer (openssl-cli, wolfssl-peer).
"""
import statistics
import sys

PEERS = ("openssl-cli", "wolfssl-peer")
# the cmsfw backend whose own library a peer uses, for "peer / cmsfw"
PEER_BACKEND = {"openssl-cli": "openssl", "wolfssl-peer": "wolfssl"}
# the raw SHA-256 a peer row is divided by
PEER_RAW = {"openssl-cli": "openssl-cli", "wolfssl-peer": "wolfssl"}

LABELS = {
    ("verify", "cmsfw"): "cmsfw verify",
    ("verify-out", "cmsfw"): "cmsfw verify --out",
    ("protect", "cmsfw"): "cmsfw protect",
    ("rawhash", "cmsfw"): "rawhash (SHA-256)",
    ("verify", "openssl-cli"): "openssl cms -verify",
    ("protect", "openssl-cli"): "openssl cms -sign",
    ("rawhash", "openssl-cli"): "openssl dgst -sha256",
    ("verify", "wolfssl-peer"): "wolfSSL VerifySignedData",
    ("protect", "wolfssl-peer"): "wolfSSL EncodeSignedFPD",
}
ALG_NAMES = {
    "ecdsa": "ECDSA P-256, SHA-256",
    "rsa-pss": "RSASSA-PSS 2048, SHA-256",
    "ed25519": "Ed25519, SHA-512",
}


def size_bytes(s):
    mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(s[-1:], 1)
    return int(s.rstrip("KMG")) * mult


def size_label(s):
    return s.replace("K", " KiB").replace("M", " MiB").replace("G", " GiB")


class Results:
    def __init__(self, path):
        self.meta = {}
        self.cells = {}  # (size, alg, op, impl) -> dict
        with open(path, encoding="utf-8") as f:
            for line in f:
                self._add(line.rstrip("\n").split("\t"))

    def _add(self, f):
        if f[0] == "meta":
            self.meta[f[1]] = f[2]
            return
        cell = self.cells.setdefault(tuple(f[:4]), {"runs": [], "rss": []})
        kind = f[4]
        if kind == "ok":
            cell["runs"].append(float(f[5]))
            cell["rss"].append(int(f[6]))
        else:
            cell[kind] = f[5]

    def median(self, size, alg, op, impl):
        """Median wall time, or None when there is no valid one."""
        c = self.cells.get((size, alg, op, impl))
        if not c or not c["runs"] or "fail" in c or "bad" in c:
            return None
        return statistics.median(c["runs"])


def ratio(a, b):
    return "%.2f×" % (a / b) if a is not None and b else ""


def esc(text):
    return text.replace("|", "\\|")


def row_cells(res, size, alg, op, impl):
    """Median, min-max, MiB/s and RSS cells of one measurement."""
    c = res.cells.get((size, alg, op, impl))
    if c is None:
        return ["not run", "", "", ""]
    if "na" in c:
        return ["n/a (%s)" % esc(c["na"]), "", "", ""]
    if "fail" in c:
        return ["**fails** (%s)" % esc(c["fail"]), "", "", ""]
    runs = c["runs"]
    med = statistics.median(runs)
    first = "%.3f" % med
    if "bad" in c:
        first = "**wrong output** (%s); %s" % (esc(c["bad"]), first)
    spread = "%.3f–%.3f" % (min(runs), max(runs))
    nbytes = size_bytes(size)
    rate = "%.0f" % (nbytes / med / (1 << 20)) if nbytes >= (1 << 20) and med > 0 else ""
    rss = "%.1f" % (max(c["rss"]) / 1024.0)
    return [first, spread, rate, rss]


def raw_of(res, size, impl):
    """The raw SHA-256 time a row of IMPL is divided by (ECDSA pass)."""
    raw_impl = PEER_RAW.get(impl, impl)
    return res.median(size, "ecdsa", "rawhash", raw_impl)


def ratios(res, size, alg, op, impl):
    t = res.median(size, alg, op, impl)
    to_raw = ""
    if op != "rawhash" and alg != "ed25519":
        to_raw = ratio(t, raw_of(res, size, impl))
    to_cmsfw = ""
    if impl in PEERS:
        cm_op = op
        to_cmsfw = ratio(t, res.median(size, alg, cm_op, PEER_BACKEND[impl]))
    return [to_raw, to_cmsfw]


def table(res, size, alg, ops, backends, out):
    out.append("### %s, %s" % (size_label(size), ALG_NAMES[alg]))
    out.append("")
    skipped = res.meta.get("skipped:%s:%s" % (size, alg))
    if skipped:
        out.append("Not run: %s." % skipped)
        out.append("")
        return
    out.append("| program | library | median s | min–max s | MiB/s | peak RSS MiB "
               "| ÷ raw SHA-256 | peer ÷ cmsfw |")
    out.append("|---|---|--:|--:|--:|--:|--:|--:|")
    for b in backends:
        if res.meta.get("version:" + b, "") == "not built":
            out.append("| cmsfw | %s | not built | | | | | |" % b)
            continue
        for op in ops:
            if (size, alg, op, b) not in res.cells:
                continue
            cells = row_cells(res, size, alg, op, b) + ratios(res, size, alg, op, b)
            out.append("| %s | %s | %s |" % (LABELS[(op, "cmsfw")], b, " | ".join(cells)))
    for peer in PEERS:
        for op in ops:
            if (op, peer) not in LABELS or (size, alg, op, peer) not in res.cells:
                continue
            lib = "OpenSSL" if peer == "openssl-cli" else "wolfSSL"
            cells = row_cells(res, size, alg, op, peer) + ratios(res, size, alg, op, peer)
            out.append("| %s | %s | %s |" % (LABELS[(op, peer)], lib, " | ".join(cells)))
    out.append("")


def header(res, out):
    m = res.meta
    backends = m.get("backends", "").split()
    out.append("# cmsfw benchmark results")
    out.append("")
    out.append("- Date: %s" % m.get("date", "?"))
    out.append("- CPU: %s, %s cores online, SHA extensions (sha_ni): %s; load average "
               "at start: %s" % (m.get("cpu", "?"), m.get("cores", "?"),
                                 m.get("sha_ni", "?"), m.get("load", "?")))
    for b in backends:
        out.append("- cmsfw build `--with-crypto=%s`: %s" % (b, m.get("version:" + b, "?")))
    out.append("- Peers: %s (`openssl` CLI); %s" % (m.get("version:openssl-cli", "?"),
                                                   m.get("version:wolfssl-peer", "?")))
    runs = m.get("runs", "?")
    if m.get("runs_large", runs) != runs:
        runs += " (%s for 256 MiB and more)" % m["runs_large"]
    out.append("- BENCH_RUNS=%s: timed runs per cell, after one untimed warm-up run" % runs)
    out.append("- Command: `%s` (from a configured build tree)" % m.get("command", "make bench"))
    out.append("")
    out.append("Every cell times a whole process (fork to exit, `bench/runtime`), "
               "median and range of the timed runs; peak RSS is the largest "
               "`ru_maxrss` of those runs. The page cache is not dropped: the "
               "warm-up run reads every input first, so all timed runs see a warm "
               "cache. Packages to verify are made once by `cmsfw protect` of the "
               "%s build; every verifier reads the same file. "
               "\"÷ raw SHA-256\": time over the raw SHA-256 of the same file by "
               "the same library (cmsfw rows: `rawhash` of that backend; OpenSSL "
               "rows: `openssl dgst`; wolfSSL rows: `rawhash` of the wolfssl "
               "backend). \"peer ÷ cmsfw\": the peer's time over cmsfw's with the same "
               "library (verify over `cmsfw verify`, sign over `cmsfw protect`); "
               "above 1 means cmsfw is faster. See bench/README.md."
               % m.get("maker", "mbedtls"))
    out.append("")


def main():
    res = Results(sys.argv[1])
    backends = res.meta.get("backends", "").split()
    out = []
    header(res, out)
    out.append("## ECDSA P-256 by image size")
    out.append("")
    for size in res.meta.get("sizes", "").split():
        table(res, size, "ecdsa", ("verify", "verify-out", "protect", "rawhash"),
              backends, out)
    alg_size = res.meta.get("alg_size", "none")
    if alg_size != "none":
        out.append("## Other signature algorithms, %s" % size_label(alg_size))
        out.append("")
        out.append("Ed25519 rows digest with SHA-512 (RFC 8419), so they have no "
                   "SHA-256 ratio.")
        out.append("")
        for alg in ("rsa-pss", "ed25519"):
            table(res, alg_size, alg, ("verify", "protect"), backends, out)
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
