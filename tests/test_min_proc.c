/*
 * test_min_proc.c: the minimal profile's processor core (cms/min_proc.c,
 * cms/min_stream.c): init and the work buffer, the tokenizer (step 1 and
 * its limits), steps 2, 3 and 5, the stage, latching. Verdicts are
 * compared with the full profile's cmsfw_proc on the same octets, over
 * the shipped vectors and packages built here, fed whole and in pieces.
 * Every run of the minimal profile has guard octets around its work
 * buffer, checked after cmsfw_min_end(). HSS/LMS packages made here check
 * the signature streamed to its verifier (cms/min_algs.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>
#include <cmsfw/minimal.h>
#include <cmsfw/protect.h>

#include "backends/backend.h"
#include "backends/lms.h"
#include "cms/min_priv.h"
#include "cu_main.h"
#include "ber_builder.h"

#define GUARD 64
#define GUARD_BYTE 0xA5
#define WHOLE ((size_t)-1)

static const uint8_t hw_oid[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xff, 0x29, 0x01, 0x01};

/* ------------------------------------------------------------ helpers */

typedef struct blob {
    uint8_t *p;
    size_t len;
} blob;

static blob
load(const char *rel)
{
    char path[2048];
    const char *top = getenv("top_srcdir");
    blob b = {NULL, 0};
    FILE *fp;
    long n;

    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", rel);
    fp = fopen(path, "rb");
    if (fp == NULL)
        return b;
    if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0) {
        b.p = malloc((size_t)n);
        if (b.p != NULL)
            b.len = fread(b.p, 1, (size_t)n, fp);
    }
    fclose(fp);
    return b;
}

/* A stage in memory that records what it receives. */
typedef struct rec {
    int answer; /* what image() answers */
    int writes, discards, images, bad_offset;
    uint8_t *p;
    size_t len, cap;
} rec;

static int
rec_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    rec *r = io;

    r->writes++;
    if (off != r->len)
        r->bad_offset = 1;
    if (n > r->cap - r->len) {
        size_t cap = (r->len + n) * 2 + 64;
        uint8_t *q = realloc(r->p, cap);
        if (q == NULL)
            return -1;
        r->p = q;
        r->cap = cap;
    }
    memcpy(r->p + r->len, p, n);
    r->len += n;
    return 0;
}

static int
rec_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    rec *r = io;

    if (off > r->len || n > r->len - off)
        return -1;
    memcpy(p, r->p + off, n);
    return 0;
}

static void
rec_discard(void *io)
{
    ((rec *)io)->discards++;
}

static int
rec_image(void *io)
{
    rec *r = io;

    r->images++;
    return r->answer;
}

static cmsfw_stage
rec_stage(rec *r)
{
    cmsfw_stage st;

    memset(&st, 0, sizeof st);
    st.write = rec_write;
    st.read = rec_read;
    st.discard = rec_discard;
    st.image = rec_image;
    st.io = r;
    return st;
}

/* When set, the device of both profiles (one with anchors). */
static const cmsfw_device *dev_override;

static cmsfw_device
device(void)
{
    cmsfw_device d;

    if (dev_override != NULL)
        return *dev_override;
    memset(&d, 0, sizeof d);
    d.hw_type.ptr = hw_oid;
    d.hw_type.len = sizeof hw_oid;
    return d;
}

/* The full profile's finish() verdict; @p r receives the staged octets. */
static cmsfw_err
run_full(const uint8_t *pkg, size_t len, rec *r, cmsfw_result *res)
{
    cmsfw_device dev = device();
    cmsfw_stage st = rec_stage(r);
    cmsfw_proc *p = cmsfw_proc_new();
    cmsfw_err err;

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    cmsfw_proc_init(p, &dev, &st);
    if (cmsfw_proc_push(p, pkg, len) != CMSFW_OK) {
        /* the error is latched: finish() returns it */
    }
    err = cmsfw_proc_finish(p, res);
    cmsfw_proc_delete(p);
    return err;
}

/* One run of the minimal profile and what it left. */
typedef struct min_run {
    cmsfw_err err;
    uint32_t limits;
    const char *reason;
    cmsfw_result res;
    size_t used;
    cmsfw__min_framing f; /* copied before end() wipes it */
    rec stage;
} min_run;

static int
guards_intact(const uint8_t *g, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (g[i] != GUARD_BYTE)
            return 0;
    return 1;
}

/* Feed @p pkg in pieces of @p chunk (WHOLE: at once) to a processor in a
 * work buffer of @p work_len octets starting @p shift octets past an
 * aligned address, with guards on both sides. */
