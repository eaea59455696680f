/*
 * check_algs.c: from AlgorithmIdentifiers to what the backend runs, with
 * the parameter rules of the revision profile (section 1 table, section 3):
 *
 *   digests      SHA-256/384/512, parameters absent or NULL (RFC 5754)
 *   ECDSA        ecdsa-with-SHA256/384/512, parameters absent (RFC 5758)
 *   RSA PKCS#1   sha256/384/512WithRSAEncryption, parameters NULL or
 *                absent; rsaEncryption (hash from digestAlgorithm) in a
 *                SignerInfo only. LEGACY.
 *   RSASSA-PSS   parameters present: hash SHA-2, MGF1 with the same hash,
 *                salt = hash length, trailer 1 (RFC 4055, 4056)
 *   Ed25519      parameters absent (RFC 8410); pure, needs SHA-512 as the
 *                SignerInfo digest (RFC 8419)
 *   HSS/LMS      id-alg-hss-lms-hashsig, parameters absent (RFC 9708 3);
 *                pure: the message is the whole re-tagged signed
 *                attributes; the digest algorithm must be the hash of the
 *                HSS/LMS tree (RFC 9708 5), SHA-256 for every parameter
 *                set this build verifies (the SHAKE256 sets are refused
 *                with the key)
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

#define UNIV CMSFW_DER_UNIVERSAL
#define CTX CMSFW_DER_CONTEXT

/* id-alg-hss-lms-hashsig 1.2.840.113549.1.9.16.3.17 (RFC 9708) */
#define OID_HSS_LMS "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x03\x11"

/* see cms/check_priv.h */
int
cmsfw__bytes_eq_raw(cmsfw_bytes a, const uint8_t *p, size_t n)
{
    return a.ptr != NULL && a.len == n && (n == 0 || memcmp(a.ptr, p, n) == 0);
}

/* see cms/check_priv.h */
int
cmsfw__bytes_eq(cmsfw_bytes a, cmsfw_bytes b)
{
    return b.ptr != NULL && cmsfw__bytes_eq_raw(a, b.ptr, b.len);
}

/* see cms/check_priv.h */
cmsfw_der_status
cmsfw__alg_read_fields(cmsfw_der_cur *in, cmsfw_alg_id *out)
{
    cmsfw_der_tlv oid, params;
    cmsfw_der_status st;

    memset(out, 0, sizeof *out);
    st = cmsfw_der_expect(in, UNIV, 0, CMSFW_DER_TAG_OID, &oid);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_check_oid(oid.val, oid.len);
    if (st == CMSFW_DER_RANGE)
        st = CMSFW_DER_OK; /* well formed, only too large to print */
    if (st != CMSFW_DER_OK)
        return st;
    out->oid.ptr = oid.val;
    out->oid.len = oid.len;
    if (cmsfw_der_at_end(in))
        return CMSFW_DER_OK;
    st = cmsfw_der_read(in, &params);
    if (st != CMSFW_DER_OK)
        return st;
    if (!cmsfw_der_at_end(in))
        return CMSFW_DER_BAD_VALUE;
    out->params.ptr = params.tlv;
    out->params.len = params.tlv_len;
    return CMSFW_DER_OK;
}

/* see cms/check_priv.h */
cmsfw_der_status
cmsfw__alg_read(cmsfw_der_cur *c, cmsfw_alg_id *out)
{
    cmsfw_der_tlv seq;
    cmsfw_der_cur in;
    cmsfw_der_status st;

    memset(out, 0, sizeof *out);
    st = cmsfw_der_expect(c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq);
    if (st != CMSFW_DER_OK)
        return st;
    cmsfw_der_enter(&in, &seq, c->ber);
    return cmsfw__alg_read_fields(&in, out);
}

/* see cms/check_priv.h */
int
cmsfw__alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    if (!cmsfw__bytes_eq(a->oid, b->oid))
        return 0;
    if (a->params.ptr == NULL || b->params.ptr == NULL)
        return a->params.ptr == NULL && b->params.ptr == NULL;
    return cmsfw__bytes_eq(a->params, b->params);
}

/* see cms/check_priv.h */
const char *
cmsfw__oid_label(cmsfw_bytes oid, char *buf, size_t buf_len)
{
    const char *name = cmsfw_oid_name(oid);

    if (name != NULL)
        return name;
    if (cmsfw_oid_to_dotted(oid, buf, buf_len) != CMSFW_OK)
        return "(malformed OID)";
    return buf;
}

static int
params_absent(const cmsfw_alg_id *a)
{
    return a->params.ptr == NULL;
}

