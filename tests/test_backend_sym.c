/*
 * test_backend_sym.c: AES block (FIPS-197), AES-CBC (SP 800-38A), AES-GCM
 * (the GCM specification test cases of McGrew and Viega), AES key wrap
 * (RFC 3394) and key wrap with padding (RFC 5649).
 */
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cu_main.h"
#include "test_backend_util.h"

static int
all_zero(const uint8_t *p, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* ------------------------------------------------------------ AES block */

static void
test_aes_block_fips197(void)
{
    static const char *const keys[] = {
        "000102030405060708090a0b0c0d0e0f", "000102030405060708090a0b0c0d0e0f1011121314151617",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"};
    static const char *const cts[] = {"69c4e0d86a7b0430d8cdb78070b4c55a",
                                      "dda97ca4864cdfe06eaf70a0ec0d7191",
                                      "8ea2b7ca516745bfeafc49904b496089"};
    tb_buf pt = tb_hex("00112233445566778899aabbccddeeff");
    cmsfw_bk_aes_ctx ctx;
    uint8_t out[16];
    int i;

    for (i = 0; i < 3; i++) {
        tb_buf key = tb_hex(keys[i]), ct = tb_hex(cts[i]);

        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_aes_init(&ctx, tb_view(key), 1), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(cmsfw_bk_aes_block(&ctx, pt.ptr, out), CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, ct.ptr, 16) == 0);
        cmsfw_bk_aes_wipe(&ctx);
        CU_ASSERT_EQUAL(cmsfw_bk_aes_block(&ctx, pt.ptr, out), CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_aes_init(&ctx, tb_view(key), 0), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(cmsfw_bk_aes_block(&ctx, out, out), CMSFW_BK_OK); /* in place */
        CU_ASSERT(memcmp(out, pt.ptr, 16) == 0);
        cmsfw_bk_aes_wipe(&ctx);
        cmsfw_bk_aes_wipe(&ctx);
        tb_free(&key);
        tb_free(&ct);
    }
    CU_ASSERT_EQUAL(cmsfw_bk_aes_init(&ctx, tb_bytes(pt.ptr, 15), 1), CMSFW_BK_KEY_SIZE);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_init(&ctx, tb_bytes(NULL, 16), 1), CMSFW_BK_BAD_INPUT);
    tb_free(&pt);
}

/* ------------------------------------------------------------------ CBC */

static const char cbc_iv[] = "000102030405060708090a0b0c0d0e0f";
static const char cbc_pt[] = "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
                             "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";

typedef struct cbc_case {
    const char *name, *key, *ct;
} cbc_case;

static const cbc_case cbc_cases[] = {
    {"F.2.1/F.2.2 CBC-AES128", "2b7e151628aed2a6abf7158809cf4f3c",
     "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
     "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7"},
    {"F.2.5/F.2.6 CBC-AES256", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
     "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
     "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b"},
};

/* CBC over @p in in pieces of the given block counts (cycled). */
static cmsfw_bk_status
cbc_pieces(cmsfw_bytes key, const uint8_t *iv, int encrypt, const uint8_t *in, uint8_t *out,
           size_t len, const size_t *blocks, size_t nblocks)
{
    cmsfw_bk_cipher_ctx ctx;
    cmsfw_bk_status st = cmsfw_bk_cbc_init(&ctx, key, iv, encrypt);
    size_t off = 0, k = 0, take;

    while (st == CMSFW_BK_OK && off < len) {
        take = blocks[k++ % nblocks] * 16;
        if (take > len - off)
            take = len - off;
        st = cmsfw_bk_cbc_update(&ctx, in + off, out + off, take);
        off += take;
    }
    if (st == CMSFW_BK_OK)
        st = cmsfw_bk_cbc_finish(&ctx);
    return st;
}

static void
test_cbc_vectors(void)
{
    static const size_t splits[][4] = {{4, 4, 4, 4}, {1, 1, 1, 1}, {1, 3, 1, 3}, {2, 2, 2, 2},
                                       {3, 1, 3, 1}, {0, 1, 0, 3}};
    tb_buf iv = tb_hex(cbc_iv), pt = tb_hex(cbc_pt);
    uint8_t out[64], buf[64];
    size_t c, s;

    for (c = 0; c < 2; c++) {
        tb_buf key = tb_hex(cbc_cases[c].key), ct = tb_hex(cbc_cases[c].ct);

        for (s = 0; s < sizeof splits / sizeof splits[0]; s++) {
            memset(out, 0, sizeof out);
            CU_ASSERT_EQUAL(cbc_pieces(tb_view(key), iv.ptr, 1, pt.ptr, out, 64, splits[s], 4),
                            CMSFW_BK_OK);
            CU_ASSERT(memcmp(out, ct.ptr, 64) == 0);
            memset(out, 0, sizeof out);
            CU_ASSERT_EQUAL(cbc_pieces(tb_view(key), iv.ptr, 0, ct.ptr, out, 64, splits[s], 4),
                            CMSFW_BK_OK);
            CU_ASSERT(memcmp(out, pt.ptr, 64) == 0);
        }
        /* in place, both ways */
        memcpy(buf, pt.ptr, 64);
        CU_ASSERT_EQUAL(cbc_pieces(tb_view(key), iv.ptr, 1, buf, buf, 64, splits[2], 4),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(buf, ct.ptr, 64) == 0);
        CU_ASSERT_EQUAL(cbc_pieces(tb_view(key), iv.ptr, 0, buf, buf, 64, splits[1], 4),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(buf, pt.ptr, 64) == 0);
        tb_free(&key);
        tb_free(&ct);
    }
    tb_free(&iv);
    tb_free(&pt);
}

static void
test_cbc_misuse(void)
{
    cmsfw_bk_cipher_ctx ctx;
    uint8_t key[32], iv[16], buf[32], tag[16];

    memset(key, 7, sizeof key);
    memset(iv, 1, sizeof iv);
    memset(buf, 0, sizeof buf);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(key, 20), iv, 1), CMSFW_BK_KEY_SIZE);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(key, 16), NULL, 1), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(NULL, 16), iv, 1), CMSFW_BK_BAD_INPUT);

    /* a partial block is refused and ends the operation */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(key, 16), iv, 1), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_update(&ctx, buf, buf, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_update(&ctx, buf, buf, 15), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_update(&ctx, buf, buf, 16), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_finish(&ctx), CMSFW_BK_BAD_INPUT);

    /* a CBC context is not a GCM one, and finish ends it */
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(key, 32), iv, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_decrypt_final(&ctx, tag, 16), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_update(&ctx, buf, buf, 16), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_cbc_init(&ctx, tb_bytes(key, 32), iv, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_update(&ctx, buf, buf, 32), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_finish(&ctx), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_finish(&ctx), CMSFW_BK_BAD_INPUT);
    CU_ASSERT(all_zero(ctx.b, sizeof ctx.b));
    cmsfw_bk_cipher_abort(&ctx);
}

