/*
 * signed_view.c: read the framing of a SignedData (RFC 5652 section 5) into
 * a cmsfw_signed_view, BER accepted, without copying or verifying anything.
 */
#include <string.h>

#include "asn1/der.h"
#include "cms/diag.h"
#include "cms/signed_view.h"

/* AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
static int
read_alg_id(cmsfw_der_cur *c, cmsfw_alg_id *alg)
{
    cmsfw_der_tlv seq, oid, params;
    cmsfw_der_cur in;

    memset(alg, 0, sizeof *alg);
    if (cmsfw_der_expect(c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return -1;
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid) != CMSFW_DER_OK)
        return -1;
    alg->oid.ptr = oid.val;
    alg->oid.len = oid.len;
    if (cmsfw_der_at_end(&in))
        return 0;
    if (cmsfw_der_read(&in, &params) != CMSFW_DER_OK || !cmsfw_der_at_end(&in))
        return -1;
    alg->params.ptr = params.tlv;
    alg->params.len = params.tlv_len;
    return 0;
}

/* Attribute ::= SEQUENCE { attrType OID, attrValues SET OF AttributeValue } */
static int
read_attrs(const cmsfw_der_tlv *set, cmsfw_attr_view *out, size_t max, size_t *n)
{
    cmsfw_der_cur c, in, vals;
    cmsfw_der_tlv attr, type, values, v;

    *n = 0;
    cmsfw_der_enter(&c, set, 1);
    while (!cmsfw_der_at_end(&c)) {
        if (*n == max)
            return -1;
        if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &attr) !=
            CMSFW_DER_OK)
            return -1;
        cmsfw_der_enter(&in, &attr, 1);
        if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
            cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &values) != CMSFW_DER_OK ||
            !cmsfw_der_at_end(&in))
            return -1;
        memset(&out[*n], 0, sizeof out[*n]);
        out[*n].type.ptr = type.val;
        out[*n].type.len = type.len;
        cmsfw_der_enter(&vals, &values, 1);
        while (!cmsfw_der_at_end(&vals)) {
            if (cmsfw_der_read(&vals, &v) != CMSFW_DER_OK)
                return -1;
            if (out[*n].n_values == 0) {
                out[*n].value.ptr = v.tlv;
                out[*n].value.len = v.tlv_len;
            }
            out[*n].n_values++;
        }
        (*n)++;
    }
    return 0;
}

/* EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL } */
static cmsfw_err
read_encap(cmsfw_der_cur *c, cmsfw_signed_view *v, cmsfw_der_tlv *octets, cmsfw_diag *diag)
{
    cmsfw_der_tlv seq, type, wrap;
    cmsfw_der_cur in, w;
    cmsfw_der_segments segs;
    const uint8_t *p;
    size_t n;
    cmsfw_der_status st;

    if (cmsfw_der_expect(c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: not a SEQUENCE");
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: no eContentType");
    v->econtent_type.ptr = type.val;
    v->econtent_type.len = type.len;
    if (cmsfw_der_at_end(&in))
        return CMSFW_OK;
    if (cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 0, &wrap) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: eContent is not [0]");
    cmsfw_der_enter(&w, &wrap, 1);
    if (cmsfw_der_read(&w, octets) != CMSFW_DER_OK || octets->cls != CMSFW_DER_UNIVERSAL ||
        octets->tag != CMSFW_DER_TAG_OCTET_STRING || !cmsfw_der_at_end(&w) || !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "encapContentInfo: eContent is not one OCTET STRING");
    v->has_econtent = 1;
    cmsfw_der_segments_init(&segs, octets, CMSFW_DER_TAG_OCTET_STRING, 1);
    while ((st = cmsfw_der_segments_next(&segs, &p, &n)) == CMSFW_DER_OK) {
        v->econtent_len += n;
        v->econtent_segments++;
    }
    if (st != CMSFW_DER_END)
        return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT, "eContent: %s", cmsfw_der_status_str(st));
    return CMSFW_OK;
}

/* sid: issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER } | [0] SKI */
static int
read_sid(cmsfw_der_cur *c, cmsfw_signed_view *v)
{
    cmsfw_der_tlv sid, issuer, serial;
    cmsfw_der_segments segs;
    cmsfw_der_cur in;
    const uint8_t *p;
    size_t n;

    if (cmsfw_der_read(c, &sid) != CMSFW_DER_OK)
        return -1;
    if (sid.cls == CMSFW_DER_CONTEXT && sid.tag == 0) {
        v->sid_kind = CMSFW_SID_SKI;
        /* A BER SKI may be constructed: show its first segment. */
        cmsfw_der_segments_init(&segs, &sid, CMSFW_DER_TAG_OCTET_STRING, 1);
        if (cmsfw_der_segments_next(&segs, &p, &n) == CMSFW_DER_OK) {
            v->sid_ski.ptr = p;
            v->sid_ski.len = n;
        } else {
            v->sid_ski.ptr = sid.val;
            v->sid_ski.len = 0;
        }
        return 0;
    }
    if (sid.cls != CMSFW_DER_UNIVERSAL || sid.tag != CMSFW_DER_TAG_SEQUENCE || !sid.constructed)
        return -1;
    v->sid_kind = CMSFW_SID_ISSUER_SERIAL;
    cmsfw_der_enter(&in, &sid, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &issuer) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &serial) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&in))
        return -1;
    v->sid_issuer.ptr = issuer.tlv;
    v->sid_issuer.len = issuer.tlv_len;
    v->sid_serial.ptr = serial.val;
    v->sid_serial.len = serial.len;
    return 0;
}

/* SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT OPTIONAL,
 *   signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL } */
static cmsfw_err
read_signer(const cmsfw_der_tlv *si, cmsfw_signed_view *v, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_enter(&c, si, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &v->signer_version) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad version");
    if (read_sid(&c, v) != 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad sid");
    if (read_alg_id(&c, &v->signer_digest_alg) != 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad digestAlgorithm");
    if (cmsfw_der_peek(&c, &t) == CMSFW_DER_OK && t.cls == CMSFW_DER_CONTEXT && t.tag == 0) {
        (void)cmsfw_der_read(&c, &t);
        if (read_attrs(&t, v->signed_attrs, CMSFW_INSPECT_MAX_ATTRS, &v->n_signed_attrs) != 0)
            return cmsfw__fail(diag, CMSFW_BAD_SIGNED_ATTRS, "signedAttrs: malformed or more than %d",
                               CMSFW_INSPECT_MAX_ATTRS);
    }
    if (read_alg_id(&c, &v->signature_alg) != 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad signatureAlgorithm");
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, &t) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad signature");
    v->signature.ptr = t.val;
    v->signature.len = t.len;
    if (cmsfw_der_peek(&c, &t) == CMSFW_DER_OK && t.cls == CMSFW_DER_CONTEXT && t.tag == 1) {
        (void)cmsfw_der_read(&c, &t);
        if (read_attrs(&t, v->unsigned_attrs, CMSFW_INSPECT_MAX_ATTRS, &v->n_unsigned_attrs) != 0)
            return cmsfw__fail(diag, CMSFW_BAD_UNSIGNED_ATTRS, "unsignedAttrs: malformed");
    }
    if (!cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: unexpected trailing fields");
    return CMSFW_OK;
}

/* certificates [0] IMPLICIT CertificateSet OPTIONAL, crls [1] IMPLICIT OPTIONAL */
static cmsfw_err
read_certs_crls(cmsfw_der_cur *c, cmsfw_signed_view *v, cmsfw_diag *diag)
{
    cmsfw_der_tlv t, cert;
    cmsfw_der_cur in;

    if (cmsfw_der_peek(c, &t) == CMSFW_DER_OK && t.cls == CMSFW_DER_CONTEXT && t.tag == 0) {
        (void)cmsfw_der_read(c, &t);
        cmsfw_der_enter(&in, &t, 1);
        while (!cmsfw_der_at_end(&in)) {
            if (cmsfw_der_read(&in, &cert) != CMSFW_DER_OK)
                return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificates: malformed");
            if (v->n_certs < CMSFW_INSPECT_MAX_CERTS) {
                v->certs[v->n_certs].ptr = cert.tlv;
                v->certs[v->n_certs].len = cert.tlv_len;
                v->n_certs++;
            }
        }
    }
    if (cmsfw_der_peek(c, &t) == CMSFW_DER_OK && t.cls == CMSFW_DER_CONTEXT && t.tag == 1) {
        (void)cmsfw_der_read(c, &t);
        v->has_crls = 1;
    }
    return CMSFW_OK;
}

/* see cms/signed_view.h */
cmsfw_err
cmsfw__signed_view_read(const cmsfw_der_tlv *sd, cmsfw_signed_view *v, cmsfw_der_tlv *econtent,
                        cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t, set;
    cmsfw_err err = CMSFW_BAD_SIGNED_DATA;

    memset(v, 0, sizeof *v);
    memset(econtent, 0, sizeof *econtent);
    if (sd->cls != CMSFW_DER_UNIVERSAL || sd->tag != CMSFW_DER_TAG_SEQUENCE || !sd->constructed)
        return cmsfw__fail(diag, err, "SignedData: not a SEQUENCE");
    cmsfw_der_enter(&c, sd, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &v->version) != CMSFW_DER_OK)
        return cmsfw__fail(diag, err, "SignedData: bad version");
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &set) != CMSFW_DER_OK)
        return cmsfw__fail(diag, err, "SignedData: bad digestAlgorithms");
    cmsfw_der_enter(&in, &set, 1);
    while (!cmsfw_der_at_end(&in)) {
        cmsfw_alg_id alg;
        if (read_alg_id(&in, &alg) != 0)
            return cmsfw__fail(diag, err, "SignedData: bad digestAlgorithms entry");
        if (v->n_digest_algs++ == 0)
            v->digest_alg = alg;
    }
    err = read_encap(&c, v, econtent, diag);
    if (err != CMSFW_OK)
        return err;
    err = read_certs_crls(&c, v, diag);
    if (err != CMSFW_OK)
        return err;
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, &set) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA, "SignedData: bad signerInfos");
    cmsfw_der_enter(&in, &set, 1);
    while (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
            return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: not a SEQUENCE");
        if (v->n_signers++ == 0) {
            err = read_signer(&t, v, diag);
            if (err != CMSFW_OK)
                return err;
        }
    }
    return CMSFW_OK;
}
