/*
 * test_backend_keys.c: key information from SubjectPublicKeyInfo and
 * PKCS#8, key size rules, and malformed keys (never a crash, always a
 * defined status).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cu_main.h"
#include "test_backend_util.h"

typedef struct key_case {
    const char *name; /* tests/data/keys/<name>.spki.der and .pk8.der */
    cmsfw_bk_key_type type;
    unsigned bits;
    cmsfw_bk_status status; /* with the capability present */
    uint32_t cap;           /* 0: status does not depend on a capability */
} key_case;

static const key_case key_cases[] = {
    {"ec-p256", CMSFW_BK_KEY_EC_P256, 256, CMSFW_BK_OK, CMSFW_BK_CAP_ECDSA_P256},
    {"ec-p384", CMSFW_BK_KEY_EC_P384, 384, CMSFW_BK_OK, CMSFW_BK_CAP_ECDSA_P384},
    {"ec-p521", CMSFW_BK_KEY_EC_OTHER, 521, CMSFW_BK_KEY_SIZE, 0},
    {"rsa-1024", CMSFW_BK_KEY_RSA, 1024, CMSFW_BK_KEY_SIZE, 0},
    {"rsa-2048", CMSFW_BK_KEY_RSA, 2048, CMSFW_BK_OK, CMSFW_BK_CAP_RSA_PKCS1},
    {"rsa-3072", CMSFW_BK_KEY_RSA, 3072, CMSFW_BK_OK, CMSFW_BK_CAP_RSA_PKCS1},
    {"rsa-4096", CMSFW_BK_KEY_RSA, 4096, CMSFW_BK_OK, CMSFW_BK_CAP_RSA_PKCS1},
    {"ed25519", CMSFW_BK_KEY_ED25519, 256, CMSFW_BK_OK, CMSFW_BK_CAP_ED25519},
    {"ed448", CMSFW_BK_KEY_ED448, 456, CMSFW_BK_OK, CMSFW_BK_CAP_ED448},
    /* id-RSASSA-PSS keys are not handled: unknown algorithm */
    {"rsa-pss-2048", CMSFW_BK_KEY_UNKNOWN, 0, CMSFW_BK_UNSUPPORTED, 0},
};

#define N_KEYS ((int)(sizeof key_cases / sizeof key_cases[0]))

static tb_buf
load_key(const char *name, const char *kind)
{
    char rel[128];

    snprintf(rel, sizeof rel, "tests/data/keys/%s.%s.der", name, kind);
    return tb_load(rel);
}

static cmsfw_bk_status
expected(const key_case *k)
{
    if (k->cap != 0 && !cmsfw_bk_has(k->cap))
        return CMSFW_BK_UNSUPPORTED;
    return k->status;
}

static void
test_key_info(void)
{
    cmsfw_bk_key_info info;
    int i;

    for (i = 0; i < N_KEYS; i++) {
        tb_buf spki = load_key(key_cases[i].name, "spki");
        tb_buf pk8 = load_key(key_cases[i].name, "pk8");

        CU_ASSERT_PTR_NOT_NULL_FATAL(spki.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pk8.ptr);
        memset(&info, 0xff, sizeof info);
        CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), expected(&key_cases[i]));
        CU_ASSERT_EQUAL(info.type, key_cases[i].type);
        CU_ASSERT_EQUAL(info.bits, key_cases[i].bits);
        memset(&info, 0xff, sizeof info);
        CU_ASSERT_EQUAL(cmsfw_bk_pkcs8_info(tb_view(pk8), &info), expected(&key_cases[i]));
        CU_ASSERT_EQUAL(info.type, key_cases[i].type);
        CU_ASSERT_EQUAL(info.bits, key_cases[i].bits);
        /* a public key is not a private key and the other way round */
        CU_ASSERT_EQUAL(cmsfw_bk_pkcs8_info(tb_view(spki), &info), CMSFW_BK_BAD_KEY);
        CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(pk8), &info), CMSFW_BK_BAD_KEY);
        tb_free(&spki);
        tb_free(&pk8);
    }
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_bytes(NULL, 0), &info), CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_bytes((const uint8_t *)"", 0), NULL),
                    CMSFW_BK_BAD_INPUT);
}

/* The RFC 8410 example keys. */
static void
test_key_info_rfc8410(void)
{
    tb_buf priv = tb_load("vectors/published/rfc8410-ed25519-private-key.der");
    tb_buf pub = tb_load("vectors/published/rfc8410-ed25519-public-key.der");
    cmsfw_bk_status want = cmsfw_bk_has(CMSFW_BK_CAP_ED25519) ? CMSFW_BK_OK
                                                               : CMSFW_BK_UNSUPPORTED;
    cmsfw_bk_key_info info;

    CU_ASSERT_PTR_NOT_NULL_FATAL(priv.ptr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pub.ptr);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(pub), &info), want);
    CU_ASSERT_EQUAL(info.type, CMSFW_BK_KEY_ED25519);
    CU_ASSERT_EQUAL(cmsfw_bk_pkcs8_info(tb_view(priv), &info), want);
    CU_ASSERT_EQUAL(info.type, CMSFW_BK_KEY_ED25519);
    tb_free(&priv);
    tb_free(&pub);
}

