/*
 * certpath.c: a certification path from the signer's certificate to a
 * trust anchor (RFC 4108 section 1.2.4, step 10 (b)), and the CMS content
 * constraints of RFC 6010 along it (step 11).
 *
 * A minimal, sound subset of RFC 5280 section 6:
 * - the path is built upwards from the signer's certificate: the next
 *   certificate is the first one (an anchor's certificate first, then the
 *   package's certificates) whose subject equals the current issuer, byte
 *   for byte, and whose key verifies the current certificate's signature;
 *   there is no backtracking, so every link is verified but an unusual
 *   set of cross-certificates may leave a path unfound;
 * - every certificate's signature is verified with its issuer's key (the
 *   anchor's spki at the top), and its tbsCertificate.signature must equal
 *   its signatureAlgorithm;
 * - intermediate certificates must be v3 with basicConstraints cA TRUE,
 *   keyCertSign when keyUsage is present, and pathLenConstraint is
 *   honoured; the signer's certificate, when it has keyUsage, must allow
 *   digitalSignature or nonRepudiation;
 * - a certificate with a critical extension cmsfw does not process is
 *   refused, and so is one that repeats an extension the path acts on
 *   (basicConstraints, keyUsage, content constraints; RFC 5280 4.2);
 * - under CMSFW_POLICY_NO_LEGACY no link may be an RSASSA-PKCS1-v1_5
 *   signature;
 * - at most CMSFW__PATH_MAX certificates below the anchor.
 * Not done: validity periods (cmsfw_device gives no time source), revocation,
 * name constraints and policies (certificates marking them critical are
 * refused), extendedKeyUsage. The anchor's own certificate is trusted as
 * given (RFC 5280 6.1.1 (d)): only its name, its key and its content
 * constraints are used.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

#define UNIV CMSFW_DER_UNIVERSAL

/* keyUsage bits (RFC 5280 4.2.1.3) */
#define KU_DIGITAL_SIGNATURE 0
#define KU_NON_REPUDIATION 1
#define KU_KEY_CERT_SIGN 5

/* The extensions acted on, each allowed once (RFC 5280 4.2). */
#define SEEN_BC 0x1u
#define SEEN_KU 0x2u
#define SEEN_CC 0x4u

typedef struct ext_info {
    unsigned seen; /* SEEN_* */
    int has_bc;
    int ca;
    int64_t path_len; /* -1: unconstrained */
    int has_ku;
    uint32_t ku; /* bit n of keyUsage at 1 << n */
    int unknown_critical;
    cmsfw_bytes constraints; /* extnValue contents of id-pe-cmsContentConstraints */
} ext_info;

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *                                 pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
static int
basic_constraints(cmsfw_bytes v, ext_info *x)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;
    uint64_t n = 0;

    cmsfw_der_init(&c, v.ptr, v.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        return -1;
    cmsfw_der_enter(&in, &seq, 0);
    x->has_bc = 1;
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_BOOLEAN, &t) == CMSFW_DER_OK)
        x->ca = t.len == 1 && t.val[0] == 0xFF;
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) == CMSFW_DER_OK) {
        if (cmsfw_der_get_uint(&t, &n) != CMSFW_DER_OK || n > INT32_MAX)
            return -1;
        x->path_len = (int64_t)n;
    }
    return cmsfw_der_at_end(&in) ? 0 : -1;
}

/* KeyUsage ::= BIT STRING; bit n of the string is bit 7 - n % 8 of
 * octet n / 8 (the named bits all fit in the first two octets). */
static int
key_usage(cmsfw_bytes v, ext_info *x)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    size_t i;
    unsigned k;

    cmsfw_der_init(&c, v.ptr, v.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 0, CMSFW_DER_TAG_BIT_STRING, &t) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c) || t.len == 0)
        return -1;
    x->has_ku = 1;
    for (i = 0; i + 1 < t.len && i < 2; i++)
        for (k = 0; k < 8; k++)
            if (t.val[1 + i] & (0x80u >> k))
                x->ku |= 1u << (8 * i + k);
    return 0;
}

