/*
 * fw_attrs.c: the firmware-package-info and firmware-package-message-digest
 * attribute values (RFC 4108 sections 2.2.9 and 2.2.10, erratum 4093).
 */
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

/* ------------------------------------------------------------ pkg_info */

/*
 * FirmwarePackageInfo ::= SEQUENCE {
 *   fwPkgType    INTEGER OPTIONAL,
 *   dependencies SEQUENCE OF PreferredOrLegacyPackageIdentifier OPTIONAL }
 */

static cmsfw_err
check_pkg_info(const cmsfw_pkg_info *in, cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_PACKAGE_INFO;

    if (!in->has_type && !in->has_deps)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type,
                              "neither fwPkgType nor dependencies: nothing to encode");
    if (in->has_deps && in->n_deps == 0)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type,
                              "dependencies present but empty: leave the field out");
    if (in->has_deps && in->deps == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "%zu dependencies but no array", in->n_deps);
    return CMSFW_OK;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_info_encode(const cmsfw_pkg_info *in, uint8_t *out, size_t out_len, size_t *written,
                      cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at item;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_INFO, "NULL argument");
    *written = 0;
    st = check_pkg_info(in, diag);
    if (st != CMSFW_OK)
        return st;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_PACKAGE_INFO, diag);
    if (st == CMSFW_OK && in->has_type)
        st = cmsfw__tasn_put_int(&t, NULL, CMSFW__TASN_FW_PKG_TYPE, in->type);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_FW_PKG_TYPE);
    if (st == CMSFW_OK && !in->has_deps)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_INFO_DEPENDENCIES);
    for (i = 0; st == CMSFW_OK && in->has_deps && i < in->n_deps; i++) {
        st = cmsfw__tasn_put_item(&t, NULL, CMSFW__TASN_INFO_DEPENDENCIES);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(&t, &item, NULL, CMSFW__TASN_INFO_DEPENDENCIES, i);
        if (st == CMSFW_OK)
            st = cmsfw__fw_put_name(&t, &item, &in->deps[i]);
    }
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

static cmsfw_err
get_deps(const cmsfw__tasn *t, cmsfw_pkg_info *out)
{
    cmsfw__tasn_at item;
    cmsfw_err st = CMSFW_DECODE_FAILURE;
    void *mem = NULL;
    size_t i, n = 0;

    out->has_deps = 1;
    st = cmsfw__fw_list(t, NULL, CMSFW__TASN_INFO_DEPENDENCIES, sizeof *out->deps, &mem, &n);
    if (st != CMSFW_OK)
        return st;
    out->deps = mem;
    out->n_deps = n;
    for (i = 0; st == CMSFW_OK && i < n; i++) {
        st = cmsfw__fw_item(t, &item, NULL, CMSFW__TASN_INFO_DEPENDENCIES, i);
        if (st == CMSFW_OK)
            st = cmsfw__fw_get_name(t, &item, &out->deps[i]);
    }
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_info_decode(cmsfw_pkg_info *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_INFO, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_PACKAGE_INFO, der, len, diag);
    if (st == CMSFW_OK && cmsfw__tasn_has(&t, NULL, CMSFW__TASN_FW_PKG_TYPE)) {
        out->has_type = 1;
        st = cmsfw__tasn_get_int(&t, NULL, CMSFW__TASN_FW_PKG_TYPE, &out->type);
    }
    if (st == CMSFW_OK && cmsfw__tasn_has(&t, NULL, CMSFW__TASN_INFO_DEPENDENCIES))
        st = get_deps(&t, out);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_pkg_info_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_pkg_info_free(cmsfw_pkg_info *v)
{
    if (v == NULL)
        return;
    free(v->deps);
    memset(v, 0, sizeof *v);
}

/* ----------------------------------------------------------- fw_digest */

/*
 * FirmwarePackageMessageDigest ::= SEQUENCE {
 *   algorithm AlgorithmIdentifier,
 *   msgDigest OCTET STRING }
 */

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_fw_digest_encode(const cmsfw_fw_digest *in, uint8_t *out, size_t out_len, size_t *written,
                       cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at alg;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_FW_MESSAGE_DIGEST, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_FW_MESSAGE_DIGEST, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_DIGEST_ALGORITHM, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_alg(&t, &alg, &in->alg);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_DIGEST_VALUE, in->digest);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_fw_digest_decode(cmsfw_fw_digest *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at alg;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_FW_MESSAGE_DIGEST, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_FW_MESSAGE_DIGEST, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_DIGEST_ALGORITHM, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_alg(&t, &alg, &out->alg);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_DIGEST_VALUE, &out->digest);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_fw_digest_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_fw_digest_free(cmsfw_fw_digest *v)
{
    if (v != NULL)
        memset(v, 0, sizeof *v);
}
