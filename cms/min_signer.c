/*
 * min_signer.c: steps 6 to 14 of the device procedure in the minimal
 * profile (docs/procedure.md), in the order and with the codes of the full
 * profile's cms/check_signed.c and cms/check_signer.c: the SignerInfo
 * (BER), its signed attributes (min_attrs.c), the unsigned
 * wrapped-firmware-key, the content type, the signer, its authorisation,
 * the algorithms and the signature (min_algs.c).
 *
 * The signer is an anchor's key itself: a subjectKeyIdentifier sid equal
 * to the anchor's key_id or, for an anchor without one, to the RFC 5280
 * method 1 (SHA-1) or RFC 7093 method 1 (SHA-256, 160 bits) identifier of
 * its key. Certificates (the package's and the anchors') are not read:
 * where they could have named the signer, noTrustAnchor carries
 * CMSFW_MIN_LIMIT_SIGNER.
 *
 * The SignerInfo lies in the writable work buffer: a constructed (BER)
 * sid or signature is joined in place, and signedAttrs are retagged in
 * place while the signature is checked. An HSS/LMS signature may have
 * been verified as it streamed (min_algs.c): the SignerInfo then holds an
 * empty OCTET STRING in its place, and step 13 takes the verdict.
 */
#include <stdint.h>
#include <string.h>

#include "cms/min_check.h"

#define OK CMSFW_DER_OK
#define T_INT CMSFW_DER_TAG_INTEGER
#define T_OCTETS CMSFW_DER_TAG_OCTET_STRING
#define T_OID CMSFW_DER_TAG_OID
#define T_SEQ CMSFW_DER_TAG_SEQUENCE
#define T_SET CMSFW_DER_TAG_SET
#define T_GEN CMSFW_DER_TAG_GENERALIZED_TIME

static cmsfw_bytes
tlv_view(const cmsfw_der_tlv *t)
{
    cmsfw_bytes b;

    b.ptr = t->val;
    b.len = t->len;
    return b;
}

/* ------------------------------------------------ wrapped-firmware-key */

/* CMSVersion, as the codec reads it: within int64_t, not negative. */
static int
version_ok(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t;
    int64_t v = -1;

    return cmsfw__min_expect(c, T_INT, &t) && cmsfw_der_get_int(&t, &v) == OK && v >= 0;
}

/* An OID only libtasn1 reads: no arc led by 0x80 and none above 64 bits;
 * an unfinished last arc is dropped, as libtasn1 does (and the codec's
 * re-encoding check then stands aside for the value). */
static int
typed_oid(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t;
    size_t n;

    if (!cmsfw__min_expect(c, T_OID, &t) || t.len == 0)
        return 0;
    for (n = t.len; n > 0 && (t.val[n - 1] & 0x80); n--)
        continue;
    if (n < t.len && (t.val[n] == 0x80 || t.len - n > 9))
        return 0;
    return n == 0 || cmsfw_der_check_oid(t.val, n) == OK;
}

/* SEQUENCE (or IMPLICIT tag) { OID, ANY OPTIONAL }: AttributeTypeAndValue,
 * OtherKeyAttribute, an AlgorithmIdentifier cmsfw does not read. */
static int
oid_and_any(const cmsfw_der_tlv *t)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv x;

    cmsfw_der_enter(&in, t, 0);
    if (!typed_oid(&in))
        return 0;
    if (!cmsfw_der_at_end(&in))
        (void)cmsfw_der_read(&in, &x);
    return cmsfw_der_at_end(&in);
}

/* Name ::= SEQUENCE OF SET SIZE (1..MAX) OF SEQUENCE { type OID, value ANY } */
static int
name_ok(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur rdns, rdn;

    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&rdns, &t, 0);
    while (cmsfw__min_expect(&rdns, T_SET, &t)) {
        cmsfw_der_enter(&rdn, &t, 0);
        if (t.len == 0)
            return 0;
        while (cmsfw__min_expect(&rdn, T_SEQ, &t))
            if (t.len == 0 || !oid_and_any(&t))
                return 0;
        if (!cmsfw_der_at_end(&rdn))
            return 0;
    }
    return cmsfw_der_at_end(&rdns);
}

