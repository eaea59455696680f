/*
 * test_backend_lms.c: HSS/LMS verification (backends/lms.c) through
 * cmsfw_bk_verify() and the internal entry points. The RFC 8554 test cases
 * 1 and 2, the RFC 8708/9708 example SignedData (pyasn1-modules) and the
 * RFC 9802 example certificate, all in vectors/published/; signatures of
 * other parameter sets come from the test-only signer
 * (test_lms_signer.c). With CMSFW_LMS_SPEED set, also prints verification
 * timings (a measurement, never asserted).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backends/backend.h"
#include "backends/lms.h"
#include "cu_main.h"
#include "test_backend_util.h"
#include "test_lms_signer.h"

/* DER of the SPKI header up to the BIT STRING's unused-bits octet, for a
 * 60-octet raw key (RFC 9802) */
static const uint8_t spki_head[] = {0x30, 0x4e, 0x30, 0x0d, 0x06, 0x0b, 0x2a, 0x86,
                                    0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x03,
                                    0x11, 0x03, 0x3d, 0x00};

/* A one-line hex file of vectors/published/ */
static tb_buf
load_hex(const char *name)
{
    char rel[160], *text;
    tb_buf file, out = {NULL, 0};
    size_t n;

    snprintf(rel, sizeof rel, "vectors/published/%s", name);
    file = tb_load(rel);
    if (file.ptr == NULL)
        return out;
    text = malloc(file.len + 1);
    if (text != NULL) {
        memcpy(text, file.ptr, file.len);
        n = file.len;
        while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' '))
            n--;
        text[n] = '\0';
        out = tb_hex(text);
        free(text);
    }
    tb_free(&file);
    return out;
}

static tb_buf
load_der(const char *name)
{
    char rel[160];

    snprintf(rel, sizeof rel, "vectors/published/%s", name);
    return tb_load(rel);
}

/* SPKI with the raw 60-octet HSS key */
static tb_buf
spki_of(tb_buf pub)
{
    tb_buf s;

    s.len = sizeof spki_head + pub.len;
    s.ptr = malloc(s.len);
    if (s.ptr != NULL) {
        memcpy(s.ptr, spki_head, sizeof spki_head);
        memcpy(s.ptr + sizeof spki_head, pub.ptr, pub.len);
    }
    return s;
}

typedef struct tcase {
    tb_buf pub, sig, msg;
} tcase;

static int
load_case(int n, tcase *c)
{
    char name[64];

    snprintf(name, sizeof name, "rfc8554-tc%d-hss-public.hex", n);
    c->pub = load_hex(name);
    snprintf(name, sizeof name, "rfc8554-tc%d-hss-signature.hex", n);
    c->sig = load_hex(name);
    snprintf(name, sizeof name, "rfc8554-tc%d-message.hex", n);
    c->msg = load_hex(name);
    return c->pub.ptr != NULL && c->sig.ptr != NULL && c->msg.ptr != NULL;
}

static void
free_case(tcase *c)
{
    tb_free(&c->pub);
    tb_free(&c->sig);
    tb_free(&c->msg);
}

static cmsfw_bk_status
hss(tb_buf pub, tb_buf msg, tb_buf sig)
{
    return cmsfw_bk_hss_verify(tb_view(pub), tb_view(msg), tb_view(sig));
}

/* ------------------------------------------------------------ RFC 8554 */

static void
test_rfc8554_cases(void)
{
    tcase c;
    tb_buf spki;
    int n;

    CU_ASSERT_TRUE(cmsfw_bk_has(CMSFW_BK_CAP_HSS_LMS));
    for (n = 1; n <= 2; n++) {
        CU_ASSERT_FATAL(load_case(n, &c));
        CU_ASSERT_EQUAL(c.pub.len, 60);
        CU_ASSERT_EQUAL(c.sig.len, n == 1 ? 2644 : 3860);
        CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
        spki = spki_of(c.pub);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(spki),
                                        tb_view(c.msg), tb_view(c.sig)),
                        CMSFW_BK_OK);
        /* the other case's message */
        c.msg.ptr[0] ^= 0x20;
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(spki),
                                        tb_view(c.msg), tb_view(c.sig)),
                        CMSFW_BK_BAD_SIGNATURE);
        /* HSS keys do not sign here, and other schemes refuse the key */
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(spki),
                                        tb_view(c.msg), tb_view(c.sig)),
                        cmsfw_bk_has(CMSFW_BK_CAP_ED25519) ? CMSFW_BK_BAD_KEY
                                                           : CMSFW_BK_UNSUPPORTED);
        tb_free(&spki);
        free_case(&c);
    }
}

