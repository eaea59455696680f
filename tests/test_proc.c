/*
 * test_proc.c: the processor's streaming side and its judgement of the
 * framing (steps 1, 2, 3, 5): any split of the input gives the same
 * verdict, eContent reaches the stage and the hash intact, and malformed
 * framing gets the code of the step at fault.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/cmsfw.h>

#include "backends/backend.h"
#include "cms/proc_state.h"
#include "cu_main.h"
#include "ber_builder.h"

struct mem {
    uint8_t buf[1 << 16];
    size_t len;
    int discarded;
    cmsfw_stage stage; /* outlives the processor, as proc.h requires */
};

static void
mem_discard(void *io)
{
    ((struct mem *)io)->discarded++;
}

static int
mem_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    struct mem *m = io;

    if (off != m->len || n > sizeof m->buf - m->len)
        return -1; /* the processor stages sequentially */
    memcpy(m->buf + off, p, n);
    m->len += n;
    return 0;
}

static int
mem_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    struct mem *m = io;

    if (off > m->len || n > m->len - off)
        return -1;
    memcpy(p, m->buf + off, n);
    return 0;
}

static const uint8_t hw_type[] = {0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xfd, 0x59, 0x01, 0x01};

/* Run the processor over @p pkg in chunks of @p chunk; returns finish()'s code.
 * @p p_out, when not NULL, keeps the processor for inspection (caller deletes). */
static cmsfw_err
run(const uint8_t *pkg, size_t len, size_t chunk, struct mem *m, cmsfw_proc **p_out)
{
    static cmsfw_device dev; /* outlives the processor too */
    cmsfw_proc *p = cmsfw_proc_new();
    size_t i, n;
    cmsfw_err err = CMSFW_OK;

    memset(&dev, 0, sizeof dev);
    dev.hw_type.ptr = hw_type;
    dev.hw_type.len = sizeof hw_type;
    memset(&m->stage, 0, sizeof m->stage);
    m->stage.write = mem_write;
    m->stage.read = mem_read;
    m->stage.discard = mem_discard;
    m->stage.io = m;
    m->len = 0;
    m->discarded = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    cmsfw_proc_init(p, &dev, &m->stage);
    for (i = 0; i < len && err == CMSFW_OK; i += n) {
        n = len - i < chunk ? len - i : chunk;
        err = cmsfw_proc_push(p, pkg + i, n);
    }
    err = cmsfw_proc_finish(p, NULL);
    if (p_out != NULL)
        *p_out = p;
    else
        cmsfw_proc_delete(p);
    return err;
}

/* The same verdict whatever the split. */
static cmsfw_err
verdict(const uint8_t *pkg, size_t len)
{
    static const size_t chunks[] = {1, 2, 7, 13, 4096};
    struct mem *m = malloc(sizeof *m);
    cmsfw_err whole, e;
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    whole = run(pkg, len, len == 0 ? 1 : len, m, NULL);
    for (i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
        e = run(pkg, len, chunks[i], m, NULL);
        CU_ASSERT_EQUAL(e, whole);
        if (e != whole)
            printf("\n  chunk %zu gave %d, whole gave %d\n", chunks[i], e, whole);
    }
    free(m);
    return whole;
}

static size_t
build_fw(uint8_t *out, size_t cap, size_t image_len, size_t seg, uint8_t *image)
{
    size_t i;

    for (i = 0; i < image_len; i++)
        image[i] = (uint8_t)(i * 31 + 7);
    return build_ber_signed(out, cap, oid_fw, sizeof oid_fw, image, image_len, seg);
}

/* A well-framed BER package passes steps 1-6 and stops at step 7 (the
 * builder's SignerInfo has no message-digest), with the image staged. */
static void
test_framing_reaches_signed_attrs(void)
{
    static uint8_t pkg[16384], image[3000];
    uint8_t digest[32];
    size_t n, dl = 0, seg;
    struct mem *m = malloc(sizeof *m);
    cmsfw_proc *p = NULL;
    cmsfw_bytes img = {image, sizeof image};

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (seg = 1; seg <= sizeof image; seg = seg < 1000 ? seg * 10 : sizeof image + 1) {
        n = build_fw(pkg, sizeof pkg, sizeof image, seg, image);
        CU_ASSERT_FATAL(n > 0);
        CU_ASSERT_EQUAL(verdict(pkg, n), CMSFW_BAD_SIGNED_ATTRS);
        CU_ASSERT_EQUAL(run(pkg, n, 5, m, &p), CMSFW_BAD_SIGNED_ATTRS);
        CU_ASSERT_EQUAL(m->len, sizeof image);
        CU_ASSERT(memcmp(m->buf, image, sizeof image) == 0);
        CU_ASSERT_EQUAL(p->f.econtent_len, sizeof image);
        CU_ASSERT_EQUAL(p->f.econtent_hash, CMSFW_BK_SHA256);
        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_once(CMSFW_BK_SHA256, img, digest, sizeof digest, &dl),
                              CMSFW_BK_OK);
        CU_ASSERT(p->f.econtent_digest_len == 32 && memcmp(p->f.econtent_digest, digest, 32) == 0);
        CU_ASSERT_EQUAL(p->f.sd_version, 3);
        CU_ASSERT_EQUAL(p->f.n_signer_infos, 1);
        CU_ASSERT_EQUAL(m->discarded, 0);
        cmsfw_proc_delete(p);
        CU_ASSERT_EQUAL(m->discarded, 1); /* once, when the processor goes */
    }
    free(m);
}

static void
test_truncation_is_decode_failure(void)
{
    static uint8_t pkg[2048], image[200];
    size_t n, cut;
    struct mem *m = malloc(sizeof *m);

    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    n = build_fw(pkg, sizeof pkg, sizeof image, 64, image);
    for (cut = 0; cut < n; cut++) {
        CU_ASSERT_EQUAL(run(pkg, cut, 3, m, NULL), CMSFW_DECODE_FAILURE);
    }
    free(m);
}

