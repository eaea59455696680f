/*
 * backends/mbedtls.c: the crypto interface on Mbed TLS.
 *
 * Builds with Mbed TLS 2.28 (Debian 12) and 3.x. Every difference between
 * the two sits in the shims right below, behind MBEDTLS_VERSION_NUMBER;
 * the rest of the file is common. No struct member of the library is read
 * or written: only its functions.
 *
 * Memory: hashes, AES and GCM run on the caller's context storage without
 * allocating. Key parsing and the bignum code allocate through
 * mbedtls_calloc (a device build points it at a static arena), and
 * signing and random allocate the DRBG state (about 40 KiB with Debian's
 * entropy configuration) rather than putting it on the stack.
 */
#include <mbedtls/version.h>
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <mbedtls/build_info.h>
#else
#include <mbedtls/config.h>
#endif

#include <mbedtls/aes.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha256.h>
#include <mbedtls/sha512.h>
#if defined(MBEDTLS_USE_PSA_CRYPTO)
#include <psa/crypto.h>
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

#if !defined(MBEDTLS_SHA256_C) || !defined(MBEDTLS_SHA512_C) || !defined(MBEDTLS_AES_C) ||  \
    !defined(MBEDTLS_CIPHER_MODE_CBC) || !defined(MBEDTLS_PK_PARSE_C) ||                     \
    !defined(MBEDTLS_CTR_DRBG_C) || !defined(MBEDTLS_ENTROPY_C)
#error "cmsfw needs Mbed TLS with SHA256_C, SHA512_C, AES_C, CIPHER_MODE_CBC, PK_PARSE_C, CTR_DRBG_C, ENTROPY_C"
#endif

/* ------------------------------------------------- 2.28 / 3.x differences */

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define mb_sha256_starts mbedtls_sha256_starts
#define mb_sha256_update mbedtls_sha256_update
#define mb_sha256_finish mbedtls_sha256_finish
#define mb_sha512_starts mbedtls_sha512_starts
#define mb_sha512_update mbedtls_sha512_update
#define mb_sha512_finish mbedtls_sha512_finish
#if defined(MBEDTLS_SHA384_C)
#define MB_HAVE_SHA384 1
#endif
#else
#define mb_sha256_starts mbedtls_sha256_starts_ret
#define mb_sha256_update mbedtls_sha256_update_ret
#define mb_sha256_finish mbedtls_sha256_finish_ret
#define mb_sha512_starts mbedtls_sha512_starts_ret
#define mb_sha512_update mbedtls_sha512_update_ret
#define mb_sha512_finish mbedtls_sha512_finish_ret
#if !defined(MBEDTLS_SHA512_NO_SHA384)
#define MB_HAVE_SHA384 1
#endif
#endif

typedef struct mb_rng {
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
} mb_rng;

/* 3.x parses private keys with an RNG (blinding when deriving the public
 * EC point); 2.28 takes none. */
static int
mb_parse_key(mbedtls_pk_context *pk, cmsfw_bytes der, mb_rng *rng)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    return mbedtls_pk_parse_key(pk, der.ptr, der.len, NULL, 0, mbedtls_ctr_drbg_random,
                                &rng->drbg);
#else
    (void)rng;
    return mbedtls_pk_parse_key(pk, der.ptr, der.len, NULL, 0);
#endif
}

/* 3.x pk_sign takes the output size; 2.28 assumes
 * MBEDTLS_PK_SIGNATURE_MAX_SIZE bytes, which every caller here provides. */
static int
mb_pk_sign(mbedtls_pk_context *pk, mbedtls_md_type_t md, cmsfw_bytes hash, uint8_t *sig,
           size_t sig_size, size_t *sig_len, mb_rng *rng)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    return mbedtls_pk_sign(pk, md, hash.ptr, hash.len, sig, sig_size, sig_len,
                           mbedtls_ctr_drbg_random, &rng->drbg);
#else
    (void)sig_size;
    return mbedtls_pk_sign(pk, md, hash.ptr, hash.len, sig, sig_len, mbedtls_ctr_drbg_random,
                           &rng->drbg);
#endif
}