/* ------------------------------------------------------------------ GCM */

typedef struct gcm_case {
    int id;
    const char *key, *iv, *pt, *aad, *ct, *tag;
} gcm_case;

#define K_FEFF "feffe9928665731c6d6a8f9467308308"
#define P_D931                                                                                 \
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"                         \
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
#define A_FEED "feedfacedeadbeeffeedfacedeadbeefabaddad2"
#define IV_60                                                                                  \
    "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"                         \
    "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b"

/* The GCM specification (McGrew, Viega), appendix B. Cases 6 and 18 use a
 * 60-byte IV, which takes the GHASH path to J0. */
static const gcm_case gcm_cases[] = {
    {1, "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
     "58e2fccefa7e3061367f1d57a4e7455a"},
    {2, "00000000000000000000000000000000", "000000000000000000000000",
     "00000000000000000000000000000000", "", "0388dace60b6a392f328c2b971b2fe78",
     "ab6e47d42cec13bdf53a67b21257bddf"},
    {3, K_FEFF, "cafebabefacedbaddecaf888", P_D931 "1aafd255", "",
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
     "4d5c2af327cd64a62cf35abd2ba6fab4"},
    {4, K_FEFF, "cafebabefacedbaddecaf888", P_D931, A_FEED,
     "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
     "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
     "5bc94fbc3221a5db94fae95ae7121a47"},
    {6, K_FEFF, IV_60, P_D931, A_FEED,
     "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
     "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
     "619cc5aefffe0bfa462af43c1699d050"},
    {13, "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "", "", "", "530f8afbc74536b9a963b4f1c4cb738b"},
    {14, "0000000000000000000000000000000000000000000000000000000000000000",
     "000000000000000000000000", "00000000000000000000000000000000", "",
     "cea7403d4d606b6e074ec5d3baf39d18", "d0d1c8a799996bf0265b98b5d48ab919"},
    {15, K_FEFF K_FEFF, "cafebabefacedbaddecaf888", P_D931 "1aafd255", "",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
     "b094dac5d93471bdec1a502270e3cc6c"},
    {16, K_FEFF K_FEFF, "cafebabefacedbaddecaf888", P_D931, A_FEED,
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
    {18, K_FEFF K_FEFF, IV_60, P_D931, A_FEED,
     "5a8def2f0c9e53f1f75d7853659e2a20eeb2b22aafde6419a058ab4f6f746bf4"
     "0fc0c3b780f244452da3ebf1c5d82cdea2418997200ef82e44ae7e3f",
     "a44a8266ee1c8eb0c8b5d4cf5ae9f19a"},
};

#define N_GCM ((int)(sizeof gcm_cases / sizeof gcm_cases[0]))

typedef struct gcm_data {
    tb_buf key, iv, pt, aad, ct, tag;
} gcm_data;

static gcm_data
gcm_load(const gcm_case *c)
{
    gcm_data d;

    d.key = tb_hex(c->key);
    d.iv = tb_hex(c->iv);
    d.pt = tb_hex(c->pt);
    d.aad = tb_hex(c->aad);
    d.ct = tb_hex(c->ct);
    d.tag = tb_hex(c->tag);
    return d;
}

static void
gcm_free(gcm_data *d)
{
    tb_free(&d->key);
    tb_free(&d->iv);
    tb_free(&d->pt);
    tb_free(&d->aad);
    tb_free(&d->ct);
    tb_free(&d->tag);
}

/*
 * Run GCM over @p in in pieces of the sizes in @p pieces (cycled), then
 * produce (encrypt) or check (decrypt) a tag of @p tag_len bytes.
 */
static cmsfw_bk_status
gcm_pieces(const gcm_data *d, int encrypt, const uint8_t *in, uint8_t *out, size_t len,
           const size_t *pieces, size_t npieces, uint8_t *tag, size_t tag_len)
{
    cmsfw_bk_cipher_ctx ctx;
    cmsfw_bk_status st;
    size_t off = 0, k = 0, take;

    st = cmsfw_bk_gcm_init(&ctx, tb_view(d->key), tb_view(d->iv), tb_view(d->aad), encrypt);
    while (st == CMSFW_BK_OK && off < len) {
        take = pieces[k++ % npieces];
        if (take > len - off)
            take = len - off;
        st = cmsfw_bk_gcm_update(&ctx, in + off, out + off, take);
        off += take;
    }
    if (st != CMSFW_BK_OK)
        return st;
    if (encrypt)
        return cmsfw_bk_gcm_encrypt_final(&ctx, tag, tag_len);
    return cmsfw_bk_gcm_decrypt_final(&ctx, tag, tag_len);
}

static void
test_gcm_vectors(void)
{
    static const size_t whole[] = {1000};
    uint8_t out[64], tag[16];
    int i;

    for (i = 0; i < N_GCM; i++) {
        gcm_data d = gcm_load(&gcm_cases[i]);

        memset(out, 0, sizeof out);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 1, d.pt.ptr, out, d.pt.len, whole, 1, tag, 16),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, d.ct.ptr, d.ct.len) == 0);
        CU_ASSERT(memcmp(tag, d.tag.ptr, 16) == 0);
        memset(out, 0, sizeof out);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 16),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, d.pt.ptr, d.pt.len) == 0);
        gcm_free(&d);
    }
}

