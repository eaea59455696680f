/*
 * test_checks.c: steps 4 and 6-9, 12-14 of the device procedure
 * (cmsfw__check_certificates, cmsfw__check_signed) on SignerInfos built
 * and signed here, each with one defect.
 */
#include <stdio.h>
#include <string.h>

#include "tests/checks_util.h"
#include "tests/cu_main.h"

static ck C;

#define EXPECT(code)                                                                               \
    do {                                                                                           \
        cmsfw_err e_ = ck_run(&C, NULL);                                                           \
        if (e_ != (code))                                                                          \
            printf("\n  %s:%d: got %s (%s)\n", __FILE__, __LINE__, cmsfw_err_name(e_),             \
                   C.diag.msg);                                                                    \
        CU_ASSERT_EQUAL(e_, (code));                                                               \
    } while (0)

/* mbedtls 2.28 has no EdDSA: Ed25519 packages are then refused at step 13 */
static int
have_ed25519(void)
{
    return cmsfw_bk_has(CMSFW_BK_CAP_ED25519);
}

/* Sign with Ed25519 when the backend can; else a dummy signature. */
static void
ed25519_signer(const uint8_t *params, size_t params_len, cmsfw_bk_hash h)
{
    ck_signer(&C, "ed25519", NULL, CMSFW_BK_SIG_ED25519, h, LIT(CMSFW__OID_ED25519), params,
              params_len);
    C.dummy_sig = !have_ed25519();
    C.dummy_sig_len = 64;
}

#define SHA256_NULL "\x30\x0d\x06\x09\x60\x86\x48\x01\x65\x03\x04\x02\x01\x05\x00"

/* ------------------------------------------------------------- step 4 */

static void
t_certs(void)
{
    static const uint8_t arms[4][5] = {{0xA0, 0x03, 0x02, 0x01, 0x00},
                                       {0xA1, 0x03, 0x02, 0x01, 0x00},
                                       {0xA2, 0x03, 0x02, 0x01, 0x00},
                                       {0xA3, 0x03, 0x02, 0x01, 0x00}};
    static const uint8_t not_cert[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    static uint8_t ber[2048];
    cmsfw__framing f;
    tb_buf leaf = tb_load("tests/data/checks/leaf.der");
    tb_buf ica = tb_load("tests/data/checks/ica.der");
    cmsfw_diag d;
    size_t i;

    CU_ASSERT_FATAL(leaf.ptr != NULL && ica.ptr != NULL && leaf.len < sizeof ber - 4);
    memset(&f, 0, sizeof f);
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_OK);
    f.certs[0] = tb_view(leaf);
    f.certs[1] = tb_view(ica);
    f.n_certs = 2;
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_OK);
    for (i = 0; i < 4; i++) {
        f.certs[1] = tb_bytes(arms[i], sizeof arms[i]);
        CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_CERTIFICATE);
    }
    f.certs[1] = tb_bytes(not_cert, sizeof not_cert);
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_CERTIFICATE);
    f.certs[1] = tb_bytes(ica.ptr, ica.len - 1);
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_CERTIFICATE);
    /* the same certificate with an indefinite outer length: not DER */
    ber[0] = 0x30;
    ber[1] = 0x80;
    memcpy(ber + 2, leaf.ptr + 4, leaf.len - 4); /* leaf starts 30 82 xx xx */
    ber[leaf.len - 2] = 0;
    ber[leaf.len - 1] = 0;
    CU_ASSERT_EQUAL_FATAL(leaf.ptr[1], 0x82);
    f.certs[1] = tb_bytes(ber, leaf.len);
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_CERTIFICATE);
    f.certs[1] = tb_view(ica);
    /* crls: syntax only (project decision: badSignedData) */
    f.crls = tb_bytes(LIT("\xA1\x03\x02\x01\x01"));
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_SIGNED_DATA);
    f.crls = tb_bytes(LIT("\xA1\x0c\x30\x0a\x30\x00\x30\x03\x06\x01\x2a\x03\x01\x00"));
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_OK);
    f.crls = tb_bytes(LIT("\xA1\x09\xA1\x07\x06\x01\x2a\x05\x00\x05\x00"));
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_BAD_SIGNED_DATA);
    f.crls = tb_bytes(LIT("\xA1\x07\xA1\x05\x06\x01\x2a\x05\x00"));
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_OK);
    f.crls = tb_bytes(LIT("\xA1\x00"));
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_OK);
    f.crls = tb_bytes(NULL, 0);
    f.too_many_certs = 1;
    CU_ASSERT_EQUAL(cmsfw__check_certificates(&f, &d), CMSFW_INSUFFICIENT_MEMORY);
    tb_free(&leaf);
    tb_free(&ica);
}

