/*
 * verify_content.c: cmsfw_verify_content(), the check of a signed load
 * receipt or error report (RFC 4108 sections 3 and 4; digest sections 6
 * and 7) by whoever receives it.
 *
 * The rules are those of the device procedure where they apply, with the
 * receipt profile's differences: SignerInfo version 1 with
 * issuerAndSerialNumber or version 3 with subjectKeyIdentifier (RFC 5652
 * 5.3 pairing), only content-type and message-digest required, no unsigned
 * attribute at all, and the signer must be one of the given anchors itself
 * (the module's key or certificate): no certification path is built and
 * the anchors' flags are not looked at.
 *
 * The outer layers may be BER. The eContent must be one primitive OCTET
 * STRING, because the content is returned as a view into the input: a
 * constructed (segmented) eContent gives decodeFailure.
 */
#include <string.h>

#include <cmsfw/protect.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

#define UNIV CMSFW_DER_UNIVERSAL
#define CTX CMSFW_DER_CONTEXT

/* ContentInfo { id-signedData, [0] EXPLICIT SignedData }: the SignedData. */
static cmsfw_err
content_info(const uint8_t *der, size_t len, cmsfw_der_tlv *sd, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in, w;
    cmsfw_der_tlv ci, type, wrap;
    cmsfw_der_status st;

    cmsfw_der_init(&c, der, len, 1);
    st = cmsfw_der_read(&c, &ci);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_walk(&ci, 1);
    if (st != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE, "not one BER value: %s",
                           st != CMSFW_DER_OK ? cmsfw_der_status_str(st) : "trailing octets");
    if (ci.cls != UNIV || ci.tag != CMSFW_DER_TAG_SEQUENCE || !ci.constructed)
        return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo: not a SEQUENCE");
    cmsfw_der_enter(&in, &ci, 1);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
        !cmsfw_der_oid_is(&type, (const uint8_t *)CMSFW__OID_SIGNED_DATA,
                          sizeof(CMSFW__OID_SIGNED_DATA) - 1))
        return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo: not id-signedData");
    if (cmsfw_der_expect(&in, CTX, 1, 0, &wrap) != CMSFW_DER_OK || !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo: no [0] content");
    cmsfw_der_enter(&w, &wrap, 1);
    if (cmsfw_der_expect(&w, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, sd) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&w))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA, "SignedData: not a SEQUENCE");
    return CMSFW_OK;
}

/* EncapsulatedContentInfo { eContentType, [0] EXPLICIT OCTET STRING }. */
static cmsfw_err
encap(cmsfw_der_cur *c, cmsfw__framing *f, cmsfw_bytes *content, cmsfw_diag *diag)
{
    cmsfw_der_tlv seq, type, wrap, oct;
    cmsfw_der_cur in, w;

    if (cmsfw_der_expect(c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: not a SEQUENCE");
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
        cmsfw_der_check_oid(type.val, type.len) == CMSFW_DER_BAD_VALUE)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: bad eContentType");
    f->econtent_type.ptr = type.val;
    f->econtent_type.len = type.len;
    if (cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_MISSING_CONTENT, "eContent absent");
    if (cmsfw_der_expect(&in, CTX, 1, 0, &wrap) != CMSFW_DER_OK || !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: bad eContent");
    cmsfw_der_enter(&w, &wrap, 1);
    if (cmsfw_der_expect(&w, UNIV, -1, CMSFW_DER_TAG_OCTET_STRING, &oct) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&w))
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "eContent: not one OCTET STRING");
    if (oct.constructed)
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE,
                           "eContent: a segmented OCTET STRING is not supported here");
    content->ptr = oct.val;
    content->len = oct.len;
    f->has_econtent = 1;
    f->econtent_len = oct.len;
    return CMSFW_OK;
}

/* certificates [0] and crls [1] (kept for step 4's rules), then
 * signerInfos SET with exactly one SignerInfo. */
