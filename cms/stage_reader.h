/*
 * stage_reader.h: a small pull reader over a cmsfw_stage, with BER header
 * parsing at stage offsets (internal to cms/, used by unwrap*.c).
 *
 * The staged eContent may be far larger than memory, so the layers are
 * parsed where they lie: a header is read at an offset, a value is either
 * loaded into a caller buffer (small values: algorithm identifiers,
 * recipient infos) or walked by offset (ciphertext, compressed content).
 * Nothing is recursive: an indefinite length is closed by scanning with a
 * counter, and a constructed string is walked with an explicit stack.
 *
 * Every call returns a cmsfw__sr_status: 0 success, a cmsfw_der_status for
 * malformed or truncated input, or CMSFW__SR_IO when the stage callback
 * failed. Reads never pass the limit given at init.
 */
#ifndef CMSFW_CMS_STAGE_READER_H
#define CMSFW_CMS_STAGE_READER_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/proc.h>

#include "asn1/der.h"

/* Status of the reader: CMSFW_DER_* values, plus I/O failure. */
typedef int cmsfw__sr_status;
#define CMSFW__SR_IO 100

/* Bytes of the header cache: headers are at most 14 octets, and a window
 * serves the common case of several small headers in a row. */
#define CMSFW__SR_CACHE 256

typedef struct cmsfw__sr {
    const cmsfw_stage *stage;
    uint64_t limit;      /* offsets [0, limit) may be read */
    uint64_t cache_off;  /* stage offset of cache[0] */
    size_t cache_len;    /* 0: empty */
    uint8_t cache[CMSFW__SR_CACHE];
} cmsfw__sr;

/* One header read at a stage offset. For a definite length the value is
 * [val, val + len); for an indefinite one its end is only known once the
 * matching end-of-contents is found (cmsfw__sr_skip, or entering it). */
typedef struct cmsfw__shdr {
    uint64_t off;        /* identifier octet */
    uint64_t val;        /* first contents octet */
    uint64_t len;        /* contents length (definite only) */
    uint64_t bound;      /* end of the region the header was read in */
    uint8_t cls;
    uint8_t constructed;
    uint8_t indefinite;
    uint32_t tag;
} cmsfw__shdr;

/* A position among the elements of a constructed value (or of the whole
 * stage region). */
typedef struct cmsfw__sr_cur {
    uint64_t pos;        /* next header */
    uint64_t bound;      /* definite: end of the contents; indefinite: the
                            bound of the region around */
    int indefinite;      /* closed by an end-of-contents */
    int closed;          /* the end was reached (EOC consumed if indefinite) */
} cmsfw__sr_cur;

void cmsfw__sr_init(cmsfw__sr *r, const cmsfw_stage *stage, uint64_t limit);

/* Read n octets at off into p (direct, not cached). */
cmsfw__sr_status cmsfw__sr_read(cmsfw__sr *r, uint64_t off, uint8_t *p, size_t n);
/* Write n octets at off (drops the header cache, which may hold them). */
cmsfw__sr_status cmsfw__sr_write(cmsfw__sr *r, uint64_t off, const uint8_t *p, size_t n);

/* A cursor over the region [off, end) of the stage (end <= limit). */
void cmsfw__sr_region(cmsfw__sr_cur *c, uint64_t off, uint64_t end);

/* The header of the next element at c->pos, without stepping past it.
 * CMSFW_DER_END when the cursor is at its end: for an indefinite cursor
 * that consumes the end-of-contents and marks the cursor closed. */
cmsfw__sr_status cmsfw__sr_next(cmsfw__sr *r, cmsfw__sr_cur *c, cmsfw__shdr *h);

/* Step c past the element h that cmsfw__sr_next() returned (scanning an
 * indefinite length for its end-of-contents). *end (may be NULL) receives
 * the offset after it. */
cmsfw__sr_status cmsfw__sr_skip(cmsfw__sr *r, cmsfw__sr_cur *c, const cmsfw__shdr *h,
                                uint64_t *end);

/* A cursor over the contents of the constructed element h. */
void cmsfw__sr_enter(const cmsfw__shdr *h, cmsfw__sr_cur *inner);

/* Require inner to have no more elements, then move outer past the
 * element inner was entered from. */
cmsfw__sr_status cmsfw__sr_leave(cmsfw__sr *r, cmsfw__sr_cur *outer, cmsfw__sr_cur *inner);

/* Read the whole element h (header included) into buf and step c past
 * it; CMSFW_DER_BUFFER when it is longer than cap. *n: its length. */
cmsfw__sr_status cmsfw__sr_load(cmsfw__sr *r, cmsfw__sr_cur *c, const cmsfw__shdr *h,
                                uint8_t *buf, size_t cap, size_t *n);

/* The primitive pieces of a string element that may be constructed (BER):
 * each nested piece must be a universal OCTET STRING; h itself may carry
 * any tag. */
typedef struct cmsfw__sr_segs {
    uint64_t pos;
    uint64_t ends[CMSFW_DER_MAX_DEPTH]; /* per level: contents end (definite)
                                           or the bound around (indefinite) */
    uint64_t indef;                     /* bit k: level k is indefinite */
    int depth;
    int primitive;                      /* h was primitive: one piece */
    uint64_t prim_off, prim_len;
} cmsfw__sr_segs;

void cmsfw__sr_segs_init(cmsfw__sr_segs *s, const cmsfw__shdr *h);
/* The next piece (*off, *len); CMSFW_DER_END after the last one, when
 * cmsfw__sr_segs_end() gives the offset after the whole element. */
cmsfw__sr_status cmsfw__sr_segs_next(cmsfw__sr *r, cmsfw__sr_segs *s, uint64_t *off,
                                     uint64_t *len);
uint64_t cmsfw__sr_segs_end(const cmsfw__sr_segs *s);

#endif
