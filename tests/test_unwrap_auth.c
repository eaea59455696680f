/*
 * test_unwrap_auth.c: cmsfw__unwrap() on the revision profile's
 * AuthEnvelopedData (AES-GCM, kekri) and EnvelopedData (AES-CBC, kekri),
 * and on OpenSSL's AuthEnvelopedData and EnvelopedData.
 */
#include <string.h>

#include "cu_main.h"
#include "test_unwrap_util.h"

static const uint8_t cek256[32] = {0x5e, 0x11, 0xa4, 0x3b, 0x90, 0x07, 0xcd, 0x62,
                                   0x28, 0xf1, 0x4d, 0x86, 0x3a, 0xe9, 0x15, 0x7c,
                                   0xb2, 0x6f, 0x08, 0xd3, 0x44, 0x9a, 0x21, 0xee,
                                   0x73, 0x0c, 0xb8, 0x55, 0x1f, 0xc6, 0x39, 0x80};

/* The parts of an AuthEnvelopedData or EnvelopedData. */
typedef struct parts {
    int enveloped; /* EnvelopedData rather than AuthEnvelopedData */
    int version;
    int originator;
    tu_buf ris;    /* RecipientInfo TLVs */
    const char *type;
    tu_buf alg;
    tu_buf ct;
    tu_ct how;
    int has_attrs;
    tu_buf attrs;  /* authAttrs, [1] */
    uint8_t mac[20];
    size_t mac_len;
    int unauth;
    int indef;
} parts;

static tu_buf
assemble(const parts *p)
{
    tu_buf in = {NULL, 0, 0}, eci = {NULL, 0, 0}, out = {NULL, 0, 0}, x = {NULL, 0, 0};

    tu_int(&in, p->version);
    if (p->originator) {
        tu_tlv(&x, 0xa0, NULL, 0);
        tu_put(&in, x.p, x.len);
    }
    tu_wrap(&in, 0x31, &p->ris);
    tu_eci(&eci, p->type, &p->alg, &p->ct, p->how);
    tu_put(&in, eci.p, eci.len);
    if (p->has_attrs)
        tu_put(&in, p->attrs.p, p->attrs.len);
    if (!p->enveloped)
        tu_tlv(&in, 0x04, p->mac, p->mac_len);
    if (p->unauth) {
        tu_free(&x);
        tu_oid(&x, "1.2.840.113549.1.9.5");
        tu_tlv(&x, 0x31, "\x17\x0d" "250101000000Z", 15);
        tu_wrap_self(&x, 0x30, 0);
        tu_wrap(&in, p->enveloped ? 0xa1 : 0xa2, &x);
    }
    if (p->indef)
        tu_wrap_indef(&out, 0x30, &in);
    else
        tu_wrap(&out, 0x30, &in);
    tu_free(&in);
    tu_free(&eci);
    tu_free(&x);
    return out;
}

/* authAttrs [1] { content-type = type } */
static void
auth_attrs(tu_buf *b, const char *type)
{
    tu_buf a = {NULL, 0, 0}, v = {NULL, 0, 0};

    tu_oid(&v, type);
    tu_oid(&a, "1.2.840.113549.1.9.3");
    tu_wrap(&a, 0x31, &v);
    tu_wrap_self(&a, 0x30, 0);
    tu_wrap(b, 0xa1, &a);
    tu_free(&a);
    tu_free(&v);
}

/* A well-formed AuthEnvelopedData of pt (AES-256-GCM, ICVlen icv, kekri
 * "kek-1" under tu_k256). */
static void
gcm_parts(parts *p, const uint8_t *pt, size_t n, int icv, int with_attrs)
{
    tu_buf aad = {NULL, 0, 0};
    size_t tag_len = icv ? (size_t)icv : 12;

    memset(p, 0, sizeof(*p));
    p->type = TU_FW;
    tu_kekri(&p->ris, TU_AES256_WRAP, tu_k256, 32, "kek-1", cek256, 32);
    tu_gcm_alg(&p->alg, TU_AES256_GCM, tu_nonce, 12, icv);
    if (with_attrs) {
        p->has_attrs = 1;
        auth_attrs(&p->attrs, TU_FW);
        aad = tu_copy(p->attrs.p, p->attrs.len);
        aad.p[0] = 0x31;
    }
    p->ct = tu_gcm_encrypt(cek256, 32, tu_nonce, 12, with_attrs ? &aad : NULL, pt, n, p->mac,
                           tag_len);
    p->mac_len = tag_len;
    tu_free(&aad);
}

