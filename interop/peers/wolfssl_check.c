/*
 * interop/peers/wolfssl_check.c: wolfSSL reads cmsfw's packages.
 *
 * usage: wolfssl_check LIST IMAGE KEKID KEKFILE PKGOID:VERSION HWOID
 *        wolfssl_check --version
 *
 * LIST has one package a line: producer, algorithm, layers, package file,
 * signer certificate (PEM), tab-separated. For each, this prints one line
 * "producer alg layers outcome message" (tab-separated; outcome pass or
 * fail, the message wolfSSL's own error on failure):
 *
 * - wc_PKCS7_InitWithCert + wc_PKCS7_VerifySignedData verify the
 *   signature (wolfSSL checks no certificate path: the certificate given
 *   is the signer's);
 * - wc_PKCS7_GetAttributeValue must return the content-type,
 *   firmware-package-identifier and target-hardware-IDs attributes cmsfw
 *   was asked to write, octet for octet;
 * - the eContent is taken apart with wolfSSL's decoders and compared with
 *   IMAGE: EncryptedData by wc_PKCS7_DecodeEncryptedData, with the content
 *   key unwrapped by wc_AesKeyUnWrap from the KEKRecipientInfo of the
 *   unsigned wrapped-firmware-key attribute (wolfSSL does not expose
 *   unsigned attributes, so this program finds it); AuthEnvelopedData by
 *   wc_PKCS7_DecodeAuthEnvelopedData with the key-encryption key set by
 *   wc_PKCS7_SetKey. wolfSSL's decoders want a ContentInfo where RFC 4108
 *   carries the bare structure: this program adds that framing.
 *   CompressedData is inflated with zlib outside wolfSSL: Debian builds
 *   wolfSSL without HAVE_LIBZ, so it has no wc_PKCS7_DecodeCompressedData;
 *   such a package fails with a message saying so, once its signature and
 *   image have been checked.
 *
 * wolfSSL 5.5.4 reads AES-GCM parameters only in its own layout (nonce and
 * ICV length directly in the AlgorithmIdentifier, not in RFC 5084's
 * GCMParameters SEQUENCE). When wc_PKCS7_DecodeAuthEnvelopedData refuses
 * a package, the check is repeated on a copy with the parameters in that
 * layout, and the message says whether that copy decrypts to the image: it
 * tells a parameter-layout refusal from any other.
 */
#include <wolfssl/options.h>
#include <wolfssl/version.h>
#include <wolfssl/wolfcrypt/aes.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/pkcs7.h>

#include <zlib.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wolfssl_common.h"

#if defined(HAVE_LIBZ) && !defined(NO_PKCS7_COMPRESSED_DATA)
#define HAVE_COMPRESSED_DATA 1
#else
#define HAVE_COMPRESSED_DATA 0
#endif

#define MAX_PACKAGE (64u << 20)
#define MSG_LEN 400

/* OBJECT IDENTIFIER values (no tag, no length) */
static const uint8_t oid_content_type[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03};
static const uint8_t oid_fw_pkg_id[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                        0x01, 0x09, 0x10, 0x02, 0x23};
static const uint8_t oid_target_hw[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                        0x01, 0x09, 0x10, 0x02, 0x24};
static const uint8_t oid_wrapped_key[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                          0x01, 0x09, 0x10, 0x02, 0x27};

/* What every package is checked against. */
typedef struct expect {
    const uint8_t *image;
    size_t image_len;
    uint8_t kek[32];
    size_t kek_len;
    uint8_t kek_id[64];
    size_t kek_id_len;
    der_buf fw_pkg_id; /* the attribute values cmsfw was asked to write */
    der_buf target_hw;
} expect;

/* One package's check: the verdict so far and its message. */
typedef struct check {
    int ok;
    char msg[MSG_LEN];
} check;

static void
fail(check *c, const char *fmt, ...)
{
    va_list ap;

    if (!c->ok)
        return; /* the first failure is the one reported */
    c->ok = 0;
    va_start(ap, fmt);
    vsnprintf(c->msg, sizeof c->msg, fmt, ap);
    va_end(ap);
}

