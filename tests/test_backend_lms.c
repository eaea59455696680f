/*
 * test_backend_lms.c: HSS/LMS verification (backends/lms.c) through
 * cmsfw_bk_verify() and the internal entry points. The RFC 8554 test cases
 * 1 and 2, the RFC 8708/9708 example SignedData (pyasn1-modules) and the
 * RFC 9802 example certificate, all in vectors/published/; signatures of
 * other parameter sets come from the test-only signer
 * (test_lms_signer.c). The incremental verifier (cmsfw_bk_hss_stream_*)
 * is held to the one-shot's status at every split of TC1 and TC2 and of
 * mutated signatures. With CMSFW_LMS_SPEED set, also prints verification
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
    c->pub = tb_load_published_hex(name);
    snprintf(name, sizeof name, "rfc8554-tc%d-hss-signature.hex", n);
    c->sig = tb_load_published_hex(name);
    snprintf(name, sizeof name, "rfc8554-tc%d-message.hex", n);
    c->msg = tb_load_published_hex(name);
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
    tb_buf pub = tb_load_published_hex("pyasn1-rfc8708-hss-signer-public-L1.hex"), spki, attrs;
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

/* ------------------------------------------------ incremental verifier */

/* The incremental verifier over @p sig: in pieces of @p step octets, or
 * when @p step is 0 in two pieces cut at @p cut; a lent buffer of
 * @p hold_size octets. *held: what it used of that buffer. */
static cmsfw_bk_status
stream(const tcase *c, cmsfw_bytes sig, size_t step, size_t cut, size_t hold_size, size_t *held)
{
    cmsfw_bk_hss_stream s;
    uint8_t *hold = hold_size > 0 ? malloc(hold_size) : NULL;
    size_t off, n;
    cmsfw_bk_status st;

    CU_ASSERT_FATAL(hold_size == 0 || hold != NULL);
    cmsfw_bk_hss_stream_init(&s, tb_view(c->pub), tb_view(c->msg), hold, hold_size);
    if (step == 0) {
        cmsfw_bk_hss_stream_update(&s, sig.ptr, cut);
        cmsfw_bk_hss_stream_update(&s, sig.ptr + cut, sig.len - cut);
    }
    for (off = 0; step > 0 && off < sig.len; off += n) {
        n = sig.len - off < step ? sig.len - off : step;
        cmsfw_bk_hss_stream_update(&s, sig.ptr + off, n);
    }
    if (held != NULL)
        *held = cmsfw_bk_hss_stream_held(&s);
    st = cmsfw_bk_hss_stream_final(&s);
    free(hold);
    return st;
}

static uint32_t
get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The longest LMS signature of the upper levels of a valid signature. */
static size_t
hold_need(const tcase *c)
{
    const uint8_t *k = c->pub.ptr + 4, *p = c->sig.ptr + 4;
    uint32_t levels = get32(c->pub.ptr), i;
    size_t len, most = 0;

    for (i = 0; i + 1 < levels; i++) {
        len = cmsfw_bk_lms_sig_len(get32(k), get32(k + 4));
        most = len > most ? len : most;
        k = p + len;                                  /* the key it signs follows */
        p = k + 8 + 16 + (get32(k) >= 10 ? 24 : 32); /* m of LMS types 10..14: 24 */
    }
    return most;
}

/* Every split of @p sig (or every @p stride-th one and those near both
 * ends) gives @p want, and so does feeding it octet by octet. */
/* Under memcheck every split takes minutes: CMSFW_TEST_SPLIT_STRIDE
 * (make check-valgrind) raises the smallest stride between them. */
static size_t
least_stride(void)
{
    const char *v = getenv("CMSFW_TEST_SPLIT_STRIDE");
    long n = v != NULL ? strtol(v, NULL, 10) : 1;

    return n > 1 ? (size_t)n : 1;
}

