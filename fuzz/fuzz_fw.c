/*
 * fuzz_fw.c: the RFC 4108 decoders and encoders of cmsfw/fw.h.
 *
 * The first input octet picks the type (modulo the number of types), the
 * rest is the DER handed to its decoder. When the decoder accepts it:
 *
 * - every view of the decoded value lies inside the input;
 * - the encoder accepts the value, unless fw.h says it refuses it (an
 *   empty FirmwarePackageInfo or dependency list, an unassigned error code
 *   or otherError without a vendor code), and then it does refuse it;
 * - its size query, its output and its "buffer too small" answer agree;
 * - the encoding is the input again, byte for byte, except for the
 *   explicit version v1 a receipt or error report may carry;
 * - the encoding decodes to the same value, field by field, and encodes
 *   again to the same octets;
 * - free() zeroes the value and is safe to call twice.
 *
 * When it refuses the input, the value is left zeroed and the diagnostic
 * is a terminated line. The last type wraps input octets in a ContentInfo
 * (an encoder only) and reads the result back with the DER cursor.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/err.h>
#include <cmsfw/fw.h>

#include "asn1/der.h"
#include "fuzz/fuzz_util.h"

/* ------------------------------------------------- comparing two values */

/* Two values walked side by side: a from the octets at ba, b from bb. */
typedef struct pair {
    const uint8_t *ba;
    size_t la;
    const uint8_t *bb;
    size_t lb;
    int same;
} pair;

static void
p_bytes(pair *c, cmsfw_bytes a, cmsfw_bytes b)
{
    FUZZ_CHECK(fuzz_view_ok(a, c->ba, c->la));
    FUZZ_CHECK(fuzz_view_ok(b, c->bb, c->lb));
    if (!fuzz_bytes_eq(a, b))
        c->same = 0;
}

static void
p_num(pair *c, int64_t a, int64_t b)
{
    if (a != b)
        c->same = 0;
}

static void
p_alg(pair *c, const cmsfw_alg_id *a, const cmsfw_alg_id *b)
{
    p_bytes(c, a->oid, b->oid);
    p_bytes(c, a->params, b->params);
}

static void
p_name(pair *c, const cmsfw_pkg_name *a, const cmsfw_pkg_name *b)
{
    p_num(c, a->form, b->form);
    p_bytes(c, a->oid, b->oid);
    p_num(c, (int64_t)a->version, (int64_t)b->version);
    p_bytes(c, a->legacy, b->legacy);
}

static void
p_pkg_id(pair *c, const void *va, const void *vb)
{
    const cmsfw_pkg_id *a = va, *b = vb;

    p_name(c, &a->name, &b->name);
    p_num(c, a->stale_form, b->stale_form);
    p_num(c, (int64_t)a->stale_version, (int64_t)b->stale_version);
    p_bytes(c, a->stale_legacy, b->stale_legacy);
}

static void
p_pkg_name(pair *c, const void *va, const void *vb)
{
    p_name(c, va, vb);
}

static void
p_oid_list(pair *c, const void *va, const void *vb)
{
    const cmsfw_oid_list *a = va, *b = vb;
    size_t i;

    FUZZ_CHECK((a->n == 0) == (a->oids == NULL));
    p_num(c, (int64_t)a->n, (int64_t)b->n);
    for (i = 0; c->same && i < a->n; i++)
        p_bytes(c, a->oids[i], b->oids[i]);
}

static void
p_communities(pair *c, const void *va, const void *vb)
{
    const cmsfw_communities *a = va, *b = vb;
    size_t i, j;

    p_num(c, (int64_t)a->n, (int64_t)b->n);
    for (i = 0; c->same && i < a->n; i++) {
        const cmsfw_community *x = &a->items[i], *y = &b->items[i];

        p_num(c, x->kind, y->kind);
        p_bytes(c, x->oid, y->oid);
        p_bytes(c, x->hw_type, y->hw_type);
        p_num(c, (int64_t)x->n_entries, (int64_t)y->n_entries);
        for (j = 0; c->same && j < x->n_entries; j++) {
            p_num(c, x->entries[j].kind, y->entries[j].kind);
            p_bytes(c, x->entries[j].low, y->entries[j].low);
            p_bytes(c, x->entries[j].high, y->entries[j].high);
        }
    }
}

