/*
 * codec_neg.h: what the hostile-input tests of the RFC 4108 codec share
 * (test_codec_negative.c, test_codec_crafted.c): one table of every
 * decoder and encoder of cmsfw/fw.h behind a common signature, the check
 * applied to each hostile input, and a small DER writer for hand-made input.
 */
#ifndef CMSFW_TESTS_CODEC_NEG_H
#define CMSFW_TESTS_CODEC_NEG_H

#include <cmsfw/fw.h>
#include <cmsfw/oid.h>

#include <stdlib.h>
#include <string.h>

#include "tests/cu_main.h"

/* ------------------------------------------------------- codec table */

typedef struct codec_ops {
    const char *name;
    size_t size; /* of the value struct */
    cmsfw_err (*decode)(void *out, const uint8_t *der, size_t len, cmsfw_diag *diag);
    cmsfw_err (*encode)(const void *in, uint8_t *out, size_t out_len, size_t *written,
                        cmsfw_diag *diag);
    void (*release)(void *v);
} codec_ops;

/* The typed functions of type T behind the common signatures. */
#define OPS(T)                                                                                 \
    static inline cmsfw_err dec_##T(void *out, const uint8_t *der, size_t len,                \
                                    cmsfw_diag *diag)                                          \
    {                                                                                          \
        return cmsfw_##T##_decode((cmsfw_##T *)out, der, len, diag);                           \
    }                                                                                          \
    static inline cmsfw_err enc_##T(const void *in, uint8_t *out, size_t out_len,             \
                                    size_t *written, cmsfw_diag *diag)                         \
    {                                                                                          \
        return cmsfw_##T##_encode((const cmsfw_##T *)in, out, out_len, written, diag);        \
    }                                                                                          \
    static inline void rel_##T(void *v) { cmsfw_##T##_free((cmsfw_##T *)v); }
OPS(pkg_id)
OPS(pkg_name)
OPS(oid_list)
OPS(communities)
OPS(pkg_info)
OPS(fw_digest)
OPS(hw_module_name)
OPS(wrapped_key)
OPS(receipt)
OPS(error_report)
#undef OPS

static inline cmsfw_err
dec_othername(void *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    return cmsfw_hw_module_othername_decode((cmsfw_hw_module_name *)out, der, len, diag);
}

static inline cmsfw_err
enc_othername(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_hw_module_othername_encode((const cmsfw_hw_module_name *)in, out, out_len,
                                            written, diag);
}

static inline cmsfw_err
dec_octets(void *out, const uint8_t *der, size_t len, cmsfw_diag *diag)
{
    return cmsfw_octets_decode((cmsfw_bytes *)out, der, len, diag);
}

static inline cmsfw_err
enc_octets(const void *in, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *diag)
{
    return cmsfw_octets_encode(*(const cmsfw_bytes *)in, out, out_len, written, diag);
}

static inline void
rel_none(void *v)
{
    (void)v;
}

static const codec_ops codec_table[] = {
    { "pkg_id", sizeof(cmsfw_pkg_id), dec_pkg_id, enc_pkg_id, rel_pkg_id },
    { "pkg_name", sizeof(cmsfw_pkg_name), dec_pkg_name, enc_pkg_name, rel_pkg_name },
    { "oid_list", sizeof(cmsfw_oid_list), dec_oid_list, enc_oid_list, rel_oid_list },
    { "communities", sizeof(cmsfw_communities), dec_communities, enc_communities,
      rel_communities },
    { "pkg_info", sizeof(cmsfw_pkg_info), dec_pkg_info, enc_pkg_info, rel_pkg_info },
    { "fw_digest", sizeof(cmsfw_fw_digest), dec_fw_digest, enc_fw_digest, rel_fw_digest },
    { "hw_module_name", sizeof(cmsfw_hw_module_name), dec_hw_module_name, enc_hw_module_name,
      rel_hw_module_name },
    { "hw_module_othername", sizeof(cmsfw_hw_module_name), dec_othername, enc_othername,
      rel_none },
    { "wrapped_key", sizeof(cmsfw_wrapped_key), dec_wrapped_key, enc_wrapped_key,
      rel_wrapped_key },
    { "receipt", sizeof(cmsfw_receipt), dec_receipt, enc_receipt, rel_receipt },
    { "error_report", sizeof(cmsfw_error_report), dec_error_report, enc_error_report,
      rel_error_report },
    { "octets", sizeof(cmsfw_bytes), dec_octets, enc_octets, rel_none },
};
#define N_CODECS (sizeof codec_table / sizeof codec_table[0])

