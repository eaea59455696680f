/*
 * backends/lms.c: HSS/LMS verification (RFC 8554 sections 4 to 6) over the
 * backend's SHA-256, for every backend: the parameter sets, parsing, the
 * hash steps both the verifier and the signer take (backends/lms_priv.h),
 * and the verification of an LMS signature held in memory.
 *
 * Layout of what is read (RFC 8554 notation, all integers big-endian):
 *   HSS public key  u32 L || LMS public key
 *   LMS public key  u32 lms type || u32 lmots type || I[16] || T[1][m]
 *   HSS signature   u32 Nspk || (LMS signature || LMS public key) * Nspk
 *                   || LMS signature
 *   LMS signature   u32 q || LM-OTS signature || u32 lms type || path[h][m]
 *   LM-OTS sig.     u32 lmots type || C[n] || y[p][n]
 * Every length follows from the type codes, so the signature is taken
 * field by field as it arrives (backends/lms_stream.c); the one-shot
 * cmsfw_bk_hss_verify() below gives it that verifier in one piece.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"
#include "backends/lms_priv.h"

#define LMS_I_LEN CMSFW__LMS_I_LEN
#define LMS_MAX_N CMSFW__LMS_MAX_N

/* Type code ranges (RFC 8554 table 1 and 2; RFC 9858 for the others). */
#define LMS_SHA256_FIRST 5u   /* M32 H5..H25 = 5..9, M24 H5..H25 = 10..14 */
#define LMS_SHA256_LAST 14u
#define LMS_SHAKE_LAST 24u    /* M32 15..19, M24 20..24 */
#define LMOTS_SHA256_FIRST 1u /* N32 W1..W8 = 1..4, N24 W1..W8 = 5..8 */
#define LMOTS_SHA256_LAST 8u
#define LMOTS_SHAKE_LAST 16u  /* N32 9..12, N24 13..16 */

typedef cmsfw_bk_lms_key lms_key;
typedef cmsfw__lms_sig lms_sig;

typedef struct reader {
    const uint8_t *p;
    size_t left;
} reader;

/* The next @n octets, or NULL when fewer are left. */
static const uint8_t *
take(reader *r, size_t n)
{
    const uint8_t *p = r->p;

    if (n > r->left)
        return NULL;
    r->p += n;
    r->left -= n;
    return p;
}

