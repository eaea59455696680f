/*
 * test_unwrap_crypt.c: cmsfw__unwrap() on EncryptedData (RFC 4108): in
 * place decryption, padding, every error code of step 21, the
 * decrypt-key-identifier and wrapped-firmware-key paths, BER forms, and
 * OpenSSL's EncryptedData.
 */
#include <string.h>

#include <cmsfw/oid.h>

#include "cu_main.h"
#include "test_unwrap_util.h"

static const tu_ct ct_prim = {0, 0, 0};

/* EncryptedData { 0, { type, alg(key_len, iv), [0] CBC(pt) } }. */
static tu_buf
make_ed(const char *alg_oid, const uint8_t *key, size_t key_len, const char *type,
        const uint8_t *pt, size_t n, tu_ct how, int indef)
{
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, ed = {NULL, 0, 0};
    tu_buf ct = tu_cbc_encrypt(key, key_len, tu_iv, pt, n);

    tu_cbc_alg(&alg, alg_oid, tu_iv, 16);
    tu_eci(&eci, type, &alg, &ct, how);
    tu_encrypted_data(&ed, 0, &eci, 0, indef);
    tu_free(&alg);
    tu_free(&eci);
    tu_free(&ct);
    return ed;
}

/* An EncryptedData around a raw ciphertext (no padding added). */
static tu_buf
make_ed_raw(const tu_buf *ct)
{
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, ed = {NULL, 0, 0};

    tu_cbc_alg(&alg, TU_AES256_CBC, tu_iv, 16);
    tu_eci(&eci, TU_FW, &alg, ct, ct_prim);
    tu_encrypted_data(&ed, 0, &eci, 0, 0);
    tu_free(&alg);
    tu_free(&eci);
    return ed;
}

static void
ctx_with_key(tu_ctx *c)
{
    tu_ctx_init(c);
    tu_add_cek(c, "cek-256", tu_k256, 32);
    tu_add_cek(c, "cek-128", tu_k128, 16);
    tu_add_cek(c, "cek-192", tu_k192, 24);
    tu_set_dki(c, "cek-256");
}

static void
test_sizes(void)
{
    static const size_t sizes[] = {1, 15, 16, 17, 4096, 16383, 16384, 16385, 1u << 20};
    tu_ctx c;
    size_t i;

    ctx_with_key(&c);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        tu_buf img = tu_pattern(sizes[i], (unsigned)i);
        tu_buf ed = make_ed(TU_AES256_CBC, tu_k256, 32, TU_FW, img.p, img.len, ct_prim, 0);

        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
        CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_ENCRYPTED);
        CU_ASSERT_EQUAL(c.res.decrypt_key_id.len, 7);
        CU_ASSERT(c.res.decrypt_key_id.ptr == c.keks[0].id.ptr);
        /* decrypted in place, from offset 0, never over unread octets */
        CU_ASSERT(c.st.max_write > 0);
        CU_ASSERT(c.st.min_write_gap >= 2 && c.st.min_write_gap != UINT64_MAX);
        CU_ASSERT_EQUAL(memcmp(c.st.data.p, img.p, img.len), 0);
        CU_ASSERT(c.st.max_read <= 16384 && c.sk.max_write <= 16384);
        tu_free(&img);
        tu_free(&ed);
    }
    tu_ctx_free(&c);
}

static void
test_key_sizes(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(777, 2);
    tu_buf e128 = make_ed(TU_AES128_CBC, tu_k128, 16, TU_FW, img.p, img.len, ct_prim, 0);
    tu_buf e192 = make_ed(TU_AES192_CBC, tu_k192, 24, TU_FW, img.p, img.len, ct_prim, 0);

    ctx_with_key(&c);
    tu_set_dki(&c, "cek-128");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &e128, CMSFW_OK, img.p, img.len));
    tu_set_dki(&c, "cek-192");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &e192, CMSFW_OK, img.p, img.len));
    /* AES-128-CBC is LEGACY */
    c.dev.policy = CMSFW_POLICY_NO_LEGACY;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &e192, CMSFW_OK, img.p, img.len));
    tu_set_dki(&c, "cek-128");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &e128, CMSFW_BAD_ENCRYPT_ALGORITHM, NULL, 0));
    c.dev.policy = 0;
    /* a stored key of the wrong length for the cipher */
    tu_set_dki(&c, "cek-256");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &e128, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&img);
    tu_free(&e128);
    tu_free(&e192);
    tu_ctx_free(&c);
}

