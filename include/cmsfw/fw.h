/**
 * @file cmsfw/fw.h
 * @brief Encode and decode the RFC 4108 content types and attributes.
 *
 * Conventions for every type T below:
 *
 * - `cmsfw_T_encode(const T *in, uint8_t *out, size_t out_len,
 *   size_t *written, cmsfw_diag *diag)` writes the DER encoding of @p in.
 *   out == NULL asks for the size: *written receives it and CMSFW_OK is
 *   returned. A too small buffer gives CMSFW_E_BUFFER with *written set to
 *   the size needed. A value that cannot be encoded (missing mandatory
 *   field, unassigned error code, ...) gives CMSFW_E_ARG. DEFAULT values
 *   are omitted (version v1 of receipts and error reports is never written).
 *
 * - `cmsfw_T_decode(T *out, const uint8_t *der, size_t len, cmsfw_diag *diag)`
 *   decodes exactly one DER value filling the whole buffer. Every
 *   cmsfw_bytes in @p out points INTO @p der, which must outlive @p out;
 *   lists are arrays allocated by the decoder and released by
 *   `cmsfw_T_free(out)` (safe on a zeroed or already freed value). Any
 *   failure returns CMSFW_DECODE_FAILURE (or CMSFW_E_NOMEM), leaves @p out
 *   zeroed and writes the reason to @p diag: trailing bytes, wrong tag,
 *   non-DER encoding, a length past the buffer, a version number that is
 *   negative or above 2^64-1, an OID longer than CMSFW_OID_MAX_LEN.
 *
 * - OIDs are DER content octets (see cmsfw/oid.h). OPTIONAL byte fields
 *   are absent when ptr == NULL.
 *
 * Decoding then re-encoding a value gives back the same bytes.
 */
#ifndef CMSFW_FW_H
#define CMSFW_FW_H

#include <cmsfw/err.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ names */

/** Which arm of PreferredOrLegacyPackageIdentifier is used. */
typedef enum cmsfw_name_form {
    CMSFW_NAME_PREFERRED = 1, /**< SEQUENCE { fwPkgID OID, verNum INTEGER (0..MAX) } */
    CMSFW_NAME_LEGACY = 2     /**< OCTET STRING */
} cmsfw_name_form;

/** PreferredOrLegacyPackageIdentifier. */
typedef struct cmsfw_pkg_name {
    cmsfw_name_form form;
    cmsfw_bytes oid;    /**< preferred: fwPkgID */
    uint64_t version;   /**< preferred: verNum */
    cmsfw_bytes legacy; /**< legacy: the opaque name */
} cmsfw_pkg_name;

/** Which arm of PreferredOrLegacyStalePackageIdentifier, if any, is present. */
typedef enum cmsfw_stale_form {
    CMSFW_STALE_NONE = 0,
    CMSFW_STALE_PREFERRED = 1, /**< preferredStaleVerNum INTEGER (0..MAX) */
    CMSFW_STALE_LEGACY = 2     /**< legacyStaleVersion OCTET STRING */
} cmsfw_stale_form;

/** FirmwarePackageIdentifier (id-aa-firmwarePackageID). */
typedef struct cmsfw_pkg_id {
    cmsfw_pkg_name name;
    cmsfw_stale_form stale_form;
    uint64_t stale_version;   /**< CMSFW_STALE_PREFERRED */
    cmsfw_bytes stale_legacy; /**< CMSFW_STALE_LEGACY */
} cmsfw_pkg_id;

/**
 * SEQUENCE OF OBJECT IDENTIFIER: TargetHardwareIdentifiers,
 * ImplementedCryptoAlgorithms, ImplementedCompressAlgorithms.
 * An empty list is legal (and, for target hardware, matches nothing).
 */
typedef struct cmsfw_oid_list {
    cmsfw_bytes *oids;
    size_t n;
} cmsfw_oid_list;

/* ----------------------------------------------------------- communities */

/** Which arm of HardwareSerialEntry. */
typedef enum cmsfw_serial_kind {
    CMSFW_SERIAL_ALL = 1,    /**< all NULL */
    CMSFW_SERIAL_SINGLE = 2, /**< single OCTET STRING (in low) */
    CMSFW_SERIAL_BLOCK = 3   /**< block SEQUENCE { low, high } */
} cmsfw_serial_kind;

/** HardwareSerialEntry. */
typedef struct cmsfw_serial_entry {
    cmsfw_serial_kind kind;
    cmsfw_bytes low;  /**< single: the serial; block: low bound */
    cmsfw_bytes high; /**< block: high bound */
} cmsfw_serial_entry;

