/*
 * fw_wrapped_key.c: the wrapped-firmware-decryption-key attribute value
 * (RFC 4108 section 2.3.1), an EnvelopedData (RFC 5652 section 6).
 *
 * EnvelopedData ::= SEQUENCE {
 *   version              CMSVersion,
 *   originatorInfo       [0] IMPLICIT OriginatorInfo OPTIONAL,
 *   recipientInfos       SET SIZE (1..MAX) OF RecipientInfo,
 *   encryptedContentInfo EncryptedContentInfo,
 *   unprotectedAttrs     [1] IMPLICIT UnprotectedAttributes OPTIONAL }
 * RecipientInfo ::= CHOICE {
 *   ktri KeyTransRecipientInfo, kari [1] KeyAgreeRecipientInfo,
 *   kekri [2] KEKRecipientInfo, pwri [3] PasswordRecipientInfo,
 *   ori [4] OtherRecipientInfo }
 *
 * Decoding goes through the full EnvelopedData template, so every part is
 * checked. Encoding goes through EnvelopedDataFromParts, the same encoding
 * with the recipients and the optional [0] / [1] parts held as TLVs, so
 * that parts cmsfw only carries can be copied verbatim.
 */
#include <stdlib.h>
#include <string.h>

#include "cms/fw_common.h"

#define TAG_ORIGINATOR_INFO 0xA0u   /* [0] IMPLICIT, constructed */
#define TAG_UNPROTECTED_ATTRS 0xA1u /* [1] IMPLICIT, constructed */

/* ------------------------------------------------------------- encoding */

/* One RecipientInfo built from the fields: kekri, or ktri with a
 * subjectKeyIdentifier. */
static cmsfw_err
put_recipient_fields(cmsfw__tasn *t, const cmsfw_recipient *r)
{
    cmsfw__tasn_at alg;
    cmsfw_err st = CMSFW_E_ARG;

    if (r->version < 0)
        return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA,
                              "negative recipient version");
    if (r->kind == CMSFW_RECIPIENT_KEKRI) {
        st = cmsfw__tasn_put_choice(t, NULL, CMSFW__TASN_SELF, CMSFW__TASN_ARM_KEKRI);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_int(t, NULL, CMSFW__TASN_RI_KEKRI_VERSION, r->version);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_RI_KEKRI_KEY_ID, r->key_id);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_absent(t, NULL, CMSFW__TASN_RI_KEKRI_DATE);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_absent(t, NULL, CMSFW__TASN_RI_KEKRI_OTHER);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_RI_KEKRI_KEY_ENC_ALG, 0);
        if (st == CMSFW_OK)
            st = cmsfw__fw_put_alg(t, &alg, &r->key_enc_alg);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_RI_KEKRI_ENCRYPTED_KEY,
                                        r->encrypted_key);
        return st;
    }
    if (r->kind == CMSFW_RECIPIENT_KTRI && r->key_id.ptr != NULL) {
        st = cmsfw__tasn_put_choice(t, NULL, CMSFW__TASN_SELF, CMSFW__TASN_ARM_KTRI);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_int(t, NULL, CMSFW__TASN_RI_KTRI_VERSION, r->version);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_choice(t, NULL, CMSFW__TASN_RI_KTRI_RID,
                                        CMSFW__TASN_ARM_SUBJECT_KEY_ID);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_RI_KTRI_SKI, r->key_id);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_RI_KTRI_KEY_ENC_ALG, 0);
        if (st == CMSFW_OK)
            st = cmsfw__fw_put_alg(t, &alg, &r->key_enc_alg);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_RI_KTRI_ENCRYPTED_KEY,
                                        r->encrypted_key);
        return st;
    }
    return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA,
                          "recipient of kind %d has no raw encoding and no fields to build one",
                          (int)r->kind);
}

/* The DER of a RecipientInfo built from the fields of @r, in a buffer the
 * caller frees. */
static cmsfw_err
build_recipient(const cmsfw__tasn *t, const cmsfw_recipient *r, uint8_t **buf, size_t *len)
{
    cmsfw__tasn ri;
    cmsfw_err st = cmsfw__tasn_new(&ri, CMSFW__TASN_RECIPIENT_INFO, t->diag);

    *buf = NULL;
    if (st == CMSFW_OK)
        st = put_recipient_fields(&ri, r);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_encode(&ri, NULL, 0, len);
    if (st == CMSFW_OK && (*buf = malloc(*len)) == NULL)
        st = cmsfw__fw_fail(t->diag, CMSFW_E_NOMEM, t->type, "out of memory");
    if (st == CMSFW_OK)
        st = cmsfw__tasn_encode(&ri, *buf, *len, len);
    cmsfw__tasn_free(&ri);
    return st;
}

