/*
 * backends/openssl.c: the crypto interface on OpenSSL 3 libcrypto:
 * identity, hashes, AES and random. Public-key operations are in
 * openssl_pk.c. Only EVP and its companions are used; OPENSSL_NO_DEPRECATED
 * hides every deprecated declaration, so none can creep in.
 *
 * This is the host backend: EVP dispatches to the CPU's SHA and AES
 * instructions (SHA-NI, AES-NI, PCLMULQDQ) when it has them.
 *
 * Contexts: the library's own contexts are allocated by it. The caller's
 * storage holds a magic value and a pointer to the EVP context; final and
 * abort free the EVP context and zero the storage, so that abort may be
 * called again on it. Nothing in the storage points into itself.
 *
 * GCM runs on EVP for every nonce length the interface accepts (12 to
 * 128 bytes): OpenSSL streams GCM in pieces of any size and takes nonces
 * up to 128 bytes. gcm.c is not needed here.
 */
#ifndef OPENSSL_NO_DEPRECATED
#define OPENSSL_NO_DEPRECATED
#endif

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

#if OPENSSL_VERSION_MAJOR < 3
#error "cmsfw's openssl backend needs OpenSSL 3 libcrypto"
#endif

/* EVP lengths are int: longer inputs go in pieces of this size (a multiple
 * of the AES block, so CBC may be split anywhere on it). */
#define OS_CHUNK ((size_t)0x40000000u)

/* SP 800-38D 5.2.1.1: the most plaintext one GCM invocation may take. */
#define OS_GCM_MAX_TEXT ((((uint64_t)1) << 36) - 32)

/* --------------------------------------------------------------- identity */

/* see backends/backend.h */
const char *
cmsfw_bk_name(void)
{
    return "openssl";
}

/* see backends/backend.h */
const char *
cmsfw_bk_version(void)
{
    return OPENSSL_VERSION_STR;
}

/* see backends/backend.h */
uint32_t
cmsfw_bk_caps(void)
{
    /* every one of these is in the default provider of OpenSSL 3.0 */
    return CMSFW_BK_CAP_SHA256 | CMSFW_BK_CAP_SHA384 | CMSFW_BK_CAP_SHA512 |
           CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384 | CMSFW_BK_CAP_RSA_PKCS1 |
           CMSFW_BK_CAP_RSA_PSS | CMSFW_BK_CAP_ED25519 | CMSFW_BK_CAP_ED448 |
           CMSFW_BK_CAP_AES_CBC | CMSFW_BK_CAP_AES_GCM | CMSFW_BK_CAP_AES_KW |
           CMSFW_BK_CAP_SIGN | CMSFW_BK_CAP_RANDOM |
           CMSFW_BK_CAP_HSS_LMS; /* backends/lms.c over the SHA-256 here */
}

/* ----------------------------------------------------------------- hashes */

typedef struct os_hash {
    uint32_t magic;
    cmsfw_bk_hash alg;
    EVP_MD_CTX *md;
} os_hash;

CMSFW_BK_ASSERT_FITS(os_hash, cmsfw_bk_hash_ctx, hash_ctx);

static os_hash *
hash_of(cmsfw_bk_hash_ctx *ctx)
{
    return (os_hash *)(void *)ctx;
}

static const EVP_MD *
md_of(cmsfw_bk_hash alg)
{
    switch (alg) {
    case CMSFW_BK_SHA256:
        return EVP_sha256();
    case CMSFW_BK_SHA384:
        return EVP_sha384();
    case CMSFW_BK_SHA512:
        return EVP_sha512();
    case CMSFW_BK_HASH_NONE:
        break;
    }
    return NULL;
}

