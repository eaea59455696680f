/*
 * fuzz_keys.c: the key, certificate and PEM parsers of cmsfw/keys.h.
 *
 * Every input goes through all of them (no selector octet: the seeds are
 * plain PEM and DER files):
 *
 * - cmsfw_key_parse() on the input as one DER object, for each kind: the
 *   kinds agree with what "any" finds, views lie inside the object, and a
 *   failure leaves the key zeroed;
 * - cmsfw_key_count() and cmsfw_key_load() for each kind: a DER object
 *   counted loads, the object one past the count does not, a loaded key
 *   parses again to the same views, and cmsfw_key_free() zeroes it (twice
 *   is safe);
 * - cmsfw_pem_detect() agrees with a plain search for "-----BEGIN ";
 * - for PEM input, cmsfw_pem_decode() and cmsfw_pem_decode_into() agree
 *   (size query, buffer one octet short, contents), and what they decode
 *   encodes with cmsfw_pem_encode() into PEM that decodes to the same
 *   octets.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "fuzz/fuzz_util.h"

/* Most objects of one kind loaded per input. */
#define MAX_LOADS 3

static const cmsfw_key_kind kinds[] = {CMSFW_KEY_ANY, CMSFW_KEY_PUBLIC, CMSFW_KEY_PRIVATE,
                                       CMSFW_KEY_CERTIFICATE};
static const char *const labels[] = {NULL, "CERTIFICATE", "PUBLIC KEY", "PRIVATE KEY"};

static int
is_zero_key(const cmsfw_key *k)
{
    static const cmsfw_key zero;

    return memcmp(k, &zero, sizeof zero) == 0;
}

/* Every view of k lies inside k->der, which lies inside [base, base+len). */
static void
check_views(const cmsfw_key *k, const uint8_t *base, size_t len)
{
    const cmsfw_bytes views[] = {k->spki,   k->alg,    k->alg_oid,    k->alg_params, k->public_key,
                                 k->private_key, k->tbs, k->serial,  k->issuer,     k->subject,
                                 k->extensions,  k->ski, k->sig_alg, k->signature};
    size_t i;
    uint8_t x;

    FUZZ_CHECK(k->kind == CMSFW_KEY_PUBLIC || k->kind == CMSFW_KEY_PRIVATE ||
               k->kind == CMSFW_KEY_CERTIFICATE);
    FUZZ_CHECK(k->der.ptr != NULL && k->der.len > 0 && fuzz_view_ok(k->der, base, len));
    x = fuzz_touch(k->der);
    for (i = 0; i < sizeof views / sizeof views[0]; i++) {
        FUZZ_CHECK(fuzz_view_ok(views[i], k->der.ptr, k->der.len));
        x ^= fuzz_touch(views[i]);
    }
    FUZZ_CHECK(k->alg.ptr != NULL && k->alg_oid.ptr != NULL);
    FUZZ_CHECK((k->kind == CMSFW_KEY_CERTIFICATE) == (k->cert_version != 0));
    FUZZ_CHECK(k->kind == CMSFW_KEY_PRIVATE || k->spki.ptr != NULL);
    (void)x;
}

/* Two keys with the same views at the same offsets of their objects. */
static void
check_same_key(const cmsfw_key *a, const cmsfw_key *b)
{
    FUZZ_CHECK(a->kind == b->kind && a->cert_version == b->cert_version);
    FUZZ_CHECK(fuzz_bytes_eq(a->der, b->der));
    FUZZ_CHECK(fuzz_bytes_eq(a->spki, b->spki) && fuzz_bytes_eq(a->alg, b->alg));
    FUZZ_CHECK(fuzz_bytes_eq(a->public_key, b->public_key));
    FUZZ_CHECK(fuzz_bytes_eq(a->private_key, b->private_key));
    FUZZ_CHECK(fuzz_bytes_eq(a->serial, b->serial) && fuzz_bytes_eq(a->ski, b->ski));
    FUZZ_CHECK(fuzz_bytes_eq(a->issuer, b->issuer) && fuzz_bytes_eq(a->subject, b->subject));
    FUZZ_CHECK(fuzz_bytes_eq(a->signature, b->signature));
}

static void
parse_in_place(const uint8_t *data, size_t size)
{
    cmsfw_bytes der = {data, size};
    cmsfw_key any, k;
    cmsfw_diag d;
    cmsfw_err e, ek;
    size_t i;

    memset(&d, 0x55, sizeof d);
    e = cmsfw_key_parse(&any, der, CMSFW_KEY_ANY, &d);
    if (e != CMSFW_OK) {
        FUZZ_CHECK(e == CMSFW_DECODE_FAILURE && is_zero_key(&any) && fuzz_diag_ok(&d));
    } else {
        check_views(&any, data, size);
        FUZZ_CHECK(any.der.ptr == data && any.der.len == size && any.priv_buf == NULL);
    }
    for (i = 1; i < sizeof kinds / sizeof kinds[0]; i++) {
        ek = cmsfw_key_parse(&k, der, kinds[i], &d);
        if (e == CMSFW_OK && any.kind == kinds[i]) {
            FUZZ_CHECK(ek == CMSFW_OK);
            check_same_key(&any, &k);
        } else {
            FUZZ_CHECK(ek == CMSFW_DECODE_FAILURE && is_zero_key(&k));
        }
        cmsfw_key_free(&k);
    }
    cmsfw_key_free(&any);
}

