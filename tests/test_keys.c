/*
 * test_keys.c: the key and certificate loader (cmsfw/keys.h).
 *
 * Files come from tests/data/keys-loader (made by generate.sh with the
 * openssl tool; expected views were cut out by openssl's own parser) and
 * from vectors/published. Inputs that a test cuts or damages are copied
 * into heap blocks of their exact size, so that a read past the end shows
 * up under AddressSanitizer or valgrind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "cu_main.h"
#include "test_keys.h"

/* see test_keys.h */
char *
keys_test_path(const char *rel)
{
    static char buf[1024];
    const char *top = getenv("top_srcdir");

    snprintf(buf, sizeof(buf), "%s/%s", top != NULL ? top : ".", rel);
    return buf;
}

/* see test_keys.h */
blob
keys_test_slurp(const char *rel)
{
    blob b = {NULL, 0};
    FILE *f = fopen(keys_test_path(rel), "rb");
    long n;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        if (f != NULL)
            fclose(f);
        fprintf(stderr, "\ncannot read %s\n", keys_test_path(rel));
        return b;
    }
    b.data = malloc((size_t)n + 1);
    if (b.data != NULL && fread(b.data, 1, (size_t)n, f) == (size_t)n) {
        b.len = (size_t)n;
        b.data[n] = 0; /* text files can be scanned as strings */
    } else {
        free(b.data);
        b.data = NULL;
    }
    fclose(f);
    return b;
}

/* A hex file (one line) as bytes; len 0 for an empty file. */
static blob
slurp_hex(const char *rel)
{
    blob t = keys_test_slurp(rel), b = {NULL, 0};
    size_t i;
    unsigned v;

    if (t.data == NULL)
        return b;
    b.data = malloc(t.len / 2 + 1);
    for (i = 0; b.data != NULL && i + 1 < t.len && t.data[i] != '\n'; i += 2) {
        if (sscanf((const char *)t.data + i, "%2x", &v) != 1)
            break;
        b.data[b.len++] = (uint8_t)v;
    }
    free(t.data);
    return b;
}

static int
bytes_eq(cmsfw_bytes v, blob b)
{
    return v.ptr != NULL && b.data != NULL && v.len == b.len && memcmp(v.ptr, b.data, b.len) == 0;
}

static int
inside(cmsfw_bytes v, cmsfw_bytes whole)
{
    return v.ptr == NULL ||
           (v.ptr >= whole.ptr && v.len <= whole.len && (size_t)(v.ptr - whole.ptr) <= whole.len - v.len);
}

/* see test_keys.h */
int
keys_test_views_inside(const cmsfw_key *k)
{
    const cmsfw_bytes *v[] = {&k->spki, &k->alg, &k->alg_oid, &k->alg_params, &k->public_key,
                              &k->private_key, &k->tbs, &k->serial, &k->issuer, &k->subject,
                              &k->extensions, &k->ski, &k->sig_alg, &k->signature};
    size_t i;

    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        if (!inside(*v[i], k->der))
            return 0;
    return 1;
}

static const uint8_t oid_ec[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
static const uint8_t oid_rsa[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};
static const uint8_t oid_ed25519[] = {0x2B, 0x65, 0x70};
static const uint8_t p256_params[] = {0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};

struct key_case {
    const char *name;
    const uint8_t *oid;
    size_t oid_len;
    const uint8_t *params; /* NULL: absent */
    size_t params_len;
    size_t pub_len;
};

static const struct key_case key_cases[] = {
    {"ec-p256", oid_ec, sizeof(oid_ec), p256_params, sizeof(p256_params), 65},
    {"rsa2048", oid_rsa, sizeof(oid_rsa), (const uint8_t *)"\x05\x00", 2, 270},
    {"ed25519", oid_ed25519, sizeof(oid_ed25519), NULL, 0, 32},
};

/* v holds exactly the n bytes at oid. */
static int
oid_eq(cmsfw_bytes v, const uint8_t *oid, size_t n)
{
    return v.ptr != NULL && v.len == n && memcmp(v.ptr, oid, n) == 0;
}

static void
check_public(const struct key_case *kc, const char *ext)
{
    char rel[128];
    blob want;
    cmsfw_key k;
    cmsfw_diag d;

    snprintf(rel, sizeof(rel), DATA "%s-pub.der", kc->name);
    want = keys_test_slurp(rel);
    snprintf(rel, sizeof(rel), DATA "%s-pub.%s", kc->name, ext);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&k, keys_test_path(rel), CMSFW_KEY_ANY, 0, &d), CMSFW_OK);
    CU_ASSERT_EQUAL(k.kind, CMSFW_KEY_PUBLIC);
    CU_ASSERT(bytes_eq(k.der, want) && bytes_eq(k.spki, want));
    CU_ASSERT(oid_eq(k.alg_oid, kc->oid, kc->oid_len));
    CU_ASSERT_EQUAL(k.alg_params.ptr == NULL, kc->params == NULL);
    CU_ASSERT(kc->params == NULL || oid_eq(k.alg_params, kc->params, kc->params_len));
    CU_ASSERT_EQUAL(k.public_key.len, kc->pub_len);
    CU_ASSERT(k.private_key.ptr == NULL && k.cert_version == 0 && k.ski.ptr == NULL);
    CU_ASSERT(keys_test_views_inside(&k));
    cmsfw_key_free(&k);
    CU_ASSERT(k.priv_buf == NULL && k.der.ptr == NULL);
    free(want.data);
}

