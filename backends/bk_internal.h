/*
 * backends/bk_internal.h: what the files of backends/ share and nothing
 * outside backends/ may include.
 *
 * The split of work between the shared files and a backend file:
 * - common.c   capabilities helper, names, one-shot hash, wipe, compare;
 * - keyparse.c strict DER reading of SubjectPublicKeyInfo and PKCS#8, so
 *              that key typing, size rules and status codes are the same
 *              whatever the library;
 * - sig.c      the public key-info, verify and sign entry points: argument
 *              and scheme checks, then one call into the backend's hooks;
 * - gcm.c      GCM over any AES block function, for libraries that cannot
 *              stream GCM in arbitrary pieces;
 * - aes_kw.c   RFC 3394 / RFC 5649 over cmsfw_bk_aes_block();
 * - lms.c      HSS/LMS verification over cmsfw_bk_hash_*() (lms.h); sig.c
 *              sends CMSFW_BK_SIG_HSS_LMS there, never to a library;
 * - mbedtls.c or wolfssl.c: hashes, AES, random, and the hooks below.
 */
#ifndef CMSFW_BACKENDS_BK_INTERNAL_H
#define CMSFW_BACKENDS_BK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "backends/backend.h"

/* --------------------------------------------------- compile-time checks */

#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define CMSFW_BK_STATIC_ASSERT(cond, name) _Static_assert(cond, #name)
#else
/* C99: an array of negative size stops the build. */
#define CMSFW_BK_STATIC_ASSERT(cond, name) typedef char cmsfw_bk_assert_##name[(cond) ? 1 : -1]
#endif

/*
 * Assert that the backend's real context type T fits the opaque storage
 * union U in size and alignment. Alignments are powers of two, so "not
 * stricter" is "not larger". The probe structs are named so that no type
 * is defined inside offsetof().
 */
