/*
 * min_layer_hdr.c: pass one over the EncryptedData or AuthEnvelopedData
 * layer of step 21 (cms/min_layer.h), and the checks of its fields and
 * content-encryption algorithm: the same checks, in the same order and
 * with the same codes, as cms/unwrap_crypt.c of the full profile.
 *
 * EncryptedData ::= SEQUENCE { version CMSVersion,
 *   encryptedContentInfo EncryptedContentInfo,
 *   unprotectedAttrs [1] IMPLICIT UnprotectedAttributes OPTIONAL }
 * AuthEnvelopedData ::= SEQUENCE { version CMSVersion,
 *   originatorInfo [0] IMPLICIT OriginatorInfo OPTIONAL,
 *   recipientInfos RecipientInfos,
 *   authEncryptedContentInfo EncryptedContentInfo,
 *   authAttrs [1] IMPLICIT AuthAttributes OPTIONAL,
 *   mac MessageAuthenticationCode,
 *   unauthAttrs [2] IMPLICIT UnauthAttributes OPTIONAL }
 */
#include <string.h>

#include "cms/min_layer.h"
#include "cms/min_oid.h"

/* Optional fields' tags, and the SET OF identifier that replaces [1]
 * IMPLICIT in the GCM additional data (RFC 5083 section 2.2). */
#define TAG_ORIGINATOR_INFO 0u
#define TAG_UNPROTECTED 1u
#define TAG_UNAUTH 2u
#define SET_OF_IDENTIFIER 0x31u

static const uint8_t oid_fw[] = {MIN_OID_ID_CT_FIRMWAREPACKAGE};
static const uint8_t oid_compressed[] = {MIN_OID_ID_CT_COMPRESSEDDATA};

/* AES content encryption, 2.16.840.1.101.3.4.1.arc: arc, mode, key length */
static const uint8_t ciphers[][3] = {
    {2, ML_CBC, 16}, {22, ML_CBC, 24}, {42, ML_CBC, 32},
    {6, ML_GCM, 16}, {26, ML_GCM, 24}, {46, ML_GCM, 32},
};

static int
bytes_is(cmsfw_bytes b, const uint8_t *oid, size_t n)
{
    return b.ptr != NULL && b.len == n && memcmp(b.ptr, oid, n) == 0;
}

static int
is_tag(const ml_hdr *h, uint8_t cls, uint32_t tag, int cons)
{
    return h->cls == cls && h->tag == tag && h->cons == (cons != 0);
}

/* EncryptedContentInfo ::= SEQUENCE { contentType ContentType,
 *   contentEncryptionAlgorithm AlgorithmIdentifier,
 *   encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL } */
static int
walk_eci(min_layer *u, const ml_hdr *h)
{
    ml_cur in, after;
    ml_hdr x;
    cmsfw_der_cur c;
    cmsfw_der_tlv oid;
    uint32_t off = 0, len = 0;
    size_t got = 0;
    int st;

    if (!is_tag(h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    cmsfw__ml_enter(h, &in);
    st = cmsfw__ml_next(&u->st, &in, &x);
    if (st == CMSFW_DER_OK)
        st = cmsfw__ml_load(&u->st, &in, &x, u->type_tlv, sizeof u->type_tlv, &got);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    cmsfw_der_init(&c, u->type_tlv, got, 1);
    st = (int)cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &oid);
    if (st != CMSFW_DER_OK)
        return st;
    u->type.ptr = oid.val;
    u->type.len = oid.len;
    st = cmsfw__ml_next(&u->st, &in, &x);
    if (st != CMSFW_DER_OK)
        return st == CMSFW_DER_END ? CMSFW_DER_TRUNCATED : st;
    if (!is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        return CMSFW_DER_UNEXPECTED;
    st = cmsfw__ml_load(&u->st, &in, &x, u->io.k.small, sizeof u->io.k.small, &got);
    if (st == CMSFW_DER_BUFFER) { /* left for the algorithm check */
        if (got <= ML_FULL_SMALL)
            u->limits |= CMSFW_MIN_LIMIT_WORK;
        st = CMSFW_DER_OK;
    } else if (st == CMSFW_DER_OK) {
        st = cmsfw__ml_split_alg(u->io.k.small, got, 1, &u->alg);
    }
    if (st != CMSFW_DER_OK)
        return st;
    st = cmsfw__ml_next(&u->st, &in, &x);
    if (st == CMSFW_DER_END)
        return CMSFW_DER_OK;
    if (st != CMSFW_DER_OK)
        return st;
    if (x.cls != CMSFW_DER_CONTEXT || x.tag != 0)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__ml_segs_init(&u->segs, &x);
    while ((st = cmsfw__ml_segs_next(&u->st, &u->segs, &off, &len)) == CMSFW_DER_OK)
        u->ct_len += len; /* cannot wrap: every piece lies in the stage */
    if (st != CMSFW_DER_END)
        return st;
    u->has_ct = 1;
    u->ct = x;
    in.pos = u->segs.pos;
    return cmsfw__ml_leave(&u->st, &after, &in);
}

/* mac OCTET STRING into u->mac; mac_len past 16 means too long. */
static int
walk_mac(min_layer *u, ml_cur *c, const ml_hdr *h)
{
    uint32_t off = 0, len = 0, total = 0;
    int st;

    if (h->cls != CMSFW_DER_UNIVERSAL || h->tag != CMSFW_DER_TAG_OCTET_STRING)
        return CMSFW_DER_UNEXPECTED;
    cmsfw__ml_segs_init(&u->segs, h);
    while ((st = cmsfw__ml_segs_next(&u->st, &u->segs, &off, &len)) == CMSFW_DER_OK) {
        if (total <= sizeof u->mac && len <= sizeof u->mac - total) {
            st = cmsfw__ml_read(&u->st, off, u->mac + total, len);
            if (st != CMSFW_DER_OK)
                return st;
        }
        total += len;
    }
    if (st != CMSFW_DER_END)
        return st;
    u->mac_len = total > sizeof u->mac ? sizeof u->mac + 1 : total;
    c->pos = u->segs.pos;
    return CMSFW_DER_OK;
}

/* authAttrs [1] IMPLICIT: DER, held whole after the struct (the GCM
 * additional data). */
static cmsfw_err
walk_auth_attrs(min_layer *u, ml_cur *c, const ml_hdr *h)
{
    cmsfw_der_cur mc;
    cmsfw_der_tlv t;
    size_t n = 0;
    int st = cmsfw__ml_span(&u->st, h, &n);

    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    if (n > ML_AAD_MAX || !cmsfw__ml_grow(u, n)) {
        if (n <= ML_AAD_MAX)
            u->limits |= CMSFW_MIN_LIMIT_WORK;
        return cmsfw__ml_fail(u, CMSFW_INSUFFICIENT_MEMORY, "work buffer too small");
    }
    u->aad = (uint8_t *)(u + 1);
    st = cmsfw__ml_load(&u->st, c, h, u->aad, n, &n);
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    cmsfw_der_init(&mc, u->aad, n, 0);
    st = (int)cmsfw_der_read(&mc, &t);
    if (st == CMSFW_DER_OK)
        st = (int)cmsfw_der_walk(&t, 0);
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, CMSFW_DER_UNEXPECTED);
    u->aad[0] = SET_OF_IDENTIFIER;
    u->aad_len = n;
    return CMSFW_OK;
}

static cmsfw_err
walk_version(min_layer *u, ml_cur *in)
{
    ml_hdr x;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    int64_t v = -1;
    size_t n = 0;
    int st;

    st = cmsfw__ml_next(&u->st, in, &x);
    if (st == CMSFW_DER_OK)
        st = cmsfw__ml_load(&u->st, in, &x, u->io.k.small, sizeof u->io.k.small, &n);
    if (st == CMSFW_DER_BUFFER && n <= ML_FULL_SMALL)
        u->limits |= CMSFW_MIN_LIMIT_WORK;
    if (st == CMSFW_DER_OK) {
        cmsfw_der_init(&c, u->io.k.small, n, 1);
        st = (int)cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t);
    }
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    if (cmsfw_der_get_int(&t, &v) != CMSFW_DER_OK || v != 0)
        return cmsfw__ml_bad(u, CMSFW_DER_UNEXPECTED);
    return CMSFW_OK;
}

