/* show_fw.c: field-by-field descriptions of RFC 4108 values. */
#include <string.h>

#include <cmsfw/err.h>
#include <cmsfw/oid.h>

#include "tools/show_fw.h"

void
show_pkg_name(emit *e, const char *key, const cmsfw_pkg_name *n)
{
    emit_obj_begin(e, key);
    if (n->form == CMSFW_NAME_PREFERRED) {
        emit_obj_begin(e, "preferred");
        emit_oid(e, "fwPkgID", n->oid);
        emit_u64(e, "verNum", n->version);
        emit_obj_end(e);
    } else {
        emit_hex(e, "legacy", n->legacy);
    }
    emit_obj_end(e);
}

void
show_alg_id(emit *e, const char *key, const cmsfw_alg_id *a)
{
    emit_obj_begin(e, key);
    emit_oid(e, "algorithm", a->oid);
    if (a->params.ptr != NULL)
        emit_hex(e, "parameters", a->params);
    emit_obj_end(e);
}

void
show_receipt(emit *e, const cmsfw_receipt *r)
{
    emit_obj_begin(e, "FirmwarePackageLoadReceipt");
    emit_i64(e, "version", 1);
    emit_oid(e, "hwType", r->hw_type);
    emit_hex(e, "hwSerialNum", r->hw_serial);
    show_pkg_name(e, "fwPkgName", &r->name);
    if (r->trust_anchor_key_id.ptr != NULL)
        emit_hex(e, "trustAnchorKeyID", r->trust_anchor_key_id);
    if (r->decrypt_key_id.ptr != NULL)
        emit_hex(e, "decryptKeyID", r->decrypt_key_id);
    emit_obj_end(e);
}

void
show_error_report(emit *e, const cmsfw_error_report *r)
{
    size_t i;
    int known = r->error_code >= 0 && r->error_code <= 99 && cmsfw_err_is_rfc((int)r->error_code);

    emit_obj_begin(e, "FirmwarePackageLoadError");
    emit_i64(e, "version", 1);
    emit_oid(e, "hwType", r->hw_type);
    emit_hex(e, "hwSerialNum", r->hw_serial);
    emit_obj_begin(e, "errorCode");
    emit_str(e, "name", known ? cmsfw_err_name((int)r->error_code) : "otherError");
    emit_i64(e, "number", r->error_code);
    if (!known)
        emit_str(e, "note", "value not assigned by RFC 4108; read as otherError");
    emit_obj_end(e);
    if (r->has_vendor_code)
        emit_i64(e, "vendorErrorCode", r->vendor_code);
    if (r->has_name)
        show_pkg_name(e, "fwPkgName", &r->name);
    if (r->has_config) {
        emit_arr_begin(e, "config");
        for (i = 0; i < r->n_config; i++) {
            emit_obj_begin(e, NULL);
            if (r->config[i].has_type)
                emit_i64(e, "fwPkgType", r->config[i].type);
            show_pkg_name(e, "fwPkgName", &r->config[i].name);
            emit_obj_end(e);
        }
        emit_arr_end(e);
    }
    emit_obj_end(e);
}

static void
show_oid_list(emit *e, const char *key, const cmsfw_oid_list *l)
{
    size_t i;

    emit_arr_begin(e, key);
    for (i = 0; i < l->n; i++)
        emit_oid(e, NULL, l->oids[i]);
    emit_arr_end(e);
}

static void
show_pkg_id(emit *e, const char *key, const cmsfw_pkg_id *id)
{
    emit_obj_begin(e, key);
    show_pkg_name(e, "name", &id->name);
    if (id->stale_form == CMSFW_STALE_PREFERRED) {
        emit_obj_begin(e, "stale");
        emit_u64(e, "preferredStaleVerNum", id->stale_version);
        emit_obj_end(e);
    } else if (id->stale_form == CMSFW_STALE_LEGACY) {
        emit_obj_begin(e, "stale");
        emit_hex(e, "legacyStaleVersion", id->stale_legacy);
        emit_obj_end(e);
    }
    emit_obj_end(e);
}