static cmsfw_err
certs_and_signers(cmsfw_der_cur *c, cmsfw__framing *f, cmsfw_diag *diag)
{
    cmsfw_der_tlv t, x;
    cmsfw_der_cur in;

    if (cmsfw_der_expect(c, CTX, 1, 0, &t) == CMSFW_DER_OK) {
        cmsfw_der_enter(&in, &t, 1);
        while (cmsfw_der_read(&in, &x) == CMSFW_DER_OK) {
            if (f->n_certs == CMSFW__MAX_CERTS) {
                f->too_many_certs = 1;
                continue;
            }
            f->certs[f->n_certs].ptr = x.tlv;
            f->certs[f->n_certs++].len = x.tlv_len;
        }
        if (!cmsfw_der_at_end(&in))
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificates: malformed");
    }
    if (cmsfw_der_expect(c, CTX, 1, 1, &t) == CMSFW_DER_OK) {
        f->crls.ptr = t.tlv;
        f->crls.len = t.tlv_len;
    }
    if (cmsfw_der_expect(c, UNIV, 1, CMSFW_DER_TAG_SET, &t) != CMSFW_DER_OK || !cmsfw_der_at_end(c))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA, "SignedData: bad signerInfos");
    cmsfw_der_enter(&in, &t, 1);
    while (cmsfw_der_read(&in, &x) == CMSFW_DER_OK) {
        if (f->n_signer_infos++ == 0) {
            f->signer_info.ptr = x.tlv;
            f->signer_info.len = x.tlv_len;
        }
    }
    if (!cmsfw_der_at_end(&in) || f->n_signer_infos != 1)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA, "SignedData: not exactly one SignerInfo");
    return CMSFW_OK;
}

/* SignedData { version 3, digestAlgorithms SET (one), encapContentInfo,
 * certificates [0] OPTIONAL, crls [1] OPTIONAL, signerInfos SET }. */
static cmsfw_err
signed_data(const cmsfw_der_tlv *sd, cmsfw__framing *f, cmsfw_bytes *content, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t;
    cmsfw_alg_id alg;
    cmsfw_err e = CMSFW_BAD_SIGNED_DATA;

    cmsfw_der_enter(&c, sd, 1);
    if (cmsfw_der_expect(&c, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &f->sd_version) != CMSFW_DER_OK || f->sd_version != 3)
        return cmsfw__fail(diag, e, "SignedData: version is not 3");
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SET, &t) != CMSFW_DER_OK)
        return cmsfw__fail(diag, e, "SignedData: bad digestAlgorithms");
    cmsfw_der_enter(&in, &t, 1);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw__alg_read(&in, &alg) != CMSFW_DER_OK)
            return cmsfw__fail(diag, e, "SignedData: bad digestAlgorithms");
        if (f->n_digest_algs++ == 0)
            f->digest_alg = alg;
    }
    if (f->n_digest_algs != 1)
        return cmsfw__fail(diag, e, "SignedData: not exactly one digestAlgorithm");
    e = encap(&c, f, content, diag);
    if (e == CMSFW_OK)
        e = certs_and_signers(&c, f, diag);
    return e;
}

