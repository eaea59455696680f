/**
 * @file cmsfw/inspect.h
 * @brief Find which RFC 4108 content type a buffer holds, and expose its
 * fields for display (the `cmsfw inspect` command).
 *
 * Accepted shapes, BER or DER:
 * - a bare FirmwarePackageLoadReceipt or FirmwarePackageLoadError;
 * - ContentInfo { id-ct-firmwareLoadReceipt | id-ct-firmwareLoadError, [0] value };
 * - ContentInfo { id-signedData, SignedData } whose eContentType is
 *   id-ct-firmwarePackage, id-ct-firmwareLoadReceipt, id-ct-firmwareLoadError,
 *   or a protection layer (id-encryptedData, id-ct-compressedData,
 *   id-ct-authEnvelopedData, id-envelopedData) around a package;
 * - a bare FirmwarePkgData (an OCTET STRING).
 *
 * Inspection reads and reports; it verifies nothing: a signature is not
 * checked and attribute values are shown as the signer wrote them.
 */
#ifndef CMSFW_INSPECT_H
#define CMSFW_INSPECT_H

#include <cmsfw/err.h>
#include <cmsfw/fw.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** What the innermost readable content is. */
typedef enum cmsfw_inspect_kind {
    CMSFW_INSPECT_PACKAGE = 1, /**< FirmwarePkgData (or a layer around it) */
    CMSFW_INSPECT_RECEIPT = 2, /**< FirmwarePackageLoadReceipt */
    CMSFW_INSPECT_ERROR = 3    /**< FirmwarePackageLoadError */
} cmsfw_inspect_kind;

/** How it was wrapped. */
typedef enum cmsfw_inspect_wrap {
    CMSFW_WRAP_BARE = 1,         /**< the value itself */
    CMSFW_WRAP_CONTENT_INFO = 2, /**< ContentInfo around the value */
    CMSFW_WRAP_SIGNED_DATA = 3   /**< ContentInfo { SignedData } */
} cmsfw_inspect_wrap;

/** Most signed (or unsigned) attributes an inspection lists. */
#define CMSFW_INSPECT_MAX_ATTRS 32
/** Most certificates an inspection lists. */
#define CMSFW_INSPECT_MAX_CERTS 16

/** One Attribute: its type and its values as they are encoded. */
typedef struct cmsfw_attr_view {
    cmsfw_bytes type;   /**< attrType OID content octets */
    cmsfw_bytes value;  /**< first AttributeValue: complete TLV */
    size_t n_values;    /**< number of values in attrValues (RFC 4108 wants 1) */
} cmsfw_attr_view;

/** How a SignerInfo names its signer. */
typedef enum cmsfw_sid_kind {
    CMSFW_SID_ISSUER_SERIAL = 1, /**< issuerAndSerialNumber */
    CMSFW_SID_SKI = 2            /**< [0] subjectKeyIdentifier */
} cmsfw_sid_kind;

/** The SignedData of a signed object, as far as inspection reads it. */
typedef struct cmsfw_signed_view {
    int64_t version;
    size_t n_digest_algs;
    cmsfw_alg_id digest_alg;         /**< digestAlgorithms[0] */
    cmsfw_bytes econtent_type;
    int has_econtent;
    uint64_t econtent_len;           /**< octets of eContent (all segments) */
    size_t econtent_segments;        /**< 1 for a primitive OCTET STRING */
    size_t n_certs;                  /**< certificates listed in certs[] */
    cmsfw_bytes certs[CMSFW_INSPECT_MAX_CERTS]; /**< each CertificateChoices TLV */
    int has_crls;
    size_t n_signers;
    /* first SignerInfo */
    int64_t signer_version;
    cmsfw_sid_kind sid_kind;
    cmsfw_bytes sid_ski;             /**< SKI octets (first segment for BER) */
    cmsfw_bytes sid_issuer;          /**< issuer Name TLV */
    cmsfw_bytes sid_serial;          /**< serialNumber contents */
    cmsfw_alg_id signer_digest_alg;
    cmsfw_alg_id signature_alg;
    cmsfw_bytes signature;
    size_t n_signed_attrs;
    cmsfw_attr_view signed_attrs[CMSFW_INSPECT_MAX_ATTRS];
    size_t n_unsigned_attrs;
    cmsfw_attr_view unsigned_attrs[CMSFW_INSPECT_MAX_ATTRS];
} cmsfw_signed_view;

/** The result of cmsfw_inspect(). */
typedef struct cmsfw_inspection {
    cmsfw_inspect_kind kind;
    cmsfw_inspect_wrap wrap;
    cmsfw_bytes content_type;  /**< innermost content type known (OID), if wrapped */
    cmsfw_bytes layer_type;    /**< for a package: eContentType when it is a protection layer */
    cmsfw_signed_view signed_data; /**< when wrap == CMSFW_WRAP_SIGNED_DATA */
    cmsfw_receipt receipt;     /**< when kind == CMSFW_INSPECT_RECEIPT */
    cmsfw_error_report error;  /**< when kind == CMSFW_INSPECT_ERROR */
    cmsfw_bytes firmware;      /**< package: the FirmwarePkgData octets when contiguous */
    uint64_t firmware_len;     /**< package: total octets (all BER segments) */
    int has_sha256;            /**< package: sha256 below is set */
    uint8_t sha256[32];        /**< package: SHA-256 of the firmware (or layer) octets */
    uint8_t *owned;            /**< internal: joined BER segments */
} cmsfw_inspection;

/**
 * Identify and decode @p der (DER or BER; PEM must be decoded first).
 * Views in @p out point into @p der or into memory @p out owns; release
 * with cmsfw_inspection_free().
 * @return CMSFW_OK; CMSFW_DECODE_FAILURE for input that is not one BER
 *   value or trails bytes; CMSFW_BAD_CONTENT_INFO for an unknown content
 *   type; CMSFW_BAD_SIGNED_DATA / CMSFW_BAD_ENCAP_CONTENT /
 *   CMSFW_BAD_SIGNER_INFO / CMSFW_BAD_SIGNED_ATTRS when that structure is
 *   malformed. @p diag says where.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_inspect(cmsfw_inspection *out, const uint8_t *der, size_t len,
                                         cmsfw_diag *diag);

/** Release what cmsfw_inspect() allocated; safe on a zeroed value. */
void cmsfw_inspection_free(cmsfw_inspection *insp);

#ifdef __cplusplus
}
#endif
#endif
