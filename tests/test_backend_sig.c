/*
 * test_backend_sig.c: signatures. Published vectors (RFC 8032 Ed25519,
 * RFC 6979 ECDSA), signatures made by the openssl command-line tool
 * (tests/data/backend/, see README.md there), round trips, and rejections.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backends/backend.h"
#include "cu_main.h"
#include "test_backend_util.h"

static tb_buf
load_key(const char *name, const char *kind)
{
    char rel[128];

    snprintf(rel, sizeof rel, "tests/data/keys/%s.%s.der", name, kind);
    return tb_load(rel);
}

static tb_buf
load_data(const char *name)
{
    char rel[128];

    snprintf(rel, sizeof rel, "tests/data/backend/%s", name);
    return tb_load(rel);
}

/* hex of @p prefix followed by hex @p body, decoded */
static tb_buf
hex_cat(const char *prefix, const char *body)
{
    char buf[600];

    snprintf(buf, sizeof buf, "%s%s", prefix, body);
    return tb_hex(buf);
}

/* lowercase hex of @p n bytes, NUL-terminated */
static void
to_hex(const uint8_t *p, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        out[2 * i] = digits[p[i] >> 4];
        out[2 * i + 1] = digits[p[i] & 15];
    }
    out[2 * n] = '\0';
}

static void
flip(tb_buf b, size_t byte, uint8_t mask)
{
    b.ptr[byte] ^= mask;
}

/* ----------------------------------------------------------- Ed25519 */

#define ED25519_SPKI_PREFIX "302a300506032b6570032100"
#define ED25519_PKCS8_PREFIX "302e020100300506032b657004220420"

static void
test_ed25519_rfc8032(void)
{
    tb_vector v[TB_MAX_VECTORS];
    int n, k, have = cmsfw_bk_has(CMSFW_BK_CAP_ED25519);
    uint8_t sig[CMSFW_BK_SIG_MAX];
    size_t len = 0;
    char hex[200];

    n = tb_vectors("vectors/published/rfc8032-ed25519-tests.hex", "signature", v,
                   TB_MAX_VECTORS);
    CU_ASSERT_EQUAL_FATAL(n, 4);
    for (k = 0; k < n; k++) {
        tb_buf secret = tb_field(&v[k], "secret"), pub = tb_field(&v[k], "public");
        tb_buf msg = tb_field(&v[k], "message"), want = tb_field(&v[k], "signature");
        tb_buf spki, pk8, pk8v2;
        size_t i;

        CU_ASSERT_PTR_NOT_NULL_FATAL(msg.ptr);
        CU_ASSERT_EQUAL_FATAL(secret.len, 32);
        CU_ASSERT_EQUAL_FATAL(pub.len, 32);
        CU_ASSERT_EQUAL_FATAL(want.len, 64);
        to_hex(secret.ptr, 32, hex);
        pk8 = hex_cat(ED25519_PKCS8_PREFIX, hex);
        to_hex(pub.ptr, 32, hex);
        spki = hex_cat(ED25519_SPKI_PREFIX, hex);
        if (!have) {
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE,
                                            tb_view(spki), tb_view(msg), tb_view(want)),
                            CMSFW_BK_UNSUPPORTED);
            CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(pk8),
                                          tb_view(msg), sig, sizeof sig, &len),
                            CMSFW_BK_UNSUPPORTED);
            CU_ASSERT_EQUAL(len, 0);
            tb_free(&spki);
            tb_free(&pk8);
            continue;
        }
        /* signing is deterministic: exactly the published signature */
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(pk8),
                                      tb_view(msg), sig, sizeof sig, &len),
                        CMSFW_BK_OK);
        CU_ASSERT(len == 64 && memcmp(sig, want.ptr, 64) == 0);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(spki),
                                        tb_view(msg), tb_view(want)),
                        CMSFW_BK_OK);
        /* one flipped bit anywhere in R or S, or in the message, fails */
        for (i = 0; i < 64; i += 9) {
            flip(want, i, 0x04);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE,
                                            tb_view(spki), tb_view(msg), tb_view(want)),
                            CMSFW_BK_BAD_SIGNATURE);
            flip(want, i, 0x04);
        }
        if (msg.len > 0) {
            flip(msg, 0, 0x01);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE,
                                            tb_view(spki), tb_view(msg), tb_view(want)),
                            CMSFW_BK_BAD_SIGNATURE);
            flip(msg, 0, 0x01);
        }
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(spki),
                                        tb_view(msg), tb_bytes(want.ptr, 63)),
                        CMSFW_BK_BAD_SIGNATURE);
        /* OneAsymmetricKey v2 carrying the public key: accepted when it
         * matches the seed, refused when it does not */
        to_hex(secret.ptr, 32, hex);
        memcpy(hex + 64, "812100", 6);
        to_hex(pub.ptr, 32, hex + 70);
        pk8v2 = hex_cat("3051020101300506032b657004220420", hex);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pk8v2.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(pk8v2),
                                      tb_view(msg), sig, sizeof sig, &len),
                        CMSFW_BK_OK);
        CU_ASSERT(len == 64 && memcmp(sig, want.ptr, 64) == 0);
        flip(pk8v2, pk8v2.len - 1, 0x01);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(pk8v2),
                                      tb_view(msg), sig, sizeof sig, &len),
                        CMSFW_BK_BAD_KEY);
        tb_free(&pk8v2);
        tb_free(&spki);
        tb_free(&pk8);
    }
    tb_vectors_free(v, n);
}

