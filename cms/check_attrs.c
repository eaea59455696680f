/*
 * check_attrs.c: signed attributes (step 7), the unsigned attribute
 * (step 8) and the attribute values that the later steps use.
 *
 * signedAttrs are the signed bytes, so they must already be DER (RFC 4108
 * section 2.2, trap T2): a non-DER set is refused, never re-encoded. The
 * check is a strict walk over the whole tree, without recursion: minimal
 * definite lengths and primitive strings (the DER cursor), the DER forms
 * of BOOLEAN, INTEGER, ENUMERATED, BIT STRING, NULL, OBJECT IDENTIFIER,
 * UTCTime and GeneralizedTime, and every universal SET (and the attribute
 * set itself) in ascending order of the encodings (X.690 11.6). What a
 * walk without the types cannot see (a DEFAULT value written out, the
 * order of a SET OF under an IMPLICIT tag) is caught for the attributes
 * cmsfw knows by their strict DER decoders.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

#define UNIV CMSFW_DER_UNIVERSAL

/* X.690 11.6: compare as octet strings, the shorter padded with zeros. */
static int
set_order(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    size_t i, n = na > nb ? na : nb;
    unsigned x, y;

    for (i = 0; i < n; i++) {
        x = i < na ? a[i] : 0u;
        y = i < nb ? b[i] : 0u;
        if (x != y)
            return x < y ? -1 : 1;
    }
    return 0;
}

static int
all_digits(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9')
            return 0;
    return 1;
}

/* X.690 11.7, 11.8: UTCTime YYMMDDHHMMSSZ; GeneralizedTime
 * YYYYMMDDHHMMSS[.f*]Z without trailing zeros in the fraction. */
static int
time_is_der(const cmsfw_der_tlv *t)
{
    size_t n = t->len;
    const uint8_t *v = t->val;

    if (t->tag == CMSFW_DER_TAG_UTC_TIME)
        return n == 13 && v[12] == 'Z' && all_digits(v, 12);
    if (n < 15 || v[n - 1] != 'Z' || !all_digits(v, 14))
        return 0;
    if (n == 15)
        return 1;
    return n >= 17 && v[14] == '.' && all_digits(v + 15, n - 16) && v[n - 2] != '0';
}

/* DER rules on the contents of a universal primitive. */
static int
primitive_is_der(const cmsfw_der_tlv *t)
{
    const uint8_t *v = t->val;
    size_t n = t->len;

    if (t->cls != UNIV)
        return 1;
    switch (t->tag) {
    case CMSFW_DER_TAG_BOOLEAN: return n == 1 && (v[0] == 0x00 || v[0] == 0xFF);
    case CMSFW_DER_TAG_INTEGER:
    case CMSFW_DER_TAG_ENUMERATED:
        return n >= 1 &&
               !(n > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xFF && (v[1] & 0x80))));
    case CMSFW_DER_TAG_BIT_STRING:
        if (n == 0 || v[0] > 7 || (n == 1 && v[0] != 0))
            return 0;
        return (v[n - 1] & ((1u << v[0]) - 1u)) == 0;
    case CMSFW_DER_TAG_NULL: return n == 0;
    case CMSFW_DER_TAG_OID: return cmsfw_der_check_oid(v, n) != CMSFW_DER_BAD_VALUE;
    case CMSFW_DER_TAG_UTC_TIME:
    case CMSFW_DER_TAG_GENERALIZED_TIME: return time_is_der(t);
    default: return 1;
    }
}

typedef struct der_frame {
    cmsfw_der_cur c;
    int is_set;
    const uint8_t *prev;
    size_t prev_len;
} der_frame;

/* The strict walk of the file comment over the contents of @top, whose
 * members form a SET OF. A short reason, or NULL when it is DER. */