/* 1.3.6.1.4.1.32473 (RFC 5612 documentation PEN) .1.1 and .2.1 */
#define PEN_ARCS 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59
static const uint8_t oid_hw[] = { PEN_ARCS, 0x01, 0x01 };
static const uint8_t oid_pkg[] = { PEN_ARCS, 0x02, 0x01 };
static const uint8_t filler[64] = { 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04, 0x52, 0x31 };

/* ------------------------------------------------------------ helpers */

/* Largest value struct, for decoding into aligned storage of any type. */
typedef union any_value {
    cmsfw_pkg_id a;
    cmsfw_communities b;
    cmsfw_pkg_info c;
    cmsfw_fw_digest d;
    cmsfw_wrapped_key e;
    cmsfw_receipt f;
    cmsfw_error_report g;
    cmsfw_bytes h;
} any_value;

static const any_value zero_value;

/* Encode into a fresh heap block of exactly the right size. */
static inline uint8_t *
encode_alloc(const codec_ops *c, const void *v, size_t *len, cmsfw_err *rc)
{
    size_t need = 0, got = 0;
    uint8_t *buf;

    *rc = c->encode(v, NULL, 0, &need, NULL);
    if (*rc != CMSFW_OK)
        return NULL;
    buf = malloc(need ? need : 1);
    if (buf == NULL) {
        *rc = CMSFW_E_NOMEM;
        return NULL;
    }
    *rc = c->encode(v, buf, need, &got, NULL);
    if (*rc == CMSFW_OK && got != need)
        *rc = CMSFW_E_STATE;
    if (*rc != CMSFW_OK) {
        free(buf);
        return NULL;
    }
    *len = got;
    return buf;
}

/* The encoder may refuse a value the decoder accepts only where fw.h says
 * so: an error code RFC 4108 does not assign, otherError without a vendor
 * code, an empty FirmwarePackageInfo or an empty dependencies list. */
static inline int
encoder_may_refuse(const codec_ops *c, const void *v)
{
    if (c->decode == dec_error_report) {
        const cmsfw_error_report *e = v;
        if (e->error_code < 0 || e->error_code > 99 || !cmsfw_err_is_rfc((int)e->error_code))
            return 1;
        return e->error_code == CMSFW_OTHER_ERROR && !e->has_vendor_code;
    }
    if (c->decode == dec_pkg_info) {
        const cmsfw_pkg_info *p = v;
        return (!p->has_type && !p->has_deps) || (p->has_deps && p->n_deps == 0);
    }
    return 0;
}

static unsigned long n_decodes, n_accepted;

/*
 * fw.h lets receipts and error reports arrive with the DEFAULT version
 * written out (02 01 01), re-encoded without it: 1 when @p der is such a
 * value and @p again is @p der without those three octets.
 */
static inline int
is_v1_dropped(const codec_ops *c, const uint8_t *der, size_t len, const uint8_t *again,
              size_t n2)
{
    static const uint8_t v1[] = { 0x02, 0x01, 0x01 };
    size_t hdr, hdr2;

    if ((c->decode != dec_receipt && c->decode != dec_error_report) || len < 5 || n2 < 2)
        return 0;
    hdr = der[1] < 0x80 ? 2 : 2 + (der[1] & 0x7fu);
    hdr2 = again[1] < 0x80 ? 2 : 2 + (again[1] & 0x7fu);
    return hdr + 3 <= len && memcmp(der + hdr, v1, 3) == 0 && n2 - hdr2 == len - hdr - 3 &&
           memcmp(again + hdr2, der + hdr + 3, n2 - hdr2) == 0;
}

/* Describe a failed expectation on stderr (the first 40 of them), with
 * the input in hex, so that a failure can be replayed. */
static unsigned int n_shown;

static inline void
show(const codec_ops *c, const char *what, const uint8_t *der, size_t len, const char *detail)
{
    size_t i;

    if (n_shown++ >= 40)
        return;
    fprintf(stderr, "\n  %s: %s%s%s\n    ", c->name, what, detail ? ": " : "",
            detail ? detail : "");
    for (i = 0; i < len && i < 512; i++)
        fprintf(stderr, "%02x", der[i]);
    fprintf(stderr, "%s\n", i < len ? "..." : "");
}

/*
 * Decode @p len bytes of @p der (copied to an exact-size heap block) and
 * check the outcome: a failure is CMSFW_DECODE_FAILURE with the value zeroed
 * and diag filled; a success re-encodes to the same bytes. Returns 1 when the
 * decoder accepted the input.
 */
