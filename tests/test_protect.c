/*
 * test_protect.c: packages made by cmsfw_protect_buffer() for every
 * signature algorithm this backend has, times every layering (plain,
 * compressed, AES-CBC, AES-GCM, compressed + CBC, compressed + GCM).
 * Each package is taken apart independently (test_protect_util.c) and,
 * where the openssl tool is installed, verified and decrypted by it.
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

/* One signer configuration of the matrix. */
typedef struct signer_case {
    const char *key, *cert, *chain;
    cmsfw_sig_alg sig;
    cmsfw_digest_alg digest;
    int issuer_serial;
    int hash;            /* cmsfw_bk_hash expected */
    const char *sig_alg; /* expected signatureAlgorithm, hex */
    uint32_t caps;       /* backend capabilities needed */
} signer_case;

#define PSS_256                                                                           \
    "304106092a864886f70d01010a3034a00f300d06096086480165030402010500a11c301a06092a864886f7" \
    "0d010108300d06096086480165030402010500a203020120"
#define PSS_384                                                                           \
    "304106092a864886f70d01010a3034a00f300d06096086480165030402020500a11c301a06092a864886f7" \
    "0d010108300d06096086480165030402020500a203020130"

static const signer_case signers[] = {
    {"ec-p256", "protect/ec-p256.cert.der", NULL, CMSFW_SIG_AUTO, CMSFW_DIGEST_AUTO, 0,
     CMSFW_BK_SHA256, "300a06082a8648ce3d040302", CMSFW_BK_CAP_ECDSA_P256},
    {"ec-p384", "protect/ec-p384.cert.der", NULL, CMSFW_SIG_ECDSA, CMSFW_DIGEST_SHA384, 0,
     CMSFW_BK_SHA384, "300a06082a8648ce3d040303", CMSFW_BK_CAP_ECDSA_P384},
    {"rsa-2048", "protect/rsa-2048-leaf.cert.der", "protect/ec-p256.cert.der", CMSFW_SIG_AUTO,
     CMSFW_DIGEST_AUTO, 0, CMSFW_BK_SHA256, PSS_256, CMSFW_BK_CAP_RSA_PSS},
    {"rsa-2048", "protect/rsa-2048.cert.der", NULL, CMSFW_SIG_RSA_PKCS1, CMSFW_DIGEST_AUTO, 1,
     CMSFW_BK_SHA256, "300d06092a864886f70d01010b0500", CMSFW_BK_CAP_RSA_PKCS1},
    {"rsa-3072", "protect/rsa-3072.cert.der", NULL, CMSFW_SIG_RSA_PSS, CMSFW_DIGEST_SHA384, 0,
     CMSFW_BK_SHA384, PSS_384, CMSFW_BK_CAP_RSA_PSS},
    {"rsa-4096", "protect/rsa-4096.cert.der", NULL, CMSFW_SIG_RSA_PKCS1, CMSFW_DIGEST_SHA512, 0,
     CMSFW_BK_SHA512, "300d06092a864886f70d01010d0500", CMSFW_BK_CAP_RSA_PKCS1},
    {"ed25519", "protect/ed25519.cert.der", NULL, CMSFW_SIG_AUTO, CMSFW_DIGEST_AUTO, 0,
     CMSFW_BK_SHA512, "300506032b6570", CMSFW_BK_CAP_ED25519},
};

/* The layerings, and image sizes that fall on and off block boundaries. */
static const struct {
    int compress;
    int gcm; /* -1: no encryption */
} layers[] = {{0, -1}, {1, -1}, {0, 0}, {0, 1}, {1, 0}, {1, 1}};
static const size_t sizes[] = {100003, 1, 16, 65536, 200007, 31};

static const uint8_t kek_key[32] = {0x10, 0x21, 0x32, 0x43, 0x54, 0x65, 0x76, 0x87,
                                    0x98, 0xa9, 0xba, 0xcb, 0xdc, 0xed, 0xfe, 0x0f,
                                    0x01, 0x12, 0x23, 0x34, 0x45, 0x56, 0x67, 0x78,
                                    0x89, 0x9a, 0xab, 0xbc, 0xcd, 0xde, 0xef, 0xf0};
