/*
 * fw_community.c: the community-identifiers attribute value (RFC 4108
 * section 2.2.6).
 *
 * CommunityIdentifiers ::= SEQUENCE OF CommunityIdentifier
 * CommunityIdentifier ::= CHOICE {
 *   communityOID OBJECT IDENTIFIER,
 *   hwModuleList HardwareModules }
 * HardwareModules ::= SEQUENCE {
 *   hwType          OBJECT IDENTIFIER,
 *   hwSerialEntries SEQUENCE OF HardwareSerialEntry }
 * HardwareSerialEntry ::= CHOICE {
 *   all    NULL,
 *   single OCTET STRING,
 *   block  SEQUENCE { low OCTET STRING, high OCTET STRING } }
 */
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

/* ------------------------------------------------------------- encoding */

static cmsfw_err
put_entry(cmsfw__tasn *t, const cmsfw__tasn_at *at, const cmsfw_serial_entry *e)
{
    cmsfw_err st = CMSFW_E_ARG;

    switch (e->kind) {
    case CMSFW_SERIAL_ALL:
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_ALL);
        break;
    case CMSFW_SERIAL_SINGLE:
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_SINGLE);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, at, CMSFW__TASN_SERIAL_SINGLE, e->low);
        break;
    case CMSFW_SERIAL_BLOCK:
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_BLOCK);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, at, CMSFW__TASN_SERIAL_LOW, e->low);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, at, CMSFW__TASN_SERIAL_HIGH, e->high);
        break;
    default:
        st = cmsfw__fw_fail(t->diag, CMSFW_E_ARG, t->type, "unknown serial entry kind %d",
                            (int)e->kind);
        break;
    }
    return st;
}

static cmsfw_err
put_modules(cmsfw__tasn *t, const cmsfw__tasn_at *at, const cmsfw_community *c)
{
    cmsfw__tasn_at entry;
    cmsfw_err st = CMSFW_E_ARG;
    size_t j;

    if (c->n_entries > 0 && c->entries == NULL)
        return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, t->type, "%zu serial entries but no array",
                              c->n_entries);
    st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_HW_MODULE_LIST);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_oid(t, at, CMSFW__TASN_COMMUNITY_HW_TYPE, c->hw_type);
    for (j = 0; st == CMSFW_OK && j < c->n_entries; j++) {
        st = cmsfw__tasn_put_item(t, at, CMSFW__TASN_COMMUNITY_ENTRIES);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(t, &entry, at, CMSFW__TASN_COMMUNITY_ENTRIES, j);
        if (st == CMSFW_OK)
            st = put_entry(t, &entry, &c->entries[j]);
    }
    return st;
}

static cmsfw_err
put_community(cmsfw__tasn *t, const cmsfw__tasn_at *at, const cmsfw_community *c)
{
    cmsfw_err st = CMSFW_E_ARG;

    if (c->kind == CMSFW_COMMUNITY_OID) {
        st = cmsfw__tasn_put_choice(t, at, CMSFW__TASN_SELF, CMSFW__TASN_ARM_COMMUNITY_OID);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_oid(t, at, CMSFW__TASN_COMMUNITY_OID, c->oid);
        return st;
    }
    if (c->kind == CMSFW_COMMUNITY_MODULES)
        return put_modules(t, at, c);
    return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, t->type, "unknown community kind %d", (int)c->kind);
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_communities_encode(const cmsfw_communities *in, uint8_t *out, size_t out_len, size_t *written,
                         cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_COMMUNITY_IDENTIFIERS;
    cmsfw__tasn t;
    cmsfw__tasn_at item;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "NULL argument");
    *written = 0;
    if (in->n > 0 && in->items == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "%zu communities but no array", in->n);
    st = cmsfw__tasn_new(&t, type, diag);
    for (i = 0; st == CMSFW_OK && i < in->n; i++) {
        st = cmsfw__tasn_put_item(&t, NULL, CMSFW__TASN_SELF);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(&t, &item, NULL, CMSFW__TASN_SELF, i);
        if (st == CMSFW_OK)
            st = put_community(&t, &item, &in->items[i]);
    }
    return cmsfw__fw_finish(&t, st, out, out_len, written, diag);
}

