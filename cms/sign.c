/*
 * sign.c: the signer of a SignedData, resolved from a cmsfw_signer: which
 * signature scheme and digest, how the signer is identified, which
 * certificates go with it, and whether the key matches its certificate.
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/oid.h>

#include "backends/bk_internal.h"
#include "backends/lms.h"
#include "cms/diag.h"
#include "cms/sign.h"

/* Signed by the probe that checks that key and certificate belong
 * together; any fixed text does. */
static const char probe_text[] = "cmsfw: does this key match its certificate?";

/* see cms/sign.h */
cmsfw_bytes
cmsfw__oid(const char *name)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(name);
    cmsfw_bytes b = {NULL, 0};

    if (e != NULL) {
        b.ptr = e->der;
        b.len = e->der_len;
    }
    return b;
}

/* see cms/sign.h */
size_t
cmsfw__tlv(size_t len)
{
    size_t t = cmsfw_der_tlv_size(CMSFW_DER_TAG_SEQUENCE, len);

    /* saturate, so that a sum of sizes that overflowed stays detectable */
    return t > SIZE_MAX / 4 ? SIZE_MAX / 4 : t;
}

static const char *
hash_name(cmsfw_bk_hash h)
{
    switch (h) {
    case CMSFW_BK_SHA256:
        return "id-sha256";
    case CMSFW_BK_SHA384:
        return "id-sha384";
    case CMSFW_BK_SHA512:
        return "id-sha512";
    case CMSFW_BK_HASH_NONE:
        break;
    }
    return "";
}

/* AlgorithmIdentifier { algorithm, parameters NULL when with_null }. */
static size_t
put_alg_id(uint8_t *out, size_t cap, cmsfw_bytes oid, int with_null)
{
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, out, cap);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         cmsfw__tlv(oid.len) + (with_null ? 2u : 0u));
    cmsfw_der_put_oid(&w, oid.ptr, oid.len);
    if (with_null)
        cmsfw_der_put_bytes(&w, (const uint8_t *)"\x05\x00", 2);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? w.pos : 0;
}

/*
 * id-RSASSA-PSS with RSASSA-PSS-params written out in full (RFC 4055
 * section 3.1; the DEFAULTs are SHA-1): hashAlgorithm, MGF1 with the same
 * hash, saltLength = hash length, trailerField left at its default. The
 * hash AlgorithmIdentifiers inside carry NULL parameters: that is how
 * RFC 4055 defines sha256Identifier and its siblings for use in these
 * parameters (and what OpenSSL writes); verifiers must accept absent and
 * NULL alike. The digestAlgorithm of the SignerInfo keeps absent
 * parameters (RFC 5754).
 */
static size_t
put_pss_alg_id(uint8_t *out, size_t cap, cmsfw_bk_hash h)
{
    uint8_t hash_id[CMSFW__ALG_ID_MAX];
    size_t hl = put_alg_id(hash_id, sizeof hash_id, cmsfw__oid(hash_name(h)), 1);
    cmsfw_bytes mgf1 = cmsfw__oid("id-mgf1"), pss = cmsfw__oid("id-RSASSA-PSS");
    size_t mgf = cmsfw__tlv(cmsfw__tlv(mgf1.len) + hl);
    size_t salt = cmsfw__tlv(cmsfw_der_uint_size(cmsfw_bk_hash_len(h)));
    size_t params = cmsfw__tlv(hl) + cmsfw__tlv(mgf) + salt;
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, out, cap);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         cmsfw__tlv(pss.len) + cmsfw__tlv(params));
    cmsfw_der_put_oid(&w, pss.ptr, pss.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, params);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 0, hl);
    cmsfw_der_put_bytes(&w, hash_id, hl);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 1, mgf);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         cmsfw__tlv(mgf1.len) + hl);
    cmsfw_der_put_oid(&w, mgf1.ptr, mgf1.len);
    cmsfw_der_put_bytes(&w, hash_id, hl);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 2, salt - 2);
    cmsfw_der_put_uint(&w, cmsfw_bk_hash_len(h));
    return hl != 0 && cmsfw_der_w_status(&w) == CMSFW_DER_OK ? w.pos : 0;
}

