/*
 * check_priv.h: the pieces shared by the device checks of steps 4 and 6-20
 * (cms/check_*.c, cms/certpath.c) and by cmsfw_verify_content()
 * (cms/verify_content.c). Internal to cms/.
 *
 *   check_algs.c    AlgorithmIdentifiers -> backend hash and signature
 *                   scheme (steps 12, 13), signature verification
 *   check_attrs.c   strict DER of signedAttrs, the attribute list, and the
 *                   firmware attributes (steps 7, 8, 9)
 *   check_keyid.c   key identifiers (RFC 5280 4.2.1.2 method 1, SHA-1)
 *   check_signer.c  SignerInfo syntax (step 6), signer location (step 10)
 *   certpath.c      certification path to an anchor, content constraints
 *   check_signed.c  steps 6-14 in order
 *   check_policy.c  steps 15-20
 */
#ifndef CMSFW_CMS_CHECK_PRIV_H
#define CMSFW_CMS_CHECK_PRIV_H

#include <cmsfw/keys.h>
#include <cmsfw/proc.h>

#include "asn1/der.h"
#include "backends/backend.h"
#include "cms/proc_priv.h"

/* ------------------------------------------------------------------ OIDs
 * Content octets as string literals, so that the header defines no
 * objects; compare them with CMSFW__OID_IS(). */
#define CMSFW__OID_IS(b, lit) cmsfw__bytes_eq_raw((b), (const uint8_t *)(lit), sizeof(lit) - 1)

#define CMSFW__OID_SHA256 "\x60\x86\x48\x01\x65\x03\x04\x02\x01"
#define CMSFW__OID_SHA384 "\x60\x86\x48\x01\x65\x03\x04\x02\x02"
#define CMSFW__OID_SHA512 "\x60\x86\x48\x01\x65\x03\x04\x02\x03"
#define CMSFW__OID_ECDSA_SHA256 "\x2a\x86\x48\xce\x3d\x04\x03\x02"
#define CMSFW__OID_ECDSA_SHA384 "\x2a\x86\x48\xce\x3d\x04\x03\x03"
#define CMSFW__OID_ECDSA_SHA512 "\x2a\x86\x48\xce\x3d\x04\x03\x04"
#define CMSFW__OID_RSA "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01"
#define CMSFW__OID_MGF1 "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x08"
#define CMSFW__OID_RSA_PSS "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a"
#define CMSFW__OID_RSA_SHA256 "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0b"
#define CMSFW__OID_RSA_SHA384 "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0c"
#define CMSFW__OID_RSA_SHA512 "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0d"
#define CMSFW__OID_ED25519 "\x2b\x65\x70"
#define CMSFW__OID_ED448 "\x2b\x65\x71"

#define CMSFW__OID_CT_FIRMWARE "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10"
#define CMSFW__OID_CT_ANY "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x00"
#define CMSFW__OID_ENCRYPTED_DATA "\x2a\x86\x48\x86\xf7\x0d\x01\x07\x06"
#define CMSFW__OID_SIGNED_DATA "\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02"

#define CMSFW__OID_AT_CONTENT_TYPE "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x03"
#define CMSFW__OID_AT_MESSAGE_DIGEST "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x04"
#define CMSFW__OID_AT_ALG_PROTECTION "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x34"
#define CMSFW__OID_AT_CONTENT_HINT "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x04"
#define CMSFW__OID_AT_PKG_ID "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x23"
#define CMSFW__OID_AT_TARGETS "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x24"
#define CMSFW__OID_AT_DECRYPT_KEY_ID "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x25"
#define CMSFW__OID_AT_IMPL_CRYPTO "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x26"
#define CMSFW__OID_AT_WRAPPED_KEY "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x27"
#define CMSFW__OID_AT_COMMUNITIES "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x28"
#define CMSFW__OID_AT_FW_DIGEST "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x29"
#define CMSFW__OID_AT_PKG_INFO "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x2a"
#define CMSFW__OID_AT_IMPL_COMPRESS "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02\x2b"

#define CMSFW__OID_CE_SKI "\x55\x1d\x0e"
#define CMSFW__OID_CE_KEY_USAGE "\x55\x1d\x0f"
#define CMSFW__OID_CE_SUBJECT_ALT_NAME "\x55\x1d\x11"
#define CMSFW__OID_CE_BASIC_CONSTRAINTS "\x55\x1d\x13"
#define CMSFW__OID_CE_AKI "\x55\x1d\x23"
#define CMSFW__OID_CE_EXT_KEY_USAGE "\x55\x1d\x25"
#define CMSFW__OID_PE_CONTENT_CONSTRAINTS "\x2b\x06\x01\x05\x05\x07\x01\x12"