/* Flip one bit at each position of a dense sample of @b; none verifies. */
static void
flip_sample(tcase *c, tb_buf *b, size_t stride)
{
    size_t i, bad = 0, tried = 0;

    for (i = 0; i < b->len; i += (i < 64 || i + 64 >= b->len) ? 1 : stride) {
        uint8_t mask = (uint8_t)(1u << (i % 8));

        b->ptr[i] ^= mask;
        if (hss(c->pub, c->msg, c->sig) != CMSFW_BK_OK)
            bad++;
        tried++;
        b->ptr[i] ^= mask;
    }
    CU_ASSERT_EQUAL(bad, tried);
    CU_ASSERT_TRUE(tried >= 60);
    CU_ASSERT_EQUAL(hss(c->pub, c->msg, c->sig), CMSFW_BK_OK);
}

static void
test_bit_flips(void)
{
    tcase c;
    int n;

    for (n = 1; n <= 2; n++) {
        CU_ASSERT_FATAL(load_case(n, &c));
        flip_sample(&c, &c.sig, 13);
        flip_sample(&c, &c.pub, 1);
        flip_sample(&c, &c.msg, 1);
        free_case(&c);
    }
}

static void
test_lengths(void)
{
    tcase c;
    tb_buf longer;
    size_t cut[] = {0, 1, 3, 4, 8, 100, 1000};
    size_t i, full;

    CU_ASSERT_FATAL(load_case(1, &c));
    full = c.sig.len;
    for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
        c.sig.len = full - cut[i] - (cut[i] == 0 ? 1 : 0);
        CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_BAD_SIGNATURE);
        c.sig.len = cut[i];
        CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_BAD_SIGNATURE);
    }
    c.sig.len = full;
    /* one trailing octet, of any value */
    longer.len = full + 1;
    longer.ptr = calloc(1, longer.len);
    CU_ASSERT_FATAL(longer.ptr != NULL);
    memcpy(longer.ptr, c.sig.ptr, full);
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, longer), CMSFW_BK_BAD_SIGNATURE);
    tb_free(&longer);
    /* a key one octet short or long */
    c.pub.len--;
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_BAD_KEY);
    c.pub.len++;
    CU_ASSERT_EQUAL(cmsfw_bk_hss_check_public(tb_bytes(c.pub.ptr, 61), NULL),
                    CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
    free_case(&c);
}

static void
set_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* Overwrite the u32 at @off of @b with @v, check @want, restore. */
static void
poke(tcase *c, tb_buf *b, size_t off, uint32_t v, cmsfw_bk_status want)
{
    uint8_t save[4];

    memcpy(save, b->ptr + off, 4);
    set_u32(b->ptr + off, v);
    CU_ASSERT_EQUAL(hss(c->pub, c->msg, c->sig), want);
    memcpy(b->ptr + off, save, 4);
}