/* The signatureAlgorithm of the resolved scheme and hash. */
static size_t
put_sig_alg_id(uint8_t *out, size_t cap, cmsfw_bk_sig scheme, cmsfw_bk_hash h)
{
    static const char *const ecdsa[] = {"", "ecdsa-with-SHA256", "ecdsa-with-SHA384",
                                        "ecdsa-with-SHA512"};
    static const char *const pkcs1[] = {"", "sha256WithRSAEncryption", "sha384WithRSAEncryption",
                                        "sha512WithRSAEncryption"};

    if ((unsigned)h > CMSFW_BK_SHA512)
        return 0;
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return put_alg_id(out, cap, cmsfw__oid(ecdsa[h]), 0);
    case CMSFW_BK_SIG_RSA_PKCS1:
        return put_alg_id(out, cap, cmsfw__oid(pkcs1[h]), 1);
    case CMSFW_BK_SIG_RSA_PSS:
        return put_pss_alg_id(out, cap, h);
    case CMSFW_BK_SIG_ED25519:
        return put_alg_id(out, cap, cmsfw__oid("id-Ed25519"), 0);
    case CMSFW_BK_SIG_ED448:
    case CMSFW_BK_SIG_HSS_LMS: /* verification only */
        break;
    }
    return 0;
}

/* Why the backend refused the key, in words. */
static cmsfw_err
key_refused(cmsfw_bk_status st, const cmsfw_bk_key_info *info, cmsfw_diag *diag)
{
    if (st == CMSFW_BK_UNSUPPORTED && info->type == CMSFW_BK_KEY_ED25519)
        return cmsfw__fail(diag, CMSFW_E_ARG, "Ed25519 signing is not available in the %s backend",
                           cmsfw_bk_name());
    if (st == CMSFW_BK_UNSUPPORTED)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "signer key: key type not supported by the %s backend",
                           cmsfw_bk_name());
    if (st == CMSFW_BK_KEY_SIZE && info->type == CMSFW_BK_KEY_RSA)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "signer key: RSA key of %u bits (2048 to 4096 supported)", info->bits);
    if (st == CMSFW_BK_KEY_SIZE)
        return cmsfw__fail(diag, CMSFW_E_ARG, "signer key: EC curve not supported (P-256, P-384)");
    return cmsfw__fail(diag, CMSFW_E_ARG, "signer key: not an unencrypted PKCS#8 private key (%s)",
                       cmsfw_bk_status_name(st));
}

/* Scheme and hash for the key, honouring explicit choices (RFC 8933: the
 * digest is the signature's own hash; RFC 5753 pairs P-256 with SHA-256
 * and P-384 with SHA-384; RFC 8419 Ed25519 with SHA-512). */
