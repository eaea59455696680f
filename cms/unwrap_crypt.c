/*
 * unwrap_crypt.c: step 21, the encryption layer: EncryptedData (RFC 4108),
 * and the revision profile's AuthEnvelopedData and EnvelopedData, read
 * from the stage and decrypted in place.
 *
 * Two passes. The first walks the structure (headers only, the small
 * elements loaded) and records what the checks need, so that the checks
 * run in the order of the device procedure whatever the order of the
 * fields on the wire (unprotectedAttrs, authAttrs and mac follow the
 * ciphertext): structure and version (17), unprotected or unauthenticated
 * attributes (18), EncryptedContentInfo (19), algorithm (20), ciphertext
 * present (21), key (22), then decryption (23). The second pass decrypts.
 *
 * EnvelopedData is handled like AuthEnvelopedData with an AES-CBC
 * content cipher (revision profile section 5.3); its layer is reported as
 * CMSFW_LAYER_ENCRYPTED, proc.h having no bit of its own for it.
 */
#include <string.h>

#include "cms/diag.h"
#include "cms/unwrap_priv.h"

/* AES content-encryption OIDs: 2.16.840.1.101.3.4.1.n */
static const uint8_t oid_aes_prefix[8] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01};

typedef struct cipher_def {
    uint8_t arc;
    cmsfw__uw_mode mode;
    size_t key_len;
} cipher_def;

static const cipher_def ciphers[] = {
    {2, CMSFW__UW_CBC, 16},  {22, CMSFW__UW_CBC, 24}, {42, CMSFW__UW_CBC, 32},
    {6, CMSFW__UW_GCM, 16},  {26, CMSFW__UW_GCM, 24}, {46, CMSFW__UW_GCM, 32},
};

/* Tags of the optional fields met here. */
#define TAG_ORIGINATOR_INFO 0u  /* [0] */
#define TAG_UNPROTECTED 1u      /* [1] unprotectedAttrs, authAttrs */
#define TAG_UNAUTH 2u           /* [2] unauthAttrs */
/* The identifier octet of SET OF, which replaces [1] IMPLICIT in the GCM
 * additional data (RFC 5083 section 2.2). */
#define SET_OF_IDENTIFIER 0x31u

static int
is_tag(const cmsfw__shdr *h, uint8_t cls, uint32_t tag, int constructed)
{
    return h->cls == cls && h->tag == tag && h->constructed == (constructed != 0);
}

static const char *
layer_name(cmsfw__uw_layer layer)
{
    if (layer == CMSFW__UW_AUTH_ENVELOPED)
        return "AuthEnvelopedData";
    return layer == CMSFW__UW_ENVELOPED ? "EnvelopedData" : "EncryptedData";
}

/* ---------------------------------------------------------- structure */

/* contentEncryptionAlgorithm, loaded whole into eci->alg_tlv:
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
static cmsfw__sr_status
split_alg(cmsfw__uw_eci *eci, size_t n)
{
    cmsfw_der_cur m, in;
    cmsfw_der_tlv seq, oid, params;
    cmsfw__sr_status st;

    cmsfw_der_init(&m, eci->alg_tlv, n, 1);
    st = cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq);
    if (st != CMSFW_DER_OK)
        return st;
    cmsfw_der_enter(&in, &seq, 1);
    st = cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    eci->alg.oid.ptr = oid.val;
    eci->alg.oid.len = oid.len;
    if (!cmsfw_der_at_end(&in)) {
        st = cmsfw_der_read(&in, &params);
        if (st != CMSFW_DER_OK)
            return st;
        if (!cmsfw_der_at_end(&in))
            return CMSFW_DER_UNEXPECTED;
        eci->alg.params.ptr = params.tlv;
        eci->alg.params.len = params.tlv_len;
    }
    return CMSFW_DER_OK;
}

/* EncryptedContentInfo ::= SEQUENCE {
 *   contentType ContentType,
 *   contentEncryptionAlgorithm ContentEncryptionAlgorithmIdentifier,
 *   encryptedContent [0] IMPLICIT EncryptedContent OPTIONAL }
 * The caller has found where it ends; this looks inside. An algorithm
 * identifier too long to hold is left for the algorithm check (alg.oid
 * stays NULL). */
