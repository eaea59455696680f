/*
 * test_checks_path.c: steps 10 and 11, where the signer's key comes from
 * and whether it may sign firmware: anchors named directly, certification
 * paths through the certificates of tests/data/checks (generate.sh there),
 * anchor flags and CMS content constraints (RFC 6010). Also the SHA-1 key
 * identifiers of anchors.
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

#define D "tests/data/checks/"

static cmsfw_bytes root_cert;

/* Signer: the leaf key (P-256, ECDSA with SHA-256); anchor: root, with its
 * certificate (so with a DN) and no explicit key id. */
static void
leaf_signer(const char *leaf_cert)
{
    cmsfw_key k;
    cmsfw_bytes cert;

    ck_init(&C);
    ck_signer(&C, D "leaf.pk8.der", D "leaf.spki.der", CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256,
              LIT(CMSFW__OID_ECDSA_SHA256), NULL, 0);
    root_cert = ck_keep(&C, D "root.der");
    ck_anchor(&C, ck_keep(&C, D "root.spki.der"), tb_bytes(NULL, 0), root_cert,
              CMSFW_ANCHOR_FIRMWARE_SIGNER);
    cert = ck_add_cert(&C, leaf_cert);
    CU_ASSERT_FATAL(cmsfw_key_parse(&k, cert, CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    if (k.ski.ptr != NULL)
        ck_sid_ski(&C, k.ski.ptr, k.ski.len);
    else
        ck_sid_cert(&C, cert);
}

static int
have_ed25519(void)
{
    return cmsfw_bk_has(CMSFW_BK_CAP_ED25519);
}

/* ------------------------------------------------------------ step 10 */

static void
t_direct_anchor(void)
{
    cmsfw__signed s;
    cmsfw_bytes leaf, spki;
    cmsfw_key k;
    uint8_t h[CMSFW_BK_HASH_MAX];
    size_t n = 0;

    ck_init(&C);
    ck_sid_ski(&C, LIT("\x01\x02\x03\x04"));
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* anchor given as a certificate: its SKI extension is the key id */
    leaf_signer(D "leaf.der");
    leaf = ck_keep(&C, D "leaf.der");
    spki = ck_keep(&C, D "leaf.spki.der");
    tb_free(&C.certs[0]);
    C.n_certs = 0;
    ck_anchor(&C, spki, tb_bytes(NULL, 0), leaf, CMSFW_ANCHOR_FIRMWARE_SIGNER);
    CU_ASSERT_FATAL(cmsfw_key_parse(&k, leaf, CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq(s.anchor_key_id, k.ski));
    cmsfw__signed_free(&s);
    /* anchor as a bare key: SHA-1 of the key bits names it (openssl wrote
     * the leaf's SKI extension by that same method) */
    ck_anchor(&C, spki, tb_bytes(NULL, 0), tb_bytes(NULL, 0), CMSFW_ANCHOR_FIRMWARE_SIGNER);
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq(s.anchor_key_id, k.ski));
    CU_ASSERT_PTR_EQUAL(s.anchor_key_id.ptr, s.anchor_key_id_buf);
    cmsfw__signed_free(&s);
    /* ... and so does the RFC 7093 method 1 identifier */
    CU_ASSERT_FATAL(cmsfw_bk_hash_once(CMSFW_BK_SHA256, k.public_key, h, sizeof h, &n) ==
                    CMSFW_BK_OK);
    ck_sid_ski(&C, h, 20);
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq_raw(s.anchor_key_id, h, 20));
    cmsfw__signed_free(&s);
    ck_sid_ski(&C, h, 19);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* issuerAndSerialNumber naming the anchor's certificate */
    ck_anchor(&C, spki, tb_bytes(NULL, 0), leaf, CMSFW_ANCHOR_FIRMWARE_SIGNER);
    ck_sid_cert(&C, leaf);
    EXPECT(CMSFW_OK);
    ck_sid_cert(&C, root_cert);
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* a broken anchor is the caller's error */
    ck_anchor(&C, spki, tb_bytes(NULL, 0), tb_bytes(LIT("\x30\x03\x02\x01\x00")), 1);
    EXPECT(CMSFW_E_ARG);
    ck_free(&C);
}

static void
t_path(void)
{
    cmsfw__signed s;
    cmsfw_key root;

    leaf_signer(D "leaf.der");
    ck_add_cert(&C, D "ica.der");
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT_FATAL(cmsfw_key_parse(&root, root_cert, CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    CU_ASSERT(cmsfw__bytes_eq(s.anchor_key_id, root.ski));
    CU_ASSERT_EQUAL(s.authenticated, 1);
    cmsfw__signed_free(&s);
    /* any order, unrelated certificates around, the root itself included */
    leaf_signer(D "ica.der");
    ck_add_cert(&C, D "notca.der");
    ck_add_cert(&C, D "root.der");
    ck_add_cert(&C, D "leaf.der");
    ck_sid_ski(&C, NULL, 0);
    {
        cmsfw_key k;
        CU_ASSERT_FATAL(cmsfw_key_parse(&k, tb_view(C.certs[3]), CMSFW_KEY_CERTIFICATE, NULL) ==
                        CMSFW_OK);
        ck_sid_ski(&C, k.ski.ptr, k.ski.len);
    }
    EXPECT(CMSFW_OK);
    /* issuerAndSerialNumber sid, certificate without SKI */
    leaf_signer(D "leaf-noski.der");
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_OK);
    /* the intermediate is missing */
    leaf_signer(D "leaf.der");
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    /* the anchor has no DN: no path can end there */
    leaf_signer(D "leaf.der");
    ck_add_cert(&C, D "ica.der");
    C.anchors[0].cert = tb_bytes(NULL, 0);
    C.anchors[0].key_id = tb_bytes(LIT(CK_KEY_ID));
    EXPECT(CMSFW_NO_TRUST_ANCHOR);
    ck_free(&C);
}

static void
t_path_signatures(void)
{
    static uint8_t broken[2048];
    cmsfw__signed s;
    cmsfw_diag d;
    cmsfw_bytes ica, leaf;

    leaf_signer(D "leaf.der");
    ica = ck_add_cert(&C, D "ica.der");
    leaf = tb_view(C.certs[0]);
    ck_build(&C);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_OK);
    cmsfw__signed_free(&s);
    CU_ASSERT_FATAL(ica.len <= sizeof broken && leaf.len <= sizeof broken);
    /* a flipped bit in the intermediate's signature value */
    memcpy(broken, ica.ptr, ica.len);
    broken[ica.len - 5] ^= 0x01;
    C.f.certs[1] = tb_bytes(broken, ica.len);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_NO_TRUST_ANCHOR);
    cmsfw__signed_free(&s);
    /* in the leaf's */
    C.f.certs[1] = ica;
    memcpy(broken, leaf.ptr, leaf.len);
    broken[leaf.len - 3] ^= 0x01;
    C.f.certs[0] = tb_bytes(broken, leaf.len);
    CU_ASSERT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_NO_TRUST_ANCHOR);
    cmsfw__signed_free(&s);
    /* in the signed part of the leaf (a bit of its subject key) */
    memcpy(broken, leaf.ptr, leaf.len);
    broken[leaf.len / 2] ^= 0x01;
    C.f.certs[0] = tb_bytes(broken, leaf.len);
    CU_ASSERT_NOT_EQUAL(cmsfw__check_signed(&C.f, &C.dev, &s, &d), CMSFW_OK);
    cmsfw__signed_free(&s);
    /* Ed25519 signer under an RSA CA that signed with RSASSA-PSS */
    ck_init(&C);
    ck_signer(&C, D "leaf-ed.pk8.der", "tests/data/keys/ed25519.spki.der", CMSFW_BK_SIG_ED25519,
              CMSFW_BK_SHA512, LIT(CMSFW__OID_ED25519), NULL, 0);
    C.dummy_sig = !have_ed25519();
    C.dummy_sig_len = 64;
    root_cert = ck_keep(&C, D "root.der");
    ck_anchor(&C, ck_keep(&C, D "root.spki.der"), tb_bytes(NULL, 0), root_cert,
              CMSFW_ANCHOR_FIRMWARE_SIGNER);
    ck_sid_cert(&C, ck_add_cert(&C, D "leaf-ed.der"));
    ck_add_cert(&C, D "ica-rsa.der");
    EXPECT(have_ed25519() ? CMSFW_OK : CMSFW_BAD_SIGNATURE_ALGORITHM);
    /* a certified key that is too small: unsupportedKeySize at step 13 */
    ck_init(&C);
    ck_signer(&C, D "leaf-1024.pk8.der", "tests/data/keys/rsa-1024.spki.der",
              CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, LIT(CMSFW__OID_RSA_SHA256), NULL, 0);
    C.dummy_sig = 1;
    C.dummy_sig_len = 128;
    root_cert = ck_keep(&C, D "root.der");
    ck_anchor(&C, ck_keep(&C, D "root.spki.der"), tb_bytes(NULL, 0), root_cert,
              CMSFW_ANCHOR_FIRMWARE_SIGNER);
    ck_sid_cert(&C, ck_add_cert(&C, D "leaf-1024.der"));
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_UNSUPPORTED_KEY_SIZE);
    ck_free(&C);
}