#define CMSFW_BK_ASSERT_FITS(T, U, name)                                                  \
    struct cmsfw_bk_probe_t_##name {                                                       \
        char c;                                                                            \
        T t;                                                                               \
    };                                                                                     \
    struct cmsfw_bk_probe_u_##name {                                                       \
        char c;                                                                            \
        U u;                                                                               \
    };                                                                                     \
    CMSFW_BK_STATIC_ASSERT(sizeof(T) <= sizeof(U), name##_size);                           \
    CMSFW_BK_STATIC_ASSERT(offsetof(struct cmsfw_bk_probe_t_##name, t) <=                  \
                               offsetof(struct cmsfw_bk_probe_u_##name, u),                \
                           name##_align)

/* Values kept in the first member of a live context, so that a call on a
 * context of the wrong kind or an already finished one is refused. */
#define CMSFW_BK_MAGIC_HASH 0x48617368u     /* "Hash" */
#define CMSFW_BK_MAGIC_CBC_ENC 0x43424345u  /* "CBCE" */
#define CMSFW_BK_MAGIC_CBC_DEC 0x43424344u  /* "CBCD" */
#define CMSFW_BK_MAGIC_GCM_ENC 0x47434d45u  /* "GCME" */
#define CMSFW_BK_MAGIC_GCM_DEC 0x47434d44u  /* "GCMD" */
#define CMSFW_BK_MAGIC_AES 0x41455342u      /* "AESB" */

/* -------------------------------------------------------------- helpers */

/** Overwrite @p len bytes with zeros in a way the compiler keeps. */
void cmsfw_bk_wipe(void *p, size_t len);

/** 1 when the @p len bytes at @p a and @p b are equal; the time taken
 * depends only on @p len. */
int cmsfw_bk_ct_equal(const uint8_t *a, const uint8_t *b, size_t len);

/** KEY_SIZE unless @p len is 16, 24 or 32. */
cmsfw_bk_status cmsfw_bk_aes_key_len_check(size_t len);

/* ----------------------------------------------------------- key parsing */

/** A public key split out of its SubjectPublicKeyInfo (views into it). */
typedef struct cmsfw_bk_pubkey {
    cmsfw_bk_key_info info;
    cmsfw_bytes point;    /**< EC: the uncompressed point 04 || X || Y */
    cmsfw_bytes modulus;  /**< RSA: n, without a leading zero octet */
    cmsfw_bytes exponent; /**< RSA: e, without a leading zero octet */
    cmsfw_bytes raw;      /**< EdDSA: the encoded public key; HSS/LMS: the raw
                               HSS public key, any OCTET STRING wrapper removed */
} cmsfw_bk_pubkey;

/**
 * Strict DER parse of a SubjectPublicKeyInfo.
 * @return OK (info and the views set); UNSUPPORTED for an algorithm not
 *         known here (info.type UNKNOWN); BAD_KEY when malformed.
 *         Neither key size rules nor backend capabilities are applied.
 */
cmsfw_bk_status cmsfw_bk_parse_spki(cmsfw_bytes der, cmsfw_bk_pubkey *key);

/** A private key split out of its PKCS#8 envelope (views into it). */
typedef struct cmsfw_bk_privkey {
    cmsfw_bk_key_info info;
    cmsfw_bytes inner;   /**< privateKey OCTET STRING contents: RSAPrivateKey,
                              ECPrivateKey or CurvePrivateKey */
    cmsfw_bytes secret;  /**< EC: the private scalar; EdDSA: the seed */
    cmsfw_bytes pub;     /**< EC: ECPrivateKey publicKey point; EdDSA:
                              OneAsymmetricKey publicKey; ptr NULL if absent */
    cmsfw_bytes modulus; /**< RSA: n, without a leading zero octet */
} cmsfw_bk_privkey;

/** Strict DER parse of PKCS#8 PrivateKeyInfo / OneAsymmetricKey; same
 * statuses as cmsfw_bk_parse_spki(). */
cmsfw_bk_status cmsfw_bk_parse_pkcs8(cmsfw_bytes der, cmsfw_bk_privkey *key);

/** 1 when @p sig is a DER Ecdsa-Sig-Value whose r and s are positive and at
 * most @p field_len octets long, else 0. */
int cmsfw_bk_ecdsa_sig_wellformed(cmsfw_bytes sig, size_t field_len);

/* ----------------------------------------------------- backend key hooks
 * Called by sig.c once the DER parsed, the key type matched the scheme,
 * the size rules passed and the capability is present. */

/** Whether the library accepts this public key (BAD_KEY if not). */
cmsfw_bk_status cmsfw_bk_lib_check_spki(cmsfw_bytes der, const cmsfw_bk_pubkey *key);

/** Whether the library accepts this private key (BAD_KEY if not). */
cmsfw_bk_status cmsfw_bk_lib_check_pkcs8(cmsfw_bytes der, const cmsfw_bk_privkey *key);

/** Verify; @p hash and @p tbs already checked against each other. */
cmsfw_bk_status cmsfw_bk_lib_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                                    const cmsfw_bk_pubkey *key, cmsfw_bytes tbs,
                                    cmsfw_bytes sig);

/** Sign into @p sig, which holds at least cmsfw_bk_sig_size() bytes. */
cmsfw_bk_status cmsfw_bk_lib_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, cmsfw_bytes der,
                                  const cmsfw_bk_privkey *key, cmsfw_bytes tbs, uint8_t *sig,
                                  size_t *sig_len);

/** Largest signature @p scheme makes with a key described by @p info. */
size_t cmsfw_bk_sig_size(cmsfw_bk_sig scheme, const cmsfw_bk_key_info *info);

/* ------------------------------------------------------------ generic GCM */

/** One AES encryption of a block; returns 0 on success. */
typedef int (*cmsfw_bk_block_fn)(void *key, const uint8_t in[16], uint8_t out[16]);

/** State of a GCM operation run by gcm.c over a backend's block cipher. */
typedef struct cmsfw_bk_gcm {
    cmsfw_bk_block_fn enc;
    void *key;        /**< the backend's expanded key, passed to enc */
    uint64_t h[2];    /**< hash subkey, big-endian halves */
    uint64_t y[2];    /**< GHASH accumulator */
    uint8_t j0[16];   /**< pre-counter block */
    uint8_t ctr[16];  /**< current counter block */
    uint8_t ks[16];   /**< key stream of the current counter block */
    uint8_t cbuf[16]; /**< ciphertext of the current block, for GHASH */
    uint64_t aad_len; /**< bytes */
    uint64_t text_len;
    unsigned pos;     /**< bytes of ks already used (16: none left) */
    int encrypt;
} cmsfw_bk_gcm;

/** Start: derive H and J0, absorb the AAD. BAD_INPUT for a nonce length
 * outside CMSFW_BK_GCM_NONCE_MIN..MAX; FAILURE if @p enc fails. */
cmsfw_bk_status cmsfw_bk_gcm_start(cmsfw_bk_gcm *g, cmsfw_bk_block_fn enc, void *key,
                                   cmsfw_bytes nonce, cmsfw_bytes aad, int encrypt);

/** Encrypt or decrypt @p len bytes (in == out allowed). */
cmsfw_bk_status cmsfw_bk_gcm_run(cmsfw_bk_gcm *g, const uint8_t *in, uint8_t *out, size_t len);

/** Encrypting: write the first @p tag_len (12..16) bytes of the tag.
 * Wipes @p g in every case. */
cmsfw_bk_status cmsfw_bk_gcm_final_enc(cmsfw_bk_gcm *g, uint8_t *tag, size_t tag_len);

/** Decrypting: compare @p tag (12..16 bytes) with the computed tag in
 * constant time; BAD_INPUT on mismatch. Wipes @p g in every case. */
cmsfw_bk_status cmsfw_bk_gcm_final_dec(cmsfw_bk_gcm *g, const uint8_t *tag, size_t tag_len);

#endif
