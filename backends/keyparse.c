/*
 * backends/keyparse.c: strict DER reading of the key containers the
 * backend accepts, written once so that every library sees the same key
 * typing and the same rejections.
 *
 * Only definite, minimal DER lengths are accepted, every SEQUENCE must be
 * consumed exactly, and no input byte is read outside the given bounds.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "backends/lms.h"

#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_OCTET_STRING 0x04
#define TAG_NULL 0x05
#define TAG_OID 0x06
#define TAG_SEQUENCE 0x30
#define TAG_CTX0_CONS 0xa0 /* [0] constructed */
#define TAG_CTX1_CONS 0xa1 /* [1] constructed */
#define TAG_CTX1_PRIM 0x81 /* [1] primitive */

/* OBJECT IDENTIFIER contents octets */
static const uint8_t oid_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const uint8_t oid_ec_public_key[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const uint8_t oid_p384[] = {0x2b, 0x81, 0x04, 0x00, 0x22};
static const uint8_t oid_p521[] = {0x2b, 0x81, 0x04, 0x00, 0x23};
static const uint8_t oid_ed25519[] = {0x2b, 0x65, 0x70};
static const uint8_t oid_ed448[] = {0x2b, 0x65, 0x71};
/* id-alg-hss-lms-hashsig 1.2.840.113549.1.9.16.3.17 */
static const uint8_t oid_hss_lms[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                      0x01, 0x09, 0x10, 0x03, 0x11};

/* A read position and the end of the enclosing value. */
typedef struct cursor {
    const uint8_t *p;
    const uint8_t *end;
} cursor;

static cursor
cursor_of(cmsfw_bytes b)
{
    cursor c;

    c.p = b.ptr;
    c.end = b.ptr + b.len;
    return c;
}

static int
cursor_done(const cursor *c)
{
    return c->p == c->end;
}

static int
cursor_peek(const cursor *c, uint8_t tag)
{
    return c->p < c->end && c->p[0] == tag;
}

/*
 * Take one TLV whose identifier octet is @p tag; its contents go to *val.
 * Returns 0, or -1 for a different tag, a length that is not minimal DER,
 * longer than four octets, or running past the end.
 */
static int
take(cursor *c, uint8_t tag, cmsfw_bytes *val)
{
    const uint8_t *p = c->p;
    size_t avail, len, n, i;

    if (!cursor_peek(c, tag))
        return -1;
    p++;
    avail = (size_t)(c->end - p);
    if (avail == 0)
        return -1;
    len = *p++;
    avail--;
    if (len >= 0x80) {
        n = len & 0x7f;
        if (n == 0 || n > 4 || n > avail || p[0] == 0)
            return -1;
        len = 0;
        for (i = 0; i < n; i++)
            len = (len << 8) | p[i];
        p += n;
        avail -= n;
        if (len < 0x80)
            return -1;
    }
    if (len > avail)
        return -1;
    val->ptr = p;
    val->len = len;
    c->p = p + len;
    return 0;
}

/* The whole of @p b is exactly one TLV with @p tag. */
static int
take_only(cmsfw_bytes b, uint8_t tag, cmsfw_bytes *val)
{
    cursor c = cursor_of(b);

    if (b.ptr == NULL || take(&c, tag, val) != 0 || !cursor_done(&c))
        return -1;
    return 0;
}

static int
bytes_eq(cmsfw_bytes b, const uint8_t *v, size_t n)
{
    return b.len == n && memcmp(b.ptr, v, n) == 0;
}

/*
 * A positive INTEGER, minimally encoded, not zero: *mag receives the
 * magnitude without the sign octet.
 */
static int
positive_integer(cmsfw_bytes v, cmsfw_bytes *mag)
{
    if (v.len == 0 || (v.ptr[0] & 0x80) != 0)
        return -1;
    if (v.ptr[0] == 0) {
        if (v.len == 1 || (v.ptr[1] & 0x80) == 0)
            return -1; /* zero, or a redundant leading zero octet */
        v.ptr++;
        v.len--;
    }
    *mag = v;
    return 0;
}

static unsigned
magnitude_bits(cmsfw_bytes mag)
{
    unsigned bits;
    uint8_t top = mag.ptr[0];

    /* far beyond any size accepted: saturate, as a count that wrapped
     * could land in the accepted range */
    if (mag.len > UINT_MAX / 8)
        return UINT_MAX;
    bits = (unsigned)(mag.len - 1) * 8u;
    while (top != 0) {
        bits++;
        top >>= 1;
    }
    return bits;
}

/* BIT STRING contents with no unused bits: the octets after the count. */
static int
whole_octets(cmsfw_bytes bits, cmsfw_bytes *octets)
{
    if (bits.len < 1 || bits.ptr[0] != 0)
        return -1;
    octets->ptr = bits.ptr + 1;
    octets->len = bits.len - 1;
    return 0;
}

/*
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
 *                                    parameters ANY OPTIONAL }
 * *params gets the whole parameters TLV tag (0 when absent) and contents.
 */
static int
algorithm_identifier(cursor *c, cmsfw_bytes *oid, uint8_t *params_tag, cmsfw_bytes *params)
{
    cmsfw_bytes seq;
    cursor a;

    if (take(c, TAG_SEQUENCE, &seq) != 0)
        return -1;
    a = cursor_of(seq);
    if (take(&a, TAG_OID, oid) != 0 || oid->len == 0)
        return -1;
    *params_tag = 0;
    params->ptr = NULL;
    params->len = 0;
    if (!cursor_done(&a)) {
        *params_tag = a.p[0];
        if (take(&a, a.p[0], params) != 0 || !cursor_done(&a))
            return -1;
    }
    return 0;
}

/* Curve named by @p curve: type, bits, field length (0 if not handled). */
static void
ec_curve(cmsfw_bytes curve, cmsfw_bk_key_info *info, size_t *field_len)
{
    info->type = CMSFW_BK_KEY_EC_OTHER;
    info->bits = 0;
    *field_len = 0;
    if (bytes_eq(curve, oid_p256, sizeof oid_p256)) {
        info->type = CMSFW_BK_KEY_EC_P256;
        info->bits = 256;
        *field_len = 32;
    } else if (bytes_eq(curve, oid_p384, sizeof oid_p384)) {
        info->type = CMSFW_BK_KEY_EC_P384;
        info->bits = 384;
        *field_len = 48;
    } else if (bytes_eq(curve, oid_p521, sizeof oid_p521)) {
        info->bits = 521;
    }
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
static cmsfw_bk_status
rsa_public(cmsfw_bytes octets, cmsfw_bk_pubkey *key)
{
    cmsfw_bytes seq, n, e;
    cursor c;

    if (take_only(octets, TAG_SEQUENCE, &seq) != 0)
        return CMSFW_BK_BAD_KEY;
    c = cursor_of(seq);
    if (take(&c, TAG_INTEGER, &n) != 0 || take(&c, TAG_INTEGER, &e) != 0 || !cursor_done(&c))
        return CMSFW_BK_BAD_KEY;
    if (positive_integer(n, &key->modulus) != 0 || positive_integer(e, &key->exponent) != 0)
        return CMSFW_BK_BAD_KEY;
    key->info.type = CMSFW_BK_KEY_RSA;
    key->info.bits = magnitude_bits(key->modulus);
    return CMSFW_BK_OK;
}

/* parameters NULL or absent, as RFC 3279 and practice allow for RSA */
static int
null_or_absent(uint8_t tag, cmsfw_bytes params)
{
    return tag == 0 || (tag == TAG_NULL && params.len == 0);
}

/* What the algorithm of a key is; UNSUPPORTED for an unknown OID. */
static cmsfw_bk_status
key_algorithm(cmsfw_bytes oid, uint8_t params_tag, cmsfw_bytes params, cmsfw_bk_key_info *info,
              size_t *field_len)
{
    *field_len = 0;
    if (bytes_eq(oid, oid_rsa, sizeof oid_rsa)) {
        info->type = CMSFW_BK_KEY_RSA;
        return null_or_absent(params_tag, params) ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
    }
    if (bytes_eq(oid, oid_ec_public_key, sizeof oid_ec_public_key)) {
        /* RFC 5480: namedCurve only */
        if (params_tag != TAG_OID || params.len == 0)
            return CMSFW_BK_BAD_KEY;
        ec_curve(params, info, field_len);
        return CMSFW_BK_OK;
    }
    if (bytes_eq(oid, oid_ed25519, sizeof oid_ed25519) ||
        bytes_eq(oid, oid_ed448, sizeof oid_ed448)) {
        int is25519 = bytes_eq(oid, oid_ed25519, sizeof oid_ed25519);

        info->type = is25519 ? CMSFW_BK_KEY_ED25519 : CMSFW_BK_KEY_ED448;
        info->bits = is25519 ? 256 : 456;
        *field_len = is25519 ? 32 : 57;
        /* RFC 8410: parameters MUST be absent */
        return params_tag == 0 ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
    }
    if (bytes_eq(oid, oid_hss_lms, sizeof oid_hss_lms)) {
        info->type = CMSFW_BK_KEY_HSS_LMS;
        /* RFC 9708 3, RFC 9802 2: parameters MUST be absent */
        return params_tag == 0 ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
    }
    return CMSFW_BK_UNSUPPORTED;
}

/*
 * The HSS public key in a subjectPublicKey: the raw octets (RFC 9802, RFC
 * 9708), or, as RFC 8708-era encoders wrote it, a DER OCTET STRING holding
 * them. The raw form starts with u32str(L), L <= 8, so with 00; the
 * wrapped one with 04: the two cannot be confused.
 */
static cmsfw_bk_status
hss_public(cmsfw_bytes octets, cmsfw_bk_pubkey *key)
{
    cmsfw_bytes raw = octets;

    if (octets.len > 0 && octets.ptr[0] == TAG_OCTET_STRING &&
        take_only(octets, TAG_OCTET_STRING, &raw) != 0)
        return CMSFW_BK_BAD_KEY;
    key->raw = raw;
    return cmsfw_bk_hss_check_public(raw, &key->info.bits);
}

/*
 * SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
 *                                     subjectPublicKey BIT STRING }
 */
/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_parse_spki(cmsfw_bytes der, cmsfw_bk_pubkey *key)
{
    cmsfw_bytes seq, oid, params, bits, octets;
    uint8_t params_tag;
    size_t flen;
    cursor c;
    cmsfw_bk_status st = CMSFW_BK_BAD_KEY;

    memset(key, 0, sizeof *key);
    if (take_only(der, TAG_SEQUENCE, &seq) != 0)
        return CMSFW_BK_BAD_KEY;
    c = cursor_of(seq);
    if (algorithm_identifier(&c, &oid, &params_tag, &params) != 0 ||
        take(&c, TAG_BIT_STRING, &bits) != 0 || !cursor_done(&c) ||
        whole_octets(bits, &octets) != 0)
        return CMSFW_BK_BAD_KEY;
    st = key_algorithm(oid, params_tag, params, &key->info, &flen);
    if (st != CMSFW_BK_OK)
        return st;
    switch (key->info.type) {
    case CMSFW_BK_KEY_RSA:
        return rsa_public(octets, key);
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
        /* uncompressed point only: every library here reads that form */
        if (octets.len != 1 + 2 * flen || octets.ptr[0] != 0x04)
            return CMSFW_BK_BAD_KEY;
        key->point = octets;
        return CMSFW_BK_OK;
    case CMSFW_BK_KEY_EC_OTHER:
        if (octets.len == 0)
            return CMSFW_BK_BAD_KEY;
        key->point = octets;
        return CMSFW_BK_OK;
    case CMSFW_BK_KEY_ED25519:
    case CMSFW_BK_KEY_ED448:
        if (octets.len != flen)
            return CMSFW_BK_BAD_KEY;
        key->raw = octets;
        return CMSFW_BK_OK;
    case CMSFW_BK_KEY_HSS_LMS:
        return hss_public(octets, key);
    case CMSFW_BK_KEY_UNKNOWN:
        break;
    }
    return CMSFW_BK_BAD_KEY;
}

/*
 * RSAPrivateKey ::= SEQUENCE { version INTEGER, modulus INTEGER, ... }
 * Only the modulus is read here (for its size); the library reads the rest.
 */
static cmsfw_bk_status
rsa_private(cmsfw_bk_privkey *key)
{
    cmsfw_bytes seq, version, n;
    cursor c;

    if (take_only(key->inner, TAG_SEQUENCE, &seq) != 0)
        return CMSFW_BK_BAD_KEY;
    c = cursor_of(seq);
    if (take(&c, TAG_INTEGER, &version) != 0 || take(&c, TAG_INTEGER, &n) != 0 ||
        positive_integer(n, &key->modulus) != 0)
        return CMSFW_BK_BAD_KEY;
    key->info.bits = magnitude_bits(key->modulus);
    return CMSFW_BK_OK;
}

/* The group orders of P-256 and P-384 (FIPS 186-4 D.1.2), big-endian. */
static const uint8_t order_p256[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51};
static const uint8_t order_p384[48] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
    0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73};

/* 1 <= d < n, d big-endian in at most n's length: a scalar outside would
 * give no key at all, and libraries differ on whether they refuse it. */
static int
scalar_in_range(cmsfw_bytes d, const uint8_t *n, size_t n_len)
{
    uint8_t padded[48];
    size_t i;
    int nonzero = 0;

    if (d.len > n_len)
        return 0;
    memset(padded, 0, sizeof padded);
    memcpy(padded + (n_len - d.len), d.ptr, d.len);
    for (i = 0; i < n_len; i++)
        nonzero |= padded[i];
    if (!nonzero)
        return 0;
    for (i = 0; i < n_len && padded[i] == n[i]; i++)
        ;
    return i < n_len && padded[i] < n[i];
}

/*
 * ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) },
 *     privateKey OCTET STRING, parameters [0] ECParameters OPTIONAL,
 *     publicKey [1] BIT STRING OPTIONAL }               (RFC 5915)
 */
static cmsfw_bk_status
ec_private(cmsfw_bk_privkey *key, cmsfw_bytes curve, size_t flen)
{
    cmsfw_bytes seq, version, field, inner_oid, bits;
    cursor c;

    if (take_only(key->inner, TAG_SEQUENCE, &seq) != 0)
        return CMSFW_BK_BAD_KEY;
    c = cursor_of(seq);
    if (take(&c, TAG_INTEGER, &version) != 0 || version.len != 1 || version.ptr[0] != 1 ||
        take(&c, TAG_OCTET_STRING, &key->secret) != 0 || key->secret.len == 0)
        return CMSFW_BK_BAD_KEY;
    if (flen != 0 && key->secret.len > flen)
        return CMSFW_BK_BAD_KEY;
    if ((key->info.type == CMSFW_BK_KEY_EC_P256 &&
         !scalar_in_range(key->secret, order_p256, sizeof order_p256)) ||
        (key->info.type == CMSFW_BK_KEY_EC_P384 &&
         !scalar_in_range(key->secret, order_p384, sizeof order_p384)))
        return CMSFW_BK_BAD_KEY;
    if (cursor_peek(&c, TAG_CTX0_CONS)) {
        /* when repeated here, the curve must be the one named outside */
        if (take(&c, TAG_CTX0_CONS, &field) != 0 ||
            take_only(field, TAG_OID, &inner_oid) != 0 ||
            !bytes_eq(inner_oid, curve.ptr, curve.len))
            return CMSFW_BK_BAD_KEY;
    }
    if (cursor_peek(&c, TAG_CTX1_CONS)) {
        if (take(&c, TAG_CTX1_CONS, &field) != 0 ||
            take_only(field, TAG_BIT_STRING, &bits) != 0 || whole_octets(bits, &key->pub) != 0)
            return CMSFW_BK_BAD_KEY;
        if (flen != 0 && (key->pub.len != 1 + 2 * flen || key->pub.ptr[0] != 0x04))
            return CMSFW_BK_BAD_KEY;
    }
    return cursor_done(&c) ? CMSFW_BK_OK : CMSFW_BK_BAD_KEY;
}

/* CurvePrivateKey ::= OCTET STRING (RFC 8410) */
static cmsfw_bk_status
eddsa_private(cmsfw_bk_privkey *key, size_t flen, cmsfw_bytes public_bits)
{
    if (take_only(key->inner, TAG_OCTET_STRING, &key->secret) != 0 || key->secret.len != flen)
        return CMSFW_BK_BAD_KEY;
    if (public_bits.ptr != NULL) {
        if (whole_octets(public_bits, &key->pub) != 0 || key->pub.len != flen)
            return CMSFW_BK_BAD_KEY;
    }
    return CMSFW_BK_OK;
}

/*
 * OneAsymmetricKey ::= SEQUENCE {
 *     version                   Version,             -- v1(0) or v2(1)
 *     privateKeyAlgorithm       AlgorithmIdentifier,
 *     privateKey                OCTET STRING,
 *     attributes            [0] IMPLICIT Attributes OPTIONAL,
 *     publicKey             [1] IMPLICIT BIT STRING OPTIONAL }  -- v2 only
 *                                                             (RFC 5958)
 */
/* see backends/bk_internal.h */
cmsfw_bk_status
cmsfw_bk_parse_pkcs8(cmsfw_bytes der, cmsfw_bk_privkey *key)
{
    cmsfw_bytes seq, version, oid, params, attrs, public_bits;
    uint8_t params_tag;
    size_t flen;
    cursor c;
    cmsfw_bk_status st = CMSFW_BK_BAD_KEY;

    memset(key, 0, sizeof *key);
    public_bits.ptr = NULL;
    public_bits.len = 0;
    if (take_only(der, TAG_SEQUENCE, &seq) != 0)
        return CMSFW_BK_BAD_KEY;
    c = cursor_of(seq);
    if (take(&c, TAG_INTEGER, &version) != 0 || version.len != 1 || version.ptr[0] > 1 ||
        algorithm_identifier(&c, &oid, &params_tag, &params) != 0 ||
        take(&c, TAG_OCTET_STRING, &key->inner) != 0)
        return CMSFW_BK_BAD_KEY;
    if (cursor_peek(&c, TAG_CTX0_CONS) && take(&c, TAG_CTX0_CONS, &attrs) != 0)
        return CMSFW_BK_BAD_KEY;
    if (cursor_peek(&c, TAG_CTX1_PRIM)) {
        if (version.ptr[0] != 1 || take(&c, TAG_CTX1_PRIM, &public_bits) != 0)
            return CMSFW_BK_BAD_KEY;
    }
    if (!cursor_done(&c))
        return CMSFW_BK_BAD_KEY;
    st = key_algorithm(oid, params_tag, params, &key->info, &flen);
    if (st != CMSFW_BK_OK)
        return st;
    switch (key->info.type) {
    case CMSFW_BK_KEY_RSA:
        return rsa_private(key);
    case CMSFW_BK_KEY_EC_P256:
    case CMSFW_BK_KEY_EC_P384:
    case CMSFW_BK_KEY_EC_OTHER:
        return ec_private(key, params, flen);
    case CMSFW_BK_KEY_ED25519:
    case CMSFW_BK_KEY_ED448:
        return eddsa_private(key, flen, public_bits);
    case CMSFW_BK_KEY_HSS_LMS:
        return CMSFW_BK_UNSUPPORTED; /* verification only */
    case CMSFW_BK_KEY_UNKNOWN:
        break;
    }
    return CMSFW_BK_BAD_KEY;
}

/*
 * Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }     (RFC 5480)
 * Checked here so that every backend rejects the same malformed values:
 * r and s positive, minimal, no longer than the group order.
 */
/* see backends/bk_internal.h */
int
cmsfw_bk_ecdsa_sig_wellformed(cmsfw_bytes sig, size_t field_len)
{
    cmsfw_bytes seq, r, s, mag;
    cursor c;

    if (take_only(sig, TAG_SEQUENCE, &seq) != 0)
        return 0;
    c = cursor_of(seq);
    if (take(&c, TAG_INTEGER, &r) != 0 || take(&c, TAG_INTEGER, &s) != 0 || !cursor_done(&c))
        return 0;
    if (positive_integer(r, &mag) != 0 || mag.len > field_len)
        return 0;
    if (positive_integer(s, &mag) != 0 || mag.len > field_len)
        return 0;
    return 1;
}
