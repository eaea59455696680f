/*
 * test_protect_util.h: what the producer tests share. A package is taken
 * apart here with the DER cursor and the fw.h codec, and its layers are
 * removed with the backend and zlib directly: nothing of the producer's
 * own code is used to judge its output. The openssl command-line tool
 * checks signatures and decrypts, as an independent implementation.
 */
#ifndef CMSFW_TESTS_TEST_PROTECT_UTIL_H
#define CMSFW_TESTS_TEST_PROTECT_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/protect.h>

#include "test_backend_util.h"

/** A signer of the tests: key, certificate (may be absent), name. */
typedef struct tp_signer {
    const char *name;
    tb_buf key;
    tb_buf cert;
} tp_signer;

/** Load tests/data/keys/@p key.pk8.der and tests/data/@p cert (NULL: none). */
tp_signer tp_signer_load(const char *key, const char *cert);
void tp_signer_free(tp_signer *s);

/** The OID named @p name (cmsfw table) as a view. */
cmsfw_bytes tp_oid(const char *name);

/** A package taken apart; every view points into the package. */
typedef struct tp_pkg {
    int64_t sd_version;
    cmsfw_bytes digest_algs;    /* SET contents */
    size_t n_digest_algs;
    cmsfw_bytes econtent_type;  /* OID contents */
    cmsfw_bytes econtent;       /* eContent value octets */
    cmsfw_bytes certs;          /* [0] contents; ptr NULL when absent */
    size_t n_certs;
    size_t n_signer_infos;
    int64_t si_version;
    cmsfw_bytes sid;            /* TLV */
    cmsfw_bytes digest_alg;     /* TLV */
    cmsfw_bytes signed_attrs;   /* contents of [0] */
    cmsfw_bytes sig_alg;        /* TLV */
    cmsfw_bytes signature;      /* value */
    cmsfw_bytes unsigned_attrs; /* contents of [1]; ptr NULL when absent */
} tp_pkg;

/**
 * Take a package apart, requiring strict DER throughout (every TLV of the
 * whole tree, definite minimal lengths, nothing after the ContentInfo).
 * @return 0, or the line of this file where the check failed.
 */
int tp_parse(cmsfw_bytes der, tp_pkg *p);

/** Fill the SignerInfo fields of @p p from one SignerInfo TLV.
 * @return 0 or a failing line. */
int tp_parse_signer_info(cmsfw_bytes si, tp_pkg *p);

/**
 * The signed attributes are a DER SET OF: sorted, each attribute with
 * exactly one value, no type twice. @return 0 or a failing line.
 */
int tp_attrs_check(cmsfw_bytes attrs);

/** The value TLV of attribute @p type in the SET contents @p attrs
 * (ptr NULL when absent). */
cmsfw_bytes tp_attr(cmsfw_bytes attrs, cmsfw_bytes type);

/** Number of attributes in the SET contents @p attrs. */
size_t tp_attr_count(cmsfw_bytes attrs);

/** What removing the layers found. */
typedef struct tp_layers {
    int compressed, cbc, gcm;
    size_t cek_len;            /* from the cipher OID */
    cmsfw_bytes inner_type;    /* contentType under the encryption */
    cmsfw_bytes kek_id;        /* kekid.keyIdentifier */
    cmsfw_bytes wrap_oid;      /* keyEncryptionAlgorithm OID */
    cmsfw_bytes enc_alg;       /* contentEncryptionAlgorithm TLV */
    cmsfw_bytes ciphertext;
    cmsfw_bytes env_recipient; /* CBC: the wrapped key's KEKRecipientInfo TLV */
    tb_buf plain;              /* under the encryption: CompressedData or image */
    tb_buf image;
} tp_layers;

/**
 * Remove every layer of the eContent with the KEK @p kek (for encrypted
 * packages), checking each structure against the profile (versions,
 * parameters, the wrapped-firmware-key's agreement with the
 * EncryptedData). @return 0 or a failing line.
 */
int tp_unwrap(const tp_pkg *p, cmsfw_bytes kek, tp_layers *out);
void tp_layers_free(tp_layers *l);

/** Verify the SignerInfo's signature over the signed attributes with
 * @p spki (the backend, from the parsed package). @return 0 or a line. */
int tp_verify_signature(const tp_pkg *p, cmsfw_bytes spki);

/** 1 when the openssl command-line tool runs. */
int tp_have_openssl(void);

/**
 * `openssl cms -verify -noverify` on @p pkg (the signer certificate is in
 * the package or given as @p cert); *econtent receives what openssl
 * outputs. @return 0 when openssl accepted the signature.
 */
int tp_openssl_verify(cmsfw_bytes pkg, cmsfw_bytes cert, tb_buf *econtent);

/**
 * `openssl cms -decrypt` with a KEK on a ContentInfo of @p type around
 * @p content (an EnvelopedData or AuthEnvelopedData). @return 0 on success.
 */
int tp_openssl_decrypt(cmsfw_bytes type, cmsfw_bytes content, cmsfw_bytes kek,
                       cmsfw_bytes kek_id, tb_buf *plain);

/** A ContentInfo { type, [0] EXPLICIT content }, from malloc(). */
tb_buf tp_content_info(cmsfw_bytes type, cmsfw_bytes content);

/** Deterministic test image of @p len octets (compressible in part). */
tb_buf tp_image(size_t len, unsigned seed);

/** Hash @p data with @p alg (backend); returns the length. */
size_t tp_hash(int alg, cmsfw_bytes data, uint8_t *out);

#endif
