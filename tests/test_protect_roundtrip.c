/*
 * test_protect_roundtrip.c: what the producer makes, the device accepts.
 * Every signature algorithm of the backend times every layering goes
 * through cmsfw_protect_buffer() and then the streaming processor, fed in
 * uneven pieces; the image must come back whole and the result must name
 * the package, the anchor and the KEK.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/oid.h>
#include <cmsfw/proc.h>

#include "backends/backend.h"
#include "cu_main.h"
#include "test_protect_util.h"

typedef struct rt_case {
    const char *key, *cert, *anchor; /* anchor: certificate file, NULL = cert itself */
    cmsfw_sig_alg sig;
    cmsfw_digest_alg digest;
    int issuer_serial;
    uint32_t caps;
} rt_case;

static const rt_case cases[] = {
    {"ec-p256", "protect/ec-p256.cert.der", NULL, CMSFW_SIG_AUTO, CMSFW_DIGEST_AUTO, 0,
     CMSFW_BK_CAP_ECDSA_P256},
    {"ec-p384", "protect/ec-p384.cert.der", NULL, CMSFW_SIG_AUTO, CMSFW_DIGEST_AUTO, 1,
     CMSFW_BK_CAP_ECDSA_P384},
    {"rsa-2048", "protect/rsa-2048-leaf.cert.der", "protect/ec-p256.cert.der", CMSFW_SIG_AUTO,
     CMSFW_DIGEST_AUTO, 0, CMSFW_BK_CAP_RSA_PSS},
    {"rsa-3072", "protect/rsa-3072-noski.cert.der", NULL, CMSFW_SIG_RSA_PSS, CMSFW_DIGEST_SHA512,
     0, CMSFW_BK_CAP_RSA_PSS},
    {"rsa-4096", "protect/rsa-4096.cert.der", NULL, CMSFW_SIG_RSA_PKCS1, CMSFW_DIGEST_SHA384, 0,
     CMSFW_BK_CAP_RSA_PKCS1},
    {"ed25519", "protect/ed25519.cert.der", NULL, CMSFW_SIG_AUTO, CMSFW_DIGEST_AUTO, 0,
     CMSFW_BK_CAP_ED25519},
};

static const struct {
    int compress;
    cmsfw_encrypt_alg encrypt;
} layers[] = {{0, CMSFW_ENCRYPT_NONE},       {1, CMSFW_ENCRYPT_NONE},
              {0, CMSFW_ENCRYPT_AES128_CBC}, {0, CMSFW_ENCRYPT_AES256_GCM},
              {1, CMSFW_ENCRYPT_AES256_CBC}, {1, CMSFW_ENCRYPT_AES128_GCM}};

static const uint8_t kek_key[32] = {0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
                                    0xa8, 0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf,
                                    0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7,
                                    0xb8, 0xb9, 0xba, 0xbb, 0xbc, 0xbd, 0xbe, 0xbf};
static const uint8_t kek_id[] = {0x01, 0x02, 0x03, 0x04};

static uint8_t target_buf[16], pkgid_buf[16];
static cmsfw_bytes target, pkgid;

static int
suite_init(void)
{
    if (cmsfw_oid_from_dotted("1.3.6.1.4.1.32473.1.7", target_buf, sizeof target_buf,
                              &target.len) != CMSFW_OK ||
        cmsfw_oid_from_dotted("1.3.6.1.4.1.32473.2.7", pkgid_buf, sizeof pkgid_buf,
                              &pkgid.len) != CMSFW_OK)
        return 1;
    target.ptr = target_buf;
    pkgid.ptr = pkgid_buf;
    return 0;
}

typedef struct collect {
    tb_buf out;
    size_t cap;
} collect;

static int
collect_write(void *io, const uint8_t *p, size_t n)
{
    collect *c = io;

    if (c->out.len + n > c->cap) {
        size_t cap = 2 * (c->out.len + n);
        uint8_t *q = realloc(c->out.ptr, cap);
        if (q == NULL)
            return -1;
        c->out.ptr = q;
        c->cap = cap;
    }
    memcpy(c->out.ptr + c->out.len, p, n);
    c->out.len += n;
    return 0;
}

