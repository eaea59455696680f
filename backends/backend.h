/*
 * backends/backend.h: the one internal crypto interface of cmsfw.
 *
 * `cms/` calls these functions and nothing else of a crypto library.
 * Exactly one library backend (backends/mbedtls.c, backends/wolfssl.c
 * with wolfssl_pk.c, or backends/openssl.c with openssl_pk.c) is
 * compiled, chosen at configure time. Key parsing, the status rules of
 * signatures, and the algorithms a library lacks or does not stream the
 * way cmsfw needs are written once, against this header, in
 * backend-independent files (keyparse.c, sig.c, aes_kw.c, gcm.c,
 * common.c; see bk_internal.h).
 *
 * Conventions
 * - Every function returns a cmsfw_bk_status. A backend never returns
 *   cmsfw_err: which RFC 4108 code a status becomes depends on the step
 *   (a KEY_SIZE while checking a signature is unsupportedKeySize, a
 *   BAD_INPUT while decrypting is decryptFailure...), so `cms/` maps it.
 * - Plain functions rather than a table of function pointers: one backend
 *   is linked, the linker drops what a program does not call (a device
 *   that only verifies does not carry RSA signing), and `grep` finds the
 *   implementation.
 * - Context storage (hash, cipher, AES block) belongs to the caller and
 *   is sized by the constants below, the same for every backend; each
 *   backend asserts at compile time that its real context fits. A context
 *   holds pointers into itself in some libraries: never copy or move one
 *   between its init and its final/abort.
 * - Inputs are borrowed and never written; in == out is allowed for the
 *   cipher updates.
 * - Secrets (keys, key schedules, intermediate values) are wiped before
 *   every return. A hash or cipher context is wiped by its final call, by
 *   any failed call on it, and by the matching abort call, which is always
 *   safe to call again on a wiped or zeroed context.
 */
#ifndef CMSFW_BACKENDS_BACKEND_H
#define CMSFW_BACKENDS_BACKEND_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/types.h>

#if defined(__GNUC__) || defined(__clang__)
#define CMSFW_BK_MUST_CHECK __attribute__((warn_unused_result))
#else
#define CMSFW_BK_MUST_CHECK
#endif

/* ------------------------------------------------------------------ status */

/** Result of every backend call. OK is the only success. */
typedef enum cmsfw_bk_status {
    CMSFW_BK_OK = 0,
    CMSFW_BK_UNSUPPORTED = 1,   /**< algorithm or key type not in this backend */
    CMSFW_BK_KEY_SIZE = 2,      /**< key size (RSA bits, EC curve, AES length) unsupported */
    CMSFW_BK_BAD_SIGNATURE = 3, /**< the signature does not verify */
    CMSFW_BK_BAD_KEY = 4,       /**< key does not parse, or is the wrong type for the scheme */
    CMSFW_BK_BAD_INPUT = 5,     /**< bad length, tag mismatch, unwrap integrity failure,
                                     call out of order, output buffer too small */
    CMSFW_BK_FAILURE = 6        /**< internal failure (allocation, RNG, library error) */
} cmsfw_bk_status;

/** Short name of a status ("OK", "BAD_KEY"...), for diagnostics. */
const char *cmsfw_bk_status_name(cmsfw_bk_status st);

/* --------------------------------------------------------------- identity */

/** Backend name: "mbedtls", "wolfssl" or "openssl" (CMSFW_BACKEND_NAME). */
const char *cmsfw_bk_name(void);

/** Version of the crypto library the backend was compiled against. */
const char *cmsfw_bk_version(void);

/* Capability bits: what this build can do. `cms/` checks them before it
 * calls anything, to answer badDigestAlgorithm, badSignatureAlgorithm,
 * badEncryptAlgorithm... without a crypto call. */
