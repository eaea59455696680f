/*
 * test_protect_api.c: the producer's API around the matrix: refused
 * options (each with a reason), signer identification choices, the
 * streaming entry point against the buffer one, reader and sink failures,
 * and cmsfw_sign_content().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/fw.h>
#include <cmsfw/keys.h>
#include <cmsfw/oid.h>

#include "asn1/der.h"
#include "backends/backend.h"
#include "cu_main.h"
#include "test_protect_util.h"

static uint8_t target_buf[16], pkgid_buf[16];
static cmsfw_bytes target, pkgid;
static const uint8_t kek_key[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                    17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
static const uint8_t kek_id[] = {0xde, 0xc0, 0xde};

static int
suite_init(void)
{
    if (cmsfw_oid_from_dotted("1.3.6.1.4.1.32473.1.1", target_buf, sizeof target_buf,
                              &target.len) != CMSFW_OK ||
        cmsfw_oid_from_dotted("1.3.6.1.4.1.32473.2.1", pkgid_buf, sizeof pkgid_buf,
                              &pkgid.len) != CMSFW_OK)
        return 1;
    target.ptr = target_buf;
    pkgid.ptr = pkgid_buf;
    return 0;
}

static void
base_opts(cmsfw_protect_opts *o)
{
    memset(o, 0, sizeof *o);
    o->pkg_id.name.form = CMSFW_NAME_PREFERRED;
    o->pkg_id.name.oid = pkgid;
    o->pkg_id.name.version = 3;
    o->targets = &target;
    o->n_targets = 1;
    o->kek.id.ptr = kek_id;
    o->kek.id.len = sizeof kek_id;
    o->kek.key.ptr = kek_key;
    o->kek.key.len = 16;
}

static void
base_signer(cmsfw_signer *sg, const tp_signer *s)
{
    memset(sg, 0, sizeof *sg);
    sg->key = tb_view(s->key);
    sg->cert = tb_view(s->cert);
}

static int
same(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* protect_buffer must fail with E_ARG and say why. */
static void
expect_refused(const cmsfw_protect_opts *o, const cmsfw_signer *sg, const char *why)
{
    tb_buf image = tp_image(1000, 1);
    uint8_t *pkg = (uint8_t *)"untouched";
    size_t len = 99;
    cmsfw_diag d;
    cmsfw_err err;

    d.msg[0] = '\0';
    err = cmsfw_protect_buffer(o, sg, tb_view(image), &pkg, &len, &d);
    CU_ASSERT_EQUAL(err, CMSFW_E_ARG);
    CU_ASSERT_PTR_NULL(pkg);
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT(d.msg[0] != '\0');
    if (why != NULL && strstr(d.msg, why) == NULL) {
        fprintf(stderr, "\n  reason \"%s\" lacks \"%s\"\n", d.msg, why);
        CU_FAIL("reason");
    }
    tb_free(&image);
}

static void
test_refused_options(void)
{
    tp_signer s = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    cmsfw_protect_opts o;
    cmsfw_signer sg;

    base_signer(&sg, &s);
    base_opts(&o);
    o.n_targets = 0;
    expect_refused(&o, &sg, "target");
    base_opts(&o);
    o.encrypt = CMSFW_ENCRYPT_AES256_GCM;
    o.kek.key.ptr = NULL;
    o.kek.key.len = 0;
    expect_refused(&o, &sg, "KEK");
    base_opts(&o);
    o.encrypt = CMSFW_ENCRYPT_AES128_CBC;
    o.kek.key.len = 24;
    expect_refused(&o, &sg, "KEK of 24");
    base_opts(&o);
    o.encrypt = CMSFW_ENCRYPT_AES128_GCM;
    o.kek.id.len = 0;
    expect_refused(&o, &sg, "identifier");
    base_opts(&o);
    o.encrypt = (cmsfw_encrypt_alg)9;
    expect_refused(&o, &sg, "encryption");
    base_opts(&o);
    o.pkg_id.name.form = (cmsfw_name_form)0;
    expect_refused(&o, &sg, "firmwarePackageID");
    tp_signer_free(&s);
}