/* The RFC 8410 example key pair signs and verifies; each key file
 * generated here by openssl verifies openssl's signature. */
static void
test_eddsa_keys(void)
{
    static const struct {
        const char *priv, *pub, *sig;
        cmsfw_bk_sig scheme;
        uint32_t cap;
    } pairs[] = {
        {"vectors/published/rfc8410-ed25519-private-key.der",
         "vectors/published/rfc8410-ed25519-public-key.der", NULL, CMSFW_BK_SIG_ED25519,
         CMSFW_BK_CAP_ED25519},
        {"tests/data/keys/ed25519.pk8.der", "tests/data/keys/ed25519.spki.der",
         "tests/data/backend/ed25519.sig", CMSFW_BK_SIG_ED25519, CMSFW_BK_CAP_ED25519},
        {"tests/data/keys/ed448.pk8.der", "tests/data/keys/ed448.spki.der",
         "tests/data/backend/ed448.sig", CMSFW_BK_SIG_ED448, CMSFW_BK_CAP_ED448},
    };
    tb_buf msg = load_data("message.txt");
    uint8_t sig[CMSFW_BK_SIG_MAX], sig2[CMSFW_BK_SIG_MAX];
    size_t i, len = 0, len2 = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(msg.ptr);
    for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        tb_buf priv = tb_load(pairs[i].priv), pub = tb_load(pairs[i].pub);
        cmsfw_bk_status want = cmsfw_bk_has(pairs[i].cap) ? CMSFW_BK_OK : CMSFW_BK_UNSUPPORTED;

        CU_ASSERT_PTR_NOT_NULL_FATAL(priv.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(pub.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(pairs[i].scheme, CMSFW_BK_HASH_NONE, tb_view(priv),
                                      tb_view(msg), sig, sizeof sig, &len),
                        want);
        if (want == CMSFW_BK_OK) {
            CU_ASSERT_EQUAL(len, pairs[i].scheme == CMSFW_BK_SIG_ED25519 ? 64 : 114);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(pairs[i].scheme, CMSFW_BK_HASH_NONE, tb_view(pub),
                                            tb_view(msg), tb_bytes(sig, len)),
                            CMSFW_BK_OK);
            /* deterministic */
            CU_ASSERT_EQUAL(cmsfw_bk_sign(pairs[i].scheme, CMSFW_BK_HASH_NONE, tb_view(priv),
                                          tb_view(msg), sig2, sizeof sig2, &len2),
                            CMSFW_BK_OK);
            CU_ASSERT(len == len2 && memcmp(sig, sig2, len) == 0);
            sig[len / 2] ^= 0x20;
            CU_ASSERT_EQUAL(cmsfw_bk_verify(pairs[i].scheme, CMSFW_BK_HASH_NONE, tb_view(pub),
                                            tb_view(msg), tb_bytes(sig, len)),
                            CMSFW_BK_BAD_SIGNATURE);
        }
        if (pairs[i].sig != NULL) {
            tb_buf ossl = tb_load(pairs[i].sig);

            CU_ASSERT_PTR_NOT_NULL_FATAL(ossl.ptr);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(pairs[i].scheme, CMSFW_BK_HASH_NONE, tb_view(pub),
                                            tb_view(msg), tb_view(ossl)),
                            want);
            /* EdDSA is deterministic: the same bytes as openssl */
            if (want == CMSFW_BK_OK)
                CU_ASSERT(len2 == ossl.len && memcmp(sig2, ossl.ptr, len2) == 0);
            tb_free(&ossl);
        }
        tb_free(&priv);
        tb_free(&pub);
    }
    tb_free(&msg);
}