static cmsfw__sr_status
walk_eci(cmsfw__uw *uw, const cmsfw__shdr *h)
{
    cmsfw__uw_eci *eci = &uw->eci;
    cmsfw__sr_cur in, after;
    cmsfw__shdr x;
    cmsfw__sr_segs sg;
    cmsfw_der_cur m;
    cmsfw_der_tlv oid;
    uint64_t off = 0, n = 0;
    size_t got = 0;
    cmsfw__sr_status st;

    if (!is_tag(h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_enter(h, &in);
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st == CMSFW_DER_OK)
        st = cmsfw__sr_load(&uw->rd, &in, &x, eci->type_tlv, sizeof(eci->type_tlv), &got);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    cmsfw_der_init(&m, eci->type_tlv, got, 1);
    st = cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    eci->type.ptr = oid.val;
    eci->type.len = oid.len;
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (!is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    st = cmsfw__sr_load(&uw->rd, &in, &x, eci->alg_tlv, sizeof(eci->alg_tlv), &got);
    if (st == CMSFW_DER_BUFFER)
        st = cmsfw__sr_skip(&uw->rd, &in, &x, NULL);
    else if (st == CMSFW_DER_OK)
        st = split_alg(eci, got);
    if (st != CMSFW_DER_OK)
        return st;
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st == CMSFW_DER_END)
        return CMSFW_DER_OK;
    if (st != CMSFW_DER_OK)
        return st;
    if (x.cls != CMSFW_DER_CONTEXT || x.tag != 0)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_segs_init(&sg, &x);
    while ((st = cmsfw__sr_segs_next(&uw->rd, &sg, &off, &n)) == CMSFW_DER_OK)
        eci->ct_len += n; /* cannot wrap: every piece lies in the stage */
    if (st != CMSFW_DER_END)
        return st;
    eci->has_ct = 1;
    eci->ct = x;
    in.pos = cmsfw__sr_segs_end(&sg);
    return cmsfw__sr_leave(&uw->rd, &after, &in);
}

/* mac MessageAuthenticationCode (OCTET STRING), gathered into uw->mac;
 * mac_len counts every octet, so a value longer than any tag shows. */
static cmsfw__sr_status
walk_mac(cmsfw__uw *uw, cmsfw__sr_cur *c, const cmsfw__shdr *h)
{
    cmsfw__sr_segs sg;
    uint64_t off = 0, n = 0, total = 0;
    cmsfw__sr_status st;

    if (h->cls != CMSFW_DER_UNIVERSAL || h->tag != CMSFW_DER_TAG_OCTET_STRING)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__sr_segs_init(&sg, h);
    while ((st = cmsfw__sr_segs_next(&uw->rd, &sg, &off, &n)) == CMSFW_DER_OK) {
        if (total + n <= sizeof(uw->mac)) {
            st = cmsfw__sr_read(&uw->rd, off, uw->mac + total, (size_t)n);
            if (st != CMSFW_DER_OK)
                return st;
        }
        total += n;
    }
    if (st != CMSFW_DER_END)
        return st;
    uw->mac_len = total > sizeof(uw->mac) ? sizeof(uw->mac) + 1 : (size_t)total;
    c->pos = cmsfw__sr_segs_end(&sg);
    return CMSFW_DER_OK;
}

/* authAttrs [1] IMPLICIT AuthAttributes: DER, held whole as the GCM
 * additional data with the SET OF identifier. */
static cmsfw_err
walk_auth_attrs(cmsfw__uw *uw, cmsfw__sr_cur *c, const cmsfw__shdr *h)
{
    cmsfw_der_cur m;
    cmsfw_der_tlv t;
    size_t n = 0;
    cmsfw__sr_status st;

    st = cmsfw__sr_load(&uw->rd, c, h, uw->aad, sizeof(uw->aad), &n);
    if (st == CMSFW_DER_BUFFER)
        return cmsfw__fail(uw->diag, CMSFW_INSUFFICIENT_MEMORY,
                           "AuthEnvelopedData: authAttrs longer than %u octets",
                           (unsigned)CMSFW__UW_AAD_MAX);
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "AuthEnvelopedData authAttrs");
    cmsfw_der_init(&m, uw->aad, n, 0);
    st = cmsfw_der_read(&m, &t);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_walk(&t, 0);
    if (st != CMSFW_DER_OK)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPTED_DATA,
                           "AuthEnvelopedData: authAttrs are not DER: %s",
                           cmsfw_der_status_str((cmsfw_der_status)st));
    uw->aad[0] = SET_OF_IDENTIFIER;
    uw->aad_len = n;
    uw->has_aad = 1;
    return CMSFW_OK;
}

