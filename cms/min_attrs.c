/*
 * min_attrs.c: the signed attributes of the minimal profile (step 7),
 * decoded by hand with the DER cursor, and the readers the later steps
 * walk them with (the unsigned wrapped-firmware-key is in min_signer.c).
 *
 * The full profile reads them with cms/check_attrs.c and the libtasn1
 * templates of asn1/cmsfw.asn (cms/fw_*.c); both must accept exactly the
 * same encodings. signedAttrs are the signed octets, so they must already
 * be DER: one strict pass over the whole set (minimal lengths, primitive
 * strings, the DER forms of BOOLEAN, INTEGER, ENUMERATED, BIT STRING,
 * NULL, OBJECT IDENTIFIER and times, every SET in ascending order) comes
 * first; the value readers then only check the syntax of each type and
 * the bounds cmsfw puts on what it reads: INTEGERs in 64 bits, OIDs of at
 * most CMSFW_OID_MAX_LEN octets with every arc in 64 bits.
 *
 * Nothing is copied: an attribute is found again by walking the set.
 */
#include <stddef.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "cms/min_check.h"

#define T_BOOL CMSFW_DER_TAG_BOOLEAN
#define T_INT CMSFW_DER_TAG_INTEGER
#define T_BITS CMSFW_DER_TAG_BIT_STRING
#define T_OCTETS CMSFW_DER_TAG_OCTET_STRING
#define T_NULL CMSFW_DER_TAG_NULL
#define T_OID CMSFW_DER_TAG_OID
#define T_ENUM CMSFW_DER_TAG_ENUMERATED
#define T_SEQ CMSFW_DER_TAG_SEQUENCE
#define T_SET CMSFW_DER_TAG_SET
#define T_UTC CMSFW_DER_TAG_UTC_TIME
#define T_GEN CMSFW_DER_TAG_GENERALIZED_TIME
#define OK CMSFW_DER_OK

/* see cms/min_check.h */
int
cmsfw__min_eq(cmsfw_bytes a, const uint8_t *p, size_t n)
{
    return a.ptr != NULL && a.len == n && (n == 0 || memcmp(a.ptr, p, n) == 0);
}

/* see cms/min_check.h */
int
cmsfw__min_attr_is(cmsfw_bytes oid, uint16_t at)
{
    static const uint8_t pkcs9[] = {MIN_OID_ID_CONTENTTYPE};
    size_t n = (at & 0x100u) ? 11 : 9;

    return oid.ptr != NULL && oid.len == n && memcmp(oid.ptr, pkcs9, 8) == 0 &&
           (n == 9 || (oid.ptr[8] == 0x10 && oid.ptr[9] == 0x02)) && oid.ptr[n - 1] == (uint8_t)at;
}

/* ------------------------------------------------------------ strict DER */

static int
digits(const uint8_t *p, size_t n)
{
    while (n-- > 0)
        if (p[n] < '0' || p[n] > '9')
            return 0;
    return 1;
}

/* X.690 11.7, 11.8: YYMMDDHHMMSSZ; YYYYMMDDHHMMSS[.f*]Z, no trailing 0. */
static int
time_ok(const uint8_t *v, size_t n, uint32_t tag)
{
    if (tag == T_UTC)
        return n == 13 && v[12] == 'Z' && digits(v, 12);
    if (n < 15 || v[n - 1] != 'Z' || !digits(v, 14))
        return 0;
    return n == 15 || (n >= 17 && v[14] == '.' && digits(v + 15, n - 16) && v[n - 2] != '0');
}

/* The DER rule on the contents of a universal primitive; @all adds
 * those of NULL, OBJECT IDENTIFIER and the times, which the codec's walk
 * leaves to the types (an ANY is not looked into). */
