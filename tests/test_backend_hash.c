/*
 * test_backend_hash.c: backend identity and capabilities, SHA-2 known
 * answers (FIPS 180-4 examples), streaming equals one-shot, context
 * misuse, random bytes.
 */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw_config.h>

#include "backends/backend.h"
#include "cu_main.h"
#include "test_backend_util.h"

static int
all_zero(const unsigned char *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* ------------------------------------------------------------- identity */

static void
test_identity(void)
{
    CU_ASSERT_STRING_EQUAL(cmsfw_bk_name(), CMSFW_BACKEND_NAME);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cmsfw_bk_version());
    CU_ASSERT(strlen(cmsfw_bk_version()) > 0);
    CU_ASSERT_STRING_EQUAL(cmsfw_bk_status_name(CMSFW_BK_OK), "OK");
    CU_ASSERT_STRING_EQUAL(cmsfw_bk_status_name(CMSFW_BK_KEY_SIZE), "KEY_SIZE");
    CU_ASSERT_STRING_EQUAL(cmsfw_bk_status_name(CMSFW_BK_BAD_INPUT), "BAD_INPUT");
    CU_ASSERT_STRING_EQUAL(cmsfw_bk_status_name((cmsfw_bk_status)42), "unknown");
}

/* What the Debian 12 builds of each library provide. */
static void
test_capabilities(void)
{
    uint32_t common = CMSFW_BK_CAP_SHA256 | CMSFW_BK_CAP_SHA384 | CMSFW_BK_CAP_SHA512 |
                      CMSFW_BK_CAP_ECDSA_P256 | CMSFW_BK_CAP_ECDSA_P384 |
                      CMSFW_BK_CAP_RSA_PKCS1 | CMSFW_BK_CAP_RSA_PSS | CMSFW_BK_CAP_AES_CBC |
                      CMSFW_BK_CAP_AES_GCM | CMSFW_BK_CAP_AES_KW | CMSFW_BK_CAP_SIGN |
                      CMSFW_BK_CAP_RANDOM | CMSFW_BK_CAP_HSS_LMS;
    uint32_t eddsa = CMSFW_BK_CAP_ED25519 | CMSFW_BK_CAP_ED448;

    CU_ASSERT(cmsfw_bk_has(common));
    CU_ASSERT_EQUAL(cmsfw_bk_caps() & common, common);
    CU_ASSERT(!cmsfw_bk_has(0));
    if (strcmp(cmsfw_bk_name(), "mbedtls") == 0) {
        CU_ASSERT_EQUAL(cmsfw_bk_caps() & eddsa, 0);
        CU_ASSERT(!cmsfw_bk_has(CMSFW_BK_CAP_ED25519));
        CU_ASSERT(!cmsfw_bk_has(common | CMSFW_BK_CAP_ED448));
    } else if (strcmp(cmsfw_bk_name(), "openssl") == 0) {
        /* OpenSSL 3: everything the interface names */
        CU_ASSERT_EQUAL(cmsfw_bk_caps(), common | eddsa);
        CU_ASSERT_EQUAL(strncmp(cmsfw_bk_version(), "3.", 2), 0);
    } else {
        CU_ASSERT_STRING_EQUAL(cmsfw_bk_name(), "wolfssl");
        CU_ASSERT(cmsfw_bk_has(eddsa));
    }
    CU_ASSERT_EQUAL(cmsfw_bk_hash_len(CMSFW_BK_SHA256), 32);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_len(CMSFW_BK_SHA384), 48);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_len(CMSFW_BK_SHA512), 64);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_len(CMSFW_BK_HASH_NONE), 0);
}

/* ------------------------------------------------------------ SHA-2 KATs */

