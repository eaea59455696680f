/* engine_nomin.c: a build without the minimal profile (configure
 * --enable-minimal adds it): --minimal is refused with that reason. */
#include <stdio.h>

#include "tools/engine.h"

size_t
tool_engine_work_min(void)
{
    return 0;
}

size_t
tool_engine_work_default(void)
{
    return 0;
}

int
engine_min_open(tool_engine *e, const cmsfw_device *dev, const cmsfw_stage *stage)
{
    (void)e;
    (void)dev;
    (void)stage;
    fprintf(stderr, "cmsfw verify: --minimal: this cmsfw was built without the minimal "
                    "profile (configure --enable-minimal)\n");
    return -1;
}

cmsfw_err
engine_min_push(tool_engine *e, const uint8_t *p, size_t n)
{
    (void)e;
    (void)p;
    (void)n;
    return CMSFW_E_STATE;
}

cmsfw_err
engine_min_finish(tool_engine *e, cmsfw_result *res)
{
    (void)e;
    (void)res;
    return CMSFW_E_STATE;
}

cmsfw_err
engine_min_unwrap(tool_engine *e, const cmsfw_sink *sink)
{
    (void)e;
    (void)sink;
    return CMSFW_E_STATE;
}

const cmsfw_result *
engine_min_result(const tool_engine *e)
{
    (void)e;
    return NULL;
}

const char *
engine_min_reason(const tool_engine *e)
{
    (void)e;
    return "";
}

void
engine_min_close(tool_engine *e)
{
    (void)e;
}

uint32_t
tool_engine_limits(const tool_engine *e)
{
    (void)e;
    return 0;
}

size_t
tool_engine_work_used(const tool_engine *e)
{
    (void)e;
    return 0;
}

int
tool_engine_min_report(const tool_engine *e, const char *path, cmsfw_err code)
{
    (void)e;
    (void)path;
    (void)code;
    return -1;
}
