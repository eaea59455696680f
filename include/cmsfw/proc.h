/**
 * @file cmsfw/proc.h
 * @brief Process a protected firmware package as a device does (RFC 4108):
 * stream, stage, verify, then unwrap.
 *
 * @code
 *   cmsfw_proc *p = cmsfw_proc_new();
 *   cmsfw_proc_init(p, &device, &stage);
 *   while ((n = read_some(buf)) > 0)
 *       if (cmsfw_proc_push(p, buf, n) != CMSFW_OK) break;     // error latched
 *   err = cmsfw_proc_finish(p, &result);                        // every check
 *   if (err == CMSFW_OK)
 *       err = cmsfw_proc_unwrap(p, &sink);                      // decrypt, decompress
 *   // err is the RFC 4108 code for the load error report (or CMSFW_OK)
 *   cmsfw_proc_delete(p);
 * @endcode
 *
 * - push() takes any split of the input, down to one byte. eContent octets
 *   are hashed as they pass and written to the stage; everything else
 *   (framing, certificates, SignerInfo) is small and kept in memory, up to
 *   CMSFW_PROC_MAX_META bytes.
 * - finish() says "no more input": a truncated package is decodeFailure.
 *   It then runs every check of the device procedure in the order of
 *   docs/procedure.md (structure, signer, signature, then policy) and fills
 *   the result. Nothing has been decrypted or decompressed at that point.
 * - unwrap() is refused (CMSFW_E_STATE) unless finish() returned CMSFW_OK.
 *   It reads the stage back, removes the protection layers and writes the
 *   firmware image to the sink. The sink is the device's final staging
 *   area: if unwrap() fails (decryptFailure, decompressFailure,
 *   badFirmware...), the caller discards what the sink received.
 * - The first error is latched: every later call returns it.
 */
#ifndef CMSFW_PROC_H
#define CMSFW_PROC_H

#include <cmsfw/err.h>
#include <cmsfw/fw.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most bytes of framing, certificates and SignerInfo a package may carry. */
#define CMSFW_PROC_MAX_META (256u * 1024u)

/** Default limit on the size of a decompressed image (decompression bombs). */
#define CMSFW_PROC_DEFAULT_MAX_IMAGE ((uint64_t)1 << 32)

/** What a device key may be used for (cmsfw_kek.usage). A key has one use
 *  only: were a key-encryption key also tried as a content key, stripping
 *  the unsigned wrapped-firmware-key attribute from a package would make
 *  the device decrypt the signed ciphertext with the wrong key. */
#define CMSFW_KEY_KEK 0u /**< key-encryption key: unwraps a content key from a
                              KEKRecipientInfo whose keyIdentifier is the id */
#define CMSFW_KEY_CEK 1u /**< pre-shared content-encryption key, named by a
                              decrypt-key-identifier (RFC 4108 section 2.2.3) */

/** A symmetric key the device holds, named by its identifier. */
typedef struct cmsfw_kek {
    cmsfw_bytes id;
    cmsfw_bytes key; /**< 16, 24 or 32 octets (AES-128/192/256) */
    uint32_t usage;  /**< CMSFW_KEY_KEK (0, the default) or CMSFW_KEY_CEK */
} cmsfw_kek;

/** A trust anchor. */
typedef struct cmsfw_anchor {
    /** SubjectPublicKeyInfo DER of the anchor key. Required. */
    cmsfw_bytes spki;
    /** Key identifier: a subjectKeyIdentifier sid equal to it names this
     *  anchor. When ptr is NULL it is taken from @c cert: its SKI extension;
     *  for a certificate without one, a sid equal to the SHA-1 of the
     *  subjectPublicKey bits (RFC 5280 4.2.1.2 method 1) or to their
     *  SHA-256 truncated to 160 bits (RFC 7093 method 1, what cmsfw
     *  protect writes) names it. */
    cmsfw_bytes key_id;
    /** The anchor's certificate DER, optional: it gives the DN that
     *  certification paths chain to, and the issuer and serial number an
     *  issuerAndSerialNumber sid may name. */
    cmsfw_bytes cert;
    /** CMSFW_ANCHOR_* flags. */
    uint32_t flags;
} cmsfw_anchor;

/** The anchor may sign firmware packages (directly or through a path).
 *  An anchor without it that a signer leads to gives notAuthorized. */
