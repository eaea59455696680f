/*
 * test_lms_sign.c: the HSS/LMS signer (backends/lms_sign.c). Every
 * signature it makes is checked by the verifier (backends/lms.c); the
 * state rules (one counter value per signature, exhaustion, refusal of
 * the sets it does not build) are checked on the side.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "backends/lms.h"
#include "cu_main.h"
#include "test_backend_util.h"

static const uint8_t msg_a[] = "firmware image digest A";
static const uint8_t msg_b[] = "firmware image digest B";

static cmsfw_bk_hss_priv
params(unsigned levels, const uint32_t *lms, const uint32_t *ots)
{
    cmsfw_bk_hss_priv k;
    unsigned i;

    memset(&k, 0, sizeof k);
    k.levels = levels;
    for (i = 0; i < levels; i++) {
        k.lms_type[i] = lms[i];
        k.ots_type[i] = ots[i];
    }
    return k;
}

static uint32_t
rd32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Sign @count messages from counter @start, verify each, and check that a
 * changed message or a flipped bit is refused. */
static void
round_trip(unsigned levels, const uint32_t *lms, const uint32_t *ots, uint64_t start,
           unsigned count)
{
    cmsfw_bk_hss_priv k = params(levels, lms, ots);
    uint8_t pub[64], pub2[64];
    size_t pub_len = 0, pub2_len = 0, sig_len = 0, want;
    uint8_t *sig;
    unsigned i;

    CU_ASSERT_FATAL(cmsfw_bk_hss_keygen(&k, pub, sizeof pub, &pub_len) == CMSFW_BK_OK);
    CU_ASSERT(pub_len == 60);
    CU_ASSERT(rd32(pub) == levels);
    CU_ASSERT(cmsfw_bk_hss_check_public((cmsfw_bytes){pub, pub_len}, NULL) == CMSFW_BK_OK);
    /* the key is a function of seed and I alone */
    CU_ASSERT(cmsfw_bk_hss_public(&k, pub2, sizeof pub2, &pub2_len) == CMSFW_BK_OK);
    CU_ASSERT(pub2_len == pub_len && memcmp(pub, pub2, pub_len) == 0);

    want = cmsfw_bk_hss_sig_len(&k);
    sig = malloc(want);
    CU_ASSERT_FATAL(sig != NULL);
    k.next = start;
    for (i = 0; i < count; i++) {
        CU_ASSERT_FATAL(cmsfw_bk_hss_sign(&k, (cmsfw_bytes){msg_a, sizeof msg_a}, sig, want,
                                          &sig_len) == CMSFW_BK_OK);
        CU_ASSERT(sig_len == want);
        CU_ASSERT(k.next == start + i + 1);
        CU_ASSERT(rd32(sig) == levels - 1);
        CU_ASSERT(cmsfw_bk_hss_verify((cmsfw_bytes){pub, pub_len},
                                      (cmsfw_bytes){msg_a, sizeof msg_a},
                                      (cmsfw_bytes){sig, sig_len}) == CMSFW_BK_OK);
        CU_ASSERT(cmsfw_bk_hss_verify((cmsfw_bytes){pub, pub_len},
                                      (cmsfw_bytes){msg_b, sizeof msg_b},
                                      (cmsfw_bytes){sig, sig_len}) == CMSFW_BK_BAD_SIGNATURE);
        sig[sig_len - 1] ^= 0x01;
        CU_ASSERT(cmsfw_bk_hss_verify((cmsfw_bytes){pub, pub_len},
                                      (cmsfw_bytes){msg_a, sizeof msg_a},
                                      (cmsfw_bytes){sig, sig_len}) == CMSFW_BK_BAD_SIGNATURE);
    }
    free(sig);
}

static void
test_single_level(void)
{
    static const uint32_t h5[] = {5}, h10[] = {6};
    static const uint32_t w1[] = {1}, w2[] = {2}, w4[] = {3}, w8[] = {4};

    round_trip(1, h5, w1, 0, 2);
    round_trip(1, h5, w2, 7, 2);
    round_trip(1, h5, w4, 30, 2);
    round_trip(1, h5, w8, 0, 1);
    round_trip(1, h10, w2, 1000, 1);
}

static void
test_two_levels(void)
{
    static const uint32_t lms[] = {5, 5}, ots[] = {3, 4};

    /* 31 -> 32 crosses from the first lower tree to the second */
    round_trip(2, lms, ots, 30, 3);
    round_trip(2, lms, ots, 1023, 1);
}

static void
test_three_levels(void)
{
    static const uint32_t lms[] = {5, 5, 5}, ots[] = {4, 3, 2};

    round_trip(3, lms, ots, 0, 2);
    round_trip(3, lms, ots, 32767, 1);
}

/* An H5 key makes exactly 32 signatures, with 32 distinct q; the 33rd is
 * refused and leaves the state alone. */
