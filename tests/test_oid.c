/* test_oid.c: the OID table is self-consistent and the converters are strict. */
#include <string.h>

#include <cmsfw/oid.h>

#include "cu_main.h"

/* Every entry's DER equals the conversion of its dotted form, and back. */
static void
test_table_consistent(void)
{
    size_t n, i, j;
    const cmsfw_oid_entry *t = cmsfw_oid_table(&n);

    CU_ASSERT_FATAL(n > 100);
    for (i = 0; i < n; i++) {
        uint8_t der[CMSFW_OID_MAX_LEN];
        char dotted[CMSFW_OID_MAX_DOTTED];
        size_t len = 0;
        cmsfw_bytes b = {t[i].der, t[i].der_len};

        CU_ASSERT_EQUAL(cmsfw_oid_from_dotted(t[i].dotted, der, sizeof der, &len), CMSFW_OK);
        CU_ASSERT_EQUAL(len, t[i].der_len);
        CU_ASSERT(len == t[i].der_len && memcmp(der, t[i].der, len) == 0);
        CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, dotted, sizeof dotted), CMSFW_OK);
        CU_ASSERT_STRING_EQUAL(dotted, t[i].dotted);
        CU_ASSERT_PTR_EQUAL(cmsfw_oid_find(b), &t[i]);
        CU_ASSERT_PTR_EQUAL(cmsfw_oid_lookup(t[i].name), &t[i]);
        CU_ASSERT_PTR_EQUAL(cmsfw_oid_lookup(t[i].dotted), &t[i]);
        for (j = 0; j < i; j++) {
            CU_ASSERT(strcmp(t[i].name, t[j].name) != 0);
            CU_ASSERT(strcmp(t[i].dotted, t[j].dotted) != 0);
        }
    }
}

/* Encodings fixed by the RFCs, checked independently of the table. */
static void
test_known_encodings(void)
{
    static const uint8_t fw[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x10};
    static const uint8_t ed[] = {0x2b, 0x65, 0x70};
    static const uint8_t pen[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59, 0x01, 0x01};
    uint8_t out[CMSFW_OID_MAX_LEN];
    size_t len;
    cmsfw_bytes b = {fw, sizeof fw};

    CU_ASSERT_STRING_EQUAL(cmsfw_oid_name(b), "id-ct-firmwarePackage");
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("1.3.101.112", out, sizeof out, &len), CMSFW_OK);
    CU_ASSERT(len == sizeof ed && memcmp(out, ed, len) == 0);
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("1.3.6.1.4.1.32473.1.1", out, sizeof out, &len), CMSFW_OK);
    CU_ASSERT(len == sizeof pen && memcmp(out, pen, len) == 0);
    b.ptr = pen;
    b.len = sizeof pen;
    CU_ASSERT_PTR_NULL(cmsfw_oid_name(b));
}

static void
test_first_arcs(void)
{
    uint8_t out[CMSFW_OID_MAX_LEN];
    char txt[CMSFW_OID_MAX_DOTTED];
    size_t len;
    cmsfw_bytes b = {out, 0};

    /* 2.999 -> first subidentifier 1079 = 0x88 0x37 */
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("2.999.3", out, sizeof out, &len), CMSFW_OK);
    CU_ASSERT_EQUAL(len, 3);
    CU_ASSERT(out[0] == 0x88 && out[1] == 0x37 && out[2] == 0x03);
    b.len = len;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_OK);
    CU_ASSERT_STRING_EQUAL(txt, "2.999.3");
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("0.39", out, sizeof out, &len), CMSFW_OK);
    CU_ASSERT(len == 1 && out[0] == 39);
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("1.2.18446744073709551615", out, sizeof out, &len),
                    CMSFW_OK);
    CU_ASSERT_EQUAL(len, 11);
    b.len = len;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_OK);
    CU_ASSERT_STRING_EQUAL(txt, "1.2.18446744073709551615");
}

static void
test_bad_dotted(void)
{
    static const char *bad[] = {"", "1", "3.1", "1.40", "0.40", "1..2", "1.2.", ".1.2", "1.02",
                                "1.2.x", "1.2.18446744073709551616", "1.2 ", "-1.2", NULL};
    uint8_t out[CMSFW_OID_MAX_LEN];
    size_t i, len;

    for (i = 0; bad[i] != NULL; i++)
        CU_ASSERT_EQUAL(cmsfw_oid_from_dotted(bad[i], out, sizeof out, &len), CMSFW_E_ARG);
}

static void
test_size_query_and_buffer(void)
{
    uint8_t out[4];
    size_t len = 0;

    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("1.2.840.113549", NULL, 0, &len), CMSFW_OK);
    CU_ASSERT_EQUAL(len, 6);
    CU_ASSERT_EQUAL(cmsfw_oid_from_dotted("1.2.840.113549", out, sizeof out, &len), CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(len, 6);
}

static void
test_bad_der(void)
{
    static const uint8_t nonmin[] = {0x2a, 0x80, 0x01};
    static const uint8_t open[] = {0x2a, 0x86};
    static const uint8_t huge[] = {0x2a, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
    uint8_t longoid[CMSFW_OID_MAX_LEN + 1];
    char txt[CMSFW_OID_MAX_DOTTED];
    cmsfw_bytes b;

    b.ptr = nonmin;
    b.len = sizeof nonmin;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_DECODE_FAILURE);
    b.ptr = open;
    b.len = sizeof open;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_DECODE_FAILURE);
    b.ptr = huge;
    b.len = sizeof huge;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_DECODE_FAILURE);
    b.len = 0;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_DECODE_FAILURE);
    memset(longoid, 0x01, sizeof longoid);
    b.ptr = longoid;
    b.len = sizeof longoid;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_DECODE_FAILURE);
    b.len = CMSFW_OID_MAX_LEN;
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, sizeof txt), CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw_oid_to_dotted(b, txt, 8), CMSFW_E_BUFFER);
    CU_ASSERT_STRING_EQUAL(txt, "");
}

static CU_TestInfo oid_tests[] = {
    {"table entries agree with the converter", test_table_consistent},
    {"known encodings", test_known_encodings},
    {"first two arcs", test_first_arcs},
    {"malformed dotted text", test_bad_dotted},
    {"size query and short buffer", test_size_query_and_buffer},
    {"malformed DER content", test_bad_der},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"oid", NULL, NULL, NULL, NULL, oid_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