static void
check_private(const struct key_case *kc, const char *ext)
{
    char rel[128];
    blob want, priv, text;
    cmsfw_key k, k2;
    cmsfw_diag d;

    snprintf(rel, sizeof(rel), DATA "%s-priv.der", kc->name);
    want = keys_test_slurp(rel);
    snprintf(rel, sizeof(rel), DATA "%s.privkey.bin", kc->name);
    priv = keys_test_slurp(rel);
    snprintf(rel, sizeof(rel), DATA "%s-priv.%s", kc->name, ext);
    text = keys_test_slurp(rel);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load(&k, text.data, text.len, CMSFW_KEY_PRIVATE, 0, &d),
                          CMSFW_OK);
    CU_ASSERT_EQUAL(k.kind, CMSFW_KEY_PRIVATE);
    CU_ASSERT(bytes_eq(k.der, want));
    CU_ASSERT(bytes_eq(k.private_key, priv));
    CU_ASSERT(oid_eq(k.alg_oid, kc->oid, kc->oid_len));
    CU_ASSERT(kc->params == NULL ? k.alg_params.ptr == NULL
                                 : oid_eq(k.alg_params, kc->params, kc->params_len));
    CU_ASSERT(k.spki.ptr == NULL && k.tbs.ptr == NULL);
    CU_ASSERT(keys_test_views_inside(&k));
    /* the copy is owned: the input can go */
    memset(text.data, 0, text.len);
    CU_ASSERT(bytes_eq(k.private_key, priv));
    /* a borrowed parse of the same DER gives the same views */
    CU_ASSERT_EQUAL(cmsfw_key_parse(&k2, k.der, CMSFW_KEY_ANY, &d), CMSFW_OK);
    CU_ASSERT(k2.private_key.ptr == k.private_key.ptr && k2.priv_buf == NULL);
    cmsfw_key_free(&k2);
    cmsfw_key_free(&k);
    free(want.data);
    free(priv.data);
    free(text.data);
}

static void
test_keys(void)
{
    size_t i;

    for (i = 0; i < sizeof(key_cases) / sizeof(key_cases[0]); i++) {
        check_public(&key_cases[i], "pem");
        check_public(&key_cases[i], "der");
        check_private(&key_cases[i], "pem");
        check_private(&key_cases[i], "der");
    }
}

/* serialNumber contents as openssl prints them: no sign octet, hex. */
static int
serial_matches(cmsfw_bytes serial, blob hex)
{
    cmsfw_bytes s = serial;

    if (s.len > 1 && s.ptr[0] == 0) {
        s.ptr++;
        s.len--;
    }
    return bytes_eq(s, hex);
}

