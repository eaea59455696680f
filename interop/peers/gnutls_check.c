/*
 * interop/peers/gnutls_check.c: GnuTLS reads cmsfw's packages.
 *
 * usage: gnutls_check LIST IMAGE FWPKGIDHEX TARGETHEX
 *
 * LIST has one package a line: producer, algorithm, layers, package file,
 * signer certificate (PEM), tab-separated. For each, this prints one line
 * "producer alg layers outcome message" (tab-separated; outcome pass or
 * fail, GnuTLS's own message on failure):
 *
 * - gnutls_pkcs7_import (DER) and gnutls_pkcs7_verify with a trust list
 *   holding the signer's certificate (a self-signed CA): GnuTLS verifies
 *   the signature over the embedded content and the path to the anchor,
 *   whatever the eContentType;
 * - gnutls_pkcs7_get_signature_info must list the signed attributes,
 *   firmware-package-identifier and target-hardware-IDs among them with
 *   the DER values FWPKGIDHEX and TARGETHEX (what cmsfw was asked to
 *   write), and the content-type the layer calls for, which must also be
 *   gnutls_pkcs7_get_embedded_data_oid;
 * - for a plain package, gnutls_pkcs7_get_embedded_data must be IMAGE.
 *   GnuTLS has no EncryptedData, AuthEnvelopedData or CompressedData: the
 *   eContent of the other layers is not opened (the message says so).
 */
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_LEN 400

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

/* Hex into a new datum; -1 if s is not hex. */
static int
from_hex(const char *s, gnutls_datum_t *d)
{
    size_t n = strlen(s) / 2, i;
    unsigned v;

    if (strlen(s) % 2 != 0 || (d->data = malloc(n + 1)) == NULL)
        return -1;
    for (i = 0; i < n; i++) {
        if (sscanf(s + 2 * i, "%2x", &v) != 1) {
            free(d->data);
            return -1;
        }
        d->data[i] = (unsigned char)v;
    }
    d->size = (unsigned)n;
    return 0;
}

static int
same(const gnutls_datum_t *a, const gnutls_datum_t *b)
{
    return a->size == b->size && memcmp(a->data, b->data, a->size) == 0;
}

/* What every package is checked against. */
typedef struct expect {
    gnutls_datum_t image, fw_pkg_id, target_hw;
} expect;

/* The signed attributes GnuTLS decoded: content-type (the OID in
 * content_type_der, as DER), firmware-package-identifier and
 * target-hardware-IDs must be there with the values written. */
static void
check_attrs(check *c, gnutls_pkcs7_t p7, const expect *e, const gnutls_datum_t *content_type)
{
    gnutls_pkcs7_signature_info_st info;
    gnutls_datum_t v;
    char *oid;
    unsigned i, seen = 0;
    int rc;

    rc = gnutls_pkcs7_get_signature_info(p7, 0, &info);
    if (rc < 0) {
        fail(c, "gnutls_pkcs7_get_signature_info: %s", gnutls_strerror(rc));
        return;
    }
    for (i = 0; gnutls_pkcs7_get_attr(info.signed_attrs, i, &oid, &v, 0) >= 0; i++) {
        if (strcmp(oid, "1.2.840.113549.1.9.16.2.35") == 0)
            seen |= same(&v, &e->fw_pkg_id) ? 1u : 0x10u;
        else if (strcmp(oid, "1.2.840.113549.1.9.16.2.36") == 0)
            seen |= same(&v, &e->target_hw) ? 2u : 0x20u;
        else if (strcmp(oid, "1.2.840.113549.1.9.3") == 0)
            seen |= same(&v, content_type) ? 4u : 0x40u;
        gnutls_free(v.data); /* oid belongs to the list */
    }
    gnutls_pkcs7_signature_info_deinit(&info);
    if ((seen & 1u) == 0)
        fail(c, "GnuTLS lists %s firmware-package-identifier attribute",
             seen & 0x10u ? "another" : "no");
    if ((seen & 2u) == 0)
        fail(c, "GnuTLS lists %s target-hardware-IDs attribute", seen & 0x20u ? "another" : "no");
    if ((seen & 4u) == 0)
        fail(c, "GnuTLS lists %s content-type attribute", seen & 0x40u ? "another" : "no");
}