static const char *
der_strict(const cmsfw_der_tlv *top)
{
    der_frame st[CMSFW_DER_MAX_DEPTH];
    der_frame *fr;
    cmsfw_der_tlv t;
    int depth = 0;

    cmsfw_der_enter(&st[0].c, top, 0);
    st[0].is_set = 1;
    st[0].prev = NULL;
    st[0].prev_len = 0;
    while (depth >= 0) {
        fr = &st[depth];
        if (cmsfw_der_at_end(&fr->c)) {
            depth--;
            continue;
        }
        if (cmsfw_der_read(&fr->c, &t) != CMSFW_DER_OK)
            return "malformed or BER encoding";
        if (fr->is_set) {
            if (fr->prev != NULL && set_order(fr->prev, fr->prev_len, t.tlv, t.tlv_len) > 0)
                return "SET OF members not in DER order";
            fr->prev = t.tlv;
            fr->prev_len = t.tlv_len;
        }
        if (!t.constructed) {
            if (!primitive_is_der(&t))
                return "a value not in its DER form";
            continue;
        }
        if (depth + 1 >= CMSFW_DER_MAX_DEPTH)
            return "nested too deeply";
        depth++;
        cmsfw_der_enter(&st[depth].c, &t, 0);
        st[depth].is_set = t.cls == UNIV && t.tag == CMSFW_DER_TAG_SET;
        st[depth].prev = NULL;
        st[depth].prev_len = 0;
    }
    return NULL;
}

/* Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value }, DER. */
static cmsfw_err
read_attr(cmsfw_der_cur *c, cmsfw__attr *out, cmsfw_diag *diag)
{
    cmsfw_der_tlv seq, type, set, v;
    cmsfw_der_cur in, vals;

    if (cmsfw_der_expect(c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "signedAttrs: an Attribute is not a SEQUENCE");
    cmsfw_der_enter(&in, &seq, 0);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SET, &set) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "signedAttrs: an Attribute is not { OID, SET OF value }");
    cmsfw_der_enter(&vals, &set, 0);
    if (cmsfw_der_read(&vals, &v) != CMSFW_DER_OK || !cmsfw_der_at_end(&vals))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "signedAttrs: an attribute without exactly one value");
    out->type.ptr = type.val;
    out->type.len = type.len;
    out->value.ptr = v.tlv;
    out->value.len = v.tlv_len;
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__attr_list_read(cmsfw_bytes tlv, cmsfw__attr_list *out, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv top;
    cmsfw_der_status st;
    const char *why;
    size_t i;
    cmsfw_err e = CMSFW_BAD_SIGNED_ATTRS;

    out->n = 0;
    cmsfw_der_init(&c, tlv.ptr, tlv.len, 0);
    st = cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, 0, &top);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_walk(&top, 0);
    if (st != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, e, "signedAttrs: not DER: %s",
                           st != CMSFW_DER_OK ? cmsfw_der_status_str(st) : "trailing octets");
    why = der_strict(&top);
    if (why != NULL)
        return cmsfw__fail(diag, e, "signedAttrs: not DER: %s", why);
    cmsfw_der_enter(&in, &top, 0);
    while (!cmsfw_der_at_end(&in)) {
        if (out->n == CMSFW__MAX_ATTRS)
            return cmsfw__fail(diag, e, "signedAttrs: more than %d attributes", CMSFW__MAX_ATTRS);
        e = read_attr(&in, &out->a[out->n], diag);
        if (e != CMSFW_OK)
            return e;
        for (i = 0; i < out->n; i++)
            if (cmsfw__bytes_eq(out->a[i].type, out->a[out->n].type))
                return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                                   "signedAttrs: an attribute type appears twice");
        out->n++;
    }
    if (out->n == 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: empty");
    return CMSFW_OK;
}

/* see cms/check_priv.h */
const cmsfw__attr *
cmsfw__attr_list_find(const cmsfw__attr_list *l, const uint8_t *oid, size_t n)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (cmsfw__bytes_eq_raw(l->a[i].type, oid, n))
            return &l->a[i];
    return NULL;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__attr_content_type(const cmsfw__attr *a, cmsfw_bytes *oid, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, a->value.ptr, a->value.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 0, CMSFW_DER_TAG_OID, &t) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c) || cmsfw_der_check_oid(t.val, t.len) == CMSFW_DER_BAD_VALUE)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "content-type: not an OID");
    oid->ptr = t.val;
    oid->len = t.len;
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__attr_message_digest(const cmsfw__attr *a, cmsfw_bytes *md, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, a->value.ptr, a->value.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 0, CMSFW_DER_TAG_OCTET_STRING, &t) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "message-digest: not an OCTET STRING");
    md->ptr = t.val;
    md->len = t.len;
    return CMSFW_OK;
}