static int
defined_key_status(cmsfw_bk_status st)
{
    return st == CMSFW_BK_OK || st == CMSFW_BK_UNSUPPORTED || st == CMSFW_BK_KEY_SIZE ||
           st == CMSFW_BK_BAD_KEY;
}

typedef cmsfw_bk_status (*info_fn)(cmsfw_bytes, cmsfw_bk_key_info *);

/*
 * Every strict prefix and the value with a byte appended are BAD_KEY;
 * changing any one of the first @p mutate bytes gives a defined status.
 * Copies go to exact-size heap buffers so that a read past the end would
 * show under a memory checker.
 */
static void
hammer(tb_buf der, info_fn info_of, size_t mutate)
{
    cmsfw_bk_key_info info;
    uint8_t *copy;
    size_t n, i;

    for (n = 0; n < der.len; n++) {
        copy = malloc(n + 1);
        CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
        memcpy(copy, der.ptr, n);
        CU_ASSERT_EQUAL(info_of(tb_bytes(copy, n), &info), CMSFW_BK_BAD_KEY);
        free(copy);
    }
    copy = malloc(der.len + 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    memcpy(copy, der.ptr, der.len);
    copy[der.len] = 0;
    CU_ASSERT_EQUAL(info_of(tb_bytes(copy, der.len + 1), &info), CMSFW_BK_BAD_KEY);
    for (i = 0; i < der.len && i < mutate; i++) {
        static const uint8_t flips[] = {0x01, 0x80, 0xff};
        size_t f;

        for (f = 0; f < sizeof flips; f++) {
            copy[i] ^= flips[f];
            CU_ASSERT(defined_key_status(info_of(tb_bytes(copy, der.len), &info)));
            copy[i] ^= flips[f];
        }
    }
    /* the outer SEQUENCE tag */
    copy[0] = 0x31;
    CU_ASSERT_EQUAL(info_of(tb_bytes(copy, der.len), &info), CMSFW_BK_BAD_KEY);
    free(copy);
}

static void
test_malformed_keys(void)
{
    int i;

    for (i = 0; i < N_KEYS; i++) {
        tb_buf spki = load_key(key_cases[i].name, "spki");
        tb_buf pk8 = load_key(key_cases[i].name, "pk8");
        /* mutating RSA private keys everywhere is slow (key checks) */
        size_t priv_span = key_cases[i].type == CMSFW_BK_KEY_RSA ? 48 : pk8.len;

        hammer(spki, cmsfw_bk_spki_info, spki.len);
        hammer(pk8, cmsfw_bk_pkcs8_info, priv_span);
        tb_free(&spki);
        tb_free(&pk8);
    }
}

/* Hand-made keys that parse as DER but break a rule. */
static void
test_crafted_keys(void)
{
    static const char *const bad_spki[] = {
        /* Ed25519 with parameters (RFC 8410: absent) */
        "302c300706032b65700500032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f70"
        "7511a",
        /* Ed25519 key of 31 bytes */
        "3029300506032b6570032000d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f70751",
        /* BIT STRING with unused bits */
        "302a300506032b6570032101d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f70751"
        "1a",
        /* id-ecPublicKey with NULL parameters instead of a named curve */
        "3025300b06072a8648ce3d0201050003160004"
        "0102030405060708090a0b0c0d0e0f1011121314",
        /* P-256 compressed point */
        "3039301306072a8648ce3d020106082a8648ce3d03010703220002"
        "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
        /* length in long form where the short form fits */
        "30812a300506032b6570032100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707"
        "511a",
    };
    static const char *const bad_pkcs8[] = {
        /* version 2 */
        "302e020102300506032b657004220420"
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        /* public key [1] in a version 0 (v1) structure */
        "3051020100300506032b657004220420"
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
        "812100d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        /* CurvePrivateKey of 33 bytes */
        "302f020100300506032b657004230421"
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f6000",
        /* seed not wrapped in its inner OCTET STRING */
        "302c020100300506032b65700420"
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
    };
    cmsfw_bk_key_info info;
    size_t i;

    for (i = 0; i < sizeof bad_spki / sizeof bad_spki[0]; i++) {
        tb_buf b = tb_hex(bad_spki[i]);

        CU_ASSERT_PTR_NOT_NULL_FATAL(b.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(b), &info), CMSFW_BK_BAD_KEY);
        tb_free(&b);
    }
    for (i = 0; i < sizeof bad_pkcs8 / sizeof bad_pkcs8[0]; i++) {
        tb_buf b = tb_hex(bad_pkcs8[i]);

        CU_ASSERT_PTR_NOT_NULL_FATAL(b.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_pkcs8_info(tb_view(b), &info), CMSFW_BK_BAD_KEY);
        tb_free(&b);
    }
}