#define CMSFW_ANCHOR_FIRMWARE_SIGNER 0x1u

/** A package the device has installed (its current configuration). */
typedef struct cmsfw_installed {
    cmsfw_pkg_name name;
    int has_type;
    int64_t type; /**< fwPkgType */
} cmsfw_installed;

/** One entry of the non-volatile stale list (RFC 4108 section 1.2.3). */
typedef struct cmsfw_stale_entry {
    cmsfw_bytes oid;  /**< fwPkgID */
    uint64_t version; /**< versions at or below are stale */
} cmsfw_stale_entry;

/** Policy switches of cmsfw_device.policy. */
#define CMSFW_POLICY_ALLOW_DOWNGRADE 0x1u /**< a version older than the installed one is
                                               only a warning (RFC 4108), not stalePackage */
#define CMSFW_POLICY_SIGNER_INFO_V1 0x2u  /**< accept SignerInfo version 1 with
                                               issuerAndSerialNumber */
#define CMSFW_POLICY_NO_LEGACY 0x4u       /**< refuse LEGACY algorithms (RSA PKCS#1 v1.5
                                               signatures, certificate signatures along a
                                               path included, and AES-128-CBC) */

/** What the device is and holds: the inputs of the RFC 4108 checks. All
 *  borrowed; the arrays may be NULL when their count is 0. */
typedef struct cmsfw_device {
    cmsfw_bytes hw_type;   /**< OID content octets */
    cmsfw_bytes hw_serial; /**< ptr NULL: the serial is not known */
    const cmsfw_anchor *anchors;
    size_t n_anchors;
    const cmsfw_bytes *communities; /**< community OIDs the device belongs to */
    size_t n_communities;
    const cmsfw_kek *keks;
    size_t n_keks;
    const cmsfw_installed *installed;
    size_t n_installed;
    const cmsfw_stale_entry *stale;
    size_t n_stale;
    /** fwPkgType values the device supports; NULL with 0: any. */
    const int64_t *pkg_types;
    size_t n_pkg_types;
    uint32_t policy;        /**< CMSFW_POLICY_* */
    uint64_t max_image;     /**< decompressed size limit; 0: CMSFW_PROC_DEFAULT_MAX_IMAGE */
} cmsfw_device;

/** Answers of cmsfw_stage.image. */
#define CMSFW_STAGE_KEEP 0 /**< stage the image as usual */
#define CMSFW_STAGE_SKIP 1 /**< the image is not wanted: stage nothing */

/** Where the package's eContent waits between push() and unwrap(): a flash
 *  slot, a temporary file, memory. Callbacks return 0 on success. Zero the
 *  whole structure before filling it in: optional callbacks are NULL then,
 *  including any a later version adds.
 *
 *  When the eContent is the firmware image itself (FirmwarePkgData, no
 *  encryption or compression layer), the digests unwrap() checks were
 *  computed as the octets passed, so the two optional callbacks below let a
 *  caller avoid moving the image twice. */
typedef struct cmsfw_stage {
    int (*write)(void *io, uint64_t off, const uint8_t *p, size_t n);
    int (*read)(void *io, uint64_t off, uint8_t *p, size_t n);
    /** Optional (may be NULL): the staged octets are no longer needed; an
     *  erase of the flash slot, say. Called once, by cmsfw_proc_free(),
     *  when anything was staged. */
    void (*discard)(void *io);
    void *io;
    /** Optional (may be NULL): called once by push(), before the first
     *  write(), when the eContent is the firmware image itself. Return
     *  CMSFW_STAGE_KEEP, or CMSFW_STAGE_SKIP when only the verdict is
     *  wanted: write() is then never called, unwrap() writes nothing to the
     *  sink, and result.image_len is the image's length. With SKIP, a
     *  firmware-package-message-digest whose hash is not the signer's
     *  digest algorithm cannot be checked: unwrap() then fails with
     *  CMSFW_E_STATE (process the package again with KEEP). Any other
     *  answer is taken as KEEP. */
    int (*image)(void *io);
    /** Optional (may be NULL): unwrap() of such a package calls it instead
     *  of copying the staged octets to the sink: they are the image, octets
     *  [0, len) of the stage; take them where they are (mark the slot
     *  bootable, rename the temporary file). Called only after every check,
     *  firmware-package-message-digest included, has passed; the sink
     *  receives nothing. Returns 0 on success, else unwrap() fails with
     *  CMSFW_E_IO. */
    int (*adopt)(void *io, uint64_t len);
} cmsfw_stage;

