/*
 * test_inspect.c: cmsfw_inspect() finds the content type whatever the
 * wrapping (bare, ContentInfo, SignedData in DER or BER) and reports the
 * fields; malformed wrappings get the code of the structure at fault.
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>
#include <cmsfw/inspect.h>

#include "asn1/der.h"
#include "cu_main.h"

/* The receipt of the RFC 4108 digest's worked example. */
static const uint8_t receipt_der[] = {
    0x30, 0x2d, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59, 0x01, 0x01, 0x04, 0x04,
    0x00, 0x01, 0x02, 0x03, 0x30, 0x0f, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59,
    0x02, 0x01, 0x02, 0x01, 0x07, 0x04, 0x04, 0xaa, 0xaa, 0xaa, 0xaa, 0x81, 0x02, 0xbb, 0xbb};

#include "ber_builder.h"

static void
check_receipt_fields(const cmsfw_inspection *in)
{
    CU_ASSERT_EQUAL(in->kind, CMSFW_INSPECT_RECEIPT);
    CU_ASSERT_EQUAL(in->receipt.name.form, CMSFW_NAME_PREFERRED);
    CU_ASSERT_EQUAL(in->receipt.name.version, 7);
    CU_ASSERT_EQUAL(in->receipt.hw_serial.len, 4);
    CU_ASSERT_EQUAL(in->receipt.decrypt_key_id.len, 2);
}

static void
test_bare_receipt(void)
{
    cmsfw_inspection in;

    CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, receipt_der, sizeof receipt_der, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(in.wrap, CMSFW_WRAP_BARE);
    check_receipt_fields(&in);
    cmsfw_inspection_free(&in);
}

static void
test_content_info_receipt(void)
{
    uint8_t buf[256];
    size_t n = 0;
    cmsfw_bytes type = {oid_receipt, sizeof oid_receipt}, content = {receipt_der, sizeof receipt_der};
    cmsfw_inspection in;

    CU_ASSERT_EQUAL_FATAL(cmsfw_content_info_encode(type, content, buf, sizeof buf, &n, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, buf, n, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(in.wrap, CMSFW_WRAP_CONTENT_INFO);
    check_receipt_fields(&in);
    cmsfw_inspection_free(&in);
}

static void
test_ber_signed_receipt(void)
{
    uint8_t buf[512];
    size_t seg, n;
    cmsfw_inspection in;
    cmsfw_diag diag = {""};

    /* Segments of 1, 5 and the whole: the joined content must decode alike. */
    for (seg = 1; seg <= sizeof receipt_der; seg = seg == 1 ? 5 : sizeof receipt_der) {
        n = build_ber_signed(buf, sizeof buf, oid_receipt, sizeof oid_receipt, receipt_der,
                             sizeof receipt_der, seg);
        CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, buf, n, &diag), CMSFW_OK);
        CU_ASSERT_EQUAL(in.wrap, CMSFW_WRAP_SIGNED_DATA);
        CU_ASSERT_EQUAL(in.signed_data.version, 3);
        CU_ASSERT_EQUAL(in.signed_data.econtent_len, sizeof receipt_der);
        CU_ASSERT_EQUAL(in.signed_data.econtent_segments, (sizeof receipt_der + seg - 1) / seg);
        CU_ASSERT_EQUAL(in.signed_data.sid_kind, CMSFW_SID_SKI);
        CU_ASSERT_EQUAL(in.signed_data.n_signed_attrs, 1);
        CU_ASSERT_EQUAL(in.signed_data.signed_attrs[0].n_values, 1);
        check_receipt_fields(&in);
        cmsfw_inspection_free(&in);
        if (seg == sizeof receipt_der)
            break;
    }
}

static void
test_signed_firmware(void)
{
    uint8_t image[300], buf[1024];
    size_t i, n;
    cmsfw_inspection in;

    for (i = 0; i < sizeof image; i++)
        image[i] = (uint8_t)(i * 7);
    n = build_ber_signed(buf, sizeof buf, oid_fw, sizeof oid_fw, image, sizeof image, 100);
    CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&in, buf, n, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(in.kind, CMSFW_INSPECT_PACKAGE);
    CU_ASSERT_EQUAL(in.firmware_len, sizeof image);
    CU_ASSERT_EQUAL_FATAL(in.firmware.len, sizeof image);
    CU_ASSERT(memcmp(in.firmware.ptr, image, sizeof image) == 0);
    CU_ASSERT_PTR_NULL(in.layer_type.ptr);
    cmsfw_inspection_free(&in);
}

static void
test_truncations_fail(void)
{
    uint8_t buf[512];
    size_t n, cut;
    cmsfw_inspection in;

    n = build_ber_signed(buf, sizeof buf, oid_receipt, sizeof oid_receipt, receipt_der,
                         sizeof receipt_der, 7);
    for (cut = 0; cut < n; cut++) {
        uint8_t *copy = malloc(cut + 1); /* exact-size copy: ASan sees any over-read */
        CU_ASSERT_FATAL(copy != NULL);
        memcpy(copy, buf, cut);
        CU_ASSERT_NOT_EQUAL(cmsfw_inspect(&in, copy, cut, NULL), CMSFW_OK);
        free(copy);
    }
}

static void
test_wrong_types(void)
{
    static const uint8_t not_ber[] = {0x30, 0x05, 0x01};
    static const uint8_t trailing[] = {0x04, 0x01, 0xaa, 0x00};
    static const uint8_t unknown_ci[] = {0x30, 0x08, 0x06, 0x02, 0x2a, 0x03, 0xa0, 0x02, 0x05, 0x00};
    static const uint8_t int_top[] = {0x02, 0x01, 0x01};
    uint8_t buf[512];
    size_t n;
    cmsfw_inspection in;
    cmsfw_diag diag = {""};

    CU_ASSERT_EQUAL(cmsfw_inspect(&in, not_ber, sizeof not_ber, NULL), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_inspect(&in, trailing, sizeof trailing, &diag), CMSFW_DECODE_FAILURE);
    CU_ASSERT(strstr(diag.msg, "after") != NULL);
    CU_ASSERT_EQUAL(cmsfw_inspect(&in, unknown_ci, sizeof unknown_ci, NULL), CMSFW_BAD_CONTENT_INFO);
    CU_ASSERT_EQUAL(cmsfw_inspect(&in, int_top, sizeof int_top, NULL), CMSFW_DECODE_FAILURE);
    /* eContentType that is no RFC 4108 type: id-signedData itself */
    n = build_ber_signed(buf, sizeof buf, oid_signed_data, sizeof oid_signed_data, receipt_der,
                         sizeof receipt_der, 10);
    CU_ASSERT_EQUAL(cmsfw_inspect(&in, buf, n, NULL), CMSFW_BAD_ENCAP_CONTENT);
}

static CU_TestInfo inspect_tests[] = {
    {"bare receipt", test_bare_receipt},
    {"receipt in ContentInfo", test_content_info_receipt},
    {"receipt in BER SignedData, segmented", test_ber_signed_receipt},
    {"firmware package in BER SignedData", test_signed_firmware},
    {"every truncation fails", test_truncations_fail},
    {"wrong or unknown types", test_wrong_types},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"inspect", NULL, NULL, NULL, NULL, inspect_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