/* The keys here are test keys; wiping them still shows where secrets end. */
static void
wipe(void *p, size_t len)
{
    volatile uint8_t *v = p;

    while (len--)
        *v++ = 0;
}

static void
fail_wolf(check *c, const char *fn, int rc)
{
    fail(c, "%s: wolfSSL error %d: %s", fn, rc, wc_GetErrorString(rc));
}

/* ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT content }: the
 * framing wolfSSL's decoders expect around an eContent. */
static void
put_content_info(der_buf *b, const char *type, const uint8_t *content, size_t len)
{
    der_buf body = {0};

    der_put_oid(&body, type);
    der_put_header(&body, 0xa0, len);
    der_put(&body, content, len);
    der_put_tlv(b, 0x30, body.p, body.len);
    b->err |= body.err;
    der_buf_free(&body);
}

/* The attribute wolfSSL decoded must be the value cmsfw was asked to
 * write. */
static void
check_attr(check *c, PKCS7 *p7, const char *name, const uint8_t *oid, size_t oid_len,
           const der_buf *want)
{
    uint8_t got[512];
    word32 got_len = sizeof got;
    int rc = wc_PKCS7_GetAttributeValue(p7, oid, (word32)oid_len, got, &got_len);

    if (rc <= 0)
        fail(c, "wc_PKCS7_GetAttributeValue(%s): wolfSSL error %d: %s", name, rc,
             wc_GetErrorString(rc));
    else if ((size_t)rc != want->len || memcmp(got, want->p, want->len) != 0)
        fail(c, "wolfSSL reads a %s attribute other than the one written", name);
}

/* CompressedData ::= SEQUENCE { version, compressionAlgorithm,
 *     encapContentInfo SEQUENCE { eContentType, [0] EXPLICIT OCTET STRING } }
 * Inflated with zlib (RFC 3274: ZLIB format) and compared with the image. */
static void
inflate_compare(check *c, const expect *e, const uint8_t *p, size_t len)
{
    der_tlv cd, eci, wrap, os, seg;
    der_buf z = {0};
    const uint8_t *pos, *end;
    uint8_t *out;
    z_stream zs;
    int zr;

    if (der_whole(p, len, &cd) != 0 || der_child(&cd, 0x30, 1, &eci) != 0 ||
        der_child(&eci, 0xa0, 0, &wrap) != 0 || der_whole(wrap.value, wrap.len, &os) != 0) {
        fail(c, "the CompressedData does not parse");
        return;
    }
    if (os.tag == 0x04) {
        der_put(&z, os.value, os.len);
    } else if (os.tag == 0x24) { /* constructed OCTET STRING: one level */
        for (pos = os.value, end = os.value + os.len; pos < end;) {
            if (der_next(&pos, end, &seg) != 0 || seg.tag != 0x04) {
                fail(c, "the CompressedData's eContent does not parse");
                der_buf_free(&z);
                return;
            }
            der_put(&z, seg.value, seg.len);
        }
    }
    out = malloc(e->image_len + 1);
    memset(&zs, 0, sizeof zs);
    if (out == NULL || z.err || inflateInit(&zs) != Z_OK) {
        fail(c, "out of memory");
        free(out);
        der_buf_free(&z);
        return;
    }
    zs.next_in = z.p;
    zs.avail_in = (uInt)z.len;
    zs.next_out = out;
    zs.avail_out = (uInt)(e->image_len + 1);
    zr = inflate(&zs, Z_FINISH);
    if (zr != Z_STREAM_END)
        fail(c, "zlib inflate of the CompressedData: %s", zs.msg ? zs.msg : "incomplete");
    else if (zs.total_out != e->image_len || memcmp(out, e->image, e->image_len) != 0)
        fail(c, "the inflated content is not the image");
    inflateEnd(&zs);
    free(out);
    der_buf_free(&z);
}

/* The plaintext of the innermost layer: the image, or CompressedData. */
static void
compare_plain(check *c, const expect *e, const uint8_t *p, size_t len, int compressed)
{
    if (compressed)
        inflate_compare(c, e, p, len);
    else if (len != e->image_len || memcmp(p, e->image, len) != 0)
        fail(c, "the content wolfSSL returns is not the image");
}

