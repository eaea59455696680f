/*
 * sign_attrs.c: sets of attributes in DER order (signed attributes and
 * the unsigned wrapped-firmware-key), and the CMSAlgorithmProtection
 * attribute of RFC 6211.
 */
#include <stdlib.h>
#include <string.h>

#include "cms/pem.h"
#include "cms/sign.h"

/* see cms/sign.h */
int
cmsfw__der_set_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen, i;
    int c = n > 0 ? memcmp(a, b, n) : 0;

    if (c != 0)
        return c < 0 ? -1 : 1;
    /* equal prefix: the longer one is greater unless its tail is zeros */
    for (i = n; i < alen; i++)
        if (a[i] != 0)
            return 1;
    for (i = n; i < blen; i++)
        if (b[i] != 0)
            return -1;
    return 0;
}

/* see cms/sign.h */
uint8_t *
cmsfw__attrs_slot(cmsfw__attrs *a, cmsfw_bytes type, size_t value_len, cmsfw_err *err)
{
    size_t set = cmsfw__tlv(value_len), seq = cmsfw__tlv(type.len) + set;
    size_t total = cmsfw__tlv(seq);
    cmsfw_der_w w;
    uint8_t *buf;

    *err = CMSFW_E_ARG;
    if (a->n == CMSFW__ATTRS_MAX || type.ptr == NULL || value_len > SIZE_MAX / 8)
        return NULL;
    *err = CMSFW_E_NOMEM;
    buf = malloc(total);
    if (buf == NULL)
        return NULL;
    cmsfw_der_w_init(&w, buf, total);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, seq);
    cmsfw_der_put_oid(&w, type.ptr, type.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, value_len);
    a->der[a->n] = buf;
    a->len[a->n] = total;
    a->n++;
    *err = CMSFW_OK;
    return buf + w.pos;
}

/* see cms/sign.h */
cmsfw_err
cmsfw__attrs_add(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes value)
{
    cmsfw_err err = CMSFW_E_ARG;
    uint8_t *p = cmsfw__attrs_slot(a, type, value.len, &err);

    if (p != NULL && value.len > 0)
        memcpy(p, value.ptr, value.len);
    return err;
}

/* A value that is one primitive TLV of a one-octet tag. */
static cmsfw_err
add_primitive(cmsfw__attrs *a, cmsfw_bytes type, uint8_t tag, cmsfw_bytes v)
{
    cmsfw_err err = CMSFW_E_ARG;
    uint8_t *p = NULL;
    cmsfw_der_w w;

    if (v.ptr == NULL && v.len > 0)
        return CMSFW_E_ARG;
    p = cmsfw__attrs_slot(a, type, cmsfw__tlv(v.len), &err);
    if (p == NULL)
        return err;
    cmsfw_der_w_init(&w, p, cmsfw__tlv(v.len));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 0, tag, v.len);
    cmsfw_der_put_bytes(&w, v.ptr, v.len);
    return CMSFW_OK;
}

/* see cms/sign.h */
cmsfw_err
cmsfw__attrs_add_oid(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes oid)
{
    return add_primitive(a, type, CMSFW_DER_TAG_OID, oid);
}

/* see cms/sign.h */
cmsfw_err
cmsfw__attrs_add_octets(cmsfw__attrs *a, cmsfw_bytes type, cmsfw_bytes octets)
{
    return add_primitive(a, type, CMSFW_DER_TAG_OCTET_STRING, octets);
}

/* Year, month and day of a day count since 1970-01-01 (the proleptic
 * Gregorian calendar, counted in 400-year eras). */
static void
civil_date(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
    int64_t z = days + 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;

    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int64_t)yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