static void
test_refused_signers(void)
{
    tp_signer p256 = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    tp_signer p384 = tp_signer_load("ec-p384", "protect/ec-p384.cert.der");
    tp_signer rsa = tp_signer_load("rsa-1024", NULL);
    tp_signer other = tp_signer_load("ec-p256", "keys-loader/cert-ski.der");
    tp_signer ed = tp_signer_load("ed25519", "protect/ed25519.cert.der");
    cmsfw_protect_opts o;
    cmsfw_signer sg;

    base_opts(&o);
    /* the certificate of another key: other curve, then same curve */
    base_signer(&sg, &p256);
    sg.cert = tb_view(p384.cert);
    expect_refused(&o, &sg, "does not match");
    sg.cert = tb_view(other.cert);
    expect_refused(&o, &sg, "does not match");
    /* RFC 8933 / RFC 5753 pairing */
    base_signer(&sg, &p256);
    sg.digest = CMSFW_DIGEST_SHA384;
    expect_refused(&o, &sg, "digest");
    base_signer(&sg, &p384);
    sg.digest = CMSFW_DIGEST_SHA256;
    expect_refused(&o, &sg, "digest");
    base_signer(&sg, &p256);
    sg.sig_alg = CMSFW_SIG_RSA_PSS;
    expect_refused(&o, &sg, "signature algorithm");
    /* RSA below 2048 bits */
    base_signer(&sg, &rsa);
    sg.ski = target;
    expect_refused(&o, &sg, "1024");
    /* no certificate and no key identifier; issuerAndSerialNumber without one */
    base_signer(&sg, &p256);
    sg.cert.ptr = NULL;
    sg.cert.len = 0;
    expect_refused(&o, &sg, "ski");
    sg.use_issuer_serial = 1;
    expect_refused(&o, &sg, "issuerAndSerialNumber");
    /* Ed25519: SHA-512 only; and the mbedtls backend has no Ed25519 */
    base_signer(&sg, &ed);
    if (cmsfw_bk_has(CMSFW_BK_CAP_ED25519 | CMSFW_BK_CAP_SIGN)) {
        sg.digest = CMSFW_DIGEST_SHA256;
        expect_refused(&o, &sg, "Ed25519 needs id-sha512");
    } else {
        expect_refused(&o, &sg, "Ed25519 signing is not available");
    }
    tp_signer_free(&p256);
    tp_signer_free(&p384);
    tp_signer_free(&rsa);
    tp_signer_free(&other);
    tp_signer_free(&ed);
}

/* An image reader over memory that returns at most `step` octets. */
typedef struct piece_reader {
    cmsfw_bytes image;
    size_t pos, step, extra;
    int fail_at; /* fail when pos reaches it (0: never) */
} piece_reader;

static int
piece_read(void *io, uint8_t *p, size_t n, size_t *got)
{
    piece_reader *r = io;
    size_t left = r->image.len + r->extra - r->pos;

    if (r->fail_at > 0 && r->pos >= (size_t)r->fail_at)
        return -1;
    *got = n < r->step ? n : r->step;
    if (*got > left)
        *got = left;
    for (size_t i = 0; i < *got; i++)
        p[i] = r->pos + i < r->image.len ? r->image.ptr[r->pos + i] : 0x55;
    r->pos += *got;
    return 0;
}

/* A sink into memory that may refuse after some octets. */
typedef struct mem_sink {
    tb_buf out;
    size_t cap, fail_after;
    int writes;
} mem_sink;

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    mem_sink *m = io;

    if (m->fail_after > 0 && m->out.len + n > m->fail_after)
        return -1;
    if (m->out.len + n > m->cap) {
        uint8_t *q = realloc(m->out.ptr, 2 * (m->out.len + n));
        if (q == NULL)
            return -1;
        m->out.ptr = q;
        m->cap = 2 * (m->out.len + n);
    }
    memcpy(m->out.ptr + m->out.len, p, n);
    m->out.len += n;
    m->writes++;
    return 0;
}

