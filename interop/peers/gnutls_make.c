/*
 * interop/peers/gnutls_make.c: GnuTLS makes packages for cmsfw, with the
 * RFC 4108 signed attributes certtool cannot add.
 *
 * usage: gnutls_make ALG IMAGE CERT KEY OUT [--attrs PKGOID:VERSION HWOID]
 *                    [--spki] [--version3]
 *        gnutls_make --encode PKGOID:VERSION HWOID
 *   ALG: ecdsa-p256 (SHA-256), ecdsa-p384 (SHA-384), rsa-pkcs1 (SHA-256),
 *        rsa-pss (SHA-256, salt 32) or ed25519 (SHA-512); CERT, KEY in PEM.
 *
 * gnutls_pkcs7_sign embeds IMAGE (its eContentType is always id-data: the
 * API has no other), includes the certificate and the signing time, and,
 * with --attrs, the firmware-package-identifier and target-hardware-IDs
 * attributes, encoded here and added with gnutls_pkcs7_add_attr. With
 * --spki the sid is the subjectKeyIdentifier (GNUTLS_PKCS7_WRITE_SPKI),
 * which RFC 5652 pairs with SignedData version 3. For rsa-pss the key is
 * given RSA-PSS parameters (gnutls_privkey_set_spki).
 *
 * gnutls_pkcs7_sign always writes SignedData version 1, which a device
 * refuses before it looks at the eContentType. --version3 sets that
 * version to 3 after signing (no signature covers it), so that the
 * eContentType check is reached with GnuTLS's own signature.
 *
 * --encode prints the DER of the two attribute values, in hex, one line
 * each: what the packages carry and what gnutls_check expects.
 *
 * Exit 0 when OUT was written; 1 with "FUNCTION: GnuTLS's message" on
 * stderr when GnuTLS refused; 2 for usage or I/O errors; 3 when OUT was
 * written with a signature algorithm other than the one asked for
 * (stderr says which).
 */
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct alg {
    const char *name;
    gnutls_digest_algorithm_t dig;
    int pss;
} alg;

static const alg algs[] = {
    {"ecdsa-p256", GNUTLS_DIG_SHA256, 0}, {"ecdsa-p384", GNUTLS_DIG_SHA384, 0},
    {"rsa-pkcs1", GNUTLS_DIG_SHA256, 0},  {"rsa-pss", GNUTLS_DIG_SHA256, 1},
    {"ed25519", GNUTLS_DIG_SHA512, 0},
};

/* A small DER writer: enough for OIDs, INTEGERs and SEQUENCEs. */
typedef struct der {
    uint8_t p[512];
    size_t len;
    int err;
} der;

static void
put(der *d, const void *p, size_t len)
{
    if (d->err || len > sizeof d->p - d->len) {
        d->err = 1;
        return;
    }
    memcpy(d->p + d->len, p, len);
    d->len += len;
}

/* tag, definite length (values here stay below 64 KiB), value */
static void
put_tlv(der *d, unsigned tag, const uint8_t *v, size_t len)
{
    uint8_t h[4] = {(uint8_t)tag};
    size_t n = 2;

    if (len < 0x80) {
        h[1] = (uint8_t)len;
    } else if (len < 0x100) {
        h[1] = 0x81;
        h[2] = (uint8_t)len;
        n = 3;
    } else {
        h[1] = 0x82;
        h[2] = (uint8_t)(len >> 8);
        h[3] = (uint8_t)len;
        n = 4;
    }
    put(d, h, n);
    put(d, v, len);
}

static void
put_arc(der *d, unsigned long v)
{
    uint8_t g[10];
    size_t n = 0;

    do {
        g[sizeof g - 1 - n] = (uint8_t)((v & 0x7fu) | (n ? 0x80u : 0));
        v >>= 7;
        n++;
    } while (v > 0);
    put(d, g + sizeof g - n, n);
}