static void
parts_free(parts *p)
{
    tu_free(&p->ris);
    tu_free(&p->alg);
    tu_free(&p->ct);
    tu_free(&p->attrs);
}

static void
ctx_kek(tu_ctx *c)
{
    tu_ctx_init(c);
    tu_add_kek(c, "kek-1", tu_k256, 32);
}

static int
expect_parts(tu_ctx *c, const parts *p, cmsfw_err want, const tu_buf *img)
{
    tu_buf e = assemble(p);
    int ok = tu_expect(c, p->enveloped ? TU_ENVELOPED : TU_AUTH_ENVELOPED, &e, want,
                       img ? img->p : NULL, img ? img->len : 0);

    tu_free(&e);
    return ok;
}

static void
test_gcm_ok(void)
{
    static const size_t sizes[] = {0, 1, 15, 16, 17, 4096, 16385, 1u << 20};
    static const int icvs[] = {0, 12, 13, 16};
    tu_ctx c;
    parts p;
    size_t i;

    ctx_kek(&c);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        tu_buf img = tu_pattern(sizes[i], (unsigned)i);
        gcm_parts(&p, img.p, img.len, icvs[i % 4], (int)(i & 1));
        CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
        CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_AUTH_ENVELOPED);
        CU_ASSERT(c.res.decrypt_key_id.ptr == c.keks[0].id.ptr);
        CU_ASSERT(c.st.max_read <= 16384 && c.sk.max_write <= 16384);
        if (sizes[i] > 0)
            CU_ASSERT(c.st.min_write_gap >= 2);
        /* BER: indefinite lengths, ciphertext in pieces, originatorInfo */
        p.indef = 1;
        p.how.piece = 777;
        p.how.indef = 1;
        p.originator = 1;
        CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
        parts_free(&p);
        tu_free(&img);
    }
    tu_ctx_free(&c);
}

static void
test_gcm_variants(void)
{
    static const uint8_t nonce16[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(3000, 4);
    tu_buf cd = tu_compress_image(img.p, img.len);

    ctx_kek(&c);
    /* AES-128-GCM, 16-octet nonce, CEK wrapped with padding */
    memset(&p, 0, sizeof(p));
    p.type = TU_FW;
    tu_kekri(&p.ris, TU_AES256_WRAP_PAD, tu_k256, 32, "kek-1", cek256, 16);
    tu_gcm_alg(&p.alg, TU_AES128_GCM, nonce16, 16, 14);
    p.ct = tu_gcm_encrypt(cek256, 16, nonce16, 16, NULL, img.p, img.len, p.mac, 14);
    p.mac_len = 14;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    parts_free(&p);
    /* AES-192-GCM, ICVlen 12 given explicitly (BER: DER would omit it) */
    memset(&p, 0, sizeof(p));
    p.type = TU_FW;
    tu_kekri(&p.ris, TU_AES256_WRAP, tu_k256, 32, "kek-1", cek256, 24);
    tu_gcm_alg(&p.alg, TU_AES192_GCM, tu_nonce, 12, 12);
    p.ct = tu_gcm_encrypt(cek256, 24, tu_nonce, 12, NULL, img.p, img.len, p.mac, 12);
    p.mac_len = 12;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    parts_free(&p);
    /* AuthEnvelopedData(CompressedData(image)) */
    gcm_parts(&p, cd.p, cd.len, 16, 1);
    p.type = TU_COMPRESSED;
    tu_free(&p.attrs);
    tu_free(&p.ct);
    {
        tu_buf aad = {NULL, 0, 0};
        auth_attrs(&p.attrs, TU_COMPRESSED);
        aad = tu_copy(p.attrs.p, p.attrs.len);
        aad.p[0] = 0x31;
        p.ct = tu_gcm_encrypt(cek256, 32, tu_nonce, 12, &aad, cd.p, cd.len, p.mac, 16);
        tu_free(&aad);
    }
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_AUTH_ENVELOPED | CMSFW_LAYER_COMPRESSED);
    /* declared CompressedData, the plaintext is not one */
    tu_free(&p.ct);
    {
        tu_buf aad = tu_copy(p.attrs.p, p.attrs.len);
        aad.p[0] = 0x31;
        p.ct = tu_gcm_encrypt(cek256, 32, tu_nonce, 12, &aad, img.p, 100, p.mac, 16);
        tu_free(&aad);
    }
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    parts_free(&p);
    tu_free(&img);
    tu_free(&cd);
    tu_ctx_free(&c);
}