/* The KEKRecipientInfo's encryptedKey in the wrapped-firmware-key
 * attribute, walked from the package:
 *   ContentInfo { [0] SignedData { ..., signerInfos SET { SignerInfo {
 *     ..., [1] unsignedAttrs SET { Attribute { OID, SET { EnvelopedData {
 *       version, recipientInfos SET { [2] KEKRecipientInfo {
 *         version, kekid SEQUENCE { keyIdentifier, ... },
 *         keyEncryptionAlgorithm, encryptedKey } } ... } } } } } } } } */
static int
find_wrapped_key(const uint8_t *pkg, size_t len, const expect *e, der_tlv *wrapped)
{
    der_tlv ci, x, sd, sis, si, ua, attr, oid, vals, env, ris, kekri, kekid, kid;
    unsigned i, k;

    if (der_whole(pkg, len, &ci) != 0 || der_child(&ci, 0xa0, 0, &x) != 0 ||
        der_child(&x, 0x30, 0, &sd) != 0 || der_child(&sd, 0x31, 1, &sis) != 0 ||
        der_child(&sis, 0x30, 0, &si) != 0 || der_child(&si, 0xa1, 0, &ua) != 0)
        return -1;
    for (i = 0; der_child(&ua, 0x30, i, &attr) == 0; i++) {
        if (der_child(&attr, 0x06, 0, &oid) != 0 || oid.len != sizeof oid_wrapped_key ||
            memcmp(oid.value, oid_wrapped_key, oid.len) != 0)
            continue;
        if (der_child(&attr, 0x31, 0, &vals) != 0 || der_child(&vals, 0x30, 0, &env) != 0 ||
            der_child(&env, 0x31, 0, &ris) != 0)
            return -1;
        for (k = 0; der_child(&ris, 0xa2, k, &kekri) == 0; k++) {
            if (der_child(&kekri, 0x30, 0, &kekid) == 0 &&
                der_child(&kekid, 0x04, 0, &kid) == 0 && kid.len == e->kek_id_len &&
                memcmp(kid.value, e->kek_id, kid.len) == 0)
                return der_child(&kekri, 0x04, 0, wrapped);
        }
        return -1;
    }
    return -1;
}

/* id-encryptedData: CEK from the wrapped-firmware-key attribute, then
 * wc_PKCS7_DecodeEncryptedData. */
static void
check_encrypted(check *c, const expect *e, const uint8_t *pkg, size_t pkg_len,
                const uint8_t *content, size_t len, int compressed)
{
    der_tlv wrapped;
    der_buf ci = {0};
    uint8_t cek[32];
    uint8_t *out = malloc(len + 1);
    PKCS7 *p7 = wc_PKCS7_New(NULL, INVALID_DEVID);
    int rc;

    if (out == NULL || p7 == NULL) {
        fail(c, "out of memory");
        goto out;
    }
    if (find_wrapped_key(pkg, pkg_len, e, &wrapped) != 0) {
        fail(c, "no KEKRecipientInfo for the key-encryption key in the wrapped-firmware-key "
                "attribute");
        goto out;
    }
    rc = wc_AesKeyUnWrap(e->kek, (word32)e->kek_len, wrapped.value, (word32)wrapped.len, cek,
                         sizeof cek, NULL);
    if (rc <= 0) {
        fail_wolf(c, "wc_AesKeyUnWrap", rc);
        goto out;
    }
    p7->encryptionKey = cek;
    p7->encryptionKeySz = (word32)rc;
    put_content_info(&ci, "1.2.840.113549.1.7.6", content, len);
    if (ci.err) {
        fail(c, "out of memory");
        goto out;
    }
    rc = wc_PKCS7_DecodeEncryptedData(p7, ci.p, (word32)ci.len, out, (word32)len + 1);
    if (rc <= 0)
        fail_wolf(c, "wc_PKCS7_DecodeEncryptedData", rc);
    else
        compare_plain(c, e, out, (size_t)rc, compressed);
out:
    wipe(cek, sizeof cek);
    if (p7 != NULL) {
        p7->encryptionKey = NULL;
        wc_PKCS7_Free(p7);
    }
    der_buf_free(&ci);
    free(out);
}