static cmsfw_err
pick_algorithms(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag)
{
    static const cmsfw_bk_hash digests[] = {CMSFW_BK_HASH_NONE, CMSFW_BK_SHA256, CMSFW_BK_SHA384,
                                            CMSFW_BK_SHA512};
    cmsfw_bk_hash fixed = CMSFW_BK_HASH_NONE;
    cmsfw_sig_alg family = CMSFW_SIG_AUTO;

    switch (s->key_info.type) {
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
        family = CMSFW_SIG_ECDSA;
        fixed = s->key_info.type == CMSFW_BK_KEY_EC_P256 ? CMSFW_BK_SHA256 : CMSFW_BK_SHA384;
        break;
    case CMSFW_BK_KEY_RSA:
        family = in->sig_alg == CMSFW_SIG_RSA_PKCS1 ? CMSFW_SIG_RSA_PKCS1 : CMSFW_SIG_RSA_PSS;
        break;
    case CMSFW_BK_KEY_ED25519:
        family = CMSFW_SIG_ED25519;
        fixed = CMSFW_BK_SHA512;
        break;
    default:
        return cmsfw__fail(diag, CMSFW_E_ARG, "signer key: key type cannot sign packages");
    }
    if (in->sig_alg != CMSFW_SIG_AUTO && in->sig_alg != family)
        return cmsfw__fail(diag, CMSFW_E_ARG, "signature algorithm %d does not fit the signer key",
                           (int)in->sig_alg);
    if ((unsigned)in->digest > CMSFW_DIGEST_SHA512)
        return cmsfw__fail(diag, CMSFW_E_ARG, "unknown digest algorithm %d", (int)in->digest);
    s->hash = in->digest == CMSFW_DIGEST_AUTO ? fixed : digests[in->digest];
    if (s->hash == CMSFW_BK_HASH_NONE)
        s->hash = CMSFW_BK_SHA256; /* RSA, AUTO */
    if (fixed != CMSFW_BK_HASH_NONE && s->hash != fixed)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "digest algorithm does not match the key: %s needs %s",
                           s->key_info.type == CMSFW_BK_KEY_ED25519 ? "Ed25519" : "this curve",
                           hash_name(fixed));
    s->scheme = family == CMSFW_SIG_ECDSA       ? CMSFW_BK_SIG_ECDSA
                : family == CMSFW_SIG_RSA_PKCS1 ? CMSFW_BK_SIG_RSA_PKCS1
                : family == CMSFW_SIG_RSA_PSS   ? CMSFW_BK_SIG_RSA_PSS
                                                : CMSFW_BK_SIG_ED25519;
    s->hash_len = cmsfw_bk_hash_len(s->hash);
    return CMSFW_OK;
}

/* Resolve the key and its algorithms; size the signature. */
static cmsfw_err
prepare_key(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag)
{
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    uint8_t zeros[CMSFW_BK_HASH_MAX] = {0};
    cmsfw_bytes probe = {zeros, 0};
    cmsfw_err err = CMSFW_E_ARG;

    if (in->key.ptr == NULL || in->key.len == 0)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no signer key");
    st = cmsfw_bk_pkcs8_info(in->key, &s->key_info);
    if (st != CMSFW_BK_OK)
        return key_refused(st, &s->key_info, diag);
    err = pick_algorithms(s, in, diag);
    if (err != CMSFW_OK)
        return err;
    if (!cmsfw_bk_has(CMSFW_BK_CAP_SIGN))
        return cmsfw__fail(diag, CMSFW_E_ARG, "the %s backend cannot sign", cmsfw_bk_name());
    if (s->scheme == CMSFW_BK_SIG_RSA_PSS && !cmsfw_bk_has(CMSFW_BK_CAP_RSA_PSS))
        return cmsfw__fail(diag, CMSFW_E_ARG, "RSASSA-PSS is not available in the %s backend",
                           cmsfw_bk_name());
    if (s->scheme == CMSFW_BK_SIG_RSA_PKCS1 && !cmsfw_bk_has(CMSFW_BK_CAP_RSA_PKCS1))
        return cmsfw__fail(diag, CMSFW_E_ARG, "RSA PKCS#1 v1.5 is not available in the %s backend",
                           cmsfw_bk_name());
    s->key = in->key;
    /* a size query; the digest only needs the right length */
    probe.len = s->scheme == CMSFW_BK_SIG_ED25519 ? 0 : s->hash_len;
    st = cmsfw_bk_sign(s->scheme, s->hash, s->key, probe, NULL, 0, &s->sig_max);
    if (st != CMSFW_BK_OK || s->sig_max == 0 || s->sig_max > CMSFW_BK_SIG_MAX)
        return key_refused(st, &s->key_info, diag);
    s->digest_alg_len = put_alg_id(s->digest_alg, sizeof s->digest_alg,
                                   cmsfw__oid(hash_name(s->hash)), 0);
    s->sig_alg_len = put_sig_alg_id(s->sig_alg, sizeof s->sig_alg, s->scheme, s->hash);
    if (s->digest_alg_len == 0 || s->sig_alg_len == 0)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "algorithm identifier does not encode");
    return CMSFW_OK;
}

