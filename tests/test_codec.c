/*
 * test_codec.c: cmsfw/fw.h codec, part 1: package names and identifiers,
 * OID lists, OCTET STRINGs, HardwareModuleName (bare and as otherName),
 * FirmwarePackageMessageDigest, ContentInfo, and the buffer conventions
 * shared by every encoder. Part 2 (tests/test_codec_reports.c) covers
 * receipts, error reports, communities, package info and wrapped keys.
 *
 * Expected encodings are written out in hex: the RFC 4108 digest's worked
 * examples (made with pyasn1-modules) and values worked out by hand from
 * X.690.
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

/* The encoders behind the common signature of tu_check_encoding. */
static cmsfw_err
enc_pkg_name(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_pkg_name_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_pkg_id(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_pkg_id_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_oid_list(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_oid_list_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_octets(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_octets_encode(*(const cmsfw_bytes *)in, out, out_len, written, diag);
}

static cmsfw_err
enc_hw_name(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_hw_module_name_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_othername(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_hw_module_othername_encode(in, out, out_len, written, diag);
}

static cmsfw_err
enc_fw_digest(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_fw_digest_encode(in, out, out_len, written, diag);
}

/* Bytes of @hex, in a buffer that stays valid until tu_reset(). */
static const uint8_t *
der_of(const char *hex, size_t *len)
{
    cmsfw_bytes b = tu_hex(hex);

    *len = b.len;
    return b.ptr;
}

/* Decoding @hex as a package name fails with @why in the message. */
static void
check_name_rejected(const char *hex, const char *why)
{
    cmsfw_pkg_name n;
    cmsfw_diag d = { "" };
    size_t len;
    const uint8_t *der = der_of(hex, &len);

    n.form = CMSFW_NAME_LEGACY; /* must come back zeroed */
    CU_ASSERT_EQUAL(cmsfw_pkg_name_decode(&n, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(n.form, 0);
    CU_ASSERT_PTR_NULL(n.oid.ptr);
    tu_check_reason(&d, why);
}

/* ------------------------------------------------------ names and ids */

static void
test_pkg_id_worked_example(void)
{
    static const char hex[] = "3014300f060a" PEN "0201020107020104";
    cmsfw_pkg_id id;
    size_t len;
    const uint8_t *der;

    tu_reset();
    der = der_of(hex, &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_pkg_id_decode(&id, der, len, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(id.name.form, CMSFW_NAME_PREFERRED);
    CU_ASSERT(tu_oid_is(id.name.oid, PEN_DOT ".2.1"));
    CU_ASSERT_EQUAL(id.name.version, 7);
    CU_ASSERT_EQUAL(id.stale_form, CMSFW_STALE_PREFERRED);
    CU_ASSERT_EQUAL(id.stale_version, 4);
    /* zero copy: the OID is the one inside der */
    CU_ASSERT_PTR_EQUAL(id.name.oid.ptr, der + 6);
    tu_check_encoding(enc_pkg_id, &id, hex);
    cmsfw_pkg_id_free(&id);

    memset(&id, 0, sizeof id);
    id.name = tu_preferred(PEN_DOT ".2.1", 7);
    id.stale_form = CMSFW_STALE_PREFERRED;
    id.stale_version = 4;
    tu_check_encoding(enc_pkg_id, &id, hex);
}

static void
test_pkg_name_arms(void)
{
    cmsfw_pkg_name n;

    tu_reset();
    n = tu_preferred("1.2.3", 0);
    tu_check_encoding(enc_pkg_name, &n, "300706022a03020100");
    n.version = 127;
    tu_check_encoding(enc_pkg_name, &n, "300706022a0302017f");
    n.version = 128;
    tu_check_encoding(enc_pkg_name, &n,
                      "300806022a030202008"
                      "0");
    n.version = UINT64_MAX;
    tu_check_encoding(enc_pkg_name, &n, "300f06022a03020900ffffffffffffffff");
    n = tu_legacy("52312e32");
    tu_check_encoding(enc_pkg_name, &n, "040452312e32");
    n = tu_legacy("");
    tu_check_encoding(enc_pkg_name, &n, "0400");
}

/* Decode @hex as a package name, re-encode it, and return it. */
static cmsfw_pkg_name
name_round_trip(const char *hex)
{
    cmsfw_pkg_name n;
    size_t len;
    const uint8_t *der = der_of(hex, &len);

    memset(&n, 0, sizeof n);
    CU_ASSERT_EQUAL(cmsfw_pkg_name_decode(&n, der, len, NULL), CMSFW_OK);
    tu_check_encoding(enc_pkg_name, &n, hex);
    return n;
}

static void
test_pkg_name_versions(void)
{
    cmsfw_pkg_name n;

    tu_reset();
    n = name_round_trip("300706022a03020100");
    CU_ASSERT_EQUAL(n.version, 0);
    n = name_round_trip("300f06022a03020900ffffffffffffffff");
    CU_ASSERT_EQUAL(n.version, UINT64_MAX);
    n = name_round_trip("300f06022a03020900"
                        "8000000000000000");
    CU_ASSERT_EQUAL(n.version, UINT64_C(1) << 63);
    n = name_round_trip("0400");
    CU_ASSERT_EQUAL(n.form, CMSFW_NAME_LEGACY);
    CU_ASSERT_PTR_NOT_NULL(n.legacy.ptr);
    CU_ASSERT_EQUAL(n.legacy.len, 0);

    check_name_rejected("300f06022a03020901"
                        "0000000000000000",
                        "above 2^64-1");
    check_name_rejected("300706022a030201ff", "negative");
    check_name_rejected("300f06022a030209ff"
                        "0000000000000000",
                        "negative");
    check_name_rejected("300806022a0302020007", "not minimally");
    check_name_rejected("300606022a030200", "INTEGER");
    /* an alternative that is neither preferred nor legacy */
    check_name_rejected("0500", "Preferred");
    check_name_rejected("0101ff", "Preferred");
    check_name_rejected("0c0141", "Preferred");
    /* framing */
    check_name_rejected("040452312e3200", "1 trailing bytes");
    check_name_rejected("040552312e32", "past the end");
    check_name_rejected("04", "truncated");
    check_name_rejected("24060404"
                        "52312e32",
                        "Preferred");
    check_name_rejected("04810452312e32", "not DER");
}

static void
test_pkg_id_arms(void)
{
    cmsfw_pkg_id id, back;
    uint8_t out[700];
    size_t w = 0;

    tu_reset();
    memset(&id, 0, sizeof id);
    id.name = tu_legacy("52312e32");
    tu_check_encoding(enc_pkg_id, &id, "3006040452312e32");
    id.stale_form = CMSFW_STALE_LEGACY;
    id.stale_legacy = tu_hex("52312e31");
    tu_check_encoding(enc_pkg_id, &id, "300c040452312e32040452312e31");
    id.stale_legacy = tu_hex("");
    tu_check_encoding(enc_pkg_id, &id, "3008040452312e320400");
    id.stale_form = CMSFW_STALE_PREFERRED;
    id.stale_version = 0;
    tu_check_encoding(enc_pkg_id, &id, "3009040452312e32020100");
    id.stale_version = UINT64_MAX;
    tu_check_encoding(enc_pkg_id, &id, "3011040452312e32020900ffffffffffffffff");

    /* a 300-byte legacy name and stale version survive the round trip */
    id.name.legacy = tu_fill(300, 0x10);
    id.stale_form = CMSFW_STALE_LEGACY;
    id.stale_legacy = tu_fill(300, 0x80);
    CU_ASSERT_EQUAL_FATAL(cmsfw_pkg_id_encode(&id, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(w, 4 + 4 + 300 + 4 + 300);
    CU_ASSERT_EQUAL_FATAL(cmsfw_pkg_id_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(back.name.legacy.len, 300);
    CU_ASSERT_PTR_EQUAL(back.name.legacy.ptr, out + 8);
    CU_ASSERT_EQUAL(memcmp(back.stale_legacy.ptr, id.stale_legacy.ptr, 300), 0);
    cmsfw_pkg_id_free(&back);
    CU_ASSERT_EQUAL(back.stale_form, CMSFW_STALE_NONE);
    cmsfw_pkg_id_free(&back);
    cmsfw_pkg_id_free(NULL);
}

static void
test_pkg_id_refused(void)
{
    cmsfw_pkg_id id;
    cmsfw_pkg_id back;
    cmsfw_diag d = { "" };
    size_t len;
    const uint8_t *der;

    tu_reset();
    memset(&id, 0, sizeof id);
    tu_check_refused(enc_pkg_id, &id, "neither preferred nor legacy");
    id.name = tu_legacy("52");
    id.stale_form = (cmsfw_stale_form)3;
    tu_check_refused(enc_pkg_id, &id, "unknown stale form");
    id.stale_form = CMSFW_STALE_LEGACY;
    tu_check_refused(enc_pkg_id, &id, "legacyStaleVersion");
    id.stale_form = CMSFW_STALE_NONE;
    id.name.legacy.ptr = NULL;
    tu_check_refused(enc_pkg_id, &id, "name.legacy");
    id.name = tu_preferred("1.2.3", 1);
    id.name.oid.ptr = NULL;
    tu_check_refused(enc_pkg_id, &id, "OBJECT IDENTIFIER missing");

    /* stale is a CHOICE of INTEGER and OCTET STRING only */
    der = der_of("3009040452312e32010100", &len);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(back.name.form, 0);
    der = der_of("3009040452312e320201ff", &len);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "negative"));
    /* the name is mandatory */
    der = der_of("3003020104", &len);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
}

/* ------------------------------------------------------------ OID lists */

static void
test_oid_list(void)
{
    cmsfw_bytes oids[3];
    cmsfw_oid_list l, back;
    cmsfw_diag d = { "" };
    size_t len;
    const uint8_t *der;

    tu_reset();
    memset(&l, 0, sizeof l);
    tu_check_encoding(enc_oid_list, &l, "3000");
    oids[0] = tu_oid("1.2.3");
    oids[1] = tu_oid(PEN_DOT ".1.1");
    oids[2] = tu_oid("2.999.9223372036854775807");
    l.oids = oids;
    l.n = 3;
    tu_check_encoding(enc_oid_list, &l,
                      "301d06022a03060a" PEN "0101060b8837"
                      "ffffffffffffffff7f");

    der = der_of("301d06022a03060a" PEN "0101060b8837ffffffffffffffff7f", &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(back.n, 3);
    CU_ASSERT(tu_oid_is(back.oids[2], "2.999.9223372036854775807"));
    CU_ASSERT_PTR_EQUAL(back.oids[0].ptr, der + 4);
    cmsfw_oid_list_free(&back);
    CU_ASSERT_PTR_NULL(back.oids);
    cmsfw_oid_list_free(&back);

    der = der_of("3000", &len);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT(back.n == 0 && back.oids == NULL);

    l.oids = NULL;
    tu_check_refused(enc_oid_list, &l, "no array");
    /* not a SEQUENCE OF OBJECT IDENTIFIER */
    der = der_of("3100", &len);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, len, NULL), CMSFW_DECODE_FAILURE);
    der = der_of("3003020101", &len);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, len, NULL), CMSFW_DECODE_FAILURE);
    /* arcs from 2^63 (which libtasn1 cannot hold) up to 2^64-1 */
    oids[0] = tu_oid("1.2.9223372036854775808");
    oids[1] = tu_oid("2.18446744073709551535"); /* first subidentifier 2^64-1 */
    oids[2] = tu_oid("1.2.18446744073709551615.3");
    l.oids = oids;
    l.n = 3;
    tu_check_encoding(enc_oid_list, &l,
                      "3027"
                      "060b2a81808080808080808000"
                      "060a81ffffffffffffffff7f"
                      "060c2a81ffffffffffffffff7f03");
    der = der_of("3027060b2a81808080808080808000060a81ffffffffffffffff7f"
                 "060c2a81ffffffffffffffff7f03",
                 &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_decode(&back, der, len, &d), CMSFW_OK);
    CU_ASSERT(tu_oid_is(back.oids[0], "1.2.9223372036854775808"));
    CU_ASSERT(tu_oid_is(back.oids[1], "2.18446744073709551535"));
    CU_ASSERT(tu_oid_is(back.oids[2], "1.2.18446744073709551615.3"));
    cmsfw_oid_list_free(&back);
    /* 2^64 does not fit: refused both ways */
    l.oids[0] = tu_hex("2a8280808080808080808000");
    l.n = 1;
    tu_check_refused(enc_oid_list, &l, "malformed OBJECT IDENTIFIER");
    der = der_of("300e060c2a8280808080808080808000", &len);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "invalid DER")); /* libtasn1 sees the overflow */
    l.oids = oids;
    /* a non-minimal arc (80) is not an OID */
    der = der_of("300506032a8001", &len);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, len, NULL), CMSFW_DECODE_FAILURE);
    CU_ASSERT(back.n == 0 && back.oids == NULL);
}

/* An OID of @len content octets: 1.2 followed by arcs of 1. */
static cmsfw_bytes
oid_of_length(size_t len, uint8_t *buf)
{
    cmsfw_bytes b = { buf, len };

    buf[0] = 0x2a;
    memset(buf + 1, 0x01, len - 1);
    return b;
}

static void
test_oid_length_limit(void)
{
    uint8_t at_limit[CMSFW_OID_MAX_LEN], over[CMSFW_OID_MAX_LEN + 1];
    uint8_t der[CMSFW_OID_MAX_LEN + 8], out[CMSFW_OID_MAX_LEN + 8];
    cmsfw_bytes oid;
    cmsfw_oid_list l, back;
    cmsfw_diag d = { "" };
    size_t w = 0;

    tu_reset();
    oid = oid_of_length(CMSFW_OID_MAX_LEN, at_limit);
    l.oids = &oid;
    l.n = 1;
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_encode(&l, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(w, 2 + 2 + CMSFW_OID_MAX_LEN);
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT(back.n == 1 && back.oids[0].len == CMSFW_OID_MAX_LEN);
    CU_ASSERT_EQUAL(memcmp(back.oids[0].ptr, at_limit, CMSFW_OID_MAX_LEN), 0);
    cmsfw_oid_list_free(&back);
    /* at the limit with large arcs too: 1.2 and seven arcs of 2^63-1 */
    for (w = 0; w < 7; w++) {
        memset(at_limit + 1 + 9 * w, 0xff, 8);
        at_limit[1 + 9 * w + 8] = 0x7f;
    }
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_encode(&l, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_oid_list_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT(back.n == 1 && memcmp(back.oids[0].ptr, at_limit, CMSFW_OID_MAX_LEN) == 0);
    cmsfw_oid_list_free(&back);

    oid = oid_of_length(CMSFW_OID_MAX_LEN + 1, over);
    tu_check_refused(enc_oid_list, &l, "longer than 64");
    /* the same list written by hand: 30 43 06 41 <65 octets> */
    der[0] = 0x30;
    der[1] = (uint8_t)(2 + CMSFW_OID_MAX_LEN + 1);
    der[2] = 0x06;
    der[3] = (uint8_t)(CMSFW_OID_MAX_LEN + 1);
    memcpy(der + 4, over, sizeof over);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(&back, der, 4 + sizeof over, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "longer than 64"));
    CU_ASSERT(back.n == 0 && back.oids == NULL);

    /* malformed content octets are refused by the encoder */
    over[1] = 0x80;
    oid.len = 3;
    tu_check_refused(enc_oid_list, &l, "malformed OBJECT IDENTIFIER");
}

/* ------------------------------------------------------------ octets */

static void
test_octets(void)
{
    cmsfw_bytes v, back;
    uint8_t out[400];
    cmsfw_diag d = { "" };
    size_t w = 0, len;
    const uint8_t *der;

    tu_reset();
    v = tu_hex("");
    tu_check_encoding(enc_octets, &v, "0400");
    v = tu_hex("00ff");
    tu_check_encoding(enc_octets, &v, "040200ff");
    v = tu_fill(300, 0);
    CU_ASSERT_EQUAL_FATAL(cmsfw_octets_encode(v, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT(w == 304 && out[1] == 0x82 && out[2] == 0x01 && out[3] == 0x2c);
    CU_ASSERT_EQUAL_FATAL(cmsfw_octets_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT(back.ptr == out + 4 && back.len == 300);

    der = der_of("0400", &len);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT(back.ptr == der + 2 && back.len == 0);

    v.ptr = NULL;
    v.len = 0;
    tu_check_refused(enc_octets, &v, "missing");
    der = der_of("2404040200ff", &len);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NULL(back.ptr);
    der = der_of("0403aabb", &len);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "past the end"));
    der = der_of("0c0141", &len);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(&back, NULL, 0, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_octets_decode(NULL, der, len, &d), CMSFW_E_ARG);
}

/* ------------------------------------------- HardwareModuleName forms */

#define HMN_HEX "3012060a" PEN "0101040400010203"
#define OTHERNAME_HEX "a02006082b06010505070804a014" HMN_HEX

static void
test_hw_module_name(void)
{
    cmsfw_hw_module_name h, back;
    uint8_t out[400];
    size_t w = 0, len;
    const uint8_t *der;

    tu_reset();
    h.hw_type = tu_oid(PEN_DOT ".1.1");
    h.hw_serial = tu_hex("00010203");
    tu_check_encoding(enc_hw_name, &h, HMN_HEX);
    der = der_of(HMN_HEX, &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_name_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT(tu_oid_is(back.hw_type, PEN_DOT ".1.1"));
    CU_ASSERT(tu_bytes_are(back.hw_serial, "00010203"));
    CU_ASSERT_PTR_EQUAL(back.hw_serial.ptr, der + len - 4);

    h.hw_serial = tu_fill(300, 7);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_name_encode(&h, out, sizeof out, &w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_name_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT(back.hw_serial.len == 300 && back.hw_serial.ptr[299] == (uint8_t)(7 + 299));
    cmsfw_hw_module_name_free(&back);
    CU_ASSERT_PTR_NULL(back.hw_type.ptr);

    h.hw_serial.ptr = NULL;
    tu_check_refused(enc_hw_name, &h, "hwSerialNum");
    h.hw_serial = tu_hex("");
    h.hw_type.ptr = NULL;
    tu_check_refused(enc_hw_name, &h, "hwType");
}

static void
test_hw_module_othername(void)
{
    cmsfw_hw_module_name h, back;
    cmsfw_diag d = { "" };
    uint8_t out[400];
    size_t w = 0, len;
    const uint8_t *der;

    tu_reset();
    h.hw_type = tu_oid(PEN_DOT ".1.1");
    h.hw_serial = tu_hex("00010203");
    tu_check_encoding(enc_othername, &h, OTHERNAME_HEX);
    der = der_of(OTHERNAME_HEX, &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_othername_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT(tu_oid_is(back.hw_type, PEN_DOT ".1.1"));
    /* the fields point into the caller's DER, through both wrappers */
    CU_ASSERT(back.hw_serial.ptr == der + len - 4 && back.hw_serial.len == 4);

    h.hw_serial = tu_fill(300, 1);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_othername_encode(&h, out, sizeof out, &w, NULL),
                          CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_hw_module_othername_decode(&back, out, w, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(back.hw_serial.len, 300);

    /* a dNSName is a GeneralName but not an otherName */
    der = der_of("8203616263", &len);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not an otherName"));
    /* an otherName of another type (1.3.6.1.5.5.7.8.3, permanentIdentifier) */
    der = der_of("a02006082b06010505070803a014" HMN_HEX, &len);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not id-on-hardwareModuleName"));
    /* the right type-id over a value that is not a HardwareModuleName */
    der = der_of("a01006082b06010505070804a0040402aabb", &len);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NULL(back.hw_type.ptr);
    /* the bare SEQUENCE is not the otherName form */
    der = der_of(HMN_HEX, &len);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_decode(&back, der, len, &d), CMSFW_DECODE_FAILURE);
    h.hw_type.ptr = NULL;
    tu_check_refused(enc_othername, &h, "hwType");
}

/* ---------------------------------------------------- digest, ContentInfo */

static void
test_fw_digest(void)
{
    cmsfw_fw_digest dg, back;
    size_t len;
    const uint8_t *der;
    static const char no_params[] = "3011300b0609608648016503040201"
                                    "0402abcd";
    static const char null_params[] = "3013300d06096086480165030402010500"
                                      "0402abcd";

    tu_reset();
    memset(&dg, 0, sizeof dg);
    dg.alg.oid = tu_oid("2.16.840.1.101.3.4.2.1");
    dg.digest = tu_hex("abcd");
    tu_check_encoding(enc_fw_digest, &dg, no_params);
    dg.alg.params = tu_hex("0500");
    tu_check_encoding(enc_fw_digest, &dg, null_params);

    der = der_of(null_params, &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_fw_digest_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT(tu_bytes_are(back.alg.params, "0500"));
    CU_ASSERT(tu_bytes_are(back.digest, "abcd"));
    der = der_of(no_params, &len);
    CU_ASSERT_EQUAL_FATAL(cmsfw_fw_digest_decode(&back, der, len, NULL), CMSFW_OK);
    CU_ASSERT_PTR_NULL(back.alg.params.ptr);
    cmsfw_fw_digest_free(&back);

    dg.alg.params = tu_hex("05000500");
    tu_check_refused(enc_fw_digest, &dg, "not exactly one");
    dg.alg.params = tu_hex("0501");
    tu_check_refused(enc_fw_digest, &dg, "not exactly one");
    dg.alg.params.ptr = NULL;
    dg.digest.ptr = NULL;
    tu_check_refused(enc_fw_digest, &dg, "msgDigest");
}

static void
test_content_info(void)
{
    static const char receipt[] =
        "302d060a" PEN "0101040400010203300f060a" PEN "02010201070404aaaaaaaa8102bbbb";
    static const char want[] = "303e060b2a864886f70d0109100111a02f";
    char all[256];
    uint8_t out[128];
    cmsfw_bytes type, content;
    cmsfw_diag d = { "" };
    size_t w = 0;

    tu_reset();
    type = tu_oid("1.2.840.113549.1.9.16.1.17");
    content = tu_hex(receipt);
    snprintf(all, sizeof all, "%s%s", want, receipt);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, NULL, 0, &w, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(w, content.len + 17);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, w - 1, &w, &d), CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, &w, &d), CMSFW_OK);
    CU_ASSERT(tu_bytes_are((cmsfw_bytes){ out, w }, all));

    content = tu_hex("0500");
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, &w, &d), CMSFW_OK);
    CU_ASSERT(tu_bytes_are((cmsfw_bytes){ out, w }, "3011060b2a864886f70d0109100111a0020500"));

    content = tu_hex("05000500");
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, &w, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(w, 0);
    content = tu_hex("");
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, &w, &d), CMSFW_E_ARG);
    type.ptr = NULL;
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, tu_hex("0500"), out, sizeof out, &w, &d),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(type, content, out, sizeof out, NULL, &d),
                    CMSFW_E_ARG);
}