/* originatorInfo [0] OPTIONAL, then recipientInfos SET (kept for the key). */
static cmsfw_err
walk_recipients(min_layer *u, ml_cur *in)
{
    ml_cur set;
    ml_hdr x, ri;
    int st;

    st = cmsfw__ml_next(&u->st, in, &x);
    if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_ORIGINATOR_INFO, 1)) {
        st = cmsfw__ml_skip(&u->st, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cmsfw__ml_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK && !is_tag(&x, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SET, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st == CMSFW_DER_OK) {
        u->recips = x;
        cmsfw__ml_enter(&x, &set);
        while ((st = cmsfw__ml_next(&u->st, &set, &ri)) == CMSFW_DER_OK &&
               (st = cmsfw__ml_skip(&u->st, &set, &ri, NULL)) == CMSFW_DER_OK)
            ;
        if (st == CMSFW_DER_END)
            st = cmsfw__ml_leave(&u->st, in, &set);
    }
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    return CMSFW_OK;
}

/* EncryptedData: unprotectedAttrs [1] OPTIONAL. AuthEnvelopedData:
 * authAttrs [1] OPTIONAL, mac, unauthAttrs [2] OPTIONAL. */
static cmsfw_err
walk_tail(min_layer *u, ml_cur *in, int *unprotected)
{
    ml_hdr x;
    int st;
    cmsfw_err err;

    st = cmsfw__ml_next(&u->st, in, &x);
    if (u->auth) {
        if (st == CMSFW_DER_OK && is_tag(&x, CMSFW_DER_CONTEXT, TAG_UNPROTECTED, 1)) {
            err = walk_auth_attrs(u, in, &x);
            if (err != CMSFW_OK)
                return err;
            st = cmsfw__ml_next(&u->st, in, &x);
        }
        if (st == CMSFW_DER_OK)
            st = walk_mac(u, in, &x);
        if (st != CMSFW_DER_OK)
            return cmsfw__ml_bad(u, st);
        st = cmsfw__ml_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK &&
        is_tag(&x, CMSFW_DER_CONTEXT, u->auth ? TAG_UNAUTH : TAG_UNPROTECTED, 1)) {
        *unprotected = 1;
        st = cmsfw__ml_skip(&u->st, in, &x, NULL);
        if (st == CMSFW_DER_OK)
            st = cmsfw__ml_next(&u->st, in, &x);
    }
    if (st == CMSFW_DER_OK)
        return cmsfw__ml_bad(u, CMSFW_DER_UNEXPECTED);
    if (st != CMSFW_DER_END)
        return cmsfw__ml_bad(u, st);
    return CMSFW_OK;
}

/* Pass one over the layer; *eci_st is the EncryptedContentInfo's own
 * status, reported after the checks that come before it. */
static cmsfw_err
walk_layer(min_layer *u, int *eci_st, int *unprotected)
{
    ml_cur top, in, probe;
    ml_hdr h, x;
    int st;
    cmsfw_err err;

    memset(&top, 0, sizeof top);
    top.bound = u->st.limit;
    st = cmsfw__ml_next(&u->st, &top, &h);
    if (st == CMSFW_DER_OK && !is_tag(&h, CMSFW_DER_UNIVERSAL, CMSFW_DER_TAG_SEQUENCE, 1))
        st = CMSFW_DER_UNEXPECTED;
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    cmsfw__ml_enter(&h, &in);
    err = walk_version(u, &in);
    if (err == CMSFW_OK && u->auth)
        err = walk_recipients(u, &in);
    if (err != CMSFW_OK)
        return err;
    st = cmsfw__ml_next(&u->st, &in, &x);
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    probe = in;
    st = cmsfw__ml_skip(&u->st, &probe, &x, NULL);
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_rd_fail(u, st, CMSFW_BAD_ENCRYPT_CONTENT, "bad EncryptedContentInfo");
    *eci_st = walk_eci(u, &x);
    if (*eci_st == ML_IO)
        return cmsfw__ml_fail(u, CMSFW_E_IO, "stage or sink I/O failed");
    in = probe;
    err = walk_tail(u, &in, unprotected);
    if (err != CMSFW_OK)
        return err;
    st = cmsfw__ml_leave(&u->st, &top, &in);
    if (st == CMSFW_DER_OK)
        st = cmsfw__ml_leave(&u->st, &top, &top); /* nothing after the value */
    if (st != CMSFW_DER_OK)
        return cmsfw__ml_bad(u, st);
    return CMSFW_OK;
}

/* ---------------------------------------------------------- algorithm */

/* AES-IV ::= OCTET STRING (SIZE(16)) */
static int
cbc_params(min_layer *u)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_bytes iv;

    if (u->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&c, u->alg.params.ptr, u->alg.params.len, 1);
    return cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) ==
               CMSFW_DER_OK &&
           cmsfw__ml_gather(u, &t, u->iv, CMSFW_BK_AES_BLOCK, &iv) && (u->iv_len = iv.len) ==
           CMSFW_BK_AES_BLOCK;
}