/* --------------------------------------------------------- baseline */

static void
t_good(void)
{
    cmsfw__signed s;
    cmsfw_err e;

    ck_init(&C);
    e = ck_run(&C, &s);
    if (e != CMSFW_OK)
        printf("\n  %s\n", C.diag.msg);
    CU_ASSERT_EQUAL(e, CMSFW_OK);
    CU_ASSERT_EQUAL(s.authenticated, 1);
    CU_ASSERT_EQUAL(s.version, 3);
    CU_ASSERT(cmsfw__bytes_eq_raw(s.anchor_key_id, LIT(CK_KEY_ID)));
    CU_ASSERT_EQUAL(s.has_pkg_id, 1);
    CU_ASSERT_EQUAL(s.pkg_id.name.version, 5);
    CU_ASSERT(cmsfw__bytes_eq_raw(s.pkg_id.name.oid, LIT(CK_PKG_OID)));
    CU_ASSERT_EQUAL(s.targets.n, 1);
    CU_ASSERT(s.targets.n == 1 && cmsfw__bytes_eq_raw(s.targets.oids[0], LIT(CK_HW_TYPE)));
    CU_ASSERT(cmsfw__bytes_eq_raw(s.content_type, LIT(CMSFW__OID_CT_FIRMWARE)));
    CU_ASSERT_EQUAL(s.message_digest.len, 32);
    CU_ASSERT_PTR_NULL(s.decrypt_key_id.ptr);
    CU_ASSERT_EQUAL(s.has_wrapped_key, 0);
    cmsfw__signed_free(&s);
    CU_ASSERT_EQUAL(s.has_pkg_id, 0);
    ck_free(&C);
}

/* Each signature algorithm the default build verifies. */
static void
t_good_algorithms(void)
{
    sb pss;

    ck_init(&C);
    ck_signer(&C, "ec-p384", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA384,
              LIT(CMSFW__OID_ECDSA_SHA384), NULL, 0);
    EXPECT(CMSFW_OK);
    ed25519_signer(NULL, 0, CMSFW_BK_SHA512);
    EXPECT(have_ed25519() ? CMSFW_OK : CMSFW_BAD_SIGNATURE_ALGORITHM);
    C.dummy_sig = 0;
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_RSA_SHA256), (const uint8_t *)"\x05\x00", 2);
    EXPECT(CMSFW_OK);
    /* RSA PKCS#1 parameters absent are accepted too (RFC 4055) */
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_RSA_SHA256), NULL, 0);
    EXPECT(CMSFW_OK);
    /* rsaEncryption as the signature algorithm: hash from digestAlgorithm */
    ck_signer(&C, "rsa-3072", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA384, LIT(CMSFW__OID_RSA),
              (const uint8_t *)"\x05\x00", 2);
    EXPECT(CMSFW_OK);
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA_PSS),
              NULL, 0);
    sb_pss(&pss, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 32, -1);
    C.sig_alg = pss;
    EXPECT(CMSFW_OK);
    /* an explicit trailerField 1 is accepted */
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 32, 1);
    EXPECT(CMSFW_OK);
    ck_signer(&C, "rsa-3072", NULL, CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA384, LIT(CMSFW__OID_RSA_PSS),
              NULL, 0);
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA384), LIT(CMSFW__OID_SHA384), 48, -1);
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

/* ------------------------------------------------------------- step 6 */