static const uint8_t kek_id[] = {0x4b, 0x45, 0x4b, 0x2d, 0x30, 0x31};

/* Package description: OIDs under the documentation arc 1.3.6.1.4.1.32473. */
static uint8_t oid_buf[8][24];
static cmsfw_bytes oids[8];
static cmsfw_community community;
static cmsfw_communities communities;
static cmsfw_pkg_name dep;
static cmsfw_pkg_info info;
static cmsfw_oid_list impl_crypto, impl_compress;

static int
suite_init(void)
{
    static const char *const dotted[] = {
        "1.3.6.1.4.1.32473.2.1", "1.3.6.1.4.1.32473.1.1", "1.3.6.1.4.1.32473.1.2",
        "1.3.6.1.4.1.32473.3.1", "1.3.6.1.4.1.32473.2.9", "2.16.840.1.101.3.4.2.1",
        "1.2.840.10045.4.3.2",   "1.2.840.113549.1.9.16.3.8"};
    size_t i, n;

    for (i = 0; i < 8; i++) {
        if (cmsfw_oid_from_dotted(dotted[i], oid_buf[i], sizeof oid_buf[i], &n) != CMSFW_OK)
            return 1;
        oids[i].ptr = oid_buf[i];
        oids[i].len = n;
    }
    community.kind = CMSFW_COMMUNITY_OID;
    community.oid = oids[3];
    communities.items = &community;
    communities.n = 1;
    dep.form = CMSFW_NAME_PREFERRED;
    dep.oid = oids[4];
    dep.version = 3;
    info.has_type = 1;
    info.type = 2;
    info.has_deps = 1;
    info.deps = &dep;
    info.n_deps = 1;
    impl_crypto.oids = &oids[5];
    impl_crypto.n = 2;
    impl_compress.oids = &oids[7];
    impl_compress.n = 1;
    return 0;
}

static void
make_opts(cmsfw_protect_opts *o, int variant, int compress, int gcm, int aes256, int kek256)
{
    memset(o, 0, sizeof *o);
    o->pkg_id.name.form = CMSFW_NAME_PREFERRED;
    o->pkg_id.name.oid = oids[0];
    o->pkg_id.name.version = 7 + (uint64_t)variant;
    o->pkg_id.stale_form = CMSFW_STALE_PREFERRED;
    o->pkg_id.stale_version = 4;
    o->targets = &oids[1];
    o->n_targets = 2;
    if (variant % 2 == 0) {
        o->communities = &communities;
        o->info = &info;
        o->impl_crypto = &impl_crypto;
        o->impl_compress = &impl_compress;
    }
    o->compress = compress;
    if (gcm >= 0)
        o->encrypt = gcm ? (aes256 ? CMSFW_ENCRYPT_AES256_GCM : CMSFW_ENCRYPT_AES128_GCM)
                         : (aes256 ? CMSFW_ENCRYPT_AES256_CBC : CMSFW_ENCRYPT_AES128_CBC);
    o->kek.id.ptr = kek_id;
    o->kek.id.len = sizeof kek_id;
    o->kek.key.ptr = kek_key;
    o->kek.key.len = kek256 ? 32 : 16;
}

