/*
 * backends/lms_sign.c: HSS/LMS key generation and signing (RFC 8554
 * sections 4 to 6, pseudorandom one-time keys of its Appendix A) over the
 * backend's SHA-256, for every backend. See backends/lms.h for the key
 * derivation and the cost of a signature.
 *
 * A tree is rebuilt for every signature by the classic stack ("treehash")
 * walk over its leaves: h + 1 nodes of memory whatever the height, and the
 * authentication path of the signing leaf is picked up on the way.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"
#include "backends/lms_priv.h"

#define N 32 /* SHA-256 width of every supported set */
#define I_LEN CMSFW__LMS_I_LEN
#define PUB_LEN (4 + 4 + I_LEN + N) /* LMS public key */

/* The Appendix A derivations (the domain separators: backends/lms_priv.h). */
#define X_C 0xfffdu     /* randomizer C of an upper level */
#define X_SEED 0xfffeu  /* SEED of the child tree */
#define X_ID 0xffffu    /* I of the child tree */

/* One LMS tree: its secrets and parameters. */
typedef struct tree {
    uint8_t id[I_LEN];
    uint8_t seed[N];
    uint32_t lms_type, ots_type;
    unsigned h, w, p, ls;
} tree;

/* H(I || u32str(q) || u16str(i) || u8str(0xff) || SEED) (Appendix A). */
static int
derive(const tree *t, uint32_t q, unsigned i, uint8_t out[N])
{
    uint8_t mid[7];

    cmsfw__lms_put_u32(mid, q);
    cmsfw__lms_put_u16(mid + 4, i);
    mid[6] = 0xff;
    return cmsfw__lms_hash3(t->id, I_LEN, mid, sizeof mid, t->seed, N, out) == CMSFW_BK_OK ? 0 : -1;
}

/* Run chain i of leaf q from step @from for @steps steps, in place. */
static int
chain(const tree *t, uint32_t q, unsigned i, unsigned from, unsigned steps, uint8_t tmp[N])
{
    return cmsfw__lms_chain(t->id, q, i, from, from + steps, tmp, N) == CMSFW_BK_OK ? 0 : -1;
}

/* T[2^h + q] = H(I || u32str(r) || u16str(D_LEAF) || K), with K the
 * LM-OTS public key of leaf q (RFC 8554 4.3 and 5.3). */
static int
leaf(const tree *t, uint32_t q, uint8_t out[N])
{
    cmsfw_bk_hash_ctx ctx;
    uint8_t y[N];
    unsigned i;
    size_t len = 0;
    int rc = -1;

    if (cmsfw__lms_kc_start(&ctx, t->id, q) != CMSFW_BK_OK)
        return -1;
    for (i = 0; i < t->p; i++) {
        if (derive(t, q, i, y) != 0 || chain(t, q, i, 0, (1u << t->w) - 1u, y) != 0 ||
            cmsfw_bk_hash_update(&ctx, y, N) != CMSFW_BK_OK)
            goto out;
    }
    if (cmsfw_bk_hash_final(&ctx, y, N, &len) != CMSFW_BK_OK || len != N)
        goto out;
    if (cmsfw__lms_hash_tagged(t->id, (1u << t->h) + q, CMSFW__LMS_D_LEAF, y, N, NULL, 0, out) ==
        CMSFW_BK_OK)
        rc = 0;
out:
    cmsfw_bk_hash_abort(&ctx);
    cmsfw_bk_wipe(y, sizeof y);
    return rc;
}

/* T[r] = H(I || u32str(r) || u16str(D_INTR) || left || right). */
static int
interior(const tree *t, uint32_t r, const uint8_t *left, const uint8_t *right, uint8_t out[N])
{
    cmsfw_bk_status st;

    st = cmsfw__lms_hash_tagged(t->id, r, CMSFW__LMS_D_INTR, left, N, right, N, out);
    return st == CMSFW_BK_OK ? 0 : -1;
}

