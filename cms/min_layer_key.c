/*
 * min_layer_key.c: the content-encryption key of step 21 (cms/min_layer.h),
 * found as cms/unwrap_keys.c of the full profile finds it, in the same
 * order and with the same codes:
 *   EncryptedData      a stored CEK the decrypt-key-identifier names, else
 *                      the wrapped-firmware-key attribute, whose content
 *                      type and algorithm must be the layer's, and one of
 *                      its KEKRecipientInfos;
 *   AuthEnvelopedData  a KEKRecipientInfo of its recipientInfos, else a
 *                      stored CEK the decrypt-key-identifier names.
 * A KEK or CEK of the wrong length, or an unwrapped key of the wrong
 * length, is decryptFailure when no other key is found; no key at all,
 * noDecryptKey.
 */
#include <string.h>

#include "cms/min_layer.h"

#define TAG_ORIGINATOR_INFO 0u
#define TAG_KEKRI 2u
#define KEKRI_VERSION 4

/* AES key wraps, 2.16.840.1.101.3.4.1.arc: arc, KEK length, padded */
static const uint8_t wraps[][3] = {
    {5, 16, 0}, {25, 24, 0}, {45, 32, 0}, {8, 16, 1}, {28, 24, 1}, {48, 32, 1},
};

/* A KEKRecipientInfo, strings gathered in place. */
typedef struct kekri_view {
    int64_t version;
    cmsfw_bytes key_id;
    cmsfw_alg_id alg;
    cmsfw_bytes enc_key;
} kekri_view;

static void
use_key(min_layer *u, const uint8_t *key, size_t len, const cmsfw_kek *named)
{
    memcpy(u->io.k.cek, key, len);
    u->cek_len = len;
    u->m->res.decrypt_key_id = named->id;
}

/* One KEKRecipientInfo: 1 with the CEK in u->io.k.cek. */
static int
try_kekri(min_layer *u, const kekri_view *k, int *misfit)
{
    const cmsfw_device *dev = u->m->dev;
    const uint8_t *wd = NULL;
    uint8_t *cek = u->io.k.unwrapped;
    size_t i, n = 0;
    cmsfw_bk_status bs;
    int found = 0;

    if (k->alg.params.ptr == NULL)
        wd = cmsfw__ml_aes_arc(k->alg.oid, wraps, sizeof wraps / sizeof wraps[0]);
    if (k->version != KEKRI_VERSION || wd == NULL || k->enc_key.ptr == NULL ||
        k->enc_key.len > ML_WRAPPED_MAX || !cmsfw_bk_has(CMSFW_BK_CAP_AES_KW))
        return 0;
    for (i = 0; i < dev->n_keks && !found; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_KEK || !cmsfw__ml_bytes_eq(dev->keks[i].id, k->key_id))
            continue;
        if (dev->keks[i].key.len != wd[1]) {
            *misfit = 1;
            continue;
        }
        if (wd[2])
            bs = cmsfw_bk_aes_kwp_unwrap(dev->keks[i].key, k->enc_key, cek, ML_WRAPPED_MAX, &n);
        else
            bs = cmsfw_bk_aes_kw_unwrap(dev->keks[i].key, k->enc_key, cek, ML_WRAPPED_MAX, &n);
        if (bs != CMSFW_BK_OK)
            continue;
        if (n == u->key_len) {
            use_key(u, cek, n, &dev->keks[i]);
            found = 1;
        } else {
            *misfit = 1;
        }
    }
    cmsfw__ml_wipe(cek, ML_WRAPPED_MAX);
    return found;
}

/* A stored CEK named by the decrypt-key-identifier. */
static int
try_direct(min_layer *u, int *misfit)
{
    const cmsfw_device *dev = u->m->dev;
    const cmsfw_bytes want = u->m->s.decrypt_key_id;
    size_t i;

    if (want.ptr == NULL)
        return 0;
    for (i = 0; i < dev->n_keks; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_CEK || !cmsfw__ml_bytes_eq(dev->keks[i].id, want))
            continue;
        if (dev->keks[i].key.len == u->key_len && dev->keks[i].key.ptr != NULL) {
            use_key(u, dev->keks[i].key.ptr, u->key_len, &dev->keks[i]);
            return 1;
        }
        *misfit = 1;
    }
    return 0;
}

static cmsfw_err
no_key(min_layer *u, int misfit)
{
    if (misfit)
        return cmsfw__ml_fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    return cmsfw__ml_fail(u, CMSFW_NO_DECRYPT_KEY, "no decryption key");
}

/* KEKRecipientInfo ::= SEQUENCE { version CMSVersion, -- [2] IMPLICIT
 *   kekid SEQUENCE { keyIdentifier OCTET STRING, ... },
 *   keyEncryptionAlgorithm AlgorithmIdentifier, encryptedKey OCTET STRING }
 * at p. BER when mut is set: mut is p, writable, and constructed strings
 * are gathered in place; DER otherwise (strings are then views). */
static int
parse_kekri(min_layer *u, const uint8_t *p, uint8_t *mut, size_t n, kekri_view *k)
{
    const int ber = mut != NULL;
    cmsfw_der_cur c, in, sub;
    cmsfw_der_tlv ri, t, seq;

    memset(k, 0, sizeof *k);
    cmsfw_der_init(&c, p, n, ber);
    if (cmsfw_der_expect(&c, CMSFW_DER_CONTEXT, 1, TAG_KEKRI, &ri) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &ri, ber);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &k->version) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
            CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&sub, &seq, ber);
    if (cmsfw_der_expect(&sub, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__ml_gather(u, &t, ber ? mut + (t.val - p) : NULL, SIZE_MAX, &k->key_id))
        return 0;
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
            CMSFW_DER_OK ||
        cmsfw__ml_split_alg(seq.tlv, seq.tlv_len, ber, &k->alg) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__ml_gather(u, &t, ber ? mut + (t.val - p) : NULL, ML_WRAPPED_MAX, &k->enc_key))
        return 0;
    return cmsfw_der_at_end(&in);
}