static int
prim_ok(const cmsfw_der_tlv *t, int all)
{
    const uint8_t *v = t->val;
    size_t n = t->len;

    if (t->cls != MIN_UNIV)
        return 1;
    switch (t->tag) {
    case T_BOOL: return n == 1 && (v[0] == 0x00 || v[0] == 0xFF);
    case T_INT:
    case T_ENUM:
        return n >= 1 &&
               !(n > 1 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xFF && (v[1] & 0x80))));
    case T_BITS:
        return n > 0 && v[0] <= 7 && (n > 1 || v[0] == 0) && (v[n - 1] & ((1u << v[0]) - 1u)) == 0;
    default: break;
    }
    if (!all)
        return 1;
    switch (t->tag) {
    case T_NULL: return n == 0;
    case T_OID: return cmsfw_der_check_oid(v, n) != CMSFW_DER_BAD_VALUE;
    case T_UTC:
    case T_GEN: return time_ok(v, n, t->tag);
    default: return 1;
    }
}

/* X.690 11.6: the members of @t in ascending order of their encodings,
 * the shorter compared as if padded with zero octets. */
static int
set_sorted(const cmsfw_der_tlv *t)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv x;
    const uint8_t *prev = NULL;
    size_t pn = 0, i, n;
    unsigned a, b;

    cmsfw_der_enter(&c, t, 0);
    while (cmsfw_der_read(&c, &x) == OK) {
        n = pn > x.tlv_len ? pn : x.tlv_len;
        for (i = 0; prev != NULL && i < n; i++) {
            a = i < pn ? prev[i] : 0u;
            b = i < x.tlv_len ? x.tlv[i] : 0u;
            if (a != b) {
                if (a > b)
                    return 0;
                break;
            }
        }
        prev = x.tlv;
        pn = x.tlv_len;
    }
    return 1;
}

/* see cms/min_check.h */
int
cmsfw__min_strict(const cmsfw_der_tlv *top, int top_set, int all)
{
    const uint8_t *p = top->val, *end = top->val + top->len;
    cmsfw_der_tlv t;
    size_t hl = 0;

    if (cmsfw_der_walk(top, 0) != OK || (top_set && !set_sorted(top)))
        return 0;
    /* the walk has checked the framing: one linear pass over the headers
     * (into constructed values, over primitive ones) needs no stack */
    while (p < end) {
        if (cmsfw_der_read_header(p, (size_t)(end - p), 0, &t, &hl) != OK)
            return 0;
        if (t.constructed) {
            if (t.cls == MIN_UNIV && t.tag == T_SET && !set_sorted(&t))
                return 0;
            p += hl;
        } else {
            if (!prim_ok(&t, all))
                return 0;
            p += hl + t.len;
        }
    }
    return 1;
}

/* ------------------------------------------------------------- readers */

static cmsfw_bytes
view(const cmsfw_der_tlv *t)
{
    cmsfw_bytes b;

    b.ptr = t->val;
    b.len = t->len;
    return b;
}

/* see cms/min_check.h */
int
cmsfw__min_one(cmsfw_bytes v, uint8_t cls, int cons, uint32_t tag, cmsfw_der_tlv *t,
               cmsfw_der_cur *in)
{
    cmsfw_der_cur c;

    cmsfw_der_init(&c, v.ptr, v.len, 0);
    if (cmsfw_der_expect(&c, cls, cons, tag, t) != OK || !cmsfw_der_at_end(&c))
        return 0;
    cmsfw_der_enter(in, t, 0);
    return 1;
}

/* see cms/min_check.h */
int
cmsfw__min_read_oid(cmsfw_der_cur *c, cmsfw_der_tlv *t)
{
    return cmsfw_der_expect(c, MIN_UNIV, 0, T_OID, t) == OK && t->len <= CMSFW_OID_MAX_LEN &&
           cmsfw_der_check_oid(t->val, t->len) == OK;
}

/* see cms/min_check.h */
int
cmsfw__min_expect(cmsfw_der_cur *c, uint32_t tag, cmsfw_der_tlv *t)
{
    return cmsfw_der_expect(c, MIN_UNIV, tag == T_SEQ || tag == T_SET, tag, t) == OK;
}

/* The fields of an AlgorithmIdentifier (BER when @in allows it): the OID,
 * at most one parameters TLV, then the end. 0 on success. */