/*
 * Walk all leaves of @t left to right with a stack of subtree roots; the
 * root goes to @root and the authentication path of leaf @q (siblings
 * from the leaf up) to @path (h * N octets).
 */
static int
build(const tree *t, uint32_t q, uint8_t root[N], uint8_t *path)
{
    uint8_t stack[CMSFW_BK_HSS_SIGN_MAX_H + 1][N], node[N];
    unsigned heights[CMSFW_BK_HSS_SIGN_MAX_H + 1], sp = 0, ht;
    uint32_t j, idx;

    for (j = 0; j < (1u << t->h); j++) {
        if (leaf(t, j, node) != 0)
            return -1;
        ht = 0;
        idx = j;
        if (idx == (q ^ 1u))
            memcpy(path, node, N);
        while (sp > 0 && heights[sp - 1] == ht) {
            idx >>= 1;
            ht++;
            if (interior(t, (1u << (t->h - ht)) + idx, stack[sp - 1], node, node) != 0)
                return -1;
            sp--;
            if (ht < t->h && idx == ((q >> ht) ^ 1u))
                memcpy(path + (size_t)ht * N, node, N);
        }
        memcpy(stack[sp], node, N);
        heights[sp++] = ht;
    }
    memcpy(root, stack[0], N);
    return 0;
}

/* Parameters of a type pair (the verifier's table); -1 for one the signer
 * does not make. */
static int
set_types(tree *t, uint32_t lms_type, uint32_t ots_type)
{
    cmsfw_bk_lms_key k;

    if (lms_type < 5 || lms_type > 7 || ots_type < 1 || ots_type > 4)
        return -1;
    k.lms_type = lms_type;
    k.ots_type = ots_type;
    if (cmsfw__lms_key_types(&k, CMSFW_BK_BAD_KEY) != CMSFW_BK_OK)
        return -1;
    t->lms_type = lms_type;
    t->ots_type = ots_type;
    t->h = k.h;
    t->w = k.w;
    t->p = k.p;
    t->ls = k.ls;
    return 0;
}

/*
 * LMS signature of @msg by leaf @q of @t (RFC 8554 4.5 and 5.4.1), with
 * the authentication path already built: u32 q || u32 ots type || C ||
 * y[p] || u32 lms type || path[h]. Writes lms_sig_len(t) octets.
 */
static int
lms_sign(const tree *t, uint32_t q, const uint8_t c[N], cmsfw_bytes msg, const uint8_t *path,
         uint8_t *out)
{
    uint8_t qs[N + 2], *y;
    unsigned i, a;

    if (cmsfw__lms_hash_tagged(t->id, q, CMSFW__LMS_D_MESG, c, N, msg.ptr, msg.len, qs) !=
        CMSFW_BK_OK)
        return -1;
    cmsfw__lms_put_u16(qs + N, cmsfw__lms_checksum(qs, N, t->w, t->ls));

    cmsfw__lms_put_u32(out, q);
    cmsfw__lms_put_u32(out + 4, t->ots_type);
    memcpy(out + 8, c, N);
    y = out + 8 + N;
    for (i = 0; i < t->p; i++) {
        a = cmsfw__lms_coef(qs, i, t->w);
        if (derive(t, q, i, y) != 0 || chain(t, q, i, 0, a, y) != 0)
            return -1;
        y += N;
    }
    cmsfw__lms_put_u32(y, t->lms_type);
    memcpy(y + 4, path, (size_t)t->h * N);
    return 0;
}

static size_t
lms_sig_len(const tree *t)
{
    return 4 + 4 + N + (size_t)t->p * N + 4 + (size_t)t->h * N;
}

/* The tree of level 0. */
static int
top_tree(const cmsfw_bk_hss_priv *k, tree *t)
{
    memcpy(t->id, k->id, I_LEN);
    memcpy(t->seed, k->seed, N);
    return set_types(t, k->lms_type[0], k->ots_type[0]);
}