static int
ku_has(const ext_info *x, unsigned bit)
{
    return (x->ku >> bit) & 1u;
}

/* 1 the first time @bit is seen: a repeated extension would otherwise be
 * read as its last (or, for keyUsage, merged) instance. */
static int
first_time(ext_info *x, unsigned bit)
{
    if (x->seen & bit)
        return 0;
    x->seen |= bit;
    return 1;
}

/* One Extension of a certificate that parsed (so already DER). */
static int
one_extension(const cmsfw_der_tlv *ext, ext_info *x)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv id, b, v;
    cmsfw_bytes oid, val;
    int critical = 0;

    cmsfw_der_enter(&in, ext, 0);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &id) != CMSFW_DER_OK)
        return -1;
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_BOOLEAN, &b) == CMSFW_DER_OK)
        critical = b.len == 1 && b.val[0] == 0xFF;
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OCTET_STRING, &v) != CMSFW_DER_OK)
        return -1;
    oid.ptr = id.val;
    oid.len = id.len;
    val.ptr = v.val;
    val.len = v.len;
    if (CMSFW__OID_IS(oid, CMSFW__OID_CE_BASIC_CONSTRAINTS))
        return first_time(x, SEEN_BC) ? basic_constraints(val, x) : -1;
    if (CMSFW__OID_IS(oid, CMSFW__OID_CE_KEY_USAGE))
        return first_time(x, SEEN_KU) ? key_usage(val, x) : -1;
    if (CMSFW__OID_IS(oid, CMSFW__OID_PE_CONTENT_CONSTRAINTS)) {
        x->constraints = val;
        return first_time(x, SEEN_CC) ? 0 : -1;
    }
    /* identifiers and names: no effect on the path, fine when critical */
    if (CMSFW__OID_IS(oid, CMSFW__OID_CE_SKI) || CMSFW__OID_IS(oid, CMSFW__OID_CE_AKI) ||
        CMSFW__OID_IS(oid, CMSFW__OID_CE_SUBJECT_ALT_NAME) ||
        CMSFW__OID_IS(oid, CMSFW__OID_CE_EXT_KEY_USAGE))
        return 0;
    if (critical)
        x->unknown_critical = 1;
    return 0;
}

static cmsfw_err
read_exts(const cmsfw_key *k, ext_info *x, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, ext;

    memset(x, 0, sizeof *x);
    x->path_len = -1;
    if (k->extensions.ptr == NULL)
        return CMSFW_OK;
    cmsfw_der_init(&c, k->extensions.ptr, k->extensions.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificate: bad extensions");
    cmsfw_der_enter(&in, &seq, 0);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &ext) != CMSFW_DER_OK ||
            one_extension(&ext, x) != 0)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE,
                               "certificate: malformed or repeated extension");
    }
    return CMSFW_OK;
}

/* The rules for the certificate at @pos of the path (0: the signer's). */
static cmsfw_err
cert_role(const cmsfw_key *k, size_t pos, cmsfw_diag *diag)
{
    ext_info x;
    cmsfw_err e = read_exts(k, &x, diag);

    if (e != CMSFW_OK)
        return e;
    if (x.unknown_critical)
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR,
                           "certificate with a critical extension that is not processed");
    if (pos == 0) {
        if (x.has_ku && !ku_has(&x, KU_DIGITAL_SIGNATURE) && !ku_has(&x, KU_NON_REPUDIATION))
            return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR,
                               "signer certificate: keyUsage forbids signatures");
        return CMSFW_OK;
    }
    if (k->cert_version != 3 || !x.has_bc || !x.ca)
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR, "issuer certificate is not a CA");
    if (x.has_ku && !ku_has(&x, KU_KEY_CERT_SIGN))
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR, "issuer certificate: no keyCertSign");
    if (x.path_len >= 0 && (int64_t)(pos - 1) > x.path_len)
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR, "pathLenConstraint exceeded");
    return CMSFW_OK;
}