static int
alg_fields(cmsfw_der_cur *in, cmsfw_alg_id *out)
{
    cmsfw_der_tlv x;

    memset(out, 0, sizeof *out);
    if (cmsfw_der_expect(in, MIN_UNIV, 0, T_OID, &x) != OK ||
        cmsfw_der_check_oid(x.val, x.len) == CMSFW_DER_BAD_VALUE)
        return -1;
    out->oid = view(&x);
    if (cmsfw_der_at_end(in))
        return 0;
    if (cmsfw_der_read(in, &x) != OK || !cmsfw_der_at_end(in))
        return -1;
    out->params.ptr = x.tlv;
    out->params.len = x.tlv_len;
    return 0;
}

/* see cms/min_check.h */
int
cmsfw__min_alg_read(cmsfw_der_cur *c, cmsfw_alg_id *out)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    memset(out, 0, sizeof *out);
    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return -1;
    cmsfw_der_enter(&in, &t, c->ber);
    return alg_fields(&in, out);
}

/* see cms/min_check.h */
int
cmsfw__min_alg_ok(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t, x;
    cmsfw_der_cur in;

    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    if (!cmsfw__min_read_oid(&in, &x))
        return 0;
    if (!cmsfw_der_at_end(&in))
        (void)cmsfw_der_read(&in, &x);
    return cmsfw_der_at_end(&in);
}

/* see cms/min_check.h */
int
cmsfw__min_name_read(cmsfw_der_cur *c, cmsfw_pkg_name *n)
{
    cmsfw_der_tlv t, o, v;
    cmsfw_der_cur in;

    memset(n, 0, sizeof *n);
    if (cmsfw__min_expect(c, T_OCTETS, &t)) {
        n->form = CMSFW_NAME_LEGACY;
        n->legacy = view(&t);
        return 1;
    }
    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    if (!cmsfw__min_read_oid(&in, &o) || !cmsfw__min_expect(&in, T_INT, &v) ||
        cmsfw_der_get_uint(&v, &n->version) != OK || !cmsfw_der_at_end(&in))
        return 0;
    n->form = CMSFW_NAME_PREFERRED;
    n->oid = view(&o);
    return 1;
}

/* FirmwarePackageIdentifier ::= SEQUENCE { name PreferredOrLegacy...,
 *   stale CHOICE { INTEGER (0..MAX), OCTET STRING } OPTIONAL } */
static int
pkg_id(cmsfw_bytes v, cmsfw_pkg_id *id)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    memset(id, 0, sizeof *id);
    if (!cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in) || !cmsfw__min_name_read(&in, &id->name))
        return 0;
    if (cmsfw__min_expect(&in, T_OCTETS, &t)) {
        id->stale_form = CMSFW_STALE_LEGACY;
        id->stale_legacy = view(&t);
    } else if (cmsfw__min_expect(&in, T_INT, &t)) {
        if (cmsfw_der_get_uint(&t, &id->stale_version) != OK)
            return 0;
        id->stale_form = CMSFW_STALE_PREFERRED;
    }
    return cmsfw_der_at_end(&in);
}

/* SEQUENCE OF OBJECT IDENTIFIER */
static int
oid_list(cmsfw_bytes v)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    if (!cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in))
        return 0;
    while (!cmsfw_der_at_end(&in))
        if (!cmsfw__min_read_oid(&in, &t))
            return 0;
    return 1;
}

/* HardwareSerialEntry ::= CHOICE { all NULL, single OCTET STRING,
 *   block SEQUENCE { low OCTET STRING, high OCTET STRING } } */
static int
serial_entry(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    if (cmsfw__min_expect(c, T_NULL, &t) || cmsfw__min_expect(c, T_OCTETS, &t))
        return 1;
    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    return cmsfw__min_expect(&in, T_OCTETS, &t) && cmsfw__min_expect(&in, T_OCTETS, &t) &&
           cmsfw_der_at_end(&in);
}

/* CommunityIdentifiers ::= SEQUENCE OF CHOICE { communityOID OID,
 *   hwModuleList SEQUENCE { hwType OID, hwSerialEntries SEQUENCE OF ... } } */