/* The version of the layer: 0 for EncryptedData and AuthEnvelopedData;
 * EnvelopedData 0, 2, 3 or 4 (RFC 5652 section 6.1, by its contents). */
static int
version_ok(cmsfw__uw_layer layer, int64_t v)
{
    if (layer == CMSFW__UW_ENVELOPED)
        return v == 0 || v == 2 || v == 3 || v == 4;
    return v == 0;
}

static cmsfw_err
walk_version(cmsfw__uw *uw, cmsfw__sr_cur *in)
{
    const char *name = layer_name(uw->layer);
    cmsfw__shdr x;
    cmsfw_der_cur m;
    cmsfw_der_tlv t;
    int64_t v = -1;
    size_t n = 0;
    cmsfw__sr_status st;

    st = cmsfw__sr_next(&uw->rd, in, &x);
    if (st == CMSFW_DER_OK)
        st = cmsfw__sr_load(&uw->rd, in, &x, uw->small, sizeof(uw->small), &n);
    if (st == CMSFW_DER_OK) {
        cmsfw_der_init(&m, uw->small, n, 1);
        st = cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t);
    }
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, name);
    if (cmsfw_der_get_int(&t, &v) != CMSFW_DER_OK || !version_ok(uw->layer, v))
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPTED_DATA, "%s: unsupported version", name);
    return CMSFW_OK;
}

/* originatorInfo [0] OPTIONAL (tolerated, not used), then
 * recipientInfos SET, whose place is kept for the key step. */
static cmsfw_err
walk_recipients(cmsfw__uw *uw, cmsfw__sr_cur *in)
{
    cmsfw__sr_cur set;
    cmsfw__shdr x, ri;
    cmsfw__sr_status st;

    st = cmsfw__sr_next(&uw->rd, in, &x);
    if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_ORIGINATOR_INFO, 1)) {
        st = cmsfw__sr_skip(&uw->rd, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cmsfw__sr_next(&uw->rd, in, &x);
    }
    if (st == CMSFW_DER_OK && !is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SET, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st == CMSFW_DER_OK) {
        /* each RecipientInfo is looked into only when it may serve, but
         * all of them must be well-formed elements */
        uw->recips = x;
        cmsfw__sr_enter(&x, &set);
        while ((st = cmsfw__sr_next(&uw->rd, &set, &ri)) == CMSFW_DER_OK &&
               (st = cmsfw__sr_skip(&uw->rd, &set, &ri, NULL)) == CMSFW_DER_OK)
            ;
        if (st == CMSFW_DER_END)
            st = cmsfw__sr_leave(&uw->rd, in, &set);
    }
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "recipientInfos");
    return CMSFW_OK;
}

/* The fields after EncryptedContentInfo:
 *   EncryptedData, EnvelopedData: unprotectedAttrs [1] OPTIONAL
 *   AuthEnvelopedData: authAttrs [1] OPTIONAL, mac, unauthAttrs [2] OPTIONAL */
static cmsfw_err
walk_tail(cmsfw__uw *uw, cmsfw__sr_cur *in, int *unprotected)
{
    const char *name = layer_name(uw->layer);
    const int auth = (uw->layer == CMSFW__UW_AUTH_ENVELOPED);
    cmsfw__shdr x;
    cmsfw__sr_status st;
    cmsfw_err err;

    st = cmsfw__sr_next(&uw->rd, in, &x);
    if (auth) {
        if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_UNPROTECTED, 1)) {
            err = walk_auth_attrs(uw, in, &x);
            if (err != CMSFW_OK)
                return err;
            st = cmsfw__sr_next(&uw->rd, in, &x);
        }
        if (st == CMSFW_DER_OK)
            st = walk_mac(uw, in, &x);
        if (st != CMSFW_DER_OK)
            return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "AuthEnvelopedData mac");
        st = cmsfw__sr_next(&uw->rd, in, &x);
    }
    if (st == CMSFW_DER_OK &&
        is_tag(&x, CMSFW_DER_CONTEXT, auth ? TAG_UNAUTH : TAG_UNPROTECTED, 1)) {
        *unprotected = 1;
        st = cmsfw__sr_skip(&uw->rd, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cmsfw__sr_next(&uw->rd, in, &x);
    }
    if (st == CMSFW_DER_OK)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPTED_DATA, "%s: unexpected field", name);
    if (st != CMSFW_DER_END)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, name);
    return CMSFW_OK;
}

