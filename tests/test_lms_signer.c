/*
 * test_lms_signer.c: the test-only HSS/LMS signer of test_lms_signer.h.
 * Written from RFC 8554 independently of backends/lms.c: the LM-OTS
 * parameters p and ls are computed from n and w with the formulas of
 * RFC 8554 Appendix B rather than taken from a table.
 */
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "test_lms_signer.h"

typedef struct level_key {
    tls_level t;
    unsigned m, h, n, w, p, ls;
    uint8_t id[16];
    uint8_t seed[32];
    uint8_t root[32];
    uint8_t path[25][32];
} level_key;

static void
u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* SHA-256 of a || b || c, first @n octets kept in @out (32 written). */
static int
h3(uint8_t out[32], const uint8_t *a, size_t al, const uint8_t *b, size_t bl,
   const uint8_t *c, size_t cl)
{
    cmsfw_bk_hash_ctx ctx;
    size_t len;

    if (cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA256) != CMSFW_BK_OK)
        return -1;
    if ((al && cmsfw_bk_hash_update(&ctx, a, al) != CMSFW_BK_OK) ||
        (bl && cmsfw_bk_hash_update(&ctx, b, bl) != CMSFW_BK_OK) ||
        (cl && cmsfw_bk_hash_update(&ctx, c, cl) != CMSFW_BK_OK) ||
        cmsfw_bk_hash_final(&ctx, out, 32, &len) != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(&ctx);
        return -1;
    }
    return 0;
}

/* RFC 8554 Appendix B: u, v, ls and p from n and w. */
static int
params(level_key *k)
{
    uint32_t lt = k->t.lms_type, ot = k->t.ots_type;
    unsigned u, v, lg = 0, x;

    if (lt < 5 || lt > 14 || ot < 1 || ot > 8)
        return -1;
    k->m = lt <= 9 ? 32 : 24;
    k->h = 5 * ((lt - 5) % 5 + 1);
    k->n = ot <= 4 ? 32 : 24;
    k->w = 1u << ((ot - 1) % 4);
    if (k->m != k->n || k->t.q >= (1u << k->h))
        return -1;
    u = (8 * k->n + k->w - 1) / k->w;
    x = ((1u << k->w) - 1) * u;
    while ((x >> (lg + 1)) != 0)
        lg++;
    v = (lg + 1 + k->w - 1) / k->w;
    k->ls = 16 - v * k->w;
    k->p = u + v;
    return 0;
}

static unsigned
coef(const uint8_t *s, unsigned i, unsigned w)
{
    return (s[i * w / 8] >> (8 - (w * (i % (8 / w)) + w))) & ((1u << w) - 1);
}

/* I || u32str(q) || u16str(a) || u8str(b) */
static void
prefix(uint8_t pre[23], const level_key *k, uint32_t q, unsigned a, unsigned b)
{
    memcpy(pre, k->id, 16);
    u32(pre + 16, q);
    pre[20] = (uint8_t)(a >> 8);
    pre[21] = (uint8_t)a;
    pre[22] = (uint8_t)b;
}

/* x[i] (RFC 8554 Appendix A), then chain steps from..to-1 */
static int
chain(const level_key *k, unsigned i, unsigned to, uint8_t out[32])
{
    uint8_t pre[23];
    unsigned j;

    prefix(pre, k, k->t.q, i, 0xff);
    if (h3(out, pre, 23, k->seed, 32, NULL, 0) != 0)
        return -1;
    for (j = 0; j < to; j++) {
        prefix(pre, k, k->t.q, i, j);
        if (h3(out, pre, 23, out, k->n, NULL, 0) != 0)
            return -1;
    }
    return 0;
}

/* The OTS public key K of leaf q, the leaf, and the root over the path. */
static int
make_key(level_key *k)
{
    /* 32 spare octets: a hash writes 32 even where n = 24 */
    uint8_t *z = malloc((size_t)k->p * k->n + 32);
    uint8_t pre[23], node[32], tag[4] = {'p', 'a', 't', 'h'};
    uint32_t r = (1u << k->h) + k->t.q;
    unsigned i;
    int rc = z == NULL ? -1 : 0;

    for (i = 0; rc == 0 && i < k->p; i++)
        rc = chain(k, i, (1u << k->w) - 1, z + (size_t)i * k->n);
    prefix(pre, k, k->t.q, 0x8080, 0);
    if (rc == 0)
        rc = h3(node, pre, 22, z, (size_t)k->p * k->n, NULL, 0);
    prefix(pre, k, r, 0x8282, 0);
    if (rc == 0)
        rc = h3(node, pre, 22, node, k->n, NULL, 0);
    for (i = 0; rc == 0 && i < k->h; i++) {
        u32(tag, i);
        rc = h3(k->path[i], k->seed, 32, tag, 4, (const uint8_t *)"path", 4);
        prefix(pre, k, r / 2, 0x8383, 0);
        if (rc == 0 && (r & 1))
            rc = h3(node, pre, 22, k->path[i], k->m, node, k->m);
        else if (rc == 0)
            rc = h3(node, pre, 22, node, k->m, k->path[i], k->m);
        r /= 2;
    }
    memcpy(k->root, node, 32);
    free(z);
    return rc;
}

