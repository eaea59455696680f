/*
 * backends/openssl_pk.c: public-key operations on OpenSSL 3 libcrypto.
 *
 * Every key has already passed keyparse.c, so the library sees only DER
 * the strict parser accepted, and its answer is checked against what that
 * parser found (type, curve, modulus size). RSA and EC keys are read from
 * the DER by d2i_PUBKEY / d2i_AutoPrivateKey; EdDSA keys from their raw
 * octets, because OpenSSL 3.0 does not read the publicKey field of a
 * OneAsymmetricKey (RFC 5958 v2), which cmsfw accepts and checks against
 * the seed itself.
 *
 * ECDSA and RSA are handed the digest (EVP_PKEY_sign / EVP_PKEY_verify with
 * the digest named, so that PKCS#1 v1.5 builds the DigestInfo and PSS
 * hashes with the right function); EdDSA is handed the message.
 */
#ifndef OPENSSL_NO_DEPRECATED
#define OPENSSL_NO_DEPRECATED
#endif

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"

/* An empty message may come as a NULL pointer; EVP wants an address. */
static const uint8_t empty_message[1];

static const EVP_MD *
md_of(cmsfw_bk_hash hash)
{
    switch (hash) {
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

static int
is_eddsa(cmsfw_bk_key_type type)
{
    return type == CMSFW_BK_KEY_ED25519 || type == CMSFW_BK_KEY_ED448;
}

static const char *
eddsa_name(cmsfw_bk_key_type type)
{
    return type == CMSFW_BK_KEY_ED448 ? "ED448" : "ED25519";
}

/* ------------------------------------------------------------ loading keys */

/* The NID of the named curve of an EC key, NID_undef if none. OpenSSL
 * reports the NIST name ("P-256") or the short name ("prime256v1"). */
static int
curve_nid(const EVP_PKEY *pkey)
{
    char name[64];
    size_t len = 0;
    int nid;

    if (EVP_PKEY_get_group_name(pkey, name, sizeof name, &len) != 1)
        return NID_undef;
    nid = EC_curve_nist2nid(name);
    return nid != NID_undef ? nid : OBJ_sn2nid(name);
}

/* The library's view of the key must be what keyparse.c found. */
static int
same_key(const EVP_PKEY *pkey, const cmsfw_bk_key_info *info)
{
    switch (info->type) {
    case CMSFW_BK_KEY_RSA:
        return EVP_PKEY_is_a(pkey, "RSA") && EVP_PKEY_get_bits(pkey) >= 0 &&
               (unsigned)EVP_PKEY_get_bits(pkey) == info->bits;
    case CMSFW_BK_KEY_EC_P256:
        return EVP_PKEY_is_a(pkey, "EC") && curve_nid(pkey) == NID_X9_62_prime256v1;
    case CMSFW_BK_KEY_EC_P384:
        return EVP_PKEY_is_a(pkey, "EC") && curve_nid(pkey) == NID_secp384r1;
    case CMSFW_BK_KEY_ED25519:
    case CMSFW_BK_KEY_ED448:
        return EVP_PKEY_is_a(pkey, eddsa_name(info->type));
    case CMSFW_BK_KEY_EC_OTHER:
    case CMSFW_BK_KEY_HSS_LMS: /* backends/lms.c */
    case CMSFW_BK_KEY_UNKNOWN:
        break;
    }
    return 0;
}

/*
 * Run one of EVP's key checks on an EC key; 1 when it passes: the point is
 * on the curve (public), the scalar is in 1..n-1 (private). That is what
 * Mbed TLS checks; neither it nor wolfSSL checks that the publicKey of an
 * ECPrivateKey belongs to the scalar, so this backend does not either.
 * RSA keys are not put through EVP's checks at all: OpenSSL's refuses
 * exponents below 2^16 + 1 and tests primality, which would make this
 * backend disagree with the others on keys they accept.
 */
static int
ec_check(EVP_PKEY *pkey, int (*check)(EVP_PKEY_CTX *))
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    int ok = ctx != NULL && check(ctx) == 1;

    EVP_PKEY_CTX_free(ctx);
    return ok;
}

/* 1 when big-endian magnitude @p a (no leading zero octet) is below @p b. */
static int
magnitude_below(cmsfw_bytes a, cmsfw_bytes b)
{
    if (a.len != b.len)
        return a.len < b.len;
    return memcmp(a.ptr, b.ptr, a.len) < 0;
}

/*
 * RFC 8017 3.1: n is a product of odd primes, so odd; 3 <= e <= n - 1,
 * and e is odd, being prime to lambda(n), which is even. OpenSSL reads
 * such a key without complaint; refusing it here answers BAD_KEY where
 * Mbed TLS does, rather than letting it reach a signature check.
 */
static int
rsa_public_sane(const cmsfw_bk_pubkey *key)
{
    cmsfw_bytes n = key->modulus, e = key->exponent;

    return (n.ptr[n.len - 1] & 1) != 0 && (e.ptr[e.len - 1] & 1) != 0 &&
           (e.len > 1 || e.ptr[0] >= 3) && magnitude_below(e, n);
}

/* A public key as an EVP_PKEY; *out NULL unless OK. */
static cmsfw_bk_status
load_public(cmsfw_bytes der, const cmsfw_bk_pubkey *key, EVP_PKEY **out)
{
    const unsigned char *p = der.ptr;
    EVP_PKEY *pkey = NULL;
    cmsfw_bk_status st = CMSFW_BK_BAD_KEY;

    *out = NULL;
    if (key->info.type == CMSFW_BK_KEY_RSA && !rsa_public_sane(key))
        return CMSFW_BK_BAD_KEY;
    if (is_eddsa(key->info.type))
        pkey = EVP_PKEY_new_raw_public_key_ex(NULL, eddsa_name(key->info.type), NULL,
                                              key->raw.ptr, key->raw.len);
    else if (der.len <= LONG_MAX)
        pkey = d2i_PUBKEY(NULL, &p, (long)der.len);
    if (pkey != NULL && (is_eddsa(key->info.type) || p == der.ptr + der.len) &&
        same_key(pkey, &key->info)) {
        st = CMSFW_BK_OK;
        if ((key->info.type == CMSFW_BK_KEY_EC_P256 || key->info.type == CMSFW_BK_KEY_EC_P384) &&
            !ec_check(pkey, EVP_PKEY_public_check))
            st = CMSFW_BK_BAD_KEY;
    }
    if (st == CMSFW_BK_OK)
        *out = pkey;
    else
        EVP_PKEY_free(pkey);
    return st;
}

/* An EdDSA private key from its seed; the public key in a
 * OneAsymmetricKey v2, when given, must be the one the seed makes. */
static cmsfw_bk_status
load_eddsa_private(const cmsfw_bk_privkey *key, EVP_PKEY **out)
{
    uint8_t pub[57]; /* Ed448's length; Ed25519's is 32 */
    size_t pub_len = sizeof pub;
    EVP_PKEY *pkey;
    cmsfw_bk_status st = CMSFW_BK_OK;

    pkey = EVP_PKEY_new_raw_private_key_ex(NULL, eddsa_name(key->info.type), NULL,
                                           key->secret.ptr, key->secret.len);
    if (pkey == NULL)
        return CMSFW_BK_BAD_KEY;
    if (EVP_PKEY_get_raw_public_key(pkey, pub, &pub_len) != 1)
        st = CMSFW_BK_FAILURE;
    else if (key->pub.ptr != NULL &&
             (key->pub.len != pub_len || !cmsfw_bk_ct_equal(pub, key->pub.ptr, pub_len)))
        st = CMSFW_BK_BAD_KEY; /* the public key given does not belong to the seed */
    cmsfw_bk_wipe(pub, sizeof pub);
    if (st == CMSFW_BK_OK)
        *out = pkey;
    else
        EVP_PKEY_free(pkey);
    return st;
}

/* A private key as an EVP_PKEY; *out NULL unless OK. */
static cmsfw_bk_status
load_private(cmsfw_bytes der, const cmsfw_bk_privkey *key, EVP_PKEY **out)
{
    const unsigned char *p = der.ptr;
    EVP_PKEY *pkey = NULL;
    cmsfw_bk_status st = CMSFW_BK_BAD_KEY;

    *out = NULL;
    if (is_eddsa(key->info.type))
        return load_eddsa_private(key, out);
    if (der.len <= LONG_MAX)
        pkey = d2i_AutoPrivateKey(NULL, &p, (long)der.len);
    if (pkey != NULL && p == der.ptr + der.len && same_key(pkey, &key->info)) {
        st = CMSFW_BK_OK;
        if (key->info.type != CMSFW_BK_KEY_RSA &&
            (!ec_check(pkey, EVP_PKEY_public_check) || !ec_check(pkey, EVP_PKEY_private_check)))
            st = CMSFW_BK_BAD_KEY;
    }
    if (st == CMSFW_BK_OK)
        *out = pkey;
    else
        EVP_PKEY_free(pkey); /* frees the private parts cleansed */
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key)
{
    EVP_PKEY *pkey = NULL;
    cmsfw_bk_status st = load_public(der, key, &pkey);

    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_check_pkcs8(cmsfw_bytes der, const cmsfw_bk_privkey *key)
{
    EVP_PKEY *pkey = NULL;
    cmsfw_bk_status st = load_private(der, key, &pkey);

    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return st;
}

/* -------------------------------------------------- ECDSA and RSA settings */

/*
 * Padding and digest of @p scheme on a context set up for signing or
 * verifying: the digest the caller computed, PKCS#1 v1.5 DigestInfo with
 * NULL parameters, or PSS with MGF1 over the same hash and a salt of the
 * hash length. A salt length given as a number is required exactly when
 * verifying, so a PSS signature with another salt does not verify.
 */
static int
set_scheme(EVP_PKEY_CTX *ctx, cmsfw_bk_sig scheme, cmsfw_bk_hash hash)
{
    const EVP_MD *md = md_of(hash);

    if (md == NULL)
        return 0;
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return EVP_PKEY_CTX_set_signature_md(ctx, md) > 0;
    case CMSFW_BK_SIG_RSA_PKCS1:
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0 &&
               EVP_PKEY_CTX_set_signature_md(ctx, md) > 0;
    case CMSFW_BK_SIG_RSA_PSS:
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) > 0 &&
               EVP_PKEY_CTX_set_signature_md(ctx, md) > 0 &&
               EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, md) > 0 &&
               EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, (int)cmsfw_bk_hash_len(hash)) > 0;
    case CMSFW_BK_SIG_ED25519:
    case CMSFW_BK_SIG_ED448:
    case CMSFW_BK_SIG_HSS_LMS: /* backends/lms.c; never reaches a library */
        break;
    }
    return 0;
}

