/*
 * test_review_unwrap.c: adversarial cases for the layer removal and the
 * stage reader, and the size planning of the producer: in-place
 * decryption over BER ciphertext cut into the smallest pieces, nothing
 * released before the tag or padding is checked, reads bounded by the
 * staged length, 64-bit offsets, linear cost, keys chosen through the
 * unsigned wrapped-firmware-key, the zlib limits, and the lengths the
 * producer announces for images far larger than the tests can write.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include <cmsfw/oid.h>

#include "backends/backend.h"
#include "backends/bk_internal.h"
#include "cms/protect_priv.h"
#include "cms/stage_reader.h"
#include "cu_main.h"
#include "test_unwrap_util.h"

/* ------------------------------------------------------------ helpers */

static unsigned
rnd(unsigned long *s, unsigned n)
{
    *s = *s * 6364136223846793005ul + 1442695040888963407ul;
    return (unsigned)((*s >> 33) % n);
}

/* A string under id as BER pieces of 1..max octets, nested at random
 * (definite and indefinite levels, empty pieces in between). */
static void
ber_string(tu_buf *b, uint8_t id, const uint8_t *p, size_t n, size_t max, unsigned long *s,
           int depth)
{
    tu_buf in = {NULL, 0, 0};
    size_t off = 0, k;
    int indef = (int)rnd(s, 2);

    tu_put(&in, NULL, 0);
    while (off < n) {
        k = 1 + rnd(s, (unsigned)(n - off < max ? n - off : max));
        if (rnd(s, 6) == 0)
            tu_tlv(&in, 0x04, p, 0);
        if (depth < 8 && rnd(s, 5) == 0)
            ber_string(&in, 0x04, p + off, k, max, s, depth + 1);
        else
            tu_tlv(&in, 0x04, p + off, k);
        off += k;
    }
    if (indef)
        tu_wrap_indef(b, id, &in);
    else
        tu_wrap(b, (uint8_t)(id | 0x20u), &in);
    tu_free(&in);
}

/* The ciphertext as [0]: primitive when max is 0; else form 0 one-octet
 * pieces (definite), 1 one-octet pieces (indefinite), 2 random nesting
 * of pieces up to `max` octets. */
static void
put_ct(tu_buf *b, const tu_buf *ct, int form, size_t max, unsigned long *s)
{
    if (max == 0)
        tu_tlv(b, 0x80, ct->p, ct->len);
    else if (form < 2)
        tu_pieces(b, 0x80, ct->p, ct->len, 1, form);
    else
        ber_string(b, 0x80, ct->p, ct->len, max, s, 0);
}

/* EncryptedData, AES-256-CBC under tu_k256 (name "cek"). */
static tu_buf
make_ed(const char *type, const uint8_t *pt, size_t n, int form, size_t max, unsigned long *s)
{
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, ed = {NULL, 0, 0};
    tu_buf ct = tu_cbc_encrypt(tu_k256, 32, tu_iv, pt, n);

    tu_oid(&eci, type);
    tu_cbc_alg(&alg, TU_AES256_CBC, tu_iv, 16);
    tu_put(&eci, alg.p, alg.len);
    put_ct(&eci, &ct, form, max, s);
    tu_wrap_self(&eci, 0x30, form == 1);
    tu_int(&ed, 0);
    tu_put(&ed, eci.p, eci.len);
    tu_wrap_self(&ed, 0x30, form != 0);
    tu_free(&alg);
    tu_free(&eci);
    tu_free(&ct);
    return ed;
}

/* AuthEnvelopedData, AES-256-GCM (ICVlen 16), or with gcm 0 EnvelopedData,
 * AES-256-CBC: the CEK tu_k256 wrapped under "kek-1" = tu_k128; the mac
 * in pieces too when form > 0. */