#define CMSFW_BK_CAP_SHA256 (1u << 0)
#define CMSFW_BK_CAP_SHA384 (1u << 1)
#define CMSFW_BK_CAP_SHA512 (1u << 2)
#define CMSFW_BK_CAP_ECDSA_P256 (1u << 3)
#define CMSFW_BK_CAP_ECDSA_P384 (1u << 4)
#define CMSFW_BK_CAP_RSA_PKCS1 (1u << 5) /**< RSASSA-PKCS1-v1_5, 2048..4096 bits */
#define CMSFW_BK_CAP_RSA_PSS (1u << 6)   /**< RSASSA-PSS, MGF1 same hash, salt = hash length */
#define CMSFW_BK_CAP_ED25519 (1u << 7)
#define CMSFW_BK_CAP_ED448 (1u << 8)
#define CMSFW_BK_CAP_AES_CBC (1u << 9)
#define CMSFW_BK_CAP_AES_GCM (1u << 10)
#define CMSFW_BK_CAP_AES_KW (1u << 11)  /**< RFC 3394 and RFC 5649 */
#define CMSFW_BK_CAP_SIGN (1u << 12)    /**< cmsfw_bk_sign() for the signature caps above */
#define CMSFW_BK_CAP_RANDOM (1u << 13)
/** HSS/LMS verification (RFC 8554) with the SHA-256 parameter sets:
 * LMS_SHA256_M32/M24 H5..H25, LMOTS_SHA256_N32/N24 W1..W8, 1..8 levels.
 * Written once (backends/lms.c) over the hash functions here, so every
 * backend has it; the SHAKE256 sets are UNSUPPORTED. Verification only:
 * CMSFW_BK_CAP_SIGN does not cover it. */
#define CMSFW_BK_CAP_HSS_LMS (1u << 14)

/** All CMSFW_BK_CAP_* bits this build has. */
uint32_t cmsfw_bk_caps(void);

/** 1 when every bit of @p caps is in cmsfw_bk_caps(); 0 otherwise and
 * for an empty mask. */
int cmsfw_bk_has(uint32_t caps);

/* ----------------------------------------------------------------- hashes */

typedef enum cmsfw_bk_hash {
    CMSFW_BK_HASH_NONE = 0, /**< for EdDSA, which signs the message itself */
    CMSFW_BK_SHA256 = 1,
    CMSFW_BK_SHA384 = 2,
    CMSFW_BK_SHA512 = 3
} cmsfw_bk_hash;

/** Largest digest, in bytes. */
#define CMSFW_BK_HASH_MAX 64

/** Digest length in bytes of @p alg; 0 for NONE and unknown values. */
size_t cmsfw_bk_hash_len(cmsfw_bk_hash alg);

/** Size of the caller-provided hash context, in bytes. */
#ifndef CMSFW_BK_HASH_CTX_SIZE /* a device build may define a smaller one (ports/) */
#define CMSFW_BK_HASH_CTX_SIZE 320
#endif

/** Opaque hash context storage; the union members only align it. */
typedef union cmsfw_bk_hash_ctx {
    unsigned char b[CMSFW_BK_HASH_CTX_SIZE];
    uint64_t a64;
    void *ap;
    long double ald;
} cmsfw_bk_hash_ctx;

/** Start a hash. UNSUPPORTED for an algorithm this backend lacks. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_hash_init(cmsfw_bk_hash_ctx *ctx, cmsfw_bk_hash alg);

/** Absorb @p len bytes (any length, any split). */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_hash_update(cmsfw_bk_hash_ctx *ctx,
                                                         const uint8_t *data, size_t len);

/**
 * Write the digest to @p out (@p out_size must be at least the digest
 * length, else BAD_INPUT), set *out_len, and wipe the context.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_hash_final(cmsfw_bk_hash_ctx *ctx, uint8_t *out,
                                                        size_t out_size, size_t *out_len);

/** Wipe a context that will not be finished (safe on a wiped or zeroed
 * context). */
void cmsfw_bk_hash_abort(cmsfw_bk_hash_ctx *ctx);

/** One-shot hash of @p data, same contract as init/update/final. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_hash_once(cmsfw_bk_hash alg, cmsfw_bytes data,
                                                       uint8_t *out, size_t out_size,
                                                       size_t *out_len);

/* ------------------------------------------------------------------- keys */

typedef enum cmsfw_bk_key_type {
    CMSFW_BK_KEY_UNKNOWN = 0, /**< algorithm identifier not recognised */
    CMSFW_BK_KEY_EC_P256 = 1,
    CMSFW_BK_KEY_EC_P384 = 2,
    CMSFW_BK_KEY_EC_OTHER = 3, /**< id-ecPublicKey on another named curve */
    CMSFW_BK_KEY_RSA = 4,      /**< rsaEncryption */
    CMSFW_BK_KEY_ED25519 = 5,
    CMSFW_BK_KEY_ED448 = 6,
    CMSFW_BK_KEY_HSS_LMS = 7 /**< id-alg-hss-lms-hashsig (RFC 9708, RFC 9802) */
} cmsfw_bk_key_type;