static void
check_cert(const char *base, const char *src_der, int version, int self_signed)
{
    char rel[160];
    blob der, spki, issuer, serial, ski;
    cmsfw_key k, kp;
    cmsfw_diag d;

    der = keys_test_slurp(src_der);
    snprintf(rel, sizeof(rel), DATA "%s.spki.der", base);
    spki = keys_test_slurp(rel);
    snprintf(rel, sizeof(rel), DATA "%s.issuer.der", base);
    issuer = keys_test_slurp(rel);
    snprintf(rel, sizeof(rel), DATA "%s.serial.hex", base);
    serial = slurp_hex(rel);
    snprintf(rel, sizeof(rel), DATA "%s.ski.hex", base);
    ski = slurp_hex(rel);
    CU_ASSERT_PTR_NOT_NULL_FATAL(der.data);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load(&k, der.data, der.len, CMSFW_KEY_CERTIFICATE, 0, &d),
                          CMSFW_OK);
    CU_ASSERT_EQUAL(k.kind, CMSFW_KEY_CERTIFICATE);
    CU_ASSERT(bytes_eq(k.der, der));
    CU_ASSERT(bytes_eq(k.spki, spki));
    CU_ASSERT(bytes_eq(k.issuer, issuer));
    CU_ASSERT(serial_matches(k.serial, serial));
    if (ski.len > 0) {
        CU_ASSERT(bytes_eq(k.ski, ski));
    } else {
        CU_ASSERT_PTR_NULL(k.ski.ptr);
    }
    CU_ASSERT_EQUAL(k.cert_version, version);
    CU_ASSERT_EQUAL(k.extensions.ptr != NULL, version == 3);
    if (self_signed) {
        CU_ASSERT(k.subject.len == k.issuer.len &&
                  memcmp(k.subject.ptr, k.issuer.ptr, k.issuer.len) == 0);
    }
    CU_ASSERT(k.tbs.ptr == k.der.ptr + 4 && k.sig_alg.ptr == k.tbs.ptr + k.tbs.len);
    CU_ASSERT(k.signature.len > 0 && k.public_key.len > 0 && k.private_key.ptr == NULL);
    CU_ASSERT(keys_test_views_inside(&k));
    /* parsing in place agrees with loading */
    CU_ASSERT_EQUAL(cmsfw_key_parse(&kp, k.der, CMSFW_KEY_CERTIFICATE, &d), CMSFW_OK);
    CU_ASSERT(kp.ski.len == k.ski.len && kp.spki.ptr == k.spki.ptr);
    CU_ASSERT_EQUAL(cmsfw_key_parse(&kp, k.der, CMSFW_KEY_PUBLIC, &d), CMSFW_DECODE_FAILURE);
    CU_ASSERT(strstr(d.msg, "expected a public key, found a certificate") != NULL);
    cmsfw_key_free(&k);
    free(der.data);
    free(spki.data);
    free(issuer.data);
    free(serial.data);
    free(ski.data);
}

static void
test_certificates(void)
{
    check_cert("cert-ski", DATA "cert-ski.der", 3, 1);
    check_cert("cert-noski", DATA "cert-noski.der", 3, 1);
    check_cert("cert-v1", DATA "cert-v1.der", 1, 1);
    check_cert("cert-leaf", DATA "cert-leaf.der", 3, 0);
}

/* Load `a` (PEM or DER file) and require its DER to equal file `b`. */
static void
check_same(const char *a, cmsfw_key_kind want, size_t index, const char *b)
{
    blob exp = keys_test_slurp(b);
    cmsfw_key k;
    cmsfw_diag d;
    cmsfw_err e = cmsfw_key_load_file(&k, keys_test_path(a), want, index, &d);

    if (e != CMSFW_OK)
        fprintf(stderr, "\n%s #%zu: %s\n", a, index, d.msg);
    CU_ASSERT_EQUAL(e, CMSFW_OK);
    CU_ASSERT(bytes_eq(k.der, exp));
    cmsfw_key_free(&k);
    free(exp.data);
}

static void
test_pem_and_der_agree(void)
{
    check_same(DATA "cert-ski.pem", CMSFW_KEY_CERTIFICATE, 0, DATA "cert-ski.der");
    check_same(DATA "cert-noski.pem", CMSFW_KEY_ANY, 0, DATA "cert-noski.der");
    check_same(DATA "cert-v1.pem", CMSFW_KEY_ANY, 0, DATA "cert-v1.der");
    check_same(DATA "cert-leaf.pem", CMSFW_KEY_ANY, 0, DATA "cert-leaf.der");
    /* `openssl x509 -text` output: text before the block */
    check_same(DATA "cert-ski-text.pem", CMSFW_KEY_ANY, 0, DATA "cert-ski.der");
    /* one key pair: certificate SPKI equals the public key file */
    check_same(DATA "cert-ski.spki.der", CMSFW_KEY_PUBLIC, 0, DATA "ec-p256-pub.der");
    check_same(DATA "cert-leaf.spki.der", CMSFW_KEY_PUBLIC, 0, DATA "rsa2048-pub.der");
}