static int
params_absent_or_null(const cmsfw_alg_id *a)
{
    static const uint8_t der_null[] = {0x05, 0x00};

    return a->params.ptr == NULL || cmsfw__bytes_eq_raw(a->params, der_null, sizeof der_null);
}

/* SHA-2 by OID only; NONE for anything else. */
static cmsfw_bk_hash
sha2_of(cmsfw_bytes oid)
{
    if (CMSFW__OID_IS(oid, CMSFW__OID_SHA256))
        return CMSFW_BK_SHA256;
    if (CMSFW__OID_IS(oid, CMSFW__OID_SHA384))
        return CMSFW_BK_SHA384;
    if (CMSFW__OID_IS(oid, CMSFW__OID_SHA512))
        return CMSFW_BK_SHA512;
    return CMSFW_BK_HASH_NONE;
}

static uint32_t
hash_cap(cmsfw_bk_hash h)
{
    switch (h) {
    case CMSFW_BK_SHA256: return CMSFW_BK_CAP_SHA256;
    case CMSFW_BK_SHA384: return CMSFW_BK_CAP_SHA384;
    case CMSFW_BK_SHA512: return CMSFW_BK_CAP_SHA512;
    case CMSFW_BK_HASH_NONE: break;
    }
    return 0;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__digest_alg(const cmsfw_alg_id *a, cmsfw_bk_hash *hash, cmsfw_diag *diag)
{
    char buf[CMSFW_OID_MAX_DOTTED];
    cmsfw_bk_hash h = sha2_of(a->oid);

    *hash = CMSFW_BK_HASH_NONE;
    if (h == CMSFW_BK_HASH_NONE || !cmsfw_bk_has(hash_cap(h)))
        return cmsfw__fail(diag, CMSFW_BAD_DIGEST_ALGORITHM, "digest algorithm %s not supported",
                           cmsfw__oid_label(a->oid, buf, sizeof buf));
    /* RFC 5754: absent or NULL. Anything else is not the algorithm this
     * build knows, so the digest algorithm as a whole is unsupported. */
    if (!params_absent_or_null(a))
        return cmsfw__fail(diag, CMSFW_BAD_DIGEST_ALGORITHM,
                           "digest algorithm %s: parameters neither absent nor NULL",
                           cmsfw__oid_label(a->oid, buf, sizeof buf));
    *hash = h;
    return CMSFW_OK;
}

/* One [n] EXPLICIT field of RSASSA-PSS-params, if present. */
static int
pss_field(cmsfw_der_cur *c, uint32_t tag, cmsfw_der_cur *inner)
{
    cmsfw_der_tlv t;

    if (cmsfw_der_expect(c, CTX, 1, tag, &t) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(inner, &t, 0);
    return 1;
}

/* A hash AlgorithmIdentifier inside PSS parameters: SHA-2, absent or NULL
 * parameters (both are seen in practice), and nothing after it. */
static cmsfw_bk_hash
pss_hash(cmsfw_der_cur *c)
{
    cmsfw_alg_id a;

    if (cmsfw__alg_read(c, &a) != CMSFW_DER_OK || !cmsfw_der_at_end(c) ||
        !params_absent_or_null(&a))
        return CMSFW_BK_HASH_NONE;
    return sha2_of(a.oid);
}

/* An INTEGER field alone in its [n] wrapper. */
static int
pss_int(cmsfw_der_cur *c, uint64_t *v)
{
    cmsfw_der_tlv t;

    return cmsfw_der_expect(c, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) == CMSFW_DER_OK &&
           cmsfw_der_get_uint(&t, v) == CMSFW_DER_OK && cmsfw_der_at_end(c);
}

/*
 * RSASSA-PSS-params ::= SEQUENCE {
 *     hashAlgorithm    [0] HashAlgorithm    DEFAULT sha1,
 *     maskGenAlgorithm [1] MaskGenAlgorithm DEFAULT mgf1SHA1,
 *     saltLength       [2] INTEGER          DEFAULT 20,
 *     trailerField     [3] TrailerField     DEFAULT trailerFieldBC }
 * Only SHA-2 with MGF1 of the same hash and a salt of the hash length is
 * supported, so the SHA-1 defaults are all unsupported.
 */
static cmsfw_err
pss_params(const cmsfw_alg_id *a, cmsfw__sig *out, cmsfw_diag *diag)
{
    cmsfw_der_cur c, f, mgf_in;
    cmsfw_der_tlv seq;
    cmsfw_alg_id mgf;
    cmsfw_bk_hash h, mh;
    uint64_t salt = 20, trailer = 1;

    if (a->params.ptr == NULL)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS, "RSASSA-PSS: parameters absent");
    cmsfw_der_init(&c, a->params.ptr, a->params.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        cmsfw_der_walk(&seq, 0) != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: parameters are not a DER SEQUENCE");
    cmsfw_der_enter(&c, &seq, 0);
    if (!pss_field(&c, 0, &f) || (h = pss_hash(&f)) == CMSFW_BK_HASH_NONE)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: hash absent (SHA-1) or not SHA-256/384/512");
    if (!pss_field(&c, 1, &f) || cmsfw__alg_read(&f, &mgf) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&f) || !CMSFW__OID_IS(mgf.oid, CMSFW__OID_MGF1) || mgf.params.ptr == NULL)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: mask generation is not MGF1 with a hash");
    cmsfw_der_init(&mgf_in, mgf.params.ptr, mgf.params.len, 0);
    mh = pss_hash(&mgf_in);
    if (mh != h)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: MGF1 hash differs from the message hash");
    if (pss_field(&c, 2, &f) && !pss_int(&f, &salt))
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS, "RSASSA-PSS: bad saltLength");
    if (salt != cmsfw_bk_hash_len(h))
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: saltLength %llu is not the hash length %zu",
                           (unsigned long long)salt, cmsfw_bk_hash_len(h));
    if (pss_field(&c, 3, &f) && (!pss_int(&f, &trailer) || trailer != 1))
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS, "RSASSA-PSS: trailerField not 1");
    if (!cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "RSASSA-PSS: fields out of order or unknown");
    out->scheme = CMSFW_BK_SIG_RSA_PSS;
    out->hash = h;
    return CMSFW_OK;
}

