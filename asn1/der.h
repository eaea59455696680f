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
    CMSFW_DER_TRUNCATED = 1,  /* the input (or the value around the cursor) ends
                                 inside a TLV; also a missing end-of-contents */
    CMSFW_DER_BAD_TAG = 2,    /* malformed identifier octets, a universal type in
                                 the wrong form, a stray end-of-contents */
    CMSFW_DER_BAD_LENGTH = 3, /* reserved (0xFF), overflowing, too many length
                                 octets, indefinite on a primitive, non-empty EOC */
    CMSFW_DER_NOT_DER = 4,    /* BER form where DER is required */
    CMSFW_DER_TOO_DEEP = 5,   /* nesting beyond CMSFW_DER_MAX_DEPTH */
    CMSFW_DER_UNEXPECTED = 6, /* a different tag than the one expected */
    CMSFW_DER_RANGE = 7,      /* INTEGER negative or too large for the target;
                                 an OID arc above 2^64-1 */
    CMSFW_DER_END = 8,        /* no more elements (not an error by itself) */
    CMSFW_DER_BUFFER = 9,     /* writer: output buffer too small */
    CMSFW_DER_BAD_VALUE = 10  /* malformed contents: INTEGER not minimal or empty,
                                 OID not well-formed */
} cmsfw_der_status;

/* Identifier classes, as they appear in bits 8-7 of the first octet. */
#define CMSFW_DER_UNIVERSAL 0x00u
#define CMSFW_DER_APPLICATION 0x40u
#define CMSFW_DER_CONTEXT 0x80u
#define CMSFW_DER_PRIVATE 0xC0u

/* Universal tag numbers used by cmsfw. */
#define CMSFW_DER_TAG_EOC 0u
#define CMSFW_DER_TAG_BOOLEAN 1u
#define CMSFW_DER_TAG_INTEGER 2u
#define CMSFW_DER_TAG_BIT_STRING 3u
#define CMSFW_DER_TAG_OCTET_STRING 4u
#define CMSFW_DER_TAG_NULL 5u
#define CMSFW_DER_TAG_OID 6u
#define CMSFW_DER_TAG_ENUMERATED 10u
#define CMSFW_DER_TAG_SEQUENCE 16u
#define CMSFW_DER_TAG_SET 17u
#define CMSFW_DER_TAG_UTC_TIME 23u
#define CMSFW_DER_TAG_GENERALIZED_TIME 24u

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

/* A reading position over [p, end). ber = 0: strict DER (minimal definite
 * lengths only, primitive strings); ber = 1: BER accepted (indefinite and
 * non-minimal lengths, constructed strings). */
typedef struct cmsfw_der_cur {
    const uint8_t *p;
    const uint8_t *end;
    int ber;
} cmsfw_der_cur;

/* A cursor over len bytes at p (p may be NULL when len is 0). */
void cmsfw_der_init(cmsfw_der_cur *c, const uint8_t *p, size_t len, int ber);
/* A cursor over the contents of a constructed TLV (for an indefinite
 * length: up to, not including, its end-of-contents). */
void cmsfw_der_enter(cmsfw_der_cur *inner, const cmsfw_der_tlv *t, int ber);
/* 1 when nothing is left to read. */
int cmsfw_der_at_end(const cmsfw_der_cur *c);

/*
 * Read the next TLV and step past it. CMSFW_DER_END when the cursor is
 * empty. A value running past the cursor's end is CMSFW_DER_TRUNCATED. For
 * an indefinite length the value is scanned (without recursion) to find
 * its end-of-contents; at most CMSFW_DER_MAX_DEPTH indefinite lengths may
 * be open at once, counting this one. Definite-length contents are not
 * looked into (cmsfw_der_walk does that). On any status but CMSFW_DER_OK
 * the cursor does not move and *t is zeroed.
 */
cmsfw_der_status cmsfw_der_read(cmsfw_der_cur *c, cmsfw_der_tlv *t);
/* Look at the next TLV without stepping past it. */
cmsfw_der_status cmsfw_der_peek(const cmsfw_der_cur *c, cmsfw_der_tlv *t);
/*
 * Read the next TLV and require class, tag number and constructed bit
 * (constructed < 0: either form). CMSFW_DER_UNEXPECTED on a mismatch, with
 * *t describing what was found; on any failure the cursor does not move,
 * so OPTIONAL fields can be probed.
 */
cmsfw_der_status cmsfw_der_expect(cmsfw_der_cur *c, uint8_t cls, int constructed, uint32_t tag,
                                  cmsfw_der_tlv *t);

