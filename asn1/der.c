/*
 * der.c: zero-copy DER/BER reader and DER writer (see der.h).
 *
 * Every length is compared against the bytes that remain before it is
 * used, so a hostile encoding can make a call fail but never read outside
 * its input. Nesting is followed with explicit, fixed-size stacks: no
 * recursion, no allocation, and no libc beyond memcmp/memcpy/memset.
 */
#include <string.h>

#include "asn1/der.h"

/* The segment and walk stacks keep one "indefinite" bit per level. */
typedef char der_depth_fits_mask[(CMSFW_DER_MAX_DEPTH <= 64) ? 1 : -1];

/* The end-of-contents octets that close an indefinite length. */
#define DER_EOC_LEN 2u

static int
is_eoc(const cmsfw_der_tlv *t)
{
    return t->cls == CMSFW_DER_UNIVERSAL && t->tag == 0 && !t->constructed;
}

/*
 * X.690 fixes the form of some universal types: these are always
 * primitive, SEQUENCE and SET always constructed, and the string types may
 * be constructed in BER only (X.690 10.2).
 */
static cmsfw_der_status
check_universal_form(const cmsfw_der_tlv *t, int ber)
{
    switch (t->tag) {
    case 0:  /* end-of-contents */
    case 1:  /* BOOLEAN */
    case 2:  /* INTEGER */
    case 5:  /* NULL */
    case 6:  /* OBJECT IDENTIFIER */
    case 9:  /* REAL */
    case 10: /* ENUMERATED */
    case 13: /* RELATIVE-OID */
        return t->constructed ? CMSFW_DER_BAD_TAG : CMSFW_DER_OK;
    case 16: /* SEQUENCE */
    case 17: /* SET */
        return t->constructed ? CMSFW_DER_OK : CMSFW_DER_BAD_TAG;
    case 3:  /* BIT STRING */
    case 4:  /* OCTET STRING */
    case 7:  /* ObjectDescriptor */
    case 12: /* UTF8String */
    case 18: case 19: case 20: case 21: case 22: /* Numeric .. IA5 */
    case 23: case 24: /* UTCTime, GeneralizedTime */
    case 25: case 26: case 27: case 28: case 30: /* Graphic .. BMP */
        return (t->constructed && !ber) ? CMSFW_DER_NOT_DER : CMSFW_DER_OK;
    default:
        return CMSFW_DER_OK;
    }
}

/* Identifier octets (X.690 8.1.2). */
static cmsfw_der_status
parse_identifier(const uint8_t *p, size_t avail, cmsfw_der_tlv *t, size_t *used)
{
    size_t i = 1;
    uint32_t tag;
    uint8_t b;

    if (avail == 0)
        return CMSFW_DER_TRUNCATED;
    t->cls = (uint8_t)(p[0] & 0xC0u);
    t->constructed = (uint8_t)((p[0] >> 5) & 1u);
    tag = p[0] & 0x1Fu;
    if (tag == 0x1Fu) {
        tag = 0;
        do {
            if (i >= avail)
                return CMSFW_DER_TRUNCATED;
            b = p[i];
            /* bits 7..1 of the first subsequent octet must not all be 0 */
            if (i == 1 && (b & 0x7Fu) == 0)
                return CMSFW_DER_BAD_TAG;
            if (tag > (CMSFW_DER_MAX_TAG >> 7))
                return CMSFW_DER_BAD_TAG;
            tag = (tag << 7) | (uint32_t)(b & 0x7Fu);
            i++;
        } while (b & 0x80u);
        /* numbers below 31 must use the single-octet form */
        if (tag < 0x1Fu)
            return CMSFW_DER_BAD_TAG;
    }
    t->tag = tag;
    *used = i;
    return CMSFW_DER_OK;
}

