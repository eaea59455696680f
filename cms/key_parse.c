/*
 * key_parse.c: SubjectPublicKeyInfo, PKCS#8 OneAsymmetricKey and X.509
 * Certificate parsed in place with the DER cursor; no allocation, so the
 * minimal profile can use it on certificates carried in a package.
 *
 * Each function reads one production; the ASN.1 is in the comment above it.
 * The input is strict DER and the whole tree is walked first, so every
 * nested header is known to be sound before any field is looked at.
 */
#include <string.h>

#include <cmsfw/keys.h>

#include "asn1/der.h"
#include "cms/pem.h"

#define UNIV CMSFW_DER_UNIVERSAL
#define CTX CMSFW_DER_CONTEXT

/* id-ce-subjectKeyIdentifier, 2.5.29.14 */
static const uint8_t oid_ski[] = {0x55, 0x1D, 0x0E};

/* Where a parse failed, for the message. */
typedef struct parse_ctx {
    const char *obj; /* "certificate", ... */
    cmsfw_diag *diag;
} parse_ctx;

static cmsfw_err
fail(const parse_ctx *x, const char *field, cmsfw_der_status st)
{
    cmsfw__key_diag(x->diag, "%s: %s: %s", x->obj, field, cmsfw_der_status_str(st));
    return CMSFW_DECODE_FAILURE;
}

static cmsfw_err
fail_msg(const parse_ctx *x, const char *field, const char *why)
{
    cmsfw__key_diag(x->diag, "%s: %s: %s", x->obj, field, why);
    return CMSFW_DECODE_FAILURE;
}

static cmsfw_bytes
tlv_bytes(const cmsfw_der_tlv *t)
{
    cmsfw_bytes b;

    b.ptr = t->tlv;
    b.len = t->tlv_len;
    return b;
}

static cmsfw_bytes
val_bytes(const cmsfw_der_tlv *t)
{
    cmsfw_bytes b;

    b.ptr = t->val;
    b.len = t->len;
    return b;
}

/* Read the next element, which must have the given class, form and tag. */
static cmsfw_err
get(const parse_ctx *x, cmsfw_der_cur *c, uint8_t cls, int cons, uint32_t tag, cmsfw_der_tlv *t,
    const char *field)
{
    cmsfw_der_status st = cmsfw_der_expect(c, cls, cons, tag, t);

    return st == CMSFW_DER_OK ? CMSFW_OK : fail(x, field, st);
}

static cmsfw_err
need_end(const parse_ctx *x, const cmsfw_der_cur *c, const char *field)
{
    return cmsfw_der_at_end(c) ? CMSFW_OK : fail_msg(x, field, "unexpected trailing element");
}

/*
 * AlgorithmIdentifier ::= SEQUENCE {
 *     algorithm   OBJECT IDENTIFIER,
 *     parameters  ANY DEFINED BY algorithm OPTIONAL }
 */
static cmsfw_err
parse_alg(const parse_ctx *x, cmsfw_der_cur *c, const char *field, cmsfw_bytes *alg,
          cmsfw_bytes *oid, cmsfw_bytes *params)
{
    cmsfw_der_tlv t, o, p;
    cmsfw_der_cur in;
    cmsfw_err e = get(x, c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t, field);

    if (e != CMSFW_OK)
        return e;
    cmsfw_der_enter(&in, &t, 0);
    e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_OID, &o, field);
    if (e != CMSFW_OK)
        return e;
    if (cmsfw_der_check_oid(o.val, o.len) != CMSFW_DER_OK)
        return fail_msg(x, field, "malformed algorithm OID");
    if (alg != NULL)
        *alg = tlv_bytes(&t);
    if (oid != NULL)
        *oid = val_bytes(&o);
    if (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_read(&in, &p) != CMSFW_DER_OK)
            return fail_msg(x, field, "malformed parameters");
        if (params != NULL)
            *params = tlv_bytes(&p);
    }
    return need_end(x, &in, field);
}