/* The whole layer, pass one. *eci_st is the EncryptedContentInfo's own
 * structure status, reported after the checks that come before it. */
static cmsfw_err
walk_layer(cmsfw__uw *uw, uint64_t len, cmsfw__sr_status *eci_st, int *unprotected)
{
    const char *name = layer_name(uw->layer);
    cmsfw__sr_cur top, in, probe;
    cmsfw__shdr h, x;
    cmsfw__sr_status st;
    cmsfw_err err;

    cmsfw__sr_region(&top, 0, len);
    st = cmsfw__sr_next(&uw->rd, &top, &h);
    if (st == CMSFW_DER_OK && !is_tag(&h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, name);
    cmsfw__sr_enter(&h, &in);
    err = walk_version(uw, &in);
    if (err == CMSFW_OK && uw->layer != CMSFW__UW_ENCRYPTED)
        err = walk_recipients(uw, &in);
    if (err != CMSFW_OK)
        return err;
    st = cmsfw__sr_next(&uw->rd, &in, &x);
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, "EncryptedContentInfo");
    /* where it ends decides whether the fields after it can be seen */
    probe = in;
    st = cmsfw__sr_skip(&uw->rd, &probe, &x, NULL);
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPT_CONTENT, "EncryptedContentInfo");
    *eci_st = walk_eci(uw, &x);
    if (*eci_st == CMSFW__SR_IO)
        return cmsfw__uw_sr_fail(uw, *eci_st, CMSFW_E_IO, "EncryptedContentInfo");
    in = probe;
    err = walk_tail(uw, &in, unprotected);
    if (err != CMSFW_OK)
        return err;
    st = cmsfw__sr_leave(&uw->rd, &top, &in);
    if (st == CMSFW_DER_OK)
        st = cmsfw__sr_leave(&uw->rd, &top, &top); /* nothing after the value */
    if (st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_BAD_ENCRYPTED_DATA, name);
    return CMSFW_OK;
}

/* ---------------------------------------------------------- algorithm */

/* AES-IV ::= OCTET STRING (SIZE(16)) */
static int
cbc_params(cmsfw__uw_eci *eci)
{
    cmsfw_der_cur m;
    cmsfw_der_tlv t;

    if (eci->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&m, eci->alg.params.ptr, eci->alg.params.len, 1);
    if (cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
        CMSFW_DER_OK)
        return 0;
    return cmsfw__uw_octets(&t, eci->iv, CMSFW_BK_AES_BLOCK, &eci->iv_len) &&
           eci->iv_len == CMSFW_BK_AES_BLOCK;
}

/* GCMParameters ::= SEQUENCE {
 *   aes-nonce  OCTET STRING,
 *   aes-ICVlen AES-GCM-ICVlen DEFAULT 12 }  -- INTEGER (12 | 13 | 14 | 15 | 16) */
static int
gcm_params(cmsfw__uw_eci *eci)
{
    cmsfw_der_cur m, in;
    cmsfw_der_tlv seq, t;
    int64_t icv = 12;

    if (eci->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&m, eci->alg.params.ptr, eci->alg.params.len, 1);
    if (cmsfw_der_expect(&m, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
        CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__uw_octets(&t, eci->iv, sizeof(eci->iv), &eci->iv_len) ||
        eci->iv_len < CMSFW_BK_GCM_NONCE_MIN)
        return 0;
    if (!cmsfw_der_at_end(&in)) {
        if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) !=
                CMSFW_DER_OK ||
            cmsfw_der_get_int(&t, &icv) != CMSFW_DER_OK || !cmsfw_der_at_end(&in))
            return 0;
    }
    if (icv < CMSFW_BK_GCM_TAG_MIN || icv > CMSFW_BK_GCM_TAG_MAX)
        return 0;
    eci->icv_len = (size_t)icv;
    return 1;
}

/* contentEncryptionAlgorithm: AES-CBC in EncryptedData and EnvelopedData,
 * AES-GCM in AuthEnvelopedData (the only layer with a place for a tag).
 * AES-128-CBC is LEGACY: refused under CMSFW_POLICY_NO_LEGACY. */
