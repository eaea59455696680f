/*
 * protect_encrypt.c: the encryption layer of a package.
 *
 * EncryptedData ::= SEQUENCE {                       -- RFC 5652 8, AES-CBC
 *     version CMSVersion (0), encryptedContentInfo EncryptedContentInfo }
 * AuthEnvelopedData ::= SEQUENCE {                   -- RFC 5083, AES-GCM
 *     version CMSVersion (0), recipientInfos SET { KEKRecipientInfo },
 *     authEncryptedContentInfo EncryptedContentInfo,
 *     authAttrs [1] IMPLICIT SET { content-type }, mac OCTET STRING }
 * EncryptedContentInfo ::= SEQUENCE {
 *     contentType, contentEncryptionAlgorithm, encryptedContent [0] IMPLICIT }
 *
 * The CEK of an EncryptedData reaches the device in the unsigned
 * wrapped-firmware-key attribute (RFC 4108 2.3.1): an EnvelopedData
 * without encryptedContent whose EncryptedContentInfo repeats the
 * contentType and contentEncryptionAlgorithm (IV included) of the
 * EncryptedData, and whose KEKRecipientInfo wraps the CEK under the KEK.
 */
#include <stdlib.h>
#include <string.h>

#include "cms/diag.h"
#include "cms/pem.h"
#include "cms/protect_priv.h"

#define GCM_NONCE_LEN 12
#define GCM_TAG_LEN 16

/* AlgorithmIdentifier of the content cipher with its parameters: AES-IV
 * (RFC 3565) or GCMParameters { aes-nonce, aes-ICVlen 16 } (RFC 5084; 16
 * is not the DEFAULT 12, so it is written). */
static size_t
put_cipher_alg_id(const cmsfw__enc *e, cmsfw_bytes oid, uint8_t *out, size_t cap)
{
    size_t params = e->gcm ? cmsfw__tlv(cmsfw__tlv(e->iv_len) + 3) : cmsfw__tlv(e->iv_len);
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, out, cap);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         cmsfw__tlv(oid.len) + params);
    cmsfw_der_put_oid(&w, oid.ptr, oid.len);
    if (e->gcm)
        cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                             cmsfw__tlv(e->iv_len) + 3);
    cmsfw_der_put_octets(&w, e->iv, e->iv_len);
    if (e->gcm)
        cmsfw_der_put_uint(&w, GCM_TAG_LEN);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? w.pos : 0;
}

/*
 * KEKRecipientInfo ::= [2] IMPLICIT SEQUENCE {
 *     version CMSVersion (4), kekid KEKIdentifier { keyIdentifier },
 *     keyEncryptionAlgorithm (id-aes128-wrap / id-aes256-wrap, parameters
 *     absent, RFC 3565), encryptedKey OCTET STRING (RFC 3394 output) }
 */
static cmsfw_err
put_recipient(cmsfw__enc *e, const cmsfw_kek *kek, cmsfw_diag *diag)
{
    cmsfw_bytes wrap = cmsfw__oid(kek->key.len == 16 ? "id-aes128-wrap" : "id-aes256-wrap");
    cmsfw_bytes cek = {e->cek, e->cek_len};
    uint8_t wrapped[48];
    size_t wl = 0, kekid = cmsfw__tlv(kek->id.len), alg = cmsfw__tlv(wrap.len);
    cmsfw_bk_status st = cmsfw_bk_aes_kw_wrap(kek->key, cek, wrapped, sizeof wrapped, &wl);
    cmsfw_der_w w;

    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "AES key wrap failed: %s",
                           cmsfw_bk_status_name(st));
    cmsfw_der_w_init(&w, e->recip, sizeof e->recip);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 2,
                         3 + cmsfw__tlv(kekid) + cmsfw__tlv(alg) + cmsfw__tlv(wl));
    cmsfw_der_put_uint(&w, 4);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, kekid);
    cmsfw_der_put_octets(&w, kek->id.ptr, kek->id.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, alg);
    cmsfw_der_put_oid(&w, wrap.ptr, wrap.len);
    cmsfw_der_put_octets(&w, wrapped, wl);
    if (cmsfw_der_w_status(&w) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "KEKRecipientInfo does not fit");
    e->recip_len = w.pos;
    return CMSFW_OK;
}