/* Any of the capabilities that can run @scheme. */
static uint32_t
scheme_caps(cmsfw_bk_sig scheme)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA: return CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384;
    case CMSFW_BK_SIG_RSA_PKCS1: return CMSFW_BK_CAP_RSA_PKCS1;
    case CMSFW_BK_SIG_RSA_PSS: return CMSFW_BK_CAP_RSA_PSS;
    case CMSFW_BK_SIG_ED25519: return CMSFW_BK_CAP_ED25519;
    case CMSFW_BK_SIG_ED448: return CMSFW_BK_CAP_ED448;
    case CMSFW_BK_SIG_HSS_LMS: return CMSFW_BK_CAP_HSS_LMS;
    }
    return 0;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__sig_alg(const cmsfw_alg_id *a, int in_cert, cmsfw__sig *out, cmsfw_diag *diag)
{
    char buf[CMSFW_OID_MAX_DOTTED];
    const char *name = cmsfw__oid_label(a->oid, buf, sizeof buf);
    int ok_params = 1;

    memset(out, 0, sizeof *out);
    if (CMSFW__OID_IS(a->oid, CMSFW__OID_RSA_PSS)) {
        if (!cmsfw_bk_has(CMSFW_BK_CAP_RSA_PSS))
            return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                               "RSASSA-PSS not available in this build");
        return pss_params(a, out, diag);
    }
    if (CMSFW__OID_IS(a->oid, CMSFW__OID_ECDSA_SHA256) ||
        CMSFW__OID_IS(a->oid, CMSFW__OID_ECDSA_SHA384) ||
        CMSFW__OID_IS(a->oid, CMSFW__OID_ECDSA_SHA512)) {
        out->scheme = CMSFW_BK_SIG_ECDSA;
        out->hash = (cmsfw_bk_hash)(CMSFW_BK_SHA256 + (a->oid.ptr[a->oid.len - 1] - 2));
        ok_params = params_absent(a);
    } else if (CMSFW__OID_IS(a->oid, CMSFW__OID_RSA_SHA256) ||
               CMSFW__OID_IS(a->oid, CMSFW__OID_RSA_SHA384) ||
               CMSFW__OID_IS(a->oid, CMSFW__OID_RSA_SHA512)) {
        out->scheme = CMSFW_BK_SIG_RSA_PKCS1;
        out->hash = (cmsfw_bk_hash)(CMSFW_BK_SHA256 + (a->oid.ptr[a->oid.len - 1] - 0x0b));
        out->legacy = 1;
        ok_params = params_absent_or_null(a);
    } else if (CMSFW__OID_IS(a->oid, CMSFW__OID_RSA) && !in_cert) {
        out->scheme = CMSFW_BK_SIG_RSA_PKCS1;
        out->hash_from_digest = 1;
        out->legacy = 1;
        ok_params = params_absent_or_null(a);
    } else if (CMSFW__OID_IS(a->oid, CMSFW__OID_ED25519)) {
        out->scheme = CMSFW_BK_SIG_ED25519;
        ok_params = params_absent(a);
    } else if (CMSFW__OID_IS(a->oid, CMSFW__OID_ED448)) {
        out->scheme = CMSFW_BK_SIG_ED448;
        ok_params = params_absent(a);
    } else if (CMSFW__OID_IS(a->oid, OID_HSS_LMS)) {
        out->scheme = CMSFW_BK_SIG_HSS_LMS;
        ok_params = params_absent(a);
    } else {
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "signature algorithm %s not supported", name);
    }
    /* an algorithm this build lacks is unsupported whatever its parameters */
    if ((cmsfw_bk_caps() & scheme_caps(out->scheme)) == 0 ||
        (out->hash != CMSFW_BK_HASH_NONE && !cmsfw_bk_has(hash_cap(out->hash))))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "signature algorithm %s not available in this build", name);
    if (!ok_params)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_PARAMETERS,
                           "signature algorithm %s: parameters not allowed by the profile", name);
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__sig_bind_digest(cmsfw__sig *s, cmsfw_bk_hash digest, cmsfw_diag *diag)
{
    if (s->hash_from_digest) {
        s->hash = digest;
        s->hash_from_digest = 0;
        return CMSFW_OK;
    }
    if (s->scheme == CMSFW_BK_SIG_ED25519) {
        if (digest != CMSFW_BK_SHA512)
            return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                               "Ed25519 needs SHA-512 as the digest algorithm (RFC 8419)");
        return CMSFW_OK;
    }
    if (s->scheme == CMSFW_BK_SIG_ED448)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "Ed448 needs SHAKE256 as the digest algorithm (RFC 8419)");
    if (s->scheme == CMSFW_BK_SIG_HSS_LMS) {
        /* RFC 9708 5: the digest algorithm is the tree's hash; the sets
         * verified here all use SHA-256 (M24 included: SHA-256/192 is
         * SHA-256 truncated inside the tree, the digest stays SHA-256) */
        if (digest != CMSFW_BK_SHA256)
            return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                               "HSS/LMS needs SHA-256 as the digest algorithm (RFC 9708)");
        return CMSFW_OK;
    }
    if (s->hash != digest)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "the signature's hash differs from digestAlgorithm (RFC 8933)");
    return CMSFW_OK;
}