/** What a key is. */
typedef struct cmsfw_bk_key_info {
    cmsfw_bk_key_type type;
    /** RSA: modulus bits; EC: 256, 384 (521 for P-521, 0 for an unknown
     * curve); Ed25519: 256; Ed448: 456; HSS/LMS: 8 * m of the top-level
     * LMS parameter set, the width of its hash values (256 for the M32
     * sets, 192 for the M24 sets). */
    unsigned bits;
} cmsfw_bk_key_info;

/**
 * Describe a public key given as a DER SubjectPublicKeyInfo.
 *
 * The status says what cmsfw_bk_verify() would say about this key, and
 * @p info is filled whenever the algorithm was recognised:
 * - OK: the key is well formed and this backend can use it;
 * - UNSUPPORTED: well formed, but this backend lacks the key type (or
 *   the algorithm is unknown: type UNKNOWN);
 * - KEY_SIZE: RSA outside 2048..4096 bits, or an EC curve other than
 *   P-256 and P-384;
 * - HSS/LMS: the SubjectPublicKeyInfo has id-alg-hss-lms-hashsig with
 *   parameters absent and the raw HSS public key (u32 L || LMS public key)
 *   as the BIT STRING's octets (RFC 9802, RFC 9708); the RFC 8708-era
 *   form with that key wrapped in a DER OCTET STRING inside the BIT STRING
 *   is read too (the raw form starts 00, the wrapped one 04). A SHAKE256
 *   parameter set is UNSUPPORTED; L outside 1..8, an unknown type code or
 *   a wrong length is BAD_KEY;
 * - BAD_KEY: malformed DER, trailing bytes, or the library rejects the key
 *   (e.g. an EC point not on the curve).
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_spki_info(cmsfw_bytes spki, cmsfw_bk_key_info *info);

/**
 * Describe a private key given as DER PKCS#8 PrivateKeyInfo or
 * OneAsymmetricKey (RFC 5958, unencrypted). Same statuses as
 * cmsfw_bk_spki_info().
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_pkcs8_info(cmsfw_bytes pkcs8, cmsfw_bk_key_info *info);

/* ------------------------------------------------------------- signatures */

typedef enum cmsfw_bk_sig {
    CMSFW_BK_SIG_ECDSA = 1,      /**< value: DER Ecdsa-Sig-Value; curve from the key */
    CMSFW_BK_SIG_RSA_PKCS1 = 2,  /**< RSASSA-PKCS1-v1_5 (DigestInfo with NULL params) */
    CMSFW_BK_SIG_RSA_PSS = 3,    /**< RSASSA-PSS, MGF1 with the same hash, salt = hash length */
    CMSFW_BK_SIG_ED25519 = 4,    /**< pure Ed25519 (RFC 8032) */
    CMSFW_BK_SIG_ED448 = 5,      /**< pure Ed448, empty context */
    CMSFW_BK_SIG_HSS_LMS = 6     /**< HSS/LMS (RFC 8554) of the message itself, in
                                      backends/lms.c for every backend; verification
                                      only (cmsfw_bk_sign() answers UNSUPPORTED) */
} cmsfw_bk_sig;

/** Largest signature any scheme here produces (RSA-4096), in bytes.
 * HSS/LMS signatures, which are only verified, are larger (kilobytes). */
#define CMSFW_BK_SIG_MAX 512

/** RSA modulus sizes accepted, in bits. */
#define CMSFW_BK_RSA_MIN_BITS 2048
#define CMSFW_BK_RSA_MAX_BITS 4096

