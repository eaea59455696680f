/*
 * test_unwrap.c: cmsfw__unwrap() on FirmwarePkgData and CompressedData,
 * the firmware-package-message-digest check (step 24), stage and sink
 * failures.
 */
#include <string.h>

#include <zlib.h>

#include "cu_main.h"
#include "test_unwrap_util.h"

/* ------------------------------------------------------ FirmwarePkgData */

static void
test_plain_sizes(void)
{
    static const size_t sizes[] = {0, 1, 15, 16, 17, 4096, 16384, 16385, 100000};
    tu_ctx c;
    size_t i;

    tu_ctx_init(&c);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        tu_buf img = tu_pattern(sizes[i], (unsigned)i);
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_OK, img.p, img.len));
        CU_ASSERT_EQUAL(c.res.layers, 0);
        CU_ASSERT_PTR_NULL(c.res.decrypt_key_id.ptr);
        CU_ASSERT(c.st.max_read <= 16384);
        CU_ASSERT(c.sk.max_write <= 16384);
        CU_ASSERT_EQUAL(c.st.max_write, 0); /* nothing to decrypt: the stage is untouched */
        tu_free(&img);
    }
    tu_ctx_free(&c);
}

static void
test_plain_unknown_type(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(10, 1);

    tu_ctx_init(&c);
    CU_ASSERT(tu_expect(&c, TU_DATA, &img, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    tu_free(&img);
    tu_ctx_free(&c);
}

static void
test_bad_arguments(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(10, 1);

    tu_ctx_init(&c);
    CU_ASSERT_EQUAL(tu_run(&c, TU_FW, &img), CMSFW_OK);
    CU_ASSERT_EQUAL(cmsfw__unwrap(NULL, &c.s, &c.dev, &c.stage, &c.sink, &c.res, NULL),
                    CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__unwrap(&c.f, &c.s, &c.dev, &c.stage, NULL, &c.res, NULL), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw__unwrap(&c.f, &c.s, &c.dev, NULL, &c.sink, &c.res, NULL), CMSFW_E_ARG);
    /* res and diag may be NULL */
    CU_ASSERT_EQUAL(cmsfw__unwrap(&c.f, &c.s, &c.dev, &c.stage, &c.sink, NULL, NULL), CMSFW_OK);
    tu_free(&img);
    tu_ctx_free(&c);
}

/* ------------------------------------------------- image digest (24) */

static void
digest_of(cmsfw_bk_hash h, const tu_buf *img, uint8_t *md, size_t *n)
{
    CU_ASSERT_EQUAL_FATAL(cmsfw_bk_hash_once(h, (cmsfw_bytes){img->p, img->len}, md,
                                             CMSFW_BK_HASH_MAX, n),
                          CMSFW_BK_OK);
}

static void
test_fw_digest(void)
{
    static const struct {
        const char *oid;
        cmsfw_bk_hash h;
    } algs[] = {{TU_SHA256, CMSFW_BK_SHA256}, {TU_SHA384, CMSFW_BK_SHA384},
                {TU_SHA512, CMSFW_BK_SHA512}};
    uint8_t md[CMSFW_BK_HASH_MAX];
    size_t n = 0, i;
    tu_ctx c;
    tu_buf img = tu_pattern(40000, 7);
    tu_buf cd = tu_compress_image(img.p, img.len);

    tu_ctx_init(&c);
    for (i = 0; i < 3; i++) {
        digest_of(algs[i].h, &img, md, &n);
        tu_set_fw_digest(&c, algs[i].oid, md, n, (int)(i & 1));
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_OK, img.p, img.len));
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, img.p, img.len));
        md[n - 1] ^= 0x01;
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_BAD_FIRMWARE, NULL, 0));
        /* the sink got the image: the caller discards it (proc.h) */
        CU_ASSERT_EQUAL(c.sk.data.len, img.len);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_BAD_FIRMWARE, NULL, 0));
        md[n - 1] ^= 0x01;
        /* a digest of another length never matches */
        tu_set_fw_digest(&c, algs[i].oid, md, n - 1, 0);
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_BAD_FIRMWARE, NULL, 0));
    }
    /* SHA-256 digest under the SHA-384 identifier */
    digest_of(CMSFW_BK_SHA256, &img, md, &n);
    tu_set_fw_digest(&c, TU_SHA384, md, n, 0);
    CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_BAD_FIRMWARE, NULL, 0));
    /* algorithms the loader does not check are ignored */
    memset(md, 0, sizeof(md));
    tu_set_fw_digest(&c, "1.3.14.3.2.26", md, 20, 0); /* SHA-1 */
    CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_OK, img.p, img.len));
    tu_set_fw_digest(&c, "2.16.840.1.101.3.4.2.8", md, 32, 0); /* SHA3-256 */
    CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_OK, img.p, img.len));
    tu_free(&img);
    tu_free(&cd);
    tu_ctx_free(&c);
}