/* GeneralizedTime as libtasn1 takes one in DER: digits, at most one
 * '.', then 'Z'. */
static int
gen_time_ok(const cmsfw_der_tlv *t)
{
    size_t i, dots = 0;

    if (t->len == 0 || t->val[t->len - 1] != 'Z')
        return 0;
    for (i = 0; i + 1 < t->len; i++)
        if (t->val[i] == '.' ? dots++ > 0 : (t->val[i] < '0' || t->val[i] > '9'))
            return 0;
    return 1;
}

/* KEKIdentifier ::= SEQUENCE { keyIdentifier OCTET STRING,
 *   date GeneralizedTime OPTIONAL, other OtherKeyAttribute OPTIONAL } */
static int
kek_id_ok(cmsfw_der_cur *c)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur k;

    if (!cmsfw__min_expect(c, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&k, &t, 0);
    if (!cmsfw__min_expect(&k, T_OCTETS, &t))
        return 0;
    if (cmsfw__min_expect(&k, T_GEN, &t) && !gen_time_ok(&t))
        return 0;
    if (cmsfw__min_expect(&k, T_SEQ, &t) && !oid_and_any(&t))
        return 0;
    return cmsfw_der_at_end(&k);
}

/* RecipientInfo: ktri (SEQUENCE), kekri [2] and pwri [3]
 *   { version, rid | kekid | [0] keyDerivationAlgorithm OPTIONAL,
 *     keyEncryptionAlgorithm, encryptedKey }, ori [4] { OID, ANY };
 * kari [1] is only framed. */
static int
recipient_ok(const cmsfw_der_tlv *r)
{
    cmsfw_der_tlv t;
    cmsfw_der_cur in, k;
    uint32_t arm = r->cls == MIN_UNIV ? 0 : r->tag;

    cmsfw_der_enter(&in, r, 0);
    if (arm == 4) {
        if (!typed_oid(&in) || cmsfw_der_read(&in, &t) != OK)
            return 0;
        return cmsfw_der_at_end(&in);
    }
    if (arm == 1)
        return 1;
    /* the codec reads the versions of ktri and kekri */
    if (arm == 3 ? !cmsfw__min_expect(&in, T_INT, &t) : !version_ok(&in))
        return 0;
    if (arm == 0 && cmsfw_der_expect(&in, MIN_CTX, 0, 0, &t) != OK) {
        /* issuerAndSerialNumber SEQUENCE { Name, INTEGER } */
        if (!cmsfw__min_expect(&in, T_SEQ, &t))
            return 0;
        cmsfw_der_enter(&k, &t, 0);
        if (!name_ok(&k) || !cmsfw__min_expect(&k, T_INT, &t) || !cmsfw_der_at_end(&k))
            return 0;
    }
    if (arm == 2 && !kek_id_ok(&in))
        return 0;
    if (arm == 3) {
        if (cmsfw_der_expect(&in, MIN_CTX, 1, 0, &t) == OK && !oid_and_any(&t))
            return 0;
        if (!cmsfw__min_expect(&in, T_SEQ, &t) || !oid_and_any(&t))
            return 0;
    } else if (!cmsfw__min_alg_ok(&in)) {
        return 0;
    }
    return cmsfw__min_expect(&in, T_OCTETS, &t) && cmsfw_der_at_end(&in);
}

/*
 * WrappedFirmwareKey ::= EnvelopedData, one DER value, as RFC 4108 2.3.1
 * wants it: detached (no encryptedContent) and without unprotectedAttrs.
 * What the full profile decodes and this reader only frames: the
 * certificates and CRLs of originatorInfo, and kari recipients (the
 * device unwraps with kekri only).
 */
