/*
 * test_codec_crafted.c: hand-made hostile encodings for the decoders of
 * cmsfw/fw.h: nesting far beyond CMSFW_DER_MAX_DEPTH (up to 100000 levels),
 * indefinite lengths and constructed strings (BER, not DER), receipts with
 * misplaced, repeated or mistagged fields and an explicit version,
 * INTEGERs that are non-minimal, negative or out of range, OIDs around
 * CMSFW_OID_MAX_LEN and malformed, wrong tags and CHOICE arms. Each set
 * has positive controls, so that a rejection means what it should.
 */
#include "tests/codec_neg.h"

/* ------------------------------------------------------------ helpers */

/* @p depth SEQUENCEs nested around @p inner, written outside-in so that a
 * deep nesting costs linear time. */
static dbuf
nested(size_t depth, const uint8_t *inner, size_t inner_len)
{
    dbuf out = { NULL, 0, 0 };
    size_t *content = malloc((depth + 1) * sizeof *content);
    size_t i;

    CU_ASSERT_PTR_NOT_NULL_FATAL(content);
    content[depth] = inner_len;
    for (i = depth; i-- > 0;)
        content[i] = i + 1 == depth ? inner_len : hdr_size(content[i + 1]) + content[i + 1];
    for (i = 0; i < depth; i++)
        put_hdr(&out, 0x30, content[i]);
    put(&out, inner, inner_len);
    free(content);
    return out;
}

/* The fields of a receipt before fwPkgName: hwType, hwSerialNum. */
static void
put_receipt_head(dbuf *b)
{
    put_tlv(b, 0x06, oid_hw, sizeof oid_hw);
    put_tlv(b, 0x04, filler, 4);
}

/* A receipt whose fwPkgName is @p name (any bytes), then @p tail. */
static dbuf
receipt_with(const uint8_t *name, size_t name_len, const uint8_t *tail, size_t tail_len)
{
    dbuf in = { NULL, 0, 0 }, out;

    put_receipt_head(&in);
    put(&in, name, name_len);
    put(&in, tail, tail_len);
    out = wrap(0x30, &in);
    free(in.p);
    return out;
}

/* PreferredPackageIdentifier with verNum given as a whole TLV. */
static dbuf
preferred_with(const uint8_t *ver_tlv, size_t n)
{
    dbuf in = { NULL, 0, 0 }, out;

    put_tlv(&in, 0x06, oid_pkg, sizeof oid_pkg);
    put(&in, ver_tlv, n);
    out = wrap(0x30, &in);
    free(in.p);
    return out;
}

/* -------------------------------------------------------------- tests */

/* fwPkgName, a dependency, a community and an OID list element replaced by
 * nestings of SEQUENCEs far deeper than any decoder follows. */
static void
test_deep_nesting(void)
{
    static const size_t depths[] = { 65, 100, 100000 };
    const codec_ops *rc = codec("receipt"), *pi = codec("pkg_info");
    const codec_ops *cs = codec("communities"), *ol = codec("oid_list");
    size_t i;

    for (i = 0; i < sizeof depths / sizeof depths[0]; i++) {
        dbuf deep = nested(depths[i], NULL, 0), r, w;

        r = receipt_with(deep.p, deep.n, NULL, 0);
        CU_ASSERT_TRUE(rejects(rc, r.p, r.n));
        free(r.p);
        w = wrap(0x30, &deep); /* dependencies: SEQUENCE OF name */
        r = wrap(0x30, &w);
        CU_ASSERT_TRUE(rejects(pi, r.p, r.n));
        CU_ASSERT_TRUE(rejects(cs, w.p, w.n));
        CU_ASSERT_TRUE(rejects(ol, w.p, w.n));
        free(r.p);
        free(w.p);
        free(deep.p);
    }
}