/* A scratch stage in memory. */
static uint8_t scratch_mem[1 << 20];

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    if (off + n > sizeof scratch_mem)
        return -1;
    memcpy(scratch_mem + off, p, n);
    return 0;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    (void)io;
    if (off + n > sizeof scratch_mem)
        return -1;
    memcpy(p, scratch_mem + off, n);
    return 0;
}

/* The streaming call, with the image in 7-octet pieces, gives the same
 * structure as the buffer call; the image comes back whole. */
static void
test_stream_equals_buffer(void)
{
    tp_signer s = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    tb_buf image = tp_image(70001, 3);
    piece_reader r = {{NULL, 0}, 0, 7, 0, 0};
    mem_sink m = {{NULL, 0}, 0, 0, 0};
    cmsfw_reader reader = {piece_read, &r};
    cmsfw_sink sink = {sink_write, &m};
    cmsfw_stage stage = {stage_write, stage_read, NULL, NULL, NULL, NULL};
    cmsfw_protect_opts o;
    cmsfw_signer sg;
    uint8_t *pkg = NULL;
    size_t len = 0, i;
    tp_pkg a, b;
    tp_layers l;
    cmsfw_diag d;

    base_signer(&sg, &s);
    base_opts(&o);
    o.compress = 1;
    o.encrypt = CMSFW_ENCRYPT_AES256_CBC;
    r.image = tb_view(image);
    CU_ASSERT_EQUAL_FATAL(cmsfw_protect(&o, &sg, &reader, image.len, &stage, &sink, &d), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(cmsfw_protect_buffer(&o, &sg, tb_view(image), &pkg, &len, &d), CMSFW_OK);
    /* lengths are planned: the same inputs give the same length */
    CU_ASSERT_EQUAL(m.out.len, len);
    CU_ASSERT_EQUAL_FATAL(tp_parse(tb_view(m.out), &a), 0);
    CU_ASSERT_EQUAL_FATAL(tp_parse((cmsfw_bytes){pkg, len}, &b), 0);
    CU_ASSERT(same(a.econtent_type, b.econtent_type) && a.econtent.len == b.econtent.len);
    CU_ASSERT(same(a.certs, b.certs) && same(a.sid, b.sid) && same(a.sig_alg, b.sig_alg));
    CU_ASSERT(a.signed_attrs.len == b.signed_attrs.len);
    CU_ASSERT_EQUAL(tp_attr_count(a.signed_attrs), tp_attr_count(b.signed_attrs));
    /* fresh CEK and IV each time: the ciphertexts differ */
    CU_ASSERT(!same(a.econtent, b.econtent));
    CU_ASSERT_EQUAL(tp_unwrap(&a, o.kek.key, &l), 0);
    CU_ASSERT(same(tb_view(l.image), tb_view(image)));
    tp_layers_free(&l);
    /* small writes are gathered: far fewer writes than 7-octet pieces */
    CU_ASSERT(m.writes < (int)(image.len / 7 / 4));
    for (i = 0; i < 3; i++)
        CU_ASSERT(m.out.ptr[i] == pkg[i]);
    free(pkg);
    free(m.out.ptr);
    tb_free(&image);
    tp_signer_free(&s);
}

/* Reader and sink trouble, and an image of another length than said. */
static void
test_io_failures(void)
{
    tp_signer s = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    tb_buf image = tp_image(5000, 4);
    piece_reader r;
    mem_sink m;
    cmsfw_reader reader = {piece_read, &r};
    cmsfw_sink sink = {sink_write, &m};
    cmsfw_stage stage = {stage_write, stage_read, NULL, NULL, NULL, NULL};
    cmsfw_protect_opts o;
    cmsfw_signer sg;
    cmsfw_diag d;
    int compress;

    base_signer(&sg, &s);
    base_opts(&o);
    for (compress = 0; compress <= 1; compress++) {
        o.compress = compress;
        memset(&r, 0, sizeof r);
        memset(&m, 0, sizeof m);
        r.image = tb_view(image);
        r.step = 1000;
        CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, image.len + 1, &stage, &sink, &d),
                        CMSFW_E_IO);
        CU_ASSERT(strstr(d.msg, "early") != NULL);
        r.pos = 0;
        r.extra = 3;
        CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, image.len, &stage, &sink, &d),
                        CMSFW_E_ARG);
        CU_ASSERT(strstr(d.msg, "longer") != NULL);
        r.pos = 0;
        r.extra = 0;
        r.fail_at = 2000;
        CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, image.len, &stage, &sink, &d),
                        CMSFW_E_IO);
        r.pos = 0;
        r.fail_at = 0;
        m.fail_after = 1000;
        m.out.len = 0;
        CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, image.len, &stage, &sink, &d),
                        CMSFW_E_IO);
        free(m.out.ptr);
    }
    /* compression needs a scratch stage; an empty image is refused */
    o.compress = 1;
    CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, image.len, NULL, &sink, &d), CMSFW_E_ARG);
    CU_ASSERT_EQUAL(cmsfw_protect(&o, &sg, &reader, 0, &stage, &sink, &d), CMSFW_E_ARG);
    tb_free(&image);
    tp_signer_free(&s);
}

