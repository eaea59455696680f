/*
 * proc_priv.h: the processor's internal pieces and the contracts between
 * them (internal to cms/).
 *
 *   proc.c         push(): BER tokenizer over the whole input (step 1),
 *                  eContent -> hash + stage, everything else captured into
 *                  `meta`; finish(): steps 2, 3, 5 on the captured framing,
 *                  then calls the functions below in order.
 *   check_certs.c  step 4   cmsfw__check_certificates()
 *   check_signed.c steps 6-14 cmsfw__check_signed()
 *   check_policy.c steps 15-20 cmsfw__check_policy()
 *   unwrap*.c      steps 21-25 cmsfw__unwrap()
 *
 * Step numbers are those of the device procedure (docs/procedure.md, from
 * the RFC 4108 digest section 5.2). Each function returns CMSFW_OK or the
 * RFC 4108 code of the first failing step, and writes the reason to diag.
 */
#ifndef CMSFW_CMS_PROC_PRIV_H
#define CMSFW_CMS_PROC_PRIV_H

#include <cmsfw/fw.h>
#include <cmsfw/proc.h>

#include "asn1/der.h"
#include "backends/backend.h"

/* Most certificates a package may carry. */
#define CMSFW__MAX_CERTS 16

/* What push() collected. Every cmsfw_bytes points into the processor's
 * meta buffer (complete TLVs unless said otherwise); ptr NULL = absent. */
typedef struct cmsfw__framing {
    cmsfw_bytes ci_type;        /* ContentInfo.contentType, OID contents */
    int64_t sd_version;
    cmsfw_bytes digest_algs;    /* SignedData.digestAlgorithms SET TLV */
    size_t n_digest_algs;
    cmsfw_alg_id digest_alg;    /* digestAlgorithms[0] (oid contents, params TLV) */
    cmsfw_bytes econtent_type;  /* eContentType, OID contents */
    int has_econtent;
    uint64_t econtent_len;      /* octets staged at offsets 0..econtent_len-1 */
    cmsfw_bk_hash econtent_hash; /* hash of digest_alg, NONE when unsupported */
    uint8_t econtent_digest[CMSFW_BK_HASH_MAX]; /* of the eContent octets */
    size_t econtent_digest_len; /* 0 when not computed */
    /* When eContentType is id-ct-firmwarePackage the eContent is the image,
     * and the digests above and below are the image's: unwrap() does not
     * hash it again. */
    int econtent_plain;
    int econtent_skipped;       /* the stage holds nothing (CMSFW_STAGE_SKIP) */
    int has_econtent_sha256;    /* plain, and econtent_hash is not SHA-256 */
    uint8_t econtent_sha256[32];
    cmsfw_bytes certs[CMSFW__MAX_CERTS]; /* CertificateChoices TLVs, in order */
    size_t n_certs;
    int too_many_certs;
    cmsfw_bytes crls;           /* [1] TLV */
    cmsfw_bytes signer_info;    /* the first SignerInfo TLV */
    size_t n_signer_infos;
} cmsfw__framing;

/* Step 4: each certificate is an X.509 Certificate that parses (strict DER);
 * any other CertificateChoices arm, or a parse failure -> badCertificate. */
cmsfw_err cmsfw__check_certificates(const cmsfw__framing *f, cmsfw_diag *diag);

/* What steps 6-14 establish. Filled progressively: pkg_id is set as soon as
 * the signed attributes decode (step 7), even when a later step fails, so
 * that an error report can name the package (unauthenticated). */
typedef struct cmsfw__signed {
    /* SignerInfo */
    int64_t version;
    cmsfw_alg_id digest_alg;
    cmsfw_alg_id sig_alg;
    cmsfw_bytes signed_attrs;   /* the [0] IMPLICIT SET TLV as on the wire */
    /* signed attributes (values decoded; views into the framing's meta) */
    cmsfw_bytes content_type;   /* OID contents */
    cmsfw_bytes message_digest;
    int has_pkg_id;
    cmsfw_pkg_id pkg_id;
    cmsfw_oid_list targets;
    cmsfw_bytes decrypt_key_id; /* ptr NULL: absent */
    int has_communities;
    cmsfw_communities communities;
    int has_info;
    cmsfw_pkg_info info;
    int has_fw_digest;
    cmsfw_fw_digest fw_digest;
    /* unsigned attribute */
    int has_wrapped_key;
    cmsfw_wrapped_key wrapped_key;
    /* signer */
    cmsfw_bytes anchor_key_id;  /* key id of the anchor at the root */
    int authenticated;          /* step 14 passed */
    uint8_t anchor_key_id_buf[20]; /* anchor_key_id when it was computed
                                      (SHA-1 of the anchor's key) */
} cmsfw__signed;

/* Steps 6-14 (SignerInfo, signed and unsigned attributes, content type,
 * signer and path, authorisation, algorithms, key size, digest, signature,
 * CMSAlgorithmProtection). */
cmsfw_err cmsfw__check_signed(const cmsfw__framing *f, const cmsfw_device *dev, cmsfw__signed *s,
                              cmsfw_diag *diag);

/* Steps 15-20 (hardware, community, stale and rollback, package type,
 * dependencies, reverse dependencies). Sets res->downgrade_warning. */
cmsfw_err cmsfw__check_policy(const cmsfw__signed *s, const cmsfw_device *dev, cmsfw_result *res,
                              cmsfw_diag *diag);

/* Steps 21-25: read the staged eContent (econtent_len octets at offset 0
 * of the stage), remove EncryptedData / AuthEnvelopedData / CompressedData
 * layers and write the image to the sink; check firmware-package-message-
 * digest. The stage may be rewritten (decryption happens in place, from
 * offset 0, before anything reaches the sink). Sets res->layers,
 * res->decrypt_key_id and res->image_len. */
cmsfw_err cmsfw__unwrap(const cmsfw__framing *f, const cmsfw__signed *s, const cmsfw_device *dev,
                        const cmsfw_stage *stage, const cmsfw_sink *sink, cmsfw_result *res,
                        cmsfw_diag *diag);

/* Release what cmsfw__check_signed() allocated (decoded lists). */
void cmsfw__signed_free(cmsfw__signed *s);

#endif
