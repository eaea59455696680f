/* openssl_fw.c: RFC 4108 firmware packages made with OpenSSL's libcrypto
 * CMS API, for `make interop` (interop/peers/openssl.sh).
 *
 *   openssl_fw sign --in FILE --out FILE --cert PEM --key PEM [--md NAME]
 *       [--pss] [--econtent-type OID] [--content-info] [--pkg-id OID:VER]
 *       [--target OID] [--dkid HEX] [--fw-digest IMAGE] [--stream]
 *   openssl_fw encrypt --in FILE --out FILE --cipher NAME
 *       [--econtent-type OID] (--cek HEX | --kek HEX --kek-id HEX)
 *
 * sign: a SignedData over the file (or, with --content-info, over the
 * content of the ContentInfo the file holds, such as an EncryptedData),
 * with the subjectKeyIdentifier sid RFC 4108 asks for (SignerInfo version
 * 3) and the RFC 4108 signed attributes, whose values are encoded here:
 * firmware-package-identifier (preferred name), target-hardware-IDs,
 * decrypt-key-identifier, firmware-package-message-digest. OpenSSL adds
 * content-type, message-digest, signing-time and SMIMECapabilities.
 * --stream writes BER with indefinite lengths (i2d_CMS_bio_stream), DER
 * otherwise.
 *
 * encrypt: an EncryptedData under a pre-shared CEK, or an
 * AuthEnvelopedData / EnvelopedData (chosen by OpenSSL from the cipher)
 * whose CEK is wrapped in a KEKRecipientInfo, as a DER ContentInfo;
 * --econtent-type sets the encryptedContentInfo.contentType, which
 * `openssl cms` leaves at id-data.
 *
 * On failure: one line "openssl_fw: STEP: OPENSSL-ERROR" on stderr (the
 * earliest libcrypto error), the rest of OpenSSL's error queue after it,
 * exit status 1; no output file is left behind.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#define OID_FW_PACKAGE "1.2.840.113549.1.9.16.1.16"
#define OID_AA_FW_PKG_ID "1.2.840.113549.1.9.16.2.35"
#define OID_AA_TARGET_HW "1.2.840.113549.1.9.16.2.36"
#define OID_AA_DECRYPT_KEY_ID "1.2.840.113549.1.9.16.2.37"
#define OID_AA_FW_PKG_DIGEST "1.2.840.113549.1.9.16.2.41"

/* A growable octet buffer; a failed allocation is latched in `bad`. */
struct buf {
    uint8_t *p;
    size_t n;
    int bad;
};

struct opts {
    const char *cmd;
    const char *in, *out, *cert, *key, *md, *econtent_type;
    const char *pkg_id, *target, *dkid, *fw_digest;
    const char *cipher, *cek, *kek, *kek_id;
    int pss, content_info, stream;
};

static void
fail(const char *step)
{
    unsigned long e = ERR_peek_error();
    char msg[256] = "no OpenSSL error";

    if (e != 0)
        ERR_error_string_n(e, msg, sizeof msg);
    fprintf(stderr, "openssl_fw: %s: %s\n", step, msg);
    ERR_print_errors_fp(stderr);
}