static int
same(cmsfw_bytes a, cmsfw_bytes b)
{
    return a.ptr != NULL && b.ptr != NULL && a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

/* A value TLV with a one-octet tag and a short length. */
static int
tlv_is(cmsfw_bytes tlv, uint8_t tag, cmsfw_bytes value)
{
    return tlv.ptr != NULL && tlv.len == value.len + 2 && tlv.ptr[0] == tag &&
           tlv.ptr[1] == value.len && memcmp(tlv.ptr + 2, value.ptr, value.len) == 0;
}

static cmsfw_bytes
hash_alg_tlv(int h)
{
    static const uint8_t ids[3][13] = {
        {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01},
        {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02},
        {0x30, 0x0b, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03}};
    cmsfw_bytes b = {ids[h - 1], 13};

    return b;
}

/* SignedData, SignerInfo and sid as the case asks. */
static void
check_signer_info(const tp_pkg *p, const signer_case *sc, const tp_signer *s, size_t n_certs)
{
    tb_buf sig_alg = tb_hex(sc->sig_alg);
    cmsfw_key cert;

    CU_ASSERT_EQUAL(p->sd_version, 3);
    CU_ASSERT_EQUAL(p->n_digest_algs, 1);
    CU_ASSERT(same(p->digest_algs, hash_alg_tlv(sc->hash)));
    CU_ASSERT(same(p->digest_alg, hash_alg_tlv(sc->hash)));
    CU_ASSERT(same(p->sig_alg, tb_view(sig_alg)));
    CU_ASSERT_EQUAL(p->n_certs, n_certs);
    CU_ASSERT_EQUAL(p->si_version, 3);
    CU_ASSERT_FATAL(cmsfw_key_parse(&cert, tb_view(s->cert), CMSFW_KEY_CERTIFICATE, NULL) ==
                    CMSFW_OK);
    if (sc->issuer_serial) {
        /* SEQUENCE { issuer, serialNumber } */
        CU_ASSERT(p->sid.ptr[0] == 0x30);
        CU_ASSERT(p->sid.len > cert.issuer.len &&
                  memcmp(p->sid.ptr + p->sid.len - cert.serial.len, cert.serial.ptr,
                         cert.serial.len) == 0);
        CU_ASSERT(p->sid.len > cert.issuer.len + 4 &&
                  memcmp(p->sid.ptr + (p->sid.ptr[1] & 0x80 ? 2 + (p->sid.ptr[1] & 0x7f) : 2),
                         cert.issuer.ptr, cert.issuer.len) == 0);
    } else {
        CU_ASSERT(tlv_is(p->sid, 0x80, cert.ski));
    }
    CU_ASSERT_EQUAL(tp_verify_signature(p, cert.spki), 0);
    tb_free(&sig_alg);
}

static void
check_decoded(cmsfw_bytes attrs, const cmsfw_protect_opts *o)
{
    cmsfw_bytes v = tp_attr(attrs, tp_oid("id-aa-firmwarePackageID"));
    cmsfw_pkg_id id;
    cmsfw_oid_list targets;
    cmsfw_communities com;
    cmsfw_pkg_info pi;

    CU_ASSERT_FATAL(v.ptr != NULL && cmsfw_pkg_id_decode(&id, v.ptr, v.len, NULL) == CMSFW_OK);
    CU_ASSERT(same(id.name.oid, o->pkg_id.name.oid) && id.name.version == o->pkg_id.name.version);
    CU_ASSERT(id.stale_form == CMSFW_STALE_PREFERRED && id.stale_version == 4);
    v = tp_attr(attrs, tp_oid("id-aa-targetHardwareIDs"));
    CU_ASSERT_FATAL(v.ptr != NULL && cmsfw_oid_list_decode(&targets, v.ptr, v.len, NULL) ==
                                         CMSFW_OK);
    CU_ASSERT(targets.n == 2 && same(targets.oids[0], oids[1]) && same(targets.oids[1], oids[2]));
    cmsfw_oid_list_free(&targets);
    v = tp_attr(attrs, tp_oid("id-aa-communityIdentifiers"));
    CU_ASSERT_EQUAL(v.ptr != NULL, o->communities != NULL);
    if (v.ptr != NULL && cmsfw_communities_decode(&com, v.ptr, v.len, NULL) == CMSFW_OK) {
        CU_ASSERT(com.n == 1 && same(com.items[0].oid, oids[3]));
        cmsfw_communities_free(&com);
    }
    v = tp_attr(attrs, tp_oid("id-aa-firmwarePackageInfo"));
    CU_ASSERT_EQUAL(v.ptr != NULL, o->info != NULL);
    if (v.ptr != NULL && cmsfw_pkg_info_decode(&pi, v.ptr, v.len, NULL) == CMSFW_OK) {
        CU_ASSERT(pi.type == 2 && pi.n_deps == 1 && same(pi.deps[0].oid, oids[4]));
        cmsfw_pkg_info_free(&pi);
    }
    v = tp_attr(attrs, tp_oid("id-aa-implCryptoAlgs"));
    CU_ASSERT_EQUAL(v.ptr != NULL, o->impl_crypto != NULL);
    v = tp_attr(attrs, tp_oid("id-aa-implCompressAlgs"));
    CU_ASSERT_EQUAL(v.ptr != NULL, o->impl_compress != NULL);
}

/* The signed attributes: values, order, the two digests, RFC 6211. */
static void
check_attrs(const tp_pkg *p, const signer_case *sc, const cmsfw_protect_opts *o,
            cmsfw_bytes image)
{
    uint8_t md[CMSFW_BK_HASH_MAX], prot[160];
    cmsfw_bytes a = p->signed_attrs, v, mdv = {md, tp_hash(sc->hash, p->econtent, md)};
    cmsfw_bytes kid = {kek_id, sizeof kek_id};
    cmsfw_fw_digest fd;
    size_t n = 7, pl; /* content-type, message-digest, signing-time, package id,
                          targets, firmware digest, algorithm protection */

    CU_ASSERT_EQUAL(tp_attrs_check(a), 0);
    CU_ASSERT(tlv_is(tp_attr(a, tp_oid("id-contentType")), 0x06, p->econtent_type));
    CU_ASSERT(tlv_is(tp_attr(a, tp_oid("id-messageDigest")), 0x04, mdv));
    v = tp_attr(a, tp_oid("id-signingTime"));
    CU_ASSERT(v.ptr != NULL && v.ptr[0] == 0x17 && v.len == 15 && v.ptr[14] == 'Z');
    v = tp_attr(a, tp_oid("id-aa-decryptKeyID"));
    if (o->encrypt != CMSFW_ENCRYPT_NONE) {
        CU_ASSERT(tlv_is(v, 0x04, kid));
        n++;
    } else {
        CU_ASSERT_PTR_NULL(v.ptr);
    }
    check_decoded(a, o);
    n += o->communities != NULL ? 4 : 0;
    CU_ASSERT_EQUAL(tp_attr_count(a), n);
    v = tp_attr(a, tp_oid("id-aa-fwPkgMessageDigest"));
    CU_ASSERT_FATAL(v.ptr != NULL && cmsfw_fw_digest_decode(&fd, v.ptr, v.len, NULL) == CMSFW_OK);
    CU_ASSERT(same(fd.alg.oid, (cmsfw_bytes){hash_alg_tlv(sc->hash).ptr + 4, 9}));
    CU_ASSERT_PTR_NULL(fd.alg.params.ptr);
    mdv.len = tp_hash(sc->hash, image, md);
    CU_ASSERT(same(fd.digest, mdv));
    /* CMSAlgorithmProtection { digestAlgorithm, [1] signatureAlgorithm } */
    pl = 0;
    prot[pl++] = 0x30;
    prot[pl++] = (uint8_t)(p->digest_alg.len + p->sig_alg.len);
    memcpy(prot + pl, p->digest_alg.ptr, p->digest_alg.len);
    pl += p->digest_alg.len;
    memcpy(prot + pl, p->sig_alg.ptr, p->sig_alg.len);
    prot[pl] = 0xa1;
    pl += p->sig_alg.len;
    CU_ASSERT(same(tp_attr(a, tp_oid("id-aa-CMSAlgorithmProtection")), (cmsfw_bytes){prot, pl}));
}

/* EnvelopedData { version 2, SET { kekri }, { contentType, algorithm,
 * [0] ciphertext } }: the wrapped-firmware-key with the EncryptedData's
 * ciphertext put back, which openssl can decrypt. */
static tb_buf
enveloped_for_openssl(const tp_layers *l)
{
    tb_buf b = {NULL, 0};
    size_t eci = cmsfw_der_tlv_size(6, l->inner_type.len) + l->enc_alg.len +
                 cmsfw_der_tlv_size(0, l->ciphertext.len);
    size_t env = 3 + cmsfw_der_tlv_size(17, l->env_recipient.len) + cmsfw_der_tlv_size(16, eci);
    size_t total = cmsfw_der_tlv_size(16, env);
    cmsfw_der_w w;

    b.ptr = malloc(total);
    if (b.ptr == NULL)
        return b;
    cmsfw_der_w_init(&w, b.ptr, total);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, env);
    cmsfw_der_put_uint(&w, 2);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SET, l->env_recipient.len);
    cmsfw_der_put_bytes(&w, l->env_recipient.ptr, l->env_recipient.len);
    cmsfw_der_put_header(&w, CMSFW_DER_UNIVERSAL, 1, CMSFW_DER_TAG_SEQUENCE, eci);
    cmsfw_der_put_oid(&w, l->inner_type.ptr, l->inner_type.len);
    cmsfw_der_put_bytes(&w, l->enc_alg.ptr, l->enc_alg.len);
    cmsfw_der_put_header(&w, CMSFW_DER_CONTEXT, 0, 0, l->ciphertext.len);
    cmsfw_der_put_bytes(&w, l->ciphertext.ptr, l->ciphertext.len);
    b.len = w.pos;
    return b;
}