static tu_buf
make_env(int gcm, const char *type, const uint8_t *pt, size_t n, int form, size_t max,
         unsigned long *s)
{
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, env = {NULL, 0, 0}, ris = {NULL, 0, 0};
    uint8_t mac[16];
    tu_buf ct = gcm ? tu_gcm_encrypt(tu_k256, 32, tu_nonce, 12, NULL, pt, n, mac, 16)
                    : tu_cbc_encrypt(tu_k256, 32, tu_iv, pt, n);

    tu_kekri(&ris, TU_AES256_WRAP, tu_k128, 16, "kek-1", tu_k256, 32);
    tu_wrap_self(&ris, 0x31, form != 0);
    tu_oid(&eci, type);
    if (gcm)
        tu_gcm_alg(&alg, TU_AES256_GCM, tu_nonce, 12, 16);
    else
        tu_cbc_alg(&alg, TU_AES256_CBC, tu_iv, 16);
    tu_put(&eci, alg.p, alg.len);
    put_ct(&eci, &ct, form, max, s);
    tu_wrap_self(&eci, 0x30, form == 1);
    tu_int(&env, gcm ? 0 : 2);
    tu_put(&env, ris.p, ris.len);
    tu_put(&env, eci.p, eci.len);
    if (gcm)
        tu_pieces(&env, 0x04, mac, 16, form != 0 ? 1 : 0, form != 0);
    tu_wrap_self(&env, 0x30, form != 0);
    tu_free(&alg);
    tu_free(&eci);
    tu_free(&ct);
    tu_free(&ris);
    return env;
}

static void
ctx_keys(tu_ctx *c)
{
    tu_ctx_init(c);
    tu_add_cek(c, "cek", tu_k256, 32);
    tu_add_kek(c, "kek-1", tu_k128, 16);
    tu_set_dki(c, "cek");
}

/* Image in the sink, and decrypted in place from offset 0 of the stage. */
static int
image_ok(const tu_ctx *c, const tu_buf *img)
{
    return c->sk.data.len == img->len && memcmp(c->sk.data.p, img->p, img->len) == 0 &&
           c->st.data.len >= img->len && memcmp(c->st.data.p, img->p, img->len) == 0;
}

/* A stage that counts what is read through it, around the harness's. */
typedef struct count_io {
    cmsfw_stage inner;
    uint64_t calls, bytes, hi;
} count_io;

static int
count_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    count_io *k = (count_io *)io;

    k->calls++;
    k->bytes += n;
    if (off + n > k->hi)
        k->hi = off + n;
    return k->inner.read(k->inner.io, off, p, n);
}

static int
count_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    count_io *k = (count_io *)io;

    return k->inner.write(k->inner.io, off, p, n);
}

static void
count_install(tu_ctx *c, count_io *k)
{
    memset(k, 0, sizeof(*k));
    k->inner = c->stage;
    c->stage.read = count_read;
    c->stage.write = count_write;
    c->stage.io = k;
}

/* tu_run() with `staged` in the stage but only econtent_len of it the
 * eContent. */
static cmsfw_err
run_staged(tu_ctx *c, const char *type, const tu_buf *staged, uint64_t econtent_len)
{
    size_t k = 0;

    CU_ASSERT_FATAL(cmsfw_oid_from_dotted(type, c->type_oid, sizeof(c->type_oid), &k) ==
                    CMSFW_OK);
    c->f.econtent_type.ptr = c->type_oid;
    c->f.econtent_type.len = k;
    c->f.has_econtent = 1;
    c->f.econtent_len = econtent_len;
    tu_free(&c->st.data);
    tu_free(&c->sk.data);
    c->st.data = tu_copy(staged->p, staged->len);
    tu_put(&c->sk.data, NULL, 0);
    c->st.min_write_gap = UINT64_MAX;
    c->st.read_hi = 0;
    memset(&c->res, 0, sizeof(c->res));
    memset(&c->diag, 0, sizeof(c->diag));
    return cmsfw__unwrap(&c->f, &c->s, &c->dev, &c->stage, &c->sink, &c->res, &c->diag);
}

/* ------------------------------------------------- decryption in place */

static void
test_one_octet_pieces(void)
{
    static const char *const types[3] = {TU_ENCRYPTED, TU_ENVELOPED, TU_AUTH_ENVELOPED};
    tu_ctx c;
    tu_buf img = tu_pattern(40007, 5), pkg;
    unsigned long s = 1;
    int form, kind;

    ctx_keys(&c);
    for (kind = 0; kind < 3; kind++) {
        for (form = 0; form < 3; form++) {
            pkg = kind == 0 ? make_ed(TU_FW, img.p, img.len, form, 1, &s)
                            : make_env(kind == 2, TU_FW, img.p, img.len, form, 1, &s);
            CU_ASSERT(pkg.len > 3 * img.len); /* a header per octet */
            CU_ASSERT_EQUAL(tu_run(&c, types[kind], &pkg), CMSFW_OK);
            CU_ASSERT(image_ok(&c, &img));
            CU_ASSERT(c.st.min_write_gap != UINT64_MAX);
            tu_free(&pkg);
        }
    }
    tu_free(&img);
    tu_ctx_free(&c);
}