static void
show_serial_entry(emit *e, const cmsfw_serial_entry *s)
{
    emit_obj_begin(e, NULL);
    if (s->kind == CMSFW_SERIAL_ALL) {
        emit_bool(e, "all", 1);
    } else if (s->kind == CMSFW_SERIAL_SINGLE) {
        emit_hex(e, "single", s->low);
    } else {
        emit_obj_begin(e, "block");
        emit_hex(e, "low", s->low);
        emit_hex(e, "high", s->high);
        emit_obj_end(e);
    }
    emit_obj_end(e);
}

static void
show_communities(emit *e, const char *key, const cmsfw_communities *c)
{
    size_t i, j;

    emit_arr_begin(e, key);
    for (i = 0; i < c->n; i++) {
        const cmsfw_community *m = &c->items[i];
        emit_obj_begin(e, NULL);
        if (m->kind == CMSFW_COMMUNITY_OID) {
            emit_oid(e, "communityOID", m->oid);
        } else {
            emit_obj_begin(e, "hwModuleList");
            emit_oid(e, "hwType", m->hw_type);
            emit_arr_begin(e, "hwSerialEntries");
            for (j = 0; j < m->n_entries; j++)
                show_serial_entry(e, &m->entries[j]);
            emit_arr_end(e);
            emit_obj_end(e);
        }
        emit_obj_end(e);
    }
    emit_arr_end(e);
}

static void
show_pkg_info(emit *e, const char *key, const cmsfw_pkg_info *p)
{
    size_t i;

    emit_obj_begin(e, key);
    if (p->has_type)
        emit_i64(e, "fwPkgType", p->type);
    if (p->has_deps) {
        emit_arr_begin(e, "dependencies");
        for (i = 0; i < p->n_deps; i++)
            show_pkg_name(e, NULL, &p->deps[i]);
        emit_arr_end(e);
    }
    emit_obj_end(e);
}

static void
show_wrapped_key(emit *e, const char *key, const cmsfw_wrapped_key *w)
{
    size_t i;

    emit_obj_begin(e, key);
    emit_i64(e, "version", w->version);
    emit_arr_begin(e, "recipientInfos");
    for (i = 0; i < w->n_recipients; i++) {
        const cmsfw_recipient *r = &w->recipients[i];
        static const char *const arm[] = {"ktri", "kari", "kekri", "pwri", "ori"};
        emit_obj_begin(e, NULL);
        emit_str(e, "type", arm[r->kind]);
        if (r->kind == CMSFW_RECIPIENT_KEKRI || r->kind == CMSFW_RECIPIENT_KTRI) {
            emit_i64(e, "version", r->version);
            if (r->key_id.ptr != NULL)
                emit_hex(e, r->kind == CMSFW_RECIPIENT_KEKRI ? "keyIdentifier"
                                                              : "subjectKeyIdentifier",
                         r->key_id);
            show_alg_id(e, "keyEncryptionAlgorithm", &r->key_enc_alg);
            emit_hex(e, "encryptedKey", r->encrypted_key);
        } else {
            emit_hex(e, "der", r->raw);
        }
        emit_obj_end(e);
    }
    emit_arr_end(e);
    emit_obj_begin(e, "encryptedContentInfo");
    emit_oid(e, "contentType", w->content_type);
    show_alg_id(e, "contentEncryptionAlgorithm", &w->cek_alg);
    if (w->has_content)
        emit_hex(e, "encryptedContent", w->content);
    emit_obj_end(e);
    emit_obj_end(e);
}

/* Which decoder an attribute type's value goes through. */
enum attr_syntax { SYN_NONE, SYN_PKG_ID, SYN_OID_LIST, SYN_COMMUNITIES, SYN_PKG_INFO,
                   SYN_FW_DIGEST, SYN_WRAPPED_KEY, SYN_OCTETS, SYN_OID };

