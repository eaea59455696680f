/**
 * @file cmsfw/oid.h
 * @brief OBJECT IDENTIFIERs: the table of every OID cmsfw knows, and
 * conversions between dotted text and DER content octets.
 *
 * Throughout the API an OID is a cmsfw_bytes holding its DER content octets
 * (no tag, no length): 1.2.840.113549.1.9.16.1.16 is
 * 2a 86 48 86 f7 0d 01 09 10 01 10.
 */
#ifndef CMSFW_OID_H
#define CMSFW_OID_H

#include <cmsfw/err.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest OID content cmsfw accepts, in octets (about 30 arcs). */
#define CMSFW_OID_MAX_LEN 64

/** Longest dotted text cmsfw produces for an OID, with its NUL. */
#define CMSFW_OID_MAX_DOTTED 256

/** One entry of the OID table. */
typedef struct cmsfw_oid_entry {
    const char *name;   /**< ASN.1 name, e.g. "id-ct-firmwarePackage" */
    const char *dotted; /**< e.g. "1.2.840.113549.1.9.16.1.16" */
    const uint8_t *der; /**< content octets */
    size_t der_len;
} cmsfw_oid_entry;

/** The whole table, in a stable order; @p n receives its length. */
const cmsfw_oid_entry *cmsfw_oid_table(size_t *n);

/** The entry whose content octets equal @p oid, or NULL. */
const cmsfw_oid_entry *cmsfw_oid_find(cmsfw_bytes oid);

/** The entry named @p name (ASN.1 name) or with dotted form @p name, or NULL. */
const cmsfw_oid_entry *cmsfw_oid_lookup(const char *name);

/** The ASN.1 name of @p oid, or NULL when it is not in the table. */
const char *cmsfw_oid_name(cmsfw_bytes oid);

/**
 * Convert dotted text ("1.2.3") to DER content octets.
 * out == NULL is a size query. Needs at least two arcs, the first 0..2 and
 * the second below 40 unless the first is 2; each arc must fit 64 bits.
 * @return CMSFW_OK, CMSFW_E_ARG for malformed text, CMSFW_E_BUFFER when
 *         out_len is too small (*written = size needed).
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_oid_from_dotted(const char *dotted, uint8_t *out, size_t out_len,
                                                 size_t *written);

/**
 * Convert DER content octets to dotted text, NUL-terminated.
 * @return CMSFW_OK, CMSFW_DECODE_FAILURE for content that is not a valid
 *         OID (empty, non-minimal arc, truncated, arc over 64 bits),
 *         CMSFW_E_BUFFER when the text does not fit in @p buf_len.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_oid_to_dotted(cmsfw_bytes oid, char *buf, size_t buf_len);

/** 1 when @p a and @p b hold the same OID (byte equality), else 0. */
int cmsfw_oid_equal(cmsfw_bytes a, cmsfw_bytes b);

#ifdef __cplusplus
}
#endif
#endif
