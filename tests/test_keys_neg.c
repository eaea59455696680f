/*
 * test_keys_neg.c: the key loader against hostile input: cut and damaged
 * PEM, bad base64, wrong labels, DER garbage, every truncation and every
 * single-bit flip of a certificate, hand-built certificates that break one
 * rule each; also the PEM codec and the argument and I/O errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "cu_main.h"
#include "test_keys.h"

static uint8_t *
dup_exact(const uint8_t *p, size_t n)
{
    uint8_t *q = malloc(n > 0 ? n : 1);

    if (q != NULL && n > 0)
        memcpy(q, p, n);
    return q;
}

/* Load text from memory (exact-size copy); returns the status and leaves
 * the message in *d. */
static cmsfw_err
load_text(const char *text, size_t n, cmsfw_key_kind want, cmsfw_diag *d)
{
    uint8_t *buf = dup_exact((const uint8_t *)text, n);
    cmsfw_key k;
    cmsfw_err e;

    memset(d, 0, sizeof(*d));
    e = cmsfw_key_load(&k, buf, n, want, 0, d);
    if (e == CMSFW_OK) {
        CU_ASSERT(keys_test_views_inside(&k));
    }
    cmsfw_key_free(&k);
    free(buf);
    return e;
}

static void
expect_refused(const char *text, const char *why)
{
    cmsfw_diag d;
    cmsfw_err e = load_text(text, strlen(text), CMSFW_KEY_ANY, &d);

    CU_ASSERT_EQUAL(e, CMSFW_DECODE_FAILURE);
    if (e != CMSFW_DECODE_FAILURE || strstr(d.msg, why) == NULL)
        fprintf(stderr, "\n  input '%.60s...': got %d '%s', want '%s'\n", text, (int)e, d.msg, why);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, why));
}

#define ED_BEGIN "-----BEGIN PUBLIC KEY-----\n"
#define ED_END "-----END PUBLIC KEY-----\n"
#define ED_B64 "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE="

static void
test_pem_base64(void)
{
    cmsfw_diag d;

    /* the RFC 8410 example key, and the same with white space inside */
    CU_ASSERT_EQUAL(load_text(ED_BEGIN ED_B64 "\n" ED_END, strlen(ED_BEGIN ED_B64 "\n" ED_END),
                              CMSFW_KEY_PUBLIC, &d),
                    CMSFW_OK);
    CU_ASSERT_EQUAL(load_text(ED_BEGIN "MCowBQYDK2Vw AyEAGb9E\tCWmEzf6FQbrB\r\nZ9w7lshQhqowtrbLDFw4"
                                       "rXAxZuE=\r\n" ED_END,
                              strlen(ED_BEGIN "MCowBQYDK2Vw AyEAGb9E\tCWmEzf6FQbrB\r\nZ9w7lshQhqowt"
                                              "rbLDFw4rXAxZuE=\r\n" ED_END),
                              CMSFW_KEY_ANY, &d),
                    CMSFW_OK);
    expect_refused(ED_BEGIN "MCowBQYDK2Vw!yEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n" ED_END,
                   "invalid character 0x21");
    expect_refused(ED_BEGIN "MCowBQYDK2Vw.yEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n" ED_END,
                   "invalid character");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE\n" ED_END,
                   "missing padding");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE==\n" ED_END,
                   "misplaced padding");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyE=Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n" ED_END,
                   "padding");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuF=\n" ED_END,
                   "non-zero bits");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZu=\n" ED_END,
                   "base64");
    expect_refused(ED_BEGIN "Proc-Type: 4,ENCRYPTED\n\n" ED_B64 "\n" ED_END, "header lines");
    expect_refused(ED_BEGIN ED_END, "empty PEM block");
    expect_refused(ED_BEGIN "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZu\n==\n" ED_END,
                   "base64");
}

/* Decode the one block of a PEM text into out[4]. */
static cmsfw_err
dec(const char *text, uint8_t *out, size_t *w)
{
    return cmsfw_pem_decode_into((const uint8_t *)text, strlen(text), "X", 0, out, 4, w, NULL);
}