static void
test_exhaustion(void)
{
    static const uint32_t lms[] = {5}, ots[] = {4};
    cmsfw_bk_hss_priv k = params(1, lms, ots);
    uint8_t pub[64], seen[32];
    size_t pub_len = 0, sig_len = 0, len;
    uint8_t *sig;
    unsigned i, made = 0;

    CU_ASSERT_FATAL(cmsfw_bk_hss_keygen(&k, pub, sizeof pub, &pub_len) == CMSFW_BK_OK);
    CU_ASSERT(cmsfw_bk_hss_priv_total(&k) == 32);
    len = cmsfw_bk_hss_sig_len(&k);
    sig = malloc(len);
    CU_ASSERT_FATAL(sig != NULL);
    memset(seen, 0, sizeof seen);
    while (cmsfw_bk_hss_sign(&k, (cmsfw_bytes){msg_a, sizeof msg_a}, sig, len, &sig_len) ==
           CMSFW_BK_OK) {
        uint32_t q = rd32(sig + 4);

        CU_ASSERT_FATAL(q < 32);
        CU_ASSERT(seen[q] == 0);
        seen[q] = 1;
        CU_ASSERT(cmsfw_bk_hss_verify((cmsfw_bytes){pub, pub_len},
                                      (cmsfw_bytes){msg_a, sizeof msg_a},
                                      (cmsfw_bytes){sig, sig_len}) == CMSFW_BK_OK);
        if (++made > 40)
            break;
    }
    CU_ASSERT(made == 32);
    CU_ASSERT(k.next == 32);
    CU_ASSERT(sig_len == 0);
    for (i = 0; i < 32; i++)
        CU_ASSERT(seen[i] == 1);
    free(sig);
}

static void
test_refused_sets(void)
{
    static const uint32_t h20[] = {8}, h25[] = {9}, bad[] = {4}, m24[] = {10};
    static const uint32_t w4[] = {3}, w0[] = {0};
    static const uint32_t deep[] = {7, 7, 7, 7, 7}, ots5[] = {4, 4, 4, 4, 4};
    cmsfw_bk_hss_priv k;
    uint8_t pub[64];
    size_t pub_len = 1;

    k = params(1, h20, w4);
    CU_ASSERT(cmsfw_bk_hss_keygen(&k, pub, sizeof pub, &pub_len) == CMSFW_BK_UNSUPPORTED);
    CU_ASSERT(pub_len == 0);
    k = params(1, h25, w4);
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_UNSUPPORTED);
    k = params(1, m24, w4);
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_UNSUPPORTED);
    k = params(1, bad, w4);
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_BAD_KEY);
    k = params(1, h20, w0);
    k.lms_type[0] = 5;
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_BAD_KEY);
    k = params(5, deep, ots5); /* 75 bits of counter */
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_BAD_KEY);
    k = params(1, h20, w4);
    k.levels = 9;
    CU_ASSERT(cmsfw_bk_hss_priv_check(&k) == CMSFW_BK_BAD_KEY);
}

/* Two signatures at the same counter of an upper level sign the same child
 * key with the same leaf: they must be identical there (a second,
 * different LM-OTS signature would reveal more of that one-time key). */
static void
test_upper_levels_repeat(void)
{
    static const uint32_t lms[] = {5, 5}, ots[] = {3, 3};
    cmsfw_bk_hss_priv k = params(2, lms, ots);
    uint8_t pub[64], *s1, *s2;
    size_t pub_len = 0, len, l1 = 0, l2 = 0, upper;

    CU_ASSERT_FATAL(cmsfw_bk_hss_keygen(&k, pub, sizeof pub, &pub_len) == CMSFW_BK_OK);
    len = cmsfw_bk_hss_sig_len(&k);
    s1 = malloc(len);
    s2 = malloc(len);
    CU_ASSERT_FATAL(s1 != NULL && s2 != NULL);
    k.next = 64;
    CU_ASSERT_FATAL(cmsfw_bk_hss_sign(&k, (cmsfw_bytes){msg_a, sizeof msg_a}, s1, len, &l1) ==
                    CMSFW_BK_OK);
    CU_ASSERT_FATAL(cmsfw_bk_hss_sign(&k, (cmsfw_bytes){msg_a, sizeof msg_a}, s2, len, &l2) ==
                    CMSFW_BK_OK);
    /* u32 Nspk, LMS signature of level 0 (H5/W4: 4+4+32+67*32+4+5*32),
     * then the level-1 public key */
    upper = 4 + (4 + 4 + 32 + 67 * 32 + 4 + 5 * 32) + 56;
    CU_ASSERT(memcmp(s1, s2, upper) == 0);
    CU_ASSERT(rd32(s1 + upper) == 0 && rd32(s2 + upper) == 1);
    CU_ASSERT(memcmp(s1 + upper, s2 + upper, len - upper) != 0);
    free(s1);
    free(s2);
}