/*
 * CMSAlgorithmProtection ::= SEQUENCE {
 *     digestAlgorithm        DigestAlgorithmIdentifier,
 *     signatureAlgorithm [1] IMPLICIT SignatureAlgorithmIdentifier OPTIONAL,
 *     macAlgorithm       [2] IMPLICIT MessageAuthenticationCodeAlgorithm OPTIONAL }
 */
cmsfw_err
cmsfw__attr_alg_protection(const cmsfw__attr *a, cmsfw_alg_id *digest, cmsfw_alg_id *sig,
                           int *has_sig, int *has_mac, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in, f;
    cmsfw_der_tlv seq, t;
    cmsfw_alg_id mac;
    uint32_t tag;

    *has_sig = 0;
    *has_mac = 0;
    memset(sig, 0, sizeof *sig);
    cmsfw_der_init(&c, a->value.ptr, a->value.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        goto bad;
    cmsfw_der_enter(&in, &seq, 0);
    if (cmsfw__alg_read(&in, digest) != CMSFW_DER_OK)
        goto bad;
    for (tag = 1; tag <= 2; tag++) {
        if (cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, tag, &t) != CMSFW_DER_OK)
            continue;
        /* an IMPLICIT tag: the contents are those of an AlgorithmIdentifier */
        cmsfw_der_enter(&f, &t, 0);
        if (tag == 1 && cmsfw__alg_read_fields(&f, sig) != CMSFW_DER_OK)
            goto bad;
        if (tag == 2 && cmsfw__alg_read_fields(&f, &mac) != CMSFW_DER_OK)
            goto bad;
        *(tag == 1 ? has_sig : has_mac) = 1;
    }
    if (!cmsfw_der_at_end(&in))
        goto bad;
    return CMSFW_OK;
bad:
    return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "CMSAlgorithmProtection: does not decode");
}

/* The outcome of a codec decode, named after the attribute. */
static cmsfw_err
decoded(cmsfw_err e, const char *name, const cmsfw_diag *why, cmsfw_diag *diag)
{
    if (e == CMSFW_OK)
        return CMSFW_OK;
    if (e == CMSFW_E_NOMEM)
        return cmsfw__fail(diag, e, "%s: out of memory", name);
    return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "%s: %s", name, why->msg);
}

/* ContentHints ::= SEQUENCE { contentDescription UTF8String (SIZE (1..MAX))
 * OPTIONAL, contentType ContentType }. RFC 4108 2.2.x wants both fields and
 * the innermost type, id-ct-firmwarePackage (trap T12). */
static cmsfw_err
content_hints(const cmsfw__attr *a, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, d, o;

    cmsfw_der_init(&c, a->value.ptr, a->value.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "content-hints: not a SEQUENCE");
    cmsfw_der_enter(&in, &seq, 0);
    if (cmsfw_der_expect(&in, UNIV, 0, 12u, &d) != CMSFW_DER_OK || d.len == 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "content-hints: no contentDescription");
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &o) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "content-hints: no contentType");
    if (!cmsfw_der_oid_is(&o, (const uint8_t *)CMSFW__OID_CT_FIRMWARE,
                          sizeof(CMSFW__OID_CT_FIRMWARE) - 1))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "content-hints: contentType is not id-ct-firmwarePackage");
    return CMSFW_OK;
}