/* A raw recipient must be one DER RecipientInfo: say which one is not. */
static cmsfw_err
check_raw_recipient(const cmsfw__tasn *t, size_t index, cmsfw_bytes raw)
{
    cmsfw__tasn ri;
    cmsfw_diag why = { "" };
    cmsfw_err st = cmsfw__tasn_decode(&ri, CMSFW__TASN_RECIPIENT_INFO, raw.ptr, raw.len, &why);

    cmsfw__tasn_free(&ri);
    if (st == CMSFW_DECODE_FAILURE)
        return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA,
                              "recipient %zu: raw is not a DER %s", index, why.msg);
    return st;
}

/* Append recipient @r to the recipientInfos of @t: its raw TLV, or one
 * built from its fields. */
static cmsfw_err
put_recipient(cmsfw__tasn *t, size_t index, const cmsfw_recipient *r)
{
    cmsfw__tasn_at item;
    cmsfw_bytes tlv = r->raw;
    uint8_t *buf = NULL;
    cmsfw_err st = CMSFW_E_ARG;

    if (tlv.ptr == NULL) {
        st = build_recipient(t, r, &buf, &tlv.len);
        tlv.ptr = buf;
    } else {
        st = check_raw_recipient(t, index, tlv);
    }
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_item(t, NULL, CMSFW__TASN_ENV_RECIPIENT_INFOS);
    if (st == CMSFW_OK)
        st = cmsfw__fw_item(t, &item, NULL, CMSFW__TASN_ENV_RECIPIENT_INFOS, index);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_tlv(t, &item, CMSFW__TASN_SELF, tlv);
    free(buf); /* libtasn1 keeps its own copy */
    return st;
}

/* Write the [0] or [1] part @raw (tag @tag) as its list of member TLVs. */
static cmsfw_err
put_part(cmsfw__tasn *t, cmsfw__tasn_path p, unsigned tag, cmsfw_bytes raw)
{
    cmsfw__tasn_at item;
    cmsfw_bytes rest, member;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (raw.ptr == NULL || raw.len == 0 || raw.ptr[0] != tag ||
        cmsfw__tasn_tlv_content(raw, &rest) != CMSFW_OK)
        return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA,
                              "%s is not one [%u] TLV", cmsfw__tasn_path_text(p), tag & 0x1fu);
    st = CMSFW_OK; /* an empty part is valid: A0 00 */
    for (i = 0; st == CMSFW_OK && rest.len > 0; i++) {
        if (cmsfw__tasn_tlv_next(&rest, &member) != CMSFW_OK)
            return cmsfw__fw_fail(t->diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA,
                                  "%s holds a malformed TLV", cmsfw__tasn_path_text(p));
        st = cmsfw__tasn_put_item(t, NULL, p);
        if (st == CMSFW_OK)
            st = cmsfw__fw_item(t, &item, NULL, p, i);
        if (st == CMSFW_OK)
            st = cmsfw__tasn_put_tlv(t, &item, CMSFW__TASN_SELF, member);
    }
    return st;
}

