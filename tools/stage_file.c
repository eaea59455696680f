/* stage_file.c: memory-then-file stage for the processor and the producer. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/outfile.h"
#include "tools/stage_file.h"

static void
wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;

    while (n-- > 0)
        *v++ = 0;
}

/* Create the file, unlinked at once: nothing to clean up later. */
static int
make_file(tool_stage *s)
{
    const char *dir = s->dir;
    char name[TOOL_PATH_MAX];
    int n;

    if (dir == NULL || dir[0] == '\0')
        dir = getenv("TMPDIR");
    if (dir == NULL || dir[0] == '\0')
        dir = "/tmp";
    n = snprintf(name, sizeof name, "%s/.cmsfw-stage.XXXXXX", dir);
    if (n < 0 || (size_t)n >= sizeof name) {
        fprintf(stderr, "cmsfw: %s: directory name too long for the stage file\n", dir);
        return -1;
    }
    s->fd = mkstemp(name);
    if (s->fd < 0) {
        fprintf(stderr, "cmsfw: stage file in %s: %s\n", dir, strerror(errno));
        return -1;
    }
    (void)unlink(name);
    return 0;
}

static int
pwrite_all(int fd, uint64_t off, const uint8_t *p, size_t n)
{
    ssize_t w;

    while (n > 0) {
        w = pwrite(fd, p, n, (off_t)off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

/* Move what memory holds into a new file. */
static int
spill(tool_stage *s)
{
    if (make_file(s) != 0)
        return -1;
    if (s->size > 0 && pwrite_all(s->fd, 0, s->mem, (size_t)s->size) != 0) {
        fprintf(stderr, "cmsfw: stage file: %s\n", strerror(errno));
        return -1;
    }
    wipe(s->mem, s->mem_cap);
    free(s->mem);
    s->mem = NULL;
    s->mem_cap = 0;
    return 0;
}

static int
mem_reserve(tool_stage *s, uint64_t end)
{
    size_t cap = s->mem_cap == 0 ? 4096 : s->mem_cap;
    uint8_t *grown;

    while ((uint64_t)cap < end)
        cap *= 2;
    if (cap == s->mem_cap)
        return 0;
    /* not realloc(): the old block may hold plain firmware and is wiped */
    if ((grown = calloc(1, cap)) == NULL)
        return -1;
    if (s->mem != NULL) {
        memcpy(grown, s->mem, (size_t)s->size);
        wipe(s->mem, s->mem_cap);
        free(s->mem);
    }
    s->mem = grown;
    s->mem_cap = cap;
    return 0;
}

/* The fd a plain image is staged in, or -1. */
static int
image_fd(const tool_stage *s)
{
    return s->image == TOOL_IMAGE_TO_OUT ? s->out.fd : -1;
}

static int
stage_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    tool_stage *s = io;
    uint64_t end = off + n;
    int rc = -1;

    if (end < off)
        return -1;
    if (image_fd(s) >= 0) {
        /* the processor stages sequentially; anything else waits for the
         * queued octets and writes in place */
        if (off == s->out.written)
            rc = tool_out_write(&s->out, p, n);
        else if ((rc = tool_out_drain(&s->out)) == 0 &&
                 (rc = pwrite_all(image_fd(s), off, p, n)) != 0)
            fprintf(stderr, "cmsfw: %s: %s\n", s->out.path, strerror(errno));
        if (rc == 0 && end > s->size)
            s->size = end;
        return rc;
    }
    if (s->fd < 0 && end > TOOL_STAGE_MEM_MAX && spill(s) != 0)
        return -1;
    if (s->fd >= 0) {
        rc = pwrite_all(s->fd, off, p, n);
        if (rc != 0 && !s->error_reported) {
            fprintf(stderr, "cmsfw: stage file: %s\n", strerror(errno));
            s->error_reported = 1;
        }
    } else if (mem_reserve(s, end) == 0) {
        memcpy(s->mem + off, p, n);
        rc = 0;
    } else {
        fputs("cmsfw: out of memory for the stage\n", stderr);
    }
    if (rc == 0 && end > s->size)
        s->size = end;
    return rc;
}

static int
stage_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    tool_stage *s = io;
    ssize_t r;

    int fd = image_fd(s) >= 0 ? image_fd(s) : s->fd;

    if (off + n < off || off + n > s->size)
        return -1;
    if (image_fd(s) >= 0 && tool_out_drain(&s->out) != 0)
        return -1;
    if (fd < 0) {
        memcpy(p, s->mem + off, n);
        return 0;
    }
    while (n > 0) {
        r = pread(fd, p, n, (off_t)off);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

/* cmsfw_stage.image: the eContent is the image. */
static int
stage_image(void *io)
{
    tool_stage *s = io;

    if (s->may_skip) {
        s->image = TOOL_IMAGE_SKIPPED;
        return CMSFW_STAGE_SKIP;
    }
    /* Nothing has been written yet. When the output cannot be created the
     * image is staged as usual, and the same open fails again, with its
     * message, where the sink would have been opened. */
    if (s->image_path != NULL && s->size == 0 && tool_out_open(&s->out, s->image_path) == 0)
        s->image = TOOL_IMAGE_TO_OUT;
    return CMSFW_STAGE_KEEP;
}

/* cmsfw_stage.adopt: every check passed; the staged octets are the image. */
static int
stage_adopt(void *io, uint64_t len)
{
    tool_stage *s = io;

    if (s->image != TOOL_IMAGE_TO_OUT || len != s->size)
        return -1;
    s->adopted = 1;
    return 0;
}

void
tool_stage_plain(tool_stage *s, const char *out_path, int may_skip)
{
    s->image_path = out_path;
    s->may_skip = may_skip;
    s->stage.image = stage_image;
    if (out_path != NULL)
        s->stage.adopt = stage_adopt;
}

int
tool_stage_commit(tool_stage *s)
{
    if (!s->adopted) {
        if (s->out.tmp[0] != '\0')
            tool_out_discard(&s->out);
        return -1;
    }
    s->adopted = 0;
    s->image = TOOL_IMAGE_NONE;
    return tool_out_commit(&s->out);
}

int
tool_stage_open(tool_stage *s, const char *dir, uint64_t size_hint)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->out.fd = -1;
    s->dir = dir;
    s->stage.discard = NULL; /* the file is unlinked already */
    s->stage.write = stage_write;
    s->stage.read = stage_read;
    s->stage.io = s;
    if (size_hint >= TOOL_STAGE_MEM_MAX)
        return make_file(s);
    return 0;
}

void
tool_stage_close(tool_stage *s)
{
    if (s->out.tmp[0] != '\0') /* opened and not committed */
        tool_out_discard(&s->out);
    s->image = TOOL_IMAGE_NONE;
    s->adopted = 0;
    if (s->mem != NULL) {
        wipe(s->mem, s->mem_cap);
        free(s->mem);
        s->mem = NULL;
        s->mem_cap = 0;
    }
    if (s->fd >= 0) {
        /* The file is already unlinked; its blocks are not overwritten,
         * which journaling and copy-on-write file systems would not
         * honour anyway. Put $TMPDIR on an encrypted or RAM file system
         * when decrypted firmware must not reach disk. */
        close(s->fd);
        s->fd = -1;
    }
    s->size = 0;
}

const char *
tool_dir_of(const char *path, char *buf, size_t buf_len)
{
    const char *slash = strrchr(path, '/');
    size_t n;

    if (slash == NULL)
        n = 0;
    else if (slash == path)
        n = 1;
    else
        n = (size_t)(slash - path);
    if (n == 0 || n >= buf_len) {
        snprintf(buf, buf_len, ".");
        return buf;
    }
    memcpy(buf, path, n);
    buf[n] = '\0';
    return buf;
}