/* wc_PKCS7_DecodeAuthEnvelopedData of an AuthEnvelopedData (bare DER),
 * in a ContentInfo; returns its result, the plaintext in out. */
static int
decode_auth_env(const expect *e, const uint8_t *ae, size_t len, uint8_t *out, size_t out_len)
{
    der_buf ci = {0};
    uint8_t kek[32];
    PKCS7 *p7 = wc_PKCS7_New(NULL, INVALID_DEVID);
    int rc = MEMORY_E;

    memcpy(kek, e->kek, e->kek_len);
    put_content_info(&ci, "1.2.840.113549.1.9.16.1.23", ae, len);
    if (p7 != NULL && !ci.err) {
        rc = wc_PKCS7_SetKey(p7, kek, (word32)e->kek_len);
        if (rc == 0)
            rc = wc_PKCS7_DecodeAuthEnvelopedData(p7, ci.p, (word32)ci.len, out,
                                                  (word32)out_len);
    }
    if (p7 != NULL)
        wc_PKCS7_Free(p7);
    wipe(kek, sizeof kek);
    der_buf_free(&ci);
    return rc;
}

/* Rewrites inner, a child of outer, as repl: outer's encoding with
 * inner replaced, lengths adjusted. */
static void
put_replaced(der_buf *b, const der_tlv *outer, const der_tlv *inner, const uint8_t *repl,
             size_t repl_len)
{
    der_buf body = {0};
    const uint8_t *end = outer->value + outer->len;
    const uint8_t *after = inner->start + inner->tlv_len;

    der_put(&body, outer->value, (size_t)(inner->start - outer->value));
    der_put(&body, repl, repl_len);
    der_put(&body, after, (size_t)(end - after));
    der_put_tlv(b, outer->tag, body.p, body.len);
    b->err |= body.err;
    der_buf_free(&body);
}

/* A copy of the AuthEnvelopedData with GCMParameters { nonce, ICVlen }
 * spread into the AlgorithmIdentifier, the layout wolfSSL 5.5.4 writes
 * and reads:
 *   AuthEnvelopedData { ..., authEncryptedContentInfo SEQUENCE {
 *     contentType, AlgorithmIdentifier { OID, GCMParameters }, [0] } } */
static int
wolf_gcm_layout(const uint8_t *ae_p, size_t len, der_buf *out)
{
    der_tlv ae, eci, alg, oid, params;
    der_buf a = {0}, body = {0}, e = {0};

    if (der_whole(ae_p, len, &ae) != 0 || der_child(&ae, 0x30, 0, &eci) != 0 ||
        der_child(&eci, 0x30, 0, &alg) != 0 || der_child(&alg, 0x06, 0, &oid) != 0 ||
        der_child(&alg, 0x30, 0, &params) != 0)
        return -1;
    der_put(&body, oid.start, oid.tlv_len);
    der_put(&body, params.value, params.len);
    der_put_tlv(&a, 0x30, body.p, body.len);
    put_replaced(&e, &eci, &alg, a.p, a.len);
    put_replaced(out, &ae, &eci, e.p, e.len);
    out->err |= a.err | body.err | e.err;
    der_buf_free(&a);
    der_buf_free(&body);
    der_buf_free(&e);
    return out->err ? -1 : 0;
}