static void
t_signer_info_version(void)
{
    cmsfw_bytes cert;

    ck_init(&C);
    C.version = 2;
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.version = 1;
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.dev.policy = CMSFW_POLICY_SIGNER_INFO_V1; /* still SKI: refused */
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.version = 4;
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    /* issuerAndSerialNumber naming an anchor's certificate */
    ck_signer(&C, "tests/data/checks/leaf.pk8.der", "tests/data/checks/leaf.spki.der",
              CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, LIT(CMSFW__OID_ECDSA_SHA256), NULL, 0);
    cert = ck_keep(&C, "tests/data/checks/leaf.der");
    C.anchors[0].cert = cert;
    ck_sid_cert(&C, cert);
    C.version = 3;
    C.dev.policy = 0;
    EXPECT(CMSFW_OK);
    C.version = 1;
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.dev.policy = CMSFW_POLICY_SIGNER_INFO_V1;
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

static void
t_signer_info_syntax(void)
{
    static const uint8_t junk[] = {0x30, 0x03, 0x02, 0x01, 0x03};
    cmsfw__signed s;
    cmsfw_diag d;

    ck_init(&C);
    sb_set(&C.digest_alg, LIT(SHA256_NULL)); /* SignedData keeps absent params */
    C.sd_digest_alg.n = 0;
    ck_digest(&C.sd_digest_alg, CMSFW_BK_SHA256);
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.sd_digest_alg.n = 0;
    EXPECT(CMSFW_OK); /* NULL parameters on both sides */
    ck_digest(&C.sd_digest_alg, CMSFW_BK_SHA384);
    ck_digest(&C.digest_alg, CMSFW_BK_SHA256);
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    C.sd_digest_alg.n = 0;
    /* a sid of another form */
    sb_set(&C.sid, (const uint8_t *)"\x81\x01\x00", 3);
    EXPECT(CMSFW_BAD_SIGNER_INFO);
    ck_build(&C);
    C.f.signer_info = tb_bytes(junk, sizeof junk);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_BAD_SIGNER_INFO);
    cmsfw__signed_free(&s);
    C.f.signer_info = tb_bytes(NULL, 0);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_BAD_SIGNER_INFO);
    cmsfw__signed_free(&s);
    ck_free(&C);
}

/* BER outside signedAttrs: an indefinite SignerInfo, a constructed SKI. */
static void
t_signer_info_ber(void)
{
    static uint8_t ber[CB_CAP];
    cmsfw__signed s;
    cmsfw_diag d;
    sb sid;

    ck_init(&C);
    /* [0] constructed, indefinite, two OCTET STRING segments */
    sid.n = 0;
    sb_put(&sid, (const uint8_t *)"\xA0\x80", 2);
    sb_tlv(&sid, 0x04, (const uint8_t *)CK_KEY_ID, 7);
    sb_tlv(&sid, 0x04, (const uint8_t *)CK_KEY_ID + 7, sizeof(CK_KEY_ID) - 1 - 7);
    sb_put(&sid, (const uint8_t *)"\x00\x00", 2);
    C.sid = sid;
    EXPECT(CMSFW_OK);
    /* the SignerInfo SEQUENCE itself indefinite */
    ck_build(&C);
    CU_ASSERT_FATAL(C.si.b[1] == 0x82 && C.si.n + 2 < sizeof ber);
    ber[0] = 0x30;
    ber[1] = 0x80;
    memcpy(ber + 2, C.si.b + 4, C.si.n - 4);
    ber[C.si.n - 2] = 0;
    ber[C.si.n - 1] = 0;
    C.f.signer_info = tb_bytes(ber, C.si.n);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_OK);
    cmsfw__signed_free(&s);
    ck_free(&C);
}

/* ------------------------------------------------------------- step 7 */

