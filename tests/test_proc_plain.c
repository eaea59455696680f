/*
 * test_proc_plain.c: the stage's two optional callbacks for a plain package
 * (eContent = the image): image() may decline the copy (CMSFW_STAGE_SKIP),
 * adopt() takes the staged image where it lies. The image moves once, the
 * digests come from push(), and nothing reaches the sink or the adopter
 * before every check, firmware-package-message-digest included, passed.
 * Packages are the shipped vectors; SHA-256 of the image is recomputed here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>

#include "backends/backend.h"
#include "cu_main.h"

#define MAX_FILE (1u << 20)

typedef struct file {
    uint8_t *p;
    size_t len;
} file;

static file
load(const char *rel)
{
    char path[1024];
    const char *top = getenv("top_srcdir");
    file f = {NULL, 0};
    FILE *fp;

    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", rel);
    fp = fopen(path, "rb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
    f.p = malloc(MAX_FILE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f.p);
    f.len = fread(f.p, 1, MAX_FILE, fp);
    fclose(fp);
    CU_ASSERT_FATAL(f.len > 0 && f.len < MAX_FILE);
    return f;
}

/* What the stage and the sink saw. */
typedef struct seen {
    int answer;        /* what image() answers */
    int with_adopt;    /* install adopt() */
    int image_calls;
    int writes;
    int reads;
    int discards;
    int adopt_calls;
    uint64_t adopt_len;
    uint8_t *staged;
    size_t staged_len;
    uint8_t *sunk;
    size_t sunk_len;
} seen;

static int
st_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    seen *s = io;

    s->writes++;
    if (off != s->staged_len || n > MAX_FILE - s->staged_len)
        return -1;
    memcpy(s->staged + off, p, n);
    s->staged_len += n;
    return 0;
}

static int
st_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    seen *s = io;

    s->reads++;
    if (off > s->staged_len || n > s->staged_len - off)
        return -1;
    memcpy(p, s->staged + off, n);
    return 0;
}

static void
st_discard(void *io)
{
    ((seen *)io)->discards++;
}

static int
st_image(void *io)
{
    seen *s = io;

    s->image_calls++;
    return s->answer;
}

static int
st_adopt(void *io, uint64_t len)
{
    seen *s = io;

    s->adopt_calls++;
    s->adopt_len = len;
    return 0;
}

static int
sk_write(void *io, const uint8_t *p, size_t n)
{
    seen *s = io;

    if (n > MAX_FILE - s->sunk_len)
        return -1;
    memcpy(s->sunk + s->sunk_len, p, n);
    s->sunk_len += n;
    return 0;
}

static const uint8_t hw_type[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59, 0x01, 0x01};

typedef struct outcome {
    cmsfw_err finish;
    cmsfw_err unwrap;
    cmsfw_result res;
} outcome;

/* Push @p pkg in 4093-octet pieces through a processor trusting @p anchor,
 * then finish and, when that accepted, unwrap. */
static outcome
run(const char *pkg_rel, const char *anchor_rel, seen *s)
{
    file pkg = load(pkg_rel);
    cmsfw_key cert;
    cmsfw_anchor anchor;
    cmsfw_device dev;
    cmsfw_stage stage;
    cmsfw_sink sink;
    cmsfw_diag d;
    cmsfw_proc *p = cmsfw_proc_new();
    char path[1024];
    const char *top = getenv("top_srcdir");
    outcome o;
    size_t i, n;

    memset(&o, 0, sizeof o);
    o.unwrap = CMSFW_E_STATE;
    snprintf(path, sizeof path, "%s/vectors/%s", top != NULL ? top : ".", anchor_rel);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&cert, path, CMSFW_KEY_CERTIFICATE, 0, &d),
                          CMSFW_OK);
    memset(&anchor, 0, sizeof anchor);
    anchor.spki = cert.spki;
    anchor.cert = cert.der;
    anchor.flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    memset(&dev, 0, sizeof dev);
    dev.hw_type.ptr = hw_type;
    dev.hw_type.len = sizeof hw_type;
    dev.anchors = &anchor;
    dev.n_anchors = 1;
    s->staged = malloc(MAX_FILE);
    s->sunk = malloc(MAX_FILE);
    CU_ASSERT_FATAL(p != NULL && s->staged != NULL && s->sunk != NULL);
    stage.write = st_write;
    stage.read = st_read;
    stage.discard = st_discard;
    stage.io = s;
    stage.image = st_image;
    stage.adopt = s->with_adopt ? st_adopt : NULL;
    sink.write = sk_write;
    sink.io = s;
    cmsfw_proc_init(p, &dev, &stage);
    for (i = 0; i < pkg.len; i += n) {
        n = pkg.len - i < 4093 ? pkg.len - i : 4093;
        CU_ASSERT_EQUAL_FATAL(cmsfw_proc_push(p, pkg.p + i, n), CMSFW_OK);
    }
    o.finish = cmsfw_proc_finish(p, NULL);
    if (o.finish == CMSFW_OK)
        o.unwrap = cmsfw_proc_unwrap(p, &sink);
    o.res = *cmsfw_proc_result(p);
    cmsfw_proc_delete(p);
    cmsfw_key_free(&cert);
    free(pkg.p);
    return o;
}

