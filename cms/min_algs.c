/*
 * min_algs.c: the algorithms of steps 12 to 14 in the minimal profile,
 * with the rules of the full profile's cms/check_algs.c (same order, same
 * codes): SHA-2 digests with parameters absent or NULL; ECDSA with SHA-2,
 * parameters absent; RSASSA-PKCS1-v1_5 (LEGACY) with parameters NULL or
 * absent, rsaEncryption taking its hash from the digest algorithm;
 * RSASSA-PSS with SHA-2, MGF1 of the same hash, salt of the hash length,
 * trailer 1; Ed25519 with SHA-512 as the digest (RFC 8419); HSS/LMS,
 * parameters absent, pure, with SHA-256 as the digest (RFC 9708). What the
 * backend lacks is badSignatureAlgorithm / badDigestAlgorithm, as there.
 *
 * Also the SHA-1 of RFC 5280 4.2.1.2 method 1, which names anchors given
 * without a key identifier; it is used for nothing else.
 *
 * And the HSS/LMS signature consumed as it arrives (docs/minimal.md): when
 * the first SignerInfo's signature OCTET STRING begins and everything
 * before it says that step 13 will check it under a known anchor's HSS
 * key, its octets go to the incremental verifier of backends/lms.c (state
 * and lent buffer in the free work buffer) instead of the capture, and
 * only the verdict is kept for step 13.
 */
#include <stddef.h>
#include <string.h>

#include "backends/lms.h"
#include "cms/min_check.h"

#define OK CMSFW_DER_OK

/* see cms/min_check.h */
int
cmsfw__min_alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    if (b->oid.ptr == NULL || !cmsfw__min_eq(a->oid, b->oid.ptr, b->oid.len))
        return 0;
    if (a->params.ptr == NULL || b->params.ptr == NULL)
        return a->params.ptr == NULL && b->params.ptr == NULL;
    return cmsfw__min_eq(a->params, b->params.ptr, b->params.len);
}

static int
absent_or_null(const cmsfw_alg_id *a)
{
    static const uint8_t der_null[] = {0x05, 0x00};

    return a->params.ptr == NULL || cmsfw__min_eq(a->params, der_null, sizeof der_null);
}

/* The last octet of @oid when it is @prefix (n octets) plus one octet in
 * [lo, lo + 2]: its offset from lo; else -1. */
static int
oid_family(cmsfw_bytes oid, const uint8_t *prefix, size_t n, uint8_t lo)
{
    if (oid.ptr == NULL || oid.len != n + 1 || memcmp(oid.ptr, prefix, n) != 0 || oid.ptr[n] < lo ||
        oid.ptr[n] > lo + 2)
        return -1;
    return oid.ptr[n] - lo;
}

static const uint8_t sha2_arc[] = {MIN_OID_ID_SHA256};
static const uint8_t ecdsa_arc[] = {MIN_OID_ECDSA_WITH_SHA256};
static const uint8_t pkcs1_arc[] = {MIN_OID_SHA256WITHRSAENCRYPTION};
static const uint8_t rsa[] = {MIN_OID_RSAENCRYPTION};
static const uint8_t pss[] = {MIN_OID_ID_RSASSA_PSS};
static const uint8_t mgf1[] = {MIN_OID_ID_MGF1};
static const uint8_t ed25519[] = {MIN_OID_ID_ED25519};
static const uint8_t ed448[] = {MIN_OID_ID_ED448};
/* id-alg-hss-lms-hashsig 1.2.840.113549.1.9.16.3.17 */
static const uint8_t hss_lms[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                  0x01, 0x09, 0x10, 0x03, 0x11};

/* SHA-256/384/512 by OID; NONE for anything else. */
static cmsfw_bk_hash
sha2_of(cmsfw_bytes oid)
{
    int i = oid_family(oid, sha2_arc, sizeof sha2_arc - 1, 0x01);

    return i < 0 ? CMSFW_BK_HASH_NONE : (cmsfw_bk_hash)(CMSFW_BK_SHA256 + i);
}