static inline int
probe(const codec_ops *c, const uint8_t *der, size_t len)
{
    any_value v;
    cmsfw_diag diag;
    uint8_t *copy = malloc(len ? len : 1);
    cmsfw_err rc;
    int accepted = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
    if (len)
        memcpy(copy, der, len);
    memset(&v, 0xa5, sizeof v);
    memset(&diag, 0, sizeof diag);
    rc = c->decode(&v, copy, len, &diag);
    n_decodes++;
    if (rc == CMSFW_OK) {
        size_t n2 = 0;
        cmsfw_err rc2 = CMSFW_E_STATE;
        uint8_t *again = encode_alloc(c, &v, &n2, &rc2);
        accepted = 1;
        n_accepted++;
        if (rc2 != CMSFW_OK) {
            CU_ASSERT_TRUE(rc2 == CMSFW_E_ARG && encoder_may_refuse(c, &v));
            if (!(rc2 == CMSFW_E_ARG && encoder_may_refuse(c, &v)))
                show(c, "decoded but does not re-encode", der, len, cmsfw_err_name(rc2));
        } else {
            int same = (n2 == len && memcmp(again, der, len) == 0) ||
                       is_v1_dropped(c, der, len, again, n2);
            CU_ASSERT_TRUE(same);
            if (!same)
                show(c, "decoded but re-encodes differently", der, len, NULL);
        }
        free(again);
    } else {
        CU_ASSERT_EQUAL(rc, CMSFW_DECODE_FAILURE);
        if (rc != CMSFW_DECODE_FAILURE)
            show(c, "failed with an unexpected code", der, len, cmsfw_err_name(rc));
        CU_ASSERT_TRUE(memcmp(&v, &zero_value, c->size) == 0);
        if (memcmp(&v, &zero_value, c->size) != 0)
            show(c, "value not zeroed after a failure", der, len, diag.msg);
        CU_ASSERT_TRUE(diag.msg[0] != '\0');
    }
    c->release(&v);
    c->release(&v); /* fw.h: freeing twice is safe */
    free(copy);
    return accepted;
}

static inline int
rejects(const codec_ops *c, const uint8_t *der, size_t len)
{
    if (!probe(c, der, len))
        return 1;
    show(c, "accepted", der, len, NULL);
    return 0;
}

/* 1 when the decoder accepts (@p ok) or rejects (!@p ok) the input, as expected. */
static inline int
expect(const codec_ops *c, const uint8_t *der, size_t len, int ok)
{
    if (probe(c, der, len) == ok)
        return 1;
    show(c, ok ? "rejected" : "accepted", der, len, NULL);
    return 0;
}

/* A growable output buffer for hand-made encodings. */
typedef struct dbuf {
    uint8_t *p;
    size_t n, cap;
} dbuf;

static inline void
put(dbuf *b, const void *p, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = 2 * (b->n + n) + 64;
        uint8_t *np = realloc(b->p, cap);
        CU_ASSERT_PTR_NOT_NULL_FATAL(np);
        b->p = np;
        b->cap = cap;
    }
    if (n)
        memcpy(b->p + b->n, p, n);
    b->n += n;
}

static inline size_t
hdr_size(size_t len)
{
    size_t k = 0;

    if (len < 0x80)
        return 2;
    for (; len; len >>= 8)
        k++;
    return 2 + k;
}

/* Identifier and minimal length. */
static inline void
put_hdr(dbuf *b, uint8_t tag, size_t len)
{
    uint8_t h[2 + sizeof(size_t)];
    size_t k = hdr_size(len) - 2, i;

    h[0] = tag;
    h[1] = (uint8_t)(k ? 0x80 | k : len);
    for (i = 0; i < k; i++)
        h[2 + i] = (uint8_t)(len >> (8 * (k - 1 - i)));
    put(b, h, 2 + k);
}

static inline void
put_tlv(dbuf *b, uint8_t tag, const void *p, size_t n)
{
    put_hdr(b, tag, n);
    put(b, p, n);
}

/* Raw bytes given as a literal list. */
#define PUT(b, ...)                                                                            \
    do {                                                                                       \
        static const uint8_t lit_[] = { __VA_ARGS__ };                                         \
        put(b, lit_, sizeof lit_);                                                             \
    } while (0)

/* Wrap what @p inner holds as one SEQUENCE (or other tag) with a minimal length. */
static inline dbuf
wrap(uint8_t tag, const dbuf *inner)
{
    dbuf out = { NULL, 0, 0 };

    put_tlv(&out, tag, inner->p, inner->n);
    return out;
}

static const codec_ops *
codec(const char *name)
{
    size_t i;

    for (i = 0; i < N_CODECS; i++)
        if (strcmp(codec_table[i].name, name) == 0)
            return &codec_table[i];
    CU_FAIL_FATAL("no such codec");
    return NULL;
}

#endif
