/*
 * bench/wolfssl_sign.c: the wolfSSL peer of `cmsfw protect`.
 *
 * usage: wolfssl_sign IMG CERT.der KEY.der ALG OUT.der
 *        ALG: ecdsa (SHA-256), rsa-pss (SHA-256) or ed25519 (SHA-512)
 *
 * Signs an image as a FirmwarePkgData package (id-ct-firmwarePackage) with
 * wolfCrypt's one-shot wc_PKCS7_EncodeSignedFPD, with the default signed
 * attributes only. The image is read whole and the package built in
 * memory, as that API requires. Exit 0 when OUT was written; on a
 * wolfCrypt failure "wolfSSL error N: TEXT" on stderr and exit 1.
 * wolfSSL 5.5.4 writes the outer DER lengths modulo 2^24 for packages of
 * 16 MiB or more, so the outer length is checked against the size
 * written: a mismatch is reported as a wolfSSL error (exit 1) and OUT is
 * not written, instead of timing a package nobody could read.
 */
#include <wolfssl/options.h>
#include <wolfssl/wolfcrypt/asn.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/pkcs7.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slurp.h"

/* wolfSSL's PKCS#7 sizes are word32; leave room for the framing */
#define MAX_INPUT 0xfff00000u
/* certificate, signed attributes, signature and framing */
#define OVERHEAD 65536u

/* Map ALG to wolfCrypt's signature and hash OID sums; 0 if unknown. */
static int
pick_alg(const char *alg, int *sign_oid, int *hash_oid)
{
    if (strcmp(alg, "ecdsa") == 0) {
        *sign_oid = ECDSAk;
        *hash_oid = SHA256h;
    } else if (strcmp(alg, "rsa-pss") == 0) {
        *sign_oid = RSAPSSk;
        *hash_oid = SHA256h;
    } else if (strcmp(alg, "ed25519") == 0) {
        *sign_oid = ED25519k;
        *hash_oid = SHA512h;
    } else {
        return 0;
    }
    return 1;
}

/* 1 when @p der starts with a SEQUENCE whose definite length covers
 * exactly @p len octets. */
static int
outer_length_ok(const uint8_t *der, size_t len)
{
    size_t hdr = 2, body = 0, i, n;

    if (len < 2 || der[0] != 0x30)
        return 0;
    if (der[1] < 0x80) {
        body = der[1];
    } else {
        n = der[1] & 0x7fu;
        if (n == 0 || n > 4 || len < 2 + n)
            return 0;
        for (i = 0; i < n; i++)
            body = (body << 8) | der[2 + i];
        hdr += n;
    }
    return hdr + body == len;
}

static int
write_file(const char *path, const uint8_t *p, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL) {
        perror(path);
        return -1;
    }
    if (fwrite(p, 1, len, f) != len) {
        perror(path);
        fclose(f);
        return -1;
    }
    return fclose(f) == 0 ? 0 : -1;
}

int
main(int argc, char **argv)
{
    uint8_t *img = NULL, *cert = NULL, *key = NULL, *out = NULL;
    size_t img_len = 0, cert_len = 0, key_len = 0, out_len;
    int sign_oid = 0, hash_oid = 0;
    PKCS7 *p7 = NULL;
    int ret = 2;
    int rc;

    if (argc != 6 || !pick_alg(argv[4], &sign_oid, &hash_oid)) {
        fprintf(stderr, "usage: wolfssl_sign IMG CERT.der KEY.der ecdsa|rsa-pss|ed25519 OUT.der\n");
        return 2;
    }
    img = slurp(argv[1], MAX_INPUT, &img_len);
    cert = slurp(argv[2], MAX_INPUT, &cert_len);
    key = slurp(argv[3], MAX_INPUT, &key_len);
    if (img == NULL || cert == NULL || key == NULL)
        goto out;
    out_len = img_len + OVERHEAD;
    out = malloc(out_len);
    p7 = wc_PKCS7_New(NULL, INVALID_DEVID);
    if (out == NULL || p7 == NULL) {
        fprintf(stderr, "wolfssl_sign: out of memory\n");
        goto out;
    }

    ret = 1;
    rc = wc_PKCS7_InitWithCert(p7, cert, (word32)cert_len);
    if (rc == 0)
        rc = wc_PKCS7_EncodeSignedFPD(p7, key, (word32)key_len, sign_oid, hash_oid, img,
                                      (word32)img_len, NULL, 0, out, (word32)out_len);
    if (rc <= 0) {
        fprintf(stderr, "wolfSSL error %d: %s\n", rc, wc_GetErrorString(rc));
        goto out;
    }
    if (!outer_length_ok(out, (size_t)rc)) {
        fprintf(stderr, "wolfSSL error: outer DER length is not the %d octets written\n", rc);
        goto out;
    }
    if (write_file(argv[5], out, (size_t)rc) != 0) {
        ret = 2;
        goto out;
    }
    ret = 0;

out:
    if (p7 != NULL)
        wc_PKCS7_Free(p7);
    free(img);
    free(cert);
    free(key);
    free(out);
    return ret;
}