static void
test_random_nesting(void)
{
    static const size_t sizes[] = {1, 16, 31, 16383, 16384, 16385, 32769};
    tu_ctx c;
    unsigned long s = 77;
    size_t i;
    int gcm;

    ctx_keys(&c);
    for (i = 0; i < 3 * sizeof(sizes) / sizeof(sizes[0]); i++) {
        tu_buf img = tu_pattern(sizes[i % 7], (unsigned)i);
        for (gcm = 0; gcm < 2; gcm++) {
            tu_buf pkg = gcm ? make_env(1, TU_FW, img.p, img.len, 2, 1 + i * 13, &s)
                             : make_ed(TU_FW, img.p, img.len, 2, 1 + i * 13, &s);
            CU_ASSERT_EQUAL(tu_run(&c, gcm ? TU_AUTH_ENVELOPED : TU_ENCRYPTED, &pkg), CMSFW_OK);
            CU_ASSERT(image_ok(&c, &img));
            tu_free(&pkg);
        }
        tu_free(&img);
    }
    tu_ctx_free(&c);
}

/* Flip octet `at` (from the end when negative) and run: a decryptFailure
 * with nothing written to the sink. */
static int
refused_silently(tu_ctx *c, const char *type, const tu_buf *pkg, long at)
{
    tu_buf m = tu_copy(pkg->p, pkg->len);
    cmsfw_err e;

    m.p[at < 0 ? (long)m.len + at : at] ^= 0x40;
    e = tu_run(c, type, &m);
    tu_free(&m);
    return e == CMSFW_DECRYPT_FAILURE && c->sk.data.len == 0 && c->sk.max_write == 0;
}

static void
test_nothing_before_verification(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(50000, 9);
    tu_buf cd = tu_compress_image(img.p, img.len);
    unsigned long s = 3;
    tu_buf aed = make_env(1, TU_FW, img.p, img.len, 0, 0, &s);
    tu_buf aed_cd = make_env(1, TU_COMPRESSED, cd.p, cd.len, 0, 0, &s);
    tu_buf ed = make_ed(TU_FW, img.p, img.len, 0, 0, &s);
    tu_buf ed_cd = make_ed(TU_COMPRESSED, cd.p, cd.len, 0, 0, &s);

    ctx_keys(&c);
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &aed, CMSFW_OK, img.p, img.len));
    CU_ASSERT(tu_expect(&c, TU_AUTH_ENVELOPED, &aed_cd, CMSFW_OK, img.p, img.len));
    /* GCM: the tag (last octets), the last and a middle ciphertext octet */
    CU_ASSERT(refused_silently(&c, TU_AUTH_ENVELOPED, &aed, -1));
    CU_ASSERT(refused_silently(&c, TU_AUTH_ENVELOPED, &aed, -19));
    CU_ASSERT(refused_silently(&c, TU_AUTH_ENVELOPED, &aed, (long)aed.len / 2));
    /* a CompressedData inside is not inflated before the tag verifies */
    CU_ASSERT(refused_silently(&c, TU_AUTH_ENVELOPED, &aed_cd, -19));
    CU_ASSERT(refused_silently(&c, TU_AUTH_ENVELOPED, &aed_cd, -1));
    /* CBC: the octet before the last block turns the padding octet
     * (0x10 here) into one that is no padding */
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed_cd, CMSFW_OK, img.p, img.len));
    CU_ASSERT(refused_silently(&c, TU_ENCRYPTED, &ed, -17));
    CU_ASSERT(refused_silently(&c, TU_ENCRYPTED, &ed_cd, -17));
    tu_free(&img);
    tu_free(&cd);
    tu_free(&aed);
    tu_free(&aed_cd);
    tu_free(&ed);
    tu_free(&ed_cd);
    tu_ctx_free(&c);
}

