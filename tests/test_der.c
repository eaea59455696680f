/*
 * test_der.c: the DER/BER cursor and writer of asn1/der.c.
 *
 * Inputs that a test cuts or damages are copied into heap blocks of their
 * exact size, so that a read past the end shows up under AddressSanitizer
 * or valgrind instead of passing silently.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asn1/der.h"
#include "cu_main.h"

#define U CMSFW_DER_UNIVERSAL

/* A DER sample: every universal form the reader knows, explicit tagging
 * and two high tag numbers. */
static const uint8_t der_sample[] = {
    0x30, 0x2D,                                     /* SEQUENCE */
    0x02, 0x01, 0x05,                               /*   INTEGER 5 */
    0x04, 0x03, 0x61, 0x62, 0x63,                   /*   OCTET STRING "abc" */
    0xA0, 0x0B,                                     /*   [0] */
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, /*     OID 1.2.840.113549.1.7.1 */
    0x01, 0x07, 0x01,                               /*  */
    0x01, 0x01, 0xFF,                               /*   BOOLEAN TRUE */
    0x05, 0x00,                                     /*   NULL */
    0x31, 0x06, 0x0C, 0x01, 0x78, 0x0C, 0x01, 0x79, /*   SET { "x", "y" } */
    0x9F, 0x1F, 0x01, 0x2A,                         /*   [31] 2a */
    0xBF, 0x81, 0x00, 0x03, 0x02, 0x01, 0x01,       /*   [128] { INTEGER 1 } */
};

/* A BER sample: nested indefinite lengths, a constructed OCTET STRING and
 * a non-minimal definite length. */
static const uint8_t ber_sample[] = {
    0x30, 0x80,                         /* SEQUENCE (indefinite) */
    0x02, 0x01, 0x07,                   /*   INTEGER 7 */
    0x30, 0x80,                         /*   SEQUENCE (indefinite) */
    0x04, 0x02, 0xAA, 0xBB,             /*     OCTET STRING aa bb */
    0x00, 0x00,                         /*   EOC */
    0xA0, 0x80,                         /*   [0] (indefinite) */
    0x24, 0x80,                         /*     OCTET STRING (constructed, indefinite) */
    0x04, 0x01, 0x01,                   /*       01 */
    0x24, 0x05, 0x04, 0x03, 0x02, 0x03, /*       (constructed) { 02 03 04 } */
    0x04,                               /*  */
    0x00, 0x00,                         /*     EOC */
    0x00, 0x00,                         /*   EOC */
    0x30, 0x81, 0x03, 0x02, 0x01, 0x09, /*   SEQUENCE, length 81 03 { INTEGER 9 } */
    0x00, 0x00,                         /* EOC */
};

/* A constructed OCTET STRING nested two levels deep: "ab" "c" "de" "" "f". */
static const uint8_t seg_sample[] = {
    0x24, 0x80,                   /* OCTET STRING (constructed, indefinite) */
    0x04, 0x02, 0x61, 0x62,       /*   "ab" */
    0x24, 0x0B,                   /*   (constructed, definite) */
    0x04, 0x01, 0x63,             /*     "c" */
    0x24, 0x80,                   /*     (constructed, indefinite) */
    0x04, 0x02, 0x64, 0x65,       /*       "de" */
    0x00, 0x00,                   /*     EOC */
    0x04, 0x00,                   /*   "" */
    0x04, 0x01, 0x66,             /*   "f" */
    0x00, 0x00,                   /* EOC */
};

static uint8_t *
dup_exact(const uint8_t *p, size_t n)
{
    uint8_t *q = malloc(n > 0 ? n : 1);

    if (q != NULL && n > 0)
        memcpy(q, p, n);
    return q;
}

/* Read every TLV in [p, p+n) with read/enter (an explicit stack, as a
 * caller would), checking that each one lies inside its parent. */
static cmsfw_der_status
traverse(const uint8_t *p, size_t n, int ber, size_t *count)
{
    cmsfw_der_cur stack[CMSFW_DER_MAX_DEPTH + 1];
    const uint8_t *lo, *hi;
    cmsfw_der_tlv t;
    cmsfw_der_status st;
    int depth = 0;

    *count = 0;
    cmsfw_der_init(&stack[0], p, n, ber);
    for (;;) {
        lo = stack[depth].p;
        hi = stack[depth].end;
        st = cmsfw_der_read(&stack[depth], &t);
        if (st == CMSFW_DER_END) {
            if (depth == 0)
                return CMSFW_DER_OK;
            depth--;
            continue;
        }
        if (st != CMSFW_DER_OK)
            return st;
        if (!(t.tlv == lo && t.tlv_len <= (size_t)(hi - lo) && t.val >= t.tlv &&
              t.len <= t.tlv_len - (size_t)(t.val - t.tlv))) {
            CU_FAIL("TLV outside its parent");
            return CMSFW_DER_BAD_LENGTH;
        }
        (*count)++;
        if (t.constructed) {
            if (depth == CMSFW_DER_MAX_DEPTH)
                return CMSFW_DER_TOO_DEEP;
            depth++;
            cmsfw_der_enter(&stack[depth], &t, ber);
        }
    }
}