#define X_BEGIN "-----BEGIN X-----\n"
#define X_END "\n-----END X-----\n"

/* The last quantum: its unused bits are zero, and nothing follows it. */
static void
test_base64_tail(void)
{
    uint8_t out[4];
    size_t w = 0;

    CU_ASSERT(dec(X_BEGIN "AA==" X_END, out, &w) == CMSFW_OK && w == 1 && out[0] == 0);
    CU_ASSERT(dec(X_BEGIN "AAE=" X_END, out, &w) == CMSFW_OK && w == 2 && out[1] == 1);
    CU_ASSERT(dec(X_BEGIN "AAAB" X_END, out, &w) == CMSFW_OK && w == 3 && out[2] == 1);
    CU_ASSERT_EQUAL(dec(X_BEGIN "AB==" X_END, out, &w), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(dec(X_BEGIN "AAB=" X_END, out, &w), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(dec(X_BEGIN "AAE=\nAA==" X_END, out, &w), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(dec(X_BEGIN "A===" X_END, out, &w), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(dec(X_BEGIN "AAA" X_END, out, &w), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(dec(X_BEGIN "AAAAA" X_END, out, &w), CMSFW_DECODE_FAILURE);
    /* a short buffer reports the size needed */
    CU_ASSERT(dec(X_BEGIN "AAAAAAAA" X_END, out, &w) == CMSFW_E_BUFFER && w == 6);
}

static void
test_pem_framing(void)
{
    expect_refused(ED_BEGIN ED_B64 "\n-----END CERTIFICATE-----\n", "END line does not match");
    expect_refused(ED_BEGIN ED_B64 "\n", "no END line");
    expect_refused(ED_BEGIN ED_B64 "\n" ED_BEGIN ED_B64 "\n" ED_END, "BEGIN line inside");
    expect_refused("-----BEGIN PUBLIC KEY", "malformed or cut BEGIN");
    expect_refused("-----BEGIN PUBLIC KEY-----", "malformed or cut BEGIN");
    expect_refused("-----BEGIN -----\n" ED_B64 "\n-----END -----\n", "malformed or cut BEGIN");
    expect_refused("-----BEGIN FOO-----\n" ED_B64 "\n-----END FOO-----\n", "no key or certificate");
    expect_refused("x-----BEGIN PUBLIC KEY-----\n" ED_B64 "\n" ED_END, "no key or certificate");
    /* a label that does not match the contents */
    expect_refused("-----BEGIN CERTIFICATE-----\n" ED_B64 "\n-----END CERTIFICATE-----\n",
                   "expected a certificate, found a public key");
    expect_refused("-----BEGIN PRIVATE KEY-----\n" ED_B64 "\n-----END PRIVATE KEY-----\n",
                   "PEM private key 0: expected a private key");
}

/* Every prefix of a PEM file that ends before its END line is refused. */
static void
check_pem_prefixes(const char *rel)
{
    blob b = keys_test_slurp(rel);
    const char *endl;
    size_t k, stop;
    cmsfw_diag d;

    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    b.data[b.len] = 0;
    endl = strstr((const char *)b.data, "-----END ");
    CU_ASSERT_PTR_NOT_NULL_FATAL(endl);
    stop = (size_t)(strstr(endl + 9, "-----") + 5 - (const char *)b.data);
    for (k = 0; k < stop; k++)
        CU_ASSERT_NOT_EQUAL(load_text((const char *)b.data, k, CMSFW_KEY_ANY, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(load_text((const char *)b.data, stop, CMSFW_KEY_ANY, &d), CMSFW_OK);
    free(b.data);
}

static void
test_pem_truncation(void)
{
    check_pem_prefixes(DATA "cert-ski.pem");
    check_pem_prefixes(DATA "ec-p256-priv.pem");
    check_pem_prefixes(DATA "ed25519-pub.pem");
}

/* Every prefix, and every single-bit flip, of a DER certificate. */
static void
check_der_damage(const char *rel)
{
    blob b = keys_test_slurp(rel);
    uint8_t *buf;
    size_t k;
    unsigned bit;
    cmsfw_key key;
    cmsfw_diag d;
    cmsfw_bytes v;

    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    for (k = 0; k < b.len; k++) {
        buf = dup_exact(b.data, k);
        CU_ASSERT_EQUAL(cmsfw_key_load(&key, buf, k, CMSFW_KEY_ANY, 0, &d),
                        CMSFW_DECODE_FAILURE);
        v.ptr = buf;
        v.len = k;
        CU_ASSERT_EQUAL(cmsfw_key_parse(&key, v, CMSFW_KEY_ANY, &d), CMSFW_DECODE_FAILURE);
        free(buf);
    }
    for (k = 0; k < b.len; k++) {
        for (bit = 0; bit < 8; bit++) {
            buf = dup_exact(b.data, b.len);
            buf[k] ^= (uint8_t)(1u << bit);
            v.ptr = buf;
            v.len = b.len;
            if (cmsfw_key_parse(&key, v, CMSFW_KEY_ANY, &d) == CMSFW_OK) {
                CU_ASSERT(keys_test_views_inside(&key) && key.der.ptr == buf);
            }
            free(buf);
        }
    }
    free(b.data);
}

static void
test_der_damage(void)
{
    check_der_damage(DATA "cert-ski.der");
    check_der_damage(DATA "ec-p256-priv.der");
    check_der_damage(PUB "rfc9802-hss-certificate.der");
}

static void
test_der_garbage(void)
{
    static const uint8_t seq_int[] = {0x30, 0x03, 0x02, 0x01, 0x00};
    static const uint8_t ber_spki[] = {0x30, 0x81, 0x07, 0x30, 0x05, 0x06, 0x03, 0x2B,
                                       0x65, 0x70, 0x03, 0x00};
    uint8_t junk[256], *buf;
    uint32_t x = 12345;
    size_t len, i, trial;
    cmsfw_key k;
    cmsfw_diag d;
    cmsfw_bytes v;
    blob b;

    for (trial = 0; trial < 200; trial++) {
        len = 1 + trial % sizeof(junk);
        for (i = 0; i < len; i++) {
            x = x * 1103515245u + 12345u;
            junk[i] = (uint8_t)(x >> 16);
        }
        if (trial % 2)
            junk[0] = 0x30;
        buf = dup_exact(junk, len);
        CU_ASSERT_NOT_EQUAL(cmsfw_key_load(&k, buf, len, CMSFW_KEY_ANY, 0, &d), CMSFW_OK);
        free(buf);
    }
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, seq_int, sizeof(seq_int), CMSFW_KEY_ANY, 0, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not a certificate, public key or private key"));
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, ber_spki, sizeof(ber_spki), CMSFW_KEY_ANY, 0, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "BER form"));
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, NULL, 0, CMSFW_KEY_ANY, 0, &d), CMSFW_DECODE_FAILURE);

    /* a public key BIT STRING with unused bits */
    b = keys_test_slurp(DATA "ed25519-pub.der");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    CU_ASSERT_EQUAL(b.data[11], 0x00);
    b.data[11] = 0x01;
    v.ptr = b.data;
    v.len = b.len;
    CU_ASSERT_EQUAL(cmsfw_key_parse(&k, v, CMSFW_KEY_ANY, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "whole number of octets"));
    free(b.data);

    /* a valid object followed by a stray byte */
    b = keys_test_slurp(DATA "ed25519-pub.der");
    CU_ASSERT_PTR_NOT_NULL_FATAL(b.data);
    buf = malloc(b.len + 1);
    memcpy(buf, b.data, b.len);
    buf[b.len] = 0x05;
    v.ptr = buf;
    v.len = b.len + 1;
    CU_ASSERT_EQUAL(cmsfw_key_parse(&k, v, CMSFW_KEY_ANY, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "1 bytes after the object"));
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, buf, b.len + 1, CMSFW_KEY_ANY, 0, &d),
                    CMSFW_DECODE_FAILURE);
    free(buf);
    free(b.data);
}

/* ------------------------------------------------ hand-built certificates */

/* Append a TLV with a one-octet identifier; returns the new length. */
static size_t
tlv(uint8_t *out, size_t at, uint8_t id, const uint8_t *v, size_t n)
{
    out[at++] = id;
    if (n >= 256) {
        out[at++] = 0x82;
        out[at++] = (uint8_t)(n >> 8);
    } else if (n >= 128) {
        out[at++] = 0x81;
    }
    out[at++] = (uint8_t)n;
    if (n > 0)
        memcpy(out + at, v, n);
    return at + n;
}

static size_t
cat(uint8_t *out, size_t at, const void *v, size_t n)
{
    if (n > 0)
        memcpy(out + at, v, n);
    return at + n;
}

/* An Extension { extnID, [critical], extnValue } with critical < 0: absent. */
static size_t
ext(uint8_t *out, size_t at, const uint8_t *oid, size_t oid_len, int critical,
    const uint8_t *val, size_t val_len)
{
    uint8_t body[128];
    size_t n = tlv(body, 0, 0x06, oid, oid_len);
    uint8_t b = (uint8_t)critical;

    if (critical >= 0)
        n = tlv(body, n, 0x01, &b, 1);
    n = tlv(body, n, 0x04, val, val_len);
    return tlv(out, at, 0x30, body, n);
}

/* A certificate: version (< 0: absent), fixed fields, then `tail` (the
 * optional [1] [2] [3] fields) at the end of tbsCertificate. */
static size_t
build_cert(uint8_t *out, int version, const uint8_t *tail, size_t tail_len)
{
    static const uint8_t alg[] = {0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70};
    static const uint8_t name[] = {0x30, 0x0C, 0x31, 0x0A, 0x30, 0x08, 0x06, 0x03,
                                   0x55, 0x04, 0x03, 0x0C, 0x01, 0x78};
    static const uint8_t validity[] = {0x30, 0x1E, 0x17, 0x0D, '2', '5', '0', '1', '0', '1',
                                       '0', '0', '0', '0', '0', '0', 'Z', 0x17, 0x0D, '3',
                                       '5', '0', '1', '0', '1', '0', '0', '0', '0', '0',
                                       '0', 'Z'};
    static const uint8_t spki[] = {0x30, 0x2A, 0x30, 0x05, 0x06, 0x03, 0x2B, 0x65, 0x70,
                                   0x03, 0x21, 0x00, 0x19, 0xBF, 0x44, 0x09, 0x69, 0x84,
                                   0xCD, 0xFE, 0x85, 0x41, 0xBA, 0xC1, 0x67, 0xDC, 0x3B,
                                   0x96, 0xC8, 0x50, 0x86, 0xAA, 0x30, 0xB6, 0xB6, 0xCB,
                                   0x0C, 0x5C, 0x38, 0xAD, 0x70, 0x31, 0x66, 0xE1};
    uint8_t tbs[512], body[600], sig[65];
    size_t n = 0, m;

    if (version >= 0) {
        uint8_t v[3] = {0x02, 0x01, (uint8_t)version};
        n = tlv(tbs, n, 0xA0, v, 3);
    }
    n = cat(tbs, n, "\x02\x02\x01\x02", 4);
    n = cat(tbs, n, alg, sizeof(alg));
    n = cat(tbs, n, name, sizeof(name));
    n = cat(tbs, n, validity, sizeof(validity));
    n = cat(tbs, n, name, sizeof(name));
    n = cat(tbs, n, spki, sizeof(spki));
    n = cat(tbs, n, tail, tail_len);
    m = tlv(body, 0, 0x30, tbs, n);
    m = cat(body, m, alg, sizeof(alg));
    memset(sig, 0x5A, sizeof(sig));
    sig[0] = 0;
    m = tlv(body, m, 0x03, sig, sizeof(sig));
    return tlv(out, 0, 0x30, body, m);
}

/* [3] { SEQUENCE { exts } } around n bytes of Extension encodings. */
static size_t
wrap_exts(uint8_t *out, const uint8_t *exts, size_t n)
{
    uint8_t seq[400];
    size_t m = tlv(seq, 0, 0x30, exts, n);

    return tlv(out, 0, 0xA3, seq, m);
}

static cmsfw_err
parse_built(int version, const uint8_t *tail, size_t tail_len, cmsfw_key *k, cmsfw_diag *d)
{
    static uint8_t cert[1024];
    size_t n = build_cert(cert, version, tail, tail_len);
    cmsfw_bytes v;

    v.ptr = cert;
    v.len = n;
    memset(d, 0, sizeof(*d));
    return cmsfw_key_parse(k, v, CMSFW_KEY_CERTIFICATE, d);
}

static void
test_built_certificates(void)
{
    static const uint8_t ski[] = {0x55, 0x1D, 0x0E};
    static const uint8_t bc[] = {0x55, 0x1D, 0x13};
    static const uint8_t kid[] = {0x04, 0x04, 0xDE, 0xAD, 0xBE, 0xEF};
    uint8_t e[300], tail[400];
    size_t n, t;
    cmsfw_key k;
    cmsfw_diag d;

    /* v3 with SKI and a critical basicConstraints: accepted */
    n = ext(e, 0, bc, sizeof(bc), 0xFF, (const uint8_t *)"\x30\x00", 2);
    n = ext(e, n, ski, sizeof(ski), -1, kid, sizeof(kid));
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_OK);
    CU_ASSERT(k.ski.len == 4 && memcmp(k.ski.ptr, "\xDE\xAD\xBE\xEF", 4) == 0);
    CU_ASSERT(k.cert_version == 3 && k.serial.len == 2 && k.public_key.len == 32);
    /* the same extensions in a v1 or v2 certificate */
    CU_ASSERT_EQUAL(parse_built(-1, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "not allowed in this version"));
    CU_ASSERT_EQUAL(parse_built(1, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    /* v2 with an issuerUniqueID; v1 without one */
    CU_ASSERT_EQUAL(parse_built(1, (const uint8_t *)"\x81\x02\x00\xAA", 4, &k, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(parse_built(-1, (const uint8_t *)"\x81\x02\x00\xAA", 4, &k, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(parse_built(-1, NULL, 0, &k, &d) == CMSFW_OK && k.cert_version == 1);
    /* version 4 does not exist */
    CU_ASSERT_EQUAL(parse_built(3, NULL, 0, &k, &d), CMSFW_DECODE_FAILURE);
    /* two SKI extensions */
    n = ext(e, 0, ski, sizeof(ski), -1, kid, sizeof(kid));
    n = ext(e, n, ski, sizeof(ski), -1, kid, sizeof(kid));
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "present twice"));
    /* SKI value: a BIT STRING, trailing bytes, empty key id */
    n = ext(e, 0, ski, sizeof(ski), -1, (const uint8_t *)"\x03\x02\x00\x01", 4);
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    n = ext(e, 0, ski, sizeof(ski), -1, (const uint8_t *)"\x04\x01\x01\x00", 4);
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    n = ext(e, 0, ski, sizeof(ski), -1, (const uint8_t *)"\x04\x00", 2);
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    /* critical that is not a DER BOOLEAN value */
    n = ext(e, 0, bc, sizeof(bc), 0x01, (const uint8_t *)"\x30\x00", 2);
    t = wrap_exts(tail, e, n);
    CU_ASSERT_EQUAL(parse_built(2, tail, t, &k, &d), CMSFW_DECODE_FAILURE);
    /* empty Extensions; fields out of order; an unknown trailing field */
    CU_ASSERT_EQUAL(parse_built(2, (const uint8_t *)"\xA3\x02\x30\x00", 4, &k, &d),
                    CMSFW_DECODE_FAILURE);
    n = ext(e, 0, bc, sizeof(bc), -1, (const uint8_t *)"\x30\x00", 2);
    t = wrap_exts(tail, e, n);
    memcpy(tail + t, "\x81\x02\x00\xAA", 4);
    CU_ASSERT_EQUAL(parse_built(2, tail, t + 4, &k, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(parse_built(2, (const uint8_t *)"\x05\x00", 2, &k, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "trailing element"));
}

/* ------------------------------------------------------------- PEM codec */

static void
test_pem_codec(void)
{
    blob der = keys_test_slurp(DATA "cert-ski.der"), pem = keys_test_slurp(DATA "cert-ski.pem");
    blob chain = keys_test_slurp(DATA "chain.pem"), ca = der;
    cmsfw_bytes v;
    uint8_t *out;
    size_t need = 0, w = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(der.data);
    CU_ASSERT_PTR_NOT_NULL_FATAL(pem.data);
    v.ptr = der.data;
    v.len = der.len;
    /* byte for byte what `openssl x509` writes */
    CU_ASSERT_EQUAL(cmsfw_pem_encode("CERTIFICATE", v, NULL, 0, &need), CMSFW_OK);
    CU_ASSERT_EQUAL(need, pem.len);
    out = malloc(need);
    CU_ASSERT_EQUAL(cmsfw_pem_encode("CERTIFICATE", v, out, need, &w), CMSFW_OK);
    CU_ASSERT(w == need && memcmp(out, pem.data, need) == 0);
    CU_ASSERT_EQUAL(cmsfw_pem_encode("CERTIFICATE", v, out, need - 1, &w), CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(w, need);
    CU_ASSERT_EQUAL(cmsfw_pem_encode("", v, NULL, 0, &w), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pem_encode("A-B", v, NULL, 0, &w), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pem_encode(" CMS", v, NULL, 0, &w), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_pem_encode("CMS", v, NULL, 0, NULL), CMSFW_E_ARG);
    free(out);

    /* decode the second certificate of the chain; size query first */
    CU_ASSERT_EQUAL(cmsfw_pem_decode_into(chain.data, chain.len, "CERTIFICATE", 1, NULL, 0, &need,
                                     NULL),
                    CMSFW_OK);
    CU_ASSERT_EQUAL(need, ca.len);
    out = malloc(need);
    CU_ASSERT_EQUAL(cmsfw_pem_decode_into(chain.data, chain.len, "CERTIFICATE", 1, out, need - 1, &w,
                                     NULL),
                    CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(w, need);
    CU_ASSERT_EQUAL(cmsfw_pem_decode_into(chain.data, chain.len, NULL, 1, out, need, &w, NULL),
                    CMSFW_OK);
    CU_ASSERT(w == ca.len && memcmp(out, ca.data, w) == 0);
    CU_ASSERT_EQUAL(cmsfw_pem_decode_into(chain.data, chain.len, "CERTIFICATE", 2, out, need, &w,
                                     NULL),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_pem_decode_into(chain.data, chain.len, "PUBLIC KEY", 0, out, need, &w, NULL),
                    CMSFW_DECODE_FAILURE);
    free(out);
    /* the allocating form */
    CU_ASSERT_EQUAL(cmsfw_pem_decode(chain.data, chain.len, "CERTIFICATE", 1, &out, &w, NULL),
                    CMSFW_OK);
    CU_ASSERT(w == ca.len && memcmp(out, ca.data, w) == 0);
    free(out);
    CU_ASSERT_EQUAL(cmsfw_pem_decode(chain.data, chain.len, "X", 0, &out, &w, NULL),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(out == NULL && w == 0);
    CU_ASSERT(cmsfw_pem_detect(chain.data, chain.len) && !cmsfw_pem_detect(der.data, der.len));
    CU_ASSERT(!cmsfw_pem_detect(NULL, 0) && !cmsfw_pem_detect((const uint8_t *)"-----BEGIN", 10));
    free(der.data);
    free(pem.data);
    free(chain.data);
}

/* ------------------------------------------------------ arguments and I/O */

static void
test_io_and_arguments(void)
{
    cmsfw_key k;
    cmsfw_diag d;
    size_t n = 7;
    cmsfw_bytes v = {NULL, 3};

    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, keys_test_path(DATA "no-such-file.pem"),
                                        CMSFW_KEY_ANY, 0, &d),
                    CMSFW_E_IO);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "no-such-file.pem"));
    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, keys_test_path(DATA), CMSFW_KEY_ANY, 0, &d),
                    CMSFW_E_IO);
    CU_ASSERT_EQUAL(cmsfw_key_count_file(keys_test_path(DATA "nope"), CMSFW_KEY_ANY, &n, &d),
                    CMSFW_E_IO);
    CU_ASSERT_EQUAL(n, 0);
    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, NULL, CMSFW_KEY_ANY, 0, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_key_load(NULL, (const uint8_t *)"x", 1, CMSFW_KEY_ANY, 0, &d),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, NULL, 1, CMSFW_KEY_ANY, 0, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, (const uint8_t *)"x", 1, (cmsfw_key_kind)9, 0, &d),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_key_count((const uint8_t *)"x", 1, CMSFW_KEY_ANY, NULL, &d),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_key_parse(&k, v, CMSFW_KEY_ANY, &d), CMSFW_E_ARG);
    /* a diag is optional everywhere */
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, (const uint8_t *)"\x30\x00", 2, CMSFW_KEY_ANY, 0, NULL),
                    CMSFW_DECODE_FAILURE);
    /* free is safe on zeroed, freed and NULL keys */
    memset(&k, 0, sizeof(k));
    cmsfw_key_free(&k);
    cmsfw_key_free(&k);
    cmsfw_key_free(NULL);
    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, keys_test_path(DATA "ed25519-priv.pem"),
                                        CMSFW_KEY_ANY, 0, &d),
                    CMSFW_OK);
    CU_ASSERT_PTR_NOT_NULL(k.priv_buf);
    cmsfw_key_free(&k);
    CU_ASSERT(k.priv_buf == NULL && k.private_key.ptr == NULL);
    cmsfw_key_free(&k);
    CU_ASSERT_STRING_EQUAL(cmsfw_key_kind_name(CMSFW_KEY_CERTIFICATE), "certificate");
}

