/*
 * backends/aes_kw.c: AES key wrap (RFC 3394) and key wrap with padding
 * (RFC 5649), written once over the single-block AES primitive every
 * backend provides (Debian's mbedtls 2.28 is built without its NIST_KW
 * module, so no library routine is relied on).
 *
 * The index-based form of RFC 3394 section 2.2 is used; the semiblocks R
 * live in the caller's output buffer so no key material is copied
 * elsewhere. Integrity checks run in constant time, and the output is
 * wiped when they fail.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

static const uint8_t kw_default_iv[8] = {0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6};
static const uint8_t kwp_iv_prefix[4] = {0xa6, 0x59, 0x59, 0xa6};

/* a ^= t, with t as a 64-bit big-endian integer */
/* RFC 5649 carries the length in 32 bits (the MLI). Only a 64-bit size_t
 * can exceed it; the test is written so that a 32-bit build sees no
 * comparison that is always false. */
static int
too_long_for_kwp(size_t len)
{
    return len / 2 > 0x7fffffffu;
}

static void
xor_counter(uint8_t a[8], uint64_t t)
{
    int m;

    for (m = 7; m >= 0; m--) {
        a[m] ^= (uint8_t)t;
        t >>= 8;
    }
}

/* W (RFC 3394 2.2.1): wrap n >= 2 semiblocks r with initial value a. */
static cmsfw_bk_status
wrap_core(cmsfw_bk_aes_ctx *k, uint8_t a[8], uint8_t *r, size_t n)
{
    uint8_t b[16];
    cmsfw_bk_status st = CMSFW_BK_OK;
    size_t i;
    unsigned j;

    for (j = 0; j < 6 && st == CMSFW_BK_OK; j++) {
        for (i = 0; i < n && st == CMSFW_BK_OK; i++) {
            memcpy(b, a, 8);
            memcpy(b + 8, r + 8 * i, 8);
            st = cmsfw_bk_aes_block(k, b, b);
            memcpy(a, b, 8);
            xor_counter(a, (uint64_t)n * j + i + 1);
            memcpy(r + 8 * i, b + 8, 8);
        }
    }
    cmsfw_bk_wipe(b, sizeof b);
    return st;
}

/* W^-1 (RFC 3394 2.2.2): unwrap n >= 2 semiblocks r; a is C[0] on entry
 * and the recovered initial value on return. */
static cmsfw_bk_status
unwrap_core(cmsfw_bk_aes_ctx *k, uint8_t a[8], uint8_t *r, size_t n)
{
    uint8_t b[16];
    cmsfw_bk_status st = CMSFW_BK_OK;
    size_t i;
    unsigned j;

    for (j = 6; j-- > 0 && st == CMSFW_BK_OK;) {
        for (i = n; i-- > 0 && st == CMSFW_BK_OK;) {
            xor_counter(a, (uint64_t)n * j + i + 1);
            memcpy(b, a, 8);
            memcpy(b + 8, r + 8 * i, 8);
            st = cmsfw_bk_aes_block(k, b, b);
            memcpy(a, b, 8);
            memcpy(r + 8 * i, b + 8, 8);
        }
    }
    cmsfw_bk_wipe(b, sizeof b);
    return st;
}

/*
 * Common argument handling: output size query and size check. Returns OK
 * to go on, or the status to return (OK with out == NULL is a size query).
 */
