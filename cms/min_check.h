/*
 * min_check.h: the pieces shared by the minimal profile's checks of
 * steps 6-20 (internal to cms/min_*.c and their test).
 *
 *   min_attrs.c   strict DER of signedAttrs, the attributes (steps 7, 8)
 *                 and the readers the policy steps walk them with
 *   min_algs.c    algorithm identifiers, key, signature (steps 12-14),
 *                 the SHA-1 of RFC 5280 key identifiers
 *   min_signer.c  the SignerInfo and steps 6-14 in order
 *   min_policy.c  steps 15-20
 *
 * Each mirrors the full profile's file of the same job (cms/check_*.c,
 * cms/fw_*.c): same acceptance, same code, same order of checks.
 * Nothing here allocates, and the readers keep no list: an attribute is
 * a view of its value TLV, walked again wherever it is used.
 */
#ifndef CMSFW_CMS_MIN_CHECK_H
#define CMSFW_CMS_MIN_CHECK_H

#include "cms/min_oid.h"
#include "cms/min_priv.h"

#define MIN_UNIV CMSFW_DER_UNIVERSAL
#define MIN_CTX CMSFW_DER_CONTEXT

/* Most attributes a signedAttrs set may hold (as the full profile). */
#define MIN_MAX_ATTRS 64
/* Longest subjectKeyIdentifier sid given in segments (as the full profile). */
#define MIN_SID_SKI_MAX 128

/* 1 when @a is present and holds exactly the @n octets at @p. */
int cmsfw__min_eq(cmsfw_bytes a, const uint8_t *p, size_t n);

/* The last octet of an attribute type OID under pkcs-9 (1.2.840.113549.1.9.x,
 * MIN_AT(x)) or under id-aa (1.2.840.113549.1.9.16.2.x, MIN_AA(x)). */
#define MIN_AT(x) ((uint16_t)(x))
#define MIN_AA(x) ((uint16_t)(0x100u | (x)))
#define MIN_AT_CONTENT_TYPE MIN_AT(0x03)
#define MIN_AT_MESSAGE_DIGEST MIN_AT(0x04)
#define MIN_AT_ALG_PROTECTION MIN_AT(0x34)
#define MIN_AA_CONTENT_HINT MIN_AA(0x04)
#define MIN_AA_PKG_ID MIN_AA(0x23)
#define MIN_AA_TARGETS MIN_AA(0x24)
#define MIN_AA_DECRYPT_KEY_ID MIN_AA(0x25)
#define MIN_AA_IMPL_CRYPTO MIN_AA(0x26)
#define MIN_AA_WRAPPED_KEY MIN_AA(0x27)
#define MIN_AA_COMMUNITIES MIN_AA(0x28)
#define MIN_AA_FW_DIGEST MIN_AA(0x29)
#define MIN_AA_PKG_INFO MIN_AA(0x2a)
#define MIN_AA_IMPL_COMPRESS MIN_AA(0x2b)

/* 1 when the OID contents @oid are the attribute type @at (MIN_AT/MIN_AA). */
int cmsfw__min_attr_is(cmsfw_bytes oid, uint16_t at);

/* ------------------------------------------------------------ min_attrs.c */

/* Step 7 on s->signed_attrs: strict DER, one value each, no duplicate,
 * the required attributes, every known value decodes. Fills the views of
 * @s and, as soon as it decodes, *pkg_id and *has_pkg_id. CMSFW_OK or
 * badSignedAttrs. */
cmsfw_err cmsfw__min_signed_attrs(cmsfw__min_signed *s, cmsfw_bytes econtent_type,
                                  cmsfw_pkg_id *pkg_id, int *has_pkg_id);

/* The whole tree under @top is DER, as the full profile's strict walk
 * (@all 1) or its codec (@all 0: NULL, OID and time contents left to the
 * types) require it; @top_set: the members of @top are a SET OF. */
int cmsfw__min_strict(const cmsfw_der_tlv *top, int top_set, int all);

