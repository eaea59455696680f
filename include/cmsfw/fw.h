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
 *   an unknown CHOICE alternative, non-DER encoding, a length past the
 *   buffer, a version number that is negative or above 2^64-1, any other
 *   INTEGER outside int64_t, an OID longer than CMSFW_OID_MAX_LEN.
 *
 * - OIDs are DER content octets (see cmsfw/oid.h), at most
 *   CMSFW_OID_MAX_LEN octets with every arc at most 2^64-1, as
 *   cmsfw_oid_from_dotted() makes them. OPTIONAL byte fields
 *   are absent when ptr == NULL; a mandatory one must have a non-NULL ptr
 *   (len may be 0 for an empty OCTET STRING).
 *
 * Decoding then re-encoding a value gives back the same bytes. The
 * exceptions are the values that DER or RFC 4108 do not allow an encoder
 * to write but that a decoder accepts: an explicit version v1 in a
 * receipt or error report (re-encoded without it), and an empty
 * FirmwarePackageInfo or empty dependencies list (refused by the encoder).
 *
 * The codec works through the libtasn1 templates of asn1/cmsfw.asn and
 * belongs to the full profile. Calls are independent and may run in
 * parallel; the templates are loaded once, on first use.
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
    cmsfw_bytes oid;             /**< communityOID */
    cmsfw_bytes hw_type;         /**< hwModuleList.hwType */
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
    int64_t type;         /**< fwPkgType */
    int has_deps;         /**< dependencies present (may be empty on decode) */
    cmsfw_pkg_name *deps; /**< dependencies */
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
 * One RecipientInfo. Decoding fills @c kind and @c raw for every arm, and
 * for ktri and kekri also version, key_enc_alg and encrypted_key, plus
 * key_id for kekri (kekid.keyIdentifier) and for a ktri whose rid is a
 * subjectKeyIdentifier (key_id.ptr stays NULL with issuerAndSerialNumber).
 * Encoding copies @c raw verbatim when raw.ptr is set, and otherwise builds
 * kekri, or ktri with a subjectKeyIdentifier rid, from the fields.
 */
typedef struct cmsfw_recipient {
    cmsfw_recipient_kind kind;
    int64_t version;
    cmsfw_bytes key_id;       /**< kekri: kekid.keyIdentifier; ktri: rid [0] SKI */
    cmsfw_alg_id key_enc_alg; /**< keyEncryptionAlgorithm */
    cmsfw_bytes encrypted_key;
    cmsfw_bytes raw; /**< the whole RecipientInfo TLV */
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
    cmsfw_bytes content; /**< encryptedContent, when has_content */
    int has_originator_info;
    cmsfw_bytes originator_info; /**< the whole [0] OriginatorInfo TLV, when present */
    int has_unprotected_attrs;
    cmsfw_bytes unprotected_attrs; /**< the whole [1] unprotectedAttrs TLV, when present */
} cmsfw_wrapped_key;

/* ------------------------------------------------ receipts, error reports */

/** FirmwarePackageLoadReceipt (version v1, omitted in DER). */
typedef struct cmsfw_receipt {
    cmsfw_bytes hw_type;
    cmsfw_bytes hw_serial;
    cmsfw_pkg_name name;             /**< fwPkgName */
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
    cmsfw_pkg_name name; /**< fwPkgName, OPTIONAL */
    int has_config;
    cmsfw_fw_config *config; /**< [1] SEQUENCE OF CurrentFWConfig, OPTIONAL */
    size_t n_config;
} cmsfw_error_report;

/** The error code of @p r as a cmsfw_err: unassigned values map to CMSFW_OTHER_ERROR. */
cmsfw_err cmsfw_error_report_code(const cmsfw_error_report *r);

/* ------------------------------------------------------------- functions */

/* FirmwarePackageIdentifier ------------------------------------------- */