static void
test_gcm_tamper(void)
{
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(20000, 5);
    size_t i;

    ctx_kek(&c);
    gcm_parts(&p, img.p, img.len, 16, 1);
    for (i = 0; i < 16; i += 5) {
        p.mac[i] ^= 0x01;
        CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
        CU_ASSERT_EQUAL(c.sk.data.len, 0); /* nothing before the tag verified */
        p.mac[i] ^= 0x01;
    }
    p.ct.p[p.ct.len / 2] ^= 0x80;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    p.ct.p[p.ct.len / 2] ^= 0x80;
    p.attrs.p[p.attrs.len - 1] ^= 0x01; /* the additional data */
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    p.attrs.p[p.attrs.len - 1] ^= 0x01;
    /* a truncated tag is refused: the exact ICVlen is passed on */
    p.mac_len = 12;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    p.mac_len = 17;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    p.mac_len = 16;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    /* authAttrs removed: the tag covered them */
    p.has_attrs = 0;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    parts_free(&p);
    /* a 12-octet tag under DEFAULT 12 given as 16 */
    gcm_parts(&p, img.p, img.len, 0, 0);
    p.mac_len = 16;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    p.mac_len = 12;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    parts_free(&p);
    tu_free(&img);
    tu_ctx_free(&c);
}

static void
test_auth_errors(void)
{
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(500, 6), t = {NULL, 0, 0};

    ctx_kek(&c);
    gcm_parts(&p, img.p, img.len, 16, 1);
    p.version = 2;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPTED_DATA, NULL));
    p.version = 0;
    p.unauth = 1;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_UNPROTECTED_ATTRS_PRESENT, NULL));
    p.unauth = 0;
    p.type = TU_DATA;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPT_CONTENT, NULL));
    p.type = TU_FW;
    p.how.absent = 1;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_MISSING_CIPHERTEXT, NULL));
    p.how.absent = 0;
    /* authAttrs not DER (a non-minimal length inside) */
    tu_free(&p.attrs);
    tu_put(&p.attrs, "\xa1\x10\x30\x81\x0d", 5);
    tu_oid(&p.attrs, "1.2.840.113549.1.9.3");
    tu_put(&p.attrs, "\x31\x00", 2);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPTED_DATA, NULL));
    p.has_attrs = 0;
    /* authAttrs longer than the device holds */
    tu_free(&p.attrs);
    {
        tu_buf big = tu_pattern(5000, 1), a = {NULL, 0, 0};
        tu_oid(&a, "1.2.3.4");
        tu_tlv(&a, 0x31, NULL, 0);
        a.p[a.len - 2] = 0x31;
        tu_free(&a);
        tu_oid(&a, "1.2.3.4");
        tu_hdr(&a, 0x31, big.len + 4);
        tu_tlv(&a, 0x04, big.p, big.len);
        tu_wrap_self(&a, 0x30, 0);
        tu_wrap(&p.attrs, 0xa1, &a);
        p.has_attrs = 1;
        CU_ASSERT(expect_parts(&c, &p, CMSFW_INSUFFICIENT_MEMORY, NULL));
        tu_free(&big);
        tu_free(&a);
    }
    p.has_attrs = 0;
    /* no recipientInfos at all */
    tu_int(&t, 0);
    tu_put(&t, "\x30\x00", 2);
    tu_wrap_self(&t, 0x30, 0);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    /* mac missing */
    p.enveloped = 1; /* assemble without mac, run as AuthEnvelopedData */
    t = assemble(&p);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &t, CMSFW_BAD_ENCRYPTED_DATA, NULL, 0));
    tu_free(&t);
    p.enveloped = 0;
    parts_free(&p);
    tu_free(&img);
    tu_ctx_free(&c);
}

