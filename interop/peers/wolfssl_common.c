/*
 * interop/peers/wolfssl_common.c: files, PEM and DER for the wolfSSL peer
 * programs (see wolfssl_common.h).
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn_public.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

#include "wolfssl_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* see wolfssl_common.h */
int
der_next(const uint8_t **pos, const uint8_t *end, der_tlv *t)
{
    const uint8_t *p = *pos;
    size_t len = 0, n, i;

    if (p >= end || end - p < 2 || (p[0] & 0x1fu) == 0x1fu)
        return -1; /* high tag numbers never occur in CMS */
    t->tag = p[0];
    t->start = p;
    if (p[1] < 0x80) {
        len = p[1];
        p += 2;
    } else {
        n = p[1] & 0x7fu;
        /* 0: indefinite length, which DER excludes */
        if (n == 0 || n > sizeof(size_t) || (size_t)(end - p) < 2 + n)
            return -1;
        for (i = 0; i < n; i++)
            len = (len << 8) | p[2 + i];
        p += 2 + n;
    }
    if ((size_t)(end - p) < len)
        return -1;
    t->value = p;
    t->len = len;
    t->tlv_len = (size_t)(p - t->start) + len;
    *pos = p + len;
    return 0;
}

/* see wolfssl_common.h */
int
der_whole(const uint8_t *p, size_t len, der_tlv *t)
{
    const uint8_t *pos = p;

    if (der_next(&pos, p + len, t) != 0 || pos != p + len)
        return -1;
    return 0;
}

/* see wolfssl_common.h */
int
der_child(const der_tlv *t, unsigned tag, unsigned n, der_tlv *out)
{
    const uint8_t *pos = t->value, *end = t->value + t->len;

    if ((t->tag & 0x20u) == 0)
        return -1;
    while (pos < end) {
        if (der_next(&pos, end, out) != 0)
            return -1;
        if (out->tag == tag && n-- == 0)
            return 0;
    }
    return -1;
}

/* see wolfssl_common.h */
void
der_put(der_buf *b, const void *p, size_t len)
{
    uint8_t *q;
    size_t cap;

    if (b->err || len == 0)
        return;
    if (b->cap - b->len < len) {
        cap = b->cap ? b->cap : 256;
        while (cap - b->len < len)
            cap *= 2;
        q = realloc(b->p, cap);
        if (q == NULL) {
            b->err = 1;
            return;
        }
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, len);
    b->len += len;
}

/* see wolfssl_common.h */
void
der_put_header(der_buf *b, unsigned tag, size_t len)
{
    uint8_t h[2 + sizeof(size_t)];
    size_t n = 0, i;

    h[0] = (uint8_t)tag;
    if (len < 0x80) {
        h[1] = (uint8_t)len;
        der_put(b, h, 2);
        return;
    }
    for (i = len; i > 0; i >>= 8)
        n++;
    h[1] = (uint8_t)(0x80u | n);
    for (i = 0; i < n; i++)
        h[2 + i] = (uint8_t)(len >> (8 * (n - 1 - i)));
    der_put(b, h, 2 + n);
}

/* see wolfssl_common.h */
void
der_put_tlv(der_buf *b, unsigned tag, const void *v, size_t len)
{
    der_put_header(b, tag, len);
    der_put(b, v, len);
}

/* Appends one base-128 arc, most significant group first. */
static void
put_arc(der_buf *b, unsigned long v)
{
    uint8_t g[10];
    size_t n = 0;

    do {
        g[sizeof g - 1 - n] = (uint8_t)((v & 0x7fu) | (n ? 0x80u : 0));
        v >>= 7;
        n++;
    } while (v > 0);
    der_put(b, g + sizeof g - n, n);
}