static void
test_chains(void)
{
    blob mem = keys_test_slurp(DATA "key-and-cert.pem");
    size_t n = 99;
    cmsfw_key k;
    cmsfw_diag d;

    CU_ASSERT(cmsfw_key_count_file(keys_test_path(DATA "chain.pem"), CMSFW_KEY_CERTIFICATE, &n, &d) ==
                  CMSFW_OK && n == 2);
    CU_ASSERT(cmsfw_key_count_file(keys_test_path(DATA "chain.der"), CMSFW_KEY_ANY, &n, &d) ==
                  CMSFW_OK && n == 2);
    CU_ASSERT(cmsfw_key_count_file(keys_test_path(DATA "chain.der"), CMSFW_KEY_PUBLIC, &n, &d) ==
                  CMSFW_OK && n == 0);
    check_same(DATA "chain.pem", CMSFW_KEY_CERTIFICATE, 0, DATA "cert-leaf.der");
    check_same(DATA "chain.pem", CMSFW_KEY_CERTIFICATE, 1, DATA "cert-ski.der");
    check_same(DATA "chain.der", CMSFW_KEY_CERTIFICATE, 0, DATA "cert-leaf.der");
    check_same(DATA "chain.der", CMSFW_KEY_ANY, 1, DATA "cert-ski.der");
    CU_ASSERT_EQUAL(cmsfw_key_load_file(&k, keys_test_path(DATA "chain.pem"), CMSFW_KEY_ANY, 2, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(strstr(d.msg, "found 2") != NULL);
    CU_ASSERT_PTR_NULL(k.priv_buf);

    /* a private key and a certificate in one file, picked by kind */
    CU_ASSERT(cmsfw_key_count(mem.data, mem.len, CMSFW_KEY_ANY, &n, &d) == CMSFW_OK && n == 2);
    CU_ASSERT(cmsfw_key_count(mem.data, mem.len, CMSFW_KEY_PRIVATE, &n, &d) == CMSFW_OK && n == 1);
    CU_ASSERT(cmsfw_key_count(mem.data, mem.len, CMSFW_KEY_PUBLIC, &n, &d) == CMSFW_OK && n == 0);
    check_same(DATA "key-and-cert.pem", CMSFW_KEY_CERTIFICATE, 0, DATA "cert-ski.der");
    check_same(DATA "key-and-cert.pem", CMSFW_KEY_PRIVATE, 0, DATA "ec-p256-priv.der");
    check_same(DATA "key-and-cert.pem", CMSFW_KEY_ANY, 1, DATA "cert-ski.der");
    CU_ASSERT_EQUAL(cmsfw_key_load(&k, mem.data, mem.len, CMSFW_KEY_PUBLIC, 0, &d),
                    CMSFW_DECODE_FAILURE);
    CU_ASSERT(strstr(d.msg, "no public key") != NULL);
    free(mem.data);
}

static void
test_published(void)
{
    static const uint8_t rfc8410_pub[] = {0x19, 0xBF, 0x44, 0x09, 0x69, 0x84, 0xCD, 0xFE};
    static const uint8_t rfc8410_priv[] = {0x04, 0x20, 0xD4, 0xEE, 0x72, 0xDB, 0xF9, 0x13};
    static const uint8_t oid_hss[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x10, 0x03,
                                      0x11};
    static const uint8_t oid_mldsa44[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03, 0x11};
    static const char *const mldsa[] = {"44", "65", "87"};
    cmsfw_key k, p;
    cmsfw_diag d;
    char cert[96], pub[96];
    size_t i;

    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&k, keys_test_path(PUB "rfc8410-ed25519-public-key.der"),
                                              CMSFW_KEY_PUBLIC, 0, &d),
                          CMSFW_OK);
    CU_ASSERT(oid_eq(k.alg_oid, oid_ed25519, sizeof(oid_ed25519)) && k.alg_params.ptr == NULL);
    CU_ASSERT(k.public_key.len == 32 && memcmp(k.public_key.ptr, rfc8410_pub, 8) == 0);
    cmsfw_key_free(&k);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&k, keys_test_path(PUB "rfc8410-ed25519-private-key.der"),
                                              CMSFW_KEY_ANY, 0, &d),
                          CMSFW_OK);
    CU_ASSERT_EQUAL(k.kind, CMSFW_KEY_PRIVATE);
    CU_ASSERT(oid_eq(k.alg_oid, oid_ed25519, sizeof(oid_ed25519)) && k.public_key.ptr == NULL);
    CU_ASSERT(k.private_key.len == 34 && memcmp(k.private_key.ptr, rfc8410_priv, 8) == 0);
    cmsfw_key_free(&k);

    check_cert("rfc9802-hss", PUB "rfc9802-hss-certificate.der", 3, 1);
    CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&k, keys_test_path(PUB "rfc9802-hss-certificate.der"),
                                              CMSFW_KEY_ANY, 0, &d),
                          CMSFW_OK);
    CU_ASSERT(oid_eq(k.alg_oid, oid_hss, sizeof(oid_hss)) && k.alg_params.ptr == NULL);
    CU_ASSERT_EQUAL(k.public_key.len, 60);
    cmsfw_key_free(&k);

    check_cert("rfc9881-mldsa44", PUB "rfc9881-mldsa44-certificate.der", 3, 1);
    check_same(DATA "rfc9881-mldsa44.spki.der", CMSFW_KEY_PUBLIC, 0, DATA "rfc9881-mldsa44-pub.der");
    for (i = 0; i < 3; i++) {
        snprintf(cert, sizeof(cert), PUB "rfc9881-mldsa%s-certificate.der", mldsa[i]);
        snprintf(pub, sizeof(pub), PUB "rfc9881-mldsa%s-public-key.pem", mldsa[i]);
        CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&k, keys_test_path(cert), CMSFW_KEY_ANY, 0, &d),
                              CMSFW_OK);
        CU_ASSERT_EQUAL_FATAL(cmsfw_key_load_file(&p, keys_test_path(pub), CMSFW_KEY_PUBLIC, 0, &d),
                              CMSFW_OK);
        CU_ASSERT(k.spki.len == p.der.len && memcmp(k.spki.ptr, p.der.ptr, p.der.len) == 0);
        CU_ASSERT(k.alg_oid.len == 9 && memcmp(k.alg_oid.ptr, oid_mldsa44, 8) == 0 &&
                  k.alg_oid.ptr[8] == 0x11 + i);
        CU_ASSERT(k.ski.ptr != NULL && k.ski.len == 20);
        cmsfw_key_free(&k);
        cmsfw_key_free(&p);
    }
}

