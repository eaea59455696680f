/*
 * test_codec_reports.c: cmsfw/fw.h codec, part 2: load receipts and error
 * reports, CommunityIdentifiers and FirmwarePackageInfo, each with its
 * worked example, every CHOICE alternative, and each way an encoder refuses
 * a value or a decoder refuses DER. WrappedFirmwareKey is in
 * tests/test_codec_wrapped.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include "tests/cu_main.h"
#include "tests/test_asn1_util.h"

#define PEN "2b0601040181fd59" /* 1.3.6.1.4.1.32473 */
#define PEN_DOT "1.3.6.1.4.1.32473"
#define HW_TYPE "060a" PEN "0101"
#define SERIAL "040400010203"

/* Worked examples of the RFC 4108 digest (pyasn1-modules encodings). */
#define RECEIPT_HEX "302d" HW_TYPE SERIAL "300f060a" PEN "02010201070404aaaaaaaa8102bbbb"
#define ERROR_HEX                                                                                  \
    "3033" HW_TYPE SERIAL "0a011c040452312e32a1163014020101300f060a" PEN "020102"                  \
    "0109"
#define COMMUNITIES_HEX "302c060a" PEN "0301301e060a" PEN "01013010050004020010300804020100040201ff"
#define PKG_INFO_HEX "30160201023011300f060a" PEN "0209020103"

