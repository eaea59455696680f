/*
 * fw_receipt.c: the firmware package load receipt (RFC 4108 section 3).
 *
 * FirmwarePackageLoadReceipt ::= SEQUENCE {
 *   version          FWReceiptVersion DEFAULT v1,
 *   hwType           OBJECT IDENTIFIER,
 *   hwSerialNum      OCTET STRING,
 *   fwPkgName        PreferredOrLegacyPackageIdentifier,
 *   trustAnchorKeyID OCTET STRING OPTIONAL,
 *   decryptKeyID     [1] IMPLICIT OCTET STRING OPTIONAL }
 */
#include <string.h>

#include "cms/fw_common.h"

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_receipt_encode(const cmsfw_receipt *in, uint8_t *out, size_t out_len, size_t *written,
                     cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at name;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_LOAD_RECEIPT, "NULL argument");
    *written = 0;
    /* version is left unset: libtasn1 then omits the DEFAULT */
    st = cmsfw__tasn_new(&t, CMSFW__TASN_LOAD_RECEIPT, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_HW_TYPE, in->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_HW_SERIAL, in->hw_serial);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_FW_PKG_NAME, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_name(&t, &name, &in->name);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_opt_octets(&t, NULL, CMSFW__TASN_RECEIPT_TA_KEY_ID,
                                      in->trust_anchor_key_id);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_opt_octets(&t, NULL, CMSFW__TASN_RECEIPT_DECRYPT_KEY_ID,
                                      in->decrypt_key_id);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_receipt_decode(cmsfw_receipt *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at name;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_LOAD_RECEIPT, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_LOAD_RECEIPT, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__fw_check_v1(&t);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_oid(&t, NULL, CMSFW__TASN_HW_TYPE, &out->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_HW_SERIAL, &out->hw_serial);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_FW_PKG_NAME, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_name(&t, &name, &out->name);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_opt_octets(&t, NULL, CMSFW__TASN_RECEIPT_TA_KEY_ID,
                                      &out->trust_anchor_key_id);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_opt_octets(&t, NULL, CMSFW__TASN_RECEIPT_DECRYPT_KEY_ID,
                                      &out->decrypt_key_id);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_receipt_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_receipt_free(cmsfw_receipt *v)
{
    if (v != NULL)
        memset(v, 0, sizeof *v);
}