static void
expect_gcm_alg(tu_ctx *c, const char *oid, const uint8_t *nonce, size_t n, int icv,
               cmsfw_err want)
{
    parts p;
    uint8_t pt[40];

    memset(pt, 7, sizeof(pt));
    gcm_parts(&p, pt, sizeof(pt), 16, 0);
    tu_free(&p.alg);
    if (oid != NULL)
        tu_gcm_alg(&p.alg, oid, nonce, n, icv);
    else
        tu_cbc_alg(&p.alg, TU_AES256_CBC, tu_iv, 16);
    CU_ASSERT(expect_parts(c, &p, want, NULL));
    parts_free(&p);
}

static void
test_auth_algorithms(void)
{
    uint8_t long_nonce[64];
    tu_ctx c;

    memset(long_nonce, 9, sizeof(long_nonce));
    ctx_kek(&c);
    expect_gcm_alg(&c, NULL, NULL, 0, 0, CMSFW_BAD_ENCRYPT_ALGORITHM); /* CBC: no tag */
    expect_gcm_alg(&c, TU_AES256_GCM, tu_nonce, 12, 11, CMSFW_BAD_ENCRYPT_ALGORITHM);
    expect_gcm_alg(&c, TU_AES256_GCM, tu_nonce, 12, 17, CMSFW_BAD_ENCRYPT_ALGORITHM);
    expect_gcm_alg(&c, TU_AES256_GCM, tu_nonce, 8, 16, CMSFW_BAD_ENCRYPT_ALGORITHM);
    expect_gcm_alg(&c, TU_AES256_GCM, long_nonce, 64, 16, CMSFW_DECRYPT_FAILURE); /* not ours */
    expect_gcm_alg(&c, "2.16.840.1.101.3.4.1.7", tu_nonce, 12, 16,
                   CMSFW_BAD_ENCRYPT_ALGORITHM); /* CCM */
    /* AES-128-GCM named while the CEK is 32 octets: the key does not fit */
    expect_gcm_alg(&c, TU_AES128_GCM, tu_nonce, 12, 16, CMSFW_DECRYPT_FAILURE);
    tu_ctx_free(&c);
}

