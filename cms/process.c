/* process.c: cmsfw_process(), the whole-buffer convenience, staging in memory. */
#include <stdlib.h>
#include <string.h>

#include <cmsfw/proc.h>

#include "cms/diag.h"

/* A stage in memory. Its size is bounded by the package (the eContent is
 * part of it), so a whole-buffer caller already holds as much. */
struct mem_stage {
    uint8_t *buf;
    size_t cap;
    size_t len;
};

static int
mem_write(void *io, uint64_t off, const uint8_t *p, size_t n)
{
    struct mem_stage *m = io;
    size_t need;
    uint8_t *grown;

    if (off > SIZE_MAX - n)
        return -1;
    need = (size_t)off + n;
    if (need > m->cap) {
        size_t cap = m->cap == 0 ? 4096 : m->cap;
        while (cap < need)
            cap = cap > SIZE_MAX / 2 ? need : cap * 2;
        grown = realloc(m->buf, cap);
        if (grown == NULL)
            return -1;
        m->buf = grown;
        m->cap = cap;
    }
    memcpy(m->buf + off, p, n);
    if (need > m->len)
        m->len = need;
    return 0;
}

static int
mem_read(void *io, uint64_t off, uint8_t *p, size_t n)
{
    struct mem_stage *m = io;

    if (off > m->len || n > m->len - (size_t)off)
        return -1;
    memcpy(p, m->buf + off, n);
    return 0;
}

/* see cmsfw/proc.h */
cmsfw_err
cmsfw_process(const cmsfw_device *dev, const uint8_t *pkg, size_t len, const cmsfw_sink *sink,
              cmsfw_result *res, cmsfw_diag *reason)
{
    struct mem_stage mem = {NULL, 0, 0};
    cmsfw_stage stage;
    cmsfw_proc *p;
    cmsfw_err err;

    if (dev == NULL || (pkg == NULL && len > 0) || sink == NULL)
        return cmsfw__fail(reason, CMSFW_E_ARG, "missing argument");
    p = cmsfw_proc_new();
    if (p == NULL)
        return cmsfw__fail(reason, CMSFW_E_NOMEM, "out of memory");
    memset(&stage, 0, sizeof stage);
    stage.write = mem_write;
    stage.read = mem_read;
    stage.io = &mem;
    cmsfw_proc_init(p, dev, &stage);
    err = cmsfw_proc_push(p, pkg, len);
    if (err == CMSFW_OK)
        err = cmsfw_proc_finish(p, NULL);
    if (err == CMSFW_OK)
        err = cmsfw_proc_unwrap(p, sink);
    if (res != NULL) {
        *res = *cmsfw_proc_result(p);
        /* views into the processor's memory die with it */
        memset(&res->pkg_id, 0, sizeof res->pkg_id);
        res->has_pkg_id = 0;
        memset(&res->trust_anchor_key_id, 0, sizeof res->trust_anchor_key_id);
        memset(&res->decrypt_key_id, 0, sizeof res->decrypt_key_id);
    }
    if (reason != NULL && err != CMSFW_OK)
        (void)cmsfw__fail(reason, err, "%s", cmsfw_proc_reason(p));
    cmsfw_proc_delete(p);
    if (mem.buf != NULL) {
        memset(mem.buf, 0, mem.cap);
        free(mem.buf);
    }
    return err;
}
