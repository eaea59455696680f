/* engine.c: one set of calls over the full and the minimal profile. */
#include <stdio.h>
#include <stdlib.h>

#include "tools/engine.h"

const char *const tool_engine_limit_names[] = {
    "work", "depth", "size", "certificates", "signer", "layer", NULL
};

int
tool_engine_open(tool_engine *e, int minimal, size_t work_len, const cmsfw_device *dev,
                 const cmsfw_stage *stage)
{
    e->minimal = minimal;
    e->work_len = work_len;
    if (minimal)
        return engine_min_open(e, dev, stage);
    if ((e->proc = cmsfw_proc_new()) == NULL) {
        fprintf(stderr, "cmsfw verify: out of memory\n");
        return -1;
    }
    cmsfw_proc_init(e->proc, dev, stage);
    return 0;
}

cmsfw_err
tool_engine_push(tool_engine *e, const uint8_t *p, size_t n)
{
    return e->minimal ? engine_min_push(e, p, n) : cmsfw_proc_push(e->proc, p, n);
}

cmsfw_err
tool_engine_finish(tool_engine *e, cmsfw_result *res)
{
    return e->minimal ? engine_min_finish(e, res) : cmsfw_proc_finish(e->proc, res);
}

cmsfw_err
tool_engine_unwrap(tool_engine *e, const cmsfw_sink *sink)
{
    return e->minimal ? engine_min_unwrap(e, sink) : cmsfw_proc_unwrap(e->proc, sink);
}

const cmsfw_result *
tool_engine_result(const tool_engine *e)
{
    return e->minimal ? engine_min_result(e) : cmsfw_proc_result(e->proc);
}

const char *
tool_engine_reason(const tool_engine *e)
{
    return e->minimal ? engine_min_reason(e) : cmsfw_proc_reason(e->proc);
}

void
tool_engine_close(tool_engine *e)
{
    if (e->minimal) {
        engine_min_close(e);
    } else if (e->proc != NULL) {
        cmsfw_proc_delete(e->proc);
        e->proc = NULL;
    }
}
