/*
 * backends/wolfssl.c: the crypto interface on wolfCrypt (wolfSSL 5.x):
 * identity, hashes, AES and random. Public-key operations are in
 * wolfssl_pk.c. Only wolfCrypt functions are used, never struct members.
 *
 * GCM uses wolfCrypt's streaming API (WOLFSSL_AESGCM_STREAM) for nonces of
 * 12 to 16 bytes; it refuses longer nonces, and builds without the
 * streaming API have none, so those cases run on gcm.c over the same AES
 * key. The behaviour seen through backend.h is the same either way.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>

#include <wolfssl/version.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/sha256.h>
#include <wolfssl/wolfcrypt/sha512.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

#if defined(NO_AES) || !defined(WOLFSSL_AES_DIRECT) || !defined(HAVE_AES_CBC) ||             \
    !defined(HAVE_AES_DECRYPT) || defined(NO_SHA256) || !defined(WOLFSSL_SHA384) ||          \
    !defined(WOLFSSL_SHA512) || defined(NO_RSA) || !defined(HAVE_ECC)
#error "cmsfw needs wolfSSL with AES (CBC, direct), SHA-256/384/512, RSA and ECC"
#endif

#if defined(HAVE_AESGCM) && defined(WOLFSSL_AESGCM_STREAM)
#define WF_GCM_STREAM 1
#endif

/* wolfCrypt lengths are 32-bit: longer inputs go in pieces of this size
 * (a multiple of the AES block, so CBC may be split anywhere on it). */
#define WF_CHUNK ((size_t)0x40000000u)

/* --------------------------------------------------------------- identity */

/* see backends/backend.h */
const char *
cmsfw_bk_name(void)
{
    return "wolfssl";
}

/* see backends/backend.h */
const char *
cmsfw_bk_version(void)
{
    return LIBWOLFSSL_VERSION_STRING;
}

/* see backends/backend.h */
uint32_t
cmsfw_bk_caps(void)
{
    uint32_t caps = CMSFW_BK_CAP_SHA256 | CMSFW_BK_CAP_SHA384 | CMSFW_BK_CAP_SHA512 |
                    CMSFW_BK_CAP_RSA_PKCS1 | CMSFW_BK_CAP_AES_CBC | CMSFW_BK_CAP_AES_GCM |
                    CMSFW_BK_CAP_AES_KW | CMSFW_BK_CAP_SIGN | CMSFW_BK_CAP_RANDOM |
                    CMSFW_BK_CAP_HSS_LMS; /* backends/lms.c over the SHA-256 here */

#if !defined(NO_ECC256)
    caps |= CMSFW_BK_CAP_ECDSA_P256;
#endif
#if defined(HAVE_ALL_CURVES) || defined(HAVE_ECC384)
    caps |= CMSFW_BK_CAP_ECDSA_P384;
#endif
#if defined(WC_RSA_PSS)
    caps |= CMSFW_BK_CAP_RSA_PSS;
#endif
#if defined(HAVE_ED25519)
    caps |= CMSFW_BK_CAP_ED25519;
#endif
#if defined(HAVE_ED448)
    caps |= CMSFW_BK_CAP_ED448;
#endif
    return caps;
}

/* ----------------------------------------------------------------- hashes */

typedef struct wf_hash {
    uint32_t magic;
    cmsfw_bk_hash alg;
    union {
        wc_Sha256 s256;
        wc_Sha384 s384;
        wc_Sha512 s512;
    } u;
} wf_hash;

CMSFW_BK_ASSERT_FITS(wf_hash, cmsfw_bk_hash_ctx, hash_ctx);

static wf_hash *
hash_of(cmsfw_bk_hash_ctx *ctx)
{
    return (wf_hash *)(void *)ctx;
}

