/*
 * backends/lms.c: HSS/LMS verification (RFC 8554 sections 4 to 6) over the
 * backend's SHA-256, for every backend.
 *
 * Layout of what is read (RFC 8554 notation, all integers big-endian):
 *   HSS public key  u32 L || LMS public key
 *   LMS public key  u32 lms type || u32 lmots type || I[16] || T[1][m]
 *   HSS signature   u32 Nspk || (LMS signature || LMS public key) * Nspk
 *                   || LMS signature
 *   LMS signature   u32 q || LM-OTS signature || u32 lms type || path[h][m]
 *   LM-OTS sig.     u32 lmots type || C[n] || y[p][n]
 * Every length follows from the type codes, so the whole signature is
 * checked for shape first and only then hashed; a second walk over the
 * same views verifies level after level. Nothing is copied but one chain
 * value and the current tree node.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"

#define LMS_I_LEN 16
#define LMS_MAX_N 32 /* SHA-256 output; the /192 sets use its first 24 octets */

/* Domain separators (RFC 8554 3.1.4). */
#define D_PBLC 0x80
#define D_MESG 0x81
#define D_LEAF 0x82
#define D_INTR 0x83

/* Type code ranges (RFC 8554 table 1 and 2; RFC 9858 for the others). */
#define LMS_SHA256_FIRST 5u   /* M32 H5..H25 = 5..9, M24 H5..H25 = 10..14 */
#define LMS_SHA256_LAST 14u
#define LMS_SHAKE_LAST 24u    /* M32 15..19, M24 20..24 */
#define LMOTS_SHA256_FIRST 1u /* N32 W1..W8 = 1..4, N24 W1..W8 = 5..8 */
#define LMOTS_SHA256_LAST 8u
#define LMOTS_SHAKE_LAST 16u  /* N32 9..12, N24 13..16 */

/* One level's public key, as views into the key or the signature. */
typedef struct lms_key {
    uint32_t lms_type, ots_type;
    unsigned m, h;         /* LMS: node width, tree height */
    unsigned n, w, p, ls;  /* LM-OTS: width, Winternitz w, chains, checksum shift */
    const uint8_t *id;     /* I */
    const uint8_t *root;   /* T[1], m octets */
} lms_key;

/* One level's signature, as views into the signature. */
typedef struct lms_sig {
    uint32_t q;
    const uint8_t *c;    /* C, n octets */
    const uint8_t *y;    /* y[0..p-1], n octets each */
    const uint8_t *path; /* path[0..h-1], m octets each */
} lms_sig;

typedef struct reader {
    const uint8_t *p;
    size_t left;
} reader;

static uint32_t
get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

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
    *v = get_u32(p);
    return 1;
}

/*
 * The LMS and LM-OTS parameters of a pair of type codes. The SHAKE256
 * sets are recognised (m and the rest filled) and UNSUPPORTED; unknown
 * codes, or sets of different hashes or widths, give @bad.
 */
static cmsfw_bk_status
key_types(lms_key *k, cmsfw_bk_status bad)
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
    st = key_types(k, bad);
    if (st != CMSFW_BK_OK)
        return st;
    k->id = take(r, LMS_I_LEN);
    k->root = take(r, k->m);
    return k->id != NULL && k->root != NULL ? CMSFW_BK_OK : bad;
}

/* An LMS signature made with the key @k: types, lengths and q checked. */
static int
take_sig(reader *r, const lms_key *k, lms_sig *s)
{
    uint32_t ots_type, lms_type;

    /* p * n <= 265 * 32 and h * m <= 25 * 32: no overflow */
    if (!take_u32(r, &s->q) || !take_u32(r, &ots_type) || ots_type != k->ots_type)
        return 0;
    s->c = take(r, k->n);
    s->y = take(r, (size_t)k->p * k->n);
    if (s->c == NULL || s->y == NULL || !take_u32(r, &lms_type) || lms_type != k->lms_type)
        return 0;
    s->path = take(r, (size_t)k->h * k->m);
    /* RFC 8554 algorithm 6a step 2i: q < 2^h */
    return s->path != NULL && s->q < (1u << k->h);
}