/* -------------------------------------------------------------- ECDSA */

/* DER INTEGER of the unsigned big-endian hex @p mag */
static size_t
der_uint(const char *mag, uint8_t *out)
{
    tb_buf m = tb_hex(mag);
    size_t off = 0, n;

    while (off + 1 < m.len && m.ptr[off] == 0)
        off++;
    n = m.len - off;
    out[0] = 0x02;
    if (m.ptr[off] & 0x80) {
        out[1] = (uint8_t)(n + 1);
        out[2] = 0;
        memcpy(out + 3, m.ptr + off, n);
        n += 3;
    } else {
        out[1] = (uint8_t)n;
        memcpy(out + 2, m.ptr + off, n);
        n += 2;
    }
    tb_free(&m);
    return n;
}

/* Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } */
static size_t
ecdsa_der(const char *r, const char *s, uint8_t *out)
{
    uint8_t body[120];
    size_t n = der_uint(r, body);

    n += der_uint(s, body + n);
    out[0] = 0x30;
    out[1] = (uint8_t)n;
    memcpy(out + 2, body, n);
    return n + 2;
}

typedef struct rfc6979_case {
    const char *spki_prefix, *ux, *uy, *r, *s;
    cmsfw_bk_hash hash;
} rfc6979_case;

/* RFC 6979 A.2.5 (P-256, SHA-256) and A.2.6 (P-384, SHA-384), message
 * "sample". */
static const rfc6979_case rfc6979[] = {
    {"3059301306072a8648ce3d020106082a8648ce3d03010703420004",
     "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
     "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299",
     "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
     "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", CMSFW_BK_SHA256},
    {"3076301006072a8648ce3d020106052b8104002203620004",
     "EC3A4E415B4E19A4568618029F427FA5DA9A8BC4AE92E02E06AAE5286B300C64DEF8F0EA9055866064A25451"
     "5480BC13",
     "8015D9B72D7D57244EA8EF9AC0C621896708A59367F9DFB9F54CA84B3F1C9DB1288B231C3AE0D4FE7344FD25"
     "33264720",
     "94EDBB92A5ECB8AAD4736E56C691916B3F88140666CE9FA73D64C4EA95AD133C81A648152E44ACF96E36DD1E"
     "80FABE46",
     "99EF4AEB15F178CEA1FE40DB2603138F130E740A19624526203B6351D0A3A94FA329C145786E679E7B82C71A"
     "38628AC8",
     CMSFW_BK_SHA384},
};

static tb_buf
rfc6979_spki(const rfc6979_case *c)
{
    char point[300];

    snprintf(point, sizeof point, "%s%s", c->ux, c->uy);
    return hex_cat(c->spki_prefix, point);
}

static void
test_ecdsa_rfc6979(void)
{
    uint8_t sig[120], digest[CMSFW_BK_HASH_MAX];
    size_t i, n, dlen = 0;

    for (i = 0; i < 2; i++) {
        tb_buf spki = rfc6979_spki(&rfc6979[i]);
        cmsfw_bk_key_info info;

        CU_ASSERT_EQUAL(cmsfw_bk_spki_info(tb_view(spki), &info), CMSFW_BK_OK);
        CU_ASSERT_EQUAL(info.bits, i == 0 ? 256 : 384);
        n = ecdsa_der(rfc6979[i].r, rfc6979[i].s, sig);
        CU_ASSERT_EQUAL(cmsfw_bk_hash_once(rfc6979[i].hash, tb_bytes((const uint8_t *)"sample", 6),
                                           digest, sizeof digest, &dlen),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, rfc6979[i].hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig, n)),
                        CMSFW_BK_OK);
        /* the same signature over "test" does not verify */
        CU_ASSERT_EQUAL(cmsfw_bk_hash_once(rfc6979[i].hash, tb_bytes((const uint8_t *)"test", 4),
                                           digest, sizeof digest, &dlen),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, rfc6979[i].hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig, n)),
                        CMSFW_BK_BAD_SIGNATURE);
        tb_free(&spki);
    }
}

