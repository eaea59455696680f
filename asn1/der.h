/*
 * der.h: a zero-copy, bounds-checked DER/BER reader and DER writer that
 * allocates nothing. Internal to cmsfw (used by cms/ and both profiles).
 *
 * Reader: a cursor over [p, end). Each read yields one TLV whose value
 * points into the input. Definite and indefinite lengths are accepted
 * (indefinite only when the cursor allows BER); constructed OCTET STRINGs
 * are walked segment by segment without copying. Nothing is ever read
 * outside [p, end): every overflow or truncation is an error.
 *
 * Writer: a pointer into a caller buffer; out == NULL counts the size only.
 */
#ifndef CMSFW_ASN1_DER_H
#define CMSFW_ASN1_DER_H

#include <stddef.h>
#include <stdint.h>

/* Deepest nesting the reader follows (RFC 4108 digest step 1: at least 64). */
#define CMSFW_DER_MAX_DEPTH 64
/* Most length octets accepted in the long form (8: lengths up to 2^64-1,
 * further limited by SIZE_MAX and by the bytes actually present). */
#define CMSFW_DER_MAX_LEN_OCTETS 8
/* Largest tag number accepted in the high-tag-number form. */
#define CMSFW_DER_MAX_TAG 0x1FFFFFu

/* Status of every der call: 0 is success. */
typedef enum cmsfw_der_status {
    CMSFW_DER_OK = 0,
    CMSFW_DER_TRUNCATED = 1,  /* input ends inside a TLV */
    CMSFW_DER_BAD_TAG = 2,    /* malformed identifier octets */
    CMSFW_DER_BAD_LENGTH = 3, /* reserved, overflowing or past the enclosing value */
    CMSFW_DER_NOT_DER = 4,    /* BER form where DER is required */
    CMSFW_DER_TOO_DEEP = 5,   /* nesting beyond CMSFW_DER_MAX_DEPTH */
    CMSFW_DER_UNEXPECTED = 6, /* a different tag than the one expected */
    CMSFW_DER_RANGE = 7,      /* INTEGER negative or too large for the target */
    CMSFW_DER_END = 8,        /* no more elements (not an error by itself) */
    CMSFW_DER_BUFFER = 9      /* writer: output buffer too small */
} cmsfw_der_status;

/* Identifier classes, as they appear in bits 8-7 of the first octet. */
#define CMSFW_DER_UNIVERSAL 0x00u
#define CMSFW_DER_APPLICATION 0x40u
#define CMSFW_DER_CONTEXT 0x80u
#define CMSFW_DER_PRIVATE 0xC0u

/* Universal tag numbers used by cmsfw. */
#define CMSFW_DER_TAG_BOOLEAN 1u
#define CMSFW_DER_TAG_INTEGER 2u
#define CMSFW_DER_TAG_BIT_STRING 3u
#define CMSFW_DER_TAG_OCTET_STRING 4u
#define CMSFW_DER_TAG_NULL 5u
#define CMSFW_DER_TAG_OID 6u
#define CMSFW_DER_TAG_ENUMERATED 10u
#define CMSFW_DER_TAG_SEQUENCE 16u
#define CMSFW_DER_TAG_SET 17u

/* One decoded TLV. */
typedef struct cmsfw_der_tlv {
    uint8_t cls;         /* CMSFW_DER_UNIVERSAL ... */
    uint8_t constructed; /* 1 when the constructed bit is set */
    uint8_t indefinite;  /* 1 for an indefinite length (BER) */
    uint32_t tag;        /* tag number */
    const uint8_t *tlv;  /* first identifier octet */
    size_t tlv_len;      /* whole encoding, end-of-contents octets included */
    const uint8_t *val;  /* contents */
    size_t len;          /* contents length, end-of-contents octets excluded */
} cmsfw_der_tlv;

/* A reading position. ber = 0: strict DER (minimal lengths, definite only);
 * ber = 1: BER lengths accepted (indefinite, non-minimal). */
typedef struct cmsfw_der_cur {
    const uint8_t *p;
    const uint8_t *end;
    int ber;
} cmsfw_der_cur;

void cmsfw_der_init(cmsfw_der_cur *c, const uint8_t *p, size_t len, int ber);
/* A cursor over the contents of a constructed TLV. */
void cmsfw_der_enter(cmsfw_der_cur *inner, const cmsfw_der_tlv *t, int ber);
int cmsfw_der_at_end(const cmsfw_der_cur *c);

