/*
 * min_layer_ber.c: the bounded BER reader of step 21 (cms/min_layer.h),
 * as cms/stage_reader.c of the full profile: headers are read at stage
 * offsets (or in memory, for the small values loaded whole); a definite
 * length says where a value ends, an indefinite one is scanned with a
 * counter, a constructed string is walked with a stack of
 * CMSFW_MIN_MAX_DEPTH levels. Every length is checked against its parent
 * and the stage's end before it is used.
 */
#include <string.h>

#include "cms/min_layer.h"

/* Longest BER header read (tag up to CMSFW_DER_MAX_TAG, 8 length octets). */
#define ML_HDR_MAX 16u

/* see cms/min_layer.h */
int
cmsfw__ml_read(const ml_src *s, uint32_t off, uint8_t *p, size_t n)
{
    if (off > s->limit || n > (size_t)(s->limit - off))
        return CMSFW_DER_TRUNCATED;
    if (n == 0)
        return CMSFW_DER_OK;
    if (s->mem != NULL) {
        memmove(p, s->mem + off, n); /* may overlap: in-place gathering */
        return CMSFW_DER_OK;
    }
    return s->stage->read(s->stage->io, off, p, n) == 0 ? CMSFW_DER_OK : ML_IO;
}

static int
is_eoc(const ml_hdr *h)
{
    return h->cls == CMSFW_DER_UNIVERSAL && h->tag == CMSFW_DER_TAG_EOC;
}

/* The header at off; a definite value must end at or before bound. */
static int
rd_hdr(const ml_src *s, uint32_t off, uint32_t bound, ml_hdr *h)
{
    uint8_t b[ML_HDR_MAX];
    cmsfw_der_tlv t;
    size_t avail, hl = 0;
    int st;

    memset(h, 0, sizeof *h);
    if (bound > s->limit || off >= bound)
        return CMSFW_DER_TRUNCATED;
    avail = (bound - off > ML_HDR_MAX) ? ML_HDR_MAX : (size_t)(bound - off);
    st = cmsfw__ml_read(s, off, b, avail);
    if (st == CMSFW_DER_OK)
        st = (int)cmsfw_der_read_header(b, avail, 1, &t, &hl);
    if (st != CMSFW_DER_OK)
        return st;
    h->off = off;
    h->val = off + (uint32_t)hl;
    h->bound = bound;
    h->cls = t.cls;
    h->cons = t.constructed;
    h->indef = t.indefinite;
    h->tag = t.tag;
    if (!t.indefinite && t.len > (size_t)(bound - h->val))
        return CMSFW_DER_TRUNCATED;
    h->len = t.indefinite ? 0 : (uint32_t)t.len;
    return CMSFW_DER_OK;
}

/* see cms/min_layer.h */
void
cmsfw__ml_enter(const ml_hdr *h, ml_cur *in)
{
    in->pos = h->val;
    in->indef = h->indef;
    in->bound = h->indef ? h->bound : h->val + h->len;
    in->closed = 0;
}

/* The next element's header; CMSFW_DER_END at the end (an indefinite
 * cursor's end-of-contents consumed). */
/* see cms/min_layer.h */
int
cmsfw__ml_next(const ml_src *s, ml_cur *c, ml_hdr *h)
{
    int st;

    memset(h, 0, sizeof *h);
    if (c->closed)
        return CMSFW_DER_END;
    if (!c->indef && c->pos == c->bound) {
        c->closed = 1;
        return CMSFW_DER_END;
    }
    st = rd_hdr(s, c->pos, c->bound, h);
    if (st != CMSFW_DER_OK)
        return st;
    if (is_eoc(h)) {
        if (!c->indef)
            return CMSFW_DER_BAD_TAG;
        c->pos = h->val;
        c->closed = 1;
        return CMSFW_DER_END;
    }
    return CMSFW_DER_OK;
}

/* Step c past h; *end (may be NULL) receives the offset after it. Only
 * indefinite levels are descended into, so a counter is the stack. */
/* see cms/min_layer.h */
int
cmsfw__ml_skip(const ml_src *s, ml_cur *c, const ml_hdr *h, uint32_t *end)
{
    ml_hdr x;
    uint32_t pos = h->val + h->len;
    unsigned depth = 1;
    int st;

    if (h->indef) {
        pos = h->val;
        while (depth > 0) {
            st = rd_hdr(s, pos, h->bound, &x);
            if (st != CMSFW_DER_OK)
                return st;
            if (is_eoc(&x)) {
                depth--;
                pos = x.val;
            } else if (x.indef) {
                if (depth >= CMSFW_DER_MAX_DEPTH)
                    return CMSFW_DER_TOO_DEEP;
                depth++;
                pos = x.val;
            } else {
                pos = x.val + x.len;
            }
        }
    }
    c->pos = pos;
    if (end != NULL)
        *end = pos;
    return CMSFW_DER_OK;
}

/* No element left in inner; then outer moves past it. */
/* see cms/min_layer.h */
int
cmsfw__ml_leave(const ml_src *s, ml_cur *outer, ml_cur *inner)
{
    ml_hdr h;
    int st = cmsfw__ml_next(s, inner, &h);

    if (st == CMSFW_DER_OK)
        return CMSFW_DER_UNEXPECTED;
    if (st != CMSFW_DER_END)
        return st;
    outer->pos = inner->pos;
    return CMSFW_DER_OK;
}

/* see cms/min_layer.h */
int
cmsfw__ml_span(const ml_src *s, const ml_hdr *h, size_t *n)
{
    ml_cur probe;
    uint32_t end = 0;
    int st = cmsfw__ml_skip(s, &probe, h, &end);

    *n = st == CMSFW_DER_OK ? end - h->off : 0;
    return st;
}