/* Read one top-level TLV, walk it, require nothing after it. */
static cmsfw_der_status
parse_whole(const uint8_t *p, size_t n, int ber)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_der_status st;

    cmsfw_der_init(&c, p, n, ber);
    st = cmsfw_der_read(&c, &t);
    if (st == CMSFW_DER_OK)
        st = cmsfw_der_walk(&t, ber);
    if (st == CMSFW_DER_OK && !cmsfw_der_at_end(&c))
        st = CMSFW_DER_BAD_LENGTH;
    return st;
}

static void
test_read_der(void)
{
    cmsfw_der_cur c, in, in2;
    cmsfw_der_tlv t, u;
    uint64_t v = 0;
    size_t count = 0;

    cmsfw_der_init(&c, der_sample, sizeof(der_sample), 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&c, U, 1, CMSFW_DER_TAG_SEQUENCE, &t), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(t.tlv_len, sizeof(der_sample));
    CU_ASSERT_EQUAL(t.len, 0x2D);
    CU_ASSERT_PTR_EQUAL(t.val, der_sample + 2);
    CU_ASSERT(cmsfw_der_at_end(&c));
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &u), CMSFW_DER_END);
    CU_ASSERT_EQUAL(cmsfw_der_walk(&t, 0), CMSFW_DER_OK);

    cmsfw_der_enter(&in, &t, 0);
    /* a mismatch does not move the cursor */
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_OCTET_STRING, &u),
                    CMSFW_DER_UNEXPECTED);
    CU_ASSERT_EQUAL(cmsfw_der_peek(&in, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(u.tag, CMSFW_DER_TAG_INTEGER);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_INTEGER, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_get_uint(&u, &v), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(v, 5);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, -1, CMSFW_DER_TAG_OCTET_STRING, &u), CMSFW_DER_OK);
    CU_ASSERT(u.len == 3 && memcmp(u.val, "abc", 3) == 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 0, &u), CMSFW_DER_OK);
    cmsfw_der_enter(&in2, &u, 0);
    CU_ASSERT_EQUAL(cmsfw_der_read(&in2, &u), CMSFW_DER_OK);
    CU_ASSERT(cmsfw_der_oid_is(&u, (const uint8_t *)"\x2A\x86\x48\x86\xF7\x0D\x01\x07\x01", 9));
    CU_ASSERT(!cmsfw_der_oid_is(&u, (const uint8_t *)"\x2A\x86\x48\x86\xF7\x0D\x01\x07\x02", 9));
    CU_ASSERT(!cmsfw_der_oid_is(&u, (const uint8_t *)"\x2A\x86\x48\x86\xF7\x0D\x01\x07", 8));
    CU_ASSERT(cmsfw_der_at_end(&in2));
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_BOOLEAN, &u), CMSFW_DER_OK);
    CU_ASSERT(!cmsfw_der_oid_is(&u, u.val, u.len));
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_NULL, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(u.len, 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 1, CMSFW_DER_TAG_SET, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 0, 31, &u), CMSFW_DER_OK);
    CU_ASSERT(u.len == 1 && u.val[0] == 0x2A && u.tlv_len == 4);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 128, &u), CMSFW_DER_OK);
    CU_ASSERT(u.len == 3 && u.tlv_len == 7);
    CU_ASSERT_EQUAL(cmsfw_der_read(&in, &u), CMSFW_DER_END);

    /* 1 + 8 + 1 + 2 + 1 + 1 + 3 + 1 + 2 TLVs */
    CU_ASSERT_EQUAL(traverse(der_sample, sizeof(der_sample), 0, &count), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(count, 13);
}

