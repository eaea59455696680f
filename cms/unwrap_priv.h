/*
 * unwrap_priv.h: the pieces of steps 21-25 (internal to cms/unwrap*.c).
 *
 *   unwrap.c         cmsfw__unwrap(): dispatch on eContentType, the image
 *                    output (sink, firmware-package-message-digest), result
 *   unwrap_crypt.c   EncryptedData, AuthEnvelopedData, EnvelopedData:
 *                    structure, algorithm, in-place decryption
 *   unwrap_keys.c    the content-encryption key: decrypt-key-identifier,
 *                    wrapped-firmware-key, KEKRecipientInfo
 *   unwrap_inflate.c CompressedData
 *   stage_reader.c   BER read back from the stage
 *
 * Memory is one heap block (struct cmsfw__uw, about 40 KiB) whatever the
 * image size, plus zlib's inflate state when a CompressedData layer is
 * present.
 */
#ifndef CMSFW_CMS_UNWRAP_PRIV_H
#define CMSFW_CMS_UNWRAP_PRIV_H

#include <cmsfw/oid.h>

#include "cms/proc_priv.h"
#include "cms/stage_reader.h"

/* One piece of reading, decrypting, inflating or copying: the bound on
 * what is held at once (a multiple of the AES block). */
#define CMSFW__UW_CHUNK 16384u
/* Largest AlgorithmIdentifier, RecipientInfo or other small element
 * loaded whole from the stage. */
#define CMSFW__UW_SMALL 640u
/* Largest authAttrs of an AuthEnvelopedData (the GCM additional data,
 * which the backend takes whole). */
#define CMSFW__UW_AAD_MAX 4096u
/* Longest content-encryption key (AES-256) and key identifier compared. */
#define CMSFW__UW_CEK_MAX 32u

/* OID contents of the content types met here. */
extern const uint8_t cmsfw__uw_oid_fw[11];         /* id-ct-firmwarePackage */
extern const uint8_t cmsfw__uw_oid_compressed[11]; /* id-ct-compressedData */

/* How the content is encrypted (from contentEncryptionAlgorithm). */
typedef enum cmsfw__uw_mode {
    CMSFW__UW_CBC = 1,
    CMSFW__UW_GCM = 2
} cmsfw__uw_mode;

/* Which encryption layer is being removed. */
typedef enum cmsfw__uw_layer {
    CMSFW__UW_ENCRYPTED = 1,      /* EncryptedData (RFC 4108) */
    CMSFW__UW_ENVELOPED = 2,      /* EnvelopedData (revision profile) */
    CMSFW__UW_AUTH_ENVELOPED = 3  /* AuthEnvelopedData (revision profile) */
} cmsfw__uw_layer;

/* EncryptedContentInfo as found in the stage, and what it says. */
typedef struct cmsfw__uw_eci {
    uint8_t type_tlv[2 + CMSFW_OID_MAX_LEN];
    cmsfw_bytes type;              /* contentType, OID contents in type_tlv */
    uint8_t alg_tlv[CMSFW__UW_SMALL];
    cmsfw_alg_id alg;              /* views into alg_tlv */
    int has_ct;
    cmsfw__shdr ct;                /* encryptedContent [0] */
    uint64_t ct_len;               /* ciphertext octets, all pieces */
    /* from the algorithm */
    cmsfw__uw_mode mode;
    size_t key_len;                /* 16, 24 or 32 */
    uint8_t iv[CMSFW_BK_GCM_NONCE_MAX]; /* CBC IV or GCM nonce */
    size_t iv_len;
    size_t icv_len;                /* GCM tag length */
} cmsfw__uw_eci;

/* The state of one unwrap. */
typedef struct cmsfw__uw {
    const cmsfw__signed *s;
    const cmsfw_device *dev;
    const cmsfw_sink *sink;
    cmsfw_result *res;
    cmsfw_diag *diag;
    cmsfw__sr rd;
    uint64_t max_image;
    /* image output */
    int hashing;
    cmsfw_bk_hash hash_alg;
    cmsfw_bk_hash_ctx hash;
    int sha_on;                 /* SHA-256 of the image, for cmsfw_result */
    cmsfw_bk_hash_ctx sha;
    uint64_t out_len;
    /* the encryption layer */
    cmsfw__uw_layer layer;
    cmsfw__uw_eci eci;
    cmsfw__shdr recips;            /* recipientInfos SET (enveloped layers) */
    int has_aad;
    size_t aad_len;
    uint8_t aad[CMSFW__UW_AAD_MAX];
    size_t mac_len;                /* octets of mac; > 16 means too long */
    uint8_t mac[CMSFW_BK_GCM_TAG_MAX];
    uint8_t cek[CMSFW__UW_CEK_MAX];
    size_t cek_len;
    cmsfw_bk_cipher_ctx cipher;
    /* scratch */
    uint8_t small[CMSFW__UW_SMALL];
    uint8_t buf[CMSFW__UW_CHUNK];
    uint8_t out[CMSFW__UW_CHUNK];
} cmsfw__uw;

/* Overwrite n bytes in a way the compiler keeps. */
void cmsfw__uw_wipe(void *p, size_t n);

/* The cmsfw_err for a stage reader failure while reading `what`: E_IO for
 * an I/O failure, else code, with the reason in the diag. */
cmsfw_err cmsfw__uw_sr_fail(cmsfw__uw *uw, cmsfw__sr_status st, cmsfw_err code, const char *what);

/* Gather the octets of an in-memory OCTET STRING (primitive, or BER
 * constructed) into out; 0 when malformed or longer than cap. */
int cmsfw__uw_octets(const cmsfw_der_tlv *t, uint8_t *out, size_t cap, size_t *n);

/* Hand n image octets to the sink (and to the image digest). */
cmsfw_err cmsfw__uw_emit(cmsfw__uw *uw, const uint8_t *p, size_t n);

/* The innermost content, FirmwarePkgData: copy stage octets [0, len) to
 * the sink. */
cmsfw_err cmsfw__uw_copy(cmsfw__uw *uw, uint64_t len);

/* Step 22: the CompressedData at stage offsets [0, len). A value that is
 * not even a well-formed CompressedData gives syntax_code (badEncapContent
 * directly under SignedData, decryptFailure for a decrypted plaintext). */
cmsfw_err cmsfw__uw_compressed(cmsfw__uw *uw, uint64_t len, cmsfw_err syntax_code);

/* Step 21: the EncryptedData / EnvelopedData / AuthEnvelopedData at stage
 * offsets [0, len): decrypt in place, then the inner layer to the sink. */
cmsfw_err cmsfw__uw_encrypted(cmsfw__uw *uw, cmsfw__uw_layer layer, uint64_t len);

/* The content-encryption key into uw->cek (sets res->decrypt_key_id):
 * EncryptedData by decrypt-key-identifier, else by wrapped-firmware-key. */
cmsfw_err cmsfw__uw_key_encrypted(cmsfw__uw *uw);
/* EnvelopedData / AuthEnvelopedData: a KEKRecipientInfo of recipientInfos
 * (read from the stage), else a decrypt-key-identifier naming the CEK. */
cmsfw_err cmsfw__uw_key_enveloped(cmsfw__uw *uw);

#endif