static cmsfw_err
check_alg(cmsfw__uw *uw)
{
    cmsfw__uw_eci *eci = &uw->eci;
    const cipher_def *def = NULL;
    const int auth = (uw->layer == CMSFW__UW_AUTH_ENVELOPED);
    size_t i;
    int ok;

    if (eci->alg.oid.ptr != NULL && eci->alg.oid.len == sizeof(oid_aes_prefix) + 1 &&
        memcmp(eci->alg.oid.ptr, oid_aes_prefix, sizeof(oid_aes_prefix)) == 0)
        for (i = 0; i < sizeof(ciphers) / sizeof(ciphers[0]); i++)
            if (ciphers[i].arc == eci->alg.oid.ptr[sizeof(oid_aes_prefix)])
                def = &ciphers[i];
    if (def == NULL)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_ALGORITHM,
                           "%s: unsupported content-encryption algorithm",
                           layer_name(uw->layer));
    if ((def->mode == CMSFW__UW_GCM) != auth)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_ALGORITHM, "%s: %s is not used here",
                           layer_name(uw->layer), def->mode == CMSFW__UW_GCM ? "AES-GCM" : "AES-CBC");
    if (def->mode == CMSFW__UW_CBC && def->key_len == 16 &&
        (uw->dev->policy & CMSFW_POLICY_NO_LEGACY) != 0)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_ALGORITHM,
                           "AES-128-CBC is LEGACY and the policy refuses it");
    if (!cmsfw_bk_has(def->mode == CMSFW__UW_GCM ? CMSFW_BK_CAP_AES_GCM : CMSFW_BK_CAP_AES_CBC))
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_ALGORITHM,
                           "the crypto backend lacks this cipher");
    eci->mode = def->mode;
    eci->key_len = def->key_len;
    ok = (def->mode == CMSFW__UW_GCM) ? gcm_params(eci) : cbc_params(eci);
    if (!ok)
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_ALGORITHM,
                           "%s: unsupported or malformed cipher parameters",
                           layer_name(uw->layer));
    return CMSFW_OK;
}

/* --------------------------------------------------------- decryption */

/* 1 when the last plaintext block ends in a valid padding (RFC 5652
 * section 6.3: k octets of value k, 1 <= k <= 16), with *pad = k. Every
 * octet is looked at whatever the others hold, and the verdict is one
 * comparison at the end: no exit depends on which octet is wrong. */
static int
cbc_unpad(const uint8_t last[CMSFW_BK_AES_BLOCK], size_t *pad)
{
    const uint32_t k = last[CMSFW_BK_AES_BLOCK - 1];
    uint32_t bad, from_end, mask;
    unsigned i;

    bad = ((k - 1u) >> 31) | ((16u - k) >> 31); /* k == 0, or k > 16 */
    for (i = 0; i < CMSFW_BK_AES_BLOCK; i++) {
        from_end = CMSFW_BK_AES_BLOCK - i; /* 16 .. 1 */
        mask = ((k - from_end) >> 31) - 1u; /* all ones when from_end <= k */
        bad |= mask & (last[i] ^ k);
    }
    *pad = (size_t)k;
    return bad == 0;
}

/* Decrypt n octets of uw->buf in place and write them at stage offset w. */
static cmsfw_err
crypt_chunk(cmsfw__uw *uw, size_t n, uint64_t w, uint8_t last[CMSFW_BK_AES_BLOCK])
{
    cmsfw_bk_status bs;
    cmsfw__sr_status st;

    if (n == 0)
        return CMSFW_OK;
    if (uw->eci.mode == CMSFW__UW_CBC)
        bs = cmsfw_bk_cbc_update(&uw->cipher, uw->buf, uw->buf, n);
    else
        bs = cmsfw_bk_gcm_update(&uw->cipher, uw->buf, uw->buf, n);
    if (bs != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "decryption: %s", cmsfw_bk_status_name(bs));
    if (n >= CMSFW_BK_AES_BLOCK)
        memcpy(last, uw->buf + n - CMSFW_BK_AES_BLOCK, CMSFW_BK_AES_BLOCK);
    st = cmsfw__sr_write(&uw->rd, w, uw->buf, n);
    if (st != CMSFW_DER_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_IO, "writing the plaintext to the stage failed");
    return CMSFW_OK;
}

