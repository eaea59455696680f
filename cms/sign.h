/*
 * sign.h: the SignedData writer shared by the package producer
 * (cms/protect*.c) and cmsfw_sign_content() (internal to cms/).
 *
 *   sign.c        the signer: key and algorithm choice, signer identifier,
 *                 certificates, AlgorithmIdentifiers
 *   sign_attrs.c  attribute sets in DER order, CMSAlgorithmProtection
 *   sign_info.c   SignerInfo (signature included) and the SignedData
 *                 framing around an eContent
 *
 * Sizes come first: every structure here is sized before it is written,
 * so that a package can go to its sink in one pass with definite lengths.
 */
#ifndef CMSFW_CMS_SIGN_H
#define CMSFW_CMS_SIGN_H

#include <cmsfw/protect.h>

#include "asn1/der.h"
#include "backends/backend.h"

/* Longest DER AlgorithmIdentifier written here (RSASSA-PSS with its
 * parameters is the longest, 65 octets). */
#define CMSFW__ALG_ID_MAX 80

/* Largest key identifier accepted for the sid (a SHA-512 would be 64). */
#define CMSFW__SKI_MAX 64

/* Length of the key identifier computed when a certificate has none:
 * RFC 7093 section 2 method 1, the leftmost 160 bits of the SHA-256 of
 * the subjectPublicKey bits. */
#define CMSFW__SKI_RFC7093_LEN 20

/* Most certificates (signer and chain) a SignedData carries. */
#define CMSFW__SIGN_MAX_CERTS 16

/* A signer ready to sign: algorithms resolved, identifiers computed. Views
 * point into the caller's cmsfw_signer buffers. */
typedef struct cmsfw__signer {
    cmsfw_bytes key;           /* PKCS#8 DER; empty for an HSS/LMS key */
    const cmsfw_hss_signer *hss; /* the stateful HSS/LMS key, or NULL */
    cmsfw_bk_sig scheme;
    cmsfw_bk_hash hash;        /* digest algorithm (also the signature's hash) */
    size_t hash_len;
    cmsfw_bk_key_info key_info;
    uint8_t digest_alg[CMSFW__ALG_ID_MAX]; /* DER AlgorithmIdentifier */
    size_t digest_alg_len;
    uint8_t sig_alg[CMSFW__ALG_ID_MAX];
    size_t sig_alg_len;
    size_t sig_max;            /* longest signature value the key makes */
    cmsfw_bytes cert_spki;     /* the certificate's key; ptr NULL: no certificate */
    int use_issuer_serial;
    cmsfw_bytes issuer;        /* certificate issuer Name TLV */
    cmsfw_bytes serial;        /* certificate serialNumber contents */
    uint8_t ski[CMSFW__SKI_MAX];
    size_t ski_len;
    cmsfw_bytes certs[CMSFW__SIGN_MAX_CERTS]; /* to include, in DER SET OF order */
    size_t n_certs;
} cmsfw__signer;

/*
 * Resolve @p in: key type, signature scheme and digest (AUTO picks from
 * the key; explicit choices must fit the key and each other), the signer
 * identifier, the certificates to include, and that the key matches the
 * certificate (a probe signature verified with the certificate's key).
 * CMSFW_E_ARG with a reason for every inconsistent or unsupported input.
 */
cmsfw_err cmsfw__signer_prepare(cmsfw__signer *s, const cmsfw_signer *in, cmsfw_diag *diag);

/* Digest of @p data with the signer's digest algorithm (out holds
 * CMSFW_BK_HASH_MAX octets; the length is s->hash_len). */
cmsfw_err cmsfw__signer_digest(const cmsfw__signer *s, cmsfw_bytes data, uint8_t *out,
                               cmsfw_diag *diag);

/* ------------------------------------------------------ attribute sets */

/* Most attributes in one set. */
#define CMSFW__ATTRS_MAX 16

/* A SET OF Attribute under construction; each attribute is an owned DER
 * Attribute TLV. */
typedef struct cmsfw__attrs {
    uint8_t *der[CMSFW__ATTRS_MAX];
    size_t len[CMSFW__ATTRS_MAX];
    size_t n;
} cmsfw__attrs;

/* Add Attribute { attrType @p type, attrValues SET { one value of
 * @p value_len octets } } and return where the value goes (the caller
 * writes exactly value_len octets there), or NULL when out of memory or
 * slots (*err set). */
uint8_t *cmsfw__attrs_slot(cmsfw__attrs *a, cmsfw_bytes type, size_t value_len, cmsfw_err *err);

/* Add an attribute whose single value is the DER TLV @p value. */
cmsfw_err cmsfw__attrs_add(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes value);