/* CBC with a wrong key: padding checked before anything is released. */
static void
test_cbc_padding_before_release(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(20000, 4);
    unsigned long s = 4;
    tu_buf ed = make_ed(TU_FW, img.p, img.len, 0, 0, &s);
    uint8_t wrong[32];
    int i, failures = 0, silent = 0;

    memcpy(wrong, tu_k256, 32);
    tu_ctx_init(&c);
    tu_add_cek(&c, "cek", wrong, 32);
    tu_set_dki(&c, "cek");
    /* a wrong key gives random padding: about one key in 256 passes, so
     * most of these must fail, and each failure must be silent */
    for (i = 0; i < 32; i++) {
        wrong[0] = (uint8_t)(i + 1);
        if (tu_run(&c, TU_ENCRYPTED, &ed) == CMSFW_DECRYPT_FAILURE) {
            failures++;
            silent += c.sk.data.len == 0 && c.sk.max_write == 0;
        }
    }
    CU_ASSERT(failures >= 24);
    CU_ASSERT_EQUAL(silent, failures);
    tu_free(&img);
    tu_free(&ed);
    tu_ctx_free(&c);
}

/* --------------------------------------------------- declared lengths */

static void
test_declared_lengths(void)
{
    tu_ctx c;
    count_io k;
    tu_buf img = tu_pattern(3000, 6), junk = tu_pattern(333, 7), longer;
    unsigned long s = 5;
    tu_buf ed = make_ed(TU_FW, img.p, img.len, 0, 0, &s);
    tu_buf aed = make_env(1, TU_FW, img.p, img.len, 1, 1, &s);
    size_t i;

    ctx_keys(&c);
    count_install(&c, &k);
    /* octets staged after the eContent are never read */
    longer = tu_copy(ed.p, ed.len);
    tu_put(&longer, junk.p, junk.len);
    CU_ASSERT_EQUAL(run_staged(&c, TU_ENCRYPTED, &longer, ed.len), CMSFW_OK);
    CU_ASSERT(image_ok(&c, &img));
    CU_ASSERT(k.hi <= ed.len && k.hi > 0);
    tu_free(&longer);
    longer = tu_copy(aed.p, aed.len);
    tu_put(&longer, junk.p, junk.len);
    k.hi = 0;
    CU_ASSERT_EQUAL(run_staged(&c, TU_AUTH_ENVELOPED, &longer, aed.len), CMSFW_OK);
    CU_ASSERT(image_ok(&c, &img));
    CU_ASSERT(k.hi <= aed.len);
    /* an eContent shorter than its structure: refused, nothing read past it */
    for (i = 1; i < 40; i += 3) {
        k.hi = 0;
        CU_ASSERT_NOT_EQUAL(run_staged(&c, TU_ENCRYPTED, &ed, ed.len - i), CMSFW_OK);
        CU_ASSERT(k.hi <= ed.len - i);
        CU_ASSERT_EQUAL(c.sk.data.len, 0);
        k.hi = 0;
        CU_ASSERT_NOT_EQUAL(run_staged(&c, TU_AUTH_ENVELOPED, &longer, aed.len - i), CMSFW_OK);
        CU_ASSERT(k.hi <= aed.len - i);
        CU_ASSERT_EQUAL(c.sk.data.len, 0);
    }
    tu_free(&longer);
    /* a ciphertext [0] that claims one octet more than its EncryptedContentInfo
     * holds (the definite ED: 30 82 LL LL 02 01 00 30 82 LL LL 06 ...) */
    longer = tu_copy(ed.p, ed.len);
    for (i = 0; i + 4 < longer.len; i++)
        if (longer.p[i] == 0x80 && longer.p[i + 1] == 0x82)
            break;
    CU_ASSERT_FATAL(i + 4 < longer.len);
    longer.p[i + 3]++;
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &longer, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    longer.p[i + 3] -= 2; /* and one less: the last octet is left over */
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &longer, CMSFW_BAD_ENCRYPT_CONTENT, NULL, 0));
    tu_free(&longer);
    tu_free(&img);
    tu_free(&junk);
    tu_free(&ed);
    tu_free(&aed);
    tu_ctx_free(&c);
}

/* Indefinite lengths everywhere and one-octet pieces: what is read from
 * the stage grows linearly with the package. */
