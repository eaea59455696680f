/*
 * fw_hw_name.c: HardwareModuleName, bare and as the otherName of a
 * subjectAltName (RFC 4108 section 5).
 *
 * HardwareModuleName ::= SEQUENCE {
 *   hwType      OBJECT IDENTIFIER,
 *   hwSerialNum OCTET STRING }
 * GeneralName ::= CHOICE { otherName [0] AnotherName, ... }
 * AnotherName ::= SEQUENCE {
 *   type-id OBJECT IDENTIFIER,                -- id-on-hardwareModuleName
 *   value   [0] EXPLICIT ANY DEFINED BY type-id }
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/oid.h>

#include "cms/fw_common.h"

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_hw_module_name_encode(const cmsfw_hw_module_name *in, uint8_t *out, size_t out_len,
                            size_t *written, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_HARDWARE_MODULE_NAME, "NULL argument");
    *written = 0;
    st = cmsfw__tasn_new(&t, CMSFW__TASN_HARDWARE_MODULE_NAME, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_HW_TYPE, in->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_octets(&t, NULL, CMSFW__TASN_HW_SERIAL, in->hw_serial);
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_hw_module_name_decode(cmsfw_hw_module_name *out, const uint8_t *der, size_t len,
                            cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_HARDWARE_MODULE_NAME, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_HARDWARE_MODULE_NAME, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_oid(&t, NULL, CMSFW__TASN_HW_TYPE, &out->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(&t, NULL, CMSFW__TASN_HW_SERIAL, &out->hw_serial);
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_hw_module_name_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_hw_module_name_free(cmsfw_hw_module_name *v)
{
    if (v != NULL)
        memset(v, 0, sizeof *v);
}

/* id-on-hardwareModuleName, from the OID table. */
static cmsfw_bytes
hw_module_name_oid(void)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup("id-on-hardwareModuleName");
    cmsfw_bytes oid = { NULL, 0 };

    if (e != NULL) {
        oid.ptr = e->der;
        oid.len = e->der_len;
    }
    return oid;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_hw_module_othername_encode(const cmsfw_hw_module_name *in, uint8_t *out, size_t out_len,
                                 size_t *written, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_bytes value = { NULL, 0 };
    uint8_t *buf = NULL;
    cmsfw_err st = CMSFW_E_ARG;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_GENERAL_NAME, "NULL argument");
    *written = 0;
    /* the HardwareModuleName first: it becomes the ANY inside [0] */
    st = cmsfw_hw_module_name_encode(in, NULL, 0, &value.len, diag);
    if (st != CMSFW_OK)
        return st;
    buf = malloc(value.len);
    if (buf == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_NOMEM, CMSFW__TASN_GENERAL_NAME, "out of memory");
    st = cmsfw_hw_module_name_encode(in, buf, value.len, &value.len, diag);
    value.ptr = buf;
    if (st == CMSFW_OK)
        st = cmsfw__tasn_new(&t, CMSFW__TASN_GENERAL_NAME, diag);
    else
        memset(&t, 0, sizeof t);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_choice(&t, NULL, CMSFW__TASN_SELF, CMSFW__TASN_ARM_OTHER_NAME);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(&t, NULL, CMSFW__TASN_GN_OTHER_TYPE_ID, hw_module_name_oid());
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_tlv(&t, NULL, CMSFW__TASN_GN_OTHER_VALUE, value);
    st = cmsfw__fw_finish(&t, st, out, out_len, written, diag);
    free(buf);
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_hw_module_othername_decode(cmsfw_hw_module_name *out, const uint8_t *der, size_t len,
                                 cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_bytes type_id = { NULL, 0 }, value = { NULL, 0 };
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_GENERAL_NAME, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_GENERAL_NAME, der, len, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_choice(&t, NULL, CMSFW__TASN_SELF, &arm);
    if (st == CMSFW_OK && arm != CMSFW__TASN_ARM_OTHER_NAME)
        st = cmsfw__fw_fail(diag, CMSFW_DECODE_FAILURE, t.type, "%s, not an otherName",
                            cmsfw__tasn_arm_name(arm));
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_oid(&t, NULL, CMSFW__TASN_GN_OTHER_TYPE_ID, &type_id);
    if (st == CMSFW_OK && !cmsfw_oid_equal(type_id, hw_module_name_oid()))
        st = cmsfw__fw_fail(diag, CMSFW_DECODE_FAILURE, t.type,
                            "otherName type-id is not id-on-hardwareModuleName");
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_tlv(&t, NULL, CMSFW__TASN_GN_OTHER_VALUE, &value);
    cmsfw__tasn_free(&t);
    /* value lies inside der, so the fields decoded from it do too */
    if (st == CMSFW_OK)
        st = cmsfw_hw_module_name_decode(out, value.ptr, value.len, diag);
    if (st != CMSFW_OK)
        cmsfw_hw_module_name_free(out);
    return st;
}