static void
test_gcm_streaming(void)
{
    static const size_t splits[][3] = {{1, 1, 1}, {7, 7, 7}, {13, 1, 2}, {16, 16, 16},
                                       {17, 15, 3}, {5, 31, 64}, {0, 9, 0}};
    uint8_t out[64], tag[16];
    size_t s;
    int i;

    for (i = 0; i < N_GCM; i++) {
        gcm_data d = gcm_load(&gcm_cases[i]);

        for (s = 0; s < sizeof splits / sizeof splits[0]; s++) {
            memset(out, 0, sizeof out);
            CU_ASSERT_EQUAL(gcm_pieces(&d, 1, d.pt.ptr, out, d.pt.len, splits[s], 3, tag, 16),
                            CMSFW_BK_OK);
            CU_ASSERT(memcmp(out, d.ct.ptr, d.ct.len) == 0);
            CU_ASSERT(memcmp(tag, d.tag.ptr, 16) == 0);
            /* decrypt in place */
            memcpy(out, d.ct.ptr, d.ct.len);
            CU_ASSERT_EQUAL(gcm_pieces(&d, 0, out, out, d.ct.len, splits[s], 3, d.tag.ptr, 16),
                            CMSFW_BK_OK);
            CU_ASSERT(memcmp(out, d.pt.ptr, d.pt.len) == 0);
        }
        /* encrypt in place */
        memcpy(out, d.pt.ptr, d.pt.len);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 1, out, out, d.pt.len, splits[4], 3, tag, 16),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, d.ct.ptr, d.ct.len) == 0);
        gcm_free(&d);
    }
}

