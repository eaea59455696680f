/*
 * min_layer.c: step 21 of the minimal profile, the EncryptedData or
 * AuthEnvelopedData layer: read back from the stage, its key found, its
 * ciphertext decrypted in place. The same checks, in the same order and
 * with the same codes, as cms/unwrap_crypt.c and cms/unwrap_keys.c of the
 * full profile (whose comments give the reasons); only the memory differs.
 *
 * Memory: one struct min_layer and the rest of the scratch area of the
 * work buffer (cmsfw__min_scratch): that rest holds the authAttrs (the GCM
 * additional data) until the cipher starts, then serves as the chunk the
 * ciphertext is decrypted in. Nothing on the stack above 64 octets.
 *
 * The BER reader below reads headers at stage offsets (or in memory, for
 * the small values loaded whole), as cms/stage_reader.c does: a definite
 * length says where a value ends, an indefinite one is scanned with a
 * counter, a constructed string is walked with a bounded stack.
 */
#include <string.h>

#include "cms/min_oid.h"
#include "cms/min_priv.h"

/* Shared with min_unwrap.c (the one caller). Returns CMSFW_OK with the
 * plaintext at stage offsets [0, *pt_len) and *compressed set when its
 * content type is id-ct-compressedData; else the latched failure. */
cmsfw_err cmsfw__min_layer(cmsfw_min *m, int auth, uint64_t *pt_len, int *compressed);

/* Longest version, AlgorithmIdentifier or KEKRecipientInfo loaded whole
 * here, and what the full profile loads (CMSFW__UW_SMALL): a value whose
 * length falls between the two is a profile limit. */
#define ML_SMALL 192u
#define ML_FULL_SMALL 640u
/* Longest authAttrs the full profile holds (CMSFW__UW_AAD_MAX). */
#define ML_AAD_MAX 4096u
/* Longest BER header read (tag up to CMSFW_DER_MAX_TAG, 8 length octets). */
#define ML_HDR_MAX 16u
/* Longest content-encryption key and wrapped key (a 32-octet CEK, padded). */
#define ML_CEK_MAX 32u
#define ML_WRAPPED_MAX (ML_CEK_MAX + 16u)
/* Smallest chunk decryption runs in (a few AES blocks). */
#define ML_MIN_CHUNK 64u
/* Status of a read that failed in the stage callback. */
#define ML_IO 100
/* Optional fields' tags, and the SET OF identifier that replaces [1]
 * IMPLICIT in the GCM additional data (RFC 5083 section 2.2). */
#define TAG_ORIGINATOR_INFO 0u
#define TAG_UNPROTECTED 1u
#define TAG_UNAUTH 2u
#define TAG_KEKRI 2u
#define KEKRI_VERSION 4
#define SET_OF_IDENTIFIER 0x31u

enum { ML_CBC = 1, ML_GCM = 2 };

/* Where values are read: the stage, or memory when mem is set. */
typedef struct ml_src {
    const cmsfw_stage *stage;
    const uint8_t *mem;
    uint32_t limit;     /* offsets [0, limit) may be read */
    uint32_t *limits;   /* CMSFW_MIN_LIMIT_* met while reading */
} ml_src;

typedef struct ml_hdr {
    uint32_t off, val, len, bound; /* len: definite only */
    uint32_t tag;
    uint8_t cls, cons, indef;
} ml_hdr;

typedef struct ml_cur {
    uint32_t pos, bound;
    uint8_t indef, closed;
} ml_cur;

typedef struct ml_segs {
    uint32_t pos;
    uint32_t ends[CMSFW_MIN_MAX_DEPTH];
    uint32_t indef;      /* bit k: level k is indefinite */
    int depth;
    int primitive;       /* 1: one piece left; 2: given */
    uint32_t poff, plen;
} ml_segs;

typedef struct min_layer {
    cmsfw_bk_cipher_ctx cipher; /* first: the scratch is aligned for it */
    cmsfw_min *m;
    ml_src st;
    uint32_t limits;
    int auth;
    /* EncryptedContentInfo */
    uint8_t type_tlv[2 + 64];
    cmsfw_bytes type;
    uint8_t alg_tlv[ML_SMALL];
    cmsfw_alg_id alg;
    int has_ct;
    ml_hdr ct;
    uint32_t ct_len;
    int mode;
    size_t key_len;
    uint8_t iv[CMSFW_BK_GCM_NONCE_MAX];
    size_t iv_len, icv_len;
    ml_hdr recips;
    size_t mac_len;
    uint8_t mac[CMSFW_BK_GCM_TAG_MAX];
    uint8_t cek[ML_CEK_MAX];
    size_t cek_len;
    uint8_t unwrapped[ML_WRAPPED_MAX];
    uint8_t small[ML_SMALL];
    ml_segs segs;
    int has_aad;
    size_t aad_len;
    uint8_t *tail;       /* the rest of the scratch: authAttrs, then the chunk */
    size_t tail_len;
} min_layer;

