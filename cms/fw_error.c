/*
 * fw_error.c: the firmware package load error report (RFC 4108 section 4).
 *
 * FirmwarePackageLoadError ::= SEQUENCE {
 *   version         FWErrorVersion DEFAULT v1,
 *   hwType          OBJECT IDENTIFIER,
 *   hwSerialNum     OCTET STRING,
 *   errorCode       FirmwarePackageLoadErrorCode,          -- ENUMERATED
 *   vendorErrorCode VendorLoadErrorCode OPTIONAL,          -- INTEGER
 *   fwPkgName       PreferredOrLegacyPackageIdentifier OPTIONAL,
 *   config          [1] IMPLICIT SEQUENCE OF CurrentFWConfig OPTIONAL }
 * CurrentFWConfig ::= SEQUENCE {
 *   fwPkgType INTEGER OPTIONAL,
 *   fwPkgName PreferredOrLegacyPackageIdentifier }
 */
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_error_report_code(const cmsfw_error_report *r)
{
    if (r == NULL || r->error_code < 1 || r->error_code > CMSFW_OTHER_ERROR ||
        !cmsfw_err_is_rfc((int)r->error_code))
        return CMSFW_OTHER_ERROR;
    return (cmsfw_err)r->error_code;
}

/* ------------------------------------------------------------- encoding */

static cmsfw_err
check_report(const cmsfw_error_report *in, cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_LOAD_ERROR;

    if (in->error_code < 1 || in->error_code > CMSFW_OTHER_ERROR ||
        !cmsfw_err_is_rfc((int)in->error_code))
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type,
                              "error code %lld is not assigned by RFC 4108",
                              (long long)in->error_code);
    if (in->error_code == CMSFW_OTHER_ERROR && !in->has_vendor_code)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "otherError needs a vendorErrorCode");
    if (in->has_config && in->n_config > 0 && in->config == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "%zu config entries but no array",
                              in->n_config);
    return CMSFW_OK;
}

static cmsfw_err
put_config(cmsfw__tasn *t, const cmsfw_error_report *in)
{
    cmsfw__tasn_at item, name;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (!in->has_config)
        return cmsfw__tasn_put_absent(t, NULL, CMSFW__TASN_ERROR_CONFIG);
    st = CMSFW_OK; /* an empty list is a valid [1] */
    for (i = 0; st == CMSFW_OK && i < in->n_config; i++) {
        const cmsfw_fw_config *c = &in->config[i];

        st = cmsfw__tasn_put_item(t, NULL, CMSFW__TASN_ERROR_CONFIG);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(t, &item, NULL, CMSFW__TASN_ERROR_CONFIG, i);
        if (st == CMSFW_OK && c->has_type)
            st = cmsfw__tasn_put_int(t, &item, CMSFW__TASN_FW_PKG_TYPE, c->type);
        else if (st == CMSFW_OK)
            st = cmsfw__tasn_put_absent(t, &item, CMSFW__TASN_FW_PKG_TYPE);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_at_set(&name, &item, CMSFW__TASN_FW_PKG_NAME, 0);
        if (st == CMSFW_OK)
            st = cmsfw__fw_put_name(t, &name, &c->name);
    }
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_error_report_encode(const cmsfw_error_report *in, uint8_t *out, size_t out_len,
                          size_t *written, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at name;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_LOAD_ERROR, "NULL argument");
    *written = 0;
    st = check_report(in, diag);
    if (st != CMSFW_OK)
        return st;
    /* version is left unset: libtasn1 then omits the DEFAULT */
    st = cmsfw__tasn_new(&t, CMSFW__TASN_LOAD_ERROR, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_HW_TYPE, in->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_HW_SERIAL, in->hw_serial);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_uint(&t, NULL, CMSFW__TASN_ERROR_CODE, (uint64_t)in->error_code);
    if (st == CMSFW_OK && in->has_vendor_code)
        st = cmsfw__tasn_put_int(&t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE, in->vendor_code);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_FW_PKG_NAME, 0);
    if (st == CMSFW_OK && in->has_name)
        st = cmsfw__fw_put_name(&t, &name, &in->name);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_FW_PKG_NAME);
    if (st == CMSFW_OK)
        st = put_config(&t, in);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* ------------------------------------------------------------- decoding */

static cmsfw_err
get_config(const cmsfw__tasn *t, cmsfw_error_report *out)
{
    cmsfw__tasn_at item, name;
    cmsfw_err st = CMSFW_DECODE_FAILURE;
    void *mem = NULL;
    size_t i, n = 0;

    out->has_config = 1;
    st = cmsfw__fw_list(t, NULL, CMSFW__TASN_ERROR_CONFIG, sizeof *out->config, &mem, &n);
    if (st != CMSFW_OK)
        return st;
    out->config = mem;
    out->n_config = n;
    for (i = 0; st == CMSFW_OK && i < n; i++) {
        cmsfw_fw_config *c = &out->config[i];

        st = cmsfw__fw_item(t, &item, NULL, CMSFW__TASN_ERROR_CONFIG, i);
        if (st == CMSFW_OK && cmsfw__tasn_has(t, &item, CMSFW__TASN_FW_PKG_TYPE)) {
            c->has_type = 1;
            st = cmsfw__tasn_get_int(t, &item, CMSFW__TASN_FW_PKG_TYPE, &c->type);
        }
        if (st == CMSFW_OK)
            st = cmsfw__tasn_at_set(&name, &item, CMSFW__TASN_FW_PKG_NAME, 0);
        if (st == CMSFW_OK)
            st = cmsfw__fw_get_name(t, &name, &c->name);
    }
    return st;
}

/* Everything after hwSerialNum. */
static cmsfw_err
get_tail(const cmsfw__tasn *t, cmsfw_error_report *out)
{
    cmsfw__tasn_at name;
    cmsfw_err st = cmsfw__tasn_get_int(t, NULL, CMSFW__TASN_ERROR_CODE, &out->error_code);

    if (st == CMSFW_OK && cmsfw__tasn_has(t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE)) {
        out->has_vendor_code = 1;
        st = cmsfw__tasn_get_int(t, NULL, CMSFW__TASN_ERROR_VENDOR_CODE, &out->vendor_code);
    }
    if (st == CMSFW_OK && cmsfw__tasn_has(t, NULL, CMSFW__TASN_FW_PKG_NAME)) {
        out->has_name = 1;
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_FW_PKG_NAME, 0);
        if (st == CMSFW_OK)
            st = cmsfw__fw_get_name(t, &name, &out->name);
    }
    if (st == CMSFW_OK && cmsfw__tasn_has(t, NULL, CMSFW__TASN_ERROR_CONFIG))
        st = get_config(t, out);
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_error_report_decode(cmsfw_error_report *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_LOAD_ERROR, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_LOAD_ERROR, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__fw_check_v1(&t);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_oid(&t, NULL, CMSFW__TASN_HW_TYPE, &out->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_HW_SERIAL, &out->hw_serial);
    if (st == CMSFW_OK)
        st = get_tail(&t, out);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_error_report_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_error_report_free(cmsfw_error_report *v)
{
    if (v == NULL)
        return;
    free(v->config);
    memset(v, 0, sizeof *v);
}