/* Verify a signature made by the openssl tool over message.txt. */
static cmsfw_bk_status
verify_openssl(cmsfw_bk_sig scheme, cmsfw_bk_hash hash, const char *key, const char *sigfile)
{
    tb_buf msg = load_data("message.txt"), sig = load_data(sigfile);
    tb_buf spki = load_key(key, "spki");
    uint8_t digest[CMSFW_BK_HASH_MAX];
    size_t dlen = 0;
    cmsfw_bk_status st = CMSFW_BK_FAILURE;

    if (msg.ptr != NULL && sig.ptr != NULL && spki.ptr != NULL &&
        cmsfw_bk_hash_once(hash, tb_view(msg), digest, sizeof digest, &dlen) == CMSFW_BK_OK)
        st = cmsfw_bk_verify(scheme, hash, tb_view(spki), tb_bytes(digest, dlen), tb_view(sig));
    tb_free(&msg);
    tb_free(&sig);
    tb_free(&spki);
    return st;
}

static void
test_ecdsa_openssl(void)
{
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, "ec-p256",
                                   "ec-p256-sha256.sig"),
                    CMSFW_BK_OK);
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA384, "ec-p384",
                                   "ec-p384-sha384.sig"),
                    CMSFW_BK_OK);
    /* right signature, other hash or other key */
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA512, "ec-p256",
                                   "ec-p256-sha256.sig"),
                    CMSFW_BK_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA384, "ec-p256",
                                   "ec-p384-sha384.sig"),
                    CMSFW_BK_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, "rsa-2048",
                                   "ec-p256-sha256.sig"),
                    CMSFW_BK_BAD_KEY);
}

static void
test_ecdsa_round_trips(void)
{
    static const char *const keys[] = {"ec-p256", "ec-p384"};
    static const cmsfw_bk_hash hashes[] = {CMSFW_BK_SHA256, CMSFW_BK_SHA384, CMSFW_BK_SHA512};
    static const size_t max_len[] = {72, 104};
    uint8_t digest[CMSFW_BK_HASH_MAX], sig[CMSFW_BK_SIG_MAX + 1];
    size_t k, h, len = 0, dlen = 0;

    for (k = 0; k < 2; k++) {
        tb_buf pk8 = load_key(keys[k], "pk8"), spki = load_key(keys[k], "spki");
        tb_buf other = rfc6979_spki(&rfc6979[k]);

        CU_ASSERT_PTR_NOT_NULL_FATAL(pk8.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(spki.ptr);
        for (h = 0; h < 3; h++) {
            CU_ASSERT_EQUAL(cmsfw_bk_hash_once(hashes[h], tb_bytes((const uint8_t *)"fw", 2),
                                               digest, sizeof digest, &dlen),
                            CMSFW_BK_OK);
            CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(pk8),
                                          tb_bytes(digest, dlen), NULL, 0, &len),
                            CMSFW_BK_OK);
            CU_ASSERT_EQUAL(len, max_len[k]);
            CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(pk8),
                                          tb_bytes(digest, dlen), sig, max_len[k] - 1, &len),
                            CMSFW_BK_BAD_INPUT);
            CU_ASSERT_EQUAL(len, max_len[k]);
            CU_ASSERT_EQUAL_FATAL(cmsfw_bk_sign(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(pk8),
                                                tb_bytes(digest, dlen), sig, max_len[k], &len),
                                  CMSFW_BK_OK);
            CU_ASSERT(len > 8 && len <= max_len[k]);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(spki),
                                            tb_bytes(digest, dlen), tb_bytes(sig, len)),
                            CMSFW_BK_OK);
            /* wrong key, digest of another length, trailing byte, flipped s */
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(other),
                                            tb_bytes(digest, dlen), tb_bytes(sig, len)),
                            CMSFW_BK_BAD_SIGNATURE);
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(spki),
                                            tb_bytes(digest, dlen - 1), tb_bytes(sig, len)),
                            CMSFW_BK_BAD_INPUT);
            sig[len] = 0;
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(spki),
                                            tb_bytes(digest, dlen), tb_bytes(sig, len + 1)),
                            CMSFW_BK_BAD_SIGNATURE);
            sig[len - 3] ^= 0x01;
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(spki),
                                            tb_bytes(digest, dlen), tb_bytes(sig, len)),
                            CMSFW_BK_BAD_SIGNATURE);
            /* the SEQUENCE tag */
            sig[len - 3] ^= 0x01;
            sig[0] = 0x31;
            CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, hashes[h], tb_view(spki),
                                            tb_bytes(digest, dlen), tb_bytes(sig, len)),
                            CMSFW_BK_BAD_SIGNATURE);
        }
        /* an EC key does not make RSA or EdDSA signatures */
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, tb_view(pk8),
                                      tb_bytes(digest, 32), sig, sizeof sig, &len),
                        CMSFW_BK_BAD_KEY);
        tb_free(&pk8);
        tb_free(&spki);
        tb_free(&other);
    }
}

