/*
 * bench/wolfssl_verify.c: the wolfSSL peer of `cmsfw verify`.
 *
 * usage: wolfssl_verify PKG.der [CERT.der]
 *        wolfssl_verify --version
 *
 * Verifies the SignedData of a DER package with wolfCrypt's PKCS#7 API
 * (wc_PKCS7_InitWithCert + wc_PKCS7_VerifySignedData), the way a wolfSSL
 * user would. wolfSSL needs the whole package in one buffer, so the file
 * is read whole first; that read is part of the measured time, as it is
 * part of the work. Exit 0 when the signature verifies; otherwise prints
 * "wolfSSL error N: TEXT" (N the wolfCrypt return code) on stderr and
 * exits 1. Unlike cmsfw, wolfSSL checks no RFC 4108 attribute and no
 * certificate path: this is a lower bound on what a device must do.
 */
#include <wolfssl/options.h>
#include <wolfssl/version.h>
#include <wolfssl/wolfcrypt/error-crypt.h>
#include <wolfssl/wolfcrypt/pkcs7.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slurp.h"

/* wolfSSL's PKCS#7 sizes are word32 */
#define MAX_INPUT 0xffffffffu

int
main(int argc, char **argv)
{
    uint8_t *pkg = NULL, *cert = NULL;
    size_t pkg_len = 0, cert_len = 0;
    PKCS7 *p7 = NULL;
    int ret = 1;
    int rc;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("wolfSSL %s\n", LIBWOLFSSL_VERSION_STRING);
        return 0;
    }
    if (argc != 2 && argc != 3) {
        fprintf(stderr, "usage: wolfssl_verify PKG.der [CERT.der] | --version\n");
        return 2;
    }
    pkg = slurp(argv[1], MAX_INPUT, &pkg_len);
    if (pkg == NULL)
        return 2;
    if (argc == 3) {
        cert = slurp(argv[2], MAX_INPUT, &cert_len);
        if (cert == NULL)
            goto out;
    }

    p7 = wc_PKCS7_New(NULL, INVALID_DEVID);
    if (p7 == NULL) {
        fprintf(stderr, "wolfSSL error: wc_PKCS7_New failed\n");
        goto out;
    }
    rc = wc_PKCS7_InitWithCert(p7, cert, (word32)cert_len);
    if (rc == 0)
        rc = wc_PKCS7_VerifySignedData(p7, pkg, (word32)pkg_len);
    if (rc != 0) {
        fprintf(stderr, "wolfSSL error %d: %s\n", rc, wc_GetErrorString(rc));
        goto out;
    }
    ret = 0;

out:
    if (p7 != NULL)
        wc_PKCS7_Free(p7);
    free(pkg);
    free(cert);
    return ret;
}