static void
put_digits(char *p, unsigned v, int n)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* see cms/sign.h */
cmsfw_err
cmsfw__attrs_add_signing_time(cmsfw__attrs *a, int64_t t)
{
    char text[16];
    int64_t y;
    unsigned mo, d, secs;
    size_t n = 0;

    /* 9999-12-31T23:59:59Z is the last instant a GeneralizedTime of four
     * year digits holds */
    if (t < 0 || t > INT64_C(253402300799))
        return CMSFW_E_ARG;
    civil_date(t / 86400, &y, &mo, &d);
    secs = (unsigned)(t % 86400);
    if (y >= 2050) {
        put_digits(text, (unsigned)y, 4);
        n = 4;
    } else {
        put_digits(text, (unsigned)(y % 100), 2);
        n = 2;
    }
    put_digits(text + n, mo, 2);
    put_digits(text + n + 2, d, 2);
    put_digits(text + n + 4, secs / 3600, 2);
    put_digits(text + n + 6, secs / 60 % 60, 2);
    put_digits(text + n + 8, secs % 60, 2);
    text[n + 10] = 'Z';
    return add_primitive(a, cmsfw__oid("id-signingTime"),
                         y >= 2050 ? CMSFW_DER_TAG_GENERALIZED_TIME : CMSFW_DER_TAG_UTC_TIME,
                         (cmsfw_bytes){(const uint8_t *)text, n + 11});
}

/* The contents of a DER TLV (its value octets). */
static cmsfw_bytes
tlv_contents(const uint8_t *der, size_t len)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;
    cmsfw_bytes v = {NULL, 0};

    cmsfw_der_init(&c, der, len, 0);
    if (cmsfw_der_read(&c, &t) == CMSFW_DER_OK) {
        v.ptr = t.val;
        v.len = t.len;
    }
    return v;
}

/*
 * CMSAlgorithmProtection ::= SEQUENCE {
 *     digestAlgorithm     DigestAlgorithmIdentifier,
 *     signatureAlgorithm  [1] IMPLICIT SignatureAlgorithmIdentifier OPTIONAL,
 *     macAlgorithm        [2] IMPLICIT MessageAuthenticationCodeAlgorithm OPTIONAL }
 * with the SignerInfo's two identifiers, byte for byte.
 */
/* see cms/sign.h */
cmsfw_err
cmsfw__attrs_add_algorithm_protection(cmsfw__attrs *a, const cmsfw__signer *s)
{
    cmsfw_bytes sig = tlv_contents(s->sig_alg, s->sig_alg_len);
    size_t seq = s->digest_alg_len + cmsfw__tlv(sig.len);
    cmsfw_err err = CMSFW_E_ARG;
    uint8_t *p = NULL;
    cmsfw_der_w w;

    if (sig.ptr == NULL)
        return CMSFW_E_BACKEND;
    p = cmsfw__attrs_slot(a, cmsfw__oid("id-aa-CMSAlgorithmProtection"), cmsfw__tlv(seq), &err);
    if (p == NULL)
        return err;
    cmsfw_der_w_init(&w, p, cmsfw__tlv(seq));
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, seq);
    cmsfw_der_put_bytes(&w, s->digest_alg, s->digest_alg_len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 1, 1, sig.len);
    cmsfw_der_put_bytes(&w, sig.ptr, sig.len);
    return cmsfw_der_w_status(&w) == CMSFW_DER_OK ? CMSFW_OK : CMSFW_E_BACKEND;
}

/* see cms/sign.h */
size_t
cmsfw__attrs_sort(cmsfw__attrs *a)
{
    size_t i, j, total = 0;

    for (i = 1; i < a->n; i++) {
        uint8_t *d = a->der[i];
        size_t l = a->len[i];
        for (j = i; j > 0 && cmsfw__der_set_cmp(a->der[j - 1], a->len[j - 1], d, l) > 0; j--) {
            a->der[j] = a->der[j - 1];
            a->len[j] = a->len[j - 1];
        }
        a->der[j] = d;
        a->len[j] = l;
    }
    for (i = 0; i < a->n; i++)
        total += a->len[i];
    return total;
}

/* see cms/sign.h */
void
cmsfw__attrs_put(cmsfw_der_w *w, const cmsfw__attrs *a)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        cmsfw_der_put_bytes(w, a->der[i], a->len[i]);
}

/* see cms/sign.h */
void
cmsfw__attrs_free(cmsfw__attrs *a)
{
    size_t i;

    for (i = 0; i < a->n; i++) {
        /* the wrapped CEK lives in one of them */
        cmsfw__key_wipe(a->der[i], a->len[i]);
        free(a->der[i]);
        a->der[i] = NULL;
        a->len[i] = 0;
    }
    a->n = 0;
}