/** Which arm of CommunityIdentifier. */
typedef enum cmsfw_community_kind {
    CMSFW_COMMUNITY_OID = 1,    /**< communityOID */
    CMSFW_COMMUNITY_MODULES = 2 /**< hwModuleList HardwareModules */
} cmsfw_community_kind;

/** CommunityIdentifier. */
typedef struct cmsfw_community {
    cmsfw_community_kind kind;
    cmsfw_bytes oid;     /**< communityOID */
    cmsfw_bytes hw_type; /**< hwModuleList.hwType */
    cmsfw_serial_entry *entries; /**< hwModuleList.hwSerialEntries */
    size_t n_entries;
} cmsfw_community;

/** CommunityIdentifiers ::= SEQUENCE OF CommunityIdentifier. */
typedef struct cmsfw_communities {
    cmsfw_community *items;
    size_t n;
} cmsfw_communities;

/* ------------------------------------------------------- other attributes */

/** FirmwarePackageInfo. Encoders refuse an empty one (both fields absent). */
typedef struct cmsfw_pkg_info {
    int has_type;
    int64_t type;           /**< fwPkgType */
    int has_deps;           /**< dependencies present (may be empty on decode) */
    cmsfw_pkg_name *deps;   /**< dependencies */
    size_t n_deps;
} cmsfw_pkg_info;

/** AlgorithmIdentifier: OID plus the whole TLV of its parameters. */
typedef struct cmsfw_alg_id {
    cmsfw_bytes oid;
    cmsfw_bytes params; /**< complete DER TLV (e.g. 05 00); ptr NULL = absent */
} cmsfw_alg_id;

/** FirmwarePackageMessageDigest (EID 4093). */
typedef struct cmsfw_fw_digest {
    cmsfw_alg_id alg;
    cmsfw_bytes digest;
} cmsfw_fw_digest;

/** HardwareModuleName (the otherName value of RFC 4108 section 5). */
typedef struct cmsfw_hw_module_name {
    cmsfw_bytes hw_type;
    cmsfw_bytes hw_serial;
} cmsfw_hw_module_name;

/** Which RecipientInfo CHOICE arm a recipient uses (RFC 5652 section 6.2). */
typedef enum cmsfw_recipient_kind {
    CMSFW_RECIPIENT_KTRI = 0,
    CMSFW_RECIPIENT_KARI = 1,
    CMSFW_RECIPIENT_KEKRI = 2,
    CMSFW_RECIPIENT_PWRI = 3,
    CMSFW_RECIPIENT_ORI = 4
} cmsfw_recipient_kind;

/**
 * One RecipientInfo. Decoding fills @c raw for every arm and the named
 * fields for ktri (rid as a subjectKeyIdentifier) and kekri; encoding writes
 * kekri and ktri-with-subjectKeyIdentifier from the fields, and any other
 * arm by copying @c raw verbatim.
 */
typedef struct cmsfw_recipient {
    cmsfw_recipient_kind kind;
    int64_t version;
    cmsfw_bytes key_id;       /**< kekri: kekid.keyIdentifier; ktri: rid [0] SKI */
    cmsfw_alg_id key_enc_alg; /**< keyEncryptionAlgorithm */
    cmsfw_bytes encrypted_key;
    cmsfw_bytes raw;          /**< the whole RecipientInfo TLV */
} cmsfw_recipient;

/**
 * WrappedFirmwareKey ::= EnvelopedData (RFC 4108 section 2.3.1): detached,
 * so encryptedContent is absent (has_content = 0) in a conforming value; the
 * codec still decodes a present one so that the processor can reject it.
 */
typedef struct cmsfw_wrapped_key {
    int64_t version;
    cmsfw_recipient *recipients;
    size_t n_recipients;
    cmsfw_bytes content_type; /**< encryptedContentInfo.contentType */
    cmsfw_alg_id cek_alg;     /**< contentEncryptionAlgorithm */
    int has_content;
    cmsfw_bytes content;      /**< encryptedContent, when has_content */
    int has_originator_info;
    int has_unprotected_attrs;
} cmsfw_wrapped_key;

/* ------------------------------------------------ receipts, error reports */

/** FirmwarePackageLoadReceipt (version v1, omitted in DER). */
typedef struct cmsfw_receipt {
    cmsfw_bytes hw_type;
    cmsfw_bytes hw_serial;
    cmsfw_pkg_name name;           /**< fwPkgName */
    cmsfw_bytes trust_anchor_key_id; /**< OPTIONAL */
    cmsfw_bytes decrypt_key_id;      /**< [1] OPTIONAL */
} cmsfw_receipt;