/*
 * authAttrs: RFC 5083 2.1 requires them when the encrypted content is not
 * id-data, which it never is here; the content-type attribute binds the
 * inner content type to the tag. Kept in the SET OF form, which is the
 * GCM additional data (RFC 5083 2.2); the wire form has the [1] tag.
 */
static cmsfw_err
put_auth_attrs(cmsfw__enc *e, cmsfw_diag *diag)
{
    cmsfw_bytes ct = cmsfw__oid("id-contentType");
    size_t values = cmsfw__tlv(e->inner_type.len);
    size_t attr = cmsfw__tlv(ct.len) + cmsfw__tlv(values);
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, e->auth, sizeof e->auth);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, cmsfw__tlv(attr));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, attr);
    cmsfw_der_put_oid(&w, ct.ptr, ct.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, values);
    cmsfw_der_put_oid(&w, e->inner_type.ptr, e->inner_type.len);
    if (ct.ptr == NULL || cmsfw_der_w_status(&w) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "authAttrs do not fit");
    e->auth_len = w.pos;
    return CMSFW_OK;
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__enc_setup(cmsfw__enc *e, cmsfw_encrypt_alg alg, const cmsfw_kek *kek,
                 cmsfw_bytes inner_type, size_t plain_len, cmsfw_diag *diag)
{
    static const char *const names[] = {"", "id-aes128-CBC", "id-aes256-CBC", "id-aes128-GCM",
                                        "id-aes256-GCM"};
    uint32_t need = CMSFW_BK_CAP_AES_KW | CMSFW_BK_CAP_RANDOM;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    memset(e, 0, sizeof *e);
    if (alg < CMSFW_ENCRYPT_AES128_CBC || alg > CMSFW_ENCRYPT_AES256_GCM)
        return cmsfw__fail(diag, CMSFW_E_ARG, "unknown encryption algorithm %d", (int)alg);
    e->gcm = alg == CMSFW_ENCRYPT_AES128_GCM || alg == CMSFW_ENCRYPT_AES256_GCM;
    need |= e->gcm ? CMSFW_BK_CAP_AES_GCM : CMSFW_BK_CAP_AES_CBC;
    if (!cmsfw_bk_has(need))
        return cmsfw__fail(diag, CMSFW_E_ARG, "the %s backend lacks %s", cmsfw_bk_name(),
                           e->gcm ? "AES-GCM" : "AES-CBC");
    e->inner_type = inner_type;
    e->plain_len = plain_len;
    /* CBC always pads (RFC 5652 6.3): 1 to 16 octets */
    e->ct_len = e->gcm ? plain_len : (plain_len / 16 + 1) * 16;
    /* the CEK size follows the content cipher, not the KEK */
    e->cek_len = (alg == CMSFW_ENCRYPT_AES128_CBC || alg == CMSFW_ENCRYPT_AES128_GCM) ? 16 : 32;
    e->iv_len = e->gcm ? GCM_NONCE_LEN : 16;
    st = cmsfw_bk_random(e->cek, e->cek_len);
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_random(e->iv, e->iv_len);
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "random generator failed: %s",
                           cmsfw_bk_status_name(st));
    e->alg_id_len = put_cipher_alg_id(e, cmsfw__oid(names[alg]), e->alg_id, sizeof e->alg_id);
    if (e->alg_id_len == 0)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "cipher identifier does not fit");
    if (e->gcm && put_auth_attrs(e, diag) != CMSFW_OK)
        return CMSFW_E_BACKEND;
    return put_recipient(e, kek, diag);
}