static void
count_and_load(const uint8_t *data, size_t size, cmsfw_key_kind want, int pem)
{
    cmsfw_key k, again;
    cmsfw_diag d;
    size_t n = 0, i;
    cmsfw_err e;

    memset(&d, 0x55, sizeof d);
    e = cmsfw_key_count(data, size, want, &n, &d);
    if (e != CMSFW_OK) {
        FUZZ_CHECK(e == CMSFW_DECODE_FAILURE && n == 0 && fuzz_diag_ok(&d));
        return;
    }
    for (i = 0; i < n && i < MAX_LOADS; i++) {
        e = cmsfw_key_load(&k, data, size, want, i, &d);
        /* a DER object was parsed to be counted; a PEM block only by label */
        FUZZ_CHECK(e == CMSFW_OK || (pem && (e == CMSFW_DECODE_FAILURE || e == CMSFW_E_NOMEM)));
        if (e != CMSFW_OK) {
            FUZZ_CHECK(is_zero_key(&k) && fuzz_diag_ok(&d));
            continue;
        }
        FUZZ_CHECK(k.priv_buf != NULL);
        check_views(&k, k.priv_buf, k.priv_buf_len);
        FUZZ_CHECK(want == CMSFW_KEY_ANY || k.kind == want);
        FUZZ_CHECK(cmsfw_key_parse(&again, k.der, k.kind, &d) == CMSFW_OK);
        check_same_key(&k, &again);
        cmsfw_key_free(&k);
        FUZZ_CHECK(is_zero_key(&k));
        cmsfw_key_free(&k);
    }
    if (n <= MAX_LOADS) {
        e = cmsfw_key_load(&k, data, size, want, n, &d);
        FUZZ_CHECK(e == CMSFW_DECODE_FAILURE && is_zero_key(&k));
    }
}

/* PEM text of der under label, decoded again. */
static void
pem_round_trip(const char *label, const uint8_t *der, size_t der_len)
{
    cmsfw_bytes b = {der, der_len};
    uint8_t *text, *small, *back = NULL;
    size_t need = 0, w = 0, back_len = 0;
    cmsfw_diag d;

    FUZZ_CHECK(cmsfw_pem_encode(label, b, NULL, 0, &need) == CMSFW_OK && need > 0);
    text = malloc(need);
    small = malloc(need - 1);
    FUZZ_CHECK(text != NULL && small != NULL);
    FUZZ_CHECK(cmsfw_pem_encode(label, b, text, need, &w) == CMSFW_OK && w == need);
    FUZZ_CHECK(cmsfw_pem_encode(label, b, small, need - 1, &w) == CMSFW_E_BUFFER && w == need);
    free(small);
    FUZZ_CHECK(cmsfw_pem_detect(text, need));
    FUZZ_CHECK(cmsfw_pem_decode(text, need, label, 0, &back, &back_len, &d) == CMSFW_OK);
    FUZZ_CHECK(back_len == der_len && memcmp(back, der, der_len) == 0);
    free(back);
    free(text);
}

static void
pem_blocks(const uint8_t *data, size_t size)
{
    uint8_t *der = NULL, *into, *small;
    size_t der_len = 0, need = 0, w = 0, i, index;
    cmsfw_diag d;
    cmsfw_err e;

    for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        for (index = 0; index < 2; index++) {
            memset(&d, 0x55, sizeof d);
            e = cmsfw_pem_decode(data, size, labels[i], index, &der, &der_len, &d);
            if (e != CMSFW_OK) {
                FUZZ_CHECK((e == CMSFW_DECODE_FAILURE || e == CMSFW_E_NOMEM) && der == NULL);
                FUZZ_CHECK(fuzz_diag_ok(&d));
                FUZZ_CHECK(cmsfw_pem_decode_into(data, size, labels[i], index, NULL, 0, &need,
                                                 &d) == e);
                break;
            }
            FUZZ_CHECK(der != NULL && der_len > 0);
            FUZZ_CHECK(cmsfw_pem_decode_into(data, size, labels[i], index, NULL, 0, &need, &d) ==
                           CMSFW_OK &&
                       need == der_len);
            into = malloc(need);
            small = malloc(need > 1 ? need - 1 : 1);
            FUZZ_CHECK(into != NULL && small != NULL);
            FUZZ_CHECK(cmsfw_pem_decode_into(data, size, labels[i], index, into, need, &w, &d) ==
                           CMSFW_OK &&
                       w == need && memcmp(into, der, need) == 0);
            FUZZ_CHECK(cmsfw_pem_decode_into(data, size, labels[i], index, small, need - 1, &w,
                                             &d) == CMSFW_E_BUFFER &&
                       w == need);
            pem_round_trip(labels[i] != NULL ? labels[i] : "CERTIFICATE", der, der_len);
            free(into);
            free(small);
            free(der);
            der = NULL;
        }
    }
}

static int
contains_begin(const uint8_t *data, size_t size)
{
    static const char begin[] = "-----BEGIN ";
    const size_t m = sizeof begin - 1;
    size_t i;

    for (i = 0; size >= m && i <= size - m; i++)
        if (memcmp(data + i, begin, m) == 0)
            return 1;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int pem = cmsfw_pem_detect(data, size);
    size_t i;

    FUZZ_CHECK(pem == contains_begin(data, size));
    parse_in_place(data, size);
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        count_and_load(data, size, kinds[i], pem);
    if (pem)
        pem_blocks(data, size);
    return 0;
}