static void
t_path_rules(void)
{
    leaf_signer(D "leaf-notca.der");
    ck_add_cert(&C, D "notca.der");
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* issuer with cA FALSE */
    leaf_signer(D "leaf-deep.der");
    ck_add_cert(&C, D "ica2.der");
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* ica's pathLenConstraint 0 */
    leaf_signer(D "leaf-ku.der");
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* keyUsage without digitalSignature */
    leaf_signer(D "leaf-crit.der");
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_NO_TRUST_ANCHOR); /* unknown critical extension */
    /* a certificate that does not parse, when a path is needed */
    leaf_signer(D "leaf.der");
    ck_add_cert(&C, "tests/data/checks/generate.sh");
    EXPECT(CMSFW_BAD_CERTIFICATE);
    ck_free(&C);
}

/* ------------------------------------------------------------ step 11 */

static void
t_authorisation(void)
{
    cmsfw_anchor two[2];
    cmsfw_bytes spki;
    cmsfw__signed s;
    sb v;

    ck_init(&C);
    C.anchors[0].flags = 0;
    EXPECT(CMSFW_NOT_AUTHORIZED);
    leaf_signer(D "leaf.der");
    ck_add_cert(&C, D "ica.der");
    C.anchors[0].flags = 0;
    EXPECT(CMSFW_NOT_AUTHORIZED);
    /* two anchors with the same key id: the firmware signer is chosen */
    ck_init(&C);
    spki = C.anchors[0].spki;
    memset(two, 0, sizeof two);
    two[0].spki = spki;
    two[0].key_id = tb_bytes(LIT(CK_KEY_ID));
    two[1] = two[0];
    two[1].flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    C.dev.anchors = two;
    C.dev.n_anchors = 2;
    EXPECT(CMSFW_OK);
    two[1].flags = 0;
    EXPECT(CMSFW_NOT_AUTHORIZED);
    /* content constraints */
    leaf_signer(D "leaf-cc-deny.der");
    ck_add_cert(&C, D "ica.der");
    EXPECT(CMSFW_NOT_AUTHORIZED);
    leaf_signer(D "leaf-cc-allow.der");
    ck_add_cert(&C, D "ica.der");
    CU_ASSERT_EQUAL(ck_run(&C, &s), CMSFW_OK);
    CU_ASSERT_EQUAL(s.authenticated, 1);
    cmsfw__signed_free(&s);
    /* the constraint fixes the targets attribute: another value fails */
    v.n = 0;
    sb_put(&v, LIT("\x30\x0c\x06\x0a"));
    sb_put(&v, LIT(CK_PKG_OID));
    ck_set_attr(&C, LIT(CMSFW__OID_AT_TARGETS), v.b, v.n);
    EXPECT(CMSFW_NOT_AUTHORIZED);
    ck_del_attr(&C, LIT(CMSFW__OID_AT_TARGETS));
    EXPECT(CMSFW_BAD_SIGNED_ATTRS); /* step 7 comes first */
    ck_free(&C);
}

