/**
 * @file cmsfw/keys.h
 * @brief Keys and certificates from PEM or DER: public keys
 * (SubjectPublicKeyInfo), unencrypted private keys (PKCS#8) and X.509
 * certificates, with views of the fields cmsfw needs.
 *
 * What is accepted:
 * - DER: one object, or several concatenated (a DER chain file). Strict
 *   DER: definite minimal lengths; an indefinite or non-minimal length is
 *   refused.
 * - PEM (RFC 7468): any input containing "-----BEGIN " is read as PEM.
 *   Text outside the blocks is ignored, so `openssl x509 -text` output
 *   loads. Labels "CERTIFICATE", "PUBLIC KEY" and "PRIVATE KEY" are
 *   used; blocks with other labels are skipped, except that encrypted and
 *   traditional private keys ("ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
 *   "EC PRIVATE KEY", "DSA PRIVATE KEY") are refused with a message saying
 *   how to convert them, whenever private keys are asked for. The base64
 *   is decoded strictly: only the base64 alphabet and white space,
 *   padding required and canonical. RFC 1421 header lines ("Proc-Type:",
 *   "DEK-Info:", the mark of a legacy encrypted key) are refused.
 * - Encrypted PKCS#8 (EncryptedPrivateKeyInfo), in PEM or DER, is refused
 *   (decrypt it first: `openssl pkcs8 -topk8 -nocrypt`).
 *
 * Every failure caused by the input is ::CMSFW_DECODE_FAILURE with a
 * message in the ::cmsfw_diag; I/O failures are ::CMSFW_E_IO.
 */
#ifndef CMSFW_KEYS_H
#define CMSFW_KEYS_H

#include <cmsfw/err.h>
#include <cmsfw/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest file cmsfw_key_load_file() and cmsfw_key_count_file() read. */
#define CMSFW_KEY_FILE_MAX (1024u * 1024u)

/** What a loaded object is; also a filter for the load functions. */
typedef enum cmsfw_key_kind {
    CMSFW_KEY_ANY = 0,        /**< as a filter: any of the kinds below */
    CMSFW_KEY_PUBLIC = 1,     /**< SubjectPublicKeyInfo ("PUBLIC KEY") */
    CMSFW_KEY_PRIVATE = 2,    /**< PKCS#8 PrivateKeyInfo / OneAsymmetricKey
                                   (RFC 5958), unencrypted ("PRIVATE KEY") */
    CMSFW_KEY_CERTIFICATE = 3 /**< X.509 certificate ("CERTIFICATE") */
} cmsfw_key_kind;

/**
 * A key or certificate and views of its fields. Every view points into
 * the object's DER; a view that does not apply, or an OPTIONAL field that
 * is absent, has ptr == NULL. Objects filled by cmsfw_key_load*() own
 * their DER and must be released with cmsfw_key_free(); an object filled
 * by cmsfw_key_parse() borrows the caller's DER and owns nothing.
 */
typedef struct cmsfw_key {
    cmsfw_key_kind kind;
    /** The whole object: Certificate, SubjectPublicKeyInfo or
     *  OneAsymmetricKey TLV. */
    cmsfw_bytes der;
    /** SubjectPublicKeyInfo TLV: the object itself for a public key, the
     *  one inside tbsCertificate for a certificate; absent for a private
     *  key. */
    cmsfw_bytes spki;
    /** The key's AlgorithmIdentifier TLV (of the SPKI, or the
     *  privateKeyAlgorithm). */
    cmsfw_bytes alg;
    /** Its algorithm OID, content octets. */
    cmsfw_bytes alg_oid;
    /** Its parameters TLV, absent when omitted. */
    cmsfw_bytes alg_params;
    /** The subjectPublicKey bits (after the unused-bits octet, which must
     *  be 0); for a private key the OneAsymmetricKey publicKey, if any. */
    cmsfw_bytes public_key;
    /** Private key only: the contents of the privateKey OCTET STRING,
     *  e.g. RSAPrivateKey or ECPrivateKey DER, or the CurvePrivateKey
     *  OCTET STRING of RFC 8410. */
    cmsfw_bytes private_key;

    /* Certificates only. */
    /** 1, 2 or 3 (X.509 v1..v3); 0 when not a certificate. */
    int cert_version;
    /** tbsCertificate TLV: the signed bytes. */
    cmsfw_bytes tbs;
    /** serialNumber INTEGER contents octets (two's complement, as in
     *  IssuerAndSerialNumber). */
    cmsfw_bytes serial;
    /** issuer Name TLV. */
    cmsfw_bytes issuer;
    /** subject Name TLV. */
    cmsfw_bytes subject;
    /** extensions: the Extensions SEQUENCE TLV, absent when none. */
    cmsfw_bytes extensions;
    /** The keyIdentifier of the subjectKeyIdentifier extension (2.5.29.14),
     *  absent when the certificate has none. */
    cmsfw_bytes ski;
    /** signatureAlgorithm TLV (outside tbsCertificate). */
    cmsfw_bytes sig_alg;
    /** signatureValue bits (after the unused-bits octet, which must be 0). */
    cmsfw_bytes signature;

    /** Not API: the owned buffer (NULL for a borrowed object). */
    uint8_t *priv_buf;
    /** Not API: its size. */
    size_t priv_buf_len;
} cmsfw_key;