static enum attr_syntax
attr_syntax_of(const char *name)
{
    static const struct {
        const char *name;
        enum attr_syntax syn;
    } map[] = {
        {"id-aa-firmwarePackageID", SYN_PKG_ID},      {"id-aa-targetHardwareIDs", SYN_OID_LIST},
        {"id-aa-implCryptoAlgs", SYN_OID_LIST},       {"id-aa-implCompressAlgs", SYN_OID_LIST},
        {"id-aa-communityIdentifiers", SYN_COMMUNITIES}, {"id-aa-firmwarePackageInfo", SYN_PKG_INFO},
        {"id-aa-fwPkgMessageDigest", SYN_FW_DIGEST},  {"id-aa-wrappedFirmwareKey", SYN_WRAPPED_KEY},
        {"id-messageDigest", SYN_OCTETS},             {"id-aa-decryptKeyID", SYN_OCTETS},
        {"id-contentType", SYN_OID},
    };
    size_t i;

    for (i = 0; name != NULL && i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].name, name) == 0)
            return map[i].syn;
    return SYN_NONE;
}

/* Show the decoded value; 0 when it does not decode as its syntax. */
static int
show_known_value(emit *e, enum attr_syntax syn, const uint8_t *p, size_t n)
{
    union {
        cmsfw_pkg_id id;
        cmsfw_oid_list list;
        cmsfw_communities comm;
        cmsfw_pkg_info info;
        cmsfw_fw_digest dig;
        cmsfw_wrapped_key wk;
        cmsfw_bytes octets;
    } v;

    memset(&v, 0, sizeof v);
    switch (syn) {
    case SYN_PKG_ID:
        if (cmsfw_pkg_id_decode(&v.id, p, n, NULL) != CMSFW_OK)
            return 0;
        show_pkg_id(e, "value", &v.id);
        cmsfw_pkg_id_free(&v.id);
        return 1;
    case SYN_OID_LIST:
        if (cmsfw_oid_list_decode(&v.list, p, n, NULL) != CMSFW_OK)
            return 0;
        show_oid_list(e, "value", &v.list);
        cmsfw_oid_list_free(&v.list);
        return 1;
    case SYN_COMMUNITIES:
        if (cmsfw_communities_decode(&v.comm, p, n, NULL) != CMSFW_OK)
            return 0;
        show_communities(e, "value", &v.comm);
        cmsfw_communities_free(&v.comm);
        return 1;
    case SYN_PKG_INFO:
        if (cmsfw_pkg_info_decode(&v.info, p, n, NULL) != CMSFW_OK)
            return 0;
        show_pkg_info(e, "value", &v.info);
        cmsfw_pkg_info_free(&v.info);
        return 1;
    case SYN_FW_DIGEST:
        if (cmsfw_fw_digest_decode(&v.dig, p, n, NULL) != CMSFW_OK)
            return 0;
        emit_obj_begin(e, "value");
        show_alg_id(e, "algorithm", &v.dig.alg);
        emit_hex(e, "msgDigest", v.dig.digest);
        emit_obj_end(e);
        cmsfw_fw_digest_free(&v.dig);
        return 1;
    case SYN_WRAPPED_KEY:
        if (cmsfw_wrapped_key_decode(&v.wk, p, n, NULL) != CMSFW_OK)
            return 0;
        show_wrapped_key(e, "value", &v.wk);
        cmsfw_wrapped_key_free(&v.wk);
        return 1;
    case SYN_OCTETS:
        if (cmsfw_octets_decode(&v.octets, p, n, NULL) != CMSFW_OK)
            return 0;
        emit_hex(e, "value", v.octets);
        return 1;
    case SYN_OID:
        if (n < 3 || p[0] != 0x06 || p[1] != n - 2 || p[1] > 0x7f)
            return 0;
        v.octets.ptr = p + 2;
        v.octets.len = n - 2;
        emit_oid(e, "value", v.octets);
        return 1;
    case SYN_NONE:
        break;
    }
    return 0;
}

void
show_attribute(emit *e, const cmsfw_attr_view *a)
{
    const char *name = cmsfw_oid_name(a->type);
    enum attr_syntax syn = attr_syntax_of(name);

    emit_obj_begin(e, NULL);
    emit_oid(e, "attrType", a->type);
    if (name != NULL)
        emit_str(e, "name", name);
    if (a->n_values != 1)
        emit_u64(e, "valueCount", a->n_values);
    if (a->value.ptr != NULL && (syn == SYN_NONE || !show_known_value(e, syn, a->value.ptr, a->value.len))) {
        emit_hex(e, "der", a->value);
        if (syn != SYN_NONE)
            emit_str(e, "note", "value does not decode as its attribute type");
    }
    emit_obj_end(e);
}