/* @v is exactly one DER TLV of that class, form and tag; @in enters it. */
int cmsfw__min_one(cmsfw_bytes v, uint8_t cls, int cons, uint32_t tag, cmsfw_der_tlv *t,
                   cmsfw_der_cur *in);

/* The next element is the universal @tag (SEQUENCE and SET constructed,
 * the others primitive); the cursor does not move otherwise. */
int cmsfw__min_expect(cmsfw_der_cur *c, uint32_t tag, cmsfw_der_tlv *t);

/* An OID as the codec reads one: at most CMSFW_OID_MAX_LEN octets, every
 * arc within 64 bits. */
int cmsfw__min_read_oid(cmsfw_der_cur *c, cmsfw_der_tlv *t);

/* An AlgorithmIdentifier as the codec reads one (DER, bounded OID). */
int cmsfw__min_alg_ok(cmsfw_der_cur *c);

/* The value TLV of attribute @at in a checked signedAttrs TLV; ptr NULL
 * when absent. */
cmsfw_bytes cmsfw__min_attr_find(cmsfw_bytes signed_attrs, uint16_t at);

/* PreferredOrLegacyPackageIdentifier at the cursor (DER, checked). */
int cmsfw__min_name_read(cmsfw_der_cur *c, cmsfw_pkg_name *n);

/* FirmwarePackageInfo value (checked): fwPkgType, and a cursor over the
 * dependencies (empty when absent). */
void cmsfw__min_info_read(cmsfw_bytes tlv, int *has_type, int64_t *type, cmsfw_der_cur *deps);

/* CMSAlgorithmProtection value: digest and signature algorithms, and
 * which of [1] and [2] are present. 0 when it does not decode. */
int cmsfw__min_alg_protection(cmsfw_bytes value, cmsfw_alg_id *digest, cmsfw_alg_id *sig,
                              int *has_sig, int *has_mac);

/* AlgorithmIdentifier at the cursor (BER when the cursor allows it), as
 * the full profile's cmsfw__alg_read(): 0 on success. */
int cmsfw__min_alg_read(cmsfw_der_cur *c, cmsfw_alg_id *out);

/* ----------------------------------------------------------- min_signer.c */

/* Step 8 on the unsignedAttrs TLV @tlv (ptr NULL: absent): sets
 * s->wrapped_key. CMSFW_OK or badUnsignedAttrs. */
cmsfw_err cmsfw__min_unsigned_attrs(cmsfw__min_signed *s, cmsfw_bytes tlv,
                                    cmsfw_bytes econtent_type);

/* ------------------------------------------------------------- min_algs.c */

/* Same OID, parameters both absent or byte-equal. */
int cmsfw__min_alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b);

/* Steps 12 and 13 with the anchor key @spki: *hash and the scheme to
 * verify with. CMSFW_OK, badDigestAlgorithm, badSignatureAlgorithm,
 * unsupportedParameters, unsupportedKeySize, CMSFW_E_ARG (a malformed
 * anchor key). */
cmsfw_err cmsfw__min_algs(const cmsfw__min_signed *s, uint32_t policy, cmsfw_bytes spki,
                          cmsfw_bk_hash *hash, cmsfw_bk_sig *scheme, cmsfw_bk_hash *sig_hash);

/* Step 14's signature over @msg (signedAttrs, whose first octet, writable,
 * is turned into the SET OF identifier while it is hashed or verified).
 * CMSFW_OK, signatureFailure, unsupportedKeySize, badSignatureAlgorithm,
 * CMSFW_E_BACKEND. */
cmsfw_err cmsfw__min_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes spki, uint8_t *msg,
                            size_t msg_len, cmsfw_bytes sig);

/* SHA-1 (FIPS 180-4) of @data, for RFC 5280 4.2.1.2 method 1 only. */
void cmsfw__min_sha1(cmsfw_bytes data, uint8_t out[20]);

#endif