/* tbsCertificate.signature, the AlgorithmIdentifier after the version and
 * the serial number. */
static int
tbs_sig_alg(const cmsfw_key *k, cmsfw_bytes *out)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;

    cmsfw_der_init(&c, k->tbs.ptr, k->tbs.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return -1;
    cmsfw_der_enter(&in, &seq, 0);
    (void)cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 0, &t);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
        return -1;
    out->ptr = t.tlv;
    out->len = t.tlv_len;
    return 0;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__cert_verify(const cmsfw_key *c, cmsfw_bytes issuer_spki, uint32_t policy, cmsfw_diag *diag)
{
    cmsfw_der_cur cur;
    cmsfw_alg_id alg;
    cmsfw_bytes inner;
    cmsfw__sig sig;
    cmsfw_err e = CMSFW_SIGNATURE_FAILURE;

    if (tbs_sig_alg(c, &inner) != 0 || !cmsfw__bytes_eq(inner, c->sig_alg))
        return cmsfw__fail(diag, e, "certificate: signature algorithms inside and outside differ");
    cmsfw_der_init(&cur, c->sig_alg.ptr, c->sig_alg.len, 0);
    if (cmsfw__alg_read(&cur, &alg) != CMSFW_DER_OK)
        return cmsfw__fail(diag, e, "certificate: bad signatureAlgorithm");
    e = cmsfw__sig_alg(&alg, 1, &sig, diag);
    /* a path is only as strong as its weakest signature */
    if (e == CMSFW_OK && sig.legacy && (policy & CMSFW_POLICY_NO_LEGACY))
        e = cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                        "certificate signed with RSASSA-PKCS1-v1_5 (LEGACY), refused by policy");
    if (e == CMSFW_OK)
        e = cmsfw__sig_key(&sig, issuer_spki, CMSFW_SIGNATURE_FAILURE, diag);
    if (e == CMSFW_OK)
        e = cmsfw__sig_verify(&sig, issuer_spki, c->tbs, 0, c->signature, diag);
    return e;
}

/* Local failures (try the next candidate) versus failures of the machine. */
static int
fatal(cmsfw_err e)
{
    return e == CMSFW_E_NOMEM || e == CMSFW_E_BACKEND || e == CMSFW_E_ARG;
}

/* An anchor whose certificate's subject issued @cur and whose key verifies
 * it. *idx = n_anchors when there is none. */
static cmsfw_err
issuing_anchor(const cmsfw_key *cur, const cmsfw_anchor *anchors, size_t n_anchors, int prefer_fw,
               uint32_t policy, size_t *idx, cmsfw_diag *why)
{
    cmsfw_key ak;
    size_t i;
    int present = 0;
    cmsfw_err e = CMSFW_OK;

    *idx = n_anchors;
    for (i = 0; i < n_anchors; i++) {
        e = cmsfw__anchor_cert(&anchors[i], &ak, &present, why);
        if (e != CMSFW_OK)
            return e;
        if (!present || !cmsfw__bytes_eq(ak.subject, cur->issuer))
            continue;
        if (*idx != n_anchors &&
            (!prefer_fw || (anchors[*idx].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER) ||
             !(anchors[i].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER)))
            continue;
        e = cmsfw__cert_verify(cur, anchors[i].spki, policy, why);
        if (fatal(e))
            return e;
        if (e == CMSFW_OK)
            *idx = i;
    }
    return CMSFW_OK;
}

/* A package certificate, not yet on the path, that may issue @cur at
 * position @pos. *idx = n when there is none. */
