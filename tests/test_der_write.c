/*
 * test_der_write.c: the DER writer of asn1/der.c, checked by reading its
 * output back with the reader (the suite is registered by test_der.c).
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "asn1/der.h"

#define U CMSFW_DER_UNIVERSAL

/* put_header/read_header agree at every length boundary, with the
 * expected minimal length octets. */
static void
test_length_boundaries(void)
{
    static const struct {
        size_t len;
        const char *octets;
        size_t n;
    } b[] = {
        {0, "\x00", 1},          {127, "\x7F", 1},           {128, "\x81\x80", 2},
        {255, "\x81\xFF", 2},    {256, "\x82\x01\x00", 3},   {65535, "\x82\xFF\xFF", 3},
        {65536, "\x83\x01\x00\x00", 4}, {16777216, "\x84\x01\x00\x00\x00", 5},
    };
    uint8_t out[16];
    cmsfw_der_w w;
    cmsfw_der_tlv t;
    size_t i, hl = 0;

    for (i = 0; i < sizeof(b) / sizeof(b[0]); i++) {
        cmsfw_der_w_init(&w, out, sizeof(out));
        cmsfw_der_put_header(&w, U, 0, CMSFW_DER_TAG_OCTET_STRING, b[i].len);
        CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_OK);
        CU_ASSERT_EQUAL(w.pos, 1 + b[i].n);
        CU_ASSERT_EQUAL(cmsfw_der_header_size(b[i].len), 1 + b[i].n);
        CU_ASSERT_EQUAL(cmsfw_der_tlv_size(4, b[i].len), 1 + b[i].n + b[i].len);
        CU_ASSERT(out[0] == 0x04 && memcmp(out + 1, b[i].octets, b[i].n) == 0);
        CU_ASSERT_EQUAL(cmsfw_der_read_header(out, w.pos, 0, &t, &hl), CMSFW_DER_OK);
        CU_ASSERT(hl == w.pos && t.len == b[i].len);
    }
    CU_ASSERT_EQUAL(cmsfw_der_tlv_size(31, 1), 4);
    CU_ASSERT_EQUAL(cmsfw_der_tlv_size(4, SIZE_MAX - 1), SIZE_MAX);
}

static void
test_writer_integers(void)
{
    static const uint64_t uv[] = {0, 1, 127, 128, 255, 256, 0x7FFFFFFFu, 0x80000000u,
                                  (uint64_t)1 << 63, UINT64_MAX};
    static const int64_t sv[] = {0, -1, 127, 128, -128, -129, 32767, -32768, INT64_MAX, INT64_MIN};
    uint8_t out[16];
    cmsfw_der_w w;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    uint64_t u = 0;
    int64_t s = 0;
    size_t i;

    for (i = 0; i < sizeof(uv) / sizeof(uv[0]); i++) {
        cmsfw_der_w_init(&w, out, sizeof(out));
        cmsfw_der_put_uint(&w, uv[i]);
        CU_ASSERT_EQUAL(w.pos, cmsfw_der_uint_size(uv[i]));
        cmsfw_der_init(&c, out, w.pos, 0);
        CU_ASSERT_EQUAL(cmsfw_der_expect(&c, U, 0, CMSFW_DER_TAG_INTEGER, &t), CMSFW_DER_OK);
        CU_ASSERT(cmsfw_der_get_uint(&t, &u) == CMSFW_DER_OK && u == uv[i]);
        CU_ASSERT(cmsfw_der_at_end(&c));
    }
    CU_ASSERT_EQUAL(cmsfw_der_uint_size(UINT64_MAX), 11);
    CU_ASSERT_EQUAL(cmsfw_der_uint_size(128), 4);
    for (i = 0; i < sizeof(sv) / sizeof(sv[0]); i++) {
        cmsfw_der_w_init(&w, out, sizeof(out));
        cmsfw_der_put_int(&w, CMSFW_DER_TAG_ENUMERATED, sv[i]);
        CU_ASSERT_EQUAL(w.pos, cmsfw_der_int_size(sv[i]));
        cmsfw_der_init(&c, out, w.pos, 0);
        CU_ASSERT_EQUAL(cmsfw_der_expect(&c, U, 0, CMSFW_DER_TAG_ENUMERATED, &t), CMSFW_DER_OK);
        CU_ASSERT(cmsfw_der_get_int(&t, &s) == CMSFW_DER_OK && s == sv[i]);
    }
    CU_ASSERT_EQUAL(cmsfw_der_int_size(-129), 4);
    CU_ASSERT_EQUAL(cmsfw_der_int_size(INT64_MIN), 10);
}