/* The required attributes and their values (first half of step 7). */
static cmsfw_err
required_attrs(const cmsfw__attr_list *l, cmsfw_bytes econtent_type, cmsfw__signed *s,
               cmsfw_diag *diag)
{
    const cmsfw__attr *a;
    cmsfw_diag why;
    cmsfw_err e = CMSFW_BAD_SIGNED_ATTRS;

    why.msg[0] = '\0';
    a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_PKG_ID);
    if (a == NULL)
        return cmsfw__fail(diag, e, "signedAttrs: no firmware-package-identifier");
    e = decoded(cmsfw_pkg_id_decode(&s->pkg_id, a->value.ptr, a->value.len, &why),
                "firmware-package-identifier", &why, diag);
    if (e != CMSFW_OK)
        return e;
    s->has_pkg_id = 1;
    a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_CONTENT_TYPE);
    if (a == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: no content-type");
    e = cmsfw__attr_content_type(a, &s->content_type, diag);
    if (e != CMSFW_OK)
        return e;
    a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_MESSAGE_DIGEST);
    if (a == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: no message-digest");
    e = cmsfw__attr_message_digest(a, &s->message_digest, diag);
    if (e != CMSFW_OK)
        return e;
    a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_TARGETS);
    if (a == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "signedAttrs: no target-hardware-module-identifiers");
    e = decoded(cmsfw_oid_list_decode(&s->targets, a->value.ptr, a->value.len, &why),
                "target-hardware-module-identifiers", &why, diag);
    if (e != CMSFW_OK)
        return e;
    a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_DECRYPT_KEY_ID);
    if (a == NULL && CMSFW__OID_IS(econtent_type, CMSFW__OID_ENCRYPTED_DATA))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS,
                           "signedAttrs: no decrypt-key-identifier for EncryptedData");
    if (a != NULL)
        e = decoded(cmsfw_octets_decode(&s->decrypt_key_id, a->value.ptr, a->value.len, &why),
                    "decrypt-key-identifier", &why, diag);
    return e;
}

/* An optional list of OIDs that is only decoded to be checked. */
static cmsfw_err
check_oid_list(const cmsfw__attr_list *l, const uint8_t *oid, size_t n, const char *name,
               cmsfw_diag *diag)
{
    const cmsfw__attr *a = cmsfw__attr_list_find(l, oid, n);
    cmsfw_oid_list v;
    cmsfw_diag why;
    cmsfw_err e = CMSFW_BAD_SIGNED_ATTRS;

    if (a == NULL)
        return CMSFW_OK;
    why.msg[0] = '\0';
    e = decoded(cmsfw_oid_list_decode(&v, a->value.ptr, a->value.len, &why), name, &why, diag);
    cmsfw_oid_list_free(&v);
    return e;
}