static cmsfw_err
issuing_cert(const cmsfw_key *cur, const cmsfw_key *certs, size_t n, const int *used, size_t pos,
             uint32_t policy, size_t *idx, cmsfw_diag *why)
{
    size_t j;
    cmsfw_err e = CMSFW_OK;

    *idx = n;
    for (j = 0; j < n; j++) {
        if (used[j] || !cmsfw__bytes_eq(certs[j].subject, cur->issuer))
            continue;
        e = cert_role(&certs[j], pos, why);
        if (e == CMSFW_OK)
            e = cmsfw__cert_verify(cur, certs[j].spki, policy, why);
        if (fatal(e))
            return e;
        if (e == CMSFW_OK) {
            *idx = j;
            return CMSFW_OK;
        }
    }
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__cert_path(const cmsfw_key *certs, size_t n_certs, size_t leaf_index,
                 const cmsfw_anchor *anchors, size_t n_anchors, int prefer_fw, uint32_t policy,
                 cmsfw__signer_loc *out, cmsfw_diag *diag)
{
    int used[CMSFW__MAX_CERTS];
    const cmsfw_key *cur = &certs[leaf_index];
    cmsfw_diag why;
    size_t a = n_anchors, j = n_certs;
    cmsfw_err e = cert_role(cur, 0, diag);

    if (e != CMSFW_OK)
        return e;
    memset(used, 0, sizeof used);
    used[leaf_index] = 1;
    out->path[0] = *cur;
    out->path_len = 1;
    strcpy(why.msg, "no issuer found");
    for (;;) {
        e = issuing_anchor(cur, anchors, n_anchors, prefer_fw, policy, &a, &why);
        if (e != CMSFW_OK)
            return cmsfw__fail(diag, e, "%s", why.msg);
        if (a < n_anchors) {
            out->anchor = a;
            return CMSFW_OK;
        }
        if (out->path_len == CMSFW__PATH_MAX)
            return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR,
                               "no trust anchor within %d certificates", CMSFW__PATH_MAX);
        e = issuing_cert(cur, certs, n_certs, used, out->path_len, policy, &j, &why);
        if (e != CMSFW_OK)
            return cmsfw__fail(diag, e, "%s", why.msg);
        if (j == n_certs)
            return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR,
                               "no certification path to a trust anchor (%s)", why.msg);
        used[j] = 1;
        out->path[out->path_len++] = certs[j];
        cur = &certs[j];
    }
}

static cmsfw_err
cc_malformed(cmsfw_diag *diag)
{
    return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "content constraints: malformed");
}

/* Does one ContentTypeConstraint allow the package? Its syntax is checked
 * whole first: a field out of order or left over must not be skipped. */
static cmsfw_err
constraint_allows(const cmsfw_der_tlv *ctc, const cmsfw__attr_list *attrs, cmsfw_diag *diag)
{
    cmsfw_der_cur in, list, ac, vals;
    cmsfw_der_tlv t, a, type, set, v;
    const cmsfw__attr *have;
    int ok, can_source = 1, has_list = 0;

    cmsfw_der_enter(&in, ctc, 0);
    (void)cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &t);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_ENUMERATED, &t) == CMSFW_DER_OK)
        can_source = t.len == 1 && t.val[0] == 0;
    if (cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &t) == CMSFW_DER_OK) {
        has_list = 1;
        cmsfw_der_enter(&list, &t, 0);
    }
    /* AttrConstraintList ::= SEQUENCE SIZE (1..MAX) OF AttrConstraint */
    if (!cmsfw_der_at_end(&in) || (has_list && cmsfw_der_at_end(&list)))
        return cc_malformed(diag);
    if (!can_source)
        return cmsfw__fail(diag, CMSFW_NOT_AUTHORIZED,
                           "content constraints: cannotSource firmware packages");
    while (has_list && !cmsfw_der_at_end(&list)) {
        if (cmsfw_der_expect(&list, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &a) != CMSFW_DER_OK)
            return cc_malformed(diag);
        cmsfw_der_enter(&ac, &a, 0);
        if (cmsfw_der_expect(&ac, UNIV, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
            cmsfw_der_expect(&ac, UNIV, 1, CMSFW_DER_TAG_SET, &set) != CMSFW_DER_OK ||
            !cmsfw_der_at_end(&ac))
            return cc_malformed(diag);
        have = cmsfw__attr_list_find(attrs, type.val, type.len);
        ok = 0;
        cmsfw_der_enter(&vals, &set, 0);
        while (have != NULL && !ok && cmsfw_der_read(&vals, &v) == CMSFW_DER_OK)
            ok = v.tlv_len == have->value.len && memcmp(v.tlv, have->value.ptr, v.tlv_len) == 0;
        if (!ok)
            return cmsfw__fail(diag, CMSFW_NOT_AUTHORIZED,
                               "content constraints: an attribute constraint does not hold");
    }
    return CMSFW_OK;
}