/* see backends/backend.h */
void
cmsfw_bk_hash_abort(cmsfw_bk_hash_ctx *ctx)
{
    wf_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return;
    if (h->magic == CMSFW_BK_MAGIC_HASH) {
        if (h->alg == CMSFW_BK_SHA256)
            wc_Sha256Free(&h->u.s256);
        else if (h->alg == CMSFW_BK_SHA384)
            wc_Sha384Free(&h->u.s384);
        else
            wc_Sha512Free(&h->u.s512);
    }
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_init(cmsfw_bk_hash_ctx *ctx, cmsfw_bk_hash alg)
{
    wf_hash *h = hash_of(ctx);
    int rc = -1;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    switch (alg) {
    case CMSFW_BK_SHA256:
        rc = wc_InitSha256_ex(&h->u.s256, NULL, INVALID_DEVID);
        break;
    case CMSFW_BK_SHA384:
        rc = wc_InitSha384_ex(&h->u.s384, NULL, INVALID_DEVID);
        break;
    case CMSFW_BK_SHA512:
        rc = wc_InitSha512_ex(&h->u.s512, NULL, INVALID_DEVID);
        break;
    case CMSFW_BK_HASH_NONE:
    default:
        return CMSFW_BK_UNSUPPORTED;
    }
    if (rc != 0) {
        cmsfw_bk_wipe(ctx, sizeof *ctx);
        return CMSFW_BK_FAILURE;
    }
    h->magic = CMSFW_BK_MAGIC_HASH;
    h->alg = alg;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_update(cmsfw_bk_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    wf_hash *h = hash_of(ctx);
    size_t n;
    int rc = 0;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (h->magic != CMSFW_BK_MAGIC_HASH || (data == NULL && len != 0)) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    while (len > 0 && rc == 0) {
        n = len < WF_CHUNK ? len : WF_CHUNK;
        if (h->alg == CMSFW_BK_SHA256)
            rc = wc_Sha256Update(&h->u.s256, data, (word32)n);
        else if (h->alg == CMSFW_BK_SHA384)
            rc = wc_Sha384Update(&h->u.s384, data, (word32)n);
        else
            rc = wc_Sha512Update(&h->u.s512, data, (word32)n);
        data += n;
        len -= n;
    }
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
    wf_hash *h = hash_of(ctx);
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
        rc = wc_Sha256Final(&h->u.s256, digest);
    else if (h->alg == CMSFW_BK_SHA384)
        rc = wc_Sha384Final(&h->u.s384, digest);
    else
        rc = wc_Sha512Final(&h->u.s512, digest);
    cmsfw_bk_hash_abort(ctx);
    if (rc != 0) {
        cmsfw_bk_wipe(digest, sizeof digest);
        return CMSFW_BK_FAILURE;
    }
    memcpy(out, digest, n);
    *out_len = n;
    cmsfw_bk_wipe(digest, sizeof digest);
    return CMSFW_BK_OK;
}

/* ------------------------------------------------------------- AES block */

typedef struct wf_aes {
    uint32_t magic;
    int encrypt;
    Aes aes;
} wf_aes;

CMSFW_BK_ASSERT_FITS(wf_aes, cmsfw_bk_aes_ctx, aes_ctx);

static wf_aes *
aes_of(cmsfw_bk_aes_ctx *ctx)
{
    return (wf_aes *)(void *)ctx;
}

/* wc_AesInit + key expansion for direct (ECB) use; @p aes is freed on
 * failure. */
static cmsfw_bk_status
aes_setup_direct(Aes *aes, cmsfw_bytes key, int encrypt)
{
    if (key.ptr == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    if (wc_AesInit(aes, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    if (wc_AesSetKeyDirect(aes, key.ptr, (word32)key.len, NULL,
                           encrypt ? AES_ENCRYPTION : AES_DECRYPTION) != 0) {
        wc_AesFree(aes);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_init(cmsfw_bk_aes_ctx *ctx, cmsfw_bytes key, int encrypt)
{
    wf_aes *a = aes_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    st = aes_setup_direct(&a->aes, key, encrypt);
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
    wf_aes *a = aes_of(ctx);
    int rc;

    if (ctx == NULL || a->magic != CMSFW_BK_MAGIC_AES || in == NULL || out == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (a->encrypt)
        rc = wc_AesEncryptDirect(&a->aes, out, in);
    else
        rc = wc_AesDecryptDirect(&a->aes, out, in);
    return rc == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
}

/* see backends/backend.h */
void
cmsfw_bk_aes_wipe(cmsfw_bk_aes_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (aes_of(ctx)->magic == CMSFW_BK_MAGIC_AES)
        wc_AesFree(&aes_of(ctx)->aes);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* ------------------------------------------------------------ CBC and GCM */

typedef struct wf_cipher {
    uint32_t magic;
    int generic; /* GCM runs on gcm.c with aes as a direct-use key */
    Aes aes;
    cmsfw_bk_gcm gcm;
} wf_cipher;

CMSFW_BK_ASSERT_FITS(wf_cipher, cmsfw_bk_cipher_ctx, cipher_ctx);

static wf_cipher *
cipher_of(cmsfw_bk_cipher_ctx *ctx)
{
    return (wf_cipher *)(void *)ctx;
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
        wc_AesFree(&cipher_of(ctx)->aes);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, const uint8_t iv[16], int encrypt)
{
    wf_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (key.ptr == NULL || iv == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    if (wc_AesInit(&c->aes, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    c->magic = encrypt ? CMSFW_BK_MAGIC_CBC_ENC : CMSFW_BK_MAGIC_CBC_DEC;
    if (wc_AesSetKey(&c->aes, key.ptr, (word32)key.len, iv,
                     encrypt ? AES_ENCRYPTION : AES_DECRYPTION) != 0) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    wf_cipher *c = cipher_of(ctx);
    size_t n;
    int rc = 0;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_CBC_ENC && c->magic != CMSFW_BK_MAGIC_CBC_DEC) ||
        len % 16 != 0 || (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    while (len > 0 && rc == 0) {
        n = len < WF_CHUNK ? len : WF_CHUNK;
        if (c->magic == CMSFW_BK_MAGIC_CBC_ENC)
            rc = wc_AesCbcEncrypt(&c->aes, out, in, (word32)n);
        else
            rc = wc_AesCbcDecrypt(&c->aes, out, in, (word32)n);
        in += n;
        out += n;
        len -= n;
    }
    if (rc != 0) {
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
    return wc_AesEncryptDirect((Aes *)key, out, in);
}

/* wolfCrypt's own streaming GCM: key, nonce and the whole AAD. */
static cmsfw_bk_status
gcm_start_native(wf_cipher *c, cmsfw_bytes key, cmsfw_bytes nonce, cmsfw_bytes aad, int encrypt)
{
#if defined(WF_GCM_STREAM)
    int rc;

    if ((uint64_t)aad.len > 0xffffffffu)
        return CMSFW_BK_BAD_INPUT;
    rc = wc_AesGcmInit(&c->aes, key.ptr, (word32)key.len, nonce.ptr, (word32)nonce.len);
    if (rc == 0 && aad.len > 0) {
        if (encrypt)
            rc = wc_AesGcmEncryptUpdate(&c->aes, NULL, NULL, 0, aad.ptr, (word32)aad.len);
        else
            rc = wc_AesGcmDecryptUpdate(&c->aes, NULL, NULL, 0, aad.ptr, (word32)aad.len);
    }
    return rc == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
#else
    (void)c;
    (void)key;
    (void)nonce;
    (void)aad;
    (void)encrypt;
    return CMSFW_BK_UNSUPPORTED;
#endif
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, cmsfw_bytes nonce, cmsfw_bytes aad,
                  int encrypt)
{
    wf_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int native = 0;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (key.ptr == NULL || nonce.ptr == NULL || nonce.len < CMSFW_BK_GCM_NONCE_MIN ||
        nonce.len > CMSFW_BK_GCM_NONCE_MAX || (aad.ptr == NULL && aad.len != 0))
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
#if defined(WF_GCM_STREAM)
    native = nonce.len <= GCM_NONCE_MAX_SZ;
#endif
    if (native) {
        if (wc_AesInit(&c->aes, NULL, INVALID_DEVID) != 0)
            return CMSFW_BK_FAILURE;
        c->magic = encrypt ? CMSFW_BK_MAGIC_GCM_ENC : CMSFW_BK_MAGIC_GCM_DEC;
        st = gcm_start_native(c, key, nonce, aad, encrypt);
    } else {
        st = aes_setup_direct(&c->aes, key, 1);
        if (st != CMSFW_BK_OK)
            return st;
        c->magic = encrypt ? CMSFW_BK_MAGIC_GCM_ENC : CMSFW_BK_MAGIC_GCM_DEC;
        c->generic = 1;
        st = cmsfw_bk_gcm_start(&c->gcm, block_encrypt, &c->aes, nonce, aad, encrypt != 0);
    }
    if (st != CMSFW_BK_OK)
        cmsfw_bk_cipher_abort(ctx);
    return st;
}

static int
gcm_update_native(wf_cipher *c, const uint8_t *in, uint8_t *out, size_t len)
{
#if defined(WF_GCM_STREAM)
    size_t n;
    int rc = 0;

    while (len > 0 && rc == 0) {
        n = len < WF_CHUNK ? len : WF_CHUNK;
        if (c->magic == CMSFW_BK_MAGIC_GCM_ENC)
            rc = wc_AesGcmEncryptUpdate(&c->aes, out, in, (word32)n, NULL, 0);
        else
            rc = wc_AesGcmDecryptUpdate(&c->aes, out, in, (word32)n, NULL, 0);
        in += n;
        out += n;
        len -= n;
    }
    return rc;
#else
    (void)c;
    (void)in;
    (void)out;
    (void)len;
    return -1;
#endif
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    wf_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_GCM_ENC && c->magic != CMSFW_BK_MAGIC_GCM_DEC) ||
        (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (c->generic)
        st = cmsfw_bk_gcm_run(&c->gcm, in, out, len);
    else
        st = gcm_update_native(c, in, out, len) == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
    if (st != CMSFW_BK_OK)
        cmsfw_bk_cipher_abort(ctx);
    return st;
}

static int
tag_len_ok(const uint8_t *tag, size_t tag_len)
{
    return tag != NULL && tag_len >= CMSFW_BK_GCM_TAG_MIN && tag_len <= CMSFW_BK_GCM_TAG_MAX;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_encrypt_final(cmsfw_bk_cipher_ctx *ctx, uint8_t *tag, size_t tag_len)
{
    wf_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (c->magic == CMSFW_BK_MAGIC_GCM_ENC && c->generic) {
        st = cmsfw_bk_gcm_final_enc(&c->gcm, tag, tag_len);
    } else if (c->magic == CMSFW_BK_MAGIC_GCM_ENC && tag_len_ok(tag, tag_len)) {
#if defined(WF_GCM_STREAM)
        st = wc_AesGcmEncryptFinal(&c->aes, tag, (word32)tag_len) == 0 ? CMSFW_BK_OK
                                                                       : CMSFW_BK_FAILURE;
#endif
    }
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_decrypt_final(cmsfw_bk_cipher_ctx *ctx, const uint8_t *tag, size_t tag_len)
{
    wf_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (c->magic == CMSFW_BK_MAGIC_GCM_DEC && c->generic) {
        st = cmsfw_bk_gcm_final_dec(&c->gcm, tag, tag_len);
    } else if (c->magic == CMSFW_BK_MAGIC_GCM_DEC && tag_len_ok(tag, tag_len)) {
#if defined(WF_GCM_STREAM)
        /* wolfCrypt compares the tag with its ConstantCompare() */
        int rc = wc_AesGcmDecryptFinal(&c->aes, tag, (word32)tag_len);

        st = rc == 0 ? CMSFW_BK_OK : rc == AES_GCM_AUTH_E ? CMSFW_BK_BAD_INPUT : CMSFW_BK_FAILURE;
#endif
    }
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* ----------------------------------------------------------------- random */

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_random(uint8_t *out, size_t len)
{
    WC_RNG rng;
    size_t n;
    int rc = 0;

    if (out == NULL && len != 0)
        return CMSFW_BK_BAD_INPUT;
    if (len == 0)
        return CMSFW_BK_OK;
    if (wc_InitRng(&rng) != 0)
        return CMSFW_BK_FAILURE;
    while (len > 0 && rc == 0) {
        n = len < (size_t)RNG_MAX_BLOCK_LEN ? len : (size_t)RNG_MAX_BLOCK_LEN;
        rc = wc_RNG_GenerateBlock(&rng, out, (word32)n);
        out += n;
        len -= n;
    }
    wc_FreeRng(&rng);
    return rc == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
}
