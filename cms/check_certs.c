/*
 * check_certs.c: step 4, the certificates (and CRLs) of the SignedData.
 *
 * RFC 4108 2.1.2: only X.509 certificates; the other CertificateChoices
 * arms (extendedCertificate [0], v1AttrCert [1], v2AttrCert [2], other [3])
 * are refused. Certificates are signed structures, so they must be DER and
 * parse with the strict certificate reader.
 *
 * CRLs are not used (no revocation checking), but their syntax is checked
 * (project decision: a malformed crls field is badSignedData): each
 * RevocationInfoChoice is a CertificateList SEQUENCE { tbsCertList
 * SEQUENCE, signatureAlgorithm SEQUENCE, signatureValue BIT STRING } or an
 * other [1] { otherRevInfoFormat OID, otherRevInfo ANY }. BER is accepted:
 * nothing in them is verified.
 */
#include "cms/check_priv.h"
#include "cms/diag.h"

/* One RevocationInfoChoice, shallowly. */
static int
revocation_info_ok(const cmsfw_der_tlv *t)
{
    cmsfw_der_cur in;
    cmsfw_der_tlv a, b, c;

    cmsfw_der_enter(&in, t, 1);
    if (t->cls == CMSFW_DER_CONTEXT && t->tag == 1 && t->constructed)
        return cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &a) ==
                   CMSFW_DER_OK &&
               cmsfw_der_read(&in, &b) == CMSFW_DER_OK && cmsfw_der_at_end(&in);
    if (t->cls != CMSFW_DER_UNIVERSAL || t->tag != CMSFW_DER_TAG_SEQUENCE || !t->constructed)
        return 0;
    return cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &a) ==
               CMSFW_DER_OK &&
           cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &b) ==
               CMSFW_DER_OK &&
           cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_BIT_STRING, &c) ==
               CMSFW_DER_OK &&
           cmsfw_der_at_end(&in);
}

/* crls [1] IMPLICIT RevocationInfoChoices (SET OF) */
static cmsfw_err
check_crls(cmsfw_bytes crls, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv set, t;
    size_t i = 0;

    if (crls.ptr == NULL)
        return CMSFW_OK;
    cmsfw_der_init(&c, crls.ptr, crls.len, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, 1, &set) != CMSFW_DER_OK ||
        cmsfw_der_walk(&set, 1) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA, "crls: malformed");
    cmsfw_der_enter(&in, &set, 1);
    for (i = 0; !cmsfw_der_at_end(&in); i++)
        if (cmsfw_der_read(&in, &t) != CMSFW_DER_OK || !revocation_info_ok(&t))
            return cmsfw__fail(diag, CMSFW_BAD_SIGNED_DATA,
                               "crls: entry %zu is not a CertificateList", i);
    return CMSFW_OK;
}

/* see cms/proc_priv.h */
cmsfw_err
cmsfw__check_certificates(const cmsfw__framing *f, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_key k;
    cmsfw_diag why;
    size_t i;

    if (f == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "cmsfw__check_certificates: NULL argument");
    if (f->too_many_certs)
        return cmsfw__fail(diag, CMSFW_INSUFFICIENT_MEMORY, "more than %d certificates",
                           CMSFW__MAX_CERTS);
    for (i = 0; i < f->n_certs && i < CMSFW__MAX_CERTS; i++) {
        cmsfw_der_init(&c, f->certs[i].ptr, f->certs[i].len, 1);
        if (cmsfw_der_peek(&c, &t) != CMSFW_DER_OK)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificate %zu: malformed", i);
        if (t.cls == CMSFW_DER_CONTEXT)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE,
                               "certificate %zu: CertificateChoices [%u] is not allowed", i,
                               (unsigned)t.tag);
        if (t.cls != CMSFW_DER_UNIVERSAL || t.tag != CMSFW_DER_TAG_SEQUENCE || !t.constructed)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificate %zu: not a Certificate",
                               i);
        why.msg[0] = '\0';
        if (cmsfw_key_parse(&k, f->certs[i], CMSFW_KEY_CERTIFICATE, &why) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificate %zu: %s", i, why.msg);
    }
    return check_crls(f->crls, diag);
}