/* CMSFW_BK_CAP_SHA256/384/512 are bits 0..2, in the order of the enum. */
static uint32_t
hash_cap(cmsfw_bk_hash h)
{
    return h == CMSFW_BK_HASH_NONE ? 0u : 1u << (h - CMSFW_BK_SHA256);
}

/* A hash AlgorithmIdentifier alone in @c, inside PSS parameters. */
static cmsfw_bk_hash
pss_hash(cmsfw_der_cur *c)
{
    cmsfw_alg_id a;

    if (cmsfw__min_alg_read(c, &a) != 0 || !cmsfw_der_at_end(c) || !absent_or_null(&a))
        return CMSFW_BK_HASH_NONE;
    return sha2_of(a.oid);
}

/* The next field of PSS parameters when it is [tag]: @f enters it. */
static int
pss_field(cmsfw_der_cur *c, uint32_t tag, cmsfw_der_cur *f)
{
    cmsfw_der_tlv t;

    if (cmsfw_der_expect(c, MIN_CTX, 1, tag, &t) != OK)
        return 0;
    cmsfw_der_enter(f, &t, 0);
    return 1;
}

/* An INTEGER alone in @c. */
static int
pss_int(cmsfw_der_cur *c, uint64_t *v)
{
    cmsfw_der_tlv t;

    return cmsfw_der_expect(c, MIN_UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) == OK &&
           cmsfw_der_get_uint(&t, v) == OK && cmsfw_der_at_end(c);
}

/*
 * RSASSA-PSS-params ::= SEQUENCE { hashAlgorithm [0], maskGenAlgorithm [1],
 *   saltLength [2] INTEGER DEFAULT 20, trailerField [3] DEFAULT 1 }:
 * SHA-2, MGF1 of the same hash, salt = hash length (the SHA-1 defaults are
 * unsupported). *hash on success; unsupportedParameters otherwise.
 */
static cmsfw_err
pss_params(const cmsfw_alg_id *a, cmsfw_bk_hash *hash)
{
    cmsfw_der_cur c, f, g;
    cmsfw_der_tlv seq;
    cmsfw_alg_id mgf;
    cmsfw_bk_hash h;
    uint64_t salt = 20, trailer = 1;

    if (a->params.ptr == NULL)
        return CMSFW_UNSUPPORTED_PARAMETERS;
    cmsfw_der_init(&c, a->params.ptr, a->params.len, 0);
    if (cmsfw_der_expect(&c, MIN_UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != OK ||
        cmsfw_der_walk(&seq, 0) != OK || !cmsfw_der_at_end(&c))
        return CMSFW_UNSUPPORTED_PARAMETERS;
    cmsfw_der_enter(&c, &seq, 0);
    if (!pss_field(&c, 0, &f) || (h = pss_hash(&f)) == CMSFW_BK_HASH_NONE)
        return CMSFW_UNSUPPORTED_PARAMETERS;
    if (!pss_field(&c, 1, &f) || cmsfw__min_alg_read(&f, &mgf) != 0 || !cmsfw_der_at_end(&f) ||
        !cmsfw__min_eq(mgf.oid, mgf1, sizeof mgf1) || mgf.params.ptr == NULL)
        return CMSFW_UNSUPPORTED_PARAMETERS;
    cmsfw_der_init(&g, mgf.params.ptr, mgf.params.len, 0);
    if (pss_hash(&g) != h || (pss_field(&c, 2, &f) && !pss_int(&f, &salt)) ||
        salt != cmsfw_bk_hash_len(h) ||
        (pss_field(&c, 3, &f) && (!pss_int(&f, &trailer) || trailer != 1)) || !cmsfw_der_at_end(&c))
        return CMSFW_UNSUPPORTED_PARAMETERS;
    *hash = h;
    return CMSFW_OK;
}

/* The signature algorithm resolved (cms/check_algs.c cmsfw__sig_alg). */
typedef struct min_sig {
    cmsfw_bk_sig scheme;
    cmsfw_bk_hash hash;
    int from_digest;
    int legacy;
} min_sig;

/* Any of the capabilities that can run @scheme. */
static uint32_t
scheme_caps(cmsfw_bk_sig scheme)
{
    if (scheme == CMSFW_BK_SIG_HSS_LMS)
        return CMSFW_BK_CAP_HSS_LMS;
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA: return CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384;
    case CMSFW_BK_SIG_RSA_PKCS1: return CMSFW_BK_CAP_RSA_PKCS1;
    case CMSFW_BK_SIG_RSA_PSS: return CMSFW_BK_CAP_RSA_PSS;
    case CMSFW_BK_SIG_ED25519: return CMSFW_BK_CAP_ED25519;
    default: return CMSFW_BK_CAP_ED448;
    }
}

