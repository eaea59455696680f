/*
 * sign_info.c: the SignerInfo (with its signature) and the ContentInfo /
 * SignedData framing around an encapsulated content.
 *
 * SignerInfo ::= SEQUENCE {
 *     version             CMSVersion,
 *     sid                 SignerIdentifier,     -- [0] SKI or issuerAndSerialNumber
 *     digestAlgorithm     DigestAlgorithmIdentifier,
 *     signedAttrs         [0] IMPLICIT SignedAttributes OPTIONAL,
 *     signatureAlgorithm  SignatureAlgorithmIdentifier,
 *     signature           SignatureValue,
 *     unsignedAttrs       [1] IMPLICIT UnsignedAttributes OPTIONAL }
 */
#include <stdlib.h>
#include <string.h>

#include "backends/bk_internal.h"
#include "backends/lms.h"
#include "cms/diag.h"
#include "cms/sign.h"

static size_t
sid_size(const cmsfw__signer *s)
{
    if (s->use_issuer_serial)
        return cmsfw__tlv(s->issuer.len + cmsfw__tlv(s->serial.len));
    return cmsfw__tlv(s->ski_len);
}

static void
put_sid(cmsfw_der_w *w, const cmsfw__signer *s)
{
    if (s->use_issuer_serial) {
        cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                             s->issuer.len + cmsfw__tlv(s->serial.len));
        cmsfw_der_put_bytes(w, s->issuer.ptr, s->issuer.len);
        cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_INTEGER, s->serial.len);
        cmsfw_der_put_bytes(w, s->serial.ptr, s->serial.len);
    } else {
        cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 0, 0, s->ski_len);
        cmsfw_der_put_bytes(w, s->ski, s->ski_len);
    }
}

static size_t
signer_info_contents(const cmsfw__signer *s, size_t attrs_len, size_t sig_len,
                     size_t unsigned_len)
{
    /* version 1 and 3 both take three octets */
    return 3 + sid_size(s) + s->digest_alg_len + cmsfw__tlv(attrs_len) + s->sig_alg_len +
           cmsfw__tlv(sig_len) + unsigned_len;
}

/* see cms/sign.h */
size_t
cmsfw__signer_info_size(const cmsfw__signer *s, size_t attrs_len, size_t sig_len,
                        size_t unsigned_len)
{
    return cmsfw__tlv(signer_info_contents(s, attrs_len, sig_len, unsigned_len));
}

static size_t
attrs_length(const cmsfw__attrs *a)
{
    size_t i, n = 0;

    for (i = 0; i < a->n; i++)
        n += a->len[i];
    return n;
}

/* The stateful key behind an HSS/LMS signer (prepare_hss() in cms/sign.c). */
static const cmsfw_hss_signer *
hss_of(const cmsfw__signer *s)
{
    return s->scheme == CMSFW_BK_SIG_HSS_LMS ? s->hss : NULL;
}

/*
 * Sign @p msg with the next one-time key, record the advanced state
 * through the commit callback, and only then let the signature out; it is
 * verified with the public key on the way (a fault must not leave with
 * the data). The index is spent once signing started, whatever follows.
 */
