/*
 * fwcodec_json.c: the canonical JSON form of the RFC 4108 values, shared
 * by fwcodec_check (C side) and pyasn1_cross.py (Python side).
 */
#include "tests/fwcodec_json.h"

#include <cmsfw/oid.h>

#include <inttypes.h>

/* see tests/fwcodec_json.h */
void
fwp_hex(FILE *f, cmsfw_bytes b)
{
    size_t i;

    fputc('"', f);
    for (i = 0; i < b.len; i++)
        fprintf(f, "%02x", b.ptr[i]);
    fputc('"', f);
}

/* see tests/fwcodec_json.h */
void
fwp_oid(FILE *f, cmsfw_bytes oid)
{
    char dotted[CMSFW_OID_MAX_DOTTED];

    /* shown as such, so that it counts as a mismatch instead of stopping the run */
    if (cmsfw_oid_to_dotted(oid, dotted, sizeof dotted) != CMSFW_OK)
        fputs("\"(unprintable OID)\"", f);
    else
        fprintf(f, "\"%s\"", dotted);
}

/* see tests/fwcodec_json.h */
void
fwp_pkg_name(FILE *f, const cmsfw_pkg_name *n)
{
    if (n->form == CMSFW_NAME_PREFERRED) {
        fputs("{\"preferred\":{\"fwPkgID\":", f);
        fwp_oid(f, n->oid);
        fprintf(f, ",\"verNum\":%" PRIu64 "}}", n->version);
    } else if (n->form == CMSFW_NAME_LEGACY) {
        fputs("{\"legacy\":", f);
        fwp_hex(f, n->legacy);
        fputc('}', f);
    } else {
        fprintf(f, "{\"(bad form)\":%d}", (int)n->form);
    }
}