/* A BIT STRING holding whole octets (unused-bits octet 0), not empty. */
static cmsfw_err
parse_bits(const parse_ctx *x, cmsfw_der_cur *c, uint8_t cls, uint32_t tag, const char *field,
           cmsfw_bytes *bits)
{
    cmsfw_der_tlv t;
    cmsfw_err e = get(x, c, cls, 0, tag, &t, field);

    if (e != CMSFW_OK)
        return e;
    if (t.len < 2 || t.val[0] != 0)
        return fail_msg(x, field, "empty, or not a whole number of octets");
    bits->ptr = t.val + 1;
    bits->len = t.len - 1;
    return CMSFW_OK;
}

/*
 * SubjectPublicKeyInfo ::= SEQUENCE {
 *     algorithm         AlgorithmIdentifier,
 *     subjectPublicKey  BIT STRING }
 */
static cmsfw_err
parse_spki(const parse_ctx *x, const cmsfw_der_tlv *t, cmsfw_key *key)
{
    cmsfw_der_cur in;
    cmsfw_err e;

    cmsfw_der_enter(&in, t, 0);
    e = parse_alg(x, &in, "subjectPublicKeyInfo.algorithm", &key->alg, &key->alg_oid,
                  &key->alg_params);
    if (e == CMSFW_OK)
        e = parse_bits(x, &in, UNIV, CMSFW_DER_TAG_BIT_STRING, "subjectPublicKey",
                       &key->public_key);
    if (e == CMSFW_OK)
        e = need_end(x, &in, "subjectPublicKeyInfo");
    if (e == CMSFW_OK)
        key->spki = tlv_bytes(t);
    return e;
}

/*
 * OneAsymmetricKey ::= SEQUENCE {                      -- RFC 5958
 *     version                   Version,               -- v1(0), v2(1)
 *     privateKeyAlgorithm       AlgorithmIdentifier,
 *     privateKey                OCTET STRING,
 *     attributes            [0] IMPLICIT Attributes OPTIONAL,
 *     ...,
 *     [[2: publicKey        [1] IMPLICIT BIT STRING OPTIONAL ]],
 *     ... }
 */
static cmsfw_err
parse_pkcs8(const parse_ctx *x, const cmsfw_der_tlv *t, cmsfw_key *key)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv v, k, a;
    uint64_t version = 0;
    cmsfw_err e;

    cmsfw_der_enter(&in, t, 0);
    e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &v, "version");
    if (e != CMSFW_OK)
        return e;
    if (cmsfw_der_get_uint(&v, &version) != CMSFW_DER_OK || version > 1)
        return fail_msg(x, "version", "not v1 or v2");
    e = parse_alg(x, &in, "privateKeyAlgorithm", &key->alg, &key->alg_oid, &key->alg_params);
    if (e == CMSFW_OK)
        e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_OCTET_STRING, &k, "privateKey");
    if (e != CMSFW_OK)
        return e;
    if (k.len == 0)
        return fail_msg(x, "privateKey", "empty");
    key->private_key = val_bytes(&k);
    if (cmsfw_der_peek(&in, &a) == CMSFW_DER_OK && a.cls == CTX && a.tag == 0) {
        e = get(x, &in, CTX, 1, 0, &a, "attributes");
        if (e != CMSFW_OK)
            return e;
    }
    if (version == 1 && !cmsfw_der_at_end(&in)) {
        e = parse_bits(x, &in, CTX, 1, "publicKey", &key->public_key);
        if (e != CMSFW_OK)
            return e;
    }
    return need_end(x, &in, "OneAsymmetricKey");
}

/* Validity ::= SEQUENCE { notBefore Time, notAfter Time }
 * Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime } */
static cmsfw_err
parse_validity(const parse_ctx *x, cmsfw_der_cur *c)
{
    cmsfw_der_tlv t, tm;
    cmsfw_der_cur in;
    int i;
    cmsfw_err e = get(x, c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t, "validity");

    if (e != CMSFW_OK)
        return e;
    cmsfw_der_enter(&in, &t, 0);
    for (i = 0; i < 2; i++) {
        if (cmsfw_der_read(&in, &tm) != CMSFW_DER_OK || tm.cls != UNIV || tm.constructed ||
            (tm.tag != CMSFW_DER_TAG_UTC_TIME && tm.tag != CMSFW_DER_TAG_GENERALIZED_TIME))
            return fail_msg(x, "validity", "not two UTCTime or GeneralizedTime values");
    }
    return need_end(x, &in, "validity");
}

