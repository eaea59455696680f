/**
 * @file cmsfw/protect.h
 * @brief Build a protected firmware package (RFC 4108 section 2):
 * optional compression, optional encryption, then a signature.
 *
 * Layers, innermost first: FirmwarePkgData; CompressedData (RFC 3274,
 * version 0, id-alg-zlibCompress with parameters absent, a zlib stream)
 * when asked; then EncryptedData (AES-CBC) or AuthEnvelopedData (AES-GCM)
 * when asked; SignedData outermost, in a ContentInfo. The eContentType of
 * the SignedData names the outermost inner layer: id-ct-firmwarePackage,
 * id-ct-compressedData, id-encryptedData or id-ct-authEnvelopedData.
 *
 * Encryption. The content-encryption key (CEK) is fresh for every package,
 * from the crypto backend's generator, and its size follows the content
 * cipher (16 octets for AES-128, 32 for AES-256), whatever the KEK size.
 * The CEK reaches the device wrapped under the device KEK with AES key
 * wrap (RFC 3394) in a KEKRecipientInfo (version 4, kekid.keyIdentifier =
 * the KEK identifier, id-aes128-wrap or id-aes256-wrap by KEK size,
 * parameters absent):
 * - AES-CBC: EncryptedData version 0, AES-IV parameter of 16 random
 *   octets, PKCS#7 padding (RFC 5652 6.3), no unprotectedAttrs. The
 *   KEKRecipientInfo travels in the unsigned wrapped-firmware-key attribute
 *   (RFC 4108 2.3.1): an EnvelopedData of version 2 (RFC 5652 6.1: a
 *   KEKRecipientInfo is version 4, so 0 does not apply) whose
 *   EncryptedContentInfo repeats the contentType and the
 *   contentEncryptionAlgorithm (IV included) of the EncryptedData, with
 *   encryptedContent absent.
 * - AES-GCM: AuthEnvelopedData version 0 (RFC 5083) with the
 *   KEKRecipientInfo in its recipientInfos, GCMParameters of a 12-octet
 *   random nonce and aes-ICVlen 16 (written, as it is not the DEFAULT),
 *   no authAttrs (the AAD is empty), mac = the 16-octet tag.
 * In both cases the signed decrypt-key-identifier attribute holds the KEK
 * identifier; the device holds that key as a key-encryption key
 * (CMSFW_KEY_KEK in cmsfw/proc.h, `cmsfw verify --kek`), which it uses
 * only to unwrap the CEK. The CEK and every key schedule are wiped before
 * returning.
 *
 * The SignedData: version 3; one digestAlgorithm (parameters absent);
 * certificates [0] (the signer certificate and the chain, unless
 * omitted; as a DER SET OF they appear in DER order, not necessarily
 * signer first, and a certificate given twice appears once); one
 * SignerInfo, version 3 (RFC 4108 2.1.2.1, whichever sid), whose sid is
 * the subjectKeyIdentifier [0] by default or issuerAndSerialNumber.
 *
 * Signed attributes, one value each, in DER SET OF order (sorted as
 * octet strings): content-type, message-digest (of the eContent octets,
 * i.e. the encoding of the outermost inner layer), signing-time,
 * firmware-package-identifier, target-hardware-module-identifiers,
 * decrypt-key-identifier (when encrypted), community-identifiers,
 * firmware-package-info and implemented crypto / compression algorithms
 * (each when given), firmware-package-message-digest (the digest
 * algorithm's identifier with parameters absent, and the digest of the
 * plain image) and CMSAlgorithmProtection (RFC 6211: the SignerInfo's
 * digestAlgorithm and, under [1], its signatureAlgorithm). The signature
 * covers DER(signedAttrs) with the SET OF tag 0x31.
 *
 * Signing-time (RFC 4108 2.2 lists it as SHOULD) is the host clock, as
 * UTCTime (GeneralizedTime from 2050). It also serves the one-pass
 * writing: lengths are fixed before the content streams out, the
 * SignerInfo is sized for the longest signature the key makes, and an
 * ECDSA value (whose INTEGERs may be a sign octet shorter) is made again
 * until it has that length. Deterministic ECDSA (RFC 6979, as the mbedtls
 * backend signs) would repeat the same value for the same attributes, so
 * each new try dates signing-time one second earlier; about one try in
 * four succeeds, so the time is seldom more than a few seconds early.
 *
 * Signature algorithms (RFC 8933: the digest algorithm is the signature's
 * own hash; an explicit choice that disagrees is refused):
 * - ECDSA P-256 with SHA-256, P-384 with SHA-384 (RFC 5753 pairing):
 *   ecdsa-with-SHA256/384, parameters absent;
 * - RSASSA-PSS (RSA 2048..4096 bits; the default for RSA keys):
 *   id-RSASSA-PSS with RSASSA-PSS-params written out in full
 *   (hashAlgorithm, MGF1 with the same hash, saltLength = hash length,
 *   trailerField left at its default). The hash AlgorithmIdentifiers
 *   inside the parameters carry NULL parameters, as RFC 4055 defines
 *   sha256Identifier and its siblings for these parameters (and as OpenSSL
 *   writes); RFC 4055 2.1 makes verifiers accept NULL and absent alike.
 *   SHA-256 (default), SHA-384 or SHA-512;
 * - RSA PKCS#1 v1.5 (LEGACY, only when asked): shaXXXWithRSAEncryption
 *   with NULL parameters, SHA-256/384/512;
 * - Ed25519 (RFC 8419): pure EdDSA over the signed attributes,
 *   digestAlgorithm SHA-512, id-Ed25519 with parameters absent, where the
 *   backend has it (the wolfSSL backend; mbedtls has no Ed25519 and the
 *   call fails with CMSFW_E_ARG and a message saying so);
 * - HSS/LMS (RFC 8554, RFC 9708) with a stateful key (cmsfw_signer.hss),
 *   with every backend: id-alg-hss-lms-hashsig with parameters absent,
 *   digestAlgorithm SHA-256, the signature over DER(signedAttrs) itself.
 *
 * Output is DER throughout, written in one pass: lengths are computed
 * before anything is written. Memory stays bounded whatever the image
 * size: the image is read in chunks of 64 KiB and hashed and encrypted on
 * the way. With compression the image is deflated into the caller's
 * scratch stage first (its compressed length must be known before the
 * package is written), then read back from there.
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

/** Most levels of an HSS key (RFC 8554 section 6). */
#define CMSFW_HSS_MAX_LEVELS 8