/* see cms/sign.h */
cmsfw_err
cmsfw__signer_digest(const cmsfw__signer *s, cmsfw_bytes data, uint8_t *out, cmsfw_diag *diag)
{
    size_t n = 0;
    cmsfw_bk_status st = cmsfw_bk_hash_once(s->hash, data, out, CMSFW_BK_HASH_MAX, &n);

    if (st != CMSFW_BK_OK || n != s->hash_len)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "hash failed: %s", cmsfw_bk_status_name(st));
    return CMSFW_OK;
}

/* The key must be the certificate's: sign a probe and verify it with the
 * certificate's public key (this works for every key type without
 * reaching into the key formats). */
static cmsfw_err
check_key_matches(const cmsfw__signer *s, cmsfw_diag *diag)
{
    cmsfw_bytes text = {(const uint8_t *)probe_text, sizeof probe_text - 1};
    uint8_t digest[CMSFW_BK_HASH_MAX], sig[CMSFW_BK_SIG_MAX];
    cmsfw_bytes tbs = {digest, s->hash_len}, sv = {sig, 0};
    cmsfw_bk_key_info cert_info;
    cmsfw_bk_status st = cmsfw_bk_spki_info(s->cert_spki, &cert_info);
    cmsfw_err err = CMSFW_E_ARG;

    if (st != CMSFW_BK_OK && cert_info.type != s->key_info.type)
        return cmsfw__fail(diag, CMSFW_E_ARG, "signer certificate: public key not usable (%s)",
                           cmsfw_bk_status_name(st));
    if (cert_info.type != s->key_info.type || cert_info.bits != s->key_info.bits)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "the signer key does not match the certificate's public key");
    if (s->scheme == CMSFW_BK_SIG_ED25519)
        tbs = text;
    else if ((err = cmsfw__signer_digest(s, text, digest, diag)) != CMSFW_OK)
        return err;
    st = cmsfw_bk_sign(s->scheme, s->hash, s->key, tbs, sig, sizeof sig, &sv.len);
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "signing failed: %s", cmsfw_bk_status_name(st));
    st = cmsfw_bk_verify(s->scheme, s->hash, s->cert_spki, tbs, sv);
    if (st == CMSFW_BK_BAD_SIGNATURE)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "the signer key does not match the certificate's public key");
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_ARG, "signer certificate: public key not usable (%s)",
                           cmsfw_bk_status_name(st));
    return CMSFW_OK;
}

/* The sid: explicit key identifier, else the certificate's SKI, else the
 * RFC 7093 method 1 identifier of the certificate's key. */