static void
test_kekri(void)
{
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(900, 7), ris = {NULL, 0, 0};
    uint8_t wrong[32];

    tu_ctx_init(&c);
    gcm_parts(&p, img.p, img.len, 16, 0);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
    tu_add_kek(&c, "kek-2", tu_k256, 32);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
    memcpy(wrong, tu_k256, 32);
    wrong[5] ^= 0x10;
    tu_add_kek(&c, "kek-1", wrong, 32);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
    /* several recipients: ktri-like and unknown ones skipped, kekri found */
    tu_put(&ris, "\x30\x03\x02\x01\x00", 5);      /* a ktri (its syntax is not read) */
    tu_put(&ris, "\xa4\x03\x06\x01\x01", 5);      /* an ori */
    /* id-aes256-wrap, while the stored kek-3 is 16 octets */
    tu_kekri(&ris, TU_AES256_WRAP, tu_k128, 16, "kek-3", cek256, 32);
    tu_add_kek(&c, "kek-3", tu_k128, 16);
    tu_put(&ris, p.ris.p, p.ris.len);
    tu_free(&p.ris);
    p.ris = ris;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    tu_add_kek(&c, "kek-1", tu_k256, 32);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    CU_ASSERT(c.res.decrypt_key_id.ptr == c.keks[3].id.ptr);
    /* kekri that cannot serve are skipped: wrap parameters present,
     * malformed, version not 4, too long to hold */
    {
        tu_buf bad = {NULL, 0, 0}, in = {NULL, 0, 0}, kid = {NULL, 0, 0}, big = tu_pattern(700, 1);
        tu_buf ek = tu_wrap_key(tu_k256, 32, cek256, 32, 0);

        tu_int(&in, 4);
        tu_tlv(&kid, 0x04, "kek-1", 5);
        tu_wrap(&in, 0x30, &kid);
        tu_alg(&in, TU_AES256_WRAP, "\x05\x00", 2);
        tu_wrap(&in, 0x04, &ek);
        tu_wrap(&bad, 0xa2, &in);
        tu_free(&in);
        tu_int(&in, 4);
        tu_wrap(&bad, 0xa2, &in);
        tu_free(&in);
        tu_int(&in, 3);
        tu_wrap(&in, 0x30, &kid);
        tu_alg(&in, TU_AES256_WRAP, NULL, 0);
        tu_wrap(&in, 0x04, &ek);
        tu_wrap(&bad, 0xa2, &in);
        tu_free(&in);
        tu_int(&in, 4);
        tu_wrap(&in, 0x30, &kid);
        tu_alg(&in, TU_AES256_WRAP, NULL, 0);
        tu_wrap(&in, 0x04, &big);
        tu_wrap(&bad, 0xa2, &in);
        tu_free(&in);
        tu_int(&in, 4);
        tu_wrap(&in, 0x30, &kid);
        tu_alg(&in, "2.16.840.1.101.3.4.1.99", NULL, 0);
        tu_wrap(&in, 0x04, &ek);
        tu_wrap(&bad, 0xa2, &in);
        tu_free(&in);
        tu_free(&p.ris);
        p.ris = bad;
        CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
        tu_kekri(&p.ris, TU_AES256_WRAP, tu_k256, 32, "kek-1", cek256, 32);
        CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
        /* a RecipientInfo whose header is broken */
        tu_put(&p.ris, "\xa2\x85", 2);
        CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPTED_DATA, NULL));
        p.ris.len -= 2;
        tu_free(&kid);
        tu_free(&big);
        tu_free(&ek);
    }
    /* a decrypt-key-identifier naming the CEK itself, when no kekri serves */
    tu_ctx_free(&c);
    tu_ctx_init(&c);
    tu_add_cek(&c, "cek", cek256, 32);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
    tu_set_dki(&c, "cek");
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    CU_ASSERT(c.res.decrypt_key_id.ptr == c.keks[0].id.ptr);
    /* a decrypt-key-identifier that is the kekri's keyIdentifier names the
     * KEK: a wrong KEK under it is noDecryptKey, never used as the CEK */
    tu_ctx_free(&c);
    tu_ctx_init(&c);
    tu_add_kek(&c, "kek-1", wrong, 32);
    tu_set_dki(&c, "kek-1");
    CU_ASSERT(expect_parts(&c, &p, CMSFW_NO_DECRYPT_KEY, NULL));
    tu_add_kek(&c, "kek-1", tu_k256, 32);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    parts_free(&p);
    tu_free(&img);
    tu_ctx_free(&c);
}

/* ---------------------------------------------------------- EnvelopedData */

static void
test_enveloped(void)
{
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(33333, 8);

    ctx_kek(&c);
    memset(&p, 0, sizeof(p));
    p.enveloped = 1;
    p.version = 2;
    p.type = TU_FW;
    tu_kekri(&p.ris, TU_AES256_WRAP, tu_k256, 32, "kek-1", cek256, 32);
    tu_cbc_alg(&p.alg, TU_AES256_CBC, tu_iv, 16);
    p.ct = tu_cbc_encrypt(cek256, 32, tu_iv, img.p, img.len);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_ENCRYPTED);
    p.version = 1;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPTED_DATA, NULL));
    p.version = 0;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_OK, &img));
    p.unauth = 1; /* unprotectedAttrs */
    CU_ASSERT(expect_parts(&c, &p, CMSFW_UNPROTECTED_ATTRS_PRESENT, NULL));
    p.unauth = 0;
    p.ct.p[p.ct.len - 1] ^= 0x55;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_DECRYPT_FAILURE, NULL));
    p.ct.p[p.ct.len - 1] ^= 0x55;
    tu_free(&p.alg);
    tu_gcm_alg(&p.alg, TU_AES256_GCM, tu_nonce, 12, 16);
    CU_ASSERT(expect_parts(&c, &p, CMSFW_BAD_ENCRYPT_ALGORITHM, NULL));
    parts_free(&p);
    tu_free(&img);
    tu_ctx_free(&c);
}

