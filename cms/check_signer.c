/*
 * check_signer.c: the SignerInfo's syntax (step 6) and where its key comes
 * from (step 10).
 *
 * The SignerInfo is read as BER (RFC 4108 digest trap T17): the sid, the
 * algorithm identifiers and the signature are not signed, so indefinite
 * lengths and constructed strings are accepted there, and a constructed
 * subjectKeyIdentifier or signature is joined. signedAttrs are only
 * located here; step 7 requires them to be DER.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

#define UNIV CMSFW_DER_UNIVERSAL
#define CTX CMSFW_DER_CONTEXT

/* Join the segments of a (possibly constructed) OCTET STRING into @buf,
 * or point at it when it is primitive. -1 when malformed, 1 when longer
 * than @cap (out->len then holds the full length). */
static int
join_octets(const cmsfw_der_tlv *t, uint8_t *buf, size_t cap, cmsfw_bytes *out)
{
    cmsfw_der_segments segs;
    cmsfw_der_status st;
    const uint8_t *p;
    size_t n, total = 0;

    if (!t->constructed) {
        out->ptr = t->val;
        out->len = t->len;
        return 0;
    }
    cmsfw_der_segments_init(&segs, t, CMSFW_DER_TAG_OCTET_STRING, 1);
    while ((st = cmsfw_der_segments_next(&segs, &p, &n)) == CMSFW_DER_OK) {
        if (total <= cap && n <= cap - total)
            memcpy(buf + total, p, n);
        total += n;
    }
    if (st != CMSFW_DER_END)
        return -1;
    out->ptr = buf;
    out->len = total;
    return total > cap ? 1 : 0;
}

/* sid: issuerAndSerialNumber SEQUENCE { issuer Name, serialNumber INTEGER }
 *    | subjectKeyIdentifier [0] IMPLICIT OCTET STRING */
static cmsfw_err
read_sid(cmsfw_der_cur *c, cmsfw__si *si, cmsfw_diag *diag)
{
    cmsfw_der_tlv sid, issuer, serial;
    cmsfw_der_cur in;
    int r;

    if (cmsfw_der_read(c, &sid) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: no sid");
    if (sid.cls == CTX && sid.tag == 0) {
        si->sid_is_ski = 1;
        r = join_octets(&sid, si->ski_buf, sizeof si->ski_buf, &si->ski);
        if (r != 0)
            return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO,
                               "SignerInfo: subjectKeyIdentifier malformed or over %d octets",
                               CMSFW__SID_SKI_MAX);
        return CMSFW_OK;
    }
    if (sid.cls != UNIV || sid.tag != CMSFW_DER_TAG_SEQUENCE)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: sid is neither form");
    cmsfw_der_enter(&in, &sid, 1);
    if (cmsfw_der_expect(&in, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &issuer) != CMSFW_DER_OK ||
        cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &serial) != CMSFW_DER_OK ||
        serial.len == 0 || !cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad issuerAndSerialNumber");
    si->issuer.ptr = issuer.tlv;
    si->issuer.len = issuer.tlv_len;
    si->serial.ptr = serial.val;
    si->serial.len = serial.len;
    return CMSFW_OK;
}

/* An optional [n] field: its TLV in *out when the next element has the tag. */
static void
optional_field(cmsfw_der_cur *c, uint32_t tag, cmsfw_bytes *out)
{
    cmsfw_der_tlv t;

    out->ptr = NULL;
    out->len = 0;
    if (cmsfw_der_peek(c, &t) == CMSFW_DER_OK && t.cls == CTX && t.tag == tag &&
        cmsfw_der_read(c, &t) == CMSFW_DER_OK) {
        out->ptr = t.tlv;
        out->len = t.tlv_len;
    }
}