static void
test_linear_cost(void)
{
    tu_ctx c;
    count_io k;
    unsigned long s = 8;
    tu_buf img = tu_pattern(30000, 8);
    tu_buf aed = make_env(1, TU_FW, img.p, img.len, 1, 1, &s);
    tu_buf ed = make_ed(TU_FW, img.p, img.len, 1, 1, &s);

    ctx_keys(&c);
    count_install(&c, &k);
    CU_ASSERT_EQUAL(tu_run(&c, TU_AUTH_ENVELOPED, &aed), CMSFW_OK);
    CU_ASSERT(k.bytes <= 8 * (uint64_t)aed.len);
    CU_ASSERT(k.calls <= 2 * (uint64_t)img.len + 64);
    k.calls = k.bytes = k.hi = 0;
    CU_ASSERT_EQUAL(tu_run(&c, TU_ENCRYPTED, &ed), CMSFW_OK);
    CU_ASSERT(k.bytes <= 8 * (uint64_t)ed.len);
    CU_ASSERT(k.calls <= 2 * (uint64_t)img.len + 64);
    tu_free(&img);
    tu_free(&aed);
    tu_free(&ed);
    tu_ctx_free(&c);
}

/* ------------------------------------------------------------ the keys */

/* The KEKRecipientInfo TLV k (from tu_kekri) as the codec gives it. */
static void
fill_kekri(cmsfw_recipient *r, const tu_buf *k)
{
    cmsfw_der_cur cur, in, sub;
    cmsfw_der_tlv t, x;

    memset(r, 0, sizeof(*r));
    cmsfw_der_init(&cur, k->p, k->len, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&cur, &t) == CMSFW_DER_OK);
    cmsfw_der_enter(&in, &t, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK); /* version */
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK); /* kekid */
    cmsfw_der_enter(&sub, &t, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&sub, &x) == CMSFW_DER_OK);
    r->key_id.ptr = x.val;
    r->key_id.len = x.len;
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK); /* keyEncryptionAlgorithm */
    cmsfw_der_enter(&sub, &t, 0);
    CU_ASSERT_FATAL(cmsfw_der_read(&sub, &x) == CMSFW_DER_OK);
    r->key_enc_alg.oid.ptr = x.val;
    r->key_enc_alg.oid.len = x.len;
    CU_ASSERT_FATAL(cmsfw_der_read(&in, &t) == CMSFW_DER_OK); /* encryptedKey */
    r->encrypted_key.ptr = t.val;
    r->encrypted_key.len = t.len;
    r->kind = CMSFW_RECIPIENT_KEKRI;
    r->version = 4;
    r->raw.ptr = k->p;
    r->raw.len = k->len;
}

/* The last octet of the CBC decryption of prev || last in *out. */
static int
cbc_last_octet(cmsfw_bk_aes_ctx *k, const uint8_t *prev, const uint8_t *last, uint8_t *out)
{
    uint8_t b[16];

    if (cmsfw_bk_aes_block(k, last, b) != CMSFW_BK_OK)
        return 0;
    *out = (uint8_t)(b[15] ^ prev[15]);
    return 1;
}

/* 64 octets of ciphertext whose AES-256-CBC decryption under a and under
 * b both end in the padding 01 (about 2^16 tries). */