static void
buf_put(struct buf *b, const void *p, size_t n)
{
    uint8_t *q;

    if (b->bad)
        return;
    q = realloc(b->p, b->n + n + 1);
    if (q == NULL) {
        b->bad = 1;
        return;
    }
    b->p = q;
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

/* One DER TLV: tag, definite length (short or long form), content. */
static void
buf_tlv(struct buf *b, uint8_t tag, const struct buf *content)
{
    uint8_t hdr[6];
    size_t h = 0, n = content->n;

    if (content->bad) {
        b->bad = 1;
        return;
    }
    hdr[h++] = tag;
    if (n < 0x80) {
        hdr[h++] = (uint8_t)n;
    } else if (n <= 0xff) {
        hdr[h++] = 0x81;
        hdr[h++] = (uint8_t)n;
    } else if (n <= 0xffff) {
        hdr[h++] = 0x82;
        hdr[h++] = (uint8_t)(n >> 8);
        hdr[h++] = (uint8_t)n;
    } else {
        b->bad = 1;
        return;
    }
    buf_put(b, hdr, h);
    buf_put(b, content->p, content->n);
}

/* OBJECT IDENTIFIER as a full TLV. */
static void
buf_obj(struct buf *b, const ASN1_OBJECT *obj)
{
    unsigned char *der = NULL;
    int n;

    if (obj == NULL || (n = i2d_ASN1_OBJECT(obj, &der)) <= 0)
        b->bad = 1;
    else
        buf_put(b, der, (size_t)n);
    OPENSSL_free(der);
}

/* OBJECT IDENTIFIER from dotted text. */
static void
buf_oid(struct buf *b, const char *dotted)
{
    ASN1_OBJECT *obj = OBJ_txt2obj(dotted, 1);

    buf_obj(b, obj);
    ASN1_OBJECT_free(obj);
}

/* INTEGER (0..MAX), minimal two's complement. */
static void
buf_uint(struct buf *b, unsigned long v)
{
    uint8_t oct[sizeof v + 1];
    size_t i = sizeof oct;
    struct buf c = {0};

    do {
        oct[--i] = (uint8_t)(v & 0xff);
        v >>= 8;
    } while (v != 0);
    if (oct[i] & 0x80)
        oct[--i] = 0;
    buf_put(&c, oct + i, sizeof oct - i);
    buf_tlv(b, 0x02, &c);
    free(c.p);
}

static int
hex_decode(const char *hex, uint8_t **out, size_t *out_len)
{
    long n;
    unsigned char *p = OPENSSL_hexstr2buf(hex, &n);

    if (p == NULL || n <= 0) {
        OPENSSL_free(p);
        fprintf(stderr, "openssl_fw: not a hex string: %s\n", hex);
        return 0;
    }
    *out = p;
    *out_len = (size_t)n;
    return 1;
}

static int
read_file(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    uint8_t chunk[65536];
    size_t n;

    if (f == NULL) {
        perror(path);
        return 0;
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_put(b, chunk, n);
    if (ferror(f) || b->bad) {
        fprintf(stderr, "openssl_fw: cannot read %s\n", path);
        fclose(f);
        return 0;
    }
    fclose(f);
    return 1;
}

/* Header of a definite-length DER TLV at p[0..n): tag, header and content
 * lengths. */
static int
der_header(const uint8_t *p, size_t n, uint8_t *tag, size_t *hdr, size_t *len)
{
    size_t i, k, v = 0;

    if (n < 2)
        return 0;
    *tag = p[0];
    if (p[1] < 0x80) {
        *hdr = 2;
        *len = p[1];
    } else {
        k = p[1] & 0x7f;
        if (k == 0 || k > 4 || n < 2 + k)
            return 0;
        for (i = 0; i < k; i++)
            v = (v << 8) | p[2 + i];
        *hdr = 2 + k;
        *len = v;
    }
    return *len <= n - *hdr;
}

/* ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT ANY }:
 * where the content value starts in b, and its length. */
static int
content_info_inner(const struct buf *b, size_t *off, size_t *len)
{
    uint8_t tag;
    size_t hdr, l, pos;

    if (!der_header(b->p, b->n, &tag, &hdr, &l) || tag != 0x30)
        return 0;
    pos = hdr;
    if (!der_header(b->p + pos, b->n - pos, &tag, &hdr, &l) || tag != 0x06)
        return 0;
    pos += hdr + l;
    if (!der_header(b->p + pos, b->n - pos, &tag, &hdr, &l) || tag != 0xa0)
        return 0;
    *off = pos + hdr;
    *len = l;
    return 1;
}

/* FirmwarePackageIdentifier ::= SEQUENCE { name PreferredOrLegacy...,
 *     stale ... OPTIONAL }, name = preferred SEQUENCE { fwPkgID OID,
 *     verNum INTEGER }; from "OID:VERSION". */
static int
enc_pkg_id(const char *spec, struct buf *out)
{
    char oid[128];
    const char *colon = strrchr(spec, ':');
    struct buf pref = {0}, name = {0};
    size_t n;

    if (colon == NULL || (n = (size_t)(colon - spec)) >= sizeof oid) {
        fprintf(stderr, "openssl_fw: --pkg-id OID:VERSION expected\n");
        return 0;
    }
    memcpy(oid, spec, n);
    oid[n] = '\0';
    buf_oid(&pref, oid);
    buf_uint(&pref, strtoul(colon + 1, NULL, 10));
    buf_tlv(&name, 0x30, &pref);
    buf_tlv(out, 0x30, &name);
    free(pref.p);
    free(name.p);
    if (out->bad)
        fprintf(stderr, "openssl_fw: --pkg-id %s: not OID:VERSION\n", spec);
    return !out->bad;
}

/* TargetHardwareIdentifiers ::= SEQUENCE OF OBJECT IDENTIFIER */
static int
enc_targets(const char *oid, struct buf *out)
{
    struct buf seq = {0};

    buf_oid(&seq, oid);
    buf_tlv(out, 0x30, &seq);
    free(seq.p);
    if (out->bad)
        fprintf(stderr, "openssl_fw: --target %s: not an OID\n", oid);
    return !out->bad;
}

/* FirmwarePackageMessageDigest ::= SEQUENCE { algorithm
 *     AlgorithmIdentifier, msgDigest OCTET STRING }: of the plain image,
 * with the signer's digest algorithm (parameters absent, RFC 5754). */
static int
enc_fw_digest(const char *image, const EVP_MD *md, struct buf *out)
{
    struct buf img = {0}, alg = {0}, algid = {0}, dig = {0}, seq = {0};
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned int dlen = 0;
    int ok = 0;

    if (!read_file(image, &img))
        goto done;
    if (!EVP_Digest(img.p, img.n, d, &dlen, md, NULL)) {
        fail("digest of the image");
        goto done;
    }
    buf_obj(&alg, OBJ_nid2obj(EVP_MD_get_type(md)));
    buf_tlv(&algid, 0x30, &alg);
    buf_put(&dig, d, dlen);
    buf_put(&seq, algid.p, algid.n);
    buf_tlv(&seq, 0x04, &dig);
    buf_tlv(out, 0x30, &seq);
    ok = !out->bad;
done:
    free(img.p);
    free(alg.p);
    free(algid.p);
    free(dig.p);
    free(seq.p);
    return ok;
}

/* A signed attribute whose value is a DER SEQUENCE built above. */
static int
add_seq_attr(CMS_SignerInfo *si, const char *oid, const struct buf *v)
{
    ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
    int ok;

    ok = obj != NULL
        && CMS_signed_add1_attr_by_OBJ(si, obj, V_ASN1_SEQUENCE, v->p, (int)v->n);
    ASN1_OBJECT_free(obj);
    if (!ok)
        fail(oid);
    return ok;
}

static int
add_rfc4108_attrs(CMS_SignerInfo *si, const struct opts *o, const EVP_MD *md)
{
    struct buf v = {0};
    ASN1_OBJECT *obj = NULL;
    uint8_t *id = NULL;
    size_t id_len = 0;
    int ok = 0;

    if (o->pkg_id != NULL) {
        if (!enc_pkg_id(o->pkg_id, &v) || !add_seq_attr(si, OID_AA_FW_PKG_ID, &v))
            goto done;
        free(v.p);
        v = (struct buf){0};
    }
    if (o->target != NULL) {
        if (!enc_targets(o->target, &v) || !add_seq_attr(si, OID_AA_TARGET_HW, &v))
            goto done;
        free(v.p);
        v = (struct buf){0};
    }
    if (o->fw_digest != NULL) {
        if (!enc_fw_digest(o->fw_digest, md, &v)
            || !add_seq_attr(si, OID_AA_FW_PKG_DIGEST, &v))
            goto done;
    }
    if (o->dkid != NULL) {
        /* DecryptKeyIdentifier ::= OCTET STRING */
        if (!hex_decode(o->dkid, &id, &id_len))
            goto done;
        obj = OBJ_txt2obj(OID_AA_DECRYPT_KEY_ID, 1);
        if (obj == NULL
            || !CMS_signed_add1_attr_by_OBJ(si, obj, V_ASN1_OCTET_STRING, id, (int)id_len)) {
            fail("decrypt-key-identifier");
            goto done;
        }
    }
    ok = 1;
done:
    ASN1_OBJECT_free(obj);
    OPENSSL_free(id);
    free(v.p);
    return ok;
}

static int
write_cms(const struct opts *o, CMS_ContentInfo *cms, BIO *in, unsigned int flags)
{
    BIO *out = BIO_new_file(o->out, "wb");
    int ok;

    if (out == NULL) {
        fail(o->out);
        return 0;
    }
    if (o->stream)
        ok = i2d_CMS_bio_stream(out, cms, in, (int)flags);
    else
        ok = CMS_final(cms, in, NULL, flags) && i2d_CMS_bio(out, cms);
    if (BIO_free(out) != 1)
        ok = 0;
    if (!ok) {
        fail(o->stream ? "i2d_CMS_bio_stream" : "CMS_final");
        remove(o->out);
    }
    return ok;
}

/* RSASSA-PSS as `openssl cms -keyopt rsa_padding_mode:pss -keyopt
 * rsa_pss_saltlen:digest` sets it: salt length = hash length, MGF1 with
 * the signer's hash. */
static int
set_pss(CMS_SignerInfo *si)
{
    EVP_PKEY_CTX *pctx = CMS_SignerInfo_get0_pkey_ctx(si);

    if (pctx == NULL || EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0
        || EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0) {
        fail("RSASSA-PSS parameters");
        return 0;
    }
    return 1;
}

static int
load_signer(const struct opts *o, X509 **cert, EVP_PKEY **key)
{
    BIO *b = BIO_new_file(o->cert, "rb");

    *cert = b != NULL ? PEM_read_bio_X509(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    b = BIO_new_file(o->key, "rb");
    *key = b != NULL ? PEM_read_bio_PrivateKey(b, NULL, NULL, NULL) : NULL;
    BIO_free(b);
    if (*cert == NULL || *key == NULL) {
        fail("reading the signer's certificate and key");
        return 0;
    }
    return 1;
}

static int
cmd_sign(const struct opts *o)
{
    struct buf data = {0};
    size_t off = 0, len;
    X509 *cert = NULL;
    EVP_PKEY *key = NULL;
    const EVP_MD *md = NULL;
    ASN1_OBJECT *ctype = NULL;
    CMS_ContentInfo *cms = NULL;
    CMS_SignerInfo *si;
    BIO *in = NULL;
    unsigned int flags = CMS_PARTIAL | CMS_BINARY | (o->stream ? CMS_STREAM : 0);
    int ok = 0;

    if (!read_file(o->in, &data) || !load_signer(o, &cert, &key))
        goto done;
    len = data.n;
    if (o->content_info && !content_info_inner(&data, &off, &len)) {
        fprintf(stderr, "openssl_fw: %s: not a DER ContentInfo\n", o->in);
        goto done;
    }
    if (o->md != NULL && (md = EVP_get_digestbyname(o->md)) == NULL) {
        fprintf(stderr, "openssl_fw: unknown digest %s\n", o->md);
        goto done;
    }
    ctype = OBJ_txt2obj(o->econtent_type != NULL ? o->econtent_type : OID_FW_PACKAGE, 1);
    in = BIO_new_mem_buf(data.p + off, (int)len);
    cms = CMS_sign(NULL, NULL, NULL, NULL, flags);
    if (ctype == NULL || in == NULL || cms == NULL || !CMS_set1_eContentType(cms, ctype)) {
        fail("CMS_sign");
        goto done;
    }
    si = CMS_add1_signer(cms, cert, key, md,
                         flags | CMS_USE_KEYID | (o->pss ? CMS_KEY_PARAM : 0));
    if (si == NULL) {
        fail("CMS_add1_signer");
        goto done;
    }
    if (o->pss && !set_pss(si))
        goto done;
    if (md == NULL) {
        X509_ALGOR *dig;

        CMS_SignerInfo_get0_algs(si, NULL, NULL, &dig, NULL);
        md = EVP_get_digestbyobj(dig->algorithm);
    }
    if (md == NULL || !add_rfc4108_attrs(si, o, md))
        goto done;
    ok = write_cms(o, cms, in, flags);
done:
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    ASN1_OBJECT_free(ctype);
    X509_free(cert);
    EVP_PKEY_free(key);
    free(data.p);
    return ok;
}

/* The recipient of a key-encryption key: a KEKRecipientInfo (AES key wrap
 * of the KEK's size) naming the KEK by its identifier. The CMS takes the
 * key and the identifier. */
static int
add_kek_recipient(CMS_ContentInfo *cms, const struct opts *o)
{
    uint8_t *k = NULL, *id = NULL;
    size_t klen = 0, idlen = 0;

    if (!hex_decode(o->kek, &k, &klen) || !hex_decode(o->kek_id, &id, &idlen)) {
        OPENSSL_clear_free(k, klen);
        return 0;
    }
    if (CMS_add0_recipient_key(cms, NID_undef, k, klen, id, idlen, NULL, NULL, NULL) == NULL) {
        fail("CMS_add0_recipient_key");
        OPENSSL_clear_free(k, klen);
        OPENSSL_free(id);
        return 0;
    }
    return 1;
}

static int
cmd_encrypt(const struct opts *o)
{
    struct buf data = {0};
    const EVP_CIPHER *cipher = EVP_get_cipherbyname(o->cipher != NULL ? o->cipher : "");
    ASN1_OBJECT *ctype = NULL;
    CMS_ContentInfo *cms = NULL;
    BIO *in = NULL;
    uint8_t *cek = NULL;
    size_t cek_len = 0;
    unsigned int flags = CMS_PARTIAL | CMS_BINARY;
    int ok = 0;

    if (cipher == NULL) {
        fprintf(stderr, "openssl_fw: unknown cipher %s\n", o->cipher ? o->cipher : "(none)");
        return 0;
    }
    if ((o->cek == NULL) == (o->kek == NULL || o->kek_id == NULL)) {
        fprintf(stderr, "openssl_fw: encrypt needs --cek, or --kek and --kek-id\n");
        return 0;
    }
    if (!read_file(o->in, &data))
        goto done;
    in = BIO_new_mem_buf(data.p, (int)data.n);
    if (o->cek != NULL) {
        if (!hex_decode(o->cek, &cek, &cek_len))
            goto done;
        cms = CMS_EncryptedData_encrypt(in, cipher, cek, cek_len, flags);
    } else {
        cms = CMS_encrypt(NULL, in, cipher, flags);
        if (cms != NULL && !add_kek_recipient(cms, o))
            goto done;
    }
    if (cms == NULL) {
        fail("encrypt");
        goto done;
    }
    if (o->econtent_type != NULL) {
        ctype = OBJ_txt2obj(o->econtent_type, 1);
        if (ctype == NULL || !CMS_set1_eContentType(cms, ctype)) {
            fail("CMS_set1_eContentType");
            goto done;
        }
    }
    ok = write_cms(o, cms, in, flags);
done:
    CMS_ContentInfo_free(cms);
    BIO_free(in);
    ASN1_OBJECT_free(ctype);
    OPENSSL_clear_free(cek, cek_len);
    free(data.p);
    return ok;
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
    static const struct {
        const char *name;
        size_t off;
    } val[] = {
        {"--in", offsetof(struct opts, in)},
        {"--out", offsetof(struct opts, out)},
        {"--cert", offsetof(struct opts, cert)},
        {"--key", offsetof(struct opts, key)},
        {"--md", offsetof(struct opts, md)},
        {"--econtent-type", offsetof(struct opts, econtent_type)},
        {"--pkg-id", offsetof(struct opts, pkg_id)},
        {"--target", offsetof(struct opts, target)},
        {"--dkid", offsetof(struct opts, dkid)},
        {"--fw-digest", offsetof(struct opts, fw_digest)},
        {"--cipher", offsetof(struct opts, cipher)},
        {"--cek", offsetof(struct opts, cek)},
        {"--kek", offsetof(struct opts, kek)},
        {"--kek-id", offsetof(struct opts, kek_id)},
    };
    int i;
    size_t k;

    if (argc < 2)
        return 0;
    o->cmd = argv[1];
    for (i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--pss") == 0) {
            o->pss = 1;
        } else if (strcmp(argv[i], "--content-info") == 0) {
            o->content_info = 1;
        } else if (strcmp(argv[i], "--stream") == 0) {
            o->stream = 1;
        } else {
            for (k = 0; k < sizeof val / sizeof val[0]; k++)
                if (strcmp(argv[i], val[k].name) == 0)
                    break;
            if (k == sizeof val / sizeof val[0] || i + 1 >= argc) {
                fprintf(stderr, "openssl_fw: bad option %s\n", argv[i]);
                return 0;
            }
            *(const char **)((char *)o + val[k].off) = argv[++i];
        }
    }
    return o->in != NULL && o->out != NULL;
}

int
main(int argc, char **argv)
{
    struct opts o = {0};

    if (!parse_args(argc, argv, &o)) {
        fputs("usage: openssl_fw sign|encrypt --in FILE --out FILE ... (see the source)\n",
              stderr);
        return 2;
    }
    if (strcmp(o.cmd, "sign") == 0 && o.cert != NULL && o.key != NULL)
        return cmd_sign(&o) ? 0 : 1;
    if (strcmp(o.cmd, "encrypt") == 0)
        return cmd_encrypt(&o) ? 0 : 1;
    fprintf(stderr, "openssl_fw: unknown command or missing --cert/--key: %s\n", o.cmd);
    return 2;
}