static min_run
run_min_at(const uint8_t *pkg, size_t len, size_t chunk, size_t work_len, size_t shift,
           int answer)
{
    cmsfw_device dev = device();
    min_run out;
    cmsfw_stage st;
    uint8_t *area = malloc(GUARD + shift + work_len + GUARD);
    uint8_t *work;
    cmsfw_min *m;
    size_t i, n;

    memset(&out, 0, sizeof out);
    out.stage.answer = answer;
    st = rec_stage(&out.stage);
    CU_ASSERT_PTR_NOT_NULL_FATAL(area);
    memset(area, GUARD_BYTE, GUARD + shift + work_len + GUARD);
    work = area + GUARD + shift;
    m = cmsfw_min_init(work, work_len, &dev, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT((uint8_t *)m >= work && (uint8_t *)m + sizeof *m <= work + work_len);
    for (i = 0; i < len; i += n) {
        n = chunk == WHOLE || chunk > len - i ? len - i : chunk;
        if (cmsfw_min_push(m, pkg + i, n) != CMSFW_OK)
            break;
    }
    out.err = cmsfw_min_finish(m, &out.res);
    out.limits = cmsfw_min_limits(m);
    out.reason = cmsfw_min_reason(m);
    out.used = cmsfw_min_work_used(m);
    out.f = m->f;
    CU_ASSERT(out.used <= work_len);
    CU_ASSERT(cmsfw_min_push(m, pkg, 1) == out.err || out.err == CMSFW_OK);
    cmsfw_min_end(m);
    cmsfw_min_end(m);
    CU_ASSERT(guards_intact(area, GUARD + shift));
    CU_ASSERT(guards_intact(work + work_len, GUARD));
    free(area);
    return out;
}

static min_run
run_min(const uint8_t *pkg, size_t len, size_t chunk)
{
    return run_min_at(pkg, len, chunk, CMSFW_MIN_WORK_DEFAULT, 0, CMSFW_STAGE_KEEP);
}

static void
run_free(min_run *r)
{
    free(r->stage.p);
    r->stage.p = NULL;
}

/* A verdict of steps 1-5. */
static int
structural(cmsfw_err e)
{
    return e == CMSFW_DECODE_FAILURE || e == CMSFW_BAD_CONTENT_INFO ||
           e == CMSFW_BAD_SIGNED_DATA || e == CMSFW_BAD_ENCAP_CONTENT ||
           e == CMSFW_MISSING_CONTENT;
}

/* DER TLV writer for the packages built here: tag, length, contents. */
static size_t
tlv(uint8_t *out, uint8_t tag, const uint8_t *v, size_t n)
{
    size_t h = 0, k;

    out[h++] = tag;
    if (n < 0x80) {
        out[h++] = (uint8_t)n;
    } else {
        for (k = 0; (n >> (8 * k)) != 0; k++)
            ;
        out[h++] = (uint8_t)(0x80u | k);
        while (k-- > 0)
            out[h++] = (uint8_t)(n >> (8 * k));
    }
    memmove(out + h, v, n);
    return h + n;
}

/* Parts of a package built by build_der(), for the checks. */
typedef struct built {
    blob pkg;
    size_t captured; /* octets the minimal profile keeps: ci type, version,
                        digestAlgorithms, eContentType, the SignerInfo */
} built;

/* ContentInfo { id-signedData, [0] SignedData { 3, {sha256},
 * { id-ct-firmwarePackage, [0] OCTET STRING content }, [certs,]
 * { SignerInfo { 3, OCTET STRING of si_pad octets } } } }, DER. */
static built
build_der(const uint8_t *content, size_t content_len, size_t si_pad, int with_cert)
{
    size_t cap = content_len + si_pad + 512, n, sd = 0;
    uint8_t *a = calloc(1, cap), *b = calloc(1, cap), *c = calloc(1, cap);
    static const uint8_t v3[] = {0x02, 0x01, 0x03};
    static const uint8_t cert[] = {0xa0, 0x04, 0x30, 0x02, 0x05, 0x00};
    built out;

    CU_ASSERT_FATAL(a != NULL && b != NULL && c != NULL);
    memset(&out, 0, sizeof out);
    /* SignedData contents into c */
    memcpy(c, v3, sizeof v3);
    sd = sizeof v3;
    n = tlv(a, 0x06, oid_sha256, sizeof oid_sha256);
    n = tlv(b, 0x30, a, n);
    n = tlv(c + sd, 0x31, b, n);
    out.captured += sizeof v3 + n;
    sd += n;
    n = tlv(a, 0x06, oid_fw, sizeof oid_fw);
    out.captured += n;
    n += tlv(a + n, 0xa0, b, tlv(b, 0x04, content, content_len));
    sd += tlv(c + sd, 0x30, a, n);
    if (with_cert) {
        memcpy(c + sd, cert, sizeof cert);
        sd += sizeof cert;
    }
    memset(b, 0x5a, si_pad);
    n = tlv(a, 0x04, b, si_pad);
    memmove(a + sizeof v3, a, n);
    memcpy(a, v3, sizeof v3);
    n = tlv(b, 0x30, a, n + sizeof v3);
    out.captured += n;
    sd += tlv(c + sd, 0x31, b, n);
    /* ContentInfo */
    n = tlv(b, 0x30, c, sd);
    n = tlv(a, 0xa0, b, n);
    memmove(a + 2 + sizeof oid_signed_data, a, n);
    (void)tlv(a, 0x06, oid_signed_data, sizeof oid_signed_data);
    out.captured += 2 + sizeof oid_signed_data;
    out.pkg.len = tlv(c, 0x30, a, n + 2 + sizeof oid_signed_data);
    out.pkg.p = c;
    free(a);
    free(b);
    return out;
}

/* ------------------------------------------------------------- init */

static void
test_init_rejects(void)
{
    static uint8_t work[CMSFW_MIN_WORK_DEFAULT + 64];
    cmsfw_device dev = device();
    rec r;
    cmsfw_stage st;
    size_t need = cmsfw_min_work_min();

    memset(&r, 0, sizeof r);
    st = rec_stage(&r);
    CU_ASSERT(need > sizeof(struct cmsfw_min));
    CU_ASSERT(need <= CMSFW_MIN_WORK_DEFAULT);
    CU_ASSERT_PTR_NULL(cmsfw_min_init(NULL, sizeof work, &dev, &st));
    CU_ASSERT_PTR_NULL(cmsfw_min_init(work, sizeof work, NULL, &st));
    CU_ASSERT_PTR_NULL(cmsfw_min_init(work, sizeof work, &dev, NULL));
    CU_ASSERT_PTR_NULL(cmsfw_min_init(work, need - 1, &dev, &st));
    CU_ASSERT_PTR_NULL(cmsfw_min_init(work, 0, &dev, &st));
    CU_ASSERT_PTR_NOT_NULL(cmsfw_min_init(work, need, &dev, &st));
    /* a stage without write() is refused at the first push, as in cmsfw_proc */
    st.write = NULL;
    {
        cmsfw_min *m = cmsfw_min_init(work, sizeof work, &dev, &st);
        static const uint8_t one = 0x30;
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        CU_ASSERT_EQUAL(cmsfw_min_push(m, &one, 1), CMSFW_E_ARG);
        cmsfw_min_end(m);
    }
    CU_ASSERT_EQUAL(cmsfw_min_push(NULL, work, 1), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_min_finish(NULL, NULL), CMSFW_E_ARG);
    CU_ASSERT_PTR_NULL(cmsfw_min_result(NULL));
    CU_ASSERT_STRING_EQUAL(cmsfw_min_reason(NULL), "");
    CU_ASSERT_EQUAL(cmsfw_min_limits(NULL), 0);
}

struct align_probe {
    char c;
    struct cmsfw_min m;
};

/* Any alignment of the smallest accepted buffer holds an aligned state. */
static void
test_init_alignment(void)
{
    static const uint8_t content[] = "image";
    built b = build_der(content, sizeof content, 16, 0);
    size_t need = cmsfw_min_work_min(), shift;
    min_run first, r;

    first = run_min_at(b.pkg.p, b.pkg.len, WHOLE, need + 256, 0, CMSFW_STAGE_KEEP);
    CU_ASSERT(!structural(first.err));
    for (shift = 0; shift < 16; shift++) {
        cmsfw_device dev = device();
        rec st_rec;
        cmsfw_stage st;
        uint8_t *area = malloc(need + 16);
        cmsfw_min *m;

        memset(&st_rec, 0, sizeof st_rec);
        st = rec_stage(&st_rec);
        CU_ASSERT_PTR_NOT_NULL_FATAL(area);
        m = cmsfw_min_init(area + shift, need, &dev, &st);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        CU_ASSERT_EQUAL((uintptr_t)m % offsetof(struct align_probe, m), 0);
        CU_ASSERT(m->buf_len >= need - sizeof *m - 15);
        cmsfw_min_end(m);
        free(area);
        r = run_min_at(b.pkg.p, b.pkg.len, 7, need + 256, shift, CMSFW_STAGE_KEEP);
        CU_ASSERT_EQUAL(r.err, first.err);
        CU_ASSERT_EQUAL(r.limits, first.limits);
        CU_ASSERT_EQUAL(r.used, first.used);
        run_free(&r);
    }
    run_free(&first);
    free(b.pkg.p);
}

/* -------------------------------------------------------- the vectors */

/* Every "file = " of a MANIFEST, one after another. */
static char *
next_file(FILE *fp, char *line, size_t cap)
{
    while (fgets(line, (int)cap, fp) != NULL) {
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (strncmp(line, "file = ", 7) == 0)
            return line + 7;
    }
    return NULL;
}

static void
check_vector(const char *rel, size_t *n_struct, size_t *n_limit)
{
    static const size_t chunks[] = {1, 13, 512, WHOLE};
    blob b = load(rel);
    rec full_stage;
    cmsfw_result full_res;
    cmsfw_err full;
    min_run r[4];
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(b.p);
    memset(&full_stage, 0, sizeof full_stage);
    memset(&full_res, 0, sizeof full_res);
    full = run_full(b.p, b.len, &full_stage, &full_res);
    for (i = 0; i < 4; i++) {
        r[i] = run_min(b.p, b.len, chunks[i]);
        /* the same verdict, limits and reason for every split */
        if (i > 0) {
            CU_ASSERT_EQUAL(r[i].err, r[0].err);
            CU_ASSERT_EQUAL(r[i].limits, r[0].limits);
            CU_ASSERT_STRING_EQUAL(r[i].reason, r[0].reason);
            CU_ASSERT_EQUAL(r[i].used, r[0].used);
        }
    }
    if (structural(full) || structural(r[3].err)) {
        /* a verdict of steps 1-5: the full profile's, unless a limit says why not */
        if (r[3].err != full && r[3].limits == 0)
            fprintf(stderr, "\n  %s: full %d, minimal %d (%s)\n", rel, (int)full, (int)r[3].err,
                    r[3].reason);
        CU_ASSERT(r[3].err == full || r[3].limits != 0);
        *n_struct += 1;
    }
    if (r[3].limits != 0)
        *n_limit += 1;
    /* past step 1 in both: the same eContent reached the stage */
    if (full != CMSFW_DECODE_FAILURE && r[3].err != CMSFW_DECODE_FAILURE &&
        !(r[3].limits & (CMSFW_MIN_LIMIT_WORK | CMSFW_MIN_LIMIT_SIZE))) {
        CU_ASSERT_EQUAL(r[3].res.econtent_len, full_res.econtent_len);
        CU_ASSERT_EQUAL(r[3].stage.len, full_stage.len);
        CU_ASSERT(r[3].stage.len == full_stage.len &&
                  (full_stage.len == 0 || memcmp(r[3].stage.p, full_stage.p, full_stage.len) == 0));
        CU_ASSERT_EQUAL(r[0].stage.len, full_stage.len);
    }
    for (i = 0; i < 4; i++) {
        CU_ASSERT_EQUAL(r[i].stage.bad_offset, 0);
        CU_ASSERT_EQUAL(r[i].stage.discards, r[i].stage.writes > 0 ? 1 : 0);
        run_free(&r[i]);
    }
    free(full_stage.p);
    free(b.p);
}

static void
check_manifest(const char *rel, size_t *n_files, size_t *n_struct, size_t *n_limit)
{
    char path[1024], line[1024];
    const char *top = getenv("top_srcdir");
    const char *file;
    FILE *fp;

    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", rel);
    fp = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    while ((file = next_file(fp, line, sizeof line)) != NULL) {
        check_vector(file, n_struct, n_limit);
        *n_files += 1;
    }
    fclose(fp);
}

static void
test_vectors_match_full(void)
{
    size_t files = 0, structural_ = 0, limited = 0;

    check_manifest("MANIFEST", &files, &structural_, &limited);
    check_manifest("adversarial/MANIFEST", &files, &structural_, &limited);
    fprintf(stderr, "\n  %zu vectors, %zu with a verdict of steps 1-5, %zu with limits ", files,
            structural_, limited);
    CU_ASSERT(files > 400);
    CU_ASSERT(structural_ > 60);
}

/* --------------------------------------------------- built packages */

/* A cut at any octet is decodeFailure, in both profiles. */
static void
check_truncations(const uint8_t *pkg, size_t len)
{
    size_t cut;
    rec fr;
    cmsfw_err full;
    min_run r;

    for (cut = 0; cut < len; cut++) {
        r = run_min(pkg, cut, cut % 3 + 1);
        CU_ASSERT_EQUAL(r.err, CMSFW_DECODE_FAILURE);
        CU_ASSERT_EQUAL(r.limits, 0);
        run_free(&r);
        memset(&fr, 0, sizeof fr);
        full = run_full(pkg, cut, &fr, NULL);
        CU_ASSERT_EQUAL(full, CMSFW_DECODE_FAILURE);
        free(fr.p);
    }
    r = run_min(pkg, len, 1);
    CU_ASSERT(!structural(r.err));
    run_free(&r);
}

static void
test_truncated(void)
{
    static const uint8_t content[] = "a small firmware image, BER segmented";
    uint8_t ber[1024];
    size_t n = build_ber_signed(ber, sizeof ber, oid_fw, sizeof oid_fw, content, sizeof content, 5);
    built d = build_der(content, sizeof content, 8, 1);

    CU_ASSERT_FATAL(n > 0);
    check_truncations(ber, n);
    check_truncations(d.pkg.p, d.pkg.len);
    free(d.pkg.p);
}

/* SEQUENCEs nested @p levels deep around nothing, indefinite lengths. */
static blob
nested(size_t levels)
{
    blob b;
    size_t i;

    b.len = 4 * levels;
    b.p = malloc(b.len);
    CU_ASSERT_FATAL(b.p != NULL);
    for (i = 0; i < levels; i++) {
        b.p[2 * i] = 0x30;
        b.p[2 * i + 1] = 0x80;
    }
    memset(b.p + 2 * levels, 0, 2 * levels);
    return b;
}

static void
test_depth_limit(void)
{
    blob ok = nested(CMSFW_MIN_MAX_DEPTH), deep = nested(CMSFW_MIN_MAX_DEPTH + 1);
    rec fr;
    min_run r;

    /* at the limit: step 2 decides, as in the full profile */
    r = run_min(ok.p, ok.len, 1);
    memset(&fr, 0, sizeof fr);
    CU_ASSERT_EQUAL(r.err, run_full(ok.p, ok.len, &fr, NULL));
    CU_ASSERT_EQUAL(r.err, CMSFW_BAD_CONTENT_INFO);
    CU_ASSERT_EQUAL(r.limits, 0);
    free(fr.p);
    run_free(&r);
    /* one deeper: the profile's limit */
    r = run_min(deep.p, deep.len, 13);
    CU_ASSERT_EQUAL(r.err, CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(r.limits, CMSFW_MIN_LIMIT_DEPTH);
    memset(&fr, 0, sizeof fr);
    CU_ASSERT_EQUAL(run_full(deep.p, deep.len, &fr, NULL), CMSFW_BAD_CONTENT_INFO);
    free(fr.p);
    run_free(&r);
    free(ok.p);
    free(deep.p);
}

static void
test_signer_info_too_large(void)
{
    static const uint8_t content[] = "image";
    built big = build_der(content, sizeof content, CMSFW_MIN_WORK_DEFAULT, 0);
    rec fr;
    cmsfw_err full;
    min_run r;

    memset(&fr, 0, sizeof fr);
    full = run_full(big.pkg.p, big.pkg.len, &fr, NULL);
    CU_ASSERT(!structural(full));
    free(fr.p);
    r = run_min(big.pkg.p, big.pkg.len, 512);
    CU_ASSERT_EQUAL(r.err, CMSFW_INSUFFICIENT_MEMORY);
    CU_ASSERT_EQUAL(r.limits, CMSFW_MIN_LIMIT_WORK);
    run_free(&r);
    /* with room for it, steps 1-5 pass */
    r = run_min_at(big.pkg.p, big.pkg.len, 512, 4 * CMSFW_MIN_WORK_DEFAULT, 3, CMSFW_STAGE_KEEP);
    CU_ASSERT(!structural(r.err) && r.err != CMSFW_INSUFFICIENT_MEMORY);
    CU_ASSERT_EQUAL(r.limits & CMSFW_MIN_LIMIT_WORK, 0);
    CU_ASSERT_EQUAL(r.used, sizeof(struct cmsfw_min) + big.captured);
    run_free(&r);
    free(big.pkg.p);
}

/* The work buffer fills with the captured TLVs only, never with the eContent. */
static void
test_work_used(void)
{
    static const uint8_t content[600] = {1};
    built b = build_der(content, sizeof content, 40, 1);
    static uint8_t work[CMSFW_MIN_WORK_DEFAULT];
    cmsfw_device dev = device();
    rec st_rec;
    cmsfw_stage st;
    cmsfw_min *m;
    size_t i, last, base, first = 0, hl;
    cmsfw_err err;

    hl = b.pkg.p[1] < 0x80 ? 2u : 2u + (b.pkg.p[1] & 0x7Fu);
    memset(&st_rec, 0, sizeof st_rec);
    st = rec_stage(&st_rec);
    m = cmsfw_min_init(work, sizeof work, &dev, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    base = cmsfw_min_work_used(m);
    CU_ASSERT_EQUAL(base, sizeof(struct cmsfw_min));
    last = base;
    for (i = 0; i < b.pkg.len; i++) {
        CU_ASSERT_EQUAL_FATAL(cmsfw_min_push(m, b.pkg.p + i, 1), CMSFW_OK);
        CU_ASSERT(cmsfw_min_work_used(m) >= last);
        last = cmsfw_min_work_used(m);
        /* once the ContentInfo header and contentType are in: that TLV */
        if (i + 1 == hl + 2 + sizeof oid_signed_data)
            first = last - base;
    }
    CU_ASSERT_EQUAL(first, 2 + sizeof oid_signed_data);
    CU_ASSERT_EQUAL(last, base + b.captured);
    err = cmsfw_min_finish(m, NULL);
    CU_ASSERT(!structural(err));
    CU_ASSERT_EQUAL(m->f.n_certs, 1);
    /* the verdict of a package with certificates is marked */
    CU_ASSERT(err == CMSFW_OK || (cmsfw_min_limits(m) & CMSFW_MIN_LIMIT_CERTS));
    CU_ASSERT_EQUAL(m->f.n_signer_infos, 1);
    CU_ASSERT_EQUAL(cmsfw_min_finish(m, NULL), err);
    CU_ASSERT_EQUAL(cmsfw_min_push(m, b.pkg.p, 1), err);
    cmsfw_min_end(m);
    CU_ASSERT_EQUAL(st_rec.discards, 1);
    CU_ASSERT_EQUAL(cmsfw_min_work_used(m), 0);
    for (i = 0; i < sizeof work; i++)
        if (work[i] != 0)
            break;
    CU_ASSERT_EQUAL(i, sizeof work);
    cmsfw_min_end(m);
    CU_ASSERT_EQUAL(st_rec.discards, 1);
    free(st_rec.p);
    free(b.pkg.p);
}

/* ContentInfo { id-signedData, [0] SEQUENCE { @p sd } }, DER. */
static blob
wrap_signed_data(const uint8_t *sd, size_t n)
{
    blob b;
    uint8_t *a = malloc(n + 64), *c = malloc(n + 64);
    size_t k;

    b.p = malloc(n + 64);
    CU_ASSERT_FATAL(a != NULL && b.p != NULL && c != NULL);
    k = tlv(a, 0x30, sd, n);
    k = tlv(c, 0xa0, a, k);
    memmove(c + 2 + sizeof oid_signed_data, c, k);
    (void)tlv(c, 0x06, oid_signed_data, sizeof oid_signed_data);
    b.len = tlv(b.p, 0x30, c, k + 2 + sizeof oid_signed_data);
    free(a);
    free(c);
    return b;
}

#define V3 0x02, 0x01, 0x03
#define DIGESTS 0x31, 0x0d, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01
#define ECI_HEAD 0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x10, 0x01, 0x10
#define ECI 0x30, 0x12, ECI_HEAD, 0xa0, 0x03, 0x04, 0x01, 0xaa
#define SIGNERS 0x31, 0x05, 0x30, 0x03, V3

/* ContentInfo { id-signedData, [0] { } }: step 2, not step 3. */
static void
check_content_info_empty(void)
{
    static const uint8_t ci[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x00};
    rec fr;
    min_run r = run_min(ci, sizeof ci, 1);

    memset(&fr, 0, sizeof fr);
    CU_ASSERT_EQUAL(run_full(ci, sizeof ci, &fr, NULL), CMSFW_BAD_CONTENT_INFO);
    CU_ASSERT_EQUAL(r.err, CMSFW_BAD_CONTENT_INFO);
    free(fr.p);
    run_free(&r);
}

/* Shapes of the framing the vectors do not all cover: the same code as
 * the full profile, at any split. */
static void
test_framing_shapes(void)
{
    static const uint8_t eci_empty[] = {V3, DIGESTS, 0x30, 0x00, SIGNERS};
    static const uint8_t eci_two[] = {V3, DIGESTS, 0x30, 0x15, ECI_HEAD, 0xa0, 0x06, 0x04, 0x01,
                                      0xaa, 0x04, 0x01, 0xbb, SIGNERS};
    static const uint8_t eci_third[] = {V3, DIGESTS, 0x30, 0x14, ECI_HEAD, 0xa0, 0x03, 0x04, 0x01,
                                        0xaa, 0x05, 0x00, SIGNERS};
    static const uint8_t eci_no_content[] = {V3, DIGESTS, 0x30, 0x0d, ECI_HEAD, SIGNERS};
    static const uint8_t no_signers[] = {V3, DIGESTS, ECI};
    static const uint8_t two_signers[] = {V3, DIGESTS, ECI, 0x31, 0x0a, 0x30, 0x03, V3, 0x30, 0x03, V3};
    static const uint8_t crls_first[] = {V3, DIGESTS, ECI, 0xa1, 0x00, 0xa0, 0x00, SIGNERS};
    static const uint8_t certs_primitive[] = {V3, DIGESTS, ECI, 0x80, 0x00, SIGNERS};
    static const uint8_t extra_field[] = {V3, DIGESTS, ECI, SIGNERS, 0x05, 0x00};
    static const uint8_t version_last[] = {DIGESTS, ECI, SIGNERS, V3};
    static const uint8_t with_crls[] = {V3, DIGESTS, ECI, 0xa1, 0x00, SIGNERS};
    static const struct {
        const uint8_t *sd;
        size_t len;
        cmsfw_err want;
    } cases[] = {
        {eci_empty, sizeof eci_empty, CMSFW_BAD_ENCAP_CONTENT},
        {eci_two, sizeof eci_two, CMSFW_BAD_ENCAP_CONTENT},
        {eci_third, sizeof eci_third, CMSFW_BAD_ENCAP_CONTENT},
        {eci_no_content, sizeof eci_no_content, CMSFW_MISSING_CONTENT},
        {no_signers, sizeof no_signers, CMSFW_BAD_SIGNED_DATA},
        {two_signers, sizeof two_signers, CMSFW_BAD_SIGNED_DATA},
        {crls_first, sizeof crls_first, CMSFW_BAD_SIGNED_DATA},
        {certs_primitive, sizeof certs_primitive, CMSFW_BAD_SIGNED_DATA},
        {extra_field, sizeof extra_field, CMSFW_BAD_SIGNED_DATA},
        {version_last, sizeof version_last, CMSFW_BAD_SIGNED_DATA},
        {with_crls, sizeof with_crls, CMSFW_OK},
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        blob b = wrap_signed_data(cases[i].sd, cases[i].len);
        rec fr;
        cmsfw_err full;
        min_run one, whole;

        memset(&fr, 0, sizeof fr);
        full = run_full(b.p, b.len, &fr, NULL);
        one = run_min(b.p, b.len, 1);
        whole = run_min(b.p, b.len, WHOLE);
        if (cases[i].want != CMSFW_OK) {
            CU_ASSERT_EQUAL(full, cases[i].want);
            CU_ASSERT_EQUAL(one.err, cases[i].want);
            CU_ASSERT_EQUAL(one.limits, 0);
        } else {
            /* past step 5; certificates or CRLs mark what follows */
            CU_ASSERT(!structural(full) && !structural(one.err));
            CU_ASSERT(one.f.has_crls);
            CU_ASSERT(one.err == CMSFW_OK || (one.limits & CMSFW_MIN_LIMIT_CERTS));
        }
        CU_ASSERT_EQUAL(whole.err, one.err);
        CU_ASSERT_EQUAL(whole.limits, one.limits);
        /* only the first SignerInfo is kept */
        if (cases[i].sd == two_signers) {
            CU_ASSERT_EQUAL(one.f.n_signer_infos, 2);
            CU_ASSERT_EQUAL(one.used, sizeof(struct cmsfw_min) + 11 + 3 + 15 + 13 + 5);
        }
        free(fr.p);
        run_free(&one);
        run_free(&whole);
        free(b.p);
    }
    check_content_info_empty();
}

static void
expect_sha256(const min_run *r, const uint8_t *content, size_t len)
{
    cmsfw_bk_hash_ctx h;
    uint8_t d[CMSFW_BK_HASH_MAX];
    size_t n = 0;

    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_init(&h, CMSFW_BK_SHA256), CMSFW_BK_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_update(&h, content, len), CMSFW_BK_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_final(&h, d, sizeof d, &n), CMSFW_BK_OK);
    CU_ASSERT_EQUAL(r->f.econtent_hash, CMSFW_BK_SHA256);
    CU_ASSERT_EQUAL(r->f.econtent_digest_len, 32);
    CU_ASSERT(memcmp(r->f.econtent_digest, d, 32) == 0);
}

/* The stage gets the eContent octets, all of them and nothing else, for
 * a primitive and a segmented eContent; CMSFW_STAGE_SKIP gets nothing. */
static void
test_stage_gets_econtent(void)
{
    uint8_t content[3000], ber[4096];
    size_t i, n;
    built d;
    min_run r;

    for (i = 0; i < sizeof content; i++)
        content[i] = (uint8_t)(i * 7 + 3);
    d = build_der(content, sizeof content, 8, 0);
    n = build_ber_signed(ber, sizeof ber, oid_fw, sizeof oid_fw, content, sizeof content, 100);
    CU_ASSERT_FATAL(n > 0);
    r = run_min(d.pkg.p, d.pkg.len, 13);
    CU_ASSERT(!structural(r.err));
    CU_ASSERT_EQUAL(r.stage.len, sizeof content);
    CU_ASSERT(r.stage.len == sizeof content && memcmp(r.stage.p, content, sizeof content) == 0);
    CU_ASSERT_EQUAL(r.res.econtent_len, sizeof content);
    CU_ASSERT_EQUAL(r.stage.images, 1);
    CU_ASSERT(r.f.econtent_plain);
    CU_ASSERT(r.f.has_econtent);
    expect_sha256(&r, content, sizeof content);
    run_free(&r);
    r = run_min(ber, n, 1);
    CU_ASSERT(!structural(r.err));
    CU_ASSERT(r.stage.len == sizeof content && memcmp(r.stage.p, content, sizeof content) == 0);
    CU_ASSERT(r.stage.writes >= (int)(sizeof content / 100));
    expect_sha256(&r, content, sizeof content);
    run_free(&r);
    /* verdict only: nothing staged, nothing discarded, the same digest */
    r = run_min_at(ber, n, 512, CMSFW_MIN_WORK_DEFAULT, 1, CMSFW_STAGE_SKIP);
    CU_ASSERT(!structural(r.err));
    CU_ASSERT_EQUAL(r.stage.writes, 0);
    CU_ASSERT_EQUAL(r.stage.discards, 0);
    CU_ASSERT_EQUAL(r.res.econtent_len, sizeof content);
    CU_ASSERT(r.f.econtent_skipped);
    expect_sha256(&r, content, sizeof content);
    run_free(&r);
    free(d.pkg.p);
}

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    (void)io;
    (void)p;
    (void)n;
    return 0;
}

/* Errors are latched; scratch exists after finish only, inside the buffer. */
static void
test_latch_and_scratch(void)
{
    static const uint8_t content[] = "image";
    static uint8_t work[CMSFW_MIN_WORK_DEFAULT];
    static const uint8_t junk[] = {0x05, 0x00, 0x05, 0x00};
    built b = build_der(content, sizeof content, 16, 0);
    cmsfw_device dev = device();
    cmsfw_sink sink;
    rec st_rec;
    cmsfw_stage st;
    cmsfw_min *m;
    uint8_t *s;
    size_t len = 0, used;
    cmsfw_err err;

    memset(&st_rec, 0, sizeof st_rec);
    memset(&sink, 0, sizeof sink);
    st = rec_stage(&st_rec);
    m = cmsfw_min_init(work, sizeof work, &dev, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_PTR_NULL(cmsfw__min_scratch(m, 8, &len));
    CU_ASSERT_EQUAL(cmsfw_min_push(m, b.pkg.p, b.pkg.len), CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw_min_push(m, junk, sizeof junk), CMSFW_DECODE_FAILURE);
    CU_ASSERT(strlen(cmsfw_min_reason(m)) > 0);
    CU_ASSERT_EQUAL(cmsfw_min_push(m, junk, sizeof junk), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_min_finish(m, NULL), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(cmsfw_min_unwrap(m, &sink), CMSFW_E_ARG);
    sink.write = sink_write;
    CU_ASSERT_EQUAL(cmsfw_min_unwrap(m, &sink), CMSFW_DECODE_FAILURE);
    cmsfw_min_end(m);

    m = cmsfw_min_init(work, sizeof work, &dev, &st);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(cmsfw_min_push(m, b.pkg.p, b.pkg.len), CMSFW_OK);
    err = cmsfw_min_finish(m, NULL);
    CU_ASSERT(!structural(err));
    /* a bounded request takes that much, and only that much is counted */
    used = cmsfw_min_work_used(m);
    len = 32;
    s = cmsfw__min_scratch(m, 16, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(len, 32);
    CU_ASSERT(cmsfw_min_work_used(m) <= used + 32 + 15);
    /* 0 asks for all that is free */
    len = 0;
    s = cmsfw__min_scratch(m, 16, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL((uintptr_t)s % 16, 0);
    CU_ASSERT(len > 0 && s >= work && s + len <= work + sizeof work);
    /* clear of the captured SignerInfo and of the state's live fields */
    CU_ASSERT(s >= m->f.signer_info.ptr + m->f.signer_info.len ||
              s + len <= (uint8_t *)m + offsetof(struct cmsfw_min, hdr_len));
    CU_ASSERT(s >= (uint8_t *)(m + 1) || s >= (uint8_t *)m->ends);
    CU_ASSERT_EQUAL(cmsfw_min_work_used(m), sizeof work);
    cmsfw_min_end(m);
    free(st_rec.p);
    free(b.pkg.p);
}

/* ------------------------------------------------ HSS/LMS, streamed */

static cmsfw_err
hss_commit(void *ctx, const cmsfw_hss_key *key)
{
    (void)ctx;
    (void)key;
    return CMSFW_OK;
}

/* A package signed with a fresh HSS key of @p levels H5/W4 levels, and
 * the device whose anchor is that key (SPKI and RFC 7093 identifier). */
typedef struct hss_pkg {
    cmsfw_hss_key key;
    uint8_t spki[20 + CMSFW_HSS_PUB_LEN], kid[CMSFW_HSS_KEY_ID_LEN], sig[8192];
    cmsfw_anchor anchor;
    cmsfw_device dev;
    uint8_t *pkg;
    size_t len;
} hss_pkg;

static void
hss_make(hss_pkg *h, unsigned levels)
{
    static const uint8_t spki_head[] = {0x30, 0x4e, 0x30, 0x0d, 0x06, 0x0b, 0x2a,
                                        0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09,
                                        0x10, 0x03, 0x11, 0x03, 0x3d, 0x00};
    static const uint8_t pkg_oid[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0xff, 0x29, 0x02, 0x01};
    static const uint8_t image[] = "an image signed with a stateful hash-based key";
    cmsfw_bytes target = {hw_oid, sizeof hw_oid};
    cmsfw_hss_signer hs;
    cmsfw_signer sg;
    cmsfw_protect_opts o;
    cmsfw_diag d;
    unsigned i;

    memset(h, 0, sizeof *h);
    h->key.levels = levels;
    for (i = 0; i < levels; i++) {
        h->key.lms_type[i] = 5; /* LMS_SHA256_M32_H5 */
        h->key.ots_type[i] = 3; /* LMOTS_SHA256_N32_W4 */
    }
    CU_ASSERT_FATAL(cmsfw_key_hss_generate(&h->key, &d) == CMSFW_OK);
    CU_ASSERT_FATAL(cmsfw_key_hss_id(&h->key, h->kid) == CMSFW_OK);
    memcpy(h->spki, spki_head, sizeof spki_head);
    memcpy(h->spki + sizeof spki_head, h->key.pub, CMSFW_HSS_PUB_LEN);
    memset(&hs, 0, sizeof hs);
    hs.key = &h->key;
    hs.commit = hss_commit;
    hs.sig = h->sig;
    hs.sig_size = sizeof h->sig;
    memset(&sg, 0, sizeof sg);
    sg.hss = &hs;
    memset(&o, 0, sizeof o);
    o.pkg_id.name.form = CMSFW_NAME_PREFERRED;
    o.pkg_id.name.oid.ptr = pkg_oid;
    o.pkg_id.name.oid.len = sizeof pkg_oid;
    o.pkg_id.name.version = 3;
    o.targets = &target;
    o.n_targets = 1;
    CU_ASSERT_FATAL(cmsfw_protect_buffer(&o, &sg, (cmsfw_bytes){image, sizeof image}, &h->pkg,
                                         &h->len, &d) == CMSFW_OK);
    h->anchor.spki.ptr = h->spki;
    h->anchor.spki.len = sizeof h->spki;
    h->anchor.key_id.ptr = h->kid;
    h->anchor.key_id.len = sizeof h->kid;
    h->anchor.flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    h->dev = device();
    h->dev.anchors = &h->anchor;
    h->dev.n_anchors = 1;
}

/* Both profiles on h->pkg: the same verdict for every split, and the same
 * work used; returns the minimal run (whole). */
static min_run
hss_both(hss_pkg *h, cmsfw_err want, size_t work_len)
{
    static const size_t chunks[] = {1, 61, 512, WHOLE};
    min_run r[4];
    rec fr;
    size_t i;

    dev_override = &h->dev;
    memset(&fr, 0, sizeof fr);
    CU_ASSERT_EQUAL(run_full(h->pkg, h->len, &fr, NULL), want);
    free(fr.p);
    for (i = 0; i < 4; i++) {
        r[i] = run_min_at(h->pkg, h->len, chunks[i], work_len, 0, CMSFW_STAGE_KEEP);
        CU_ASSERT_EQUAL(r[i].err, r[0].err);
        CU_ASSERT_EQUAL(r[i].limits, r[0].limits);
        CU_ASSERT_EQUAL(r[i].used, r[0].used);
        if (i < 3)
            run_free(&r[i]);
    }
    dev_override = NULL;
    return r[3];
}

static void
test_hss_streamed(void)
{
    hss_pkg *h = malloc(sizeof *h);
    size_t sig_len, cut, need;
    unsigned levels;
    min_run r;

    CU_ASSERT_PTR_NOT_NULL_FATAL(h);
    for (levels = 1; levels <= 3; levels++) {
        hss_make(h, levels);
        sig_len = cmsfw_key_hss_sig_len(&h->key);
        r = hss_both(h, CMSFW_OK, CMSFW_MIN_WORK_DEFAULT);
        CU_ASSERT_EQUAL(r.err, CMSFW_OK);
        CU_ASSERT_EQUAL(r.limits, 0);
        run_free(&r);
        /* the smallest work buffer: the signature is not in it (one level
         * held from L = 2 on: 2348 octets for H5/W4) */
        need = r.used;
        fprintf(stderr, "\n  L=%u H5/W4: signature %zu octets, work used %zu ", levels, sig_len,
                need);
        if (levels == 1)
            CU_ASSERT(need < sizeof(struct cmsfw_min) + sig_len);
        CU_ASSERT(need < sizeof(struct cmsfw_min) + sizeof(cmsfw_bk_hss_stream) + 512 +
                             (levels > 1 ? 2348 : 0));
        r = hss_both(h, CMSFW_OK, need);
        CU_ASSERT_EQUAL(r.err, CMSFW_OK);
        run_free(&r);
        r = hss_both(h, CMSFW_OK, need - 1);
        CU_ASSERT_EQUAL(r.err, CMSFW_INSUFFICIENT_MEMORY);
        CU_ASSERT_EQUAL(r.limits, CMSFW_MIN_LIMIT_WORK);
        run_free(&r);
        /* a bad node of the bottom authentication path (the SignerInfo
         * ends with the signature): signatureFailure in both */
        h->pkg[h->len - 7] ^= 0x40;
        r = hss_both(h, CMSFW_SIGNATURE_FAILURE, CMSFW_MIN_WORK_DEFAULT);
        CU_ASSERT_EQUAL(r.err, CMSFW_SIGNATURE_FAILURE);
        run_free(&r);
        /* an earlier step's verdict wins over it */
        h->anchor.flags = 0;
        r = hss_both(h, CMSFW_NOT_AUTHORIZED, CMSFW_MIN_WORK_DEFAULT);
        CU_ASSERT_EQUAL(r.err, CMSFW_NOT_AUTHORIZED);
        run_free(&r);
        /* cut inside the signature: the verifier is dropped unfinished */
        dev_override = &h->dev;
        for (cut = h->len - sig_len; cut < h->len; cut += 577) {
            r = run_min(h->pkg, cut, 97);
            CU_ASSERT_EQUAL(r.err, CMSFW_DECODE_FAILURE);
            run_free(&r);
        }
        dev_override = NULL;
        free(h->pkg);
    }
    free(h);
}

static CU_TestInfo min_tests[] = {
    {"init rejects NULL and small buffers", test_init_rejects},
    {"any alignment of the work buffer", test_init_alignment},
    {"shipped vectors: the full profile's verdict, any split", test_vectors_match_full},
    {"truncated at every length: decodeFailure", test_truncated},
    {"nesting beyond CMSFW_MIN_MAX_DEPTH", test_depth_limit},
    {"a SignerInfo larger than the work buffer", test_signer_info_too_large},
    {"work_used counts the captured TLVs", test_work_used},
    {"the stage gets exactly the eContent", test_stage_gets_econtent},
    {"framing shapes: the full profile's verdict", test_framing_shapes},
    {"latching and scratch", test_latch_and_scratch},
    {"HSS/LMS signatures streamed: L = 1, 2, 3", test_hss_streamed},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"min_proc", NULL, NULL, NULL, NULL, min_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