/*
 * Extension ::= SEQUENCE {
 *     extnID     OBJECT IDENTIFIER,
 *     critical   BOOLEAN DEFAULT FALSE,
 *     extnValue  OCTET STRING }
 * SubjectKeyIdentifier ::= KeyIdentifier ::= OCTET STRING  (in extnValue)
 */
static cmsfw_err
parse_extension(const parse_ctx *x, const cmsfw_der_tlv *t, cmsfw_key *key)
{
    cmsfw_der_cur in, inner;
    cmsfw_der_tlv id, b, v, kid;
    cmsfw_err e;

    cmsfw_der_enter(&in, t, 0);
    e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_OID, &id, "extnID");
    if (e != CMSFW_OK)
        return e;
    if (cmsfw_der_check_oid(id.val, id.len) != CMSFW_DER_OK)
        return fail_msg(x, "extnID", "malformed OID");
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_BOOLEAN, &b) == CMSFW_DER_OK &&
        (b.len != 1 || (b.val[0] != 0x00 && b.val[0] != 0xFF)))
        return fail_msg(x, "critical", "not a BOOLEAN value");
    e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_OCTET_STRING, &v, "extnValue");
    if (e == CMSFW_OK)
        e = need_end(x, &in, "extension");
    if (e != CMSFW_OK || !cmsfw_der_oid_is(&id, oid_ski, sizeof(oid_ski)))
        return e;
    if (key->ski.ptr != NULL)
        return fail_msg(x, "subjectKeyIdentifier", "extension present twice");
    cmsfw_der_init(&inner, v.val, v.len, 0);
    e = get(x, &inner, UNIV, 0, CMSFW_DER_TAG_OCTET_STRING, &kid, "subjectKeyIdentifier");
    if (e == CMSFW_OK)
        e = need_end(x, &inner, "subjectKeyIdentifier");
    if (e == CMSFW_OK && kid.len == 0)
        e = fail_msg(x, "subjectKeyIdentifier", "empty");
    if (e == CMSFW_OK)
        key->ski = val_bytes(&kid);
    return e;
}

/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, inside [3] EXPLICIT */
static cmsfw_err
parse_extensions(const parse_ctx *x, const cmsfw_der_tlv *wrap, cmsfw_key *key)
{
    cmsfw_der_cur w, in;
    cmsfw_der_tlv seq, ext;
    cmsfw_err e;

    cmsfw_der_enter(&w, wrap, 0);
    e = get(x, &w, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq, "extensions");
    if (e == CMSFW_OK)
        e = need_end(x, &w, "extensions");
    if (e != CMSFW_OK)
        return e;
    if (seq.len == 0)
        return fail_msg(x, "extensions", "empty");
    key->extensions = tlv_bytes(&seq);
    cmsfw_der_enter(&in, &seq, 0);
    while (!cmsfw_der_at_end(&in)) {
        e = get(x, &in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &ext, "extension");
        if (e == CMSFW_OK)
            e = parse_extension(x, &ext, key);
        if (e != CMSFW_OK)
            return e;
    }
    return CMSFW_OK;
}

/* version [0] EXPLICIT Version DEFAULT v1; Version ::= INTEGER { v1(0), v2(1), v3(2) } */
static cmsfw_err
parse_version(const parse_ctx *x, cmsfw_der_cur *c, cmsfw_key *key)
{
    cmsfw_der_tlv w, v;
    cmsfw_der_cur in;
    uint64_t n = 0;

    key->cert_version = 1;
    if (cmsfw_der_expect(c, CTX, 1, 0, &w) != CMSFW_DER_OK)
        return CMSFW_OK;
    cmsfw_der_enter(&in, &w, 0);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &v) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&in) || cmsfw_der_get_uint(&v, &n) != CMSFW_DER_OK || n > 2)
        return fail_msg(x, "version", "not v1, v2 or v3");
    key->cert_version = (int)n + 1;
    return CMSFW_OK;
}

/*
 * TBSCertificate ::= SEQUENCE {
 *     version          [0] EXPLICIT Version DEFAULT v1,
 *     serialNumber         CertificateSerialNumber,     -- INTEGER
 *     signature            AlgorithmIdentifier,
 *     issuer               Name,
 *     validity             Validity,
 *     subject              Name,
 *     subjectPublicKeyInfo SubjectPublicKeyInfo,
 *     issuerUniqueID   [1] IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
 *     subjectUniqueID  [2] IMPLICIT UniqueIdentifier OPTIONAL,  -- v2, v3
 *     extensions       [3] EXPLICIT Extensions OPTIONAL }       -- v3
 */
