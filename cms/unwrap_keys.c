/*
 * unwrap_keys.c: the content-encryption key (CEK) of step 21.
 *
 * The device has one symmetric key store, dev->keks, keyed by identifier.
 *   EncryptedData: (a) the decrypt-key-identifier names the CEK itself;
 *     else (b) the wrapped-firmware-key attribute (an EnvelopedData with
 *     detached content) carries it: its contentType and
 *     contentEncryptionAlgorithm must equal the EncryptedData's, byte for
 *     byte (else badUnsignedAttrs, RFC 4108 digest 3.7 rule 3), and a
 *     KEKRecipientInfo whose keyIdentifier names a stored key gives the CEK
 *     by AES key unwrap.
 *   EnvelopedData, AuthEnvelopedData: a KEKRecipientInfo of the layer's
 *     own recipientInfos; else a decrypt-key-identifier naming the CEK
 *     (revision profile 5.3).
 * The decrypt-key-identifier may name either the CEK or the key-encryption
 * key (revision profile 5.3; cmsfw protect writes the KEK identifier).
 * When it equals the keyIdentifier of a KEKRecipientInfo that comes with
 * the layer, it names that KEK and is never taken as the CEK: a failed
 * unwrap is then noDecryptKey, not a decryption with the KEK.
 * Other recipient kinds are skipped, as are KEKRecipientInfos that do not
 * parse, name no stored key, or use a key-wrap algorithm other than
 * AES-KW / AES-KWP with parameters absent. A key unwrap that fails its
 * integrity check moves on to the next candidate.
 *
 * No candidate: noDecryptKey (22). A candidate found whose key length
 * does not fit its algorithm (a stored CEK or an unwrapped one against the
 * content cipher, a stored KEK against the key-wrap algorithm), with no
 * other key that serves: decryptFailure (23), as RFC 4108 digest step 21
 * lists "a key whose length does not fit the algorithm".
 * res->decrypt_key_id is the identifier of the stored key used (the CEK
 * or the key-encryption key), as the device holds it.
 */
#include <string.h>

#include "cms/diag.h"
#include "cms/unwrap_priv.h"

/* AES key wrap OIDs: 2.16.840.1.101.3.4.1.n */
static const uint8_t oid_aes_prefix[8] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};

typedef struct wrap_def {
    uint8_t arc;
    size_t kek_len;
    int pad; /* RFC 5649 */
} wrap_def;

static const wrap_def wraps[] = {
    {5, 16, 0}, {25, 24, 0}, {45, 32, 0}, {8, 16, 1}, {28, 24, 1}, {48, 32, 1},
};

/* KEKRecipientInfo version (RFC 5652 section 6.2.3: always 4). */
#define KEKRI_VERSION 4
/* The RecipientInfo CHOICE tag of kekri: [2]. */
#define KEKRI_TAG 2u
/* Longest wrapped key accepted: a 32-octet CEK wrapped with padding. */
#define WRAPPED_MAX (CMSFW__UW_CEK_MAX + 16u)

/* A KEKRecipientInfo, its octet strings gathered. */
typedef struct kekri_view {
    int64_t version;
    cmsfw_bytes key_id;
    cmsfw_alg_id alg;
    cmsfw_bytes enc_key;
    uint8_t id_buf[CMSFW__UW_SMALL];
    uint8_t ek_buf[WRAPPED_MAX];
} kekri_view;