/* ------------------------------------------------------------- decoding */

static cmsfw_err
get_entry(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_serial_entry *e)
{
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_err st = cmsfw__tasn_get_choice(t, at, CMSFW__TASN_SELF, &arm);

    if (st != CMSFW_OK)
        return st;
    switch (arm) {
    case CMSFW__TASN_ARM_ALL:
        e->kind = CMSFW_SERIAL_ALL;
        break;
    case CMSFW__TASN_ARM_SINGLE:
        e->kind = CMSFW_SERIAL_SINGLE;
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_SERIAL_SINGLE, &e->low);
        break;
    case CMSFW__TASN_ARM_BLOCK:
        e->kind = CMSFW_SERIAL_BLOCK;
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_SERIAL_LOW, &e->low);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_SERIAL_HIGH, &e->high);
        break;
    default:
        st = cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type,
                            "unexpected HardwareSerialEntry alternative");
        break;
    }
    return st;
}

static cmsfw_err
get_modules(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_community *c)
{
    cmsfw__tasn_at entry;
    cmsfw_err st = CMSFW_DECODE_FAILURE;
    void *mem = NULL;
    size_t j, n = 0;

    c->kind = CMSFW_COMMUNITY_MODULES;
    st = cmsfw__tasn_get_oid(t, at, CMSFW__TASN_COMMUNITY_HW_TYPE, &c->hw_type);
    if (st == CMSFW_OK)
        st = cmsfw__fw_list(t, at, CMSFW__TASN_COMMUNITY_ENTRIES, sizeof *c->entries, &mem, &n);
    if (st != CMSFW_OK)
        return st;
    c->entries = mem;
    c->n_entries = n;
    for (j = 0; st == CMSFW_OK && j < n; j++) {
        st = cmsfw__fw_item(t, &entry, at, CMSFW__TASN_COMMUNITY_ENTRIES, j);
        if (st == CMSFW_OK)
            st = get_entry(t, &entry, &c->entries[j]);
    }
    return st;
}

static cmsfw_err
get_community(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_community *c)
{
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_err st = cmsfw__tasn_get_choice(t, at, CMSFW__TASN_SELF, &arm);

    if (st != CMSFW_OK)
        return st;
    if (arm == CMSFW__TASN_ARM_COMMUNITY_OID) {
        c->kind = CMSFW_COMMUNITY_OID;
        return cmsfw__tasn_get_oid(t, at, CMSFW__TASN_COMMUNITY_OID, &c->oid);
    }
    if (arm == CMSFW__TASN_ARM_HW_MODULE_LIST)
        return get_modules(t, at, c);
    return cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type,
                          "unexpected CommunityIdentifier alternative");
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_communities_decode(cmsfw_communities *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_COMMUNITY_IDENTIFIERS;
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
        st = cmsfw__fw_list(&t, NULL, CMSFW__TASN_SELF, sizeof *out->items, &mem, &n);
    if (st == CMSFW_OK) {
        out->items = mem;
        out->n = n;
    }
    for (i = 0; st == CMSFW_OK && i < n; i++) {
        st = cmsfw__fw_item(&t, &item, NULL, CMSFW__TASN_SELF, i);
        if (st == CMSFW_OK)
            st = get_community(&t, &item, &out->items[i]);
    }
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_communities_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_communities_free(cmsfw_communities *v)
{
    size_t i;

    if (v == NULL)
        return;
    for (i = 0; v->items != NULL && i < v->n; i++)
        free(v->items[i].entries);
    free(v->items);
    memset(v, 0, sizeof *v);
}