static cmsfw_err
hss_sign(const cmsfw_hss_signer *h, cmsfw_bytes msg, size_t *sig_len, cmsfw_diag *diag)
{
    cmsfw_bk_hss_priv p;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    cmsfw_err err = CMSFW_E_BACKEND;
    size_t len = 0;
    unsigned i;

    memset(&p, 0, sizeof p);
    p.levels = h->key->levels;
    for (i = 0; i < p.levels && i < CMSFW_BK_HSS_MAX_LEVELS; i++) {
        p.lms_type[i] = h->key->lms_type[i];
        p.ots_type[i] = h->key->ots_type[i];
    }
    memcpy(p.seed, h->key->seed, sizeof p.seed);
    memcpy(p.id, h->key->id, sizeof p.id);
    p.next = h->key->next;
    st = cmsfw_bk_hss_sign(&p, msg, h->sig, h->sig_size, &len);
    cmsfw_bk_wipe(p.seed, sizeof p.seed);
    if (st == CMSFW_BK_BAD_INPUT)
        return cmsfw__fail(diag, CMSFW_E_ARG, "HSS/LMS key exhausted");
    if (st != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "HSS/LMS signing failed: %s",
                           cmsfw_bk_status_name(st));
    h->key->next = p.next;
    if (diag != NULL)
        diag->msg[0] = '\0';
    err = h->commit(h->ctx, h->key);
    if (err != CMSFW_OK) {
        char why[sizeof diag->msg] = "";

        cmsfw_bk_wipe(h->sig, len);
        if (diag != NULL)
            memcpy(why, diag->msg, sizeof why);
        why[sizeof why - 1] = '\0';
        return cmsfw__fail(diag, CMSFW_E_IO,
                           "the HSS/LMS key state could not be recorded, signature discarded%s%s",
                           why[0] != '\0' ? ": " : "", why);
    }
    st = cmsfw_bk_hss_verify((cmsfw_bytes){h->key->pub, sizeof h->key->pub}, msg,
                             (cmsfw_bytes){h->sig, len});
    if (st != CMSFW_BK_OK) {
        cmsfw_bk_wipe(h->sig, len);
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "the new signature does not verify: %s",
                           cmsfw_bk_status_name(st));
    }
    *sig_len = len;
    return CMSFW_OK;
}

/* see cms/sign.h */
cmsfw_err
cmsfw__sign_attrs(const cmsfw__signer *s, const cmsfw__attrs *attrs, uint8_t *sig,
                  size_t *sig_len, cmsfw_diag *diag)
{
    size_t attrs_len = attrs_length(attrs), tbs_len = cmsfw__tlv(attrs_len);
    uint8_t digest[CMSFW_BK_HASH_MAX], *der = malloc(tbs_len);
    cmsfw_bytes msg = {der, tbs_len}, tbs = {digest, s->hash_len}, sv = {sig, 0};
    cmsfw_bk_status st = CMSFW_BK_FAILURE;
    cmsfw_err err = CMSFW_E_BACKEND;
    cmsfw_der_w w;

    *sig_len = 0;
    if (der == NULL)
        return cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory");
    cmsfw_der_w_init(&w, der, tbs_len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, attrs_len);
    cmsfw__attrs_put(&w, attrs);
    if (hss_of(s) != NULL) {
        /* the stateful signer writes to its own, larger buffer */
        err = cmsfw_der_w_status(&w) == CMSFW_DER_OK
                  ? hss_sign(hss_of(s), msg, &sv.len, diag)
                  : cmsfw__fail(diag, CMSFW_E_BACKEND, "signed attributes do not encode");
        free(der);
        if (err == CMSFW_OK)
            *sig_len = sv.len;
        return err;
    }
    if (s->scheme == CMSFW_BK_SIG_ED25519) {
        tbs = msg;
        err = CMSFW_OK;
    } else {
        err = cmsfw__signer_digest(s, msg, digest, diag);
    }
    if (err == CMSFW_OK) {
        st = cmsfw_bk_sign(s->scheme, s->hash, s->key, tbs, sig, CMSFW_BK_SIG_MAX, &sv.len);
        if (st != CMSFW_BK_OK)
            err = cmsfw__fail(diag, CMSFW_E_BACKEND, "signing failed: %s",
                              cmsfw_bk_status_name(st));
    }
    if (err == CMSFW_OK && s->cert_spki.ptr != NULL &&
        (st = cmsfw_bk_verify(s->scheme, s->hash, s->cert_spki, tbs, sv)) != CMSFW_BK_OK)
        err = cmsfw__fail(diag, CMSFW_E_BACKEND, "the new signature does not verify: %s",
                          cmsfw_bk_status_name(st));
    free(der);
    if (err == CMSFW_OK)
        *sig_len = sv.len;
    return err;
}