/** Length of the raw HSS public key of the SHA-256/256 sets:
 *  u32 L || u32 lms type || u32 lmots type || I[16] || T[1][32]. */
#define CMSFW_HSS_PUB_LEN 60

/**
 * A stateful HSS/LMS private key (RFC 8554): LMS_SHA256_M32_H5, H10 or
 * H15 (LMS types 5..7) with LMOTS_SHA256_N32_W1..W8 (LM-OTS types 1..4)
 * at each of 1..8 levels, at most 63 bits of tree height in all. Every
 * one-time key follows from @c seed and @c id (RFC 8554 Appendix A); the
 * trees below the top one are derived from their parent's seed, I and the
 * parent leaf that signs them, and are rebuilt for every signature.
 *
 * @c next is the state: the global index of the next unused bottom leaf;
 * the leaf of each level follows from it (the bits of the levels' heights,
 * top level most significant). A key used for signing must have that
 * counter recorded durably after every signature (cmsfw_hss_signer).
 */
typedef struct cmsfw_hss_key {
    unsigned levels;                          /**< L, 1..8 */
    uint32_t lms_type[CMSFW_HSS_MAX_LEVELS];  /**< per level, 5..7 */
    uint32_t ots_type[CMSFW_HSS_MAX_LEVELS];  /**< per level, 1..4 */
    uint8_t seed[32];                         /**< SEED of the top tree (secret) */
    uint8_t id[16];                           /**< I of the top tree */
    uint8_t pub[CMSFW_HSS_PUB_LEN];           /**< the raw HSS public key */
    uint64_t next;                            /**< next unused leaf index */
} cmsfw_hss_key;

