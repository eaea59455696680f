/*
 * backends/sig.c: key information, signature verification and signing,
 * the parts that do not depend on the library. Every rule that decides a
 * status (scheme present, key type matching the scheme, key sizes, digest
 * length, signature encoding) is applied here, once, in the same order for
 * every backend; the backend hooks only run the library.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"

/* Capability a scheme needs before anything else is looked at. */
static uint32_t
scheme_caps(cmsfw_bk_sig scheme)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384;
    case CMSFW_BK_SIG_RSA_PKCS1:
        return CMSFW_BK_CAP_RSA_PKCS1;
    case CMSFW_BK_SIG_RSA_PSS:
        return CMSFW_BK_CAP_RSA_PSS;
    case CMSFW_BK_SIG_ED25519:
        return CMSFW_BK_CAP_ED25519;
    case CMSFW_BK_SIG_ED448:
        return CMSFW_BK_CAP_ED448;
    case CMSFW_BK_SIG_HSS_LMS:
        return CMSFW_BK_CAP_HSS_LMS;
    }
    return 0;
}

static uint32_t
hash_cap(cmsfw_bk_hash hash)
{
    switch (hash) {
    case CMSFW_BK_SHA256:
        return CMSFW_BK_CAP_SHA256;
    case CMSFW_BK_SHA384:
        return CMSFW_BK_CAP_SHA384;
    case CMSFW_BK_SHA512:
        return CMSFW_BK_CAP_SHA512;
    case CMSFW_BK_HASH_NONE:
        break;
    }
    return 0;
}

/* Schemes that take the message itself rather than a digest. */
static int
is_pure(cmsfw_bk_sig scheme)
{
    return scheme == CMSFW_BK_SIG_ED25519 || scheme == CMSFW_BK_SIG_ED448 ||
           scheme == CMSFW_BK_SIG_HSS_LMS;
}

/* Size and capability rules for a recognised key. */
static cmsfw_bk_status
key_policy(const cmsfw_bk_key_info *info)
{
    uint32_t ec_any = CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384;
    uint32_t rsa_any = CMSFW_BK_CAP_RSA_PKCS1 | CMSFW_BK_CAP_RSA_PSS;

    switch (info->type) {
    case CMSFW_BK_KEY_EC_P256:
        return cmsfw_bk_has(CMSFW_BK_CAP_ECDSA_P256) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_EC_P384:
        return cmsfw_bk_has(CMSFW_BK_CAP_ECDSA_P384) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_EC_OTHER:
        return (cmsfw_bk_caps() & ec_any) != 0 ? CMSFW_BK_KEY_SIZE : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_RSA:
        if ((cmsfw_bk_caps() & rsa_any) == 0)
            return CMSFW_BK_UNSUPPORTED;
        if (info->bits < CMSFW_BK_RSA_MIN_BITS || info->bits > CMSFW_BK_RSA_MAX_BITS)
            return CMSFW_BK_KEY_SIZE;
        return CMSFW_BK_OK;
    case CMSFW_BK_KEY_ED25519:
        return cmsfw_bk_has(CMSFW_BK_CAP_ED25519) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_ED448:
        return cmsfw_bk_has(CMSFW_BK_CAP_ED448) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_HSS_LMS:
        return cmsfw_bk_has(CMSFW_BK_CAP_HSS_LMS) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;
    case CMSFW_BK_KEY_UNKNOWN:
        break;
    }
    return CMSFW_BK_UNSUPPORTED;
}

static int
key_fits_scheme(cmsfw_bk_sig scheme, cmsfw_bk_key_type type)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return type == CMSFW_BK_KEY_EC_P256 || type == CMSFW_BK_KEY_EC_P384 ||
               type == CMSFW_BK_KEY_EC_OTHER;
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS:
        return type == CMSFW_BK_KEY_RSA;
    case CMSFW_BK_SIG_ED25519:
        return type == CMSFW_BK_KEY_ED25519;
    case CMSFW_BK_SIG_ED448:
        return type == CMSFW_BK_KEY_ED448;
    case CMSFW_BK_SIG_HSS_LMS:
        return type == CMSFW_BK_KEY_HSS_LMS;
    }
    return 0;
}

/* see backends/bk_internal.h */
size_t
cmsfw_bk_sig_size(cmsfw_bk_sig scheme, const cmsfw_bk_key_info *info)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        /* SEQUENCE of two INTEGERs, each at most one octet longer than
         * the order because of a sign octet */
        if (info->type == CMSFW_BK_KEY_EC_P256)
            return 2 + 2 * (2 + 33);
        if (info->type == CMSFW_BK_KEY_EC_P384)
            return 2 + 2 * (2 + 49);
        return 0;
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS:
        return ((size_t)info->bits + 7) / 8;
    case CMSFW_BK_SIG_ED25519:
        return 64;
    case CMSFW_BK_SIG_ED448:
        return 114;
    case CMSFW_BK_SIG_HSS_LMS:
        break; /* not a fixed size: its length follows from its content */
    }
    return 0;
}

/* Checks on everything but the key: scheme present, hash and digest. */
static cmsfw_bk_status
request_check(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes tbs)
{
    uint32_t need = scheme_caps(scheme);

    if (need == 0 || (cmsfw_bk_caps() & need) == 0)
        return CMSFW_BK_UNSUPPORTED;
    if (tbs.ptr == NULL && tbs.len != 0)
        return CMSFW_BK_BAD_INPUT;
    if (is_pure(scheme))
        return CMSFW_BK_OK;
    if (!cmsfw_bk_has(hash_cap(hash)))
        return CMSFW_BK_UNSUPPORTED;
    if (tbs.ptr == NULL || tbs.len != cmsfw_bk_hash_len(hash))
        return CMSFW_BK_BAD_INPUT;
    return CMSFW_BK_OK;
}

