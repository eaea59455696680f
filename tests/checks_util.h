/*
 * checks_util.h: builds SignerInfos and the framing the processor would
 * capture, for the tests of the device checks (tests/test_checks*.c).
 *
 * A ck holds a signer (key, algorithms, sid), a list of signed attributes
 * (type and value; message-digest and CMSAlgorithmProtection are computed
 * at build time unless a test sets them), an optional unsignedAttrs TLV,
 * an eContent, certificates, and a device with trust anchors. ck_build()
 * DER-sorts the attributes (unless told not to), signs them with the
 * backend and fills the cmsfw__framing that cmsfw__check_signed() reads.
 * Tests change one thing between ck_init() and ck_build() and expect the
 * code of the step that must catch it.
 */
#ifndef CMSFW_TESTS_CHECKS_UTIL_H
#define CMSFW_TESTS_CHECKS_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "cms/check_priv.h"
#include "tests/test_backend_util.h"

/* (pointer, length) of a string literal of octets */
#define LIT(s) (const uint8_t *)(s), (sizeof(s) - 1)

/* The test hwType, 1.3.6.1.4.1.32473.1.1.1.2.3 (the one the
 * leaf-cc-allow certificate's attribute constraint names). */
#define CK_HW_TYPE "\x2b\x06\x01\x04\x01\x81\xfd\x59\x01\x01\x01\x02\x03"
/* The test fwPkgID, 1.3.6.1.4.1.32473.2.1 */
#define CK_PKG_OID "\x2b\x06\x01\x04\x01\x81\xfd\x59\x02\x01"
/* The default anchor key identifier */
#define CK_KEY_ID "\x5a\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff\x01\x02\x03\x04"

#define CB_CAP 16384
typedef struct cb {
    uint8_t b[CB_CAP];
    size_t n;
} cb;

#define SB_CAP 600
typedef struct sb {
    uint8_t b[SB_CAP];
    size_t n;
} sb;

void sb_set(sb *s, const uint8_t *p, size_t n);
void sb_put(sb *s, const uint8_t *p, size_t n);
/* DER header for a value of @len octets, single-octet tag */
void sb_hdr(sb *s, uint8_t tag, size_t len);
/* A whole TLV */
void sb_tlv(sb *s, uint8_t tag, const uint8_t *p, size_t n);
/* AlgorithmIdentifier { oid, params TLV (NULL: absent) } */
void sb_alg(sb *s, const uint8_t *oid, size_t oid_len, const uint8_t *params, size_t params_len);
/* RSASSA-PSS AlgorithmIdentifier: hash, MGF1 hash (OID contents), salt,
 * trailer (-1: omitted) */
void sb_pss(sb *s, const uint8_t *hash, size_t hash_len, const uint8_t *mgf_hash,
            size_t mgf_hash_len, unsigned salt, int trailer);

#define CK_MAX_ATTRS 24
typedef struct ck_attr {
    sb type;  /* OID contents */
    sb value; /* the one value TLV */
    sb whole; /* when n > 0: the Attribute TLV as is (type/value unused) */
} ck_attr;

typedef struct ck {
    /* signer */
    tb_buf key; /* PKCS#8 */
    cmsfw_bk_sig scheme;
    cmsfw_bk_hash hash; /* signing hash (ECDSA, RSA) and message digest */
    sb digest_alg;      /* SignerInfo.digestAlgorithm TLV */
    sb sd_digest_alg;   /* SignedData.digestAlgorithms[0]; n 0: same */
    sb sig_alg;
    int64_t version;
    sb sid;        /* the whole sid TLV */
    int dummy_sig; /* do not sign: a signature of zeros */
    size_t dummy_sig_len;
    int flip_sig; /* corrupt the signature after signing */
    /* attributes */
    ck_attr attrs[CK_MAX_ATTRS];
    size_t n_attrs;
    int auto_md;  /* compute message-digest at build */
    int auto_cap; /* compute CMSAlgorithmProtection at build */
    int unsorted; /* keep the order given */
    int omit_signed_attrs;
    int ber_signed_attrs; /* write [0] with an indefinite length (signed
                             as DER all the same) */
    sb unsigned_attrs;    /* whole [1] TLV; n 0: absent */
    /* content */
    cb econtent;
    sb econtent_type;
    tb_buf certs[8];
    size_t n_certs;
    /* ck_content_info() only */
    int ci_no_econtent; /* leave eContent out */
    int ci_segmented;   /* eContent as a constructed OCTET STRING */
    int ci_two_digests; /* a second digestAlgorithms entry */
    sb ci_extra_cert;   /* a further CertificateChoices TLV */
    /* built */
    cb sattrs;
    cb si;
    cmsfw__framing f;
    /* device */
    cmsfw_anchor anchors[4];
    size_t n_anchors;
    tb_buf anchor_bufs[32];
    size_t n_anchor_bufs;
    cmsfw_device dev;
    cmsfw_diag diag;
} ck;

/* (Frees what @c held before: @c must be zeroed or initialised.)
 * A P-256 ECDSA/SHA-256 signer whose anchor is its own key (key id
 * CK_KEY_ID, firmware signer), the five usual attributes, eContentType
 * id-ct-firmwarePackage. @key: base name under tests/data/keys ("ec-p256")
 * or a path under $top_srcdir when it contains a '/'. */
void ck_init(ck *c);
/* Switch the signer: key, scheme, hash, signature AlgorithmIdentifier,
 * digest AlgorithmIdentifier with absent parameters; the anchor's spki
 * follows (from tests/data/keys/<name>.spki.der, or @spki_path). */
void ck_signer(ck *c, const char *key_path, const char *spki_path, cmsfw_bk_sig scheme,
               cmsfw_bk_hash hash, const uint8_t *sig_oid, size_t sig_oid_len,
               const uint8_t *sig_params, size_t sig_params_len);
/* The digest AlgorithmIdentifier for @h with params absent */
void ck_digest(sb *out, cmsfw_bk_hash h);

/* Set (replace or add) the value of attribute @type; turns off the
 * automatic value of message-digest / CMSAlgorithmProtection. */
void ck_set_attr(ck *c, const uint8_t *type, size_t type_len, const uint8_t *value,
                 size_t value_len);
void ck_del_attr(ck *c, const uint8_t *type, size_t type_len);
/* An Attribute TLV added as is. */
void ck_add_raw_attr(ck *c, const uint8_t *whole, size_t len);
/* sid = [0] SKI */
void ck_sid_ski(ck *c, const uint8_t *ski, size_t len);
/* sid = issuerAndSerialNumber of the certificate @cert */
void ck_sid_cert(ck *c, cmsfw_bytes cert);

/* Certificates and anchors (files under $top_srcdir). */
cmsfw_bytes ck_add_cert(ck *c, const char *path);
/* Load a file the ck keeps until ck_free(). */
cmsfw_bytes ck_keep(ck *c, const char *path);
/* Replace the anchors by one: spki, key id (ptr NULL: none), cert (ptr
 * NULL: none), flags. */
void ck_anchor(ck *c, cmsfw_bytes spki, cmsfw_bytes key_id, cmsfw_bytes cert, uint32_t flags);

/* Build attributes, SignerInfo and framing. */
void ck_build(ck *c);
/* ck_build() then cmsfw__check_signed(); @s may be NULL (freed inside). */
cmsfw_err ck_run(ck *c, cmsfw__signed *s);
/* The whole ContentInfo { SignedData } (for cmsfw_verify_content). */
void ck_content_info(ck *c, cb *out);
void ck_free(ck *c);

#endif