static const uint8_t oid_fw[] = {MIN_OID_ID_CT_FIRMWAREPACKAGE};
static const uint8_t oid_compressed[] = {MIN_OID_ID_CT_COMPRESSEDDATA};
/* AES content-encryption and key-wrap OIDs: 2.16.840.1.101.3.4.1.n */
static const uint8_t oid_aes_prefix[8] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};

/* arc, mode, key length; then the key wraps: arc, KEK length, padded */
static const uint8_t ciphers[][3] = {
    {2, ML_CBC, 16}, {22, ML_CBC, 24}, {42, ML_CBC, 32},
    {6, ML_GCM, 16}, {26, ML_GCM, 24}, {46, ML_GCM, 32},
};
static const uint8_t wraps[][3] = {
    {5, 16, 0}, {25, 24, 0}, {45, 32, 0}, {8, 16, 1}, {28, 24, 1}, {48, 32, 1},
};

static void
wipe(void *p, size_t n)
{
    volatile uint8_t *v = (volatile uint8_t *)p;

    while (n-- > 0)
        *v++ = 0;
}

static int
bytes_eq(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len &&
           (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static int
bytes_is(cmsfw_bytes b, const uint8_t *oid, size_t n)
{
    return b.ptr != NULL && b.len == n && memcmp(b.ptr, oid, n) == 0;
}

/* The entry of tab (rows of 3, first the arc) for an AES OID, or NULL. */
static const uint8_t *
aes_arc(cmsfw_bytes oid, const uint8_t (*tab)[3], size_t n)
{
    size_t i;

    if (oid.ptr == NULL || oid.len != sizeof oid_aes_prefix + 1 ||
        memcmp(oid.ptr, oid_aes_prefix, sizeof oid_aes_prefix) != 0)
        return NULL;
    for (i = 0; i < n; i++)
        if (tab[i][0] == oid.ptr[sizeof oid_aes_prefix])
            return tab[i];
    return NULL;
}

static cmsfw_err
fail(min_layer *u, cmsfw_err code, const char *why)
{
    return cmsfw__min_fail(u->m, code, u->limits, why);
}

/* A reader failure while reading a part: E_IO, else code. */
static cmsfw_err
rd_fail(min_layer *u, int st, cmsfw_err code, const char *why)
{
    if (st == ML_IO)
        return fail(u, CMSFW_E_IO, "stage or sink I/O failed");
    return fail(u, code, why);
}

/* ------------------------------------------------------------- reader */

static int
src_read(const ml_src *s, uint32_t off, uint8_t *p, size_t n)
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

static int
is_tag(const ml_hdr *h, uint8_t cls, uint32_t tag, int cons)
{
    return h->cls == cls && h->tag == tag && h->cons == (cons != 0);
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
    st = src_read(s, off, b, avail);
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

static void
cur_region(ml_cur *c, uint32_t off, uint32_t end)
{
    c->pos = off;
    c->bound = end;
    c->indef = 0;
    c->closed = 0;
}

static void
cur_enter(const ml_hdr *h, ml_cur *in)
{
    in->pos = h->val;
    in->indef = h->indef;
    in->bound = h->indef ? h->bound : h->val + h->len;
    in->closed = 0;
}

/* The next element's header; CMSFW_DER_END at the end (an indefinite
 * cursor's end-of-contents consumed). */
static int
cur_next(const ml_src *s, ml_cur *c, ml_hdr *h)
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
static int
cur_skip(const ml_src *s, ml_cur *c, const ml_hdr *h, uint32_t *end)
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
static int
cur_leave(const ml_src *s, ml_cur *outer, ml_cur *inner)
{
    ml_hdr h;
    int st = cur_next(s, inner, &h);

    if (st == CMSFW_DER_OK)
        return CMSFW_DER_UNEXPECTED;
    if (st != CMSFW_DER_END)
        return st;
    outer->pos = inner->pos;
    return CMSFW_DER_OK;
}

/* The whole element h into buf and c past it. CMSFW_DER_BUFFER when it is
 * longer than cap; *n is its length then too. */
static int
cur_load(const ml_src *s, ml_cur *c, const ml_hdr *h, uint8_t *buf, size_t cap, size_t *n)
{
    ml_cur probe = *c;
    uint32_t end = 0;
    int st;

    *n = 0;
    st = cur_skip(s, &probe, h, &end);
    if (st != CMSFW_DER_OK)
        return st;
    *n = end - h->off;
    if (*n > cap)
        return CMSFW_DER_BUFFER;
    st = src_read(s, h->off, buf, *n);
    if (st != CMSFW_DER_OK)
        return st;
    *c = probe;
    return CMSFW_DER_OK;
}

static void
segs_init(ml_segs *g, const ml_hdr *h)
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
static int
segs_next(const ml_src *s, ml_segs *g, uint32_t *off, uint32_t *len)
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
static int
gather(min_layer *u, const cmsfw_der_tlv *t, uint8_t *out, size_t cap, cmsfw_bytes *v)
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
    segs_init(&u->segs, &h);
    while ((st = segs_next(&s, &u->segs, &off, &len)) == CMSFW_DER_OK) {
        if (len > cap - got || src_read(&s, off, out + got, len) != CMSFW_DER_OK)
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
static int
split_alg(const uint8_t *p, size_t n, int ber, cmsfw_alg_id *alg)
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

/* EncryptedContentInfo ::= SEQUENCE { contentType ContentType,
 *   contentEncryptionAlgorithm AlgorithmIdentifier,
 *   encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } */
static int
walk_eci(min_layer *u, const ml_hdr *h)
{
    ml_cur in, after;
    ml_hdr x;
    cmsfw_der_cur c;
    cmsfw_der_tlv oid;
    uint32_t off = 0, len = 0;
    size_t got = 0;
    int st;

    if (!is_tag(h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    cur_enter(h, &in);
    st = cur_next(&u->st, &in, &x);
    if (st == CMSFW_DER_OK)
        st = cur_load(&u->st, &in, &x, u->type_tlv, sizeof u->type_tlv, &got);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    cmsfw_der_init(&c, u->type_tlv, got, 1);
    st = (int)cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    u->type.ptr = oid.val;
    u->type.len = oid.len;
    st = cur_next(&u->st, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (!is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    st = cur_load(&u->st, &in, &x, u->alg_tlv, sizeof u->alg_tlv, &got);
    if (st == CMSFW_DER_BUFFER) {
        if (got <= ML_FULL_SMALL)
            u->limits |= CMSFW_MIN_LIMIT_WORK;
        st = cur_skip(&u->st, &in, &x, NULL); /* left for the algorithm check */
    } else if (st == CMSFW_DER_OK) {
        st = split_alg(u->alg_tlv, got, 1, &u->alg);
    }
    if (st != CMSFW_DER_OK)
        return st;
    st = cur_next(&u->st, &in, &x);
    if (st == CMSFW_DER_END)
        return CMSFW_DER_OK;
    if (st != CMSFW_DER_OK)
        return st;
    if (x.cls != CMSFW_DER_CONTEXT || x.tag != 0)
        return CMSFW_DER_UNEXPECTED;
    segs_init(&u->segs, &x);
    while ((st = segs_next(&u->st, &u->segs, &off, &len)) == CMSFW_DER_OK)
        u->ct_len += len; /* cannot wrap: every piece lies in the stage */
    if (st != CMSFW_DER_END)
        return st;
    u->has_ct = 1;
    u->ct = x;
    in.pos = u->segs.pos;
    return cur_leave(&u->st, &after, &in);
}

/* mac OCTET STRING into u->mac; mac_len past 16 means too long. */
static int
walk_mac(min_layer *u, ml_cur *c, const ml_hdr *h)
{
    uint32_t off = 0, len = 0, total = 0;
    int st;

    if (h->cls != CMSFW_DER_UNIVERSAL || h->tag != CMSFW_DER_TAG_OCTET_STRING)
        return CMSFW_DER_UNEXPECTED;
    segs_init(&u->segs, h);
    while ((st = segs_next(&u->st, &u->segs, &off, &len)) == CMSFW_DER_OK) {
        if (total <= sizeof u->mac && len <= sizeof u->mac - total) {
            st = src_read(&u->st, off, u->mac + total, len);
            if (st != CMSFW_DER_OK)
                return st;
        }
        total += len;
    }
    if (st != CMSFW_DER_END)
        return st;
    u->mac_len = total > sizeof u->mac ? sizeof u->mac + 1 : total;
    c->pos = u->segs.pos;
    return CMSFW_DER_OK;
}

/* authAttrs [1] IMPLICIT: DER, held whole (the GCM additional data). */
static cmsfw_err
walk_auth_attrs(min_layer *u, ml_cur *c, const ml_hdr *h)
{
    cmsfw_der_cur mc;
    cmsfw_der_tlv t;
    size_t n = 0, cap = u->tail_len < ML_AAD_MAX ? u->tail_len : ML_AAD_MAX;
    int st;

    st = cur_load(&u->st, c, h, u->tail, cap, &n);
    if (st == CMSFW_DER_BUFFER) {
        if (n <= ML_AAD_MAX)
            u->limits |= CMSFW_MIN_LIMIT_WORK;
        return fail(u, CMSFW_INSUFFICIENT_MEMORY, "work buffer too small");
    }
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    cmsfw_der_init(&mc, u->tail, n, 0);
    st = (int)cmsfw_der_read(&mc, &t);
    if (st == CMSFW_DER_OK)
        st = (int)cmsfw_der_walk(&t, 0);
    if (st != CMSFW_DER_OK)
        return fail(u, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    u->tail[0] = SET_OF_IDENTIFIER;
    u->aad_len = n;
    u->has_aad = 1;
    return CMSFW_OK;
}

static cmsfw_err
walk_version(min_layer *u, ml_cur *in)
{
    ml_hdr x;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    int64_t v = -1;
    size_t n = 0;
    int st;

    st = cur_next(&u->st, in, &x);
    if (st == CMSFW_DER_OK)
        st = cur_load(&u->st, in, &x, u->small, sizeof u->small, &n);
    if (st == CMSFW_DER_BUFFER && n <= ML_FULL_SMALL)
        u->limits |= CMSFW_MIN_LIMIT_WORK;
    if (st == CMSFW_DER_OK) {
        cmsfw_der_init(&c, u->small, n, 1);
        st = (int)cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t);
    }
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    if (cmsfw_der_get_int(&t, &v) != CMSFW_DER_OK || v != 0)
        return fail(u, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    return CMSFW_OK;
}

/* originatorInfo [0] OPTIONAL, then recipientInfos SET (kept for the key). */
static cmsfw_err
walk_recipients(min_layer *u, ml_cur *in)
{
    ml_cur set;
    ml_hdr x, ri;
    int st;

    st = cur_next(&u->st, in, &x);
    if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_ORIGINATOR_INFO, 1)) {
        st = cur_skip(&u->st, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cur_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK && !is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SET, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st == CMSFW_DER_OK) {
        u->recips = x;
        cur_enter(&x, &set);
        while ((st = cur_next(&u->st, &set, &ri)) == CMSFW_DER_OK &&
               (st = cur_skip(&u->st, &set, &ri, NULL)) == CMSFW_DER_OK)
            ;
        if (st == CMSFW_DER_END)
            st = cur_leave(&u->st, in, &set);
    }
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    return CMSFW_OK;
}

/* EncryptedData: unprotectedAttrs [1] OPTIONAL. AuthEnvelopedData:
 * authAttrs [1] OPTIONAL, mac, unauthAttrs [2] OPTIONAL. */
static cmsfw_err
walk_tail(min_layer *u, ml_cur *in, int *unprotected)
{
    ml_hdr x;
    int st;
    cmsfw_err err;

    st = cur_next(&u->st, in, &x);
    if (u->auth) {
        if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_UNPROTECTED, 1)) {
            err = walk_auth_attrs(u, in, &x);
            if (err != CMSFW_OK)
                return err;
            st = cur_next(&u->st, in, &x);
        }
        if (st == CMSFW_DER_OK)
            st = walk_mac(u, in, &x);
        if (st != CMSFW_DER_OK)
            return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
        st = cur_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK &&
        is_tag(&x, CMSFW_DER_CONTEXT, u->auth ? TAG_UNAUTH : TAG_UNPROTECTED, 1)) {
        *unprotected = 1;
        st = cur_skip(&u->st, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cur_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK)
        return fail(u, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    if (st != CMSFW_DER_END)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    return CMSFW_OK;
}

/* Pass one over the layer; *eci_st is the EncryptedContentInfo's own
 * status, reported after the checks that come before it. */
static cmsfw_err
walk_layer(min_layer *u, int *eci_st, int *unprotected)
{
    ml_cur top, in, probe;
    ml_hdr h, x;
    int st;
    cmsfw_err err;

    cur_region(&top, 0, u->st.limit);
    st = cur_next(&u->st, &top, &h);
    if (st == CMSFW_DER_OK && !is_tag(&h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    cur_enter(&h, &in);
    err = walk_version(u, &in);
    if (err == CMSFW_OK && u->auth)
        err = walk_recipients(u, &in);
    if (err != CMSFW_OK)
        return err;
    st = cur_next(&u->st, &in, &x);
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    probe = in;
    st = cur_skip(&u->st, &probe, &x, NULL);
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPT_CONTENT, "bad EncryptedContentInfo");
    *eci_st = walk_eci(u, &x);
    if (*eci_st == ML_IO)
        return fail(u, CMSFW_E_IO, "stage or sink I/O failed");
    in = probe;
    err = walk_tail(u, &in, unprotected);
    if (err != CMSFW_OK)
        return err;
    st = cur_leave(&u->st, &top, &in);
    if (st == CMSFW_DER_OK)
        st = cur_leave(&u->st, &top, &top); /* nothing after the value */
    if (st != CMSFW_DER_OK)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    return CMSFW_OK;
}

/* ---------------------------------------------------------- algorithm */

/* AES-IV ::= OCTET STRING (SIZE(16)) */
static int
cbc_params(min_layer *u)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_bytes iv;

    if (u->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&c, u->alg.params.ptr, u->alg.params.len, 1);
    return cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) ==
               CMSFW_DER_OK &&
           gather(u, &t, u->iv, CMSFW_BK_AES_BLOCK, &iv) && (u->iv_len = iv.len) ==
           CMSFW_BK_AES_BLOCK;
}

/* GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING,
 *   aes-ICVlen INTEGER (12 | 13 | 14 | 15 | 16) DEFAULT 12 } */
static int
gcm_params(min_layer *u)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;
    cmsfw_bytes iv;
    int64_t icv = 12;

    if (u->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&c, u->alg.params.ptr, u->alg.params.len, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
        CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !gather(u, &t, u->iv, sizeof u->iv, &iv) || iv.len < CMSFW_BK_GCM_NONCE_MIN)
        return 0;
    u->iv_len = iv.len;
    if (!cmsfw_der_at_end(&in) &&
        (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) !=
             CMSFW_DER_OK ||
         cmsfw_der_get_int(&t, &icv) != CMSFW_DER_OK || !cmsfw_der_at_end(&in)))
        return 0;
    if (icv < CMSFW_BK_GCM_TAG_MIN || icv > CMSFW_BK_GCM_TAG_MAX)
        return 0;
    u->icv_len = (size_t)icv;
    return 1;
}

/* AES-CBC in EncryptedData, AES-GCM in AuthEnvelopedData; AES-128-CBC
 * is LEGACY. */
static cmsfw_err
check_alg(min_layer *u)
{
    const uint8_t *def = aes_arc(u->alg.oid, ciphers, sizeof ciphers / sizeof ciphers[0]);
    int ok;

    if (def == NULL)
        return fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
    if ((def[1] == ML_GCM) != (u->auth != 0))
        return fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
    if (def[1] == ML_CBC && def[2] == 16 && (u->m->dev->policy & CMSFW_POLICY_NO_LEGACY) != 0)
        return fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
    if (!cmsfw_bk_has(def[1] == ML_GCM ? CMSFW_BK_CAP_AES_GCM : CMSFW_BK_CAP_AES_CBC))
        return fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
    u->mode = def[1];
    u->key_len = def[2];
    ok = (def[1] == ML_GCM) ? gcm_params(u) : cbc_params(u);
    if (!ok)
        return fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
    return CMSFW_OK;
}

/* Checks 18 to 21 on what pass one found. */
static cmsfw_err
check_fields(min_layer *u, int eci_st, int unprotected)
{
    cmsfw_err err;

    if (unprotected)
        return fail(u, CMSFW_UNPROTECTED_ATTRS_PRESENT, "unprotected attributes present");
    if (eci_st != CMSFW_DER_OK)
        return rd_fail(u, eci_st, CMSFW_BAD_ENCRYPT_CONTENT, "bad EncryptedContentInfo");
    if (!bytes_is(u->type, oid_fw, sizeof oid_fw) &&
        !bytes_is(u->type, oid_compressed, sizeof oid_compressed))
        return fail(u, CMSFW_BAD_ENCRYPT_CONTENT, "bad EncryptedContentInfo");
    err = check_alg(u);
    if (err != CMSFW_OK)
        return err;
    if (!u->has_ct)
        return fail(u, CMSFW_MISSING_CIPHERTEXT, "no encryptedContent");
    return CMSFW_OK;
}

/* --------------------------------------------------------------- keys */

/* A KEKRecipientInfo, strings gathered in place. */
typedef struct kekri_view {
    int64_t version;
    cmsfw_bytes key_id;
    cmsfw_alg_id alg;
    cmsfw_bytes enc_key;
} kekri_view;

static void
use_key(min_layer *u, const uint8_t *key, size_t len, const cmsfw_kek *named)
{
    memcpy(u->cek, key, len);
    u->cek_len = len;
    u->m->res.decrypt_key_id = named->id;
}

/* One KEKRecipientInfo: 1 with the CEK in u->cek. */
static int
try_kekri(min_layer *u, const kekri_view *k, int *misfit)
{
    const cmsfw_device *dev = u->m->dev;
    const uint8_t *wd = NULL;
    uint8_t *cek = u->unwrapped;
    size_t i, n = 0;
    cmsfw_bk_status bs;
    int found = 0;

    if (k->alg.params.ptr == NULL)
        wd = aes_arc(k->alg.oid, wraps, sizeof wraps / sizeof wraps[0]);
    if (k->version != KEKRI_VERSION || wd == NULL || k->enc_key.ptr == NULL ||
        k->enc_key.len > ML_WRAPPED_MAX || !cmsfw_bk_has(CMSFW_BK_CAP_AES_KW))
        return 0;
    for (i = 0; i < dev->n_keks && !found; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_KEK || !bytes_eq(dev->keks[i].id, k->key_id))
            continue;
        if (dev->keks[i].key.len != wd[1]) {
            *misfit = 1;
            continue;
        }
        if (wd[2])
            bs = cmsfw_bk_aes_kwp_unwrap(dev->keks[i].key, k->enc_key, cek, ML_WRAPPED_MAX, &n);
        else
            bs = cmsfw_bk_aes_kw_unwrap(dev->keks[i].key, k->enc_key, cek, ML_WRAPPED_MAX, &n);
        if (bs != CMSFW_BK_OK)
            continue;
        if (n == u->key_len) {
            use_key(u, cek, n, &dev->keks[i]);
            found = 1;
        } else {
            *misfit = 1;
        }
    }
    wipe(cek, ML_WRAPPED_MAX);
    return found;
}

/* A stored CEK named by the decrypt-key-identifier. */
static int
try_direct(min_layer *u, int *misfit)
{
    const cmsfw_device *dev = u->m->dev;
    const cmsfw_bytes want = u->m->s.decrypt_key_id;
    size_t i;

    if (want.ptr == NULL)
        return 0;
    for (i = 0; i < dev->n_keks; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_CEK || !bytes_eq(dev->keks[i].id, want))
            continue;
        if (dev->keks[i].key.len == u->key_len && dev->keks[i].key.ptr != NULL) {
            use_key(u, dev->keks[i].key.ptr, u->key_len, &dev->keks[i]);
            return 1;
        }
        *misfit = 1;
    }
    return 0;
}

static cmsfw_err
no_key(min_layer *u, int misfit)
{
    if (misfit)
        return fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    return fail(u, CMSFW_NO_DECRYPT_KEY, "no decryption key");
}

/* KEKRecipientInfo ::= SEQUENCE { version CMSVersion, -- [2] IMPLICIT
 *   kekid SEQUENCE { keyIdentifier OCTET STRING, ... },
 *   keyEncryptionAlgorithm AlgorithmIdentifier, encryptedKey OCTET STRING }
 * at p. BER when mut is set: mut is p, writable, and constructed strings
 * are gathered in place; DER otherwise (strings are then views). */
static int
parse_kekri(min_layer *u, const uint8_t *p, uint8_t *mut, size_t n, kekri_view *k)
{
    const int ber = mut != NULL;
    cmsfw_der_cur c, in, sub;
    cmsfw_der_tlv ri, t, seq;

    memset(k, 0, sizeof *k);
    cmsfw_der_init(&c, p, n, ber);
    if (cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, TAG_KEKRI, &ri) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &ri, ber);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &k->version) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
            CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&sub, &seq, ber);
    if (cmsfw_der_expect(&sub, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !gather(u, &t, ber ? mut + (t.val - p) : NULL, SIZE_MAX, &k->key_id))
        return 0;
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
            CMSFW_DER_OK ||
        split_alg(seq.tlv, seq.tlv_len, ber, &k->alg) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !gather(u, &t, ber ? mut + (t.val - p) : NULL, ML_WRAPPED_MAX, &k->enc_key))
        return 0;
    return cmsfw_der_at_end(&in);
}