static int
craft_ct(const uint8_t *a, const uint8_t *b, uint8_t ct[64])
{
    cmsfw_bk_aes_ctx ka, kb;
    uint8_t la = 0, lb = 0;
    uint32_t t;
    int found = 0, ok = 1;

    CU_ASSERT_FATAL(cmsfw_bk_aes_init(&ka, (cmsfw_bytes){a, 32}, 0) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(cmsfw_bk_aes_init(&kb, (cmsfw_bytes){b, 32}, 0) == CMSFW_BK_OK);
    memset(ct, 0x5a, 64);
    for (t = 0; t < (1u << 22) && ok && !found; t++) {
        ct[48] = (uint8_t)t;
        ct[49] = (uint8_t)(t >> 8);
        ct[50] = (uint8_t)(t >> 16);
        ok = cbc_last_octet(&ka, ct + 32, ct + 48, &la) &&
             cbc_last_octet(&kb, ct + 32, ct + 48, &lb);
        found = ok && la == 1 && lb == 1;
    }
    cmsfw_bk_aes_wipe(&ka);
    cmsfw_bk_aes_wipe(&kb);
    return found;
}

/* An EncryptedData of ct (AES-256-CBC, tu_iv) and the plaintext (without
 * padding) that key gives. */
static tu_buf
ed_of(const uint8_t ct[64], const uint8_t *key, tu_buf *pt)
{
    static const tu_ct prim = {0, 0, 0};
    tu_buf alg = {NULL, 0, 0}, eci = {NULL, 0, 0}, ed = {NULL, 0, 0}, c = tu_copy(ct, 64);
    cmsfw_bk_cipher_ctx x;

    *pt = tu_copy(ct, 64);
    CU_ASSERT_FATAL(cmsfw_bk_cbc_init(&x, (cmsfw_bytes){key, 32}, tu_iv, 0) == CMSFW_BK_OK &&
                    cmsfw_bk_cbc_update(&x, pt->p, pt->p, 64) == CMSFW_BK_OK &&
                    cmsfw_bk_cbc_finish(&x) == CMSFW_BK_OK);
    CU_ASSERT_FATAL(pt->p[63] == 1);
    pt->len = 63;
    tu_cbc_alg(&alg, TU_AES256_CBC, tu_iv, 16);
    tu_eci(&eci, TU_FW, &alg, &c, prim);
    tu_encrypted_data(&ed, 0, &eci, 0, 0);
    tu_free(&alg);
    tu_free(&eci);
    tu_free(&c);
    return ed;
}

/* The wrapped-firmware-key of an EncryptedData of tu_iv AES-256-CBC. */
static void
set_wrapped_key(tu_ctx *c, cmsfw_recipient *r, const tu_buf *kekri, tu_buf *alg,
                uint8_t *type_oid, size_t cap)
{
    size_t n = 0;

    fill_kekri(r, kekri);
    tu_cbc_alg(alg, TU_AES256_CBC, tu_iv, 16);
    CU_ASSERT_FATAL(cmsfw_oid_from_dotted(TU_FW, type_oid, cap, &n) == CMSFW_OK);
    c->s.has_wrapped_key = 1;
    c->s.wrapped_key.version = 2;
    c->s.wrapped_key.recipients = r;
    c->s.wrapped_key.n_recipients = 1;
    c->s.wrapped_key.content_type.ptr = type_oid;
    c->s.wrapped_key.content_type.len = n;
    /* 30 1d 06 09 <aes256-CBC> 04 10 <iv> */
    c->s.wrapped_key.cek_alg.oid.ptr = alg->p + 4;
    c->s.wrapped_key.cek_alg.oid.len = 9;
    c->s.wrapped_key.cek_alg.params.ptr = alg->p + 13;
    c->s.wrapped_key.cek_alg.params.len = 18;
}

/*
 * The wrapped-firmware-key is unsigned. The decrypt-key-identifier names
 * the KEK (as cmsfw protect writes it); removing the attribute makes that
 * identifier look like RFC 4108's pre-shared CEK, and replacing it with
 * another package's makes the device unwrap another CEK. The ciphertext
 * here decrypts with a valid padding under every key involved, so only
 * the signed firmware-package-message-digest stands between such a
 * package and the sink's caller: it must give badFirmware (or no key),
 * never success.
 */
static void
test_unsigned_key_attribute(void)
{
    static const uint8_t kek[32] = {0x4b, 0x45, 0x4b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                    11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
                                    24, 25, 26, 27, 28, 29};
    static const uint8_t cek_b[32] = {0x42, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5,
                                      6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                      20, 21};
    uint8_t ct[64], md[CMSFW_BK_HASH_MAX], type_oid[16];
    cmsfw_recipient r;
    tu_buf ris = {NULL, 0, 0}, ris_b = {NULL, 0, 0}, alg = {NULL, 0, 0}, pt, ed;
    size_t n = 0;
    tu_ctx c;
    cmsfw_err e;

    /* the KEK itself taken for the CEK */
    CU_ASSERT_FATAL(craft_ct(tu_k256, kek, ct));
    ed = ed_of(ct, tu_k256, &pt);
    CU_ASSERT_FATAL(cmsfw_bk_hash_once(CMSFW_BK_SHA256, (cmsfw_bytes){pt.p, pt.len}, md,
                                       sizeof(md), &n) == CMSFW_BK_OK);
    tu_ctx_init(&c);
    tu_add_kek(&c, "kek-1", kek, 32);
    tu_set_dki(&c, "kek-1");
    tu_set_fw_digest(&c, TU_SHA256, md, n, 0);
    tu_kekri(&ris, TU_AES256_WRAP, kek, 32, "kek-1", tu_k256, 32);
    set_wrapped_key(&c, &r, &ris, &alg, type_oid, sizeof(type_oid));
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, pt.p, pt.len));
    c.s.has_wrapped_key = 0;
    e = tu_run(&c, TU_ENCRYPTED, &ed);
    CU_ASSERT_EQUAL(e, CMSFW_NO_DECRYPT_KEY); /* a key-encryption key is never a content key */
    c.s.has_fw_digest = 0; /* and that holds without the image digest too */
    e = tu_run(&c, TU_ENCRYPTED, &ed);
    CU_ASSERT_EQUAL(e, CMSFW_NO_DECRYPT_KEY);
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    c.s.has_fw_digest = 1;
    tu_free(&ed);
    tu_free(&pt);
    tu_free(&alg);

    /* another package's wrapped key (CEK B under the same KEK) */
    CU_ASSERT_FATAL(craft_ct(tu_k256, cek_b, ct));
    ed = ed_of(ct, tu_k256, &pt);
    CU_ASSERT_FATAL(cmsfw_bk_hash_once(CMSFW_BK_SHA256, (cmsfw_bytes){pt.p, pt.len}, md,
                                       sizeof(md), &n) == CMSFW_BK_OK);
    set_wrapped_key(&c, &r, &ris, &alg, type_oid, sizeof(type_oid));
    CU_ASSERT(tu_expect(&c, TU_ENCRYPTED, &ed, CMSFW_OK, pt.p, pt.len));
    tu_free(&alg);
    tu_kekri(&ris_b, TU_AES256_WRAP, kek, 32, "kek-1", cek_b, 32);
    set_wrapped_key(&c, &r, &ris_b, &alg, type_oid, sizeof(type_oid));
    e = tu_run(&c, TU_ENCRYPTED, &ed);
    CU_ASSERT(e == CMSFW_BAD_FIRMWARE);
    CU_ASSERT(c.res.decrypt_key_id.len == 5); /* the unwrap did succeed */
    tu_free(&ed);
    tu_free(&pt);
    tu_free(&alg);
    tu_free(&ris);
    tu_free(&ris_b);
    tu_ctx_free(&c);
}

