/*
 * protect_priv.h: the pieces of the package producer (internal to cms/).
 *
 *   protect.c           cmsfw_protect(): options, sizes, the one pass that
 *                       writes the package, the signed attributes
 *   protect_encrypt.c   EncryptedData (AES-CBC) and AuthEnvelopedData
 *                       (AES-GCM) around the inner content, the
 *                       KEKRecipientInfo, the wrapped-firmware-key attribute
 *   protect_compress.c  the image deflated into the scratch stage; the
 *                       CompressedData framing
 *   protect_buffer.c    cmsfw_protect_buffer(): memory reader, stage, sink
 */
#ifndef CMSFW_CMS_PROTECT_PRIV_H
#define CMSFW_CMS_PROTECT_PRIV_H

#include <cmsfw/protect.h>

#include "backends/backend.h"
#include "cms/sign.h"

/* Octets read, compressed, encrypted and written at a time. */
#define CMSFW__PROTECT_CHUNK (64u * 1024u)

/* Largest image (and compressed image) accepted: lengths are then size_t
 * on every platform with room to spare for the framing. */
#define CMSFW__PROTECT_MAX_IMAGE ((uint64_t)(SIZE_MAX / 8))

/* Longest KEK identifier accepted (it is repeated in the package twice). */
#define CMSFW__KEK_ID_MAX 128

/* ------------------------------------------------------------- output */

/* Small writes gathered before they reach the sink. */
#define CMSFW__POUT_BUF 4096

/* The sink, buffered; bytes written while @c hash is set are also hashed
 * (the eContent octets, for message-digest). */
typedef struct cmsfw__pout {
    const cmsfw_sink *sink;
    uint8_t buf[CMSFW__POUT_BUF];
    size_t fill;
    uint64_t total;
    cmsfw_bk_hash_ctx *hash;
    cmsfw_err err; /* latched */
} cmsfw__pout;

cmsfw_err cmsfw__pout_write(cmsfw__pout *o, const uint8_t *p, size_t n);
cmsfw_err cmsfw__pout_flush(cmsfw__pout *o);

/* --------------------------------------------------------- encryption */

/* The encryption layer of one package. */
typedef struct cmsfw__enc {
    int gcm;                    /* 1: AuthEnvelopedData, 0: EncryptedData */
    cmsfw_bytes inner_type;     /* id-ct-firmwarePackage or id-ct-compressedData */
    size_t plain_len;
    size_t ct_len;              /* ciphertext octets */
    uint8_t cek[32];
    size_t cek_len;
    uint8_t iv[16];             /* CBC IV (16) or GCM nonce (12) */
    size_t iv_len;
    uint8_t alg_id[48];         /* contentEncryptionAlgorithm DER */
    size_t alg_id_len;
    uint8_t recip[CMSFW__KEK_ID_MAX + 96]; /* KEKRecipientInfo [2] TLV */
    size_t recip_len;
    uint8_t auth[64];           /* AuthEnvelopedData authAttrs, SET OF form (the AAD) */
    size_t auth_len;
    cmsfw_bk_cipher_ctx cc;
    int started;
    uint8_t part[16];           /* CBC: octets waiting for a whole block */
    size_t part_len;
    size_t ct_done;
} cmsfw__enc;

/* Fresh CEK and IV or nonce from the backend's generator, the CEK wrapped
 * under @p kek (AES key wrap). */
cmsfw_err cmsfw__enc_setup(cmsfw__enc *e, cmsfw_encrypt_alg alg, const cmsfw_kek *kek,
                           cmsfw_bytes inner_type, size_t plain_len, cmsfw_diag *diag);

/* id-encryptedData or id-ct-authEnvelopedData. */
cmsfw_bytes cmsfw__enc_content_type(const cmsfw__enc *e);

/* The whole EncryptedData / AuthEnvelopedData TLV. */
size_t cmsfw__enc_size(const cmsfw__enc *e);

/* Write what comes before the ciphertext; start the cipher. */
cmsfw_err cmsfw__enc_begin(cmsfw__enc *e, cmsfw__pout *o, cmsfw_diag *diag);

/* Encrypt @p n plaintext octets IN PLACE and write the ciphertext. */
cmsfw_err cmsfw__enc_update(cmsfw__enc *e, uint8_t *p, size_t n, cmsfw__pout *o,
                            cmsfw_diag *diag);

/* Padding (CBC) or the mac (GCM): the end of the layer. */
cmsfw_err cmsfw__enc_finish(cmsfw__enc *e, cmsfw__pout *o, cmsfw_diag *diag);

/* unsignedAttrs [1] with the wrapped-firmware-key attribute (CBC only):
 * *out from malloc(). */
cmsfw_err cmsfw__enc_unsigned_attrs(const cmsfw__enc *e, uint8_t **out, size_t *out_len,
                                    cmsfw_diag *diag);

/* Wipe the CEK and the cipher state. */
void cmsfw__enc_wipe(cmsfw__enc *e);

/* -------------------------------------------------------- compression */

/* Read exactly @p image_len octets from @p in (then expect its end),
 * hashing them into @p plain_hash, deflate them (zlib, RFC 1950) into
 * @p scratch from offset 0; *comp_len receives the stream's length. */
cmsfw_err cmsfw__deflate_to_stage(const cmsfw_reader *in, uint64_t image_len,
                                  const cmsfw_stage *scratch, cmsfw_bk_hash_ctx *plain_hash,
                                  uint64_t *comp_len, cmsfw_diag *diag);

/* Longest CompressedData head (what comes before the zlib stream): four
 * headers of up to ten octets each once the stream passes 2^48 octets,
 * version, algorithm and content type. */
#define CMSFW__COMPRESSED_HEAD_MAX 80

/* CompressedData around a zlib stream of @p comp_len octets: writes what
 * comes before the stream into @p out (up to CMSFW__COMPRESSED_HEAD_MAX
 * octets) and returns its length, 0 when @p cap is too small. */
size_t cmsfw__compressed_head(size_t comp_len, uint8_t *out, size_t cap);

/* Read up to @p n image octets, the reader's end being an I/O error while
 * *left > 0 (a short image); when *left reaches 0 the reader must be at
 * its end (a longer image is refused). */
cmsfw_err cmsfw__read_image(const cmsfw_reader *in, uint8_t *p, size_t n, uint64_t *left,
                            size_t *got, cmsfw_diag *diag);

#endif