static int
key_fits(cmsfw_bk_sig scheme, cmsfw_bk_key_type t)
{
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return t == CMSFW_BK_KEY_EC_P256 || t == CMSFW_BK_KEY_EC_P384 || t == CMSFW_BK_KEY_EC_OTHER;
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS: return t == CMSFW_BK_KEY_RSA;
    case CMSFW_BK_SIG_ED25519: return t == CMSFW_BK_KEY_ED25519;
    case CMSFW_BK_SIG_ED448: return t == CMSFW_BK_KEY_ED448;
    case CMSFW_BK_SIG_HSS_LMS: return t == CMSFW_BK_KEY_HSS_LMS;
    }
    return 0;
}

/* The capabilities a (scheme, key, hash) needs. */
static uint32_t
caps_needed(const cmsfw__sig *s, cmsfw_bk_key_type t)
{
    uint32_t need = hash_cap(s->hash);

    switch (s->scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return need |
               (t == CMSFW_BK_KEY_EC_P384 ? CMSFW_BK_CAP_ECDSA_P384 : CMSFW_BK_CAP_ECDSA_P256);
    case CMSFW_BK_SIG_RSA_PKCS1: return need | CMSFW_BK_CAP_RSA_PKCS1;
    case CMSFW_BK_SIG_RSA_PSS: return need | CMSFW_BK_CAP_RSA_PSS;
    case CMSFW_BK_SIG_ED25519: return CMSFW_BK_CAP_ED25519;
    case CMSFW_BK_SIG_ED448: return CMSFW_BK_CAP_ED448;
    case CMSFW_BK_SIG_HSS_LMS: return CMSFW_BK_CAP_HSS_LMS;
    }
    return 0;
}