static void
test_gcm_tag_checks(void)
{
    static const size_t whole[] = {1000};
    uint8_t out[64], tag[16];
    size_t len, b;
    int i;

    for (i = 0; i < N_GCM; i++) {
        gcm_data d = gcm_load(&gcm_cases[i]);

        /* a shortened tag (12..15 bytes) is a prefix of the full one */
        for (len = 12; len <= 16; len++) {
            memset(tag, 0, sizeof tag);
            CU_ASSERT_EQUAL(gcm_pieces(&d, 1, d.pt.ptr, out, d.pt.len, whole, 1, tag, len),
                            CMSFW_BK_OK);
            CU_ASSERT(memcmp(tag, d.tag.ptr, len) == 0);
            CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, len),
                            CMSFW_BK_OK);
        }
        /* too short or too long a tag is refused both ways */
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 11),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 0),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 17),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 1, d.pt.ptr, out, d.pt.len, whole, 1, tag, 8),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, NULL, 16),
                        CMSFW_BK_BAD_INPUT);
        /* every flipped tag bit fails */
        for (b = 0; b < 128; b++) {
            memcpy(tag, d.tag.ptr, 16);
            tag[b / 8] ^= (uint8_t)(1u << (b % 8));
            CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, tag, 16),
                            CMSFW_BK_BAD_INPUT);
        }
        /* altered ciphertext and altered AAD fail */
        if (d.ct.len > 0) {
            d.ct.ptr[d.ct.len - 1] ^= 0x80;
            CU_ASSERT_EQUAL(
                gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 16),
                CMSFW_BK_BAD_INPUT);
            d.ct.ptr[d.ct.len - 1] ^= 0x80;
        }
        if (d.aad.len > 0) {
            d.aad.ptr[0] ^= 1;
            CU_ASSERT_EQUAL(
                gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 16),
                CMSFW_BK_BAD_INPUT);
        }
        gcm_free(&d);
    }
}