static cmsfw_err
pick_identifier(cmsfw__signer *s, const cmsfw_signer *in, const cmsfw_key *cert, cmsfw_diag *diag)
{
    uint8_t h[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    cmsfw_bytes ski = in->ski;

    if (in->use_issuer_serial) {
        if (cert == NULL)
            return cmsfw__fail(diag, CMSFW_E_ARG,
                               "issuerAndSerialNumber needs the signer certificate");
        s->use_issuer_serial = 1;
        s->issuer = cert->issuer;
        s->serial = cert->serial;
        return CMSFW_OK;
    }
    if (ski.ptr == NULL && cert != NULL)
        ski = cert->ski;
    if (ski.ptr == NULL && cert != NULL) {
        if (cmsfw_bk_hash_once(CMSFW_BK_SHA256, cert->public_key, h, sizeof h, &n) != CMSFW_BK_OK)
            return cmsfw__fail(diag, CMSFW_E_BACKEND, "SHA-256 failed");
        memcpy(s->ski, h, CMSFW__SKI_RFC7093_LEN);
        s->ski_len = CMSFW__SKI_RFC7093_LEN;
        return CMSFW_OK;
    }
    if (ski.ptr == NULL && cert == NULL && in->hss != NULL) {
        if (cmsfw_key_hss_id(in->hss->key, s->ski) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_E_BACKEND, "SHA-256 failed");
        s->ski_len = CMSFW_HSS_KEY_ID_LEN;
        return CMSFW_OK;
    }
    if (ski.ptr == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "no signer certificate: the signer key identifier (ski) must be given");
    if (ski.len == 0 || ski.len > CMSFW__SKI_MAX)
        return cmsfw__fail(diag, CMSFW_E_ARG, "signer key identifier of %zu octets (1 to %d)",
                           ski.len, CMSFW__SKI_MAX);
    memcpy(s->ski, ski.ptr, ski.len);
    s->ski_len = ski.len;
    return CMSFW_OK;
}

/* One certificate to include: a single DER SEQUENCE. Duplicates are
 * dropped; the list is kept in DER SET OF order. */
static cmsfw_err
add_cert(cmsfw__signer *s, cmsfw_bytes c, cmsfw_diag *diag)
{
    cmsfw_der_cur cur;
    cmsfw_der_tlv t;
    cmsfw_der_status st = CMSFW_DER_BAD_TAG;
    size_t i, j;

    cmsfw_der_init(&cur, c.ptr, c.len, 0);
    st = cmsfw_der_expect(&cur, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t);
    if (c.ptr == NULL || st != CMSFW_DER_OK || !cmsfw_der_at_end(&cur) ||
        cmsfw_der_walk(&t, 0) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_ARG, "certificate %zu is not one DER certificate",
                           s->n_certs + 1);
    for (i = 0; i < s->n_certs; i++) {
        int cmp = cmsfw__der_set_cmp(c.ptr, c.len, s->certs[i].ptr, s->certs[i].len);
        if (cmp == 0 && c.len == s->certs[i].len)
            return CMSFW_OK;
        if (cmp < 0)
            break;
    }
    if (s->n_certs == CMSFW__SIGN_MAX_CERTS)
        return cmsfw__fail(diag, CMSFW_E_ARG, "more than %d certificates", CMSFW__SIGN_MAX_CERTS);
    for (j = s->n_certs; j > i; j--)
        s->certs[j] = s->certs[j - 1];
    s->certs[i] = c;
    s->n_certs++;
    return CMSFW_OK;
}

static cmsfw_err
collect_certs(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag)
{
    cmsfw_err err = CMSFW_OK;
    size_t i;

    if (in->n_chain > 0 && in->chain == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "chain is NULL with n_chain %zu", in->n_chain);
    if (in->omit_certs)
        return CMSFW_OK;
    if (in->cert.ptr != NULL)
        err = add_cert(s, in->cert, diag);
    for (i = 0; err == CMSFW_OK && i < in->n_chain; i++)
        err = add_cert(s, in->chain[i], diag);
    return err;
}

/* ------------------------------------------------------------- HSS/LMS */

static void
hss_to_priv(const cmsfw_hss_key *k, cmsfw_bk_hss_priv *p)
{
    memset(p, 0, sizeof *p);
    p->levels = k->levels;
    if (k->levels <= CMSFW_HSS_MAX_LEVELS) {
        memcpy(p->lms_type, k->lms_type, sizeof p->lms_type);
        memcpy(p->ots_type, k->ots_type, sizeof p->ots_type);
    }
    memcpy(p->seed, k->seed, sizeof p->seed);
    memcpy(p->id, k->id, sizeof p->id);
    p->next = k->next;
}

/* Parameters only: levels, type codes, total height. */
static cmsfw_err
hss_check_params(const cmsfw_hss_key *k, cmsfw_diag *diag)
{
    cmsfw_bk_hss_priv p;
    unsigned i;

    if (k->levels < 1 || k->levels > CMSFW_HSS_MAX_LEVELS)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS key of %u levels (1 to %d)", k->levels,
                           CMSFW_HSS_MAX_LEVELS);
    for (i = 0; i < k->levels; i++) {
        if (k->lms_type[i] == 8 || k->lms_type[i] == 9)
            return cmsfw__fail(diag, CMSFW_E_ARG,
                               "LMS height H%u at level %u: at most H%d per level can be "
                               "generated here; use more levels instead",
                               5u * (k->lms_type[i] - 4u), i + 1, CMSFW_BK_HSS_SIGN_MAX_H);
        if (k->lms_type[i] < 5 || k->lms_type[i] > 7)
            return cmsfw__fail(diag, CMSFW_E_ARG,
                               "LMS type %u at level %u (LMS_SHA256_M32_H5..H15 supported)",
                               (unsigned)k->lms_type[i], i + 1);
        if (k->ots_type[i] < 1 || k->ots_type[i] > 4)
            return cmsfw__fail(diag, CMSFW_E_ARG,
                               "LM-OTS type %u at level %u (LMOTS_SHA256_N32_W1..W8 supported)",
                               (unsigned)k->ots_type[i], i + 1);
    }
    hss_to_priv(k, &p);
    if (cmsfw_bk_hss_priv_check(&p) != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS key of more than %d bits of tree height",
                           CMSFW_BK_HSS_SIGN_MAX_TOTAL_H);
    return CMSFW_OK;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_key_hss_check(const cmsfw_hss_key *key, cmsfw_diag *diag)
{
    static const uint8_t be_levels[4] = {0, 0, 0, 0};
    cmsfw_err err = hss_check_params(key, diag);
    const uint8_t *p = key->pub;

    if (err != CMSFW_OK)
        return err;
    /* u32 L || u32 lms type || u32 lmots type || I: all known here */
    if (memcmp(p, be_levels, 3) != 0 || p[3] != key->levels || memcmp(p + 4, be_levels, 3) != 0 ||
        p[7] != key->lms_type[0] || memcmp(p + 8, be_levels, 3) != 0 ||
        p[11] != key->ots_type[0] || memcmp(p + 12, key->id, sizeof key->id) != 0)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS public key does not match the key parameters");
    return CMSFW_OK;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_key_hss_generate(cmsfw_hss_key *key, cmsfw_diag *diag)
{
    cmsfw_bk_hss_priv p;
    size_t n = 0;
    cmsfw_err err = hss_check_params(key, diag);

    if (err != CMSFW_OK)
        return err;
    hss_to_priv(key, &p);
    if (cmsfw_bk_hss_keygen(&p, key->pub, sizeof key->pub, &n) != CMSFW_BK_OK ||
        n != CMSFW_HSS_PUB_LEN) {
        cmsfw_bk_wipe(&p, sizeof p);
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "HSS key generation failed");
    }
    memcpy(key->seed, p.seed, sizeof key->seed);
    memcpy(key->id, p.id, sizeof key->id);
    key->next = 0;
    cmsfw_bk_wipe(&p, sizeof p);
    return CMSFW_OK;
}

/* The parameters and state of @key without its seed: 0 when they do not
 * hold. */
static int
hss_public_params(const cmsfw_hss_key *key, cmsfw_bk_hss_priv *p)
{
    if (hss_check_params(key, NULL) != CMSFW_OK)
        return 0;
    hss_to_priv(key, p);
    cmsfw_bk_wipe(p->seed, sizeof p->seed);
    return 1;
}

/* see cmsfw/protect.h */
uint64_t
cmsfw_key_hss_total(const cmsfw_hss_key *key)
{
    cmsfw_bk_hss_priv p;

    return hss_public_params(key, &p) ? cmsfw_bk_hss_priv_total(&p) : 0;
}

/* see cmsfw/protect.h */
uint64_t
cmsfw_key_hss_remaining(const cmsfw_hss_key *key)
{
    uint64_t total = cmsfw_key_hss_total(key);

    return key->next >= total ? 0 : total - key->next;
}

/* see cmsfw/protect.h */
size_t
cmsfw_key_hss_sig_len(const cmsfw_hss_key *key)
{
    cmsfw_bk_hss_priv p;

    return hss_public_params(key, &p) ? cmsfw_bk_hss_sig_len(&p) : 0;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_key_hss_id(const cmsfw_hss_key *key, uint8_t id[CMSFW_HSS_KEY_ID_LEN])
{
    cmsfw_bytes pub = {key->pub, sizeof key->pub};
    uint8_t h[CMSFW_BK_HASH_MAX];
    size_t n = 0;

    if (cmsfw_bk_hash_once(CMSFW_BK_SHA256, pub, h, sizeof h, &n) != CMSFW_BK_OK ||
        n < CMSFW_HSS_KEY_ID_LEN)
        return CMSFW_E_BACKEND;
    memcpy(id, h, CMSFW_HSS_KEY_ID_LEN);
    return CMSFW_OK;
}

/*
 * The HSS/LMS signer: SHA-256 digest, id-alg-hss-lms-hashsig with
 * parameters absent (RFC 9708 3). cmsfw__signer has no field of its own
 * for the stateful key: its key view points at the caller's
 * cmsfw_hss_signer, which cms/sign_info.c reads back when the scheme is
 * HSS/LMS (the only place that signs).
 */
static cmsfw_err
prepare_hss(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag)
{
    const cmsfw_hss_signer *h = in->hss;
    cmsfw_err err = CMSFW_E_ARG;

    if (h->key == NULL || h->commit == NULL || h->sig == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "HSS/LMS signer needs a key, a state commit and a signature buffer");
    if ((err = cmsfw_key_hss_check(h->key, diag)) != CMSFW_OK)
        return err;
    if (cmsfw_key_hss_remaining(h->key) == 0)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS/LMS key exhausted: all %llu signatures used",
                           (unsigned long long)cmsfw_key_hss_total(h->key));
    if (in->sig_alg != CMSFW_SIG_AUTO)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "signature algorithm %d does not fit an HSS/LMS key", (int)in->sig_alg);
    if (in->digest != CMSFW_DIGEST_AUTO && in->digest != CMSFW_DIGEST_SHA256)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS/LMS needs SHA-256 as the digest (RFC 9708)");
    s->sig_max = cmsfw_key_hss_sig_len(h->key);
    if (h->sig_size < s->sig_max)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS/LMS signature buffer of %zu octets, %zu needed",
                           h->sig_size, s->sig_max);
    s->scheme = CMSFW_BK_SIG_HSS_LMS;
    s->hash = CMSFW_BK_SHA256;
    s->hash_len = cmsfw_bk_hash_len(s->hash);
    s->key_info.type = CMSFW_BK_KEY_HSS_LMS;
    s->key_info.bits = 256;
    s->hss = h;
    s->digest_alg_len = put_alg_id(s->digest_alg, sizeof s->digest_alg,
                                   cmsfw__oid(hash_name(s->hash)), 0);
    s->sig_alg_len = put_alg_id(s->sig_alg, sizeof s->sig_alg,
                                cmsfw__oid("id-alg-hss-lms-hashsig"), 0);
    if (s->digest_alg_len == 0 || s->sig_alg_len == 0)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "algorithm identifier does not encode");
    return CMSFW_OK;
}

