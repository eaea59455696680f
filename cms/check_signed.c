/*
 * check_signed.c: steps 6 to 14 of the device procedure
 * (docs/procedure.md): the SignerInfo, its attributes, the signer and its
 * authorisation, the algorithms, and the signature. Nothing the signed
 * attributes say is acted on here: the policy steps come after.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

/* Step 6: syntax (BER), version, digestAlgorithm. */
static cmsfw_err
step6(const cmsfw__framing *f, const cmsfw_device *dev, cmsfw__si *si, cmsfw__signed *s,
      cmsfw_diag *diag)
{
    cmsfw_err e = CMSFW_BAD_SIGNER_INFO;

    if (f->signer_info.ptr == NULL)
        return cmsfw__fail(diag, e, "no SignerInfo");
    e = cmsfw__si_read(f->signer_info, si, diag);
    if (e != CMSFW_OK)
        return e;
    s->version = si->version;
    s->digest_alg = si->digest_alg;
    s->sig_alg = si->sig_alg;
    s->signed_attrs = si->signed_attrs;
    /* RFC 4108 2.1.2.1: version 3 whatever the sid; version 1 (RFC 5652's
     * pairing with issuerAndSerialNumber) only when the device allows it */
    if (si->version != 3 &&
        !(si->version == 1 && !si->sid_is_ski && (dev->policy & CMSFW_POLICY_SIGNER_INFO_V1)))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO, "SignerInfo: version %lld not accepted",
                           (long long)si->version);
    if (!cmsfw__alg_equal(&si->digest_alg, &f->digest_alg))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNER_INFO,
                           "SignerInfo: digestAlgorithm differs from SignedData's");
    return CMSFW_OK;
}