/*
 * Header only: parse identifier and length octets at p without needing
 * the contents to be present (for streaming). *hdr_len receives the header
 * size; t->len is the contents length (0 and t->indefinite = 1 for BER
 * indefinite), t->tlv and t->val are set, t->tlv_len is 0 (unknown).
 * An end-of-contents (00 00) is returned as universal tag 0 when ber is
 * set, for the caller to close its indefinite value. CMSFW_DER_TRUNCATED
 * when the header itself is incomplete (more input may fix it); every
 * other failure is final. On failure *t is zeroed and *hdr_len is 0.
 */
cmsfw_der_status cmsfw_der_read_header(const uint8_t *p, size_t avail, int ber, cmsfw_der_tlv *t,
                                       size_t *hdr_len);

/*
 * Check the whole tree under t: every nested header, length and
 * end-of-contents, at most CMSFW_DER_MAX_DEPTH constructed values open at
 * once (t itself counts as one). Primitive contents are not interpreted.
 */
cmsfw_der_status cmsfw_der_walk(const cmsfw_der_tlv *t, int ber);

/*
 * Segments of a string that may be constructed (BER): iterate the primitive
 * pieces of t in order, however deeply nested (at most CMSFW_DER_MAX_DEPTH
 * constructed levels, t included), without recursion and without scanning
 * ahead. Each nested piece must carry the universal tag @p string_tag (e.g.
 * OCTET STRING); t itself may carry any tag (e.g. [0] IMPLICIT). A
 * primitive t is one segment. A constructed t with ber = 0 is
 * CMSFW_DER_NOT_DER. Empty segments are returned like the others. The
 * first failure is latched: every later call returns it.
 */
typedef struct cmsfw_der_segments {
    const uint8_t *pos;                       /* next unread octet */
    const uint8_t *ends[CMSFW_DER_MAX_DEPTH]; /* per open level: contents end
                                                 (definite) or inherited bound */
    uint64_t indef;                           /* bit k: level k is indefinite */
    int depth;
    uint32_t string_tag;
    int ber;
    int primitive_done;
    cmsfw_der_status err;
    cmsfw_der_tlv top;
} cmsfw_der_segments;
void cmsfw_der_segments_init(cmsfw_der_segments *s, const cmsfw_der_tlv *t, uint32_t string_tag,
                             int ber);
/* The next segment in (*p, *n); CMSFW_DER_END after the last one. */
cmsfw_der_status cmsfw_der_segments_next(cmsfw_der_segments *s, const uint8_t **p, size_t *n);

/* Values. None of these checks the tag, so they serve IMPLICIT tags too;
 * a constructed t is CMSFW_DER_UNEXPECTED. */
/* INTEGER contents to unsigned: minimal encoding required (else
 * CMSFW_DER_BAD_VALUE, also for empty contents); negative or larger than
 * 2^64-1 is CMSFW_DER_RANGE. */
cmsfw_der_status cmsfw_der_get_uint(const cmsfw_der_tlv *t, uint64_t *v);
/* INTEGER (or ENUMERATED) contents to signed 64-bit; same rules. */
cmsfw_der_status cmsfw_der_get_int(const cmsfw_der_tlv *t, int64_t *v);
/* OID contents are well-formed: non-empty, no arc starting with 0x80, the
 * last octet ends an arc (else CMSFW_DER_BAD_VALUE); an arc above 2^64-1 is
 * CMSFW_DER_RANGE (cmsfw could not print it). */
cmsfw_der_status cmsfw_der_check_oid(const uint8_t *p, size_t n);
/* 1 when the TLV is a universal primitive OID whose contents equal (oid, n). */
int cmsfw_der_oid_is(const cmsfw_der_tlv *t, const uint8_t *oid, size_t n);

/* Writer: DER, minimal lengths, forward only (sizes come first: compute
 * them with the *_size functions or a pass with out == NULL). */
typedef struct cmsfw_der_w {
    uint8_t *out;   /* NULL: count only */
    size_t cap;
    size_t pos;     /* bytes written (or that would be) so far; SIZE_MAX if
                       the count itself overflowed */
    int overflow;   /* latched: out was too small (nothing written past cap) */
} cmsfw_der_w;

void cmsfw_der_w_init(cmsfw_der_w *w, uint8_t *out, size_t cap);
/* Size of a header for a value of length len with a single-octet tag. */
size_t cmsfw_der_header_size(size_t len);
/* Size of a whole TLV with tag number tag (any class) and len contents
 * octets; SIZE_MAX if that does not fit a size_t. */
size_t cmsfw_der_tlv_size(uint32_t tag, size_t len);
/* Write identifier octet(s) for (cls | constructed, tag), high-tag-number
 * form from 31 up, and the minimal length. */
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

/* A short English description of s, for diagnostics. */
const char *cmsfw_der_status_str(cmsfw_der_status s);

#endif
