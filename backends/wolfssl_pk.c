/*
 * backends/wolfssl_pk.c: public-key operations on wolfCrypt. Keys arrive
 * already split by keyparse.c, so only wolfCrypt's raw import functions
 * are used (no second DER parser with its own idea of what is valid).
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/settings.h>

#include <wolfssl/wolfcrypt/ecc.h>
#include <wolfssl/wolfcrypt/ed25519.h>
#include <wolfssl/wolfcrypt/ed448.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/random.h>
#include <wolfssl/wolfcrypt/rsa.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

/* DigestInfo ::= SEQUENCE { AlgorithmIdentifier (with NULL), OCTET STRING }
 * up to the digest octets (RFC 8017 9.2 note 1). */
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

#define DI_MAX (19 + 64)

/* DigestInfo for @p digest into @p out; returns its length, 0 if unknown. */
static size_t
digest_info(cmsfw_bk_hash hash, cmsfw_bytes digest, uint8_t out[DI_MAX])
{
    const uint8_t *prefix = NULL;

    if (hash == CMSFW_BK_SHA256)
        prefix = di_sha256;
    else if (hash == CMSFW_BK_SHA384)
        prefix = di_sha384;
    else if (hash == CMSFW_BK_SHA512)
        prefix = di_sha512;
    if (prefix == NULL || digest.len != cmsfw_bk_hash_len(hash))
        return 0;
    memcpy(out, prefix, 19);
    memcpy(out + 19, digest.ptr, digest.len);
    return 19 + digest.len;
}

static enum wc_HashType
hash_type(cmsfw_bk_hash hash)
{
    if (hash == CMSFW_BK_SHA384)
        return WC_HASH_TYPE_SHA384;
    if (hash == CMSFW_BK_SHA512)
        return WC_HASH_TYPE_SHA512;
    return WC_HASH_TYPE_SHA256;
}

static int
mgf_of(cmsfw_bk_hash hash)
{
    if (hash == CMSFW_BK_SHA384)
        return WC_MGF1SHA384;
    if (hash == CMSFW_BK_SHA512)
        return WC_MGF1SHA512;
    return WC_MGF1SHA256;
}

static int
curve_of(cmsfw_bk_key_type type)
{
    return type == CMSFW_BK_KEY_EC_P384 ? ECC_SECP384R1 : ECC_SECP256R1;
}

/* A library status on a well-formed request: out of memory, or a
 * rejection of the input. */
static cmsfw_bk_status
rejected(int rc, cmsfw_bk_status otherwise)
{
    return rc == MEMORY_E ? CMSFW_BK_FAILURE : otherwise;
}

/* ------------------------------------------------------------------- ECDSA */

static cmsfw_bk_status
ecc_public(ecc_key *k, const cmsfw_bk_pubkey *key)
{
    int rc = wc_ecc_import_x963_ex(key->point.ptr, (word32)key->point.len, k,
                                   curve_of(key->info.type));

    if (rc == 0)
        rc = wc_ecc_check_key(k); /* on the curve, of the right order */
    return rc == 0 ? CMSFW_BK_OK : rejected(rc, CMSFW_BK_BAD_KEY);
}

