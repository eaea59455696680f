/*
 * verify.h: `cmsfw verify`, split in two: cmd_verify.c reads the flags into
 * a verify_args, verify_run.c processes the package as a device does and
 * writes the outputs.
 */
#ifndef CMSFW_TOOLS_VERIFY_H
#define CMSFW_TOOLS_VERIFY_H

#include <cmsfw/proc.h>

#include "tools/device.h"
#include "tools/signer.h"
#include "tools/state.h"

/* Default and largest --chunk-size. */
#define VERIFY_CHUNK_DEFAULT ((size_t)64 * 1024)
#define VERIFY_CHUNK_MAX ((size_t)16 * 1024 * 1024)

typedef struct verify_args {
    const char *pkg;          /* path, "-" for standard input */
    const char *out;          /* --out */
    const char *receipt;      /* --receipt */
    const char *error_report; /* --error-report */
    const char *state_path;   /* --state */
    int json;
    size_t chunk;
    tool_device device;       /* flags (and state) as a cmsfw_device */
    tool_state state;         /* the state file's own entries */
    int have_signer;
    tool_signer signer;       /* --sign-key / --sign-cert */
    int minimal;              /* --minimal: the minimal profile processes it */
    size_t work_size;         /* --work-size: its work buffer */
} verify_args;

/* Process the package and write every output; returns the exit status
 * (0 accepted, 1 rejected, 2 usage or I/O). */
int verify_run(verify_args *a);

#endif
