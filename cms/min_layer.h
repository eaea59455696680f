/*
 * min_layer.h: the files of step 21 of the minimal profile, the
 * EncryptedData or AuthEnvelopedData layer (cmsfw__min_layer() of
 * cms/min_priv.h). Internal to them:
 *
 *   min_layer_ber.c  bounded BER reader over the staged layer (or small
 *                    values in memory), as cms/stage_reader.c
 *   min_layer_hdr.c  pass one over the layer and the checks of its
 *                    fields and algorithm (cms/unwrap_crypt.c)
 *   min_layer_key.c  the content-encryption key: a stored CEK, the
 *                    wrapped-firmware-key attribute, a KEKRecipientInfo
 *                    (cms/unwrap_keys.c)
 *   min_layer.c      the entry point and the decryption in place
 *
 * Memory: one struct min_layer at the start of the work buffer's scratch
 * area (cmsfw__min_scratch), and only when the layer has authAttrs the
 * octets of those after it (the GCM additional data, held whole until
 * the cipher starts). The I/O chunk the ciphertext is decrypted in shares
 * its storage with the key search's buffers, idle by then.
 */
#ifndef CMSFW_CMS_MIN_LAYER_H
#define CMSFW_CMS_MIN_LAYER_H

#include "cms/min_priv.h"

/* Longest version, AlgorithmIdentifier or KEKRecipientInfo loaded whole
 * here, and what the full profile loads (CMSFW__UW_SMALL): a value whose
 * length falls between the two is a profile limit. */
#define ML_SMALL 192u
#define ML_FULL_SMALL 640u
/* Longest authAttrs the full profile holds (CMSFW__UW_AAD_MAX). */
#define ML_AAD_MAX 4096u
/* Longest content-encryption key and wrapped key (a 32-octet CEK, padded). */
#define ML_CEK_MAX 32u
#define ML_WRAPPED_MAX (ML_CEK_MAX + 16u)
/* Status of a read that failed in the stage callback (beside CMSFW_DER_*). */
#define ML_IO 100

enum { ML_CBC = 1, ML_GCM = 2 };

/* Where values are read: the stage, or memory when mem is set. */
typedef struct ml_src {
    const cmsfw_stage *stage;
    const uint8_t *mem;
    uint32_t limit;   /* offsets [0, limit) may be read */
    uint32_t *limits; /* CMSFW_MIN_LIMIT_* met while reading */
} ml_src;

/* A header read at a stage offset; len is 0 for an indefinite length. */
typedef struct ml_hdr {
    uint32_t off, val, len, bound;
    uint32_t tag;
    uint8_t cls, cons, indef;
} ml_hdr;

/* The elements of a constructed value, one after the other. */
typedef struct ml_cur {
    uint32_t pos, bound;
    uint8_t indef, closed;
} ml_cur;

/* The primitive pieces of a string that may be constructed. */
typedef struct ml_segs {
    uint32_t pos;
    uint32_t ends[CMSFW_MIN_MAX_DEPTH];
    uint32_t indef; /* bit k: level k is indefinite */
    int depth;
    int primitive;  /* 1: one piece left; 2: given */
    uint32_t poff, plen;
} ml_segs;

/* The I/O chunk: 16 AES blocks at least, so that the stage callbacks and
 * the cipher calls are few (256 octets is also the page of most serial
 * NOR flashes, so the stage writes whole pages), and as large as the key
 * search's buffers it overlaps, since that costs no RAM. */
#define ML_CHUNK_MIN 256u

typedef struct min_layer {
    cmsfw_bk_cipher_ctx cipher; /* first: the scratch is aligned for it */
    cmsfw_min *m;
    ml_src st;
    uint32_t limits;
    int auth;
    /* EncryptedContentInfo */
    uint8_t type_tlv[2 + 64];
    cmsfw_bytes type;
    cmsfw_alg_id alg;   /* views into k.small until the key is found */
    int has_ct;
    ml_hdr ct;
    uint32_t ct_len;
    int compressed;     /* contentType id-ct-compressedData */
    int mode;
    size_t key_len;
    uint8_t iv[CMSFW_BK_GCM_NONCE_MAX];
    size_t iv_len, icv_len;
    ml_hdr recips;
    size_t mac_len;
    uint8_t mac[CMSFW_BK_GCM_TAG_MAX];
    ml_segs segs;
    uint8_t *aad;       /* authAttrs, after the struct; NULL: none */
    size_t aad_len;
    size_t held;        /* scratch octets held, wiped at the end */
    union {
        /* before decryption. small: the version, then the algorithm
         * (kept for the key step), then a KEKRecipientInfo (in an
         * AuthEnvelopedData, whose key step no longer needs the
         * algorithm) */
        struct {
            uint8_t small[ML_SMALL];
            uint8_t unwrapped[ML_WRAPPED_MAX];
            uint8_t cek[ML_CEK_MAX];
        } k;
        uint8_t chunk[ML_CHUNK_MIN]; /* during decryption */
    } io;
    size_t cek_len;
} min_layer;