static cmsfw_err
put_content_info(cmsfw__tasn *t, const cmsfw_wrapped_key *in)
{
    cmsfw__tasn_at alg;
    cmsfw_err st = cmsfw__tasn_put_oid(t, NULL, CMSFW__TASN_ENV_CONTENT_TYPE, in->content_type);

    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_ENV_CONTENT_ALG, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_put_alg(t, &alg, &in->cek_alg);
    if (st == CMSFW_OK && in->has_content)
        st = cmsfw__tasn_put_octets(t, NULL, CMSFW__TASN_ENV_CONTENT, in->content);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(t, NULL, CMSFW__TASN_ENV_CONTENT);
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_wrapped_key_encode(const cmsfw_wrapped_key *in, uint8_t *out, size_t out_len, size_t *written,
                         cmsfw_diag *diag)
{
    const cmsfw__tasn_type type = CMSFW__TASN_ENVELOPED_DATA;
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_E_ARG;
    size_t i;

    if (in == NULL || written == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "NULL argument");
    *written = 0;
    if (in->n_recipients == 0 || in->recipients == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "recipientInfos needs at least one");
    if (in->version < 0)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, type, "negative version");
    st = cmsfw__tasn_new(&t, CMSFW__TASN_ENVELOPED_DATA_FROM_PARTS, diag);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_put_int(&t, NULL, CMSFW__TASN_VERSION, in->version);
    if (st == CMSFW_OK && in->has_originator_info)
        st =
            put_part(&t, CMSFW__TASN_ENV_ORIGINATOR_INFO, TAG_ORIGINATOR_INFO, in->originator_info);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_ENV_ORIGINATOR_INFO);
    for (i = 0; st == CMSFW_OK && i < in->n_recipients; i++)
        st = put_recipient(&t, i, &in->recipients[i]);
    if (st == CMSFW_OK)
        st = put_content_info(&t, in);
    if (st == CMSFW_OK && in->has_unprotected_attrs)
        st = put_part(&t, CMSFW__TASN_ENV_UNPROTECTED_ATTRS, TAG_UNPROTECTED_ATTRS,
                      in->unprotected_attrs);
    else if (st == CMSFW_OK)
        st = cmsfw__tasn_put_absent(&t, NULL, CMSFW__TASN_ENV_UNPROTECTED_ATTRS);
    /* the copied parts are only TLVs to libtasn1: check the whole */
    return cmsfw__fw_finish_checked(&t, st, CMSFW__TASN_ENVELOPED_DATA, out, out_len, written,
                                    diag);
}

/* ------------------------------------------------------------- decoding */

/* CMSVersion ::= INTEGER { v0(0) .. v5(5) }: no negative value means
 * anything, and the encoder refuses one, so the decoder does too. */
static cmsfw_err
get_version(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw__tasn_path p, int64_t *v)
{
    cmsfw_err st = cmsfw__tasn_get_int(t, at, p, v);

    if (st == CMSFW_OK && *v < 0) {
        *v = 0;
        return cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, "negative %s",
                              cmsfw__tasn_path_text(p));
    }
    return st;
}

static cmsfw_err
get_ktri(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_recipient *r)
{
    cmsfw__tasn_arm rid = CMSFW__TASN_ARM_NONE;
    cmsfw__tasn_at alg;
    cmsfw_err st = get_version(t, at, CMSFW__TASN_RI_KTRI_VERSION, &r->version);

    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_choice(t, at, CMSFW__TASN_RI_KTRI_RID, &rid);
    if (st == CMSFW_OK && rid == CMSFW__TASN_ARM_SUBJECT_KEY_ID)
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_RI_KTRI_SKI, &r->key_id);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, at, CMSFW__TASN_RI_KTRI_KEY_ENC_ALG, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_alg(t, &alg, &r->key_enc_alg);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_RI_KTRI_ENCRYPTED_KEY, &r->encrypted_key);
    return st;
}

static cmsfw_err
get_kekri(const cmsfw__tasn *t, const cmsfw__tasn_at *at, cmsfw_recipient *r)
{
    cmsfw__tasn_at alg;
    cmsfw_err st = get_version(t, at, CMSFW__TASN_RI_KEKRI_VERSION, &r->version);

    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_RI_KEKRI_KEY_ID, &r->key_id);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, at, CMSFW__TASN_RI_KEKRI_KEY_ENC_ALG, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_alg(t, &alg, &r->key_enc_alg);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_value(t, at, CMSFW__TASN_RI_KEKRI_ENCRYPTED_KEY, &r->encrypted_key);
    return st;
}

static cmsfw_err
get_recipient(const cmsfw__tasn *t, size_t index, cmsfw_recipient *r)
{
    cmsfw__tasn_at at;
    cmsfw__tasn_arm arm = CMSFW__TASN_ARM_NONE;
    cmsfw_err st = cmsfw__fw_item(t, &at, NULL, CMSFW__TASN_ENV_RECIPIENT_INFOS, index);

    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_tlv(t, &at, CMSFW__TASN_SELF, &r->raw);
    if (st == CMSFW_OK)
        st = cmsfw__tasn_get_choice(t, &at, CMSFW__TASN_SELF, &arm);
    if (st != CMSFW_OK)
        return st;
    switch (arm) {
    case CMSFW__TASN_ARM_KTRI:
        r->kind = CMSFW_RECIPIENT_KTRI;
        return get_ktri(t, &at, r);
    case CMSFW__TASN_ARM_KEKRI:
        r->kind = CMSFW_RECIPIENT_KEKRI;
        return get_kekri(t, &at, r);
    case CMSFW__TASN_ARM_KARI:
        r->kind = CMSFW_RECIPIENT_KARI;
        return CMSFW_OK;
    case CMSFW__TASN_ARM_PWRI:
        r->kind = CMSFW_RECIPIENT_PWRI;
        return CMSFW_OK;
    case CMSFW__TASN_ARM_ORI:
        r->kind = CMSFW_RECIPIENT_ORI;
        return CMSFW_OK;
    default:
        return cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type,
                              "unexpected RecipientInfo alternative");
    }
}