static int
bytes_equal(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len &&
           (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* Same OID, and the same parameters TLV (or both absent). */
static int
alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    if (!bytes_equal(a->oid, b->oid))
        return 0;
    if (a->params.ptr == NULL || b->params.ptr == NULL)
        return a->params.ptr == NULL && b->params.ptr == NULL;
    return bytes_equal(a->params, b->params);
}

static const wrap_def *
find_wrap(const cmsfw_alg_id *alg)
{
    size_t i;

    if (alg->params.ptr != NULL || alg->oid.ptr == NULL ||
        alg->oid.len != sizeof(oid_aes_prefix) + 1 ||
        memcmp(alg->oid.ptr, oid_aes_prefix, sizeof(oid_aes_prefix)) != 0)
        return NULL;
    for (i = 0; i < sizeof(wraps) / sizeof(wraps[0]); i++)
        if (wraps[i].arc == alg->oid.ptr[sizeof(oid_aes_prefix)])
            return &wraps[i];
    return NULL;
}

static void
use_key(cmsfw__uw *uw, const uint8_t *key, size_t len, const cmsfw_kek *named)
{
    memcpy(uw->cek, key, len);
    uw->cek_len = len;
    uw->res->decrypt_key_id = named->id;
}

/* One KEKRecipientInfo: 1 with the CEK in uw->cek. */
static int
try_kekri(cmsfw__uw *uw, int64_t version, cmsfw_bytes key_id, const cmsfw_alg_id *alg,
          cmsfw_bytes enc_key, int *misfit)
{
    const cmsfw_device *dev = uw->dev;
    const wrap_def *wd = find_wrap(alg);
    uint8_t cek[WRAPPED_MAX];
    size_t i, n = 0;
    cmsfw_bk_status bs;
    int found = 0;

    if (version != KEKRI_VERSION || wd == NULL || enc_key.ptr == NULL ||
        enc_key.len > WRAPPED_MAX || !cmsfw_bk_has(CMSFW_BK_CAP_AES_KW))
        return 0;
    for (i = 0; i < dev->n_keks && !found; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_KEK || !bytes_equal(dev->keks[i].id, key_id))
            continue;
        if (dev->keks[i].key.len != wd->kek_len) {
            *misfit = 1; /* the key named does not fit the key-wrap algorithm */
            continue;
        }
        if (wd->pad)
            bs = cmsfw_bk_aes_kwp_unwrap(dev->keks[i].key, enc_key, cek, sizeof(cek), &n);
        else
            bs = cmsfw_bk_aes_kw_unwrap(dev->keks[i].key, enc_key, cek, sizeof(cek), &n);
        if (bs != CMSFW_BK_OK)
            continue; /* integrity failure: not this key */
        if (n == uw->eci.key_len) {
            use_key(uw, cek, n, &dev->keks[i]);
            found = 1;
        } else {
            *misfit = 1;
        }
    }
    cmsfw__uw_wipe(cek, sizeof(cek));
    return found;
}

/* A stored key named by the decrypt-key-identifier, used as the CEK. */
static int
try_direct(cmsfw__uw *uw, int *misfit)
{
    const cmsfw_device *dev = uw->dev;
    const cmsfw_bytes want = uw->s->decrypt_key_id;
    size_t i;

    if (want.ptr == NULL)
        return 0;
    for (i = 0; i < dev->n_keks; i++) {
        if (dev->keks[i].usage != CMSFW_KEY_CEK || !bytes_equal(dev->keks[i].id, want))
            continue;
        if (dev->keks[i].key.len == uw->eci.key_len && dev->keks[i].key.ptr != NULL) {
            use_key(uw, dev->keks[i].key.ptr, uw->eci.key_len, &dev->keks[i]);
            return 1;
        }
        *misfit = 1;
    }
    return 0;
}

static cmsfw_err
no_key(cmsfw__uw *uw, int misfit)
{
    if (misfit)
        return cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE,
                           "the content-encryption key found does not fit the cipher");
    return cmsfw__fail(uw->diag, CMSFW_NO_DECRYPT_KEY,
                       "no content-encryption key for this device");
}

cmsfw_err
cmsfw__uw_key_encrypted(cmsfw__uw *uw)
{
    const cmsfw__signed *s = uw->s;
    const cmsfw_wrapped_key *wk = &s->wrapped_key;
    const cmsfw_recipient *r;
    int misfit = 0;
    size_t i;

    /* a pre-shared content key named by the signed decrypt-key-identifier */
    if (try_direct(uw, &misfit))
        return CMSFW_OK;
    if (!s->has_wrapped_key)
        return no_key(uw, misfit);
    if (!bytes_equal(wk->content_type, uw->eci.type) || !alg_equal(&wk->cek_alg, &uw->eci.alg))
        return cmsfw__fail(uw->diag, CMSFW_BAD_UNSIGNED_ATTRS,
                           "wrapped-firmware-key: contentType or contentEncryptionAlgorithm "
                           "differs from the EncryptedData's");
    for (i = 0; i < wk->n_recipients; i++) {
        r = &wk->recipients[i];
        if (r->kind == CMSFW_RECIPIENT_KEKRI &&
            try_kekri(uw, r->version, r->key_id, &r->key_enc_alg, r->encrypted_key, &misfit))
            return CMSFW_OK;
    }
    return no_key(uw, misfit);
}

