/* test_backend_util.c: see test_backend_util.h */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_backend_util.h"

static int
nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

tb_buf
tb_hex(const char *hex)
{
    tb_buf b = {NULL, 0};
    size_t n = strlen(hex), i;
    int hi, lo;

    if (n % 2 != 0)
        return b;
    b.ptr = malloc(n / 2 + 1);
    if (b.ptr == NULL)
        return b;
    for (i = 0; i < n / 2; i++) {
        hi = nibble(hex[2 * i]);
        lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            free(b.ptr);
            b.ptr = NULL;
            return b;
        }
        b.ptr[i] = (uint8_t)(hi * 16 + lo);
    }
    b.len = n / 2;
    return b;
}

tb_buf
tb_load(const char *rel)
{
    tb_buf b = {NULL, 0};
    const char *top = getenv("top_srcdir");
    char path[1024];
    FILE *f;
    long size;

    snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return b;
    }
    if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        b.ptr = malloc((size_t)size + 1);
        if (b.ptr != NULL && fread(b.ptr, 1, (size_t)size, f) == (size_t)size) {
            b.len = (size_t)size;
        } else {
            free(b.ptr);
            b.ptr = NULL;
        }
    }
    fclose(f);
    return b;
}

/* see test_backend_util.h */
tb_buf
tb_load_published_hex(const char *name)
{
    char rel[160], *text;
    tb_buf file, out = {NULL, 0};
    size_t i, n = 0;

    snprintf(rel, sizeof rel, "vectors/published/%s", name);
    file = tb_load(rel);
    if (file.ptr == NULL)
        return out;
    text = malloc(file.len + 1);
    if (text != NULL) {
        for (i = 0; i < file.len; i++)
            if (file.ptr[i] != '\n' && file.ptr[i] != '\r' && file.ptr[i] != ' ')
                text[n++] = (char)file.ptr[i];
        text[n] = '\0';
        out = tb_hex(text);
        free(text);
    }
    tb_free(&file);
    return out;
}

void
tb_free(tb_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = 0;
}

cmsfw_bytes
tb_view(tb_buf b)
{
    cmsfw_bytes v;

    v.ptr = b.ptr;
    v.len = b.len;
    return v;
}

cmsfw_bytes
tb_bytes(const uint8_t *p, size_t len)
{
    cmsfw_bytes v;

    v.ptr = p;
    v.len = len;
    return v;
}

int
tb_vectors(const char *rel, const char *last, tb_vector *out, int max)
{
    tb_buf file = tb_load(rel);
    char *line, *next, *eq;
    int count = 0;

    if (file.ptr == NULL)
        return -1;
    file.ptr[file.len] = '\0';
    memset(out, 0, sizeof *out * (size_t)max);
    for (line = (char *)file.ptr; line != NULL && count < max; line = next) {
        tb_vector *v = &out[count];

        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = '\0';
        if (line[0] == '#' || (eq = strchr(line, '=')) == NULL)
            continue;
        *eq = '\0';
        if (v->n < TB_MAX_FIELDS && strlen(line) < sizeof v->names[0]) {
            strcpy(v->names[v->n], line);
            v->values[v->n] = tb_hex(eq + 1);
            v->n++;
        }
        if (strcmp(line, last) == 0)
            count++;
    }
    if (count < max)
        tb_vectors_free(&out[count], 1);
    tb_free(&file);
    return count;
}

tb_buf
tb_field(const tb_vector *v, const char *name)
{
    tb_buf none = {NULL, 0};
    int i;

    for (i = 0; i < v->n; i++)
        if (strcmp(v->names[i], name) == 0)
            return v->values[i];
    return none;
}

void
tb_vectors_free(tb_vector *v, int n)
{
    int i, j;

    for (i = 0; i < n; i++) {
        for (j = 0; j < v[i].n; j++)
            tb_free(&v[i].values[j]);
        v[i].n = 0;
    }
}