static void
test_trailing_octets(void)
{
    static uint8_t pkg[2048], image[100];
    size_t n = build_fw(pkg, sizeof pkg - 1, sizeof image, 100, image);

    pkg[n] = 0x00;
    CU_ASSERT_EQUAL(verdict(pkg, n + 1), CMSFW_DECODE_FAILURE);
}

/* Nesting: 64 levels are tokenized (then judged), 65 are refused in step 1. */
static void
test_nesting_limit(void)
{
    uint8_t deep[4 * 70];
    size_t i, levels;

    for (levels = 64; levels <= 65; levels++) {
        for (i = 0; i < levels; i++) {
            deep[2 * i] = 0x30;
            deep[2 * i + 1] = 0x80;
        }
        memset(deep + 2 * levels, 0, 2 * levels);
        CU_ASSERT_EQUAL(verdict(deep, 4 * levels),
                        levels == 64 ? CMSFW_BAD_CONTENT_INFO : CMSFW_DECODE_FAILURE);
    }
}

static void
test_bad_ber(void)
{
    static const uint8_t past_parent[] = {0x30, 0x03, 0x04, 0x05, 0x00};
    static const uint8_t eoc_in_definite[] = {0x30, 0x02, 0x00, 0x00};
    static const uint8_t indef_primitive[] = {0x04, 0x80, 0x00, 0x00};
    static const uint8_t reserved_len[] = {0x30, 0xff};
    static const uint8_t stray_eoc[] = {0x00, 0x00};

    CU_ASSERT_EQUAL(verdict(past_parent, sizeof past_parent), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verdict(eoc_in_definite, sizeof eoc_in_definite), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verdict(indef_primitive, sizeof indef_primitive), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verdict(reserved_len, sizeof reserved_len), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verdict(stray_eoc, sizeof stray_eoc), CMSFW_DECODE_FAILURE);
    CU_ASSERT_EQUAL(verdict(NULL, 0), CMSFW_DECODE_FAILURE);
}

static void
test_content_info_and_signed_data(void)
{
    /* ContentInfo { id-data, [0] OCTET STRING } */
    static const uint8_t not_signed[] = {0x30, 0x10, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                         0x0d, 0x01, 0x07, 0x01, 0xa0, 0x03, 0x04, 0x01, 0xaa};
    /* ContentInfo { id-signedData, [0] SEQUENCE { INTEGER 3 } } */
    static const uint8_t short_sd[] = {0x30, 0x12, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                       0x01, 0x07, 0x02, 0xa0, 0x05, 0x30, 0x03, 0x02, 0x01, 0x03};
    static const uint8_t not_seq[] = {0x04, 0x01, 0x00};
    static uint8_t pkg[2048], image[64];
    size_t n;

    CU_ASSERT_EQUAL(verdict(not_signed, sizeof not_signed), CMSFW_BAD_CONTENT_INFO);
    CU_ASSERT_EQUAL(verdict(short_sd, sizeof short_sd), CMSFW_BAD_SIGNED_DATA);
    CU_ASSERT_EQUAL(verdict(not_seq, sizeof not_seq), CMSFW_BAD_CONTENT_INFO);
    /* eContentType id-signedData: not a firmware package type */
    n = build_ber_signed(pkg, sizeof pkg, oid_signed_data, sizeof oid_signed_data, image,
                         sizeof image, 10);
    CU_ASSERT_EQUAL(verdict(pkg, n), CMSFW_BAD_ENCAP_CONTENT);
}

/* Files under vectors/published: the RFC 4108 sample of pyasn1-modules has
 * SignedData version 1 (RFC 4108 requires 3). */
static void
test_published_samples(void)
{
    static const struct {
        const char *file;
        cmsfw_err want;
    } cases[] = {
        {"pyasn1-rfc4108-signed-firmware-package.der", CMSFW_BAD_SIGNED_DATA},
        {"pyasn1-rfc3274-compressed-data.der", CMSFW_BAD_CONTENT_INFO},
    };
    const char *top = getenv("top_srcdir");
    char path[1024];
    static uint8_t buf[1 << 16];
    size_t i, n;
    FILE *f;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(path, sizeof path, "%s/vectors/published/%s", top != NULL ? top : ".", cases[i].file);
        f = fopen(path, "rb");
        CU_ASSERT_PTR_NOT_NULL_FATAL(f);
        n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        CU_ASSERT_EQUAL(verdict(buf, n), cases[i].want);
    }
}

static void
test_api_misuse(void)
{
    cmsfw_proc *p = cmsfw_proc_new();
    cmsfw_sink sink = {NULL, NULL};

    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    cmsfw_proc_init(p, NULL, NULL);
    CU_ASSERT_EQUAL(cmsfw_proc_push(p, (const uint8_t *)"x", 1), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_proc_finish(p, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_proc_unwrap(p, &sink), CMSFW_E_ARG);
    cmsfw_proc_delete(p);
    cmsfw_proc_delete(NULL);
}

static CU_TestInfo proc_tests[] = {
    {"BER framing reaches step 7, image staged and hashed", test_framing_reaches_signed_attrs},
    {"every truncation is decodeFailure", test_truncation_is_decode_failure},
    {"octets after the ContentInfo", test_trailing_octets},
    {"nesting limit", test_nesting_limit},
    {"malformed BER", test_bad_ber},
    {"ContentInfo and SignedData shape", test_content_info_and_signed_data},
    {"published samples", test_published_samples},
    {"API misuse", test_api_misuse},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"proc", NULL, NULL, NULL, NULL, proc_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