static void
t_signed_attrs_der(void)
{
    sb v;

    ck_init(&C);
    C.omit_signed_attrs = 1;
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    C.omit_signed_attrs = 0;
    C.unsorted = 1; /* content-type (…9.3) after targets (…2.36) */
    {
        ck_attr tmp = C.attrs[0];
        C.attrs[0] = C.attrs[3];
        C.attrs[3] = tmp;
    }
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    /* message-digest with a long-form length */
    v.n = 0;
    sb_put(&v, (const uint8_t *)"\x04\x81\x20", 3);
    sb_put(&v, (const uint8_t *)CK_KEY_ID CK_KEY_ID, 32);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_MESSAGE_DIGEST), v.b, v.n);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT("\x2a\x03\x04"), LIT("\x01\x01\x01")); /* BOOLEAN not 00/FF */
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT("\x2a\x03\x04"), LIT("\x02\x02\x00\x05")); /* INTEGER not minimal */
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT("\x2a\x03\x04"), LIT("\x31\x06\x02\x01\x07\x02\x01\x03")); /* SET order */
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT("\x2a\x03\x04"),
                LIT("\x17\x0b"
                    "2601011200Z")); /* UTCTime w/o seconds */
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT("\x2a\x03\x04"), LIT("\x24\x04\x04\x02\x61\x62")); /* constructed string */
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    /* unknown attributes in DER are ignored, however deep */
    ck_set_attr(&C, LIT("\x2a\x03\x04"), LIT("\x31\x0a\x02\x01\x03\x30\x05\x01\x01\xff\x05\x00"));
    EXPECT(CMSFW_OK);
    ck_set_attr(&C, LIT("\x2a\x03\x04"),
                LIT("\x17\x0d"
                    "260101120000Z"));
    EXPECT(CMSFW_OK);
    /* the [0] with an indefinite length */
    C.ber_signed_attrs = 1;
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_free(&C);
}

static void
t_signed_attrs_values(void)
{
    static const struct {
        const uint8_t *oid;
        size_t len;
    } required[] = {{LIT(CMSFW__OID_AT_CONTENT_TYPE)},
                    {LIT(CMSFW__OID_AT_MESSAGE_DIGEST)},
                    {LIT(CMSFW__OID_AT_PKG_ID)},
                    {LIT(CMSFW__OID_AT_TARGETS)}};
    uint8_t twice[64];
    size_t i, n;
    sb in, whole;

    for (i = 0; i < 4; i++) {
        ck_init(&C);
        ck_del_attr(&C, required[i].oid, required[i].len);
        EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    }
    /* duplicate type (two message-digest attributes with different values) */
    ck_init(&C);
    memcpy(twice, "\x30\x0f\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x09\x04\x31\x02\x04\x00", 17);
    n = 17;
    ck_add_raw_attr(&C, twice, n);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    /* two values, and no value */
    ck_init(&C);
    in.n = 0;
    sb_tlv(&in, 0x06, LIT("\x2a\x03\x05"));
    sb_tlv(&in, 0x31, LIT("\x05\x00\x05\x00"));
    whole.n = 0;
    sb_tlv(&whole, 0x30, in.b, in.n);
    ck_add_raw_attr(&C, whole.b, whole.n);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    in.n = 0;
    sb_tlv(&in, 0x06, LIT("\x2a\x03\x05"));
    sb_tlv(&in, 0x31, NULL, 0);
    whole.n = 0;
    sb_tlv(&whole, 0x30, in.b, in.n);
    ck_add_raw_attr(&C, whole.b, whole.n);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    /* known values that do not decode */
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_PKG_ID), LIT("\x30\x03\x02\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_TARGETS), LIT("\x30\x03\x02\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), LIT("\x04\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_MESSAGE_DIGEST), LIT("\x06\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_COMMUNITIES), LIT("\x30\x03\x02\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_PKG_INFO), LIT("\x30\x03\x04\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_FW_DIGEST), LIT("\x30\x03\x04\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_IMPL_CRYPTO), LIT("\x30\x03\x04\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), LIT("\x30\x03\x04\x01\x05"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    /* an empty FirmwarePackageInfo is accepted (no information) */
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_PKG_INFO), LIT("\x30\x00"));
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