/* Read the next TLV and step past it. CMSFW_DER_END when the cursor is
 * empty. For an indefinite length the whole value is scanned (without
 * recursion, depth bounded) to find its end-of-contents. */
cmsfw_der_status cmsfw_der_read(cmsfw_der_cur *c, cmsfw_der_tlv *t);
/* Look at the next TLV without stepping past it. */
cmsfw_der_status cmsfw_der_peek(const cmsfw_der_cur *c, cmsfw_der_tlv *t);
/* Read the next TLV and require class, constructed bit and tag number. */
cmsfw_der_status cmsfw_der_expect(cmsfw_der_cur *c, uint8_t cls, int constructed, uint32_t tag,
                                  cmsfw_der_tlv *t);

/* Header only: parse identifier and length octets at c->p without needing
 * the contents to be present (for streaming). *hdr_len receives the header
 * size; t->len is the contents length (0 and t->indefinite = 1 for BER
 * indefinite). CMSFW_DER_TRUNCATED when the header itself is incomplete. */
cmsfw_der_status cmsfw_der_read_header(const uint8_t *p, size_t avail, int ber, cmsfw_der_tlv *t,
                                       size_t *hdr_len);

/* Segments of a string that may be constructed (BER): iterate the primitive
 * pieces of t in order, however deeply nested (bounded by
 * CMSFW_DER_MAX_DEPTH). Each nested piece must carry the universal tag
 * @p string_tag (e.g. OCTET STRING). */
typedef struct cmsfw_der_segments {
    cmsfw_der_cur stack[CMSFW_DER_MAX_DEPTH];
    int depth;
    uint32_t string_tag;
    int ber;
    int primitive_done;
    cmsfw_der_tlv top;
} cmsfw_der_segments;
void cmsfw_der_segments_init(cmsfw_der_segments *s, const cmsfw_der_tlv *t, uint32_t string_tag,
                             int ber);
/* CMSFW_DER_END after the last segment. */
cmsfw_der_status cmsfw_der_segments_next(cmsfw_der_segments *s, const uint8_t **p, size_t *n);

/* Values. */
/* INTEGER contents to unsigned: minimal encoding required, negative or
 * larger than 2^64-1 is CMSFW_DER_RANGE. */
cmsfw_der_status cmsfw_der_get_uint(const cmsfw_der_tlv *t, uint64_t *v);
/* INTEGER (or ENUMERATED) contents to signed 64-bit. */
cmsfw_der_status cmsfw_der_get_int(const cmsfw_der_tlv *t, int64_t *v);
/* OID contents are well-formed (non-empty, minimal arcs, last octet ends an arc). */
cmsfw_der_status cmsfw_der_check_oid(const uint8_t *p, size_t n);
/* 1 when the TLV is an OID whose contents equal (oid, n). */
int cmsfw_der_oid_is(const cmsfw_der_tlv *t, const uint8_t *oid, size_t n);

/* Writer. */
typedef struct cmsfw_der_w {
    uint8_t *out;   /* NULL: count only */
    size_t cap;
    size_t pos;     /* bytes written (or that would be) so far */
    int overflow;   /* latched: out was too small */
} cmsfw_der_w;

void cmsfw_der_w_init(cmsfw_der_w *w, uint8_t *out, size_t cap);
/* Size of a header for a value of length len with a single-octet tag. */
size_t cmsfw_der_header_size(size_t len);
/* Write identifier octet(s) for (cls | constructed, tag) and the minimal length. */
void cmsfw_der_put_header(cmsfw_der_w *w, uint8_t cls, int constructed, uint32_t tag, size_t len);
void cmsfw_der_put_bytes(cmsfw_der_w *w, const uint8_t *p, size_t n);
/* Complete primitives. */
void cmsfw_der_put_uint(cmsfw_der_w *w, uint64_t v);              /* INTEGER */
void cmsfw_der_put_int(cmsfw_der_w *w, uint8_t tag, int64_t v);   /* INTEGER/ENUMERATED */
void cmsfw_der_put_octets(cmsfw_der_w *w, const uint8_t *p, size_t n);
void cmsfw_der_put_oid(cmsfw_der_w *w, const uint8_t *oid, size_t n);
/* Sizes of the complete encodings the put functions above write. */
size_t cmsfw_der_uint_size(uint64_t v);
size_t cmsfw_der_int_size(int64_t v);
/* CMSFW_DER_OK, or CMSFW_DER_BUFFER when anything overflowed. */
cmsfw_der_status cmsfw_der_w_status(const cmsfw_der_w *w);

const char *cmsfw_der_status_str(cmsfw_der_status s);

#endif