static int
wrapped_key_ok(cmsfw_bytes v)
{
    cmsfw_der_tlv t, r;
    cmsfw_der_cur in, k;

    if (!cmsfw__min_one(v, MIN_UNIV, 1, T_SEQ, &t, &in) || !cmsfw__min_strict(&t, 0, 0) ||
        !version_ok(&in))
        return 0;
    if (cmsfw_der_expect(&in, MIN_CTX, 1, 0, &t) == OK) {
        cmsfw_der_enter(&k, &t, 0);
        (void)cmsfw_der_expect(&k, MIN_CTX, 1, 0, &t);
        (void)cmsfw_der_expect(&k, MIN_CTX, 1, 1, &t);
        if (!cmsfw_der_at_end(&k))
            return 0;
    }
    if (!cmsfw__min_expect(&in, T_SET, &t) || t.len == 0)
        return 0;
    cmsfw_der_enter(&k, &t, 0);
    while (cmsfw_der_read(&k, &r) == OK) {
        if (!r.constructed)
            return 0;
        if (!((r.cls == MIN_UNIV && r.tag == T_SEQ) ||
              (r.cls == MIN_CTX && r.tag >= 1 && r.tag <= 4)) ||
            !recipient_ok(&r))
            return 0;
    }
    /* EncryptedContentInfo { contentType, contentEncryptionAlgorithm } */
    if (!cmsfw__min_expect(&in, T_SEQ, &t))
        return 0;
    cmsfw_der_enter(&k, &t, 0);
    return cmsfw__min_read_oid(&k, &t) && cmsfw__min_alg_ok(&k) && cmsfw_der_at_end(&k) &&
           cmsfw_der_at_end(&in);
}

/* see cms/min_check.h */
cmsfw_err
cmsfw__min_unsigned_attrs(cmsfw__min_signed *s, cmsfw_bytes tlv, cmsfw_bytes econtent_type)
{
    static const uint8_t enc[] = {MIN_OID_ID_ENCRYPTEDDATA};
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t, ty, v;

    if (tlv.ptr == NULL)
        return CMSFW_OK;
    cmsfw_der_init(&c, tlv.ptr, tlv.len, 1);
    if (cmsfw_der_expect(&c, MIN_CTX, 1, 1, &t) != OK)
        return CMSFW_BAD_UNSIGNED_ATTRS;
    cmsfw_der_enter(&in, &t, 1);
    if (!cmsfw__min_expect(&in, T_SEQ, &t) || !cmsfw_der_at_end(&in))
        return CMSFW_BAD_UNSIGNED_ATTRS;
    cmsfw_der_enter(&in, &t, 1);
    if (!cmsfw__min_expect(&in, T_OID, &ty) || !cmsfw__min_expect(&in, T_SET, &t) ||
        !cmsfw_der_at_end(&in) || !cmsfw__min_attr_is(tlv_view(&ty), MIN_AA_WRAPPED_KEY))
        return CMSFW_BAD_UNSIGNED_ATTRS;
    cmsfw_der_enter(&in, &t, 1);
    if (cmsfw_der_read(&in, &v) != OK || !cmsfw_der_at_end(&in))
        return CMSFW_BAD_UNSIGNED_ATTRS;
    tlv.ptr = v.tlv;
    tlv.len = v.tlv_len;
    if (!wrapped_key_ok(tlv) || !cmsfw__min_eq(econtent_type, enc, sizeof enc))
        return CMSFW_BAD_UNSIGNED_ATTRS;
    s->wrapped_key = tlv;
    return CMSFW_OK;
}

/* ------------------------------------------------------------ SignerInfo */

/* What step 6 reads besides the views of cmsfw__min_signed. */
typedef struct min_si {
    int sid_is_ski;
    cmsfw_bytes ski;            /* joined */
    cmsfw_bytes unsigned_attrs; /* [1] TLV; ptr NULL: absent */
    int sig_too_long;           /* segmented, longer than CMSFW_BK_SIG_MAX */
} min_si;