/* The optional attributes cmsfw knows (second half of step 7). */
static cmsfw_err
optional_attrs(const cmsfw__attr_list *l, cmsfw__signed *s, cmsfw_diag *diag)
{
    const cmsfw__attr *a;
    cmsfw_alg_id d, g;
    int has_sig = 0, has_mac = 0;
    cmsfw_diag why;
    cmsfw_err e = CMSFW_OK;

    why.msg[0] = '\0';
    if ((a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_COMMUNITIES)) != NULL) {
        e = decoded(cmsfw_communities_decode(&s->communities, a->value.ptr, a->value.len, &why),
                    "community-identifiers", &why, diag);
        s->has_communities = e == CMSFW_OK;
    }
    if (e == CMSFW_OK && (a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_PKG_INFO)) != NULL) {
        e = decoded(cmsfw_pkg_info_decode(&s->info, a->value.ptr, a->value.len, &why),
                    "firmware-package-info", &why, diag);
        s->has_info = e == CMSFW_OK;
    }
    if (e == CMSFW_OK && (a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_FW_DIGEST)) != NULL) {
        e = decoded(cmsfw_fw_digest_decode(&s->fw_digest, a->value.ptr, a->value.len, &why),
                    "firmware-package-message-digest", &why, diag);
        s->has_fw_digest = e == CMSFW_OK;
    }
    if (e == CMSFW_OK)
        e = check_oid_list(l, (const uint8_t *)CMSFW__OID_AT_IMPL_CRYPTO,
                           sizeof(CMSFW__OID_AT_IMPL_CRYPTO) - 1, "implemented-crypto-algorithms",
                           diag);
    if (e == CMSFW_OK)
        e = check_oid_list(l, (const uint8_t *)CMSFW__OID_AT_IMPL_COMPRESS,
                           sizeof(CMSFW__OID_AT_IMPL_COMPRESS) - 1,
                           "implemented-compress-algorithms", diag);
    if (e == CMSFW_OK && (a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_CONTENT_HINT)) != NULL)
        e = content_hints(a, diag);
    if (e == CMSFW_OK && (a = CMSFW__ATTR_FIND(l, CMSFW__OID_AT_ALG_PROTECTION)) != NULL)
        e = cmsfw__attr_alg_protection(a, &d, &g, &has_sig, &has_mac, diag);
    return e;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__fw_signed_attrs(const cmsfw__attr_list *l, cmsfw_bytes econtent_type, cmsfw__signed *s,
                       cmsfw_diag *diag)
{
    cmsfw_err e = required_attrs(l, econtent_type, s, diag);

    return e == CMSFW_OK ? optional_attrs(l, s, diag) : e;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__fw_unsigned_attrs(cmsfw_bytes tlv, cmsfw_bytes econtent_type, cmsfw__signed *s,
                         cmsfw_diag *diag)
{
    cmsfw_der_cur c, in, attr, vals;
    cmsfw_der_tlv top, seq, type, set, v;
    cmsfw_diag why;
    cmsfw_err e = CMSFW_BAD_UNSIGNED_ATTRS;

    if (tlv.ptr == NULL)
        return CMSFW_OK;
    cmsfw_der_init(&c, tlv.ptr, tlv.len, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, 1, &top) != CMSFW_DER_OK)
        return cmsfw__fail(diag, e, "unsignedAttrs: malformed");
    cmsfw_der_enter(&in, &top, 1);
    if (cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, e, "unsignedAttrs: not exactly one attribute");
    cmsfw_der_enter(&attr, &seq, 1);
    if (cmsfw_der_expect(&attr, UNIV, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
        cmsfw_der_expect(&attr, UNIV, 1, CMSFW_DER_TAG_SET, &set) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&attr))
        return cmsfw__fail(diag, e, "unsignedAttrs: malformed Attribute");
    if (!cmsfw_der_oid_is(&type, (const uint8_t *)CMSFW__OID_AT_WRAPPED_KEY,
                          sizeof(CMSFW__OID_AT_WRAPPED_KEY) - 1))
        return cmsfw__fail(diag, e, "unsignedAttrs: an attribute other than wrapped-firmware-key");
    cmsfw_der_enter(&vals, &set, 1);
    if (cmsfw_der_read(&vals, &v) != CMSFW_DER_OK || !cmsfw_der_at_end(&vals))
        return cmsfw__fail(diag, e, "wrapped-firmware-key: not exactly one value");
    why.msg[0] = '\0';
    e = cmsfw_wrapped_key_decode(&s->wrapped_key, v.tlv, v.tlv_len, &why);
    if (e == CMSFW_E_NOMEM)
        return cmsfw__fail(diag, e, "wrapped-firmware-key: out of memory");
    if (e != CMSFW_OK)
        return cmsfw__fail(diag, CMSFW_BAD_UNSIGNED_ATTRS, "wrapped-firmware-key: %s", why.msg);
    s->has_wrapped_key = 1;
    /* RFC 4108 2.3.1: detached content, no unprotected attributes; the
     * key it carries is for an EncryptedData layer only */
    if (s->wrapped_key.has_content || s->wrapped_key.has_unprotected_attrs)
        return cmsfw__fail(diag, CMSFW_BAD_UNSIGNED_ATTRS,
                           "wrapped-firmware-key: encryptedContent or unprotectedAttrs present");
    if (!CMSFW__OID_IS(econtent_type, CMSFW__OID_ENCRYPTED_DATA))
        return cmsfw__fail(diag, CMSFW_BAD_UNSIGNED_ATTRS,
                           "wrapped-firmware-key without an EncryptedData layer");
    return CMSFW_OK;
}