/* ------------------------------------------------------------- helpers */

/* 1 when @a holds exactly the @n octets at @p (an absent @a never does). */
int cmsfw__bytes_eq_raw(cmsfw_bytes a, const uint8_t *p, size_t n);
/* 1 when both are present and byte-equal. */
int cmsfw__bytes_eq(cmsfw_bytes a, cmsfw_bytes b);

/* AlgorithmIdentifier TLV at the cursor (BER when the cursor allows it):
 * OID contents and the parameters TLV. A DER status on failure. */
cmsfw_der_status cmsfw__alg_read(cmsfw_der_cur *c, cmsfw_alg_id *out);
/* The same from inside the SEQUENCE (or an IMPLICIT tag in its place):
 * the OID, then at most one parameters TLV, then the end. */
cmsfw_der_status cmsfw__alg_read_fields(cmsfw_der_cur *in, cmsfw_alg_id *out);
/* Same OID, and parameters both absent or byte-equal. */
int cmsfw__alg_equal(const cmsfw_alg_id *a, const cmsfw_alg_id *b);
/* Printable name of an OID for diagnostics ("id-sha256", or dotted). */
const char *cmsfw__oid_label(cmsfw_bytes oid, char *buf, size_t buf_len);

/* ------------------------------------------------- algorithms (check_algs) */

/* A signature algorithm resolved for the backend. */
typedef struct cmsfw__sig {
    cmsfw_bk_sig scheme;
    cmsfw_bk_hash hash;   /* inherent hash; NONE for EdDSA and for
                             rsaEncryption until bound to the digest */
    int hash_from_digest; /* rsaEncryption: the hash is digestAlgorithm's */
    int legacy;           /* RSASSA-PKCS1-v1_5 */
} cmsfw__sig;

/* Step 12: a digestAlgorithm this build supports (SHA-256/384/512,
 * parameters absent or NULL). badDigestAlgorithm otherwise. */
cmsfw_err cmsfw__digest_alg(const cmsfw_alg_id *a, cmsfw_bk_hash *hash, cmsfw_diag *diag);

/* Step 13, without the key: the algorithm is known (else
 * badSignatureAlgorithm) and its parameters are those the profile allows
 * (else unsupportedParameters). @in_cert: a certificate's
 * signatureAlgorithm, where rsaEncryption is not a signature algorithm. */
cmsfw_err cmsfw__sig_alg(const cmsfw_alg_id *a, int in_cert, cmsfw__sig *out, cmsfw_diag *diag);

/* RFC 8933 and RFC 8419: bind the SignerInfo's digest to the signature.
 * A mismatch is badSignatureAlgorithm. */
cmsfw_err cmsfw__sig_bind_digest(cmsfw__sig *s, cmsfw_bk_hash digest, cmsfw_diag *diag);

/* Step 13 with the key: type fits the scheme and the backend can use it
 * (badSignatureAlgorithm), size supported (unsupportedKeySize). A key that
 * does not parse gives @bad_key. */
cmsfw_err cmsfw__sig_key(const cmsfw__sig *s, cmsfw_bytes spki, cmsfw_err bad_key,
                         cmsfw_diag *diag);

/* Verify @sig over @msg (its first octet replaced by @retag when @retag is
 * not 0): hashed with s->hash for ECDSA and RSA, as is for EdDSA.
 * signatureFailure when it does not verify; E_NOMEM, E_BACKEND. */
cmsfw_err cmsfw__sig_verify(const cmsfw__sig *s, cmsfw_bytes spki, cmsfw_bytes msg, uint8_t retag,
                            cmsfw_bytes sig, cmsfw_diag *diag);

/* ------------------------------------------------ attributes (check_attrs) */

/* Most attributes a signedAttrs or unsignedAttrs set may hold. */
#define CMSFW__MAX_ATTRS 64

typedef struct cmsfw__attr {
    cmsfw_bytes type;  /* OID contents */
    cmsfw_bytes value; /* the one AttributeValue TLV */
} cmsfw__attr;

typedef struct cmsfw__attr_list {
    cmsfw__attr a[CMSFW__MAX_ATTRS];
    size_t n;
} cmsfw__attr_list;

/* signedAttrs TLV ([0] IMPLICIT SET OF Attribute) that must be exactly DER:
 * minimal definite lengths, primitive strings, BOOLEAN and INTEGER in DER
 * form, every SET OF (the attribute set, each attrValues, and any SET
 * nested in a value) in ascending order; each attribute with exactly one
 * value; no type twice. badSignedAttrs otherwise. */
