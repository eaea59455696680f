/*
 * cmd_protect.c: `cmsfw protect`: build a signed (optionally compressed
 * and encrypted) firmware package from an image file.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmsfw/keys.h>
#include <cmsfw/protect.h>

#include "tools/commands.h"
#include "tools/outfile.h"
#include "tools/protect_args.h"
#include "tools/stage_file.h"

/* The image, read as the producer asks for it. */
typedef struct image_reader {
    int fd;
    const char *path;
} image_reader;

static int
image_read(void *io, uint8_t *p, size_t n, size_t *got)
{
    image_reader *r = io;
    ssize_t k;

    for (;;) {
        k = read(r->fd, p, n);
        if (k >= 0) {
            *got = (size_t)k;
            return 0;
        }
        if (errno != EINTR) {
            fprintf(stderr, "cmsfw protect: %s: %s\n", r->path, strerror(errno));
            return -1;
        }
    }
}

/* --outform pem: the DER package is collected here, then encoded. */
typedef struct mem_sink {
    uint8_t *p;
    size_t len, cap;
} mem_sink;

static int
mem_write(void *io, const uint8_t *p, size_t n)
{
    mem_sink *m = io;
    uint8_t *grown;
    size_t cap = m->cap;

    if (n > SIZE_MAX - m->len)
        return -1;
    while (cap - m->len < n)
        cap = cap == 0 ? 65536 : cap * 2;
    if (cap != m->cap) {
        if ((grown = realloc(m->p, cap)) == NULL)
            return -1;
        m->p = grown;
        m->cap = cap;
    }
    memcpy(m->p + m->len, p, n);
    m->len += n;
    return 0;
}

/* Encode the collected DER as "-----BEGIN CMS-----" text into @p out. */
static int
write_pem(tool_out *out, const mem_sink *m)
{
    cmsfw_bytes der = {m->p, m->len};
    uint8_t *text;
    size_t len = 0;
    int rc = -1;

    if (cmsfw_pem_encode("CMS", der, NULL, 0, &len) != CMSFW_OK)
        return -1;
    if ((text = malloc(len)) == NULL)
        return -1;
    if (cmsfw_pem_encode("CMS", der, text, len, &len) == CMSFW_OK)
        rc = tool_out_write(out, text, len);
    free(text);
    return rc;
}

static int
open_image(image_reader *r, const char *path, uint64_t *len)
{
    struct stat st;

    r->path = path;
    if ((r->fd = open(path, O_RDONLY)) < 0) {
        fprintf(stderr, "cmsfw protect: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(r->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "cmsfw protect: %s: not a regular file (the image length is "
                        "needed before the image)\n", path);
        close(r->fd);
        r->fd = -1;
        return -1;
    }
    *len = (uint64_t)st.st_size;
    return 0;
}

/* Exit status for a failure of the producer. */
static int
protect_failed(cmsfw_err e, const cmsfw_diag *diag)
{
    fprintf(stderr, "cmsfw protect: %s (%s)\n",
            diag->msg[0] != '\0' ? diag->msg : cmsfw_strerror(e), cmsfw_err_name(e));
    return e == CMSFW_E_IO ? 2 : 1;
}

static int
run(protect_args *a)
{
    image_reader img = {-1, NULL};
    cmsfw_reader reader;
    tool_stage scratch;
    tool_out out;
    mem_sink mem = {NULL, 0, 0};
    cmsfw_sink sink;
    cmsfw_diag diag = {""};
    char dirbuf[TOOL_PATH_MAX];
    uint64_t image_len = 0;
    cmsfw_err e;
    int rc = 2;

    memset(&scratch, 0, sizeof scratch);
    scratch.fd = -1;
    if (open_image(&img, a->in, &image_len) != 0)
        return 2;
    reader.read = image_read;
    reader.io = &img;
    if (tool_stage_open(&scratch, tool_dir_of(a->out, dirbuf, sizeof dirbuf),
                        a->opts.compress ? image_len : 0) != 0)
        goto done;
    if (tool_out_open(&out, a->out) != 0)
        goto done;
    if (a->pem) {
        sink.write = mem_write;
        sink.io = &mem;
    } else {
        sink = tool_out_sink(&out);
    }
    e = cmsfw_protect(&a->opts, &a->signer.s, &reader, image_len,
                      a->opts.compress ? &scratch.stage : NULL, &sink, &diag);
    if (e == CMSFW_OK && a->pem && write_pem(&out, &mem) != 0) {
        fprintf(stderr, "cmsfw protect: %s: cannot write the PEM text\n", a->out);
        e = CMSFW_E_IO;
    }
    if (e != CMSFW_OK) {
        rc = protect_failed(e, &diag);
        tool_out_discard(&out);
    } else {
        rc = tool_out_commit(&out) == 0 ? 0 : 2;
    }
done:
    free(mem.p);
    tool_stage_close(&scratch);
    close(img.fd);
    return rc;
}

int
cmd_protect(int argc, char **argv)
{
    tool_pool pool = {NULL};
    protect_args a;
    int rc;

    rc = protect_args_parse(&a, &pool, argc, argv);
    if (rc < 0)
        rc = run(&a);
    tool_signer_free(&a.signer);
    pool_free(&pool);
    return rc;
}
