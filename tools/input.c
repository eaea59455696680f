/* input.c: whole-file reads for the tool, and PEM unwrapping. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>

#include "tools/input.h"

int
tool_read_file(const char *path, uint8_t **buf, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    uint8_t *data = NULL, *grown;
    size_t cap = 0, n = 0, got;

    if (f == NULL) {
        fprintf(stderr, "cmsfw: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (;;) {
        if (n == cap) {
            cap = cap == 0 ? 65536 : cap * 2;
            if (cap > TOOL_MAX_INPUT + 1 || (grown = realloc(data, cap)) == NULL) {
                fprintf(stderr, "cmsfw: %s: file too large to read whole\n", path);
                goto fail;
            }
            data = grown;
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        fprintf(stderr, "cmsfw: %s: read error\n", path);
        goto fail;
    }
    if (f != stdin)
        fclose(f);
    *buf = data;
    *len = n;
    return 0;
fail:
    free(data);
    if (f != stdin)
        fclose(f);
    return -1;
}

int
tool_unpem(const char *path, uint8_t **buf, size_t *len)
{
    uint8_t *der = NULL;
    size_t der_len = 0;
    cmsfw_diag diag = {""};

    if (!cmsfw_pem_detect(*buf, *len))
        return 0;
    if (cmsfw_pem_decode(*buf, *len, NULL, 0, &der, &der_len, &diag) != CMSFW_OK) {
        fprintf(stderr, "cmsfw: %s: %s\n", path, diag.msg[0] ? diag.msg : "bad PEM");
        return -1;
    }
    free(*buf);
    *buf = der;
    *len = der_len;
    return 0;
}
