/*
 * protect_buffer.c: cmsfw_protect_buffer(), cmsfw_protect() over memory:
 * the image is read from the caller's buffer, the compressed stream
 * staged in a growing buffer, and the package collected in another.
 */
#include <stdlib.h>
#include <string.h>

#include "cms/diag.h"
#include "cms/pem.h"
#include "cms/protect_priv.h"

/* A buffer that grows (doubling) as it is written. It may hold the
 * (compressed) image in clear, so growing copies and wipes rather than
 * leaving realloc() to free an unwiped block. */
typedef struct membuf {
    uint8_t *p;
    size_t len, cap;
} membuf;

static int
membuf_reserve(membuf *m, size_t need)
{
    size_t cap = m->cap != 0 ? m->cap : 4096;
    uint8_t *p;

    if (need <= m->cap)
        return 0;
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    p = malloc(cap);
    if (p == NULL)
        return -1;
    if (m->p != NULL) {
        memcpy(p, m->p, m->len);
        cmsfw__key_wipe(m->p, m->cap);
        free(m->p);
    }
    m->p = p;
    m->cap = cap;
    return 0;
}

static void
membuf_free(membuf *m)
{
    if (m->p != NULL) {
        cmsfw__key_wipe(m->p, m->cap);
        free(m->p);
    }
    memset(m, 0, sizeof *m);
}

/* The image, read from memory. */
typedef struct memreader {
    cmsfw_bytes image;
    size_t pos;
} memreader;

static int
mem_read(void *io, uint8_t *p, size_t n, size_t *got)
{
    memreader *r = io;
    size_t left = r->image.len - r->pos;

    *got = n < left ? n : left;
    if (*got > 0)
        memcpy(p, r->image.ptr + r->pos, *got);
    r->pos += *got;
    return 0;
}

static int
sink_write(void *io, const uint8_t *p, size_t n)
{
    membuf *m = io;

    if (n > SIZE_MAX - m->len || membuf_reserve(m, m->len + n) != 0)
        return -1;
    memcpy(m->p + m->len, p, n);
    m->len += n;
    return 0;
}

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    membuf *m = io;

    if (off > SIZE_MAX || n > SIZE_MAX - (size_t)off || membuf_reserve(m, (size_t)off + n) != 0)
        return -1;
    memcpy(m->p + off, p, n);
    if ((size_t)off + n > m->len)
        m->len = (size_t)off + n;
    return 0;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    const membuf *m = io;

    if (off > m->len || n > m->len - (size_t)off)
        return -1;
    memcpy(p, m->p + off, n);
    return 0;
}

/* see cmsfw/protect.h */
cmsfw_err
cmsfw_protect_buffer(const cmsfw_protect_opts *opts, const cmsfw_signer *signer,
                     cmsfw_bytes image, uint8_t **pkg, size_t *pkg_len, cmsfw_diag *diag)
{
    memreader r;
    membuf staged, out;
    cmsfw_reader reader;
    cmsfw_stage stage;
    cmsfw_sink sink;
    cmsfw_err err = CMSFW_E_ARG;

    if (pkg == NULL || pkg_len == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no output");
    *pkg = NULL;
    *pkg_len = 0;
    if (image.ptr == NULL)
        return cmsfw__fail(diag, CMSFW_E_ARG, "no image");
    memset(&staged, 0, sizeof staged);
    memset(&stage, 0, sizeof stage);
    memset(&out, 0, sizeof out);
    r.image = image;
    r.pos = 0;
    reader.read = mem_read;
    reader.io = &r;
    stage.write = stage_write;
    stage.read = stage_read;
    stage.io = &staged;
    sink.write = sink_write;
    sink.io = &out;
    err = cmsfw_protect(opts, signer, &reader, image.len, &stage, &sink, diag);
    membuf_free(&staged);
    if (err != CMSFW_OK) {
        membuf_free(&out);
        return err == CMSFW_E_IO ? cmsfw__fail(diag, CMSFW_E_NOMEM, "out of memory") : err;
    }
    *pkg = out.p;
    *pkg_len = out.len;
    return CMSFW_OK;
}