static void
test_ciphertext_lengths(void)
{
    tu_ctx c;
    tu_buf ct = tu_pattern(0, 1), ed;

    ctx_with_key(&c);
    ed = make_ed_raw(&ct);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&ed);
    tu_free(&ct);
    ct = tu_pattern(31, 1);
    ed = make_ed_raw(&ct);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&ed);
    tu_free(&ct);
    ct = tu_pattern(1, 1);
    ed = make_ed_raw(&ct);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&ed);
    tu_free(&ct);
    tu_ctx_free(&c);
}

/* Encrypt `last` (16 octets ending a 48-octet plaintext) as given: the
 * padding is whatever last holds. */
static cmsfw_err
run_padding(tu_ctx *c, const uint8_t last[16])
{
    uint8_t pt[48];
    cmsfw_bk_cipher_ctx k;
    tu_buf ct, ed;
    cmsfw_err err;

    memset(pt, 0x5a, 32);
    memcpy(pt + 32, last, 16);
    CU_ASSERT_FATAL(cmsfw_bk_cbc_init(&k, (cmsfw_bytes){tu_k256, 32}, tu_iv, 1) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(cmsfw_bk_cbc_update(&k, pt, pt, 48) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(cmsfw_bk_cbc_finish(&k) == CMSFW_BK_OK);
    ct = tu_copy(pt, 48);
    ed = make_ed_raw(&ct);
    err = tu_run(c, TU_ENCRYPTED, &ed);
    tu_free(&ct);
    tu_free(&ed);
    return err;
}

static void
test_padding(void)
{
    uint8_t last[16];
    unsigned k, pos;
    tu_ctx c;

    ctx_with_key(&c);
    for (k = 1; k <= 16; k++) {
        memset(last, 0x33, 16);
        memset(last + 16 - k, (int)k, k);
        CU_ASSERT_EQUAL(run_padding(&c, last), CMSFW_OK);
        CU_ASSERT_EQUAL(c.sk.data.len, 48 - k);
        /* each pad octet wrong in turn (the last one included) */
        for (pos = 16 - k; pos < 16; pos++) {
            last[pos] ^= 0x40;
            CU_ASSERT_EQUAL(run_padding(&c, last), CMSFW_DECRYPT_FAILURE);
            CU_ASSERT_EQUAL(c.sk.data.len, 0);
            last[pos] ^= 0x40;
        }
    }
    /* pad values 0 and 17..255 */
    memset(last, 0, 16);
    CU_ASSERT_EQUAL(run_padding(&c, last), CMSFW_DECRYPT_FAILURE);
    memset(last, 17, 16);
    CU_ASSERT_EQUAL(run_padding(&c, last), CMSFW_DECRYPT_FAILURE);
    memset(last, 0xff, 16);
    CU_ASSERT_EQUAL(run_padding(&c, last), CMSFW_DECRYPT_FAILURE);
    tu_ctx_free(&c);
}

static void
test_ber_forms(void)
{
    static const tu_ct forms[] = {{0, 1, 0}, {0, 7, 0}, {0, 1000, 1}, {0, 16384, 1}, {0, 0, 1}};
    tu_ctx c;
    tu_buf img = tu_pattern(40000, 8);
    size_t i;

    ctx_with_key(&c);
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        tu_buf ed = make_ed(TU_AES256_CBC, tu_k256, 32, TU_FW, img.p, img.len, forms[i],
                            (int)(i & 1));
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
        CU_ASSERT(c.st.min_write_gap >= 2);
        tu_free(&ed);
    }
    /* pieces inside pieces */
    {
        tu_buf ct = tu_cbc_encrypt(tu_k256, 32, tu_iv, img.p, img.len);
        tu_buf inner = {NULL, 0, 0}, outer = {NULL, 0, 0}, alg = {NULL, 0, 0};
        tu_buf eci = {NULL, 0, 0}, ed = {NULL, 0, 0};

        tu_pieces(&inner, 0x04, ct.p, 20000, 3000, 1);
        tu_pieces(&inner, 0x04, ct.p + 20000, ct.len - 20000, 0, 0);
        tu_wrap(&outer, 0xa0, &inner);
        tu_oid(&eci, TU_FW);
        tu_cbc_alg(&eci, TU_AES256_CBC, tu_iv, 16);
        tu_put(&eci, outer.p, outer.len);
        tu_wrap_self(&eci, 0x30, 1);
        tu_encrypted_data(&ed, 0, &eci, 0, 1);
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
        tu_free(&ct);
        tu_free(&inner);
        tu_free(&outer);
        tu_free(&alg);
        tu_free(&eci);
        tu_free(&ed);
    }
    tu_free(&img);
    tu_ctx_free(&c);
}

static void
test_encrypted_compressed(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(300000, 6);
    tu_buf cd = tu_compress_image(img.p, img.len);
    tu_buf ed = make_ed(TU_AES256_CBC, tu_k256, 32, TU_COMPRESSED, cd.p, cd.len, ct_prim, 0);
    tu_buf bad = make_ed(TU_AES256_CBC, tu_k256, 32, TU_COMPRESSED, img.p, 5000, ct_prim, 0);
    tu_buf fw_says = make_ed(TU_AES256_CBC, tu_k256, 32, TU_FW, cd.p, cd.len, ct_prim, 0);
    tu_buf trailing = tu_copy(cd.p, cd.len), ed2;

    ctx_with_key(&c);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
    CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_ENCRYPTED | CMSFW_LAYER_COMPRESSED);
    /* declared CompressedData, plaintext is not one: decryptFailure */
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &bad, CMSFW_DECRYPT_FAILURE, NULL, 0));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    tu_byte(&trailing, 0x00);
    ed2 = make_ed(TU_AES256_CBC, tu_k256, 32, TU_COMPRESSED, trailing.p, trailing.len, ct_prim, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed2, CMSFW_DECRYPT_FAILURE, NULL, 0));
    /* declared FirmwarePkgData: the CompressedData octets are the image */
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &fw_says, CMSFW_OK, cd.p, cd.len));
    /* the decompression limit applies under encryption too */
    c.dev.max_image = 1000;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    c.dev.max_image = 0;
    tu_free(&img);
    tu_free(&cd);
    tu_free(&ed);
    tu_free(&bad);
    tu_free(&fw_says);
    tu_free(&trailing);
    tu_free(&ed2);
    tu_ctx_free(&c);
}