static void
t_signed_attrs_conditional(void)
{
    static const uint8_t hint_ok[] =
        "\x30\x11\x0c\x02hi\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10";
    static const uint8_t hint_bad[] =
        "\x30\x11\x0c\x02hi\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x09";
    static const uint8_t hint_nodesc[] =
        "\x30\x0d\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x10";
    cmsfw__signed s;
    sb ct;

    /* decrypt-key-identifier: required with EncryptedData only */
    ck_init(&C);
    sb_set(&C.econtent_type, LIT(CMSFW__OID_ENCRYPTED_DATA));
    ct.n = 0;
    sb_tlv(&ct, 0x06, LIT(CMSFW__OID_ENCRYPTED_DATA));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct.b, ct.n);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_DECRYPT_KEY_ID), LIT("\x04\x04kek1"));
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq_raw(s.decrypt_key_id, LIT("kek1")));
    cmsfw__signed_free(&s);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_DECRYPT_KEY_ID), LIT("\x02\x01\x01"));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    /* AuthEnvelopedData: optional */
    ck_init(&C);
    sb_set(&C.econtent_type, LIT("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x17"));
    ct.n = 0;
    sb_tlv(&ct, 0x06, LIT("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x17"));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct.b, ct.n);
    EXPECT(CMSFW_OK);
    /* content-hints */
    ck_init(&C);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_HINT), hint_ok, sizeof hint_ok - 1);
    EXPECT(CMSFW_OK);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_HINT), hint_bad, sizeof hint_bad - 1);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_HINT), hint_nodesc, sizeof hint_nodesc - 1);
    EXPECT(CMSFW_BAD_SIGNED_ATTRS);
    ck_free(&C);
}

/* -------------------------------------------------------- steps 8, 9 */

static void
wrapped_key_attr(sb *out, int n_values, int with_content)
{
    static const uint8_t iv_params[] = "\x04\x10"
                                       "0123456789abcdef";
    uint8_t val[512];
    size_t n = 0;
    cmsfw_wrapped_key wk;
    cmsfw_recipient r;
    sb in, set, attr;
    int i;

    memset(&wk, 0, sizeof wk);
    memset(&r, 0, sizeof r);
    r.kind = CMSFW_RECIPIENT_KEKRI;
    r.version = 4;
    r.key_id = tb_bytes(LIT("kek1"));
    r.key_enc_alg.oid = tb_bytes(LIT("\x60\x86\x48\x01\x65\x03\x04\x01\x05"));
    r.encrypted_key = tb_bytes(LIT("012345678901234567890123456789012345678901"));
    wk.version = 2;
    wk.recipients = &r;
    wk.n_recipients = 1;
    wk.content_type = tb_bytes(LIT(CMSFW__OID_CT_FIRMWARE));
    wk.cek_alg.oid = tb_bytes(LIT("\x60\x86\x48\x01\x65\x03\x04\x01\x2a"));
    wk.cek_alg.params = tb_bytes(iv_params, sizeof iv_params - 1);
    if (with_content) {
        wk.has_content = 1;
        wk.content = tb_bytes(LIT("ciphertext"));
    }
    CU_ASSERT_FATAL(cmsfw_wrapped_key_encode(&wk, val, sizeof val, &n, NULL) == CMSFW_OK);
    set.n = 0;
    for (i = 0; i < n_values; i++)
        sb_put(&set, val, n);
    in.n = 0;
    sb_tlv(&in, 0x06, LIT(CMSFW__OID_AT_WRAPPED_KEY));
    sb_tlv(&in, 0x31, set.b, set.n);
    attr.n = 0;
    sb_tlv(&attr, 0x30, in.b, in.n);
    out->n = 0;
    sb_tlv(out, 0xA1, attr.b, attr.n);
}

