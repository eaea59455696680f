/*
 * interop/peers/wolfssl_make.c: wolfSSL makes firmware packages for cmsfw.
 *
 * usage: wolfssl_make ALG IMAGE CERT KEY OUT [--attrs PKGOID:VERSION HWOID]
 *                     [--cek IDHEX CEKFILE] [--own]
 *   ALG: ecdsa-p256 (SHA-256), ecdsa-p384 (SHA-384), rsa-pkcs1 (SHA-256),
 *        rsa-pss (SHA-256) or ed25519 (SHA-512); CERT and KEY in PEM.
 *
 * Signs IMAGE as a FirmwarePkgData package with wolfCrypt's one-shot
 * wc_PKCS7_EncodeSignedFPD, or, with --cek, as an EncryptedData package
 * (AES-256-CBC under the pre-shared content key in CEKFILE, hex) with
 * wc_PKCS7_EncodeSignedEncryptedFPD.
 *
 * Signed attributes: wolfSSL adds its defaults (content-type,
 * message-digest, signing-time); --attrs adds RFC 4108's mandatory
 * firmware-package-identifier and target-hardware-IDs, encoded here,
 * through the signedAttribs argument; --cek adds the decrypt-key-identifier
 * naming IDHEX. With --own, wc_PKCS7_NoDefaultSignedAttribs drops the
 * defaults and this program supplies content-type and message-digest
 * itself: wolfSSL 5.5.4's signing-time does not decode (a UTCTime of a
 * 0x00 octet and the year's last digit onwards), and that is the only way
 * around it. An encrypted package with --own is made in two passes, as
 * the message-digest covers an EncryptedData whose IV wolfSSL draws: the
 * EncryptedData of wc_PKCS7_EncodeSignedEncryptedFPD is signed again with
 * wc_PKCS7_EncodeSignedData.
 *
 * Exit 0 when OUT was written; on a wolfCrypt failure "FUNCTION: wolfSSL
 * error N: TEXT" on stderr and exit 1; 2 for usage or I/O errors; 3 when
 * OUT was written but its signatureAlgorithm is not the one asked for
 * (stderr says which).
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/hash.h>
#include <wolfssl/wolfcrypt/pkcs7.h>
#include <wolfssl/wolfcrypt/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wolfssl_common.h"

#define MAX_IMAGE (64u << 20)
/* certificate, attributes, signature, padding and framing */
#define OVERHEAD 65536u
#define MAX_ATTRS 5

typedef struct alg {
    const char *name;
    int sign_oid, hash_oid;
    const char *sig_alg_oid; /* the signatureAlgorithm RFC 5652 wants, NULL: any */
} alg;

static const alg algs[] = {
    {"ecdsa-p256", ECDSAk, SHA256h, NULL},
    {"ecdsa-p384", ECDSAk, SHA384h, NULL},
    {"rsa-pkcs1", RSAk, SHA256h, NULL},
    {"rsa-pss", RSAPSSk, SHA256h, "1.2.840.113549.1.1.10"},
    {"ed25519", ED25519k, SHA512h, NULL},
};

/* The signed attributes this program adds: OID and value, each a whole
 * DER TLV as PKCS7Attrib wants them. */
typedef struct attrs {
    der_buf oid[MAX_ATTRS], value[MAX_ATTRS];
    PKCS7Attrib list[MAX_ATTRS];
    word32 n;
} attrs;

/* Everything one package needs. */
typedef struct job {
    const alg *al;
    uint8_t *img, *cert, *key, *out;
    size_t img_len, cert_len, key_len, out_len;
    uint8_t cek[32];
    int encrypt, own;
    const char *pkg_id, *hw, *cek_id, *cek_path;
    attrs a;
    const char *fn; /* the wolfCrypt function that failed */
} job;

