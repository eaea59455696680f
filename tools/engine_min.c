/* engine_min.c: the minimal profile behind tools/engine.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmsfw/keys.h>
#include <cmsfw/minimal.h>

#include "tools/engine.h"
#include "tools/outfile.h"

size_t
tool_engine_work_min(void)
{
    return cmsfw_min_work_min();
}

size_t
tool_engine_work_default(void)
{
    return CMSFW_MIN_WORK_DEFAULT;
}

/* A device of the minimal profile holds its anchors as a public key and a
 * key identifier, not as certificates: an anchor given by its certificate
 * is provisioned with the certificate's subjectKeyIdentifier (when it has
 * one; otherwise the profile derives the identifier from the key). */
static int
provision(tool_engine *e, const cmsfw_device *dev)
{
    cmsfw_anchor *a;
    cmsfw_key cert;
    size_t i;

    e->dev = *dev;
    if (dev->n_anchors == 0)
        return 0;
    if ((a = calloc(dev->n_anchors, sizeof *a)) == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        return -1;
    }
    for (i = 0; i < dev->n_anchors; i++) {
        a[i] = dev->anchors[i];
        a[i].cert.ptr = NULL;
        a[i].cert.len = 0;
        if (dev->anchors[i].key_id.ptr == NULL && dev->anchors[i].cert.ptr != NULL &&
            cmsfw_key_parse(&cert, dev->anchors[i].cert, CMSFW_KEY_CERTIFICATE, NULL) ==
                CMSFW_OK &&
            cert.ski.ptr != NULL)
            a[i].key_id = cert.ski;
    }
    e->anchors = a;
    e->dev.anchors = a;
    return 0;
}

int
engine_min_open(tool_engine *e, const cmsfw_device *dev, const cmsfw_stage *stage)
{
    if (e->work_len < cmsfw_min_work_min()) {
        fprintf(stderr, "cmsfw verify: --work-size must be at least %lu\n",
                (unsigned long)cmsfw_min_work_min());
        return -1;
    }
    if (provision(e, dev) != 0)
        return -1;
    if ((e->work = malloc(e->work_len)) == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        engine_min_close(e);
        return -1;
    }
    if ((e->min = cmsfw_min_init(e->work, e->work_len, &e->dev, stage)) == NULL) {
        fprintf(stderr, "cmsfw verify: the minimal processor refused its work buffer\n");
        engine_min_close(e);
        return -1;
    }
    return 0;
}

cmsfw_err
engine_min_push(tool_engine *e, const uint8_t *p, size_t n)
{
    return cmsfw_min_push(e->min, p, n);
}

cmsfw_err
engine_min_finish(tool_engine *e, cmsfw_result *res)
{
    return cmsfw_min_finish(e->min, res);
}

cmsfw_err
engine_min_unwrap(tool_engine *e, const cmsfw_sink *sink)
{
    return cmsfw_min_unwrap(e->min, sink);
}

const cmsfw_result *
engine_min_result(const tool_engine *e)
{
    return e->min != NULL ? cmsfw_min_result(e->min) : NULL;
}

const char *
engine_min_reason(const tool_engine *e)
{
    return e->min != NULL ? cmsfw_min_reason(e->min) : "";
}

void
engine_min_close(tool_engine *e)
{
    if (e->min != NULL)
        cmsfw_min_end(e->min);
    e->min = NULL;
    free(e->work);
    e->work = NULL;
    free(e->anchors);
    e->anchors = NULL;
}

uint32_t
tool_engine_limits(const tool_engine *e)
{
    return e->minimal && e->min != NULL ? cmsfw_min_limits(e->min) : 0;
}

size_t
tool_engine_work_used(const tool_engine *e)
{
    return e->minimal && e->min != NULL ? cmsfw_min_work_used(e->min) : 0;
}

int
tool_engine_min_report(const tool_engine *e, const char *path, cmsfw_err code)
{
    uint8_t *out;
    size_t len = 0;
    cmsfw_err r;
    int rc;

    /* a size query first: the report is small, but its size depends on the
     * package name and the device's serial */
    r = code == CMSFW_OK ? cmsfw_min_receipt(e->min, NULL, 0, &len)
                         : cmsfw_min_error_report(e->min, code, NULL, 0, &len);
    if (r != CMSFW_E_BUFFER && r != CMSFW_OK) {
        fprintf(stderr, "cmsfw verify: %s: %s\n", path, cmsfw_strerror(r));
        return -1;
    }
    if ((out = malloc(len > 0 ? len : 1)) == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        return -1;
    }
    r = code == CMSFW_OK ? cmsfw_min_receipt(e->min, out, len, &len)
                         : cmsfw_min_error_report(e->min, code, out, len, &len);
    if (r != CMSFW_OK) {
        fprintf(stderr, "cmsfw verify: %s: %s\n", path, cmsfw_strerror(r));
        free(out);
        return -1;
    }
    rc = tool_out_write_file(path, out, len);
    free(out);
    return rc;
}