static cmsfw_err
parse_tbs(const parse_ctx *x, const cmsfw_der_tlv *tbs, cmsfw_key *key)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv t;
    uint32_t tag;
    cmsfw_err e;

    cmsfw_der_enter(&in, tbs, 0);
    e = parse_version(x, &in, key);
    if (e == CMSFW_OK)
        e = get(x, &in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t, "serialNumber");
    if (e != CMSFW_OK)
        return e;
    if (t.len == 0 ||
        (t.len > 1 && ((t.val[0] == 0 && !(t.val[1] & 0x80)) || (t.val[0] == 0xFF && (t.val[1] & 0x80)))))
        return fail_msg(x, "serialNumber", "empty or not minimal");
    key->serial = val_bytes(&t);
    e = parse_alg(x, &in, "signature", NULL, NULL, NULL);
    if (e == CMSFW_OK)
        e = get(x, &in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t, "issuer");
    if (e != CMSFW_OK)
        return e;
    key->issuer = tlv_bytes(&t);
    e = parse_validity(x, &in);
    if (e == CMSFW_OK)
        e = get(x, &in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t, "subject");
    if (e != CMSFW_OK)
        return e;
    key->subject = tlv_bytes(&t);
    e = get(x, &in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t, "subjectPublicKeyInfo");
    if (e == CMSFW_OK)
        e = parse_spki(x, &t, key);
    /* the optional tail, in tag order, each allowed from its version on */
    for (tag = 1; e == CMSFW_OK && tag <= 3; tag++) {
        if (cmsfw_der_peek(&in, &t) != CMSFW_DER_OK || t.cls != CTX || t.tag != tag)
            continue;
        if (key->cert_version < (tag == 3 ? 3 : 2))
            return fail_msg(x, "tbsCertificate", "field not allowed in this version");
        e = get(x, &in, CTX, tag == 3, tag, &t, tag == 3 ? "extensions" : "uniqueIdentifier");
        if (e == CMSFW_OK && tag == 3)
            e = parse_extensions(x, &t, key);
    }
    return e == CMSFW_OK ? need_end(x, &in, "tbsCertificate") : e;
}

/*
 * Certificate ::= SEQUENCE {
 *     tbsCertificate       TBSCertificate,
 *     signatureAlgorithm   AlgorithmIdentifier,
 *     signatureValue       BIT STRING }
 */
static cmsfw_err
parse_cert(const parse_ctx *x, const cmsfw_der_tlv *t, cmsfw_key *key)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv tbs;
    cmsfw_err e;

    cmsfw_der_enter(&in, t, 0);
    e = get(x, &in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &tbs, "tbsCertificate");
    if (e == CMSFW_OK)
        e = parse_tbs(x, &tbs, key);
    if (e == CMSFW_OK)
        e = parse_alg(x, &in, "signatureAlgorithm", &key->sig_alg, NULL, NULL);
    if (e == CMSFW_OK)
        e = parse_bits(x, &in, UNIV, CMSFW_DER_TAG_BIT_STRING, "signatureValue",
                       &key->signature);
    if (e == CMSFW_OK)
        e = need_end(x, &in, "certificate");
    if (e == CMSFW_OK)
        key->tbs = tlv_bytes(&tbs);
    return e;
}

/*
 * Tell the kinds apart by the first two elements of the outer SEQUENCE,
 * and name the forms that are refused: traditional RSA/EC private keys
 * and encrypted PKCS#8.
 */
