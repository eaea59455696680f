/*
 * min_priv.h: the minimal profile's processor (include/cmsfw/minimal.h),
 * its state and the contracts between its files. Internal to cms/.
 *
 *   min_proc.c    API, latching, the work-buffer layout; finish() runs
 *                 steps 2, 3, 5 on the framing, then the functions below
 *   min_stream.c  push(): BER tokenizer (step 1), eContent -> hash + stage,
 *                 framing and the first SignerInfo captured into the work
 *                 buffer (an HSS/LMS signature streamed to its verifier
 *                 instead, min_algs.c); certificates and CRLs read over
 *   min_signer.c  steps 6-14   cmsfw__min_check_signed()
 *   min_policy.c  steps 15-20  cmsfw__min_check_policy()
 *   min_unwrap.c  steps 21-24  cmsfw__min_unwrap()
 *   min_layer*.c  step 21      cmsfw__min_layer() (or min_nolayer.c)
 *   min_report.c  receipts and error reports, hand-written DER
 *
 * Step numbers and codes are those of docs/procedure.md, as in the full
 * profile (cms/proc_priv.h). Nothing here allocates, formats text
 * (no printf family: reasons are fixed strings) or uses libtasn1 or the
 * OID table of asn1/oid.c: parsing is asn1/der.c's cursor, OIDs are the
 * DER constants of cms/min_oid.h.
 */
#ifndef CMSFW_CMS_MIN_PRIV_H
#define CMSFW_CMS_MIN_PRIV_H

#include <cmsfw/minimal.h>

#include "asn1/der.h"
#include "backends/backend.h"

/* What push() collected and finish() checked (steps 1-5). Every
 * cmsfw_bytes points into the work buffer; ptr NULL = absent. */
typedef struct cmsfw__min_framing {
    int64_t sd_version;
    cmsfw_alg_id digest_alg;     /* SignedData.digestAlgorithms[0] */
    cmsfw_bytes econtent_type;   /* eContentType, OID contents */
    int has_econtent;
    uint64_t econtent_len;       /* octets staged at offsets 0..len-1 */
    cmsfw_bk_hash econtent_hash; /* hash of digest_alg; NONE when unsupported */
    uint8_t econtent_digest[CMSFW_BK_HASH_MAX];
    size_t econtent_digest_len;  /* 0 when not computed */
    /* eContentType id-ct-firmwarePackage: the eContent is the image, and
     * the digests above and below are the image's. */
    int econtent_plain;
    int econtent_skipped;        /* the stage answered CMSFW_STAGE_SKIP */
    int has_econtent_sha256;     /* plain, and econtent_hash is not SHA-256 */
    uint8_t econtent_sha256[32];
    size_t n_certs;              /* CertificateChoices read over */
    int has_crls;
    cmsfw_bytes signer_info;     /* the first SignerInfo TLV */
    size_t n_signer_infos;
} cmsfw__min_framing;

/* What steps 6-14 establish: views into the SignerInfo (work buffer).
 * An attribute is kept as its AttributeValue TLV and decoded where it is
 * used (policy, unwrap, reports), so that no list is ever built. */
typedef struct cmsfw__min_signed {
    int64_t version;
    cmsfw_alg_id digest_alg;
    cmsfw_alg_id sig_alg;
    cmsfw_bytes signed_attrs;   /* the [0] IMPLICIT SET TLV as on the wire */
    cmsfw_bytes signature;      /* contents of the signature OCTET STRING */
    cmsfw_bytes content_type;   /* OID contents */
    cmsfw_bytes message_digest; /* contents */
    cmsfw_bytes pkg_id;         /* FirmwarePackageIdentifier TLV */
    cmsfw_bytes targets;        /* TargetHardwareIdentifiers TLV */
    cmsfw_bytes decrypt_key_id; /* contents; ptr NULL: absent */
    cmsfw_bytes communities;    /* CommunityIdentifiers TLV; ptr NULL: absent */
    cmsfw_bytes info;           /* FirmwarePackageInfo TLV; ptr NULL: absent */
    cmsfw_bytes fw_digest;      /* FirmwarePackageMessageDigest TLV; ptr NULL: absent */
    cmsfw_bytes wrapped_key;    /* unsigned wrapped-firmware-key value TLV; ptr NULL: absent */
    const cmsfw_anchor *anchor; /* the anchor the sid names */
    uint8_t anchor_key_id_buf[20]; /* res.trust_anchor_key_id when computed */
    int authenticated;          /* step 14 passed */
} cmsfw__min_signed;

/* The tokenizer's frame: one per open constructed value. */
typedef struct cmsfw__min_frame {
    uint32_t end;      /* offset of the first octet after it; UINT32_MAX: indefinite */
    uint8_t role;
    uint8_t action;
    uint16_t children;
} cmsfw__min_frame;