cmsfw_err cmsfw__attr_list_read(cmsfw_bytes tlv, cmsfw__attr_list *out, cmsfw_diag *diag);

/* The attribute of type @oid (content octets), or NULL. */
const cmsfw__attr *cmsfw__attr_list_find(const cmsfw__attr_list *l, const uint8_t *oid, size_t n);
#define CMSFW__ATTR_FIND(l, lit) cmsfw__attr_list_find((l), (const uint8_t *)(lit), sizeof(lit) - 1)

/* content-type (an OID) and message-digest (an OCTET STRING) values, and
 * the CMSAlgorithmProtection value (RFC 6211; *has_sig / *has_mac say
 * which [1]/[2] field is present). Each returns badSignedAttrs when the
 * value does not decode. */
cmsfw_err cmsfw__attr_content_type(const cmsfw__attr *a, cmsfw_bytes *oid, cmsfw_diag *diag);
cmsfw_err cmsfw__attr_message_digest(const cmsfw__attr *a, cmsfw_bytes *md, cmsfw_diag *diag);
cmsfw_err cmsfw__attr_alg_protection(const cmsfw__attr *a, cmsfw_alg_id *digest, cmsfw_alg_id *sig,
                                     int *has_sig, int *has_mac, cmsfw_diag *diag);

/* Step 7 on an attribute list read by cmsfw__attr_list_read(): required
 * attributes, firmware attribute values decoded into @s. */
cmsfw_err cmsfw__fw_signed_attrs(const cmsfw__attr_list *l, cmsfw_bytes econtent_type,
                                 cmsfw__signed *s, cmsfw_diag *diag);

/* Step 8: unsignedAttrs TLV (ptr NULL: absent). */
cmsfw_err cmsfw__fw_unsigned_attrs(cmsfw_bytes tlv, cmsfw_bytes econtent_type, cmsfw__signed *s,
                                   cmsfw_diag *diag);

/* ------------------------------------------------ key ids (check_keyid) */

#define CMSFW__SHA1_LEN 20

/* SHA-1 of @data (RFC 5280 4.2.1.2 method 1 needs it; nothing else may). */
void cmsfw__sha1(cmsfw_bytes data, uint8_t out[CMSFW__SHA1_LEN]);

/* The key identifier of an anchor: key_id; else its certificate's SKI
 * extension; else SHA-1 of the subjectPublicKey bits of the certificate
 * (or of spki when there is no certificate). @buf holds a computed one.
 * E_ARG when the anchor's certificate or key does not parse. */
cmsfw_err cmsfw__anchor_key_id(const cmsfw_anchor *a, uint8_t buf[CMSFW__SHA1_LEN],
                               cmsfw_bytes *out, cmsfw_diag *diag);

/* The other computed identifier, RFC 7093 section 2 method 1 (the
 * leftmost 160 bits of the SHA-256 of the key bits), which producers use
 * as well: out->ptr is NULL when the anchor has an identifier given by
 * key_id or by its certificate's SKI extension. */
cmsfw_err cmsfw__anchor_key_id_alt(const cmsfw_anchor *a, uint8_t buf[CMSFW__SHA1_LEN],
                                   cmsfw_bytes *out, cmsfw_diag *diag);

/* The anchor's certificate parsed into @k; *present = 0 when it has none.
 * E_ARG when it does not parse. */
cmsfw_err cmsfw__anchor_cert(const cmsfw_anchor *a, cmsfw_key *k, int *present, cmsfw_diag *diag);

/* --------------------------------------------- SignerInfo (check_signer) */

/* Longest subjectKeyIdentifier sid accepted. */
#define CMSFW__SID_SKI_MAX 128

/* SignerInfo as read (BER accepted except what step 7 checks). Holds
 * pointers into itself: never copy it. */
typedef struct cmsfw__si {
    int64_t version;
    int sid_is_ski;
    cmsfw_bytes ski;    /* joined segments */
    cmsfw_bytes issuer; /* issuerAndSerialNumber: Name TLV */
    cmsfw_bytes serial; /* INTEGER contents */
    cmsfw_alg_id digest_alg;
    cmsfw_bytes signed_attrs; /* [0] TLV as on the wire; ptr NULL: absent */
    cmsfw_alg_id sig_alg;
    cmsfw_bytes signature;      /* joined segments */
    int signature_too_long;     /* longer than CMSFW_BK_SIG_MAX when segmented */
    cmsfw_bytes unsigned_attrs; /* [1] TLV; ptr NULL: absent */
    uint8_t ski_buf[CMSFW__SID_SKI_MAX];
    uint8_t sig_buf[CMSFW_BK_SIG_MAX];
} cmsfw__si;