/* GCMParameters ::= SEQUENCE { aes-nonce OCTET STRING,
 *   aes-ICVlen INTEGER (12 | 13 | 14 | 15 | 16) DEFAULT 12 } */
static int
gcm_params(min_layer *u)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;
    cmsfw_bytes iv;
    int64_t icv = 12;

    if (u->alg.params.ptr == NULL)
        return 0;
    cmsfw_der_init(&c, u->alg.params.ptr, u->alg.params.len, 1);
    if (cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) !=
        CMSFW_DER_OK)
        return 0;
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, -1, CMSFW_DER_TAG_OCTET_STRING, &t) !=
            CMSFW_DER_OK ||
        !cmsfw__ml_gather(u, &t, u->iv, sizeof u->iv, &iv) || iv.len < CMSFW_BK_GCM_NONCE_MIN)
        return 0;
    u->iv_len = iv.len;
    if (!cmsfw_der_at_end(&in) &&
        (cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, &t) !=
             CMSFW_DER_OK ||
         cmsfw_der_get_int(&t, &icv) != CMSFW_DER_OK || !cmsfw_der_at_end(&in)))
        return 0;
    if (icv < CMSFW_BK_GCM_TAG_MIN || icv > CMSFW_BK_GCM_TAG_MAX)
        return 0;
    u->icv_len = (size_t)icv;
    return 1;
}

/* AES-CBC in EncryptedData, AES-GCM in AuthEnvelopedData, with their
 * parameters; AES-128-CBC is LEGACY. */
static cmsfw_err
check_alg(min_layer *u)
{
    const uint8_t *def = cmsfw__ml_aes_arc(u->alg.oid, ciphers, sizeof ciphers / sizeof ciphers[0]);

    if (def != NULL && (def[1] == ML_GCM) == (u->auth != 0) &&
        !(def[1] == ML_CBC && def[2] == 16 && (u->m->dev->policy & CMSFW_POLICY_NO_LEGACY)) &&
        cmsfw_bk_has(u->auth ? CMSFW_BK_CAP_AES_GCM : CMSFW_BK_CAP_AES_CBC)) {
        u->mode = def[1];
        u->key_len = def[2];
        if (u->auth ? gcm_params(u) : cbc_params(u))
            return CMSFW_OK;
    }
    return cmsfw__ml_fail(u, CMSFW_BAD_ENCRYPT_ALGORITHM, "unsupported content encryption");
}

/* see cms/min_layer.h: checks 18 to 21 on what pass one found */
cmsfw_err
cmsfw__ml_walk(min_layer *u)
{
    int eci_st = CMSFW_DER_OK, unprotected = 0;
    cmsfw_err err = walk_layer(u, &eci_st, &unprotected);

    if (err != CMSFW_OK)
        return err;
    if (unprotected)
        return cmsfw__ml_fail(u, CMSFW_UNPROTECTED_ATTRS_PRESENT, "unprotected attributes present");
    if (eci_st == CMSFW_DER_OK) {
        u->compressed = bytes_is(u->type, oid_compressed, sizeof oid_compressed);
        if (!u->compressed && !bytes_is(u->type, oid_fw, sizeof oid_fw))
            eci_st = CMSFW_DER_UNEXPECTED;
    }
    if (eci_st != CMSFW_DER_OK)
        return cmsfw__ml_rd_fail(u, eci_st, CMSFW_BAD_ENCRYPT_CONTENT, "bad EncryptedContentInfo");
    err = check_alg(u);
    if (err == CMSFW_OK && !u->has_ct)
        err = cmsfw__ml_fail(u, CMSFW_MISSING_CIPHERTEXT, "no encryptedContent");
    return err;
}
