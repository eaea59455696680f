/*
 * test_protect_unwrap.c: tp_unwrap(), the layers of a package removed
 * with the DER cursor, the fw.h codec, the backend and zlib, checking
 * each structure against the RFC 4108 profile on the way.
 */
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <cmsfw/fw.h>

#include "asn1/der.h"
#include "backends/backend.h"
#include "test_protect_util.h"

#define NEED(cond)                                                                        \
    do {                                                                                  \
        if (!(cond))                                                                      \
            return __LINE__;                                                              \
    } while (0)

static cmsfw_bytes
view(const uint8_t *p, size_t n)
{
    cmsfw_bytes b;

    b.ptr = p;
    b.len = n;
    return b;
}

static int
same(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

static int
get(cmsfw_der_cur *c, uint8_t cls, int cons, uint32_t tag, cmsfw_der_tlv *t)
{
    return cmsfw_der_expect(c, cls, cons, tag, t) == CMSFW_DER_OK;
}

static int
get_u(cmsfw_der_cur *c, uint32_t tag, cmsfw_der_tlv *t)
{
    return get(c, CMSFW_DER_UNIVERSAL, tag == CMSFW_DER_TAG_SEQUENCE || tag == CMSFW_DER_TAG_SET,
               tag, t);
}

static int
int_is(cmsfw_der_cur *c, int64_t want)
{
    cmsfw_der_tlv t;
    int64_t v = -1;

    return get_u(c, CMSFW_DER_TAG_INTEGER, &t) && cmsfw_der_get_int(&t, &v) == CMSFW_DER_OK &&
           v == want;
}

/* The whole of @p der is one DER TLV; *t is it. */
static int
one_tlv(cmsfw_bytes der, cmsfw_der_tlv *t)
{
    cmsfw_der_cur c;

    cmsfw_der_init(&c, der.ptr, der.len, 0);
    return cmsfw_der_read(&c, t) == CMSFW_DER_OK && cmsfw_der_at_end(&c) &&
           cmsfw_der_walk(t, 0) == CMSFW_DER_OK;
}

static tb_buf
copy(cmsfw_bytes b)
{
    tb_buf r;

    r.ptr = malloc(b.len + 1);
    r.len = r.ptr != NULL ? b.len : 0;
    if (r.ptr != NULL && b.len > 0)
        memcpy(r.ptr, b.ptr, b.len);
    return r;
}

/* KEKRecipientInfo ::= [2] { version 4, kekid { keyIdentifier },
 *   keyEncryptionAlgorithm (params absent), encryptedKey } -> CEK */
static int
kekri(const cmsfw_der_tlv *ri, cmsfw_bytes kek, tp_layers *l, uint8_t *cek, size_t *cek_len)
{
    cmsfw_der_cur c, k;
    cmsfw_der_tlv t, u;

    NEED(ri->cls == CMSFW_DER_CONTEXT && ri->tag == 2 && ri->constructed);
    cmsfw_der_enter(&c, ri, 0);
    NEED(int_is(&c, 4));
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &t));
    cmsfw_der_enter(&k, &t, 0);
    NEED(get_u(&k, CMSFW_DER_TAG_OCTET_STRING, &u) && cmsfw_der_at_end(&k));
    l->kek_id = view(u.val, u.len);
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &t));
    cmsfw_der_enter(&k, &t, 0);
    NEED(get_u(&k, CMSFW_DER_TAG_OID, &u) && cmsfw_der_at_end(&k));
    l->wrap_oid = view(u.val, u.len);
    NEED(same(l->wrap_oid, tp_oid(kek.len == 16 ? "id-aes128-wrap" : "id-aes256-wrap")));
    NEED(get_u(&c, CMSFW_DER_TAG_OCTET_STRING, &t) && cmsfw_der_at_end(&c));
    NEED(cmsfw_bk_aes_kw_unwrap(kek, view(t.val, t.len), cek, 32, cek_len) == CMSFW_BK_OK);
    return 0;
}

/* EncryptedContentInfo { contentType, contentEncryptionAlgorithm,
 *   [0] IMPLICIT encryptedContent (primitive) } */