/* Protect a small image with @p sg; parse into *p (the package is kept in
 * *pkg for the views). */
static int
protect_small(const cmsfw_signer *sg, uint8_t **pkg, size_t *len, tp_pkg *p)
{
    tb_buf image = tp_image(300, 5);
    cmsfw_protect_opts o;
    cmsfw_diag d;
    cmsfw_err err;

    base_opts(&o);
    err = cmsfw_protect_buffer(&o, sg, tb_view(image), pkg, len, &d);
    tb_free(&image);
    if (err != CMSFW_OK) {
        fprintf(stderr, "\n  protect: %d %s\n", err, d.msg);
        return -1;
    }
    return tp_parse((cmsfw_bytes){*pkg, *len}, p);
}

static void
test_signer_identifier(void)
{
    tp_signer noski = tp_signer_load("rsa-3072", "protect/rsa-3072-noski.cert.der");
    tp_signer p256 = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    tb_buf keyid = tb_load("tests/data/protect/rsa-3072-noski.keyid.hex");
    tb_buf id, spki = tb_load("tests/data/keys/ec-p256.spki.der"), out = {NULL, 0};
    cmsfw_bytes abc = {(const uint8_t *)"abc", 3};
    cmsfw_signer sg;
    uint8_t *pkg = NULL;
    size_t len = 0;
    tp_pkg p;

    CU_ASSERT_FATAL(keyid.len >= 40);
    keyid.ptr[40] = '\0';
    id = tb_hex((const char *)keyid.ptr);
    /* no SKI extension: RFC 7093 method 1, as openssl computed it */
    base_signer(&sg, &noski);
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT(p.sid.len == 22 && p.sid.ptr[0] == 0x80 && p.sid.ptr[1] == 20 &&
              memcmp(p.sid.ptr + 2, id.ptr, 20) == 0);
    free(pkg);
    /* an explicit identifier wins over the certificate's */
    base_signer(&sg, &p256);
    sg.ski = abc;
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT(p.sid.len == 5 && memcmp(p.sid.ptr, "\x80\x03" "abc", 5) == 0);
    free(pkg);
    /* certificates left out; openssl then takes the certificate apart */
    base_signer(&sg, &p256);
    sg.omit_certs = 1;
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT_PTR_NULL(p.certs.ptr);
    if (tp_have_openssl()) {
        CU_ASSERT_EQUAL(tp_openssl_verify((cmsfw_bytes){pkg, len}, tb_view(p256.cert), &out), 0);
        CU_ASSERT(same(tb_view(out), p.econtent));
        tb_free(&out);
    }
    free(pkg);
    /* no certificate at all: the trust anchor signs with its key id */
    base_signer(&sg, &p256);
    sg.cert.ptr = NULL;
    sg.cert.len = 0;
    sg.ski = abc;
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT_PTR_NULL(p.certs.ptr);
    CU_ASSERT_EQUAL(tp_verify_signature(&p, tb_view(spki)), 0);
    free(pkg);
    /* the signer certificate repeated in the chain is included once */
    base_signer(&sg, &p256);
    sg.chain = &sg.cert;
    sg.n_chain = 1;
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT_EQUAL(p.n_certs, 1);
    CU_ASSERT(same(p.certs, tb_view(p256.cert)));
    free(pkg);
    tb_free(&id);
    tb_free(&keyid);
    tb_free(&spki);
    tp_signer_free(&noski);
    tp_signer_free(&p256);
}

