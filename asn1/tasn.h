/*
 * tasn.h: typed access to the ASN.1 templates of asn1/cmsfw.asn through
 * libtasn1 (full profile only). Internal to cmsfw.
 *
 * This is the only interface to libtasn1 in the library: the type names
 * ("CMSFW.FirmwarePackageLoadReceipt") and the dotted component paths
 * ("fwPkgName.preferred.verNum") live in tasn.c, and callers name them by
 * the enums below, so a misspelt path cannot hide in cms/
 * (tests/test_asn1_names.c resolves every one against the module).
 *
 * A cmsfw__tasn is one libtasn1 element plus, after cmsfw__tasn_decode, the
 * DER it was decoded from. Readers return byte ranges INSIDE that DER
 * (zero copy); writers fill an element that cmsfw__tasn_encode turns into
 * DER.
 *
 * Positions: a reader or writer names a node by (base, path). base is a
 * cmsfw__tasn_at built with cmsfw__tasn_at_set() (NULL: the element
 * itself) and path is appended to it. CMSFW__TASN_ITEM, the item of a
 * SEQUENCE OF or SET OF, takes a 1-based index in cmsfw__tasn_at_set().
 *
 * Errors: readers return CMSFW_DECODE_FAILURE, writers CMSFW_E_ARG for a
 * value that cannot be encoded and CMSFW_E_NOMEM when libtasn1 cannot
 * allocate; each writes "<Type>: <path>: <reason>" to the diag given to
 * cmsfw__tasn_new / cmsfw__tasn_decode.
 *
 * The definitions are parsed once, on first use, and kept for the life of
 * the process (pthread_once, so concurrent first uses are safe). Elements
 * are not shared: one cmsfw__tasn must not be used by two threads at once.
 */
#ifndef CMSFW_ASN1_TASN_H
#define CMSFW_ASN1_TASN_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/err.h>
#include <cmsfw/types.h>

struct asn1_node_st; /* libtasn1's element type, kept opaque here */

/* The types of asn1/cmsfw.asn that cmsfw creates or decodes. */
typedef enum cmsfw__tasn_type {
    /* PKIX */
    CMSFW__TASN_ALGORITHM_IDENTIFIER,
    CMSFW__TASN_SUBJECT_PUBLIC_KEY_INFO,
    CMSFW__TASN_NAME,
    CMSFW__TASN_CERTIFICATE,
    CMSFW__TASN_CERTIFICATE_LIST,
    CMSFW__TASN_EXTENSION,
    CMSFW__TASN_GENERAL_NAME,
    CMSFW__TASN_GENERAL_NAMES,
    CMSFW__TASN_SUBJECT_KEY_IDENTIFIER,
    CMSFW__TASN_AUTHORITY_KEY_IDENTIFIER,
    CMSFW__TASN_BASIC_CONSTRAINTS,
    CMSFW__TASN_KEY_USAGE,
    CMSFW__TASN_EXT_KEY_USAGE,
    /* CMS and the RFCs around it */
    CMSFW__TASN_CONTENT_INFO,
    CMSFW__TASN_SIGNED_DATA,
    CMSFW__TASN_SIGNER_INFO,
    CMSFW__TASN_ATTRIBUTE,
    CMSFW__TASN_ATTRIBUTES,
    CMSFW__TASN_ISSUER_AND_SERIAL_NUMBER,
    CMSFW__TASN_ENCAPSULATED_CONTENT_INFO,
    CMSFW__TASN_ENVELOPED_DATA,
    CMSFW__TASN_ENVELOPED_DATA_FROM_PARTS,
    CMSFW__TASN_RECIPIENT_INFO,
    CMSFW__TASN_ENCRYPTED_DATA,
    CMSFW__TASN_KEM_RECIPIENT_INFO,
    CMSFW__TASN_CMS_ORI_FOR_KEM_OTHER_INFO,
    CMSFW__TASN_COMPRESSED_DATA,
    CMSFW__TASN_AUTH_ENVELOPED_DATA,
    CMSFW__TASN_GCM_PARAMETERS,
    CMSFW__TASN_CCM_PARAMETERS,
    CMSFW__TASN_CMS_ALGORITHM_PROTECTION,
    CMSFW__TASN_MESSAGE_DIGEST,
    CMSFW__TASN_SIGNING_TIME,
    CMSFW__TASN_CONTENT_HINTS,
    CMSFW__TASN_SIGNING_CERTIFICATE,
    CMSFW__TASN_SIGNING_CERTIFICATE_V2,
    /* RFC 4108 */
    CMSFW__TASN_FIRMWARE_PKG_DATA,
    CMSFW__TASN_PACKAGE_NAME,
    CMSFW__TASN_PACKAGE_ID,
    CMSFW__TASN_TARGET_HARDWARE_IDS,
    CMSFW__TASN_COMMUNITY_IDENTIFIERS,
    CMSFW__TASN_PACKAGE_INFO,
    CMSFW__TASN_FW_MESSAGE_DIGEST,
    CMSFW__TASN_HARDWARE_MODULE_NAME,
    CMSFW__TASN_LOAD_RECEIPT,
    CMSFW__TASN_LOAD_ERROR,
    CMSFW__TASN_TYPE_COUNT
} cmsfw__tasn_type;