/* ---------------------------------------------------------------- RSA */

typedef struct rsa_case {
    const char *key;
    cmsfw_bk_hash hash;
    const char *pkcs1_sig, *pss_sig;
    size_t bytes;
} rsa_case;

static const rsa_case rsa_cases[] = {
    {"rsa-2048", CMSFW_BK_SHA256, "rsa-2048-sha256-pkcs1.sig", "rsa-2048-sha256-pss.sig", 256},
    {"rsa-3072", CMSFW_BK_SHA384, "rsa-3072-sha384-pkcs1.sig", "rsa-3072-sha384-pss.sig", 384},
    {"rsa-4096", CMSFW_BK_SHA512, "rsa-4096-sha512-pkcs1.sig", "rsa-4096-sha512-pss.sig", 512},
};

static void
test_rsa_openssl_interop(void)
{
    size_t i;

    for (i = 0; i < 3; i++) {
        const rsa_case *c = &rsa_cases[i];

        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PKCS1, c->hash, c->key, c->pkcs1_sig),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PSS, c->hash, c->key, c->pss_sig),
                        CMSFW_BK_OK);
        /* the other padding, the other hash, the other key */
        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PSS, c->hash, c->key, c->pkcs1_sig),
                        CMSFW_BK_BAD_SIGNATURE);
        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PKCS1, c->hash, c->key, c->pss_sig),
                        CMSFW_BK_BAD_SIGNATURE);
        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PKCS1,
                                       c->hash == CMSFW_BK_SHA256 ? CMSFW_BK_SHA512
                                                                  : CMSFW_BK_SHA256,
                                       c->key, c->pkcs1_sig),
                        CMSFW_BK_BAD_SIGNATURE);
        CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PSS, c->hash, rsa_cases[(i + 1) % 3].key,
                                       c->pss_sig),
                        CMSFW_BK_BAD_SIGNATURE);
    }
    /* a valid PSS signature whose salt is not the digest length */
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, "rsa-2048",
                                   "rsa-2048-sha256-pss-saltmax.sig"),
                    CMSFW_BK_BAD_SIGNATURE);
}

/* PKCS#1 v1.5 is deterministic: our signature equals openssl's. PSS
 * signatures verify, and also do after a round trip through the other
 * scheme's checks failing. */