static void
done(seen *s)
{
    free(s->staged);
    free(s->sunk);
}

/* The image the vectors carry, and its SHA-256 computed here. */
static file image;
static uint8_t image_sha[32];

static int
suite_init(void)
{
    char path[1024];
    const char *top = getenv("top_srcdir");
    size_t n = 0;
    FILE *fp;

    snprintf(path, sizeof path, "%s/vectors/generated/fw-small.bin", top != NULL ? top : ".");
    if ((fp = fopen(path, "rb")) == NULL || (image.p = malloc(MAX_FILE)) == NULL)
        return 1;
    image.len = fread(image.p, 1, MAX_FILE, fp);
    fclose(fp);
    return cmsfw_bk_hash_once(CMSFW_BK_SHA256, (cmsfw_bytes){image.p, image.len}, image_sha,
                              sizeof image_sha, &n) != CMSFW_BK_OK ||
           n != 32;
}

static int
suite_clean(void)
{
    free(image.p);
    return 0;
}

static int
sha_is_image(const cmsfw_result *r)
{
    return r->has_image_sha256 && memcmp(r->image_sha256, image_sha, 32) == 0;
}

/* KEEP: staged once, copied once to the sink, never hashed again. */
static void
test_keep_copies_once(void)
{
    seen s = {CMSFW_STAGE_KEEP, 0, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    outcome o = run("generated/cmsfw-ecdsa-p256-plain.der", "keys/ec-p256.cert.pem", &s);

    CU_ASSERT_EQUAL(o.finish, CMSFW_OK);
    CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
    CU_ASSERT_EQUAL(s.image_calls, 1);
    CU_ASSERT(s.staged_len == image.len && memcmp(s.staged, image.p, image.len) == 0);
    CU_ASSERT(s.sunk_len == image.len && memcmp(s.sunk, image.p, image.len) == 0);
    CU_ASSERT_EQUAL(o.res.image_len, image.len);
    CU_ASSERT(sha_is_image(&o.res));
    CU_ASSERT_EQUAL(s.discards, 1);
    done(&s);
}

/* SKIP: nothing staged, nothing sunk, no discard; the verdict, the length
 * and the SHA-256 are still there, with SHA-256 and with SHA-384 signers. */
static void
test_skip_stages_nothing(void)
{
    static const char *const cases[][2] = {
        {"generated/cmsfw-ecdsa-p256-plain.der", "keys/ec-p256.cert.pem"},
        {"generated/cmsfw-ecdsa-p384-plain.der", "keys/ec-p384.cert.pem"},
        {"generated/py-ecdsa-p384-plain.der", "keys/ec-p384.cert.pem"}};
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen s = {CMSFW_STAGE_SKIP, 0, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
        outcome o = run(cases[i][0], cases[i][1], &s);

        CU_ASSERT_EQUAL(o.finish, CMSFW_OK);
        CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
        CU_ASSERT_EQUAL(s.image_calls, 1);
        CU_ASSERT_EQUAL(s.writes, 0);
        CU_ASSERT_EQUAL(s.reads, 0);
        CU_ASSERT_EQUAL(s.sunk_len, 0);
        CU_ASSERT_EQUAL(s.discards, 0);
        CU_ASSERT_EQUAL(o.res.econtent_len, image.len);
        CU_ASSERT_EQUAL(o.res.image_len, image.len);
        CU_ASSERT(sha_is_image(&o.res));
        done(&s);
    }
}

/* adopt(): called once, after the checks, with the staged length; the
 * sink gets nothing and the stage is not read back. */
static void
test_adopt_takes_the_stage(void)
{
    seen s = {CMSFW_STAGE_KEEP, 1, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    outcome o = run("generated/py-ecdsa-p256-plain.der", "keys/ec-p256.cert.pem", &s);

    CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
    CU_ASSERT_EQUAL(s.adopt_calls, 1);
    CU_ASSERT_EQUAL(s.adopt_len, image.len);
    CU_ASSERT(s.staged_len == image.len && memcmp(s.staged, image.p, image.len) == 0);
    CU_ASSERT_EQUAL(s.reads, 0);
    CU_ASSERT_EQUAL(s.sunk_len, 0);
    CU_ASSERT_EQUAL(o.res.image_len, image.len);
    CU_ASSERT(sha_is_image(&o.res));
    done(&s);
}

/* A firmware-package-message-digest that does not match: badFirmware, and
 * neither the adopter nor the sink sees the image. */
static void
test_bad_digest_reaches_nobody(void)
{
    static const char *const pkgs[] = {"generated/py-fw-digest-mismatch.der",
                                       "generated/py-fw-digest-sha512-mismatch.der"};
    size_t i;
    int adopt;

    for (i = 0; i < 2; i++)
        for (adopt = 0; adopt <= 1; adopt++) {
            seen s = {CMSFW_STAGE_KEEP, adopt, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
            outcome o = run(pkgs[i], "keys/ec-p256.cert.pem", &s);

            CU_ASSERT_EQUAL(o.finish, CMSFW_OK);
            CU_ASSERT_EQUAL(o.unwrap, CMSFW_BAD_FIRMWARE);
            CU_ASSERT_EQUAL(s.adopt_calls, 0);
            CU_ASSERT_EQUAL(s.sunk_len, 0);
            CU_ASSERT_FALSE(o.res.has_image_sha256);
            done(&s);
        }
}

/* The image digest uses SHA-512, the signer SHA-256: with the image staged
 * it is hashed from the stage; skipped, it cannot be checked (E_STATE). */
static void
test_other_image_hash(void)
{
    seen keep = {CMSFW_STAGE_KEEP, 0, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    seen adopt = {CMSFW_STAGE_KEEP, 1, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    seen skip = {CMSFW_STAGE_SKIP, 0, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    const char *pkg = "generated/py-fw-digest-sha512.der";
    outcome o;

    o = run(pkg, "keys/ec-p256.cert.pem", &keep);
    CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
    CU_ASSERT(keep.sunk_len == image.len && memcmp(keep.sunk, image.p, image.len) == 0);
    CU_ASSERT(sha_is_image(&o.res));
    o = run(pkg, "keys/ec-p256.cert.pem", &adopt);
    CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
    CU_ASSERT_EQUAL(adopt.adopt_calls, 1);
    CU_ASSERT(adopt.reads > 0);
    CU_ASSERT(sha_is_image(&o.res));
    o = run(pkg, "keys/ec-p256.cert.pem", &skip);
    CU_ASSERT_EQUAL(o.finish, CMSFW_OK);
    CU_ASSERT_EQUAL(o.unwrap, CMSFW_E_STATE);
    CU_ASSERT_EQUAL(skip.writes, 0);
    done(&keep);
    done(&adopt);
    done(&skip);
}

/* A layer around the image: image() and adopt() are not consulted, even
 * when image() would answer SKIP; the image goes to the sink. */
static void
test_layers_ignore_the_callbacks(void)
{
    seen s = {CMSFW_STAGE_SKIP, 1, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    outcome o = run("generated/cmsfw-ecdsa-p256-zlib.der", "keys/ec-p256.cert.pem", &s);

    CU_ASSERT_EQUAL(o.unwrap, CMSFW_OK);
    CU_ASSERT_EQUAL(s.image_calls, 0);
    CU_ASSERT_EQUAL(s.adopt_calls, 0);
    CU_ASSERT(s.writes > 0);
    CU_ASSERT(s.sunk_len == image.len && memcmp(s.sunk, image.p, image.len) == 0);
    CU_ASSERT(sha_is_image(&o.res));
    done(&s);
}

/* A failed signature: the image was skipped or staged, but unwrap() is
 * refused and nothing is adopted. */
static void
test_untrusted_is_never_adopted(void)
{
    seen s = {CMSFW_STAGE_KEEP, 1, 0, 0, 0, 0, 0, 0, NULL, 0, NULL, 0};
    outcome o = run("generated/cmsfw-ecdsa-p256-plain.der", "keys/ec-p384.cert.pem", &s);

    CU_ASSERT_NOT_EQUAL(o.finish, CMSFW_OK);
    CU_ASSERT_EQUAL(o.unwrap, CMSFW_E_STATE);
    CU_ASSERT_EQUAL(s.adopt_calls, 0);
    CU_ASSERT_EQUAL(s.sunk_len, 0);
    done(&s);
}

static CU_TestInfo plain_tests[] = {
    {"KEEP stages and copies once", test_keep_copies_once},
    {"SKIP stages nothing, still reports", test_skip_stages_nothing},
    {"adopt takes the staged image", test_adopt_takes_the_stage},
    {"a bad image digest reaches nobody", test_bad_digest_reaches_nobody},
    {"image digest with another hash", test_other_image_hash},
    {"layers ignore image and adopt", test_layers_ignore_the_callbacks},
    {"an untrusted package is never adopted", test_untrusted_is_never_adopted},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {
    {"plain image", suite_init, suite_clean, NULL, NULL, plain_tests}, CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