static void
p_pkg_info(pair *c, const void *va, const void *vb)
{
    const cmsfw_pkg_info *a = va, *b = vb;
    size_t i;

    p_num(c, a->has_type, b->has_type);
    p_num(c, a->type, b->type);
    p_num(c, a->has_deps, b->has_deps);
    p_num(c, (int64_t)a->n_deps, (int64_t)b->n_deps);
    for (i = 0; c->same && i < a->n_deps; i++)
        p_name(c, &a->deps[i], &b->deps[i]);
}

static void
p_fw_digest(pair *c, const void *va, const void *vb)
{
    const cmsfw_fw_digest *a = va, *b = vb;

    p_alg(c, &a->alg, &b->alg);
    p_bytes(c, a->digest, b->digest);
}

static void
p_hw_name(pair *c, const void *va, const void *vb)
{
    const cmsfw_hw_module_name *a = va, *b = vb;

    p_bytes(c, a->hw_type, b->hw_type);
    p_bytes(c, a->hw_serial, b->hw_serial);
}

static void
p_wrapped_key(pair *c, const void *va, const void *vb)
{
    const cmsfw_wrapped_key *a = va, *b = vb;
    size_t i;

    p_num(c, a->version, b->version);
    p_num(c, (int64_t)a->n_recipients, (int64_t)b->n_recipients);
    for (i = 0; c->same && i < a->n_recipients; i++) {
        const cmsfw_recipient *x = &a->recipients[i], *y = &b->recipients[i];

        p_num(c, x->kind, y->kind);
        p_num(c, x->version, y->version);
        p_bytes(c, x->key_id, y->key_id);
        p_alg(c, &x->key_enc_alg, &y->key_enc_alg);
        p_bytes(c, x->encrypted_key, y->encrypted_key);
        p_bytes(c, x->raw, y->raw);
    }
    p_bytes(c, a->content_type, b->content_type);
    p_alg(c, &a->cek_alg, &b->cek_alg);
    p_num(c, a->has_content, b->has_content);
    p_bytes(c, a->content, b->content);
    p_num(c, a->has_originator_info, b->has_originator_info);
    p_bytes(c, a->originator_info, b->originator_info);
    p_num(c, a->has_unprotected_attrs, b->has_unprotected_attrs);
    p_bytes(c, a->unprotected_attrs, b->unprotected_attrs);
}

static void
p_receipt(pair *c, const void *va, const void *vb)
{
    const cmsfw_receipt *a = va, *b = vb;

    p_bytes(c, a->hw_type, b->hw_type);
    p_bytes(c, a->hw_serial, b->hw_serial);
    p_name(c, &a->name, &b->name);
    p_bytes(c, a->trust_anchor_key_id, b->trust_anchor_key_id);
    p_bytes(c, a->decrypt_key_id, b->decrypt_key_id);
}

static void
p_error_report(pair *c, const void *va, const void *vb)
{
    const cmsfw_error_report *a = va, *b = vb;
    size_t i;

    p_bytes(c, a->hw_type, b->hw_type);
    p_bytes(c, a->hw_serial, b->hw_serial);
    p_num(c, a->error_code, b->error_code);
    p_num(c, a->has_vendor_code, b->has_vendor_code);
    p_num(c, a->vendor_code, b->vendor_code);
    p_num(c, a->has_name, b->has_name);
    p_name(c, &a->name, &b->name);
    p_num(c, a->has_config, b->has_config);
    p_num(c, (int64_t)a->n_config, (int64_t)b->n_config);
    for (i = 0; c->same && i < a->n_config; i++) {
        p_num(c, a->config[i].has_type, b->config[i].has_type);
        p_num(c, a->config[i].type, b->config[i].type);
        p_name(c, &a->config[i].name, &b->config[i].name);
    }
}

static void
p_octets(pair *c, const void *va, const void *vb)
{
    p_bytes(c, *(const cmsfw_bytes *)va, *(const cmsfw_bytes *)vb);
}

/* ------------------------------------- what fw.h lets an encoder refuse */

static int
never_refused(const void *v)
{
    (void)v;
    return 0;
}

static int
pkg_info_refused(const void *v)
{
    const cmsfw_pkg_info *a = v;

    return (!a->has_type && !a->has_deps) || (a->has_deps && a->n_deps == 0);
}

static int
error_report_refused(const void *v)
{
    const cmsfw_error_report *a = v;

    if (a->error_code < 0 || a->error_code > 99 || !cmsfw_err_is_rfc((int)a->error_code))
        return 1;
    return a->error_code == CMSFW_OTHER_ERROR && !a->has_vendor_code;
}