/**
 * Signing with a stateful HSS/LMS key (cmsfw_signer.hss). The library
 * signs the signed attributes with the one-time keys of key->next,
 * advances key->next, and calls @c commit, which must record the advanced
 * key durably (and return CMSFW_OK only then) before the signature is
 * used: on any other return the signature is wiped and the call fails. The
 * signature is written to @c sig (at least cmsfw_key_hss_sig_len() octets);
 * it is longer than any other signature, so the caller lends the room.
 */
typedef struct cmsfw_hss_signer {
    cmsfw_hss_key *key;
    cmsfw_err (*commit)(void *ctx, const cmsfw_hss_key *key);
    void *ctx;
    uint8_t *sig;
    size_t sig_size;
} cmsfw_hss_signer;

/**
 * Who signs.
 *
 * The signer identifier (sid) is, in order of preference:
 * issuerAndSerialNumber of @c cert when @c use_issuer_serial is set; else
 * the subjectKeyIdentifier @c ski when given; else the subjectKeyIdentifier
 * extension of @c cert; else, for a certificate without that extension,
 * the key identifier of RFC 7093 section 2 method 1: the leftmost 160
 * bits of the SHA-256 of the subjectPublicKey BIT STRING value (without
 * tag, length and unused-bits octet), not the SHA-1 of RFC 5280 4.2.1.2
 * method (1). A cmsfw device given that certificate as an anchor without
 * a key_id recognises both identifiers; any other verifier whose anchor
 * is configured by key identifier must be given this one. Without a
 * certificate, @c ski is required.
 *
 * When @c cert is given, the key must be its key: a probe signature is
 * verified with the certificate's public key, and a mismatch is refused
 * (CMSFW_E_ARG). Every signature made is verified that way too before it
 * leaves the library.
 */
typedef struct cmsfw_signer {
    cmsfw_bytes key;            /**< PKCS#8 private key DER (unencrypted) */
    cmsfw_bytes cert;           /**< signer certificate DER; optional */
    const cmsfw_bytes *chain;   /**< further certificates to include (DER) */
    size_t n_chain;
    cmsfw_bytes ski;            /**< subjectKeyIdentifier for the sid (1..64
                                     octets); default: see above */
    int use_issuer_serial;      /**< sid = issuerAndSerialNumber (needs cert) */
    int omit_certs;             /**< do not include cert and chain (e.g. when the
                                     trust anchor itself signs) */
    cmsfw_sig_alg sig_alg;
    cmsfw_digest_alg digest;
    const cmsfw_hss_signer *hss; /**< when not NULL: sign with this HSS/LMS key
                                      (id-alg-hss-lms-hashsig with parameters
                                      absent, digestAlgorithm SHA-256, RFC 9708)
                                      and ignore @c key; the sid is as above,
                                      with the RFC 7093 identifier of the raw
                                      HSS public key when there is neither
                                      certificate nor @c ski */
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
    int compress;                     /**< 1: zlib CompressedData (needs a scratch stage) */
    cmsfw_encrypt_alg encrypt;
    cmsfw_kek kek;                    /**< the device KEK when encrypting: key of 16 or 32
                                           octets (AES-128 or -256 key wrap), identifier
                                           of 1 to 128 octets */
} cmsfw_protect_opts;

/** Reads the image: fills @p p with up to @p n octets, *got = 0 at the end.
 *  Returns 0 on success. */
typedef struct cmsfw_reader {
    int (*read)(void *io, uint8_t *p, size_t n, size_t *got);
    void *io;
} cmsfw_reader;