/* ----------------------------------------------------- CompressedData */

static tu_buf
zlib_alg(void)
{
    tu_buf alg = {NULL, 0, 0};

    tu_alg(&alg, TU_ZLIB, NULL, 0);
    return alg;
}

static void
test_compressed_ok(void)
{
    static const size_t sizes[] = {0, 1, 17, 70000, 1u << 20};
    tu_ctx c;
    tu_buf alg = zlib_alg();
    size_t i;

    tu_ctx_init(&c);
    for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        tu_buf img = tu_pattern(sizes[i], (unsigned)i + 3);
        tu_buf z = tu_zlib(img.p, img.len, 9);
        tu_buf a = {NULL, 0, 0}, b = {NULL, 0, 0}, d = {NULL, 0, 0};

        tu_compressed(&a, 0, &alg, TU_FW, &z, 0, 0);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &a, CMSFW_OK, img.p, img.len));
        CU_ASSERT_EQUAL(c.res.layers, CMSFW_LAYER_COMPRESSED);
        CU_ASSERT(c.sk.max_write <= 16384);
        CU_ASSERT(c.st.max_read <= 16384);
        /* BER: segmented eContent, indefinite lengths everywhere */
        tu_compressed(&b, 0, &alg, TU_FW, &z, 1000, 1);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &b, CMSFW_OK, img.p, img.len));
        tu_compressed(&d, 0, &alg, TU_FW, &z, 1, 0);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &d, CMSFW_OK, img.p, img.len));
        tu_free(&img);
        tu_free(&z);
        tu_free(&a);
        tu_free(&b);
        tu_free(&d);
    }
    tu_free(&alg);
    tu_ctx_free(&c);
}

/* eContent of a CompressedData whose zlib stream is `z`. */
static int
expect_z(tu_ctx *c, const tu_buf *z, cmsfw_err want)
{
    tu_buf alg = zlib_alg(), cd = {NULL, 0, 0};
    int ok;

    tu_compressed(&cd, 0, &alg, TU_FW, z, 0, 0);
    ok = tu_expect(c, TU_COMPRESSED, &cd, want, NULL, 0);
    tu_free(&alg);
    tu_free(&cd);
    return ok;
}

