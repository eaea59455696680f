/*
 * fuzz_der.c: the DER/BER cursor of asn1/der.c.
 *
 * The input is read twice, as strict DER and as BER, as a sequence of
 * TLVs; every TLV at every level is read, and each one is checked against
 * what the other entry points of the cursor say about the same octets:
 *
 * - read: the TLV lies inside the cursor, starts where the cursor was and
 *   moves it by exactly tlv_len; peek and expect agree with it; expect
 *   with another tag leaves the cursor where it was;
 * - read_header: same identifier and length, and every shorter prefix of
 *   the header is "truncated" (what the streaming parser relies on);
 * - walk: succeeds exactly when every TLV of the subtree reads and the
 *   subtree nests at most CMSFW_DER_MAX_DEPTH constructed levels;
 * - segments: yield the same pieces as descending the string by hand, and
 *   latch their last status;
 * - getters: an INTEGER that get_int/get_uint accept re-encodes to the same
 *   contents; an OID that check_oid accepts prints to dotted text that
 *   converts back to the same octets;
 * - writer: in DER mode the header, and an OID, re-encode byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "asn1/der.h"
#include "fuzz/fuzz_util.h"

/* The harness's own recursion stops here; deeper subtrees are cut and
 * only checked where the cut part already decides the answer. */
#define HARNESS_MAX_LEVEL (2 * CMSFW_DER_MAX_DEPTH)

/* What descending a subtree by hand found. */
typedef struct subtree {
    cmsfw_der_status st; /* first read failure, or CMSFW_DER_OK */
    int height;          /* constructed levels on the deepest path, this one included */
    int cut;             /* the harness stopped before the bottom */
} subtree;

/* What the pieces of a string amount to. */
typedef struct pieces {
    cmsfw_der_status st;
    size_t n;
    uint64_t total;
    uint64_t hash;
} pieces;

static void
check_header(const cmsfw_der_tlv *t, size_t avail, int ber)
{
    cmsfw_der_tlv h;
    size_t hl = 0, k, k_hl = 0;

    FUZZ_CHECK(cmsfw_der_read_header(t->tlv, avail, ber, &h, &hl) == CMSFW_DER_OK);
    FUZZ_CHECK(h.cls == t->cls && h.tag == t->tag && h.constructed == t->constructed);
    FUZZ_CHECK(h.indefinite == t->indefinite);
    FUZZ_CHECK(h.tlv == t->tlv && h.val == t->tlv + hl && t->val == h.val);
    if (t->indefinite) {
        FUZZ_CHECK(t->tlv_len == hl + t->len + 2);
        FUZZ_CHECK(t->tlv[t->tlv_len - 2] == 0 && t->tlv[t->tlv_len - 1] == 0);
    } else {
        FUZZ_CHECK(h.len == t->len && t->tlv_len == hl + t->len);
    }
    for (k = 0; k < hl; k++)
        FUZZ_CHECK(cmsfw_der_read_header(t->tlv, k, ber, &h, &k_hl) == CMSFW_DER_TRUNCATED &&
                   k_hl == 0);
    if (ber)
        return;
    /* DER is unique: the writer must give back the header as read */
    {
        uint8_t out[16];
        cmsfw_der_w w;

        cmsfw_der_w_init(&w, out, sizeof out);
        cmsfw_der_put_header(&w, t->cls, t->constructed, t->tag, t->len);
        FUZZ_CHECK(cmsfw_der_w_status(&w) == CMSFW_DER_OK);
        FUZZ_CHECK(w.pos == hl && memcmp(out, t->tlv, hl) == 0);
        FUZZ_CHECK(cmsfw_der_tlv_size(t->tag, t->len) == t->tlv_len);
        if (t->tag < 31)
            FUZZ_CHECK(cmsfw_der_header_size(t->len) == hl);
    }
}

/* One read from *c, checked against peek, expect and the header parser. */
static cmsfw_der_status
read_checked(cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    const cmsfw_der_cur before = *c;
    cmsfw_der_cur probe = *c;
    cmsfw_der_tlv p, e;
    cmsfw_der_status st, pst;

    pst = cmsfw_der_peek(c, &p);
    st = cmsfw_der_read(c, t);
    FUZZ_CHECK(st == pst);
    if (st != CMSFW_DER_OK) {
        FUZZ_CHECK(c->p == before.p && t->tlv == NULL && t->tlv_len == 0);
        return st;
    }
    FUZZ_CHECK(p.tlv == t->tlv && p.tlv_len == t->tlv_len && p.len == t->len);
    FUZZ_CHECK(t->tlv == before.p && c->p == before.p + t->tlv_len && c->p <= before.end);
    FUZZ_CHECK(t->tlv_len > 0 && fuzz_within(t->val, t->len, t->tlv, t->tlv_len));
    check_header(t, (size_t)(before.end - before.p), before.ber);

    FUZZ_CHECK(cmsfw_der_expect(&probe, t->cls, t->constructed, t->tag, &e) == CMSFW_DER_OK);
    FUZZ_CHECK(probe.p == c->p && e.tlv == t->tlv);
    probe = before;
    FUZZ_CHECK(cmsfw_der_expect(&probe, t->cls, -1, t->tag ^ 1u, &e) == CMSFW_DER_UNEXPECTED);
    FUZZ_CHECK(probe.p == before.p);
    return st;
}