static void
test_rsa_sign(void)
{
    tb_buf msg = load_data("message.txt");
    uint8_t digest[CMSFW_BK_HASH_MAX], sig[CMSFW_BK_SIG_MAX], sig2[CMSFW_BK_SIG_MAX];
    size_t i, dlen = 0, len = 0, len2 = 0;

    CU_ASSERT_PTR_NOT_NULL_FATAL(msg.ptr);
    for (i = 0; i < 3; i++) {
        const rsa_case *c = &rsa_cases[i];
        tb_buf pk8 = load_key(c->key, "pk8"), spki = load_key(c->key, "spki");
        tb_buf ossl = load_data(c->pkcs1_sig);

        CU_ASSERT_PTR_NOT_NULL_FATAL(pk8.ptr);
        CU_ASSERT_PTR_NOT_NULL_FATAL(ossl.ptr);
        CU_ASSERT_EQUAL(cmsfw_bk_hash_once(c->hash, tb_view(msg), digest, sizeof digest, &dlen),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PKCS1, c->hash, tb_view(pk8),
                                      tb_bytes(digest, dlen), NULL, 0, &len),
                        CMSFW_BK_OK);
        CU_ASSERT_EQUAL(len, c->bytes);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PKCS1, c->hash, tb_view(pk8),
                                      tb_bytes(digest, dlen), sig, c->bytes - 1, &len),
                        CMSFW_BK_BAD_INPUT);
        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PKCS1, c->hash, tb_view(pk8),
                                            tb_bytes(digest, dlen), sig, sizeof sig, &len),
                              CMSFW_BK_OK);
        CU_ASSERT(len == ossl.len && memcmp(sig, ossl.ptr, len) == 0);

        CU_ASSERT_EQUAL_FATAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(pk8),
                                            tb_bytes(digest, dlen), sig, sizeof sig, &len),
                              CMSFW_BK_OK);
        CU_ASSERT_EQUAL(len, c->bytes);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig, len)),
                        CMSFW_BK_OK);
        /* a random salt: two PSS signatures differ */
        CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(pk8),
                                      tb_bytes(digest, dlen), sig2, sizeof sig2, &len2),
                        CMSFW_BK_OK);
        CU_ASSERT(len2 == len && memcmp(sig, sig2, len) != 0);
        /* corrupted, truncated, other digest */
        sig[len / 3] ^= 0x08;
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig, len)),
                        CMSFW_BK_BAD_SIGNATURE);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig2, len2 - 1)),
                        CMSFW_BK_BAD_SIGNATURE);
        digest[0] ^= 1;
        CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PSS, c->hash, tb_view(spki),
                                        tb_bytes(digest, dlen), tb_bytes(sig2, len2)),
                        CMSFW_BK_BAD_SIGNATURE);
        tb_free(&pk8);
        tb_free(&spki);
        tb_free(&ossl);
    }
    tb_free(&msg);
}

/* 1024-bit keys are refused everywhere with KEY_SIZE; so is P-521. */
static void
test_key_sizes(void)
{
    static const char *const keys[] = {"rsa-1024", "ec-p521"};
    static const cmsfw_bk_sig schemes[] = {CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SIG_ECDSA};
    uint8_t digest[32], sig[CMSFW_BK_SIG_MAX];
    size_t i, len = 0;

    memset(digest, 0x11, sizeof digest);
    memset(sig, 0x22, sizeof sig);
    for (i = 0; i < 2; i++) {
        tb_buf pk8 = load_key(keys[i], "pk8"), spki = load_key(keys[i], "spki");

        CU_ASSERT_EQUAL(cmsfw_bk_sign(schemes[i], CMSFW_BK_SHA256, tb_view(pk8),
                                      tb_bytes(digest, 32), sig, sizeof sig, &len),
                        CMSFW_BK_KEY_SIZE);
        CU_ASSERT_EQUAL(cmsfw_bk_sign(schemes[i], CMSFW_BK_SHA256, tb_view(pk8),
                                      tb_bytes(digest, 32), NULL, 0, &len),
                        CMSFW_BK_KEY_SIZE);
        CU_ASSERT_EQUAL(cmsfw_bk_verify(schemes[i], CMSFW_BK_SHA256, tb_view(spki),
                                        tb_bytes(digest, 32), tb_bytes(sig, 128)),
                        CMSFW_BK_KEY_SIZE);
        tb_free(&pk8);
        tb_free(&spki);
    }
    CU_ASSERT_EQUAL(verify_openssl(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, "rsa-1024",
                                   "rsa-2048-sha256-pss.sig"),
                    CMSFW_BK_KEY_SIZE);
}