/* KEKRecipientInfo ::= SEQUENCE {     -- as RecipientInfo [2] IMPLICIT
 *   version CMSVersion,               -- always 4
 *   kekid KEKIdentifier,
 *   keyEncryptionAlgorithm KeyEncryptionAlgorithmIdentifier,
 *   encryptedKey EncryptedKey }
 * KEKIdentifier ::= SEQUENCE {
 *   keyIdentifier OCTET STRING,
 *   date GeneralizedTime OPTIONAL,
 *   other OtherKeyAttribute OPTIONAL } */
static int
parse_kekri(const uint8_t *p, size_t n, kekri_view *k)
{
    cmsfw_der_cur m, in, sub;
    cmsfw_der_tlv ri, t, seq;
    size_t got = 0;

    memset(k, 0, sizeof(*k));
    cmsfw_der_init(&m, p, n, 1);
    if (cmsfw_der_expect(&m, CMSFW_DER_CONTEXT, 1, KEKRI_TAG, &ri) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &ri, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &k->version) != CMSFW_DER_OK)
        return 0;
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&sub, &seq, 1);
    if (cmsfw_der_expect(&sub, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__uw_octets(&t, k->id_buf, sizeof(k->id_buf), &got))
        return 0;
    k->key_id.ptr = k->id_buf;
    k->key_id.len = got;
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&sub, &seq, 1);
    if (cmsfw_der_expect(&sub, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &t) != CMSFW_DER_OK)
        return 0;
    k->alg.oid.ptr = t.val;
    k->alg.oid.len = t.len;
    if (!cmsfw_der_at_end(&sub)) {
        if (cmsfw_der_read(&sub, &t) != CMSFW_DER_OK || !cmsfw_der_at_end(&sub))
            return 0;
        k->alg.params.ptr = t.tlv;
        k->alg.params.len = t.tlv_len;
    }
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__uw_octets(&t, k->ek_buf, sizeof(k->ek_buf), &got) || !cmsfw_der_at_end(&in))
        return 0;
    k->enc_key.ptr = k->ek_buf;
    k->enc_key.len = got;
    return 1;
}

cmsfw_err
cmsfw__uw_key_enveloped(cmsfw__uw *uw)
{
    kekri_view k;
    cmsfw__sr_cur in;
    cmsfw__shdr x;
    size_t n = 0;
    int misfit = 0, found = 0;
    cmsfw__sr_status st;

    cmsfw__sr_enter(&uw->recips, &in);
    while (!found && (st = cmsfw__sr_next(&uw->rd, &in, &x)) == CMSFW_DER_OK) {
        if (x.cls != CMSFW_DER_CONTEXT || x.tag != KEKRI_TAG || !x.constructed) {
            st = cmsfw__sr_skip(&uw->rd, &in, &x, NULL);
        } else {
            st = cmsfw__sr_load(&uw->rd, &in, &x, uw->small, sizeof(uw->small), &n);
            if (st == CMSFW_DER_BUFFER)
                st = cmsfw__sr_skip(&uw->rd, &in, &x, NULL);
            else if (st == CMSFW_DER_OK && parse_kekri(uw->small, n, &k)) {
                found = try_kekri(uw, k.version, k.key_id, &k.alg, k.enc_key, &misfit);
            }
        }
        if (st != CMSFW_DER_OK)
            return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "recipientInfos");
    }
    cmsfw__uw_wipe(&k, sizeof(k));
    if (found)
        return CMSFW_OK;
    if (st != CMSFW_DER_END)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "recipientInfos");
    if (try_direct(uw, &misfit))
        return CMSFW_OK;
    return no_key(uw, misfit);
}