static void
test_fields(void)
{
    tcase c;
    /* TC1: both levels H5/W8: LMS signature 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32 */
    size_t lms_sig = 4 + 4 + 32 + 34 * 32 + 4 + 5 * 32, pub1 = 4 + lms_sig;

    CU_ASSERT_FATAL(load_case(1, &c));
    CU_ASSERT_EQUAL(4 + lms_sig + 56 + lms_sig, c.sig.len);
    /* Nspk must be L - 1 */
    poke(&c, &c.sig, 0, 0, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, 0, 2, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, 0, 0xffffffffu, CMSFW_BK_BAD_SIGNATURE);
    /* L of the key: 1..8, and equal to Nspk + 1 */
    poke(&c, &c.pub, 0, 0, CMSFW_BK_BAD_KEY);
    poke(&c, &c.pub, 0, 9, CMSFW_BK_BAD_KEY);
    poke(&c, &c.pub, 0, 3, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.pub, 0, 1, CMSFW_BK_BAD_SIGNATURE);
    /* q < 2^h (h = 5) */
    poke(&c, &c.sig, 4, 32, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, 4, 0xffffffffu, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, pub1 + 56, 32, CMSFW_BK_BAD_SIGNATURE);
    /* the signature's LM-OTS and LMS types must be the key's */
    poke(&c, &c.sig, 8, 3, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, 8, 12, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, 4 + lms_sig - 4 - 5 * 32, 6, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, pub1 + 56 + lms_sig - 4 - 5 * 32, 10, CMSFW_BK_BAD_SIGNATURE);
    /* the level-1 key inside the signature: unknown, SHAKE, mixed widths */
    poke(&c, &c.sig, pub1, 99, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, pub1, 0, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, pub1, 15, CMSFW_BK_UNSUPPORTED);
    poke(&c, &c.sig, pub1 + 4, 9, CMSFW_BK_UNSUPPORTED);
    poke(&c, &c.sig, pub1, 10, CMSFW_BK_BAD_SIGNATURE);
    poke(&c, &c.sig, pub1 + 4, 17, CMSFW_BK_BAD_SIGNATURE);
    /* the top-level key's types */
    poke(&c, &c.pub, 4, 4, CMSFW_BK_BAD_KEY);
    poke(&c, &c.pub, 4, 25, CMSFW_BK_BAD_KEY);
    poke(&c, &c.pub, 4, 20, CMSFW_BK_UNSUPPORTED);
    poke(&c, &c.pub, 8, 13, CMSFW_BK_UNSUPPORTED);
    poke(&c, &c.pub, 8, 0, CMSFW_BK_BAD_KEY);
    poke(&c, &c.pub, 8, 5, CMSFW_BK_BAD_KEY); /* N24 under M32 */
    /* an H5/W8 key read as H10/W8: lengths no longer add up */
    poke(&c, &c.pub, 4, 6, CMSFW_BK_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
    free_case(&c);
}

/* --------------------------------------------------------------- keys */

static void
test_spki_forms(void)
{
    tcase c;
    tb_buf wrapped = load_der("pyasn1-rfc8708-hss-spki-octet-wrapped.der"), raw, bad;
    cmsfw_bk_key_info a, b;

    CU_ASSERT_FATAL(wrapped.ptr != NULL && load_case(2, &c));
    raw = spki_of(c.pub);
    CU_ASSERT_EQUAL(wrapped.len, 82);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(raw), &a), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(wrapped), &b), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(a.type, CMSFW_BK_KEY_HSS_LMS);
    CU_ASSERT_EQUAL(a.bits, 256);
    CU_ASSERT_EQUAL(b.type, a.type);
    CU_ASSERT_EQUAL(b.bits, a.bits);
    /* the same key: both verify test case 2 */
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(raw),
                                    tb_view(c.msg), tb_view(c.sig)),
                    CMSFW_BK_OK);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(wrapped),
                                    tb_view(c.msg), tb_view(c.sig)),
                    CMSFW_BK_OK);
    CU_ASSERT_EQUAL(memcmp(wrapped.ptr + 22, raw.ptr + 20, 60), 0);
    /* a wrapper whose length disagrees, and parameters present */
    wrapped.ptr[21] = 0x3b;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(wrapped), &b), CMSFW_BK_BAD_KEY);
    wrapped.ptr[21] = 0x3c;
    bad.len = raw.len + 2;
    bad.ptr = malloc(bad.len);
    CU_ASSERT_FATAL(bad.ptr != NULL);
    memcpy(bad.ptr, raw.ptr, raw.len);
    /* 30 50 30 0f 06 0b OID 05 00 03 3d 00 key */
    bad.ptr[1] = 0x50;
    bad.ptr[3] = 0x0f;
    memcpy(bad.ptr + 17, "\x05\x00", 2);
    memcpy(bad.ptr + 19, raw.ptr + 17, raw.len - 17);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(bad), &b), CMSFW_BK_BAD_KEY);
    /* a SHAKE256 key is recognised and unsupported */
    raw.ptr[20 + 7] = 15;
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(raw), &b), CMSFW_BK_UNSUPPORTED);
    CU_ASSERT_EQUAL(b.type, CMSFW_BK_KEY_HSS_LMS);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(raw),
                                    tb_view(c.msg), tb_view(c.sig)),
                    CMSFW_BK_UNSUPPORTED);
    tb_free(&bad);
    tb_free(&raw);
    tb_free(&wrapped);
    free_case(&c);
}

/* ---------------------------------------------------- DER for the tests */

/* One TLV at *p (< end): tag, contents, and the whole TLV. */
static int
tlv(const uint8_t **p, const uint8_t *end, uint8_t *tag, cmsfw_bytes *val, cmsfw_bytes *whole)
{
    const uint8_t *q = *p;
    size_t len, n;

    if (end - q < 2)
        return 0;
    *tag = q[0];
    len = q[1];
    q += 2;
    if (len & 0x80) {
        n = len & 0x7f;
        if (n == 0 || n > 3 || (size_t)(end - q) < n)
            return 0;
        for (len = 0; n > 0; n--)
            len = (len << 8) | *q++;
    }
    if ((size_t)(end - q) < len)
        return 0;
    val->ptr = q;
    val->len = len;
    whole->ptr = *p;
    whole->len = (size_t)(q + len - *p);
    *p = q + len;
    return 1;
}