static void
test_gcm_misuse(void)
{
    cmsfw_bk_cipher_ctx ctx;
    uint8_t key[32], nonce[129], buf[32], tag[16];
    cmsfw_bytes none = {NULL, 0};

    memset(key, 3, sizeof key);
    memset(nonce, 5, sizeof nonce);
    memset(buf, 0, sizeof buf);
    /* nonce lengths: 8 (case 5 of the specification) and 129 are refused */
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), tb_bytes(nonce, 8), none, 1),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), tb_bytes(nonce, 11), none, 1),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), tb_bytes(nonce, 129), none, 1),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), none, none, 1),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), tb_bytes(nonce, 12),
                                      tb_bytes(NULL, 4), 1),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 31), tb_bytes(nonce, 12), none, 1),
                    CMSFW_BK_KEY_SIZE);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 24), tb_bytes(nonce, 128), none, 1),
                    CMSFW_BK_OK);
    cmsfw_bk_cipher_abort(&ctx);

    /* finishing in the wrong direction is refused and ends the operation */
    CU_ASSERT_EQUAL_FATAL(
        cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 16), tb_bytes(nonce, 12), none, 1), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_update(&ctx, buf, buf, 5), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_decrypt_final(&ctx, tag, 16), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_update(&ctx, buf, buf, 5), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_encrypt_final(&ctx, tag, 16), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_cbc_finish(&ctx), CMSFW_BK_BAD_INPUT);
    CU_ASSERT(all_zero(ctx.b, sizeof ctx.b));

    CU_ASSERT_EQUAL_FATAL(
        cmsfw_bk_gcm_init(&ctx, tb_bytes(key, 32), tb_bytes(nonce, 16), none, 0), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_update(&ctx, NULL, buf, 3), CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_gcm_decrypt_final(&ctx, tag, 16), CMSFW_BK_BAD_INPUT);
    cmsfw_bk_cipher_abort(&ctx);
    cmsfw_bk_cipher_abort(&ctx);
}

/*
 * Nonces other than 12 bytes take the GHASH path to J0, where libraries
 * set different bounds (wolfSSL streams at most 16 bytes, OpenSSL takes
 * up to 128). AES-256 with the key and nonce octets of
 * test_gcm_round_trips, AAD 00..13, plaintext (31 i + 3) mod 256; made
 * with python3-cryptography.
 */
#define K_LONG "01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd3da"
#define P_LONG                                                                                 \
    "032241607f9ebddcfb1a39587796b5d4f31231506f8eadcceb0a29486786a5c4"                         \
    "e30221405f7e9dbcdbfa1938577695b4d3f2"

static const gcm_case long_nonce_cases[] = {
    {17, K_LONG, "05121f2c394653606d7a8794a1aebbc8d5", P_LONG,
     "000102030405060708090a0b0c0d0e0f10111213",
     "78769631300970137db05b378186a3dfe9f81d555601006e14a00df129f8f9f4"
     "b04f2b8f35e14689c81a15bc9a4410444891",
     "9091bf71afb7a8c1590cc91efa4e4d01"},
    {128, K_LONG,
     "05121f2c394653606d7a8794a1aebbc8d5e2effc091623303d4a5764717e8b98"
     "a5b2bfccd9e6f3000d1a2734414e5b6875828f9ca9b6c3d0ddeaf704111e2b38"
     "45525f6c798693a0adbac7d4e1eefb0815222f3c495663707d8a97a4b1becbd8"
     "e5f2ff0c192633404d5a6774818e9ba8b5c2cfdce9f603101d2a3744515e6b78",
     P_LONG, "000102030405060708090a0b0c0d0e0f10111213",
     "2a4106d0e5e62591d02257d2767d3c2e494eb62413e1292520a6eb7bba97fcb1"
     "a310b5b1d58689c37163bbe924378add99e0",
     "95e0b42f7aab414c9ded2d6e7fc09578"},
};

