/*
 * backends/mbedtls_device.c: the crypto interface on a size-minimal Mbed
 * TLS 2.28, for the minimal profile on a microcontroller
 * (ports/cortex-m/mbedtls_config.h).
 *
 * What a device that only receives firmware needs: SHA-256, ECDSA P-256
 * verification from a SubjectPublicKeyInfo, and the AES block under
 * cmsfw's own CBC, GCM (gcm.c) and key wrap (aes_kw.c). HSS/LMS runs in
 * lms.c over the SHA-256 here. Everything else of backend.h answers
 * UNSUPPORTED, and cmsfw_bk_caps() says exactly this, so that `cms/`
 * answers badDigestAlgorithm, badSignatureAlgorithm... for the rest before
 * calling anything.
 *
 * Two build switches take parts out: -DCMSFW_BK_DEVICE_AES=0 (no
 * decryption) and -DCMSFW_BK_DEVICE_ECDSA=0 (HSS/LMS as the only signature
 * algorithm: no bignum, ECP or ECDSA, and no arena, which only they use;
 * Mbed TLS then needs SHA256_C alone).
 *
 * Memory: hashes and ciphers run on the caller's context storage, sized
 * down to what they need here (the port passes CMSFW_BK_*_CTX_SIZE; the
 * assertions below keep them honest). The ECDSA arithmetic allocates from
 * a static arena (mbedtls_device.h), which each verification resets.
 */

/* the headers only declare: what a build leaves out is not linked */
#include <mbedtls/aes.h>
#include <mbedtls/bignum.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/memory_buffer_alloc.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/mbedtls_device.h"

#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#error "backends/mbedtls_device.c is written for Mbed TLS 2.28 (Debian 12)"
#endif
#if !defined(MBEDTLS_SHA256_C)
#error "the device backend needs SHA256_C"
#endif
#if CMSFW_BK_DEVICE_ECDSA &&                                                                   \
    (!defined(MBEDTLS_ECDSA_C) || !defined(MBEDTLS_ECP_DP_SECP256R1_ENABLED) ||                \
     !defined(MBEDTLS_MEMORY_BUFFER_ALLOC_C))
#error "the device backend with ECDSA needs ECDSA_C on SECP256R1, MEMORY_BUFFER_ALLOC_C"
#endif
#if CMSFW_BK_DEVICE_AES && !defined(MBEDTLS_AES_C)
#error "the device backend with decryption (CMSFW_BK_DEVICE_AES) needs AES_C"
#endif

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
    /* HSS/LMS: backends/lms.c over the SHA-256 here */
    uint32_t caps = CMSFW_BK_CAP_SHA256 | CMSFW_BK_CAP_HSS_LMS;

#if CMSFW_BK_DEVICE_ECDSA
    caps |= CMSFW_BK_CAP_ECDSA_P256;
#endif
#if CMSFW_BK_DEVICE_AES
    caps |= CMSFW_BK_CAP_AES_CBC | CMSFW_BK_CAP_AES_GCM | CMSFW_BK_CAP_AES_KW;
#endif
    return caps;
}

/* ----------------------------------------------------------------- hashes */

typedef struct dev_hash {
    uint32_t magic;
    mbedtls_sha256_context s;
} dev_hash;

CMSFW_BK_ASSERT_FITS(dev_hash, cmsfw_bk_hash_ctx, hash_ctx);

static dev_hash *
hash_of(cmsfw_bk_hash_ctx *ctx)
{
    return (dev_hash *)(void *)ctx;
}