/* 3.x returns a status and types the hash; 2.28 returns nothing. */
static int
mb_rsa_padding(mbedtls_pk_context *pk, int padding, mbedtls_md_type_t md)
{
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    return mbedtls_rsa_set_padding(mbedtls_pk_rsa(*pk), padding, md);
#else
    mbedtls_rsa_set_padding(mbedtls_pk_rsa(*pk), padding, (int)md);
    return 0;
#endif
}

/* With MBEDTLS_USE_PSA_CRYPTO (3.x), pk operations run on PSA. */
static int
mb_crypto_ready(void)
{
#if defined(MBEDTLS_USE_PSA_CRYPTO)
    return psa_crypto_init() == PSA_SUCCESS ? 0 : -1;
#else
    return 0;
#endif
}

/* --------------------------------------------------------------- identity */

/* see backends/backend.h */
const char *
cmsfw_bk_name(void)
{
    return "mbedtls";
}

/* see backends/backend.h */
const char *
cmsfw_bk_version(void)
{
    return MBEDTLS_VERSION_STRING;
}

/* see backends/backend.h */
uint32_t
cmsfw_bk_caps(void)
{
    uint32_t caps = CMSFW_BK_CAP_SHA256 | CMSFW_BK_CAP_SHA512 | CMSFW_BK_CAP_AES_CBC |
                    CMSFW_BK_CAP_AES_GCM | CMSFW_BK_CAP_AES_KW | CMSFW_BK_CAP_SIGN |
                    CMSFW_BK_CAP_RANDOM | CMSFW_BK_CAP_HSS_LMS;

#if defined(MB_HAVE_SHA384)
    caps |= CMSFW_BK_CAP_SHA384;
#endif
#if defined(MBEDTLS_ECDSA_C) && defined(MBEDTLS_ECP_DP_SECP256R1_ENABLED)
    caps |= CMSFW_BK_CAP_ECDSA_P256;
#endif
#if defined(MBEDTLS_ECDSA_C) && defined(MBEDTLS_ECP_DP_SECP384R1_ENABLED)
    caps |= CMSFW_BK_CAP_ECDSA_P384;
#endif
#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_PKCS1_V15)
    caps |= CMSFW_BK_CAP_RSA_PKCS1;
#endif
#if defined(MBEDTLS_RSA_C) && defined(MBEDTLS_PKCS1_V21)
    caps |= CMSFW_BK_CAP_RSA_PSS;
#endif
    /* Mbed TLS has no EdDSA: Ed25519 and Ed448 stay unsupported. */
    return caps;
}

/* ----------------------------------------------------------------- hashes */

typedef struct mb_hash {
    uint32_t magic;
    cmsfw_bk_hash alg;
    union {
        mbedtls_sha256_context s256;
        mbedtls_sha512_context s512;
    } u;
} mb_hash;

CMSFW_BK_ASSERT_FITS(mb_hash, cmsfw_bk_hash_ctx, hash_ctx);

static mb_hash *
hash_of(cmsfw_bk_hash_ctx *ctx)
{
    return (mb_hash *)(void *)ctx;
}