/* CMSContentConstraints ::= SEQUENCE SIZE (1..MAX) OF ContentTypeConstraint
 * ContentTypeConstraint ::= SEQUENCE { contentType OID,
 *     canSource ENUMERATED { canSource(0), cannotSource(1) } DEFAULT canSource,
 *     attrConstraints SEQUENCE SIZE (1..MAX) OF AttrConstraint OPTIONAL }
 * AttrConstraint ::= SEQUENCE { attrType OID, attrValues SET OF value }
 * The entry for the content type wins over id-ct-anyContentType. A content
 * type listed twice makes the extension malformed: which entry counts
 * would otherwise depend on the reader. */
static cmsfw_err
constraints_allow(cmsfw_bytes v, const cmsfw__attr_list *attrs, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in, e;
    cmsfw_der_tlv seq, ctc, oid, exact, any;
    int has_exact = 0, has_any = 0;

    memset(&exact, 0, sizeof exact);
    memset(&any, 0, sizeof any);

    cmsfw_der_init(&c, v.ptr, v.len, 0);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c) || cmsfw_der_walk(&seq, 0) != CMSFW_DER_OK)
        return cc_malformed(diag);
    cmsfw_der_enter(&in, &seq, 0);
    while (cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &ctc) == CMSFW_DER_OK) {
        cmsfw_der_enter(&e, &ctc, 0);
        if (cmsfw_der_expect(&e, UNIV, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
            return cc_malformed(diag);
        if (cmsfw_der_oid_is(&oid, (const uint8_t *)CMSFW__OID_CT_FIRMWARE,
                             sizeof(CMSFW__OID_CT_FIRMWARE) - 1)) {
            if (has_exact)
                return cc_malformed(diag);
            exact = ctc;
            has_exact = 1;
        } else if (cmsfw_der_oid_is(&oid, (const uint8_t *)CMSFW__OID_CT_ANY,
                                    sizeof(CMSFW__OID_CT_ANY) - 1)) {
            if (has_any)
                return cc_malformed(diag);
            any = ctc;
            has_any = 1;
        }
    }
    if (!cmsfw_der_at_end(&in))
        return cc_malformed(diag);
    if (has_exact)
        return constraint_allows(&exact, attrs, diag);
    if (has_any)
        return constraint_allows(&any, attrs, diag);
    return cmsfw__fail(diag, CMSFW_NOT_AUTHORIZED,
                       "content constraints do not include firmware packages");
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__content_constraints(const cmsfw__signer_loc *sg, const cmsfw__attr_list *attrs,
                           cmsfw_diag *diag)
{
    ext_info x;
    size_t i;
    const cmsfw_key *k;
    cmsfw_err e = CMSFW_OK;

    for (i = 0; i <= sg->path_len && e == CMSFW_OK; i++) {
        k = i < sg->path_len ? &sg->path[i] : &sg->anchor_cert;
        if (k->kind != CMSFW_KEY_CERTIFICATE)
            continue;
        e = read_exts(k, &x, diag);
        if (e == CMSFW_OK && x.constraints.ptr != NULL)
            e = constraints_allow(x.constraints, attrs, diag);
    }
    return e;
}