/* OBJECT IDENTIFIER from its dotted form; -1 if it is not one. */
static int
put_oid(der *d, const char *dotted)
{
    unsigned long first = 0, v;
    const char *s = dotted;
    char *e;
    der body = {{0}, 0, 0};
    int arc = 0;

    for (;;) {
        if (*s < '0' || *s > '9')
            return -1;
        v = strtoul(s, &e, 10);
        if (arc == 0)
            first = v;
        else if (arc == 1)
            put_arc(&body, first * 40 + v);
        else
            put_arc(&body, v);
        arc++;
        if (*e == '\0')
            break;
        if (*e != '.')
            return -1;
        s = e + 1;
    }
    if (arc < 2 || first > 2 || body.err)
        return -1;
    put_tlv(d, 0x06, body.p, body.len);
    return 0;
}

static void
put_uint(der *d, unsigned long v)
{
    uint8_t g[sizeof v + 1];
    size_t n = 0;

    do {
        g[sizeof g - 1 - n] = (uint8_t)v;
        v >>= 8;
        n++;
    } while (v > 0);
    if (g[sizeof g - n] & 0x80u)
        g[sizeof g - 1 - n++] = 0;
    put_tlv(d, 0x02, g + sizeof g - n, n);
}

/* FirmwarePackageIdentifier ::= SEQUENCE { name CHOICE { preferred
 *     SEQUENCE { fwPkgID OBJECT IDENTIFIER, verNum INTEGER } } }
 * TargetHardwareIdentifiers ::= SEQUENCE OF OBJECT IDENTIFIER */
static int
encode_attrs(const char *pkg_id, const char *hw, der *fw_id, der *target)
{
    const char *colon = strrchr(pkg_id, ':');
    char oid[256];
    der inner = {{0}, 0, 0}, name = {{0}, 0, 0}, hw_oid = {{0}, 0, 0};

    if (colon == NULL || (size_t)(colon - pkg_id) >= sizeof oid)
        return -1;
    memcpy(oid, pkg_id, (size_t)(colon - pkg_id));
    oid[colon - pkg_id] = '\0';
    if (put_oid(&inner, oid) != 0 || put_oid(&hw_oid, hw) != 0)
        return -1;
    put_uint(&inner, strtoul(colon + 1, NULL, 10));
    put_tlv(&name, 0x30, inner.p, inner.len);
    put_tlv(fw_id, 0x30, name.p, name.len);
    put_tlv(target, 0x30, hw_oid.p, hw_oid.len);
    return inner.err || name.err || fw_id->err || target->err ? -1 : 0;
}

static void
print_hex(const der *d)
{
    size_t i;

    for (i = 0; i < d->len; i++)
        printf("%02x", d->p[i]);
    printf("\n");
}