static void
test_read_ber(void)
{
    cmsfw_der_cur c, in, in2;
    cmsfw_der_tlv t, u;
    size_t count = 0, hl = 0;
    uint64_t v = 0;

    cmsfw_der_init(&c, ber_sample, sizeof(ber_sample), 0);
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &t), CMSFW_DER_NOT_DER);
    CU_ASSERT_PTR_EQUAL(c.p, ber_sample);

    cmsfw_der_init(&c, ber_sample, sizeof(ber_sample), 1);
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &t), CMSFW_DER_OK);
    CU_ASSERT(t.indefinite && t.constructed);
    CU_ASSERT_EQUAL(t.tlv_len, sizeof(ber_sample));
    CU_ASSERT_EQUAL(t.len, sizeof(ber_sample) - 4);
    CU_ASSERT(cmsfw_der_at_end(&c));
    CU_ASSERT_EQUAL(cmsfw_der_walk(&t, 1), CMSFW_DER_OK);

    cmsfw_der_enter(&in, &t, 1);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_INTEGER, &u), CMSFW_DER_OK);
    CU_ASSERT(cmsfw_der_get_uint(&u, &v) == CMSFW_DER_OK && v == 7);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 1, CMSFW_DER_TAG_SEQUENCE, &u), CMSFW_DER_OK);
    CU_ASSERT(u.indefinite && u.len == 4 && u.tlv_len == 8);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 0, &u), CMSFW_DER_OK);
    CU_ASSERT(u.indefinite && u.len == 14 && u.tlv_len == 18);
    cmsfw_der_enter(&in2, &u, 1);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in2, U, 1, CMSFW_DER_TAG_OCTET_STRING, &u), CMSFW_DER_OK);
    CU_ASSERT(cmsfw_der_at_end(&in2));
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 1, CMSFW_DER_TAG_SEQUENCE, &u), CMSFW_DER_OK);
    CU_ASSERT(!u.indefinite && u.len == 3 && u.tlv_len == 6);
    CU_ASSERT_EQUAL(cmsfw_der_read(&in, &u), CMSFW_DER_END);

    CU_ASSERT_EQUAL(traverse(ber_sample, sizeof(ber_sample), 1, &count), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(count, 11);

    /* the header reader hands an end-of-contents to a streaming caller */
    CU_ASSERT_EQUAL(cmsfw_der_read_header(ber_sample + 11, 2, 1, &u, &hl), CMSFW_DER_OK);
    CU_ASSERT(u.tag == 0 && u.cls == U && !u.constructed && u.len == 0 && hl == 2);
    CU_ASSERT_EQUAL(cmsfw_der_read_header(ber_sample + 11, 2, 0, &u, &hl), CMSFW_DER_BAD_TAG);
}

/* Concatenate the segments of the TLV at p; returns the status. */
static cmsfw_der_status
collect_segments(const uint8_t *p, size_t n, int ber, uint8_t *out, size_t cap, size_t *out_len,
                 size_t *pieces)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_der_segments s;
    cmsfw_der_status st;
    const uint8_t *sp;
    size_t sn;

    *out_len = 0;
    *pieces = 0;
    cmsfw_der_init(&c, p, n, ber);
    st = cmsfw_der_read(&c, &t);
    if (st != CMSFW_DER_OK)
        return st;
    cmsfw_der_segments_init(&s, &t, CMSFW_DER_TAG_OCTET_STRING, ber);
    while ((st = cmsfw_der_segments_next(&s, &sp, &sn)) == CMSFW_DER_OK) {
        if (sp < t.val || sn > (size_t)(t.val + t.len - sp) || sn > cap - *out_len) {
            CU_FAIL("segment outside its string");
            return CMSFW_DER_BAD_LENGTH;
        }
        if (sn > 0)
            memcpy(out + *out_len, sp, sn);
        *out_len += sn;
        (*pieces)++;
    }
    return st == CMSFW_DER_END ? CMSFW_DER_OK : st;
}

static void
test_segments(void)
{
    static const uint8_t implicit_tag[] = {0xA0, 0x80, 0x04, 0x01, 0x31, 0x04, 0x01, 0x32,
                                           0x00, 0x00};
    static const uint8_t wrong_inner[] = {0x24, 0x05, 0x04, 0x01, 0x31, 0x0C, 0x00};
    static const uint8_t prim[] = {0x04, 0x02, 0x31, 0x32};
    uint8_t out[64];
    size_t n = 0, pieces = 0;
    cmsfw_der_segments s;
    cmsfw_der_tlv t;
    const uint8_t *sp;
    size_t sn;

    CU_ASSERT_EQUAL(collect_segments(seg_sample, sizeof(seg_sample), 1, out, sizeof(out), &n,
                                     &pieces),
                    CMSFW_DER_OK);
    CU_ASSERT(n == 6 && memcmp(out, "abcdef", 6) == 0);
    CU_ASSERT_EQUAL(pieces, 5);
    CU_ASSERT_EQUAL(collect_segments(implicit_tag, sizeof(implicit_tag), 1, out, sizeof(out), &n,
                                     &pieces),
                    CMSFW_DER_OK);
    CU_ASSERT(n == 2 && memcmp(out, "12", 2) == 0 && pieces == 2);
    CU_ASSERT_EQUAL(collect_segments(prim, sizeof(prim), 0, out, sizeof(out), &n, &pieces),
                    CMSFW_DER_OK);
    CU_ASSERT(n == 2 && pieces == 1);
    CU_ASSERT_EQUAL(collect_segments(wrong_inner, sizeof(wrong_inner), 1, out, sizeof(out), &n,
                                     &pieces),
                    CMSFW_DER_UNEXPECTED);
    CU_ASSERT_EQUAL(pieces, 1);

    /* strict DER refuses a constructed string, at read or at iteration */
    CU_ASSERT_EQUAL(collect_segments(wrong_inner, sizeof(wrong_inner), 0, out, sizeof(out), &n,
                                     &pieces),
                    CMSFW_DER_NOT_DER);
    memset(&t, 0, sizeof(t));
    t.constructed = 1;
    t.tag = 0;
    t.cls = CMSFW_DER_CONTEXT;
    t.val = implicit_tag + 2;
    t.len = 6;
    cmsfw_der_segments_init(&s, &t, CMSFW_DER_TAG_OCTET_STRING, 0);
    CU_ASSERT_EQUAL(cmsfw_der_segments_next(&s, &sp, &sn), CMSFW_DER_NOT_DER);
    /* the failure is latched */
    CU_ASSERT_EQUAL(cmsfw_der_segments_next(&s, &sp, &sn), CMSFW_DER_NOT_DER);
}