/* Same OID, and the same parameters TLV (or both absent). */
static int
alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    if (!bytes_eq(a->oid, b->oid))
        return 0;
    if (a->params.ptr == NULL || b->params.ptr == NULL)
        return a->params.ptr == NULL && b->params.ptr == NULL;
    return bytes_eq(a->params, b->params);
}

/* WrappedFirmwareKey ::= EnvelopedData ::= SEQUENCE { version CMSVersion,
 *   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
 *   recipientInfos SET OF RecipientInfo,
 *   encryptedContentInfo SEQUENCE { contentType, contentEncryptionAlgorithm,
 *     encryptedContent [0] OPTIONAL },
 *   unprotectedAttrs [1] IMPLICIT OPTIONAL }
 * DER (step 8 checked it decodes): the parts the key step compares. */
static int
wrapped_parts(cmsfw_bytes wk, cmsfw_der_tlv *set, cmsfw_bytes *type, cmsfw_alg_id *alg)
{
    cmsfw_der_cur c, in, e;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, wk.ptr, wk.len, 0);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK)
        return 0;
    (void)cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, -1, TAG_ORIGINATOR_INFO, &t); /* OPTIONAL */
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, set) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&e, &t, 0);
    if (cmsfw_der_expect(&e, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &t) != CMSFW_DER_OK)
        return 0;
    type->ptr = t.val;
    type->len = t.len;
    return cmsfw_der_expect(&e, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) ==
               CMSFW_DER_OK &&
           split_alg(t.tlv, t.tlv_len, 0, alg) == CMSFW_DER_OK;
}