static void
check_int(const cmsfw_der_tlv *t)
{
    uint8_t out[16];
    cmsfw_der_w w;
    uint64_t u = 0;
    int64_t s = 0;
    cmsfw_der_status su = cmsfw_der_get_uint(t, &u);
    cmsfw_der_status ss = cmsfw_der_get_int(t, &s);

    if (su == CMSFW_DER_OK) {
        FUZZ_CHECK(ss == CMSFW_DER_OK || (ss == CMSFW_DER_RANGE && u > (uint64_t)INT64_MAX));
        cmsfw_der_w_init(&w, out, sizeof out);
        cmsfw_der_put_uint(&w, u);
        FUZZ_CHECK(cmsfw_der_w_status(&w) == CMSFW_DER_OK && w.pos == cmsfw_der_uint_size(u));
        FUZZ_CHECK(w.pos == 2 + t->len && memcmp(out + 2, t->val, t->len) == 0);
    }
    if (ss == CMSFW_DER_OK) {
        if (su == CMSFW_DER_OK)
            FUZZ_CHECK(s >= 0 && (uint64_t)s == u);
        else
            FUZZ_CHECK(su == CMSFW_DER_RANGE && s < 0);
        cmsfw_der_w_init(&w, out, sizeof out);
        cmsfw_der_put_int(&w, CMSFW_DER_TAG_INTEGER, s);
        FUZZ_CHECK(cmsfw_der_w_status(&w) == CMSFW_DER_OK && w.pos == cmsfw_der_int_size(s));
        FUZZ_CHECK(w.pos == 2 + t->len && memcmp(out + 2, t->val, t->len) == 0);
    }
}

static void
check_oid(const cmsfw_der_tlv *t, int ber)
{
    char dotted[CMSFW_OID_MAX_DOTTED];
    uint8_t back[CMSFW_OID_MAX_DOTTED];
    size_t n = 0;
    cmsfw_bytes oid = {t->val, t->len};
    cmsfw_err e;

    if (cmsfw_der_check_oid(t->val, t->len) != CMSFW_DER_OK)
        return;
    e = cmsfw_oid_to_dotted(oid, dotted, sizeof dotted);
    /* longer than CMSFW_OID_MAX_LEN: cmsfw refuses it everywhere */
    FUZZ_CHECK(e == CMSFW_OK || e == CMSFW_E_BUFFER ||
               (e == CMSFW_DECODE_FAILURE && t->len > CMSFW_OID_MAX_LEN));
    if (e == CMSFW_OK) {
        FUZZ_CHECK(memchr(dotted, 0, sizeof dotted) != NULL);
        FUZZ_CHECK(cmsfw_oid_from_dotted(dotted, back, sizeof back, &n) == CMSFW_OK);
        FUZZ_CHECK(n == t->len && memcmp(back, t->val, n) == 0);
    }
    if (t->cls == CMSFW_DER_UNIVERSAL && t->tag == CMSFW_DER_TAG_OID) {
        FUZZ_CHECK(cmsfw_der_oid_is(t, t->val, t->len));
        if (!ber && t->tlv_len <= sizeof back) {
            cmsfw_der_w w;

            cmsfw_der_w_init(&w, back, sizeof back);
            cmsfw_der_put_oid(&w, t->val, t->len);
            FUZZ_CHECK(cmsfw_der_w_status(&w) == CMSFW_DER_OK);
            FUZZ_CHECK(w.pos == t->tlv_len && memcmp(back, t->tlv, w.pos) == 0);
        }
    }
}