static void
add_attr(attrs *a, const char *oid, const der_buf *value)
{
    der_buf *o = &a->oid[a->n], *v = &a->value[a->n];

    der_put_oid(o, oid);
    der_put(v, value->p, value->len);
    v->err |= value->err;
    a->n++;
}

/* FirmwarePackageIdentifier ::= SEQUENCE { name CHOICE { preferred
 *     SEQUENCE { fwPkgID OBJECT IDENTIFIER, verNum INTEGER } } }
 * TargetHardwareIdentifiers ::= SEQUENCE OF OBJECT IDENTIFIER */
static int
add_rfc4108(attrs *a, const char *pkg_id, const char *hw)
{
    const char *colon = strrchr(pkg_id, ':');
    char oid[256];
    der_buf inner = {0}, name = {0}, value = {0};
    int rc = -1;

    if (colon == NULL || (size_t)(colon - pkg_id) >= sizeof oid)
        return -1;
    memcpy(oid, pkg_id, (size_t)(colon - pkg_id));
    oid[colon - pkg_id] = '\0';
    if (der_put_oid(&inner, oid) != 0)
        goto out;
    der_put_uint(&inner, strtoul(colon + 1, NULL, 10));
    der_put_tlv(&name, 0x30, inner.p, inner.len);
    der_put_tlv(&value, 0x30, name.p, name.len);
    add_attr(a, "1.2.840.113549.1.9.16.2.35", &value);
    der_buf_free(&inner);
    der_buf_free(&value);
    if (der_put_oid(&inner, hw) != 0)
        goto out;
    der_put_tlv(&value, 0x30, inner.p, inner.len);
    add_attr(a, "1.2.840.113549.1.9.16.2.36", &value);
    rc = 0;
out:
    der_buf_free(&inner);
    der_buf_free(&name);
    der_buf_free(&value);
    return rc;
}

