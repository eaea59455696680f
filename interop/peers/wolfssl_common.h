/*
 * interop/peers/wolfssl_common.h: what the wolfSSL peer programs share
 * beside wolfCrypt's PKCS#7 API: reading files and PEM, and a few DER
 * operations.
 *
 * wolfCrypt exposes neither the unsigned attributes of a SignerInfo nor a
 * general DER reader, and its decoders want a ContentInfo where RFC 4108
 * puts a bare EncryptedData or AuthEnvelopedData. These helpers walk and
 * frame DER (definite lengths only: every package they meet is DER) and
 * encode the RFC 4108 attribute values the producer adds.
 */
#ifndef INTEROP_WOLFSSL_COMMON_H
#define INTEROP_WOLFSSL_COMMON_H

#include <stddef.h>
#include <stdint.h>

/** One TLV: its tag, the whole encoding and the value. */
typedef struct der_tlv {
    unsigned tag;
    const uint8_t *start; /* first octet of the tag */
    size_t tlv_len;       /* tag, length and value */
    const uint8_t *value;
    size_t len;
} der_tlv;

/** A growable output buffer; err latches the first allocation failure. */
typedef struct der_buf {
    uint8_t *p;
    size_t len, cap;
    int err;
} der_buf;

/**
 * Reads the TLV at *pos (before end) into t and moves *pos past it.
 * Returns 0, or -1 when the octets are not one definite-length TLV.
 */
int der_next(const uint8_t **pos, const uint8_t *end, der_tlv *t);

/**
 * Reads the one TLV spanning [p, p + len) into t. Returns 0, or -1 when it
 * is malformed or followed by other octets.
 */
int der_whole(const uint8_t *p, size_t len, der_tlv *t);

/**
 * Finds the n-th (0-based) child of the constructed t whose tag is tag.
 * Returns 0, or -1 when there is no such child or a child is malformed.
 */
int der_child(const der_tlv *t, unsigned tag, unsigned n, der_tlv *out);

/** Appends len octets. */
void der_put(der_buf *b, const void *p, size_t len);

/** Appends a tag and a definite length. */
void der_put_header(der_buf *b, unsigned tag, size_t len);

/** Appends a whole TLV: tag, definite length and the len octets of v. */
void der_put_tlv(der_buf *b, unsigned tag, const void *v, size_t len);

/** Appends the tag and length of an OBJECT IDENTIFIER and its dotted value.
 * Returns 0, or -1 when dotted is not an OID of at least two arcs. */
int der_put_oid(der_buf *b, const char *dotted);

/** Writes the dotted form of an OBJECT IDENTIFIER's value (at most len
 * characters with the NUL). Returns 0, or -1 when it does not decode. */
int der_oid_text(const der_tlv *oid, char *out, size_t len);

/** Appends an INTEGER of a non-negative value. */
void der_put_uint(der_buf *b, unsigned long v);

/** Frees the buffer's octets. */
void der_buf_free(der_buf *b);

/**
 * Reads a whole file (at most max octets) into a new buffer, NUL-terminated
 * beyond *len. Returns NULL, with the reason on stderr, on failure.
 */
uint8_t *read_whole(const char *path, size_t max, size_t *len);

/**
 * Reads a PEM certificate (is_key 0) or private key (is_key 1) and returns
 * its DER in a new buffer, converted by wolfCrypt (wc_CertPemToDer,
 * wc_KeyPemToDer). On failure returns NULL and writes wolfCrypt's reason
 * to err.
 */
uint8_t *read_pem(const char *path, int is_key, size_t *len, char *err, size_t err_len);

#endif