/* Signature value checks that need the key but not the library. */
static int
sig_shape_ok(cmsfw_bk_sig scheme, const cmsfw_bk_key_info *info, cmsfw_bytes sig)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return cmsfw_bk_ecdsa_sig_wellformed(sig, info->type == CMSFW_BK_KEY_EC_P256 ? 32 : 48);
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS:
    case CMSFW_BK_SIG_ED25519:
    case CMSFW_BK_SIG_ED448:
        /* RFC 8017 8.2.2 step 1, RFC 8032 5.1.7 / 5.2.7: exact length */
        return sig.len == cmsfw_bk_sig_size(scheme, info);
    case CMSFW_BK_SIG_HSS_LMS:
        return 1; /* its length follows from its content: lms.c checks it */
    }
    return 0;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_spki_info(cmsfw_bytes spki, cmsfw_bk_key_info *info)
{
    cmsfw_bk_pubkey key;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (info == NULL)
        return CMSFW_BK_BAD_INPUT;
    st = cmsfw_bk_parse_spki(spki, &key);
    *info = key.info;
    if (st != CMSFW_BK_OK)
        return st;
    st = key_policy(&key.info);
    if (st != CMSFW_BK_OK)
        return st;
    /* keyparse.c checked an HSS key whole; no library reads one */
    if (key.info.type == CMSFW_BK_KEY_HSS_LMS)
        return CMSFW_BK_OK;
    return cmsfw_bk_lib_check_spki(spki, &key);
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_pkcs8_info(cmsfw_bytes pkcs8, cmsfw_bk_key_info *info)
{
    cmsfw_bk_privkey key;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (info == NULL)
        return CMSFW_BK_BAD_INPUT;
    st = cmsfw_bk_parse_pkcs8(pkcs8, &key);
    *info = key.info;
    if (st == CMSFW_BK_OK)
        st = key_policy(&key.info);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_lib_check_pkcs8(pkcs8, &key);
    /* only views into the caller's buffer, but they locate the secret */
    cmsfw_bk_wipe(&key, sizeof key);
    return st;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes spki, cmsfw_bytes tbs,
                cmsfw_bytes sig)
{
    cmsfw_bk_pubkey key;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    st = request_check(scheme, hash, tbs);
    if (st != CMSFW_BK_OK)
        return st;
    if (sig.ptr == NULL && sig.len != 0)
        return CMSFW_BK_BAD_INPUT;
    st = cmsfw_bk_parse_spki(spki, &key);
    if (st != CMSFW_BK_OK)
        return st;
    if (!key_fits_scheme(scheme, key.info.type))
        return CMSFW_BK_BAD_KEY;
    st = key_policy(&key.info);
    if (st != CMSFW_BK_OK)
        return st;
    if (sig.ptr == NULL || !sig_shape_ok(scheme, &key.info, sig))
        return CMSFW_BK_BAD_SIGNATURE;
    if (scheme == CMSFW_BK_SIG_HSS_LMS)
        return cmsfw_bk_hss_verify(key.raw, tbs, sig);
    return cmsfw_bk_lib_verify(scheme, hash, spki, &key, tbs, sig);
}

/* see backends/lms.h */
cmsfw_bk_status
cmsfw_bk_hss_stream_spki(cmsfw_bk_hss_stream *s, cmsfw_bytes spki, cmsfw_bytes msg, uint8_t *hold,
                         size_t hold_size)
{
    cmsfw_bk_pubkey key;
    cmsfw_bk_status st = cmsfw_bk_parse_spki(spki, &key);

    if (st != CMSFW_BK_OK)
        return st;
    if (key.info.type != CMSFW_BK_KEY_HSS_LMS)
        return CMSFW_BK_BAD_KEY;
    st = key_policy(&key.info);
    if (st != CMSFW_BK_OK)
        return st;
    cmsfw_bk_hss_stream_init(s, key.raw, msg, hold, hold_size);
    return CMSFW_BK_OK;
}

/* see backends/backend.h */
cmsfw_bk_status
cmsfw_bk_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes pkcs8, cmsfw_bytes tbs,
              uint8_t *sig, size_t sig_size, size_t *sig_len)
{
    cmsfw_bk_privkey key;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    size_t need;

    if (sig_len == NULL)
        return CMSFW_BK_BAD_INPUT;
    *sig_len = 0;
    if (!cmsfw_bk_has(CMSFW_BK_CAP_SIGN) || scheme == CMSFW_BK_SIG_HSS_LMS)
        return CMSFW_BK_UNSUPPORTED;
    st = request_check(scheme, hash, tbs);
    if (st != CMSFW_BK_OK)
        return st;
    st = cmsfw_bk_parse_pkcs8(pkcs8, &key);
    if (st == CMSFW_BK_OK && !key_fits_scheme(scheme, key.info.type))
        st = CMSFW_BK_BAD_KEY;
    if (st == CMSFW_BK_OK)
        st = key_policy(&key.info);
    if (st == CMSFW_BK_OK) {
        need = cmsfw_bk_sig_size(scheme, &key.info);
        if (sig == NULL) {
            *sig_len = need;
        } else if (sig_size < need) {
            *sig_len = need;
            st = CMSFW_BK_BAD_INPUT;
        } else {
            st = cmsfw_bk_lib_sign(scheme, hash, pkcs8, &key, tbs, sig, sig_len);
            if (st != CMSFW_BK_OK)
                *sig_len = 0;
        }
    }
    cmsfw_bk_wipe(&key, sizeof key);
    return st;
}