/* ---------------------------------------------------------------- zlib */

/* CompressedData whose eContent OCTET STRING TLV is os. */
static tu_buf
cd_with(const tu_buf *os)
{
    tu_buf in = {NULL, 0, 0}, encap = {NULL, 0, 0};

    tu_int(&in, 0);
    tu_alg(&in, TU_ZLIB, NULL, 0);
    tu_oid(&encap, TU_FW);
    tu_wrap(&encap, 0xa0, os);
    tu_wrap(&in, 0x30, &encap);
    tu_wrap_self(&in, 0x30, 0);
    tu_free(&encap);
    return in;
}

/* deflate with the given windowBits (15 zlib, -15 raw, 31 gzip). */
static tu_buf
deflated(const tu_buf *img, int wbits)
{
    z_stream z;
    tu_buf out = {NULL, 0, 0};

    memset(&z, 0, sizeof(z));
    CU_ASSERT_FATAL(deflateInit2(&z, 6, Z_DEFLATED, wbits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    out.cap = deflateBound(&z, (uLong)img->len) + 16;
    out.p = (uint8_t *)malloc(out.cap);
    CU_ASSERT_FATAL(out.p != NULL);
    z.next_in = img->p;
    z.avail_in = (uInt)img->len;
    z.next_out = out.p;
    z.avail_out = (uInt)out.cap;
    CU_ASSERT_FATAL(deflate(&z, Z_FINISH) == Z_STREAM_END);
    out.len = out.cap - z.avail_out;
    (void)deflateEnd(&z);
    return out;
}

static void
test_zlib_limit_and_pieces(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(70000, 11), z = tu_zlib(img.p, img.len, 6);
    uint64_t maxes[5];
    size_t i, j;
    static const size_t pieces[3] = {0, 1, 4099};

    maxes[0] = img.len - 1;
    maxes[1] = img.len / 2;
    maxes[2] = 16384;
    maxes[3] = 16385;
    maxes[4] = 1;
    tu_ctx_init(&c);
    for (j = 0; j < 3; j++) {
        tu_buf alg = {NULL, 0, 0}, cd = {NULL, 0, 0};

        tu_alg(&alg, TU_ZLIB, NULL, 0);
        tu_compressed(&cd, 0, &alg, TU_FW, &z, pieces[j], pieces[j] == 1);
        for (i = 0; i < 5; i++) {
            c.dev.max_image = maxes[i];
            CU_ASSERT_EQUAL(tu_run(&c, TU_COMPRESSED, &cd), CMSFW_DECOMPRESS_FAILURE);
            CU_ASSERT(c.sk.data.len <= maxes[i]); /* never a octet beyond */
        }
        c.dev.max_image = img.len;
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, img.p, img.len));
        c.dev.max_image = 0;
        tu_free(&alg);
        tu_free(&cd);
    }
    tu_free(&img);
    tu_free(&z);
    tu_ctx_free(&c);
}