/* The child of @parent signed by its leaf @q, with the types of @level. */
static int
child_tree(const cmsfw_bk_hss_priv *k, unsigned level, const tree *parent, uint32_t q,
           tree *child)
{
    uint8_t id[N];

    if (set_types(child, k->lms_type[level], k->ots_type[level]) != 0 ||
        derive(parent, q, X_ID, id) != 0 || derive(parent, q, X_SEED, child->seed) != 0)
        return -1;
    memcpy(child->id, id, I_LEN);
    return 0;
}

static unsigned
total_height(const cmsfw_bk_hss_priv *k)
{
    unsigned i, sum = 0;

    for (i = 0; i < k->levels; i++)
        sum += 5u * (k->lms_type[i] - 4u);
    return sum;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_priv_check(const cmsfw_bk_hss_priv *k)
{
    unsigned i;

    if (k->levels < 1 || k->levels > CMSFW_BK_HSS_MAX_LEVELS)
        return CMSFW_BK_BAD_KEY;
    for (i = 0; i < k->levels; i++) {
        if (k->lms_type[i] == 8 || k->lms_type[i] == 9 || (k->lms_type[i] >= 10 &&
                                                           k->lms_type[i] <= 14))
            return CMSFW_BK_UNSUPPORTED;
        if (k->lms_type[i] < 5 || k->lms_type[i] > 7 || k->ots_type[i] < 1 ||
            k->ots_type[i] > 4)
            return CMSFW_BK_BAD_KEY;
    }
    if (total_height(k) > CMSFW_BK_HSS_SIGN_MAX_TOTAL_H)
        return CMSFW_BK_BAD_KEY;
    return CMSFW_BK_OK;
}

/* see backends/lms.h */
uint64_t
cmsfw_bk_hss_priv_total(const cmsfw_bk_hss_priv *k)
{
    return (uint64_t)1 << total_height(k);
}

/* see backends/lms.h */
size_t
cmsfw_bk_hss_sig_len(const cmsfw_bk_hss_priv *k)
{
    size_t len = 4;
    unsigned i;
    tree t;

    for (i = 0; i < k->levels; i++) {
        if (set_types(&t, k->lms_type[i], k->ots_type[i]) != 0)
            return 0;
        len += lms_sig_len(&t) + (i > 0 ? PUB_LEN : 0);
    }
    return len;
}

/* see backends/lms.h */
size_t
cmsfw_bk_hss_pub_len(const cmsfw_bk_hss_priv *k)
{
    (void)k;
    return 4 + PUB_LEN;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_public(const cmsfw_bk_hss_priv *k, uint8_t *pub, size_t pub_size, size_t *pub_len)
{
    uint8_t path[CMSFW_BK_HSS_SIGN_MAX_H * N];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    tree t;

    *pub_len = 0;
    if (cmsfw_bk_hss_priv_check(k) != CMSFW_BK_OK)
        return cmsfw_bk_hss_priv_check(k);
    if (pub_size < 4 + PUB_LEN)
        return CMSFW_BK_BAD_INPUT;
    if (top_tree(k, &t) != 0)
        return CMSFW_BK_BAD_KEY;
    cmsfw__lms_put_u32(pub, k->levels);
    cmsfw__lms_put_u32(pub + 4, t.lms_type);
    cmsfw__lms_put_u32(pub + 8, t.ots_type);
    memcpy(pub + 12, t.id, I_LEN);
    if (build(&t, 0, pub + 12 + I_LEN, path) == 0) {
        *pub_len = 4 + PUB_LEN;
        st = CMSFW_BK_OK;
    }
    cmsfw_bk_wipe(&t, sizeof t);
    return st;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_keygen(cmsfw_bk_hss_priv *k, uint8_t *pub, size_t pub_size, size_t *pub_len)
{
    cmsfw_bk_status st;

    *pub_len = 0;
    if ((st = cmsfw_bk_hss_priv_check(k)) != CMSFW_BK_OK)
        return st;
    if (cmsfw_bk_random(k->seed, sizeof k->seed) != CMSFW_BK_OK ||
        cmsfw_bk_random(k->id, sizeof k->id) != CMSFW_BK_OK)
        return CMSFW_BK_FAILURE;
    k->next = 0;
    return cmsfw_bk_hss_public(k, pub, pub_size, pub_len);
}

/* The LMS public key of @t with root @root, as the parent signs it. */
static void
lms_pub(const tree *t, const uint8_t root[N], uint8_t out[PUB_LEN])
{
    cmsfw__lms_put_u32(out, t->lms_type);
    cmsfw__lms_put_u32(out + 4, t->ots_type);
    memcpy(out + 8, t->id, I_LEN);
    memcpy(out + 8 + I_LEN, root, N);
}

/* Leaf index of level @level for the global counter. */
static uint32_t
level_q(const cmsfw_bk_hss_priv *k, unsigned level, uint64_t counter)
{
    unsigned shift = 0, i, h = 5u * (k->lms_type[level] - 4u);

    for (i = level + 1; i < k->levels; i++)
        shift += 5u * (k->lms_type[i] - 4u);
    return (uint32_t)((counter >> shift) & (((uint64_t)1 << h) - 1u));
}

/* Levels one after the other: build the child, sign it, move down. */
static int
sign_levels(const cmsfw_bk_hss_priv *k, cmsfw_bytes msg, uint8_t *out)
{
    uint8_t path[2][CMSFW_BK_HSS_SIGN_MAX_H * N], root[N], c[N], pub[PUB_LEN];
    tree t[2];
    unsigned i, cur = 0;
    uint32_t q;
    int rc = -1;

    cmsfw__lms_put_u32(out, k->levels - 1u);
    out += 4;
    if (top_tree(k, &t[0]) != 0 || build(&t[0], level_q(k, 0, k->next), root, path[0]) != 0)
        goto out;
    for (i = 0; i + 1 < k->levels; i++) {
        q = level_q(k, i, k->next);
        if (child_tree(k, i + 1, &t[cur], q, &t[cur ^ 1u]) != 0 ||
            build(&t[cur ^ 1u], level_q(k, i + 1, k->next), root, path[cur ^ 1u]) != 0 ||
            derive(&t[cur], q, X_C, c) != 0)
            goto out;
        lms_pub(&t[cur ^ 1u], root, pub);
        if (lms_sign(&t[cur], q, c, (cmsfw_bytes){pub, PUB_LEN}, path[cur], out) != 0)
            goto out;
        out += lms_sig_len(&t[cur]);
        memcpy(out, pub, PUB_LEN);
        out += PUB_LEN;
        cur ^= 1u;
    }
    if (cmsfw_bk_random(c, N) != CMSFW_BK_OK ||
        lms_sign(&t[cur], level_q(k, k->levels - 1u, k->next), c, msg, path[cur], out) != 0)
        goto out;
    rc = 0;
out:
    cmsfw_bk_wipe(t, sizeof t);
    return rc;
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_sign(cmsfw_bk_hss_priv *k, cmsfw_bytes msg, uint8_t *sig, size_t sig_size,
                  size_t *sig_len)
{
    cmsfw_bk_status st;
    size_t len;

    *sig_len = 0;
    if ((st = cmsfw_bk_hss_priv_check(k)) != CMSFW_BK_OK)
        return st;
    len = cmsfw_bk_hss_sig_len(k);
    if (k->next >= cmsfw_bk_hss_priv_total(k) || sig_size < len)
        return CMSFW_BK_BAD_INPUT;
    if (sign_levels(k, msg, sig) != 0) {
        cmsfw_bk_wipe(sig, len);
        return CMSFW_BK_FAILURE;
    }
    k->next++;
    *sig_len = len;
    return CMSFW_BK_OK;
}