/* H(a || b || c) into @out (LMS_MAX_N octets; the first n are the value). */
static cmsfw_bk_status
hash3(cmsfw_bk_hash_ctx *ctx, const uint8_t *a, size_t al, const uint8_t *b, size_t bl,
      const uint8_t *c, size_t cl, uint8_t out[LMS_MAX_N])
{
    size_t len = 0;
    cmsfw_bk_status st = cmsfw_bk_hash_init(ctx, CMSFW_BK_SHA256);

    if (st == CMSFW_BK_OK && al > 0)
        st = cmsfw_bk_hash_update(ctx, a, al);
    if (st == CMSFW_BK_OK && bl > 0)
        st = cmsfw_bk_hash_update(ctx, b, bl);
    if (st == CMSFW_BK_OK && cl > 0)
        st = cmsfw_bk_hash_update(ctx, c, cl);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(ctx, out, LMS_MAX_N, &len);
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* coef(S, i, w) of RFC 8554 3.1.3. */
static unsigned
coef(const uint8_t *s, unsigned i, unsigned w)
{
    unsigned per_byte = 8 / w;
    unsigned shift = 8 - (w * (i % per_byte) + w);

    return (s[i / per_byte] >> shift) & ((1u << w) - 1u);
}

/* Cksm(Q) of RFC 8554 4.4, over the n octets of Q. */
static unsigned
checksum(const uint8_t *q, const lms_key *k)
{
    unsigned i, sum = 0, max = (1u << k->w) - 1u;

    for (i = 0; i < k->n * 8 / k->w; i++)
        sum += max - coef(q, i, k->w);
    return (sum << k->ls) & 0xffffu;
}

/*
 * RFC 8554 algorithm 4b: the LM-OTS public key candidate Kc of @msg.
 * The chain ends z[i] go straight into a second hash, so only one chain
 * value is held at a time.
 */
static cmsfw_bk_status
ots_candidate(const lms_key *k, const lms_sig *s, cmsfw_bytes msg, uint8_t kc[LMS_MAX_N])
{
    cmsfw_bk_hash_ctx ctx, pub;
    uint8_t pre[LMS_I_LEN + 7]; /* I || u32str(q) || u16str(i) || u8str(j) */
    uint8_t qa[LMS_MAX_N + 2];  /* Q || Cksm(Q) */
    uint8_t tmp[LMS_MAX_N];
    unsigned i, j, a, cksm, top = (1u << k->w) - 1u;
    size_t len = 0;
    cmsfw_bk_status st;

    memcpy(pre, k->id, LMS_I_LEN);
    put_u32(pre + LMS_I_LEN, s->q);
    pre[LMS_I_LEN + 4] = D_MESG;
    pre[LMS_I_LEN + 5] = D_MESG;
    st = hash3(&ctx, pre, LMS_I_LEN + 6, s->c, k->n, msg.ptr, msg.len, qa);
    if (st != CMSFW_BK_OK)
        return st;
    cksm = checksum(qa, k);
    qa[k->n] = (uint8_t)(cksm >> 8);
    qa[k->n + 1] = (uint8_t)cksm;
    pre[LMS_I_LEN + 4] = D_PBLC;
    pre[LMS_I_LEN + 5] = D_PBLC;
    st = cmsfw_bk_hash_init(&pub, CMSFW_BK_SHA256);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_update(&pub, pre, LMS_I_LEN + 6);
    for (i = 0; i < k->p && st == CMSFW_BK_OK; i++) {
        a = coef(qa, i, k->w);
        memcpy(tmp, s->y + (size_t)i * k->n, k->n);
        pre[LMS_I_LEN + 4] = (uint8_t)(i >> 8);
        pre[LMS_I_LEN + 5] = (uint8_t)i;
        for (j = a; j < top && st == CMSFW_BK_OK; j++) {
            pre[LMS_I_LEN + 6] = (uint8_t)j;
            st = hash3(&ctx, pre, sizeof pre, tmp, k->n, NULL, 0, tmp);
        }
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

/* RFC 8554 algorithm 6a: does @s sign @msg under @k? */
static cmsfw_bk_status
lms_verify(const lms_key *k, const lms_sig *s, cmsfw_bytes msg)
{
    cmsfw_bk_hash_ctx ctx;
    uint8_t pre[LMS_I_LEN + 6]; /* I || u32str(node) || u16str(D) */
    uint8_t node[LMS_MAX_N];
    const uint8_t *sib;
    uint32_t r = (1u << k->h) + s->q; /* h <= 25, q < 2^h: no overflow */
    unsigned i;
    cmsfw_bk_status st = ots_candidate(k, s, msg, node);

    memcpy(pre, k->id, LMS_I_LEN);
    put_u32(pre + LMS_I_LEN, r);
    pre[LMS_I_LEN + 4] = D_LEAF;
    pre[LMS_I_LEN + 5] = D_LEAF;
    if (st == CMSFW_BK_OK)
        st = hash3(&ctx, pre, sizeof pre, node, k->n, NULL, 0, node);
    pre[LMS_I_LEN + 4] = D_INTR;
    pre[LMS_I_LEN + 5] = D_INTR;
    for (i = 0; i < k->h && st == CMSFW_BK_OK; i++) {
        sib = s->path + (size_t)i * k->m;
        put_u32(pre + LMS_I_LEN, r >> 1);
        if (r & 1u)
            st = hash3(&ctx, pre, sizeof pre, sib, k->m, node, k->m, node);
        else
            st = hash3(&ctx, pre, sizeof pre, node, k->m, sib, k->m, node);
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
    reader r;
    lms_key k;
    uint32_t levels;
    cmsfw_bk_status st;

    if (pub.ptr == NULL)
        return CMSFW_BK_BAD_KEY;
    r.p = pub.ptr;
    r.left = pub.len;
    memset(&k, 0, sizeof k);
    if (!take_u32(&r, &levels) || levels < 1 || levels > CMSFW_BK_HSS_MAX_LEVELS)
        return CMSFW_BK_BAD_KEY;
    st = take_key(&r, &k, CMSFW_BK_BAD_KEY);
    if (bits != NULL && k.m != 0)
        *bits = 8u * k.m;
    if (st == CMSFW_BK_OK && r.left != 0)
        st = CMSFW_BK_BAD_KEY;
    return st;
}

/*
 * One walk over the signature: with @verify 0 only its shape is checked,
 * with 1 every level is verified too (RFC 8554 6.3).
 */
static cmsfw_bk_status
hss_walk(cmsfw_bytes pub, cmsfw_bytes msg, cmsfw_bytes sig, int verify)
{
    reader kr, sr;
    lms_key key, next;
    lms_sig s;
    cmsfw_bytes signed_msg;
    uint32_t levels, nspk, i;
    cmsfw_bk_status st;

    kr.p = pub.ptr;
    kr.left = pub.len;
    sr.p = sig.ptr;
    sr.left = sig.len;
    if (!take_u32(&kr, &levels) || take_key(&kr, &key, CMSFW_BK_BAD_KEY) != CMSFW_BK_OK)
        return CMSFW_BK_BAD_KEY; /* checked by the caller already */
    if (!take_u32(&sr, &nspk) || nspk != levels - 1)
        return CMSFW_BK_BAD_SIGNATURE;
    for (i = 0; i <= nspk; i++) {
        if (!take_sig(&sr, &key, &s))
            return CMSFW_BK_BAD_SIGNATURE;
        signed_msg = msg;
        if (i < nspk) {
            /* the next level's public key is what this level signs */
            signed_msg.ptr = sr.p;
            st = take_key(&sr, &next, CMSFW_BK_BAD_SIGNATURE);
            if (st != CMSFW_BK_OK)
                return st;
            signed_msg.len = (size_t)(sr.p - signed_msg.ptr);
        }
        if (verify) {
            st = lms_verify(&key, &s, signed_msg);
            if (st != CMSFW_BK_OK)
                return st;
        }
        if (i < nspk)
            key = next;
    }
    return sr.left == 0 ? CMSFW_BK_OK : CMSFW_BK_BAD_SIGNATURE;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_verify(cmsfw_bytes pub, cmsfw_bytes msg, cmsfw_bytes sig)
{
    cmsfw_bk_status st = cmsfw_bk_hss_check_public(pub, NULL);

    if (st != CMSFW_BK_OK)
        return st;
    if ((msg.ptr == NULL && msg.len != 0) || sig.ptr == NULL)
        return sig.ptr == NULL ? CMSFW_BK_BAD_SIGNATURE : CMSFW_BK_BAD_INPUT;
    st = hss_walk(pub, msg, sig, 0);
    if (st == CMSFW_BK_OK)
        st = hss_walk(pub, msg, sig, 1);
    return st;
}
