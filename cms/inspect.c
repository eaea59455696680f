/* inspect.c: identify which RFC 4108 content type a buffer holds. */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/inspect.h>
#include <cmsfw/oid.h>

#include "asn1/der.h"
#include "backends/backend.h"
#include "cms/diag.h"
#include "cms/signed_view.h"

static int
oid_is(cmsfw_bytes oid, const char *name)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(name);
    cmsfw_bytes want;

    if (e == NULL)
        return 0;
    want.ptr = e->der;
    want.len = e->der_len;
    return cmsfw_oid_equal(oid, want);
}

/* Make the octets of a (possibly constructed) OCTET STRING contiguous:
 * a view for one segment, a joined copy owned by @p insp otherwise. */
static cmsfw_err
string_contents(const cmsfw_der_tlv *t, cmsfw_inspection *insp, cmsfw_bytes *out,
                uint64_t *total, cmsfw_diag *diag)
{
    cmsfw_der_segments segs;
    const uint8_t *p;
    size_t n, count = 0, pos = 0;
    uint64_t sum = 0;
    cmsfw_der_status st;

    cmsfw_der_segments_init(&segs, t, CMSFW_DER_TAG_OCTET_STRING, 1);
    while ((st = cmsfw_der_segments_next(&segs, &p, &n)) == CMSFW_DER_OK) {
        sum += n;
        count++;
        out->ptr = p;
        out->len = n;
    }
    if (st != CMSFW_DER_END)
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE, "OCTET STRING: %s", cmsfw_der_status_str(st));
    *total = sum;
    if (count == 0) {
        out->ptr = t->val;
        out->len = 0;
        return CMSFW_OK;
    }
    if (count == 1)
        return CMSFW_OK;
    /* sum is bounded by the input length, so it fits size_t */
    insp->owned = malloc((size_t)sum);
    if (insp->owned == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory joining %zu segments", count);
    cmsfw_der_segments_init(&segs, t, CMSFW_DER_TAG_OCTET_STRING, 1);
    while (cmsfw_der_segments_next(&segs, &p, &n) == CMSFW_DER_OK) {
        memcpy(insp->owned + pos, p, n);
        pos += n;
    }
    out->ptr = insp->owned;
    out->len = pos;
    return CMSFW_OK;
}

/* SHA-256 of the package octets, so that a reader can compare it with the
 * firmware-package-message-digest attribute or a published checksum. */
static void
digest_package(cmsfw_inspection *insp, cmsfw_bytes octets)
{
    size_t n = 0;

    insp->has_sha256 = cmsfw_bk_hash_once(CMSFW_BK_SHA256, octets, insp->sha256,
                                          sizeof insp->sha256, &n) == CMSFW_BK_OK &&
                       n == sizeof insp->sha256;
}

/* Decode a receipt or error report held in @p value (a DER buffer). */
static cmsfw_err
decode_report(cmsfw_inspection *insp, cmsfw_inspect_kind kind, cmsfw_bytes value, cmsfw_diag *diag)
{
    cmsfw_err err;

    insp->kind = kind;
    if (kind == CMSFW_INSPECT_RECEIPT)
        err = cmsfw_receipt_decode(&insp->receipt, value.ptr, value.len, diag);
    else
        err = cmsfw_error_report_decode(&insp->error, value.ptr, value.len, diag);
    return err;
}

static cmsfw_err
inspect_signed(cmsfw_inspection *insp, const cmsfw_der_tlv *sd, cmsfw_diag *diag)
{
    cmsfw_der_tlv octets;
    cmsfw_bytes value = {NULL, 0};
    cmsfw_bytes type;
    uint64_t total = 0;
    cmsfw_err err;

    insp->wrap = CMSFW_WRAP_SIGNED_DATA;
    err = cmsfw__signed_view_read(sd, &insp->signed_data, &octets, diag);
    if (err != CMSFW_OK)
        return err;
    type = insp->signed_data.econtent_type;
    insp->content_type = type;
    if (!insp->signed_data.has_econtent) {
        insp->kind = CMSFW_INSPECT_PACKAGE;
        return CMSFW_OK; /* detached: nothing more to show */
    }
    err = string_contents(&octets, insp, &value, &total, diag);
    if (err != CMSFW_OK)
        return err;
    if (oid_is(type, "id-ct-firmwareLoadReceipt"))
        return decode_report(insp, CMSFW_INSPECT_RECEIPT, value, diag);
    if (oid_is(type, "id-ct-firmwareLoadError"))
        return decode_report(insp, CMSFW_INSPECT_ERROR, value, diag);
    insp->kind = CMSFW_INSPECT_PACKAGE;
    if (oid_is(type, "id-ct-firmwarePackage")) {
        insp->firmware = value;
        insp->firmware_len = total;
        digest_package(insp, value);
        return CMSFW_OK;
    }
    if (oid_is(type, "id-encryptedData") || oid_is(type, "id-ct-compressedData") ||
        oid_is(type, "id-ct-authEnvelopedData") || oid_is(type, "id-envelopedData")) {
        insp->layer_type = type;
        insp->firmware_len = total;
        digest_package(insp, value);
        return CMSFW_OK;
    }
    return cmsfw__fail(diag, CMSFW_BAD_ENCAP_CONTENT,
                       "SignedData: eContentType is not an RFC 4108 content type");
}

/* ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY } */
static cmsfw_err
inspect_content_info(cmsfw_inspection *insp, const cmsfw_der_tlv *ci, cmsfw_diag *diag)
{
    cmsfw_der_cur c, w;
    cmsfw_der_tlv type, wrap, content;
    cmsfw_bytes oid;

    cmsfw_der_enter(&c, ci, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &type) != CMSFW_DER_OK ||
        cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, 0, &wrap) != CMSFW_DER_OK || !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo: malformed");
    cmsfw_der_enter(&w, &wrap, 1);
    if (cmsfw_der_read(&w, &content) != CMSFW_DER_OK || !cmsfw_der_at_end(&w))
        return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO, "ContentInfo: content is not one value");
    oid.ptr = type.val;
    oid.len = type.len;
    insp->wrap = CMSFW_WRAP_CONTENT_INFO;
    insp->content_type = oid;
    if (oid_is(oid, "id-signedData"))
        return inspect_signed(insp, &content, diag);
    if (oid_is(oid, "id-ct-firmwareLoadReceipt") || oid_is(oid, "id-ct-firmwareLoadError")) {
        cmsfw_bytes value = {content.tlv, content.tlv_len};
        return decode_report(insp,
                             oid_is(oid, "id-ct-firmwareLoadReceipt") ? CMSFW_INSPECT_RECEIPT
                                                                      : CMSFW_INSPECT_ERROR,
                             value, diag);
    }
    return cmsfw__fail(diag, CMSFW_BAD_CONTENT_INFO,
                       "ContentInfo: contentType is not signedData, a receipt or an error report");
}

/* A SEQUENCE that starts with an OID followed by [0] is a ContentInfo. */
static int
looks_like_content_info(const cmsfw_der_tlv *seq)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv a, b;

    cmsfw_der_enter(&c, seq, 1);
    if (cmsfw_der_read(&c, &a) != CMSFW_DER_OK || a.cls != CMSFW_DER_UNIVERSAL ||
        a.tag != CMSFW_DER_TAG_OID)
        return 0;
    return cmsfw_der_read(&c, &b) == CMSFW_DER_OK && b.cls == CMSFW_DER_CONTEXT && b.tag == 0;
}

/* see cmsfw/inspect.h */
cmsfw_err
cmsfw_inspect(cmsfw_inspection *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv top;
    cmsfw_der_status st;
    cmsfw_bytes value;
    cmsfw_err err;

    if (out == NULL || (der == NULL && len > 0))
        return CMSFW_E_ARG;
    memset(out, 0, sizeof *out);
    cmsfw_der_init(&c, der, len, 1);
    st = cmsfw_der_read(&c, &top);
    if (st != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE, "not BER: %s", cmsfw_der_status_str(st));
    if (!cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE, "%zu bytes after the first value",
                           (size_t)(c.end - c.p));
    if (top.cls == CMSFW_DER_UNIVERSAL && top.tag == CMSFW_DER_TAG_OCTET_STRING) {
        out->kind = CMSFW_INSPECT_PACKAGE;
        out->wrap = CMSFW_WRAP_BARE;
        err = string_contents(&top, out, &out->firmware, &out->firmware_len, diag);
        if (err == CMSFW_OK)
            digest_package(out, out->firmware);
        return err;
    }
    if (top.cls != CMSFW_DER_UNIVERSAL || top.tag != CMSFW_DER_TAG_SEQUENCE || !top.constructed)
        return cmsfw__fail(diag, CMSFW_DECODE_FAILURE,
                           "neither a ContentInfo nor an RFC 4108 content type");
    if (looks_like_content_info(&top)) {
        err = inspect_content_info(out, &top, diag);
    } else {
        out->wrap = CMSFW_WRAP_BARE;
        value.ptr = der;
        value.len = len;
        err = decode_report(out, CMSFW_INSPECT_RECEIPT, value, NULL);
        if (err != CMSFW_OK) {
            cmsfw_receipt_free(&out->receipt);
            err = decode_report(out, CMSFW_INSPECT_ERROR, value, NULL);
        }
        if (err != CMSFW_OK)
            err = cmsfw__fail(diag, CMSFW_DECODE_FAILURE,
                              "not a ContentInfo, load receipt or load error report");
    }
    if (err != CMSFW_OK)
        cmsfw_inspection_free(out);
    return err;
}

/* see cmsfw/inspect.h */
void
cmsfw_inspection_free(cmsfw_inspection *insp)
{
    if (insp == NULL)
        return;
    if (insp->kind == CMSFW_INSPECT_RECEIPT)
        cmsfw_receipt_free(&insp->receipt);
    if (insp->kind == CMSFW_INSPECT_ERROR)
        cmsfw_error_report_free(&insp->error);
    free(insp->owned);
    memset(insp, 0, sizeof *insp);
}