/* Steps 7, 8 and 9. */
static cmsfw_err
steps7to9(const cmsfw__framing *f, const cmsfw__si *si, cmsfw__attr_list *attrs, cmsfw__signed *s,
          cmsfw_diag *diag)
{
    cmsfw_err e = CMSFW_BAD_SIGNED_ATTRS;

    if (si->signed_attrs.ptr == NULL)
        return cmsfw__fail(diag, e, "signedAttrs absent");
    e = cmsfw__attr_list_read(si->signed_attrs, attrs, diag);
    if (e == CMSFW_OK)
        e = cmsfw__fw_signed_attrs(attrs, f->econtent_type, s, diag);
    if (e == CMSFW_OK)
        e = cmsfw__fw_unsigned_attrs(si->unsigned_attrs, f->econtent_type, s, diag);
    if (e == CMSFW_OK && !cmsfw__bytes_eq(s->content_type, f->econtent_type))
        e = cmsfw__fail(diag, CMSFW_CONTENT_TYPE_MISMATCH,
                        "content-type attribute differs from eContentType");
    return e;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__si_alg(const cmsfw__si *si, cmsfw_bk_hash digest, cmsfw_bytes spki, cmsfw_err bad_key,
              uint32_t policy, cmsfw__sig *out, cmsfw_diag *diag)
{
    cmsfw_err e = cmsfw__sig_alg(&si->sig_alg, 0, out, diag);

    if (e != CMSFW_OK)
        return e;
    if (out->legacy && (policy & CMSFW_POLICY_NO_LEGACY))
        return cmsfw__fail(diag, CMSFW_BAD_SIGNATURE_ALGORITHM,
                           "RSASSA-PKCS1-v1_5 (LEGACY) refused by policy");
    e = cmsfw__sig_bind_digest(out, digest, diag);
    if (e == CMSFW_OK)
        e = cmsfw__sig_key(out, spki, bad_key, diag);
    return e;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__si_verify(const cmsfw__si *si, const cmsfw__attr_list *attrs, const cmsfw__sig *sig,
                 cmsfw_bytes spki, cmsfw_bytes md, const uint8_t *digest, size_t digest_len,
                 cmsfw_diag *diag)
{
    const cmsfw__attr *ap;
    cmsfw_alg_id pd, ps;
    int has_sig = 0, has_mac = 0;
    cmsfw_err e = CMSFW_SIGNATURE_FAILURE;

    if (md.len != digest_len || digest_len == 0 || memcmp(md.ptr, digest, digest_len) != 0)
        return cmsfw__fail(diag, e, "message-digest differs from the digest of the content");
    if (si->signature_too_long)
        return cmsfw__fail(diag, e, "signature longer than any supported scheme's");
    e = cmsfw__sig_verify(sig, spki, si->signed_attrs, 0x31, si->signature, diag);
    if (e != CMSFW_OK)
        return e;
    ap = CMSFW__ATTR_FIND(attrs, CMSFW__OID_AT_ALG_PROTECTION);
    if (ap == NULL)
        return CMSFW_OK;
    e = cmsfw__attr_alg_protection(ap, &pd, &ps, &has_sig, &has_mac, diag);
    if (e != CMSFW_OK)
        return e;
    /* RFC 6211 3, project decision: byte equality with the SignerInfo */
    if (!has_sig || has_mac || !cmsfw__alg_equal(&pd, &si->digest_alg) ||
        !cmsfw__alg_equal(&ps, &si->sig_alg))
        return cmsfw__fail(diag, CMSFW_SIGNATURE_FAILURE,
                           "CMSAlgorithmProtection does not match the SignerInfo's algorithms");
    return CMSFW_OK;
}

/* Step 11: the anchor may sign firmware, and so may every certificate of
 * the path under its content constraints. */
static cmsfw_err
step11(const cmsfw_device *dev, const cmsfw__signer_loc *sg, const cmsfw__attr_list *attrs,
       cmsfw_diag *diag)
{
    if (!(dev->anchors[sg->anchor].flags & CMSFW_ANCHOR_FIRMWARE_SIGNER))
        return cmsfw__fail(diag, CMSFW_NOT_AUTHORIZED,
                           "trust anchor %zu is not a firmware package signer", sg->anchor);
    return cmsfw__content_constraints(sg, attrs, diag);
}

/* Steps 12 to 14. */
static cmsfw_err
steps12to14(const cmsfw__framing *f, const cmsfw_device *dev, const cmsfw__si *si,
            const cmsfw__attr_list *attrs, const cmsfw__signer_loc *sg, const cmsfw__signed *s,
            cmsfw_diag *diag)
{
    cmsfw_bk_hash h = CMSFW_BK_HASH_NONE;
    cmsfw__sig sig;
    cmsfw_err e = cmsfw__digest_alg(&si->digest_alg, &h, diag);

    if (e != CMSFW_OK)
        return e;
    /* a malformed key from a certificate is that certificate's fault; one
     * from an anchor is the device's configuration */
    e = cmsfw__si_alg(si, h, sg->spki, sg->path_len > 0 ? CMSFW_BAD_CERTIFICATE : CMSFW_E_ARG,
                      dev->policy, &sig, diag);
    if (e != CMSFW_OK)
        return e;
    if (f->econtent_hash != h || f->econtent_digest_len != cmsfw_bk_hash_len(h))
        return cmsfw__fail(diag, CMSFW_BAD_DIGEST_ALGORITHM,
                           "the eContent was not hashed with the digest algorithm");
    return cmsfw__si_verify(si, attrs, &sig, sg->spki, s->message_digest, f->econtent_digest,
                            f->econtent_digest_len, diag);
}

/* see cms/proc_priv.h */
cmsfw_err
cmsfw__check_signed(const cmsfw__framing *f, const cmsfw_device *dev, cmsfw__signed *s,
                    cmsfw_diag *diag)
{
    cmsfw__si si;
    cmsfw__attr_list attrs;
    cmsfw__signer_loc sg;
    cmsfw_err e = CMSFW_E_ARG;

    if (s == NULL)
        return cmsfw__fail(diag, e, "cmsfw__check_signed: NULL argument");
    memset(s, 0, sizeof *s);
    if (f == NULL || dev == NULL || (dev->anchors == NULL && dev->n_anchors > 0))
        return cmsfw__fail(diag, e, "cmsfw__check_signed: NULL argument");
    e = step6(f, dev, &si, s, diag);
    if (e == CMSFW_OK)
        e = steps7to9(f, &si, &attrs, s, diag);
    if (e == CMSFW_OK)
        e = cmsfw__locate_signer(&si, f->certs, f->n_certs, dev->anchors, dev->n_anchors, 1, 1,
                                 dev->policy, &sg, diag);
    if (e == CMSFW_OK)
        e = step11(dev, &sg, &attrs, diag);
    if (e == CMSFW_OK)
        e = steps12to14(f, dev, &si, &attrs, &sg, s, diag);
    if (e != CMSFW_OK)
        return e;
    if (sg.anchor_key_id.ptr == sg.key_id_buf) {
        memcpy(s->anchor_key_id_buf, sg.key_id_buf, sizeof s->anchor_key_id_buf);
        s->anchor_key_id.ptr = s->anchor_key_id_buf;
        s->anchor_key_id.len = sizeof s->anchor_key_id_buf;
    } else {
        s->anchor_key_id = sg.anchor_key_id;
    }
    s->authenticated = 1;
    return CMSFW_OK;
}

/* see cms/proc_priv.h */
void
cmsfw__signed_free(cmsfw__signed *s)
{
    if (s == NULL)
        return;
    cmsfw_pkg_id_free(&s->pkg_id);
    cmsfw_oid_list_free(&s->targets);
    cmsfw_communities_free(&s->communities);
    cmsfw_pkg_info_free(&s->info);
    cmsfw_fw_digest_free(&s->fw_digest);
    cmsfw_wrapped_key_free(&s->wrapped_key);
    memset(s, 0, sizeof *s);
}