static void
test_zlib_stream_edges(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(5000, 12), empty = tu_pattern(0, 1);
    tu_buf z = deflated(&img, 15), raw = deflated(&img, -15), gz = deflated(&img, 31);
    tu_buf ez = deflated(&empty, 15);
    tu_buf os = {NULL, 0, 0}, cd;

    tu_ctx_init(&c);
    /* the stream ends exactly at a piece boundary; one more octet follows
     * in the next piece: trailing data */
    tu_tlv(&os, 0x04, z.p, z.len);
    tu_tlv(&os, 0x04, "\x00", 1);
    tu_wrap_self(&os, 0x24, 0);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    /* ... an empty piece after it is no data */
    tu_tlv(&os, 0x04, z.p, z.len);
    tu_tlv(&os, 0x04, "", 0);
    tu_wrap_self(&os, 0x24, 1);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, img.p, img.len));
    tu_free(&cd);
    tu_free(&os);
    /* raw DEFLATE and gzip are not zlib streams */
    tu_tlv(&os, 0x04, raw.p, raw.len);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    tu_tlv(&os, 0x04, gz.p, gz.len);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    /* a wrong Adler-32 */
    z.p[z.len - 1] ^= 1;
    tu_tlv(&os, 0x04, z.p, z.len);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    /* an empty eContent, and an empty image */
    tu_tlv(&os, 0x04, "", 0);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    tu_tlv(&os, 0x04, ez.p, ez.len);
    cd = cd_with(&os);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, NULL, 0));
    tu_free(&cd);
    tu_free(&os);
    tu_free(&img);
    tu_free(&empty);
    tu_free(&z);
    tu_free(&raw);
    tu_free(&gz);
    tu_free(&ez);
    tu_ctx_free(&c);
}

static CU_TestInfo inplace_tests[] = {
    {"one-octet ciphertext pieces, decrypted in place", test_one_octet_pieces},
    {"random BER nesting of the ciphertext", test_random_nesting},
    {"nothing reaches the sink before the tag or padding", test_nothing_before_verification},
    {"wrong CBC keys fail silently", test_cbc_padding_before_release},
    {"declared lengths and the staged length", test_declared_lengths},
    {"linear stage reads over indefinite lengths", test_linear_cost},
    CU_TEST_INFO_NULL};

static CU_TestInfo key_tests[] = {
    {"the unsigned wrapped-firmware-key removed or replaced", test_unsigned_key_attribute},
    CU_TEST_INFO_NULL};

static CU_TestInfo zlib_tests[] = {
    {"size limit exact, in every piece size", test_zlib_limit_and_pieces},
    {"trailing data, raw, gzip, Adler-32, empty", test_zlib_stream_edges},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"review: in place", NULL, NULL, NULL, NULL, inplace_tests},
                                {"review: keys", NULL, NULL, NULL, NULL, key_tests},
                                {"review: zlib", NULL, NULL, NULL, NULL, zlib_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