static cmsfw_bk_status
digest_verify(EVP_PKEY *pkey, cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes tbs,
              cmsfw_bytes sig)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx != NULL && EVP_PKEY_verify_init(ctx) == 1 && set_scheme(ctx, scheme, hash)) {
        /* 0 for a wrong signature, < 0 for one that does not decode */
        st = EVP_PKEY_verify(ctx, sig.ptr, sig.len, tbs.ptr, tbs.len) == 1
                 ? CMSFW_BK_OK
                 : CMSFW_BK_BAD_SIGNATURE;
    }
    EVP_PKEY_CTX_free(ctx);
    return st;
}

static cmsfw_bk_status
digest_sign(EVP_PKEY *pkey, cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes tbs,
            uint8_t *out, size_t *out_len)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (ctx != NULL && EVP_PKEY_sign_init(ctx) == 1 && set_scheme(ctx, scheme, hash) &&
        EVP_PKEY_sign(ctx, out, out_len, tbs.ptr, tbs.len) == 1)
        st = CMSFW_BK_OK;
    EVP_PKEY_CTX_free(ctx);
    return st;
}

/* ------------------------------------------------------------------- EdDSA */

/* Pure EdDSA (Ed448 with an empty context) over the whole message. */
static cmsfw_bk_status
eddsa_verify(EVP_PKEY *pkey, cmsfw_bytes msg, cmsfw_bytes sig)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (m != NULL && EVP_DigestVerifyInit_ex(m, NULL, NULL, NULL, NULL, pkey, NULL) == 1)
        st = EVP_DigestVerify(m, sig.ptr, sig.len, msg.ptr, msg.len) == 1
                 ? CMSFW_BK_OK
                 : CMSFW_BK_BAD_SIGNATURE;
    EVP_MD_CTX_free(m);
    return st;
}