/* Certificates are a DER SET OF: in order, whatever order they came in. */
static void
test_certificates_sorted(void)
{
    tp_signer leaf = tp_signer_load("rsa-2048", "protect/rsa-2048-leaf.cert.der");
    tb_buf ca = tb_load("tests/data/protect/ec-p256.cert.der");
    cmsfw_bytes chain = tb_view(ca);
    cmsfw_signer sg;
    uint8_t *pkg = NULL;
    size_t len = 0;
    tp_pkg p;
    const cmsfw_bytes *first, *second;

    base_signer(&sg, &leaf);
    sg.chain = &chain;
    sg.n_chain = 1;
    CU_ASSERT_EQUAL_FATAL(protect_small(&sg, &pkg, &len, &p), 0);
    CU_ASSERT_EQUAL(p.n_certs, 2);
    /* both are SEQUENCEs with two-octet lengths: the length octets decide */
    first = memcmp(leaf.cert.ptr, ca.ptr, 4) < 0 ? &sg.cert : &chain;
    second = first == &chain ? &sg.cert : &chain;
    CU_ASSERT(p.certs.len == first->len + second->len &&
              memcmp(p.certs.ptr, first->ptr, first->len) == 0 &&
              memcmp(p.certs.ptr + first->len, second->ptr, second->len) == 0);
    free(pkg);
    tb_free(&ca);
    tp_signer_free(&leaf);
}

/* A signed receipt: exactly content-type, message-digest and
 * CMSAlgorithmProtection, no unsigned attributes; openssl agrees. */
static void
sign_receipt(const tp_signer *s, int issuer_serial, const char *sig_hex)
{
    cmsfw_receipt rc;
    uint8_t der[256], *out = NULL, md[CMSFW_BK_HASH_MAX];
    size_t n = 0, len = 0;
    cmsfw_signer sg;
    cmsfw_diag d;
    tp_pkg p;
    tb_buf got = {NULL, 0}, sig_alg = tb_hex(sig_hex);
    cmsfw_bytes receipt, ct = tp_oid("id-ct-firmwareLoadReceipt"), v, got_content;
    cmsfw_anchor anchor;
    cmsfw_key cert;

    memset(&rc, 0, sizeof rc);
    rc.hw_type = target;
    rc.hw_serial.ptr = (const uint8_t *)"\x00\x01\x02\x03";
    rc.hw_serial.len = 4;
    rc.name.form = CMSFW_NAME_PREFERRED;
    rc.name.oid = pkgid;
    rc.name.version = 7;
    CU_ASSERT_EQUAL_FATAL(cmsfw_receipt_encode(&rc, der, sizeof der, &n, NULL), CMSFW_OK);
    receipt.ptr = der;
    receipt.len = n;
    base_signer(&sg, s);
    sg.use_issuer_serial = issuer_serial;
    CU_ASSERT_EQUAL_FATAL(cmsfw_sign_content(&sg, ct, receipt, &out, &len, &d), CMSFW_OK);
    CU_ASSERT_EQUAL_FATAL(tp_parse((cmsfw_bytes){out, len}, &p), 0);
    CU_ASSERT_EQUAL(p.sd_version, 3);
    CU_ASSERT(same(p.econtent_type, ct) && same(p.econtent, receipt));
    CU_ASSERT_EQUAL(p.si_version, issuer_serial ? 1 : 3);
    CU_ASSERT_EQUAL(p.sid.ptr[0], issuer_serial ? 0x30 : 0x80);
    CU_ASSERT(same(p.sig_alg, tb_view(sig_alg)));
    CU_ASSERT_PTR_NULL(p.unsigned_attrs.ptr);
    CU_ASSERT_EQUAL(tp_attrs_check(p.signed_attrs), 0);
    CU_ASSERT_EQUAL(tp_attr_count(p.signed_attrs), 3);
    v = tp_attr(p.signed_attrs, tp_oid("id-contentType"));
    CU_ASSERT(v.len == ct.len + 2 && memcmp(v.ptr + 2, ct.ptr, ct.len) == 0);
    v = tp_attr(p.signed_attrs, tp_oid("id-messageDigest"));
    CU_ASSERT(v.ptr != NULL && v.len == 2 + tp_hash(CMSFW_BK_SHA256, receipt, md) &&
              memcmp(v.ptr + 2, md, v.len - 2) == 0);
    CU_ASSERT_PTR_NOT_NULL(tp_attr(p.signed_attrs, tp_oid("id-aa-CMSAlgorithmProtection")).ptr);
    CU_ASSERT_FATAL(cmsfw_key_parse(&cert, tb_view(s->cert), CMSFW_KEY_CERTIFICATE, NULL) ==
                    CMSFW_OK);
    CU_ASSERT_EQUAL(tp_verify_signature(&p, cert.spki), 0);
    if (tp_have_openssl()) {
        CU_ASSERT_EQUAL(tp_openssl_verify((cmsfw_bytes){out, len}, (cmsfw_bytes){NULL, 0}, &got),
                        0);
        CU_ASSERT(same(tb_view(got), receipt));
        tb_free(&got);
    }
    /* and the library's own verifier, trusting the signer's certificate */
    memset(&anchor, 0, sizeof anchor);
    anchor.spki = cert.spki;
    anchor.cert = tb_view(s->cert);
    v.ptr = NULL;
    CU_ASSERT_EQUAL(cmsfw_verify_content(out, len, &anchor, 1, &v, &got_content, &d), CMSFW_OK);
    CU_ASSERT(same(v, ct) && same(got_content, receipt));
    out[len - 1] ^= 1; /* the last octet of the signature */
    CU_ASSERT_EQUAL(cmsfw_verify_content(out, len, &anchor, 1, &v, &got_content, &d),
                    CMSFW_SIGNATURE_FAILURE);
    free(out);
    tb_free(&sig_alg);
}