/* Length octets (X.690 8.1.3, DER 10.1). */
static cmsfw_der_status
parse_length(const uint8_t *p, size_t avail, int ber, cmsfw_der_tlv *t, size_t *used)
{
    size_t n, k, len = 0;
    uint8_t b;

    if (avail == 0)
        return CMSFW_DER_TRUNCATED;
    b = p[0];
    t->indefinite = 0;
    if (b < 0x80u) {
        t->len = b;
        *used = 1;
        return CMSFW_DER_OK;
    }
    if (b == 0x80u) {
        if (!t->constructed)
            return CMSFW_DER_BAD_LENGTH;
        if (!ber)
            return CMSFW_DER_NOT_DER;
        t->indefinite = 1;
        t->len = 0;
        *used = 1;
        return CMSFW_DER_OK;
    }
    n = b & 0x7Fu;
    if (b == 0xFFu || n > CMSFW_DER_MAX_LEN_OCTETS)
        return CMSFW_DER_BAD_LENGTH;
    if (avail - 1 < n)
        return CMSFW_DER_TRUNCATED;
    for (k = 1; k <= n; k++) {
        if (len > (SIZE_MAX >> 8))
            return CMSFW_DER_BAD_LENGTH;
        len = (len << 8) | p[k];
    }
    if (!ber && (p[1] == 0 || len < 0x80u))
        return CMSFW_DER_NOT_DER;
    t->len = len;
    *used = 1 + n;
    return CMSFW_DER_OK;
}