static cmsfw_bk_status
prepare(cmsfw_bytes kek, const uint8_t *out, size_t out_size, size_t need, size_t *out_len,
        int *go)
{
    *go = 0;
    *out_len = need;
    if (out == NULL)
        return CMSFW_BK_OK;
    if (out_size < need)
        return CMSFW_BK_BAD_INPUT;
    if (kek.ptr == NULL)
        return CMSFW_BK_BAD_INPUT;
    *out_len = 0;
    *go = 1;
    return cmsfw_bk_aes_key_len_check(kek.len);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_kw_wrap(cmsfw_bytes kek, cmsfw_bytes in, uint8_t *out, size_t out_size,
                     size_t *out_len)
{
    cmsfw_bk_aes_ctx k;
    uint8_t a[8];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int go;

    if (out_len == NULL || in.ptr == NULL || in.len < 16 || in.len % 8 != 0)
        return CMSFW_BK_BAD_INPUT;
    st = prepare(kek, out, out_size, in.len + 8, out_len, &go);
    if (st != CMSFW_BK_OK || !go)
        return st;
    st = cmsfw_bk_aes_init(&k, kek, 1);
    if (st != CMSFW_BK_OK)
        return st;
    memcpy(a, kw_default_iv, 8);
    memmove(out + 8, in.ptr, in.len);
    st = wrap_core(&k, a, out + 8, in.len / 8);
    memcpy(out, a, 8);
    if (st == CMSFW_BK_OK)
        *out_len = in.len + 8;
    else
        cmsfw_bk_wipe(out, in.len + 8);
    cmsfw_bk_aes_wipe(&k);
    cmsfw_bk_wipe(a, sizeof a);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_kw_unwrap(cmsfw_bytes kek, cmsfw_bytes in, uint8_t *out, size_t out_size,
                       size_t *out_len)
{
    cmsfw_bk_aes_ctx k;
    uint8_t a[8];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    size_t n;
    int go;

    if (out_len == NULL || in.ptr == NULL || in.len < 24 || in.len % 8 != 0)
        return CMSFW_BK_BAD_INPUT;
    n = in.len - 8;
    st = prepare(kek, out, out_size, n, out_len, &go);
    if (st != CMSFW_BK_OK || !go)
        return st;
    st = cmsfw_bk_aes_init(&k, kek, 0);
    if (st != CMSFW_BK_OK)
        return st;
    memcpy(a, in.ptr, 8);
    memmove(out, in.ptr + 8, n);
    st = unwrap_core(&k, a, out, n / 8);
    if (st == CMSFW_BK_OK && !cmsfw_bk_ct_equal(a, kw_default_iv, 8))
        st = CMSFW_BK_BAD_INPUT;
    if (st == CMSFW_BK_OK)
        *out_len = n;
    else
        cmsfw_bk_wipe(out, n);
    cmsfw_bk_aes_wipe(&k);
    cmsfw_bk_wipe(a, sizeof a);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_kwp_wrap(cmsfw_bytes kek, cmsfw_bytes in, uint8_t *out, size_t out_size,
                      size_t *out_len)
{
    cmsfw_bk_aes_ctx k;
    uint8_t a[8], b[16];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    size_t padded;
    int go;

    if (out_len == NULL || in.ptr == NULL || in.len == 0 || too_long_for_kwp(in.len))
        return CMSFW_BK_BAD_INPUT;
    padded = (in.len + 7) / 8 * 8;
    st = prepare(kek, out, out_size, padded + 8, out_len, &go);
    if (st != CMSFW_BK_OK || !go)
        return st;
    st = cmsfw_bk_aes_init(&k, kek, 1);
    if (st != CMSFW_BK_OK)
        return st;
    /* alternative initial value: A65959A6 || 32-bit length in octets */
    memcpy(a, kwp_iv_prefix, 4);
    a[4] = (uint8_t)(in.len >> 24);
    a[5] = (uint8_t)(in.len >> 16);
    a[6] = (uint8_t)(in.len >> 8);
    a[7] = (uint8_t)in.len;
    if (padded == 8) {
        /* RFC 5649 4.1: a single semiblock is one AES-ECB encryption */
        memset(b, 0, sizeof b);
        memcpy(b, a, 8);
        memcpy(b + 8, in.ptr, in.len);
        st = cmsfw_bk_aes_block(&k, b, out);
    } else {
        memmove(out + 8, in.ptr, in.len);
        memset(out + 8 + in.len, 0, padded - in.len);
        st = wrap_core(&k, a, out + 8, padded / 8);
        memcpy(out, a, 8);
    }
    if (st == CMSFW_BK_OK)
        *out_len = padded + 8;
    else
        cmsfw_bk_wipe(out, padded + 8);
    cmsfw_bk_aes_wipe(&k);
    cmsfw_bk_wipe(a, sizeof a);
    cmsfw_bk_wipe(b, sizeof b);
    return st;
}

/*
 * RFC 5649 section 3 checks on the recovered AIV and padding, without a
 * branch on their values: returns 1 when valid, and the length in *mli.
 */
static int
kwp_check(const uint8_t a[8], const uint8_t *p, size_t padded, size_t *mli)
{
    uint32_t len = ((uint32_t)a[4] << 24) | ((uint32_t)a[5] << 16) | ((uint32_t)a[6] << 8) |
                   (uint32_t)a[7];
    unsigned bad = 0;
    uint8_t pad = 0;
    size_t i;

    bad |= (unsigned)!cmsfw_bk_ct_equal(a, kwp_iv_prefix, 4);
    bad |= (unsigned)((uint64_t)len + 8 <= (uint64_t)padded); /* len <= 8(n-1) */
    bad |= (unsigned)((uint64_t)len > (uint64_t)padded);
    for (i = 0; i < padded; i++)
        pad |= (uint8_t)(p[i] & (uint8_t)(0u - (unsigned)(i >= len)));
    bad |= (unsigned)(pad != 0);
    *mli = len;
    return bad == 0;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_kwp_unwrap(cmsfw_bytes kek, cmsfw_bytes in, uint8_t *out, size_t out_size,
                        size_t *out_len)
{
    cmsfw_bk_aes_ctx k;
    uint8_t a[8], b[16];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    size_t padded, mli = 0;
    int go;

    if (out_len == NULL || in.ptr == NULL || in.len < 16 || in.len % 8 != 0)
        return CMSFW_BK_BAD_INPUT;
    padded = in.len - 8;
    st = prepare(kek, out, out_size, padded, out_len, &go);
    if (st != CMSFW_BK_OK || !go)
        return st;
    st = cmsfw_bk_aes_init(&k, kek, 0);
    if (st != CMSFW_BK_OK)
        return st;
    memset(b, 0, sizeof b);
    if (padded == 8) {
        st = cmsfw_bk_aes_block(&k, in.ptr, b);
        memcpy(a, b, 8);
        memcpy(out, b + 8, 8);
    } else {
        memcpy(a, in.ptr, 8);
        memmove(out, in.ptr + 8, padded);
        st = unwrap_core(&k, a, out, padded / 8);
    }
    if (st == CMSFW_BK_OK && !kwp_check(a, out, padded, &mli))
        st = CMSFW_BK_BAD_INPUT;
    if (st == CMSFW_BK_OK)
        *out_len = mli;
    else
        cmsfw_bk_wipe(out, padded);
    cmsfw_bk_aes_wipe(&k);
    cmsfw_bk_wipe(a, sizeof a);
    cmsfw_bk_wipe(b, sizeof b);
    return st;
}