/* Add content-type (value: OBJECT IDENTIFIER @p oid). */
cmsfw_err cmsfw__attrs_add_oid(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes oid);

/* Add an attribute whose value is OCTET STRING @p octets (message-digest,
 * decrypt-key-identifier). */
cmsfw_err cmsfw__attrs_add_octets(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes octets);

/* Add signing-time for @p t, seconds since 1970-01-01 UTC (UTCTime up
 * to 2049, GeneralizedTime from 2050, RFC 5652 11.3). */
cmsfw_err cmsfw__attrs_add_signing_time(cmsfw__attrs *a, int64_t t);

/* Add CMSAlgorithmProtection (RFC 6211) for the signer's algorithms. */
cmsfw_err cmsfw__attrs_add_algorithm_protection(cmsfw__attrs *a, const cmsfw__signer *s);

/* Sort into DER SET OF order; returns the length of the contents. */
size_t cmsfw__attrs_sort(cmsfw__attrs *a);

/* Write the sorted attributes (contents of the SET only). */
void cmsfw__attrs_put(cmsfw_der_w *w, const cmsfw__attrs *a);

/* Free and wipe every attribute. */
void cmsfw__attrs_free(cmsfw__attrs *a);

/* -1, 0, 1: DER SET OF order of two encodings (X.690 11.6: compared as
 * octet strings, the shorter padded with zero octets at its end). */
int cmsfw__der_set_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen);

/* ---------------------------------------------------------- SignerInfo */

/* Sign the DER of the sorted attributes @p attrs (as a SET OF, tag 0x31,
 * RFC 5652 5.4): hashed first for ECDSA and RSA, as they are for EdDSA
 * (RFC 8419). @p sig has room for CMSFW_BK_SIG_MAX octets. When the signer
 * has a certificate, the new signature is verified with its key before
 * it is returned (a fault while signing must not leave with the data). */
cmsfw_err cmsfw__sign_attrs(const cmsfw__signer *s, const cmsfw__attrs *attrs, uint8_t *sig,
                            size_t *sig_len, cmsfw_diag *diag);

/* Size of a SignerInfo TLV for signed attributes of @p attrs_len content
 * octets, a signature of @p sig_len octets and @p unsigned_len octets of
 * [1] unsignedAttrs TLV (0: none). */
size_t cmsfw__signer_info_size(const cmsfw__signer *s, size_t attrs_len, size_t sig_len,
                               size_t unsigned_len);

/* Write the SignerInfo; @p unsigned_attrs is the whole [1] TLV or ptr NULL. */
void cmsfw__signer_info_put(cmsfw_der_w *w, const cmsfw__signer *s, int version,
                            const cmsfw__attrs *attrs, cmsfw_bytes sig,
                            cmsfw_bytes unsigned_attrs);

/* ------------------------------------------------- SignedData framing */

/* Sizes of ContentInfo { SignedData } around an eContent. */
typedef struct cmsfw__sd_layout {
    size_t econtent_len;    /* eContent value octets */
    size_t signer_info_len; /* SignerInfo TLV */
    size_t certs_len;       /* [0] certificates TLV, 0 when none */
    size_t eci_len;         /* EncapsulatedContentInfo contents */
    size_t sd_len;          /* SignedData contents */
    size_t total;           /* the whole ContentInfo; SIZE_MAX on overflow */
} cmsfw__sd_layout;

/* Fill @p l for the signer, the eContentType and the two lengths given. */
void cmsfw__sd_layout_init(cmsfw__sd_layout *l, const cmsfw__signer *s, cmsfw_bytes econtent_type,
                           size_t econtent_len, size_t signer_info_len);

/* Everything before the eContent value octets. */
void cmsfw__sd_put_head(cmsfw_der_w *w, const cmsfw__sd_layout *l, const cmsfw__signer *s,
                        cmsfw_bytes econtent_type);

/* Everything between the eContent value and the SignerInfo: the
 * certificates and the signerInfos SET header. */
void cmsfw__sd_put_mid(cmsfw_der_w *w, const cmsfw__sd_layout *l, const cmsfw__signer *s);

/* Most octets cmsfw__sd_put_head / put_mid write apart from certificates. */
#define CMSFW__SD_HEAD_MAX 160

/* ---------------------------------------------------------------- OIDs */

/* The content octets of a table OID, by ASN.1 name (an empty view for an
 * unknown name, which tests rule out). */
cmsfw_bytes cmsfw__oid(const char *name);

/* Size of a TLV with a one-octet tag. */
size_t cmsfw__tlv(size_t len);

#endif