static size_t
lms_sig_len(const level_key *k)
{
    return 4 + 4 + k->n + (size_t)k->p * k->n + 4 + (size_t)k->h * k->m;
}

static size_t
lms_pub_len(const level_key *k)
{
    return 8 + 16 + k->m;
}

static uint8_t *
put_pub(uint8_t *o, const level_key *k)
{
    u32(o, k->t.lms_type);
    u32(o + 4, k->t.ots_type);
    memcpy(o + 8, k->id, 16);
    memcpy(o + 24, k->root, k->m);
    return o + lms_pub_len(k);
}

/* LMS signature of @msg with leaf q of @k, written at @o. */
static int
put_sig(uint8_t *o, const level_key *k, const uint8_t *msg, size_t len)
{
    uint8_t pre[23], c[32], q[34], tag[1] = {'C'};
    unsigned i, sum = 0, top = (1u << k->w) - 1;

    if (h3(c, k->seed, 32, tag, 1, NULL, 0) != 0)
        return -1;
    prefix(pre, k, k->t.q, 0x8181, 0);
    if (h3(q, pre, 22, c, k->n, msg, len) != 0)
        return -1;
    for (i = 0; i < 8 * k->n / k->w; i++)
        sum += top - coef(q, i, k->w);
    sum <<= k->ls;
    q[k->n] = (uint8_t)(sum >> 8);
    q[k->n + 1] = (uint8_t)sum;
    u32(o, k->t.q);
    u32(o + 4, k->t.ots_type);
    memcpy(o + 8, c, k->n);
    o += 8 + k->n;
    for (i = 0; i < k->p; i++, o += k->n) {
        uint8_t y[32];

        if (chain(k, i, coef(q, i, k->w), y) != 0)
            return -1;
        memcpy(o, y, k->n);
    }
    u32(o, k->t.lms_type);
    o += 4;
    for (i = 0; i < k->h; i++, o += k->m)
        memcpy(o, k->path[i], k->m);
    return 0;
}

/* see test_lms_signer.h */
int
tls_hss_sign(const tls_level *levels, unsigned n_levels, uint32_t seed, cmsfw_bytes msg,
             tb_buf *pub, tb_buf *sig)
{
    level_key *k = calloc(n_levels ? n_levels : 1, sizeof *k);
    size_t total = 4;
    uint8_t tag[8], *o, *next_pub;
    unsigned i;
    int rc = 0;

    pub->ptr = sig->ptr = NULL;
    pub->len = sig->len = 0;
    if (k == NULL || n_levels < 1 || n_levels > 8) {
        free(k);
        return -1;
    }
    for (i = 0; rc == 0 && i < n_levels; i++) {
        k[i].t = levels[i];
        u32(tag, seed);
        u32(tag + 4, i);
        rc = params(&k[i]);
        if (rc == 0)
            rc = h3(k[i].seed, tag, 8, (const uint8_t *)"seed", 4, NULL, 0);
        if (rc == 0)
            rc = h3(k[i].root, tag, 8, (const uint8_t *)"I", 1, NULL, 0);
        memcpy(k[i].id, k[i].root, 16);
        if (rc == 0)
            rc = make_key(&k[i]);
        total += lms_sig_len(&k[i]) + (i > 0 ? lms_pub_len(&k[i]) : 0);
    }
    if (rc == 0) {
        pub->len = 4 + lms_pub_len(&k[0]);
        pub->ptr = malloc(pub->len);
        sig->len = total;
        sig->ptr = malloc(total);
        rc = pub->ptr != NULL && sig->ptr != NULL ? 0 : -1;
    }
    if (rc == 0) {
        u32(pub->ptr, n_levels);
        put_pub(pub->ptr + 4, &k[0]);
        u32(sig->ptr, n_levels - 1);
        o = sig->ptr + 4;
        for (i = 0; rc == 0 && i < n_levels; i++) {
            if (i + 1 < n_levels) {
                /* this level signs the next level's public key */
                next_pub = o + lms_sig_len(&k[i]);
                put_pub(next_pub, &k[i + 1]);
                rc = put_sig(o, &k[i], next_pub, lms_pub_len(&k[i + 1]));
                o = next_pub + lms_pub_len(&k[i + 1]);
            } else {
                rc = put_sig(o, &k[i], msg.ptr, msg.len);
            }
        }
    }
    free(k);
    if (rc != 0) {
        tb_free(pub);
        tb_free(sig);
    }
    return rc;
}