/* EncryptedData: the decrypt-key-identifier naming a stored CEK, else the
 * wrapped-firmware-key attribute, which must match the layer. */
static cmsfw_err
key_encrypted(min_layer *u)
{
    const cmsfw_bytes wk = u->m->s.wrapped_key;
    cmsfw_der_tlv set, ri;
    cmsfw_der_cur c;
    cmsfw_bytes type = {NULL, 0};
    cmsfw_alg_id alg;
    kekri_view k;
    int misfit = 0;

    if (try_direct(u, &misfit))
        return CMSFW_OK;
    if (wk.ptr == NULL)
        return no_key(u, misfit);
    memset(&alg, 0, sizeof alg);
    if (!wrapped_parts(wk, &set, &type, &alg))
        return fail(u, CMSFW_BAD_UNSIGNED_ATTRS, "bad wrapped-firmware-key");
    if (!bytes_eq(type, u->type) || !alg_equal(&alg, &u->alg))
        return fail(u, CMSFW_BAD_UNSIGNED_ATTRS,
                    "bad wrapped-firmware-key");
    cmsfw_der_enter(&c, &set, 0);
    while (cmsfw_der_read(&c, &ri) == CMSFW_DER_OK)
        if (parse_kekri(u, ri.tlv, NULL, ri.tlv_len, &k) && try_kekri(u, &k, &misfit))
            return CMSFW_OK;
    return no_key(u, misfit);
}