/* The SignerInfo rules of the receipt profile, up to the signer. */
static cmsfw_err
signer_info(const cmsfw__framing *f, cmsfw__si *si, cmsfw__attr_list *attrs, cmsfw_bytes *md,
            cmsfw_diag *diag)
{
    const cmsfw__attr *a;
    cmsfw_bytes ct;
    cmsfw_err e = cmsfw__si_read(f->signer_info, si, diag);

    if (e != CMSFW_OK)
        return e;
    if (!((si->version == 1 && !si->sid_is_ski) || (si->version == 3 && si->sid_is_ski)))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO,
                           "SignerInfo: version %lld does not match its sid",
                           (long long)si->version);
    if (!cmsfw__alg_equal(&si->digest_alg, &f->digest_alg))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO,
                           "SignerInfo: digestAlgorithm differs from SignedData's");
    if (si->signed_attrs.ptr == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs absent");
    e = cmsfw__attr_list_read(si->signed_attrs, attrs, diag);
    if (e != CMSFW_OK)
        return e;
    a = CMSFW__ATTR_FIND(attrs, CMSFW__OID_AT_CONTENT_TYPE);
    if (a == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: no content-type");
    e = cmsfw__attr_content_type(a, &ct, diag);
    if (e != CMSFW_OK)
        return e;
    a = CMSFW__ATTR_FIND(attrs, CMSFW__OID_AT_MESSAGE_DIGEST);
    if (a == NULL)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: no message-digest");
    e = cmsfw__attr_message_digest(a, md, diag);
    if (e != CMSFW_OK)
        return e;
    if (si->unsigned_attrs.ptr != NULL)
        return cmsfw__fail(diag, CMSFW_BAD_UNSIGNED_ATTRS, "unsignedAttrs present");
    if (!cmsfw__bytes_eq(ct, f->econtent_type))
        return cmsfw__fail(diag, CMSFW_CONTENT_TYPE_MISMATCH,
                           "content-type attribute differs from eContentType");
    return CMSFW_OK;
}

/* Steps 10 and 12-14 against the anchors. */
static cmsfw_err
verify(const cmsfw__framing *f, const cmsfw__si *si, const cmsfw__attr_list *attrs, cmsfw_bytes md,
       cmsfw_bytes content, const cmsfw_anchor *anchors, size_t n_anchors, cmsfw_diag *diag)
{
    cmsfw__signer_loc sg;
    cmsfw__sig sig;
    cmsfw_bk_hash h = CMSFW_BK_HASH_NONE;
    uint8_t digest[CMSFW_BK_HASH_MAX];
    size_t n = 0;
    cmsfw_err e =
        cmsfw__locate_signer(si, f->certs, f->n_certs, anchors, n_anchors, 0, 0, 0, &sg, diag);

    if (e == CMSFW_OK)
        e = cmsfw__digest_alg(&si->digest_alg, &h, diag);
    if (e == CMSFW_OK)
        e = cmsfw__si_alg(si, h, sg.spki, CMSFW_E_ARG, 0, &sig, diag);
    if (e != CMSFW_OK)
        return e;
    if (cmsfw_bk_hash_once(h, content, digest, sizeof digest, &n) != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "cannot hash the content");
    return cmsfw__si_verify(si, attrs, &sig, sg.spki, md, digest, n, diag);
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_verify_content(const uint8_t *der, size_t len, const cmsfw_anchor *anchors, size_t n_anchors,
                     cmsfw_bytes *content_type, cmsfw_bytes *content, cmsfw_diag *diag)
{
    cmsfw__framing f;
    cmsfw__si si;
    cmsfw__attr_list attrs;
    cmsfw_der_tlv sd;
    cmsfw_bytes body, md;
    cmsfw_err e = CMSFW_E_ARG;

    if (content_type != NULL)
        memset(content_type, 0, sizeof *content_type);
    if (content != NULL)
        memset(content, 0, sizeof *content);
    if ((der == NULL && len > 0) || (anchors == NULL && n_anchors > 0))
        return cmsfw__fail(diag, e, "cmsfw_verify_content: NULL argument");
    memset(&f, 0, sizeof f);
    memset(&body, 0, sizeof body);
    e = content_info(der, len, &sd, diag);
    if (e == CMSFW_OK)
        e = signed_data(&sd, &f, &body, diag);
    if (e == CMSFW_OK)
        e = cmsfw__check_certificates(&f, diag);
    if (e == CMSFW_OK)
        e = signer_info(&f, &si, &attrs, &md, diag);
    if (e == CMSFW_OK)
        e = verify(&f, &si, &attrs, md, body, anchors, n_anchors, diag);
    if (e != CMSFW_OK)
        return e;
    if (content_type != NULL)
        *content_type = f.econtent_type;
    if (content != NULL)
        *content = body;
    return CMSFW_OK;
}