static int
take_u32(reader *r, uint32_t *v)
{
    const uint8_t *p = take(r, 4);

    if (p == NULL)
        return 0;
    *v = cmsfw__lms_get_u32(p);
    return 1;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_key_types(lms_key *k, cmsfw_bk_status bad)
{
    /* chains and checksum shift by w = 1, 2, 4, 8 (RFC 8554 table 1,
     * RFC 9858 for n = 24) */
    static const uint16_t p32[4] = {265, 133, 67, 34};
    static const uint16_t p24[4] = {200, 101, 51, 26};
    static const uint8_t ls32[4] = {7, 6, 4, 0};
    static const uint8_t ls24[4] = {8, 6, 4, 0};
    uint32_t t = k->lms_type, o = k->ots_type, i;
    int lms_shake, ots_shake;

    if (t < LMS_SHA256_FIRST || t > LMS_SHAKE_LAST)
        return bad;
    i = t - LMS_SHA256_FIRST; /* 0..19: hash family, width, height */
    k->m = (i / 5) % 2 == 0 ? 32 : 24;
    k->h = 5 * (i % 5 + 1);
    lms_shake = t > LMS_SHA256_LAST;
    if (o < LMOTS_SHA256_FIRST || o > LMOTS_SHAKE_LAST)
        return bad;
    i = o - LMOTS_SHA256_FIRST; /* 0..15 */
    k->n = (i / 4) % 2 == 0 ? 32 : 24;
    k->w = 1u << (i % 4);
    k->p = k->n == 32 ? p32[i % 4] : p24[i % 4];
    k->ls = k->n == 32 ? ls32[i % 4] : ls24[i % 4];
    ots_shake = o > LMOTS_SHA256_LAST;
    if (lms_shake || ots_shake)
        return CMSFW_BK_UNSUPPORTED;
    /* one hash function and one width per level (RFC 8554 5.1) */
    return k->n == k->m ? CMSFW_BK_OK : bad;
}

/* An LMS public key at @r; @bad for a malformed one. */
static cmsfw_bk_status
take_key(reader *r, lms_key *k, cmsfw_bk_status bad)
{
    cmsfw_bk_status st;

    if (!take_u32(r, &k->lms_type) || !take_u32(r, &k->ots_type))
        return bad;
    st = cmsfw__lms_key_types(k, bad);
    if (st != CMSFW_BK_OK)
        return st;
    k->id = take(r, LMS_I_LEN);
    k->root = take(r, k->m);
    return k->id != NULL && k->root != NULL ? CMSFW_BK_OK : bad;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_read_public(cmsfw_bytes pub, uint32_t *levels, lms_key *k)
{
    reader r;
    cmsfw_bk_status st;

    memset(k, 0, sizeof *k);
    if (pub.ptr == NULL)
        return CMSFW_BK_BAD_KEY;
    r.p = pub.ptr;
    r.left = pub.len;
    if (!take_u32(&r, levels) || *levels < 1 || *levels > CMSFW_BK_HSS_MAX_LEVELS)
        return CMSFW_BK_BAD_KEY;
    st = take_key(&r, k, CMSFW_BK_BAD_KEY);
    if (st == CMSFW_BK_OK && r.left != 0)
        st = CMSFW_BK_BAD_KEY;
    return st;
}

/* see backends/lms_priv.h */
int
cmsfw__lms_read_sig(const uint8_t *p, size_t n, const lms_key *k, lms_sig *s)
{
    reader r;
    uint32_t ots_type, lms_type;

    r.p = p;
    r.left = n;
    /* p * n <= 265 * 32 and h * m <= 25 * 32: no overflow */
    if (!take_u32(&r, &s->q) || !take_u32(&r, &ots_type) || ots_type != k->ots_type)
        return 0;
    s->c = take(&r, k->n);
    s->y = take(&r, (size_t)k->p * k->n);
    if (s->c == NULL || s->y == NULL || !take_u32(&r, &lms_type) || lms_type != k->lms_type)
        return 0;
    s->path = take(&r, (size_t)k->h * k->m);
    /* RFC 8554 algorithm 6a step 2i: q < 2^h */
    return s->path != NULL && s->q < (1u << k->h);
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_hash3(const uint8_t *a, size_t al, const uint8_t *b, size_t bl, const uint8_t *c,
                 size_t cl, uint8_t out[LMS_MAX_N])
{
    cmsfw_bk_hash_ctx ctx;
    size_t len = 0;
    cmsfw_bk_status st = cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA256);

    if (st == CMSFW_BK_OK && al > 0)
        st = cmsfw_bk_hash_update(&ctx, a, al);
    if (st == CMSFW_BK_OK && bl > 0)
        st = cmsfw_bk_hash_update(&ctx, b, bl);
    if (st == CMSFW_BK_OK && cl > 0)
        st = cmsfw_bk_hash_update(&ctx, c, cl);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(&ctx, out, LMS_MAX_N, &len);
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(&ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_hash_tagged(const uint8_t *id, uint32_t r, unsigned d, const uint8_t *a, size_t al,
                       const uint8_t *b, size_t bl, uint8_t out[LMS_MAX_N])
{
    uint8_t pre[LMS_I_LEN + 6]; /* I || u32str(r) || u16str(d) */

    memcpy(pre, id, LMS_I_LEN);
    cmsfw__lms_put_u32(pre + LMS_I_LEN, r);
    cmsfw__lms_put_u16(pre + LMS_I_LEN + 4, d);
    return cmsfw__lms_hash3(pre, sizeof pre, a, al, b, bl, out);
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_chain(const uint8_t *id, uint32_t q, unsigned i, unsigned from, unsigned to,
                 uint8_t *x, size_t n)
{
    uint8_t pre[LMS_I_LEN + 7]; /* I || u32str(q) || u16str(i) || u8str(j) */
    unsigned j;
    cmsfw_bk_status st = CMSFW_BK_OK;

    memcpy(pre, id, LMS_I_LEN);
    cmsfw__lms_put_u32(pre + LMS_I_LEN, q);
    cmsfw__lms_put_u16(pre + LMS_I_LEN + 4, i);
    for (j = from; j < to && st == CMSFW_BK_OK; j++) {
        pre[LMS_I_LEN + 6] = (uint8_t)j;
        st = cmsfw__lms_hash3(pre, sizeof pre, x, n, NULL, 0, x);
    }
    return st;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_kc_start(cmsfw_bk_hash_ctx *ctx, const uint8_t *id, uint32_t q)
{
    uint8_t pre[LMS_I_LEN + 6]; /* I || u32str(q) || u16str(D_PBLC) */

    memcpy(pre, id, LMS_I_LEN);
    cmsfw__lms_put_u32(pre + LMS_I_LEN, q);
    cmsfw__lms_put_u16(pre + LMS_I_LEN + 4, CMSFW__LMS_D_PBLC);
    if (cmsfw_bk_hash_init(ctx, CMSFW_BK_SHA256) != CMSFW_BK_OK)
        return CMSFW_BK_FAILURE;
    if (cmsfw_bk_hash_update(ctx, pre, sizeof pre) != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/lms_priv.h */
unsigned
cmsfw__lms_coef(const uint8_t *s, unsigned i, unsigned w)
{
    unsigned per_byte = 8 / w;
    unsigned shift = 8 - (w * (i % per_byte) + w);

    return (s[i / per_byte] >> shift) & ((1u << w) - 1u);
}

/* see backends/lms_priv.h */
unsigned
cmsfw__lms_checksum(const uint8_t *q, unsigned n, unsigned w, unsigned ls)
{
    unsigned i, sum = 0, max = (1u << w) - 1u;

    for (i = 0; i < n * 8 / w; i++)
        sum += max - cmsfw__lms_coef(q, i, w);
    return (sum << ls) & 0xffffu;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_ots_q(const lms_key *k, uint32_t q, const uint8_t *c, const uint8_t *msg, size_t len,
                 uint8_t qa[LMS_MAX_N + 2])
{
    cmsfw_bk_status st = cmsfw__lms_hash_tagged(k->id, q, CMSFW__LMS_D_MESG, c, k->n, msg, len, qa);

    if (st == CMSFW_BK_OK)
        cmsfw__lms_put_u16(qa + k->n, cmsfw__lms_checksum(qa, k->n, k->w, k->ls));
    return st;
}

/*
 * RFC 8554 algorithm 4b: the LM-OTS public key candidate Kc of @msg.
 * The chain ends z[i] go straight into a second hash, so only one chain
 * value is held at a time.
 */
static cmsfw_bk_status
ots_candidate(const lms_key *k, const lms_sig *s, cmsfw_bytes msg, uint8_t kc[LMS_MAX_N])
{
    cmsfw_bk_hash_ctx pub;
    uint8_t qa[LMS_MAX_N + 2]; /* Q || Cksm(Q) */
    uint8_t tmp[LMS_MAX_N];
    unsigned i, top = (1u << k->w) - 1u;
    size_t len = 0;
    cmsfw_bk_status st = cmsfw__lms_ots_q(k, s->q, s->c, msg.ptr, msg.len, qa);

    if (st != CMSFW_BK_OK)
        return st;
    st = cmsfw__lms_kc_start(&pub, k->id, s->q);
    if (st != CMSFW_BK_OK)
        return st;
    for (i = 0; i < k->p && st == CMSFW_BK_OK; i++) {
        memcpy(tmp, s->y + (size_t)i * k->n, k->n);
        st = cmsfw__lms_chain(k->id, s->q, i, cmsfw__lms_coef(qa, i, k->w), top, tmp, k->n);
        if (st == CMSFW_BK_OK)
            st = cmsfw_bk_hash_update(&pub, tmp, k->n);
    }
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(&pub, kc, LMS_MAX_N, &len);
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(&pub);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/lms_priv.h */
cmsfw_bk_status
cmsfw__lms_verify(const lms_key *k, const lms_sig *s, cmsfw_bytes msg)
{
    uint8_t node[LMS_MAX_N];
    const uint8_t *sib;
    uint32_t r = (1u << k->h) + s->q; /* h <= 25, q < 2^h: no overflow */
    unsigned i;
    cmsfw_bk_status st = ots_candidate(k, s, msg, node);

    if (st == CMSFW_BK_OK)
        st = cmsfw__lms_hash_tagged(k->id, r, CMSFW__LMS_D_LEAF, node, k->n, NULL, 0, node);
    for (i = 0; i < k->h && st == CMSFW_BK_OK; i++) {
        sib = s->path + (size_t)i * k->m;
        if (r & 1u)
            st = cmsfw__lms_hash_tagged(k->id, r >> 1, CMSFW__LMS_D_INTR, sib, k->m, node, k->m,
                                        node);
        else
            st = cmsfw__lms_hash_tagged(k->id, r >> 1, CMSFW__LMS_D_INTR, node, k->m, sib, k->m,
                                        node);
        r >>= 1;
    }
    if (st != CMSFW_BK_OK)
        return st;
    return cmsfw_bk_ct_equal(node, k->root, k->m) ? CMSFW_BK_OK : CMSFW_BK_BAD_SIGNATURE;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_check_public(cmsfw_bytes pub, unsigned *bits)
{
    lms_key k;
    uint32_t levels = 0;
    cmsfw_bk_status st = cmsfw__lms_read_public(pub, &levels, &k);

    if (bits != NULL && k.m != 0)
        *bits = 8u * k.m;
    return st;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_verify(cmsfw_bytes pub, cmsfw_bytes msg, cmsfw_bytes sig)
{
    cmsfw_bk_hss_stream s;
    cmsfw_bk_status st = cmsfw_bk_hss_check_public(pub, NULL);

    if (st != CMSFW_BK_OK)
        return st;
    if (sig.ptr == NULL)
        return CMSFW_BK_BAD_SIGNATURE;
    /* one piece: every upper level is verified in place, no buffer */
    cmsfw_bk_hss_stream_init(&s, pub, msg, NULL, 0);
    cmsfw_bk_hss_stream_update(&s, sig.ptr, sig.len);
    return cmsfw_bk_hss_stream_final(&s);
}