/**
 * Encode a FirmwarePackageIdentifier (value of id-aa-firmwarePackageID).
 * The name needs a form; stale_form is optional. RFC 4108 pairs the
 * preferred stale number with a preferred name and the legacy stale
 * version with a legacy name, but the syntax allows any pairing and so
 * does the encoder.
 * @return CMSFW_OK, CMSFW_E_ARG (no name form, missing OID or octets),
 *         CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_id_encode(const cmsfw_pkg_id *in, uint8_t *out, size_t out_len,
                                               size_t *written, cmsfw_diag *diag);
/**
 * Decode a FirmwarePackageIdentifier; @p out points into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_id_decode(cmsfw_pkg_id *out, const uint8_t *der, size_t len,
                                               cmsfw_diag *diag);
/** Release a decoded FirmwarePackageIdentifier (owns nothing; zeroes it). */
void cmsfw_pkg_id_free(cmsfw_pkg_id *v);

/* PreferredOrLegacyPackageIdentifier ---------------------------------- */

/**
 * Encode a PreferredOrLegacyPackageIdentifier on its own (as it appears in
 * dependencies, receipts and error reports).
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_name_encode(const cmsfw_pkg_name *in, uint8_t *out,
                                                 size_t out_len, size_t *written, cmsfw_diag *diag);
/**
 * Decode a PreferredOrLegacyPackageIdentifier; @p out points into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_name_decode(cmsfw_pkg_name *out, const uint8_t *der,
                                                 size_t len, cmsfw_diag *diag);
/** Release a decoded package name (owns nothing; zeroes it). */
void cmsfw_pkg_name_free(cmsfw_pkg_name *v);

/* SEQUENCE OF OBJECT IDENTIFIER --------------------------------------- */

/**
 * Encode a SEQUENCE OF OBJECT IDENTIFIER: TargetHardwareIdentifiers,
 * ImplementedCryptoAlgorithms or ImplementedCompressAlgorithms (one
 * encoding for all three). An empty list is encoded as 30 00.
 * @return CMSFW_OK, CMSFW_E_ARG (an OID missing, malformed or longer than
 *         CMSFW_OID_MAX_LEN), CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_oid_list_encode(const cmsfw_oid_list *in, uint8_t *out,
                                                 size_t out_len, size_t *written, cmsfw_diag *diag);
/**
 * Decode a SEQUENCE OF OBJECT IDENTIFIER. out->oids is allocated (NULL
 * for an empty list) and each entry points into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_oid_list_decode(cmsfw_oid_list *out, const uint8_t *der,
                                                 size_t len, cmsfw_diag *diag);
/** Free the array of a decoded OID list and zero it. */
void cmsfw_oid_list_free(cmsfw_oid_list *v);

/* CommunityIdentifiers ------------------------------------------------ */

/**
 * Encode CommunityIdentifiers. Each item needs a kind; hwModuleList items
 * need hw_type, and each serial entry a kind with its octets (low for
 * single; low and high for block). Empty lists (of communities, of serial
 * entries) are legal and encoded as such.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_communities_encode(const cmsfw_communities *in, uint8_t *out,
                                                    size_t out_len, size_t *written,
                                                    cmsfw_diag *diag);
/**
 * Decode CommunityIdentifiers. The items array and each entries array are
 * allocated; byte fields point into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_communities_decode(cmsfw_communities *out, const uint8_t *der,
                                                    size_t len, cmsfw_diag *diag);
/** Free the arrays of decoded CommunityIdentifiers and zero the value. */
void cmsfw_communities_free(cmsfw_communities *v);

/* FirmwarePackageInfo ------------------------------------------------- */

/**
 * Encode FirmwarePackageInfo. Refused (CMSFW_E_ARG): neither fwPkgType nor
 * dependencies (the empty SEQUENCE), and dependencies present but empty
 * (RFC 4108 section 2.2.7: leave the field out when there are none). The
 * decoder accepts both, so these are the only decodable values that do not
 * re-encode.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_info_encode(const cmsfw_pkg_info *in, uint8_t *out,
                                                 size_t out_len, size_t *written, cmsfw_diag *diag);
/**
 * Decode FirmwarePackageInfo. deps is allocated (NULL when empty or
 * absent); names point into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pkg_info_decode(cmsfw_pkg_info *out, const uint8_t *der,
                                                 size_t len, cmsfw_diag *diag);
/** Free the dependency array of a decoded FirmwarePackageInfo and zero it. */
void cmsfw_pkg_info_free(cmsfw_pkg_info *v);

