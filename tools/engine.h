/*
 * engine.h: the processor `cmsfw verify` drives: the full profile
 * (cmsfw/proc.h) or, with --minimal, the minimal profile (cmsfw/minimal.h)
 * in one work buffer. The two have the same calls; this hides which one
 * runs. The minimal side lives in engine_min.c, or engine_nomin.c in a
 * build without the profile.
 */
#ifndef CMSFW_TOOLS_ENGINE_H
#define CMSFW_TOOLS_ENGINE_H

#include <cmsfw/proc.h>

typedef struct tool_engine {
    int minimal;
    cmsfw_proc *proc;   /* full profile */
    void *min;          /* minimal profile: the processor, inside work */
    uint8_t *work;
    size_t work_len;
    cmsfw_device dev;       /* minimal profile: the device as provisioned */
    cmsfw_anchor *anchors;  /* its anchors (key and key identifier) */
} tool_engine;

/* Start a processor; 0, or -1 after printing why (no memory, a work
 * buffer below the profile's minimum, no minimal profile in this build). */
int tool_engine_open(tool_engine *e, int minimal, size_t work_len, const cmsfw_device *dev,
                     const cmsfw_stage *stage);
cmsfw_err tool_engine_push(tool_engine *e, const uint8_t *p, size_t n);
cmsfw_err tool_engine_finish(tool_engine *e, cmsfw_result *res);
cmsfw_err tool_engine_unwrap(tool_engine *e, const cmsfw_sink *sink);
const cmsfw_result *tool_engine_result(const tool_engine *e);
const char *tool_engine_reason(const tool_engine *e);
/* Release the processor (and the work buffer); safe on a closed engine. */
void tool_engine_close(tool_engine *e);

/* Minimal profile only (0 for the full one): CMSFW_MIN_LIMIT_* bits of the
 * verdict, and the work buffer's high-water mark. */
uint32_t tool_engine_limits(const tool_engine *e);
size_t tool_engine_work_used(const tool_engine *e);
/* Names of the CMSFW_MIN_LIMIT_* bits, in bit order, NULL-terminated. */
extern const char *const tool_engine_limit_names[];

/* The minimal profile's own receipt (@p code CMSFW_OK) or error report,
 * unsigned, in a ContentInfo, written atomically to @p path; 0 or -1
 * after printing why. */
int tool_engine_min_report(const tool_engine *e, const char *path, cmsfw_err code);

/* Smallest and default --work-size of this build (0 without the profile). */
size_t tool_engine_work_min(void);
size_t tool_engine_work_default(void);

/* Minimal-profile hooks, from engine_min.c or engine_nomin.c. */
int engine_min_open(tool_engine *e, const cmsfw_device *dev, const cmsfw_stage *stage);
cmsfw_err engine_min_push(tool_engine *e, const uint8_t *p, size_t n);
cmsfw_err engine_min_finish(tool_engine *e, cmsfw_result *res);
cmsfw_err engine_min_unwrap(tool_engine *e, const cmsfw_sink *sink);
const cmsfw_result *engine_min_result(const tool_engine *e);
const char *engine_min_reason(const tool_engine *e);
void engine_min_close(tool_engine *e);

#endif