/* AuthEnvelopedData: a KEKRecipientInfo of its recipientInfos, else the
 * decrypt-key-identifier naming a stored CEK. */
static cmsfw_err
key_enveloped(min_layer *u)
{
    kekri_view k;
    ml_cur in;
    ml_hdr x;
    size_t n = 0;
    int misfit = 0, found = 0, st = CMSFW_DER_END;

    cur_enter(&u->recips, &in);
    while (!found && (st = cur_next(&u->st, &in, &x)) == CMSFW_DER_OK) {
        if (x.cls != CMSFW_DER_CONTEXT || x.tag != TAG_KEKRI || !x.cons) {
            st = cur_skip(&u->st, &in, &x, NULL);
        } else {
            st = cur_load(&u->st, &in, &x, u->small, sizeof u->small, &n);
            if (st == CMSFW_DER_BUFFER) {
                if (n <= ML_FULL_SMALL)
                    u->limits |= CMSFW_MIN_LIMIT_WORK;
                st = cur_skip(&u->st, &in, &x, NULL);
            } else if (st == CMSFW_DER_OK && parse_kekri(u, u->small, u->small, n, &k)) {
                found = try_kekri(u, &k, &misfit);
            }
        }
        if (st != CMSFW_DER_OK)
            return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    }
    wipe(u->small, sizeof u->small);
    if (found)
        return CMSFW_OK;
    if (st != CMSFW_DER_END)
        return rd_fail(u, st, CMSFW_BAD_ENCRYPTED_DATA, "malformed encryption layer");
    if (try_direct(u, &misfit))
        return CMSFW_OK;
    return no_key(u, misfit);
}