/* @p, @n inside the work buffer, as a writable pointer; NULL otherwise. */
static uint8_t *
writable(cmsfw_min *m, const uint8_t *p, size_t n)
{
    uintptr_t base = (uintptr_t)m->buf, at = (uintptr_t)p;

    if (p == NULL || at < base || n > m->buf_len || at - base > m->buf_len - n)
        return NULL;
    return m->buf + (at - base);
}

/* The octets of a string that may be constructed (BER): a primitive one
 * as it is, a constructed one joined in place over its own headers
 * (nested pieces all OCTET STRINGs). -1 when malformed. */
static int
join(cmsfw_min *m, const cmsfw_der_tlv *t, cmsfw_bytes *out)
{
    const uint8_t *p = t->val, *end = t->val + t->len;
    uint8_t *w = writable(m, t->val, t->len);
    cmsfw_der_tlv h;
    size_t hl = 0, n = 0;

    *out = tlv_view(t);
    if (!t->constructed)
        return 0;
    if (w == NULL || cmsfw_der_walk(t, 1) != OK)
        return -1;
    while (p < end) {
        if (cmsfw_der_read_header(p, (size_t)(end - p), 1, &h, &hl) != OK)
            return -1;
        if (h.cls == MIN_UNIV && h.tag == 0 && !h.constructed) {
            p += hl; /* the end-of-contents of a nested piece */
            continue;
        }
        if (h.cls != MIN_UNIV || h.tag != T_OCTETS)
            return -1;
        p += hl;
        if (!h.constructed) {
            /* the write position never passes the read position */
            memmove(w + n, p, h.len);
            n += h.len;
            p += h.len;
        }
    }
    out->ptr = w;
    out->len = n;
    return 0;
}

/* An optional [tag] field: its TLV, or ptr NULL. */
static cmsfw_bytes
optional_field(cmsfw_der_cur *c, uint32_t tag)
{
    cmsfw_der_tlv t;
    cmsfw_bytes b = {NULL, 0};

    if (cmsfw_der_peek(c, &t) == OK && t.cls == MIN_CTX && t.tag == tag &&
        cmsfw_der_read(c, &t) == OK) {
        b.ptr = t.tlv;
        b.len = t.tlv_len;
    }
    return b;
}

/* sid: issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER }
 *    | subjectKeyIdentifier [0] IMPLICIT OCTET STRING */
static int
read_sid(cmsfw_min *m, cmsfw_der_cur *c, min_si *si)
{
    cmsfw_der_tlv sid, x;
    cmsfw_der_cur in;

    if (cmsfw_der_read(c, &sid) != OK)
        return 0;
    if (sid.cls == MIN_CTX && sid.tag == 0) {
        si->sid_is_ski = 1;
        return join(m, &sid, &si->ski) == 0 && !(sid.constructed && si->ski.len > MIN_SID_SKI_MAX);
    }
    if (sid.cls != MIN_UNIV || sid.tag != T_SEQ)
        return 0;
    cmsfw_der_enter(&in, &sid, 1);
    return cmsfw__min_expect(&in, T_SEQ, &x) && cmsfw__min_expect(&in, T_INT, &x) && x.len > 0 &&
           cmsfw_der_at_end(&in);
}

/*
 * SignerInfo ::= SEQUENCE { version CMSVersion, sid SignerIdentifier,
 *     digestAlgorithm, signedAttrs [0] IMPLICIT OPTIONAL,
 *     signatureAlgorithm, signature OCTET STRING,
 *     unsignedAttrs [1] IMPLICIT OPTIONAL }          -- BER
 */