/* The same with indefinite lengths, which DER forbids at any depth. */
static void
test_indefinite(void)
{
    const codec_ops *rc = codec("receipt"), *oc = codec("octets");
    dbuf b = { NULL, 0, 0 }, r;
    size_t i;

    for (i = 0; i < 100; i++)
        PUT(&b, 0x30, 0x80);
    for (i = 0; i < 100; i++)
        PUT(&b, 0x00, 0x00);
    r = receipt_with(b.p, b.n, NULL, 0);
    CU_ASSERT_TRUE(rejects(rc, r.p, r.n));
    free(r.p);
    free(b.p);

    /* fwPkgName as a SEQUENCE with indefinite length, otherwise valid */
    b.p = NULL;
    b.n = b.cap = 0;
    PUT(&b, 0x30, 0x80);
    put_tlv(&b, 0x06, oid_pkg, sizeof oid_pkg);
    PUT(&b, 0x02, 0x01, 0x07, 0x00, 0x00);
    r = receipt_with(b.p, b.n, NULL, 0);
    CU_ASSERT_TRUE(rejects(rc, r.p, r.n));
    free(r.p);
    free(b.p);

    /* constructed OCTET STRING, indefinite and definite */
    b.p = NULL;
    b.n = b.cap = 0;
    PUT(&b, 0x24, 0x80, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb, 0x00, 0x00);
    CU_ASSERT_TRUE(rejects(oc, b.p, b.n));
    b.n = 0;
    PUT(&b, 0x24, 0x06, 0x04, 0x01, 0xaa, 0x04, 0x01, 0xbb);
    CU_ASSERT_TRUE(rejects(oc, b.p, b.n));
    free(b.p);
}

/* Hand-made receipts: the positive control must pass for the others to mean
 * anything. */
static void
test_receipt_forms(void)
{
    static const uint8_t ver7[] = { 0x02, 0x01, 0x07 };
    static const struct {
        const char *what;
        uint8_t tail[8];
        size_t n;
        int ok;
    } tails[] = {
        { "none", { 0 }, 0, 1 },
        { "empty decryptKeyID", { 0x81, 0x00 }, 2, 1 },
        { "trustAnchorKeyID then decryptKeyID", { 0x04, 0x01, 0x01, 0x81, 0x01, 0x02 }, 6, 1 },
        { "decryptKeyID [2]", { 0x82, 0x01, 0x02 }, 3, 0 },
        { "decryptKeyID [0]", { 0x80, 0x01, 0x02 }, 3, 0 },
        { "decryptKeyID constructed", { 0xa1, 0x03, 0x04, 0x01, 0x02 }, 5, 0 },
        { "decryptKeyID twice", { 0x81, 0x00, 0x81, 0x00 }, 4, 0 },
        { "decryptKeyID before trustAnchorKeyID", { 0x81, 0x00, 0x04, 0x00 }, 4, 0 },
        { "trustAnchorKeyID twice", { 0x04, 0x00, 0x04, 0x00 }, 4, 0 },
        { "unknown element", { 0x05, 0x00 }, 2, 0 },
        { "EOC inside", { 0x00, 0x00 }, 2, 0 },
    };
    const codec_ops *rc = codec("receipt");
    dbuf name = preferred_with(ver7, sizeof ver7), r, in = { NULL, 0, 0 };
    size_t i;

    for (i = 0; i < sizeof tails / sizeof tails[0]; i++) {
        r = receipt_with(name.p, name.n, tails[i].tail, tails[i].n);
        if (!expect(rc, r.p, r.n, tails[i].ok))
            CU_FAIL(tails[i].what);
        free(r.p);
    }

    /* version written out: v1, the DEFAULT, is accepted (fw.h) and dropped
     * on re-encoding, which probe() checks; any other version is refused */
    for (i = 0; i <= 3; i++) {
        in.n = 0;
        PUT(&in, 0x02, 0x01);
        put(&in, &(uint8_t){ (uint8_t)i }, 1);
        put_receipt_head(&in);
        put(&in, name.p, name.n);
        r = wrap(0x30, &in);
        CU_ASSERT_TRUE(expect(rc, r.p, r.n, i == 1));
        free(r.p);
    }

    /* hwSerialNum with a long-form length that fits the short form */
    in.n = 0;
    put_tlv(&in, 0x06, oid_hw, sizeof oid_hw);
    PUT(&in, 0x04, 0x81, 0x02, 0xaa, 0xbb);
    put(&in, name.p, name.n);
    r = wrap(0x30, &in);
    CU_ASSERT_TRUE(rejects(rc, r.p, r.n));
    free(r.p);
    free(in.p);
    free(name.p);
}