/* --------------------------------------------------------- decryption */

/* 1 when the last block ends in a valid padding (RFC 5652 section 6.3),
 * *pad its length; every octet is looked at whatever the others hold. */
static int
cbc_unpad(const uint8_t last[CMSFW_BK_AES_BLOCK], size_t *pad)
{
    const uint32_t k = last[CMSFW_BK_AES_BLOCK - 1];
    uint32_t bad, from_end, mask;
    unsigned i;

    bad = ((k - 1u) >> 31) | ((16u - k) >> 31);
    for (i = 0; i < CMSFW_BK_AES_BLOCK; i++) {
        from_end = CMSFW_BK_AES_BLOCK - i;
        mask = ((k - from_end) >> 31) - 1u;
        bad |= mask & (last[i] ^ k);
    }
    *pad = (size_t)k;
    return bad == 0;
}

static cmsfw_err
start_cipher(min_layer *u)
{
    const cmsfw_bytes key = {u->cek, u->cek_len};
    const cmsfw_bytes nonce = {u->iv, u->iv_len};
    cmsfw_bytes aad = {NULL, 0};
    cmsfw_bk_status bs;

    if (u->has_aad) {
        aad.ptr = u->tail;
        aad.len = u->aad_len;
    }
    if (u->mode == ML_CBC)
        bs = cmsfw_bk_cbc_init(&u->cipher, key, u->iv, 0);
    else
        bs = cmsfw_bk_gcm_init(&u->cipher, key, nonce, aad, 0);
    wipe(u->cek, sizeof u->cek);
    if (bs == CMSFW_BK_KEY_SIZE || bs == CMSFW_BK_BAD_INPUT)
        return fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    if (bs != CMSFW_BK_OK)
        return fail(u, CMSFW_E_BACKEND, "crypto backend failed");
    return CMSFW_OK;
}