/* One rejection case: input, BER flag, expected status of parse_whole. */
struct reject_case {
    const char *name;
    const char *in;
    size_t len;
    int ber;
    cmsfw_der_status want;
};

#define RC(name, s, ber, want) {name, s, sizeof(s) - 1, ber, want}

static const struct reject_case reject_cases[] = {
    RC("empty input", "", 1, CMSFW_DER_END),
    RC("identifier only", "\x30", 1, CMSFW_DER_TRUNCATED),
    RC("length octets cut", "\x30\x82\x01", 1, CMSFW_DER_TRUNCATED),
    RC("contents cut", "\x04\x03\x61\x62", 1, CMSFW_DER_TRUNCATED),
    RC("non-minimal 81 05", "\x04\x81\x05\x61\x62\x63\x64\x65", 0, CMSFW_DER_NOT_DER),
    RC("leading zero length 82 00 05", "\x04\x82\x00\x05\x61\x62\x63\x64\x65", 0,
       CMSFW_DER_NOT_DER),
    RC("reserved length FF", "\x04\xFF\x00", 1, CMSFW_DER_BAD_LENGTH),
    RC("nine length octets", "\x04\x89\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00", 1,
       CMSFW_DER_BAD_LENGTH),
    RC("length 2^64-1", "\x04\x88\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x00", 1,
       (SIZE_MAX > 0xFFFFFFFFu) ? CMSFW_DER_TRUNCATED : CMSFW_DER_BAD_LENGTH),
    RC("length past the enclosing value", "\x30\x03\x02\x05\x00\x00\x00", 1,
       CMSFW_DER_TRUNCATED),
    RC("indefinite primitive", "\x04\x80\x01\x00\x00", 1, CMSFW_DER_BAD_LENGTH),
    RC("indefinite in DER", "\x30\x80\x05\x00\x00\x00", 0, CMSFW_DER_NOT_DER),
    RC("missing end-of-contents", "\x30\x80\x05\x00", 1, CMSFW_DER_TRUNCATED),
    RC("nested missing end-of-contents", "\x30\x80\x30\x80\x05\x00\x00\x00", 1,
       CMSFW_DER_TRUNCATED),
    RC("end-of-contents with a length", "\x30\x80\x05\x00\x00\x01", 1, CMSFW_DER_BAD_LENGTH),
    RC("stray end-of-contents", "\x00\x00", 1, CMSFW_DER_BAD_TAG),
    RC("end-of-contents in a definite value", "\x30\x04\x05\x00\x00\x00", 1, CMSFW_DER_BAD_TAG),
    RC("constructed end-of-contents", "\x30\x80\x20\x00\x00\x00", 1, CMSFW_DER_BAD_TAG),
    RC("constructed INTEGER", "\x22\x03\x02\x01\x00", 1, CMSFW_DER_BAD_TAG),
    RC("primitive SEQUENCE", "\x10\x00", 1, CMSFW_DER_BAD_TAG),
    RC("constructed OCTET STRING in DER", "\x24\x03\x04\x01\x00", 0, CMSFW_DER_NOT_DER),
    RC("high tag with leading 0x80", "\x9F\x80\x1F\x00", 1, CMSFW_DER_BAD_TAG),
    RC("high tag form for tag 30", "\x9F\x1E\x00", 1, CMSFW_DER_BAD_TAG),
    RC("tag number above the limit", "\x9F\x81\x80\x80\x00\x00", 1, CMSFW_DER_BAD_TAG),
    RC("high tag cut", "\x9F\x81", 1, CMSFW_DER_TRUNCATED),
    RC("trailing bytes", "\x05\x00\x05", 1, CMSFW_DER_BAD_LENGTH),
    RC("inner header cut", "\x30\x02\x04\x85", 1, CMSFW_DER_TRUNCATED),
};