/* Hex digits of s (whitespace ignored) into out; the octet count, or -1. */
static long
from_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = 0;
    int hi = -1, d;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\n' || *s == '\r' || *s == '\t')
            continue;
        if (*s >= '0' && *s <= '9')
            d = *s - '0';
        else if (*s >= 'a' && *s <= 'f')
            d = *s - 'a' + 10;
        else if (*s >= 'A' && *s <= 'F')
            d = *s - 'A' + 10;
        else
            return -1;
        if (hi < 0) {
            hi = d;
        } else {
            if (n == cap)
                return -1;
            out[n++] = (uint8_t)(hi << 4 | d);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

/* DecryptKeyIdentifier ::= OCTET STRING */
static int
add_decrypt_key_id(attrs *a, const char *id_hex)
{
    uint8_t id[64];
    long n = from_hex(id_hex, id, sizeof id);
    der_buf value = {0};

    if (n <= 0)
        return -1;
    der_put_tlv(&value, 0x04, id, (size_t)n);
    add_attr(a, "1.2.840.113549.1.9.16.2.37", &value);
    der_buf_free(&value);
    return 0;
}

/* content-type (ContentType ::= OBJECT IDENTIFIER) and message-digest
 * (OCTET STRING), the two attributes wolfSSL adds unless told not to. */
static int
add_own_defaults(attrs *a, const char *type, int hash_oid, const uint8_t *content, size_t len)
{
    enum wc_HashType h = wc_OidGetHash(hash_oid);
    uint8_t digest[WC_MAX_DIGEST_SIZE];
    int n = wc_HashGetDigestSize(h);
    der_buf value = {0};

    if (n <= 0 || (size_t)n > sizeof digest || wc_Hash(h, content, (word32)len, digest, (word32)n) != 0)
        return -1;
    der_put_oid(&value, type);
    add_attr(a, "1.2.840.113549.1.9.3", &value);
    der_buf_free(&value);
    der_put_tlv(&value, 0x04, digest, (size_t)n);
    add_attr(a, "1.2.840.113549.1.9.4", &value);
    der_buf_free(&value);
    return 0;
}

static int
finish_attrs(attrs *a)
{
    word32 i;

    for (i = 0; i < a->n; i++) {
        if (a->oid[i].err || a->value[i].err)
            return -1;
        a->list[i].oid = a->oid[i].p;
        a->list[i].oidSz = (word32)a->oid[i].len;
        a->list[i].value = a->value[i].p;
        a->list[i].valueSz = (word32)a->value[i].len;
    }
    return 0;
}

static void
free_attrs(attrs *a)
{
    word32 i;

    for (i = 0; i < a->n; i++) {
        der_buf_free(&a->oid[i]);
        der_buf_free(&a->value[i]);
    }
    a->n = 0;
}

/* A new PKCS7 for the signer's certificate; NULL with *rc on failure. */
static PKCS7 *
new_signer(job *j, int *rc)
{
    PKCS7 *p7 = wc_PKCS7_New(NULL, INVALID_DEVID);

    *rc = MEMORY_E;
    j->fn = "wc_PKCS7_New";
    if (p7 == NULL)
        return NULL;
    j->fn = "wc_PKCS7_InitWithCert";
    *rc = wc_PKCS7_InitWithCert(p7, j->cert, (word32)j->cert_len);
    if (*rc == 0 && j->own) {
        j->fn = "wc_PKCS7_NoDefaultSignedAttribs";
        *rc = wc_PKCS7_NoDefaultSignedAttribs(p7);
    }
    if (*rc != 0) {
        wc_PKCS7_Free(p7);
        return NULL;
    }
    return p7;
}

/* One call of the one-shot FPD encoders with the attributes in j->a. */
static int
encode_fpd(job *j)
{
    PKCS7Attrib *list = j->a.n ? j->a.list : NULL;
    int rc;
    PKCS7 *p7 = new_signer(j, &rc);

    if (p7 == NULL)
        return rc;
    if (!j->encrypt) {
        j->fn = "wc_PKCS7_EncodeSignedFPD";
        rc = wc_PKCS7_EncodeSignedFPD(p7, j->key, (word32)j->key_len, j->al->sign_oid,
                                      j->al->hash_oid, j->img, (word32)j->img_len, list, j->a.n,
                                      j->out, (word32)j->out_len);
    } else {
        j->fn = "wc_PKCS7_EncodeSignedEncryptedFPD";
        rc = wc_PKCS7_EncodeSignedEncryptedFPD(
            p7, j->cek, sizeof j->cek, j->key, (word32)j->key_len, AES256CBCb, j->al->sign_oid,
            j->al->hash_oid, j->img, (word32)j->img_len, NULL, 0, list, j->a.n, j->out,
            (word32)j->out_len);
    }
    wc_PKCS7_Free(p7);
    return rc;
}

/* The eContent of a SignedData package:
 *   ContentInfo { [0] SignedData { version, digestAlgorithms,
 *     encapContentInfo SEQUENCE { eContentType, [0] OCTET STRING } ... } } */
static int
econtent(const uint8_t *p, size_t len, der_tlv *os)
{
    der_tlv ci, x, sd, eci, wrap;

    if (der_whole(p, len, &ci) != 0 || der_child(&ci, 0xa0, 0, &x) != 0 ||
        der_child(&x, 0x30, 0, &sd) != 0 || der_child(&sd, 0x30, 0, &eci) != 0 ||
        der_child(&eci, 0xa0, 0, &wrap) != 0 || der_child(&wrap, 0x04, 0, os) != 0)
        return -1;
    return 0;
}

/* Signs enc (an EncryptedData) again with wc_PKCS7_EncodeSignedData,
 * the signed attributes in j->a; j->out receives the package. */
static int
resign_encrypted(job *j, const uint8_t *enc, size_t enc_len)
{
    WC_RNG rng;
    int rc;
    PKCS7 *p7 = new_signer(j, &rc);

    if (p7 == NULL)
        return rc;
    j->fn = "wc_InitRng";
    rc = wc_InitRng(&rng);
    if (rc == 0) {
        /* what wc_PKCS7_EncodeSignedEncryptedFPD sets before it signs */
        p7->rng = &rng;
        p7->content = (byte *)enc;
        p7->contentSz = (word32)enc_len;
        p7->contentOID = ENCRYPTED_DATA;
        p7->privateKey = j->key;
        p7->privateKeySz = (word32)j->key_len;
        p7->encryptOID = j->al->sign_oid;
        p7->hashOID = j->al->hash_oid;
        p7->signedAttribs = j->a.list;
        p7->signedAttribsSz = j->a.n;
        p7->version = 3;
        j->fn = "wc_PKCS7_EncodeSignedData";
        rc = wc_PKCS7_EncodeSignedData(p7, j->out, (word32)j->out_len);
        p7->rng = NULL;
        wc_FreeRng(&rng);
    }
    wc_PKCS7_Free(p7);
    return rc;
}

/* The RFC 4108 (and decrypt-key-identifier) attributes asked for. */
static int
add_asked(job *j)
{
    if (j->encrypt && add_decrypt_key_id(&j->a, j->cek_id) != 0)
        return -1;
    if (j->pkg_id != NULL && add_rfc4108(&j->a, j->pkg_id, j->hw) != 0)
        return -1;
    return 0;
}

/* Makes the package in j->out; its length or wolfCrypt's error. */
static int
make(job *j)
{
    der_tlv os;
    uint8_t *enc;
    size_t enc_len;
    int rc;

    if (!j->own || !j->encrypt) {
        if (j->own && add_own_defaults(&j->a, "1.2.840.113549.1.9.16.1.16", j->al->hash_oid,
                                       j->img, j->img_len) != 0)
            return BAD_FUNC_ARG;
        if (add_asked(j) != 0 || finish_attrs(&j->a) != 0)
            return BAD_FUNC_ARG;
        return encode_fpd(j);
    }
    /* pass 1: wolfSSL's EncryptedData, whatever the attributes */
    rc = encode_fpd(j);
    if (rc <= 0)
        return rc;
    if (econtent(j->out, (size_t)rc, &os) != 0)
        return ASN_PARSE_E;
    enc_len = os.len;
    enc = malloc(enc_len);
    if (enc == NULL)
        return MEMORY_E;
    memcpy(enc, os.value, enc_len);
    /* pass 2: signed with the attributes of a package */
    rc = BAD_FUNC_ARG;
    if (add_own_defaults(&j->a, "1.2.840.113549.1.7.6", j->al->hash_oid, enc, enc_len) == 0 &&
        add_asked(j) == 0 && finish_attrs(&j->a) == 0)
        rc = resign_encrypted(j, enc, enc_len);
    free(enc);
    return rc;
}

/* The SignerInfo's signatureAlgorithm OID, dotted:
 *   SignedData { ..., signerInfos SET { SignerInfo { version, sid,
 *     digestAlgorithm, [0] signedAttrs, signatureAlgorithm, ... } } } */
static int
sig_alg_of(const uint8_t *p, size_t len, char *out, size_t out_len)
{
    der_tlv ci, x, sd, sis, si, signed_attrs, sig_alg, oid;
    const uint8_t *pos;

    if (der_whole(p, len, &ci) != 0 || der_child(&ci, 0xa0, 0, &x) != 0 ||
        der_child(&x, 0x30, 0, &sd) != 0 || der_child(&sd, 0x31, 1, &sis) != 0 ||
        der_child(&sis, 0x30, 0, &si) != 0 || der_child(&si, 0xa0, 0, &signed_attrs) != 0)
        return -1;
    pos = signed_attrs.start + signed_attrs.tlv_len;
    if (der_next(&pos, si.value + si.len, &sig_alg) != 0 ||
        der_child(&sig_alg, 0x06, 0, &oid) != 0)
        return -1;
    return der_oid_text(&oid, out, out_len);
}

static int
write_file(const char *path, const uint8_t *p, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL || fwrite(p, 1, len, f) != len) {
        perror(path);
        if (f != NULL)
            fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

static int
parse_args(int argc, char **argv, job *j)
{
    int i;
    size_t k;

    for (k = 0; k < sizeof algs / sizeof algs[0]; k++)
        if (argc > 1 && strcmp(argv[1], algs[k].name) == 0)
            j->al = &algs[k];
    if (argc < 6 || j->al == NULL)
        return -1;
    for (i = 6; i < argc; i++) {
        if (strcmp(argv[i], "--own") == 0) {
            j->own = 1;
        } else if (strcmp(argv[i], "--attrs") == 0 && i + 2 < argc) {
            j->pkg_id = argv[++i];
            j->hw = argv[++i];
        } else if (strcmp(argv[i], "--cek") == 0 && i + 2 < argc) {
            j->cek_id = argv[++i];
            j->cek_path = argv[++i];
            j->encrypt = 1;
        } else {
            return -1;
        }
    }
    return 0;
}

/* Reads IMAGE, CERT, KEY and the CEK; 0, 1 (wolfCrypt refused a PEM) or 2. */
static int
load(job *j, char **argv)
{
    char err[200];
    size_t n = 0;
    uint8_t *hex;
    long cek_len;

    j->img = read_whole(argv[2], MAX_IMAGE, &j->img_len);
    if (j->img == NULL)
        return 2;
    j->cert = read_pem(argv[3], 0, &j->cert_len, err, sizeof err);
    j->key = j->cert ? read_pem(argv[4], 1, &j->key_len, err, sizeof err) : NULL;
    if (j->cert == NULL || j->key == NULL) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (j->encrypt) {
        hex = read_whole(j->cek_path, 4096, &n);
        cek_len = hex ? from_hex((const char *)hex, j->cek, sizeof j->cek) : -1;
        free(hex);
        if (cek_len != (long)sizeof j->cek) {
            fprintf(stderr, "wolfssl_make: --cek wants a 32-octet key in hex\n");
            return 2;
        }
    }
    j->out_len = j->img_len + OVERHEAD;
    j->out = malloc(j->out_len);
    if (j->out == NULL) {
        fprintf(stderr, "wolfssl_make: out of memory\n");
        return 2;
    }
    return 0;
}

int
main(int argc, char **argv)
{
    job j;
    char sig_alg[128];
    int ret, rc;

    memset(&j, 0, sizeof j);
    if (parse_args(argc, argv, &j) != 0) {
        fprintf(stderr, "usage: wolfssl_make ALG IMAGE CERT KEY OUT [--attrs PKGOID:VERSION "
                        "HWOID] [--cek IDHEX CEKFILE] [--own]\n");
        return 2;
    }
    ret = load(&j, argv);
    if (ret != 0)
        goto out;
    rc = make(&j);
    if (rc <= 0) {
        fprintf(stderr, "%s: wolfSSL error %d: %s\n", j.fn, rc, wc_GetErrorString(rc));
        ret = 1;
        goto out;
    }
    if (write_file(argv[5], j.out, (size_t)rc) != 0) {
        ret = 2;
        goto out;
    }
    if (j.al->sig_alg_oid != NULL &&
        (sig_alg_of(j.out, (size_t)rc, sig_alg, sizeof sig_alg) != 0 ||
         strcmp(sig_alg, j.al->sig_alg_oid) != 0)) {
        fprintf(stderr, "%s with %s wrote signatureAlgorithm %s, not %s\n", j.fn, j.al->name,
                sig_alg, j.al->sig_alg_oid);
        ret = 3;
    }
out:
    free_attrs(&j.a);
    free(j.img);
    free(j.cert);
    free(j.key);
    free(j.out);
    return ret;
}
