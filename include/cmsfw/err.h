/**
 * @file cmsfw/err.h
 * @brief The one error space of cmsfw.
 *
 * Positive values ARE the RFC 4108 FirmwarePackageLoadErrorCode values
 * (1..36 and 99), so the code a call returns is the code a device puts in its
 * load error report. Negative values report API misuse or local failures and
 * are never sent on the wire.
 */
#ifndef CMSFW_ERR_H
#define CMSFW_ERR_H

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define CMSFW_MUST_CHECK __attribute__((warn_unused_result))
#else
#define CMSFW_MUST_CHECK
#endif

/** Result of every fallible cmsfw call. */
typedef enum cmsfw_err {
    CMSFW_OK = 0,
    /* RFC 4108 section 4, FirmwarePackageLoadErrorCode: same numbers */
    CMSFW_DECODE_FAILURE = 1,
    CMSFW_BAD_CONTENT_INFO = 2,
    CMSFW_BAD_SIGNED_DATA = 3,
    CMSFW_BAD_ENCAP_CONTENT = 4,
    CMSFW_BAD_CERTIFICATE = 5,
    CMSFW_BAD_SIGNER_INFO = 6,
    CMSFW_BAD_SIGNED_ATTRS = 7,
    CMSFW_BAD_UNSIGNED_ATTRS = 8,
    CMSFW_MISSING_CONTENT = 9,
    CMSFW_NO_TRUST_ANCHOR = 10,
    CMSFW_NOT_AUTHORIZED = 11,
    CMSFW_BAD_DIGEST_ALGORITHM = 12,
    CMSFW_BAD_SIGNATURE_ALGORITHM = 13,
    CMSFW_UNSUPPORTED_KEY_SIZE = 14,
    CMSFW_SIGNATURE_FAILURE = 15,
    CMSFW_CONTENT_TYPE_MISMATCH = 16,
    CMSFW_BAD_ENCRYPTED_DATA = 17,
    CMSFW_UNPROTECTED_ATTRS_PRESENT = 18,
    CMSFW_BAD_ENCRYPT_CONTENT = 19,
    CMSFW_BAD_ENCRYPT_ALGORITHM = 20,
    CMSFW_MISSING_CIPHERTEXT = 21,
    CMSFW_NO_DECRYPT_KEY = 22,
    CMSFW_DECRYPT_FAILURE = 23,
    CMSFW_BAD_COMPRESS_ALGORITHM = 24,
    CMSFW_MISSING_COMPRESSED_CONTENT = 25,
    CMSFW_DECOMPRESS_FAILURE = 26,
    CMSFW_WRONG_HARDWARE = 27,
    CMSFW_STALE_PACKAGE = 28,
    CMSFW_NOT_IN_COMMUNITY = 29,
    CMSFW_UNSUPPORTED_PACKAGE_TYPE = 30,
    CMSFW_MISSING_DEPENDENCY = 31,
    CMSFW_WRONG_DEPENDENCY_VERSION = 32,
    CMSFW_INSUFFICIENT_MEMORY = 33,
    CMSFW_BAD_FIRMWARE = 34,
    CMSFW_UNSUPPORTED_PARAMETERS = 35,
    CMSFW_BREAKS_DEPENDENCY = 36,
    CMSFW_OTHER_ERROR = 99,
    /* < 0: local, never sent on the wire */
    CMSFW_E_ARG = -1,     /**< NULL where not allowed, value out of range */
    CMSFW_E_STATE = -2,   /**< call out of order */
    CMSFW_E_BUFFER = -3,  /**< output buffer too small; *written = size needed */
    CMSFW_E_IO = -4,      /**< file, stage or sink I/O failed */
    CMSFW_E_BACKEND = -5, /**< crypto backend failure unrelated to the input */
    CMSFW_E_NOMEM = -6    /**< allocation failed (full profile only) */
} cmsfw_err;

/**
 * The RFC 4108 ASN.1 name of @p e ("decodeFailure", "stalePackage", ...),
 * or a cmsfw name for the negative values ("E_ARG", ...).
 * @return "unknown" for any value that is neither.
 */
const char *cmsfw_err_name(int e);

/**
 * A one-line English description of @p e, for messages to people.
 * @return "unknown error code" for a value that is not a cmsfw_err.
 */
const char *cmsfw_strerror(int e);

/**
 * Whether @p code is a value RFC 4108 assigns in FirmwarePackageLoadErrorCode
 * (1..36 or 99). Codes 37..98 and everything else are unassigned.
 */
int cmsfw_err_is_rfc(int code);

/**
 * Look up an RFC 4108 error code by its ASN.1 name ("stalePackage").
 * @return the code, or 0 when @p name is not an RFC 4108 error name.
 */
int cmsfw_err_from_name(const char *name);

#ifdef __cplusplus
}
#endif
#endif