/* The @i-th (0-based) element of the constructed value @v. */
static int
child(cmsfw_bytes v, int i, uint8_t *tag, cmsfw_bytes *val, cmsfw_bytes *whole)
{
    const uint8_t *p = v.ptr, *end = v.ptr + v.len;

    do {
        if (!tlv(&p, end, tag, val, whole))
            return 0;
    } while (i-- > 0);
    return 1;
}

static void
test_rfc9802_certificate(void)
{
    tb_buf der = load_der("rfc9802-hss-certificate.der");
    cmsfw_bytes cert, tbs, tbs_whole, alg, sig, spki, issuer, subject, w, v;
    cmsfw_bk_key_info info;
    uint8_t tag;
    int off;

    CU_ASSERT_FATAL(der.ptr != NULL);
    CU_ASSERT_FATAL(child(tb_view(der), 0, &tag, &cert, &w) && tag == 0x30);
    CU_ASSERT_FATAL(child(cert, 0, &tag, &tbs, &tbs_whole) && tag == 0x30);
    CU_ASSERT_FATAL(child(cert, 1, &tag, &alg, &w) && tag == 0x30);
    CU_ASSERT_FATAL(child(cert, 2, &tag, &sig, &w) && tag == 0x03 && sig.ptr[0] == 0);
    /* id-alg-hss-lms-hashsig, parameters absent */
    CU_ASSERT_EQUAL(alg.len, 13);
    CU_ASSERT_EQUAL(memcmp(alg.ptr, spki_head + 4, 13), 0);
    off = tbs.ptr[0] == 0xa0 ? 1 : 0; /* version [0] */
    CU_ASSERT_FATAL(child(tbs, off + 2, &tag, &v, &issuer));
    CU_ASSERT_FATAL(child(tbs, off + 4, &tag, &v, &subject));
    CU_ASSERT_FATAL(child(tbs, off + 5, &tag, &v, &spki) && tag == 0x30);
    /* self-signed: issuer = subject, and its own key verifies it */
    CU_ASSERT_EQUAL(issuer.len, subject.len);
    CU_ASSERT_EQUAL(memcmp(issuer.ptr, subject.ptr, issuer.len), 0);
    CU_ASSERT_EQUAL(cmsfw_bk_spki_info(spki, &info), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(info.type, CMSFW_BK_KEY_HSS_LMS);
    sig.ptr++;
    sig.len--;
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, spki, tbs_whole,
                                    sig),
                    CMSFW_BK_OK);
    tbs_whole.len--;
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, spki, tbs_whole,
                                    sig),
                    CMSFW_BK_BAD_SIGNATURE);
    tb_free(&der);
}

static void
test_rfc8708_signed_data(void)
{
    tb_buf der = load_der("pyasn1-rfc8708-hss-signed-data.der");
    tb_buf pub = load_hex("pyasn1-rfc8708-hss-signer-public-L1.hex"), spki, attrs;
    cmsfw_bytes ci, sd, sd_seq, infos = {NULL, 0}, si, w, v, a, sig;
    uint8_t tag;
    int i;

    CU_ASSERT_FATAL(der.ptr != NULL && pub.ptr != NULL);
    CU_ASSERT_FATAL(child(tb_view(der), 0, &tag, &ci, &w) && tag == 0x30);
    CU_ASSERT_FATAL(child(ci, 1, &tag, &sd, &w) && tag == 0xa0);
    CU_ASSERT_FATAL(child(sd, 0, &tag, &sd_seq, &w) && tag == 0x30);
    /* signerInfos: the last SET of SignedData */
    for (i = 0; child(sd_seq, i, &tag, &v, &w); i++)
        if (tag == 0x31)
            infos = v;
    CU_ASSERT_FATAL(child(infos, 0, &tag, &si, &w) && tag == 0x30);
    CU_ASSERT_FATAL(child(si, 3, &tag, &v, &a) && tag == 0xa0);
    CU_ASSERT_FATAL(child(si, 5, &tag, &sig, &w) && tag == 0x04);
    /* the signature covers DER(signedAttrs) with the SET OF tag */
    attrs.len = a.len;
    attrs.ptr = malloc(a.len);
    CU_ASSERT_FATAL(attrs.ptr != NULL);
    memcpy(attrs.ptr, a.ptr, a.len);
    attrs.ptr[0] = 0x31;
    spki = spki_of(pub);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(spki),
                                    tb_view(attrs), sig),
                    CMSFW_BK_OK);
    attrs.ptr[0] = 0xa0;
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_HSS_LMS, CMSFW_BK_HASH_NONE, tb_view(spki),
                                    tb_view(attrs), sig),
                    CMSFW_BK_BAD_SIGNATURE);
    tb_free(&attrs);
    tb_free(&spki);
    tb_free(&pub);
    tb_free(&der);
}