/* see wolfssl_common.h */
int
der_put_oid(der_buf *b, const char *dotted)
{
    unsigned long arcs[32];
    size_t n = 0, i;
    const char *s = dotted;
    char *e;
    der_buf body = {0};

    for (;;) {
        if (n == sizeof arcs / sizeof arcs[0] || *s < '0' || *s > '9')
            return -1;
        arcs[n++] = strtoul(s, &e, 10);
        if (*e == '\0')
            break;
        if (*e != '.')
            return -1;
        s = e + 1;
    }
    if (n < 2 || arcs[0] > 2 || (arcs[0] < 2 && arcs[1] > 39))
        return -1;
    put_arc(&body, arcs[0] * 40 + arcs[1]);
    for (i = 2; i < n; i++)
        put_arc(&body, arcs[i]);
    if (body.err) {
        der_buf_free(&body);
        b->err = 1;
        return -1;
    }
    der_put_tlv(b, 0x06, body.p, body.len);
    der_buf_free(&body);
    return 0;
}

/* see wolfssl_common.h */
int
der_oid_text(const der_tlv *oid, char *out, size_t len)
{
    unsigned long v = 0;
    size_t i, at = 0;
    int n;

    if (oid->tag != 0x06 || oid->len == 0 || (oid->value[oid->len - 1] & 0x80u))
        return -1;
    for (i = 0; i < oid->len; i++) {
        if (v > (~0ul >> 7))
            return -1;
        v = (v << 7) | (oid->value[i] & 0x7fu);
        if (oid->value[i] & 0x80u)
            continue;
        if (at == 0)
            n = snprintf(out, len, "%lu.%lu", v < 80 ? v / 40 : 2, v < 80 ? v % 40 : v - 80);
        else
            n = snprintf(out + at, len - at, ".%lu", v);
        if (n < 0 || (size_t)n >= len - at)
            return -1;
        at += (size_t)n;
        v = 0;
    }
    return 0;
}

/* see wolfssl_common.h */
void
der_put_uint(der_buf *b, unsigned long v)
{
    uint8_t g[sizeof v + 1];
    size_t n = 0;

    do {
        g[sizeof g - 1 - n] = (uint8_t)v;
        v >>= 8;
        n++;
    } while (v > 0);
    if (g[sizeof g - n] & 0x80u) /* keep it positive */
        g[sizeof g - 1 - n++] = 0;
    der_put_header(b, 0x02, n);
    der_put(b, g + sizeof g - n, n);
}

/* see wolfssl_common.h */
void
der_buf_free(der_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* see wolfssl_common.h */
uint8_t *
read_whole(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *p = NULL, *q;
    size_t cap = 0, n = 0, got;

    if (f == NULL) {
        perror(path);
        return NULL;
    }
    for (;;) {
        if (cap - n < 65536) {
            cap = cap ? 2 * cap : 65536 + 1;
            q = realloc(p, cap);
            if (q == NULL)
                break;
            p = q;
        }
        got = fread(p + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0 || n > max)
            break;
    }
    if (p == NULL || ferror(f) || n > max || !feof(f)) {
        fprintf(stderr, "%s: cannot read (or larger than %zu octets)\n", path, max);
        free(p);
        fclose(f);
        return NULL;
    }
    fclose(f);
    p[n] = 0;
    *len = n;
    return p;
}

/* see wolfssl_common.h */
uint8_t *
read_pem(const char *path, int is_key, size_t *len, char *err, size_t err_len)
{
    size_t pem_len = 0;
    uint8_t *pem = read_whole(path, 1u << 20, &pem_len);
    uint8_t *der = NULL;
    int rc;

    if (pem == NULL) {
        snprintf(err, err_len, "cannot read %s", path);
        return NULL;
    }
    der = malloc(pem_len); /* DER is shorter than its PEM */
    if (der == NULL) {
        snprintf(err, err_len, "out of memory");
        free(pem);
        return NULL;
    }
    rc = is_key ? wc_KeyPemToDer(pem, (int)pem_len, der, (int)pem_len, NULL)
                : wc_CertPemToDer(pem, (int)pem_len, der, (int)pem_len, CERT_TYPE);
    free(pem);
    if (rc <= 0) {
        snprintf(err, err_len, "%s: wolfSSL error %d: %s", is_key ? "wc_KeyPemToDer" : "wc_CertPemToDer",
                 rc, wc_GetErrorString(rc));
        free(der);
        return NULL;
    }
    *len = (size_t)rc;
    return der;
}