/* Step 6 syntax: read the SignerInfo TLV (BER). badSignerInfo. */
cmsfw_err cmsfw__si_read(cmsfw_bytes tlv, cmsfw__si *si, cmsfw_diag *diag);

/* Longest certification path: the signer's certificate and intermediates. */
#define CMSFW__PATH_MAX 8

/* Where the signer's key comes from (step 10). */
typedef struct cmsfw__signer_loc {
    size_t anchor;    /* index into the anchors */
    cmsfw_bytes spki; /* the key that verifies the SignerInfo */
    cmsfw_bytes anchor_key_id;
    uint8_t key_id_buf[CMSFW__SHA1_LEN];
    size_t path_len;                 /* 0: the anchor signed directly */
    cmsfw_key path[CMSFW__PATH_MAX]; /* signer certificate first */
    cmsfw_key anchor_cert;           /* kind 0 when the anchor has no certificate */
} cmsfw__signer_loc;

/* Step 10. (a) the sid names an anchor (key id, or the issuer and serial
 * number of its certificate); (b) else a certificate of @certs with a path
 * to an anchor that has a certificate. Anchors with
 * CMSFW_ANCHOR_FIRMWARE_SIGNER are preferred when @prefer_fw. With
 * @allow_paths 0 only (a) is tried. @policy: CMSFW_POLICY_NO_LEGACY
 * refuses LEGACY certificate signatures along the path. noTrustAnchor,
 * badCertificate, E_ARG. */
cmsfw_err cmsfw__locate_signer(const cmsfw__si *si, const cmsfw_bytes *certs, size_t n_certs,
                               const cmsfw_anchor *anchors, size_t n_anchors, int allow_paths,
                               int prefer_fw, uint32_t policy, cmsfw__signer_loc *out,
                               cmsfw_diag *diag);

/* Step 13 for the SignerInfo @si whose digest algorithm maps to @digest,
 * with the signer key @spki (a malformed key gives @bad_key): the
 * algorithm, its parameters, LEGACY refused by CMSFW_POLICY_NO_LEGACY in
 * @policy, RFC 8933, key type and size. */
cmsfw_err cmsfw__si_alg(const cmsfw__si *si, cmsfw_bk_hash digest, cmsfw_bytes spki,
                        cmsfw_err bad_key, uint32_t policy, cmsfw__sig *out, cmsfw_diag *diag);

/* Step 14: the message-digest attribute value @md equals @digest; the
 * signature over DER(signedAttrs) retagged 0x31 verifies with @spki;
 * CMSAlgorithmProtection, when present, names the SignerInfo's algorithms.
 * signatureFailure otherwise. */
cmsfw_err cmsfw__si_verify(const cmsfw__si *si, const cmsfw__attr_list *attrs,
                           const cmsfw__sig *sig, cmsfw_bytes spki, cmsfw_bytes md,
                           const uint8_t *digest, size_t digest_len, cmsfw_diag *diag);

/* ------------------------------------------------------ paths (certpath) */

/* Build and validate a path from @leaf (one of @certs, index @leaf_index)
 * to an anchor with a certificate; fills out->path, out->anchor,
 * out->anchor_cert. noTrustAnchor when there is none (also when a link
 * is a LEGACY signature and @policy has CMSFW_POLICY_NO_LEGACY). */
cmsfw_err cmsfw__cert_path(const cmsfw_key *certs, size_t n_certs, size_t leaf_index,
                           const cmsfw_anchor *anchors, size_t n_anchors, int prefer_fw,
                           uint32_t policy, cmsfw__signer_loc *out, cmsfw_diag *diag);

/* Verify the signature of certificate @c with the key @issuer_spki
 * (RSASSA-PKCS1-v1_5 refused under CMSFW_POLICY_NO_LEGACY in @policy).
 * noTrustAnchor-style failures are returned as signatureFailure. */
cmsfw_err cmsfw__cert_verify(const cmsfw_key *c, cmsfw_bytes issuer_spki, uint32_t policy,
                             cmsfw_diag *diag);

/* Step 11, RFC 6010: every certificate of the path (and the anchor's
 * certificate) carrying id-pe-cmsContentConstraints must allow
 * id-ct-firmwarePackage (or id-ct-anyContentType) with canSource, and its
 * attribute constraints must hold on @attrs. notAuthorized otherwise. */
cmsfw_err cmsfw__content_constraints(const cmsfw__signer_loc *sg, const cmsfw__attr_list *attrs,
                                     cmsfw_diag *diag);

#endif