/*
 * Component paths, relative to a base node. The comment after each gives
 * the type(s) the path is read in; tasn.c holds the text.
 */
typedef enum cmsfw__tasn_path {
    CMSFW__TASN_SELF, /* the base node itself */
    CMSFW__TASN_ITEM, /* item #index of a SEQUENCE OF / SET OF */
    /* AlgorithmIdentifier */
    CMSFW__TASN_ALG_ALGORITHM,
    CMSFW__TASN_ALG_PARAMETERS,
    /* PreferredOrLegacyPackageIdentifier */
    CMSFW__TASN_NAME_PREFERRED_ID,
    CMSFW__TASN_NAME_PREFERRED_VERNUM,
    CMSFW__TASN_NAME_LEGACY,
    /* FirmwarePackageIdentifier */
    CMSFW__TASN_PKGID_NAME,
    CMSFW__TASN_PKGID_STALE,
    CMSFW__TASN_PKGID_STALE_VERNUM,
    CMSFW__TASN_PKGID_STALE_LEGACY,
    /* CommunityIdentifier, HardwareSerialEntry */
    CMSFW__TASN_COMMUNITY_OID,
    CMSFW__TASN_COMMUNITY_HW_TYPE,
    CMSFW__TASN_COMMUNITY_ENTRIES,
    CMSFW__TASN_SERIAL_SINGLE,
    CMSFW__TASN_SERIAL_LOW,
    CMSFW__TASN_SERIAL_HIGH,
    /* FirmwarePackageInfo, CurrentFWConfig */
    CMSFW__TASN_FW_PKG_TYPE,
    CMSFW__TASN_INFO_DEPENDENCIES,
    /* FirmwarePackageMessageDigest */
    CMSFW__TASN_DIGEST_ALGORITHM,
    CMSFW__TASN_DIGEST_VALUE,
    /* receipt, error report, HardwareModuleName */
    CMSFW__TASN_VERSION, /* also every CMS type with a version */
    CMSFW__TASN_HW_TYPE,
    CMSFW__TASN_HW_SERIAL,
    CMSFW__TASN_FW_PKG_NAME,
    CMSFW__TASN_RECEIPT_TA_KEY_ID,
    CMSFW__TASN_RECEIPT_DECRYPT_KEY_ID,
    CMSFW__TASN_ERROR_CODE,
    CMSFW__TASN_ERROR_VENDOR_CODE,
    CMSFW__TASN_ERROR_CONFIG,
    /* GeneralName */
    CMSFW__TASN_GN_OTHER_TYPE_ID,
    CMSFW__TASN_GN_OTHER_VALUE,
    /* ContentInfo */
    CMSFW__TASN_CI_CONTENT_TYPE,
    CMSFW__TASN_CI_CONTENT,
    /* EnvelopedData, EnvelopedDataFromParts, AuthEnvelopedData */
    CMSFW__TASN_ENV_ORIGINATOR_INFO,
    CMSFW__TASN_ENV_RECIPIENT_INFOS,
    CMSFW__TASN_ENV_CONTENT_TYPE,
    CMSFW__TASN_ENV_CONTENT_ALG,
    CMSFW__TASN_ENV_CONTENT,
    CMSFW__TASN_ENV_UNPROTECTED_ATTRS,
    CMSFW__TASN_AUTHENV_CONTENT_TYPE,
    CMSFW__TASN_AUTHENV_CONTENT_ALG,
    CMSFW__TASN_AUTHENV_CONTENT,
    CMSFW__TASN_AUTHENV_AUTH_ATTRS,
    CMSFW__TASN_AUTHENV_MAC,
    /* RecipientInfo */
    CMSFW__TASN_RI_KTRI_VERSION,
    CMSFW__TASN_RI_KTRI_RID,
    CMSFW__TASN_RI_KTRI_SKI,
    CMSFW__TASN_RI_KTRI_KEY_ENC_ALG,
    CMSFW__TASN_RI_KTRI_ENCRYPTED_KEY,
    CMSFW__TASN_RI_KEKRI_VERSION,
    CMSFW__TASN_RI_KEKRI_KEY_ID,
    CMSFW__TASN_RI_KEKRI_DATE,
    CMSFW__TASN_RI_KEKRI_OTHER,
    CMSFW__TASN_RI_KEKRI_KEY_ENC_ALG,
    CMSFW__TASN_RI_KEKRI_ENCRYPTED_KEY,
    CMSFW__TASN_RI_ORI_TYPE,
    CMSFW__TASN_RI_ORI_VALUE,
    /* KEMRecipientInfo */
    CMSFW__TASN_KEMRI_KEM,
    CMSFW__TASN_KEMRI_KDF,
    CMSFW__TASN_KEMRI_KEK_LENGTH,
    CMSFW__TASN_KEMRI_WRAP,
    /* SignedData, EncapsulatedContentInfo, CompressedData */
    CMSFW__TASN_SD_DIGEST_ALGORITHMS,
    CMSFW__TASN_SD_ENCAP_CONTENT_INFO, /* also CompressedData */
    CMSFW__TASN_SD_CONTENT_TYPE,
    CMSFW__TASN_SD_CONTENT,
    CMSFW__TASN_SD_CERTIFICATES,
    CMSFW__TASN_SD_CRLS,
    CMSFW__TASN_SD_SIGNER_INFOS,
    CMSFW__TASN_ECI_CONTENT_TYPE,
    CMSFW__TASN_ECI_CONTENT,
    CMSFW__TASN_CD_ALGORITHM,
    /* SignerInfo */
    CMSFW__TASN_SI_SID,
    CMSFW__TASN_SI_SID_SKI,
    CMSFW__TASN_SI_SID_ISSUER,
    CMSFW__TASN_SI_SID_SERIAL,
    CMSFW__TASN_SI_DIGEST_ALGORITHM,
    CMSFW__TASN_SI_SIGNED_ATTRS,
    CMSFW__TASN_SI_SIGNATURE_ALGORITHM,
    CMSFW__TASN_SI_SIGNATURE,
    CMSFW__TASN_SI_UNSIGNED_ATTRS,
    /* Attribute */
    CMSFW__TASN_ATTR_TYPE,
    CMSFW__TASN_ATTR_VALUES,
    /* GCMParameters, CCMParameters */
    CMSFW__TASN_AES_NONCE,
    CMSFW__TASN_AES_ICV_LEN,
    /* CMSAlgorithmProtection */
    CMSFW__TASN_CAP_DIGEST_ALGORITHM,
    CMSFW__TASN_CAP_SIGNATURE_ALGORITHM,
    CMSFW__TASN_CAP_MAC_ALGORITHM,
    /* Certificate */
    CMSFW__TASN_CERT_TBS,
    CMSFW__TASN_CERT_VERSION,
    CMSFW__TASN_CERT_SERIAL,
    CMSFW__TASN_CERT_ISSUER,
    CMSFW__TASN_CERT_SUBJECT,
    CMSFW__TASN_CERT_SPKI,
    CMSFW__TASN_CERT_SPKI_ALGORITHM,
    CMSFW__TASN_CERT_SPKI_KEY,
    CMSFW__TASN_CERT_EXTENSIONS,
    CMSFW__TASN_CERT_SIGNATURE_ALGORITHM,
    CMSFW__TASN_CERT_SIGNATURE,
    /* Extension */
    CMSFW__TASN_EXT_ID,
    CMSFW__TASN_EXT_CRITICAL,
    CMSFW__TASN_EXT_VALUE,
    CMSFW__TASN_PATH_COUNT
} cmsfw__tasn_path;