/* EncryptedData built field by field for the structure errors. */
static void
test_structure_errors(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(100, 1);
    tu_buf ct = tu_cbc_encrypt(tu_k256, 32, tu_iv, img.p, img.len);
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, t = {NULL, 0, 0}, x = {NULL, 0, 0};
    tu_buf good;
    const tu_ct absent = {1, 0, 0};

    ctx_with_key(&c);
    tu_cbc_alg(&alg, TU_AES256_CBC, tu_iv, 16);
    tu_eci(&eci, TU_FW, &alg, &ct, ct_prim);
    tu_encrypted_data(&t, 1, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    tu_encrypted_data(&t, 0, &eci, 1, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_UNPROTECTED_ATTRS_PRESENT, NULL, 0));
    tu_free(&t);
    tu_encrypted_data(&t, 0, &eci, 1, 1);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_UNPROTECTED_ATTRS_PRESENT, NULL, 0));
    tu_free(&t);
    /* trailing octets, not a SEQUENCE, an extra field, no ECI */
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    good = tu_copy(t.p, t.len);
    tu_byte(&t, 0x05);
    tu_byte(&t, 0x00);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    t = tu_copy(good.p, good.len);
    t.p[0] = 0x31;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    tu_int(&x, 0);
    tu_put(&x, eci.p, eci.len);
    tu_int(&x, 7);
    tu_wrap(&t, 0x30, &x);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    tu_free(&x);
    tu_int(&x, 0);
    tu_wrap(&t, 0x30, &x);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    tu_free(&x);
    /* EncryptedContentInfo: content type, malformed, missing fields */
    tu_free(&eci);
    tu_eci(&eci, TU_DATA, &alg, &ct, ct_prim);
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_free(&t);
    tu_free(&eci);
    tu_oid(&x, TU_FW);
    tu_wrap(&eci, 0x30, &x); /* no algorithm */
    tu_free(&x);
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_free(&t);
    tu_free(&eci);
    tu_oid(&x, TU_FW);
    tu_put(&x, alg.p, alg.len);
    tu_tlv(&x, 0x80, ct.p, ct.len);
    tu_int(&x, 1); /* a field more */
    tu_wrap(&eci, 0x30, &x);
    tu_free(&x);
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    /* unprotectedAttrs is reported before a bad EncryptedContentInfo */
    tu_free(&t);
    tu_encrypted_data(&t, 0, &eci, 1, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_UNPROTECTED_ATTRS_PRESENT, NULL, 0));
    tu_free(&t);
    tu_free(&eci);
    /* encryptedContent absent */
    tu_eci(&eci, TU_FW, &alg, &ct, absent);
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_MISSING_CIPHERTEXT, NULL, 0));
    tu_free(&t);
    tu_free(&eci);
    tu_free(&good);
    tu_free(&alg);
    tu_free(&img);
    tu_free(&ct);
    tu_ctx_free(&c);
}