/* see cms/min_layer.h; c moves past h also when it is too long */
int
cmsfw__ml_load(const ml_src *s, ml_cur *c, const ml_hdr *h, uint8_t *buf, size_t cap, size_t *n)
{
    int st = cmsfw__ml_span(s, h, n);

    if (st != CMSFW_DER_OK)
        return st;
    c->pos = h->off + (uint32_t)*n;
    if (*n > cap)
        return CMSFW_DER_BUFFER;
    return cmsfw__ml_read(s, h->off, buf, *n);
}

/* see cms/min_layer.h */
void
cmsfw__ml_segs_init(ml_segs *g, const ml_hdr *h)
{
    memset(g, 0, sizeof *g);
    if (!h->cons) {
        g->primitive = 1;
        g->poff = h->val;
        g->plen = h->len;
        g->pos = h->val + h->len;
        return;
    }
    g->depth = 1;
    g->pos = h->val;
    g->ends[0] = h->indef ? h->bound : h->val + h->len;
    g->indef = h->indef ? 1u : 0u;
}

/* The next primitive piece of a string that may be constructed (nested
 * pieces are universal OCTET STRINGs); CMSFW_DER_END after the last. */
/* see cms/min_layer.h */
int
cmsfw__ml_segs_next(const ml_src *s, ml_segs *g, uint32_t *off, uint32_t *len)
{
    ml_hdr x;
    int st, lvl, ind;

    if (g->primitive != 0) {
        if (g->primitive == 2)
            return CMSFW_DER_END;
        g->primitive = 2;
        *off = g->poff;
        *len = g->plen;
        return CMSFW_DER_OK;
    }
    while (g->depth > 0) {
        lvl = g->depth - 1;
        ind = (int)((g->indef >> lvl) & 1u);
        if (!ind && g->pos == g->ends[lvl]) {
            g->depth--;
            continue;
        }
        st = rd_hdr(s, g->pos, g->ends[lvl], &x);
        if (st != CMSFW_DER_OK)
            return st;
        if (is_eoc(&x)) {
            if (!ind)
                return CMSFW_DER_BAD_TAG;
            g->pos = x.val;
            g->depth--;
            continue;
        }
        if (x.cls != CMSFW_DER_UNIVERSAL || x.tag != CMSFW_DER_TAG_OCTET_STRING)
            return CMSFW_DER_UNEXPECTED;
        if (x.cons) {
            if (g->depth >= CMSFW_MIN_MAX_DEPTH) {
                /* the full profile follows CMSFW_DER_MAX_DEPTH levels */
                if (g->depth < CMSFW_DER_MAX_DEPTH)
                    *s->limits |= CMSFW_MIN_LIMIT_DEPTH;
                return CMSFW_DER_TOO_DEEP;
            }
            g->ends[g->depth] = x.indef ? g->ends[lvl] : x.val + x.len;
            if (x.indef)
                g->indef |= 1u << g->depth;
            else
                g->indef &= ~(1u << g->depth);
            g->depth++;
            g->pos = x.val;
            continue;
        }
        *off = x.val;
        *len = x.len;
        g->pos = x.val + x.len;
        return CMSFW_DER_OK;
    }
    return CMSFW_DER_END;
}

/* The octets of the in-memory string t (primitive, or BER constructed):
 * copied to out (which may lie inside t's own contents: pieces only move
 * down), or with out NULL only a primitive t, as a view. *v receives
 * them; 0 when malformed or longer than cap. */
/* see cms/min_layer.h */
int
cmsfw__ml_gather(min_layer *u, const cmsfw_der_tlv *t, uint8_t *out, size_t cap, cmsfw_bytes *v)
{
    ml_src s;
    ml_hdr h;
    uint32_t off = 0, len = 0;
    size_t got = 0;
    int st;

    v->ptr = NULL;
    v->len = 0;
    if (out == NULL) {
        if (t->constructed || t->len > cap)
            return 0;
        v->ptr = t->val;
        v->len = t->len;
        return 1;
    }
    s.stage = NULL;
    s.mem = t->tlv;
    s.limit = (uint32_t)t->tlv_len;
    s.limits = &u->limits;
    if ((size_t)s.limit != t->tlv_len || rd_hdr(&s, 0, s.limit, &h) != CMSFW_DER_OK)
        return 0;
    cmsfw__ml_segs_init(&u->segs, &h);
    while ((st = cmsfw__ml_segs_next(&s, &u->segs, &off, &len)) == CMSFW_DER_OK) {
        if (len > cap - got || cmsfw__ml_read(&s, off, out + got, len) != CMSFW_DER_OK)
            return 0;
        got += len;
    }
    if (st != CMSFW_DER_END)
        return 0;
    v->ptr = out;
    v->len = got;
    return 1;
}

/* --------------------------------------------------------- structure */

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }
 * in p (BER allowed when ber is set). */
/* see cms/min_layer.h */
int
cmsfw__ml_split_alg(const uint8_t *p, size_t n, int ber, cmsfw_alg_id *alg)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, oid, params;
    int st;

    cmsfw_der_init(&c, p, n, ber);
    st = (int)cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq);
    if (st != CMSFW_DER_OK)
        return st;
    cmsfw_der_enter(&in, &seq, ber);
    st = (int)cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    alg->oid.ptr = oid.val;
    alg->oid.len = oid.len;
    if (!cmsfw_der_at_end(&in)) {
        st = (int)cmsfw_der_read(&in, &params);
        if (st != CMSFW_DER_OK)
            return st;
        if (!cmsfw_der_at_end(&in))
            return CMSFW_DER_UNEXPECTED;
        alg->params.ptr = params.tlv;
        alg->params.len = params.tlv_len;
    }
    return CMSFW_DER_OK;
}