/* The content type a layer name calls for, dotted and as DER. */
static const char *
layer_type(const char *layers, gnutls_datum_t *der)
{
    static unsigned char fw[] = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                 0x01, 0x09, 0x10, 0x01, 0x10};
    static unsigned char comp[] = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                   0x01, 0x09, 0x10, 0x01, 0x09};
    static unsigned char auth[] = {0x06, 0x0b, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                   0x01, 0x09, 0x10, 0x01, 0x17};
    static unsigned char enc[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06};

    if (strstr(layers, "aes256-gcm") != NULL) {
        der->data = auth;
        der->size = sizeof auth;
        return "1.2.840.113549.1.9.16.1.23";
    }
    if (strstr(layers, "aes256-cbc") != NULL) {
        der->data = enc;
        der->size = sizeof enc;
        return "1.2.840.113549.1.7.6";
    }
    if (strstr(layers, "zlib") != NULL) {
        der->data = comp;
        der->size = sizeof comp;
        return "1.2.840.113549.1.9.16.1.9";
    }
    der->data = fw;
    der->size = sizeof fw;
    return "1.2.840.113549.1.9.16.1.16";
}

static void
check_package(check *c, const expect *e, const char *layers, const char *pkg_path,
              const char *cert_path)
{
    gnutls_datum_t pkg = {NULL, 0}, cert = {NULL, 0}, data = {NULL, 0}, type_der;
    gnutls_x509_crt_t crt = NULL;
    gnutls_x509_trust_list_t tl = NULL;
    gnutls_pkcs7_t p7 = NULL;
    const char *type = layer_type(layers, &type_der), *got;
    int rc, plain = strcmp(type, "1.2.840.113549.1.9.16.1.16") == 0;

    if (gnutls_load_file(pkg_path, &pkg) < 0 || gnutls_load_file(cert_path, &cert) < 0) {
        fail(c, "cannot read %s or %s", pkg_path, cert_path);
        goto out;
    }
    /* the anchor: the trust list owns the certificate once added */
    if ((rc = gnutls_x509_crt_init(&crt)) < 0 ||
        (rc = gnutls_x509_crt_import(crt, &cert, GNUTLS_X509_FMT_PEM)) < 0 ||
        (rc = gnutls_x509_trust_list_init(&tl, 0)) < 0 ||
        (rc = gnutls_x509_trust_list_add_cas(tl, &crt, 1, 0)) < 0) {
        fail(c, "the trust anchor: %s", gnutls_strerror(rc));
        goto out;
    }
    crt = NULL;
    if ((rc = gnutls_pkcs7_init(&p7)) < 0 ||
        (rc = gnutls_pkcs7_import(p7, &pkg, GNUTLS_X509_FMT_DER)) < 0) {
        fail(c, "gnutls_pkcs7_import: %s", gnutls_strerror(rc));
        goto out;
    }
    rc = gnutls_pkcs7_verify(p7, tl, NULL, 0, 0, NULL, 0);
    if (rc < 0) {
        fail(c, "gnutls_pkcs7_verify: %s", gnutls_strerror(rc));
        goto out;
    }
    got = gnutls_pkcs7_get_embedded_data_oid(p7);
    if (got == NULL || strcmp(got, type) != 0)
        fail(c, "GnuTLS reads eContentType %s, not %s", got ? got : "(none)", type);
    check_attrs(c, p7, e, &type_der);
    if (c->ok && plain) {
        rc = gnutls_pkcs7_get_embedded_data(p7, 0, &data);
        if (rc < 0)
            fail(c, "gnutls_pkcs7_get_embedded_data: %s", gnutls_strerror(rc));
        else if (!same(&data, &e->image))
            fail(c, "the content GnuTLS returns is not the image");
    }
    if (c->ok)
        snprintf(c->msg, sizeof c->msg, "signature and path verified, RFC 4108 attributes read, %s",
                 plain ? "image matches" : "layer not opened (GnuTLS has no such content type)");
out:
    gnutls_free(data.data);
    if (p7 != NULL)
        gnutls_pkcs7_deinit(p7);
    if (tl != NULL)
        gnutls_x509_trust_list_deinit(tl, 1);
    if (crt != NULL)
        gnutls_x509_crt_deinit(crt);
    gnutls_free(pkg.data);
    gnutls_free(cert.data);
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
    check c;

    if (argc != 5) {
        fprintf(stderr, "usage: gnutls_check LIST IMAGE FWPKGIDHEX TARGETHEX\n");
        return 2;
    }
    memset(&e, 0, sizeof e);
    if (gnutls_load_file(argv[2], &e.image) < 0 || from_hex(argv[3], &e.fw_pkg_id) != 0 ||
        from_hex(argv[4], &e.target_hw) != 0) {
        fprintf(stderr, "gnutls_check: bad IMAGE, FWPKGIDHEX or TARGETHEX\n");
        return 2;
    }
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
    gnutls_free(e.image.data);
    free(e.fw_pkg_id.data);
    free(e.target_hw.data);
    return 0;
}
