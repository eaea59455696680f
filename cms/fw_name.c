/*
 * fw_name.c: package names and identifiers, OID lists and plain OCTET
 * STRINGs (RFC 4108 sections 2.2.1 - 2.2.5).
 */
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

/* ------------------------------------------------------------ pkg_name */

/*
 * PreferredOrLegacyPackageIdentifier ::= CHOICE {
 *   preferred PreferredPackageIdentifier,
 *   legacy    OCTET STRING }
 */

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_name_encode(const cmsfw_pkg_name *in, uint8_t *out, size_t out_len, size_t *written,
                      cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_NAME, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_PACKAGE_NAME, diag);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_name(&t, NULL, in);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_name_decode(cmsfw_pkg_name *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_NAME, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_PACKAGE_NAME, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_name(&t, NULL, out);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_pkg_name_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_pkg_name_free(cmsfw_pkg_name *v)
{
    if (v != NULL)
        memset(v, 0, sizeof *v);
}

/* -------------------------------------------------------------- pkg_id */

/*
 * FirmwarePackageIdentifier ::= SEQUENCE {
 *   name  PreferredOrLegacyPackageIdentifier,
 *   stale PreferredOrLegacyStalePackageIdentifier OPTIONAL }
 * PreferredOrLegacyStalePackageIdentifier ::= CHOICE {
 *   preferredStaleVerNum INTEGER (0..MAX),
 *   legacyStaleVersion   OCTET STRING }
 */

static cmsfw_err
put_stale(cmsfw__tasn *t, const cmsfw_pkg_id *in)
{
    cmsfw_err st = CMSFW_E_ARG;

    switch (in->stale_form) {
    case CMSFW_STALE_NONE:
        st = cmsfw__tasn_put_absent(t, NULL, CMSFW__TASN_PKGID_STALE);
        break;
    case CMSFW_STALE_PREFERRED:
        st = cmsfw__tasn_put_choice(t, NULL, CMSFW__TASN_PKGID_STALE, CMSFW__TASN_ARM_STALE_VERNUM);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_uint(t, NULL, CMSFW__TASN_PKGID_STALE_VERNUM, in->stale_version);
        break;
    case CMSFW_STALE_LEGACY:
        st = cmsfw__tasn_put_choice(t, NULL, CMSFW__TASN_PKGID_STALE, CMSFW__TASN_ARM_STALE_LEGACY);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_PKGID_STALE_LEGACY, in->stale_legacy);
        break;
    default:
        st = cmsfw__fw_fail(t->diag, CMSFW_E_ARG, t->type, "unknown stale form %d",
                            (int)in->stale_form);
        break;
    }
    return st;
}

static cmsfw_err
get_stale(const cmsfw__tasn *t, cmsfw_pkg_id *out)
{
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (!cmsfw__tasn_has(t, NULL, CMSFW__TASN_PKGID_STALE))
        return CMSFW_OK;
    st = cmsfw__tasn_get_choice(t, NULL, CMSFW__TASN_PKGID_STALE, &arm);
    if (st != CMSFW_OK)
        return st;
    if (arm == CMSFW__TASN_ARM_STALE_VERNUM) {
        out->stale_form = CMSFW_STALE_PREFERRED;
        return cmsfw__tasn_get_uint(t, NULL, CMSFW__TASN_PKGID_STALE_VERNUM, &out->stale_version);
    }
    if (arm == CMSFW__TASN_ARM_STALE_LEGACY) {
        out->stale_form = CMSFW_STALE_LEGACY;
        return cmsfw__tasn_get_value(t, NULL, CMSFW__TASN_PKGID_STALE_LEGACY, &out->stale_legacy);
    }
    return cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, "unexpected stale form");
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_id_encode(const cmsfw_pkg_id *in, uint8_t *out, size_t out_len, size_t *written,
                    cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at name;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_ID, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_PACKAGE_ID, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_PKGID_NAME, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_name(&t, &name, &in->name);
    if (st == CMSFW_OK)
        st = put_stale(&t, in);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_pkg_id_decode(cmsfw_pkg_id *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_at name;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_PACKAGE_ID, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_PACKAGE_ID, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&name, NULL, CMSFW__TASN_PKGID_NAME, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_name(&t, &name, &out->name);
    if (st == CMSFW_OK)
        st = get_stale(&t, out);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_pkg_id_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_pkg_id_free(cmsfw_pkg_id *v)
{
    if (v != NULL)
        memset(v, 0, sizeof *v);
}

/* ------------------------------------------------------------ oid_list */

/* TargetHardwareIdentifiers ::= SEQUENCE OF OBJECT IDENTIFIER (and the two
 * Implemented*Algorithms types, which encode the same way) */

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_oid_list_encode(const cmsfw_oid_list *in, uint8_t *out, size_t out_len, size_t *written,
                      cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_TARGET_HARDWARE_IDS;
    cmsfw__tasn t;
    cmsfw__tasn_at item;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "NULL argument");
    *written = 0;
    if (in->n > 0 && in->oids == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "%zu OIDs but no array", in->n);
    st = cmsfw__tasn_new(&t, type, diag);
    for (i = 0; st == CMSFW_OK && i < in->n; i++) {
        st = cmsfw__tasn_put_item(&t, NULL, CMSFW__TASN_SELF);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(&t, &item, NULL, CMSFW__TASN_SELF, i);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_oid(&t, &item, CMSFW__TASN_SELF, in->oids[i]);
    }
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_oid_list_decode(cmsfw_oid_list *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_TARGET_HARDWARE_IDS;
    cmsfw__tasn t;
    cmsfw__tasn_at item;
    cmsfw_err st = CMSFW_DECODE_FAILURE;
    void *mem = NULL;
    size_t i, n = 0;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, type, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__fw_list(&t, NULL, CMSFW__TASN_SELF, sizeof *out->oids, &mem, &n);
    if (st == CMSFW_OK) {
        out->oids = mem;
        out->n = n;
    }
    for (i = 0; st == CMSFW_OK && i < n; i++) {
        st = cmsfw__fw_item(&t, &item, NULL, CMSFW__TASN_SELF, i);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_get_oid(&t, &item, CMSFW__TASN_SELF, &out->oids[i]);
    }
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_oid_list_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_oid_list_free(cmsfw_oid_list *v)
{
    if (v == NULL)
        return;
    free(v->oids);
    memset(v, 0, sizeof *v);
}

/* -------------------------------------------------------------- octets */

/* FirmwarePkgData ::= OCTET STRING; DecryptKeyIdentifier ::= OCTET STRING */

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_octets_encode(cmsfw_bytes value, uint8_t *out, size_t out_len, size_t *written,
                    cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_E_ARG;

    if (written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_FIRMWARE_PKG_DATA, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_FIRMWARE_PKG_DATA, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_SELF, value);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_octets_decode(cmsfw_bytes *value, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (value == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_FIRMWARE_PKG_DATA, "NULL argument");
    value->ptr = NULL;
    value->len = 0;
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_FIRMWARE_PKG_DATA, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_SELF, value);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK) {
        value->ptr = NULL;
        value->len = 0;
    }
    return st;
}