static void
t_unsigned_attrs(void)
{
    cmsfw__signed s;
    sb ct;

    ck_init(&C);
    sb_set(&C.econtent_type, LIT(CMSFW__OID_ENCRYPTED_DATA));
    ct.n = 0;
    sb_tlv(&ct, 0x06, LIT(CMSFW__OID_ENCRYPTED_DATA));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct.b, ct.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_DECRYPT_KEY_ID), LIT("\x04\x04kek1"));
    wrapped_key_attr(&C.unsigned_attrs, 1, 0);
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT_EQUAL(s.has_wrapped_key, 1);
    CU_ASSERT_EQUAL(s.wrapped_key.n_recipients, 1);
    cmsfw__signed_free(&s);
    wrapped_key_attr(&C.unsigned_attrs, 2, 0);
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    wrapped_key_attr(&C.unsigned_attrs, 1, 1);
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    /* another attribute, alone */
    sb_set(&C.unsigned_attrs, LIT("\xA1\x0b\x30\x09\x06\x03\x2a\x03\x04\x31\x02\x05\x00"));
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    /* a wrapped key whose value does not decode */
    sb_set(&C.unsigned_attrs, LIT("\xA1\x15\x30\x13\x06\x0b\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x02"
                                  "\x27\x31\x04\x30\x02\x05\x00"));
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    sb_set(&C.unsigned_attrs, LIT("\xA1\x00"));
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    /* a wrapped key is for an EncryptedData layer only */
    ck_init(&C);
    wrapped_key_attr(&C.unsigned_attrs, 1, 0);
    EXPECT(CMSFW_BAD_UNSIGNED_ATTRS);
    ck_free(&C);
}

static void
t_content_type_mismatch(void)
{
    cmsfw__signed s;
    sb ct;

    ck_init(&C);
    ct.n = 0;
    sb_tlv(&ct, 0x06, LIT("\x2a\x86\x48\x86\xf7\x0d\x01\x09\x10\x01\x09"));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_CONTENT_TYPE), ct.b, ct.n);
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_CONTENT_TYPE_MISMATCH);
    /* the package is named even though nothing is authenticated */
    CU_ASSERT_EQUAL(s.has_pkg_id, 1);
    CU_ASSERT_EQUAL(s.authenticated, 0);
    cmsfw__signed_free(&s);
    ck_free(&C);
}

/* ------------------------------------------------------------ step 12 */

static void
t_digest_algorithm(void)
{
    ck_init(&C);
    sb_alg(&C.digest_alg, LIT("\x2a\x86\x48\x86\xf7\x0d\x02\x05"), LIT("\x05\x00")); /* MD5 */
    EXPECT(CMSFW_BAD_DIGEST_ALGORITHM);
    sb_alg(&C.digest_alg, LIT("\x2b\x0e\x03\x02\x1a"), NULL, 0); /* SHA-1 */
    EXPECT(CMSFW_BAD_DIGEST_ALGORITHM);
    sb_alg(&C.digest_alg, LIT(CMSFW__OID_SHA256), LIT("\x04\x00"));
    EXPECT(CMSFW_BAD_DIGEST_ALGORITHM);
    sb_alg(&C.digest_alg, LIT(CMSFW__OID_SHA256), LIT("\x05\x00"));
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

/* ------------------------------------------------------------ step 13 */

static void
t_signature_algorithm(void)
{
    ck_init(&C);
    /* ECDSA identifier, RSA key */
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_ECDSA_SHA256), NULL, 0);
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    /* Ed25519 identifier, EC key */
    ck_signer(&C, "ec-p256", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA512, LIT(CMSFW__OID_ED25519),
              NULL, 0);
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    /* RFC 8933: the signature's hash is not the digest algorithm */
    ck_signer(&C, "ec-p256", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_ECDSA_SHA384), NULL, 0);
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    ed25519_signer(NULL, 0, CMSFW_BK_SHA256);
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    ck_signer(&C, "ed448", NULL, CMSFW_BK_SIG_ED448, CMSFW_BK_SHA512, LIT(CMSFW__OID_ED448), NULL,
              0);
    C.dummy_sig = 1;
    C.dummy_sig_len = 114;
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    /* unknown algorithm (ML-DSA-44) */
    ck_signer(&C, "ec-p256", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256,
              LIT("\x60\x86\x48\x01\x65\x03\x04\x03\x11"), NULL, 0);
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    C.dummy_sig = 0;
    /* LEGACY refused by policy */
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_RSA_SHA256), LIT("\x05\x00"));
    C.dev.policy = CMSFW_POLICY_NO_LEGACY;
    EXPECT(CMSFW_BAD_SIGNATURE_ALGORITHM);
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA_PSS),
              NULL, 0);
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 32, -1);
    EXPECT(CMSFW_OK); /* PSS is not LEGACY */
    ck_free(&C);
}

