/*
 * test_unwrap_util.h: what the cmsfw__unwrap() tests share: a growable
 * byte buffer with DER/BER writers, the layers built with the crypto
 * backend and zlib, a memory stage and sink with failure injection, and a
 * harness that hand-fills the framing and the signed state.
 */
#ifndef CMSFW_TESTS_TEST_UNWRAP_UTIL_H
#define CMSFW_TESTS_TEST_UNWRAP_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "cms/proc_priv.h"

/* ------------------------------------------------------------ buffers */

typedef struct tu_buf {
    uint8_t *p;
    size_t len, cap;
} tu_buf;

void tu_put(tu_buf *b, const void *p, size_t n);
void tu_byte(tu_buf *b, uint8_t v);
void tu_free(tu_buf *b);
/* A copy of n octets at p. */
tu_buf tu_copy(const void *p, size_t n);
/* n octets of a deterministic pattern seeded by seed. */
tu_buf tu_pattern(size_t n, unsigned seed);
/* $top_srcdir/rel, whole; p NULL when it cannot be read. */
tu_buf tu_file(const char *rel);

/* Definite-length header with a one-octet identifier. */
void tu_hdr(tu_buf *b, uint8_t id, size_t len);
void tu_tlv(tu_buf *b, uint8_t id, const void *p, size_t n);
/* id { content }, definite length. */
void tu_wrap(tu_buf *b, uint8_t id, const tu_buf *content);
/* id { content } with an indefinite length (id gets the constructed bit). */
void tu_wrap_indef(tu_buf *b, uint8_t id, const tu_buf *content);
/* A string under identifier id, in pieces of `piece` octets (BER
 * constructed, each piece an OCTET STRING; piece 0: primitive). */
void tu_pieces(tu_buf *b, uint8_t id, const uint8_t *p, size_t n, size_t piece, int indef);
void tu_oid(tu_buf *b, const char *dotted);
void tu_int(tu_buf *b, int64_t v);
/* Wrap in place: b becomes id { b }. */
void tu_wrap_self(tu_buf *b, uint8_t id, int indef);

/* ---------------------------------------------------- OIDs, algorithms */

#define TU_FW "1.2.840.113549.1.9.16.1.16"
#define TU_COMPRESSED "1.2.840.113549.1.9.16.1.9"
#define TU_ENCRYPTED "1.2.840.113549.1.7.6"
#define TU_ENVELOPED "1.2.840.113549.1.7.3"
#define TU_AUTH_ENVELOPED "1.2.840.113549.1.9.16.1.23"
#define TU_DATA "1.2.840.113549.1.7.1"
#define TU_ZLIB "1.2.840.113549.1.9.16.3.8"
#define TU_AES128_CBC "2.16.840.1.101.3.4.1.2"
#define TU_AES192_CBC "2.16.840.1.101.3.4.1.22"
#define TU_AES256_CBC "2.16.840.1.101.3.4.1.42"
#define TU_AES128_GCM "2.16.840.1.101.3.4.1.6"
#define TU_AES192_GCM "2.16.840.1.101.3.4.1.26"
#define TU_AES256_GCM "2.16.840.1.101.3.4.1.46"
#define TU_AES128_WRAP "2.16.840.1.101.3.4.1.5"
#define TU_AES256_WRAP "2.16.840.1.101.3.4.1.45"
#define TU_AES128_WRAP_PAD "2.16.840.1.101.3.4.1.8"
#define TU_AES256_WRAP_PAD "2.16.840.1.101.3.4.1.48"
#define TU_SHA256 "2.16.840.1.101.3.4.2.1"
#define TU_SHA384 "2.16.840.1.101.3.4.2.2"
#define TU_SHA512 "2.16.840.1.101.3.4.2.3"
#define TU_DES_EDE3_CBC "1.2.840.113549.3.7"

/* AlgorithmIdentifier with an optional parameters TLV. */
void tu_alg(tu_buf *b, const char *oid, const void *params, size_t n);
void tu_cbc_alg(tu_buf *b, const char *oid, const uint8_t *iv, size_t iv_len);
/* GCMParameters; icv 0: ICVlen omitted (DEFAULT 12). */
void tu_gcm_alg(tu_buf *b, const char *oid, const uint8_t *nonce, size_t n, int icv);

/* How encryptedContent is written. */
typedef struct tu_ct {
    int absent;
    size_t piece; /* 0: primitive [0] */
    int indef;    /* constructed with an indefinite length */
} tu_ct;