/* The CHOICE alternatives cmsfw reads or writes, by ASN.1 name. */
typedef enum cmsfw__tasn_arm {
    CMSFW__TASN_ARM_NONE = 0,
    CMSFW__TASN_ARM_PREFERRED,         /* preferred */
    CMSFW__TASN_ARM_LEGACY,            /* legacy */
    CMSFW__TASN_ARM_STALE_VERNUM,      /* preferredStaleVerNum */
    CMSFW__TASN_ARM_STALE_LEGACY,      /* legacyStaleVersion */
    CMSFW__TASN_ARM_COMMUNITY_OID,     /* communityOID */
    CMSFW__TASN_ARM_HW_MODULE_LIST,    /* hwModuleList */
    CMSFW__TASN_ARM_ALL,               /* all */
    CMSFW__TASN_ARM_SINGLE,            /* single */
    CMSFW__TASN_ARM_BLOCK,             /* block */
    CMSFW__TASN_ARM_KTRI,              /* ktri */
    CMSFW__TASN_ARM_KARI,              /* kari */
    CMSFW__TASN_ARM_KEKRI,             /* kekri */
    CMSFW__TASN_ARM_PWRI,              /* pwri */
    CMSFW__TASN_ARM_ORI,               /* ori */
    CMSFW__TASN_ARM_ISSUER_AND_SERIAL, /* issuerAndSerialNumber */
    CMSFW__TASN_ARM_SUBJECT_KEY_ID,    /* subjectKeyIdentifier */
    CMSFW__TASN_ARM_OTHER_NAME,        /* otherName */
    CMSFW__TASN_ARM_RFC822_NAME,       /* rfc822Name */
    CMSFW__TASN_ARM_DNS_NAME,          /* dNSName */
    CMSFW__TASN_ARM_X400_ADDRESS,      /* x400Address */
    CMSFW__TASN_ARM_DIRECTORY_NAME,    /* directoryName */
    CMSFW__TASN_ARM_EDI_PARTY_NAME,    /* ediPartyName */
    CMSFW__TASN_ARM_URI,               /* uniformResourceIdentifier */
    CMSFW__TASN_ARM_IP_ADDRESS,        /* iPAddress */
    CMSFW__TASN_ARM_REGISTERED_ID,     /* registeredID */
    CMSFW__TASN_ARM_CERTIFICATE,       /* certificate */
    CMSFW__TASN_ARM_EXTENDED_CERT,     /* extendedCertificate */
    CMSFW__TASN_ARM_V1_ATTR_CERT,      /* v1AttrCert */
    CMSFW__TASN_ARM_V2_ATTR_CERT,      /* v2AttrCert */
    CMSFW__TASN_ARM_OTHER,             /* other */
    CMSFW__TASN_ARM_CRL,               /* crl */
    CMSFW__TASN_ARM_COUNT
} cmsfw__tasn_arm;