/* Step 13 without the key: known, in the backend, parameters allowed. */
static cmsfw_err
sig_alg(const cmsfw_alg_id *a, min_sig *out)
{
    int i, ok_params = 1;

    memset(out, 0, sizeof *out);
    if (cmsfw__min_eq(a->oid, pss, sizeof pss)) {
        if (!cmsfw_bk_has(CMSFW_BK_CAP_RSA_PSS))
            return CMSFW_BAD_SIGNATURE_ALGORITHM;
        out->scheme = CMSFW_BK_SIG_RSA_PSS;
        return pss_params(a, &out->hash);
    }
    if ((i = oid_family(a->oid, ecdsa_arc, sizeof ecdsa_arc - 1, 0x02)) >= 0) {
        out->scheme = CMSFW_BK_SIG_ECDSA;
        out->hash = (cmsfw_bk_hash)(CMSFW_BK_SHA256 + i);
        ok_params = a->params.ptr == NULL;
    } else if ((i = oid_family(a->oid, pkcs1_arc, sizeof pkcs1_arc - 1, 0x0b)) >= 0 ||
               cmsfw__min_eq(a->oid, rsa, sizeof rsa)) {
        out->scheme = CMSFW_BK_SIG_RSA_PKCS1;
        out->hash = i >= 0 ? (cmsfw_bk_hash)(CMSFW_BK_SHA256 + i) : CMSFW_BK_HASH_NONE;
        out->from_digest = i < 0;
        out->legacy = 1;
        ok_params = absent_or_null(a);
    } else if (cmsfw__min_eq(a->oid, ed25519, sizeof ed25519) ||
               cmsfw__min_eq(a->oid, ed448, sizeof ed448)) {
        out->scheme = a->oid.ptr[2] == 0x70 ? CMSFW_BK_SIG_ED25519 : CMSFW_BK_SIG_ED448;
        ok_params = a->params.ptr == NULL;
    } else if (cmsfw__min_eq(a->oid, hss_lms, sizeof hss_lms)) {
        out->scheme = CMSFW_BK_SIG_HSS_LMS;
        ok_params = a->params.ptr == NULL;
    } else {
        return CMSFW_BAD_SIGNATURE_ALGORITHM;
    }
    /* an algorithm this build lacks is unsupported whatever its parameters */
    if ((cmsfw_bk_caps() & scheme_caps(out->scheme)) == 0 ||
        (out->hash != CMSFW_BK_HASH_NONE && !cmsfw_bk_has(hash_cap(out->hash))))
        return CMSFW_BAD_SIGNATURE_ALGORITHM;
    return ok_params ? CMSFW_OK : CMSFW_UNSUPPORTED_PARAMETERS;
}