/* The processor's stage, in memory. */
static collect staged;

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    (void)io;
    if (off + n > staged.cap) {
        size_t cap = 2 * (size_t)(off + n);
        uint8_t *q = realloc(staged.out.ptr, cap);
        if (q == NULL)
            return -1;
        staged.out.ptr = q;
        staged.cap = cap;
    }
    memcpy(staged.out.ptr + off, p, n);
    if (off + n > staged.out.len)
        staged.out.len = (size_t)(off + n);
    return 0;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    (void)io;
    if (off + n > staged.out.len)
        return -1;
    memcpy(p, staged.out.ptr + off, n);
    return 0;
}

/* Feed @p pkg to a device that trusts @p anchor and holds the KEK. */
static void
device_accepts(cmsfw_bytes pkg, const cmsfw_anchor *anchor, const cmsfw_protect_opts *o,
               cmsfw_bytes image, const char *what)
{
    cmsfw_kek kek;
    cmsfw_device dev;
    cmsfw_stage stage = {stage_write, stage_read, NULL, NULL, NULL, NULL};
    collect got = {{NULL, 0}, 0};
    cmsfw_sink sink = {collect_write, &got};
    cmsfw_proc *p = cmsfw_proc_new();
    cmsfw_result res;
    cmsfw_err err = CMSFW_E_STATE;
    size_t off = 0, step = 1;

    CU_ASSERT_FATAL(p != NULL);
    staged.out.len = 0;
    memset(&dev, 0, sizeof dev);
    kek = o->kek;
    dev.hw_type = target;
    dev.anchors = anchor;
    dev.n_anchors = 1;
    dev.keks = &kek;
    dev.n_keks = 1;
    cmsfw_proc_init(p, &dev, &stage);
    /* pieces of 1, 3, 9, ... octets, up to 64 KiB */
    for (err = CMSFW_OK; err == CMSFW_OK && off < pkg.len; off += step, step = step * 3 % 65521)
        err = cmsfw_proc_push(p, pkg.ptr + off, step < pkg.len - off ? step : pkg.len - off);
    if (err == CMSFW_OK)
        err = cmsfw_proc_finish(p, &res);
    if (err == CMSFW_OK)
        err = cmsfw_proc_unwrap(p, &sink);
    if (err == CMSFW_OK)
        res = *cmsfw_proc_result(p); /* unwrap completes it */
    CU_ASSERT_EQUAL(err, CMSFW_OK);
    if (err != CMSFW_OK) {
        fprintf(stderr, "\n  %s: device says %s: %s\n", what, cmsfw_err_name(err),
                cmsfw_proc_reason(p));
    } else {
        CU_ASSERT(got.out.len == image.len && memcmp(got.out.ptr, image.ptr, image.len) == 0);
        CU_ASSERT(res.authenticated && res.has_pkg_id);
        CU_ASSERT(res.pkg_id.name.version == o->pkg_id.name.version);
        CU_ASSERT_EQUAL(res.decrypt_key_id.ptr != NULL, o->encrypt != CMSFW_ENCRYPT_NONE);
        if (res.decrypt_key_id.ptr != NULL)
            CU_ASSERT(res.decrypt_key_id.len == sizeof kek_id &&
                      memcmp(res.decrypt_key_id.ptr, kek_id, sizeof kek_id) == 0);
        CU_ASSERT_EQUAL((res.layers & CMSFW_LAYER_COMPRESSED) != 0, o->compress);
        CU_ASSERT_EQUAL((res.layers & CMSFW_LAYER_ENCRYPTED) != 0,
                        o->encrypt == CMSFW_ENCRYPT_AES128_CBC ||
                            o->encrypt == CMSFW_ENCRYPT_AES256_CBC);
        CU_ASSERT_EQUAL((res.layers & CMSFW_LAYER_AUTH_ENVELOPED) != 0,
                        o->encrypt == CMSFW_ENCRYPT_AES128_GCM ||
                            o->encrypt == CMSFW_ENCRYPT_AES256_GCM);
        CU_ASSERT_EQUAL(res.image_len, image.len);
    }
    cmsfw_proc_delete(p);
    free(got.out.ptr);
}