enum cmsfw__min_phase { MIN_STREAM = 0, MIN_FINISHED, MIN_ACCEPTED, MIN_UNWRAPPED, MIN_ENDED };

struct cmsfw_min {
    uint32_t magic;               /* tells a live processor from a wiped one */
    const cmsfw_device *dev;
    const cmsfw_stage *stage;
    int phase;
    cmsfw_err err;                /* latched; CMSFW_OK while none */
    uint32_t limits;              /* CMSFW_MIN_LIMIT_* behind err */
    const char *reason;           /* fixed string; "" while none */
    int staged;                   /* write() was called on the stage */

    /* the rest of the work buffer: captured framing, then free space */
    uint8_t *buf;
    size_t buf_len;
    size_t buf_used;
    size_t buf_high;              /* high-water mark of buf_used */

    /* tokenizer (min_stream.c): one end offset and one role octet per
     * open constructed value. The captured TLVs lie in buf one after the
     * other, in the order of the MIN_SEEN_* bits that say which are there
     * (the order of the package, fixed by the syntax). */
#define MIN_SEEN_CI_TYPE 0x01u        /* ContentInfo.contentType */
#define MIN_SEEN_VERSION 0x02u        /* SignedData.version */
#define MIN_SEEN_DIGESTS 0x04u        /* SignedData.digestAlgorithms */
#define MIN_SEEN_ECI_TYPE 0x08u       /* eContentType */
#define MIN_SEEN_SIGNER 0x10u         /* the first SignerInfo */
#define MIN_BAD_CI 0x01u              /* ContentInfo shape (step 2) */
#define MIN_BAD_SD 0x02u              /* SignedData shape or order (step 3) */
#define MIN_BAD_ECI 0x04u             /* EncapsulatedContentInfo shape (step 5) */
#define MIN_F_SIGNED 0x08u            /* contentType is id-signedData */
#define MIN_F_PLAIN_TYPE 0x10u        /* eContentType is id-ct-firmwarePackage */
#define MIN_F_ECONTENT 0x20u          /* an eContent header was met */
#define MIN_F_PLAIN 0x40u             /* ... and it is the image itself */
#define MIN_F_SKIP 0x80u              /* the stage answered CMSFW_STAGE_SKIP */
#define MIN_F_CERTS 0x100u            /* past step 4: mark errors with CMSFW_MIN_LIMIT_CERTS */
    uint32_t off;                 /* octets consumed */
    uint32_t content_end;         /* end of the primitive being read */
    uint32_t capture_start;       /* offset in buf of the TLV being captured */
    uint32_t ends[CMSFW_MIN_MAX_DEPTH]; /* first octet after each open value */
    uint8_t roles[CMSFW_MIN_MAX_DEPTH]; /* its role; bit 7: indefinite length */
    uint8_t kids[5];              /* children of the framing levels 0..4 (saturating) */
    uint8_t hdr[13];              /* identifier (4) and length (9) octets at most */
    uint8_t hdr_len;
    uint8_t depth;                /* constructed values open */
    uint8_t content_role;         /* role of the primitive being read; 0: none */
    uint8_t in_content;
    uint8_t top_done;
    uint8_t sd_field;             /* next SignedData field expected (0..6) */
    uint8_t seen;                 /* MIN_SEEN_* bits */
    uint8_t lost;                 /* MIN_SEEN_* bits of captures that did not fit */
    uint16_t flags;               /* MIN_BAD_* faults and MIN_F_* state */
    int8_t capture_level;         /* depth of the value being captured; -1: none */
    uint8_t capture_role;

    /* eContent hashing */
    int hashing;
    cmsfw_bk_hash hash_alg;
    cmsfw_bk_hash_ctx hash;
    int sha_on;
    cmsfw_bk_hash_ctx sha;

    /* an HSS/LMS signature consumed as it arrives (min_algs.c): the
     * verifier's state and lent buffer lie in buf past the capture while
     * the signature streams; then only the verdict is kept */
    struct cmsfw_bk_hss_stream *hss; /* while the signature streams; else NULL */
    const cmsfw_anchor *hss_anchor;  /* whose key it is checked against */
    uint8_t *hss_msg;                /* the signedAttrs TLV in buf */
    size_t hss_held_at;              /* offset in buf of the lent buffer */
    int hss_done;                    /* hss_verdict holds the verdict */
    cmsfw_bk_status hss_verdict;

    cmsfw__min_framing f;
    cmsfw__min_signed s;
    cmsfw_result res;
};

#define CMSFW__MIN_MAGIC 0x4d494e31u /* "MIN1" */