static void
test_request_checks(void)
{
    tb_buf pk8 = load_key("rsa-2048", "pk8"), spki = load_key("rsa-2048", "spki");
    tb_buf ed = load_key("ed25519", "spki");
    uint8_t digest[64], sig[CMSFW_BK_SIG_MAX];
    size_t len = 7;

    memset(digest, 0x33, sizeof digest);
    memset(sig, 0x44, sizeof sig);
    CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, tb_view(pk8),
                                  tb_bytes(digest, 32), sig, sizeof sig, NULL),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_sign((cmsfw_bk_sig)99, CMSFW_BK_SHA256, tb_view(pk8),
                                  tb_bytes(digest, 32), sig, sizeof sig, &len),
                    CMSFW_BK_UNSUPPORTED);
    CU_ASSERT_EQUAL(len, 0);
    CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_HASH_NONE, tb_view(pk8),
                                  tb_bytes(digest, 32), sig, sizeof sig, &len),
                    CMSFW_BK_UNSUPPORTED);
    CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA384, tb_view(pk8),
                                  tb_bytes(digest, 32), sig, sizeof sig, &len),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA512, tb_view(spki),
                                    tb_bytes(digest, 48), tb_bytes(sig, 256)),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, tb_view(spki),
                                    tb_bytes(NULL, 32), tb_bytes(sig, 256)),
                    CMSFW_BK_BAD_INPUT);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, tb_view(spki),
                                    tb_bytes(digest, 32), tb_bytes(NULL, 0)),
                    CMSFW_BK_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, tb_view(spki),
                                    tb_bytes(digest, 32), tb_bytes(sig, 256)),
                    CMSFW_BK_BAD_SIGNATURE);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256, tb_view(spki),
                                    tb_bytes(digest, 32), tb_bytes(sig, 257)),
                    CMSFW_BK_BAD_SIGNATURE);
    /* a key of another type than the scheme wants */
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ECDSA, CMSFW_BK_SHA256, tb_view(spki),
                                    tb_bytes(digest, 32), tb_bytes(sig, 70)),
                    CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PSS, CMSFW_BK_SHA256, tb_view(ed),
                                    tb_bytes(digest, 32), tb_bytes(sig, 256)),
                    CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_ED25519, CMSFW_BK_HASH_NONE, tb_view(spki),
                                    tb_bytes(digest, 32), tb_bytes(sig, 64)),
                    cmsfw_bk_has(CMSFW_BK_CAP_ED25519) ? CMSFW_BK_BAD_KEY
                                                       : CMSFW_BK_UNSUPPORTED);
    /* a malformed key */
    CU_ASSERT_EQUAL(cmsfw_bk_verify(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
                                    tb_bytes(spki.ptr, spki.len - 1), tb_bytes(digest, 32),
                                    tb_bytes(sig, 256)),
                    CMSFW_BK_BAD_KEY);
    CU_ASSERT_EQUAL(cmsfw_bk_sign(CMSFW_BK_SIG_RSA_PKCS1, CMSFW_BK_SHA256,
                                  tb_bytes(pk8.ptr, pk8.len - 1), tb_bytes(digest, 32), sig,
                                  sizeof sig, &len),
                    CMSFW_BK_BAD_KEY);
    tb_free(&pk8);
    tb_free(&spki);
    tb_free(&ed);
}

static CU_TestInfo eddsa_tests[] = {
    {"RFC 8032 Ed25519 vectors", test_ed25519_rfc8032},
    {"RFC 8410 and openssl EdDSA keys", test_eddsa_keys},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo ecdsa_tests[] = {
    {"RFC 6979 A.2.5 and A.2.6 signatures", test_ecdsa_rfc6979},
    {"signatures made by openssl", test_ecdsa_openssl},
    {"sign and verify P-256, P-384", test_ecdsa_round_trips},
    CU_TEST_INFO_NULL,
};

static CU_TestInfo rsa_tests[] = {
    {"openssl PKCS#1 v1.5 and PSS signatures", test_rsa_openssl_interop},
    {"sign: PKCS#1 v1.5 equals openssl, PSS verifies", test_rsa_sign},
    {"unsupported key sizes", test_key_sizes},
    {"request checks", test_request_checks},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"backend EdDSA", NULL, NULL, NULL, NULL, eddsa_tests},
    {"backend ECDSA", NULL, NULL, NULL, NULL, ecdsa_tests},
    {"backend RSA", NULL, NULL, NULL, NULL, rsa_tests},
    CU_SUITE_INFO_NULL,
};

int
main(void)
{
    return cu_run(suites);
}