static int
si_read(cmsfw_min *m, min_si *si)
{
    cmsfw__min_signed *s = &m->s;
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;

    cmsfw_der_init(&c, m->f.signer_info.ptr, m->f.signer_info.len, 1);
    if (!cmsfw__min_expect(&c, T_SEQ, &seq) || !cmsfw_der_at_end(&c))
        return 0;
    cmsfw_der_enter(&in, &seq, 1);
    if (!cmsfw__min_expect(&in, T_INT, &t) || cmsfw_der_get_int(&t, &s->version) != OK ||
        !read_sid(m, &in, si) || cmsfw__min_alg_read(&in, &s->digest_alg) != 0)
        return 0;
    s->signed_attrs = optional_field(&in, 0);
    if (cmsfw__min_alg_read(&in, &s->sig_alg) != 0 ||
        cmsfw_der_expect(&in, MIN_UNIV, -1, T_OCTETS, &t) != OK || join(m, &t, &s->signature) < 0)
        return 0;
    si->sig_too_long = t.constructed && s->signature.len > CMSFW_BK_SIG_MAX;
    si->unsigned_attrs = optional_field(&in, 1);
    return cmsfw_der_at_end(&in);
}

/* Step 6: syntax, version (3; 1 with issuerAndSerialNumber by policy),
 * digestAlgorithm equal to SignedData's. */
static cmsfw_err
step6(cmsfw_min *m, min_si *si)
{
    int64_t v;

    if (m->f.signer_info.ptr == NULL || !si_read(m, si))
        return cmsfw__min_fail(m, CMSFW_BAD_SIGNER_INFO, 0, "SignerInfo: malformed");
    v = m->s.version;
    if (v != 3 && !(v == 1 && !si->sid_is_ski && (m->dev->policy & CMSFW_POLICY_SIGNER_INFO_V1)))
        return cmsfw__min_fail(m, CMSFW_BAD_SIGNER_INFO, 0, "SignerInfo: version");
    if (!cmsfw__min_alg_equal(&m->s.digest_alg, &m->f.digest_alg))
        return cmsfw__min_fail(m, CMSFW_BAD_SIGNER_INFO, 0, "SignerInfo: digestAlgorithm differs");
    return CMSFW_OK;
}

/* ---------------------------------------------------------------- signer */

/* The subjectPublicKey bits of an anchor's SubjectPublicKeyInfo (a whole
 * number of octets). 0 when it does not parse. */
static int
key_bits(cmsfw_bytes spki, cmsfw_bytes *bits)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t;
    cmsfw_alg_id alg;

    cmsfw_der_init(&c, spki.ptr, spki.len, 0);
    if (!cmsfw__min_one(spki, MIN_UNIV, 1, T_SEQ, &t, &in) || cmsfw__min_alg_read(&in, &alg) != 0 ||
        cmsfw_der_check_oid(alg.oid.ptr, alg.oid.len) != OK ||
        !cmsfw__min_expect(&in, CMSFW_DER_TAG_BIT_STRING, &t) || !cmsfw_der_at_end(&in) ||
        t.len < 2 || t.val[0] != 0)
        return 0;
    bits->ptr = t.val + 1;
    bits->len = t.len - 1;
    return 1;
}

/* Does anchor @a carry the identifier @ski? *kid: the one compared last
 * (in @buf when computed). E_ARG for a malformed anchor key. */
static cmsfw_err
anchor_is(cmsfw_bytes ski, const cmsfw_anchor *a, uint8_t buf[20], cmsfw_bytes *kid, int *match)
{
    uint8_t h[CMSFW_BK_HASH_MAX];
    cmsfw_bytes bits;
    size_t n = 0;

    *kid = a->key_id;
    *match = 0;
    if (a->key_id.ptr != NULL) {
        *match = cmsfw__min_eq(ski, a->key_id.ptr, a->key_id.len);
        return CMSFW_OK;
    }
    if (!key_bits(a->spki, &bits))
        return CMSFW_E_ARG;
    kid->ptr = buf;
    kid->len = 20;
    cmsfw__min_sha1(bits, buf);
    *match = cmsfw__min_eq(ski, buf, 20);
    if (*match)
        return CMSFW_OK;
    if (cmsfw_bk_hash_once(CMSFW_BK_SHA256, bits, h, sizeof h, &n) != CMSFW_BK_OK)
        return CMSFW_E_BACKEND;
    memcpy(buf, h, 20);
    *match = cmsfw__min_eq(ski, buf, 20);
    return CMSFW_OK;
}