/* Same OID, and the same parameters TLV (or both absent). */
static int
alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    if (!cmsfw__ml_bytes_eq(a->oid, b->oid))
        return 0;
    if (a->params.ptr == NULL || b->params.ptr == NULL)
        return a->params.ptr == NULL && b->params.ptr == NULL;
    return cmsfw__ml_bytes_eq(a->params, b->params);
}

/* WrappedFirmwareKey ::= EnvelopedData ::= SEQUENCE { version CMSVersion,
 *   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
 *   recipientInfos SET OF RecipientInfo,
 *   encryptedContentInfo SEQUENCE { contentType, contentEncryptionAlgorithm,
 *     encryptedContent [0] OPTIONAL },
 *   unprotectedAttrs [1] IMPLICIT OPTIONAL }
 * DER (step 8 checked it decodes): the parts the key step compares. */
static int
wrapped_parts(cmsfw_bytes wk, cmsfw_der_tlv *set, cmsfw_bytes *type, cmsfw_alg_id *alg)
{
    cmsfw_der_cur c, in, e;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, wk.ptr, wk.len, 0);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &t, 0);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK)
        return 0;
    (void)cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, -1, TAG_ORIGINATOR_INFO, &t); /* OPTIONAL */
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, set) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&e, &t, 0);
    if (cmsfw_der_expect(&e, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &t) != CMSFW_DER_OK)
        return 0;
    type->ptr = t.val;
    type->len = t.len;
    return cmsfw_der_expect(&e, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &t) ==
               CMSFW_DER_OK &&
           cmsfw__ml_split_alg(t.tlv, t.tlv_len, 0, alg) == CMSFW_DER_OK;
}

/* EncryptedData: the decrypt-key-identifier naming a stored CEK, else the
 * wrapped-firmware-key attribute, which must match the layer. */
static cmsfw_err
key_encrypted(min_layer *u)
{
    const cmsfw_bytes wk = u->m->s.wrapped_key;
    cmsfw_der_tlv set, ri;
    cmsfw_der_cur c;
    cmsfw_bytes type = {NULL, 0};
    cmsfw_alg_id alg;
    kekri_view k;
    int misfit = 0;

    if (try_direct(u, &misfit))
        return CMSFW_OK;
    if (wk.ptr == NULL)
        return no_key(u, misfit);
    memset(&alg, 0, sizeof alg);
    if (!wrapped_parts(wk, &set, &type, &alg))
        return cmsfw__ml_fail(u, CMSFW_BAD_UNSIGNED_ATTRS, "bad wrapped-firmware-key");
    if (!cmsfw__ml_bytes_eq(type, u->type) || !alg_equal(&alg, &u->alg))
        return cmsfw__ml_fail(u, CMSFW_BAD_UNSIGNED_ATTRS,
                    "bad wrapped-firmware-key");
    cmsfw_der_enter(&c, &set, 0);
    while (cmsfw_der_read(&c, &ri) == CMSFW_DER_OK)
        if (parse_kekri(u, ri.tlv, NULL, ri.tlv_len, &k) && try_kekri(u, &k, &misfit))
            return CMSFW_OK;
    return no_key(u, misfit);
}

/* AuthEnvelopedData: a KEKRecipientInfo of its recipientInfos, else the
 * decrypt-key-identifier naming a stored CEK. */
static cmsfw_err
key_enveloped(min_layer *u)
{
    kekri_view k;
    ml_cur in;
    ml_hdr x;
    size_t n = 0;
    int misfit = 0, found = 0, st = CMSFW_DER_END;

    cmsfw__ml_enter(&u->recips, &in);
    while (!found && (st = cmsfw__ml_next(&u->st, &in, &x)) == CMSFW_DER_OK) {
        if (x.cls != CMSFW_DER_CONTEXT || x.tag != TAG_KEKRI || !x.cons) {
            st = cmsfw__ml_skip(&u->st, &in, &x, NULL);
        } else {
            st = cmsfw__ml_load(&u->st, &in, &x, u->io.k.small, sizeof u->io.k.small, &n);
            if (st == CMSFW_DER_BUFFER) {
                if (n <= ML_FULL_SMALL)
                    u->limits |= CMSFW_MIN_LIMIT_WORK;
                st = CMSFW_DER_OK;
            } else if (st == CMSFW_DER_OK && parse_kekri(u, u->io.k.small, u->io.k.small, n, &k)) {
                found = try_kekri(u, &k, &misfit);
            }
        }
        if (st != CMSFW_DER_OK)
            return cmsfw__ml_bad(u, st);
    }
    if (found)
        return CMSFW_OK;
    if (st != CMSFW_DER_END)
        return cmsfw__ml_bad(u, st);
    if (try_direct(u, &misfit))
        return CMSFW_OK;
    return no_key(u, misfit);
}

/* see cms/min_layer.h */
cmsfw_err
cmsfw__ml_key(min_layer *u)
{
    cmsfw_err err = u->auth ? key_enveloped(u) : key_encrypted(u);

    if (err == CMSFW_OK && u->auth && u->mac_len != u->icv_len)
        err = cmsfw__ml_fail(u, CMSFW_DECRYPT_FAILURE, "decryption failed");
    return err;
}