/* id-ct-authEnvelopedData: the KEK opens the KEKRecipientInfo. */
static void
check_auth_enveloped(check *c, const expect *e, const uint8_t *content, size_t len,
                     int compressed)
{
    uint8_t *out = malloc(len + 1);
    der_buf alt = {0};
    check again = {1, ""};
    int rc, rc2;

    if (out == NULL) {
        fail(c, "out of memory");
        return;
    }
    rc = decode_auth_env(e, content, len, out, len + 1);
    if (rc > 0) {
        compare_plain(c, e, out, (size_t)rc, compressed);
        free(out);
        return;
    }
    /* tell a parameter-layout refusal from any other */
    if (wolf_gcm_layout(content, len, &alt) != 0) {
        snprintf(again.msg, sizeof again.msg, "no GCMParameters to rewrite");
    } else {
        rc2 = decode_auth_env(e, alt.p, alt.len, out, len + 1);
        if (rc2 > 0)
            compare_plain(&again, e, out, (size_t)rc2, compressed);
        else
            fail(&again, "wolfSSL error %d: %s", rc2, wc_GetErrorString(rc2));
    }
    fail(c,
         "wc_PKCS7_DecodeAuthEnvelopedData: wolfSSL error %d: %s (with the GCM parameters "
         "in wolfSSL's own layout: %s)",
         rc, wc_GetErrorString(rc), again.ok ? "decrypts, image matches" : again.msg);
    der_buf_free(&alt);
    free(out);
}

/* Verifies one package and takes its layers apart. */
static void
check_package(check *c, const expect *e, const char *layers, const char *pkg_path,
              const char *cert_path)
{
    size_t pkg_len = 0, cert_len = 0;
    uint8_t *pkg = read_whole(pkg_path, MAX_PACKAGE, &pkg_len);
    char err[200] = "";
    uint8_t *cert = read_pem(cert_path, 0, &cert_len, err, sizeof err);
    PKCS7 *p7 = wc_PKCS7_New(NULL, INVALID_DEVID);
    int compressed = strstr(layers, "zlib") != NULL;
    der_buf ctype = {0};
    const char *type;
    int rc;

    if (pkg == NULL || cert == NULL || p7 == NULL) {
        fail(c, "cannot read the package or its certificate %s", err);
        goto out;
    }
    rc = wc_PKCS7_InitWithCert(p7, cert, (word32)cert_len);
    if (rc != 0) {
        fail_wolf(c, "wc_PKCS7_InitWithCert", rc);
        goto out;
    }
    rc = wc_PKCS7_VerifySignedData(p7, pkg, (word32)pkg_len);
    if (rc != 0) {
        fail_wolf(c, "wc_PKCS7_VerifySignedData", rc);
        goto out;
    }
    if (strstr(layers, "aes256-gcm") != NULL)
        type = "1.2.840.113549.1.9.16.1.23";
    else if (strstr(layers, "aes256-cbc") != NULL)
        type = "1.2.840.113549.1.7.6";
    else if (compressed)
        type = "1.2.840.113549.1.9.16.1.9";
    else
        type = "1.2.840.113549.1.9.16.1.16";
    der_put_oid(&ctype, type);
    check_attr(c, p7, "content-type", oid_content_type, sizeof oid_content_type, &ctype);
    check_attr(c, p7, "firmware-package-identifier", oid_fw_pkg_id, sizeof oid_fw_pkg_id,
               &e->fw_pkg_id);
    check_attr(c, p7, "target-hardware-IDs", oid_target_hw, sizeof oid_target_hw, &e->target_hw);
    if (!c->ok)
        goto out;
    if (strstr(layers, "aes256-gcm") != NULL)
        check_auth_enveloped(c, e, p7->content, p7->contentSz, compressed);
    else if (strstr(layers, "aes256-cbc") != NULL)
        check_encrypted(c, e, pkg, pkg_len, p7->content, p7->contentSz, compressed);
    else
        compare_plain(c, e, p7->content, p7->contentSz, compressed);
    if (c->ok && compressed && !HAVE_COMPRESSED_DATA)
        fail(c, "signature verified and image equal after inflating outside wolfSSL; "
                "wc_PKCS7_DecodeCompressedData: not in this build (no HAVE_LIBZ)");
    else if (c->ok)
        snprintf(c->msg, sizeof c->msg, "signature verified, RFC 4108 attributes read, %s",
                 compressed ? "image matches (CompressedData inflated outside wolfSSL)"
                            : "image matches");
out:
    if (p7 != NULL)
        wc_PKCS7_Free(p7);
    der_buf_free(&ctype);
    free(pkg);
    free(cert);
}