/* ------------------------------------------------------- the type table */

typedef cmsfw_err (*decode_fn)(void *v, const uint8_t *der, size_t len, cmsfw_diag *d);
typedef cmsfw_err (*encode_fn)(const void *v, uint8_t *out, size_t out_len, size_t *written,
                               cmsfw_diag *d);

typedef struct codec {
    const char *name;
    size_t size;
    decode_fn decode;
    encode_fn encode;
    void (*release)(void *v);
    void (*compare)(pair *c, const void *a, const void *b);
    int (*refused)(const void *v);
    int may_drop_version; /* an explicit version v1 is not re-encoded */
} codec;

/* The type-specific functions behind the codec's void pointers. */
#define FUZZ_CODEC_FNS(T, D, E, F)                                                        \
    static cmsfw_err dec_##T(void *v, const uint8_t *der, size_t len, cmsfw_diag *d)      \
    {                                                                                     \
        return D(v, der, len, d);                                                         \
    }                                                                                     \
    static cmsfw_err enc_##T(const void *v, uint8_t *out, size_t out_len, size_t *written, \
                             cmsfw_diag *d)                                               \
    {                                                                                     \
        return E(v, out, out_len, written, d);                                            \
    }                                                                                     \
    static void free_##T(void *v) { F(v); }

FUZZ_CODEC_FNS(pkg_id, cmsfw_pkg_id_decode, cmsfw_pkg_id_encode, cmsfw_pkg_id_free)
FUZZ_CODEC_FNS(pkg_name, cmsfw_pkg_name_decode, cmsfw_pkg_name_encode, cmsfw_pkg_name_free)
FUZZ_CODEC_FNS(oid_list, cmsfw_oid_list_decode, cmsfw_oid_list_encode, cmsfw_oid_list_free)
FUZZ_CODEC_FNS(communities, cmsfw_communities_decode, cmsfw_communities_encode,
               cmsfw_communities_free)
FUZZ_CODEC_FNS(pkg_info, cmsfw_pkg_info_decode, cmsfw_pkg_info_encode, cmsfw_pkg_info_free)
FUZZ_CODEC_FNS(fw_digest, cmsfw_fw_digest_decode, cmsfw_fw_digest_encode, cmsfw_fw_digest_free)
FUZZ_CODEC_FNS(hw_name, cmsfw_hw_module_name_decode, cmsfw_hw_module_name_encode,
               cmsfw_hw_module_name_free)
FUZZ_CODEC_FNS(wrapped_key, cmsfw_wrapped_key_decode, cmsfw_wrapped_key_encode,
               cmsfw_wrapped_key_free)
FUZZ_CODEC_FNS(receipt, cmsfw_receipt_decode, cmsfw_receipt_encode, cmsfw_receipt_free)
FUZZ_CODEC_FNS(error_report, cmsfw_error_report_decode, cmsfw_error_report_encode,
               cmsfw_error_report_free)
FUZZ_CODEC_FNS(othername, cmsfw_hw_module_othername_decode, cmsfw_hw_module_othername_encode,
               cmsfw_hw_module_name_free)

static cmsfw_err
dec_octets(void *v, const uint8_t *der, size_t len, cmsfw_diag *d)
{
    return cmsfw_octets_decode(v, der, len, d);
}

static cmsfw_err
enc_octets(const void *v, uint8_t *out, size_t out_len, size_t *written, cmsfw_diag *d)
{
    return cmsfw_octets_encode(*(const cmsfw_bytes *)v, out, out_len, written, d);
}

/* An OCTET STRING value owns nothing; free() only zeroes it. */
static void
free_octets(void *v)
{
    memset(v, 0, sizeof(cmsfw_bytes));
}

/* The selector octet of each type: the seed corpus builder
 * (fuzz/seeds.py) uses the same numbers. */