/* Decrypt n octets of the chunk in place and write them at offset w
 * (below every octet still to read: see cms/unwrap_crypt.c). */
static cmsfw_err
crypt_chunk(min_layer *u, size_t n, uint32_t w, uint8_t last[CMSFW_BK_AES_BLOCK])
{
    cmsfw_bk_status bs;

    if (n == 0)
        return CMSFW_OK;
    if (u->mode == ML_CBC)
        bs = cmsfw_bk_cbc_update(&u->cipher, u->tail, u->tail, n);
    else
        bs = cmsfw_bk_gcm_update(&u->cipher, u->tail, u->tail, n);
    if (bs != CMSFW_BK_OK)
        return fail(u, CMSFW_E_BACKEND, "crypto backend failed");
    if (n >= CMSFW_BK_AES_BLOCK)
        memcpy(last, u->tail + n - CMSFW_BK_AES_BLOCK, CMSFW_BK_AES_BLOCK);
    if (u->m->stage->write(u->m->stage->io, w, u->tail, n) != 0)
        return fail(u, CMSFW_E_IO, "stage or sink I/O failed");
    return CMSFW_OK;
}

/* The ciphertext pieces, decrypted into the stage from offset 0; nothing
 * leaves the stage before the padding or the tag is checked. */
static cmsfw_err
decrypt_in_place(min_layer *u, uint64_t *pt_len)
{
    const size_t chunk = u->tail_len - u->tail_len % CMSFW_BK_AES_BLOCK;
    uint8_t last[CMSFW_BK_AES_BLOCK];
    uint32_t off = 0, n = 0, w = 0;
    size_t fill = 0, take, pad = 0;
    int ok, st = CMSFW_DER_END;
    cmsfw_err err;

    memset(last, 0, sizeof last);
    if (u->mode == ML_CBC && (u->ct_len == 0 || u->ct_len % CMSFW_BK_AES_BLOCK != 0))
        return fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    err = start_cipher(u);
    segs_init(&u->segs, &u->ct);
    while (err == CMSFW_OK && (st = segs_next(&u->st, &u->segs, &off, &n)) == CMSFW_DER_OK) {
        while (err == CMSFW_OK && n > 0) {
            take = (n > chunk - fill) ? chunk - fill : n;
            st = src_read(&u->st, off, u->tail + fill, take);
            if (st != CMSFW_DER_OK)
                return rd_fail(u, st, CMSFW_E_IO, "stage or sink I/O failed");
            off += (uint32_t)take;
            n -= (uint32_t)take;
            fill += take;
            if (fill == chunk) {
                err = crypt_chunk(u, fill, w, last);
                w += (uint32_t)fill;
                fill = 0;
            }
        }
    }
    if (err != CMSFW_OK)
        return err;
    if (st != CMSFW_DER_END)
        return rd_fail(u, st, CMSFW_E_IO, "stage or sink I/O failed");
    err = crypt_chunk(u, fill, w, last);
    if (err != CMSFW_OK)
        return err;
    w += (uint32_t)fill;
    if (u->mode == ML_GCM) {
        if (cmsfw_bk_gcm_decrypt_final(&u->cipher, u->mac, u->icv_len) != CMSFW_BK_OK)
            return fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
        *pt_len = w;
        return CMSFW_OK;
    }
    if (cmsfw_bk_cbc_finish(&u->cipher) != CMSFW_BK_OK)
        return fail(u, CMSFW_E_BACKEND, "crypto backend failed");
    ok = cbc_unpad(last, &pad);
    wipe(last, sizeof last);
    if (!ok)
        return fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    *pt_len = w - pad;
    return CMSFW_OK;
}