/* SEQUENCE { INTEGER, OCTET STRING, OID, [31] { NULL } } */
static void
write_record(cmsfw_der_w *w, const uint8_t *data, size_t n)
{
    static const uint8_t oid[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
    size_t inner = cmsfw_der_uint_size(300) + cmsfw_der_tlv_size(4, n) + sizeof(oid) + 2 +
                   cmsfw_der_tlv_size(31, 2);

    cmsfw_der_put_header(w, U, 1, CMSFW_DER_TAG_SEQUENCE, inner);
    cmsfw_der_put_uint(w, 300);
    cmsfw_der_put_octets(w, data, n);
    cmsfw_der_put_oid(w, oid, sizeof(oid));
    cmsfw_der_put_header(w, CMSFW_DER_CONTEXT, 1, 31, 2);
    cmsfw_der_put_bytes(w, (const uint8_t *)"\x05\x00", 2);
}

static void
test_writer_round_trip(void)
{
    uint8_t data[300], out[400];
    cmsfw_der_w w;
    cmsfw_der_cur c, in;
    cmsfw_der_tlv t, u;
    uint64_t v = 0;
    size_t need, i;

    for (i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 7u);
    cmsfw_der_w_init(&w, NULL, 0);
    write_record(&w, data, sizeof(data));
    CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_OK);
    need = w.pos;
    CU_ASSERT_EQUAL(need, 4 + 4 + (4 + 300) + 11 + 5);

    memset(out, 0xEE, sizeof(out));
    cmsfw_der_w_init(&w, out, need);
    write_record(&w, data, sizeof(data));
    CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(w.pos, need);
    CU_ASSERT_EQUAL(out[need], 0xEE);

    cmsfw_der_init(&c, out, need, 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&c, U, 1, CMSFW_DER_TAG_SEQUENCE, &t), CMSFW_DER_OK);
    CU_ASSERT(cmsfw_der_at_end(&c));
    CU_ASSERT_EQUAL(cmsfw_der_walk(&t, 0), CMSFW_DER_OK);
    cmsfw_der_enter(&in, &t, 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_INTEGER, &u), CMSFW_DER_OK);
    CU_ASSERT(cmsfw_der_get_uint(&u, &v) == CMSFW_DER_OK && v == 300);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_OCTET_STRING, &u), CMSFW_DER_OK);
    CU_ASSERT(u.len == sizeof(data) && memcmp(u.val, data, sizeof(data)) == 0);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, U, 0, CMSFW_DER_TAG_OID, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_check_oid(u.val, u.len), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 31, &u), CMSFW_DER_OK);
    CU_ASSERT_EQUAL(cmsfw_der_read(&in, &u), CMSFW_DER_END);

    /* too small: latched, nothing written past the end */
    memset(out, 0xEE, sizeof(out));
    cmsfw_der_w_init(&w, out, need - 1);
    write_record(&w, data, sizeof(data));
    CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_BUFFER);
    CU_ASSERT_EQUAL(w.pos, need);
    CU_ASSERT_EQUAL(out[need - 1], 0xEE);
    /* once latched, later small writes are refused too */
    memset(out, 0xEE, sizeof(out));
    cmsfw_der_w_init(&w, out, 8);
    cmsfw_der_put_octets(&w, data, 10);
    cmsfw_der_put_bytes(&w, data, 1);
    CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_BUFFER);
    CU_ASSERT_EQUAL(w.pos, 13);
    CU_ASSERT_EQUAL(out[0], 0x04);
    CU_ASSERT_EQUAL(out[2], 0xEE);
    CU_ASSERT_EQUAL(out[12], 0xEE);
    /* a count that would wrap is reported as overflow */
    cmsfw_der_w_init(&w, NULL, 0);
    cmsfw_der_put_bytes(&w, data, 1);
    cmsfw_der_put_bytes(&w, data, SIZE_MAX);
    CU_ASSERT_EQUAL(cmsfw_der_w_status(&w), CMSFW_DER_BUFFER);
}

static void
test_high_tags(void)
{
    static const uint32_t tags[] = {30, 31, 127, 128, 16383, 16384, CMSFW_DER_MAX_TAG};
    uint8_t out[16];
    cmsfw_der_w w;
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    size_t i;

    for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
        cmsfw_der_w_init(&w, out, sizeof(out));
        cmsfw_der_put_header(&w, CMSFW_DER_APPLICATION, 0, tags[i], 1);
        cmsfw_der_put_bytes(&w, (const uint8_t *)"\x2A", 1);
        CU_ASSERT_EQUAL(w.pos, cmsfw_der_tlv_size(tags[i], 1));
        cmsfw_der_init(&c, out, w.pos, 0);
        CU_ASSERT_EQUAL(cmsfw_der_expect(&c, CMSFW_DER_APPLICATION, 0, tags[i], &t),
                        CMSFW_DER_OK);
        CU_ASSERT(t.len == 1 && t.val[0] == 0x2A);
    }
    /* one past the limit is written but not read */
    cmsfw_der_w_init(&w, out, sizeof(out));
    cmsfw_der_put_header(&w, CMSFW_DER_PRIVATE, 0, CMSFW_DER_MAX_TAG + 1, 0);
    cmsfw_der_init(&c, out, w.pos, 0);
    CU_ASSERT_EQUAL(cmsfw_der_read(&c, &t), CMSFW_DER_BAD_TAG);
    CU_ASSERT_STRING_EQUAL(cmsfw_der_status_str(CMSFW_DER_TOO_DEEP), "nesting too deep");
}

CU_TestInfo der_write_tests[] = {
    {"writes minimal lengths at boundaries", test_length_boundaries},
    {"writes integers that read back", test_writer_integers},
    {"writes a record, counts it, latches overflow", test_writer_round_trip},
    {"writes and reads high tag numbers", test_high_tags},
    CU_TEST_INFO_NULL,
};