/* An HSS/LMS key matches a certificate that holds its public key; no
 * probe signature, which would spend a one-time key. */
static cmsfw_err
check_hss_matches(const cmsfw_hss_key *k, const cmsfw_key *cert, cmsfw_diag *diag)
{
    if (cert->public_key.len != sizeof k->pub ||
        memcmp(cert->public_key.ptr, k->pub, sizeof k->pub) != 0)
        return cmsfw__fail(diag, CMSFW_E_ARG,
                           "the signer key does not match the certificate's public key");
    return CMSFW_OK;
}

/* see cms/sign.h */
cmsfw_err
cmsfw__signer_prepare(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag)
{
    cmsfw_key cert;
    cmsfw_err err = CMSFW_E_ARG;

    memset(s, 0, sizeof *s);
    if (in == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no signer");
    err = in->hss != NULL ? prepare_hss(s, in, diag) : prepare_key(s, in, diag);
    if (err != CMSFW_OK)
        return err;
    if (in->cert.ptr != NULL) {
        err = cmsfw_key_parse(&cert, in->cert, CMSFW_KEY_CERTIFICATE, diag);
        if (err != CMSFW_OK)
            return CMSFW_E_ARG; /* the parser said why */
        s->cert_spki = cert.spki;
        err = pick_identifier(s, in, &cert, diag);
        if (err == CMSFW_OK)
            err = in->hss != NULL ? check_hss_matches(in->hss->key, &cert, diag)
                                  : check_key_matches(s, diag);
    } else {
        err = pick_identifier(s, in, NULL, diag);
    }
    if (err == CMSFW_OK)
        err = collect_certs(s, in, diag);
    return err;
}