/* An INTEGER TLV and whether it fits the field under test. */
typedef struct int_case {
    uint8_t tlv[20];
    size_t n;
    int ok;
} int_case;

/* verNum and preferredStaleVerNum: INTEGER (0..MAX) held in 64 bits. */
static const int_case uint_cases[] = {
    { { 0x02, 0x01, 0x00 }, 3, 1 },
    { { 0x02, 0x02, 0x00, 0x80 }, 4, 1 },
    { { 0x02, 0x09, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 11, 1 },
    { { 0x02, 0x02, 0x00, 0x07 }, 4, 0 },                            /* non-minimal */
    { { 0x02, 0x01, 0xff }, 3, 0 },                                  /* -1 */
    { { 0x02, 0x01, 0x80 }, 3, 0 },                                  /* -128 */
    { { 0x02, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0 }, 10, 0 },            /* -2^63 */
    { { 0x02, 0x09, 0x01, 0, 0, 0, 0, 0, 0, 0, 0 }, 11, 0 },         /* 2^64 */
    { { 0x02, 0x0a, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 12, 0 },
    { { 0x02, 0x00 }, 2, 0 },                                        /* no content */
    { { 0x02, 0x81, 0x01, 0x05 }, 4, 0 },                            /* long-form length */
    { { 0x22, 0x03, 0x02, 0x01, 0x05 }, 5, 0 },                      /* constructed */
    { { 0x0a, 0x01, 0x05 }, 3, 0 },                                  /* ENUMERATED */
};

/* fwPkgType, vendorErrorCode: INTEGER held in int64_t. */
static const int_case int_cases[] = {
    { { 0x02, 0x01, 0xff }, 3, 1 },
    { { 0x02, 0x08, 0x80, 0, 0, 0, 0, 0, 0, 0 }, 10, 1 },
    { { 0x02, 0x08, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 10, 1 },
    { { 0x02, 0x09, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0 }, 11, 0 },      /* 2^63 */
    { { 0x02, 0x09, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 11, 0 },
    { { 0x02, 0x02, 0xff, 0xff }, 4, 0 },                            /* non-minimal -1 */
    { { 0x02, 0x02, 0x00, 0x01 }, 4, 0 },                            /* non-minimal 1 */
    { { 0x02, 0x00 }, 2, 0 },
};

static void
check_ints(const codec_ops *c, const int_case *cases, size_t n_cases,
           void (*build)(dbuf *out, const int_case *ic))
{
    size_t i;

    for (i = 0; i < n_cases; i++) {
        dbuf b = { NULL, 0, 0 };
        build(&b, &cases[i]);
        CU_ASSERT_TRUE(expect(c, b.p, b.n, cases[i].ok));
        free(b.p);
    }
}

static void
build_pkg_name(dbuf *out, const int_case *ic)
{
    *out = preferred_with(ic->tlv, ic->n);
}

static void
build_pkg_id_stale(dbuf *out, const int_case *ic)
{
    static const uint8_t ver1[] = { 0x02, 0x01, 0x01 };
    dbuf in = preferred_with(ver1, sizeof ver1);

    put(&in, ic->tlv, ic->n);
    *out = wrap(0x30, &in);
    free(in.p);
}

static void
build_pkg_info_type(dbuf *out, const int_case *ic)
{
    dbuf in = { NULL, 0, 0 };

    put(&in, ic->tlv, ic->n);
    *out = wrap(0x30, &in);
    free(in.p);
}

/* An error report with errorCode 99 and @p ic as vendorErrorCode. */
static void
build_vendor_code(dbuf *out, const int_case *ic)
{
    dbuf in = { NULL, 0, 0 };

    put_receipt_head(&in);
    PUT(&in, 0x0a, 0x01, 0x63);
    put(&in, ic->tlv, ic->n);
    *out = wrap(0x30, &in);
    free(in.p);
}

/* errorCode itself: ENUMERATED, any value kept (unassigned ones included). */
static void
build_error_code(dbuf *out, const int_case *ic)
{
    dbuf in = { NULL, 0, 0 };

    put_receipt_head(&in);
    put(&in, ic->tlv, ic->n);
    *out = wrap(0x30, &in);
    free(in.p);
}

static const int_case enum_cases[] = {
    { { 0x0a, 0x01, 0x1c }, 3, 1 },
    { { 0x0a, 0x01, 0x32 }, 3, 1 },       /* 50: unassigned, kept */
    { { 0x0a, 0x02, 0x00, 0x1c }, 4, 0 }, /* non-minimal */
    { { 0x0a, 0x00 }, 2, 0 },
    { { 0x02, 0x01, 0x1c }, 3, 0 },       /* INTEGER instead of ENUMERATED */
    { { 0x0a, 0x09, 0x00, 0x80, 0, 0, 0, 0, 0, 0, 0 }, 11, 0 },
};

static void
test_integers(void)
{
    const codec_ops *er = codec("error_report");
    cmsfw_pkg_name name;
    dbuf b;

    check_ints(codec("pkg_name"), uint_cases, sizeof uint_cases / sizeof uint_cases[0],
               build_pkg_name);
    check_ints(codec("pkg_id"), uint_cases, sizeof uint_cases / sizeof uint_cases[0],
               build_pkg_id_stale);
    check_ints(codec("pkg_info"), int_cases, sizeof int_cases / sizeof int_cases[0],
               build_pkg_info_type);
    check_ints(er, int_cases, sizeof int_cases / sizeof int_cases[0], build_vendor_code);
    check_ints(er, enum_cases, sizeof enum_cases / sizeof enum_cases[0], build_error_code);

    /* the largest verNum arrives intact */
    build_pkg_name(&b, &uint_cases[2]);
    CU_ASSERT_EQUAL_FATAL(cmsfw_pkg_name_decode(&name, b.p, b.n, NULL), CMSFW_OK);
    CU_ASSERT_EQUAL(name.form, CMSFW_NAME_PREFERRED);
    CU_ASSERT_TRUE(name.version == UINT64_MAX);
    cmsfw_pkg_name_free(&name);
    free(b.p);
}

/* hwType of a receipt, an OID list element and a communityOID. */
static void
test_oids(void)
{
    static const struct {
        size_t len;
        uint8_t first, fill, last;
        int ok;
    } cases[] = {
        { CMSFW_OID_MAX_LEN, 0x2b, 0x01, 0x01, 1 },
        { CMSFW_OID_MAX_LEN + 1, 0x2b, 0x01, 0x01, 0 },
        { 4096, 0x2b, 0x01, 0x01, 0 },
        { 0, 0, 0, 0, 0 },               /* empty */
        { 40, 0x2b, 0x7f, 0x7f, 1 },     /* short, but long in dotted form */
        { 3, 0x2b, 0x80, 0x01, 0 },      /* arc with a leading 0x80 */
        { 3, 0x2b, 0x01, 0x81, 0 },      /* last arc unfinished */
        { 12, 0x2b, 0xff, 0x7f, 0 },     /* arc over 64 bits */
    };
    const codec_ops *rc = codec("receipt"), *ol = codec("oid_list");
    const codec_ops *cs = codec("communities");
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dbuf oid = { NULL, 0, 0 }, in = { NULL, 0, 0 }, r;
        uint8_t *content = malloc(cases[i].len + 1);

        CU_ASSERT_PTR_NOT_NULL_FATAL(content);
        memset(content, cases[i].fill, cases[i].len + 1);
        content[0] = cases[i].first;
        if (cases[i].len > 1)
            content[cases[i].len - 1] = cases[i].last;
        put_tlv(&oid, 0x06, content, cases[i].len);
        free(content);

        put(&in, oid.p, oid.n);
        PUT(&in, 0x04, 0x00, 0x04, 0x00);
        r = wrap(0x30, &in);
        CU_ASSERT_TRUE(expect(rc, r.p, r.n, cases[i].ok));
        free(r.p);
        r = wrap(0x30, &oid);
        CU_ASSERT_TRUE(expect(ol, r.p, r.n, cases[i].ok));
        CU_ASSERT_TRUE(expect(cs, r.p, r.n, cases[i].ok));
        free(r.p);
        free(in.p);
        free(oid.p);
    }
}

/* CHOICE arms and tags that do not belong. */
static void
test_wrong_tags(void)
{
    static const struct {
        const char *codec, *what;
        uint8_t der[16];
        size_t n;
    } cases[] = {
        { "pkg_name", "UTF8String name", { 0x0c, 0x01, 0x41 }, 3 },
        { "pkg_name", "NULL name", { 0x05, 0x00 }, 2 },
        { "pkg_name", "empty preferred", { 0x30, 0x00 }, 2 },
        { "pkg_name", "preferred without verNum", { 0x30, 0x03, 0x06, 0x01, 0x2b }, 5 },
        { "communities", "NULL arm", { 0x30, 0x02, 0x05, 0x00 }, 4 },
        { "communities", "NULL with content",
          { 0x30, 0x0a, 0x30, 0x08, 0x06, 0x01, 0x2b, 0x30, 0x03, 0x05, 0x01, 0x00 }, 12 },
        { "communities", "serial entry INTEGER",
          { 0x30, 0x0a, 0x30, 0x08, 0x06, 0x01, 0x2b, 0x30, 0x03, 0x02, 0x01, 0x00 }, 12 },
        { "communities", "block with one bound",
          { 0x30, 0x0b, 0x30, 0x09, 0x06, 0x01, 0x2b, 0x30, 0x04, 0x30, 0x02, 0x04, 0x00 }, 13 },
        { "oid_list", "OCTET STRING element", { 0x30, 0x02, 0x04, 0x00 }, 4 },
        { "oid_list", "SET instead of SEQUENCE", { 0x31, 0x03, 0x06, 0x01, 0x2b }, 5 },
        { "pkg_info", "dependencies as SET", { 0x30, 0x02, 0x31, 0x00 }, 4 },
        { "pkg_info", "fwPkgType after dependencies",
          { 0x30, 0x05, 0x30, 0x00, 0x02, 0x01, 0x01 }, 7 },
        { "hw_module_name", "serial missing", { 0x30, 0x03, 0x06, 0x01, 0x2b }, 5 },
        { "hw_module_othername", "bare HardwareModuleName",
          { 0x30, 0x05, 0x06, 0x01, 0x2b, 0x04, 0x00 }, 7 },
        { "hw_module_othername", "wrong type-id",
          { 0xa0, 0x0c, 0x06, 0x01, 0x2b, 0xa0, 0x07, 0x30, 0x05, 0x06, 0x01, 0x2b, 0x04, 0x00 },
          14 },
        { "octets", "BIT STRING", { 0x03, 0x01, 0x00 }, 3 },
        { "fw_digest", "no digest", { 0x30, 0x05, 0x30, 0x03, 0x06, 0x01, 0x2b }, 7 },
        { "wrapped_key", "empty", { 0x30, 0x00 }, 2 },
        { "error_report", "no errorCode",
          { 0x30, 0x05, 0x06, 0x01, 0x2b, 0x04, 0x00 }, 7 },
        { "error_report", "config [0]",
          { 0x30, 0x0a, 0x06, 0x01, 0x2b, 0x04, 0x00, 0x0a, 0x01, 0x01, 0xa0, 0x00 }, 12 },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (!rejects(codec(cases[i].codec), cases[i].der, cases[i].n))
            CU_FAIL(cases[i].what);
}

/* Patch the version INTEGER found right after @p prefix (the first match)
 * to the one-octet value @p v; 0 when the pattern is absent. */
static int
patch_version(uint8_t *der, size_t n, uint8_t prefix, uint8_t expect, uint8_t v)
{
    size_t i, hdr;

    for (i = 0; i + 5 <= n; i++) {
        if (der[i] != prefix)
            continue;
        hdr = der[i + 1] < 0x80 ? 2 : 2 + (der[i + 1] & 0x7fu);
        if (i + hdr + 3 <= n && der[i + hdr] == 0x02 && der[i + hdr + 1] == 0x01 &&
            der[i + hdr + 2] == expect) {
            der[i + hdr + 2] = v;
            return 1;
        }
    }
    return 0;
}

/* CMSVersion fields of WrappedFirmwareKey: negative values are refused by
 * the encoder, so the decoder must refuse them too (fw.h). */
static void
test_negative_versions(void)
{
    static const uint8_t kek_alg[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x05 };
    static const uint8_t ct[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                  0x01, 0x09, 0x10, 0x01, 0x10 };
    static const struct {
        uint8_t prefix, expect, value;
    } patches[] = {
        { 0x30, 0x02, 0xff }, /* EnvelopedData.version -1 */
        { 0x30, 0x02, 0x80 }, /* -128 */
        { 0xa2, 0x04, 0xff }, /* KEKRecipientInfo.version -1 */
        { 0xa2, 0x04, 0x84 }, /* -124 */
    };
    const codec_ops *wk = codec("wrapped_key");
    cmsfw_recipient r;
    cmsfw_wrapped_key w;
    cmsfw_err rc = CMSFW_E_STATE;
    uint8_t *der;
    size_t n = 0, i;

    memset(&r, 0, sizeof r);
    memset(&w, 0, sizeof w);
    r.kind = CMSFW_RECIPIENT_KEKRI;
    r.version = 4;
    r.key_id.ptr = filler;
    r.key_id.len = 4;
    r.key_enc_alg.oid.ptr = kek_alg;
    r.key_enc_alg.oid.len = sizeof kek_alg;
    r.encrypted_key.ptr = filler;
    r.encrypted_key.len = 24;
    w.version = 2;
    w.recipients = &r;
    w.n_recipients = 1;
    w.content_type.ptr = ct;
    w.content_type.len = sizeof ct;
    w.cek_alg.oid.ptr = kek_alg;
    w.cek_alg.oid.len = sizeof kek_alg;
    der = encode_alloc(wk, &w, &n, &rc);
    CU_ASSERT_EQUAL_FATAL(rc, CMSFW_OK);
    CU_ASSERT_TRUE(expect(wk, der, n, 1));
    for (i = 0; i < sizeof patches / sizeof patches[0]; i++) {
        uint8_t *copy = malloc(n);
        CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
        memcpy(copy, der, n);
        CU_ASSERT_FATAL(patch_version(copy, n, patches[i].prefix, patches[i].expect,
                                      patches[i].value));
        CU_ASSERT_TRUE(rejects(wk, copy, n));
        free(copy);
    }
    free(der);
}

static void
report_counts(void)
{
    printf("\n  %lu decodes, %lu accepted\n", n_decodes, n_accepted);
}

static int
suite_clean(void)
{
    report_counts();
    return 0;
}

static CU_TestInfo crafted_tests[] = {
    { "nesting beyond the depth limit", test_deep_nesting },
    { "indefinite lengths and constructed strings", test_indefinite },
    { "receipt optional fields and forms", test_receipt_forms },
    { "INTEGER range and minimality", test_integers },
    { "OID length and form", test_oids },
    { "wrong tags and CHOICE arms", test_wrong_tags },
    { "negative CMSVersion in WrappedFirmwareKey", test_negative_versions },
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    { "codec_crafted", NULL, suite_clean, NULL, NULL, crafted_tests },
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
