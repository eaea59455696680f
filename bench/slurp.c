/* bench/slurp.c: see slurp.h */
#include "slurp.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

/* see slurp.h */
uint8_t *
slurp(const char *path, size_t max, size_t *len)
{
    struct stat st;
    uint8_t *buf = NULL;
    size_t got = 0;
    ssize_t n;
    int fd;

    fd = open(path, O_RDONLY);
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        goto fail;
    }
    if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
        fprintf(stderr, "%s: too large\n", path);
        goto fail;
    }
    /* one spare octet so that an empty file still gets a buffer */
    buf = malloc((size_t)st.st_size + 1);
    if (buf == NULL) {
        fprintf(stderr, "%s: out of memory\n", path);
        goto fail;
    }
    while (got < (size_t)st.st_size) {
        n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fprintf(stderr, "%s: short read\n", path);
            goto fail;
        }
        got += (size_t)n;
    }
    close(fd);
    *len = got;
    return buf;

fail:
    if (fd >= 0)
        close(fd);
    free(buf);
    return NULL;
}