static int
key_fits(cmsfw_bk_sig scheme, cmsfw_bk_key_type t)
{
    if (scheme == CMSFW_BK_SIG_HSS_LMS)
        return t == CMSFW_BK_KEY_HSS_LMS;
    switch (scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return t == CMSFW_BK_KEY_EC_P256 || t == CMSFW_BK_KEY_EC_P384 || t == CMSFW_BK_KEY_EC_OTHER;
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS: return t == CMSFW_BK_KEY_RSA;
    case CMSFW_BK_SIG_ED25519: return t == CMSFW_BK_KEY_ED25519;
    default: return t == CMSFW_BK_KEY_ED448;
    }
}

/* The capabilities a (scheme, key, hash) needs. */
static uint32_t
caps_needed(const min_sig *s, cmsfw_bk_key_type t)
{
    if (s->scheme == CMSFW_BK_SIG_HSS_LMS)
        return CMSFW_BK_CAP_HSS_LMS;
    switch (s->scheme) {
    case CMSFW_BK_SIG_ECDSA:
        return hash_cap(s->hash) |
               (t == CMSFW_BK_KEY_EC_P384 ? CMSFW_BK_CAP_ECDSA_P384 : CMSFW_BK_CAP_ECDSA_P256);
    case CMSFW_BK_SIG_RSA_PKCS1:
    case CMSFW_BK_SIG_RSA_PSS: return hash_cap(s->hash) | scheme_caps(s->scheme);
    default: return scheme_caps(s->scheme);
    }
}

/* The digest a pure scheme requires (RFC 8419, RFC 9708); NONE when the
 * scheme's own hash must equal the digest (RFC 8933), which for Ed448
 * (hash NONE; it would need SHAKE256) never holds. */
static cmsfw_bk_hash
pure_digest(cmsfw_bk_sig scheme)
{
    if (scheme == CMSFW_BK_SIG_ED25519)
        return CMSFW_BK_SHA512;
    return scheme == CMSFW_BK_SIG_HSS_LMS ? CMSFW_BK_SHA256 : CMSFW_BK_HASH_NONE;
}

/* Step 13 with the digest and the key: RFC 8933 / RFC 8419 / RFC 9708
 * binding, key type, key size, backend support. */
static cmsfw_err
bind_and_key(min_sig *s, cmsfw_bk_hash digest, cmsfw_bytes spki)
{
    cmsfw_bk_key_info info;
    cmsfw_bk_status st;
    cmsfw_bk_hash need = pure_digest(s->scheme);

    if (s->from_digest)
        s->hash = digest;
    else if (need != CMSFW_BK_HASH_NONE ? need != digest : s->hash != digest)
        return CMSFW_BAD_SIGNATURE_ALGORITHM;
    memset(&info, 0, sizeof info);
    st = cmsfw_bk_spki_info(spki, &info);
    /* a malformed anchor key is the device's configuration */
    if (st == CMSFW_BK_BAD_KEY || st == CMSFW_BK_BAD_INPUT)
        return CMSFW_E_ARG;
    if (!key_fits(s->scheme, info.type))
        return CMSFW_BAD_SIGNATURE_ALGORITHM;
    if (st == CMSFW_BK_KEY_SIZE)
        return CMSFW_UNSUPPORTED_KEY_SIZE;
    if (st != CMSFW_BK_OK || !cmsfw_bk_has(caps_needed(s, info.type)))
        return CMSFW_BAD_SIGNATURE_ALGORITHM;
    return CMSFW_OK;
}

