/* report.c: load receipts and load error reports, signed or not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include "tools/outfile.h"
#include "tools/report.h"

/* Wrap @p content (a DER value) for content type @p ct_name and write it. */
static int
wrap_and_write(const char *path, const char *ct_name, const uint8_t *content, size_t len,
               const cmsfw_signer *signer)
{
    const cmsfw_oid_entry *ct = cmsfw_oid_lookup(ct_name);
    cmsfw_bytes ct_oid, body = {content, len};
    cmsfw_diag diag = {""};
    uint8_t *out = NULL;
    size_t out_len = 0;
    cmsfw_err e;
    int rc;

    if (ct == NULL)
        return -1;
    ct_oid.ptr = ct->der;
    ct_oid.len = ct->der_len;
    if (signer != NULL) {
        e = cmsfw_sign_content(signer, ct_oid, body, &out, &out_len, &diag);
    } else {
        e = cmsfw_content_info_encode(ct_oid, body, NULL, 0, &out_len, &diag);
        if (e == CMSFW_OK && (out = malloc(out_len)) == NULL)
            e = CMSFW_E_NOMEM;
        if (e == CMSFW_OK)
            e = cmsfw_content_info_encode(ct_oid, body, out, out_len, &out_len, &diag);
    }
    if (e != CMSFW_OK) {
        fprintf(stderr, "cmsfw verify: %s: %s\n", path,
                diag.msg[0] != '\0' ? diag.msg : cmsfw_strerror(e));
        free(out);
        return -1;
    }
    rc = tool_out_write_file(path, out, out_len);
    free(out);
    return rc;
}

int
tool_receipt_write(const char *path, const cmsfw_device *dev, const cmsfw_result *res,
                   const cmsfw_signer *signer)
{
    cmsfw_receipt r;
    cmsfw_diag diag = {""};
    uint8_t *der = NULL;
    size_t len = 0;
    cmsfw_err e;
    int rc;

    memset(&r, 0, sizeof r);
    r.hw_type = dev->hw_type;
    r.hw_serial = dev->hw_serial;
    r.name = res->pkg_id.name;
    r.trust_anchor_key_id = res->trust_anchor_key_id;
    if ((res->layers & (CMSFW_LAYER_ENCRYPTED | CMSFW_LAYER_AUTH_ENVELOPED)) != 0)
        r.decrypt_key_id = res->decrypt_key_id;
    e = cmsfw_receipt_encode(&r, NULL, 0, &len, &diag);
    if (e == CMSFW_OK && (der = malloc(len)) == NULL)
        e = CMSFW_E_NOMEM;
    if (e == CMSFW_OK)
        e = cmsfw_receipt_encode(&r, der, len, &len, &diag);
    if (e != CMSFW_OK) {
        fprintf(stderr, "cmsfw verify: receipt: %s\n",
                diag.msg[0] != '\0' ? diag.msg : cmsfw_strerror(e));
        free(der);
        return -1;
    }
    rc = wrap_and_write(path, "id-ct-firmwareLoadReceipt", der, len, signer);
    free(der);
    return rc;
}

int
tool_error_report_write(const char *path, const cmsfw_device *dev, const cmsfw_result *res,
                        int code, int64_t vendor_code, const cmsfw_signer *signer)
{
    cmsfw_error_report r;
    cmsfw_fw_config *cfg = NULL;
    cmsfw_diag diag = {""};
    uint8_t *der = NULL;
    size_t len = 0, i;
    cmsfw_err e = CMSFW_OK;
    int rc;

    memset(&r, 0, sizeof r);
    r.hw_type = dev->hw_type;
    r.hw_serial = dev->hw_serial;
    r.error_code = code;
    if (code == CMSFW_OTHER_ERROR) {
        r.has_vendor_code = 1;
        r.vendor_code = vendor_code;
    }
    if (res != NULL && res->has_pkg_id) {
        r.has_name = 1;
        r.name = res->pkg_id.name;
    }
    if (dev->n_installed > 0) {
        if ((cfg = calloc(dev->n_installed, sizeof *cfg)) == NULL)
            e = CMSFW_E_NOMEM;
        for (i = 0; cfg != NULL && i < dev->n_installed; i++) {
            cfg[i].has_type = dev->installed[i].has_type;
            cfg[i].type = dev->installed[i].type;
            cfg[i].name = dev->installed[i].name;
        }
        r.has_config = 1;
        r.config = cfg;
        r.n_config = dev->n_installed;
    }
    if (e == CMSFW_OK)
        e = cmsfw_error_report_encode(&r, NULL, 0, &len, &diag);
    if (e == CMSFW_OK && (der = malloc(len)) == NULL)
        e = CMSFW_E_NOMEM;
    if (e == CMSFW_OK)
        e = cmsfw_error_report_encode(&r, der, len, &len, &diag);
    free(cfg);
    if (e != CMSFW_OK) {
        fprintf(stderr, "cmsfw verify: error report: %s\n",
                diag.msg[0] != '\0' ? diag.msg : cmsfw_strerror(e));
        free(der);
        return -1;
    }
    rc = wrap_and_write(path, "id-ct-firmwareLoadError", der, len, signer);
    free(der);
    return rc;
}