/**
 * Generate an HSS/LMS key: @p key->levels, lms_type[] and ots_type[] are
 * set by the caller; seed and I come from the backend's generator, the
 * public key is computed (one pass over the top tree: 2^h leaves) and
 * @p key->next is set to 0.
 * @return CMSFW_OK; CMSFW_E_ARG for parameters the signer does not make
 *   (H20 and H25 take too long to build: use more levels of at most H15);
 *   CMSFW_E_BACKEND.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_hss_generate(cmsfw_hss_key *key, cmsfw_diag *diag);

/**
 * Check the parameters of @p key and that its public key has them.
 * @return CMSFW_OK or CMSFW_E_ARG with a reason.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_hss_check(const cmsfw_hss_key *key, cmsfw_diag *diag);

/** Signatures the key can make in all, 2^(sum of the heights); 0 when the
 *  parameters are not valid. */
uint64_t cmsfw_key_hss_total(const cmsfw_hss_key *key);

/** Signatures left: total minus next (0 when exhausted). */
uint64_t cmsfw_key_hss_remaining(const cmsfw_hss_key *key);

/** Length of every signature of @p key; 0 when the parameters are not
 *  valid. */
size_t cmsfw_key_hss_sig_len(const cmsfw_hss_key *key);

/** Length of the key identifier of cmsfw_key_hss_id(). */
#define CMSFW_HSS_KEY_ID_LEN 20

/**
 * The key identifier a package signed by @p key carries in its sid when
 * there is neither certificate nor explicit ski: RFC 7093 section 2
 * method 1, the leftmost 160 bits of the SHA-256 of the raw HSS public
 * key (the subjectPublicKey bits).
 * @return CMSFW_OK or CMSFW_E_BACKEND.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_hss_id(const cmsfw_hss_key *key,
                                            uint8_t id[CMSFW_HSS_KEY_ID_LEN]);

/**
 * Protect an image of @p image_len octets (at least 1) read from @p in;
 * the package is written to @p out in one pass. The reader must deliver
 * exactly @p image_len octets and then report its end. @p scratch holds
 * the compressed stream when compressing (written from offset 0, then
 * read back); it may be NULL otherwise. When the call fails, the octets
 * already given to @p out are not a package: discard them.
 * @return CMSFW_OK; CMSFW_E_ARG for inconsistent options, each with a
 *   reason in @p diag (no target, no KEK or a KEK of another size with
 *   encryption, a key the backend cannot sign with, a key that does not
 *   match its certificate, a digest or signature algorithm that does not
 *   fit the key, an image longer than @p image_len, an attribute value
 *   that does not encode); CMSFW_E_IO when a callback failed or the image
 *   ended early; CMSFW_E_NOMEM; CMSFW_E_BACKEND.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_protect(const cmsfw_protect_opts *opts, const cmsfw_signer *signer,
                                         const cmsfw_reader *in, uint64_t image_len,
                                         const cmsfw_stage *scratch, const cmsfw_sink *out,
                                         cmsfw_diag *diag);

/**
 * Whole-buffer convenience over cmsfw_protect(): the compressed stream is
 * staged in memory. *pkg is from malloc(), the caller frees it; on failure
 * *pkg is NULL and *pkg_len 0. Same return values, CMSFW_E_NOMEM for a
 * buffer that could not grow.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_protect_buffer(const cmsfw_protect_opts *opts,
                                                const cmsfw_signer *signer, cmsfw_bytes image,
                                                uint8_t **pkg, size_t *pkg_len, cmsfw_diag *diag);

/**
 * Sign any small content (RFC 4108 sections 3 and 4: load receipts and
 * error reports): ContentInfo { SignedData version 3 } with eContentType
 * @p content_type (an OID, content octets) and eContent @p content, the
 * certificates as for packages, one SignerInfo (version 3 with a
 * subjectKeyIdentifier sid; version 1 with issuerAndSerialNumber, as RFC
 * 5652 5.3 pairs them and RFC 4108 3 allows), signed attributes
 * content-type, message-digest and CMSAlgorithmProtection, no unsigned
 * attributes. The signer is resolved as for cmsfw_protect(). *out is from
 * malloc(); on failure it is NULL.
 * @return CMSFW_OK, CMSFW_E_ARG (also for a content type that is not an
 *   OID), CMSFW_E_NOMEM, CMSFW_E_BACKEND.
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