/* min_proc.c: latch the first error with its limits and a fixed reason;
 * returns the latched code. */
cmsfw_err cmsfw__min_fail(cmsfw_min *m, cmsfw_err code, uint32_t limits, const char *why);

/* min_proc.c: after finish(), scratch space for unwrap, aligned to
 * @p align (a power of two). On entry *len is the number of octets the
 * caller needs (0: all that is free); the region returned holds that
 * many, or all that is free when less is, and *len receives its size;
 * NULL when nothing is free. Every call with the same alignment returns
 * the same start, so asking again for more extends the region. Only the
 * octets given count towards cmsfw_min_work_used(). */
void *cmsfw__min_scratch(cmsfw_min *m, size_t align, size_t *len);

/* min_stream.c */
void cmsfw__min_stream_init(cmsfw_min *m);
cmsfw_err cmsfw__min_stream_push(cmsfw_min *m, const uint8_t *data, size_t len);
int cmsfw__min_stream_complete(const cmsfw_min *m);

/* min_algs.c: the signature OCTET STRING of the first SignerInfo begins
 * (primitive, @p sig_len > 0 octets, @p hdr_len octets of header not
 * captured yet). When the SignerInfo so far is version, a primitive
 * subjectKeyIdentifier that names an anchor with an HSS key (the one step
 * 10 picks), digestAlgorithm, signedAttrs and id-alg-hss-lms-hashsig
 * without parameters, and the verifier fits the free work buffer: the
 * header is captured as an empty OCTET STRING (the SignerInfo's definite
 * length shortened to match), the verifier started, and 1 returned; the
 * contents then go to cmsfw__min_sig_update(). Otherwise 0, nothing
 * changed: the signature is captured as any other value. */
int cmsfw__min_sig_begin(cmsfw_min *m, uint32_t sig_len, size_t hdr_len);
void cmsfw__min_sig_update(cmsfw_min *m, const uint8_t *p, size_t n);

/* min_algs.c: the streamed signature ended (@p finished 1: keep the
 * verdict) or is abandoned (0). Nothing when none streams. */
void cmsfw__min_sig_end(cmsfw_min *m, int finished);

/* min_algs.c: step 13 for a streamed signature (m->hss_done): the code
 * cmsfw__min_verify() would give on the signature itself, or the work
 * limit when an upper HSS level's signature did not fit. */
cmsfw_err cmsfw__min_sig_verdict(cmsfw_min *m, cmsfw_bk_sig scheme);

/* min_signer.c: the anchor a subjectKeyIdentifier sid @p ski names (one
 * that may sign firmware preferred), as step 10 picks it; NULL when none.
 * *kid: its key identifier (in @p buf when computed). *e: CMSFW_E_ARG for
 * a malformed anchor key, CMSFW_E_BACKEND when a hash fails (then NULL). */
const cmsfw_anchor *cmsfw__min_anchor_named(const cmsfw_device *d, cmsfw_bytes ski, uint8_t buf[20],
                                            cmsfw_bytes *kid, cmsfw_err *e);

/* min_signer.c: steps 6-14. Fills m->s and, as soon as they decode,
 * m->res.has_pkg_id / pkg_id (unauthenticated until step 14),
 * trust_anchor_key_id, has_pkg_type / pkg_type and authenticated. */
cmsfw_err cmsfw__min_check_signed(cmsfw_min *m);

/* min_policy.c: steps 15-20. Sets m->res.downgrade_warning. */
cmsfw_err cmsfw__min_check_policy(cmsfw_min *m);

/* min_unwrap.c: steps 21-24, as cmsfw__unwrap() of the full profile:
 * reads the staged eContent, decrypts in place into the stage, checks
 * firmware-package-message-digest, writes the image to @p sink or has
 * the stage adopt it. Sets m->res.layers, decrypt_key_id, image_len,
 * has_image_sha256 and image_sha256. */
cmsfw_err cmsfw__min_unwrap(cmsfw_min *m, const cmsfw_sink *sink);

/* Step 21 for an EncryptedData (auth 0) or AuthEnvelopedData (auth 1)
 * staged at offsets [0, m->f.econtent_len): decrypted in place, as
 * cms/unwrap_crypt.c and cms/unwrap_keys.c of the full profile. Returns
 * CMSFW_OK with the plaintext at stage offsets [0, *pt_len) and
 * *compressed set when its content type is id-ct-compressedData; else
 * the latched failure. Sets m->res.layers and decrypt_key_id.
 * Defined by min_layer.c (with min_layer_*.c), or by min_nolayer.c in a
 * build without decryption. */
cmsfw_err cmsfw__min_layer(cmsfw_min *m, int auth, uint64_t *pt_len, int *compressed);

#endif