static int
enc_content_info(const cmsfw_der_tlv *eci, int gcm, tp_layers *l, cmsfw_bytes *iv)
{
    static const char *const names[] = {"id-aes128-CBC", "id-aes256-CBC", "id-aes128-GCM",
                                        "id-aes256-GCM"};
    cmsfw_der_cur c, a, p;
    cmsfw_der_tlv t, alg, u;
    int i;

    cmsfw_der_enter(&c, eci, 0);
    NEED(get_u(&c, CMSFW_DER_TAG_OID, &t));
    l->inner_type = view(t.val, t.len);
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &alg));
    l->enc_alg = view(alg.tlv, alg.tlv_len);
    NEED(get(&c, CMSFW_DER_CONTEXT, 0, 0, &t) && cmsfw_der_at_end(&c));
    l->ciphertext = view(t.val, t.len);
    cmsfw_der_enter(&a, &alg, 0);
    NEED(get_u(&a, CMSFW_DER_TAG_OID, &t));
    for (i = gcm ? 2 : 0; i < (gcm ? 4 : 2); i++)
        if (same(view(t.val, t.len), tp_oid(names[i])))
            l->cek_len = i % 2 == 0 ? 16 : 32;
    NEED(l->cek_len != 0);
    if (!gcm) {
        NEED(get_u(&a, CMSFW_DER_TAG_OCTET_STRING, &u) && cmsfw_der_at_end(&a) && u.len == 16);
    } else {
        /* GCMParameters { aes-nonce (12), aes-ICVlen 16 written out } */
        NEED(get_u(&a, CMSFW_DER_TAG_SEQUENCE, &t) && cmsfw_der_at_end(&a));
        cmsfw_der_enter(&p, &t, 0);
        NEED(get_u(&p, CMSFW_DER_TAG_OCTET_STRING, &u) && u.len == 12);
        NEED(int_is(&p, 16) && cmsfw_der_at_end(&p));
    }
    *iv = view(u.val, u.len);
    return 0;
}

/* The wrapped-firmware-key must repeat the EncryptedData's contentType
 * and algorithm (IV included) and carry the CEK for our KEK. */
static int
wrapped_key(const tp_pkg *p, cmsfw_bytes kek, tp_layers *l, uint8_t *cek, size_t *cek_len)
{
    cmsfw_bytes v = tp_attr(p->unsigned_attrs, tp_oid("id-aa-wrappedFirmwareKey"));
    cmsfw_wrapped_key wk;
    cmsfw_der_tlv t, alg;
    int rc = 0;

    NEED(v.ptr != NULL && tp_attr_count(p->unsigned_attrs) == 1);
    NEED(cmsfw_wrapped_key_decode(&wk, v.ptr, v.len, NULL) == CMSFW_OK);
    if (wk.version != 2 || wk.n_recipients != 1 || wk.recipients[0].kind != CMSFW_RECIPIENT_KEKRI ||
        wk.has_content || wk.has_originator_info || wk.has_unprotected_attrs ||
        !same(wk.content_type, l->inner_type) || !one_tlv(l->enc_alg, &alg))
        rc = __LINE__;
    /* contentEncryptionAlgorithm equal, parameters included */
    if (rc == 0) {
        cmsfw_der_cur c;
        cmsfw_der_tlv o, prm;
        cmsfw_der_enter(&c, &alg, 0);
        if (cmsfw_der_read(&c, &o) != CMSFW_DER_OK || cmsfw_der_read(&c, &prm) != CMSFW_DER_OK ||
            !same(wk.cek_alg.oid, view(o.val, o.len)) ||
            !same(wk.cek_alg.params, view(prm.tlv, prm.tlv_len)))
            rc = __LINE__;
    }
    if (rc == 0 && one_tlv(wk.recipients[0].raw, &t)) {
        l->env_recipient = wk.recipients[0].raw;
        rc = kekri(&t, kek, l, cek, cek_len);
    } else if (rc == 0) {
        rc = __LINE__;
    }
    cmsfw_wrapped_key_free(&wk);
    return rc;
}