static int
communities(cmsfw_bytes v)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in, mod, ent;

    if (!cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in))
        return 0;
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw__min_expect(&in, T_OID, &t)) {
            if (t.len > CMSFW_OID_MAX_LEN || cmsfw_der_check_oid(t.val, t.len) != OK)
                return 0;
            continue;
        }
        if (!cmsfw__min_expect(&in, T_SEQ, &t))
            return 0;
        cmsfw_der_enter(&mod, &t, 0);
        if (!cmsfw__min_read_oid(&mod, &t) || !cmsfw__min_expect(&mod, T_SEQ, &t) ||
            !cmsfw_der_at_end(&mod))
            return 0;
        cmsfw_der_enter(&ent, &t, 0);
        while (!cmsfw_der_at_end(&ent))
            if (!serial_entry(&ent))
                return 0;
    }
    return 1;
}

/* FirmwarePackageInfo ::= SEQUENCE { fwPkgType INTEGER OPTIONAL,
 *   dependencies SEQUENCE OF PreferredOrLegacyPackageIdentifier OPTIONAL } */
static int
pkg_info(cmsfw_bytes v)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in, deps;
    cmsfw_pkg_name n;
    int64_t type;

    if (!cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in))
        return 0;
    if (cmsfw__min_expect(&in, T_INT, &t) && cmsfw_der_get_int(&t, &type) != OK)
        return 0;
    if (cmsfw__min_expect(&in, T_SEQ, &t)) {
        cmsfw_der_enter(&deps, &t, 0);
        while (!cmsfw_der_at_end(&deps))
            if (!cmsfw__min_name_read(&deps, &n))
                return 0;
    }
    return cmsfw_der_at_end(&in);
}

/* see cms/min_check.h */
void
cmsfw__min_info_read(cmsfw_bytes tlv, int *has_type, int64_t *type, cmsfw_der_cur *deps)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    *has_type = 0;
    *type = 0;
    cmsfw_der_init(deps, NULL, 0, 0);
    if (tlv.ptr == NULL || !cmsfw__min_one(tlv, MIN_UNIV, 1, T_SEQ, &t, &in))
        return;
    if (cmsfw__min_expect(&in, T_INT, &t))
        *has_type = cmsfw_der_get_int(&t, type) == OK;
    if (cmsfw__min_expect(&in, T_SEQ, &t))
        cmsfw_der_enter(deps, &t, 0);
}

/* FirmwarePackageMessageDigest ::= SEQUENCE { algorithm
 *   AlgorithmIdentifier, msgDigest OCTET STRING } */
static int
fw_digest(cmsfw_bytes v)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    return cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in) && cmsfw__min_alg_ok(&in) &&
           cmsfw__min_expect(&in, T_OCTETS, &t) && cmsfw_der_at_end(&in);
}

/* ContentHints ::= SEQUENCE { contentDescription UTF8String (SIZE (1..MAX))
 * OPTIONAL, contentType ContentType }: both, and id-ct-firmwarePackage
 * (as the full profile requires). */
static int
content_hints(cmsfw_bytes v)
{
    static const uint8_t fw[] = {MIN_OID_ID_CT_FIRMWAREPACKAGE};
    cmsfw_der_tlv t;
    cmsfw_der_cur in;

    return cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in) &&
           cmsfw_der_expect(&in, MIN_UNIV, 0, 12u, &t) == OK && t.len > 0 &&
           cmsfw__min_expect(&in, T_OID, &t) && cmsfw_der_at_end(&in) &&
           cmsfw_der_oid_is(&t, fw, sizeof fw);
}

/* see cms/min_check.h */
int
cmsfw__min_alg_protection(cmsfw_bytes value, cmsfw_alg_id *digest, cmsfw_alg_id *sig, int *has_sig,
                          int *has_mac)
{
    cmsfw_der_tlv seq, t;
    cmsfw_der_cur in, f;
    cmsfw_alg_id mac;
    uint32_t tag;

    *has_sig = 0;
    *has_mac = 0;
    memset(sig, 0, sizeof *sig);
    if (!cmsfw__min_one(value, MIN_UNIV, 1, T_SEQ, &seq, &in) ||
        cmsfw__min_alg_read(&in, digest) != 0)
        return 0;
    for (tag = 1; tag <= 2; tag++) {
        if (cmsfw_der_expect(&in, MIN_CTX, 1, tag, &t) != OK)
            continue;
        /* an IMPLICIT tag: the contents are those of an AlgorithmIdentifier */
        cmsfw_der_enter(&f, &t, 0);
        if (alg_fields(&f, tag == 1 ? sig : &mac) != 0)
            return 0;
        *(tag == 1 ? has_sig : has_mac) = 1;
    }
    return cmsfw_der_at_end(&in);
}