/* see cms/sign.h */
void
cmsfw__signer_info_put(cmsfw_der_w *w, const cmsfw__signer *s, int version,
                       const cmsfw__attrs *attrs, cmsfw_bytes sig, cmsfw_bytes unsigned_attrs)
{
    size_t attrs_len = attrs_length(attrs);
    size_t ul = unsigned_attrs.ptr != NULL ? unsigned_attrs.len : 0;

    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         signer_info_contents(s, attrs_len, sig.len, ul));
    cmsfw_der_put_uint(w, (uint64_t)version);
    put_sid(w, s);
    cmsfw_der_put_bytes(w, s->digest_alg, s->digest_alg_len);
    /* the octets signed, under the [0] IMPLICIT tag */
    cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 1, 0, attrs_len);
    cmsfw__attrs_put(w, attrs);
    cmsfw_der_put_bytes(w, s->sig_alg, s->sig_alg_len);
    if (hss_of(s) != NULL)
        sig.ptr = hss_of(s)->sig;
    cmsfw_der_put_octets(w, sig.ptr, sig.len);
    if (ul > 0)
        cmsfw_der_put_bytes(w, unsigned_attrs.ptr, ul);
}

/* see cms/sign.h */
void
cmsfw__sd_layout_init(cmsfw__sd_layout *l, const cmsfw__signer *s, cmsfw_bytes econtent_type,
                      size_t econtent_len, size_t signer_info_len)
{
    size_t certs = 0, i;

    memset(l, 0, sizeof *l);
    l->econtent_len = econtent_len;
    l->signer_info_len = signer_info_len;
    for (i = 0; i < s->n_certs; i++)
        certs += s->certs[i].len;
    l->certs_len = s->n_certs > 0 ? cmsfw__tlv(certs) : 0;
    l->eci_len = cmsfw__tlv(econtent_type.len) + cmsfw__tlv(cmsfw__tlv(econtent_len));
    l->sd_len = 3 + cmsfw__tlv(s->digest_alg_len) + cmsfw__tlv(l->eci_len) + l->certs_len +
                cmsfw__tlv(signer_info_len);
    l->total = cmsfw__tlv(cmsfw__tlv(cmsfw__oid("id-signedData").len) +
                          cmsfw__tlv(cmsfw__tlv(l->sd_len)));
    if (econtent_len > SIZE_MAX / 8 || l->total >= SIZE_MAX / 4)
        l->total = SIZE_MAX;
}

/*
 * ContentInfo ::= SEQUENCE { contentType id-signedData, content [0] EXPLICIT
 *   SignedData ::= SEQUENCE { version 3, digestAlgorithms SET { one },
 *     encapContentInfo SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING },
 * up to the eContent octets.
 */
/* see cms/sign.h */
void
cmsfw__sd_put_head(cmsfw_der_w *w, const cmsfw__sd_layout *l, const cmsfw__signer *s,
                   cmsfw_bytes econtent_type)
{
    cmsfw_bytes sd = cmsfw__oid("id-signedData");

    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE,
                         cmsfw__tlv(sd.len) + cmsfw__tlv(cmsfw__tlv(l->sd_len)));
    cmsfw_der_put_oid(w, sd.ptr, sd.len);
    cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 1, 0, cmsfw__tlv(l->sd_len));
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, l->sd_len);
    cmsfw_der_put_uint(w, 3);
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, s->digest_alg_len);
    cmsfw_der_put_bytes(w, s->digest_alg, s->digest_alg_len);
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, l->eci_len);
    cmsfw_der_put_oid(w, econtent_type.ptr, econtent_type.len);
    cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 1, 0, cmsfw__tlv(l->econtent_len));
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OCTET_STRING, l->econtent_len);
}

/*   certificates [0] IMPLICIT CertificateSet OPTIONAL,
 *   signerInfos SET OF SignerInfo (header only) */
/* see cms/sign.h */
void
cmsfw__sd_put_mid(cmsfw_der_w *w, const cmsfw__sd_layout *l, const cmsfw__signer *s)
{
    size_t i, sum = 0;

    for (i = 0; i < s->n_certs; i++)
        sum += s->certs[i].len;
    if (s->n_certs > 0) {
        cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 1, 0, sum);
        for (i = 0; i < s->n_certs; i++)
            cmsfw_der_put_bytes(w, s->certs[i].ptr, s->certs[i].len);
    }
    cmsfw_der_put_header(w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, l->signer_info_len);
}