/* The chunk's length: the union, whole AES blocks. */
#define ML_CHUNK(u) (sizeof (u)->io - sizeof (u)->io % CMSFW_BK_AES_BLOCK)

/* min_layer.c: latch code with u->limits and a fixed reason. */
cmsfw_err cmsfw__ml_fail(min_layer *u, cmsfw_err code, const char *why);
/* A reader status st: E_IO after a failed stage read, else code. */
cmsfw_err cmsfw__ml_rd_fail(min_layer *u, int st, cmsfw_err code, const char *why);
/* cmsfw__ml_rd_fail() with badEncryptedData. */
cmsfw_err cmsfw__ml_bad(min_layer *u, int st);
void cmsfw__ml_wipe(void *p, size_t n);
/* Equal and both present. */
int cmsfw__ml_bytes_eq(cmsfw_bytes a, cmsfw_bytes b);
/* The row of tab (rows of 3, the arc first) of an AES OID
 * 2.16.840.1.101.3.4.1.arc, or NULL. */
const uint8_t *cmsfw__ml_aes_arc(cmsfw_bytes oid, const uint8_t (*tab)[3], size_t n);

/* min_layer.c: the scratch held grown to the struct and n octets after
 * it; 0 when the work buffer is too small. */
int cmsfw__ml_grow(min_layer *u, size_t n);

/* min_layer_ber.c. Statuses are CMSFW_DER_* or ML_IO. */
int cmsfw__ml_read(const ml_src *s, uint32_t off, uint8_t *p, size_t n);
/* The elements of h. */
void cmsfw__ml_enter(const ml_hdr *h, ml_cur *in);
/* The next element's header; CMSFW_DER_END at the end (an indefinite
 * cursor's end-of-contents consumed). */
int cmsfw__ml_next(const ml_src *s, ml_cur *c, ml_hdr *h);
/* c past h; *end (may be NULL) receives the offset after it. */
int cmsfw__ml_skip(const ml_src *s, ml_cur *c, const ml_hdr *h, uint32_t *end);
/* No element left in inner; then outer moves past it. */
int cmsfw__ml_leave(const ml_src *s, ml_cur *outer, ml_cur *inner);
/* The length of the whole element h, in *n. */
int cmsfw__ml_span(const ml_src *s, const ml_hdr *h, size_t *n);
/* The whole element h into buf and c past it; CMSFW_DER_BUFFER when it
 * is longer than cap (*n is its length then too). */
int cmsfw__ml_load(const ml_src *s, ml_cur *c, const ml_hdr *h, uint8_t *buf, size_t cap,
                   size_t *n);
void cmsfw__ml_segs_init(ml_segs *g, const ml_hdr *h);
/* The next primitive piece of h; CMSFW_DER_END after the last. */
int cmsfw__ml_segs_next(const ml_src *s, ml_segs *g, uint32_t *off, uint32_t *len);
/* The octets of the in-memory string t, copied to out (which may lie
 * inside t: pieces only move down), or with out NULL the contents of a
 * primitive t as a view; 0 when malformed or longer than cap. */
int cmsfw__ml_gather(min_layer *u, const cmsfw_der_tlv *t, uint8_t *out, size_t cap,
                     cmsfw_bytes *v);
/* AlgorithmIdentifier in p (BER when ber is set). */
int cmsfw__ml_split_alg(const uint8_t *p, size_t n, int ber, cmsfw_alg_id *alg);

/* min_layer_hdr.c: pass one over the layer, then the checks of steps
 * 18-21 up to the key, in the full profile's order. */
cmsfw_err cmsfw__ml_walk(min_layer *u);

/* min_layer_key.c: the content-encryption key into u->io.k.cek. */
cmsfw_err cmsfw__ml_key(min_layer *u);

#endif
