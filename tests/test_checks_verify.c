/*
 * test_checks_verify.c: cmsfw_verify_content() on signed load receipts
 * made by openssl cms (tests/data/checks/generate.sh) and on SignedData
 * built here with one defect each.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/protect.h>

#include "tests/checks_util.h"
#include "tests/cu_main.h"

#define D "tests/data/checks/"
#define OID_RECEIPT "\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x11"

static ck C;
static cb CI;

static cmsfw_err
verify_buf(const uint8_t *p, size_t n, const cmsfw_anchor *a, size_t na, cmsfw_bytes *ct,
           cmsfw_bytes *content)
{
    cmsfw_diag d;
    cmsfw_err e;

    d.msg[0] = '\0';
    e = cmsfw_verify_content(p, n, a, na, ct, content, &d);
    if (e != CMSFW_OK && getenv("VERBOSE") != NULL)
        printf("\n  %s: %s\n", cmsfw_err_name(e), d.msg);
    return e;
}

/* Where @needle first occurs in @hay, or NULL. */
static uint8_t *
find(uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
    size_t i;

    for (i = 0; i + m <= n; i++)
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    return NULL;
}

static void
t_openssl_receipts(void)
{
    static uint8_t copy[4096];
    tb_buf ski = tb_load(D "receipt-ski.der"), isn = tb_load(D "receipt-isn.der");
    tb_buf receipt = tb_load(D "receipt.der"), leaf = tb_load(D "leaf.der");
    tb_buf spki = tb_load(D "leaf.spki.der"), root = tb_load(D "root.der");
    tb_buf root_spki = tb_load(D "root.spki.der");
    cmsfw_anchor a;
    cmsfw_bytes ct, content;
    cmsfw_key k;
    uint8_t *at;

    CU_ASSERT_FATAL(ski.ptr && isn.ptr && receipt.ptr && leaf.ptr && spki.ptr && root.ptr &&
                    root_spki.ptr && ski.len <= sizeof copy);
    CU_ASSERT_FATAL(cmsfw_key_parse(&k, tb_view(leaf), CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    memset(&a, 0, sizeof a);
    a.spki = tb_view(spki);
    a.cert = tb_view(leaf);
    CU_ASSERT_EQUAL(verify_buf(ski.ptr, ski.len, &a, 1, &ct, &content), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq_raw(ct, LIT(OID_RECEIPT)));
    CU_ASSERT(cmsfw__bytes_eq(content, tb_view(receipt)));
    CU_ASSERT_EQUAL(verify_buf(isn.ptr, isn.len, &a, 1, &ct, &content), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq(content, tb_view(receipt)));
    /* a bare key named by its key id; no certificate: issuer and serial
     * number cannot name it */
    a.cert = tb_bytes(NULL, 0);
    a.key_id = k.ski;
    CU_ASSERT_EQUAL(verify_buf(ski.ptr, ski.len, &a, 1, NULL, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(verify_buf(isn.ptr, isn.len, &a, 1, NULL, NULL), CMSFW_NO_TRUST_ANCHOR);
    a.key_id = tb_bytes(LIT(CK_KEY_ID));
    CU_ASSERT_EQUAL(verify_buf(ski.ptr, ski.len, &a, 1, NULL, NULL), CMSFW_NO_TRUST_ANCHOR);
    /* the CA is not the module: no path is built */
    a.spki = tb_view(root_spki);
    a.cert = tb_view(root);
    a.key_id = tb_bytes(NULL, 0);
    CU_ASSERT_EQUAL(verify_buf(ski.ptr, ski.len, &a, 1, NULL, NULL), CMSFW_NO_TRUST_ANCHOR);
    /* a changed receipt octet */
    a.spki = tb_view(spki);
    a.cert = tb_view(leaf);
    memcpy(copy, ski.ptr, ski.len);
    at = find(copy, ski.len, receipt.ptr, receipt.len);
    CU_ASSERT_FATAL(at != NULL);
    at[receipt.len - 1] ^= 0x01;
    CU_ASSERT_EQUAL(verify_buf(copy, ski.len, &a, 1, &ct, &content), CMSFW_SIGNATURE_FAILURE);
    CU_ASSERT_PTR_NULL(content.ptr);
    at[receipt.len - 1] ^= 0x01;
    /* framing */
    CU_ASSERT_EQUAL(verify_buf(copy, ski.len - 1, &a, 1, NULL, NULL), CMSFW_DECODE_FAILURE);
    copy[ski.len] = 0;
    CU_ASSERT_EQUAL(verify_buf(copy, ski.len + 1, &a, 1, NULL, NULL), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verify_buf(NULL, 0, &a, 1, NULL, NULL), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verify_buf(NULL, 5, &a, 1, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(verify_buf(copy, ski.len, NULL, 1, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(verify_buf(copy, ski.len, NULL, 0, NULL, NULL), CMSFW_NO_TRUST_ANCHOR);
    tb_free(&ski);
    tb_free(&isn);
    tb_free(&receipt);
    tb_free(&leaf);
    tb_free(&spki);
    tb_free(&root);
    tb_free(&root_spki);
}

/* A receipt-shaped SignedData signed by the default ck key (anchor
 * CK_KEY_ID), with content-type and message-digest only. */
static void
receipt_ck(void)
{
    static const uint8_t ct_value[] = "\x06\x0b" OID_RECEIPT;

    ck_init(&C);
    ck_del_attr(&C, LIT(CMSFW__OID_AT_PKG_ID));
    ck_del_attr(&C, LIT(CMSFW__OID_AT_TARGETS));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct_value, sizeof ct_value - 1);
    sb_set(&C.econtent_type, LIT(OID_RECEIPT));
}

static cmsfw_err
run_ci(void)
{
    ck_content_info(&C, &CI);
    return verify_buf(CI.b, CI.n, C.anchors, C.n_anchors, NULL, NULL);
}

static void
t_built(void)
{
    cmsfw_bytes ct, content, cert;

    receipt_ck();
    ck_content_info(&C, &CI);
    CU_ASSERT_EQUAL(verify_buf(CI.b, CI.n, C.anchors, 1, &ct, &content), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq_raw(content, C.econtent.b, C.econtent.n));
    CU_ASSERT(cmsfw__bytes_eq_raw(ct, LIT(OID_RECEIPT)));
    /* anchor flags do not matter for receipts */
    C.anchors[0].flags = 0;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_OK);
    /* version and sid */
    C.version = 1;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNER_INFO);
    ck_signer(&C, D "leaf.pk8.der", D "leaf.spki.der", CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_ECDSA_SHA256), NULL, 0);
    cert = ck_keep(&C, D "leaf.der");
    C.anchors[0].cert = cert;
    ck_sid_cert(&C, cert);
    CU_ASSERT_EQUAL(run_ci(), CMSFW_OK);
    C.version = 3;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNER_INFO);
    /* attributes */
    receipt_ck();
    sb_set(&C.unsigned_attrs, LIT("\xA1\x0b\x30\x09\x06\x03\x2a\x03\x04\x31\x02\x05\x00"));
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_UNSIGNED_ATTRS);
    receipt_ck();
    ck_del_attr(&C, LIT(CMSFW__OID_AT_MESSAGE_DIGEST));
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNED_ATTRS);
    receipt_ck();
    ck_del_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE));
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNED_ATTRS);
    receipt_ck();
    sb_set(&C.econtent_type, LIT("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x12"));
    CU_ASSERT_EQUAL(run_ci(), CMSFW_CONTENT_TYPE_MISMATCH);
    receipt_ck();
    C.unsorted = 1;
    {
        ck_attr tmp = C.attrs[0];
        C.attrs[0] = C.attrs[1];
        C.attrs[1] = tmp;
    }
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNED_ATTRS);
    receipt_ck();
    C.flip_sig = 1;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_SIGNATURE_FAILURE);
    receipt_ck();
    C.version = 3;
    sb_alg(&C.digest_alg, LIT("\x2b\x0e\x03\x02\x1a"), NULL, 0);
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_DIGEST_ALGORITHM);
    ck_free(&C);
}