/* ----------------------------------------------------- attribute lists */

/* Attribute ::= SEQUENCE { attrType OID, attrValues SET OF value } with
 * exactly one value. */
static int
attr_read(cmsfw_der_cur *c, cmsfw_bytes *type, cmsfw_bytes *value)
{
    cmsfw_der_tlv seq, ty, set, v;
    cmsfw_der_cur in, vals;

    if (!cmsfw__min_expect(c, T_SEQ, &seq))
        return 0;
    cmsfw_der_enter(&in, &seq, 0);
    if (!cmsfw__min_expect(&in, T_OID, &ty) || !cmsfw__min_expect(&in, T_SET, &set) ||
        !cmsfw_der_at_end(&in))
        return 0;
    cmsfw_der_enter(&vals, &set, 0);
    if (cmsfw_der_read(&vals, &v) != OK || !cmsfw_der_at_end(&vals))
        return 0;
    *type = view(&ty);
    value->ptr = v.tlv;
    value->len = v.tlv_len;
    return 1;
}

/* The [0] IMPLICIT SET of signedAttrs: strict DER, 1 to MIN_MAX_ATTRS
 * attributes, each with one value, no type twice. */
static int
attr_list_ok(cmsfw_bytes tlv)
{
    cmsfw_der_cur c, in, prev;
    cmsfw_der_tlv top;
    cmsfw_bytes ty, v, ty2;
    const uint8_t *here;
    size_t n = 0;

    cmsfw_der_init(&c, tlv.ptr, tlv.len, 0);
    if (cmsfw_der_expect(&c, MIN_CTX, 1, 0, &top) != OK || !cmsfw_der_at_end(&c) ||
        !cmsfw__min_strict(&top, 1, 1))
        return 0;
    cmsfw_der_enter(&in, &top, 0);
    while (!cmsfw_der_at_end(&in)) {
        here = in.p;
        if (n++ == MIN_MAX_ATTRS || !attr_read(&in, &ty, &v))
            return 0;
        /* duplicates: walk the attributes before this one again */
        cmsfw_der_enter(&prev, &top, 0);
        while (prev.p < here)
            if (attr_read(&prev, &ty2, &v) && cmsfw__min_eq(ty2, ty.ptr, ty.len))
                return 0;
    }
    return n > 0;
}

/* see cms/min_check.h */
cmsfw_bytes
cmsfw__min_attr_find(cmsfw_bytes signed_attrs, uint16_t at)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv top;
    cmsfw_bytes ty, v;

    cmsfw_der_init(&c, signed_attrs.ptr, signed_attrs.len, 0);
    if (cmsfw_der_expect(&c, MIN_CTX, 1, 0, &top) == OK) {
        cmsfw_der_enter(&in, &top, 0);
        while (attr_read(&in, &ty, &v))
            if (cmsfw__min_attr_is(ty, at))
                return v;
    }
    v.ptr = NULL;
    v.len = 0;
    return v;
}

/* How each attribute cmsfw knows is read (step 7). */
enum { K_PKG_ID, K_OID, K_OCTETS, K_OID_LIST, K_COMMUNITIES, K_INFO, K_DIGEST, K_HINTS, K_PROT };
#define REQUIRED 1
#define FOR_ENCRYPTED 2
#define NO_VIEW 0xFFFFu
#define AT(f) ((uint16_t)offsetof(cmsfw__min_signed, f))