/* KEKID (hex), KEKFILE (hex), PKGOID:VERSION, HWOID into e. */
static int
load_expect(expect *e, const char *kek_id, const char *kek_path, const char *pkg_id,
            const char *hw)
{
    size_t n = 0, i;
    uint8_t *hex = read_whole(kek_path, 4096, &n);
    const char *colon = strrchr(pkg_id, ':');
    char oid[256];
    der_buf inner = {0}, name = {0};
    unsigned v;

    e->kek_len = 0;
    for (i = 0; hex != NULL && i + 1 < n && e->kek_len < sizeof e->kek; i += 2) {
        if (sscanf((const char *)hex + i, "%2x", &v) != 1)
            break;
        e->kek[e->kek_len++] = (uint8_t)v;
    }
    free(hex);
    for (i = 0; kek_id[i] && kek_id[i + 1] && e->kek_id_len < sizeof e->kek_id; i += 2) {
        if (sscanf(kek_id + i, "%2x", &v) != 1)
            return -1;
        e->kek_id[e->kek_id_len++] = (uint8_t)v;
    }
    if ((e->kek_len != 16 && e->kek_len != 32) || colon == NULL ||
        (size_t)(colon - pkg_id) >= sizeof oid)
        return -1;
    memcpy(oid, pkg_id, (size_t)(colon - pkg_id));
    oid[colon - pkg_id] = '\0';
    /* FirmwarePackageIdentifier { name preferred { fwPkgID, verNum } } */
    if (der_put_oid(&inner, oid) != 0)
        return -1;
    der_put_uint(&inner, strtoul(colon + 1, NULL, 10));
    der_put_tlv(&name, 0x30, inner.p, inner.len);
    der_put_tlv(&e->fw_pkg_id, 0x30, name.p, name.len);
    der_buf_free(&inner);
    der_buf_free(&name);
    /* TargetHardwareIdentifiers ::= SEQUENCE OF OBJECT IDENTIFIER */
    if (der_put_oid(&inner, hw) != 0)
        return -1;
    der_put_tlv(&e->target_hw, 0x30, inner.p, inner.len);
    der_buf_free(&inner);
    return e->fw_pkg_id.err || e->target_hw.err ? -1 : 0;
}

/* Splits a LIST line at its tabs into at most n fields. */
static size_t
split(char *line, char **f, size_t n)
{
    size_t k = 0;

    line[strcspn(line, "\r\n")] = '\0';
    while (k < n) {
        f[k++] = line;
        line = strchr(line, '\t');
        if (line == NULL)
            break;
        *line++ = '\0';
    }
    return k;
}

int
main(int argc, char **argv)
{
    expect e;
    FILE *list;
    char line[4096];
    char *f[5];
    uint8_t *image;
    check c;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("wolfSSL %s\n", LIBWOLFSSL_VERSION_STRING);
        return 0;
    }
    if (argc != 7) {
        fprintf(stderr, "usage: wolfssl_check LIST IMAGE KEKID KEKFILE PKGOID:VERSION HWOID\n");
        return 2;
    }
    memset(&e, 0, sizeof e);
    image = read_whole(argv[2], MAX_PACKAGE, &e.image_len);
    if (image == NULL || load_expect(&e, argv[3], argv[4], argv[5], argv[6]) != 0) {
        fprintf(stderr, "wolfssl_check: bad IMAGE, KEKID, KEKFILE, PKGOID:VERSION or HWOID\n");
        return 2;
    }
    e.image = image;
    list = fopen(argv[1], "r");
    if (list == NULL) {
        perror(argv[1]);
        return 2;
    }
    while (fgets(line, sizeof line, list) != NULL) {
        if (split(line, f, 5) != 5)
            continue;
        c.ok = 1;
        c.msg[0] = '\0';
        check_package(&c, &e, f[2], f[3], f[4]);
        printf("%s\t%s\t%s\t%s\t%s\n", f[0], f[1], f[2], c.ok ? "pass" : "fail", c.msg);
        fflush(stdout);
    }
    fclose(list);
    wipe(e.kek, sizeof e.kek);
    der_buf_free(&e.fw_pkg_id);
    der_buf_free(&e.target_hw);
    free(image);
    return 0;
}