static cmsfw_err
get_recipients(const cmsfw__tasn *t, cmsfw_wrapped_key *out)
{
    cmsfw_err st = CMSFW_DECODE_FAILURE;
    void *mem = NULL;
    size_t i, n = 0;

    st = cmsfw__fw_list(t, NULL, CMSFW__TASN_ENV_RECIPIENT_INFOS, sizeof *out->recipients, &mem,
                        &n);
    if (st == CMSFW_OK && n == 0)
        st = cmsfw__fw_fail(t->diag, CMSFW_DECODE_FAILURE, t->type, "no recipientInfos");
    if (st != CMSFW_OK)
        return st;
    out->recipients = mem;
    out->n_recipients = n;
    for (i = 0; st == CMSFW_OK && i < n; i++)
        st = get_recipient(t, i, &out->recipients[i]);
    return st;
}

static cmsfw_err
get_content_info(const cmsfw__tasn *t, cmsfw_wrapped_key *out)
{
    cmsfw__tasn_at alg;
    cmsfw_err st = cmsfw__tasn_get_oid(t, NULL, CMSFW__TASN_ENV_CONTENT_TYPE, &out->content_type);

    if (st == CMSFW_OK)
        st = cmsfw__tasn_at_set(&alg, NULL, CMSFW__TASN_ENV_CONTENT_ALG, 0);
    if (st == CMSFW_OK)
        st = cmsfw__fw_get_alg(t, &alg, &out->cek_alg);
    if (st == CMSFW_OK && cmsfw__tasn_has(t, NULL, CMSFW__TASN_ENV_CONTENT)) {
        out->has_content = 1;
        st = cmsfw__tasn_get_value(t, NULL, CMSFW__TASN_ENV_CONTENT, &out->content);
    }
    return st;
}

/* see cmsfw/fw.h */
cmsfw_err
cmsfw_wrapped_key_decode(cmsfw_wrapped_key *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    cmsfw__tasn t;
    cmsfw_err st = CMSFW_DECODE_FAILURE;

    if (out == NULL)
        return cmsfw__fw_fail(diag, CMSFW_E_ARG, CMSFW__TASN_ENVELOPED_DATA, "NULL argument");
    memset(out, 0, sizeof *out);
    st = cmsfw__tasn_decode(&t, CMSFW__TASN_ENVELOPED_DATA, der, len, diag);
    if (st == CMSFW_OK)
        st = get_version(&t, NULL, CMSFW__TASN_VERSION, &out->version);
    if (st == CMSFW_OK && cmsfw__tasn_has(&t, NULL, CMSFW__TASN_ENV_ORIGINATOR_INFO)) {
        out->has_originator_info = 1;
        st = cmsfw__tasn_get_tlv(&t, NULL, CMSFW__TASN_ENV_ORIGINATOR_INFO, &out->originator_info);
    }
    if (st == CMSFW_OK)
        st = get_recipients(&t, out);
    if (st == CMSFW_OK)
        st = get_content_info(&t, out);
    if (st == CMSFW_OK && cmsfw__tasn_has(&t, NULL, CMSFW__TASN_ENV_UNPROTECTED_ATTRS)) {
        out->has_unprotected_attrs = 1;
        st = cmsfw__tasn_get_tlv(&t, NULL, CMSFW__TASN_ENV_UNPROTECTED_ATTRS,
                                 &out->unprotected_attrs);
    }
    cmsfw__tasn_free(&t);
    if (st != CMSFW_OK)
        cmsfw_wrapped_key_free(out);
    return st;
}

/* see cmsfw/fw.h */
void
cmsfw_wrapped_key_free(cmsfw_wrapped_key *v)
{
    if (v == NULL)
        return;
    free(v->recipients);
    memset(v, 0, sizeof *v);
}