static cmsfw_err
classify(const cmsfw_der_tlv *t, cmsfw_key_kind *kind, cmsfw_diag *diag)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv a, b;

    cmsfw_der_enter(&in, t, 0);
    if (cmsfw_der_read(&in, &a) == CMSFW_DER_OK && cmsfw_der_read(&in, &b) == CMSFW_DER_OK &&
        a.cls == UNIV && b.cls == UNIV) {
        if (a.tag == CMSFW_DER_TAG_INTEGER && b.tag == CMSFW_DER_TAG_SEQUENCE)
            *kind = CMSFW_KEY_PRIVATE;
        else if (a.tag == CMSFW_DER_TAG_SEQUENCE && b.tag == CMSFW_DER_TAG_BIT_STRING)
            *kind = CMSFW_KEY_PUBLIC;
        else if (a.tag == CMSFW_DER_TAG_SEQUENCE && b.tag == CMSFW_DER_TAG_SEQUENCE)
            *kind = CMSFW_KEY_CERTIFICATE;
        else if (a.tag == CMSFW_DER_TAG_SEQUENCE && b.tag == CMSFW_DER_TAG_OCTET_STRING) {
            cmsfw__key_diag(diag, "encrypted PKCS#8 private keys are not supported: decrypt "
                                  "with `openssl pkcs8 -topk8 -nocrypt`");
            return CMSFW_DECODE_FAILURE;
        } else if (a.tag == CMSFW_DER_TAG_INTEGER &&
                   (b.tag == CMSFW_DER_TAG_INTEGER || b.tag == CMSFW_DER_TAG_OCTET_STRING)) {
            cmsfw__key_diag(diag, "traditional (PKCS#1 or SEC 1) private keys are not "
                                  "supported: convert with `openssl pkcs8 -topk8 -nocrypt`");
            return CMSFW_DECODE_FAILURE;
        }
        if (*kind != CMSFW_KEY_ANY)
            return CMSFW_OK;
    }
    cmsfw__key_diag(diag, "not a certificate, public key or private key");
    return CMSFW_DECODE_FAILURE;
}

/* see cmsfw/keys.h */
const char *
cmsfw_key_kind_name(cmsfw_key_kind kind)
{
    switch (kind) {
    case CMSFW_KEY_PUBLIC: return "public key";
    case CMSFW_KEY_PRIVATE: return "private key";
    case CMSFW_KEY_CERTIFICATE: return "certificate";
    case CMSFW_KEY_ANY: return "any";
    }
    return "unknown";
}

static cmsfw_err
parse_top(cmsfw_key *key, cmsfw_bytes der, cmsfw_key_kind want, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_der_status st;
    cmsfw_key_kind kind = CMSFW_KEY_ANY;
    parse_ctx x;
    cmsfw_err e;

    cmsfw_der_init(&c, der.ptr, der.len, 0);
    st = cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_walk(&t, 0);
    if (st != CMSFW_DER_OK) {
        cmsfw__key_diag(diag, "DER: %s", st == CMSFW_DER_END ? "empty input"
                                         : st == CMSFW_DER_UNEXPECTED ? "not a SEQUENCE"
                                                                      : cmsfw_der_status_str(st));
        return CMSFW_DECODE_FAILURE;
    }
    if (!cmsfw_der_at_end(&c)) {
        cmsfw__key_diag(diag, "DER: %zu bytes after the object", (size_t)(c.end - c.p));
        return CMSFW_DECODE_FAILURE;
    }
    e = classify(&t, &kind, diag);
    if (e != CMSFW_OK)
        return e;
    if (want != CMSFW_KEY_ANY && kind != want) {
        cmsfw__key_diag(diag, "expected a %s, found a %s", cmsfw_key_kind_name(want),
                        cmsfw_key_kind_name(kind));
        return CMSFW_DECODE_FAILURE;
    }
    x.obj = cmsfw_key_kind_name(kind);
    x.diag = diag;
    key->kind = kind;
    key->der = tlv_bytes(&t);
    if (kind == CMSFW_KEY_PUBLIC)
        return parse_spki(&x, &t, key);
    if (kind == CMSFW_KEY_PRIVATE)
        return parse_pkcs8(&x, &t, key);
    return parse_cert(&x, &t, key);
}

/* see cmsfw/keys.h */
cmsfw_err
cmsfw_key_parse(cmsfw_key *key, cmsfw_bytes der, cmsfw_key_kind want, cmsfw_diag *diag)
{
    cmsfw_err e = CMSFW_DECODE_FAILURE;

    if (key == NULL || (der.ptr == NULL && der.len > 0)) {
        cmsfw__key_diag(diag, "cmsfw_key_parse: NULL argument");
        return CMSFW_E_ARG;
    }
    memset(key, 0, sizeof(*key));
    e = parse_top(key, der, want, diag);
    if (e != CMSFW_OK)
        memset(key, 0, sizeof(*key));
    return e;
}