/* The ciphertext as [0] { OCTET STRING { ... { OCTET STRING ct } } }, nested
 * `levels` times. */
static tu_buf
nested_ed(const tu_buf *ct, int levels, int indef)
{
    tu_buf x = {NULL, 0, 0}, alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, ed = {NULL, 0, 0};
    int i;

    tu_tlv(&x, 0x04, ct->p, ct->len);
    for (i = 0; i < levels; i++)
        tu_wrap_self(&x, 0x24, indef);
    tu_wrap_self(&x, 0xa0, indef);
    tu_oid(&eci, TU_FW);
    tu_cbc_alg(&eci, TU_AES256_CBC, tu_iv, 16);
    tu_put(&eci, x.p, x.len);
    tu_wrap_self(&eci, 0x30, indef);
    tu_encrypted_data(&ed, 0, &eci, 0, indef);
    tu_free(&x);
    tu_free(&alg);
    tu_free(&eci);
    return ed;
}

static void
test_nesting(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(1000, 2);
    tu_buf ct = tu_cbc_encrypt(tu_k256, 32, tu_iv, img.p, img.len);
    tu_buf ed, x = {NULL, 0, 0}, eci = {NULL, 0, 0};
    int indef;

    ctx_with_key(&c);
    for (indef = 0; indef < 2; indef++) {
        ed = nested_ed(&ct, 40, indef);
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
        tu_free(&ed);
        ed = nested_ed(&ct, 70, indef);
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
        tu_free(&ed);
    }
    /* an end-of-contents inside a definite length */
    tu_tlv(&x, 0x04, ct.p, ct.len);
    tu_put(&x, "\x00\x00", 2);
    tu_wrap_self(&x, 0xa0, 0);
    tu_oid(&eci, TU_FW);
    tu_cbc_alg(&eci, TU_AES256_CBC, tu_iv, 16);
    tu_put(&eci, x.p, x.len);
    tu_wrap_self(&eci, 0x30, 0);
    tu_encrypted_data(&ed, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_free(&ed);
    /* an indefinite EncryptedContentInfo without its end-of-contents */
    tu_free(&eci);
    tu_free(&x);
    tu_oid(&x, TU_FW);
    tu_byte(&eci, 0x30);
    tu_byte(&eci, 0x80);
    tu_put(&eci, x.p, x.len);
    tu_encrypted_data(&ed, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_free(&ed);
    tu_free(&x);
    tu_free(&eci);
    tu_free(&img);
    tu_free(&ct);
    tu_ctx_free(&c);
}

static void
expect_alg(tu_ctx *c, const tu_buf *alg, cmsfw_err want)
{
    tu_buf ct = tu_pattern(32, 1), eci = {NULL, 0, 0}, t = {NULL, 0, 0};

    tu_eci(&eci, TU_FW, alg, &ct, ct_prim);
    tu_encrypted_data(&t, 0, &eci, 0, 0);
    CU_ASSERT(tu_expect(c, TU_ENCRYPTED, &t, want, NULL, 0));
    tu_free(&ct);
    tu_free(&eci);
    tu_free(&t);
}

static void
test_algorithm_errors(void)
{
    tu_ctx c;
    tu_buf a = {NULL, 0, 0};
    uint8_t big[700];

    ctx_with_key(&c);
    tu_cbc_alg(&a, TU_DES_EDE3_CBC, tu_iv, 8);
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    tu_alg(&a, TU_AES256_CBC, NULL, 0); /* no IV */
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    tu_alg(&a, TU_AES256_CBC, "\x05\x00", 2);
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    tu_cbc_alg(&a, TU_AES256_CBC, tu_iv, 8);
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    tu_cbc_alg(&a, TU_AES256_CBC, big, 17);
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    tu_gcm_alg(&a, TU_AES256_GCM, tu_nonce, 12, 16); /* no place for a tag here */
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    memset(big, 0, sizeof(big));
    tu_cbc_alg(&a, TU_AES256_CBC, big, sizeof(big)); /* longer than held */
    expect_alg(&c, &a, CMSFW_BAD_ENCRYPT_ALGORITHM);
    tu_free(&a);
    /* an IV in BER pieces is still 16 octets */
    {
        tu_buf pr = {NULL, 0, 0}, img = tu_pattern(50, 3), ed;
        tu_pieces(&pr, 0x04, tu_iv, 16, 5, 0);
        tu_alg(&a, TU_AES256_CBC, pr.p, pr.len);
        ed = tu_cbc_encrypt(tu_k256, 32, tu_iv, img.p, img.len);
        {
            tu_buf eci = {NULL, 0, 0}, t = {NULL, 0, 0};
            tu_eci(&eci, TU_FW, &a, &ed, ct_prim);
            tu_encrypted_data(&t, 0, &eci, 0, 0);
            CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &t, CMSFW_OK, img.p, img.len));
            tu_free(&eci);
            tu_free(&t);
        }
        tu_free(&pr);
        tu_free(&img);
        tu_free(&ed);
        tu_free(&a);
    }
    tu_ctx_free(&c);
}