/* see backends/backend.h */
void
cmsfw_bk_hash_abort(cmsfw_bk_hash_ctx *ctx)
{
    os_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return;
    /* EVP_MD_CTX_free cleanses the digest state before freeing it */
    if (h->magic == CMSFW_BK_MAGIC_HASH)
        EVP_MD_CTX_free(h->md);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_init(cmsfw_bk_hash_ctx *ctx, cmsfw_bk_hash alg)
{
    os_hash *h = hash_of(ctx);
    const EVP_MD *type = md_of(alg);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (type == NULL)
        return CMSFW_BK_UNSUPPORTED;
    h->md = EVP_MD_CTX_new();
    if (h->md == NULL)
        return CMSFW_BK_FAILURE;
    h->magic = CMSFW_BK_MAGIC_HASH;
    h->alg = alg;
    if (EVP_DigestInit_ex2(h->md, type, NULL) != 1) {
        cmsfw_bk_hash_abort(ctx);
        ERR_clear_error();
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_update(cmsfw_bk_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    os_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (h->magic != CMSFW_BK_MAGIC_HASH || (data == NULL && len != 0)) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (len == 0)
        return CMSFW_BK_OK;
    if (EVP_DigestUpdate(h->md, data, len) != 1) {
        cmsfw_bk_hash_abort(ctx);
        ERR_clear_error();
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_final(cmsfw_bk_hash_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len)
{
    os_hash *h = hash_of(ctx);
    uint8_t digest[EVP_MAX_MD_SIZE];
    unsigned int got = 0;
    size_t n;
    int rc;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    n = cmsfw_bk_hash_len(h->alg);
    if (h->magic != CMSFW_BK_MAGIC_HASH || out == NULL || out_len == NULL || out_size < n) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    rc = EVP_DigestFinal_ex(h->md, digest, &got);
    cmsfw_bk_hash_abort(ctx);
    if (rc != 1 || got != n) {
        cmsfw_bk_wipe(digest, sizeof digest);
        ERR_clear_error();
        return CMSFW_BK_FAILURE;
    }
    memcpy(out, digest, n);
    *out_len = n;
    cmsfw_bk_wipe(digest, sizeof digest);
    return CMSFW_BK_OK;
}

/* ------------------------------------------------------------- AES block */

static const EVP_CIPHER *
aes_ecb(size_t key_len)
{
    if (key_len == 16)
        return EVP_aes_128_ecb();
    return key_len == 24 ? EVP_aes_192_ecb() : EVP_aes_256_ecb();
}

static const EVP_CIPHER *
aes_cbc(size_t key_len)
{
    if (key_len == 16)
        return EVP_aes_128_cbc();
    return key_len == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
}

static const EVP_CIPHER *
aes_gcm(size_t key_len)
{
    if (key_len == 16)
        return EVP_aes_128_gcm();
    return key_len == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
}

/*
 * A new EVP context keyed with @p key for @p type (ECB or CBC), without
 * padding; @p iv NULL for ECB. NULL on failure, with the error queue
 * cleared.
 */
static EVP_CIPHER_CTX *
evp_open(const EVP_CIPHER *type, const uint8_t *key, const uint8_t *iv, int encrypt)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();

    if (c == NULL)
        return NULL;
    if (EVP_CipherInit_ex2(c, type, key, iv, encrypt != 0, NULL) != 1 ||
        EVP_CIPHER_CTX_set_padding(c, 0) != 1) {
        /* the free cleanses whatever key schedule was already made */
        EVP_CIPHER_CTX_free(c);
        ERR_clear_error();
        return NULL;
    }
    return c;
}

/* Run @p len bytes through @p c, in pieces EVP takes; 0 when every piece
 * gave exactly as many bytes out as went in. @p out NULL: AEAD data. */
static int
evp_run(EVP_CIPHER_CTX *c, const uint8_t *in, uint8_t *out, size_t len)
{
    size_t n;
    int outl;

    while (len > 0) {
        n = len < OS_CHUNK ? len : OS_CHUNK;
        outl = -1;
        if (EVP_CipherUpdate(c, out, &outl, in, (int)n) != 1 || (size_t)outl != n) {
            ERR_clear_error();
            return -1;
        }
        in += n;
        if (out != NULL)
            out += n;
        len -= n;
    }
    return 0;
}

typedef struct os_aes {
    uint32_t magic;
    EVP_CIPHER_CTX *evp;
} os_aes;

CMSFW_BK_ASSERT_FITS(os_aes, cmsfw_bk_aes_ctx, aes_ctx);

static os_aes *
aes_of(cmsfw_bk_aes_ctx *ctx)
{
    return (os_aes *)(void *)ctx;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_init(cmsfw_bk_aes_ctx *ctx, cmsfw_bytes key, int encrypt)
{
    os_aes *a = aes_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (key.ptr == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    a->evp = evp_open(aes_ecb(key.len), key.ptr, NULL, encrypt);
    if (a->evp == NULL)
        return CMSFW_BK_FAILURE;
    a->magic = CMSFW_BK_MAGIC_AES;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_aes_block(cmsfw_bk_aes_ctx *ctx, const uint8_t in[16], uint8_t out[16])
{
    os_aes *a = aes_of(ctx);

    if (ctx == NULL || a->magic != CMSFW_BK_MAGIC_AES || in == NULL || out == NULL)
        return CMSFW_BK_BAD_INPUT;
    return evp_run(a->evp, in, out, 16) == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
}

/* see backends/backend.h */
void
cmsfw_bk_aes_wipe(cmsfw_bk_aes_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (aes_of(ctx)->magic == CMSFW_BK_MAGIC_AES)
        EVP_CIPHER_CTX_free(aes_of(ctx)->evp);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* ------------------------------------------------------------ CBC and GCM */

typedef struct os_cipher {
    uint32_t magic;
    EVP_CIPHER_CTX *evp;
    uint64_t text_len; /* GCM: bytes so far, for the SP 800-38D limit */
} os_cipher;

CMSFW_BK_ASSERT_FITS(os_cipher, cmsfw_bk_cipher_ctx, cipher_ctx);

static os_cipher *
cipher_of(cmsfw_bk_cipher_ctx *ctx)
{
    return (os_cipher *)(void *)ctx;
}

static int
is_cbc(const os_cipher *c)
{
    return c->magic == CMSFW_BK_MAGIC_CBC_ENC || c->magic == CMSFW_BK_MAGIC_CBC_DEC;
}

static int
is_gcm(const os_cipher *c)
{
    return c->magic == CMSFW_BK_MAGIC_GCM_ENC || c->magic == CMSFW_BK_MAGIC_GCM_DEC;
}

/* see backends/backend.h */
void
cmsfw_bk_cipher_abort(cmsfw_bk_cipher_ctx *ctx)
{
    os_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return;
    if (is_cbc(c) || is_gcm(c))
        EVP_CIPHER_CTX_free(c->evp);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, const uint8_t iv[16], int encrypt)
{
    os_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (key.ptr == NULL || iv == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    c->evp = evp_open(aes_cbc(key.len), key.ptr, iv, encrypt);
    if (c->evp == NULL)
        return CMSFW_BK_FAILURE;
    c->magic = encrypt ? CMSFW_BK_MAGIC_CBC_ENC : CMSFW_BK_MAGIC_CBC_DEC;
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    os_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (!is_cbc(c) || len % 16 != 0 || (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    /* without padding, EVP holds no block back: n bytes in, n bytes out */
    if (evp_run(c->evp, in, out, len) != 0) {
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
    /* only whole blocks went in: there is nothing left to flush */
    if (is_cbc(cipher_of(ctx)))
        st = CMSFW_BK_OK;
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* GCM keyed with @p key and @p nonce. The nonce length is set on its own
 * step before the key and nonce: EVP reads the nonce with the length the
 * context has at that moment. */
static EVP_CIPHER_CTX *
gcm_open(cmsfw_bytes key, cmsfw_bytes nonce, int encrypt)
{
    EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
    size_t iv_len = nonce.len;
    OSSL_PARAM params[2];

    if (c == NULL)
        return NULL;
    params[0] = OSSL_PARAM_construct_size_t(OSSL_CIPHER_PARAM_AEAD_IVLEN, &iv_len);
    params[1] = OSSL_PARAM_construct_end();
    if (EVP_CipherInit_ex2(c, aes_gcm(key.len), NULL, NULL, encrypt != 0, NULL) != 1 ||
        EVP_CIPHER_CTX_set_params(c, params) != 1 ||
        EVP_CipherInit_ex2(c, NULL, key.ptr, nonce.ptr, encrypt != 0, NULL) != 1) {
        EVP_CIPHER_CTX_free(c);
        ERR_clear_error();
        return NULL;
    }
    return c;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key, cmsfw_bytes nonce, cmsfw_bytes aad,
                  int encrypt)
{
    os_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (key.ptr == NULL || nonce.ptr == NULL || nonce.len < CMSFW_BK_GCM_NONCE_MIN ||
        nonce.len > CMSFW_BK_GCM_NONCE_MAX || (aad.ptr == NULL && aad.len != 0))
        return CMSFW_BK_BAD_INPUT;
    if (cmsfw_bk_aes_key_len_check(key.len) != CMSFW_BK_OK)
        return CMSFW_BK_KEY_SIZE;
    c->evp = gcm_open(key, nonce, encrypt);
    if (c->evp == NULL)
        return CMSFW_BK_FAILURE;
    c->magic = encrypt ? CMSFW_BK_MAGIC_GCM_ENC : CMSFW_BK_MAGIC_GCM_DEC;
    /* the whole AAD now: no output buffer marks it as AAD */
    if (evp_run(c->evp, aad.ptr, NULL, aad.len) != 0) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    os_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (!is_gcm(c) || (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    /* SP 800-38D 5.2.1.1: at most 2^39 - 256 bits; EVP refuses more too,
     * but as a library failure, where gcm.c answers BAD_INPUT */
    if ((uint64_t)len > OS_GCM_MAX_TEXT - c->text_len) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    c->text_len += len;
    /* EVP's GCM streams: every byte in gives its byte out at once */
    if (evp_run(c->evp, in, out, len) != 0) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
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
    os_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;
    OSSL_PARAM params[2];
    uint8_t rest[16];
    int outl = 0;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (c->magic == CMSFW_BK_MAGIC_GCM_ENC && tag_len_ok(tag, tag_len)) {
        /* asked for fewer than 16 bytes, EVP gives the first ones: the
         * truncation of SP 800-38D 7.1 step 8 */
        params[0] = OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, tag, tag_len);
        params[1] = OSSL_PARAM_construct_end();
        if (EVP_CipherFinal_ex(c->evp, rest, &outl) == 1 && outl == 0 &&
            EVP_CIPHER_CTX_get_params(c->evp, params) == 1)
            st = CMSFW_BK_OK;
        else
            st = CMSFW_BK_FAILURE;
    }
    if (st != CMSFW_BK_OK)
        ERR_clear_error();
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_decrypt_final(cmsfw_bk_cipher_ctx *ctx, const uint8_t *tag, size_t tag_len)
{
    os_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_BAD_INPUT;
    OSSL_PARAM params[2];
    uint8_t expect[16], rest[16];
    int outl = 0;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (c->magic == CMSFW_BK_MAGIC_GCM_DEC && tag_len_ok(tag, tag_len)) {
        /* EVP compares the first tag_len bytes of the tag it computes
         * with these, with CRYPTO_memcmp (constant time) */
        memcpy(expect, tag, tag_len);
        params[0] =
            OSSL_PARAM_construct_octet_string(OSSL_CIPHER_PARAM_AEAD_TAG, expect, tag_len);
        params[1] = OSSL_PARAM_construct_end();
        if (EVP_CIPHER_CTX_set_params(c->evp, params) != 1)
            st = CMSFW_BK_FAILURE;
        else if (EVP_CipherFinal_ex(c->evp, rest, &outl) == 1 && outl == 0)
            st = CMSFW_BK_OK;
        /* else: the tag differs, BAD_INPUT */
    }
    if (st != CMSFW_BK_OK)
        ERR_clear_error();
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* ----------------------------------------------------------------- random */

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_random(uint8_t *out, size_t len)
{
    size_t n;

    if (out == NULL && len != 0)
        return CMSFW_BK_BAD_INPUT;
    /* RAND_bytes draws from the library's DRBG, seeded from the OS */
    while (len > 0) {
        n = len < OS_CHUNK ? len : OS_CHUNK;
        if (RAND_bytes(out, (int)n) != 1) {
            ERR_clear_error();
            return CMSFW_BK_FAILURE;
        }
        out += n;
        len -= n;
    }
    return CMSFW_BK_OK;
}