static void
test_sign_content(void)
{
    tp_signer p256 = tp_signer_load("ec-p256", "protect/ec-p256.cert.der");
    tp_signer rsa = tp_signer_load("rsa-2048", "protect/rsa-2048.cert.der");
    cmsfw_bytes bad_type = {(const uint8_t *)"\x80", 1}, content = {(const uint8_t *)"x", 1};
    cmsfw_signer sg;
    uint8_t *out = (uint8_t *)"untouched";
    size_t len = 5;
    cmsfw_diag d;

    sign_receipt(&p256, 0, "300a06082a8648ce3d040302");
    sign_receipt(&p256, 1, "300a06082a8648ce3d040302");
    if (cmsfw_bk_has(CMSFW_BK_CAP_RSA_PSS))
        sign_receipt(&rsa, 0,
                     "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a"
                     "06092a864886f70d010108300d06096086480165030402010500a203020120");
    base_signer(&sg, &p256);
    CU_ASSERT_EQUAL(cmsfw_sign_content(&sg, bad_type, content, &out, &len, &d), CMSFW_E_ARG);
    CU_ASSERT_PTR_NULL(out);
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT_EQUAL(cmsfw_sign_content(&sg, tp_oid("id-data"), content, NULL, &len, &d),
                    CMSFW_E_ARG);
    sg.cert = tb_view(rsa.cert);
    CU_ASSERT_EQUAL(cmsfw_sign_content(&sg, tp_oid("id-data"), content, &out, &len, &d),
                    CMSFW_E_ARG);
    tp_signer_free(&p256);
    tp_signer_free(&rsa);
}

static CU_TestInfo api_tests[] = {
    {"refused options say why", test_refused_options},
    {"refused signers say why", test_refused_signers},
    {"streaming call equals the buffer call", test_stream_equals_buffer},
    {"reader, sink and length failures", test_io_failures},
    {"signer identifier choices", test_signer_identifier},
    {"certificates in DER order", test_certificates_sorted},
    {"cmsfw_sign_content", test_sign_content},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"protect api", suite_init, NULL, NULL, NULL, api_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