/* ---------------------------------------------------------- the layer */

/* see the declaration above */
cmsfw_err
cmsfw__min_layer(cmsfw_min *m, int auth, uint64_t *pt_len, int *compressed)
{
    min_layer *u;
    size_t len = 0;
    int eci_st = CMSFW_DER_OK, unprotected = 0;
    cmsfw_err err;

    *pt_len = 0;
    *compressed = 0;
    m->res.layers |= auth ? CMSFW_LAYER_AUTH_ENVELOPED : CMSFW_LAYER_ENCRYPTED;
    if (m->f.econtent_len > UINT32_MAX)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_SIZE,
                               "work buffer too small");
    u = (min_layer *)cmsfw__min_scratch(m, 16, &len);
    if (u == NULL || len < sizeof *u + ML_MIN_CHUNK)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                               "work buffer too small");
    memset(u, 0, sizeof *u);
    u->m = m;
    u->auth = auth;
    u->st.stage = m->stage;
    u->st.limit = (uint32_t)m->f.econtent_len;
    u->st.limits = &u->limits;
    u->tail = (uint8_t *)(u + 1);
    u->tail_len = len - sizeof *u;
    err = walk_layer(u, &eci_st, &unprotected);
    if (err == CMSFW_OK)
        err = check_fields(u, eci_st, unprotected);
    if (err == CMSFW_OK)
        err = auth ? key_enveloped(u) : key_encrypted(u);
    if (err == CMSFW_OK && auth && u->mac_len != u->icv_len)
        err = fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    if (err == CMSFW_OK)
        err = decrypt_in_place(u, pt_len);
    cmsfw_bk_cipher_abort(&u->cipher);
    if (err == CMSFW_OK)
        *compressed = bytes_is(u->type, oid_compressed, sizeof oid_compressed);
    wipe(u, len);
    return err;
}