/* see cms/min_check.h */
cmsfw_err
cmsfw__min_algs(const cmsfw__min_signed *s, uint32_t policy, cmsfw_bytes spki, cmsfw_bk_hash *hash,
                cmsfw_bk_sig *scheme, cmsfw_bk_hash *sig_hash)
{
    min_sig g;
    cmsfw_bk_hash h = sha2_of(s->digest_alg.oid);
    cmsfw_err e;

    /* step 12: a SHA-2 the backend has, parameters absent or NULL */
    if (h == CMSFW_BK_HASH_NONE || !cmsfw_bk_has(hash_cap(h)) || !absent_or_null(&s->digest_alg))
        return CMSFW_BAD_DIGEST_ALGORITHM;
    *hash = h;
    e = sig_alg(&s->sig_alg, &g);
    if (e == CMSFW_OK && g.legacy && (policy & CMSFW_POLICY_NO_LEGACY))
        e = CMSFW_BAD_SIGNATURE_ALGORITHM;
    if (e == CMSFW_OK)
        e = bind_and_key(&g, h, spki);
    *scheme = g.scheme;
    *sig_hash = g.hash;
    return e;
}

/* see cms/min_check.h */
cmsfw_err
cmsfw__min_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes spki, uint8_t *msg,
                  size_t msg_len, cmsfw_bytes sig)
{
    uint8_t digest[CMSFW_BK_HASH_MAX];
    cmsfw_bytes tbs;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    uint8_t first;

    if (msg == NULL || msg_len == 0)
        return CMSFW_E_BACKEND;
    /* DER(signedAttrs) is signed with the SET OF identifier (RFC 5652
     * 5.4): the [0] is retagged in place for the time of the call */
    first = msg[0];
    msg[0] = 0x31;
    tbs.ptr = msg;
    tbs.len = msg_len;
    if (scheme == CMSFW_BK_SIG_ED25519 || scheme == CMSFW_BK_SIG_ED448 ||
        scheme == CMSFW_BK_SIG_HSS_LMS) {
        st = cmsfw_bk_verify(scheme, CMSFW_BK_HASH_NONE, spki, tbs, sig);
    } else if (cmsfw_bk_hash_once(hash, tbs, digest, sizeof digest, &tbs.len) == CMSFW_BK_OK) {
        tbs.ptr = digest;
        st = cmsfw_bk_verify(scheme, hash, spki, tbs, sig);
    } else {
        st = CMSFW_BK_FAILURE;
    }
    msg[0] = first;
    switch (st) {
    case CMSFW_BK_OK: return CMSFW_OK;
    case CMSFW_BK_BAD_SIGNATURE: return CMSFW_SIGNATURE_FAILURE;
    case CMSFW_BK_KEY_SIZE: return CMSFW_UNSUPPORTED_KEY_SIZE;
    case CMSFW_BK_UNSUPPORTED: return CMSFW_BAD_SIGNATURE_ALGORITHM;
    default: return CMSFW_E_BACKEND;
    }
}

/* ------------------------------------------------------------------ SHA-1 */

static uint32_t
rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32u - n));
}

/* One 64-octet block (FIPS 180-4 6.1.2), with the 16-word schedule. */
static void
sha1_block(uint32_t h[5], const uint8_t *p)
{
    static const uint32_t k[4] = {0x5A827999u, 0x6ED9EBA1u, 0x8F1BBCDCu, 0xCA62C1D6u};
    uint32_t w[16], v[5], f, t;
    unsigned i, j;

    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    memcpy(v, h, sizeof v);
    for (i = 0; i < 80; i++) {
        if (i >= 16)
            w[i & 15] = rol(w[(i + 13) & 15] ^ w[(i + 8) & 15] ^ w[(i + 2) & 15] ^ w[i & 15], 1);
        j = i / 20;
        if (j == 0)
            f = (v[1] & v[2]) | (~v[1] & v[3]);
        else if (j == 2)
            f = (v[1] & v[2]) | (v[1] & v[3]) | (v[2] & v[3]);
        else
            f = v[1] ^ v[2] ^ v[3];
        t = rol(v[0], 5) + f + v[4] + k[j] + w[i & 15];
        v[4] = v[3];
        v[3] = v[2];
        v[2] = rol(v[1], 30);
        v[1] = v[0];
        v[0] = t;
    }
    for (i = 0; i < 5; i++)
        h[i] += v[i];
}