static void
test_rejections(void)
{
    size_t i;
    uint8_t *buf;
    cmsfw_der_status st;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    for (i = 0; i < sizeof(reject_cases) / sizeof(reject_cases[0]); i++) {
        const struct reject_case *r = &reject_cases[i];

        buf = dup_exact((const uint8_t *)r->in, r->len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
        st = parse_whole(r->len > 0 ? buf : NULL, r->len, r->ber);
        if (st != r->want)
            fprintf(stderr, "\n  case '%s': got %d (%s), want %d\n", r->name, (int)st,
                    cmsfw_der_status_str(st), (int)r->want);
        CU_ASSERT_EQUAL(st, r->want);
        /* a failed read leaves the cursor where it was and *t zeroed */
        cmsfw_der_init(&c, r->len > 0 ? buf : NULL, r->len, r->ber);
        if (cmsfw_der_read(&c, &t) != CMSFW_DER_OK) {
            CU_ASSERT(c.p == (r->len > 0 ? buf : NULL) && t.tlv == NULL && t.len == 0);
        }
        free(buf);
    }
    /* the same bytes are fine in BER where only DER forbids them */
    CU_ASSERT_EQUAL(parse_whole((const uint8_t *)"\x04\x81\x05\x61\x62\x63\x64\x65", 8, 1),
                    CMSFW_DER_OK);
    CU_ASSERT_EQUAL(parse_whole((const uint8_t *)"\x24\x03\x04\x01\x00", 5, 1), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(parse_whole((const uint8_t *)"\x9F\xFF\xFF\x7F\x00", 5, 0), CMSFW_DER_OK);
}

static void
test_read_header_partial(void)
{
    static const uint8_t h[] = {0xBF, 0x81, 0x00, 0x83, 0x01, 0x00, 0x00};
    cmsfw_der_tlv t;
    size_t k, hl = 0;

    for (k = 0; k < sizeof(h); k++)
        CU_ASSERT_EQUAL(cmsfw_der_read_header(h, k, 0, &t, &hl), CMSFW_DER_TRUNCATED);
    CU_ASSERT_EQUAL(cmsfw_der_read_header(h, sizeof(h), 0, &t, &hl), CMSFW_DER_OK);
    CU_ASSERT(hl == 7 && t.len == 65536 && t.tag == 128 && t.cls == CMSFW_DER_CONTEXT &&
              t.constructed && t.val == h + 7);
    CU_ASSERT_EQUAL(cmsfw_der_read_header((const uint8_t *)"\x30\x80", 2, 1, &t, &hl),
                    CMSFW_DER_OK);
    CU_ASSERT(t.indefinite && t.len == 0 && hl == 2);
}

static void
check_every_prefix(const uint8_t *sample, size_t n, int ber)
{
    size_t k;
    uint8_t *buf;

    for (k = 0; k < n; k++) {
        buf = dup_exact(sample, k);
        CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
        CU_ASSERT_NOT_EQUAL(parse_whole(k > 0 ? buf : NULL, k, ber), CMSFW_DER_OK);
        free(buf);
    }
    buf = dup_exact(sample, n);
    CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
    CU_ASSERT_EQUAL(parse_whole(buf, n, ber), CMSFW_DER_OK);
    free(buf);
}

static void
test_truncation(void)
{
    uint8_t out[16];
    size_t k, n = 0, pieces = 0;
    uint8_t *buf;

    check_every_prefix(der_sample, sizeof(der_sample), 0);
    check_every_prefix(ber_sample, sizeof(ber_sample), 1);
    check_every_prefix(seg_sample, sizeof(seg_sample), 1);
    for (k = 0; k < sizeof(seg_sample); k++) {
        buf = dup_exact(seg_sample, k);
        CU_ASSERT_NOT_EQUAL(collect_segments(buf, k, 1, out, sizeof(out), &n, &pieces),
                            CMSFW_DER_OK);
        free(buf);
    }
}

/* Flip every bit of a sample: the reader may accept or refuse the result,
 * but the walk and a read/enter traversal must agree and stay inside. */
static void
check_bit_flips(const uint8_t *sample, size_t n, int ber)
{
    size_t i, count = 0, pieces = 0, seg_len = 0;
    unsigned bit;
    uint8_t *buf, out[64];
    cmsfw_der_status whole, trav;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    for (i = 0; i < n; i++) {
        for (bit = 0; bit < 8; bit++) {
            buf = dup_exact(sample, n);
            CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
            buf[i] ^= (uint8_t)(1u << bit);
            whole = parse_whole(buf, n, ber);
            cmsfw_der_init(&c, buf, n, ber);
            if (cmsfw_der_read(&c, &t) == CMSFW_DER_OK) {
                trav = traverse(t.tlv, t.tlv_len, ber, &count);
                CU_ASSERT_EQUAL(trav == CMSFW_DER_OK, cmsfw_der_walk(&t, ber) == CMSFW_DER_OK);
                (void)collect_segments(buf, n, ber, out, sizeof(out), &seg_len, &pieces);
            } else {
                CU_ASSERT_NOT_EQUAL(whole, CMSFW_DER_OK);
            }
            free(buf);
        }
    }
}

static void
test_bit_flips(void)
{
    check_bit_flips(der_sample, sizeof(der_sample), 0);
    check_bit_flips(ber_sample, sizeof(ber_sample), 1);
    check_bit_flips(seg_sample, sizeof(seg_sample), 1);
}

/* `levels` definite SEQUENCEs around a NULL, built inside out at the end
 * of buf; returns the start. */
static uint8_t *
nest_definite(uint8_t *buf, size_t cap, int levels, size_t *n)
{
    uint8_t *p = buf + cap - 2;
    size_t len = 2, hl;
    cmsfw_der_w w;
    int i;

    p[0] = 0x05;
    p[1] = 0x00;
    for (i = 0; i < levels; i++) {
        hl = cmsfw_der_header_size(len);
        p -= hl;
        cmsfw_der_w_init(&w, p, hl);
        cmsfw_der_put_header(&w, U, 1, CMSFW_DER_TAG_SEQUENCE, len);
        CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_OK);
        len += hl;
    }
    *n = len;
    return p;
}

/* `levels` indefinite values with tag octet `id` around `core`. */
static size_t
nest_indefinite(uint8_t *buf, int levels, uint8_t id, const uint8_t *core, size_t core_len)
{
    size_t n = 0;
    int i;

    for (i = 0; i < levels; i++) {
        buf[n++] = id;
        buf[n++] = 0x80;
    }
    memcpy(buf + n, core, core_len);
    n += core_len;
    for (i = 0; i < levels; i++) {
        buf[n++] = 0x00;
        buf[n++] = 0x00;
    }
    return n;
}

/* Put a definite header with tag octet `id` and a two-octet length before
 * the n bytes at buf + 4; returns the whole size. */
static size_t
wrap_definite(uint8_t *buf, uint8_t id, size_t n)
{
    buf[0] = id;
    buf[1] = 0x82;
    buf[2] = (uint8_t)(n >> 8);
    buf[3] = (uint8_t)n;
    return n + 4;
}

static void
test_nesting(void)
{
    uint8_t buf[512], out[8];
    uint8_t *p;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    size_t n = 0, count = 0, pieces = 0, seg_len = 0;
    const int max = CMSFW_DER_MAX_DEPTH;

    p = nest_definite(buf, sizeof(buf), max, &n);
    CU_ASSERT_EQUAL(parse_whole(p, n, 0), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(traverse(p, n, 0, &count), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(count, (size_t)max + 1);
    p = nest_definite(buf, sizeof(buf), max + 1, &n);
    CU_ASSERT_EQUAL(parse_whole(p, n, 0), CMSFW_DER_TOO_DEEP);
    CU_ASSERT_EQUAL(traverse(p, n, 0, &count), CMSFW_DER_TOO_DEEP);

    n = nest_indefinite(buf, max, 0x30, (const uint8_t *)"\x05\x00", 2);
    CU_ASSERT_EQUAL(parse_whole(buf, n, 1), CMSFW_DER_OK);
    cmsfw_der_init(&c, buf, n, 1);
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &t), CMSFW_DER_OK);
    n = nest_indefinite(buf, max + 1, 0x30, (const uint8_t *)"\x05\x00", 2);
    CU_ASSERT_EQUAL(parse_whole(buf, n, 1), CMSFW_DER_TOO_DEEP);
    /* the scan that finds the end-of-contents has its own bound */
    cmsfw_der_init(&c, buf, n, 1);
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &t), CMSFW_DER_TOO_DEEP);
    /* a definite SEQUENCE around 64 indefinite ones: each read counts afresh,
     * the whole walk counts all 65 */
    n = wrap_definite(buf, 0x30, nest_indefinite(buf + 4, max, 0x30,
                                                  (const uint8_t *)"\x05\x00", 2));
    CU_ASSERT_EQUAL(parse_whole(buf, n, 1), CMSFW_DER_TOO_DEEP);

    n = nest_indefinite(buf, max, 0x24, (const uint8_t *)"\x04\x01\x41", 3);
    CU_ASSERT_EQUAL(collect_segments(buf, n, 1, out, sizeof(out), &seg_len, &pieces),
                    CMSFW_DER_OK);
    CU_ASSERT(seg_len == 1 && out[0] == 0x41 && pieces == 1);
    n = nest_indefinite(buf, max + 1, 0x24, (const uint8_t *)"\x04\x01\x41", 3);
    CU_ASSERT_EQUAL(collect_segments(buf, n, 1, out, sizeof(out), &seg_len, &pieces),
                    CMSFW_DER_TOO_DEEP);
    /* reading a definite top does not look inside: the iterator's own
     * bound must refuse the 65th level */
    n = wrap_definite(buf, 0x24, nest_indefinite(buf + 4, max, 0x24,
                                                  (const uint8_t *)"\x04\x01\x41", 3));
    CU_ASSERT_EQUAL(collect_segments(buf, n, 1, out, sizeof(out), &seg_len, &pieces),
                    CMSFW_DER_TOO_DEEP);
    CU_ASSERT_EQUAL(pieces, 0);
}