/* see cms/protect_priv.h */
cmsfw_bytes
cmsfw__enc_content_type(const cmsfw__enc *e)
{
    return cmsfw__oid(e->gcm ? "id-ct-authEnvelopedData" : "id-encryptedData");
}

/* EncryptedContentInfo contents. */
static size_t
eci_contents(const cmsfw__enc *e)
{
    return cmsfw__tlv(e->inner_type.len) + e->alg_id_len + cmsfw__tlv(e->ct_len);
}

static size_t
layer_contents(const cmsfw__enc *e)
{
    size_t n = 3 + cmsfw__tlv(eci_contents(e));

    if (e->gcm)
        n += cmsfw__tlv(e->recip_len) + e->auth_len + cmsfw__tlv(GCM_TAG_LEN);
    return n;
}

/* see cms/protect_priv.h */
size_t
cmsfw__enc_size(const cmsfw__enc *e)
{
    return cmsfw__tlv(layer_contents(e));
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__enc_begin(cmsfw__enc *e, cmsfw__pout *o, cmsfw_diag *diag)
{
    uint8_t head[64 + sizeof e->recip + sizeof e->alg_id];
    cmsfw_bytes key = {e->cek, e->cek_len}, nonce = {e->iv, e->iv_len};
    cmsfw_bytes aad = {e->auth, e->auth_len};
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    cmsfw_der_w w;

    cmsfw_der_w_init(&w, head, sizeof head);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, layer_contents(e));
    cmsfw_der_put_uint(&w, 0);
    if (e->gcm) {
        cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, e->recip_len);
        cmsfw_der_put_bytes(&w, e->recip, e->recip_len);
    }
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, eci_contents(e));
    cmsfw_der_put_oid(&w, e->inner_type.ptr, e->inner_type.len);
    cmsfw_der_put_bytes(&w, e->alg_id, e->alg_id_len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 0, 0, e->ct_len);
    if (cmsfw_der_w_status(&w) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "encryption header does not fit");
    st = e->gcm ? cmsfw_bk_gcm_init(&e->cc, key, nonce, aad, 1) : cmsfw_bk_cbc_init(&e->cc, key,
                                                                                    e->iv, 1);
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "cipher start failed: %s",
                           cmsfw_bk_status_name(st));
    e->started = 1;
    return cmsfw__pout_write(o, head, w.pos);
}

static cmsfw_err
cipher(cmsfw__enc *e, uint8_t *p, size_t n, cmsfw__pout *o, cmsfw_diag *diag)
{
    cmsfw_bk_status st = e->gcm ? cmsfw_bk_gcm_update(&e->cc, p, p, n)
                                : cmsfw_bk_cbc_update(&e->cc, p, p, n);

    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "encryption failed: %s",
                           cmsfw_bk_status_name(st));
    e->ct_done += n;
    return cmsfw__pout_write(o, p, n);
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__enc_update(cmsfw__enc *e, uint8_t *p, size_t n, cmsfw__pout *o, cmsfw_diag *diag)
{
    cmsfw_err err = CMSFW_OK;
    size_t take, whole;

    if (e->gcm || n == 0)
        return n == 0 ? CMSFW_OK : cipher(e, p, n, o, diag);
    if (e->part_len > 0) {
        take = 16 - e->part_len < n ? 16 - e->part_len : n;
        memcpy(e->part + e->part_len, p, take);
        e->part_len += take;
        p += take;
        n -= take;
        if (e->part_len < 16)
            return CMSFW_OK;
        e->part_len = 0;
        err = cipher(e, e->part, 16, o, diag);
    }
    whole = n - n % 16;
    if (err == CMSFW_OK && whole > 0)
        err = cipher(e, p, whole, o, diag);
    if (err == CMSFW_OK && n > whole) {
        memcpy(e->part, p + whole, n - whole);
        e->part_len = n - whole;
    }
    return err;
}