static cmsfw_err
enc_receipt(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_receipt_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_error(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_error_report_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_communities(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_communities_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_pkg_info(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_pkg_info_encode(in, out, out_len, written, diag);
}

/* A decoder's answer for @hex, with the reason in @d. */
#define DECODE(T, v, hex, d)                                                                       \
    (cmsfw_##T##_decode(&(v), tu_hex(hex).ptr, tu_unhex(hex, scratch, sizeof scratch), &(d)))

static uint8_t scratch[4096];

/* ------------------------------------------------------------ receipts */

static cmsfw_receipt
worked_receipt(void)
{
    cmsfw_receipt r;

    memset(&r, 0, sizeof r);
    r.hw_type = tu_oid(PEN_DOT ".1.1");
    r.hw_serial = tu_hex("00010203");
    r.name = tu_preferred(PEN_DOT ".2.1", 7);
    r.trust_anchor_key_id = tu_hex("aaaaaaaa");
    r.decrypt_key_id = tu_hex("bbbb");
    return r;
}

static void
test_receipt_worked_example(void)
{
    cmsfw_receipt r, back;
    cmsfw_diag d = { "" };

    tu_reset();
    r = worked_receipt();
    tu_check_encoding(enc_receipt, &r, RECEIPT_HEX);
    CU_ASSERT_EQUAL_FATAL(DECODE(receipt, back, RECEIPT_HEX, d), CMSFW_OK);
    CU_ASSERT(tu_oid_is(back.hw_type, PEN_DOT ".1.1"));
    CU_ASSERT(tu_bytes_are(back.hw_serial, "00010203"));
    CU_ASSERT_EQUAL(back.name.form, CMSFW_NAME_PREFERRED);
    CU_ASSERT(tu_oid_is(back.name.oid, PEN_DOT ".2.1"));
    CU_ASSERT_EQUAL(back.name.version, 7);
    CU_ASSERT(tu_bytes_are(back.trust_anchor_key_id, "aaaaaaaa"));
    CU_ASSERT(tu_bytes_are(back.decrypt_key_id, "bbbb"));
    tu_check_encoding(enc_receipt, &back, RECEIPT_HEX);
    cmsfw_receipt_free(&back);
    CU_ASSERT_PTR_NULL(back.hw_type.ptr);
    cmsfw_receipt_free(&back);
}

static void
test_receipt_variants(void)
{
    cmsfw_receipt r, back;
    cmsfw_diag d = { "" };
    uint8_t out[700];
    size_t w = 0;

    tu_reset();
    r = worked_receipt();
    r.decrypt_key_id.ptr = NULL;
    tu_check_encoding(enc_receipt, &r,
                      "3029" HW_TYPE SERIAL "300f060a" PEN "02010201070404aaaaaaaa");
    r.trust_anchor_key_id.ptr = NULL;
    r.decrypt_key_id = tu_hex("");
    r.name = tu_legacy("52312e32");
    r.hw_serial = tu_hex("");
    tu_check_encoding(enc_receipt, &r, "3016" HW_TYPE "0400040452312e328100");
    CU_ASSERT_EQUAL(DECODE(receipt, back, "3016" HW_TYPE "0400040452312e328100", d), CMSFW_OK);
    CU_ASSERT(back.hw_serial.ptr != NULL && back.hw_serial.len == 0);
    CU_ASSERT(back.decrypt_key_id.ptr != NULL && back.decrypt_key_id.len == 0);
    CU_ASSERT_PTR_NULL(back.trust_anchor_key_id.ptr);
    CU_ASSERT_EQUAL(back.name.form, CMSFW_NAME_LEGACY);
    r.decrypt_key_id.ptr = NULL;
    tu_check_encoding(enc_receipt, &r, "3014" HW_TYPE "0400040452312e32");

    /* long serial and key identifiers */
    r.hw_serial = tu_fill(300, 0);
    r.trust_anchor_key_id = tu_fill(200, 1);
    r.name = tu_preferred("1.2.3", UINT64_MAX);
    CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_encode(&r, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(back.hw_serial.len, 300);
    CU_ASSERT_EQUAL(back.trust_anchor_key_id.len, 200);
    CU_ASSERT_EQUAL(back.name.version, UINT64_MAX);
    CU_ASSERT(back.hw_serial.ptr > out && back.hw_serial.ptr < out + w);

    /* arcs libtasn1 cannot hold (2^63 and above), in two places */
    r.hw_type = tu_oid("1.3.6.1.4.1.9223372036854775808");
    r.name = tu_preferred("2.18446744073709551535.18446744073709551615", 1);
    CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_encode(&r, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT(tu_oid_is(back.hw_type, "1.3.6.1.4.1.9223372036854775808"));
    CU_ASSERT(tu_oid_is(back.name.oid, "2.18446744073709551535.18446744073709551615"));
}

static void
test_receipt_version(void)
{
    cmsfw_receipt back;
    cmsfw_diag d = { "" };
    static const char tail[] = HW_TYPE SERIAL "300f060a" PEN "02010201070404aaaaaaaa8102bbbb";
    char hex[256];

    tu_reset();
    /* an explicit v1 is accepted, and left out again on encoding */
    snprintf(hex, sizeof hex, "3030020101%s", tail);
    CU_ASSERT_EQUAL_FATAL(DECODE(receipt, back, hex, d), CMSFW_OK);
    CU_ASSERT_EQUAL(back.name.version, 7);
    tu_check_encoding(enc_receipt, &back, RECEIPT_HEX);

    snprintf(hex, sizeof hex, "3030020102%s", tail);
    CU_ASSERT_EQUAL(DECODE(receipt, back, hex, d), CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "version 2 is not v1");
    CU_ASSERT_PTR_NULL(back.hw_type.ptr);
    snprintf(hex, sizeof hex, "3030020100%s", tail);
    CU_ASSERT_EQUAL(DECODE(receipt, back, hex, d), CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "version 0 is not v1");
    snprintf(hex, sizeof hex, "30300201ff%s", tail);
    CU_ASSERT_EQUAL(DECODE(receipt, back, hex, d), CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "negative");
    snprintf(hex, sizeof hex, "3038020900ffffffffffffffff%s", tail);
    CU_ASSERT_EQUAL(DECODE(receipt, back, hex, d), CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "is not v1");
}

static void
test_receipt_refused(void)
{
    cmsfw_receipt r, back;
    cmsfw_diag d = { "" };

    tu_reset();
    r = worked_receipt();
    r.hw_type.ptr = NULL;
    tu_check_refused(enc_receipt, &r, "hwType");
    r = worked_receipt();
    r.hw_serial.ptr = NULL;
    tu_check_refused(enc_receipt, &r, "hwSerialNum");
    r = worked_receipt();
    r.name.form = (cmsfw_name_form)0;
    tu_check_refused(enc_receipt, &r, "neither preferred nor legacy");

    CU_ASSERT_EQUAL(DECODE(receipt, back, RECEIPT_HEX "00", d), CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "1 trailing bytes");
    /* decryptKeyID is [1] (81), not [0] (80) */
    CU_ASSERT_EQUAL(DECODE(receipt, back,
                           "302d" HW_TYPE SERIAL "300f060a" PEN "02010201070404aaaaaaaa8002bbbb",
                           d),
                    CMSFW_DECODE_FAILURE);
    /* fwPkgName is mandatory */
    CU_ASSERT_EQUAL(DECODE(receipt, back, "3012" HW_TYPE SERIAL, d), CMSFW_DECODE_FAILURE);
    /* a length past the end of the value */
    CU_ASSERT_EQUAL(DECODE(receipt, back,
                           "302e" HW_TYPE SERIAL "300f060a" PEN "02010201070404aaaaaaaa8102bbbb",
                           d),
                    CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "past the end");
    CU_ASSERT_PTR_NULL(back.hw_type.ptr);
}

/* -------------------------------------------------------- error reports */

static void
test_error_worked_example(void)
{
    cmsfw_fw_config cfg;
    cmsfw_error_report e, back;
    cmsfw_diag d = { "" };

    tu_reset();
    memset(&e, 0, sizeof e);
    memset(&cfg, 0, sizeof cfg);
    e.hw_type = tu_oid(PEN_DOT ".1.1");
    e.hw_serial = tu_hex("00010203");
    e.error_code = CMSFW_STALE_PACKAGE;
    e.has_name = 1;
    e.name = tu_legacy("52312e32");
    cfg.has_type = 1;
    cfg.type = 1;
    cfg.name = tu_preferred(PEN_DOT ".2.1", 9);
    e.has_config = 1;
    e.config = &cfg;
    e.n_config = 1;
    tu_check_encoding(enc_error, &e, ERROR_HEX);

    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back, ERROR_HEX, d), CMSFW_OK);
    CU_ASSERT_EQUAL(back.error_code, 28);
    CU_ASSERT_EQUAL(cmsfw_error_report_code(&back), CMSFW_STALE_PACKAGE);
    CU_ASSERT_FALSE(back.has_vendor_code);
    CU_ASSERT(back.has_name && back.name.form == CMSFW_NAME_LEGACY);
    CU_ASSERT(tu_bytes_are(back.name.legacy, "52312e32"));
    CU_ASSERT(back.has_config && back.n_config == 1);
    CU_ASSERT(back.config[0].has_type && back.config[0].type == 1);
    CU_ASSERT_EQUAL(back.config[0].name.version, 9);
    tu_check_encoding(enc_error, &back, ERROR_HEX);
    cmsfw_error_report_free(&back);
    CU_ASSERT_PTR_NULL(back.config);
    cmsfw_error_report_free(&back);
}

static cmsfw_error_report
minimal_report(int64_t code)
{
    cmsfw_error_report e;

    memset(&e, 0, sizeof e);
    e.hw_type = tu_oid(PEN_DOT ".1.1");
    e.hw_serial = tu_hex("00010203");
    e.error_code = code;
    return e;
}

static void
test_error_codes(void)
{
    static const int64_t unassigned[] = { 0, 37, 50, 98, 100, -1, INT64_MAX };
    cmsfw_error_report e, back;
    cmsfw_diag d = { "" };
    char hex[128];
    size_t k;
    int64_t code;

    tu_reset();
    for (code = 1; code <= 99; code++) {
        if (!cmsfw_err_is_rfc((int)code))
            continue;
        e = minimal_report(code);
        e.has_vendor_code = code == CMSFW_OTHER_ERROR;
        snprintf(hex, sizeof hex, "30%02x" HW_TYPE SERIAL "0a01%02x%s", e.has_vendor_code ? 24 : 21,
                 (unsigned)code, e.has_vendor_code ? "020100" : "");
        tu_check_encoding(enc_error, &e, hex);
        CU_ASSERT_EQUAL(DECODE(error_report, back, hex, d), CMSFW_OK);
        CU_ASSERT_EQUAL(cmsfw_error_report_code(&back), (cmsfw_err)code);
    }
    for (k = 0; k < sizeof unassigned / sizeof unassigned[0]; k++) {
        e = minimal_report(unassigned[k]);
        e.has_vendor_code = 1;
        tu_check_refused(enc_error, &e, "not assigned by RFC 4108");
    }
    e = minimal_report(CMSFW_OTHER_ERROR);
    tu_check_refused(enc_error, &e, "otherError needs a vendorErrorCode");

    /* decoders keep what was sent: 37 is unassigned, read as otherError */
    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back, "3015" HW_TYPE SERIAL "0a0125", d), CMSFW_OK);
    CU_ASSERT_EQUAL(back.error_code, 37);
    CU_ASSERT_EQUAL(cmsfw_error_report_code(&back), CMSFW_OTHER_ERROR);
    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back, "3016" HW_TYPE SERIAL "0a020100", d),
                          CMSFW_OK);
    CU_ASSERT_EQUAL(back.error_code, 256);
    CU_ASSERT_EQUAL(cmsfw_error_report_code(&back), CMSFW_OTHER_ERROR);
    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back, "3015" HW_TYPE SERIAL "0a01ff", d), CMSFW_OK);
    CU_ASSERT_EQUAL(back.error_code, -1);
    CU_ASSERT_EQUAL(cmsfw_error_report_code(&back), CMSFW_OTHER_ERROR);
    /* otherError without vendorErrorCode is reported as sent */
    CU_ASSERT_EQUAL(DECODE(error_report, back, "3015" HW_TYPE SERIAL "0a0163", d), CMSFW_OK);
    CU_ASSERT(back.error_code == 99 && !back.has_vendor_code);
    CU_ASSERT_EQUAL(cmsfw_error_report_code(NULL), CMSFW_OTHER_ERROR);
    /* errorCode is an ENUMERATED (0a), not an INTEGER (02) */
    CU_ASSERT_EQUAL(DECODE(error_report, back, "3015" HW_TYPE SERIAL "02011c", d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(DECODE(error_report, back,
                           "301e" HW_TYPE SERIAL "0a0a010000000000000000"
                           "00",
                           d),
                    CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "64-bit signed range");
}

static void
test_error_fields(void)
{
    cmsfw_fw_config cfg[3];
    cmsfw_error_report e, back;
    cmsfw_diag d = { "" };
    uint8_t out[600];
    size_t w = 0;

    tu_reset();
    e = minimal_report(CMSFW_OTHER_ERROR);
    e.has_vendor_code = 1;
    e.vendor_code = -1;
    tu_check_encoding(enc_error, &e, "3018" HW_TYPE SERIAL "0a01630201ff");
    e.vendor_code = INT64_MIN;
    tu_check_encoding(enc_error, &e,
                      "301f" HW_TYPE SERIAL "0a0163020880000000000000"
                      "00");
    e.vendor_code = INT64_MAX;
    tu_check_encoding(enc_error, &e,
                      "301f" HW_TYPE SERIAL "0a0163020"
                      "87fffffffffffffff");
    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back,
                                 "301f" HW_TYPE SERIAL "0a01630208"
                                 "7fffffffffffffff",
                                 d),
                          CMSFW_OK);
    CU_ASSERT(back.has_vendor_code && back.vendor_code == INT64_MAX);

    /* an empty config list is written as [1] with nothing in it */
    e = minimal_report(CMSFW_BAD_FIRMWARE);
    e.has_config = 1;
    tu_check_encoding(enc_error, &e, "3017" HW_TYPE SERIAL "0a0122a100");
    CU_ASSERT_EQUAL_FATAL(DECODE(error_report, back, "3017" HW_TYPE SERIAL "0a0122a100", d),
                          CMSFW_OK);
    CU_ASSERT(back.has_config && back.n_config == 0 && back.config == NULL);
    e.n_config = 2;
    tu_check_refused(enc_error, &e, "no array");

    /* several entries, with and without fwPkgType, and a preferred name */
    memset(cfg, 0, sizeof cfg);
    cfg[0].name = tu_legacy("41");
    cfg[1].has_type = 1;
    cfg[1].type = -5;
    cfg[1].name = tu_preferred("1.2.3", 0);
    cfg[2].has_type = 1;
    cfg[2].type = 70000;
    cfg[2].name = tu_legacy("");
    e.config = cfg;
    e.n_config = 3;
    e.has_name = 1;
    e.name = tu_preferred("1.2.3", 4);
    tu_check_encoding(enc_error, &e,
                      "303c" HW_TYPE SERIAL "0a0122"
                      "300706022a03020104"
                      "a11c"
                      "30030401"
                      "41"
                      "300c0201fb300706022a03020100"
                      "3007020301117004"
                      "00");
    CU_ASSERT_EQUAL_FATAL(cmsfw_error_report_encode(&e, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_error_report_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(back.n_config, 3);
    CU_ASSERT_FALSE(back.config[0].has_type);
    CU_ASSERT_EQUAL(back.config[1].type, -5);
    CU_ASSERT_EQUAL(back.config[2].type, 70000);
    CU_ASSERT(back.config[2].name.legacy.ptr != NULL && back.config[2].name.legacy.len == 0);
    cmsfw_error_report_free(&back);

    e.name.form = (cmsfw_name_form)9;
    tu_check_refused(enc_error, &e, "form 9");
    e.has_name = 0;
    cfg[1].name.oid.ptr = NULL;
    tu_check_refused(enc_error, &e, "OBJECT IDENTIFIER missing");
    /* config is [1] (a1), not a bare SEQUENCE OF */
    CU_ASSERT_EQUAL(DECODE(error_report, back, "3017" HW_TYPE SERIAL "0a01223000", d),
                    CMSFW_DECODE_FAILURE);
}

/* ---------------------------------------------------------- communities */

static void
test_communities_worked_example(void)
{
    cmsfw_serial_entry entries[3];
    cmsfw_community c[2];
    cmsfw_communities cs, back;
    cmsfw_diag d = { "" };

    tu_reset();
    memset(entries, 0, sizeof entries);
    memset(c, 0, sizeof c);
    entries[0].kind = CMSFW_SERIAL_ALL;
    entries[1].kind = CMSFW_SERIAL_SINGLE;
    entries[1].low = tu_hex("0010");
    entries[2].kind = CMSFW_SERIAL_BLOCK;
    entries[2].low = tu_hex("0100");
    entries[2].high = tu_hex("01ff");
    c[0].kind = CMSFW_COMMUNITY_OID;
    c[0].oid = tu_oid(PEN_DOT ".3.1");
    c[1].kind = CMSFW_COMMUNITY_MODULES;
    c[1].hw_type = tu_oid(PEN_DOT ".1.1");
    c[1].entries = entries;
    c[1].n_entries = 3;
    cs.items = c;
    cs.n = 2;
    tu_check_encoding(enc_communities, &cs, COMMUNITIES_HEX);

    CU_ASSERT_EQUAL_FATAL(DECODE(communities, back, COMMUNITIES_HEX, d), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(back.n, 2);
    CU_ASSERT_EQUAL(back.items[0].kind, CMSFW_COMMUNITY_OID);
    CU_ASSERT(tu_oid_is(back.items[0].oid, PEN_DOT ".3.1"));
    CU_ASSERT_EQUAL(back.items[1].kind, CMSFW_COMMUNITY_MODULES);
    CU_ASSERT(tu_oid_is(back.items[1].hw_type, PEN_DOT ".1.1"));
    CU_ASSERT_EQUAL_FATAL(back.items[1].n_entries, 3);
    CU_ASSERT_EQUAL(back.items[1].entries[0].kind, CMSFW_SERIAL_ALL);
    CU_ASSERT_EQUAL(back.items[1].entries[1].kind, CMSFW_SERIAL_SINGLE);
    CU_ASSERT(tu_bytes_are(back.items[1].entries[1].low, "0010"));
    CU_ASSERT_EQUAL(back.items[1].entries[2].kind, CMSFW_SERIAL_BLOCK);
    CU_ASSERT(tu_bytes_are(back.items[1].entries[2].low, "0100"));
    CU_ASSERT(tu_bytes_are(back.items[1].entries[2].high, "01ff"));
    tu_check_encoding(enc_communities, &back, COMMUNITIES_HEX);
    cmsfw_communities_free(&back);
    CU_ASSERT_PTR_NULL(back.items);
    cmsfw_communities_free(&back);
}

static void
test_communities_edges(void)
{
    cmsfw_serial_entry e;
    cmsfw_community c;
    cmsfw_communities cs, back;
    cmsfw_diag d = { "" };

    tu_reset();
    memset(&cs, 0, sizeof cs);
    tu_check_encoding(enc_communities, &cs, "3000");
    CU_ASSERT_EQUAL(DECODE(communities, back, "3000", d), CMSFW_OK);
    CU_ASSERT(back.n == 0 && back.items == NULL);

    /* a module list with no serial entries; a block of empty bounds */
    memset(&c, 0, sizeof c);
    c.kind = CMSFW_COMMUNITY_MODULES;
    c.hw_type = tu_oid("1.2.3");
    cs.items = &c;
    cs.n = 1;
    tu_check_encoding(enc_communities, &cs, "3008300606022a033000");
    memset(&e, 0, sizeof e);
    e.kind = CMSFW_SERIAL_BLOCK;
    e.low = tu_hex("");
    e.high = tu_hex("");
    c.entries = &e;
    c.n_entries = 1;
    tu_check_encoding(enc_communities, &cs, "300e300c06022a033006300404000400");
    CU_ASSERT_EQUAL_FATAL(DECODE(communities, back, "300e300c06022a033006300404000400", d),
                          CMSFW_OK);
    CU_ASSERT(back.items[0].entries[0].low.ptr != NULL && back.items[0].entries[0].high.len == 0);
    cmsfw_communities_free(&back);

    e.high.ptr = NULL;
    tu_check_refused(enc_communities, &cs, "block.high");
    e.kind = CMSFW_SERIAL_SINGLE;
    e.low.ptr = NULL;
    tu_check_refused(enc_communities, &cs, "single");
    e.kind = (cmsfw_serial_kind)7;
    tu_check_refused(enc_communities, &cs, "unknown serial entry kind 7");
    c.entries = NULL;
    tu_check_refused(enc_communities, &cs, "serial entries but no array");
    c.kind = (cmsfw_community_kind)0;
    tu_check_refused(enc_communities, &cs, "unknown community kind 0");
    c.kind = CMSFW_COMMUNITY_OID;
    tu_check_refused(enc_communities, &cs, "communityOID");
    cs.items = NULL;
    tu_check_refused(enc_communities, &cs, "communities but no array");

    /* alternatives the CHOICEs do not have */
    CU_ASSERT_EQUAL(DECODE(communities, back, "3003020101", d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(DECODE(communities, back, "300b300906022a0330030101ff", d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(back.n == 0 && back.items == NULL);
    /* block needs both bounds */
    CU_ASSERT_EQUAL(DECODE(communities, back,
                           "300c300a06022a0330043002"
                           "0400",
                           d),
                    CMSFW_DECODE_FAILURE);
}

/* ---------------------------------------------------------- package info */

static void
test_pkg_info(void)
{
    cmsfw_pkg_name deps[2];
    cmsfw_pkg_info i, back;
    cmsfw_diag d = { "" };

    tu_reset();
    memset(&i, 0, sizeof i);
    i.has_type = 1;
    i.type = 2;
    i.has_deps = 1;
    deps[0] = tu_preferred(PEN_DOT ".2.9", 3);
    i.deps = deps;
    i.n_deps = 1;
    tu_check_encoding(enc_pkg_info, &i, PKG_INFO_HEX);
    CU_ASSERT_EQUAL_FATAL(DECODE(pkg_info, back, PKG_INFO_HEX, d), CMSFW_OK);
    CU_ASSERT(back.has_type && back.type == 2 && back.has_deps && back.n_deps == 1);
    CU_ASSERT(tu_oid_is(back.deps[0].oid, PEN_DOT ".2.9"));
    CU_ASSERT_EQUAL(back.deps[0].version, 3);
    tu_check_encoding(enc_pkg_info, &back, PKG_INFO_HEX);
    cmsfw_pkg_info_free(&back);
    CU_ASSERT_PTR_NULL(back.deps);

    i.has_deps = 0;
    i.type = -1;
    tu_check_encoding(enc_pkg_info, &i, "30030201ff");
    i.has_type = 0;
    i.has_deps = 1;
    deps[1] = tu_legacy("");
    i.n_deps = 2;
    tu_check_encoding(enc_pkg_info, &i,
                      "3015"
                      "3013300f060a" PEN "02090201030400");

    /* what the decoder accepts but the encoder refuses (T14) */
    CU_ASSERT_EQUAL(DECODE(pkg_info, back, "3000", d), CMSFW_OK);
    CU_ASSERT(!back.has_type && !back.has_deps);
    CU_ASSERT_EQUAL(DECODE(pkg_info, back, "30023000", d), CMSFW_OK);
    CU_ASSERT(!back.has_type && back.has_deps && back.n_deps == 0 && back.deps == NULL);
    tu_check_refused(enc_pkg_info, &back, "present but empty");
    memset(&i, 0, sizeof i);
    tu_check_refused(enc_pkg_info, &i, "nothing to encode");
    i.has_deps = 1;
    i.n_deps = 1;
    tu_check_refused(enc_pkg_info, &i, "no array");

    /* the two fields in the wrong order, or a field of another type */
    CU_ASSERT_EQUAL(DECODE(pkg_info, back, "3007300004020102", d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(DECODE(pkg_info, back,
                           "30030401"
                           "02",
                           d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(DECODE(pkg_info, back,
                           "3004300205"
                           "00",
                           d),
                    CMSFW_DECODE_FAILURE);
}

static CU_TestInfo receipt_tests[] = {
    { "receipt worked example", test_receipt_worked_example },
    { "receipt variants", test_receipt_variants },
    { "receipt version DEFAULT v1", test_receipt_version },
    { "receipt refused values", test_receipt_refused },
    { "error report worked example", test_error_worked_example },
    { "error report codes", test_error_codes },
    { "error report fields", test_error_fields },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo attr_tests[] = {
    { "CommunityIdentifiers worked example", test_communities_worked_example },
    { "CommunityIdentifiers edges and errors", test_communities_edges },
    { "FirmwarePackageInfo", test_pkg_info },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "codec: receipts and error reports", NULL, NULL, NULL, NULL, receipt_tests },
    { "codec: communities, package info", NULL, NULL, NULL, NULL, attr_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