/** CurrentFWConfig. */
typedef struct cmsfw_fw_config {
    int has_type;
    int64_t type; /**< fwPkgType */
    cmsfw_pkg_name name;
} cmsfw_fw_config;

/**
 * FirmwarePackageLoadError (version v1, omitted in DER).
 *
 * error_code holds the number as received. Encoders accept only the values
 * RFC 4108 assigns (cmsfw_err_is_rfc) and require vendor_code with
 * otherError (99). Decoders accept any value: an unassigned one (37..98,
 * or anything else) is kept as is in error_code, so that nothing the
 * module said is lost; readers should treat it as otherError, as
 * cmsfw_error_report_code() does.
 */
typedef struct cmsfw_error_report {
    cmsfw_bytes hw_type;
    cmsfw_bytes hw_serial;
    int64_t error_code;
    int has_vendor_code;
    int64_t vendor_code;
    int has_name;
    cmsfw_pkg_name name;       /**< fwPkgName, OPTIONAL */
    int has_config;
    cmsfw_fw_config *config;   /**< [1] SEQUENCE OF CurrentFWConfig, OPTIONAL */
    size_t n_config;
} cmsfw_error_report;

/** The error code of @p r as a cmsfw_err: unassigned values map to CMSFW_OTHER_ERROR. */
cmsfw_err cmsfw_error_report_code(const cmsfw_error_report *r);

/* ------------------------------------------------------------- functions */

#define CMSFW__CODEC(T)                                                                             \
    CMSFW_MUST_CHECK cmsfw_err cmsfw_##T##_encode(const cmsfw_##T *in, uint8_t *out, size_t out_len, \
                                                  size_t *written, cmsfw_diag *diag);               \
    CMSFW_MUST_CHECK cmsfw_err cmsfw_##T##_decode(cmsfw_##T *out, const uint8_t *der, size_t len,    \
                                                  cmsfw_diag *diag);                                \
    void cmsfw_##T##_free(cmsfw_##T *v)

/** FirmwarePackageIdentifier (signed attribute id-aa-firmwarePackageID). */
CMSFW__CODEC(pkg_id);
/** PreferredOrLegacyPackageIdentifier on its own. */
CMSFW__CODEC(pkg_name);
/**
 * SEQUENCE OF OBJECT IDENTIFIER (TargetHardwareIdentifiers,
 * ImplementedCryptoAlgorithms, ImplementedCompressAlgorithms).
 */
CMSFW__CODEC(oid_list);
/** CommunityIdentifiers. */
CMSFW__CODEC(communities);
/** FirmwarePackageInfo. */
CMSFW__CODEC(pkg_info);
/** FirmwarePackageMessageDigest. */
CMSFW__CODEC(fw_digest);
/** HardwareModuleName. */
CMSFW__CODEC(hw_module_name);
/** WrappedFirmwareKey (EnvelopedData). */
CMSFW__CODEC(wrapped_key);
/** FirmwarePackageLoadReceipt. */
CMSFW__CODEC(receipt);
/** FirmwarePackageLoadError. */
CMSFW__CODEC(error_report);

#undef CMSFW__CODEC

/**
 * DecryptKeyIdentifier and FirmwarePkgData are plain OCTET STRINGs.
 * Encode @p value as an OCTET STRING (conventions as above).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_octets_encode(cmsfw_bytes value, uint8_t *out, size_t out_len,
                                               size_t *written, cmsfw_diag *diag);
/** Decode one DER OCTET STRING filling the buffer; @p value points into @p der. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_octets_decode(cmsfw_bytes *value, const uint8_t *der, size_t len,
                                               cmsfw_diag *diag);

/**
 * The GeneralName otherName carrying a HardwareModuleName, as it appears in
 * a subjectAltName (RFC 4108 section 5):
 * [0] { type-id id-on-hardwareModuleName, value [0] EXPLICIT HardwareModuleName }.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_othername_encode(const cmsfw_hw_module_name *in,
                                                            uint8_t *out, size_t out_len,
                                                            size_t *written, cmsfw_diag *diag);
/** Decode the otherName form above; @p out points into @p der. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_othername_decode(cmsfw_hw_module_name *out,
                                                            const uint8_t *der, size_t len,
                                                            cmsfw_diag *diag);

/**
 * Wrap @p content (a complete DER value) as
 * ContentInfo { contentType, content [0] EXPLICIT content }.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_content_info_encode(cmsfw_bytes content_type, cmsfw_bytes content,
                                                     uint8_t *out, size_t out_len, size_t *written,
                                                     cmsfw_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