/*
 * SignerInfo ::= SEQUENCE {
 *     version             CMSVersion,
 *     sid                 SignerIdentifier,
 *     digestAlgorithm     DigestAlgorithmIdentifier,
 *     signedAttrs     [0] IMPLICIT SignedAttributes OPTIONAL,
 *     signatureAlgorithm  SignatureAlgorithmIdentifier,
 *     signature           SignatureValue,             -- OCTET STRING
 *     unsignedAttrs   [1] IMPLICIT UnsignedAttributes OPTIONAL }
 */
cmsfw_err
cmsfw__si_read(cmsfw_bytes tlv, cmsfw__si *si, cmsfw_diag *diag)
{
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;
    cmsfw_err e = CMSFW_BAD_SIGNER_INFO;
    int r;

    memset(si, 0, sizeof *si);
    cmsfw_der_init(&c, tlv.ptr, tlv.len, 1);
    if (cmsfw_der_expect(&c, UNIV, 1, CMSFW_DER_TAG_SEQUENCE, &seq) != CMSFW_DER_OK ||
        !cmsfw_der_at_end(&c))
        return cmsfw__fail(diag, e, "SignerInfo: not one SEQUENCE");
    cmsfw_der_enter(&in, &seq, 1);
    if (cmsfw_der_expect(&in, UNIV, 0, CMSFW_DER_TAG_INTEGER, &t) != CMSFW_DER_OK ||
        cmsfw_der_get_int(&t, &si->version) != CMSFW_DER_OK)
        return cmsfw__fail(diag, e, "SignerInfo: bad version");
    e = read_sid(&in, si, diag);
    if (e != CMSFW_OK)
        return e;
    if (cmsfw__alg_read(&in, &si->digest_alg) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad digestAlgorithm");
    optional_field(&in, 0, &si->signed_attrs);
    if (cmsfw__alg_read(&in, &si->sig_alg) != CMSFW_DER_OK)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad signatureAlgorithm");
    if (cmsfw_der_expect(&in, UNIV, -1, CMSFW_DER_TAG_OCTET_STRING, &t) != CMSFW_DER_OK ||
        (r = join_octets(&t, si->sig_buf, sizeof si->sig_buf, &si->signature)) < 0)
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: bad signature");
    si->signature_too_long = r;
    optional_field(&in, 1, &si->unsigned_attrs);
    if (!cmsfw_der_at_end(&in))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: unexpected trailing fields");
    return CMSFW_OK;
}

/* Does anchor @a carry the name the sid gives? When it does by a key
 * identifier, *kid is that identifier (in @buf when computed). */
static cmsfw_err
anchor_named(const cmsfw__si *si, const cmsfw_anchor *a, int *match, uint8_t *buf, cmsfw_bytes *kid,
             cmsfw_diag *diag)
{
    cmsfw_key k;
    int present = 0;
    cmsfw_err e = CMSFW_E_ARG;

    *match = 0;
    if (si->sid_is_ski) {
        e = cmsfw__anchor_key_id(a, buf, kid, diag);
        if (e == CMSFW_OK)
            *match = cmsfw__bytes_eq(si->ski, *kid);
        if (e == CMSFW_OK && !*match)
            e = cmsfw__anchor_key_id_alt(a, buf, kid, diag);
        if (e == CMSFW_OK && !*match)
            *match = cmsfw__bytes_eq(si->ski, *kid);
        return e;
    }
    e = cmsfw__anchor_cert(a, &k, &present, diag);
    if (e == CMSFW_OK && present)
        *match = cmsfw__bytes_eq(si->issuer, k.issuer) && cmsfw__bytes_eq(si->serial, k.serial);
    return e;
}

/* Finish *out for anchor @i: its key id (unless already set) and its
 * certificate. */
static cmsfw_err
take_anchor(const cmsfw_anchor *anchors, size_t i, cmsfw__signer_loc *out, cmsfw_diag *diag)
{
    int present = 0;
    cmsfw_err e = CMSFW_OK;

    out->anchor = i;
    if (out->anchor_key_id.ptr == NULL)
        e = cmsfw__anchor_key_id(&anchors[i], out->key_id_buf, &out->anchor_key_id, diag);
    if (e == CMSFW_OK)
        e = cmsfw__anchor_cert(&anchors[i], &out->anchor_cert, &present, diag);
    return e;
}

/* Step 10 (a): the sid names an anchor. *found = 0 when none does. */
static cmsfw_err
direct_anchor(const cmsfw__si *si, const cmsfw_anchor *anchors, size_t n_anchors, int prefer_fw,
              cmsfw__signer_loc *out, int *found, cmsfw_diag *diag)
{
    uint8_t buf[CMSFW__SHA1_LEN];
    cmsfw_bytes kid, best_kid;
    size_t i, best = n_anchors;
    int match = 0;
    cmsfw_err e = CMSFW_OK;

    *found = 0;
    memset(&best_kid, 0, sizeof best_kid);
    for (i = 0; i < n_anchors; i++) {
        e = anchor_named(si, &anchors[i], &match, buf, &kid, diag);
        if (e != CMSFW_OK)
            return e;
        if (!match)
            continue;
        if (best != n_anchors &&
            (!prefer_fw || (anchors[best].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER) ||
             !(anchors[i].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER)))
            continue;
        best = i;
        best_kid.ptr = NULL;
        if (si->sid_is_ski) {
            if (kid.ptr == buf)
                memcpy(out->key_id_buf, buf, sizeof buf);
            best_kid.ptr = kid.ptr == buf ? out->key_id_buf : kid.ptr;
            best_kid.len = kid.len;
        }
    }
    if (best == n_anchors)
        return CMSFW_OK;
    *found = 1;
    out->spki = anchors[best].spki;
    out->path_len = 0;
    out->anchor_key_id = best_kid;
    return take_anchor(anchors, best, out, diag);
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__locate_signer(const cmsfw__si *si, const cmsfw_bytes *certs, size_t n_certs,
                     const cmsfw_anchor *anchors, size_t n_anchors, int allow_paths, int prefer_fw,
                     uint32_t policy, cmsfw__signer_loc *out, cmsfw_diag *diag)
{
    cmsfw_key keys[CMSFW__MAX_CERTS];
    cmsfw_diag why;
    size_t i, leaf = n_certs;
    int found = 0;
    cmsfw_err e = CMSFW_NO_TRUST_ANCHOR;

    memset(out, 0, sizeof *out);
    e = direct_anchor(si, anchors, n_anchors, prefer_fw, out, &found, diag);
    if (e != CMSFW_OK || found)
        return e;
    if (!allow_paths || n_certs == 0)
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR, "the sid names no trust anchor");
    if (n_certs > CMSFW__MAX_CERTS)
        n_certs = CMSFW__MAX_CERTS;
    for (i = 0; i < n_certs; i++) {
        why.msg[0] = '\0';
        if (cmsfw_key_parse(&keys[i], certs[i], CMSFW_KEY_CERTIFICATE, &why) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_BAD_CERTIFICATE, "certificate %zu: %s", i, why.msg);
        if (leaf == n_certs && (si->sid_is_ski ? cmsfw__bytes_eq(si->ski, keys[i].ski)
                                               : cmsfw__bytes_eq(si->issuer, keys[i].issuer) &&
                                                     cmsfw__bytes_eq(si->serial, keys[i].serial)))
            leaf = i;
    }
    if (leaf == n_certs)
        return cmsfw__fail(diag, CMSFW_NO_TRUST_ANCHOR,
                           "the sid names no trust anchor and no certificate of the package");
    e = cmsfw__cert_path(keys, n_certs, leaf, anchors, n_anchors, prefer_fw, policy, out, diag);
    if (e != CMSFW_OK)
        return e;
    out->spki = out->path[0].spki;
    return take_anchor(anchors, out->anchor, out, diag);
}