/* see backends/backend.h */
void
cmsfw_bk_hash_abort(cmsfw_bk_hash_ctx *ctx)
{
    if (ctx == NULL)
        return;
    if (hash_of(ctx)->magic == CMSFW_BK_MAGIC_HASH)
        mbedtls_sha256_free(&hash_of(ctx)->s);
    cmsfw_bk_wipe(ctx, sizeof *ctx);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_init(cmsfw_bk_hash_ctx *ctx, cmsfw_bk_hash alg)
{
    dev_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (alg != CMSFW_BK_SHA256)
        return CMSFW_BK_UNSUPPORTED;
    mbedtls_sha256_init(&h->s);
    h->magic = CMSFW_BK_MAGIC_HASH;
    if (mbedtls_sha256_starts_ret(&h->s, 0) != 0) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_update(cmsfw_bk_hash_ctx *ctx, const uint8_t *data, size_t len)
{
    dev_hash *h = hash_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (h->magic != CMSFW_BK_MAGIC_HASH || (data == NULL && len != 0)) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (len != 0 && mbedtls_sha256_update_ret(&h->s, data, len) != 0) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_FAILURE;
    }
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_hash_final(cmsfw_bk_hash_ctx *ctx, uint8_t *out, size_t out_size, size_t *out_len)
{
    dev_hash *h = hash_of(ctx);
    int rc = -1;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if (h->magic != CMSFW_BK_MAGIC_HASH || out == NULL || out_len == NULL || out_size < 32) {
        cmsfw_bk_hash_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    rc = mbedtls_sha256_finish_ret(&h->s, out);
    cmsfw_bk_hash_abort(ctx);
    if (rc != 0) {
        cmsfw_bk_wipe(out, 32);
        return CMSFW_BK_FAILURE;
    }
    *out_len = 32;
    return CMSFW_BK_OK;
}

/* ------------------------------------------------------ AES block and modes */

/* Left out of a build without decryption: nothing of the profile calls
 * these then (cms/min_nolayer.c refuses every encrypted layer), and a
 * reference that remained would fail the link rather than the device. */
#if CMSFW_BK_DEVICE_AES

typedef struct dev_aes {
    uint32_t magic;
    int encrypt;
    mbedtls_aes_context aes;
} dev_aes;

CMSFW_BK_ASSERT_FITS(dev_aes, cmsfw_bk_aes_ctx, aes_ctx);

static dev_aes *
aes_of(cmsfw_bk_aes_ctx *ctx)
{
    return (dev_aes *)(void *)ctx;
}

/* Expand @p key into @p aes; on failure @p aes holds nothing. */
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
    dev_aes *a = aes_of(ctx);
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
    dev_aes *a = aes_of(ctx);

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

/* A context runs CBC or GCM, never both: the chaining value and the GCM
 * state share their storage, which keeps the context (and with it the
 * caller's work buffer) small. */
typedef struct dev_cipher {
    uint32_t magic;
    mbedtls_aes_context aes;
    union {
        uint8_t iv[16];
        cmsfw_bk_gcm gcm;
    } u;
} dev_cipher;

CMSFW_BK_ASSERT_FITS(dev_cipher, cmsfw_bk_cipher_ctx, cipher_ctx);

static dev_cipher *
cipher_of(cmsfw_bk_cipher_ctx *ctx)
{
    return (dev_cipher *)(void *)ctx;
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
    dev_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    if (iv == NULL)
        return CMSFW_BK_BAD_INPUT;
    st = aes_setup(&c->aes, key, encrypt);
    if (st != CMSFW_BK_OK)
        return st;
    memcpy(c->u.iv, iv, 16);
    c->magic = encrypt ? CMSFW_BK_MAGIC_CBC_ENC : CMSFW_BK_MAGIC_CBC_DEC;
    return CMSFW_BK_OK;
}

/* CBC over the block function: mbedtls_aes_crypt_cbc() would bring the
 * library's CIPHER_MODE_CBC code for the same few lines. */
static int
cbc_blocks(dev_cipher *c, const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t t[16];
    size_t i, off;
    int enc = c->magic == CMSFW_BK_MAGIC_CBC_ENC;
    int rc = 0;

    for (off = 0; off < len && rc == 0; off += 16) {
        if (enc) {
            for (i = 0; i < 16; i++)
                t[i] = (uint8_t)(in[off + i] ^ c->u.iv[i]);
            rc = mbedtls_aes_crypt_ecb(&c->aes, MBEDTLS_AES_ENCRYPT, t, out + off);
            memcpy(c->u.iv, out + off, 16);
        } else {
            memcpy(t, in + off, 16); /* in == out allowed */
            rc = mbedtls_aes_crypt_ecb(&c->aes, MBEDTLS_AES_DECRYPT, t, out + off);
            for (i = 0; i < 16; i++)
                out[off + i] = (uint8_t)(out[off + i] ^ c->u.iv[i]);
            memcpy(c->u.iv, t, 16);
        }
    }
    cmsfw_bk_wipe(t, sizeof t);
    return rc;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_cbc_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    dev_cipher *c = cipher_of(ctx);

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_CBC_ENC && c->magic != CMSFW_BK_MAGIC_CBC_DEC) ||
        len % 16 != 0 || (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    if (cbc_blocks(c, in, out, len) != 0) {
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
    dev_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    cmsfw_bk_wipe(ctx, sizeof *ctx);
    st = aes_setup(&c->aes, key, 1);
    if (st != CMSFW_BK_OK)
        return st;
    c->magic = encrypt ? CMSFW_BK_MAGIC_GCM_ENC : CMSFW_BK_MAGIC_GCM_DEC;
    st = cmsfw_bk_gcm_start(&c->u.gcm, block_encrypt, &c->aes, nonce, aad, encrypt != 0);
    if (st != CMSFW_BK_OK)
        cmsfw_bk_cipher_abort(ctx);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_gcm_update(cmsfw_bk_cipher_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    dev_cipher *c = cipher_of(ctx);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx == NULL)
        return CMSFW_BK_BAD_INPUT;
    if ((c->magic != CMSFW_BK_MAGIC_GCM_ENC && c->magic != CMSFW_BK_MAGIC_GCM_DEC) ||
        (len != 0 && (in == NULL || out == NULL))) {
        cmsfw_bk_cipher_abort(ctx);
        return CMSFW_BK_BAD_INPUT;
    }
    st = cmsfw_bk_gcm_run(&c->u.gcm, in, out, len);
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
        st = cmsfw_bk_gcm_final_enc(&cipher_of(ctx)->u.gcm, tag, tag_len);
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
        st = cmsfw_bk_gcm_final_dec(&cipher_of(ctx)->u.gcm, tag, tag_len);
    cmsfw_bk_cipher_abort(ctx);
    return st;
}

#endif /* CMSFW_BK_DEVICE_AES */

/* ----------------------------------------------- what a device does not do */

/* see backends/backend.h: a device has no entropy source here */
cmsfw_bk_status
cmsfw_bk_random(uint8_t *out, size_t len)
{
    (void)out;
    (void)len;
    return CMSFW_BK_UNSUPPORTED;
}

/* see backends/bk_internal.h: private keys are not loaded on a device */
cmsfw_bk_status
cmsfw_bk_lib_check_pkcs8(cmsfw_bytes der, const cmsfw_bk_privkey *key)
{
    (void)der;
    (void)key;
    return CMSFW_BK_UNSUPPORTED;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                  const cmsfw_bk_privkey *key, cmsfw_bytes tbs, uint8_t *sig, size_t *sig_len)
{
    (void)scheme;
    (void)hash;
    (void)der;
    (void)key;
    (void)tbs;
    (void)sig;
    (void)sig_len;
    return CMSFW_BK_UNSUPPORTED;
}

/* ------------------------------------------------------- the static arena */

#if !CMSFW_BK_DEVICE_ECDSA

/* see backends/mbedtls_device.h: nothing allocates, there is no arena */
const unsigned char *
cmsfw_bk_arena(size_t *size)
{
    if (size != NULL)
        *size = 0;
    return NULL;
}

/* see backends/mbedtls_device.h */
size_t
cmsfw_bk_arena_failures(void)
{
    return 0;
}

/* see backends/bk_internal.h: an HSS/LMS key never reaches this hook
 * (sig.c checks it whole), and no other key is supported */
cmsfw_bk_status
cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key)
{
    (void)der;
    (void)key;
    return CMSFW_BK_UNSUPPORTED;
}

/* see backends/bk_internal.h: HSS/LMS runs in lms.c, called by sig.c */
cmsfw_bk_status
cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    (void)scheme;
    (void)hash;
    (void)der;
    (void)key;
    (void)tbs;
    (void)sig;
    return CMSFW_BK_UNSUPPORTED;
}

#else /* CMSFW_BK_DEVICE_ECDSA */

static unsigned char arena[CMSFW_BK_ARENA_SIZE];
static size_t arena_failures;

/* see backends/mbedtls_device.h */
const unsigned char *
cmsfw_bk_arena(size_t *size)
{
    if (size != NULL)
        *size = sizeof arena;
    return arena;
}

/* see backends/mbedtls_device.h */
size_t
cmsfw_bk_arena_failures(void)
{
    return arena_failures;
}

/* ------------------------------------------------------------- public keys */

/* Load P-256 and the public point @p q of @p key; 0 or an Mbed TLS code. */
static int
load_point(mbedtls_ecp_group *grp, mbedtls_ecp_point *q, const cmsfw_bk_pubkey *key)
{
    int rc = mbedtls_ecp_group_load(grp, MBEDTLS_ECP_DP_SECP256R1);

    if (rc == 0)
        rc = mbedtls_ecp_point_read_binary(grp, q, key->point.ptr, key->point.len);
    if (rc == 0)
        rc = mbedtls_ecp_check_pubkey(grp, q);
    return rc;
}

static int
is_alloc_failure(int rc)
{
    return rc == MBEDTLS_ERR_MPI_ALLOC_FAILED || rc == MBEDTLS_ERR_ECP_ALLOC_FAILED;
}

/* Start a verification on an empty arena; nothing outlives it. */
static void
arena_open(void)
{
    mbedtls_memory_buffer_alloc_init(arena, sizeof arena);
}

static void
arena_close(int rc)
{
    if (is_alloc_failure(rc))
        arena_failures++;
    mbedtls_memory_buffer_alloc_free();
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key)
{
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q;
    int rc = -1;

    (void)der;
    if (key->info.type != CMSFW_BK_KEY_EC_P256)
        return CMSFW_BK_UNSUPPORTED;
    arena_open();
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    rc = load_point(&grp, &q, key);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    arena_close(rc);
    if (rc == 0)
        return CMSFW_BK_OK;
    return is_alloc_failure(rc) ? CMSFW_BK_FAILURE : CMSFW_BK_BAD_KEY;
}

/* Next INTEGER of a DER Ecdsa-Sig-Value that cmsfw_bk_ecdsa_sig_wellformed()
 * accepted (so short lengths only: at most 33 octets each). */
static int
sig_integer(const uint8_t **p, const uint8_t *end, mbedtls_mpi *x)
{
    size_t n;

    if (end - *p < 2 || (*p)[0] != 0x02 || (*p)[1] > 0x7f)
        return -1;
    n = (*p)[1];
    *p += 2;
    if ((size_t)(end - *p) < n)
        return -1;
    *p += n;
    return mbedtls_mpi_read_binary(x, *p - n, n);
}

/* r and s out of SEQUENCE { r INTEGER, s INTEGER } (at most 72 octets,
 * so the SEQUENCE length has the short form). */
static int
sig_read(cmsfw_bytes sig, mbedtls_mpi *r, mbedtls_mpi *s)
{
    const uint8_t *p = sig.ptr, *end = sig.ptr + sig.len;

    if (sig.len < 2 || p[0] != 0x30 || p[1] != sig.len - 2)
        return -1;
    p += 2;
    if (sig_integer(&p, end, r) != 0 || sig_integer(&p, end, s) != 0)
        return -1;
    return p == end ? 0 : -1;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    mbedtls_ecp_group grp;
    mbedtls_ecp_point q;
    mbedtls_mpi r, s;
    cmsfw_bk_status st = CMSFW_BK_BAD_SIGNATURE;
    int rc = -1;

    (void)der;
    if (scheme != CMSFW_BK_SIG_ECDSA || hash != CMSFW_BK_SHA256 ||
        key->info.type != CMSFW_BK_KEY_EC_P256)
        return CMSFW_BK_UNSUPPORTED;
    arena_open();
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    rc = load_point(&grp, &q, key);
    if (rc != 0) {
        st = is_alloc_failure(rc) ? CMSFW_BK_FAILURE : CMSFW_BK_BAD_KEY;
    } else if ((rc = sig_read(sig, &r, &s)) == 0) {
        rc = mbedtls_ecdsa_verify(&grp, tbs.ptr, tbs.len, &q, &r, &s);
        if (rc == 0)
            st = CMSFW_BK_OK;
        else if (is_alloc_failure(rc))
            st = CMSFW_BK_FAILURE;
    } else if (is_alloc_failure(rc)) {
        st = CMSFW_BK_FAILURE;
    }
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_ecp_point_free(&q);
    mbedtls_ecp_group_free(&grp);
    arena_close(rc);
    return st;
}

#endif /* CMSFW_BK_DEVICE_ECDSA */