/**
 * Parse one DER object in place, without allocating: the views borrow
 * @p der, which must hold exactly one object. The kind is found from the
 * structure; @p want (or ::CMSFW_KEY_ANY) says which kinds are acceptable.
 * @param key  overwritten (not freed first); on failure it is zeroed.
 * @return ::CMSFW_OK, ::CMSFW_DECODE_FAILURE (malformed, wrong kind,
 *         encrypted or traditional private key), ::CMSFW_E_ARG for NULL.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_parse(cmsfw_key *key, cmsfw_bytes der, cmsfw_key_kind want,
                                           cmsfw_diag *diag);

/**
 * Load the @p index-th object (counting from 0) of kind @p want from PEM
 * or DER in memory. The object's DER is copied into a buffer the key owns.
 * Use cmsfw_key_count() to iterate a chain file.
 * @param key  overwritten (not freed first); on failure it is zeroed.
 * @return ::CMSFW_OK, ::CMSFW_DECODE_FAILURE (also when there is no such
 *         object), ::CMSFW_E_NOMEM, ::CMSFW_E_ARG.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_load(cmsfw_key *key, const uint8_t *data, size_t len,
                                          cmsfw_key_kind want, size_t index, cmsfw_diag *diag);

/**
 * cmsfw_key_load() on the contents of the file at @p path (at most
 * ::CMSFW_KEY_FILE_MAX bytes). The file contents are wiped from memory
 * after use.
 * @return as cmsfw_key_load(), or ::CMSFW_E_IO when the file cannot be read.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_load_file(cmsfw_key *key, const char *path,
                                               cmsfw_key_kind want, size_t index,
                                               cmsfw_diag *diag);

/**
 * How many objects of kind @p want the PEM or DER input holds (DER objects
 * are parsed to be counted; PEM blocks are counted by label).
 * @return ::CMSFW_OK (also with *n == 0), ::CMSFW_DECODE_FAILURE for
 *         malformed input, ::CMSFW_E_ARG.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_count(const uint8_t *data, size_t len, cmsfw_key_kind want,
                                           size_t *n, cmsfw_diag *diag);

/** cmsfw_key_count() on a file; ::CMSFW_E_IO when it cannot be read. */
CMSFW_MUST_CHECK cmsfw_err cmsfw_key_count_file(const char *path, cmsfw_key_kind want, size_t *n,
                                                cmsfw_diag *diag);

/**
 * Release what a load owns, wiping it first (it may hold a private key),
 * and zero the object. Safe on a zeroed, borrowed or already freed key,
 * and on NULL.
 */
void cmsfw_key_free(cmsfw_key *key);

/** The kind's name: "public key", "private key", "certificate", "any". */
const char *cmsfw_key_kind_name(cmsfw_key_kind kind);

/** 1 when @p data contains "-----BEGIN " (it is then read as PEM), else 0. */
int cmsfw_pem_detect(const uint8_t *data, size_t len);

/**
 * Decode the @p index-th PEM block labelled @p label (NULL: any label)
 * into a new buffer.
 * @param der  receives a buffer from malloc(); the caller frees it with
 *             free() (wiping it first if it may hold a private key).
 * @return ::CMSFW_OK, ::CMSFW_DECODE_FAILURE when there is no such block
 *         or it is malformed (also for an empty block), ::CMSFW_E_NOMEM,
 *         ::CMSFW_E_ARG.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pem_decode(const uint8_t *data, size_t len, const char *label,
                                            size_t index, uint8_t **der, size_t *der_len,
                                            cmsfw_diag *diag);

/**
 * cmsfw_pem_decode() into a caller buffer, without allocating.
 * out == NULL asks for the size.
 * @return ::CMSFW_OK with *written set, ::CMSFW_E_BUFFER when @p out_len is
 *         too small (*written = size needed), ::CMSFW_DECODE_FAILURE when
 *         there is no such block or it is malformed, ::CMSFW_E_ARG.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pem_decode_into(const uint8_t *data, size_t len,
                                                 const char *label, size_t index, uint8_t *out,
                                                 size_t out_len, size_t *written,
                                                 cmsfw_diag *diag);

/**
 * Encode @p der as one PEM block labelled @p label: "-----BEGIN label-----",
 * base64 in lines of 64 characters, "-----END label-----", each line ending
 * in LF. No NUL is written. out == NULL asks for the size.
 * @return ::CMSFW_OK with *written set, ::CMSFW_E_BUFFER when @p out_len is
 *         too small (*written = size needed), ::CMSFW_E_ARG for a NULL or
 *         empty label, or one with characters RFC 7468 does not allow.
 */
CMSFW_MUST_CHECK cmsfw_err cmsfw_pem_encode(const char *label, cmsfw_bytes der, uint8_t *out,
                                            size_t out_len, size_t *written);

#ifdef __cplusplus
}
#endif
#endif
