/*
 * test_min_report.c: the minimal profile's receipt and error report
 * encoders (cms/min_report.c) against the full profile's template
 * encoders (cmsfw_receipt_encode, cmsfw_error_report_encode): the same
 * octets, or the same refusal, for thousands of value combinations
 * (optional fields present and absent, both name forms, big versions,
 * long serials, every error code, config lists, OIDs at and past every
 * limit); the buffer rules; and the ContentInfo the processor writes,
 * decoded again with the full profile.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>
#include <cmsfw/inspect.h>
#include <cmsfw/minimal.h>
#include <cmsfw/oid.h>

#include "cms/min_priv.h"
#include "cu_main.h"

/* ------------------------------------------------------------- pools */

static uint8_t big[70000];
static uint8_t oid_max[64], oid_long[65], oid_dot_ok[64], oid_dot_over[64], oid_dot_edge[63];

static const uint8_t oid_pen[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xff, 0x29, 0x01, 0x01};
static const uint8_t oid_one[] = {0x2a};
static const uint8_t oid_2_48[] = {0x81, 0x00};
static const uint8_t oid_arc_max[] = {0x2a, 0x81, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
static const uint8_t oid_arc_over[] = {0x2a, 0x82, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00};
static const uint8_t oid_lead80[] = {0x2a, 0x80, 0x01};
static const uint8_t oid_open[] = {0x2a, 0x86};

static cmsfw_bytes
mk(const uint8_t *p, size_t n)
{
    cmsfw_bytes b;

    b.ptr = p;
    b.len = n;
    return b;
}

#define N_OIDS 14
static cmsfw_bytes
pick_oid(unsigned k)
{
    static const uint8_t empty[1] = {0};

    switch (k % N_OIDS) {
    case 0: return mk(oid_pen, sizeof oid_pen);
    case 1: return mk(oid_one, sizeof oid_one);
    case 2: return mk(oid_2_48, sizeof oid_2_48);
    case 3: return mk(oid_arc_max, sizeof oid_arc_max);
    case 4: return mk(oid_max, sizeof oid_max);
    case 5: return mk(oid_dot_ok, sizeof oid_dot_ok);
    case 6: return mk(oid_dot_edge, sizeof oid_dot_edge);
    case 7: return mk(oid_dot_over, sizeof oid_dot_over); /* refused: dotted text */
    case 8: return mk(oid_long, sizeof oid_long);         /* refused: 65 octets */
    case 9: return mk(oid_arc_over, sizeof oid_arc_over); /* refused: arc > 2^64-1 */
    case 10: return mk(oid_lead80, sizeof oid_lead80);    /* refused */
    case 11: return mk(oid_open, sizeof oid_open);        /* refused */
    case 12: return mk(empty, 0);                         /* refused */
    default: return mk(NULL, 0);                          /* refused */
    }
}

#define N_OCTETS 10
static cmsfw_bytes
pick_octets(unsigned k)
{
    static const size_t lens[N_OCTETS] = {0, 0, 1, 8, 127, 128, 255, 256, 300, sizeof big};

    if (k % N_OCTETS == 0)
        return mk(NULL, 0);
    return mk(big, lens[k % N_OCTETS]);
}

static const uint64_t versions[] = {0, 1, 127, 128, 255, 256, 0x7fffffffu, 0x80000000u,
                                    INT64_MAX, (uint64_t)INT64_MAX + 1, UINT64_MAX};
static const int64_t ints[] = {0, 1, -1, 127, 128, -128, -129, 255, 65535, INT64_MAX, INT64_MIN};
#define N_VERSIONS (sizeof versions / sizeof versions[0])
#define N_INTS (sizeof ints / sizeof ints[0])

/* xorshift: the same combinations on every run */
static uint32_t seed = 0x12345678u;

static unsigned
rnd(unsigned n)
{
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed % n;
}

static void
pick_name(cmsfw_pkg_name *n)
{
    unsigned f = rnd(8);

    memset(n, 0, sizeof *n);
    n->form = f < 4 ? CMSFW_NAME_PREFERRED : f < 7 ? CMSFW_NAME_LEGACY : (cmsfw_name_form)rnd(4) * 3;
    /* valid OIDs more often than not, so that most values encode */
    n->oid = pick_oid(rnd(3) == 0 ? rnd(N_OIDS) : rnd(7));
    n->version = versions[rnd(N_VERSIONS)];
    n->legacy = pick_octets(rnd(4) == 0 ? rnd(N_OCTETS) : 1 + rnd(N_OCTETS - 1));
}

static void
init_pools(void)
{
    size_t i;

    for (i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)(i * 7 + 3);
    /* 64 one-octet arcs of 3 digits: "1.3" + 63 x ".1xx" is 255 characters */
    oid_dot_ok[0] = 0x2b;
    for (i = 1; i < sizeof oid_dot_ok; i++)
        oid_dot_ok[i] = (uint8_t)(100 + i % 28);
    /* "2.47" + 63 x ".1xx" is 256: one past what the full profile writes */
    memcpy(oid_dot_over, oid_dot_ok, sizeof oid_dot_over);
    oid_dot_over[0] = 0x7f;
    /* "2.47" + 62 x ".1xx" is 252 */
    memcpy(oid_dot_edge, oid_dot_over, sizeof oid_dot_edge);
    for (i = 0; i < sizeof oid_max; i++)
        oid_max[i] = (uint8_t)(i % 2 == 0 ? 0x81 : 0x05); /* 32 two-octet arcs */
    oid_max[0] = 0x2a;
    oid_max[1] = 0x03;
    memcpy(oid_long, oid_max, sizeof oid_max);
    oid_long[64] = 0x01;
}

/* ------------------------------------------------------------ compare */

typedef cmsfw_err (*full_fn)(const void *v, uint8_t *out, size_t cap, size_t *len);
typedef cmsfw_err (*min_fn)(const void *v, uint8_t *out, size_t cap, size_t *len);

static cmsfw_err
full_receipt(const void *v, uint8_t *out, size_t cap, size_t *len)
{
    return cmsfw_receipt_encode(v, out, cap, len, NULL);
}

static cmsfw_err
min_receipt(const void *v, uint8_t *out, size_t cap, size_t *len)
{
    return cmsfw_min_encode_receipt(v, out, cap, len);
}

static cmsfw_err
full_error(const void *v, uint8_t *out, size_t cap, size_t *len)
{
    return cmsfw_error_report_encode(v, out, cap, len, NULL);
}

static cmsfw_err
min_error(const void *v, uint8_t *out, size_t cap, size_t *len)
{
    return cmsfw_min_encode_error_report(v, out, cap, len);
}

static unsigned n_encoded, n_refused, n_mismatch;

/* Both encoders on v: the same verdict, the same octets, the buffer rules. */
static void
compare(full_fn ff, min_fn mf, const void *v)
{
    uint8_t *a = NULL, *b = NULL;
    size_t na = 0, nb = 99, nc = 0;
    cmsfw_err ea, eb;

    ea = ff(v, NULL, 0, &na);
    eb = mf(v, NULL, 0, &nb);
    if (ea != CMSFW_OK) {
        n_refused++;
        CU_ASSERT_EQUAL(ea, CMSFW_E_ARG);
        CU_ASSERT_EQUAL(eb, CMSFW_E_ARG);
        CU_ASSERT_EQUAL(nb, 0);
        if (eb != CMSFW_E_ARG)
            n_mismatch++;
        return;
    }
    n_encoded++;
    /* out NULL: the size needed, with CMSFW_E_BUFFER (cmsfw/minimal.h) */
    CU_ASSERT_EQUAL(eb, CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(nb, na);
    a = malloc(na);
    b = malloc(na + 1);
    if (a == NULL || b == NULL) {
        CU_FAIL("out of memory");
        free(a);
        free(b);
        return;
    }
    CU_ASSERT_EQUAL(ff(v, a, na, &na), CMSFW_OK);
    memset(b, 0xee, na + 1);
    CU_ASSERT_EQUAL(mf(v, b, na - 1, &nc), CMSFW_E_BUFFER); /* one short */
    CU_ASSERT_EQUAL(nc, na);
    CU_ASSERT_EQUAL(mf(v, b, na + 1, &nc), CMSFW_OK);
    CU_ASSERT_EQUAL(nc, na);
    CU_ASSERT_EQUAL(b[na], 0xee); /* nothing past the value */
    if (nc != na || memcmp(a, b, na) != 0) {
        n_mismatch++;
        CU_FAIL("the minimal encoder's octets differ from the full encoder's");
    }
    free(a);
    free(b);
}

static void
test_receipt_combinations(void)
{
    cmsfw_receipt r;
    unsigned i;

    n_encoded = n_refused = n_mismatch = 0;
    for (i = 0; i < 4000; i++) {
        memset(&r, 0, sizeof r);
        r.hw_type = pick_oid(i < 2 * N_OIDS ? i : rnd(4) == 0 ? rnd(N_OIDS) : rnd(7));
        r.hw_serial = pick_octets(i < 2 * N_OCTETS ? i : rnd(5) == 0 ? rnd(N_OCTETS) : 1 + rnd(8));
        pick_name(&r.name);
        r.trust_anchor_key_id = pick_octets(rnd(N_OCTETS));
        r.decrypt_key_id = pick_octets(rnd(N_OCTETS));
        compare(full_receipt, min_receipt, &r);
    }
    printf("\n  receipts: %u encoded, %u refused, %u mismatches\n", n_encoded, n_refused,
           n_mismatch);
    CU_ASSERT(n_encoded > 1000);
    CU_ASSERT(n_refused > 200);
}

static void
test_error_combinations(void)
{
    cmsfw_fw_config cfg[3];
    cmsfw_error_report r;
    unsigned i, k;

    n_encoded = n_refused = n_mismatch = 0;
    for (i = 0; i < 6000; i++) {
        memset(&r, 0, sizeof r);
        r.hw_type = pick_oid(rnd(4) == 0 ? rnd(N_OIDS) : rnd(7));
        r.hw_serial = pick_octets(rnd(6) == 0 ? rnd(N_OCTETS) : 1 + rnd(8));
        /* every code from -1 to 101 in turn, then at random */
        r.error_code = i < 103 ? (int64_t)i - 1 : (int64_t)rnd(103) - 1;
        r.has_vendor_code = rnd(3) != 0;
        r.vendor_code = ints[rnd(N_INTS)];
        r.has_name = rnd(2);
        pick_name(&r.name);
        r.has_config = rnd(2);
        r.n_config = rnd(4);
        for (k = 0; k < 3; k++) {
            cfg[k].has_type = rnd(2);
            cfg[k].type = ints[rnd(N_INTS)];
            pick_name(&cfg[k].name);
        }
        r.config = rnd(8) == 0 ? NULL : cfg;
        compare(full_error, min_error, &r);
    }
    printf("\n  error reports: %u encoded, %u refused, %u mismatches\n", n_encoded, n_refused,
           n_mismatch);
    CU_ASSERT(n_encoded > 1000);
    CU_ASSERT(n_refused > 500);
}

/* Each value refused alone, the rest valid. */
static void
test_refusals(void)
{
    cmsfw_receipt r;
    cmsfw_error_report e;
    size_t n = 7;

    memset(&r, 0, sizeof r);
    r.hw_type = mk(oid_pen, sizeof oid_pen);
    r.hw_serial = mk(big, 4);
    r.name.form = CMSFW_NAME_LEGACY;
    r.name.legacy = mk(big, 3);
    CU_ASSERT_EQUAL(cmsfw_min_encode_receipt(&r, NULL, 0, &n), CMSFW_E_BUFFER);
    CU_ASSERT_EQUAL(cmsfw_min_encode_receipt(&r, big, 0, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_min_encode_receipt(NULL, big, sizeof big, &n), CMSFW_E_ARG);
    r.hw_type = mk(oid_dot_over, sizeof oid_dot_over);
    CU_ASSERT_EQUAL(cmsfw_min_encode_receipt(&r, NULL, 0, &n), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(n, 0);
    compare(full_receipt, min_receipt, &r);
    r.hw_type = mk(oid_pen, sizeof oid_pen);
    r.name.form = (cmsfw_name_form)0;
    CU_ASSERT_EQUAL(cmsfw_min_encode_receipt(&r, NULL, 0, &n), CMSFW_E_ARG);

    memset(&e, 0, sizeof e);
    e.hw_type = mk(oid_pen, sizeof oid_pen);
    e.hw_serial = mk(big, 0);
    e.error_code = CMSFW_OTHER_ERROR; /* needs a vendor code */
    CU_ASSERT_EQUAL(cmsfw_min_encode_error_report(&e, NULL, 0, &n), CMSFW_E_ARG);
    e.has_vendor_code = 1;
    CU_ASSERT_EQUAL(cmsfw_min_encode_error_report(&e, NULL, 0, &n), CMSFW_E_BUFFER);
    compare(full_error, min_error, &e);
    e.error_code = 37; /* not assigned */
    CU_ASSERT_EQUAL(cmsfw_min_encode_error_report(&e, NULL, 0, &n), CMSFW_E_ARG);
    e.error_code = CMSFW_STALE_PACKAGE;
    e.has_config = 1;
    e.n_config = 2; /* and no array */
    CU_ASSERT_EQUAL(cmsfw_min_encode_error_report(&e, NULL, 0, &n), CMSFW_E_ARG);
    e.n_config = 0; /* an empty [1] */
    compare(full_error, min_error, &e);
}

/* ------------------------------------------------ from the processor */

static int
no_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    (void)off;
    (void)p;
    (void)n;
    return -1;
}

static int
no_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    (void)io;
    (void)off;
    (void)p;
    (void)n;
    return -1;
}

/* The full profile's ContentInfo around a DER value. */
static size_t
full_wrap(const char *ct, const uint8_t *der, size_t n, uint8_t *out, size_t cap)
{
    const cmsfw_oid_entry *e = cmsfw_oid_lookup(ct);
    size_t len = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(e);
    CU_ASSERT_EQUAL(cmsfw_content_info_encode(mk(e->der, e->der_len), mk(der, n), out, cap, &len,
                                              NULL),
                    CMSFW_OK);
    return len;
}

static void
test_processor_outputs(void)
{
    static uint8_t work[CMSFW_MIN_WORK_DEFAULT];
    static const uint8_t ta[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20};
    static const uint8_t dk[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08};
    cmsfw_installed inst[2];
    cmsfw_device dev;
    cmsfw_stage stage;
    cmsfw_inspection insp;
    cmsfw_receipt r;
    cmsfw_error_report e;
    cmsfw_fw_config cfg[2];
    cmsfw_min *m;
    uint8_t a[512], b[512], full[600];
    size_t na = 0, nb = 0, nf = 0;
    int enc, code;

    memset(&dev, 0, sizeof dev);
    memset(&stage, 0, sizeof stage);
    dev.hw_type = mk(oid_pen, sizeof oid_pen);
    dev.hw_serial = mk(big, 6);
    stage.write = no_write;
    stage.read = no_read;
    memset(inst, 0, sizeof inst);
    inst[0].name.form = CMSFW_NAME_PREFERRED;
    inst[0].name.oid = mk(oid_pen, sizeof oid_pen);
    inst[0].name.version = 7;
    inst[0].has_type = 1;
    inst[0].type = 3;
    inst[1].name.form = CMSFW_NAME_LEGACY;
    inst[1].name.legacy = mk(big, 5);
    for (enc = 0; enc < 2; enc++) {
        m = cmsfw_min_init(work, sizeof work, &dev, &stage);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        CU_ASSERT_EQUAL(cmsfw_min_receipt(m, a, sizeof a, &na), CMSFW_E_STATE);
        m->res.has_pkg_id = 1;
        m->res.pkg_id.name.form = CMSFW_NAME_PREFERRED;
        m->res.pkg_id.name.oid = mk(oid_pen, sizeof oid_pen);
        m->res.pkg_id.name.version = UINT64_MAX;
        m->res.trust_anchor_key_id = mk(ta, sizeof ta);
        m->res.decrypt_key_id = mk(dk, sizeof dk);
        m->res.layers = enc ? CMSFW_LAYER_AUTH_ENVELOPED : 0;
        m->phase = MIN_ACCEPTED;
        CU_ASSERT_EQUAL(cmsfw_min_receipt(m, a, sizeof a, &na), CMSFW_E_STATE);
        m->phase = MIN_UNWRAPPED;
        CU_ASSERT_EQUAL(cmsfw_min_receipt(m, NULL, 0, &na), CMSFW_E_BUFFER);
        CU_ASSERT_EQUAL(cmsfw_min_receipt(m, a, na - 1, &nb), CMSFW_E_BUFFER);
        CU_ASSERT_EQUAL(nb, na);
        CU_ASSERT_EQUAL_FATAL(cmsfw_min_receipt(m, a, sizeof a, &na), CMSFW_OK);
        /* what cmsfw verify --receipt writes for the same result */
        memset(&r, 0, sizeof r);
        r.hw_type = dev.hw_type;
        r.hw_serial = dev.hw_serial;
        r.name = m->res.pkg_id.name;
        r.trust_anchor_key_id = m->res.trust_anchor_key_id;
        if (enc)
            r.decrypt_key_id = m->res.decrypt_key_id;
        CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_encode(&r, b, sizeof b, &nb, NULL), CMSFW_OK);
        nf = full_wrap("id-ct-firmwareLoadReceipt", b, nb, full, sizeof full);
        CU_ASSERT_EQUAL(na, nf);
        CU_ASSERT(memcmp(a, full, nf) == 0);
        memset(&insp, 0, sizeof insp);
        CU_ASSERT_EQUAL_FATAL(cmsfw_inspect(&insp, a, na, NULL), CMSFW_OK);
        CU_ASSERT_EQUAL(insp.kind, CMSFW_INSPECT_RECEIPT);
        CU_ASSERT_EQUAL(insp.wrap, CMSFW_WRAP_CONTENT_INFO);
        CU_ASSERT_EQUAL(insp.receipt.name.version, UINT64_MAX);
        CU_ASSERT_EQUAL(insp.receipt.decrypt_key_id.ptr != NULL, enc);
        CU_ASSERT_EQUAL(insp.receipt.trust_anchor_key_id.len, sizeof ta);
        cmsfw_inspection_free(&insp);
        /* the receipt inside decodes on its own */
        memset(&r, 0, sizeof r);
        CU_ASSERT_EQUAL(cmsfw_receipt_decode(&r, b, nb, NULL), CMSFW_OK);
        cmsfw_receipt_free(&r);

        /* error reports: with and without the name and the config list */
        dev.installed = enc ? inst : NULL;
        dev.n_installed = enc ? 2 : 0;
        m->res.has_pkg_id = enc;
        for (code = -5; code <= 100; code++) {
            cmsfw_err want = CMSFW_OK;

            memset(&e, 0, sizeof e);
            e.hw_type = dev.hw_type;
            e.hw_serial = dev.hw_serial;
            e.error_code = code < 0 ? CMSFW_OTHER_ERROR : code;
            e.has_vendor_code = code < 0 || code == CMSFW_OTHER_ERROR;
            e.vendor_code = code < 0 ? code : 0;
            e.has_name = enc;
            e.name = m->res.pkg_id.name;
            e.has_config = enc;
            e.n_config = dev.n_installed;
            cfg[0].has_type = inst[0].has_type;
            cfg[0].type = inst[0].type;
            cfg[0].name = inst[0].name;
            cfg[1].has_type = inst[1].has_type;
            cfg[1].type = inst[1].type;
            cfg[1].name = inst[1].name;
            e.config = cfg;
            if (cmsfw_error_report_encode(&e, b, sizeof b, &nb, NULL) != CMSFW_OK)
                want = CMSFW_E_ARG;
            CU_ASSERT_EQUAL(cmsfw_min_error_report(m, (cmsfw_err)code, a, sizeof a, &na), want);
            if (want != CMSFW_OK)
                continue;
            nf = full_wrap("id-ct-firmwareLoadError", b, nb, full, sizeof full);
            CU_ASSERT_EQUAL(na, nf);
            CU_ASSERT(memcmp(a, full, nf) == 0);
            memset(&insp, 0, sizeof insp);
            CU_ASSERT_EQUAL(cmsfw_inspect(&insp, a, na, NULL), CMSFW_OK);
            CU_ASSERT_EQUAL(insp.kind, CMSFW_INSPECT_ERROR);
            CU_ASSERT_EQUAL(insp.error.error_code, code < 0 ? CMSFW_OTHER_ERROR : code);
            CU_ASSERT_EQUAL(insp.error.n_config, (size_t)dev.n_installed);
            cmsfw_inspection_free(&insp);
        }
        cmsfw_min_end(m);
    }
}

int
main(void)
{
    static CU_TestInfo tests[] = {
        {"receipts: minimal octets equal the full encoder's", test_receipt_combinations},
        {"error reports: minimal octets equal the full encoder's", test_error_combinations},
        {"refusals and buffer rules", test_refusals},
        {"receipt and error report of a processor, in a ContentInfo", test_processor_outputs},
        CU_TEST_INFO_NULL,
    };
    static CU_SuiteInfo suites[] = {
        {"min_report", NULL, NULL, NULL, NULL, tests},
        CU_SUITE_INFO_NULL,
    };

    init_pools();
    return cu_run(suites);
}