static void
test_direct_key(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(5000, 1);
    tu_buf ed = make_ed(TU_AES256_CBC, tu_k256, 32, TU_FW, img.p, img.len, ct_prim, 0);
    uint8_t wrong[32];

    tu_ctx_init(&c);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    tu_set_dki(&c, "cek-256");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    tu_add_kek(&c, "other", tu_k256, 32);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    /* the right identifier, a different key: the padding check fails */
    memcpy(wrong, tu_k256, 32);
    wrong[0] ^= 0x80;
    tu_add_cek(&c, "cek-256", wrong, 32);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    tu_free(&img);
    tu_free(&ed);
    tu_ctx_free(&c);
}

/* ------------------------------------------------ wrapped-firmware-key */

typedef struct wk_case {
    tu_ctx c;
    tu_buf img, ed, alg, ris;
    cmsfw_recipient rs[3];
    uint8_t type_oid[16];
    size_t type_len;
} wk_case;

/* One recipient from a RecipientInfo TLV built by tu_kekri(). */
static void
fill_recipient(cmsfw_recipient *r, const tu_buf *ri, size_t off)
{
    cmsfw_der_cur cur, in, sub;
    cmsfw_der_tlv t, seq;
    int64_t v = 0;

    memset(r, 0, sizeof(*r));
    r->kind = CMSFW_RECIPIENT_KEKRI;
    cmsfw_der_init(&cur, ri->p + off, ri->len - off, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&cur, &t) == CMSFW_DER_OK);
    r->raw.ptr = t.tlv;
    r->raw.len = t.tlv_len;
    cmsfw_der_enter(&in, &t, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK);
    CU_ASSERT_FATAL(cmsfw_der_get_int(&t, &v) == CMSFW_DER_OK);
    r->version = v;
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &seq) == CMSFW_DER_OK);
    cmsfw_der_enter(&sub, &seq, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&sub, &t) == CMSFW_DER_OK);
    r->key_id.ptr = t.val;
    r->key_id.len = t.len;
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &seq) == CMSFW_DER_OK);
    cmsfw_der_enter(&sub, &seq, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&sub, &t) == CMSFW_DER_OK);
    r->key_enc_alg.oid.ptr = t.val;
    r->key_enc_alg.oid.len = t.len;
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK);
    r->encrypted_key.ptr = t.val;
    r->encrypted_key.len = t.len;
}