static const char msg448[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
static const char msg896[] = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                             "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

typedef struct hash_kat {
    cmsfw_bk_hash alg;
    const char *msg; /* NULL: one million 'a' */
    const char *digest;
} hash_kat;

static const hash_kat kats[] = {
    {CMSFW_BK_SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
    {CMSFW_BK_SHA256, msg448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    {CMSFW_BK_SHA256, NULL, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    {CMSFW_BK_SHA384, "abc",
     "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c"
     "825a7"},
    {CMSFW_BK_SHA384, msg896,
     "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa917"
     "46039"},
    {CMSFW_BK_SHA384, NULL,
     "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3"
     "d8985"},
    {CMSFW_BK_SHA512, "abc",
     "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3f"
     "eebbd454d4423643ce80e2a9ac94fa54ca49f"},
    {CMSFW_BK_SHA512, msg896,
     "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b"
     "5433ac7d329eeb6dd26545e96e55b874be909"},
    {CMSFW_BK_SHA512, NULL,
     "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973ebde0ff244877ea60a4cb0432ce57"
     "7c31beb009c5c2c49aa2e4eadb217ad8cc09b"},
};

#define MILLION 1000000

static uint8_t *million_a;

static int
suite_init(void)
{
    million_a = malloc(MILLION);
    if (million_a == NULL)
        return 1;
    memset(million_a, 'a', MILLION);
    return 0;
}

static int
suite_clean(void)
{
    free(million_a);
    return 0;
}

static cmsfw_bytes
kat_input(const hash_kat *k)
{
    if (k->msg == NULL)
        return tb_bytes(million_a, MILLION);
    return tb_bytes((const uint8_t *)k->msg, strlen(k->msg));
}

static void
test_sha2_known_answers(void)
{
    uint8_t out[CMSFW_BK_HASH_MAX];
    size_t i, n = 0;

    for (i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        tb_buf want = tb_hex(kats[i].digest);

        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_once(kats[i].alg, kat_input(&kats[i]), out,
                                                 sizeof out, &n),
                              CMSFW_BK_OK);
        CU_ASSERT_EQUAL(n, want.len);
        CU_ASSERT_EQUAL(n, cmsfw_bk_hash_len(kats[i].alg));
        CU_ASSERT(memcmp(out, want.ptr, want.len) == 0);
        tb_free(&want);
    }
}

/* Hash @p in in pieces of @p piece bytes into @p out. */
static cmsfw_bk_status
hash_pieces(cmsfw_bk_hash alg, cmsfw_bytes in, size_t piece, uint8_t *out, size_t *n)
{
    cmsfw_bk_hash_ctx ctx;
    cmsfw_bk_status st = cmsfw_bk_hash_init(&ctx, alg);
    size_t off = 0, take;

    while (st == CMSFW_BK_OK && off < in.len) {
        take = in.len - off < piece ? in.len - off : piece;
        st = cmsfw_bk_hash_update(&ctx, in.ptr + off, take);
        off += take;
    }
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_hash_final(&ctx, out, CMSFW_BK_HASH_MAX, n);
    return st;
}

static void
test_streaming_equals_one_shot(void)
{
    static const size_t pieces[] = {1, 7, 63, 64, 65, 127, 128, 129, 1000};
    static const cmsfw_bk_hash algs[] = {CMSFW_BK_SHA256, CMSFW_BK_SHA384, CMSFW_BK_SHA512};
    uint8_t data[3001], whole[CMSFW_BK_HASH_MAX], part[CMSFW_BK_HASH_MAX];
    size_t a, p, len, n1 = 0, n2 = 0;
    uint32_t x = 12345;

    for (len = 0; len < sizeof data; len++) {
        x = x * 1103515245u + 12345u;
        data[len] = (uint8_t)(x >> 16);
    }
    for (a = 0; a < 3; a++) {
        /* lengths around the block boundaries and a long odd one */
        static const size_t lens[] = {0, 1, 55, 56, 63, 64, 111, 112, 128, 3001};
        size_t l;

        for (l = 0; l < sizeof lens / sizeof lens[0]; l++) {
            cmsfw_bytes in = tb_bytes(data, lens[l]);

            CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_once(algs[a], in, whole, sizeof whole, &n1),
                                  CMSFW_BK_OK);
            for (p = 0; p < sizeof pieces / sizeof pieces[0]; p++) {
                CU_ASSERT_EQUAL(hash_pieces(algs[a], in, pieces[p], part, &n2), CMSFW_BK_OK);
                CU_ASSERT_EQUAL(n1, n2);
                CU_ASSERT(memcmp(whole, part, n1) == 0);
            }
        }
    }
}

/* One million 'a' fed 1, 7 and 63 bytes at a time gives the FIPS value. */
static void
test_streaming_million(void)
{
    static const size_t pieces[] = {1, 7, 63};
    uint8_t out[CMSFW_BK_HASH_MAX];
    size_t p, i, n = 0;

    for (i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        tb_buf want;

        if (kats[i].msg != NULL)
            continue;
        want = tb_hex(kats[i].digest);
        for (p = 0; p < 3; p++) {
            CU_ASSERT_EQUAL(hash_pieces(kats[i].alg, kat_input(&kats[i]), pieces[p], out, &n),
                            CMSFW_BK_OK);
            CU_ASSERT(n == want.len && memcmp(out, want.ptr, n) == 0);
        }
        tb_free(&want);
    }
}

static void
test_hash_misuse(void)
{
    cmsfw_bk_hash_ctx ctx;
    uint8_t out[CMSFW_BK_HASH_MAX];
    size_t n = 0;

    CU_ASSERT_EQUAL(cmsfw_bk_hash_init(&ctx, CMSFW_BK_HASH_NONE), CMSFW_BK_UNSUPPORTED);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_init(&ctx, (cmsfw_bk_hash)77), CMSFW_BK_UNSUPPORTED);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_init(NULL, CMSFW_BK_SHA256), CMSFW_BK_BAD_INPUT);

    /* after final the context is spent, and wiped to zeros (no library
     * state and no pointer to any is left in it) */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA256), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_final(&ctx, out, sizeof out, &n), CMSFW_BK_OK);
    CU_ASSERT(all_zero(ctx.b, sizeof ctx.b));
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&ctx, out, 1), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_final(&ctx, out, sizeof out, &n), CMSFW_BK_BAD_INPUT);

    /* output too small: refused, context wiped */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA512), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_final(&ctx, out, 63, &n), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&ctx, out, 1), CMSFW_BK_BAD_INPUT);

    /* NULL data with a length */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA384), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&ctx, NULL, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&ctx, NULL, 5), CMSFW_BK_BAD_INPUT);

    /* abort is safe twice, and on a zeroed context */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA256), CMSFW_BK_OK);
    cmsfw_bk_hash_abort(&ctx);
    CU_ASSERT(all_zero(ctx.b, sizeof ctx.b));
    cmsfw_bk_hash_abort(&ctx);
    memset(&ctx, 0, sizeof ctx);
    cmsfw_bk_hash_abort(&ctx);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&ctx, out, 1), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_once(CMSFW_BK_SHA256, tb_bytes(NULL, 3), out, sizeof out, &n),
                    CMSFW_BK_BAD_INPUT);
}