/** Where the firmware image goes. Returns 0 on success. */
typedef struct cmsfw_sink {
    int (*write)(void *io, const uint8_t *p, size_t n);
    void *io;
} cmsfw_sink;

/** Layers found in the package. */
#define CMSFW_LAYER_ENCRYPTED 0x1u      /**< EncryptedData */
#define CMSFW_LAYER_AUTH_ENVELOPED 0x2u /**< AuthEnvelopedData */
#define CMSFW_LAYER_COMPRESSED 0x4u     /**< CompressedData */

/** What finish() learned; views point into memory the cmsfw_proc owns and
 *  stay valid until cmsfw_proc_free(). */
typedef struct cmsfw_result {
    int has_pkg_id;             /**< the firmware-package-identifier decoded */
    cmsfw_pkg_id pkg_id;        /**< unauthenticated when finish() failed
                                     before the signature check */
    int authenticated;          /**< the signature verified */
    cmsfw_bytes trust_anchor_key_id; /**< key id of the anchor at the root */
    cmsfw_bytes decrypt_key_id;      /**< key used, when encrypted */
    uint32_t layers;            /**< CMSFW_LAYER_* */
    int has_pkg_type;
    int64_t pkg_type;           /**< firmware-package-info fwPkgType */
    int downgrade_warning;      /**< older than installed, let through by policy */
    uint64_t econtent_len;      /**< octets staged */
    uint64_t image_len;         /**< firmware octets written by unwrap() (adopted, or
                                     skipped by CMSFW_STAGE_SKIP: the image's length) */
    int has_image_sha256;       /**< unwrap() completed: image_sha256 is set */
    uint8_t image_sha256[32];   /**< SHA-256 of the image */
} cmsfw_result;

/** The processor. Its fields are private; allocate it anywhere. */
typedef struct cmsfw_proc cmsfw_proc;

/**
 * Start processing a package for @p dev, staging into @p stage. Cannot
 * fail; a bad argument is reported by the first push() or finish().
 * @p dev and @p stage must outlive the processor.
 */
void cmsfw_proc_init(cmsfw_proc *p, const cmsfw_device *dev, const cmsfw_stage *stage);

/** Feed the next @p len octets of the package (BER or DER). */
CMSFW_MUST_CHECK cmsfw_err cmsfw_proc_push(cmsfw_proc *p, const uint8_t *data, size_t len);

/** End of input: run every check and fill @p res (may be NULL). */
CMSFW_MUST_CHECK cmsfw_err cmsfw_proc_finish(cmsfw_proc *p, cmsfw_result *res);

/** Remove the protection layers and write the image to @p sink. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_proc_unwrap(cmsfw_proc *p, const cmsfw_sink *sink);

/** The result as it stands: after finish(), and updated by unwrap()
 *  (layers, decrypt_key_id, image_len). Valid until cmsfw_proc_free(). */
const cmsfw_result *cmsfw_proc_result(const cmsfw_proc *p);

/** The one-line reason of the latched error ("" when none). */
const char *cmsfw_proc_reason(const cmsfw_proc *p);

/** Release memory the processor holds and wipe it. Safe to call twice. */
void cmsfw_proc_free(cmsfw_proc *p);

/** A new processor from the heap (full profile), or NULL. */
cmsfw_proc *cmsfw_proc_new(void);
/** Free a processor from cmsfw_proc_new() (calls cmsfw_proc_free()). */
void cmsfw_proc_delete(cmsfw_proc *p);

/**
 * Whole-buffer convenience: init, push, finish and unwrap over @p pkg,
 * staging in memory. @p res may be NULL; @p reason (may be NULL) receives
 * the failure's one-line reason. The views of @p res (pkg_id,
 * trust_anchor_key_id, decrypt_key_id) would point into the processor,
 * which is gone when this returns: they are cleared. Use the streaming API
 * when you need them (for a receipt, say).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_process(const cmsfw_device *dev, const uint8_t *pkg, size_t len,
                                         const cmsfw_sink *sink, cmsfw_result *res,
                                         cmsfw_diag *reason);

#ifdef __cplusplus
}
#endif
#endif