/* Load a file and require failure with a message containing `why`. */
static void
check_refused(const char *rel, cmsfw_key_kind want, const char *why)
{
    cmsfw_key k;
    cmsfw_diag d;
    cmsfw_err e;

    memset(&d, 0, sizeof(d));
    e = cmsfw_key_load_file(&k, keys_test_path(rel), want, 0, &d);
    CU_ASSERT_EQUAL(e, CMSFW_DECODE_FAILURE);
    if (strstr(d.msg, why) == NULL)
        fprintf(stderr, "\n%s: message '%s' lacks '%s'\n", rel, d.msg, why);
    CU_ASSERT_PTR_NOT_NULL(strstr(d.msg, why));
    CU_ASSERT(k.priv_buf == NULL && k.kind == CMSFW_KEY_ANY);
}

static void
test_refused_forms(void)
{
    check_refused(DATA "ec-p256-encrypted.pem", CMSFW_KEY_ANY, "encrypted private keys");
    check_refused(DATA "ec-p256-encrypted.pem", CMSFW_KEY_PRIVATE, "encrypted private keys");
    check_refused(DATA "ec-p256-encrypted.pem", CMSFW_KEY_CERTIFICATE, "no certificate");
    check_refused(DATA "ec-p256-encrypted.der", CMSFW_KEY_ANY, "encrypted PKCS#8");
    check_refused(DATA "rsa2048-traditional.pem", CMSFW_KEY_ANY, "traditional");
    check_refused(DATA "rsa2048-traditional-encrypted.pem", CMSFW_KEY_PRIVATE, "traditional");
    check_refused(DATA "ec-p256-traditional.pem", CMSFW_KEY_ANY, "traditional");
    check_refused(DATA "ec-p256-traditional.der", CMSFW_KEY_ANY, "traditional");
    check_refused(DATA "ec-p256-pub.pem", CMSFW_KEY_CERTIFICATE, "no certificate");
    check_refused(DATA "cert-ski.der", CMSFW_KEY_PRIVATE, "no private key");
}

static CU_TestInfo load_tests[] = {
    {"loads EC, RSA and Ed25519 keys, PEM and DER", test_keys},
    {"loads certificates and their views", test_certificates},
    {"PEM and DER give the same object", test_pem_and_der_agree},
    {"iterates chain and mixed files", test_chains},
    {"parses the published RFC keys and certificates", test_published},
    {"refuses encrypted and traditional keys", test_refused_forms},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"keys", NULL, NULL, NULL, NULL, load_tests},
    {"keys-negative", NULL, NULL, NULL, NULL, keys_negative_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
