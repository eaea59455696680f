/*
 * backends/gcm.c: AES-GCM (NIST SP 800-38D) over any AES block function,
 * for libraries that cannot stream GCM in pieces of any size: mbedtls
 * 2.28 accepts only multiples of 16 bytes before the last call, and
 * wolfSSL's streaming API refuses nonces longer than 16 bytes.
 *
 * GHASH multiplies bit by bit with masks instead of lookup tables, so that
 * neither the hash subkey nor the data influences memory access patterns
 * or branches. It costs about a microsecond per block, which is small
 * next to reading firmware from flash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

/* SP 800-38D 5.2.1.1: at most 2^39 - 256 bits of plaintext. */
#define GCM_MAX_TEXT ((((uint64_t)1) << 36) - 32)

static uint64_t
load_be64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for (i = 0; i < 8; i++)
        v = (v << 8) | p[i];
    return v;
}

static void
store_be64(uint8_t *p, uint64_t v)
{
    int i;

    for (i = 7; i >= 0; i--) {
        p[i] = (uint8_t)v;
        v >>= 8;
    }
}

/*
 * x = x * h in GF(2^128) with the GCM bit order (SP 800-38D algorithm 1).
 * The loop count and the operations are fixed; bits select by masking.
 */
static void
gf128_mul(uint64_t x[2], const uint64_t h[2])
{
    uint64_t zh = 0, zl = 0, vh = h[0], vl = h[1];
    uint64_t word, mask;
    int half, i;

    for (half = 0; half < 2; half++) {
        word = x[half];
        for (i = 63; i >= 0; i--) {
            mask = (uint64_t)0 - ((word >> i) & 1u);
            zh ^= vh & mask;
            zl ^= vl & mask;
            /* v = v * x: shift right, reduce by R = 11100001 || 0^120 */
            mask = (uint64_t)0 - (vl & 1u);
            vl = (vl >> 1) | (vh << 63);
            vh = (vh >> 1) ^ (UINT64_C(0xe100000000000000) & mask);
        }
    }
    x[0] = zh;
    x[1] = zl;
}

static void
ghash_block(cmsfw_bk_gcm *g, const uint8_t block[16])
{
    g->y[0] ^= load_be64(block);
    g->y[1] ^= load_be64(block + 8);
    gf128_mul(g->y, g->h);
}

/* Absorb @p data, the last partial block padded with zeros. */
static void
ghash_padded(cmsfw_bk_gcm *g, const uint8_t *data, size_t len)
{
    uint8_t block[16];

    while (len >= 16) {
        ghash_block(g, data);
        data += 16;
        len -= 16;
    }
    if (len > 0) {
        memset(block, 0, sizeof block);
        memcpy(block, data, len);
        ghash_block(g, block);
        cmsfw_bk_wipe(block, sizeof block);
    }
}

/* Absorb the block [bits(a)]_64 || [bits(b)]_64. */
static void
ghash_lengths(cmsfw_bk_gcm *g, uint64_t a_bytes, uint64_t b_bytes)
{
    uint8_t block[16];

    store_be64(block, a_bytes * 8);
    store_be64(block + 8, b_bytes * 8);
    ghash_block(g, block);
}