/* Two contexts of different algorithms interleaved stay independent. */
static void
test_hash_interleaved(void)
{
    cmsfw_bk_hash_ctx a, b;
    uint8_t da[CMSFW_BK_HASH_MAX], db[CMSFW_BK_HASH_MAX];
    tb_buf wa = tb_hex(kats[0].digest), wb = tb_hex(kats[6].digest);
    size_t na = 0, nb = 0;

    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&a, CMSFW_BK_SHA256), CMSFW_BK_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&b, CMSFW_BK_SHA512), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&a, (const uint8_t *)"a", 1), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&b, (const uint8_t *)"ab", 2), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&a, (const uint8_t *)"bc", 2), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_update(&b, (const uint8_t *)"c", 1), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_final(&b, db, sizeof db, &nb), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_hash_final(&a, da, sizeof da, &na), CMSFW_BK_OK);
    CU_ASSERT(na == wa.len && memcmp(da, wa.ptr, na) == 0);
    CU_ASSERT(nb == wb.len && memcmp(db, wb.ptr, nb) == 0);
    tb_free(&wa);
    tb_free(&wb);
}

/* ---------------------------------------------------------------- random */

static void
test_random(void)
{
    uint8_t a[64], b[64], big[100000];
    size_t i, zeros = 0;

    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    CU_ASSERT_EQUAL(cmsfw_bk_random(a, sizeof a), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_random(b, sizeof b), CMSFW_BK_OK);
    /* 2^-512 chance of a false failure */
    CU_ASSERT(memcmp(a, b, sizeof a) != 0);
    CU_ASSERT_EQUAL(cmsfw_bk_random(a, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_random(NULL, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_random(NULL, 1), CMSFW_BK_BAD_INPUT);
    /* longer than one DRBG request, and plausibly random throughout */
    memset(big, 0, sizeof big);
    CU_ASSERT_EQUAL(cmsfw_bk_random(big, sizeof big), CMSFW_BK_OK);
    for (i = 0; i < sizeof big; i++)
        zeros += big[i] == 0;
    CU_ASSERT(zeros < 1000); /* about 390 expected */
    /* the tail too was written (about 4 zeros expected in 1 KiB) */
    for (i = sizeof big - 1024, zeros = 0; i < sizeof big; i++)
        zeros += big[i] == 0;
    CU_ASSERT(zeros < 40);
}

static CU_TestInfo identity_tests[] = {
    {"name and version", test_identity},
    {"capabilities of the Debian 12 library", test_capabilities},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo hash_tests[] = {
    {"SHA-256/384/512 FIPS 180 examples", test_sha2_known_answers},
    {"any split equals one-shot", test_streaming_equals_one_shot},
    {"one million 'a' in pieces of 1, 7, 63", test_streaming_million},
    {"misuse is refused", test_hash_misuse},
    {"interleaved contexts", test_hash_interleaved},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo random_tests[] = {
    {"random bytes", test_random},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"backend identity", NULL, NULL, NULL, NULL, identity_tests},
    {"backend hash", suite_init, suite_clean, NULL, NULL, hash_tests},
    {"backend random", NULL, NULL, NULL, NULL, random_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
