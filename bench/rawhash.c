/*
 * bench/rawhash.c: SHA-256 of a file through cmsfw's backend interface.
 *
 * usage: rawhash FILE        print the digest in hex, then the file name
 *        rawhash --version   print the backend name and library version
 *        rawhash --has ALG   exit 0 when the backend has ALG
 *                            (ecdsa-p256, rsa-pss or ed25519), 1 when not
 *
 * This is the floor a verify or protect of the same backend can reach: the
 * same hash code, fed by plain read() calls of 1 MiB, with nothing else.
 * It links the build's libcmsfw_core.a, so it hashes with exactly the code
 * `cmsfw verify` uses.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backends/backend.h"

#define READ_SIZE ((size_t)1 << 20)

static int
has_alg(const char *name)
{
    if (strcmp(name, "ecdsa-p256") == 0)
        return cmsfw_bk_has(CMSFW_BK_CAP_ECDSA_P256);
    if (strcmp(name, "rsa-pss") == 0)
        return cmsfw_bk_has(CMSFW_BK_CAP_RSA_PSS);
    if (strcmp(name, "ed25519") == 0)
        return cmsfw_bk_has(CMSFW_BK_CAP_ED25519);
    return 0;
}

/* Hash the open file @p fd into @p digest; 0 on success. */
static int
hash_fd(int fd, uint8_t *buf, uint8_t *digest, size_t *digest_len)
{
    cmsfw_bk_hash_ctx ctx;
    ssize_t n;

    if (cmsfw_bk_hash_init(&ctx, CMSFW_BK_SHA256) != CMSFW_BK_OK)
        return -1;
    for (;;) {
        n = read(fd, buf, READ_SIZE);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            cmsfw_bk_hash_abort(&ctx);
            return -1;
        }
        if (cmsfw_bk_hash_update(&ctx, buf, (size_t)n) != CMSFW_BK_OK)
            return -1;
    }
    if (cmsfw_bk_hash_final(&ctx, digest, CMSFW_BK_HASH_MAX, digest_len) != CMSFW_BK_OK)
        return -1;
    return 0;
}

int
main(int argc, char **argv)
{
    uint8_t digest[CMSFW_BK_HASH_MAX];
    size_t digest_len = 0, i;
    uint8_t *buf;
    int fd, rc;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("%s %s\n", cmsfw_bk_name(), cmsfw_bk_version());
        return 0;
    }
    if (argc == 3 && strcmp(argv[1], "--has") == 0)
        return has_alg(argv[2]) ? 0 : 1;
    if (argc != 2) {
        fprintf(stderr, "usage: rawhash FILE | --version | --has ALG\n");
        return 2;
    }

    buf = malloc(READ_SIZE);
    if (buf == NULL) {
        fprintf(stderr, "rawhash: out of memory\n");
        return 2;
    }
    fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        fprintf(stderr, "rawhash: %s: %s\n", argv[1], strerror(errno));
        free(buf);
        return 2;
    }
    rc = hash_fd(fd, buf, digest, &digest_len);
    close(fd);
    free(buf);
    if (rc != 0) {
        fprintf(stderr, "rawhash: %s: hashing failed\n", argv[1]);
        return 1;
    }
    for (i = 0; i < digest_len; i++)
        printf("%02x", digest[i]);
    printf("  %s\n", argv[1]);
    return 0;
}