static cmsfw_bk_status
ecdsa_verify(const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    ecc_key k;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int res = 0, rc;

    if (wc_ecc_init_ex(&k, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    st = ecc_public(&k, key);
    if (st == CMSFW_BK_OK) {
        rc = wc_ecc_verify_hash(sig.ptr, (word32)sig.len, tbs.ptr, (word32)tbs.len, &res, &k);
        if (rc != 0 || res != 1)
            st = rejected(rc, CMSFW_BK_BAD_SIGNATURE);
    }
    wc_ecc_free(&k);
    return st;
}

static cmsfw_bk_status
ecc_private(ecc_key *k, const cmsfw_bk_privkey *key)
{
    int rc = wc_ecc_import_private_key_ex(key->secret.ptr, (word32)key->secret.len, key->pub.ptr,
                                          (word32)key->pub.len, k, curve_of(key->info.type));

    return rc == 0 ? CMSFW_BK_OK : rejected(rc, CMSFW_BK_BAD_KEY);
}

/* With @p out NULL, only load the key. */
static cmsfw_bk_status
ecdsa_sign(const cmsfw_bk_privkey *key, cmsfw_bytes tbs, WC_RNG *rng, uint8_t *out,
           word32 *out_len)
{
    ecc_key k;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (wc_ecc_init_ex(&k, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    st = ecc_private(&k, key);
    if (st == CMSFW_BK_OK && out != NULL &&
        wc_ecc_sign_hash(tbs.ptr, (word32)tbs.len, out, out_len, rng, &k) != 0)
        st = CMSFW_BK_FAILURE;
    wc_ecc_free(&k);
    return st;
}

/* --------------------------------------------------------------------- RSA */

static cmsfw_bk_status
rsa_public(RsaKey *k, const cmsfw_bk_pubkey *key)
{
    int rc = wc_RsaPublicKeyDecodeRaw(key->modulus.ptr, (word32)key->modulus.len,
                                      key->exponent.ptr, (word32)key->exponent.len, k);

    if (rc != 0)
        return rejected(rc, CMSFW_BK_BAD_KEY);
    return (size_t)wc_RsaEncryptSize(k) * 8 >= key->info.bits ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
}

static cmsfw_bk_status
rsa_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, const cmsfw_bk_pubkey *key,
           cmsfw_bytes tbs, cmsfw_bytes sig)
{
    RsaKey k;
    uint8_t buf[CMSFW_BK_SIG_MAX], expect[DI_MAX];
    size_t di_len;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int rc = -1;

    if (sig.len > sizeof buf || wc_InitRsaKey_ex(&k, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    st = rsa_public(&k, key);
    if (st == CMSFW_BK_OK && scheme == CMSFW_BK_SIG_RSA_PKCS1) {
        di_len = digest_info(hash, tbs, expect);
        rc = wc_RsaSSL_Verify(sig.ptr, (word32)sig.len, buf, (word32)sizeof buf, &k);
        if (rc < 0 || (size_t)rc != di_len || !cmsfw_bk_ct_equal(buf, expect, di_len))
            st = rejected(rc, CMSFW_BK_BAD_SIGNATURE);
    } else if (st == CMSFW_BK_OK) {
        /* the PSS call decodes in place, so it works on a copy */
        uint8_t em[CMSFW_BK_SIG_MAX];

        memcpy(em, sig.ptr, sig.len);
        rc = wc_RsaPSS_Verify_ex(em, (word32)sig.len, buf, (word32)sizeof buf, hash_type(hash),
                                 mgf_of(hash), (int)tbs.len, &k);
        if (rc > 0)
            rc = wc_RsaPSS_CheckPadding_ex(tbs.ptr, (word32)tbs.len, buf, (word32)rc,
                                           hash_type(hash), (int)tbs.len, (int)key->info.bits);
        if (rc != 0)
            st = rejected(rc, CMSFW_BK_BAD_SIGNATURE);
    }
    wc_FreeRsaKey(&k);
    return st;
}

static cmsfw_bk_status
rsa_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, const cmsfw_bk_privkey *key, cmsfw_bytes tbs,
         WC_RNG *rng, uint8_t *out, word32 *out_len)
{
    RsaKey k;
    uint8_t di[DI_MAX];
    size_t di_len;
    word32 idx = 0;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int rc;

    if (wc_InitRsaKey_ex(&k, NULL, INVALID_DEVID) != 0)
        return CMSFW_BK_FAILURE;
    rc = wc_RsaPrivateKeyDecode(key->inner.ptr, &idx, &k, (word32)key->inner.len);
    if (rc != 0 || idx != key->inner.len ||
        (size_t)wc_RsaEncryptSize(&k) != ((size_t)key->info.bits + 7) / 8) {
        st = rejected(rc, CMSFW_BK_BAD_KEY);
    } else if (out == NULL) {
        st = CMSFW_BK_OK;
    } else if (wc_RsaSetRNG(&k, rng) != 0) {
        st = CMSFW_BK_FAILURE;
    } else {
        if (scheme == CMSFW_BK_SIG_RSA_PKCS1) {
            di_len = digest_info(hash, tbs, di);
            rc = wc_RsaSSL_Sign(di, (word32)di_len, out, *out_len, &k, rng);
        } else {
            rc = wc_RsaPSS_Sign_ex(tbs.ptr, (word32)tbs.len, out, *out_len, hash_type(hash),
                                   mgf_of(hash), (int)tbs.len, &k, rng);
        }
        st = rc > 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
        if (rc > 0)
            *out_len = (word32)rc;
    }
    wc_FreeRsaKey(&k);
    return st;
}

/* ------------------------------------------------------------------- EdDSA */

#if defined(HAVE_ED25519)
static cmsfw_bk_status
ed25519_verify(const cmsfw_bk_pubkey *key, cmsfw_bytes msg, cmsfw_bytes sig)
{
    ed25519_key k;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int res = 0, rc;

    if (wc_ed25519_init(&k) != 0)
        return CMSFW_BK_FAILURE;
    rc = wc_ed25519_import_public(key->raw.ptr, (word32)key->raw.len, &k);
    if (rc != 0) {
        st = rejected(rc, CMSFW_BK_BAD_KEY);
    } else if (sig.ptr == NULL) {
        st = CMSFW_BK_OK; /* key check only */
    } else {
        rc = wc_ed25519_verify_msg(sig.ptr, (word32)sig.len, msg.ptr, (word32)msg.len, &res, &k);
        st = (rc == 0 && res == 1) ? CMSFW_BK_OK : rejected(rc, CMSFW_BK_BAD_SIGNATURE);
    }
    wc_ed25519_free(&k);
    return st;
}

static cmsfw_bk_status
ed25519_sign(const cmsfw_bk_privkey *key, cmsfw_bytes msg, uint8_t *out, word32 *out_len)
{
    ed25519_key k;
    uint8_t pub[ED25519_PUB_KEY_SIZE];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int rc;

    if (wc_ed25519_init(&k) != 0)
        return CMSFW_BK_FAILURE;
    rc = wc_ed25519_import_private_only(key->secret.ptr, (word32)key->secret.len, &k);
    if (rc == 0)
        rc = wc_ed25519_make_public(&k, pub, (word32)sizeof pub);
    if (rc != 0) {
        st = rejected(rc, CMSFW_BK_BAD_KEY);
    } else if (key->pub.ptr != NULL && !cmsfw_bk_ct_equal(pub, key->pub.ptr, sizeof pub)) {
        st = CMSFW_BK_BAD_KEY; /* the public key given does not belong to the seed */
    } else if (wc_ed25519_import_private_key(key->secret.ptr, (word32)key->secret.len, pub,
                                             (word32)sizeof pub, &k) != 0) {
        st = CMSFW_BK_FAILURE;
    } else if (out == NULL) {
        st = CMSFW_BK_OK;
    } else {
        rc = wc_ed25519_sign_msg(msg.ptr, (word32)msg.len, out, out_len, &k);
        st = rc == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
    }
    wc_ed25519_free(&k);
    cmsfw_bk_wipe(pub, sizeof pub);
    return st;
}
#endif

#if defined(HAVE_ED448)
static cmsfw_bk_status
ed448_verify(const cmsfw_bk_pubkey *key, cmsfw_bytes msg, cmsfw_bytes sig)
{
    ed448_key k;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int res = 0, rc;

    if (wc_ed448_init(&k) != 0)
        return CMSFW_BK_FAILURE;
    rc = wc_ed448_import_public(key->raw.ptr, (word32)key->raw.len, &k);
    if (rc != 0) {
        st = rejected(rc, CMSFW_BK_BAD_KEY);
    } else if (sig.ptr == NULL) {
        st = CMSFW_BK_OK;
    } else {
        rc = wc_ed448_verify_msg(sig.ptr, (word32)sig.len, msg.ptr, (word32)msg.len, &res, &k,
                                 NULL, 0);
        st = (rc == 0 && res == 1) ? CMSFW_BK_OK : rejected(rc, CMSFW_BK_BAD_SIGNATURE);
    }
    wc_ed448_free(&k);
    return st;
}

static cmsfw_bk_status
ed448_sign(const cmsfw_bk_privkey *key, cmsfw_bytes msg, uint8_t *out, word32 *out_len)
{
    ed448_key k;
    uint8_t pub[ED448_PUB_KEY_SIZE];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    int rc;

    if (wc_ed448_init(&k) != 0)
        return CMSFW_BK_FAILURE;
    rc = wc_ed448_import_private_only(key->secret.ptr, (word32)key->secret.len, &k);
    if (rc == 0)
        rc = wc_ed448_make_public(&k, pub, (word32)sizeof pub);
    if (rc != 0) {
        st = rejected(rc, CMSFW_BK_BAD_KEY);
    } else if (key->pub.ptr != NULL && !cmsfw_bk_ct_equal(pub, key->pub.ptr, sizeof pub)) {
        st = CMSFW_BK_BAD_KEY;
    } else if (wc_ed448_import_private_key(key->secret.ptr, (word32)key->secret.len, pub,
                                           (word32)sizeof pub, &k) != 0) {
        st = CMSFW_BK_FAILURE;
    } else if (out == NULL) {
        st = CMSFW_BK_OK;
    } else {
        rc = wc_ed448_sign_msg(msg.ptr, (word32)msg.len, out, out_len, &k, NULL, 0);
        st = rc == 0 ? CMSFW_BK_OK : CMSFW_BK_FAILURE;
    }
    wc_ed448_free(&k);
    cmsfw_bk_wipe(pub, sizeof pub);
    return st;
}
#endif

/* -------------------------------------------------------------- the hooks */

/* An empty message may come as a NULL pointer; wolfCrypt wants an address. */
static const uint8_t empty_message[1];

static cmsfw_bk_status
verify_by_type(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, const cmsfw_bk_pubkey *key,
               cmsfw_bytes tbs, cmsfw_bytes sig)
{
    if ((uint64_t)tbs.len > 0xffffffffu)
        return CMSFW_BK_BAD_INPUT;
    if (tbs.ptr == NULL)
        tbs.ptr = empty_message;
    switch (key->info.type) {
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
        return ecdsa_verify(key, tbs, sig);
    case CMSFW_BK_KEY_RSA:
        return rsa_verify(scheme, hash, key, tbs, sig);
#if defined(HAVE_ED25519)
    case CMSFW_BK_KEY_ED25519:
        return ed25519_verify(key, tbs, sig);
#endif
#if defined(HAVE_ED448)
    case CMSFW_BK_KEY_ED448:
        return ed448_verify(key, tbs, sig);
#endif
    default:
        break;
    }
    return CMSFW_BK_UNSUPPORTED;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key)
{
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    ecc_key ec;
    RsaKey rsa;
    cmsfw_bytes none = {NULL, 0};

    (void)der;
    switch (key->info.type) {
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
        if (wc_ecc_init_ex(&ec, NULL, INVALID_DEVID) != 0)
            return CMSFW_BK_FAILURE;
        st = ecc_public(&ec, key);
        wc_ecc_free(&ec);
        return st;
    case CMSFW_BK_KEY_RSA:
        if (wc_InitRsaKey_ex(&rsa, NULL, INVALID_DEVID) != 0)
            return CMSFW_BK_FAILURE;
        st = rsa_public(&rsa, key);
        wc_FreeRsaKey(&rsa);
        return st;
    default:
        /* EdDSA: import only (a NULL signature stops before verifying) */
        return verify_by_type(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, key, none, none);
    }
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    (void)der;
    if (sig.ptr == NULL)
        return CMSFW_BK_BAD_SIGNATURE;
    return verify_by_type(scheme, hash, key, tbs, sig);
}

/* Sign into @p out (CMSFW_BK_SIG_MAX bytes); *out_len in: size, out: used.
 * With @p out NULL, only load (and so check) the private key. */
static cmsfw_bk_status
sign_by_type(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, const cmsfw_bk_privkey *key,
             cmsfw_bytes tbs, WC_RNG *rng, uint8_t *out, word32 *out_len)
{
    if ((uint64_t)tbs.len > 0xffffffffu)
        return CMSFW_BK_BAD_INPUT;
    if (tbs.ptr == NULL)
        tbs.ptr = empty_message;
    switch (key->info.type) {
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
        return ecdsa_sign(key, tbs, rng, out, out_len);
    case CMSFW_BK_KEY_RSA:
        return rsa_sign(scheme, hash, key, tbs, rng, out, out_len);
#if defined(HAVE_ED25519)
    case CMSFW_BK_KEY_ED25519:
        return ed25519_sign(key, tbs, out, out_len);
#endif
#if defined(HAVE_ED448)
    case CMSFW_BK_KEY_ED448:
        return ed448_sign(key, tbs, out, out_len);
#endif
    default:
        break;
    }
    return CMSFW_BK_UNSUPPORTED;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                  const cmsfw_bk_privkey *key, cmsfw_bytes tbs, uint8_t *sig, size_t *sig_len)
{
    WC_RNG rng;
    uint8_t buf[CMSFW_BK_SIG_MAX];
    word32 n = (word32)sizeof buf;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    (void)der;
    if (wc_InitRng(&rng) != 0)
        return CMSFW_BK_FAILURE;
    st = sign_by_type(scheme, hash, key, tbs, &rng, buf, &n);
    if (st == CMSFW_BK_OK && n > cmsfw_bk_sig_size(scheme, &key->info))
        st = CMSFW_BK_FAILURE;
    if (st == CMSFW_BK_OK) {
        memcpy(sig, buf, n);
        *sig_len = n;
    }
    wc_FreeRng(&rng);
    cmsfw_bk_wipe(buf, sizeof buf);
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_pkcs8(cmsfw_bytes der, const cmsfw_bk_privkey *key)
{
    cmsfw_bytes none = {NULL, 0};
    cmsfw_bk_sig scheme = CMSFW_BK_SIG_RSA_PKCS1;

    (void)der;
    if (key->info.type == CMSFW_BK_KEY_ED25519)
        scheme = CMSFW_BK_SIG_ED25519;
    else if (key->info.type == CMSFW_BK_KEY_ED448)
        scheme = CMSFW_BK_SIG_ED448;
    /* no output buffer: load the key, do not sign */
    return sign_by_type(scheme, CMSFW_BK_SHA256, key, none, NULL, NULL, NULL);
}