static void
inc32(uint8_t ctr[16])
{
    int i;

    for (i = 15; i >= 12; i--) {
        ctr[i]++;
        if (ctr[i] != 0)
            break;
    }
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_gcm_start(cmsfw_bk_gcm *g, cmsfw_bk_block_fn enc, void *key, cmsfw_bytes nonce,
                   cmsfw_bytes aad, int encrypt)
{
    uint8_t block[16];

    memset(g, 0, sizeof *g);
    if (nonce.ptr == NULL || nonce.len < CMSFW_BK_GCM_NONCE_MIN ||
        nonce.len > CMSFW_BK_GCM_NONCE_MAX || (aad.ptr == NULL && aad.len != 0))
        return CMSFW_BK_BAD_INPUT;
    g->enc = enc;
    g->key = key;
    g->encrypt = encrypt;
    memset(block, 0, sizeof block);
    if (enc(key, block, block) != 0) {
        cmsfw_bk_wipe(block, sizeof block);
        cmsfw_bk_wipe(g, sizeof *g);
        return CMSFW_BK_FAILURE;
    }
    g->h[0] = load_be64(block);
    g->h[1] = load_be64(block + 8);
    cmsfw_bk_wipe(block, sizeof block);

    if (nonce.len == 12) {
        memcpy(g->j0, nonce.ptr, 12);
        g->j0[15] = 1;
    } else {
        /* J0 = GHASH(IV || 0^s || 0^64 || [len(IV)]_64) */
        ghash_padded(g, nonce.ptr, nonce.len);
        ghash_lengths(g, 0, nonce.len);
        store_be64(g->j0, g->y[0]);
        store_be64(g->j0 + 8, g->y[1]);
        g->y[0] = 0;
        g->y[1] = 0;
    }
    memcpy(g->ctr, g->j0, 16);
    g->pos = 16;
    if (aad.len > 0)
        ghash_padded(g, aad.ptr, aad.len);
    g->aad_len = aad.len;
    return CMSFW_BK_OK;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_gcm_run(cmsfw_bk_gcm *g, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t take, i;
    uint8_t c;

    if ((uint64_t)len > GCM_MAX_TEXT - g->text_len)
        return CMSFW_BK_BAD_INPUT;
    g->text_len += len;
    while (len > 0) {
        if (g->pos == 16) {
            inc32(g->ctr);
            if (g->enc(g->key, g->ctr, g->ks) != 0)
                return CMSFW_BK_FAILURE;
            g->pos = 0;
        }
        take = 16 - g->pos;
        if (take > len)
            take = len;
        for (i = 0; i < take; i++) {
            /* read before write: in and out may be the same buffer */
            c = in[i];
            out[i] = (uint8_t)(c ^ g->ks[g->pos + i]);
            g->cbuf[g->pos + i] = g->encrypt ? out[i] : c;
        }
        g->pos += (unsigned)take;
        in += take;
        out += take;
        len -= take;
        if (g->pos == 16)
            ghash_block(g, g->cbuf);
    }
    return CMSFW_BK_OK;
}

/* The full 16-byte tag. */
static cmsfw_bk_status
gcm_tag(cmsfw_bk_gcm *g, uint8_t tag[16])
{
    uint8_t s[16];
    int i;

    if (g->pos != 16 && g->pos != 0) {
        memset(g->cbuf + g->pos, 0, 16 - g->pos);
        ghash_block(g, g->cbuf);
    }
    ghash_lengths(g, g->aad_len, g->text_len);
    store_be64(s, g->y[0]);
    store_be64(s + 8, g->y[1]);
    if (g->enc(g->key, g->j0, tag) != 0) {
        cmsfw_bk_wipe(s, sizeof s);
        return CMSFW_BK_FAILURE;
    }
    for (i = 0; i < 16; i++)
        tag[i] ^= s[i];
    cmsfw_bk_wipe(s, sizeof s);
    return CMSFW_BK_OK;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_gcm_final_enc(cmsfw_bk_gcm *g, uint8_t *tag, size_t tag_len)
{
    uint8_t full[16];
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (tag != NULL && tag_len >= CMSFW_BK_GCM_TAG_MIN && tag_len <= CMSFW_BK_GCM_TAG_MAX) {
        st = gcm_tag(g, full);
        if (st == CMSFW_BK_OK)
            memcpy(tag, full, tag_len);
    }
    cmsfw_bk_wipe(full, sizeof full);
    cmsfw_bk_wipe(g, sizeof *g);
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_gcm_final_dec(cmsfw_bk_gcm *g, const uint8_t *tag, size_t tag_len)
{
    uint8_t full[16];
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (tag != NULL && tag_len >= CMSFW_BK_GCM_TAG_MIN && tag_len <= CMSFW_BK_GCM_TAG_MAX) {
        st = gcm_tag(g, full);
        if (st == CMSFW_BK_OK && !cmsfw_bk_ct_equal(full, tag, tag_len))
            st = CMSFW_BK_BAD_INPUT;
    }
    cmsfw_bk_wipe(full, sizeof full);
    cmsfw_bk_wipe(g, sizeof *g);
    return st;
}
