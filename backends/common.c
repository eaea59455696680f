/*
 * backends/common.c: backend-independent helpers of the crypto interface.
 */
#include <stddef.h>
#include <stdint.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

/* see backends/backend.h */
const char *
cmsfw_bk_status_name(cmsfw_bk_status st)
{
    switch (st) {
    case CMSFW_BK_OK:
        return "OK";
    case CMSFW_BK_UNSUPPORTED:
        return "UNSUPPORTED";
    case CMSFW_BK_KEY_SIZE:
        return "KEY_SIZE";
    case CMSFW_BK_BAD_SIGNATURE:
        return "BAD_SIGNATURE";
    case CMSFW_BK_BAD_KEY:
        return "BAD_KEY";
    case CMSFW_BK_BAD_INPUT:
        return "BAD_INPUT";
    case CMSFW_BK_FAILURE:
        return "FAILURE";
    }
    return "unknown";
}

/* see backends/backend.h */
int
cmsfw_bk_has(uint32_t caps)
{
    return caps != 0 && (cmsfw_bk_caps() & caps) == caps;
}

/* see backends/backend.h */
size_t
cmsfw_bk_hash_len(cmsfw_bk_hash alg)
{
    switch (alg) {
    case CMSFW_BK_SHA256:
        return 32;
    case CMSFW_BK_SHA384:
        return 48;
    case CMSFW_BK_SHA512:
        return 64;
    case CMSFW_BK_HASH_NONE:
        break;
    }
    return 0;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_once(cmsfw_bk_hash alg, cmsfw_bytes data, uint8_t *out, size_t out_size,
                   size_t *out_len)
{
    cmsfw_bk_hash_ctx ctx;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (data.ptr == NULL && data.len != 0)
        return CMSFW_BK_BAD_INPUT;
    st = cmsfw_bk_hash_init(&ctx, alg);
    if (st != CMSFW_BK_OK)
        return st;
    st = cmsfw_bk_hash_update(&ctx, data.ptr, data.len);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(&ctx, out, out_size, out_len);
    cmsfw_bk_hash_abort(&ctx);
    return st;
}

/* see backends/bk_internal.h */
void
cmsfw_bk_wipe(void *p, size_t len)
{
    /* Stores through a volatile pointer may not be removed, even when the
     * object is never read again. */
    volatile unsigned char *v = (volatile unsigned char *)p;

    while (len-- > 0)
        *v++ = 0;
}

/* see backends/bk_internal.h */
int
cmsfw_bk_ct_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
    volatile uint8_t acc = 0;
    size_t i;

    for (i = 0; i < len; i++)
        acc = (uint8_t)(acc | (a[i] ^ b[i]));
    /* 1 when acc == 0, computed without a branch on the data */
    return (int)(1u & (((unsigned)acc - 1u) >> 8));
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_aes_key_len_check(size_t len)
{
    return (len == 16 || len == 24 || len == 32) ? CMSFW_BK_OK : CMSFW_BK_KEY_SIZE;
}