/* see tests/fwcodec_json.h */
void
fwp_pkg_id(FILE *f, const cmsfw_pkg_id *id)
{
    fputs("{\"name\":", f);
    fwp_pkg_name(f, &id->name);
    if (id->stale_form == CMSFW_STALE_PREFERRED) {
        fprintf(f, ",\"stale\":{\"preferredStaleVerNum\":%" PRIu64 "}", id->stale_version);
    } else if (id->stale_form == CMSFW_STALE_LEGACY) {
        fputs(",\"stale\":{\"legacyStaleVersion\":", f);
        fwp_hex(f, id->stale_legacy);
        fputc('}', f);
    } else if (id->stale_form != CMSFW_STALE_NONE) {
        fprintf(f, ",\"stale\":{\"(bad form)\":%d}", (int)id->stale_form);
    }
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_oid_list(FILE *f, const cmsfw_oid_list *l)
{
    size_t i;

    fputc('[', f);
    for (i = 0; i < l->n; i++) {
        if (i)
            fputc(',', f);
        fwp_oid(f, l->oids[i]);
    }
    fputc(']', f);
}

static void
fwp_serial_entry(FILE *f, const cmsfw_serial_entry *e)
{
    switch (e->kind) {
    case CMSFW_SERIAL_ALL:
        fputs("{\"all\":null}", f);
        break;
    case CMSFW_SERIAL_SINGLE:
        fputs("{\"single\":", f);
        fwp_hex(f, e->low);
        fputc('}', f);
        break;
    case CMSFW_SERIAL_BLOCK:
        fputs("{\"block\":{\"low\":", f);
        fwp_hex(f, e->low);
        fputs(",\"high\":", f);
        fwp_hex(f, e->high);
        fputs("}}", f);
        break;
    default:
        fprintf(f, "{\"(bad kind)\":%d}", (int)e->kind);
    }
}

/* see tests/fwcodec_json.h */
void
fwp_communities(FILE *f, const cmsfw_communities *cs)
{
    size_t i, j;

    fputc('[', f);
    for (i = 0; i < cs->n; i++) {
        const cmsfw_community *c = &cs->items[i];
        if (i)
            fputc(',', f);
        if (c->kind == CMSFW_COMMUNITY_OID) {
            fputs("{\"communityOID\":", f);
            fwp_oid(f, c->oid);
            fputc('}', f);
            continue;
        }
        if (c->kind != CMSFW_COMMUNITY_MODULES) {
            fprintf(f, "{\"(bad kind)\":%d}", (int)c->kind);
            continue;
        }
        fputs("{\"hwModuleList\":{\"hwType\":", f);
        fwp_oid(f, c->hw_type);
        fputs(",\"hwSerialEntries\":[", f);
        for (j = 0; j < c->n_entries; j++) {
            if (j)
                fputc(',', f);
            fwp_serial_entry(f, &c->entries[j]);
        }
        fputs("]}}", f);
    }
    fputc(']', f);
}

/* see tests/fwcodec_json.h */
void
fwp_pkg_info(FILE *f, const cmsfw_pkg_info *pi)
{
    size_t i;
    const char *sep = "";

    fputc('{', f);
    if (pi->has_type) {
        fprintf(f, "\"fwPkgType\":%" PRId64, pi->type);
        sep = ",";
    }
    if (pi->has_deps) {
        fprintf(f, "%s\"dependencies\":[", sep);
        for (i = 0; i < pi->n_deps; i++) {
            if (i)
                fputc(',', f);
            fwp_pkg_name(f, &pi->deps[i]);
        }
        fputc(']', f);
    }
    fputc('}', f);
}

static void
fwp_alg(FILE *f, const cmsfw_alg_id *a)
{
    fputs("{\"algorithm\":", f);
    fwp_oid(f, a->oid);
    if (a->params.ptr != NULL) {
        fputs(",\"parameters\":", f);
        fwp_hex(f, a->params);
    }
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_fw_digest(FILE *f, const cmsfw_fw_digest *d)
{
    fputs("{\"algorithm\":", f);
    fwp_alg(f, &d->alg);
    fputs(",\"msgDigest\":", f);
    fwp_hex(f, d->digest);
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_hw_module_name(FILE *f, const cmsfw_hw_module_name *h)
{
    fputs("{\"hwType\":", f);
    fwp_oid(f, h->hw_type);
    fputs(",\"hwSerialNum\":", f);
    fwp_hex(f, h->hw_serial);
    fputc('}', f);
}

/* kekri and ktri with a subjectKeyIdentifier show their fields, the other
 * arms only their raw TLV; "raw" appears whenever the value carries it. */
static void
fwp_recipient(FILE *f, const cmsfw_recipient *r)
{
    static const char *const arm[] = { "ktri", "kari", "kekri", "pwri", "ori" };

    if ((unsigned)r->kind > CMSFW_RECIPIENT_ORI) {
        fprintf(f, "{\"(bad kind)\":%d}", (int)r->kind);
        return;
    }
    fprintf(f, "{\"%s\":{", arm[r->kind]);
    if (r->kind == CMSFW_RECIPIENT_KEKRI ||
        (r->kind == CMSFW_RECIPIENT_KTRI && r->key_id.ptr != NULL)) {
        fprintf(f, "\"version\":%" PRId64 ",", r->version);
        if (r->kind == CMSFW_RECIPIENT_KEKRI)
            fputs("\"kekid\":{\"keyIdentifier\":", f);
        else
            fputs("\"rid\":{\"subjectKeyIdentifier\":", f);
        fwp_hex(f, r->key_id);
        fputs("},\"keyEncryptionAlgorithm\":", f);
        fwp_alg(f, &r->key_enc_alg);
        fputs(",\"encryptedKey\":", f);
        fwp_hex(f, r->encrypted_key);
    }
    fputc('}', f);
    if (r->raw.ptr != NULL) {
        fputs(",\"raw\":", f);
        fwp_hex(f, r->raw);
    }
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_wrapped_key(FILE *f, const cmsfw_wrapped_key *w)
{
    size_t i;

    fprintf(f, "{\"version\":%" PRId64, w->version);
    if (w->has_originator_info) {
        fputs(",\"originatorInfo\":", f);
        fwp_hex(f, w->originator_info);
    }
    fputs(",\"recipientInfos\":[", f);
    for (i = 0; i < w->n_recipients; i++) {
        if (i)
            fputc(',', f);
        fwp_recipient(f, &w->recipients[i]);
    }
    fputs("],\"encryptedContentInfo\":{\"contentType\":", f);
    fwp_oid(f, w->content_type);
    fputs(",\"contentEncryptionAlgorithm\":", f);
    fwp_alg(f, &w->cek_alg);
    if (w->has_content) {
        fputs(",\"encryptedContent\":", f);
        fwp_hex(f, w->content);
    }
    fputc('}', f);
    if (w->has_unprotected_attrs) {
        fputs(",\"unprotectedAttrs\":", f);
        fwp_hex(f, w->unprotected_attrs);
    }
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_receipt(FILE *f, const cmsfw_receipt *r)
{
    fputs("{\"hwType\":", f);
    fwp_oid(f, r->hw_type);
    fputs(",\"hwSerialNum\":", f);
    fwp_hex(f, r->hw_serial);
    fputs(",\"fwPkgName\":", f);
    fwp_pkg_name(f, &r->name);
    if (r->trust_anchor_key_id.ptr != NULL) {
        fputs(",\"trustAnchorKeyID\":", f);
        fwp_hex(f, r->trust_anchor_key_id);
    }
    if (r->decrypt_key_id.ptr != NULL) {
        fputs(",\"decryptKeyID\":", f);
        fwp_hex(f, r->decrypt_key_id);
    }
    fputc('}', f);
}

/* see tests/fwcodec_json.h */
void
fwp_error_report(FILE *f, const cmsfw_error_report *e)
{
    size_t i;

    fputs("{\"hwType\":", f);
    fwp_oid(f, e->hw_type);
    fputs(",\"hwSerialNum\":", f);
    fwp_hex(f, e->hw_serial);
    fprintf(f, ",\"errorCode\":%" PRId64, e->error_code);
    if (e->has_vendor_code)
        fprintf(f, ",\"vendorErrorCode\":%" PRId64, e->vendor_code);
    if (e->has_name) {
        fputs(",\"fwPkgName\":", f);
        fwp_pkg_name(f, &e->name);
    }
    if (e->has_config) {
        fputs(",\"config\":[", f);
        for (i = 0; i < e->n_config; i++) {
            if (i)
                fputc(',', f);
            fputc('{', f);
            if (e->config[i].has_type)
                fprintf(f, "\"fwPkgType\":%" PRId64 ",", e->config[i].type);
            fputs("\"fwPkgName\":", f);
            fwp_pkg_name(f, &e->config[i].name);
            fputc('}', f);
        }
        fputc(']', f);
    }
    fputc('}', f);
}