/* A file over CMSFW_KEY_FILE_MAX is refused, one at the limit is read. */
static void
test_file_size_limit(void)
{
    static const char *const name = "test_keys_big.tmp";
    static char chunk[4096];
    cmsfw_key k;
    cmsfw_diag d;
    size_t i, n = 99;
    FILE *f;

    memset(chunk, ' ', sizeof(chunk));
    f = fopen(name, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    for (i = 0; i < CMSFW_KEY_FILE_MAX / sizeof(chunk); i++)
        fwrite(chunk, 1, sizeof(chunk), f);
    fclose(f);
    /* exactly the limit: read, then found to hold nothing */
    CU_ASSERT(cmsfw_key_count_file(name, CMSFW_KEY_ANY, &n, &d) == CMSFW_DECODE_FAILURE &&
              strstr(d.msg, "larger than") == NULL);
    f = fopen(name, "ab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputc(' ', f);
    fclose(f);
    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, name, CMSFW_KEY_ANY, 0, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, "larger than"));
    remove(name);
}

CU_TestInfo keys_negative_tests[] = {
    {"strict base64", test_pem_base64},
    {"base64 padding and unused bits", test_base64_tail},
    {"PEM framing and labels", test_pem_framing},
    {"every cut of a PEM file", test_pem_truncation},
    {"every cut and bit flip of DER objects", test_der_damage},
    {"DER garbage", test_der_garbage},
    {"hand-built certificates breaking one rule", test_built_certificates},
    {"PEM encode and decode", test_pem_codec},
    {"I/O errors and bad arguments", test_io_and_arguments},
    {"file size limit", test_file_size_limit},
    CU_TEST_INFO_NULL,
};
