/*
 * test_codec_wrapped.c: cmsfw/fw.h codec, part 3: WrappedFirmwareKey, the
 * EnvelopedData of the wrapped-firmware-decryption-key attribute: kekri
 * and ktri built from fields, every RecipientInfo alternative copied raw,
 * the optional parts, DER order of the recipients, and refused values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include "tests/cu_main.h"
#include "tests/test_asn1_util.h"

#define AES128_WRAP                                                                                \
    "060960864801650304010"                                                                        \
    "5"
#define FW_PKG_OID "060b2a864886f70d0109100110"

static cmsfw_err
enc_wrapped(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_wrapped_key_encode(in, out, out_len, written, diag);
}

static uint8_t scratch[4096];

/* A decoder's answer for @hex, with the reason in @d. */
#define DECODE(T, v, hex, d)                                                                       \
    (cmsfw_##T##_decode(&(v), tu_hex(hex).ptr, tu_unhex(hex, scratch, sizeof scratch), &(d)))

/* Raw RecipientInfos for the arms the encoder only copies. */
#define KTRI_IAS_HEX                                                                               \
    "301b020100300530000201013"                                                                    \
    "00b" AES128_WRAP "0402aabb"
#define KARI_HEX                                                                                   \
    "a125020103a0048002aabb300b" AES128_WRAP "300d300b3005300002010104"                            \
    "02aabb"
#define PWRI_HEX "a314020100300b" AES128_WRAP "0402aabb"
#define ORI_HEX "a40906032a03040402aabb"
#define KEKRI_FIELDS_HEX                                                                           \
    "a2280201043004040201023"                                                                      \
    "00b" AES128_WRAP "0410"                                                                       \
    "000102030405060708090a0b0c0d0e0f"

static cmsfw_wrapped_key
base_wrapped(cmsfw_recipient *r, size_t n)
{
    cmsfw_wrapped_key w;

    memset(&w, 0, sizeof w);
    w.version = 2;
    w.recipients = r;
    w.n_recipients = n;
    w.content_type = tu_oid("1.2.840.113549.1.9.16.1.16");
    w.cek_alg.oid = tu_oid("2.16.840.1.101.3.4.1.2");
    w.cek_alg.params = tu_hex("0410"
                              "00112233445566778899aabbccddeeff");
    return w;
}

#define ECI_HEX                                                                                    \
    "302c" FW_PKG_OID "301d060960864801650304010204100011223344556677"                             \
    "8899aabbccddeeff"

static void
test_wrapped_key_kekri(void)
{
    cmsfw_recipient r;
    cmsfw_wrapped_key w, back;
    cmsfw_diag d = { "" };
    static const char want[] = "305d020102"
                               "312a" KEKRI_FIELDS_HEX ECI_HEX;

    tu_reset();
    memset(&r, 0, sizeof r);
    r.kind = CMSFW_RECIPIENT_KEKRI;
    r.version = 4;
    r.key_id = tu_hex("0102");
    r.key_enc_alg.oid = tu_oid("2.16.840.1.101.3.4.1.5");
    r.encrypted_key = tu_fill(16, 0);
    w = base_wrapped(&r, 1);
    tu_check_encoding(enc_wrapped, &w, want);

    CU_ASSERT_EQUAL_FATAL(DECODE(wrapped_key, back, want, d), CMSFW_OK);
    CU_ASSERT_EQUAL(back.version, 2);
    CU_ASSERT_EQUAL_FATAL(back.n_recipients, 1);
    CU_ASSERT_EQUAL(back.recipients[0].kind, CMSFW_RECIPIENT_KEKRI);
    CU_ASSERT_EQUAL(back.recipients[0].version, 4);
    CU_ASSERT(tu_bytes_are(back.recipients[0].key_id, "0102"));
    CU_ASSERT(tu_oid_is(back.recipients[0].key_enc_alg.oid, "2.16.840.1.101.3.4.1.5"));
    CU_ASSERT_PTR_NULL(back.recipients[0].key_enc_alg.params.ptr);
    CU_ASSERT_EQUAL(back.recipients[0].encrypted_key.len, 16);
    CU_ASSERT(tu_bytes_are(back.recipients[0].raw, KEKRI_FIELDS_HEX));
    CU_ASSERT(tu_oid_is(back.content_type, "1.2.840.113549.1.9.16.1.16"));
    CU_ASSERT(tu_bytes_are(back.cek_alg.params, "041000112233445566778899aabbccddeeff"));
    CU_ASSERT(!back.has_content && !back.has_originator_info && !back.has_unprotected_attrs);
    tu_check_encoding(enc_wrapped, &back, want);
    /* raw wins over the fields: a decoded value re-encodes as it was */
    back.recipients[0].version = 99;
    tu_check_encoding(enc_wrapped, &back, want);
    cmsfw_wrapped_key_free(&back);
    CU_ASSERT_PTR_NULL(back.recipients);
    cmsfw_wrapped_key_free(&back);

    /* OIDs with arcs libtasn1 cannot hold, inside the recipient built
     * aside and in the content algorithm */
    r.key_enc_alg.oid = tu_oid("1.2.18446744073709551615");
    w.cek_alg.oid = tu_oid("2.18446744073709551535.9223372036854775808");
    {
        uint8_t out[512];
        size_t n = 0;

        CU_ASSERT_EQUAL_FATAL(cmsfw_wrapped_key_encode(&w, out, sizeof out, &n, &d), CMSFW_OK);
        CU_ASSERT_EQUAL_FATAL(cmsfw_wrapped_key_decode(&back, out, n, &d), CMSFW_OK);
        CU_ASSERT(tu_oid_is(back.recipients[0].key_enc_alg.oid, "1.2.18446744073709551615"));
        CU_ASSERT(tu_oid_is(back.cek_alg.oid, "2.18446744073709551535.9223372036854775808"));
        cmsfw_wrapped_key_free(&back);
    }
}

static void
test_wrapped_key_every_arm(void)
{
    cmsfw_recipient r[6];
    cmsfw_wrapped_key w, back;
    cmsfw_diag d = { "" };
    uint8_t out[1024];
    size_t n = 0, i;
    static const cmsfw_recipient_kind order[6] = { CMSFW_RECIPIENT_KTRI, CMSFW_RECIPIENT_KTRI,
                                                   CMSFW_RECIPIENT_KARI, CMSFW_RECIPIENT_KEKRI,
                                                   CMSFW_RECIPIENT_PWRI, CMSFW_RECIPIENT_ORI };

    tu_reset();
    memset(r, 0, sizeof r);
    /* given out of DER order on purpose */
    r[0].kind = CMSFW_RECIPIENT_ORI;
    r[0].raw = tu_hex(ORI_HEX);
    r[1].kind = CMSFW_RECIPIENT_PWRI;
    r[1].raw = tu_hex(PWRI_HEX);
    r[2].kind = CMSFW_RECIPIENT_KARI;
    r[2].raw = tu_hex(KARI_HEX);
    r[3].kind = CMSFW_RECIPIENT_KEKRI;
    r[3].raw = tu_hex(KEKRI_FIELDS_HEX);
    r[4].kind = CMSFW_RECIPIENT_KTRI;
    r[4].raw = tu_hex(KTRI_IAS_HEX);
    r[5].kind = CMSFW_RECIPIENT_KTRI;
    r[5].version = 2;
    r[5].key_id = tu_fill(20, 0x40);
    r[5].key_enc_alg.oid = tu_oid("1.2.840.113549.1.1.7");
    r[5].key_enc_alg.params = tu_hex("3000");
    r[5].encrypted_key = tu_fill(256, 1);
    w = base_wrapped(r, 6);
    w.has_content = 1;
    w.content = tu_hex("c0ffee");
    w.has_originator_info = 1;
    w.originator_info = tu_hex("a000");
    w.has_unprotected_attrs = 1;
    w.unprotected_attrs = tu_hex("a10d300b06032a03043104"
                                 "0402aabb");
    CU_ASSERT_EQUAL_FATAL(cmsfw_wrapped_key_encode(&w, out, sizeof out, &n, &d), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_wrapped_key_decode(&back, out, n, &d), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(back.n_recipients, 6);
    /* DER sorts the SET OF: 30 30 a1 a2 a3 a4 (the long ktri last of the two) */
    for (i = 0; i < 6; i++)
        CU_ASSERT_EQUAL(back.recipients[i].kind, order[i]);
    CU_ASSERT(tu_bytes_are(back.recipients[0].raw, KTRI_IAS_HEX));
    CU_ASSERT_PTR_NULL(back.recipients[0].key_id.ptr);
    CU_ASSERT_EQUAL(back.recipients[0].version, 0);
    CU_ASSERT(tu_bytes_are(back.recipients[0].encrypted_key, "aabb"));
    CU_ASSERT_EQUAL(back.recipients[1].version, 2);
    CU_ASSERT_EQUAL(back.recipients[1].key_id.len, 20);
    CU_ASSERT(tu_bytes_are(back.recipients[1].key_enc_alg.params, "3000"));
    CU_ASSERT_EQUAL(back.recipients[1].encrypted_key.len, 256);
    CU_ASSERT(tu_bytes_are(back.recipients[2].raw, KARI_HEX));
    CU_ASSERT(tu_bytes_are(back.recipients[4].raw, PWRI_HEX));
    CU_ASSERT(tu_bytes_are(back.recipients[5].raw, ORI_HEX));
    CU_ASSERT(back.has_content && tu_bytes_are(back.content, "c0ffee"));
    CU_ASSERT(back.has_originator_info && tu_bytes_are(back.originator_info, "a000"));
    CU_ASSERT(back.has_unprotected_attrs &&
              tu_bytes_are(back.unprotected_attrs, "a10d300b06032a030431040402aabb"));
    /* and the decoded value gives back the same bytes */
    {
        uint8_t again[1024];
        size_t m = 0;

        CU_ASSERT_EQUAL(cmsfw_wrapped_key_encode(&back, again, sizeof again, &m, NULL), CMSFW_OK);
        CU_ASSERT(m == n && memcmp(again, out, n) == 0);
    }
    cmsfw_wrapped_key_free(&back);
}

static void
test_wrapped_key_refused(void)
{
    cmsfw_recipient r;
    cmsfw_wrapped_key w, back;
    cmsfw_diag d = { "" };

    tu_reset();
    memset(&r, 0, sizeof r);
    r.kind = CMSFW_RECIPIENT_KARI;
    w = base_wrapped(&r, 1);
    tu_check_refused(enc_wrapped, &w, "no raw encoding");
    r.kind = CMSFW_RECIPIENT_KTRI; /* without key_id: an issuerAndSerialNumber rid */
    tu_check_refused(enc_wrapped, &w, "no raw encoding");
    r.kind = CMSFW_RECIPIENT_KEKRI;
    tu_check_refused(enc_wrapped, &w, "keyIdentifier");
    r.raw = tu_hex("0500");
    tu_check_refused(enc_wrapped, &w, "recipient 0: raw is not a DER RecipientInfo");
    r.raw = tu_hex(ORI_HEX "00");
    tu_check_refused(enc_wrapped, &w, "trailing");
    r.raw = tu_hex(ORI_HEX);
    w.n_recipients = 0;
    tu_check_refused(enc_wrapped, &w, "at least one");
    w.n_recipients = 1;
    w.version = -1;
    tu_check_refused(enc_wrapped, &w, "negative version");
    r.raw.ptr = NULL;
    r.kind = CMSFW_RECIPIENT_KEKRI;
    r.version = -4;
    w.version = 2;
    tu_check_refused(enc_wrapped, &w, "negative recipient version");
    r.raw = tu_hex(ORI_HEX);
    w.version = 2;
    w.has_originator_info = 1;
    w.originator_info = tu_hex("3000");
    tu_check_refused(enc_wrapped, &w, "not one [0] TLV");
    w.originator_info = tu_hex("a00305");
    tu_check_refused(enc_wrapped, &w, "not one [0] TLV");
    w.originator_info = tu_hex("a0020501");
    tu_check_refused(enc_wrapped, &w, "malformed TLV");
    w.has_originator_info = 0;
    w.has_unprotected_attrs = 1;
    tu_check_refused(enc_wrapped, &w, "not one [1] TLV");
    w.has_unprotected_attrs = 0;
    w.content_type.ptr = NULL;
    tu_check_refused(enc_wrapped, &w, "contentType");

    /* negative CMSVersions, of the EnvelopedData and of a kekri */
    CU_ASSERT_EQUAL(DECODE(wrapped_key, back, "303e0201fe310ba40906032a03040402aabb" ECI_HEX, d),
                    CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "negative version");
    CU_ASSERT_EQUAL(DECODE(wrapped_key, back,
                           "305d020102312a"
                           "a2280201fc"
                           "3004040201023"
                           "00b" AES128_WRAP "0410000102030405060708090a0b0c0d0e0f" ECI_HEX,
                           d),
                    CMSFW_DECODE_FAILURE);
    tu_check_reason(&d, "negative kekri.version");
    /* an alternative RecipientInfo does not have, [5] */
    CU_ASSERT_EQUAL(DECODE(wrapped_key, back, "303e020102310ba50906032a03040402aabb" ECI_HEX, d),
                    CMSFW_DECODE_FAILURE);
    /* recipientInfos must not be empty */
    CU_ASSERT_EQUAL(DECODE(wrapped_key, back,
                           "3036020102"
                           "3100" ECI_HEX,
                           d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(back.n_recipients == 0 && back.recipients == NULL);
    /* an unsorted SET OF is not DER */
    CU_ASSERT_EQUAL(DECODE(wrapped_key, back,
                           "304a020102311"
                           "7" ORI_HEX PWRI_HEX ECI_HEX,
                           d),
                    CMSFW_DECODE_FAILURE);
}

static CU_TestInfo wrapped_tests[] = {
    { "WrappedFirmwareKey kekri", test_wrapped_key_kekri },
    { "WrappedFirmwareKey every RecipientInfo arm", test_wrapped_key_every_arm },
    { "WrappedFirmwareKey refused values", test_wrapped_key_refused },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "codec: wrapped firmware key", NULL, NULL, NULL, NULL, wrapped_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