/* An EncryptedData whose CEK (random-looking, not stored) is wrapped for
 * "kek-1" in a wrapped-firmware-key. */
static void
wk_setup(wk_case *w, const char *wrap_oid, const uint8_t *kek, size_t kek_len)
{
    static const uint8_t cek[32] = {0x91, 0x82, 0x73, 0x64, 0x55, 0x46, 0x37, 0x28,
                                    0x19, 0x0a, 0xfb, 0xec, 0xdd, 0xce, 0xbf, 0xa0,
                                    0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
                                    0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01};
    cmsfw_der_cur cur;
    cmsfw_der_tlv t;

    memset(w, 0, sizeof(*w));
    tu_ctx_init(&w->c);
    w->img = tu_pattern(20000, 12);
    w->ed = make_ed(TU_AES256_CBC, cek, 32, TU_FW, w->img.p, w->img.len, ct_prim, 0);
    tu_cbc_alg(&w->alg, TU_AES256_CBC, tu_iv, 16);
    tu_kekri(&w->ris, wrap_oid, kek, kek_len, "kek-1", cek, 32);
    fill_recipient(&w->rs[0], &w->ris, 0);
    CU_ASSERT_FATAL(cmsfw_oid_from_dotted(TU_FW, w->type_oid, sizeof(w->type_oid),
                                          &w->type_len) == CMSFW_OK);
    w->c.s.has_wrapped_key = 1;
    w->c.s.wrapped_key.version = 2;
    w->c.s.wrapped_key.recipients = w->rs;
    w->c.s.wrapped_key.n_recipients = 1;
    w->c.s.wrapped_key.content_type.ptr = w->type_oid;
    w->c.s.wrapped_key.content_type.len = w->type_len;
    cmsfw_der_init(&cur, w->alg.p, w->alg.len, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&cur, &t) == CMSFW_DER_OK);
    cmsfw_der_enter(&cur, &t, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&cur, &t) == CMSFW_DER_OK);
    w->c.s.wrapped_key.cek_alg.oid.ptr = t.val;
    w->c.s.wrapped_key.cek_alg.oid.len = t.len;
    CU_ASSERT_FATAL(cmsfw_der_read(&cur, &t) == CMSFW_DER_OK);
    w->c.s.wrapped_key.cek_alg.params.ptr = t.tlv;
    w->c.s.wrapped_key.cek_alg.params.len = t.tlv_len;
}