/* FirmwarePackageMessageDigest ---------------------------------------- */

/**
 * Encode FirmwarePackageMessageDigest (EID 4093). alg.params, when present,
 * must be exactly one DER TLV.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_fw_digest_encode(const cmsfw_fw_digest *in, uint8_t *out,
                                                  size_t out_len, size_t *written,
                                                  cmsfw_diag *diag);
/**
 * Decode FirmwarePackageMessageDigest; @p out points into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_fw_digest_decode(cmsfw_fw_digest *out, const uint8_t *der,
                                                  size_t len, cmsfw_diag *diag);
/** Release a decoded FirmwarePackageMessageDigest (owns nothing; zeroes it). */
void cmsfw_fw_digest_free(cmsfw_fw_digest *v);

/* HardwareModuleName -------------------------------------------------- */

/**
 * Encode a bare HardwareModuleName SEQUENCE. Both fields are mandatory
 * (hw_serial may be empty but not absent).
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_name_encode(const cmsfw_hw_module_name *in, uint8_t *out,
                                                       size_t out_len, size_t *written,
                                                       cmsfw_diag *diag);
/**
 * Decode a bare HardwareModuleName; @p out points into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_name_decode(cmsfw_hw_module_name *out,
                                                       const uint8_t *der, size_t len,
                                                       cmsfw_diag *diag);
/** Release a decoded HardwareModuleName (owns nothing; zeroes it). */
void cmsfw_hw_module_name_free(cmsfw_hw_module_name *v);

/* WrappedFirmwareKey -------------------------------------------------- */

/**
 * Encode a WrappedFirmwareKey (EnvelopedData). Needs at least one
 * recipient. Each recipient is written from @c raw when raw.ptr is set
 * (whatever its kind: this is what makes a decoded value re-encode to the
 * same bytes); otherwise kekri and ktri with a subjectKeyIdentifier
 * (key_id set) are built from the fields, and any other recipient is
 * refused. originator_info and unprotected_attrs (complete [0] and [1]
 * TLVs) are copied verbatim when has_originator_info /
 * has_unprotected_attrs are set. Everything copied must be DER of its
 * type, and versions must not be negative: the encoding is decoded again
 * before it is returned, so a bad part gives CMSFW_E_ARG, never bad
 * output. DER sorts SET OF members, so the recipients come out in DER
 * order, which may differ from the order of the array.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_wrapped_key_encode(const cmsfw_wrapped_key *in, uint8_t *out,
                                                    size_t out_len, size_t *written,
                                                    cmsfw_diag *diag);
/**
 * Decode a WrappedFirmwareKey. Every RecipientInfo arm is accepted; see
 * cmsfw_recipient for which fields are filled. A negative version (of the
 * EnvelopedData, a ktri or a kekri) and an empty recipientInfos are
 * refused. recipients is allocated; byte fields point into @p der.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_wrapped_key_decode(cmsfw_wrapped_key *out, const uint8_t *der,
                                                    size_t len, cmsfw_diag *diag);
/** Free the recipient array of a decoded WrappedFirmwareKey and zero it. */
void cmsfw_wrapped_key_free(cmsfw_wrapped_key *v);

/* FirmwarePackageLoadReceipt ------------------------------------------ */