static int
write_file(const char *path, const gnutls_datum_t *d)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL || fwrite(d->data, 1, d->size, f) != d->size) {
        perror(path);
        if (f != NULL)
            fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

/* Signer certificate and key from PEM; RSA-PSS parameters on the key when
 * asked. Returns 0, or GnuTLS's error with the function in *fn. */
static int
load_signer(const alg *al, const char *cert_path, const char *key_path, gnutls_x509_crt_t *crt,
            gnutls_privkey_t *key, const char **fn)
{
    gnutls_datum_t c = {NULL, 0}, k = {NULL, 0};
    gnutls_x509_spki_t spki = NULL;
    int rc;

    *fn = "gnutls_load_file";
    rc = gnutls_load_file(cert_path, &c);
    if (rc >= 0)
        rc = gnutls_load_file(key_path, &k);
    if (rc >= 0) {
        *fn = "gnutls_x509_crt_import";
        rc = gnutls_x509_crt_init(crt);
        if (rc >= 0)
            rc = gnutls_x509_crt_import(*crt, &c, GNUTLS_X509_FMT_PEM);
    }
    if (rc >= 0) {
        *fn = "gnutls_privkey_import_x509_raw";
        rc = gnutls_privkey_init(key);
        if (rc >= 0)
            rc = gnutls_privkey_import_x509_raw(*key, &k, GNUTLS_X509_FMT_PEM, NULL, 0);
    }
    if (rc >= 0 && al->pss) {
        *fn = "gnutls_privkey_set_spki";
        rc = gnutls_x509_spki_init(&spki);
        if (rc >= 0) {
            gnutls_x509_spki_set_rsa_pss_params(spki, al->dig, 32);
            rc = gnutls_privkey_set_spki(*key, spki, 0);
            gnutls_x509_spki_deinit(spki);
        }
    }
    gnutls_free(c.data);
    gnutls_free(k.data);
    return rc;
}

/* The signature algorithm the package's SignerInfo names. */
static gnutls_sign_algorithm_t
written_sign_alg(const gnutls_datum_t *pkg)
{
    gnutls_pkcs7_t p7;
    gnutls_pkcs7_signature_info_st info;
    gnutls_sign_algorithm_t a = GNUTLS_SIGN_UNKNOWN;

    if (gnutls_pkcs7_init(&p7) < 0)
        return a;
    if (gnutls_pkcs7_import(p7, pkg, GNUTLS_X509_FMT_DER) >= 0 &&
        gnutls_pkcs7_get_signature_info(p7, 0, &info) >= 0) {
        a = info.algo;
        gnutls_pkcs7_signature_info_deinit(&info);
    }
    gnutls_pkcs7_deinit(p7);
    return a;
}

/* The RFC 4108 attributes, when encoded, into *attrs. */
static int
add_attrs(gnutls_pkcs7_attrs_t *attrs, const der *fw_id, const der *target)
{
    gnutls_datum_t v;
    int rc;

    if (fw_id->len == 0)
        return 0;
    v.data = (unsigned char *)fw_id->p;
    v.size = (unsigned)fw_id->len;
    rc = gnutls_pkcs7_add_attr(attrs, "1.2.840.113549.1.9.16.2.35", &v, 0);
    if (rc < 0)
        return rc;
    v.data = (unsigned char *)target->p;
    v.size = (unsigned)target->len;
    return gnutls_pkcs7_add_attr(attrs, "1.2.840.113549.1.9.16.2.36", &v, 0);
}

/* Signs with the attributes; 0 or GnuTLS's error, *fn the function. */
static int
sign(const alg *al, gnutls_x509_crt_t crt, gnutls_privkey_t key, const gnutls_datum_t *img,
     const der *fw_id, const der *target, unsigned flags, gnutls_datum_t *out, const char **fn)
{
    gnutls_pkcs7_t p7 = NULL;
    gnutls_pkcs7_attrs_t attrs = NULL;
    int rc;

    *fn = "gnutls_pkcs7_add_attr";
    rc = add_attrs(&attrs, fw_id, target);
    if (rc >= 0) {
        *fn = "gnutls_pkcs7_sign";
        rc = gnutls_pkcs7_init(&p7);
        if (rc >= 0)
            rc = gnutls_pkcs7_sign(p7, crt, key, img, attrs, NULL, al->dig, flags);
    }
    if (rc >= 0) {
        *fn = "gnutls_pkcs7_export2";
        rc = gnutls_pkcs7_export2(p7, GNUTLS_X509_FMT_DER, out);
    }
    if (p7 != NULL)
        gnutls_pkcs7_deinit(p7);
    gnutls_pkcs7_attrs_deinit(attrs);
    return rc;
}

/* Reads a tag and definite length at *p (before end); the value's length,
 * *p moved to the value, or -1. */
static long
header(const unsigned char **p, const unsigned char *end, unsigned tag)
{
    const unsigned char *q = *p;
    size_t len = 0, n, i;

    if (end - q < 2 || q[0] != tag)
        return -1;
    if (q[1] < 0x80) {
        len = q[1];
        q += 2;
    } else {
        n = q[1] & 0x7fu;
        if (n == 0 || n > 3 || (size_t)(end - q) < 2 + n)
            return -1;
        for (i = 0; i < n; i++)
            len = (len << 8) | q[2 + i];
        q += 2 + n;
    }
    if ((size_t)(end - q) < len)
        return -1;
    *p = q;
    return (long)len;
}

/* ContentInfo { contentType, [0] SignedData { version INTEGER, ... } }:
 * version 1 becomes 3. Returns 0, or -1 when the layout is not that. */
static int
set_version3(gnutls_datum_t *pkg)
{
    const unsigned char *p = pkg->data, *end = pkg->data + pkg->size;
    long oid;

    if (header(&p, end, 0x30) < 0 || (oid = header(&p, end, 0x06)) < 0)
        return -1;
    p += oid;
    if (header(&p, end, 0xa0) < 0 || header(&p, end, 0x30) < 0 || end - p < 3 || p[0] != 0x02 ||
        p[1] != 0x01 || p[2] != 0x01)
        return -1;
    pkg->data[p + 2 - pkg->data] = 3;
    return 0;
}

int
main(int argc, char **argv)
{
    const alg *al = NULL;
    der fw_id = {{0}, 0, 0}, target = {{0}, 0, 0};
    gnutls_x509_crt_t crt = NULL;
    gnutls_privkey_t key = NULL;
    gnutls_datum_t img = {NULL, 0}, out = {NULL, 0};
    unsigned flags = GNUTLS_PKCS7_EMBED_DATA | GNUTLS_PKCS7_INCLUDE_CERT | GNUTLS_PKCS7_INCLUDE_TIME;
    gnutls_sign_algorithm_t want, got;
    const char *fn = "";
    size_t k;
    int i, rc, ret = 2, version3 = 0;

    if (argc == 4 && strcmp(argv[1], "--encode") == 0) {
        if (encode_attrs(argv[2], argv[3], &fw_id, &target) != 0)
            return 2;
        print_hex(&fw_id);
        print_hex(&target);
        return 0;
    }
    for (k = 0; argc > 1 && k < sizeof algs / sizeof algs[0]; k++)
        if (strcmp(argv[1], algs[k].name) == 0)
            al = &algs[k];
    for (i = 6; al != NULL && i < argc; i++) {
        if (strcmp(argv[i], "--spki") == 0)
            flags |= GNUTLS_PKCS7_WRITE_SPKI;
        else if (strcmp(argv[i], "--version3") == 0)
            version3 = 1;
        else if (strcmp(argv[i], "--attrs") == 0 && i + 2 < argc &&
                 encode_attrs(argv[i + 1], argv[i + 2], &fw_id, &target) == 0)
            i += 2;
        else
            al = NULL;
    }
    if (argc < 6 || al == NULL) {
        fprintf(stderr, "usage: gnutls_make ALG IMAGE CERT KEY OUT [--attrs PKGOID:VERSION HWOID] "
                        "[--spki] [--version3] | --encode PKGOID:VERSION HWOID\n");
        return 2;
    }
    if (gnutls_load_file(argv[2], &img) < 0) {
        fprintf(stderr, "%s: cannot read\n", argv[2]);
        return 2;
    }
    ret = 1;
    rc = load_signer(al, argv[3], argv[4], &crt, &key, &fn);
    if (rc >= 0)
        rc = sign(al, crt, key, &img, &fw_id, &target, flags, &out, &fn);
    if (rc < 0) {
        fprintf(stderr, "%s: %s\n", fn, gnutls_strerror(rc));
        goto out;
    }
    if (version3 && set_version3(&out) != 0) {
        fprintf(stderr, "gnutls_make: no SignedData version 1 to set to 3\n");
        goto out;
    }
    ret = write_file(argv[5], &out) == 0 ? 0 : 2;
    want = al->pss ? GNUTLS_SIGN_RSA_PSS_RSAE_SHA256 : GNUTLS_SIGN_UNKNOWN;
    got = written_sign_alg(&out);
    if (ret == 0 && want != GNUTLS_SIGN_UNKNOWN && got != want && got != GNUTLS_SIGN_RSA_PSS_SHA256) {
        fprintf(stderr, "gnutls_pkcs7_sign with rsa-pss wrote %s, not RSA-PSS\n",
                gnutls_sign_get_name(got));
        ret = 3;
    }
out:
    if (crt != NULL)
        gnutls_x509_crt_deinit(crt);
    if (key != NULL)
        gnutls_privkey_deinit(key);
    gnutls_free(img.data);
    gnutls_free(out.data);
    return ret;
}
