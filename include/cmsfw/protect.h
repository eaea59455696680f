/**
 * @file cmsfw/protect.h
 * @brief Build a protected firmware package (RFC 4108 section 2):
 * optional compression, optional encryption, then a signature.
 *
 * Layers, innermost first: FirmwarePkgData; CompressedData (zlib, RFC 3274)
 * when asked; then EncryptedData (AES-CBC) or AuthEnvelopedData (AES-GCM)
 * when asked; SignedData outermost, in a ContentInfo. The content-encryption
 * key is fresh for every package:
 * - AES-CBC: EncryptedData; the CEK reaches the device in the unsigned
 *   wrapped-firmware-key attribute (EnvelopedData with a KEKRecipientInfo
 *   wrapping the CEK under the device KEK, AES key wrap), and the signed
 *   decrypt-key-identifier names the KEK.
 * - AES-GCM: AuthEnvelopedData with a KEKRecipientInfo for the device KEK;
 *   the signed decrypt-key-identifier names the KEK too.
 *
 * Signed attributes, in DER SET order: content-type, message-digest,
 * firmware-package-identifier, target-hardware-module-identifiers,
 * decrypt-key-identifier (when encrypted), community-identifiers,
 * firmware-package-info, implemented crypto / compression algorithms (when
 * given), firmware-package-message-digest (of the plain image, with the
 * signature's digest algorithm) and CMSAlgorithmProtection (RFC 6211).
 *
 * Output is DER, written in one pass: lengths are computed before
 * anything is written. Memory stays bounded whatever the image size; with
 * compression the compressed stream goes to the caller's scratch stage
 * first (its length must be known before the package is written).
 */
#ifndef CMSFW_PROTECT_H
#define CMSFW_PROTECT_H

#include <cmsfw/err.h>
#include <cmsfw/fw.h>
#include <cmsfw/proc.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Signature algorithm families. */
typedef enum cmsfw_sig_alg {
    CMSFW_SIG_AUTO = 0,  /**< from the key: ECDSA, RSASSA-PSS for RSA, Ed25519 */
    CMSFW_SIG_ECDSA = 1,
    CMSFW_SIG_RSA_PSS = 2,
    CMSFW_SIG_RSA_PKCS1 = 3, /**< LEGACY: produced only when asked */
    CMSFW_SIG_ED25519 = 4
} cmsfw_sig_alg;

/** Digest algorithms. */
typedef enum cmsfw_digest_alg {
    CMSFW_DIGEST_AUTO = 0, /**< P-256 -> SHA-256, P-384 -> SHA-384, RSA -> SHA-256,
                                Ed25519 -> SHA-512 (RFC 8419) */
    CMSFW_DIGEST_SHA256 = 1,
    CMSFW_DIGEST_SHA384 = 2,
    CMSFW_DIGEST_SHA512 = 3
} cmsfw_digest_alg;

/** Who signs. */
typedef struct cmsfw_signer {
    cmsfw_bytes key;            /**< PKCS#8 private key DER */
    cmsfw_bytes cert;           /**< signer certificate DER; optional */
    const cmsfw_bytes *chain;   /**< further certificates to include */
    size_t n_chain;
    cmsfw_bytes ski;            /**< subjectKeyIdentifier for the sid; default: the
                                     certificate's SKI extension, else SHA-1 of the
                                     public key bits (RFC 5280 4.2.1.2 (1)) */
    int use_issuer_serial;      /**< sid = issuerAndSerialNumber (needs cert) */
    int omit_certs;             /**< do not include cert and chain */
    cmsfw_sig_alg sig_alg;
    cmsfw_digest_alg digest;
} cmsfw_signer;

/** Encryption layer. */
typedef enum cmsfw_encrypt_alg {
    CMSFW_ENCRYPT_NONE = 0,
    CMSFW_ENCRYPT_AES128_CBC = 1, /**< EncryptedData (LEGACY) */
    CMSFW_ENCRYPT_AES256_CBC = 2, /**< EncryptedData */
    CMSFW_ENCRYPT_AES128_GCM = 3, /**< AuthEnvelopedData */
    CMSFW_ENCRYPT_AES256_GCM = 4  /**< AuthEnvelopedData */
} cmsfw_encrypt_alg;

/** What the package says about itself. */
typedef struct cmsfw_protect_opts {
    cmsfw_pkg_id pkg_id;              /**< name and optional stale version */
    const cmsfw_bytes *targets;       /**< hardware type OIDs (at least one) */
    size_t n_targets;
    const cmsfw_communities *communities; /**< NULL: attribute omitted */
    const cmsfw_pkg_info *info;           /**< NULL: attribute omitted */
    const cmsfw_oid_list *impl_crypto;    /**< NULL: attribute omitted */
    const cmsfw_oid_list *impl_compress;  /**< NULL: attribute omitted */
    int compress;                     /**< 1: zlib CompressedData */
    cmsfw_encrypt_alg encrypt;
    cmsfw_kek kek;                    /**< the device KEK (AES-128 or -256), when encrypting */
} cmsfw_protect_opts;

/** Reads the image: fills @p p with up to @p n octets, *got = 0 at the end.
 *  Returns 0 on success. */
typedef struct cmsfw_reader {
    int (*read)(void *io, uint8_t *p, size_t n, size_t *got);
    void *io;
} cmsfw_reader;

/**
 * Protect an image of @p image_len octets read from @p in; the package is
 * written to @p out in one pass. @p scratch holds the compressed stream
 * when compressing (may be NULL otherwise).
 * @return CMSFW_OK; CMSFW_E_ARG for inconsistent options (no target, no
 *   KEK with encryption, key and algorithm that do not match);
 *   CMSFW_E_IO when a callback failed; CMSFW_E_BACKEND.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_protect(const cmsfw_protect_opts *opts, const cmsfw_signer *signer,
                                         const cmsfw_reader *in, uint64_t image_len,
                                         const cmsfw_stage *scratch, const cmsfw_sink *out,
                                         cmsfw_diag *diag);

/** Whole-buffer convenience: *pkg is from malloc(), the caller frees it. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_protect_buffer(const cmsfw_protect_opts *opts,
                                                const cmsfw_signer *signer, cmsfw_bytes image,
                                                uint8_t **pkg, size_t *pkg_len, cmsfw_diag *diag);

/**
 * Sign any small DER content: ContentInfo { SignedData } with eContentType
 * @p content_type, signed attributes content-type, message-digest and
 * CMSAlgorithmProtection (RFC 4108 sections 3 and 4 for receipts and error
 * reports). *out is from malloc().
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_sign_content(const cmsfw_signer *signer, cmsfw_bytes content_type,
                                              cmsfw_bytes content, uint8_t **out, size_t *out_len,
                                              cmsfw_diag *diag);

/**
 * Check a signed receipt or error report (RFC 4108 sections 3.1, 4.1)
 * against @p anchors (the module's certificate or key): SignedData v3, one
 * SignerInfo v1 or v3, content-type and message-digest attributes, no
 * unsigned attributes, signature. On success @p content_type and
 * @p content point into @p der.
 * @return CMSFW_OK, or the RFC 4108 code of the failing check.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_verify_content(const uint8_t *der, size_t len,
                                                const cmsfw_anchor *anchors, size_t n_anchors,
                                                cmsfw_bytes *content_type, cmsfw_bytes *content,
                                                cmsfw_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