/* see cms/min_check.h */
void
cmsfw__min_sha1(cmsfw_bytes data, uint8_t out[20])
{
    uint32_t h[5] = {0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u, 0xC3D2E1F0u};
    uint8_t block[64];
    uint64_t bits = (uint64_t)data.len * 8u;
    size_t off = 0, n;
    unsigned i;

    for (; data.len - off >= 64; off += 64)
        sha1_block(h, data.ptr + off);
    /* the tail, 0x80, zeros and the length in bits */
    n = data.len - off;
    memset(block, 0, sizeof block);
    if (n > 0)
        memcpy(block, data.ptr + off, n);
    block[n] = 0x80;
    if (n >= 56) {
        sha1_block(h, block);
        memset(block, 0, sizeof block);
    }
    for (i = 0; i < 8; i++)
        block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    sha1_block(h, block);
    for (i = 0; i < 20; i++)
        out[i] = (uint8_t)(h[i / 4] >> (24 - 8 * (i % 4)));
}

/* ------------------------------------------- HSS/LMS signature streamed */

struct hss_probe {
    char c;
    cmsfw_bk_hss_stream s;
};
#define HSS_ALIGN offsetof(struct hss_probe, s)

/*
 * The SignerInfo captured so far, up to its signature (exclusive):
 * version, a primitive subjectKeyIdentifier sid, digestAlgorithm,
 * signedAttrs (required here: they are the message) and an
 * id-alg-hss-lms-hashsig signatureAlgorithm without parameters. Gives
 * the sid and the signedAttrs TLV; 0 for anything else.
 */
static int
si_head(const uint8_t *p, size_t n, cmsfw_bytes *ski, cmsfw_bytes *attrs)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_alg_id alg;
    size_t hl = 0;

    if (n == 0 || p[0] != 0x30 || cmsfw_der_read_header(p, n, 1, &t, &hl) != OK)
        return 0;
    cmsfw_der_init(&c, p + hl, n - hl, 1);
    if (!cmsfw__min_expect(&c, CMSFW_DER_TAG_INTEGER, &t) || cmsfw_der_read(&c, &t) != OK ||
        t.cls != MIN_CTX || t.tag != 0 || t.constructed)
        return 0;
    ski->ptr = t.val;
    ski->len = t.len;
    if (cmsfw__min_alg_read(&c, &alg) != 0 || cmsfw_der_read(&c, &t) != OK || t.cls != MIN_CTX ||
        t.tag != 0 || !t.constructed || t.indefinite)
        return 0;
    attrs->ptr = t.tlv;
    attrs->len = t.tlv_len;
    return cmsfw__min_alg_read(&c, &alg) == 0 && alg.params.ptr == NULL &&
           cmsfw__min_eq(alg.oid, hss_lms, sizeof hss_lms) && cmsfw_der_at_end(&c);
}

/* The SignerInfo's definite length, less the signature's @cut octets,
 * written over its own length octets (as many as before: BER allows the
 * leading zeros that may leave). */
static void
shorten(uint8_t *len_octets, size_t cut)
{
    size_t k, i, v = 0;

    if (len_octets[0] < 0x80u) {
        len_octets[0] = (uint8_t)(len_octets[0] - cut);
        return;
    }
    k = len_octets[0] & 0x7Fu;
    for (i = 1; i <= k; i++)
        v = v << 8 | len_octets[i];
    v -= cut;
    for (i = k; i >= 1; i--, v >>= 8)
        len_octets[i] = (uint8_t)v;
}