static const struct {
    uint16_t at;
    uint8_t kind;
    uint8_t need;
    uint16_t dest; /* the view in cmsfw__min_signed */
} known[] = {
    /* firmware-package-identifier first: the error report names the
     * package whatever fails after it */
    {MIN_AA_PKG_ID, K_PKG_ID, REQUIRED, AT(pkg_id)},
    {MIN_AT_CONTENT_TYPE, K_OID, REQUIRED, AT(content_type)},
    {MIN_AT_MESSAGE_DIGEST, K_OCTETS, REQUIRED, AT(message_digest)},
    {MIN_AA_TARGETS, K_OID_LIST, REQUIRED, AT(targets)},
    {MIN_AA_DECRYPT_KEY_ID, K_OCTETS, FOR_ENCRYPTED, AT(decrypt_key_id)},
    {MIN_AA_COMMUNITIES, K_COMMUNITIES, 0, AT(communities)},
    {MIN_AA_PKG_INFO, K_INFO, 0, AT(info)},
    {MIN_AA_FW_DIGEST, K_DIGEST, 0, AT(fw_digest)},
    {MIN_AA_IMPL_CRYPTO, K_OID_LIST, 0, NO_VIEW},
    {MIN_AA_IMPL_COMPRESS, K_OID_LIST, 0, NO_VIEW},
    {MIN_AA_CONTENT_HINT, K_HINTS, 0, NO_VIEW},
    {MIN_AT_ALG_PROTECTION, K_PROT, 0, NO_VIEW},
};

/* Decode value @v of kind @k; *out: the contents for an OID or OCTET
 * STRING value, else @v itself. */
static int
decode(unsigned k, cmsfw_bytes v, cmsfw_bytes *out, cmsfw_pkg_id *id)
{
    cmsfw_alg_id d, g;
    cmsfw_der_tlv t;
    cmsfw_der_cur in;
    int a, b;

    *out = v;
    switch (k) {
    case K_PKG_ID: return pkg_id(v, id);
    case K_OID:
        if (!cmsfw__min_one(v, MIN_UNIV, 0, T_OID, &t, &in) ||
            cmsfw_der_check_oid(t.val, t.len) == CMSFW_DER_BAD_VALUE)
            return 0;
        *out = view(&t);
        return 1;
    case K_OCTETS:
        if (!cmsfw__min_one(v, MIN_UNIV, 0, T_OCTETS, &t, &in))
            return 0;
        *out = view(&t);
        return 1;
    case K_OID_LIST: return oid_list(v);
    case K_COMMUNITIES: return communities(v);
    case K_INFO: return pkg_info(v);
    case K_DIGEST: return fw_digest(v);
    case K_HINTS: return content_hints(v);
    default: return cmsfw__min_alg_protection(v, &d, &g, &a, &b);
    }
}

/* see cms/min_check.h */
cmsfw_err
cmsfw__min_signed_attrs(cmsfw__min_signed *s, cmsfw_bytes econtent_type, cmsfw_pkg_id *pkg,
                        int *has_pkg_id)
{
    static const uint8_t enc[] = {MIN_OID_ID_ENCRYPTEDDATA};
    cmsfw_bytes v, out;
    size_t i;

    *has_pkg_id = 0;
    if (s->signed_attrs.ptr == NULL || !attr_list_ok(s->signed_attrs))
        return CMSFW_BAD_SIGNED_ATTRS;
    for (i = 0; i < sizeof known / sizeof known[0]; i++) {
        v = cmsfw__min_attr_find(s->signed_attrs, known[i].at);
        if (v.ptr == NULL) {
            if (known[i].need == REQUIRED ||
                (known[i].need == FOR_ENCRYPTED && cmsfw__min_eq(econtent_type, enc, sizeof enc)))
                return CMSFW_BAD_SIGNED_ATTRS;
            continue;
        }
        if (!decode(known[i].kind, v, &out, pkg)) {
            if (known[i].kind == K_PKG_ID)
                memset(pkg, 0, sizeof *pkg);
            return CMSFW_BAD_SIGNED_ATTRS;
        }
        if (known[i].kind == K_PKG_ID)
            *has_pkg_id = 1;
        if (known[i].dest != NO_VIEW)
            memcpy((uint8_t *)s + known[i].dest, &out, sizeof out);
    }
    return CMSFW_OK;
}