static void
test_gcm_long_nonces(void)
{
    static const size_t whole[] = {1000}, odd[] = {1, 15, 17};
    uint8_t out[64], tag[16];
    size_t i;

    for (i = 0; i < sizeof long_nonce_cases / sizeof long_nonce_cases[0]; i++) {
        gcm_data d = gcm_load(&long_nonce_cases[i]);

        CU_ASSERT_EQUAL_FATAL(d.iv.len, (size_t)long_nonce_cases[i].id);
        memset(out, 0, sizeof out);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 1, d.pt.ptr, out, d.pt.len, odd, 3, tag, 16),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, d.ct.ptr, d.ct.len) == 0);
        CU_ASSERT(memcmp(tag, d.tag.ptr, 16) == 0);
        memset(out, 0, sizeof out);
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 13),
                        CMSFW_BK_OK);
        CU_ASSERT(memcmp(out, d.pt.ptr, d.pt.len) == 0);
        d.iv.ptr[d.iv.len - 1] ^= 1;
        CU_ASSERT_EQUAL(gcm_pieces(&d, 0, d.ct.ptr, out, d.ct.len, whole, 1, d.tag.ptr, 16),
                        CMSFW_BK_BAD_INPUT);
        gcm_free(&d);
    }
}

/* Round trips over many lengths, nonce sizes and splits (native and
 * fallback paths where a library has both). */
static void
test_gcm_round_trips(void)
{
    static const size_t nonce_lens[] = {12, 13, 16, 17, 60, 128};
    static const size_t split_a[] = {3, 16, 1}, split_b[] = {17, 2, 40};
    uint8_t key[32], nonce[128], aad[37], pt[200], ct[200], back[200], tag[16];
    gcm_data d;
    size_t n, len;
    uint32_t x = 99;

    for (n = 0; n < sizeof key; n++)
        key[n] = (uint8_t)(n * 7 + 1);
    for (n = 0; n < sizeof nonce; n++)
        nonce[n] = (uint8_t)(n * 13 + 5);
    for (n = 0; n < sizeof aad; n++)
        aad[n] = (uint8_t)n;
    for (n = 0; n < sizeof pt; n++) {
        x = x * 1103515245u + 12345u;
        pt[n] = (uint8_t)(x >> 16);
    }
    memset(&d, 0, sizeof d);
    d.key.ptr = key;
    d.key.len = 32;
    d.aad.ptr = aad;
    d.iv.ptr = nonce;
    for (n = 0; n < sizeof nonce_lens / sizeof nonce_lens[0]; n++) {
        d.iv.len = nonce_lens[n];
        for (len = 0; len <= sizeof pt; len += 1 + len / 4) {
            d.aad.len = len % sizeof aad;
            CU_ASSERT_EQUAL(gcm_pieces(&d, 1, pt, ct, len, split_a, 3, tag, 16), CMSFW_BK_OK);
            CU_ASSERT_EQUAL(gcm_pieces(&d, 0, ct, back, len, split_b, 3, tag, 16), CMSFW_BK_OK);
            CU_ASSERT(memcmp(back, pt, len) == 0);
            tag[0] ^= 1;
            CU_ASSERT_EQUAL(gcm_pieces(&d, 0, ct, back, len, split_b, 3, tag, 16),
                            CMSFW_BK_BAD_INPUT);
        }
    }
}

/* ------------------------------------------------------------- key wrap */

typedef cmsfw_bk_status (*wrap_fn)(cmsfw_bytes, cmsfw_bytes, uint8_t *, size_t, size_t *);

/* Wrap gives the published output, unwrap gives the key back, and every
 * corrupted byte of the wrapped key fails with the output wiped. */