static cmsfw_err
start_cipher(cmsfw__uw *uw)
{
    const cmsfw_bytes key = {uw->cek, uw->cek_len};
    const cmsfw_bytes nonce = {uw->eci.iv, uw->eci.iv_len};
    cmsfw_bytes aad = {NULL, 0};
    cmsfw_bk_status bs;

    if (uw->has_aad) {
        aad.ptr = uw->aad;
        aad.len = uw->aad_len;
    }
    if (uw->eci.mode == CMSFW__UW_CBC)
        bs = cmsfw_bk_cbc_init(&uw->cipher, key, uw->eci.iv, 0);
    else
        bs = cmsfw_bk_gcm_init(&uw->cipher, key, nonce, aad, 0);
    if (bs == CMSFW_BK_KEY_SIZE || bs == CMSFW_BK_BAD_INPUT)
        return cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE, "decryption: %s",
                           cmsfw_bk_status_name(bs));
    if (bs != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "decryption: %s", cmsfw_bk_status_name(bs));
    return CMSFW_OK;
}

/*
 * Decrypt the ciphertext pieces into the stage from offset 0.
 *
 * In place is safe: let pos(j) be the stage offset of ciphertext octet j.
 * The pieces lie in order after the layer's headers, so pos(j) >= j + 2
 * (at least the outer SEQUENCE header precedes them) and any piece header
 * still to read lies after the last octet read. Plaintext octet j goes to
 * offset j. When octets [w, w + n) are written, ciphertext octets 0 ..
 * w + n - 1 have been read into memory (with the chunk being written), and
 * every octet still unread - ciphertext j >= w + n, or a piece header -
 * lies at an offset above pos(w + n - 1) >= w + n + 1, above every offset
 * written. So a write never reaches an octet not yet read. Everything the
 * checks need from after the ciphertext (mac, authAttrs) was loaded by the
 * first pass.
 */
static cmsfw_err
decrypt_in_place(cmsfw__uw *uw, uint64_t *pt_len)
{
    uint8_t last[CMSFW_BK_AES_BLOCK];
    cmsfw__sr_segs sg;
    uint64_t off = 0, n = 0, w = 0;
    size_t fill = 0, take, pad = 0;
    int ok;
    cmsfw__sr_status st = CMSFW_DER_END;
    cmsfw_err err;

    memset(last, 0, sizeof(last));
    if (uw->eci.mode == CMSFW__UW_CBC &&
        (uw->eci.ct_len == 0 || uw->eci.ct_len % CMSFW_BK_AES_BLOCK != 0))
        return cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE,
                           "AES-CBC ciphertext of %llu octets is not whole blocks",
                           (unsigned long long)uw->eci.ct_len);
    err = start_cipher(uw);
    if (err != CMSFW_OK)
        return err;
    cmsfw__sr_segs_init(&sg, &uw->eci.ct);
    while (err == CMSFW_OK && (st = cmsfw__sr_segs_next(&uw->rd, &sg, &off, &n)) == CMSFW_DER_OK) {
        while (err == CMSFW_OK && n > 0) {
            take = (n > CMSFW__UW_CHUNK - fill) ? CMSFW__UW_CHUNK - fill : (size_t)n;
            st = cmsfw__sr_read(&uw->rd, off, uw->buf + fill, take);
            if (st != CMSFW_DER_OK)
                return cmsfw__uw_sr_fail(uw, st, CMSFW_E_IO, "ciphertext");
            off += take;
            n -= take;
            fill += take;
            if (fill == CMSFW__UW_CHUNK) {
                err = crypt_chunk(uw, fill, w, last);
                w += fill;
                fill = 0;
            }
        }
    }
    if (err != CMSFW_OK)
        return err;
    if (st != CMSFW_DER_END)
        return cmsfw__uw_sr_fail(uw, st, CMSFW_E_IO, "ciphertext");
    err = crypt_chunk(uw, fill, w, last);
    if (err != CMSFW_OK)
        return err;
    w += fill;
    if (uw->eci.mode == CMSFW__UW_GCM) {
        if (cmsfw_bk_gcm_decrypt_final(&uw->cipher, uw->mac, uw->eci.icv_len) != CMSFW_BK_OK)
            return cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE,
                               "AES-GCM: the authentication tag does not verify");
        *pt_len = w;
        return CMSFW_OK;
    }
    if (cmsfw_bk_cbc_finish(&uw->cipher) != CMSFW_BK_OK)
        return cmsfw__fail(uw->diag, CMSFW_E_BACKEND, "AES-CBC: finish failed");
    ok = cbc_unpad(last, &pad);
    cmsfw__uw_wipe(last, sizeof(last));
    if (!ok)
        return cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE, "AES-CBC: bad padding");
    *pt_len = w - pad;
    return CMSFW_OK;
}