/* A raw DEFLATE stream (no zlib header) or a gzip one. */
static tu_buf
deflate_with(const tu_buf *img, int window_bits)
{
    z_stream zs;
    tu_buf out = {NULL, 0, 0};
    uint8_t buf[4096];
    int zr;

    memset(&zs, 0, sizeof(zs));
    CU_ASSERT_FATAL(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    zs.next_in = img->p;
    zs.avail_in = (uInt)img->len;
    tu_put(&out, NULL, 0);
    do {
        zs.next_out = buf;
        zs.avail_out = sizeof(buf);
        zr = deflate(&zs, Z_FINISH);
        tu_put(&out, buf, sizeof(buf) - zs.avail_out);
    } while (zr == Z_OK);
    CU_ASSERT(zr == Z_STREAM_END);
    deflateEnd(&zs);
    return out;
}

static void
test_compressed_stream_errors(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(5000, 9);
    tu_buf z = tu_zlib(img.p, img.len, 6);
    tu_buf t;
    uint8_t dict[8] = "abcdefgh";
    z_stream zs;
    uint8_t out[8192];

    tu_ctx_init(&c);
    /* truncated: every cut of the stream */
    t = tu_copy(z.p, z.len - 1);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    t = tu_copy(z.p, z.len / 2);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    t = tu_copy(z.p, 0);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    /* trailing garbage after the end of the stream */
    t = tu_copy(z.p, z.len);
    tu_byte(&t, 0x00);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_put(&t, z.p, z.len); /* a second stream */
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    /* Adler-32 wrong */
    t = tu_copy(z.p, z.len);
    t.p[t.len - 1] ^= 0x01;
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    /* header check wrong */
    t = tu_copy(z.p, z.len);
    t.p[1] ^= 0x01;
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    /* raw DEFLATE and gzip are not id-alg-zlibCompress */
    t = deflate_with(&img, -15);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    t = deflate_with(&img, 15 + 16);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    /* preset dictionary (FDICT) */
    memset(&zs, 0, sizeof(zs));
    CU_ASSERT_FATAL(deflateInit(&zs, 6) == Z_OK);
    CU_ASSERT_FATAL(deflateSetDictionary(&zs, dict, sizeof(dict)) == Z_OK);
    zs.next_in = img.p;
    zs.avail_in = (uInt)img.len;
    zs.next_out = out;
    zs.avail_out = sizeof(out);
    CU_ASSERT_FATAL(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    t = tu_copy(out, sizeof(out) - zs.avail_out);
    deflateEnd(&zs);
    CU_ASSERT(t.p[1] & 0x20);
    CU_ASSERT(expect_z(&c, &t, CMSFW_DECOMPRESS_FAILURE));
    tu_free(&t);
    tu_free(&img);
    tu_free(&z);
    tu_ctx_free(&c);
}

static void
test_compressed_bomb(void)
{
    tu_ctx c;
    tu_buf zeros = {NULL, 0, 0};
    tu_buf z, cd;

    tu_ctx_init(&c);
    tu_put(&zeros, NULL, 0);
    while (zeros.len < (4u << 20))
        tu_byte(&zeros, 0);
    z = tu_zlib(zeros.p, zeros.len, 9);
    CU_ASSERT(z.len < 8192); /* a small input ... */
    cd = tu_compress_image(zeros.p, zeros.len);
    c.dev.max_image = 65536; /* ... inflating far past the limit */
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    CU_ASSERT(c.sk.data.len <= 65536);
    c.dev.max_image = zeros.len; /* exactly the limit is fine */
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, zeros.p, zeros.len));
    c.dev.max_image = zeros.len - 1;
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_DECOMPRESS_FAILURE, NULL, 0));
    c.dev.max_image = 0; /* the default limit */
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, zeros.p, zeros.len));
    /* one-octet pieces: zlib often holds output when the input runs out */
    {
        tu_buf alg = zlib_alg(), one = {NULL, 0, 0};

        tu_compressed(&one, 0, &alg, TU_FW, &z, 1, 1);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &one, CMSFW_OK, zeros.p, zeros.len));
        tu_free(&alg);
        tu_free(&one);
    }
    tu_free(&zeros);
    tu_free(&z);
    tu_free(&cd);
    tu_ctx_free(&c);
}

static void
test_compressed_fields(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(3000, 4);
    tu_buf z = tu_zlib(img.p, img.len, 6);
    tu_buf alg = zlib_alg(), other = {NULL, 0, 0}, nul = {NULL, 0, 0}, t = {NULL, 0, 0};

    tu_ctx_init(&c);
    tu_compressed(&t, 1, &alg, TU_FW, &z, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    tu_compressed(&t, 0, &alg, TU_DATA, &z, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    tu_alg(&other, "1.2.840.113549.1.9.16.3.99", NULL, 0);
    tu_compressed(&t, 0, &other, TU_FW, &z, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_COMPRESS_ALGORITHM, NULL, 0));
    tu_free(&t);
    tu_alg(&nul, TU_ZLIB, "\x05\x00", 2); /* parameters must be absent */
    tu_compressed(&t, 0, &nul, TU_FW, &z, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_COMPRESS_ALGORITHM, NULL, 0));
    tu_free(&t);
    tu_compressed(&t, 0, &alg, TU_FW, NULL, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_MISSING_COMPRESSED_CONTENT, NULL, 0));
    tu_free(&t);
    tu_compressed(&t, 0, &alg, TU_FW, NULL, 0, 1);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_MISSING_COMPRESSED_CONTENT, NULL, 0));
    tu_free(&t);
    /* order: a version error is reported before the algorithm */
    tu_compressed(&t, 2, &other, TU_FW, NULL, 0, 0);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    tu_free(&img);
    tu_free(&z);
    tu_free(&alg);
    tu_free(&other);
    tu_free(&nul);
    tu_ctx_free(&c);
}