/* see backends/backend.h */
void
cmsfw_bk_hash_abort(cmsfw_bk_hash_ctx *ctx)
{
    mb_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return;
    if (h->magic == CMSFW_BK_MAGIC_HASH) {
        if (h->alg == CMSFW_BK_SHA256)
            mbedtls_sha256_free(&h->u.s256);
        else
            mbedtls_sha512_free(&h->u.s512);
    }
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_init(cmsfw_bk_hash_ctx *ctx, cmsfw_bk_hash alg)
{
    mb_hash *h = hash_of(ctx);
    int rc = -1;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    switch (alg) {
    case CMSFW_BK_SHA256:
        mbedtls_sha256_init(&h->u.s256);
        rc = mb_sha256_starts(&h->u.s256, 0);
        break;
    case CMSFW_BK_SHA384:
        if (!cmsfw_bk_has(CMSFW_BK_CAP_SHA384))
            return CMSFW_BK_UNSUPPORTED;
        mbedtls_sha512_init(&h->u.s512);
        rc = mb_sha512_starts(&h->u.s512, 1);
        break;
    case CMSFW_BK_SHA512:
        mbedtls_sha512_init(&h->u.s512);
        rc = mb_sha512_starts(&h->u.s512, 0);
        break;
    case CMSFW_BK_HASH_NONE:
    default:
        return CMSFW_BK_UNSUPPORTED;
    }
    h->magic = CMSFW_BK_MAGIC_HASH;
    h->alg = alg;
    if (rc != 0) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_update(cmsfw_bk_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    mb_hash *h = hash_of(ctx);
    int rc = -1;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (h->magic != CMSFW_BK_MAGIC_HASH || (data == NULL && len != 0)) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (len == 0)
        return CMSFW_BK_OK;
    if (h->alg == CMSFW_BK_SHA256)
        rc = mb_sha256_update(&h->u.s256, data, len);
    else
        rc = mb_sha512_update(&h->u.s512, data, len);
    if (rc != 0) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_final(cmsfw_bk_hash_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len)
{
    mb_hash *h = hash_of(ctx);
    uint8_t digest[64];
    size_t n;
    int rc = -1;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    n = cmsfw_bk_hash_len(h->alg);
    if (h->magic != CMSFW_BK_MAGIC_HASH || out == NULL || out_len == NULL || out_size < n) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (h->alg == CMSFW_BK_SHA256)
        rc = mb_sha256_finish(&h->u.s256, digest);
    else
        rc = mb_sha512_finish(&h->u.s512, digest);
    cmsfw_bk_hash_abort(ctx);
    if (rc != 0) {
        cmsfw_bk_wipe(digest, sizeof digest);
        return CMSFW_BK_FAILURE;
    }
    /* SHA-384 is SHA-512 with other initial values, truncated */
    memcpy(out, digest, n);
    *out_len = n;
    cmsfw_bk_wipe(digest, sizeof digest);
    return CMSFW_BK_OK;
}

/* ------------------------------------------------------ AES block and modes */

typedef struct mb_aes {
    uint32_t magic;
    int encrypt;
    mbedtls_aes_context aes;
} mb_aes;

CMSFW_BK_ASSERT_FITS(mb_aes, cmsfw_bk_aes_ctx, aes_ctx);

static mb_aes *
aes_of(cmsfw_bk_aes_ctx *ctx)
{
    return (mb_aes *)(void *)ctx;
}

/* Expand @p key into @p aes; KEY_SIZE / FAILURE with @p aes freed. */
static cmsfw_bk_status
aes_setup(mbedtls_aes_context *aes, cmsfw_bytes key, int encrypt)
{
    int rc = -1;

    if (key.ptr == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    mbedtls_aes_init(aes);
    if (encrypt)
        rc = mbedtls_aes_setkey_enc(aes, key.ptr, (unsigned)key.len * 8u);
    else
        rc = mbedtls_aes_setkey_dec(aes, key.ptr, (unsigned)key.len * 8u);
    if (rc != 0) {
        mbedtls_aes_free(aes);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_init(cmsfw_bk_aes_ctx *ctx, cmsfw_bytes key, int encrypt)
{
    mb_aes *a = aes_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    st = aes_setup(&a->aes, key, encrypt);
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_wipe(ctx, sizeof *ctx);
        return st;
    }
    a->magic = CMSFW_BK_MAGIC_AES;
    a->encrypt = encrypt != 0;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_block(cmsfw_bk_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16])
{
    mb_aes *a = aes_of(ctx);

    if (ctx == NULL || a->magic != CMSFW_BK_MAGIC_AES || in == NULL || out == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (mbedtls_aes_crypt_ecb(&a->aes, a->encrypt ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT,
                              in, out) != 0)
        return CMSFW_BK_FAILURE;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
void
cmsfw_bk_aes_wipe(cmsfw_bk_aes_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (aes_of(ctx)->magic == CMSFW_BK_MAGIC_AES)
        mbedtls_aes_free(&aes_of(ctx)->aes);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* CBC keeps the chaining value here; GCM runs on gcm.c over the same key
 * (see the note at cmsfw_bk_gcm_init in backend.h). */
typedef struct mb_cipher {
    uint32_t magic;
    mbedtls_aes_context aes;
    uint8_t iv[16];
    cmsfw_bk_gcm gcm;
} mb_cipher;

CMSFW_BK_ASSERT_FITS(mb_cipher, cmsfw_bk_cipher_ctx, cipher_ctx);

static mb_cipher *
cipher_of(cmsfw_bk_cipher_ctx *ctx)
{
    return (mb_cipher *)(void *)ctx;
}

/* see backends/backend.h */
void
cmsfw_bk_cipher_abort(cmsfw_bk_cipher_ctx *ctx)
{
    uint32_t m;

    if (ctx == NULL)
        return;
    m = cipher_of(ctx)->magic;
    if (m == CMSFW_BK_MAGIC_CBC_ENC || m == CMSFW_BK_MAGIC_CBC_DEC ||
        m == CMSFW_BK_MAGIC_GCM_ENC || m == CMSFW_BK_MAGIC_GCM_DEC)
        mbedtls_aes_free(&cipher_of(ctx)->aes);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, const uint8_t iv[16], int encrypt)
{
    mb_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (iv == NULL)
        return CMSFW_BK_BAD_INPUT;
    st = aes_setup(&c->aes, key, encrypt);
    if (st != CMSFW_BK_OK)
        return st;
    memcpy(c->iv, iv, 16);
    c->magic = encrypt ? CMSFW_BK_MAGIC_CBC_ENC : CMSFW_BK_MAGIC_CBC_DEC;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    mb_cipher *c = cipher_of(ctx);
    int mode;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_CBC_ENC && c->magic != CMSFW_BK_MAGIC_CBC_DEC) ||
        len % 16 != 0 || (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (len == 0)
        return CMSFW_BK_OK;
    mode = c->magic == CMSFW_BK_MAGIC_CBC_ENC ? MBEDTLS_AES_ENCRYPT : MBEDTLS_AES_DECRYPT;
    if (mbedtls_aes_crypt_cbc(&c->aes, mode, len, c->iv, in, out) != 0) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_finish(cmsfw_bk_cipher_ctx *ctx)
{
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cipher_of(ctx)->magic == CMSFW_BK_MAGIC_CBC_ENC ||
        cipher_of(ctx)->magic == CMSFW_BK_MAGIC_CBC_DEC)
        st = CMSFW_BK_OK;
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

static int
block_encrypt(void *key, const uint8_t in[16], uint8_t out[16])
{
    return mbedtls_aes_crypt_ecb((mbedtls_aes_context *)key, MBEDTLS_AES_ENCRYPT, in, out);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, cmsfw_bytes nonce, cmsfw_bytes aad,
                  int encrypt)
{
    mb_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    st = aes_setup(&c->aes, key, 1);
    if (st != CMSFW_BK_OK)
        return st;
    c->magic = encrypt ? CMSFW_BK_MAGIC_GCM_ENC : CMSFW_BK_MAGIC_GCM_DEC;
    st = cmsfw_bk_gcm_start(&c->gcm, block_encrypt, &c->aes, nonce, aad, encrypt != 0);
    if (st != CMSFW_BK_OK)
        cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    mb_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_GCM_ENC && c->magic != CMSFW_BK_MAGIC_GCM_DEC) ||
        (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    st = cmsfw_bk_gcm_run(&c->gcm, in, out, len);
    if (st != CMSFW_BK_OK)
        cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_encrypt_final(cmsfw_bk_cipher_ctx *ctx, uint8_t *tag, size_t tag_len)
{
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cipher_of(ctx)->magic == CMSFW_BK_MAGIC_GCM_ENC)
        st = cmsfw_bk_gcm_final_enc(&cipher_of(ctx)->gcm, tag, tag_len);
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_decrypt_final(cmsfw_bk_cipher_ctx *ctx, const uint8_t *tag, size_t tag_len)
{
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cipher_of(ctx)->magic == CMSFW_BK_MAGIC_GCM_DEC)
        st = cmsfw_bk_gcm_final_dec(&cipher_of(ctx)->gcm, tag, tag_len);
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* ----------------------------------------------------------------- random */

static void
rng_close(mb_rng *r)
{
    if (r == NULL)
        return;
    mbedtls_ctr_drbg_free(&r->drbg);
    mbedtls_entropy_free(&r->entropy);
    cmsfw_bk_wipe(r, sizeof *r);
    free(r);
}

/* A CTR_DRBG seeded from the platform entropy sources, or NULL. */
static mb_rng *
rng_open(void)
{
    static const unsigned char personalisation[] = "cmsfw backend";
    mb_rng *r = (mb_rng *)calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    mbedtls_entropy_init(&r->entropy);
    mbedtls_ctr_drbg_init(&r->drbg);
    if (mbedtls_ctr_drbg_seed(&r->drbg, mbedtls_entropy_func, &r->entropy, personalisation,
                              sizeof personalisation - 1) != 0) {
        rng_close(r);
        return NULL;
    }
    return r;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_random(uint8_t *out, size_t len)
{
    mb_rng *r = NULL;
    cmsfw_bk_status st = CMSFW_BK_OK;
    size_t n;

    if (out == NULL && len != 0)
        return CMSFW_BK_BAD_INPUT;
    if (len == 0)
        return CMSFW_BK_OK;
    r = rng_open();
    if (r == NULL)
        return CMSFW_BK_FAILURE;
    while (len > 0 && st == CMSFW_BK_OK) {
        n = len < MBEDTLS_CTR_DRBG_MAX_REQUEST ? len : MBEDTLS_CTR_DRBG_MAX_REQUEST;
        if (mbedtls_ctr_drbg_random(&r->drbg, out, n) != 0)
            st = CMSFW_BK_FAILURE;
        out += n;
        len -= n;
    }
    rng_close(r);
    return st;
}

/* ------------------------------------------------------------- public keys */

static mbedtls_md_type_t
md_of(cmsfw_bk_hash hash)
{
    switch (hash) {
    case CMSFW_BK_SHA256:
        return MBEDTLS_MD_SHA256;
    case CMSFW_BK_SHA384:
        return MBEDTLS_MD_SHA384;
    case CMSFW_BK_SHA512:
        return MBEDTLS_MD_SHA512;
    case CMSFW_BK_HASH_NONE:
        break;
    }
    return MBEDTLS_MD_NONE;
}

/* Out of memory, as opposed to anything about the input. Mbed TLS adds a
 * high-level and a low-level code, so both parts are looked at. */
static int
is_alloc_failure(int rc)
{
    int e = -rc;

    return (e & 0xff80) == -MBEDTLS_ERR_PK_ALLOC_FAILED ||
           (e & 0xff80) == -MBEDTLS_ERR_ECP_ALLOC_FAILED ||
           (e & 0x007f) == -MBEDTLS_ERR_MPI_ALLOC_FAILED;
}

/* The library's view of the key must be what keyparse.c found. 2.28
 * reports an RSA size in whole octets, so octets are compared. */
static int
same_key(const mbedtls_pk_context *pk, const cmsfw_bk_key_info *info)
{
    mbedtls_pk_type_t need = info->type == CMSFW_BK_KEY_RSA ? MBEDTLS_PK_RSA : MBEDTLS_PK_ECDSA;

    return mbedtls_pk_can_do(pk, need) &&
           (mbedtls_pk_get_bitlen(pk) + 7) / 8 == ((size_t)info->bits + 7) / 8;
}

/* Parse into @p pk (always initialised, so always freed by the caller). */
static cmsfw_bk_status
load_public(mbedtls_pk_context *pk, cmsfw_bytes der, const cmsfw_bk_key_info *info)
{
    int rc;

    mbedtls_pk_init(pk);
    if (info->type == CMSFW_BK_KEY_ED25519 || info->type == CMSFW_BK_KEY_ED448)
        return CMSFW_BK_UNSUPPORTED;
    if (mb_crypto_ready() != 0)
        return CMSFW_BK_FAILURE;
    rc = mbedtls_pk_parse_public_key(pk, der.ptr, der.len);
    if (rc != 0)
        return is_alloc_failure(rc) ? CMSFW_BK_FAILURE : CMSFW_BK_BAD_KEY;
    return same_key(pk, info) ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
}

static cmsfw_bk_status
load_private(mbedtls_pk_context *pk, cmsfw_bytes der, const cmsfw_bk_key_info *info,
             mb_rng *rng)
{
    int rc;

    mbedtls_pk_init(pk);
    if (info->type == CMSFW_BK_KEY_ED25519 || info->type == CMSFW_BK_KEY_ED448)
        return CMSFW_BK_UNSUPPORTED;
    if (mb_crypto_ready() != 0)
        return CMSFW_BK_FAILURE;
    rc = mb_parse_key(pk, der, rng);
    if (rc != 0)
        return is_alloc_failure(rc) ? CMSFW_BK_FAILURE : CMSFW_BK_BAD_KEY;
    return same_key(pk, info) ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key)
{
    mbedtls_pk_context pk;
    cmsfw_bk_status st = load_public(&pk, der, &key->info);

    mbedtls_pk_free(&pk);
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_pkcs8(cmsfw_bytes der, const cmsfw_bk_privkey *key)
{
    mbedtls_pk_context pk;
    mb_rng *rng = rng_open();
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (rng == NULL)
        return CMSFW_BK_FAILURE;
    st = load_private(&pk, der, &key->info, rng);
    mbedtls_pk_free(&pk);
    rng_close(rng);
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    mbedtls_pk_context pk;
    mbedtls_pk_rsassa_pss_options pss;
    mbedtls_md_type_t md = md_of(hash);
    cmsfw_bk_status st = load_public(&pk, der, &key->info);
    int rc = -1;

    if (st == CMSFW_BK_OK) {
        switch (scheme) {
        case CMSFW_BK_SIG_ECDSA:
            rc = mbedtls_pk_verify(&pk, md, tbs.ptr, tbs.len, sig.ptr, sig.len);
            break;
        case CMSFW_BK_SIG_RSA_PKCS1:
            rc = mb_rsa_padding(&pk, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
            if (rc == 0)
                rc = mbedtls_pk_verify(&pk, md, tbs.ptr, tbs.len, sig.ptr, sig.len);
            break;
        case CMSFW_BK_SIG_RSA_PSS:
            pss.mgf1_hash_id = md;
            pss.expected_salt_len = (int)tbs.len;
            rc = mbedtls_pk_verify_ext(MBEDTLS_PK_RSASSA_PSS, &pss, &pk, md, tbs.ptr, tbs.len,
                                       sig.ptr, sig.len);
            break;
        case CMSFW_BK_SIG_ED25519:
        case CMSFW_BK_SIG_ED448:
        case CMSFW_BK_SIG_HSS_LMS: /* backends/lms.c; never reaches a library */
            st = CMSFW_BK_UNSUPPORTED;
            break;
        }
        if (st == CMSFW_BK_OK && rc != 0)
            st = is_alloc_failure(rc) ? CMSFW_BK_FAILURE : CMSFW_BK_BAD_SIGNATURE;
    }
    mbedtls_pk_free(&pk);
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                  const cmsfw_bk_privkey *key, cmsfw_bytes tbs, uint8_t *sig, size_t *sig_len)
{
    mbedtls_pk_context pk;
    mbedtls_md_type_t md = md_of(hash);
    uint8_t buf[MBEDTLS_PK_SIGNATURE_MAX_SIZE];
    size_t n = 0;
    mb_rng *rng = NULL;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int rc = -1;

    if (scheme == CMSFW_BK_SIG_ED25519 || scheme == CMSFW_BK_SIG_ED448)
        return CMSFW_BK_UNSUPPORTED;
    rng = rng_open();
    if (rng == NULL)
        return CMSFW_BK_FAILURE;
    st = load_private(&pk, der, &key->info, rng);
    if (st == CMSFW_BK_OK) {
        rc = 0;
        if (scheme == CMSFW_BK_SIG_RSA_PKCS1)
            rc = mb_rsa_padding(&pk, MBEDTLS_RSA_PKCS_V15, MBEDTLS_MD_NONE);
        else if (scheme == CMSFW_BK_SIG_RSA_PSS)
            rc = mb_rsa_padding(&pk, MBEDTLS_RSA_PKCS_V21, md);
        if (rc == 0)
            rc = mb_pk_sign(&pk, md, tbs, buf, sizeof buf, &n, rng);
        if (rc != 0)
            st = CMSFW_BK_FAILURE;
        else if (n > cmsfw_bk_sig_size(scheme, &key->info))
            st = CMSFW_BK_FAILURE;
    }
    if (st == CMSFW_BK_OK) {
        memcpy(sig, buf, n);
        *sig_len = n;
    }
    mbedtls_pk_free(&pk);
    rng_close(rng);
    cmsfw_bk_wipe(buf, sizeof buf);
    return st;
}