/**
 * Verify a signature.
 *
 * @param scheme signature scheme.
 * @param hash   for ECDSA and RSA: the hash that produced @p tbs, whose
 *               length must match it (else BAD_INPUT). Ignored for EdDSA
 *               and HSS/LMS.
 * @param spki   the public key, DER SubjectPublicKeyInfo.
 * @param tbs    ECDSA and RSA: the digest; EdDSA and HSS/LMS: the
 *               message itself.
 * @param sig    the signature value.
 * @return OK; BAD_SIGNATURE when it does not verify (also for a
 *         signature value that does not even parse); UNSUPPORTED, KEY_SIZE,
 *         BAD_KEY (including a key of another type than @p scheme needs),
 *         BAD_INPUT, FAILURE.
 *
 * HSS/LMS runs in backends/lms.c, the same for every backend, in
 * constant memory (no allocation; about two hash contexts of stack). The
 * signature's shape is checked completely before anything is hashed:
 * Nspk = L - 1, every level's types equal to those of the key it is
 * checked against, q < 2^h, every length the one the types give, no
 * trailing octet; any failure there is BAD_SIGNATURE, and a lower level
 * using a SHAKE256 set is UNSUPPORTED.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_verify(cmsfw_bk_sig scheme, cmsfw_bk_hash hash,
                                                    cmsfw_bytes spki, cmsfw_bytes tbs,
                                                    cmsfw_bytes sig);

/**
 * Sign. Same parameters as cmsfw_bk_verify(), with the private key as DER
 * PKCS#8. ECDSA signatures are deterministic (RFC 6979) with mbedtls and
 * randomised with wolfSSL and OpenSSL; RSASSA-PKCS1-v1_5 and EdDSA
 * signatures are deterministic. HSS/LMS is not signed here
 * (UNSUPPORTED): its signer must keep state.
 *
 * @param sig      output; NULL asks for the largest size this key can
 *                 produce (written to *sig_len, status OK).
 * @param sig_size size of @p sig; too small: BAD_INPUT with *sig_len set
 *                 to the size needed.
 * @param sig_len  bytes written.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_sign(cmsfw_bk_sig scheme, cmsfw_bk_hash hash,
                                                  cmsfw_bytes pkcs8, cmsfw_bytes tbs, uint8_t *sig,
                                                  size_t sig_size, size_t *sig_len);

/* ------------------------------------------------------------------- AES */

/** AES key lengths accepted everywhere below: 16, 24 or 32 bytes (else
 * KEY_SIZE). CMS profiles use 16 and 32; RFC 3394 vectors use 24. */
#define CMSFW_BK_AES_BLOCK 16

/** Size of the caller-provided cipher context (CBC or GCM), in bytes. */
#ifndef CMSFW_BK_CIPHER_CTX_SIZE /* a device build may define a smaller one (ports/) */
#define CMSFW_BK_CIPHER_CTX_SIZE 1344
#endif

/** Opaque cipher context storage. */
typedef union cmsfw_bk_cipher_ctx {
    unsigned char b[CMSFW_BK_CIPHER_CTX_SIZE];
    uint64_t a64;
    void *ap;
    long double ald;
} cmsfw_bk_cipher_ctx;

/**
 * Start raw AES-CBC (no padding: removing or adding it is the caller's
 * job). @p iv is 16 bytes. @p encrypt: 1 to encrypt, 0 to decrypt.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_cbc_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key,
                                                      const uint8_t iv[16], int encrypt);

/** Process @p len bytes, a multiple of 16 (else BAD_INPUT); writes @p len
 * bytes to @p out. The chaining value carries over to the next call. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_cbc_update(cmsfw_bk_cipher_ctx *ctx,
                                                        const uint8_t *in, uint8_t *out,
                                                        size_t len);

/** End a CBC operation and wipe the context. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_cbc_finish(cmsfw_bk_cipher_ctx *ctx);

/** GCM nonce lengths accepted, in bytes (12 is the RFC 5084 default). */
#define CMSFW_BK_GCM_NONCE_MIN 12
#define CMSFW_BK_GCM_NONCE_MAX 128
/** GCM tag lengths accepted, in bytes (RFC 5084 aes-ICVlen: 12..16). */
#define CMSFW_BK_GCM_TAG_MIN 12
#define CMSFW_BK_GCM_TAG_MAX 16