static void
t_built_framing(void)
{
    uint8_t *at;

    receipt_ck();
    C.ci_no_econtent = 1;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_MISSING_CONTENT);
    receipt_ck();
    C.ci_segmented = 1;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_DECODE_FAILURE);
    receipt_ck();
    C.ci_two_digests = 1;
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_SIGNED_DATA);
    receipt_ck();
    sb_set(&C.ci_extra_cert, LIT("\xA1\x03\x02\x01\x00"));
    CU_ASSERT_EQUAL(run_ci(), CMSFW_BAD_CERTIFICATE);
    receipt_ck();
    ck_add_cert(&C, D "leaf.der"); /* a certificate that is carried changes nothing */
    CU_ASSERT_EQUAL(run_ci(), CMSFW_OK);
    receipt_ck();
    ck_content_info(&C, &CI);
    at = find(CI.b, CI.n, LIT("\x02\x01\x03\x31"));
    CU_ASSERT_FATAL(at != NULL);
    at[2] = 1;
    CU_ASSERT_EQUAL(verify_buf(CI.b, CI.n, C.anchors, 1, NULL, NULL), CMSFW_BAD_SIGNED_DATA);
    at[2] = 3;
    at = find(CI.b, CI.n, LIT(CMSFW__OID_SIGNED_DATA));
    CU_ASSERT_FATAL(at != NULL);
    at[sizeof(CMSFW__OID_SIGNED_DATA) - 2] = 3;
    CU_ASSERT_EQUAL(verify_buf(CI.b, CI.n, C.anchors, 1, NULL, NULL), CMSFW_BAD_CONTENT_INFO);
    ck_free(&C);
}

static CU_TestInfo tests[] = {
    {"receipts signed by openssl cms", t_openssl_receipts},
    {"receipts built here: SignerInfo and attributes", t_built},
    {"receipts built here: ContentInfo and SignedData", t_built_framing},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"verify-content", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