static void
t_signature_parameters(void)
{
    ck_init(&C);
    ck_signer(&C, "rsa-2048", NULL, CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA_PSS),
              NULL, 0);
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* PSS without parameters */
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 20, -1);
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* salt mismatch */
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA384), 32, -1);
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* MGF1 hash mismatch */
    sb_pss(&C.sig_alg, LIT(CMSFW__OID_SHA256), LIT(CMSFW__OID_SHA256), 32, 2);
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* trailer */
    sb_pss(&C.sig_alg, LIT("\x2b\x0e\x03\x02\x1a"), LIT("\x2b\x0e\x03\x02\x1a"), 20, -1);
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* SHA-1 */
    sb_alg(&C.sig_alg, LIT(CMSFW__OID_RSA_PSS), LIT("\x30\x00"));
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* all defaults: SHA-1 */
    ck_signer(&C, "ec-p256", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_ECDSA_SHA256), LIT("\x05\x00"));
    EXPECT(CMSFW_UNSUPPORTED_PARAMETERS); /* ECDSA with NULL */
    ed25519_signer(LIT("\x05\x00"), CMSFW_BK_SHA512);
    /* a build without Ed25519 says so before looking at the parameters */
    EXPECT(have_ed25519() ? CMSFW_UNSUPPORTED_PARAMETERS : CMSFW_BAD_SIGNATURE_ALGORITHM);
    C.dummy_sig = 0;
    ck_free(&C);
}

static void
t_key_size(void)
{
    ck_init(&C);
    ck_signer(&C, "rsa-1024", NULL, CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_RSA_SHA256), LIT("\x05\x00"));
    C.dummy_sig = 1; /* the backend will not sign with it */
    C.dummy_sig_len = 128;
    EXPECT(CMSFW_UNSUPPORTED_KEY_SIZE);
    ck_signer(&C, "ec-p521", NULL, CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA512,
              LIT(CMSFW__OID_ECDSA_SHA512), NULL, 0);
    C.dummy_sig_len = 139;
    EXPECT(CMSFW_UNSUPPORTED_KEY_SIZE);
    ck_free(&C);
}

/* ------------------------------------------------------------ step 14 */

static void
t_signature(void)
{
    cmsfw__signed s;
    sb v;

    ck_init(&C);
    C.flip_sig = 1;
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_SIGNATURE_FAILURE);
    CU_ASSERT_EQUAL(s.authenticated, 0);
    CU_ASSERT_EQUAL(s.has_pkg_id, 1);
    cmsfw__signed_free(&s);
    C.flip_sig = 0;
    if (have_ed25519()) {
        ed25519_signer(NULL, 0, CMSFW_BK_SHA512);
        C.flip_sig = 1;
        EXPECT(CMSFW_SIGNATURE_FAILURE);
        C.flip_sig = 0;
    }
    /* signed by another key than the anchor's */
    ck_init(&C);
    tb_free(&C.key);
    C.key = tb_load("tests/data/checks/leaf.pk8.der");
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* message-digest of other content, correctly signed */
    ck_init(&C);
    v.n = 0;
    sb_tlv(&v, 0x04, (const uint8_t *)CK_KEY_ID CK_KEY_ID, 32);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_MESSAGE_DIGEST), v.b, v.n);
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* a digest of the right length with one bit changed */
    ck_init(&C);
    C.econtent.b[0] ^= 1;
    ck_build(&C);
    C.econtent.b[0] ^= 1;
    C.auto_md = 0;
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* the processor could not hash the eContent */
    ck_init(&C);
    ck_build(&C);
    C.f.econtent_digest_len = 0;
    {
        cmsfw_diag d;
        CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_BAD_DIGEST_ALGORITHM);
        cmsfw__signed_free(&s);
    }
    ck_free(&C);
}