static cmsfw_bk_status
eddsa_sign(EVP_PKEY *pkey, cmsfw_bytes msg, uint8_t *out, size_t *out_len)
{
    EVP_MD_CTX *m = EVP_MD_CTX_new();
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (m != NULL && EVP_DigestSignInit_ex(m, NULL, NULL, NULL, NULL, pkey, NULL) == 1 &&
        EVP_DigestSign(m, out, out_len, msg.ptr, msg.len) == 1)
        st = CMSFW_BK_OK;
    EVP_MD_CTX_free(m);
    return st;
}

/* -------------------------------------------------------------- the hooks */

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs, cmsfw_bytes sig)
{
    EVP_PKEY *pkey = NULL;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (sig.ptr == NULL)
        return CMSFW_BK_BAD_SIGNATURE;
    if (tbs.ptr == NULL)
        tbs.ptr = empty_message;
    st = load_public(der, key, &pkey);
    if (st == CMSFW_BK_OK) {
        if (is_eddsa(key->info.type))
            st = eddsa_verify(pkey, tbs, sig);
        else
            st = digest_verify(pkey, scheme, hash, tbs, sig);
    }
    EVP_PKEY_free(pkey);
    ERR_clear_error();
    return st;
}

/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_lib_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                  const cmsfw_bk_privkey *key, cmsfw_bytes tbs, uint8_t *sig, size_t *sig_len)
{
    EVP_PKEY *pkey = NULL;
    uint8_t buf[CMSFW_BK_SIG_MAX];
    size_t n = sizeof buf;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (tbs.ptr == NULL)
        tbs.ptr = empty_message;
    st = load_private(der, key, &pkey);
    if (st == CMSFW_BK_OK) {
        if (is_eddsa(key->info.type))
            st = eddsa_sign(pkey, tbs, buf, &n);
        else
            st = digest_sign(pkey, scheme, hash, tbs, buf, &n);
    }
    if (st == CMSFW_BK_OK && n > cmsfw_bk_sig_size(scheme, &key->info))
        st = CMSFW_BK_FAILURE;
    if (st == CMSFW_BK_OK) {
        memcpy(sig, buf, n);
        *sig_len = n;
    }
    EVP_PKEY_free(pkey);
    cmsfw_bk_wipe(buf, sizeof buf);
    ERR_clear_error();
    return st;
}