/* openssl: the signature, and the decryption of the encryption layer. */
static void
check_openssl(cmsfw_bytes pkg, const tp_pkg *p, const tp_layers *l, const signer_case *sc,
              const tp_signer *s, const cmsfw_protect_opts *o)
{
    tb_buf out = {NULL, 0}, env = {NULL, 0};
    cmsfw_bytes kek = o->kek.key, none = {NULL, 0};

    if (!tp_have_openssl())
        return;
    /* OpenSSL 3.0 cannot verify EdDSA SignerInfos */
    if (sc->caps != CMSFW_BK_CAP_ED25519) {
        CU_ASSERT_EQUAL(tp_openssl_verify(pkg, p->n_certs > 0 ? none : tb_view(s->cert), &out), 0);
        CU_ASSERT(same(tb_view(out), p->econtent));
        tb_free(&out);
    }
    if (l->gcm) {
        CU_ASSERT_EQUAL(tp_openssl_decrypt(tp_oid("id-ct-authEnvelopedData"), p->econtent, kek,
                                           o->kek.id, &out),
                        0);
        CU_ASSERT(same(tb_view(out), tb_view(l->plain)));
    } else if (l->cbc) {
        env = enveloped_for_openssl(l);
        CU_ASSERT_EQUAL(
            tp_openssl_decrypt(tp_oid("id-envelopedData"), tb_view(env), kek, o->kek.id, &out), 0);
        CU_ASSERT(same(tb_view(out), tb_view(l->plain)));
    }
    tb_free(&out);
    tb_free(&env);
}