static const codec codecs[] = {
    {"FirmwarePackageIdentifier", sizeof(cmsfw_pkg_id), dec_pkg_id, enc_pkg_id, free_pkg_id,
     p_pkg_id, never_refused, 0},
    {"PreferredOrLegacyPackageIdentifier", sizeof(cmsfw_pkg_name), dec_pkg_name, enc_pkg_name,
     free_pkg_name, p_pkg_name, never_refused, 0},
    {"SEQUENCE OF OBJECT IDENTIFIER", sizeof(cmsfw_oid_list), dec_oid_list, enc_oid_list,
     free_oid_list, p_oid_list, never_refused, 0},
    {"CommunityIdentifiers", sizeof(cmsfw_communities), dec_communities, enc_communities,
     free_communities, p_communities, never_refused, 0},
    {"FirmwarePackageInfo", sizeof(cmsfw_pkg_info), dec_pkg_info, enc_pkg_info, free_pkg_info,
     p_pkg_info, pkg_info_refused, 0},
    {"FirmwarePackageMessageDigest", sizeof(cmsfw_fw_digest), dec_fw_digest, enc_fw_digest,
     free_fw_digest, p_fw_digest, never_refused, 0},
    {"HardwareModuleName", sizeof(cmsfw_hw_module_name), dec_hw_name, enc_hw_name, free_hw_name,
     p_hw_name, never_refused, 0},
    {"WrappedFirmwareKey", sizeof(cmsfw_wrapped_key), dec_wrapped_key, enc_wrapped_key,
     free_wrapped_key, p_wrapped_key, never_refused, 0},
    {"FirmwarePackageLoadReceipt", sizeof(cmsfw_receipt), dec_receipt, enc_receipt, free_receipt,
     p_receipt, never_refused, 1},
    {"FirmwarePackageLoadError", sizeof(cmsfw_error_report), dec_error_report, enc_error_report,
     free_error_report, p_error_report, error_report_refused, 1},
    {"OCTET STRING", sizeof(cmsfw_bytes), dec_octets, enc_octets, free_octets, p_octets,
     never_refused, 0},
    {"otherName HardwareModuleName", sizeof(cmsfw_hw_module_name), dec_othername, enc_othername,
     free_othername, p_hw_name, never_refused, 0},
};
#define N_CODECS (sizeof codecs / sizeof codecs[0])
/* selector N_CODECS: ContentInfo wrapping */
#define N_TYPES (N_CODECS + 1)

/* ---------------------------------------------------------- round trips */

/* Largest decoded value, as raw storage. */
typedef union any_value {
    cmsfw_pkg_id pkg_id;
    cmsfw_oid_list oid_list;
    cmsfw_communities communities;
    cmsfw_pkg_info pkg_info;
    cmsfw_fw_digest fw_digest;
    cmsfw_hw_module_name hw_name;
    cmsfw_wrapped_key wrapped_key;
    cmsfw_receipt receipt;
    cmsfw_error_report error_report;
    cmsfw_bytes octets;
} any_value;