/* get_uint / get_int on given contents octets. */
static cmsfw_der_status
uint_of(const char *c, size_t n, uint64_t *v)
{
    cmsfw_der_tlv t;

    memset(&t, 0, sizeof(t));
    t.tag = CMSFW_DER_TAG_INTEGER;
    t.val = (const uint8_t *)c;
    t.len = n;
    return cmsfw_der_get_uint(&t, v);
}

static cmsfw_der_status
int_of(const char *c, size_t n, int64_t *v)
{
    cmsfw_der_tlv t;

    memset(&t, 0, sizeof(t));
    t.tag = CMSFW_DER_TAG_INTEGER;
    t.val = (const uint8_t *)c;
    t.len = n;
    return cmsfw_der_get_int(&t, v);
}

static void
test_integers(void)
{
    uint64_t u = 1;
    int64_t s = 1;
    cmsfw_der_tlv t;

    CU_ASSERT(uint_of("\x00", 1, &u) == CMSFW_DER_OK && u == 0);
    CU_ASSERT(uint_of("\x7F", 1, &u) == CMSFW_DER_OK && u == 127);
    CU_ASSERT(uint_of("\x00\x80", 2, &u) == CMSFW_DER_OK && u == 128);
    CU_ASSERT(uint_of("\x00\x80\x00\x00\x00\x00\x00\x00\x00", 9, &u) == CMSFW_DER_OK &&
              u == (uint64_t)1 << 63);
    CU_ASSERT(uint_of("\x00\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9, &u) == CMSFW_DER_OK &&
              u == UINT64_MAX);
    CU_ASSERT_EQUAL(uint_of("\x01\x00\x00\x00\x00\x00\x00\x00\x00", 9, &u), CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(uint_of("\x00\x80\x00\x00\x00\x00\x00\x00\x00\x00", 10, &u),
                    CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(uint_of("\xFF", 1, &u), CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(uint_of("\x80", 1, &u), CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(uint_of("\x00\x01", 2, &u), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(uint_of("\xFF\x80", 2, &u), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(uint_of("", 0, &u), CMSFW_DER_BAD_VALUE);

    CU_ASSERT(int_of("\x00", 1, &s) == CMSFW_DER_OK && s == 0);
    CU_ASSERT(int_of("\x80", 1, &s) == CMSFW_DER_OK && s == -128);
    CU_ASSERT(int_of("\xFF\x7F", 2, &s) == CMSFW_DER_OK && s == -129);
    CU_ASSERT(int_of("\x00\x80", 2, &s) == CMSFW_DER_OK && s == 128);
    CU_ASSERT(int_of("\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8, &s) == CMSFW_DER_OK &&
              s == INT64_MAX);
    CU_ASSERT(int_of("\x80\x00\x00\x00\x00\x00\x00\x00", 8, &s) == CMSFW_DER_OK &&
              s == INT64_MIN);
    CU_ASSERT_EQUAL(int_of("\x00\x80\x00\x00\x00\x00\x00\x00\x00", 9, &s), CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(int_of("\xFF\x7F\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 9, &s), CMSFW_DER_RANGE);
    CU_ASSERT_EQUAL(int_of("\x00\x01", 2, &s), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(int_of("\xFF\xFF", 2, &s), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(int_of("", 0, &s), CMSFW_DER_BAD_VALUE);

    memset(&t, 0, sizeof(t));
    t.constructed = 1;
    t.val = (const uint8_t *)"\x01";
    t.len = 1;
    CU_ASSERT_EQUAL(cmsfw_der_get_uint(&t, &u), CMSFW_DER_UNEXPECTED);
    CU_ASSERT_EQUAL(cmsfw_der_get_int(&t, &s), CMSFW_DER_UNEXPECTED);
}

static void
test_oids(void)
{
    static const uint8_t max_arc[] = {0x2A, 0x81, 0xFF, 0xFF, 0xFF, 0xFF,
                                      0xFF, 0xFF, 0xFF, 0xFF, 0x7F};
    static const uint8_t over_arc[] = {0x2A, 0x82, 0x80, 0x80, 0x80, 0x80,
                                       0x80, 0x80, 0x80, 0x80, 0x00};
    uint8_t huge[40];

    CU_ASSERT_EQUAL(cmsfw_der_check_oid(NULL, 0), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"", 0), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x2A\x86\x48", 3), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x00", 1), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x80\x01", 2), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x2A\x80\x01", 3), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x2A\x86", 2), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid((const uint8_t *)"\x86", 1), CMSFW_DER_BAD_VALUE);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid(max_arc, sizeof(max_arc)), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid(over_arc, sizeof(over_arc)), CMSFW_DER_RANGE);
    memset(huge, 0xFF, sizeof(huge));
    huge[0] = 0x2A;
    huge[sizeof(huge) - 1] = 0x01;
    CU_ASSERT_EQUAL(cmsfw_der_check_oid(huge, sizeof(huge)), CMSFW_DER_RANGE);
    /* many short arcs are fine */
    memset(huge, 0x01, sizeof(huge));
    CU_ASSERT_EQUAL(cmsfw_der_check_oid(huge, sizeof(huge)), CMSFW_DER_OK);
}

/* Every published DER vector reads as one TLV whose whole tree walks, in
 * DER and in BER mode. */
static void
test_published_vectors(void)
{
    static const char *const names[] = {
        "pyasn1-rfc3274-compressed-data.der",    "pyasn1-rfc4108-signed-firmware-package.der",
        "pyasn1-rfc5083-auth-enveloped-data.der", "pyasn1-rfc6211-ecdsa-p384-signed-data.der",
        "pyasn1-rfc8708-hss-signed-data.der",     "rfc8410-ed25519-private-key.der",
        "rfc9802-hss-certificate.der",            "rfc9881-mldsa87-certificate.der",
        "rfc9882-mldsa44-signed-data.der",        "rfc9936-mlkem512-auth-enveloped-data.der",
    };
    const char *top = getenv("top_srcdir");
    char path[512];
    uint8_t *buf;
    size_t i, n, count = 0;
    long size = 0;
    FILE *f;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(path, sizeof(path), "%s/vectors/published/%s", top != NULL ? top : ".", names[i]);
        f = fopen(path, "rb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        size = (fseek(f, 0, SEEK_END) == 0) ? ftell(f) : -1;
        CU_ASSERT_FATAL(size > 0);
        rewind(f);
        n = (size_t)size;
        buf = malloc(n);
        CU_ASSERT_FATAL(buf != NULL && fread(buf, 1, n, f) == n);
        fclose(f);
        CU_ASSERT_EQUAL(parse_whole(buf, n, 0), CMSFW_DER_OK);
        CU_ASSERT_EQUAL(parse_whole(buf, n, 1), CMSFW_DER_OK);
        CU_ASSERT_EQUAL(traverse(buf, n, 0, &count), CMSFW_DER_OK);
        CU_ASSERT(count > 3);
        free(buf);
    }
}

/* End-of-contents is exactly 00 00 (X.690 8.1.5): a long-form zero length
 * is a different value, and counting it as two octets misplaced what
 * follows (found by fuzz/fuzz_der). */
static void
test_eoc_long_form(void)
{
    static const uint8_t long_eoc[] = {0x30, 0x80, 0x00, 0x82, 0x00, 0x00};
    static const uint8_t short_eoc[] = {0x30, 0x80, 0x00, 0x00};
    static const uint8_t one_octet_eoc[] = {0x30, 0x80, 0x00, 0x81, 0x00};
    cmsfw_der_tlv t;
    size_t hl = 0;

    CU_ASSERT_NOT_EQUAL(parse_whole(long_eoc, sizeof long_eoc, 1), CMSFW_DER_OK);
    CU_ASSERT_NOT_EQUAL(parse_whole(one_octet_eoc, sizeof one_octet_eoc, 1), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(parse_whole(short_eoc, sizeof short_eoc, 1), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_read_header(long_eoc + 2, 4, 1, &t, &hl), CMSFW_DER_BAD_LENGTH);
    CU_ASSERT_EQUAL(cmsfw_der_read_header(short_eoc + 2, 2, 1, &t, &hl), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(hl, 2);
}

static CU_TestInfo der_tests[] = {
    {"end-of-contents only as 00 00", test_eoc_long_form},
    {"reads a DER sample", test_read_der},
    {"reads a BER sample", test_read_ber},
    {"iterates constructed string segments", test_segments},
    {"rejects malformed encodings", test_rejections},
    {"reads a header from a partial buffer", test_read_header_partial},
    {"refuses every truncation", test_truncation},
    {"survives single-bit flips", test_bit_flips},
    {"bounds nesting at CMSFW_DER_MAX_DEPTH", test_nesting},
    {"walks the published vectors", test_published_vectors},
    {"decodes INTEGER edge cases", test_integers},
    {"checks OBJECT IDENTIFIERs", test_oids},
    CU_TEST_INFO_NULL,
};

/* in test_der_write.c */
extern CU_TestInfo der_write_tests[];

static CU_SuiteInfo suites[] = {
    {"der", NULL, NULL, NULL, NULL, der_tests},
    {"der-writer", NULL, NULL, NULL, NULL, der_write_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