/* EncryptedContentInfo. */
void tu_eci(tu_buf *b, const char *type, const tu_buf *alg, const tu_buf *ct, tu_ct how);
/* EncryptedData { version, eci, [1] unprotectedAttrs when unprot }. */
void tu_encrypted_data(tu_buf *b, int version, const tu_buf *eci, int unprot, int indef);
/* A KEKRecipientInfo ([2]) wrapping cek under kek. */
void tu_kekri(tu_buf *b, const char *wrap_oid, const uint8_t *kek, size_t kek_len,
              const char *kek_id, const uint8_t *cek, size_t cek_len);
/* AES-KW / AES-KWP wrap of cek. */
tu_buf tu_wrap_key(const uint8_t *kek, size_t kek_len, const uint8_t *cek, size_t cek_len,
                   int pad);

/* AES-CBC with RFC 5652 padding. */
tu_buf tu_cbc_encrypt(const uint8_t *key, size_t key_len, const uint8_t *iv, const uint8_t *pt,
                      size_t n);
/* AES-GCM; tag_len octets of tag written to tag. */
tu_buf tu_gcm_encrypt(const uint8_t *key, size_t key_len, const uint8_t *nonce, size_t nonce_len,
                      const tu_buf *aad, const uint8_t *pt, size_t n, uint8_t *tag,
                      size_t tag_len);
/* zlib (RFC 1950) stream of p. */
tu_buf tu_zlib(const uint8_t *p, size_t n, int level);
/* CompressedData { version, alg, { type, [0] { OCTET STRING z } } };
 * z NULL: eContent absent. piece / indef as tu_pieces(). */
void tu_compressed(tu_buf *b, int version, const tu_buf *alg, const char *type, const tu_buf *z,
                   size_t piece, int indef);
/* The usual CompressedData of an image. */
tu_buf tu_compress_image(const uint8_t *img, size_t n);

/* --------------------------------------------------------- the harness */

typedef struct tu_stage {
    tu_buf data;
    long reads_left;   /* fail the read after this many (-1: never) */
    long writes_left;
    size_t max_read, max_write;
    uint64_t min_write_gap; /* smallest (read offset - write offset) seen: in-place check */
    uint64_t read_hi;       /* highest offset read + 1 */
} tu_stage;

typedef struct tu_sink {
    tu_buf data;
    long writes_left;
    size_t max_write;
} tu_sink;

typedef struct tu_ctx {
    cmsfw__framing f;
    cmsfw__signed s;
    cmsfw_device dev;
    cmsfw_kek keks[8];
    cmsfw_result res;
    cmsfw_diag diag;
    tu_stage st;
    tu_sink sk;
    cmsfw_stage stage;
    cmsfw_sink sink;
    uint8_t type_oid[64];
    uint8_t dg_oid[64];
    uint8_t dki_buf[64];
} tu_ctx;

/* A device with no keys, a fresh signed state; every stage and sink
 * callback succeeds. */
void tu_ctx_init(tu_ctx *c);
void tu_ctx_free(tu_ctx *c);
/* Add a stored key (id as text). */
void tu_add_kek(tu_ctx *c, const char *id, const uint8_t *key, size_t len);
/* A pre-shared content-encryption key (CMSFW_KEY_CEK). */
void tu_add_cek(tu_ctx *c, const char *id, const uint8_t *key, size_t len);
/* Set the decrypt-key-identifier (text). */
void tu_set_dki(tu_ctx *c, const char *id);
/* Set firmware-package-message-digest (params_null: 05 00 parameters). */
void tu_set_fw_digest(tu_ctx *c, const char *oid, const uint8_t *md, size_t n, int params_null);
/* Run cmsfw__unwrap() on econtent staged under eContentType type. */
cmsfw_err tu_run(tu_ctx *c, const char *type, const tu_buf *econtent);
/* tu_run() in a fresh context with the keys and settings of c copied;
 * 1 when it returned want and, when want is OK, the sink holds img. */
int tu_expect(tu_ctx *c, const char *type, const tu_buf *econtent, cmsfw_err want,
              const uint8_t *img, size_t n);

/* The eContent of an OpenSSL ContentInfo file with its inner id-data
 * content type replaced by new_type (see tests/data/unwrap/README.md). */
tu_buf tu_ossl_econtent(const char *rel, const char *new_type);

/* Test keys. */
extern const uint8_t tu_k128[16], tu_k192[24], tu_k256[32], tu_iv[16], tu_nonce[12];

#endif