/* --------------------------------------------------------------- SHA-1 */

static void
t_sha1(void)
{
    static const char *const in[] = {"", "abc",
                                     "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
    static const char *const out[] = {"da39a3ee5e6b4b0d3255bfef95601890afd80709",
                                      "a9993e364706816aba3e25717850c26c9cd0d89d",
                                      "84983e441c3bd26ebaae4aa1f95129e5e54670f1"};
    uint8_t d[CMSFW__SHA1_LEN], million[1000];
    char hex[41];
    size_t i, k;

    for (i = 0; i < 3; i++) {
        cmsfw__sha1(tb_bytes((const uint8_t *)in[i], strlen(in[i])), d);
        for (k = 0; k < sizeof d; k++)
            snprintf(hex + 2 * k, 3, "%02x", d[k]);
        CU_ASSERT_STRING_EQUAL(hex, out[i]);
    }
    /* 1000 'a' (a length that crosses many blocks and no boundary) */
    memset(million, 'a', sizeof million);
    cmsfw__sha1(tb_bytes(million, sizeof million), d);
    for (k = 0; k < sizeof d; k++)
        snprintf(hex + 2 * k, 3, "%02x", d[k]);
    CU_ASSERT_STRING_EQUAL(hex, "291e9a6c66994949b57ba5e650361e98fc36b1ba");
}

static CU_TestInfo tests[] = {
    {"step 10: the sid names an anchor", t_direct_anchor},
    {"step 10: paths through intermediates", t_path},
    {"step 10: path signatures", t_path_signatures},
    {"step 10: CA, pathLen, keyUsage, critical extensions", t_path_rules},
    {"step 11: anchor flags and content constraints", t_authorisation},
    {"SHA-1 known answers", t_sha1},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"checks-path", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