/* RFC 8554 Appendix F, test case 2: the private SEED and I of its level-1
 * (bottom) tree, an LMS_SHA256_M32_H5 / LMOTS_SHA256_N32_W8 key. Its public
 * key and the signature it made at q = 4 are in the published signature. */
static const char tc2_seed[] = "a1c4696e2608035a886100d05cd99945eb3370731884a8235e2fb3d4d71f2547";
static const char tc2_id[] = "215f83b7ccb9acbcd08db97b0d04dc2b";

/* Key generation and the authentication path follow RFC 8554 Appendix A
 * exactly when the signer's seed and I are those of test case 2; the
 * one-time signature itself differs only through its random C, so the
 * signer's q = 4 signature must verify under test case 2's level-1 key. */
static void
test_rfc8554_tc2_bottom_tree(void)
{
    static const uint32_t h5[] = {5}, w8[] = {4};
    /* LM-OTS W1..W8 chain counts and LMS H5..H25 heights (RFC 8554 4.1, 5.1) */
    static const size_t ots_p[] = {0, 265, 133, 67, 34}, lms_h[] = {0, 0, 0, 0, 0, 5, 10, 15, 20, 25};
    enum { bottom_len = 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32, path_len = 5 * 32 };
    cmsfw_bk_hss_priv k = params(1, h5, w8);
    tb_buf sig = tb_load_published_hex("rfc8554-tc2-hss-signature.hex");
    tb_buf seed = tb_hex(tc2_seed), id = tb_hex(tc2_id);
    uint8_t pub[64], mine[4 + bottom_len], hss_pub1[60];
    size_t pub_len = 0, mine_len = 0, at;
    uint32_t ots, lms;
    const uint8_t *pub1, *bottom;

    CU_ASSERT_FATAL(sig.ptr != NULL && seed.len == 32 && id.len == 16);
    /* walk the level-0 LMS signature to the level-1 public key */
    CU_ASSERT_FATAL(sig.len > 12 && rd32(sig.ptr) == 1);
    ots = rd32(sig.ptr + 8);
    CU_ASSERT_FATAL(ots >= 1 && ots <= 4);
    at = 4 + 4 + 4 + 32 + ots_p[ots] * 32;
    CU_ASSERT_FATAL(sig.len > at + 4);
    lms = rd32(sig.ptr + at);
    CU_ASSERT_FATAL(lms >= 5 && lms <= 9);
    at += 4 + lms_h[lms] * 32;
    CU_ASSERT_FATAL(sig.len == at + 56 + bottom_len);
    pub1 = sig.ptr + at;
    bottom = pub1 + 56;
    memcpy(k.seed, seed.ptr, 32);
    memcpy(k.id, id.ptr, 16);

    /* public key: u32 L || the level-1 LMS public key of test case 2 */
    CU_ASSERT_FATAL(cmsfw_bk_hss_public(&k, pub, sizeof pub, &pub_len) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(pub_len == 60);
    CU_ASSERT(rd32(pub) == 1);
    CU_ASSERT(memcmp(pub + 4, pub1, 56) == 0);

    /* test case 2's bottom signature is q = 4: same q, types and path */
    CU_ASSERT_FATAL(rd32(bottom) == 4);
    k.next = 4;
    CU_ASSERT_FATAL(cmsfw_bk_hss_sign(&k, (cmsfw_bytes){msg_a, sizeof msg_a}, mine, sizeof mine,
                                      &mine_len) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(mine_len == 4 + bottom_len);
    CU_ASSERT(rd32(mine) == 0);
    CU_ASSERT(memcmp(mine + 4, bottom, 8) == 0);
    CU_ASSERT(memcmp(mine + 4 + bottom_len - path_len - 4, bottom + bottom_len - path_len - 4,
                     4 + path_len) == 0);
    memcpy(hss_pub1, pub, 4);
    memcpy(hss_pub1 + 4, pub1, 56);
    CU_ASSERT(cmsfw_bk_hss_verify((cmsfw_bytes){hss_pub1, 60}, (cmsfw_bytes){msg_a, sizeof msg_a},
                                  (cmsfw_bytes){mine, mine_len}) == CMSFW_BK_OK);
    tb_free(&sig);
    tb_free(&seed);
    tb_free(&id);
}

static CU_TestInfo sign_tests[] = {
    {"L=1 H5/W1..W8 and H10 round trips", test_single_level},
    {"L=2 round trips across lower trees", test_two_levels},
    {"L=3 round trips", test_three_levels},
    {"an H5 key makes exactly 32 signatures", test_exhaustion},
    {"H20, H25, M24 and bad parameters are refused", test_refused_sets},
    {"upper levels repeat, lower levels advance", test_upper_levels_repeat},
    {"RFC 8554 test case 2: bottom tree from its SEED and I", test_rfc8554_tc2_bottom_tree},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"hss-lms-sign", NULL, NULL, NULL, NULL, sign_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