static void
test_compressed_syntax(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(3000, 4);
    tu_buf good = tu_compress_image(img.p, img.len);
    tu_buf t = {NULL, 0, 0}, in = {NULL, 0, 0}, alg = zlib_alg();
    size_t cut;

    tu_ctx_init(&c);
    /* every truncation of the structure */
    for (cut = 0; cut < good.len; cut += (cut < 64 ? 1 : 97)) {
        t = tu_copy(good.p, cut);
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
        CU_ASSERT_EQUAL(c.sk.data.len, 0); /* refused before inflating */
        tu_free(&t);
    }
    /* trailing octets after the value */
    t = tu_copy(good.p, good.len);
    tu_byte(&t, 0x00);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    CU_ASSERT_EQUAL(c.sk.data.len, 0);
    tu_free(&t);
    /* not a SEQUENCE */
    t = tu_copy(good.p, good.len);
    t.p[0] = 0x31;
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    /* a field more */
    tu_int(&in, 0);
    tu_put(&in, alg.p, alg.len);
    tu_oid(&in, TU_FW);
    tu_wrap_self(&in, 0x30, 0);
    tu_int(&in, 5);
    tu_wrap(&t, 0x30, &in);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    /* eContent pieces that are not OCTET STRINGs */
    tu_free(&in);
    tu_int(&in, 0);
    tu_put(&in, alg.p, alg.len);
    {
        tu_buf e = {NULL, 0, 0}, os = {NULL, 0, 0}, pieces = {NULL, 0, 0};
        tu_oid(&e, TU_FW);
        tu_tlv(&pieces, 0x0c, "abc", 3); /* UTF8String */
        tu_wrap(&os, 0x24, &pieces);
        tu_wrap(&e, 0xa0, &os);
        tu_wrap(&in, 0x30, &e);
        tu_free(&e);
        tu_free(&os);
        tu_free(&pieces);
    }
    tu_wrap(&t, 0x30, &in);
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &t, CMSFW_BAD_ENCAP_CONTENT, NULL, 0));
    tu_free(&t);
    tu_free(&in);
    tu_free(&alg);
    tu_free(&img);
    tu_free(&good);
    tu_ctx_free(&c);
}

/* ---------------------------------------------------------------- I/O */

static void
test_io_failures(void)
{
    tu_ctx c;
    tu_buf img = tu_pattern(50000, 5);
    tu_buf cd = tu_compress_image(img.p, img.len);
    long k;

    tu_ctx_init(&c);
    for (k = 0; k < 4; k++) {
        c.st.reads_left = k;
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_E_IO, NULL, 0));
        c.st.reads_left = k;
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_E_IO, NULL, 0));
        c.st.reads_left = -1;
        c.sk.writes_left = k;
        CU_ASSERT(tu_expect(&c, TU_FW, &img, CMSFW_E_IO, NULL, 0));
        c.sk.writes_left = k;
        CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_E_IO, NULL, 0));
        c.sk.writes_left = -1;
    }
    CU_ASSERT(tu_expect(&c, TU_COMPRESSED, &cd, CMSFW_OK, img.p, img.len));
    tu_free(&img);
    tu_free(&cd);
    tu_ctx_free(&c);
}

static CU_TestInfo plain_tests[] = {
    {"FirmwarePkgData copied in bounded chunks", test_plain_sizes},
    {"an eContentType that is no layer", test_plain_unknown_type},
    {"missing arguments", test_bad_arguments},
    {"firmware-package-message-digest", test_fw_digest},
    {"stage and sink failures are E_IO", test_io_failures},
    CU_TEST_INFO_NULL};

static CU_TestInfo compressed_tests[] = {
    {"CompressedData, DER and BER", test_compressed_ok},
    {"zlib stream errors", test_compressed_stream_errors},
    {"decompression bomb and the size limit", test_compressed_bomb},
    {"version, content type, algorithm, content", test_compressed_fields},
    {"malformed CompressedData", test_compressed_syntax},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"unwrap plain", NULL, NULL, NULL, NULL, plain_tests},
                                {"unwrap compressed", NULL, NULL, NULL, NULL, compressed_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