static void
run_case(const rt_case *rc)
{
    tp_signer s = tp_signer_load(rc->key, rc->cert);
    tb_buf anchor_cert = {NULL, 0}, image;
    cmsfw_anchor anchor;
    cmsfw_protect_opts o;
    cmsfw_signer sg;
    cmsfw_key ak;
    cmsfw_diag d;
    uint8_t *pkg = NULL;
    size_t len = 0, i;
    char path[128];

    if (!cmsfw_bk_has(rc->caps | CMSFW_BK_CAP_SIGN)) {
        fprintf(stderr, "\n  %s: not in the %s backend, skipped\n", rc->key, cmsfw_bk_name());
        tp_signer_free(&s);
        return;
    }
    if (rc->anchor != NULL) {
        snprintf(path, sizeof path, "tests/data/%s", rc->anchor);
        anchor_cert = tb_load(path);
    }
    memset(&anchor, 0, sizeof anchor);
    anchor.cert = rc->anchor != NULL ? tb_view(anchor_cert) : tb_view(s.cert);
    CU_ASSERT_FATAL(cmsfw_key_parse(&ak, anchor.cert, CMSFW_KEY_CERTIFICATE, NULL) == CMSFW_OK);
    anchor.spki = ak.spki;
    anchor.flags = CMSFW_ANCHOR_FIRMWARE_SIGNER;
    memset(&sg, 0, sizeof sg);
    sg.key = tb_view(s.key);
    sg.cert = tb_view(s.cert);
    sg.chain = rc->anchor != NULL ? &anchor.cert : NULL;
    sg.n_chain = rc->anchor != NULL ? 1 : 0;
    sg.sig_alg = rc->sig;
    sg.digest = rc->digest;
    sg.use_issuer_serial = rc->issuer_serial;
    for (i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        memset(&o, 0, sizeof o);
        o.pkg_id.name.form = CMSFW_NAME_PREFERRED;
        o.pkg_id.name.oid = pkgid;
        o.pkg_id.name.version = 10 + i;
        o.targets = &target;
        o.n_targets = 1;
        o.compress = layers[i].compress;
        o.encrypt = layers[i].encrypt;
        o.kek.id = (cmsfw_bytes){kek_id, sizeof kek_id};
        o.kek.key = (cmsfw_bytes){kek_key, i % 2 ? 32u : 16u};
        image = tp_image(1000 + 40007 * i, (unsigned)i);
        CU_ASSERT_EQUAL(cmsfw_protect_buffer(&o, &sg, tb_view(image), &pkg, &len, &d), CMSFW_OK);
        snprintf(path, sizeof path, "%s, layering %zu", rc->key, i);
        if (pkg != NULL)
            device_accepts((cmsfw_bytes){pkg, len}, &anchor, &o, tb_view(image), path);
        free(pkg);
        pkg = NULL;
        tb_free(&image);
    }
    tb_free(&anchor_cert);
    tp_signer_free(&s);
}

static void test_p256(void) { run_case(&cases[0]); }
static void test_p384_issuer_serial(void) { run_case(&cases[1]); }
static void test_rsa_pss_path(void) { run_case(&cases[2]); }
static void test_rsa_noski(void) { run_case(&cases[3]); }
static void test_rsa_pkcs1(void) { run_case(&cases[4]); }
static void test_ed25519(void) { run_case(&cases[5]); }

static int
suite_clean(void)
{
    free(staged.out.ptr);
    memset(&staged, 0, sizeof staged);
    return 0;
}

static CU_TestInfo rt_tests[] = {
    {"P-256 packages are accepted", test_p256},
    {"P-384, issuerAndSerialNumber, packages are accepted", test_p384_issuer_serial},
    {"RSASSA-PSS through a certification path", test_rsa_pss_path},
    {"RSASSA-PSS SHA-512, certificate without SKI (RFC 7093 id)", test_rsa_noski},
    {"RSA PKCS#1 v1.5 SHA-384", test_rsa_pkcs1},
    {"Ed25519 packages are accepted", test_ed25519},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {
    {"protect -> process", suite_init, suite_clean, NULL, NULL, rt_tests}, CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