/* EncryptedData { version 0, encryptedContentInfo } (no unprotectedAttrs) */
static int
unwrap_cbc(const tp_pkg *p, cmsfw_bytes data, cmsfw_bytes kek, tp_layers *l)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv ed, eci;
    cmsfw_bytes iv;
    uint8_t cek[32];
    size_t cek_len = 0, pad;
    cmsfw_bk_cipher_ctx cc;
    int rc;

    NEED(one_tlv(data, &ed));
    cmsfw_der_enter(&c, &ed, 0);
    NEED(int_is(&c, 0) && get_u(&c, CMSFW_DER_TAG_SEQUENCE, &eci) && cmsfw_der_at_end(&c));
    if ((rc = enc_content_info(&eci, 0, l, &iv)) != 0 ||
        (rc = wrapped_key(p, kek, l, cek, &cek_len)) != 0)
        return rc;
    NEED(cek_len == l->cek_len);
    NEED(l->ciphertext.len > 0 && l->ciphertext.len % 16 == 0);
    l->plain.ptr = malloc(l->ciphertext.len);
    NEED(l->plain.ptr != NULL);
    NEED(cmsfw_bk_cbc_init(&cc, view(cek, cek_len), iv.ptr, 0) == CMSFW_BK_OK);
    NEED(cmsfw_bk_cbc_update(&cc, l->ciphertext.ptr, l->plain.ptr, l->ciphertext.len) ==
         CMSFW_BK_OK);
    NEED(cmsfw_bk_cbc_finish(&cc) == CMSFW_BK_OK);
    pad = l->plain.ptr[l->ciphertext.len - 1];
    NEED(pad >= 1 && pad <= 16);
    for (rc = 1; (size_t)rc <= pad; rc++)
        NEED(l->plain.ptr[l->ciphertext.len - (size_t)rc] == pad);
    l->plain.len = l->ciphertext.len - pad;
    l->cbc = 1;
    return 0;
}

/* authAttrs [1] IMPLICIT SET { Attribute { id-contentType, SET { inner } } }:
 * RFC 5083 2.1 requires them when the content is not id-data. The GCM
 * additional data is their DER with the SET OF identifier (2.2). */
static int
auth_attrs(const cmsfw_der_tlv *aa, const tp_layers *l, uint8_t *aad, size_t cap)
{
    cmsfw_der_cur c, a, v;
    cmsfw_der_tlv attr, type, values, value;
    cmsfw_bytes ct = tp_oid("id-contentType");

    NEED(aa->cls == CMSFW_DER_CONTEXT && aa->constructed && aa->tag == 1);
    NEED(aa->tlv_len <= cap);
    cmsfw_der_enter(&c, aa, 0);
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &attr) && cmsfw_der_at_end(&c));
    cmsfw_der_enter(&a, &attr, 0);
    NEED(get_u(&a, CMSFW_DER_TAG_OID, &type) && same(view(type.val, type.len), ct));
    NEED(get_u(&a, CMSFW_DER_TAG_SET, &values) && cmsfw_der_at_end(&a));
    cmsfw_der_enter(&v, &values, 0);
    NEED(get_u(&v, CMSFW_DER_TAG_OID, &value) && cmsfw_der_at_end(&v));
    NEED(same(view(value.val, value.len), l->inner_type));
    memcpy(aad, aa->tlv, aa->tlv_len);
    aad[0] = 0x31;
    return 0;
}

/* AuthEnvelopedData { version 0, recipientInfos SET { kekri },
 *   authEncryptedContentInfo, authAttrs, mac } (no unauthAttrs) */
static int
unwrap_gcm(cmsfw_bytes data, cmsfw_bytes kek, tp_layers *l)
{
    cmsfw_der_cur c, r;
    cmsfw_der_tlv aed, set, ri, eci, aa, mac;
    cmsfw_bytes nonce;
    uint8_t aad[128];
    uint8_t cek[32];
    size_t cek_len = 0;
    cmsfw_bk_cipher_ctx cc;
    int rc;

    NEED(one_tlv(data, &aed));
    cmsfw_der_enter(&c, &aed, 0);
    NEED(int_is(&c, 0) && get_u(&c, CMSFW_DER_TAG_SET, &set));
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &eci));
    NEED(cmsfw_der_read(&c, &aa) == CMSFW_DER_OK);
    NEED(get_u(&c, CMSFW_DER_TAG_OCTET_STRING, &mac) && cmsfw_der_at_end(&c) && mac.len == 16);
    cmsfw_der_enter(&r, &set, 0);
    NEED(cmsfw_der_read(&r, &ri) == CMSFW_DER_OK && cmsfw_der_at_end(&r));
    if ((rc = enc_content_info(&eci, 1, l, &nonce)) != 0 ||
        (rc = kekri(&ri, kek, l, cek, &cek_len)) != 0 ||
        (rc = auth_attrs(&aa, l, aad, sizeof aad)) != 0)
        return rc;
    NEED(cek_len == l->cek_len);
    l->plain.ptr = malloc(l->ciphertext.len + 1);
    NEED(l->plain.ptr != NULL);
    NEED(cmsfw_bk_gcm_init(&cc, view(cek, cek_len), nonce, view(aad, aa.tlv_len), 0) ==
         CMSFW_BK_OK);
    NEED(cmsfw_bk_gcm_update(&cc, l->ciphertext.ptr, l->plain.ptr, l->ciphertext.len) ==
         CMSFW_BK_OK);
    NEED(cmsfw_bk_gcm_decrypt_final(&cc, mac.val, 16) == CMSFW_BK_OK);
    l->plain.len = l->ciphertext.len;
    l->gcm = 1;
    return 0;
}

