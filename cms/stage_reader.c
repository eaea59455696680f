/*
 * stage_reader.c: BER headers and values read back from a cmsfw_stage.
 */
#include <string.h>

#include "cms/stage_reader.h"

/* An end-of-contents is 00 00: the header parser has already refused any
 * other length or form for universal tag 0. */
#define SR_EOC_LEN 2u
/* Longest header: 4 identifier octets (tag up to CMSFW_DER_MAX_TAG) and
 * 1 + CMSFW_DER_MAX_LEN_OCTETS length octets, rounded up. */
#define SR_MAX_HEADER 16u

static int
is_eoc(const cmsfw__shdr *h)
{
    return h->cls == CMSFW_DER_UNIVERSAL && h->tag == CMSFW_DER_TAG_EOC;
}

void
cmsfw__sr_init(cmsfw__sr *r, const cmsfw_stage *stage, uint64_t limit)
{
    memset(r, 0, sizeof(*r));
    r->stage = stage;
    r->limit = limit;
}

cmsfw__sr_status
cmsfw__sr_read(cmsfw__sr *r, uint64_t off, uint8_t *p, size_t n)
{
    if (off > r->limit || (uint64_t)n > r->limit - off)
        return CMSFW_DER_TRUNCATED;
    if (n == 0)
        return CMSFW_DER_OK;
    if (r->stage->read(r->stage->io, off, p, n) != 0)
        return CMSFW__SR_IO;
    return CMSFW_DER_OK;
}

cmsfw__sr_status
cmsfw__sr_write(cmsfw__sr *r, uint64_t off, const uint8_t *p, size_t n)
{
    r->cache_len = 0;
    if (off > r->limit || (uint64_t)n > r->limit - off)
        return CMSFW_DER_TRUNCATED;
    if (n == 0)
        return CMSFW_DER_OK;
    if (r->stage->write(r->stage->io, off, p, n) != 0)
        return CMSFW__SR_IO;
    return CMSFW_DER_OK;
}

/* Make [off, off + n) available in the cache (n <= SR_MAX_HEADER, and the
 * range lies below the limit) and point *p at it. */
static cmsfw__sr_status
cached(cmsfw__sr *r, uint64_t off, size_t n, const uint8_t **p)
{
    uint64_t want;
    cmsfw__sr_status st;

    if (r->cache_len == 0 || off < r->cache_off ||
        off + n > r->cache_off + (uint64_t)r->cache_len) {
        want = r->limit - off;
        if (want > CMSFW__SR_CACHE)
            want = CMSFW__SR_CACHE;
        r->cache_len = 0;
        st = cmsfw__sr_read(r, off, r->cache, (size_t)want);
        if (st != CMSFW_DER_OK)
            return st;
        r->cache_off = off;
        r->cache_len = (size_t)want;
    }
    *p = r->cache + (size_t)(off - r->cache_off);
    return CMSFW_DER_OK;
}

/* The header at off, which must lie (with a definite value) below bound. */
static cmsfw__sr_status
read_header(cmsfw__sr *r, uint64_t off, uint64_t bound, cmsfw__shdr *h)
{
    const uint8_t *p = NULL;
    cmsfw_der_tlv t;
    size_t avail, hl = 0;
    cmsfw__sr_status st;

    memset(h, 0, sizeof(*h));
    if (bound > r->limit || off >= bound)
        return CMSFW_DER_TRUNCATED;
    avail = (bound - off > SR_MAX_HEADER) ? SR_MAX_HEADER : (size_t)(bound - off);
    st = cached(r, off, avail, &p);
    if (st != CMSFW_DER_OK)
        return st;
    st = cmsfw_der_read_header(p, avail, 1, &t, &hl);
    if (st != CMSFW_DER_OK)
        return st;
    h->off = off;
    h->val = off + hl;
    h->len = t.indefinite ? 0 : (uint64_t)t.len;
    h->bound = bound;
    h->cls = t.cls;
    h->constructed = t.constructed;
    h->indefinite = t.indefinite;
    h->tag = t.tag;
    if (!t.indefinite && h->len > bound - h->val)
        return CMSFW_DER_TRUNCATED;
    return CMSFW_DER_OK;
}

void
cmsfw__sr_region(cmsfw__sr_cur *c, uint64_t off, uint64_t end)
{
    c->pos = off;
    c->bound = end;
    c->indefinite = 0;
    c->closed = 0;
}

cmsfw__sr_status
cmsfw__sr_next(cmsfw__sr *r, cmsfw__sr_cur *c, cmsfw__shdr *h)
{
    cmsfw__sr_status st;

    memset(h, 0, sizeof(*h));
    if (c->closed)
        return CMSFW_DER_END;
    if (!c->indefinite && c->pos == c->bound) {
        c->closed = 1;
        return CMSFW_DER_END;
    }
    st = read_header(r, c->pos, c->bound, h);
    if (st != CMSFW_DER_OK)
        return st;
    if (is_eoc(h)) {
        if (!c->indefinite)
            return CMSFW_DER_BAD_TAG;
        c->pos = h->val;
        c->closed = 1;
        return CMSFW_DER_END;
    }
    return CMSFW_DER_OK;
}

/* Offset after the indefinite-length element h: only indefinite levels
 * are descended into (a definite length says where its value ends), so a
 * counter is the whole stack. */
