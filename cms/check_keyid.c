/*
 * check_keyid.c: key identifiers of trust anchors.
 *
 * RFC 5280 4.2.1.2 method (1) names a key by the SHA-1 of its
 * subjectPublicKey bits, and that is how an anchor given without a key
 * identifier (and without a certificate carrying a subjectKeyIdentifier)
 * is named. The backends expose SHA-2 only, and SHA-1 is used for nothing
 * else (never for a signature), so this small implementation of FIPS 180-4
 * SHA-1 lives here.
 */
#include <string.h>

#include "cms/check_priv.h"
#include "cms/diag.h"

typedef struct sha1_state {
    uint32_t h[5];
    uint8_t block[64];
    size_t used;
    uint64_t total;
} sha1_state;

static uint32_t
rol(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32u - n));
}

static uint32_t
be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* One 64-octet block (FIPS 180-4 6.1.2). */
static void
sha1_block(sha1_state *s, const uint8_t *p)
{
    uint32_t w[80], a, b, c, d, e, f, k, t;
    unsigned i;

    for (i = 0; i < 16; i++)
        w[i] = be32(p + 4 * i);
    for (i = 16; i < 80; i++)
        w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    a = s->h[0];
    b = s->h[1];
    c = s->h[2];
    d = s->h[3];
    e = s->h[4];
    for (i = 0; i < 80; i++) {
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5A827999u;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ED9EBA1u;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8F1BBCDCu;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6u;
        }
        t = rol(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rol(b, 30);
        b = a;
        a = t;
    }
    s->h[0] += a;
    s->h[1] += b;
    s->h[2] += c;
    s->h[3] += d;
    s->h[4] += e;
}

static void
sha1_update(sha1_state *s, const uint8_t *p, size_t n)
{
    size_t take;

    s->total += n;
    while (n > 0) {
        take = 64 - s->used;
        if (take > n)
            take = n;
        memcpy(s->block + s->used, p, take);
        s->used += take;
        p += take;
        n -= take;
        if (s->used == 64) {
            sha1_block(s, s->block);
            s->used = 0;
        }
    }
}

/* see cms/check_priv.h */
void
cmsfw__sha1(cmsfw_bytes data, uint8_t out[CMSFW__SHA1_LEN])
{
    static const uint8_t pad = 0x80;
    static const uint8_t zero[64];
    sha1_state s;
    uint8_t len[8];
    uint64_t bits;
    unsigned i;

    s.h[0] = 0x67452301u;
    s.h[1] = 0xEFCDAB89u;
    s.h[2] = 0x98BADCFEu;
    s.h[3] = 0x10325476u;
    s.h[4] = 0xC3D2E1F0u;
    s.used = 0;
    s.total = 0;
    if (data.len > 0)
        sha1_update(&s, data.ptr, data.len);
    bits = s.total * 8u;
    sha1_update(&s, &pad, 1);
    sha1_update(&s, zero, (s.used <= 56 ? 56 - s.used : 120 - s.used));
    for (i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha1_update(&s, len, 8);
    for (i = 0; i < 5; i++) {
        out[4 * i] = (uint8_t)(s.h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(s.h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(s.h[i] >> 8);
        out[4 * i + 3] = (uint8_t)s.h[i];
    }
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__anchor_cert(const cmsfw_anchor *a, cmsfw_key *k, int *present, cmsfw_diag *diag)
{
    cmsfw_diag why;

    memset(k, 0, sizeof *k);
    *present = 0;
    if (a->cert.ptr == NULL)
        return CMSFW_OK;
    why.msg[0] = '\0';
    if (cmsfw_key_parse(k, a->cert, CMSFW_KEY_CERTIFICATE, &why) != CMSFW_OK)
        return cmsfw__fail(diag, CMSFW_E_ARG, "trust anchor certificate: %s", why.msg);
    *present = 1;
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__anchor_key_id(const cmsfw_anchor *a, uint8_t buf[CMSFW__SHA1_LEN], cmsfw_bytes *out,
                     cmsfw_diag *diag)
{
    cmsfw_key k;
    cmsfw_diag why;
    int present = 0;
    cmsfw_err e = CMSFW_E_ARG;

    out->ptr = NULL;
    out->len = 0;
    if (a->key_id.ptr != NULL) {
        *out = a->key_id;
        return CMSFW_OK;
    }
    e = cmsfw__anchor_cert(a, &k, &present, diag);
    if (e != CMSFW_OK)
        return e;
    if (present && k.ski.ptr != NULL) {
        *out = k.ski;
        return CMSFW_OK;
    }
    if (!present) {
        why.msg[0] = '\0';
        if (cmsfw_key_parse(&k, a->spki, CMSFW_KEY_PUBLIC, &why) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_E_ARG, "trust anchor key: %s", why.msg);
    }
    cmsfw__sha1(k.public_key, buf);
    out->ptr = buf;
    out->len = CMSFW__SHA1_LEN;
    return CMSFW_OK;
}

/* see cms/check_priv.h */
cmsfw_err
cmsfw__anchor_key_id_alt(const cmsfw_anchor *a, uint8_t buf[CMSFW__SHA1_LEN], cmsfw_bytes *out,
                         cmsfw_diag *diag)
{
    uint8_t h[CMSFW_BK_HASH_MAX];
    cmsfw_key k;
    cmsfw_diag why;
    size_t n = 0;
    int present = 0;
    cmsfw_err e = CMSFW_E_ARG;

    out->ptr = NULL;
    out->len = 0;
    if (a->key_id.ptr != NULL)
        return CMSFW_OK;
    e = cmsfw__anchor_cert(a, &k, &present, diag);
    if (e != CMSFW_OK || (present && k.ski.ptr != NULL))
        return e;
    if (!present) {
        why.msg[0] = '\0';
        if (cmsfw_key_parse(&k, a->spki, CMSFW_KEY_PUBLIC, &why) != CMSFW_OK)
            return cmsfw__fail(diag, CMSFW_E_ARG, "trust anchor key: %s", why.msg);
    }
    if (cmsfw_bk_hash_once(CMSFW_BK_SHA256, k.public_key, h, sizeof h, &n) != CMSFW_BK_OK)
        return cmsfw__fail(diag, CMSFW_E_BACKEND, "SHA-256 failed");
    memcpy(buf, h, CMSFW__SHA1_LEN);
    out->ptr = buf;
    out->len = CMSFW__SHA1_LEN;
    return CMSFW_OK;
}