/* ------------------------------------------------------ conventions */

static void
test_null_arguments(void)
{
    cmsfw_pkg_id id;
    cmsfw_oid_list l;
    cmsfw_hw_module_name h;
    cmsfw_fw_digest dg;
    uint8_t out[8];
    size_t w;
    static const uint8_t der[] = { 0x04, 0x00 };

    memset(&id, 0, sizeof id);
    memset(&l, 0, sizeof l);
    memset(&h, 0, sizeof h);
    memset(&dg, 0, sizeof dg);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_encode(NULL, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_encode(&id, out, sizeof out, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_name_encode(NULL, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_oid_list_encode(&l, out, sizeof out, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_hw_module_name_encode(NULL, out, sizeof out, &w, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_encode(&h, out, sizeof out, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_fw_digest_encode(&dg, out, sizeof out, NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_octets_encode((cmsfw_bytes){ der, 1 }, out, sizeof out, NULL, NULL),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_name_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_oid_list_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_hw_module_name_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_hw_module_othername_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_fw_digest_decode(NULL, der, sizeof der, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(&id, NULL, 2, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pkg_id_decode(&id, der, 0, NULL), CMSFW_DECODE_FAILURE);
    /* freeing NULL or a zeroed value is allowed */
    cmsfw_pkg_name_free(NULL);
    cmsfw_oid_list_free(NULL);
    cmsfw_oid_list_free(&l);
    cmsfw_hw_module_name_free(NULL);
    cmsfw_fw_digest_free(NULL);
}

static CU_TestInfo name_tests[] = {
    { "FirmwarePackageIdentifier worked example", test_pkg_id_worked_example },
    { "package name: both alternatives", test_pkg_name_arms },
    { "package name: version range and framing", test_pkg_name_versions },
    { "package identifier: every stale form", test_pkg_id_arms },
    { "package identifier: refused values", test_pkg_id_refused },
    CU_TEST_INFO_NULL,
};

static CU_TestInfo simple_tests[] = {
    { "SEQUENCE OF OBJECT IDENTIFIER", test_oid_list },
    { "OID length limit", test_oid_length_limit },
    { "OCTET STRING", test_octets },
    { "HardwareModuleName", test_hw_module_name },
    { "HardwareModuleName as otherName", test_hw_module_othername },
    { "FirmwarePackageMessageDigest", test_fw_digest },
    { "ContentInfo", test_content_info },
    { "NULL arguments", test_null_arguments },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "codec: names and identifiers", NULL, NULL, NULL, NULL, name_tests },
    { "codec: lists, strings, names, ContentInfo", NULL, NULL, NULL, NULL, simple_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