/* Longest node path built by cmsfw__tasn_at, with its NUL. */
#define CMSFW__TASN_AT_MAX 128

/* A node position: the dotted path of a node inside an element. */
typedef struct cmsfw__tasn_at {
    char path[CMSFW__TASN_AT_MAX];
} cmsfw__tasn_at;

/*
 * libtasn1 (4.19) holds OID arcs in 64-bit signed arithmetic and writes
 * arcs of 2^63 and above wrongly. Such an OID is written as a placeholder
 * of the same length and its real content octets are put in place by
 * cmsfw__tasn_encode. (Inside a SET OF the members are sorted by the
 * placeholder; the encoder then refuses a result that is out of order.)
 */
typedef struct cmsfw__tasn_fixup {
    cmsfw__tasn_at at;
    cmsfw_bytes oid; /* borrowed: must outlive the element */
} cmsfw__tasn_fixup;

/* One element. Zero it (or let new/decode do it) before use. */
typedef struct cmsfw__tasn {
    struct asn1_node_st *node;
    cmsfw__tasn_type type;
    const uint8_t *der; /* the decoded input (NULL for a built element) */
    size_t der_len;
    cmsfw_diag *diag;          /* where failures are explained; may be NULL; must
                                  stay valid while the element is used */
    cmsfw__tasn_fixup *fixups; /* allocated; see cmsfw__tasn_fixup */
    size_t n_fixups;
} cmsfw__tasn;

/* ------------------------------------------------------------ elements */

/* Parse the definitions if not yet done. Every other call does it too. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_load(cmsfw_diag *diag);

/* Create an empty element of @type, for writing. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_new(cmsfw__tasn *t, cmsfw__tasn_type type, cmsfw_diag *diag);

/*
 * Decode der[0..len) as one DER value of @type. Fails unless the input is
 * exactly one TLV (no trailing bytes, no length past the end), libtasn1
 * accepts it in strict DER mode (definite lengths, primitive strings), and
 * the DER rules libtasn1 leaves out hold: shortest length octets,
 * minimal INTEGERs, BOOLEAN 00/FF, zero unused bits, sorted SET OF, and
 * encoding the result gives back the same bytes. @der must outlive @t.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_decode(cmsfw__tasn *t, cmsfw__tasn_type type,
                                              const uint8_t *der, size_t len, cmsfw_diag *diag);

/*
 * DER of the element. out == NULL asks for the size (*written). A too small
 * buffer gives CMSFW_E_BUFFER with *written = size needed. A missing
 * mandatory value gives CMSFW_E_ARG.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_encode(const cmsfw__tasn *t, uint8_t *out, size_t out_len,
                                              size_t *written);

/* Release the element; @t is zeroed. Safe on a zeroed element. */
void cmsfw__tasn_free(cmsfw__tasn *t);