/* see cms/min_priv.h */
const cmsfw_anchor *
cmsfw__min_anchor_named(const cmsfw_device *d, cmsfw_bytes ski, uint8_t buf[20], cmsfw_bytes *kid,
                        cmsfw_err *e)
{
    const cmsfw_anchor *found = NULL;
    uint8_t tmp[20];
    cmsfw_bytes k;
    size_t i;
    int match = 0;

    *e = CMSFW_OK;
    for (i = 0; i < d->n_anchors; i++) {
        *e = anchor_is(ski, &d->anchors[i], tmp, &k, &match);
        if (*e != CMSFW_OK)
            return NULL;
        if (!match || (found != NULL && ((found->flags & CMSFW_ANCHOR_FIRMWARE_SIGNER) ||
                                         !(d->anchors[i].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER))))
            continue;
        found = &d->anchors[i];
        *kid = k;
        if (k.ptr == tmp) {
            memcpy(buf, tmp, sizeof tmp);
            kid->ptr = buf;
        }
    }
    return found;
}

/* Step 10: the anchor the sid names (one that may sign firmware
 * preferred), its key identifier in m->res.trust_anchor_key_id. */
static cmsfw_err
step10(cmsfw_min *m, const min_si *si)
{
    const cmsfw_device *d = m->dev;
    cmsfw_bytes kid;
    size_t i;
    int limit = !si->sid_is_ski || m->f.n_certs > 0;
    cmsfw_err e = CMSFW_OK;

    for (i = 0; i < d->n_anchors; i++)
        limit |= d->anchors[i].cert.ptr != NULL;
    m->s.anchor = !si->sid_is_ski ? NULL
                                  : cmsfw__min_anchor_named(d, si->ski, m->s.anchor_key_id_buf,
                                                            &kid, &e);
    if (e != CMSFW_OK)
        return cmsfw__min_fail(m, e, 0, "anchor key malformed");
    if (m->s.anchor == NULL)
        return cmsfw__min_fail(m, CMSFW_NO_TRUST_ANCHOR, limit ? CMSFW_MIN_LIMIT_SIGNER : 0u,
                               "the sid names no anchor");
    m->res.trust_anchor_key_id = kid;
    return CMSFW_OK;
}

/* Steps 12 to 14 (step 11 is the anchor's flag). */
static cmsfw_err
steps12to14(cmsfw_min *m, const min_si *si)
{
    cmsfw__min_signed *s = &m->s;
    const cmsfw__min_framing *f = &m->f;
    cmsfw_bk_hash h = CMSFW_BK_HASH_NONE, sh = CMSFW_BK_HASH_NONE;
    cmsfw_bk_sig scheme = CMSFW_BK_SIG_ECDSA;
    cmsfw_alg_id pd, ps;
    cmsfw_bytes ap;
    int has_sig = 0, has_mac = 0;
    cmsfw_err e = cmsfw__min_algs(s, m->dev->policy, s->anchor->spki, &h, &scheme, &sh);

    if (e != CMSFW_OK)
        return cmsfw__min_fail(m, e, 0, "algorithm not supported");
    if (f->econtent_hash != h || f->econtent_digest_len != cmsfw_bk_hash_len(h))
        return cmsfw__min_fail(m, CMSFW_BAD_DIGEST_ALGORITHM, 0, "eContent hashed otherwise");
    if (!cmsfw__min_eq(s->message_digest, f->econtent_digest, f->econtent_digest_len))
        return cmsfw__min_fail(m, CMSFW_SIGNATURE_FAILURE, 0, "message-digest differs");
    if (si->sig_too_long)
        return cmsfw__min_fail(m, CMSFW_SIGNATURE_FAILURE, 0, "signature too long");
    if (m->hss_done)
        e = cmsfw__min_sig_verdict(m, scheme); /* streamed: min_algs.c */
    else
        e = cmsfw__min_verify(scheme, sh, s->anchor->spki,
                              writable(m, s->signed_attrs.ptr, s->signed_attrs.len),
                              s->signed_attrs.len, s->signature);
    if (e != CMSFW_OK)
        return cmsfw__min_fail(m, e, 0, "signature does not verify");
    ap = cmsfw__min_attr_find(s->signed_attrs, MIN_AT_ALG_PROTECTION);
    if (ap.ptr == NULL)
        return CMSFW_OK;
    if (!cmsfw__min_alg_protection(ap, &pd, &ps, &has_sig, &has_mac))
        return cmsfw__min_fail(m, CMSFW_BAD_SIGNED_ATTRS, 0, "CMSAlgorithmProtection malformed");
    /* RFC 6211 3: byte equality with the SignerInfo's algorithms */
    if (!has_sig || has_mac || !cmsfw__min_alg_equal(&pd, &s->digest_alg) ||
        !cmsfw__min_alg_equal(&ps, &s->sig_alg))
        return cmsfw__min_fail(m, CMSFW_SIGNATURE_FAILURE, 0, "CMSAlgorithmProtection differs");
    return CMSFW_OK;
}