/* see cms/min_priv.h */
int
cmsfw__min_sig_begin(cmsfw_min *m, uint32_t sig_len, size_t hdr_len)
{
    uint8_t *si = m->buf + m->capture_start, *at;
    size_t used = m->buf_used, pad;
    cmsfw_bytes ski, attrs, kid;
    cmsfw_bk_hss_stream *hss;
    const cmsfw_anchor *a;
    uint8_t id[20];
    cmsfw_err e = CMSFW_E_ARG;

    /* the state goes after the signature's placeholder header (2 octets) */
    pad = (size_t)(-(uintptr_t)(m->buf + used + 2) & (HSS_ALIGN - 1));
    if (m->dev == NULL || m->buf_len - used < 2 + pad + sizeof(cmsfw_bk_hss_stream) ||
        !si_head(si, used - m->capture_start, &ski, &attrs))
        return 0;
    /* the anchor step 10 will pick, if its key is an HSS key the backend
     * takes; the state and the lent buffer are free work buffer until then */
    a = cmsfw__min_anchor_named(m->dev, ski, id, &kid, &e);
    hss = (cmsfw_bk_hss_stream *)(void *)(m->buf + used + 2 + pad);
    at = (uint8_t *)(hss + 1);
    if (e != CMSFW_OK || a == NULL ||
        cmsfw_bk_hss_stream_spki(hss, a->spki, attrs, at, (size_t)(m->buf + m->buf_len - at)) !=
            CMSFW_BK_OK)
        return 0;
    /* captured as an empty OCTET STRING: the SignerInfo still parses */
    if (si[1] != 0x80u)
        shorten(si + 1, hdr_len + sig_len - 2);
    m->buf[used] = CMSFW_DER_TAG_OCTET_STRING;
    m->buf[used + 1] = 0;
    m->buf_used = used + 2;
    m->hss = hss;
    m->hss_anchor = a;
    m->hss_done = 0;
    /* DER(signedAttrs) is signed with the SET OF identifier (RFC 5652
     * 5.4): retagged until the signature ends */
    m->hss_msg = m->buf + (attrs.ptr - m->buf);
    m->hss_msg[0] = 0x31;
    m->hss_held_at = (size_t)(at - m->buf);
    if (m->buf_high < m->hss_held_at)
        m->buf_high = m->hss_held_at;
    return 1;
}

/* see cms/min_priv.h */
void
cmsfw__min_sig_update(cmsfw_min *m, const uint8_t *p, size_t n)
{
    size_t high;

    cmsfw_bk_hss_stream_update(m->hss, p, n);
    high = m->hss_held_at + cmsfw_bk_hss_stream_held(m->hss);
    if (m->buf_high < high)
        m->buf_high = high;
}

/* see cms/min_priv.h */
void
cmsfw__min_sig_end(cmsfw_min *m, int finished)
{
    if (m->hss == NULL)
        return;
    if (finished) {
        m->hss_verdict = cmsfw_bk_hss_stream_final(m->hss);
        m->hss_done = 1;
    } else {
        cmsfw_bk_hss_stream_abort(m->hss);
    }
    m->hss = NULL;
    m->hss_msg[0] = 0xA0; /* [0] IMPLICIT again */
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_sig_verdict(cmsfw_min *m, cmsfw_bk_sig scheme)
{
    /* never otherwise: the streamed SignerInfo names this anchor and
     * algorithm, and step 10 picks anchors as cmsfw__min_sig_begin() did */
    if (scheme != CMSFW_BK_SIG_HSS_LMS || m->hss_anchor != m->s.anchor)
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                               "signature streamed for another key");
    switch (m->hss_verdict) {
    case CMSFW_BK_OK: return CMSFW_OK;
    case CMSFW_BK_BAD_SIGNATURE: return CMSFW_SIGNATURE_FAILURE;
    case CMSFW_BK_UNSUPPORTED: return CMSFW_BAD_SIGNATURE_ALGORITHM;
    case CMSFW_BK_BAD_INPUT:
        return cmsfw__min_fail(m, CMSFW_INSUFFICIENT_MEMORY, CMSFW_MIN_LIMIT_WORK,
                               "an HSS level's signature larger than the work buffer");
    default: return CMSFW_E_BACKEND;
    }
}