static void
t_algorithm_protection(void)
{
    sb v, in;

    ck_init(&C);
    ck_del_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION));
    EXPECT(CMSFW_OK); /* absent: fine */
    /* digestAlgorithm with NULL parameters where the SignerInfo has none */
    in.n = 0;
    sb_put(&in, LIT(SHA256_NULL));
    sb_tlv(&in, 0xA1, LIT("\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"));
    v.n = 0;
    sb_tlv(&v, 0x30, in.b, in.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* another signature algorithm */
    in.n = 0;
    sb_put(&in, C.digest_alg.b, C.digest_alg.n);
    sb_tlv(&in, 0xA1, LIT("\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x03"));
    v.n = 0;
    sb_tlv(&v, 0x30, in.b, in.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* the right ones, plus a macAlgorithm */
    in.n = 0;
    sb_put(&in, C.digest_alg.b, C.digest_alg.n);
    sb_tlv(&in, 0xA1, LIT("\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"));
    sb_tlv(&in, 0xA2, LIT("\x06\x08\x2b\x06\x01\x05\x05\x08\x01\x02"));
    v.n = 0;
    sb_tlv(&v, 0x30, in.b, in.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* only the digest algorithm */
    v.n = 0;
    sb_tlv(&v, 0x30, C.digest_alg.b, C.digest_alg.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
    EXPECT(CMSFW_SIGNATURE_FAILURE);
    /* written by hand, equal: fine */
    in.n = 0;
    sb_put(&in, C.digest_alg.b, C.digest_alg.n);
    sb_tlv(&in, 0xA1, LIT("\x06\x08\x2a\x86\x48\xce\x3d\x04\x03\x02"));
    v.n = 0;
    sb_tlv(&v, 0x30, in.b, in.n);
    ck_set_attr(&C, LIT(CMSFW__OID_AT_ALG_PROTECTION), v.b, v.n);
    EXPECT(CMSFW_OK);
    ck_free(&C);
}

static void
t_arguments(void)
{
    cmsfw__signed s;
    cmsfw_diag d;

    ck_init(&C);
    ck_build(&C);
    CU_ASSERT_EQUAL(cmsfw__check_signed(NULL, &C.dev, &s, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, NULL, &s, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, NULL, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__check_certificates(NULL, &d), CMSFW_E_ARG);
    /* no anchors at all */
    C.dev.n_anchors = 0;
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, NULL), CMSFW_NO_TRUST_ANCHOR);
    cmsfw__signed_free(&s);
    cmsfw__signed_free(NULL);
    ck_free(&C);
}

static CU_TestInfo tests[] = {
    {"step 4: certificate choices and parsing", t_certs},
    {"a valid package passes steps 6-14", t_good},
    {"every signature algorithm of the profile", t_good_algorithms},
    {"step 6: SignerInfo version and sid form", t_signer_info_version},
    {"step 6: SignerInfo syntax and digestAlgorithm", t_signer_info_syntax},
    {"step 6: BER SignerInfo and constructed SKI", t_signer_info_ber},
    {"step 7: signedAttrs must be DER", t_signed_attrs_der},
    {"step 7: required attributes and values", t_signed_attrs_values},
    {"step 7: decrypt-key-identifier and content-hints", t_signed_attrs_conditional},
    {"step 8: unsigned attributes", t_unsigned_attrs},
    {"step 9: content type mismatch", t_content_type_mismatch},
    {"step 12: digest algorithm", t_digest_algorithm},
    {"step 13: signature algorithm", t_signature_algorithm},
    {"step 13: signature parameters", t_signature_parameters},
    {"step 13: key size", t_key_size},
    {"step 14: message digest and signature", t_signature},
    {"step 14: CMSAlgorithmProtection", t_algorithm_protection},
    {"arguments", t_arguments},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"checks", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