/* The pieces of a string, by descending it with the cursor. */
static void
collect_by_hand(const cmsfw_der_tlv *t, uint32_t string_tag, int level, pieces *out)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv k;
    cmsfw_der_status st;

    if (!t->constructed) {
        out->n++;
        out->total += t->len;
        out->hash = fuzz_fnv(out->hash, t->val, t->len);
        return;
    }
    if (level > CMSFW_DER_MAX_DEPTH) {
        out->st = CMSFW_DER_TOO_DEEP;
        return;
    }
    cmsfw_der_enter(&c, t, 1);
    while (out->st == CMSFW_DER_OK && (st = cmsfw_der_read(&c, &k)) != CMSFW_DER_END) {
        if (st == CMSFW_DER_OK && (k.cls != CMSFW_DER_UNIVERSAL || k.tag != string_tag))
            st = CMSFW_DER_UNEXPECTED;
        if (st != CMSFW_DER_OK)
            out->st = st;
        else
            collect_by_hand(&k, string_tag, level + 1, out);
    }
}

static void
check_segments(const cmsfw_der_tlv *t, int ber)
{
    cmsfw_der_segments s;
    pieces got = {CMSFW_DER_OK, 0, 0, FUZZ_FNV_INIT};
    pieces want = {CMSFW_DER_OK, 0, 0, FUZZ_FNV_INIT};
    uint32_t string_tag = CMSFW_DER_TAG_OCTET_STRING;
    const uint8_t *p;
    size_t n;
    cmsfw_der_status st;

    if (t->cls == CMSFW_DER_UNIVERSAL && t->tag == CMSFW_DER_TAG_BIT_STRING)
        string_tag = CMSFW_DER_TAG_BIT_STRING;
    cmsfw_der_segments_init(&s, t, string_tag, ber);
    while ((st = cmsfw_der_segments_next(&s, &p, &n)) == CMSFW_DER_OK) {
        FUZZ_CHECK(fuzz_within(p, n, t->val, t->len));
        got.n++;
        got.total += n;
        got.hash = fuzz_fnv(got.hash, p, n);
    }
    /* the last status is latched */
    FUZZ_CHECK(cmsfw_der_segments_next(&s, &p, &n) == st && p == NULL && n == 0);
    got.st = st == CMSFW_DER_END ? CMSFW_DER_OK : st;
    if (!ber) {
        if (t->constructed)
            FUZZ_CHECK(got.st == CMSFW_DER_NOT_DER && got.n == 0);
        else
            FUZZ_CHECK(got.st == CMSFW_DER_OK && got.n == 1 && got.total == t->len);
        return;
    }
    collect_by_hand(t, string_tag, 1, &want);
    FUZZ_CHECK((got.st == CMSFW_DER_OK) == (want.st == CMSFW_DER_OK));
    if (got.st == CMSFW_DER_OK)
        FUZZ_CHECK(got.n == want.n && got.total == want.total && got.hash == want.hash);
}

/* Every check on t and, for a constructed t, on its whole subtree. */
static subtree
visit(const cmsfw_der_tlv *t, int ber, int level)
{
    subtree r = {CMSFW_DER_OK, 0, 0}, k;
    cmsfw_der_cur c;
    cmsfw_der_tlv child;
    cmsfw_der_status st, walk;

    if (t->constructed || t->cls != CMSFW_DER_UNIVERSAL || t->tag == CMSFW_DER_TAG_OCTET_STRING ||
        t->tag == CMSFW_DER_TAG_BIT_STRING)
        check_segments(t, ber);
    if (!t->constructed) {
        check_int(t);
        check_oid(t, ber);
        FUZZ_CHECK(cmsfw_der_walk(t, ber) == CMSFW_DER_OK);
        return r;
    }
    r.height = 1;
    if (level >= HARNESS_MAX_LEVEL) {
        r.cut = 1;
        return r;
    }
    cmsfw_der_enter(&c, t, ber);
    FUZZ_CHECK(c.p == t->val && c.end == t->val + t->len);
    while ((st = read_checked(&c, &child)) != CMSFW_DER_END) {
        if (st != CMSFW_DER_OK) {
            r.st = st;
            break;
        }
        k = visit(&child, ber, level + 1);
        if (r.st == CMSFW_DER_OK)
            r.st = k.st;
        if (k.height + 1 > r.height)
            r.height = k.height + 1;
        r.cut |= k.cut;
    }
    FUZZ_CHECK(r.st != CMSFW_DER_OK || cmsfw_der_at_end(&c));
    walk = cmsfw_der_walk(t, ber);
    if (r.height > CMSFW_DER_MAX_DEPTH || r.st != CMSFW_DER_OK)
        FUZZ_CHECK(walk != CMSFW_DER_OK);
    else if (!r.cut)
        FUZZ_CHECK(walk == CMSFW_DER_OK);
    return r;
}

static void
read_all(const uint8_t *data, size_t size, int ber)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, data, size, ber);
    while (read_checked(&c, &t) == CMSFW_DER_OK)
        (void)visit(&t, ber, 1);
    FUZZ_CHECK(c.p <= c.end);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_all(data, size, 0);
    read_all(data, size, 1);
    return 0;
}
