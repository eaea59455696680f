/*
 * sign_content.c: a small content (a load receipt, a load error report)
 * signed in a SignedData (RFC 4108 sections 3 and 4), built in memory.
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/protect.h>

#include "cms/diag.h"
#include "cms/sign.h"

/* content-type, message-digest and CMSAlgorithmProtection, sorted. */
static cmsfw_err
content_attrs(cmsfw__attrs *a, const cmsfw__signer *s, cmsfw_bytes content_type,
              cmsfw_bytes content, size_t *attrs_len, cmsfw_diag *diag)
{
    uint8_t digest[CMSFW_BK_HASH_MAX];
    cmsfw_bytes md = {digest, s->hash_len};
    cmsfw_err err = cmsfw__signer_digest(s, content, digest, diag);

    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_oid(a, cmsfw__oid("id-contentType"), content_type);
    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_octets(a, cmsfw__oid("id-messageDigest"), md);
    if (err == CMSFW_OK)
        err = cmsfw__attrs_add_algorithm_protection(a, s);
    if (err != CMSFW_OK)
        return err == CMSFW_E_NOMEM ? cmsfw__fail(diag, err, "out of memory") : err;
    *attrs_len = cmsfw__attrs_sort(a);
    return CMSFW_OK;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_sign_content(const cmsfw_signer *signer, cmsfw_bytes content_type, cmsfw_bytes content,
                   uint8_t **out, size_t *out_len, cmsfw_diag *diag)
{
    cmsfw__signer s;
    cmsfw__attrs attrs;
    cmsfw__sd_layout l;
    size_t attrs_len = 0, si_len, sig_len = 0;
    int version;
    uint8_t *buf = NULL, sig[CMSFW_BK_SIG_MAX];
    cmsfw_der_w w;
    cmsfw_err err = CMSFW_E_ARG;

    memset(&attrs, 0, sizeof attrs);
    if (out == NULL || out_len == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no output");
    *out = NULL;
    *out_len = 0;
    if (content_type.ptr == NULL || content_type.len == 0 ||
        cmsfw_der_check_oid(content_type.ptr, content_type.len) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_ARG, "content type is not an OID");
    if (content.ptr == NULL || content.len > SIZE_MAX / 8)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no content");
    err = cmsfw__signer_prepare(&s, signer, diag);
    if (err == CMSFW_OK)
        err = content_attrs(&attrs, &s, content_type, content, &attrs_len, diag);
    if (err != CMSFW_OK) {
        cmsfw__attrs_free(&attrs);
        return err;
    }
    err = cmsfw__sign_attrs(&s, &attrs, sig, &sig_len, diag);
    /* RFC 5652 5.3: version 1 goes with issuerAndSerialNumber, 3 with a
     * subjectKeyIdentifier; RFC 4108 allows both for receipts and reports */
    version = s.use_issuer_serial ? 1 : 3;
    si_len = cmsfw__signer_info_size(&s, attrs_len, sig_len, 0);
    cmsfw__sd_layout_init(&l, &s, content_type, content.len, si_len);
    if (err == CMSFW_OK && (buf = l.total != SIZE_MAX ? malloc(l.total) : NULL) == NULL)
        err = cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    if (err == CMSFW_OK) {
        cmsfw_der_w_init(&w, buf, l.total);
        cmsfw__sd_put_head(&w, &l, &s, content_type);
        cmsfw_der_put_bytes(&w, content.ptr, content.len);
        cmsfw__sd_put_mid(&w, &l, &s);
        cmsfw__signer_info_put(&w, &s, version, &attrs, (cmsfw_bytes){sig, sig_len},
                               (cmsfw_bytes){NULL, 0});
        if (cmsfw_der_w_status(&w) != CMSFW_DER_OK || w.pos != l.total)
            err = cmsfw__fail(diag, CMSFW_E_BACKEND, "SignedData does not fit its size");
    }
    cmsfw__attrs_free(&attrs);
    if (err != CMSFW_OK) {
        free(buf);
        return err;
    }
    *out = buf;
    *out_len = l.total;
    return CMSFW_OK;
}