/**
 * Start AES-GCM with the whole additional authenticated data @p aad
 * (ptr NULL or len 0: none). @p encrypt: 1 to encrypt, 0 to decrypt.
 *
 * Where GCM runs: mbedtls 2.28 streams GCM only in multiples of 16 bytes
 * before the last piece, so the mbedtls backend runs GCM on cmsfw's own
 * implementation (backends/gcm.c, constant-time GHASH) over mbedtls' AES.
 * The wolfSSL backend uses wolfCrypt's streaming GCM
 * (WOLFSSL_AESGCM_STREAM) for nonces of 12..16 bytes, and gcm.c over
 * wolfCrypt's AES for longer nonces, which wolfCrypt refuses. The OpenSSL
 * backend uses EVP's GCM (AES-NI and carry-less multiply where the CPU
 * has them) for every nonce length. The behaviour below is the same in
 * every case.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_gcm_init(cmsfw_bk_cipher_ctx *ctx, cmsfw_bytes key,
                                                      cmsfw_bytes nonce, cmsfw_bytes aad,
                                                      int encrypt);

/**
 * Encrypt or decrypt @p len bytes, any length and any split; writes exactly
 * @p len bytes. When decrypting, the output must not be trusted (used,
 * installed) before cmsfw_bk_gcm_decrypt_final() returned OK.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_gcm_update(cmsfw_bk_cipher_ctx *ctx,
                                                        const uint8_t *in, uint8_t *out,
                                                        size_t len);

/** Encrypting context: write the tag (12..16 bytes) and wipe the context. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_gcm_encrypt_final(cmsfw_bk_cipher_ctx *ctx,
                                                               uint8_t *tag, size_t tag_len);

/**
 * Decrypting context: compare @p tag (12..16 bytes, a prefix of the full
 * tag) in constant time and wipe the context. BAD_INPUT when it differs or
 * its length is out of range. The backend cannot know the tag length the
 * sender chose: the caller passes exactly the ICV length of the content's
 * GCMParameters (RFC 5084 aes-ICVlen), so that a shortened tag is refused
 * there.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_gcm_decrypt_final(cmsfw_bk_cipher_ctx *ctx,
                                                               const uint8_t *tag,
                                                               size_t tag_len);

/** Wipe a CBC or GCM context that will not be finished. */
void cmsfw_bk_cipher_abort(cmsfw_bk_cipher_ctx *ctx);

/* --------------------------------------------------------------- key wrap */

/**
 * AES key wrap (RFC 3394, default IV A6A6A6A6A6A6A6A6). @p in is a multiple
 * of 8 bytes, at least 16; @p out receives in.len + 8 bytes.
 * For the four key-wrap functions: @p in and @p out must not overlap;
 * @p out NULL asks for the output size (*out_len, status OK); an output
 * too small gives BAD_INPUT with *out_len set to the size needed; a KEK
 * that is not 16, 24 or 32 bytes gives KEY_SIZE.
 */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_kw_wrap(cmsfw_bytes kek, cmsfw_bytes in,
                                                         uint8_t *out, size_t out_size,
                                                         size_t *out_len);

/** AES key unwrap (RFC 3394): writes in.len - 8 bytes. BAD_INPUT on an
 * integrity failure, with @p out wiped. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_kw_unwrap(cmsfw_bytes kek, cmsfw_bytes in,
                                                           uint8_t *out, size_t out_size,
                                                           size_t *out_len);

/** AES key wrap with padding (RFC 5649): any key length from 1 byte;
 * @p out receives the padded length + 8 bytes. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_kwp_wrap(cmsfw_bytes kek, cmsfw_bytes in,
                                                          uint8_t *out, size_t out_size,
                                                          size_t *out_len);

/** AES key unwrap with padding (RFC 5649). @p out_size must hold in.len - 8
 * bytes; *out_len is the unpadded length. BAD_INPUT on an integrity or
 * padding failure, with @p out wiped. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_kwp_unwrap(cmsfw_bytes kek, cmsfw_bytes in,
                                                            uint8_t *out, size_t out_size,
                                                            size_t *out_len);

/* ----------------------------------------------------------------- random */

/** Fill @p out with @p len bytes from the library's seeded DRBG. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_random(uint8_t *out, size_t len);

/* ----------------------------------------------------- AES block primitive
 * What each backend provides for the backend-independent algorithms in
 * backends/ (key wrap, and GCM where the library does not stream it).
 * `cms/` has no reason to call these. */

/** Size of the caller-provided AES key schedule storage, in bytes. */
#ifndef CMSFW_BK_AES_CTX_SIZE /* a device build may define a smaller one (ports/) */
#define CMSFW_BK_AES_CTX_SIZE 1152
#endif

typedef union cmsfw_bk_aes_ctx {
    unsigned char b[CMSFW_BK_AES_CTX_SIZE];
    uint64_t a64;
    void *ap;
    long double ald;
} cmsfw_bk_aes_ctx;

/** Expand @p key for single-block encryption (@p encrypt = 1) or
 * decryption (0). KEY_SIZE unless the key is 16, 24 or 32 bytes. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_init(cmsfw_bk_aes_ctx *ctx, cmsfw_bytes key,
                                                      int encrypt);

/** One block in the direction given at init; in == out allowed. */
CMSFW_BK_MUST_CHECK cmsfw_bk_status cmsfw_bk_aes_block(cmsfw_bk_aes_ctx *ctx,
                                                       const uint8_t in[16], uint8_t out[16]);

/** Wipe the key schedule (safe on a wiped context). */
void cmsfw_bk_aes_wipe(cmsfw_bk_aes_ctx *ctx);

#endif