static const char *
scheme_name(cmsfw_bk_sig s)
{
    switch (s) {
    case CMSFW_BK_SIG_ECDSA: return "ECDSA";
    case CMSFW_BK_SIG_RSA_PKCS1: return "RSASSA-PKCS1-v1_5";
    case CMSFW_BK_SIG_RSA_PSS: return "RSASSA-PSS";
    case CMSFW_BK_SIG_ED25519: return "Ed25519";
    case CMSFW_BK_SIG_ED448: return "Ed448";
    case CMSFW_BK_SIG_HSS_LMS: return "HSS/LMS";
    }
    return "?";
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__sig_key(const cmsfw__sig *s, cmsfw_bytes spki, cmsfw_err bad_key, cmsfw_diag *diag)
{
    cmsfw_bk_key_info info;
    cmsfw_bk_status st = cmsfw_bk_spki_info(spki, &info);

    if (st == CMSFW_BK_BAD_KEY || st == CMSFW_BK_BAD_INPUT)
        return cmsfw__fail(diag, bad_key, "signer key: malformed (%s)", cmsfw_bk_status_name(st));
    if (!key_fits(s->scheme, info.type))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "%s signature with a key of another type", scheme_name(s->scheme));
    if (st == CMSFW_BK_KEY_SIZE)
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_KEY_SIZE, "signer key: %u bits not supported",
                           info.bits);
    if (st != CMSFW_BK_OK || !cmsfw_bk_has(caps_needed(s, info.type)))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "%s with this key or hash is not available in this build",
                           scheme_name(s->scheme));
    return CMSFW_OK;
}

/* Map a backend verdict to the code of step 14. */
static cmsfw_err
verdict(cmsfw_bk_status st, const cmsfw__sig *s, cmsfw_diag *diag)
{
    switch (st) {
    case CMSFW_BK_OK: return CMSFW_OK;
    case CMSFW_BK_BAD_SIGNATURE:
        return cmsfw__fail(diag, CMSFW_SIGNATURE_FAILURE, "%s signature does not verify",
                           scheme_name(s->scheme));
    case CMSFW_BK_KEY_SIZE:
        return cmsfw__fail(diag, CMSFW_UNSUPPORTED_KEY_SIZE, "key size not supported");
    case CMSFW_BK_UNSUPPORTED:
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM, "%s not available",
                           scheme_name(s->scheme));
    default: break;
    }
    return cmsfw__fail(diag, CMSFW_E_BACKEND, "backend: %s", cmsfw_bk_status_name(st));
}

/* Hash @msg (first octet replaced by @retag when not 0). */
static cmsfw_err
hash_msg(cmsfw_bk_hash h, cmsfw_bytes msg, uint8_t retag, uint8_t *out, size_t *out_len,
         cmsfw_diag *diag)
{
    cmsfw_bk_hash_ctx ctx;
    size_t skip = (retag != 0 && msg.len > 0) ? 1 : 0;
    cmsfw_bk_status st = cmsfw_bk_hash_init(&ctx, h);

    if (st == CMSFW_BK_OK && skip)
        st = cmsfw_bk_hash_update(&ctx, &retag, 1);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_update(&ctx, msg.ptr + skip, msg.len - skip);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(&ctx, out, CMSFW_BK_HASH_MAX, out_len);
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_hash_abort(&ctx);
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash: %s", cmsfw_bk_status_name(st));
    }
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__sig_verify(const cmsfw__sig *s, cmsfw_bytes spki, cmsfw_bytes msg, uint8_t retag,
                  cmsfw_bytes sig, cmsfw_diag *diag)
{
    uint8_t digest[CMSFW_BK_HASH_MAX];
    uint8_t *copy = NULL;
    cmsfw_bytes tbs;
    size_t n = 0;
    cmsfw_err e = CMSFW_E_BACKEND;

    if (s->scheme != CMSFW_BK_SIG_ED25519 && s->scheme != CMSFW_BK_SIG_ED448 &&
        s->scheme != CMSFW_BK_SIG_HSS_LMS) {
        e = hash_msg(s->hash, msg, retag, digest, &n, diag);
        if (e != CMSFW_OK)
            return e;
        tbs.ptr = digest;
        tbs.len = n;
        return verdict(cmsfw_bk_verify(s->scheme, s->hash, spki, tbs, sig), s, diag);
    }
    /* pure EdDSA and HSS/LMS sign the message itself: retag a copy */
    tbs = msg;
    if (retag != 0 && msg.len > 0) {
        copy = malloc(msg.len);
        if (copy == NULL)
            return cmsfw__fail(diag, CMSFW_E_NOMEM, "no memory for the signed attributes");
        memcpy(copy, msg.ptr, msg.len);
        copy[0] = retag;
        tbs.ptr = copy;
    }
    e = verdict(cmsfw_bk_verify(s->scheme, CMSFW_BK_HASH_NONE, spki, tbs, sig), s, diag);
    free(copy);
    return e;
}