/* ---------------------------------------------------------- the layer */

/* Checks 18 to 21 on what the first pass found. */
static cmsfw_err
check_fields(cmsfw__uw *uw, cmsfw__sr_status eci_st, int unprotected)
{
    const cmsfw_bytes type = uw->eci.type;
    cmsfw_err err;

    if (unprotected)
        return cmsfw__fail(uw->diag, CMSFW_UNPROTECTED_ATTRS_PRESENT, "%s: %s present",
                           layer_name(uw->layer),
                           uw->layer == CMSFW__UW_AUTH_ENVELOPED ? "unauthAttrs"
                                                                 : "unprotectedAttrs");
    if (eci_st != CMSFW_DER_OK)
        return cmsfw__uw_sr_fail(uw, eci_st, CMSFW_BAD_ENCRYPT_CONTENT, "EncryptedContentInfo");
    if (!(type.len == sizeof(cmsfw__uw_oid_fw) &&
          memcmp(type.ptr, cmsfw__uw_oid_fw, type.len) == 0) &&
        !(type.len == sizeof(cmsfw__uw_oid_compressed) &&
          memcmp(type.ptr, cmsfw__uw_oid_compressed, type.len) == 0))
        return cmsfw__fail(uw->diag, CMSFW_BAD_ENCRYPT_CONTENT,
                           "EncryptedContentInfo: contentType is neither "
                           "id-ct-firmwarePackage nor id-ct-compressedData");
    err = check_alg(uw);
    if (err != CMSFW_OK)
        return err;
    if (!uw->eci.has_ct)
        return cmsfw__fail(uw->diag, CMSFW_MISSING_CIPHERTEXT,
                           "EncryptedContentInfo: encryptedContent is absent");
    return CMSFW_OK;
}

cmsfw_err
cmsfw__uw_encrypted(cmsfw__uw *uw, cmsfw__uw_layer layer, uint64_t len)
{
    cmsfw__sr_status eci_st = CMSFW_DER_OK;
    int unprotected = 0;
    uint64_t pt_len = 0;
    cmsfw_err err;

    uw->layer = layer;
    uw->res->layers |= (layer == CMSFW__UW_AUTH_ENVELOPED) ? CMSFW_LAYER_AUTH_ENVELOPED
                                                           : CMSFW_LAYER_ENCRYPTED;
    err = walk_layer(uw, len, &eci_st, &unprotected);
    if (err == CMSFW_OK)
        err = check_fields(uw, eci_st, unprotected);
    if (err == CMSFW_OK)
        err = (layer == CMSFW__UW_ENCRYPTED) ? cmsfw__uw_key_encrypted(uw)
                                             : cmsfw__uw_key_enveloped(uw);
    if (err == CMSFW_OK && layer == CMSFW__UW_AUTH_ENVELOPED && uw->mac_len != uw->eci.icv_len)
        err = cmsfw__fail(uw->diag, CMSFW_DECRYPT_FAILURE,
                          "AuthEnvelopedData: mac length differs from aes-ICVlen");
    if (err == CMSFW_OK)
        err = decrypt_in_place(uw, &pt_len);
    cmsfw_bk_cipher_abort(&uw->cipher);
    cmsfw__uw_wipe(uw->cek, sizeof(uw->cek));
    uw->cek_len = 0;
    if (err != CMSFW_OK)
        return err;
    if (uw->eci.type.len == sizeof(cmsfw__uw_oid_fw) &&
        memcmp(uw->eci.type.ptr, cmsfw__uw_oid_fw, sizeof(cmsfw__uw_oid_fw)) == 0)
        return cmsfw__uw_copy(uw, pt_len);
    /* project decision (RFC 4108 digest 3.7 rule 2): a plaintext that is
     * not a CompressedData is a decryptFailure */
    return cmsfw__uw_compressed(uw, pt_len, CMSFW_DECRYPT_FAILURE);
}