static void
splits_give(const tcase *c, cmsfw_bytes sig, size_t stride, cmsfw_bk_status want)
{
    size_t cut, bad = 0, tried = 0;

    if (stride < least_stride())
        stride = least_stride();
    CU_ASSERT_EQUAL(stream(c, sig, 1, 0, CMSFW_BK_LMS_SIG_MAX, NULL), want);
    for (cut = 0; cut <= sig.len; cut += (cut < 9 || cut + 9 > sig.len) ? 1 : stride) {
        bad += stream(c, sig, 0, cut, CMSFW_BK_LMS_SIG_MAX, NULL) != want;
        tried++;
    }
    CU_ASSERT_EQUAL(bad, 0);
    CU_ASSERT_TRUE(tried > 0);
}

static void
test_stream_splits(void)
{
    static const size_t steps[] = {2, 3, 7, 32, 61, 1000, 5000};
    tcase c;
    size_t need, held = 0, i;
    int n;

    for (n = 1; n <= 2; n++) {
        CU_ASSERT_FATAL(load_case(n, &c));
        /* TC1: level 0 is H5/W8; TC2: H10/W4 (RFC 8554 appendix F) */
        need = hold_need(&c);
        CU_ASSERT_EQUAL(need, n == 1 ? 12 + 32 * 35 + 32 * 5 : 12 + 32 * 68 + 32 * 10);
        splits_give(&c, tb_view(c.sig), 1, CMSFW_BK_OK);
        for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
            CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), steps[i], 0, need, NULL), CMSFW_BK_OK);
        /* exactly one level's signature is held, never more */
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, need, &held), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(held, need);
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, need - 1, NULL), CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, 0, NULL), CMSFW_BK_BAD_INPUT);
        /* one piece needs no buffer: the upper level is read in place */
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), c.sig.len, 0, 0, &held), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(held, 0);
        /* with one, it is used however the signature is split */
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), c.sig.len, 0, need, &held), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(held, need);
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), c.sig.len, 0, need - 1, NULL),
                        CMSFW_BK_BAD_INPUT);
        /* the message is read when C of the bottom level arrives */
        c.msg.ptr[0] ^= 1;
        CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, need, NULL), CMSFW_BK_BAD_SIGNATURE);
        free_case(&c);
    }
}

/* A copy of @p b with @p extra octets more (zero) or fewer. */
static tb_buf
resized(tb_buf b, long extra)
{
    tb_buf r;

    r.len = (size_t)((long)b.len + extra);
    r.ptr = calloc(1, r.len + 1);
    CU_ASSERT_FATAL(r.ptr != NULL);
    memcpy(r.ptr, b.ptr, extra < 0 ? r.len : b.len);
    return r;
}

/* Mutated signatures: the incremental verdict is the one-shot's at every
 * tried split, whatever that verdict is. */
static void
test_stream_mutations(void)
{
    /* TC1 layout: Nspk, level 0 (1292), level-1 key (56), level 1 (1292) */
    static const size_t flips[] = {0, 3, 4, 7, 8, 11, 12, 40, 300, 1131, 1132, 1136, 1200,
                                   1295, 1296, 1300, 1304, 1320, 1347, 1348, 1352, 1400,
                                   2480, 2483, 2484, 2500, 2643};
    static const long sizes[] = {-2644, -2643, -2641, -2640, -2639, -1349, -1348, -1340,
                                 -1292, -1, 1, 7};
    tcase c;
    tb_buf m;
    cmsfw_bk_status st;
    size_t i, pub1 = 4 + 1292;
    unsigned unsupported = 0, bad = 0;

    CU_ASSERT_FATAL(load_case(1, &c));
    CU_ASSERT_EQUAL(c.sig.len, 2644);
    for (i = 0; i < sizeof flips / sizeof flips[0]; i++) {
        c.sig.ptr[flips[i]] ^= 0x10;
        st = hss(c.pub, c.msg, c.sig);
        bad += st == CMSFW_BK_BAD_SIGNATURE;
        splits_give(&c, tb_view(c.sig), 331, st);
        c.sig.ptr[flips[i]] ^= 0x10;
    }
    CU_ASSERT_EQUAL(bad, sizeof flips / sizeof flips[0]);
    for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        m = resized(c.sig, sizes[i]);
        st = hss(c.pub, c.msg, m);
        CU_ASSERT_EQUAL(st, CMSFW_BK_BAD_SIGNATURE);
        splits_give(&c, tb_view(m), 331, st);
        tb_free(&m);
    }
    /* wrong Nspk; a SHAKE level-1 key after a level 0 that fails (the
     * malformation wins, as in the one-shot); then trailing octets after
     * a bottom level that fails */
    m = resized(c.sig, 1);
    set_u32(m.ptr, 2);
    splits_give(&c, tb_view(m), 331, hss(c.pub, c.msg, m));
    set_u32(m.ptr, 1);
    m.ptr[100] ^= 1;
    set_u32(m.ptr + pub1, 15);
    st = hss(c.pub, c.msg, m);
    unsupported += st == CMSFW_BK_UNSUPPORTED;
    splits_give(&c, tb_view(m), 331, st);
    set_u32(m.ptr + pub1, 5);
    m.ptr[2000] ^= 1;
    st = hss(c.pub, c.msg, m);
    bad += st == CMSFW_BK_BAD_SIGNATURE;
    splits_give(&c, tb_view(m), 331, st);
    tb_free(&m);
    CU_ASSERT_EQUAL(unsupported, 1);
    CU_ASSERT_EQUAL(bad, sizeof flips / sizeof flips[0] + 1);
    free_case(&c);
}