static cmsfw_der_status
parse_header(const uint8_t *p, size_t avail, int ber, cmsfw_der_tlv *t, size_t *hdr_len)
{
    cmsfw_der_status st;
    size_t id_len = 0, len_len = 0;

    st = parse_identifier(p, avail, t, &id_len);
    if (st != CMSFW_DER_OK)
        return st;
    st = parse_length(p + id_len, avail - id_len, ber, t, &len_len);
    if (st != CMSFW_DER_OK)
        return st;
    if (t->cls == CMSFW_DER_UNIVERSAL) {
        st = check_universal_form(t, ber);
        if (st != CMSFW_DER_OK)
            return st;
        if (t->tag == 0) {
            /* end-of-contents: BER only, and always exactly 00 00 (X.690
             * 8.1.5): not 00 81 00, whose length is 0 too */
            if (t->len != 0 || len_len != 1)
                return CMSFW_DER_BAD_LENGTH;
            if (!ber)
                return CMSFW_DER_BAD_TAG;
        }
    }
    t->tlv = p;
    t->val = p + id_len + len_len;
    *hdr_len = id_len + len_len;
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_read_header(const uint8_t *p, size_t avail, int ber, cmsfw_der_tlv *t,
                      size_t *hdr_len)
{
    cmsfw_der_status st;

    memset(t, 0, sizeof(*t));
    *hdr_len = 0;
    st = parse_header(p, avail, ber, t, hdr_len);
    if (st != CMSFW_DER_OK) {
        memset(t, 0, sizeof(*t));
        *hdr_len = 0;
    }
    return st;
}

/*
 * Find the end-of-contents that closes an indefinite length whose contents
 * start at p. Only the indefinite-length levels are descended into (a
 * definite length says where its value ends), so one counter is the whole
 * stack.
 */
static cmsfw_der_status
scan_indefinite(const uint8_t *p, size_t avail, size_t *len)
{
    cmsfw_der_tlv h;
    cmsfw_der_status st;
    size_t pos = 0, hl = 0;
    unsigned depth = 1;

    for (;;) {
        st = cmsfw_der_read_header(p + pos, avail - pos, 1, &h, &hl);
        if (st != CMSFW_DER_OK)
            return st;
        if (is_eoc(&h)) {
            if (--depth == 0) {
                *len = pos;
                return CMSFW_DER_OK;
            }
            pos += DER_EOC_LEN;
        } else if (h.indefinite) {
            if (depth >= CMSFW_DER_MAX_DEPTH)
                return CMSFW_DER_TOO_DEEP;
            depth++;
            pos += hl;
        } else {
            if (h.len > avail - pos - hl)
                return CMSFW_DER_TRUNCATED;
            pos += hl + h.len;
        }
    }
}

/* see asn1/der.h */
void
cmsfw_der_init(cmsfw_der_cur *c, const uint8_t *p, size_t len, int ber)
{
    c->p = p;
    c->end = (p != NULL) ? p + len : p;
    c->ber = ber;
}

/* see asn1/der.h */
void
cmsfw_der_enter(cmsfw_der_cur *inner, const cmsfw_der_tlv *t, int ber)
{
    cmsfw_der_init(inner, t->val, t->len, ber);
}

/* see asn1/der.h */
int
cmsfw_der_at_end(const cmsfw_der_cur *c)
{
    return c->p >= c->end;
}

/* One TLV at c->p, the cursor untouched. */
static cmsfw_der_status
read_tlv(const cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    cmsfw_der_status st;
    size_t avail, hl = 0;

    if (c->p == NULL || c->p >= c->end)
        return CMSFW_DER_END;
    avail = (size_t)(c->end - c->p);
    st = cmsfw_der_read_header(c->p, avail, c->ber, t, &hl);
    if (st != CMSFW_DER_OK)
        return st;
    /* an end-of-contents belongs to the indefinite value being scanned */
    if (is_eoc(t))
        return CMSFW_DER_BAD_TAG;
    if (t->indefinite) {
        st = scan_indefinite(t->val, avail - hl, &t->len);
        if (st != CMSFW_DER_OK)
            return st;
        t->tlv_len = hl + t->len + DER_EOC_LEN;
    } else {
        if (t->len > avail - hl)
            return CMSFW_DER_TRUNCATED;
        t->tlv_len = hl + t->len;
    }
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_read(cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    cmsfw_der_status st = read_tlv(c, t);

    if (st != CMSFW_DER_OK) {
        memset(t, 0, sizeof(*t));
        return st;
    }
    c->p += t->tlv_len;
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_peek(const cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    cmsfw_der_cur copy = *c;

    return cmsfw_der_read(&copy, t);
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_expect(cmsfw_der_cur *c, uint8_t cls, int constructed, uint32_t tag,
                 cmsfw_der_tlv *t)
{
    cmsfw_der_cur copy = *c;
    cmsfw_der_status st = cmsfw_der_read(&copy, t);

    if (st != CMSFW_DER_OK)
        return st;
    if (t->cls != cls || t->tag != tag || (constructed >= 0 && t->constructed != (constructed != 0)))
        return CMSFW_DER_UNEXPECTED;
    *c = copy;
    return CMSFW_DER_OK;
}

/*
 * Shared by the segment iterator and the tree walk: a stack of open
 * constructed values. A definite level ends at its end pointer; an
 * indefinite level ends at its end-of-contents, and its end pointer is
 * only the bound inherited from the level around it.
 */
static cmsfw_der_status
level_step(const uint8_t **pos, const uint8_t *const *ends, uint64_t indef, int *depth, int ber,
           cmsfw_der_tlv *t)
{
    const int lvl = *depth - 1;
    const uint8_t *bound = ends[lvl];
    const int is_indef = (int)((indef >> lvl) & 1u);
    size_t hl = 0;
    cmsfw_der_status st;

    if (!is_indef && *pos == bound) {
        (*depth)--;
        return CMSFW_DER_END;
    }
    st = cmsfw_der_read_header(*pos, (size_t)(bound - *pos), ber, t, &hl);
    if (st != CMSFW_DER_OK)
        return st;
    if (is_eoc(t)) {
        if (!is_indef)
            return CMSFW_DER_BAD_TAG;
        *pos += DER_EOC_LEN;
        (*depth)--;
        return CMSFW_DER_END;
    }
    if (!t->indefinite && t->len > (size_t)(bound - *pos) - hl)
        return CMSFW_DER_TRUNCATED;
    t->tlv_len = hl + t->len;
    return CMSFW_DER_OK;
}

/* Open a constructed value t (header at *pos) as a new level. */
static cmsfw_der_status
level_push(const uint8_t **pos, const uint8_t **ends, uint64_t *indef, int *depth,
           const cmsfw_der_tlv *t)
{
    const uint8_t *bound = ends[*depth - 1];

    if (*depth >= CMSFW_DER_MAX_DEPTH)
        return CMSFW_DER_TOO_DEEP;
    if (t->indefinite) {
        ends[*depth] = bound;
        *indef |= (uint64_t)1 << *depth;
    } else {
        ends[*depth] = t->val + t->len;
        *indef &= ~((uint64_t)1 << *depth);
    }
    *pos = t->val;
    (*depth)++;
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
void
cmsfw_der_segments_init(cmsfw_der_segments *s, const cmsfw_der_tlv *t, uint32_t string_tag,
                        int ber)
{
    memset(s, 0, sizeof(*s));
    s->string_tag = string_tag;
    s->ber = ber;
    s->top = *t;
    if (!t->constructed) {
        s->primitive_done = 0;
        return;
    }
    s->primitive_done = 1;
    if (!ber) {
        s->err = CMSFW_DER_NOT_DER;
        return;
    }
    s->pos = t->val;
    s->ends[0] = t->val + t->len;
    s->depth = 1;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_segments_next(cmsfw_der_segments *s, const uint8_t **p, size_t *n)
{
    cmsfw_der_tlv t;
    cmsfw_der_status st;

    *p = NULL;
    *n = 0;
    if (s->err != CMSFW_DER_OK)
        return s->err;
    if (!s->primitive_done) {
        s->primitive_done = 1;
        *p = s->top.val;
        *n = s->top.len;
        return CMSFW_DER_OK;
    }
    while (s->depth > 0) {
        st = level_step(&s->pos, s->ends, s->indef, &s->depth, s->ber, &t);
        if (st == CMSFW_DER_END)
            continue;
        if (st == CMSFW_DER_OK && (t.cls != CMSFW_DER_UNIVERSAL || t.tag != s->string_tag))
            st = CMSFW_DER_UNEXPECTED;
        if (st == CMSFW_DER_OK && t.constructed)
            st = level_push(&s->pos, s->ends, &s->indef, &s->depth, &t);
        else if (st == CMSFW_DER_OK) {
            s->pos += t.tlv_len;
            *p = t.val;
            *n = t.len;
            return CMSFW_DER_OK;
        }
        if (st != CMSFW_DER_OK) {
            s->err = st;
            return st;
        }
    }
    s->err = CMSFW_DER_END;
    return CMSFW_DER_END;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_walk(const cmsfw_der_tlv *t, int ber)
{
    const uint8_t *ends[CMSFW_DER_MAX_DEPTH];
    const uint8_t *pos;
    uint64_t indef = 0;
    int depth = 1;
    cmsfw_der_tlv h;
    cmsfw_der_status st;

    if (!t->constructed)
        return CMSFW_DER_OK;
    pos = t->val;
    ends[0] = t->val + t->len;
    while (depth > 0) {
        st = level_step(&pos, ends, indef, &depth, ber, &h);
        if (st == CMSFW_DER_END)
            continue;
        if (st == CMSFW_DER_OK && h.constructed)
            st = level_push(&pos, ends, &indef, &depth, &h);
        else if (st == CMSFW_DER_OK)
            pos += h.tlv_len;
        if (st != CMSFW_DER_OK)
            return st;
    }
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_get_uint(const cmsfw_der_tlv *t, uint64_t *v)
{
    const uint8_t *p = t->val;
    size_t n = t->len, i;
    uint64_t x = 0;

    *v = 0;
    if (t->constructed)
        return CMSFW_DER_UNEXPECTED;
    if (n == 0)
        return CMSFW_DER_BAD_VALUE;
    /* X.690 8.3.2: the first nine bits are never all equal */
    if (n > 1 && ((p[0] == 0x00u && !(p[1] & 0x80u)) || (p[0] == 0xFFu && (p[1] & 0x80u))))
        return CMSFW_DER_BAD_VALUE;
    if (p[0] & 0x80u)
        return CMSFW_DER_RANGE;
    if (p[0] == 0x00u) {
        p++;
        n--;
    }
    if (n > 8)
        return CMSFW_DER_RANGE;
    for (i = 0; i < n; i++)
        x = (x << 8) | p[i];
    *v = x;
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_get_int(const cmsfw_der_tlv *t, int64_t *v)
{
    const uint8_t *p = t->val;
    size_t n = t->len, i;
    uint64_t x;

    *v = 0;
    if (t->constructed)
        return CMSFW_DER_UNEXPECTED;
    if (n == 0)
        return CMSFW_DER_BAD_VALUE;
    if (n > 1 && ((p[0] == 0x00u && !(p[1] & 0x80u)) || (p[0] == 0xFFu && (p[1] & 0x80u))))
        return CMSFW_DER_BAD_VALUE;
    if (n > 8)
        return CMSFW_DER_RANGE;
    /* sign-extend, then read two's complement without signed overflow */
    x = (p[0] & 0x80u) ? ~(uint64_t)0 : 0;
    for (i = 0; i < n; i++)
        x = (x << 8) | p[i];
    if (x <= (uint64_t)INT64_MAX)
        *v = (int64_t)x;
    else
        *v = -(int64_t)(~x) - 1;
    return CMSFW_DER_OK;
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_check_oid(const uint8_t *p, size_t n)
{
    size_t i;
    uint64_t arc = 0;
    int arc_start = 1;

    if (p == NULL || n == 0)
        return CMSFW_DER_BAD_VALUE;
    for (i = 0; i < n; i++) {
        /* an arc's first octet 0x80 would be a leading zero (X.690 8.19.2) */
        if (arc_start && p[i] == 0x80u)
            return CMSFW_DER_BAD_VALUE;
        if (arc > (UINT64_MAX >> 7))
            return CMSFW_DER_RANGE;
        arc = (arc << 7) | (uint64_t)(p[i] & 0x7Fu);
        arc_start = !(p[i] & 0x80u);
        if (arc_start)
            arc = 0;
    }
    return arc_start ? CMSFW_DER_OK : CMSFW_DER_BAD_VALUE;
}

/* see asn1/der.h */
int
cmsfw_der_oid_is(const cmsfw_der_tlv *t, const uint8_t *oid, size_t n)
{
    return t->cls == CMSFW_DER_UNIVERSAL && !t->constructed && t->tag == CMSFW_DER_TAG_OID &&
           t->len == n && n > 0 && memcmp(t->val, oid, n) == 0;
}

/* see asn1/der.h */
const char *
cmsfw_der_status_str(cmsfw_der_status s)
{
    switch (s) {
    case CMSFW_DER_OK: return "ok";
    case CMSFW_DER_TRUNCATED: return "truncated";
    case CMSFW_DER_BAD_TAG: return "malformed identifier octets";
    case CMSFW_DER_BAD_LENGTH: return "malformed or overflowing length";
    case CMSFW_DER_NOT_DER: return "BER form where DER is required";
    case CMSFW_DER_TOO_DEEP: return "nesting too deep";
    case CMSFW_DER_UNEXPECTED: return "unexpected tag";
    case CMSFW_DER_RANGE: return "value out of range";
    case CMSFW_DER_END: return "no more elements";
    case CMSFW_DER_BUFFER: return "output buffer too small";
    case CMSFW_DER_BAD_VALUE: return "malformed contents";
    }
    return "unknown der status";
}

/* ---------------------------------------------------------------- writer */

/* see asn1/der.h */
void
cmsfw_der_w_init(cmsfw_der_w *w, uint8_t *out, size_t cap)
{
    w->out = out;
    w->cap = (out != NULL) ? cap : 0;
    w->pos = 0;
    w->overflow = 0;
}

/* see asn1/der.h */
void
cmsfw_der_put_bytes(cmsfw_der_w *w, const uint8_t *p, size_t n)
{
    if (n > SIZE_MAX - w->pos) {
        /* the count itself would wrap: the size cannot be reported */
        w->overflow = 1;
        w->pos = SIZE_MAX;
        return;
    }
    if (w->out != NULL && n > 0) {
        if (w->overflow || n > w->cap - w->pos)
            w->overflow = 1;
        else
            memcpy(w->out + w->pos, p, n);
    }
    w->pos += n;
}

static size_t
length_octets(size_t len)
{
    size_t n = 0;

    while (len > 0) {
        n++;
        len >>= 8;
    }
    return n;
}

static size_t
tag_octets(uint32_t tag)
{
    size_t n = 1;

    if (tag < 0x1Fu)
        return 1;
    while (tag > 0) {
        n++;
        tag >>= 7;
    }
    return n;
}

/* see asn1/der.h */
size_t
cmsfw_der_header_size(size_t len)
{
    return 1 + (len < 0x80u ? 1 : 1 + length_octets(len));
}

/* see asn1/der.h */
size_t
cmsfw_der_tlv_size(uint32_t tag, size_t len)
{
    size_t h = tag_octets(tag) + (len < 0x80u ? 1 : 1 + length_octets(len));

    return (len > SIZE_MAX - h) ? SIZE_MAX : h + len;
}

/* see asn1/der.h */
void
cmsfw_der_put_header(cmsfw_der_w *w, uint8_t cls, int constructed, uint32_t tag, size_t len)
{
    uint8_t h[1 + 5 + 1 + sizeof(size_t)];
    size_t n = 0, k, m;
    const uint8_t id = (uint8_t)((cls & 0xC0u) | (constructed ? 0x20u : 0));

    if (tag < 0x1Fu) {
        h[n++] = (uint8_t)(id | tag);
    } else {
        h[n++] = (uint8_t)(id | 0x1Fu);
        m = tag_octets(tag) - 1;
        for (k = m; k > 0; k--)
            h[n++] = (uint8_t)(((tag >> (7 * (k - 1))) & 0x7Fu) | (k > 1 ? 0x80u : 0));
    }
    if (len < 0x80u) {
        h[n++] = (uint8_t)len;
    } else {
        m = length_octets(len);
        h[n++] = (uint8_t)(0x80u | m);
        for (k = m; k > 0; k--)
            h[n++] = (uint8_t)(len >> (8 * (k - 1)));
    }
    cmsfw_der_put_bytes(w, h, n);
}

/* Contents octets of an INTEGER holding the two's complement value x,
 * read as signed when is_signed; returns the count (1..9). */
static size_t
int_contents(uint64_t x, int is_signed, uint8_t out[9])
{
    uint8_t b[9];
    size_t i, n, skip = 0;

    b[0] = (is_signed && (x >> 63)) ? 0xFFu : 0x00u;
    for (i = 0; i < 8; i++)
        b[1 + i] = (uint8_t)(x >> (8 * (7 - i)));
    /* drop a leading octet while the next one carries the same sign */
    while (skip < 8 && ((b[skip] == 0x00u && !(b[skip + 1] & 0x80u)) ||
                        (b[skip] == 0xFFu && (b[skip + 1] & 0x80u))))
        skip++;
    n = 9 - skip;
    memcpy(out, b + skip, n);
    return n;
}

/* see asn1/der.h */
size_t
cmsfw_der_uint_size(uint64_t v)
{
    uint8_t c[9];

    return 2 + int_contents(v, 0, c);
}

/* see asn1/der.h */
size_t
cmsfw_der_int_size(int64_t v)
{
    uint8_t c[9];

    return 2 + int_contents((uint64_t)v, 1, c);
}

/* see asn1/der.h */
void
cmsfw_der_put_uint(cmsfw_der_w *w, uint64_t v)
{
    uint8_t c[9];
    size_t n = int_contents(v, 0, c);

    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, n);
    cmsfw_der_put_bytes(w, c, n);
}

/* see asn1/der.h */
void
cmsfw_der_put_int(cmsfw_der_w *w, uint8_t tag, int64_t v)
{
    uint8_t c[9];
    size_t n = int_contents((uint64_t)v, 1, c);

    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, tag, n);
    cmsfw_der_put_bytes(w, c, n);
}

/* see asn1/der.h */
void
cmsfw_der_put_octets(cmsfw_der_w *w, const uint8_t *p, size_t n)
{
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, n);
    cmsfw_der_put_bytes(w, p, n);
}

/* see asn1/der.h */
void
cmsfw_der_put_oid(cmsfw_der_w *w, const uint8_t *oid, size_t n)
{
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, n);
    cmsfw_der_put_bytes(w, oid, n);
}

/* see asn1/der.h */
cmsfw_der_status
cmsfw_der_w_status(const cmsfw_der_w *w)
{
    return w->overflow ? CMSFW_DER_BUFFER : CMSFW_DER_OK;
}