/* The ASN.1 name of @type ("FirmwarePackageLoadReceipt"). */
const char *cmsfw__tasn_type_name(cmsfw__tasn_type type);

/* The libtasn1 text of @p (for tests and diagnostics); "" for SELF. */
const char *cmsfw__tasn_path_text(cmsfw__tasn_path p);

/* The ASN.1 name of @arm ("preferred"); NULL for NONE or out of range. */
const char *cmsfw__tasn_arm_name(cmsfw__tasn_arm arm);

/*
 * @at = @base (NULL: the element) followed by @p; an item marker in @p
 * takes @index (1-based). Fails (CMSFW_E_ARG) only when the path is too
 * long for CMSFW__TASN_AT_MAX or index is 0 where one is needed.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_at_set(cmsfw__tasn_at *at, const cmsfw__tasn_at *base,
                                              cmsfw__tasn_path p, size_t index);

/* ------------------------------------------------- readers (decoded) */

/* 1 when the node is present in the decoded DER (OPTIONAL / DEFAULT). */
int cmsfw__tasn_has(const cmsfw__tasn *t, const cmsfw__tasn_at *base, cmsfw__tasn_path p);

/* Number of items of the SEQUENCE OF / SET OF at the node. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_count(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                             cmsfw__tasn_path p, size_t *n);

/* Which alternative the CHOICE at the node holds. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_choice(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                  cmsfw__tasn_path p, cmsfw__tasn_arm *arm);

/* The whole TLV of the node (inside the explicit tag, when it has one). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_tlv(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, cmsfw_bytes *tlv);

/* The content octets of the node (OCTET STRING value, BIT STRING with its
 * unused-bits octet first, ...). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_value(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                 cmsfw__tasn_path p, cmsfw_bytes *value);

/* An OBJECT IDENTIFIER as content octets: at most CMSFW_OID_MAX_LEN
 * octets, every arc at most 2^64-1. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_oid(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, cmsfw_bytes *oid);

/* A minimally encoded INTEGER or ENUMERATED in 0 .. 2^64-1. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_uint(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                cmsfw__tasn_path p, uint64_t *v);

/* A minimally encoded INTEGER or ENUMERATED in the int64_t range. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_get_int(const cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, int64_t *v);

/* -------------------------------------------------- writers (built) */

/* Select alternative @arm of the CHOICE at the node. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_choice(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                  cmsfw__tasn_path p, cmsfw__tasn_arm arm);

/* Write an OBJECT IDENTIFIER given as content octets (validated: at most
 * CMSFW_OID_MAX_LEN octets, every arc at most 2^64-1). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_oid(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, cmsfw_bytes oid);

/* Write an OCTET STRING; @v.ptr must not be NULL (use put_absent). */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_octets(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                  cmsfw__tasn_path p, cmsfw_bytes v);

/* Write a non-negative INTEGER or ENUMERATED. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_uint(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                cmsfw__tasn_path p, uint64_t v);

/* Write a signed INTEGER. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_int(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, int64_t v);

/* Write an ANY: @tlv must be exactly one definite-length TLV. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_tlv(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                               cmsfw__tasn_path p, cmsfw_bytes tlv);

/* Append an item to the SEQUENCE OF / SET OF at the node. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_item(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                cmsfw__tasn_path p);

/* Leave the OPTIONAL node out of the encoding. */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_put_absent(cmsfw__tasn *t, const cmsfw__tasn_at *base,
                                                  cmsfw__tasn_path p);

/* ------------------------------------------------------------- helpers */

/*
 * Check that @tlv is exactly one definite-length TLV and return its
 * content octets. Returns CMSFW_DECODE_FAILURE (no diag) otherwise.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_tlv_content(cmsfw_bytes tlv, cmsfw_bytes *content);

/*
 * Take the first definite-length TLV off the front of @rest into @tlv.
 * Returns CMSFW_DECODE_FAILURE (no diag) when @rest does not start with a
 * complete TLV; @rest must not be empty.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw__tasn_tlv_next(cmsfw_bytes *rest, cmsfw_bytes *tlv);

#endif