static void
wk_free(wk_case *w)
{
    tu_free(&w->img);
    tu_free(&w->ed);
    tu_free(&w->alg);
    tu_free(&w->ris);
    tu_ctx_free(&w->c);
}

static void
test_wrapped_key(void)
{
    wk_case w;
    uint8_t wrong[32];

    wk_setup(&w, TU_AES256_WRAP, tu_k256, 32);
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    tu_add_kek(&w.c, "kek-2", tu_k256, 32);
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    tu_add_kek(&w.c, "kek-1", tu_k128, 16); /* wrong size for id-aes256-wrap */
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    memcpy(wrong, tu_k256, 32);
    wrong[31] ^= 1;
    tu_add_kek(&w.c, "kek-1", wrong, 32); /* unwrap integrity failure */
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    w.c.dev.n_keks = 1;
    tu_add_kek(&w.c, "kek-1", wrong, 32); /* the integrity failure alone */
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    w.c.dev.n_keks = 1;
    tu_add_kek(&w.c, "kek-1", tu_k128, 16);
    tu_add_kek(&w.c, "kek-1", wrong, 32);
    tu_add_kek(&w.c, "kek-1", tu_k256, 32); /* the right one, after a wrong one */
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    CU_ASSERT(w.c.res.decrypt_key_id.ptr == w.c.keks[3].id.ptr);
    /* a decrypt-key-identifier naming no stored key falls back to it */
    tu_set_dki(&w.c, "absent");
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    /* contentType or algorithm of the attribute differ: badUnsignedAttrs */
    w.c.s.wrapped_key.content_type.len--;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_BAD_UNSIGNED_ATTRS, NULL, 0));
    w.c.s.wrapped_key.content_type.len++;
    w.alg.p[w.alg.len - 1] ^= 1; /* the attribute's IV */
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_BAD_UNSIGNED_ATTRS, NULL, 0));
    w.alg.p[w.alg.len - 1] ^= 1;
    w.c.s.wrapped_key.cek_alg.params.ptr = NULL;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_BAD_UNSIGNED_ATTRS, NULL, 0));
    w.c.s.wrapped_key.cek_alg.params.ptr = w.alg.p + w.alg.len - 18;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    /* other recipient kinds and versions are skipped */
    w.rs[0].kind = CMSFW_RECIPIENT_KTRI;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    w.rs[0].kind = CMSFW_RECIPIENT_KEKRI;
    w.rs[0].version = 3;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    w.rs[0].version = 4;
    w.rs[1] = w.rs[0];
    w.rs[0].kind = CMSFW_RECIPIENT_KARI;
    w.c.s.wrapped_key.n_recipients = 2;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    /* a decrypt-key-identifier naming a stored key-encryption key: that key
     * is never the content key, the kekri gives it */
    tu_set_dki(&w.c, "kek-2");
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    /* one naming a stored content key comes first (here a wrong one) */
    tu_add_cek(&w.c, "cek-x", wrong, 32);
    tu_set_dki(&w.c, "cek-x");
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    w.c.dev.n_keks--;
    /* the kekri's keyIdentifier as decrypt-key-identifier, as cmsfw protect writes */
    tu_set_dki(&w.c, "kek-1");
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    CU_ASSERT(w.c.res.decrypt_key_id.ptr == w.c.keks[3].id.ptr);
    wk_free(&w);

    /* the KEK named by both, wrong: the unwrap fails, the KEK is never
     * taken for the CEK */
    wk_setup(&w, TU_AES256_WRAP, tu_k256, 32);
    tu_add_kek(&w.c, "kek-1", wrong, 32);
    tu_set_dki(&w.c, "kek-1");
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    wk_free(&w);

    wk_setup(&w, TU_AES128_WRAP_PAD, tu_k128, 16);
    tu_add_kek(&w.c, "kek-1", tu_k128, 16);
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_OK, w.img.p, w.img.len));
    w.rs[0].encrypted_key.len -= 8;
    CU_ASSERT(tu_expect(&w.c, TU_ENCRYPTED, &w.ed, CMSFW_NO_DECRYPT_KEY, NULL, 0));
    wk_free(&w);
}

