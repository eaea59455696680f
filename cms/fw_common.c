/* fw_common.c: helpers shared by the RFC 4108 codec files. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

/* see fw_common.h */
cmsfw_err
cmsfw__fw_fail(cmsfw_diag *diag, cmsfw_err code, cmsfw__tasn_type type, const char *fmt, ...)
{
    char reason[sizeof diag->msg];
    va_list ap;

    if (diag == NULL)
        return code;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    /* a message longer than diag->msg is cut short, which is fine */
    if (snprintf(diag->msg, sizeof diag->msg, "%s: %s", cmsfw__tasn_type_name(type), reason) < 0)
        diag->msg[0] = '\0';
    return code;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_finish(cmsfw__tasn *t, cmsfw_err st, uint8_t *out, size_t out_len, size_t *written,
                 cmsfw_diag *diag)
{
    cmsfw__tasn_type type = t->type;

    if (st == CMSFW_OK)
        st = cmsfw__tasn_encode(t, out, out_len, written);
    cmsfw__tasn_free(t);
    if (st == CMSFW_E_BUFFER)
        return cmsfw__fw_fail(diag, st, type, "output buffer of %zu bytes too small, %zu needed",
                              out_len, *written);
    if (st != CMSFW_OK)
        *written = 0;
    return st;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_finish_checked(cmsfw__tasn *t, cmsfw_err st, cmsfw__tasn_type check_as, uint8_t *out,
                         size_t out_len, size_t *written, cmsfw_diag *diag)
{
    cmsfw__tasn_type type = t->type;
    cmsfw__tasn check;
    uint8_t *buf = NULL;
    size_t n = 0;

    if (st == CMSFW_OK)
        st = cmsfw__tasn_encode(t, NULL, 0, &n);
    if (st == CMSFW_OK && (buf = malloc(n)) == NULL)
        st = cmsfw__fw_fail(diag, CMSFW_E_NOMEM, type, "out of memory");
    if (st == CMSFW_OK)
        st = cmsfw__tasn_encode(t, buf, n, &n);
    cmsfw__tasn_free(t);
    if (st == CMSFW_OK) {
        st = cmsfw__tasn_decode(&check, check_as, buf, n, diag);
        cmsfw__tasn_free(&check);
        if (st == CMSFW_DECODE_FAILURE)
            st = CMSFW_E_ARG; /* the message says which part is wrong */
    }
    if (st == CMSFW_OK) {
        *written = n;
        if (out != NULL && out_len < n)
            st = cmsfw__fw_fail(diag, CMSFW_E_BUFFER, type,
                                "output buffer of %zu bytes too small, %zu needed", out_len, n);
        else if (out != NULL)
            memcpy(out, buf, n);
    }
    free(buf);
    if (st != CMSFW_OK && st != CMSFW_E_BUFFER)
        *written = 0;
    return st;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_list(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path path,
               size_t size, void **p, size_t *n)
{
    cmsfw_err st;

    *p = NULL;
    *n = 0;
    st = cmsfw__tasn_count(t, base, path, n);
    if (st != CMSFW_OK || *n == 0)
        return st;
    *p = calloc(*n, size);
    if (*p == NULL)
        return cmsfw__fw_fail(t->diag, CMSFW_E_NOMEM, t->type, "cannot allocate %zu items", *n);
    return CMSFW_OK;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_check_v1(const cmsfw__tasn *t)
{
    uint64_t v = 0;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (!cmsfw__tasn_has(t, NULL, CMSFW__TASN_VERSION))
        return CMSFW_OK;
    st = cmsfw__tasn_get_uint(t, NULL, CMSFW__TASN_VERSION, &v);
    if (st != CMSFW_OK)
        return st;
    if (v != 1)
        return cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, "version %llu is not v1 (1)",
                              (unsigned long long)v);
    return CMSFW_OK;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_get_name(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_pkg_name *out)
{
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_err st = cmsfw__tasn_get_choice(t, at, CMSFW__TASN_SELF, &arm);

    memset(out, 0, sizeof *out);
    if (st != CMSFW_OK)
        return st;
    if (arm == CMSFW__TASN_ARM_PREFERRED) {
        out->form = CMSFW_NAME_PREFERRED;
        st = cmsfw__tasn_get_oid(t, at, CMSFW__TASN_NAME_PREFERRED_ID, &out->oid);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_get_uint(t, at, CMSFW__TASN_NAME_PREFERRED_VERNUM, &out->version);
    } else if (arm == CMSFW__TASN_ARM_LEGACY) {
        out->form = CMSFW_NAME_LEGACY;
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_NAME_LEGACY, &out->legacy);
    } else {
        st = cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type,
                            "package name is neither preferred nor legacy");
    }
    if (st != CMSFW_OK)
        memset(out, 0, sizeof *out);
    return st;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_put_name(cmsfw__tasn *t, const cmsfw__tasn_at *at, const cmsfw_pkg_name *in)
{
    cmsfw_err st = CMSFW_E_ARG;

    switch (in->form) {
    case CMSFW_NAME_PREFERRED:
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_PREFERRED);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_oid(t, at, CMSFW__TASN_NAME_PREFERRED_ID, in->oid);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_uint(t, at, CMSFW__TASN_NAME_PREFERRED_VERNUM, in->version);
        break;
    case CMSFW_NAME_LEGACY:
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_LEGACY);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, at, CMSFW__TASN_NAME_LEGACY, in->legacy);
        break;
    default:
        st = cmsfw__fw_fail(t->diag, CMSFW_E_ARG, t->type,
                            "package name form %d is neither preferred nor legacy", (int)in->form);
        break;
    }
    return st;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_get_alg(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_alg_id *out)
{
    cmsfw_err st = cmsfw__tasn_get_oid(t, at, CMSFW__TASN_ALG_ALGORITHM, &out->oid);

    out->params.ptr = NULL;
    out->params.len = 0;
    if (st == CMSFW_OK && cmsfw__tasn_has(t, at, CMSFW__TASN_ALG_PARAMETERS))
        st = cmsfw__tasn_get_tlv(t, at, CMSFW__TASN_ALG_PARAMETERS, &out->params);
    return st;
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_put_alg(cmsfw__tasn *t, const cmsfw__tasn_at *at, const cmsfw_alg_id *in)
{
    cmsfw_err st = cmsfw__tasn_put_oid(t, at, CMSFW__TASN_ALG_ALGORITHM, in->oid);

    if (st != CMSFW_OK)
        return st;
    if (in->params.ptr == NULL)
        return cmsfw__tasn_put_absent(t, at, CMSFW__TASN_ALG_PARAMETERS);
    return cmsfw__tasn_put_tlv(t, at, CMSFW__TASN_ALG_PARAMETERS, in->params);
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_get_opt_octets(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                         cmsfw_bytes *out)
{
    out->ptr = NULL;
    out->len = 0;
    if (!cmsfw__tasn_has(t, base, p))
        return CMSFW_OK;
    return cmsfw__tasn_get_value(t, base, p, out);
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_put_opt_octets(cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p,
                         cmsfw_bytes v)
{
    if (v.ptr == NULL)
        return cmsfw__tasn_put_absent(t, base, p);
    return cmsfw__tasn_put_octets(t, base, p, v);
}

/* see fw_common.h */
cmsfw_err
cmsfw__fw_item(const cmsfw__tasn *t, cmsfw__tasn_at *at, const cmsfw__tasn_at *base,
               cmsfw__tasn_path p, size_t index)
{
    cmsfw__tasn_at list;

    if (cmsfw__tasn_at_set(&list, base, p, 0) != CMSFW_OK ||
        cmsfw__tasn_at_set(at, &list, CMSFW__TASN_ITEM, index + 1) != CMSFW_OK)
        return cmsfw__fw_fail(t->diag, t->der != NULL ? CMSFW_DECODE_FAILURE : CMSFW_E_ARG, t->type,
                              "list nested too deeply");
    return CMSFW_OK;
}