static cmsfw_bytes
expected_econtent_type(const cmsfw_protect_opts *o)
{
    if (o->encrypt == CMSFW_ENCRYPT_AES128_GCM || o->encrypt == CMSFW_ENCRYPT_AES256_GCM)
        return tp_oid("id-ct-authEnvelopedData");
    if (o->encrypt != CMSFW_ENCRYPT_NONE)
        return tp_oid("id-encryptedData");
    return tp_oid(o->compress ? "id-ct-compressedData" : "id-ct-firmwarePackage");
}

/* The layers under the signature, removed independently. */
static void
check_layers(const tp_pkg *p, const tp_layers *l, int rc, const cmsfw_protect_opts *o,
             cmsfw_bytes image)
{
    int enc = o->encrypt != CMSFW_ENCRYPT_NONE;
    int aes256 = o->encrypt == CMSFW_ENCRYPT_AES256_CBC || o->encrypt == CMSFW_ENCRYPT_AES256_GCM;

    CU_ASSERT_EQUAL(rc, 0);
    if (rc != 0)
        fprintf(stderr, "\n  unwrap failed at test_protect_unwrap.c:%d\n", rc);
    CU_ASSERT(same(p->econtent_type, expected_econtent_type(o)));
    CU_ASSERT(same(tb_view(l->image), image));
    CU_ASSERT_EQUAL(l->compressed, o->compress);
    CU_ASSERT_EQUAL(l->cbc || l->gcm, enc);
    if (enc) {
        /* the CEK follows the content cipher, whatever the KEK size */
        CU_ASSERT_EQUAL(l->cek_len, aes256 ? 32u : 16u);
        CU_ASSERT(same(l->kek_id, o->kek.id));
        CU_ASSERT(same(l->inner_type,
                       tp_oid(o->compress ? "id-ct-compressedData" : "id-ct-firmwarePackage")));
    }
    CU_ASSERT_EQUAL(p->unsigned_attrs.ptr != NULL, l->cbc);
}