/* Steps 6 to 14 in order. */
static cmsfw_err
check_signed(cmsfw_min *m)
{
    cmsfw__min_signed *s = &m->s;
    cmsfw_der_cur deps;
    min_si si;
    cmsfw_err e;

    memset(&si, 0, sizeof si);
    e = step6(m, &si);
    if (e != CMSFW_OK)
        return e;
    e = cmsfw__min_signed_attrs(s, m->f.econtent_type, &m->res.pkg_id, &m->res.has_pkg_id);
    if (e != CMSFW_OK)
        return cmsfw__min_fail(m, e, 0, "signedAttrs not accepted");
    if (cmsfw__min_unsigned_attrs(s, si.unsigned_attrs, m->f.econtent_type) != CMSFW_OK)
        return cmsfw__min_fail(m, CMSFW_BAD_UNSIGNED_ATTRS, 0, "unsignedAttrs not accepted");
    if (m->f.econtent_type.ptr == NULL ||
        !cmsfw__min_eq(s->content_type, m->f.econtent_type.ptr, m->f.econtent_type.len))
        return cmsfw__min_fail(m, CMSFW_CONTENT_TYPE_MISMATCH, 0, "content-type differs");
    e = step10(m, &si);
    if (e != CMSFW_OK)
        return e;
    if (!(s->anchor->flags & CMSFW_ANCHOR_FIRMWARE_SIGNER))
        return cmsfw__min_fail(m, CMSFW_NOT_AUTHORIZED, 0, "anchor may not sign firmware");
    e = steps12to14(m, &si);
    if (e != CMSFW_OK)
        return e;
    s->authenticated = 1;
    m->res.authenticated = 1;
    m->res.decrypt_key_id = s->decrypt_key_id;
    cmsfw__min_info_read(s->info, &m->res.has_pkg_type, &m->res.pkg_type, &deps);
    return CMSFW_OK;
}

/* see cms/min_priv.h */
cmsfw_err
cmsfw__min_check_signed(cmsfw_min *m)
{
    cmsfw_err e = CMSFW_E_ARG;

    memset(&m->s, 0, sizeof m->s);
    if (m->dev == NULL || (m->dev->anchors == NULL && m->dev->n_anchors > 0))
        return cmsfw__min_fail(m, e, 0, "no device");
    e = check_signed(m);
    /* the anchor is named in the result only once the signature holds */
    if (e != CMSFW_OK) {
        m->res.trust_anchor_key_id.ptr = NULL;
        m->res.trust_anchor_key_id.len = 0;
    }
    return e;
}