/*
 * RSA public keys that parse but break RFC 8017 3.1 (n odd, 3 <= e < n,
 * e odd): Mbed TLS and the OpenSSL backend refuse them; wolfSSL reads
 * them, and the signature check fails later.
 */
static void
test_rsa_public_rules(void)
{
    tb_buf spki = load_key("rsa-2048", "spki");
    cmsfw_bk_status want = strcmp(cmsfw_bk_name(), "wolfssl") == 0 ? CMSFW_BK_OK
                                                                   : CMSFW_BK_BAD_KEY;
    cmsfw_bk_key_info info;
    uint8_t digest[32], sig[256];

    CU_ASSERT_PTR_NOT_NULL_FATAL(spki.ptr);
    /* the key ends with publicExponent INTEGER 65537: 02 03 01 00 01 */
    CU_ASSERT_FATAL(spki.len > 6 && spki.ptr[spki.len - 5] == 0x02 &&
                    spki.ptr[spki.len - 1] == 0x01);
    memset(digest, 0x11, sizeof digest);
    memset(sig, 0x22, sizeof sig);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), CMSFW_BK_OK);
    /* an even modulus */
    spki.ptr[spki.len - 6] ^= 0x01;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), want);
    CU_ASSERT_EQUAL(info.bits, 2048);
    if (want == CMSFW_BK_BAD_KEY)
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, tb_view(spki),
                                        tb_bytes(digest, 32), tb_bytes(sig, 256)),
                        CMSFW_BK_BAD_KEY);
    spki.ptr[spki.len - 6] ^= 0x01;
    /* an even exponent, 65536 */
    spki.ptr[spki.len - 1] = 0x00;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), want);
    tb_free(&spki);
}

/* A P-256 private key (PKCS#8, no public key) with scalar @p d_hex. */
static tb_buf
p256_private(const char *d_hex)
{
    char hex[200];

    snprintf(hex, sizeof hex,
             "3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420%s", d_hex);
    return tb_hex(hex);
}

/* An EC private scalar must be in [1, n-1]: 0, n and beyond are refused
 * by every backend, for information and for signing. */
static void
test_private_scalar_range(void)
{
    static const struct {
        const char *d;
        cmsfw_bk_status want;
    } cases[] = {
        {"0000000000000000000000000000000000000000000000000000000000000000", CMSFW_BK_BAD_KEY},
        {"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", CMSFW_BK_BAD_KEY},
        {"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632552", CMSFW_BK_BAD_KEY},
        {"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", CMSFW_BK_BAD_KEY},
        {"ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550", CMSFW_BK_OK},
        {"0000000000000000000000000000000000000000000000000000000000000001", CMSFW_BK_OK},
    };
    cmsfw_bk_key_info info;
    uint8_t digest[32], sig[CMSFW_BK_SIG_MAX];
    size_t i, sig_len = 0;

    memset(digest, 0x5a, sizeof digest);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tb_buf k = p256_private(cases[i].d);

        CU_ASSERT_PTR_NOT_NULL_FATAL(k.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_pkcs8_info(tb_view(k), &info), cases[i].want);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, tb_view(k),
                                      tb_bytes(digest, sizeof digest), sig, sizeof sig,
                                      &sig_len),
                        cases[i].want);
        tb_free(&k);
    }
}

/* A P-256 point moved off the curve is rejected by the library check. */
static void
test_point_off_curve(void)
{
    tb_buf spki = load_key("ec-p256", "spki");
    tb_buf spki384 = load_key("ec-p384", "spki");
    cmsfw_bk_key_info info;

    CU_ASSERT_PTR_NOT_NULL_FATAL(spki.ptr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(spki384.ptr);
    spki.ptr[spki.len - 1] ^= 0x01;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(info.type, CMSFW_BK_KEY_EC_P256);
    spki384.ptr[spki384.len - 20] ^= 0x40;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki384), &info), CMSFW_BK_BAD_KEY);
    tb_free(&spki);
    tb_free(&spki384);
}

static CU_TestInfo key_tests[] = {
    {"key info of each key type", test_key_info},
    {"RFC 8410 example keys", test_key_info_rfc8410},
    {"truncated, extended and mutated keys", test_malformed_keys},
    {"crafted keys breaking RFC rules", test_crafted_keys},
    {"EC point off the curve", test_point_off_curve},
    {"EC private scalar out of range", test_private_scalar_range},
    {"RSA public keys breaking RFC 8017 3.1", test_rsa_public_rules},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"backend keys", NULL, NULL, NULL, NULL, key_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