/* ------------------------------------------------- other parameter sets */

static void
test_signer_sets(void)
{
    static const tls_level m24[] = {{10, 7, 3}};           /* M24 H5 / N24 W4 */
    static const tls_level mixed[] = {{6, 2, 1000}, {12, 8, 17}, {5, 1, 31}};
    static const tls_level eight[] = {{5, 4, 0}, {5, 4, 1}, {5, 4, 2}, {5, 4, 3},
                                      {5, 4, 4}, {5, 4, 5}, {5, 4, 6}, {5, 4, 31}};
    const uint8_t text[] = "firmware";
    cmsfw_bytes msg = tb_bytes(text, sizeof text - 1);
    tcase c;
    unsigned bits = 0;

    CU_ASSERT_FATAL(tls_hss_sign(m24, 1, 1, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    CU_ASSERT_EQUAL(c.pub.len, 4 + 24 + 24);
    CU_ASSERT_EQUAL(cmsfw_bk_hss_check_public(tb_view(c.pub), &bits), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(bits, 192);
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
    flip_sample(&c, &c.sig, 5);
    free_case(&c);

    CU_ASSERT_FATAL(tls_hss_sign(mixed, 3, 2, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
    flip_sample(&c, &c.sig, 97);
    free_case(&c);

    CU_ASSERT_FATAL(tls_hss_sign(eight, 8, 3, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_OK);
    c.msg.ptr[7] ^= 1;
    CU_ASSERT_EQUAL(hss(c.pub, c.msg, c.sig), CMSFW_BK_BAD_SIGNATURE);
    free_case(&c);
}

/* --------------------------------------------------------------- speed */

static double
now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Verifications per second over about a quarter of a second. */
static void
rate(const char *label, tcase *c)
{
    double t0 = now(), t;
    unsigned n = 0, ok = 0;

    do {
        ok += hss(c->pub, c->msg, c->sig) == CMSFW_BK_OK;
        n++;
        t = now() - t0;
    } while (t < 0.25);
    CU_ASSERT_EQUAL(ok, n);
    printf("\n  HSS/LMS %-34s %zu-octet signature: %8.0f verifications/s (%s)", label,
           c->sig.len, n / t, cmsfw_bk_name());
}

/* Timings are a measurement, not a test: printed only when
 * CMSFW_LMS_SPEED is set (CMSFW_LMS_SPEED=1 tests/test_backend_lms). */
static void
test_speed(void)
{
    static const tls_level h10w8[] = {{6, 4, 517}};
    static const tls_level h20w4[] = {{8, 3, 700001}};
    const uint8_t text[] = "firmware";
    cmsfw_bytes msg = tb_bytes(text, sizeof text - 1);
    tcase c;
    int n;

    if (getenv("CMSFW_LMS_SPEED") == NULL)
        return;

    for (n = 1; n <= 2; n++) {
        CU_ASSERT_FATAL(load_case(n, &c));
        rate(n == 1 ? "RFC 8554 TC1 (L=2 H5/W8, H5/W8)" : "RFC 8554 TC2 (L=2 H10/W4, H5/W8)",
             &c);
        free_case(&c);
    }
    CU_ASSERT_FATAL(tls_hss_sign(h10w8, 1, 4, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    rate("test signer L=1 H10/W8", &c);
    free_case(&c);
    CU_ASSERT_FATAL(tls_hss_sign(h20w4, 1, 5, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    rate("test signer L=1 H20/W4", &c);
    free_case(&c);
    printf("\n");
}

static CU_TestInfo lms_tests[] = {
    {"RFC 8554 test cases 1 and 2 verify", test_rfc8554_cases},
    {"single-bit flips of signature, key, message fail", test_bit_flips},
    {"truncated and extended signatures are refused", test_lengths},
    {"Nspk, L, q and the type codes are checked", test_fields},
    {"raw and OCTET STRING-wrapped SPKI are one key", test_spki_forms},
    {"RFC 9802 certificate self-signature", test_rfc9802_certificate},
    {"RFC 8708 example SignedData signature", test_rfc8708_signed_data},
    {"M24, mixed and 8-level keys from the test signer", test_signer_sets},
    {"verification speed (with CMSFW_LMS_SPEED set)", test_speed},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"hss-lms", NULL, NULL, NULL, NULL, lms_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