/* Keys of one and three levels from the test signer. */
static void
test_stream_levels(void)
{
    static const tls_level one[] = {{6, 4, 517}};
    static const tls_level three[] = {{5, 3, 7}, {5, 3, 30}, {5, 3, 1}};
    const uint8_t text[] = "firmware";
    cmsfw_bytes msg = tb_bytes(text, sizeof text - 1);
    tcase c;
    size_t held = 1, need;

    /* L = 1: no buffer at all, any split */
    CU_ASSERT_FATAL(tls_hss_sign(one, 1, 4, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    CU_ASSERT_EQUAL(hold_need(&c), 0);
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, 0, &held), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(held, 0);
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 0, 777, 0, NULL), CMSFW_BK_OK);
    c.sig.ptr[777] ^= 4;
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 3, 0, 0, NULL), CMSFW_BK_BAD_SIGNATURE);
    free_case(&c);

    /* L = 3, H5/W4 throughout: one level's signature held at a time */
    CU_ASSERT_FATAL(tls_hss_sign(three, 3, 6, msg, &c.pub, &c.sig) == 0);
    c.msg = tb_hex("6669726d77617265");
    need = hold_need(&c);
    CU_ASSERT_EQUAL(need, 12 + 32 * 68 + 32 * 5);
    CU_ASSERT_EQUAL(cmsfw_bk_lms_sig_len(5, 3), need);
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, need, &held), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(held, need);
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 100, 0, need, NULL), CMSFW_BK_OK);
    splits_give(&c, tb_view(c.sig), 211, CMSFW_BK_OK);
    c.sig.ptr[4 + need + 56 + 50] ^= 1; /* level 1's C */
    CU_ASSERT_EQUAL(stream(&c, tb_view(c.sig), 1, 0, need, NULL), CMSFW_BK_BAD_SIGNATURE);
    free_case(&c);
    /* lengths of the parameter sets, and none for a mixed or SHAKE pair */
    CU_ASSERT_EQUAL(cmsfw_bk_lms_sig_len(6, 4), 1452);
    CU_ASSERT_EQUAL(cmsfw_bk_lms_sig_len(9, 1), CMSFW_BK_LMS_SIG_MAX);
    CU_ASSERT_EQUAL(cmsfw_bk_lms_sig_len(5, 5), 0);
    CU_ASSERT_EQUAL(cmsfw_bk_lms_sig_len(15, 9), 0);
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
    {"incremental: every split of RFC 8554 TC1 and TC2", test_stream_splits},
    {"incremental: mutated signatures as the one-shot", test_stream_mutations},
    {"incremental: one and three levels, the lent buffer", test_stream_levels},
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