/* CompressedData { version 0, { id-alg-zlibCompress } (params absent),
 *   { id-ct-firmwarePackage, [0] { OCTET STRING zlib stream } } } */
static int
inflate_layer(cmsfw_bytes data, tp_layers *l)
{
    cmsfw_der_cur c, a;
    cmsfw_der_tlv cd, t, u;
    z_stream z;
    size_t cap = 1024;
    int zr = Z_OK;

    NEED(one_tlv(data, &cd));
    cmsfw_der_enter(&c, &cd, 0);
    NEED(int_is(&c, 0) && get_u(&c, CMSFW_DER_TAG_SEQUENCE, &t));
    cmsfw_der_enter(&a, &t, 0);
    NEED(get_u(&a, CMSFW_DER_TAG_OID, &u) && cmsfw_der_at_end(&a));
    NEED(same(view(u.val, u.len), tp_oid("id-alg-zlibCompress")));
    NEED(get_u(&c, CMSFW_DER_TAG_SEQUENCE, &t) && cmsfw_der_at_end(&c));
    cmsfw_der_enter(&a, &t, 0);
    NEED(get_u(&a, CMSFW_DER_TAG_OID, &u));
    NEED(same(view(u.val, u.len), tp_oid("id-ct-firmwarePackage")));
    NEED(get(&a, CMSFW_DER_CONTEXT, 1, 0, &t) && cmsfw_der_at_end(&a));
    cmsfw_der_enter(&a, &t, 0);
    NEED(get_u(&a, CMSFW_DER_TAG_OCTET_STRING, &u) && cmsfw_der_at_end(&a));
    /* a zlib (RFC 1950) header: CM 8, no preset dictionary */
    NEED(u.len >= 2 && (u.val[0] & 0x0f) == 8 && (u.val[1] & 0x20) == 0);
    memset(&z, 0, sizeof z);
    NEED(inflateInit(&z) == Z_OK);
    z.next_in = (Bytef *)(uintptr_t)u.val;
    z.avail_in = (uInt)u.len;
    l->image.ptr = NULL;
    while (zr == Z_OK) {
        uint8_t *p = realloc(l->image.ptr, cap * 2);
        if (p == NULL)
            break;
        l->image.ptr = p;
        cap *= 2;
        z.next_out = p + z.total_out;
        z.avail_out = (uInt)(cap - z.total_out);
        zr = inflate(&z, Z_NO_FLUSH);
    }
    l->image.len = z.total_out;
    inflateEnd(&z);
    NEED(zr == Z_STREAM_END && z.avail_in == 0);
    l->compressed = 1;
    return 0;
}

int
tp_unwrap(const tp_pkg *p, cmsfw_bytes kek, tp_layers *l)
{
    cmsfw_bytes type = p->econtent_type, data = p->econtent;
    int rc = 0;

    memset(l, 0, sizeof *l);
    if (same(type, tp_oid("id-encryptedData")))
        rc = unwrap_cbc(p, data, kek, l);
    else if (same(type, tp_oid("id-ct-authEnvelopedData")))
        rc = unwrap_gcm(data, kek, l);
    if (rc != 0)
        return rc;
    if (l->cbc || l->gcm) {
        NEED(p->unsigned_attrs.ptr == NULL || l->cbc);
        type = l->inner_type;
        data = tb_view(l->plain);
    } else {
        NEED(p->unsigned_attrs.ptr == NULL);
    }
    if (same(type, tp_oid("id-ct-compressedData")))
        return inflate_layer(data, l);
    NEED(same(type, tp_oid("id-ct-firmwarePackage")));
    l->image = copy(data);
    return 0;
}

void
tp_layers_free(tp_layers *l)
{
    tb_free(&l->plain);
    tb_free(&l->image);
}