/* ------------------------------------------------------------- OpenSSL */

static void
test_openssl(void)
{
    tu_ctx c;
    tu_buf pt1 = tu_file("tests/data/unwrap/ossl-pt-1000.bin");
    tu_buf pt2 = tu_file("tests/data/unwrap/ossl-pt-10000.bin");
    tu_buf aed = tu_ossl_econtent("tests/data/unwrap/ossl-aed-aes256gcm.der", TU_FW);
    tu_buf env = tu_ossl_econtent("tests/data/unwrap/ossl-env-aes128cbc-indef.der", TU_FW);
    tu_buf acd = tu_ossl_econtent("tests/data/unwrap/ossl-aed-aes128gcm-cd.der", TU_COMPRESSED);
    tu_buf afw = tu_ossl_econtent("tests/data/unwrap/ossl-aed-aes128gcm-cd.der", TU_FW);
    tu_buf cd = tu_file("tests/data/unwrap/ossl-cd-10000.der");

    CU_ASSERT_FATAL(pt1.p && pt2.p && aed.p && env.p && acd.p && afw.p && cd.p);
    tu_ctx_init(&c);
    tu_add_kek(&c, "kek-1", tu_k256, 32);
    tu_add_kek(&c, "kek-2", tu_k128, 16);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &aed, CMSFW_OK, pt1.p, pt1.len));
    CU_ASSERT(tu_expect(&c, TU_ENVELOPED, &env, CMSFW_OK, pt2.p, pt2.len));
    CU_ASSERT(c.res.decrypt_key_id.ptr == c.keks[1].id.ptr);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &acd, CMSFW_OK, pt2.p, pt2.len));
    CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_AUTH_ENVELOPED | CMSFW_LAYER_COMPRESSED);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &afw, CMSFW_OK, cd.p, cd.len));
    /* OpenSSL's tag, flipped */
    aed.p[aed.len - 1] ^= 0x01;
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &aed, CMSFW_DECRYPT_FAILURE, NULL, 0));
    tu_free(&pt1);
    tu_free(&pt2);
    tu_free(&aed);
    tu_free(&env);
    tu_free(&acd);
    tu_free(&afw);
    tu_free(&cd);
    tu_ctx_free(&c);
}

static void
test_io_failures(void)
{
    tu_ctx c;
    parts p;
    tu_buf img = tu_pattern(40000, 9);
    long k;

    ctx_kek(&c);
    gcm_parts(&p, img.p, img.len, 16, 1);
    for (k = 0; k < 8; k++) {
        c.st.reads_left = k;
        CU_ASSERT(expect_parts(&c, &p, CMSFW_E_IO, NULL));
        c.st.reads_left = -1;
    }
    c.st.writes_left = 1;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_E_IO, NULL));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    c.st.writes_left = -1;
    c.sk.writes_left = 0;
    CU_ASSERT(expect_parts(&c, &p, CMSFW_E_IO, NULL));
    c.sk.writes_left = -1;
    parts_free(&p);
    tu_free(&img);
    tu_ctx_free(&c);
}

static CU_TestInfo auth_tests[] = {
    {"AES-GCM sizes, ICVlen, authAttrs, BER", test_gcm_ok},
    {"AES-128-GCM, long nonce, KWP, CompressedData inside", test_gcm_variants},
    {"tag, ciphertext, additional data tampered", test_gcm_tamper},
    {"structure errors 17, 18, 19, 21", test_auth_errors},
    {"algorithm errors 20", test_auth_algorithms},
    {"KEKRecipientInfo selection", test_kekri},
    {"EnvelopedData with AES-CBC", test_enveloped},
    {"OpenSSL AuthEnvelopedData and EnvelopedData", test_openssl},
    {"stage and sink failures", test_io_failures},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"unwrap AuthEnvelopedData", NULL, NULL, NULL, NULL, auth_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