/* see cms/protect_priv.h */
cmsfw_err
cmsfw__enc_finish(cmsfw__enc *e, cmsfw__pout *o, cmsfw_diag *diag)
{
    uint8_t mac[2 + GCM_TAG_LEN] = {CMSFW_DER_TAG_OCTET_STRING, GCM_TAG_LEN};
    uint8_t pad = (uint8_t)(16 - e->part_len);
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    cmsfw_err err = CMSFW_OK;

    if (!e->gcm) {
        memset(e->part + e->part_len, pad, pad);
        e->part_len = 0;
        err = cipher(e, e->part, 16, o, diag);
        st = cmsfw_bk_cbc_finish(&e->cc);
    } else {
        st = cmsfw_bk_gcm_encrypt_final(&e->cc, mac + 2, GCM_TAG_LEN);
    }
    e->started = 0;
    if (err != CMSFW_OK)
        return err;
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "encryption failed: %s",
                           cmsfw_bk_status_name(st));
    if (e->ct_done != e->ct_len)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "ciphertext of %zu octets, %zu announced",
                           e->ct_done, e->ct_len);
    if (!e->gcm)
        return CMSFW_OK;
    /* authAttrs on the wire: [1] IMPLICIT (context, constructed) */
    e->auth[0] = 0xa1;
    err = cmsfw__pout_write(o, e->auth, e->auth_len);
    e->auth[0] = 0x31;
    return err != CMSFW_OK ? err : cmsfw__pout_write(o, mac, sizeof mac);
}

/*
 * unsignedAttrs [1] IMPLICIT SET { Attribute { id-aa-wrappedFirmwareKey,
 *   SET { EnvelopedData { version 2, recipientInfos SET { kekri },
 *                         encryptedContentInfo { contentType, cipher } } } } }
 * Version 2: RFC 5652 6.1 gives 0 only when every RecipientInfo has
 * version 0, and a KEKRecipientInfo has version 4.
 */
/* see cms/protect_priv.h */
cmsfw_err
cmsfw__enc_unsigned_attrs(const cmsfw__enc *e, uint8_t **out, size_t *out_len, cmsfw_diag *diag)
{
    size_t eci = cmsfw__tlv(e->inner_type.len) + e->alg_id_len;
    size_t env = 3 + cmsfw__tlv(e->recip_len) + cmsfw__tlv(eci);
    cmsfw__attrs a;
    cmsfw_err err = CMSFW_E_ARG;
    uint8_t *p = NULL;
    cmsfw_der_w w;

    memset(&a, 0, sizeof a);
    *out = NULL;
    p = cmsfw__attrs_slot(&a, cmsfw__oid("id-aa-wrappedFirmwareKey"), cmsfw__tlv(env), &err);
    if (p == NULL)
        return cmsfw__fail(diag, err, "out of memory");
    cmsfw_der_w_init(&w, p, cmsfw__tlv(env));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, env);
    cmsfw_der_put_uint(&w, 2);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, e->recip_len);
    cmsfw_der_put_bytes(&w, e->recip, e->recip_len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, eci);
    cmsfw_der_put_oid(&w, e->inner_type.ptr, e->inner_type.len);
    cmsfw_der_put_bytes(&w, e->alg_id, e->alg_id_len);
    *out_len = cmsfw__tlv(a.len[0]);
    *out = malloc(*out_len);
    if (*out == NULL) {
        cmsfw__attrs_free(&a);
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    }
    cmsfw_der_w_init(&w, *out, *out_len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 1, a.len[0]);
    cmsfw__attrs_put(&w, &a);
    cmsfw__attrs_free(&a);
    return CMSFW_OK;
}

/* see cms/protect_priv.h */
void
cmsfw__enc_wipe(cmsfw__enc *e)
{
    if (e->started)
        cmsfw_bk_cipher_abort(&e->cc);
    cmsfw__key_wipe(e, sizeof *e);
}