/* ------------------------------------------------------------- OpenSSL */

static void
test_openssl(void)
{
    tu_ctx c;
    tu_buf pt1 = tu_file("tests/data/unwrap/ossl-pt-1000.bin");
    tu_buf pt2 = tu_file("tests/data/unwrap/ossl-pt-10000.bin");
    tu_buf ed1 = tu_ossl_econtent("tests/data/unwrap/ossl-ed-aes256cbc.der", TU_FW);
    tu_buf ed2 = tu_ossl_econtent("tests/data/unwrap/ossl-ed-aes256cbc-indef.der", TU_FW);
    tu_buf raw = tu_ossl_econtent("tests/data/unwrap/ossl-ed-aes256cbc.der", TU_DATA);

    CU_ASSERT_FATAL(pt1.p != NULL && pt2.p != NULL && ed1.p != NULL && ed2.p != NULL);
    CU_ASSERT_EQUAL(pt1.len, 1000);
    CU_ASSERT_EQUAL(pt2.len, 10000);
    ctx_with_key(&c);
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed1, CMSFW_OK, pt1.p, pt1.len));
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed2, CMSFW_OK, pt2.p, pt2.len));
    CU_ASSERT(ed2.p[1] == 0x80); /* the indefinite-length form really was read */
    /* OpenSSL's own id-data is not a firmware content type */
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &raw, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_set_dki(&c, "cek-128");
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed1, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&pt1);
    tu_free(&pt2);
    tu_free(&ed1);
    tu_free(&ed2);
    tu_free(&raw);
    tu_ctx_free(&c);
}

static void
test_io_failures(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(70000, 3);
    tu_buf ed = make_ed(TU_AES256_CBC, tu_k256, 32, TU_FW, img.p, img.len, ct_prim, 0);
    long k;

    ctx_with_key(&c);
    for (k = 0; k < 6; k++) {
        c.st.reads_left = k;
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_E_IO, NULL, 0));
        c.st.reads_left = -1;
        /* 70016 octets of ciphertext: five chunks written back */
        c.st.writes_left = k;
        CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, k < 5 ? CMSFW_E_IO : CMSFW_OK, img.p, img.len));
        CU_ASSERT_EQUAL(c.sk.data.len, k < 5 ? 0 : img.len);
        c.st.writes_left = -1;
    }
    c.sk.writes_left = 2;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_E_IO, NULL, 0));
    c.sk.writes_left = -1;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, img.p, img.len));
    tu_free(&img);
    tu_free(&ed);
    tu_ctx_free(&c);
}

static CU_TestInfo crypt_tests[] = {
    {"sizes around the block and chunk boundaries, in place", test_sizes},
    {"AES-128/192/256, LEGACY policy, key length", test_key_sizes},
    {"ciphertext of 0 octets or not whole blocks", test_ciphertext_lengths},
    {"padding, each octet position", test_padding},
    {"BER: indefinite lengths, ciphertext pieces", test_ber_forms},
    {"encrypted CompressedData", test_encrypted_compressed},
    {"structure errors 17, 18, 19, 21", test_structure_errors},
    {"algorithm errors 20", test_algorithm_errors},
    {"nesting depth, stray end-of-contents", test_nesting},
    {"decrypt-key-identifier", test_direct_key},
    {"wrapped-firmware-key", test_wrapped_key},
    {"OpenSSL EncryptedData", test_openssl},
    {"stage and sink failures", test_io_failures},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"unwrap EncryptedData", NULL, NULL, NULL, NULL, crypt_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