static void
run_signer(const signer_case *sc)
{
    tp_signer s = tp_signer_load(sc->key, sc->cert);
    tb_buf chain = {NULL, 0}, image;
    cmsfw_signer sg;
    cmsfw_protect_opts o;
    cmsfw_bytes chain_v;
    cmsfw_diag d;
    size_t i, len = 0;
    uint8_t *pkg = NULL;
    tp_pkg p;
    tp_layers l;
    int rc, index = (int)(sc - signers);

    CU_ASSERT_FATAL(s.key.ptr != NULL && s.cert.ptr != NULL);
    memset(&sg, 0, sizeof sg);
    sg.key = tb_view(s.key);
    sg.cert = tb_view(s.cert);
    if (sc->chain != NULL) {
        chain = tb_load((sprintf(d.msg, "tests/data/%s", sc->chain), d.msg));
        chain_v = tb_view(chain);
        sg.chain = &chain_v;
        sg.n_chain = 1;
    }
    sg.sig_alg = sc->sig;
    sg.digest = sc->digest;
    sg.use_issuer_serial = sc->issuer_serial;
    for (i = 0; i < sizeof layers / sizeof layers[0]; i++) {
        make_opts(&o, (int)i + index, layers[i].compress, layers[i].gcm, (int)(i + index) % 2,
                  (int)(i / 2 + index) % 2);
        image = tp_image(sizes[i], (unsigned)(i + 7 * index));
        d.msg[0] = '\0';
        rc = cmsfw_protect_buffer(&o, &sg, tb_view(image), &pkg, &len, &d);
        CU_ASSERT_EQUAL(rc, CMSFW_OK);
        if (rc != CMSFW_OK)
            fprintf(stderr, "\n  %s layers %zu: %d %s\n", sc->key, i, rc, d.msg);
        rc = rc == CMSFW_OK ? tp_parse((cmsfw_bytes){pkg, len}, &p) : -1;
        CU_ASSERT_EQUAL(rc, 0);
        if (rc == 0) {
            check_signer_info(&p, sc, &s, sc->chain != NULL ? 2u : 1u);
            check_attrs(&p, sc, &o, tb_view(image));
            rc = tp_unwrap(&p, o.kek.key, &l);
            check_layers(&p, &l, rc, &o, tb_view(image));
            if (rc == 0)
                check_openssl((cmsfw_bytes){pkg, len}, &p, &l, sc, &s, &o);
            tp_layers_free(&l);
        }
        free(pkg);
        pkg = NULL;
        tb_free(&image);
    }
    tb_free(&chain);
    tp_signer_free(&s);
}

static void
run_index(size_t i)
{
    if (!cmsfw_bk_has(signers[i].caps | CMSFW_BK_CAP_SIGN)) {
        fprintf(stderr, "\n  %s: not in the %s backend, skipped\n", signers[i].key,
                cmsfw_bk_name());
        return;
    }
    run_signer(&signers[i]);
}

static void test_p256(void) { run_index(0); }
static void test_p384(void) { run_index(1); }
static void test_rsa_pss_chain(void) { run_index(2); }
static void test_rsa_pkcs1_issuer_serial(void) { run_index(3); }
static void test_rsa3072_pss_sha384(void) { run_index(4); }
static void test_rsa4096_pkcs1_sha512(void) { run_index(5); }
static void test_ed25519(void) { run_index(6); }

static CU_TestInfo matrix_tests[] = {
    {"ECDSA P-256 x every layering", test_p256},
    {"ECDSA P-384 x every layering", test_p384},
    {"RSASSA-PSS 2048 with a chain x every layering", test_rsa_pss_chain},
    {"RSA PKCS#1 v1.5, issuerAndSerialNumber x every layering", test_rsa_pkcs1_issuer_serial},
    {"RSASSA-PSS 3072 SHA-384 x every layering", test_rsa3072_pss_sha384},
    {"RSA PKCS#1 4096 SHA-512 x every layering", test_rsa4096_pkcs1_sha512},
    {"Ed25519 x every layering", test_ed25519},
    CU_TEST_INFO_NULL};

static CU_SuiteInfo suites[] = {{"protect matrix", suite_init, NULL, NULL, NULL, matrix_tests},
                                CU_SUITE_INFO_NULL};

int
main(void)
{
    return cu_run(suites);
}