static int
all_zero(const void *v, size_t n)
{
    const uint8_t *p = v;
    size_t i;

    for (i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* What fw.h promises of every accepted input, checked with the cursor of
 * asn1/der.c: exactly one TLV, DER all the way down. */
static int
is_one_der_value(const uint8_t *x, size_t n)
{
    cmsfw_der_cur c;
    cmsfw_der_tlv t;

    cmsfw_der_init(&c, x, n, 0);
    return cmsfw_der_read(&c, &t) == CMSFW_DER_OK && cmsfw_der_at_end(&c) &&
           cmsfw_der_walk(&t, 0) == CMSFW_DER_OK;
}

static void
release_twice(const codec *k, void *v)
{
    k->release(v);
    FUZZ_CHECK(all_zero(v, k->size));
    k->release(v);
}

/* Encode v; the caller frees *out. Checks the size query and the answer
 * to a buffer one octet short. */
static cmsfw_err
encode(const codec *k, const void *v, uint8_t **out, size_t *out_len)
{
    cmsfw_diag d;
    size_t need = 0, w = 0;
    uint8_t *buf, *small;
    cmsfw_err e;

    *out = NULL;
    *out_len = 0;
    memset(&d, 0x55, sizeof d);
    e = k->encode(v, NULL, 0, &need, &d);
    if (e != CMSFW_OK) {
        FUZZ_CHECK(fuzz_diag_ok(&d));
        return e;
    }
    FUZZ_CHECK(need > 0);
    buf = malloc(need);
    small = malloc(need - 1 > 0 ? need - 1 : 1);
    FUZZ_CHECK(buf != NULL && small != NULL);
    FUZZ_CHECK(k->encode(v, buf, need, &w, &d) == CMSFW_OK && w == need);
    w = 0;
    FUZZ_CHECK(k->encode(v, small, need - 1, &w, &d) == CMSFW_E_BUFFER && w == need);
    free(small);
    *out = buf;
    *out_len = need;
    return CMSFW_OK;
}

static void
round_trip(const codec *k, const uint8_t *x, size_t n)
{
    any_value v, v2;
    cmsfw_diag d;
    pair c = {x, n, x, n, 1};
    uint8_t *e = NULL, *e2 = NULL;
    size_t en = 0, en2 = 0;
    cmsfw_err st;

    memset(&d, 0x55, sizeof d);
    memset(&v, 0x55, sizeof v);
    st = k->decode(&v, x, n, &d);
    if (st != CMSFW_OK) {
        FUZZ_CHECK(st == CMSFW_DECODE_FAILURE || st == CMSFW_E_NOMEM);
        FUZZ_CHECK(all_zero(&v, k->size) && fuzz_diag_ok(&d));
        return;
    }
    FUZZ_CHECK(is_one_der_value(x, n));
    k->compare(&c, &v, &v); /* views inside the input */

    st = encode(k, &v, &e, &en);
    if (k->refused(&v)) {
        FUZZ_CHECK(st == CMSFW_E_ARG);
        release_twice(k, &v);
        return;
    }
    FUZZ_CHECK(st == CMSFW_OK);
    if (en != n || memcmp(e, x, n) != 0)
        FUZZ_CHECK(k->may_drop_version && en < n);

    memset(&v2, 0x55, sizeof v2);
    FUZZ_CHECK(k->decode(&v2, e, en, &d) == CMSFW_OK);
    c.bb = e;
    c.lb = en;
    k->compare(&c, &v, &v2);
    FUZZ_CHECK(c.same);
    FUZZ_CHECK(encode(k, &v2, &e2, &en2) == CMSFW_OK);
    FUZZ_CHECK(en2 == en && memcmp(e2, e, en) == 0);

    release_twice(k, &v);
    release_twice(k, &v2);
    free(e);
    free(e2);
}

/* ContentInfo { x[1..1+L] as the OID, the rest as the content }, L = x[0]:
 * whatever the encoder accepts must read back as exactly that. */
static void
content_info(const uint8_t *x, size_t n)
{
    cmsfw_bytes oid, content;
    uint8_t *out;
    size_t need = 0, w = 0;
    cmsfw_diag d;
    cmsfw_der_cur c, in;
    cmsfw_der_tlv seq, t;
    cmsfw_err e;

    if (n == 0)
        return;
    memset(&d, 0x55, sizeof d);
    oid.len = x[0] < n - 1 ? x[0] : n - 1;
    oid.ptr = x + 1;
    content.ptr = x + 1 + oid.len;
    content.len = n - 1 - oid.len;
    e = cmsfw_content_info_encode(oid, content, NULL, 0, &need, &d);
    if (e != CMSFW_OK) {
        FUZZ_CHECK(e == CMSFW_E_ARG && fuzz_diag_ok(&d));
        return;
    }
    out = malloc(need);
    FUZZ_CHECK(out != NULL);
    FUZZ_CHECK(cmsfw_content_info_encode(oid, content, out, need, &w, &d) == CMSFW_OK);
    FUZZ_CHECK(w == need);

    cmsfw_der_init(&c, out, need, 0);
    FUZZ_CHECK(cmsfw_der_expect(&c, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, &seq) ==
               CMSFW_DER_OK);
    FUZZ_CHECK(cmsfw_der_at_end(&c));
    cmsfw_der_enter(&in, &seq, 0);
    FUZZ_CHECK(cmsfw_der_expect(&in, CMSFW_DER_UNIVERSAL, 0, CMSFW_DER_TAG_OID, &t) ==
               CMSFW_DER_OK);
    FUZZ_CHECK(t.len == oid.len && memcmp(t.val, oid.ptr, oid.len) == 0);
    FUZZ_CHECK(cmsfw_der_expect(&in, CMSFW_DER_CONTEXT, 1, 0, &t) == CMSFW_DER_OK);
    FUZZ_CHECK(t.len == content.len && memcmp(t.val, content.ptr, content.len) == 0);
    FUZZ_CHECK(cmsfw_der_at_end(&in));
    free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t sel;

    if (size == 0)
        return 0;
    sel = data[0] % N_TYPES;
    if (sel < N_CODECS)
        round_trip(&codecs[sel], data + 1, size - 1);
    else
        content_info(data + 1, size - 1);
    return 0;
}