/**
 * Encode a FirmwarePackageLoadReceipt. version is never written (v1 is the
 * DEFAULT). hw_type, hw_serial and name are mandatory.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_receipt_encode(const cmsfw_receipt *in, uint8_t *out,
                                                size_t out_len, size_t *written, cmsfw_diag *diag);
/**
 * Decode a FirmwarePackageLoadReceipt; @p out points into @p der.
 *
 * version: DER leaves out a DEFAULT value, so a conforming receipt has no
 * version field. A version written out explicitly as 1 (02 01 01) is
 * accepted all the same, as RFC 4108 allows either form on receipt;
 * re-encoding the value then leaves it out. Any other version is refused.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_receipt_decode(cmsfw_receipt *out, const uint8_t *der, size_t len,
                                                cmsfw_diag *diag);
/** Release a decoded receipt (owns nothing; zeroes it). */
void cmsfw_receipt_free(cmsfw_receipt *v);

/* FirmwarePackageLoadError -------------------------------------------- */

/**
 * Encode a FirmwarePackageLoadError. version is never written. Refused
 * (CMSFW_E_ARG): an error_code that RFC 4108 does not assign, otherError
 * (99) without vendor_code, and has_config with config NULL but n_config
 * non-zero. has_config with n_config 0 writes an empty [1] list.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_error_report_encode(const cmsfw_error_report *in, uint8_t *out,
                                                     size_t out_len, size_t *written,
                                                     cmsfw_diag *diag);
/**
 * Decode a FirmwarePackageLoadError; config is allocated, byte fields point
 * into @p der. The version rule of cmsfw_receipt_decode applies. Any
 * ENUMERATED value fitting 64 bits is kept in error_code (see
 * cmsfw_error_report), and a missing vendorErrorCode with otherError is
 * accepted: the decoder reports what was sent, the encoder enforces the
 * rules.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_error_report_decode(cmsfw_error_report *out, const uint8_t *der,
                                                     size_t len, cmsfw_diag *diag);
/** Free the config array of a decoded error report and zero it. */
void cmsfw_error_report_free(cmsfw_error_report *v);

/* Plain OCTET STRINGs, otherName, ContentInfo ------------------------- */

/**
 * Encode @p value as an OCTET STRING: DecryptKeyIdentifier and
 * FirmwarePkgData are plain OCTET STRINGs. value.ptr must not be NULL
 * (value.len may be 0).
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_octets_encode(cmsfw_bytes value, uint8_t *out, size_t out_len,
                                               size_t *written, cmsfw_diag *diag);
/**
 * Decode one primitive DER OCTET STRING filling the buffer; @p value
 * points into @p der (a non-NULL ptr even when empty).
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_octets_decode(cmsfw_bytes *value, const uint8_t *der, size_t len,
                                               cmsfw_diag *diag);

/**
 * Encode the GeneralName otherName carrying a HardwareModuleName, as it
 * appears in a subjectAltName (RFC 4108 section 5):
 * [0] { type-id id-on-hardwareModuleName, value [0] EXPLICIT HardwareModuleName }.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_othername_encode(const cmsfw_hw_module_name *in,
                                                            uint8_t *out, size_t out_len,
                                                            size_t *written, cmsfw_diag *diag);
/**
 * Decode the otherName form above; @p out points into @p der. Any other
 * GeneralName alternative, and an otherName whose type-id is not
 * id-on-hardwareModuleName, is a CMSFW_DECODE_FAILURE.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_hw_module_othername_decode(cmsfw_hw_module_name *out,
                                                            const uint8_t *der, size_t len,
                                                            cmsfw_diag *diag);

/**
 * Wrap @p content as ContentInfo { contentType, content [0] EXPLICIT content },
 * e.g. an unsigned receipt (id-ct-firmwareLoadReceipt) or error report.
 * @p content_type is an OID (content octets); @p content must be exactly
 * one definite-length TLV and is copied as is.
 * @return CMSFW_OK, CMSFW_E_ARG, CMSFW_E_BUFFER, CMSFW_E_NOMEM.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_content_info_encode(cmsfw_bytes content_type, cmsfw_bytes content,
                                                     uint8_t *out, size_t out_len, size_t *written,
                                                     cmsfw_diag *diag);

#ifdef __cplusplus
}
#endif
#endif