static void
check_wrap_vectors(const char *file, int expect, wrap_fn wrap, wrap_fn unwrap)
{
    tb_vector v[TB_MAX_VECTORS];
    uint8_t out[64], back[64];
    size_t len = 0, i;
    int n, k;

    n = tb_vectors(file, "ciphertext", v, TB_MAX_VECTORS);
    CU_ASSERT_EQUAL_FATAL(n, expect);
    for (k = 0; k < n; k++) {
        tb_buf kek = tb_field(&v[k], "kek"), key = tb_field(&v[k], "keydata");
        tb_buf ct = tb_field(&v[k], "ciphertext");

        CU_ASSERT_PTR_NOT_NULL_FATAL(kek.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(key.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ct.ptr);
        CU_ASSERT_EQUAL(wrap(tb_view(kek), tb_view(key), NULL, 0, &len), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(len, ct.len);
        CU_ASSERT_EQUAL(wrap(tb_view(kek), tb_view(key), out, ct.len - 1, &len),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(len, ct.len);
        CU_ASSERT_EQUAL(wrap(tb_view(kek), tb_view(key), out, sizeof out, &len), CMSFW_BK_OK);
        CU_ASSERT(len == ct.len && memcmp(out, ct.ptr, ct.len) == 0);
        memset(back, 0, sizeof back);
        CU_ASSERT_EQUAL(unwrap(tb_view(kek), tb_view(ct), back, sizeof back, &len), CMSFW_BK_OK);
        CU_ASSERT(len == key.len && memcmp(back, key.ptr, key.len) == 0);
        for (i = 0; i < ct.len; i++) {
            ct.ptr[i] ^= 0x10;
            memset(back, 0x55, sizeof back);
            CU_ASSERT_EQUAL(unwrap(tb_view(kek), tb_view(ct), back, sizeof back, &len),
                            CMSFW_BK_BAD_INPUT);
            CU_ASSERT(all_zero(back, ct.len - 8));
            ct.ptr[i] ^= 0x10;
        }
        /* the wrong KEK fails too */
        kek.ptr[0] ^= 1;
        CU_ASSERT_EQUAL(unwrap(tb_view(kek), tb_view(ct), back, sizeof back, &len),
                        CMSFW_BK_BAD_INPUT);
        kek.ptr[0] ^= 1;
        CU_ASSERT_EQUAL(unwrap(tb_bytes(kek.ptr, 20), tb_view(ct), back, sizeof back, &len),
                        CMSFW_BK_KEY_SIZE);
    }
    tb_vectors_free(v, n);
}

static void
test_kw_rfc3394(void)
{
    check_wrap_vectors("vectors/published/rfc3394-aes-kw-tests.hex", 6, cmsfw_bk_aes_kw_wrap,
                       cmsfw_bk_aes_kw_unwrap);
}

static void
test_kwp_rfc5649(void)
{
    check_wrap_vectors("vectors/published/rfc5649-aes-kwp-tests.hex", 2, cmsfw_bk_aes_kwp_wrap,
                       cmsfw_bk_aes_kwp_unwrap);
}

static void
test_kw_lengths(void)
{
    uint8_t kek[16], in[80], out[96], back[96];
    size_t len = 0, n;

    memset(kek, 0x2a, sizeof kek);
    for (n = 0; n < sizeof in; n++)
        in[n] = (uint8_t)(n + 1);
    /* RFC 3394: multiples of 8, at least 16 */
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_wrap(tb_bytes(kek, 16), tb_bytes(in, 8), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_wrap(tb_bytes(kek, 16), tb_bytes(in, 20), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_unwrap(tb_bytes(kek, 16), tb_bytes(in, 16), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_unwrap(tb_bytes(kek, 16), tb_bytes(in, 28), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_wrap(tb_bytes(kek, 16), tb_bytes(in, 16), out, 96, NULL),
                    CMSFW_BK_BAD_INPUT);
    for (n = 16; n <= sizeof in; n += 8) {
        CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_wrap(tb_bytes(kek, 16), tb_bytes(in, n), out, 96, &len),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(len, n + 8);
        CU_ASSERT_EQUAL(cmsfw_bk_aes_kw_unwrap(tb_bytes(kek, 16), tb_bytes(out, len), back, 96,
                                               &len),
                        CMSFW_BK_OK);
        CU_ASSERT(len == n && memcmp(back, in, n) == 0);
    }
    /* RFC 5649: any length from 1 */
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kwp_wrap(tb_bytes(kek, 16), tb_bytes(in, 0), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kwp_unwrap(tb_bytes(kek, 16), tb_bytes(in, 8), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_aes_kwp_unwrap(tb_bytes(kek, 16), tb_bytes(in, 17), out, 96, &len),
                    CMSFW_BK_BAD_INPUT);
    for (n = 1; n <= sizeof in; n++) {
        size_t padded = (n + 7) / 8 * 8;

        CU_ASSERT_EQUAL(cmsfw_bk_aes_kwp_wrap(tb_bytes(kek, 16), tb_bytes(in, n), out, 96, &len),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(len, padded + 8);
        memset(back, 0, sizeof back);
        CU_ASSERT_EQUAL(cmsfw_bk_aes_kwp_unwrap(tb_bytes(kek, 16), tb_bytes(out, len), back,
                                                padded, &len),
                        CMSFW_BK_OK);
        CU_ASSERT(len == n && memcmp(back, in, n) == 0);
    }
}

/* Hand-made single-block RFC 5649 inputs: AIV || P encrypted directly. */
static cmsfw_bk_status
kwp_crafted(const uint8_t kek[16], const char *aiv_and_p_hex, size_t *len)
{
    tb_buf plain = tb_hex(aiv_and_p_hex);
    cmsfw_bk_aes_ctx ctx;
    uint8_t ct[16], out[8];
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (cmsfw_bk_aes_init(&ctx, tb_bytes(kek, 16), 1) == CMSFW_BK_OK &&
        cmsfw_bk_aes_block(&ctx, plain.ptr, ct) == CMSFW_BK_OK)
        st = cmsfw_bk_aes_kwp_unwrap(tb_bytes(kek, 16), tb_bytes(ct, 16), out, 8, len);
    cmsfw_bk_aes_wipe(&ctx);
    tb_free(&plain);
    return st;
}

static void
test_kwp_integrity(void)
{
    uint8_t kek[16];
    size_t len = 0;

    memset(kek, 0x4d, sizeof kek);
    /* control: 5 octets, zero padding */
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a65959a6000000051122334455000000", &len), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(len, 5);
    /* non-zero padding */
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a65959a6000000051122334455000100", &len),
                    CMSFW_BK_BAD_INPUT);
    /* MLI 0 and MLI 9 do not fit one semiblock */
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a65959a6000000000000000000000000", &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a65959a6000000091122334455667788", &len),
                    CMSFW_BK_BAD_INPUT);
    /* wrong constant, and the RFC 3394 IV */
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a65959a7000000051122334455000000", &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(kwp_crafted(kek, "a6a6a6a6a6a6a6a61122334455667788", &len),
                    CMSFW_BK_BAD_INPUT);
}

static CU_TestInfo aes_tests[] = {
    {"AES block FIPS-197 C.1-C.3", test_aes_block_fips197},
    {"CBC SP 800-38A F.2.1/F.2.5 in pieces", test_cbc_vectors},
    {"CBC misuse", test_cbc_misuse},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo gcm_tests[] = {
    {"GCM spec test cases 1-4, 6, 13-16, 18", test_gcm_vectors},
    {"GCM in odd pieces and in place", test_gcm_streaming},
    {"GCM tag length, tag, data and AAD checks", test_gcm_tag_checks},
    {"GCM misuse", test_gcm_misuse},
    {"GCM with 17- and 128-byte nonces", test_gcm_long_nonces},
    {"GCM round trips", test_gcm_round_trips},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo kw_tests[] = {
    {"RFC 3394 vectors", test_kw_rfc3394},
    {"RFC 5649 vectors", test_kwp_rfc5649},
    {"wrap lengths and round trips", test_kw_lengths},
    {"RFC 5649 AIV and padding checks", test_kwp_integrity},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"backend AES and CBC", NULL, NULL, NULL, NULL, aes_tests},
    {"backend GCM", NULL, NULL, NULL, NULL, gcm_tests},
    {"backend key wrap", NULL, NULL, NULL, NULL, kw_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
