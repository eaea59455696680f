/*
 * stage_file.h: the host's stage (cmsfw_stage) and scratch space: memory
 * while small, a temporary file beyond TOOL_STAGE_MEM_MAX octets. The file
 * is unlinked as soon as it is created, so it disappears with the process
 * whatever way it ends (signals and crashes included). Memory is wiped on
 * close: after decryption it holds plain firmware.
 */
#ifndef CMSFW_TOOLS_STAGE_FILE_H
#define CMSFW_TOOLS_STAGE_FILE_H

#include <stddef.h>
#include <stdint.h>

#include <cmsfw/proc.h>

/* Largest content kept in memory; beyond it the stage moves to a file. */
#define TOOL_STAGE_MEM_MAX ((uint64_t)1 << 20)

typedef struct tool_stage {
    cmsfw_stage stage;  /* callbacks bound to this object */
    const char *dir;    /* where the file goes (NULL: $TMPDIR or /tmp) */
    int fd;             /* -1 while in memory */
    uint8_t *mem;
    size_t mem_cap;
    uint64_t size;      /* highest offset written + 1 */
    int error_reported;
} tool_stage;

/*
 * Start an empty stage. @p size_hint is the expected content size (0 when
 * unknown): at or above TOOL_STAGE_MEM_MAX the stage starts as a file.
 * @p dir is borrowed. Returns 0, or -1 after printing why.
 */
int tool_stage_open(tool_stage *s, const char *dir, uint64_t size_hint);

/* Wipe and release; safe to call twice. */
void tool_stage_close(tool_stage *s);

/* The directory part of @p path ("." when none), in @p buf. */
const char *tool_dir_of(const char *path, char *buf, size_t buf_len);

#endif