static cmsfw__sr_status
scan_end(cmsfw__sr *r, const cmsfw__shdr *h, uint64_t *end)
{
    cmsfw__shdr x;
    uint64_t pos = h->val;
    unsigned depth = 1;
    cmsfw__sr_status st;

    for (;;) {
        st = read_header(r, pos, h->bound, &x);
        if (st != CMSFW_DER_OK)
            return st;
        if (is_eoc(&x)) {
            pos = x.val;
            if (--depth == 0)
                break;
        } else if (x.indefinite) {
            if (depth >= CMSFW_DER_MAX_DEPTH)
                return CMSFW_DER_TOO_DEEP;
            depth++;
            pos = x.val;
        } else {
            pos = x.val + x.len;
        }
    }
    *end = pos;
    return CMSFW_DER_OK;
}

cmsfw__sr_status
cmsfw__sr_skip(cmsfw__sr *r, cmsfw__sr_cur *c, const cmsfw__shdr *h, uint64_t *end)
{
    uint64_t e = h->val + h->len;
    cmsfw__sr_status st;

    if (h->indefinite) {
        st = scan_end(r, h, &e);
        if (st != CMSFW_DER_OK)
            return st;
    }
    c->pos = e;
    if (end != NULL)
        *end = e;
    return CMSFW_DER_OK;
}

void
cmsfw__sr_enter(const cmsfw__shdr *h, cmsfw__sr_cur *inner)
{
    inner->pos = h->val;
    inner->indefinite = h->indefinite;
    inner->bound = h->indefinite ? h->bound : h->val + h->len;
    inner->closed = 0;
}

cmsfw__sr_status
cmsfw__sr_leave(cmsfw__sr *r, cmsfw__sr_cur *outer, cmsfw__sr_cur *inner)
{
    cmsfw__shdr h;
    cmsfw__sr_status st = cmsfw__sr_next(r, inner, &h);

    if (st == CMSFW_DER_OK)
        return CMSFW_DER_UNEXPECTED; /* an element more than the syntax has */
    if (st != CMSFW_DER_END)
        return st;
    outer->pos = inner->pos;
    return CMSFW_DER_OK;
}

cmsfw__sr_status
cmsfw__sr_load(cmsfw__sr *r, cmsfw__sr_cur *c, const cmsfw__shdr *h, uint8_t *buf, size_t cap,
               size_t *n)
{
    cmsfw__sr_cur probe = *c;
    uint64_t end = 0;
    cmsfw__sr_status st;

    *n = 0;
    st = cmsfw__sr_skip(r, &probe, h, &end);
    if (st != CMSFW_DER_OK)
        return st;
    if (end - h->off > (uint64_t)cap)
        return CMSFW_DER_BUFFER;
    st = cmsfw__sr_read(r, h->off, buf, (size_t)(end - h->off));
    if (st != CMSFW_DER_OK)
        return st;
    *n = (size_t)(end - h->off);
    *c = probe;
    return CMSFW_DER_OK;
}

void
cmsfw__sr_segs_init(cmsfw__sr_segs *s, const cmsfw__shdr *h)
{
    memset(s, 0, sizeof(*s));
    if (!h->constructed) {
        s->primitive = 1;
        s->prim_off = h->val;
        s->prim_len = h->len;
        s->pos = h->val + h->len;
        return;
    }
    s->depth = 1;
    s->pos = h->val;
    s->ends[0] = h->indefinite ? h->bound : h->val + h->len;
    s->indef = h->indefinite ? 1u : 0u;
}

cmsfw__sr_status
cmsfw__sr_segs_next(cmsfw__sr *r, cmsfw__sr_segs *s, uint64_t *off, uint64_t *len)
{
    cmsfw__shdr x;
    cmsfw__sr_status st;
    int lvl, ind;

    if (s->primitive == 1) {
        s->primitive = 2;
        *off = s->prim_off;
        *len = s->prim_len;
        return CMSFW_DER_OK;
    }
    while (s->depth > 0) {
        lvl = s->depth - 1;
        ind = (int)((s->indef >> lvl) & 1u);
        if (!ind && s->pos == s->ends[lvl]) {
            s->depth--;
            continue;
        }
        st = read_header(r, s->pos, s->ends[lvl], &x);
        if (st != CMSFW_DER_OK)
            return st;
        if (is_eoc(&x)) {
            if (!ind)
                return CMSFW_DER_BAD_TAG;
            s->pos = x.val;
            s->depth--;
            continue;
        }
        if (x.cls != CMSFW_DER_UNIVERSAL || x.tag != CMSFW_DER_TAG_OCTET_STRING)
            return CMSFW_DER_UNEXPECTED;
        if (x.constructed) {
            if (s->depth >= CMSFW_DER_MAX_DEPTH)
                return CMSFW_DER_TOO_DEEP;
            s->ends[s->depth] = x.indefinite ? s->ends[lvl] : x.val + x.len;
            if (x.indefinite)
                s->indef |= (uint64_t)1u << s->depth;
            else
                s->indef &= ~((uint64_t)1u << s->depth);
            s->depth++;
            s->pos = x.val;
            continue;
        }
        *off = x.val;
        *len = x.len;
        s->pos = x.val + x.len;
        return CMSFW_DER_OK;
    }
    return CMSFW_DER_END;
}

uint64_t
cmsfw__sr_segs_end(const cmsfw__sr_segs *s)
{
    return s->pos;
}
